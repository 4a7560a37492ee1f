/* Save, load and import without an engine: the tar walk's verdicts (whole, truncated anywhere,
 * without manifest, broken headers; pax, GNU and base-256 headers made by hand), an archive
 * file read as a plain tar (gzip, truncated, not a tar), a directory made into a tar, default
 * file names, the import query and its --change checks, and the engine's load and import
 * answers (tests/fixtures/capture-load.sh). */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <archive.h>
#include <archive_entry.h>

#include "archive_dir.h"
#include "archive_import.h"
#include "archive_load.h"
#include "archive_save.h"
#include "archive_stream.h"
#include "strbuf.h"
#include "tar_walk.h"
#include "xalloc.h"

#include "fixture.h"

/* ---- archives made for the tests ------------------------------------------------------ */

struct file {
	const char *name;
	char type;		/* 'f' file, 'd' directory, 'l' symlink to target, 'h' hard link */
	size_t size;		/* file: that many bytes (never a whole zero block) */
	const char *target;
};

/* A tar made by libarchive in format (ARCHIVE_FORMAT_TAR_*), padded to 10240 as tar does. */
static void
make_tar(struct strbuf *sb, int format, const struct file *files, size_t n)
{
	struct archive *a = archive_write_new();
	ck_assert_int_eq(archive_write_set_format(a, format), ARCHIVE_OK);
	size_t cap = 4 * 1024 * 1024, used = 0;
	char *buf = xmalloc(cap);
	ck_assert_int_eq(archive_write_open_memory(a, buf, cap, &used), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *e = archive_entry_new();
		archive_entry_set_pathname(e, files[i].name);
		archive_entry_set_mtime(e, 1700000000, 0);
		switch (files[i].type) {
		case 'd':
			archive_entry_set_filetype(e, AE_IFDIR);
			archive_entry_set_perm(e, 0755);
			break;
		case 'l':
			archive_entry_set_filetype(e, AE_IFLNK);
			archive_entry_set_perm(e, 0777);
			archive_entry_set_symlink(e, files[i].target);
			break;
		case 'h':
			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_perm(e, 0644);
			archive_entry_set_hardlink(e, files[i].target);
			break;
		default:
			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_perm(e, 0644);
			archive_entry_set_size(e, (la_int64_t)files[i].size);
			break;
		}
		ck_assert_int_ge(archive_write_header(a, e), ARCHIVE_WARN);
		if (files[i].type == 'f') {
			char *data = xmalloc(files[i].size + 1);
			for (size_t k = 0; k < files[i].size; k++)
				data[k] = (char)('a' + (i + k) % 26);
			ck_assert_int_eq(archive_write_data(a, data, files[i].size), (la_ssize_t)files[i].size);
			free(data);
		}
		archive_entry_free(e);
	}
	ck_assert_int_eq(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	sb_reset(sb);
	sb_append(sb, buf, used);
	free(buf);
}

static char long_name[220];

static const struct file image_files[] = {
	{ "blobs/", 'd', 0, NULL },
	{ "blobs/sha256/", 'd', 0, NULL },
	{ "blobs/sha256/0123abcd", 'f', 1500, NULL },
	{ "blobs/sha256/empty", 'f', 0, NULL },
	{ "blobs/link", 'l', 0, "sha256/0123abcd" },
	{ "blobs/hard", 'h', 0, "blobs/sha256/0123abcd" },
	{ long_name, 'f', 700, NULL },
	{ "index.json", 'f', 300, NULL },
	{ "manifest.json", 'f', 120, NULL },
	{ "repositories", 'f', 60, NULL },
};
#define NFILES (sizeof(image_files) / sizeof(image_files[0]))

/* Where the end-of-archive starts: the first block from which everything is zero. */
static size_t
eoa_start(const struct strbuf *sb)
{
	size_t end = sb->len;
	while (end >= 512) {
		bool zero = true;
		for (size_t i = end - 512; i < end; i++)
			if (sb->buf[i]) {
				zero = false;
				break;
			}
		if (!zero)
			break;
		end -= 512;
	}
	return end;
}

static void
setup_names(void)
{
	memset(long_name, 'n', sizeof(long_name) - 1);
	memcpy(long_name, "dir/", 4);
	long_name[150] = '/';
	long_name[sizeof(long_name) - 1] = '\0';
}

/* ---- the walk -------------------------------------------------------------------------- */

static const int formats[] = { ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FORMAT_TAR_GNUTAR,
			       ARCHIVE_FORMAT_TAR_PAX_INTERCHANGE };
static const size_t chunks[] = { 1, 7, 511, 512, 513, 4096, 1 << 20 };

START_TEST(whole_archives_pass)
{
	struct strbuf tar = STRBUF_INIT, out = STRBUF_INIT;
	make_tar(&tar, formats[_i], image_files, NFILES);
	size_t eoa = eoa_start(&tar);
	ck_assert_uint_gt(tar.len, eoa);
	for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		struct tar_walk w;
		tar_walk_init(&w);
		sb_reset(&out);
		for (size_t at = 0; at < tar.len; at += chunks[c]) {
			size_t n = tar.len - at < chunks[c] ? tar.len - at : chunks[c];
			ck_assert_msg(tar_walk_feed(&w, tar.buf + at, n, &out), "%s", w.error);
			/* never more than what precedes the end-of-archive */
			ck_assert_uint_le(out.len, eoa);
		}
		ck_assert_uint_eq(out.len, eoa);
		ck_assert(w.ended);
		ck_assert(w.manifest);
		ck_assert(w.index);
		ck_assert_uint_eq(w.entries, NFILES);
		ck_assert(tar_walk_finish(&w, true, &out));
		ck_assert_uint_eq(out.len, eoa + 1024);
		ck_assert_mem_eq(out.buf, tar.buf, eoa);
		for (size_t i = eoa; i < out.len; i++)
			ck_assert_int_eq(out.buf[i], 0);
		tar_walk_free(&w);
	}
	sb_free(&tar);
	sb_free(&out);
}
END_TEST

START_TEST(truncated_anywhere)
{
	struct strbuf tar = STRBUF_INIT, out = STRBUF_INIT;
	make_tar(&tar, formats[_i], image_files, NFILES);
	size_t eoa = eoa_start(&tar);
	for (size_t cut = 0; cut <= eoa; cut += (cut % 512 == 0) ? 37 : 475) {
		struct tar_walk w;
		tar_walk_init(&w);
		sb_reset(&out);
		ck_assert(tar_walk_feed(&w, tar.buf, cut, &out));
		ck_assert_msg(!tar_walk_finish(&w, false, &out), "cut at %zu passed", cut);
		if (cut == 0)
			ck_assert_str_eq(w.error, "empty archive");
		else if (cut < 512)
			ck_assert_str_eq(w.error, "not a tar archive");
		else
			ck_assert_msg(strncmp(w.error, "truncated archive: ", 19) == 0, "%zu: %s", cut, w.error);
		ck_assert_uint_le(out.len, cut);
		tar_walk_free(&w);
	}
	/* the cut right before the end-of-archive: every entry is whole, the end is missing */
	struct tar_walk w;
	tar_walk_init(&w);
	ck_assert(tar_walk_feed(&w, tar.buf, eoa, NULL));
	ck_assert(!tar_walk_finish(&w, true, NULL));
	ck_assert_str_eq(w.error, "truncated archive: no end-of-archive marker after 10 entries");
	tar_walk_free(&w);
	/* one zero block is an end for Go's reader: accepted */
	tar_walk_init(&w);
	ck_assert(tar_walk_feed(&w, tar.buf, eoa + 512, NULL));
	ck_assert(tar_walk_finish(&w, true, NULL));
	tar_walk_free(&w);
	sb_free(&tar);
	sb_free(&out);
}
END_TEST

START_TEST(truncated_inside_names_the_entry)
{
	struct strbuf tar = STRBUF_INIT;
	make_tar(&tar, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, image_files, NFILES);
	struct tar_walk w;
	tar_walk_init(&w);
	/* headers for blobs/, blobs/sha256/, the file's header, and 100 bytes of it */
	ck_assert(tar_walk_feed(&w, tar.buf, 3 * 512 + 100, NULL));
	ck_assert(!tar_walk_finish(&w, false, NULL));
	ck_assert_str_eq(w.error, "truncated archive: it ends inside blobs/sha256/0123abcd");
	tar_walk_free(&w);
	sb_free(&tar);
}
END_TEST

START_TEST(manifest_required)
{
	static const struct file none[] = { { "a", 'f', 10, NULL }, { "sub/manifest.json", 'f', 5, NULL },
					    { "manifest.json.bak", 'f', 5, NULL }, { "manifest.json", 'd', 0, NULL } };
	static const struct file dot[] = { { "./", 'd', 0, NULL }, { "./manifest.json", 'f', 10, NULL } };
	static const struct file oci[] = { { "oci-layout", 'f', 30, NULL }, { "index.json", 'f', 10, NULL } };
	struct strbuf tar = STRBUF_INIT;
	struct tar_walk w;

	make_tar(&tar, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, none, 4);
	tar_walk_init(&w);
	ck_assert(tar_walk_feed(&w, tar.buf, tar.len, NULL));
	ck_assert(!tar_walk_finish(&w, true, NULL));
	ck_assert_str_eq(w.error, "not an image archive: no manifest.json");
	tar_walk_free(&w);
	/* an import takes any tar */
	tar_walk_init(&w);
	ck_assert(tar_walk_feed(&w, tar.buf, tar.len, NULL));
	ck_assert(tar_walk_finish(&w, false, NULL));
	tar_walk_free(&w);

	make_tar(&tar, ARCHIVE_FORMAT_TAR_USTAR, dot, 2);
	tar_walk_init(&w);
	ck_assert(tar_walk_feed(&w, tar.buf, tar.len, NULL));
	ck_assert(tar_walk_finish(&w, true, NULL));
	ck_assert(w.manifest);
	tar_walk_free(&w);

	make_tar(&tar, ARCHIVE_FORMAT_TAR_USTAR, oci, 2);
	tar_walk_init(&w);
	ck_assert(tar_walk_feed(&w, tar.buf, tar.len, NULL));
	ck_assert(tar_walk_finish(&w, true, NULL));
	ck_assert(w.index && !w.manifest);
	tar_walk_free(&w);
	sb_free(&tar);
}
END_TEST

START_TEST(broken_headers)
{
	struct strbuf tar = STRBUF_INIT, out = STRBUF_INIT;
	make_tar(&tar, ARCHIVE_FORMAT_TAR_USTAR, image_files + 2, 2);	/* a 1500-byte file, then one empty */
	struct tar_walk w;

	/* the second header's checksum no longer matches */
	size_t second = 512 + 1536;
	tar.buf[second + 5] ^= 0x20;
	tar_walk_init(&w);
	ck_assert(!tar_walk_feed(&w, tar.buf, tar.len, &out));
	ck_assert_str_eq(w.error, "corrupt archive: invalid tar header at byte 2048");
	ck_assert_uint_eq(out.len, second);
	ck_assert(!tar_walk_feed(&w, "x", 1, &out));
	size_t len;
	const unsigned char *rej = tar_walk_rejected(&w, &len);
	ck_assert_uint_eq(len, 512);
	ck_assert_mem_eq(rej, tar.buf + second, 512);
	tar_walk_free(&w);
	tar.buf[second + 5] ^= 0x20;

	/* not a tar at all */
	sb_reset(&out);
	tar_walk_init(&w);
	char junk[1024];
	memset(junk, 'j', sizeof(junk));
	ck_assert(!tar_walk_feed(&w, junk, sizeof(junk), &out));
	ck_assert_str_eq(w.error, "not a tar archive");
	ck_assert_uint_eq(out.len, 0);
	tar_walk_free(&w);

	/* a zero block, then a header: Go refuses it */
	struct strbuf odd = STRBUF_INIT;
	sb_append(&odd, tar.buf, second);
	char zero[512] = { 0 };
	sb_append(&odd, zero, 512);
	sb_append(&odd, tar.buf + second, tar.len - second);
	tar_walk_init(&w);
	ck_assert(!tar_walk_feed(&w, odd.buf, odd.len, NULL));
	ck_assert_str_eq(w.error, "corrupt archive: invalid tar header at byte 2048");
	tar_walk_free(&w);
	sb_free(&odd);
	sb_free(&tar);
	sb_free(&out);
}
END_TEST

/* A ustar header by hand: size_field NULL writes size in octal. */
static void
header(struct strbuf *sb, const char *name, char type, unsigned long long size, const unsigned char *size_field)
{
	unsigned char b[512] = { 0 };
	memcpy(b, name, strlen(name) < 100 ? strlen(name) : 100);
	memcpy(b + 100, "0000644", 7);
	memcpy(b + 108, "0000000", 7);
	memcpy(b + 116, "0000000", 7);
	if (size_field)
		memcpy(b + 124, size_field, 12);
	else
		snprintf((char *)b + 124, 12, "%011llo", size);
	memcpy(b + 136, "14540000000", 11);
	b[156] = (unsigned char)type;
	memcpy(b + 257, "ustar", 6);
	memcpy(b + 263, "00", 2);
	memset(b + 148, ' ', 8);
	unsigned sum = 0;
	for (int i = 0; i < 512; i++)
		sum += b[i];
	snprintf((char *)b + 148, 8, "%06o", sum);
	b[155] = ' ';
	sb_append(sb, b, 512);
}

static void
data(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sb_putc(sb, s ? s[i] : 'd');
	while (sb->len % 512)
		sb_putc(sb, '\0');
}

static bool
walk_all(const struct strbuf *sb, struct tar_walk *w, bool need)
{
	tar_walk_init(w);
	return tar_walk_feed(w, sb->buf, sb->len, NULL) && tar_walk_finish(w, need, NULL);
}

START_TEST(extended_headers)
{
	struct strbuf t = STRBUF_INIT;
	struct tar_walk w;
	char zeros[1024] = { 0 };

	/* pax "size" overrides the header's 0: 1000 bytes of data follow */
	const char *pax = "13 size=1000\n";
	header(&t, "PaxHeaders/big", 'x', strlen(pax), NULL);
	data(&t, pax, strlen(pax));
	header(&t, "big", '0', 0, NULL);
	data(&t, NULL, 1000);
	header(&t, "manifest.json", '0', 2, NULL);
	data(&t, "[]", 2);
	sb_append(&t, zeros, sizeof(zeros));
	ck_assert_msg(walk_all(&t, &w, true), "%s", w.error);
	ck_assert_uint_eq(w.entries, 2);
	tar_walk_free(&w);

	/* pax "path" and GNU 'L' name the next entry */
	sb_reset(&t);
	const char *path = "22 path=manifest.json\n";
	header(&t, "PaxHeaders/x", 'x', strlen(path), NULL);
	data(&t, path, strlen(path));
	header(&t, "not-it", '0', 3, NULL);
	data(&t, "abc", 3);
	sb_append(&t, zeros, sizeof(zeros));
	ck_assert_msg(walk_all(&t, &w, true), "%s", w.error);
	ck_assert_str_eq(w.path, "manifest.json");
	tar_walk_free(&w);

	sb_reset(&t);
	header(&t, "././@LongLink", 'L', 14, NULL);
	data(&t, "manifest.json", 14);
	header(&t, "manifest.jso", '0', 3, NULL);
	data(&t, "abc", 3);
	sb_append(&t, zeros, sizeof(zeros));
	ck_assert_msg(walk_all(&t, &w, true), "%s", w.error);
	tar_walk_free(&w);

	/* a size in base-256 (GNU): 600 bytes */
	sb_reset(&t);
	unsigned char b256[12] = { 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x58 };
	header(&t, "b256", '0', 0, b256);
	data(&t, NULL, 600);
	header(&t, "manifest.json", '0', 2, NULL);
	data(&t, "[]", 2);
	sb_append(&t, zeros, sizeof(zeros));
	ck_assert_msg(walk_all(&t, &w, true), "%s", w.error);
	tar_walk_free(&w);

	/* links, devices, directories and FIFOs have no data, whatever their size says (Go) */
	sb_reset(&t);
	header(&t, "sym", '2', 700, NULL);
	header(&t, "dir/", '5', 4096, NULL);
	header(&t, "manifest.json", '0', 2, NULL);
	data(&t, "[]", 2);
	sb_append(&t, zeros, sizeof(zeros));
	ck_assert_msg(walk_all(&t, &w, true), "%s", w.error);
	ck_assert_uint_eq(w.entries, 3);
	tar_walk_free(&w);

	/* ends after a pax header, before its entry */
	sb_reset(&t);
	header(&t, "PaxHeaders/x", 'x', strlen(path), NULL);
	data(&t, path, strlen(path));
	sb_append(&t, zeros, sizeof(zeros));
	ck_assert(!walk_all(&t, &w, false));
	ck_assert_str_eq(w.error, "truncated archive: it ends after an extended header");
	tar_walk_free(&w);

	/* a broken pax record */
	sb_reset(&t);
	header(&t, "PaxHeaders/x", 'x', 9, NULL);
	data(&t, "99 path=x", 9);
	header(&t, "x", '0', 0, NULL);
	sb_append(&t, zeros, sizeof(zeros));
	ck_assert(!walk_all(&t, &w, false));
	ck_assert_str_eq(w.error, "corrupt archive: invalid extended header before byte 1024");
	tar_walk_free(&w);
	sb_free(&t);
}
END_TEST

/* ---- a file read as a plain tar ---------------------------------------------------------- */

static char *tmpdir;

static void
make_tmpdir(void)
{
	setup_names();
	tmpdir = xstrdup("/tmp/check_archive.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
remove_tmpdir(void)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(tmpdir);
}

static char *
write_file(const char *name, const void *buf, size_t len)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(buf, 1, len, f), len);
	fclose(f);
	return path;
}

/* buf compressed with libarchive's filter (ARCHIVE_FILTER_*). */
static void
compress(struct strbuf *out, int filter, const struct strbuf *in)
{
	struct archive *a = archive_write_new();
	ck_assert_int_eq(archive_write_add_filter(a, filter), ARCHIVE_OK);
	ck_assert_int_eq(archive_write_set_format_raw(a), ARCHIVE_OK);
	archive_write_set_bytes_per_block(a, 0);
	size_t cap = in->len + 65536, used = 0;
	char *buf = xmalloc(cap);
	ck_assert_int_eq(archive_write_open_memory(a, buf, cap, &used), ARCHIVE_OK);
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, "x");
	archive_entry_set_filetype(e, AE_IFREG);
	ck_assert_int_eq(archive_write_header(a, e), ARCHIVE_OK);
	archive_entry_free(e);
	ck_assert_int_eq(archive_write_data(a, in->buf, in->len), (la_ssize_t)in->len);
	ck_assert_int_eq(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	sb_reset(out);
	sb_append(out, buf, used);
	free(buf);
}

/* Everything the source hands out, in reads of `step` bytes; the last return value in *rc. */
static void
drain(struct archive_source *s, struct strbuf *out, size_t step, long *rc)
{
	char buf[70000];
	for (;;) {
		*rc = archive_source_read(buf, step, s);
		if (*rc <= 0)
			return;
		sb_append(out, buf, (size_t)*rc);
	}
}

static const int filters[] = { ARCHIVE_FILTER_NONE, ARCHIVE_FILTER_GZIP, ARCHIVE_FILTER_BZIP2,
			       ARCHIVE_FILTER_XZ, ARCHIVE_FILTER_ZSTD };
static const char *const filter_names[] = { "none", "gzip", "bzip2", "xz", "zstd" };

START_TEST(source_decompresses)
{
	struct strbuf tar = STRBUF_INIT, z = STRBUF_INIT, out = STRBUF_INIT;
	make_tar(&tar, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, image_files, NFILES);
	compress(&z, filters[_i], &tar);
	char *path = write_file("a.tar.any", z.buf, z.len);
	struct archive_source s;
	char *err;
	ck_assert_msg(archive_source_open(&s, path, true, &err), "%s", err);
	ck_assert_str_eq(s.filter, filter_names[_i]);
	ck_assert_uint_eq(s.size, z.len);
	long rc;
	drain(&s, &out, _i == 0 ? 333 : 65536, &rc);
	ck_assert_int_eq(rc, 0);
	size_t eoa = eoa_start(&tar);
	ck_assert_uint_eq(out.len, eoa + 1024);
	ck_assert_mem_eq(out.buf, tar.buf, eoa);
	archive_source_close(&s);

	/* cut in half: the upload is aborted, with the reason */
	free(path);
	path = write_file("half.tar.any", z.buf, z.len / 2);
	const char *why;
	if (archive_source_open(&s, path, true, &err)) {
		sb_reset(&out);
		drain(&s, &out, 65536, &rc);
		ck_assert_int_eq(rc, -1);
		ck_assert_ptr_nonnull(s.error);
		ck_assert_uint_lt(out.len, eoa);
		why = s.error;
	} else {
		/* a small file: the decompressor found the end with the first chunk */
		ck_assert_int_ne(_i, 0);
		why = err;
	}
	if (_i == 0)
		ck_assert_msg(strncmp(why, "truncated archive: ", 19) == 0, "%s", why);
	else
		ck_assert_msg(strstr(why, "cannot read ") || strstr(why, "truncated archive: "), "%s", why);
	if (why == err)
		free(err);
	else
		archive_source_close(&s);
	free(path);
	sb_free(&tar);
	sb_free(&z);
	sb_free(&out);
}
END_TEST

START_TEST(source_refuses_before_sending)
{
	struct archive_source s;
	char *err;
	char *path = write_file("empty", "", 0);
	ck_assert(!archive_source_open(&s, path, true, &err));
	char *want = xasprintf("%s is empty", path);
	ck_assert_str_eq(err, want);
	free(want);
	free(err);
	free(path);

	char text[3000];
	memset(text, 'x', sizeof(text));
	path = write_file("text", text, sizeof(text));
	ck_assert(!archive_source_open(&s, path, true, &err));
	want = xasprintf("%s is not a tar archive (plain or compressed)", path);
	ck_assert_str_eq(err, want);
	free(want);
	free(err);
	free(path);

	/* compressed, but not a tar inside */
	struct strbuf in = STRBUF_INIT, z = STRBUF_INIT;
	sb_append(&in, text, sizeof(text));
	compress(&z, ARCHIVE_FILTER_GZIP, &in);
	path = write_file("text.gz", z.buf, z.len);
	ck_assert(!archive_source_open(&s, path, false, &err));
	want = xasprintf("%s is not a tar archive (plain or compressed)", path);
	ck_assert_str_eq(err, want);
	free(want);
	free(err);
	free(path);

	ck_assert(!archive_source_open(&s, tmpdir, true, &err));
	want = xasprintf("%s is a directory", tmpdir);
	ck_assert_str_eq(err, want);
	free(want);
	free(err);

	path = xasprintf("%s/none", tmpdir);
	ck_assert(!archive_source_open(&s, path, true, &err));
	want = xasprintf("cannot open %s: No such file or directory", path);
	ck_assert_str_eq(err, want);
	free(want);
	free(err);
	free(path);

	/* a tar without manifest.json: found at its end, the end-of-archive is not sent */
	static const struct file plain[] = { { "etc/", 'd', 0, NULL }, { "etc/hosts", 'f', 100, NULL } };
	make_tar(&in, ARCHIVE_FORMAT_TAR_USTAR, plain, 2);
	path = write_file("plain.tar", in.buf, in.len);
	ck_assert(archive_source_open(&s, path, true, &err));
	struct strbuf out = STRBUF_INIT;
	long rc;
	drain(&s, &out, 65536, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(s.error, "not an image archive: no manifest.json");
	ck_assert_uint_eq(out.len, eoa_start(&in));
	archive_source_close(&s);
	free(path);
	sb_free(&in);
	sb_free(&z);
	sb_free(&out);
}
END_TEST

/* ---- a directory made into a tar ------------------------------------------------------- */

static void
put(const char *rel, const char *text, mode_t mode)
{
	char *p = xasprintf("%s/%s", tmpdir, rel);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	ck_assert_int_eq(chmod(p, mode), 0);
	free(p);
}

START_TEST(directory_as_tar)
{
	char *d = xasprintf("%s/root", tmpdir);
	ck_assert_int_eq(mkdir(d, 0750), 0);
	put("root/f", "hello\n", 0644);
	put("root/su", "#!/bin/sh\n", 04755);
	char *p = xasprintf("%s/sub", d), *q;
	ck_assert_int_eq(mkdir(p, 0700), 0);
	free(p);
	p = xasprintf("%s/f", d);
	q = xasprintf("%s/sub/hard", d);
	ck_assert_int_eq(link(p, q), 0);
	free(p);
	free(q);
	p = xasprintf("%s/sl", d);
	ck_assert_int_eq(symlink("f", p), 0);
	free(p);
	p = xasprintf("%s/dangling", d);
	ck_assert_int_eq(symlink("/nonexistent/x", p), 0);
	free(p);
	/* a socket: left out, as tar does */
	int so = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/sock", d);
	ck_assert_int_eq(bind(so, (struct sockaddr *)&sa, sizeof(sa)), 0);

	char *slashed = xasprintf("%s//", d);	/* the spelling does not matter */
	char *err;
	struct archive_dir *dir = archive_dir_open(slashed, NULL, &err);
	ck_assert_msg(dir != NULL, "%s", err);
	struct strbuf tar = STRBUF_INIT;
	char buf[4096];
	long n;
	while ((n = archive_dir_read(buf, sizeof(buf), dir)) > 0)
		sb_append(&tar, buf, (size_t)n);
	ck_assert_int_eq(n, 0);
	ck_assert_ptr_null(archive_dir_error(dir));
	ck_assert_uint_eq(archive_dir_skipped(dir), 1);
	ck_assert_uint_eq(tar.len % 10240, 0);
	ck_assert_uint_eq(archive_dir_total(dir), tar.len);
	archive_dir_close(dir);
	close(so);

	/* what a tar reader makes of it */
	struct archive *a = archive_read_new();
	archive_read_support_format_tar(a);
	ck_assert_int_eq(archive_read_open_memory(a, tar.buf, tar.len), ARCHIVE_OK);
	struct archive_entry *e;
	struct strbuf seen = STRBUF_INIT;
	int hard_with_data = 0;
	while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		char kind = archive_entry_hardlink(e) ? 'h'
			    : archive_entry_filetype(e) == AE_IFDIR ? 'd'
			    : archive_entry_filetype(e) == AE_IFLNK ? 'l' : 'f';
		sb_printf(&seen, "%s %c%o", name, kind, (unsigned)archive_entry_perm(e));
		if (archive_entry_symlink(e))
			sb_printf(&seen, " -> %s", archive_entry_symlink(e));
		if (archive_entry_hardlink(e))
			sb_printf(&seen, " link %s", archive_entry_hardlink(e));
		else if (archive_entry_size(e) > 0)
			hard_with_data += strcmp(name, "./f") == 0 || strcmp(name, "./sub/hard") == 0;
		ck_assert_uint_eq(archive_entry_uid(e), getuid());
		ck_assert(!archive_entry_uname(e) || !*archive_entry_uname(e));
		sb_putc(&seen, '\n');
	}
	archive_read_free(a);
	/* readdir order: check each line, not their order */
	const char *want[] = { "./ d750\n", "./f f644\n", "./su f4755\n", "./sub/ d700\n",
			       "./sl l777 -> f\n", "./dangling l777 -> /nonexistent/x\n" };
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_msg(strstr(seen.buf, want[i]), "%s not in\n%s", want[i], seen.buf);
	ck_assert_msg(strstr(seen.buf, "./sub/hard h644 link ./f\n") || strstr(seen.buf, "./f h644 link ./sub/hard\n"),
		      "%s", seen.buf);
	ck_assert_int_eq(hard_with_data, 1);
	ck_assert_ptr_null(strstr(seen.buf, "sock"));
	/* and as the engine will walk it */
	struct tar_walk w;
	ck_assert(walk_all(&tar, &w, false));
	ck_assert_uint_eq(w.entries, 7);
	tar_walk_free(&w);

	p = xasprintf("%s/f", d);
	ck_assert_ptr_null(archive_dir_open(p, NULL, &err));
	char *msg = xasprintf("%s is not a directory", p);
	ck_assert_str_eq(err, msg);
	free(msg);
	free(err);
	free(p);
	sb_free(&seen);
	sb_free(&tar);
	free(slashed);
	free(d);
}
END_TEST

/* ---- names ---------------------------------------------------------------------------- */

static const struct {
	const char *names[3];
	size_t n;
	enum archive_compression c;
	const char *want;
} name_cases[] = {
	{ { "nginx:1.25" }, 1, ARCHIVE_COMPRESS_NONE, "nginx_1.25.tar" },
	{ { "nginx" }, 1, ARCHIVE_COMPRESS_GZIP, "nginx.tar.gz" },
	{ { "docker.io/library/nginx:latest" }, 1, ARCHIVE_COMPRESS_ZSTD, "nginx_latest.tar.zst" },
	{ { "127.0.0.1:5000/demo/app:1" }, 1, ARCHIVE_COMPRESS_XZ, "127.0.0.1_5000_demo_app_1.tar.xz" },
	{ { "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }, 1,
	  ARCHIVE_COMPRESS_BZIP2, "app_sha256_0123456789ab.tar.bz2" },
	{ { "sha256:98d2bc06a6ed5f78c5d623cabc511f4719235093f5d580fafad3fa40c3f6004c" }, 1,
	  ARCHIVE_COMPRESS_NONE, "98d2bc06a6ed.tar" },
	{ { "98d2bc06a6ed5f78c5d623cabc511f4719235093f5d580fafad3fa40c3f6004c" }, 1,
	  ARCHIVE_COMPRESS_NONE, "98d2bc06a6ed.tar" },
	{ { "98d2bc06a6ed" }, 1, ARCHIVE_COMPRESS_NONE, "98d2bc06a6ed.tar" },
	{ { "bb:1.0", "bb:latest", "docker.io/library/bb:stable" }, 3, ARCHIVE_COMPRESS_NONE, "bb.tar" },
	{ { "nginx:1.25", "redis:7", "bb:1.0" }, 3, ARCHIVE_COMPRESS_GZIP, "nginx_1.25_and_2_more.tar.gz" },
	{ { "bb:1.0", "sha256:98d2bc06a6ed5f78c5d623cabc511f4719235093f5d580fafad3fa40c3f6004c" }, 2,
	  ARCHIVE_COMPRESS_NONE, "bb_1.0_and_1_more.tar" },
	{ { ".hidden/../x:1" }, 1, ARCHIVE_COMPRESS_NONE, "_hidden_.._x_1.tar" },
	{ { "한국어:1" }, 1, ARCHIVE_COMPRESS_NONE, "__________1.tar" },
	{ { "" }, 1, ARCHIVE_COMPRESS_NONE, "image.tar" },
	{ { NULL }, 0, ARCHIVE_COMPRESS_NONE, "image.tar" },
};

START_TEST(default_names)
{
	char *got = archive_save_default_name(name_cases[_i].names, name_cases[_i].n, name_cases[_i].c);
	ck_assert_str_eq(got, name_cases[_i].want);
	free(got);
}
END_TEST

START_TEST(long_default_name)
{
	char ref[400] = "registry.example.com:5000/";
	memset(ref + strlen(ref), 'a', 300);
	ref[326] = '\0';
	const char *names[] = { ref };
	char *got = archive_save_default_name(names, 1, ARCHIVE_COMPRESS_GZIP);
	ck_assert_uint_eq(strlen(got), 200 + strlen(".tar.gz"));
	ck_assert_str_eq(got + 200, ".tar.gz");
	free(got);
}
END_TEST

static const struct {
	const char *path;
	enum archive_compression c;
} endings[] = {
	{ "x.tar", ARCHIVE_COMPRESS_NONE }, { "x", ARCHIVE_COMPRESS_NONE }, { "x.TAR.GZ", ARCHIVE_COMPRESS_GZIP },
	{ "/a.b/x.tgz", ARCHIVE_COMPRESS_GZIP }, { "x.gz", ARCHIVE_COMPRESS_GZIP },
	{ "x.tar.zst", ARCHIVE_COMPRESS_ZSTD }, { "x.tzst", ARCHIVE_COMPRESS_ZSTD },
	{ "x.tar.xz", ARCHIVE_COMPRESS_XZ }, { "x.txz", ARCHIVE_COMPRESS_XZ },
	{ "x.tar.bz2", ARCHIVE_COMPRESS_BZIP2 }, { "x.tbz", ARCHIVE_COMPRESS_BZIP2 },
	{ ".gz", ARCHIVE_COMPRESS_NONE }, { "x.tar.lz4", ARCHIVE_COMPRESS_NONE },
};

START_TEST(compression_from_name)
{
	ck_assert_int_eq(archive_compression_of(endings[_i].path), endings[_i].c);
}
END_TEST

/* ---- import ---------------------------------------------------------------------------- */

START_TEST(import_query)
{
	const char *changes[] = { "CMD [\"/bin/sh\"]", "", "  ", "env A=1 B=\"x y\"", "EXPOSE 80/tcp" };
	struct archive_import_opts o = { .reference = "demo/imp:1", .message = "from a dir",
					 .changes = changes, .nchanges = 5 };
	char *path, *err;
	ck_assert(archive_import_path(&o, &path, &err));
	ck_assert_str_eq(path, "/images/create?changes=CMD%20%5B%22%2Fbin%2Fsh%22%5D"
			       "&changes=env%20A%3D1%20B%3D%22x%20y%22&changes=EXPOSE%2080%2Ftcp"
			       "&fromSrc=-&message=from%20a%20dir&repo=docker.io%2Fdemo%2Fimp&tag=1");
	free(path);

	o = (struct archive_import_opts){ .reference = "  localhost:5000/team/app " };
	ck_assert(archive_import_path(&o, &path, &err));
	ck_assert_str_eq(path, "/images/create?fromSrc=-&message=&repo=localhost%3A5000%2Fteam%2Fapp&tag=latest");
	free(path);

	o = (struct archive_import_opts){ 0 };
	ck_assert(archive_import_path(&o, &path, &err));
	ck_assert_str_eq(path, "/images/create?fromSrc=-&message=&repo=&tag=");
	free(path);
}
END_TEST

static const struct {
	const char *reference, *change, *error;
} bad_imports[] = {
	{ "Demo:1", NULL, "repository name must be lowercase" },
	{ "demo:bad tag", NULL, "one image name only" },
	{ "demo:-x", NULL, "invalid tag format" },
	{ "demo@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", NULL,
	  "cannot import digest reference" },
	{ NULL, "RUN echo hi", "RUN is not a valid change command: CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, "
			       "LABEL, ONBUILD, USER, VOLUME or WORKDIR" },
	{ NULL, "from x", "from is not a valid change command" },
	{ NULL, "STOPSIGNAL 9", "STOPSIGNAL is not a valid change command" },
	{ NULL, "SHELL [\"sh\"]", "SHELL is not a valid change command" },
	{ NULL, "ENV", "ENV needs a value" },
	{ NULL, " cmd  ", "CMD needs a value" },
};

START_TEST(import_refused)
{
	const char *changes[] = { "LABEL a=b", bad_imports[_i].change };
	struct archive_import_opts o = { .reference = bad_imports[_i].reference, .changes = changes,
					 .nchanges = bad_imports[_i].change ? 2 : 1 };
	char *path, *err;
	ck_assert(!archive_import_path(&o, &path, &err));
	ck_assert_ptr_null(path);
	ck_assert_msg(strstr(err, bad_imports[_i].error), "%s", err);
	free(err);
}
END_TEST

START_TEST(every_change_instruction)
{
	const char *changes[] = { "CMD [\"sh\"]", "ENTRYPOINT sh", "ENV A=1", "EXPOSE 80", "HEALTHCHECK NONE",
				  "LABEL a=b", "ONBUILD RUN x", "USER 1000", "VOLUME /data", "WORKDIR /srv" };
	struct archive_import_opts o = { .changes = changes, .nchanges = 10 };
	char *path, *err = NULL;
	ck_assert_msg(archive_import_path(&o, &path, &err), "%s", err);
	free(path);
}
END_TEST

/* Each line of a fixture fed to fn; returns how many returned false. */
static int
feed_fixture(const char *name, bool (*fn)(void *, const char *, size_t), void *ctx)
{
	char *text = fixture_read(name, NULL);
	int refused = 0;
	for (char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		if (!fn(ctx, p, len))
			refused++;
		p += len + (p[len] == '\n');
	}
	free(text);
	return refused;
}

static bool
imported_feed(void *ctx, const char *line, size_t len)
{
	return archive_imported_feed(ctx, line, len);
}

START_TEST(import_answer)
{
	struct archive_imported im;
	archive_imported_init(&im);
	ck_assert_int_eq(feed_fixture("import.jsonl", imported_feed, &im), 0);
	ck_assert_str_eq(im.id, "sha256:e5f06f2006878ac5f3783eb08c3d1d973cadb34f1728cc5ca4881062f3cd485c");
	ck_assert(!im.failed);
	archive_imported_free(&im);

	archive_imported_init(&im);
	const char *err = "{\"errorDetail\":{\"message\":\"no \\u001b[31mspace\"},\"error\":\"x\"}";
	ck_assert(!archive_imported_feed(&im, err, strlen(err)));
	ck_assert(im.failed);
	ck_assert_str_eq(im.error, "no \\e[31mspace");
	ck_assert_ptr_null(im.id);
	archive_imported_free(&im);
}
END_TEST

/* ---- load's answer -------------------------------------------------------------------- */

static bool
loaded_feed(void *ctx, const char *line, size_t len)
{
	return archive_loaded_feed(ctx, line, len);
}

START_TEST(load_answers)
{
	struct archive_loaded l;
	archive_loaded_init(&l);
	ck_assert_int_eq(feed_fixture("load-layers.jsonl", loaded_feed, &l), 0);
	ck_assert_uint_eq(l.nrefs, 2);
	ck_assert_str_eq(l.refs[0], "demo/loadbase:1");
	ck_assert_str_eq(l.refs[1], "demo/load:1");
	ck_assert_uint_eq(l.nids, 0);
	ck_assert_uint_eq(l.nnotes, 0);
	ck_assert_uint_eq(l.layers, 2);
	ck_assert_str_eq(l.layer, "b33a669431dc");
	ck_assert_int_eq(l.layer_current, 2098688);
	ck_assert_int_eq(l.layer_total, 2098688);
	ck_assert(!l.failed);
	archive_loaded_free(&l);

	archive_loaded_init(&l);
	ck_assert_int_eq(feed_fixture("load-id.jsonl", loaded_feed, &l), 0);
	ck_assert_uint_eq(l.nrefs, 0);
	ck_assert_uint_eq(l.nids, 1);
	ck_assert_str_eq(l.ids[0], "sha256:81c7a3d474d2a97206c917c4aef324cf21de50a66fb2bc4779eb58a3abe40da1");
	ck_assert_uint_eq(l.layers, 2);
	archive_loaded_free(&l);

	archive_loaded_init(&l);
	ck_assert_int_eq(feed_fixture("load-rename.jsonl", loaded_feed, &l), 0);
	ck_assert_uint_eq(l.nrefs, 1);
	ck_assert_str_eq(l.refs[0], "demo/load:1");
	ck_assert_uint_eq(l.nnotes, 1);
	ck_assert_str_eq(l.notes[0], "The image demo/load:1 already exists, renaming the old one with ID "
				     "sha256:8f988c5f4a9e84e251b9384818ca3bac110d6207527cf3cb2fd94baf7d666c7b "
				     "to empty string");
	ck_assert_uint_eq(l.layers, 0);
	archive_loaded_free(&l);

	archive_loaded_init(&l);
	ck_assert_int_eq(feed_fixture("load-broken.jsonl", loaded_feed, &l), 1);
	ck_assert(l.failed);
	ck_assert_msg(strncmp(l.error, "open /tmp/", 10) == 0 && strstr(l.error, "/repositories: no such file"),
		      "%s", l.error);
	archive_loaded_free(&l);
}
END_TEST

START_TEST(load_answer_hostile)
{
	struct archive_loaded l;
	archive_loaded_init(&l);
	const char *lines[] = {
		"{\"stream\":\"Loaded image: evil\\u001b]0;x\\u0007:1\\nLoaded image: two:2\\n\"}",
		"not json at all",
		"{\"status\":\"Loading layer\",\"progressDetail\":{\"current\":-5,\"total\":1e300},\"id\":\"aa\"}",
		"{\"status\":\"Loading layer\",\"progressDetail\":{},\"id\":\"aa\"}",
		"{\"status\":\"Loading layer\",\"id\":\"bb\"}",
		"",
		"{\"error\":\"plain error\"}",
		"{\"errorDetail\":{\"message\":\"second\"}}",
	};
	size_t refused = 0;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		refused += !archive_loaded_feed(&l, lines[i], strlen(lines[i]));
	ck_assert_uint_eq(refused, 2);
	ck_assert_uint_eq(l.nrefs, 2);
	ck_assert_str_eq(l.refs[0], "evil\\e]0;x\\x07:1");
	ck_assert_str_eq(l.refs[1], "two:2");
	ck_assert_uint_eq(l.nnotes, 1);
	ck_assert_str_eq(l.notes[0], "not json at all");
	ck_assert_uint_eq(l.layers, 2);
	ck_assert_int_eq(l.layer_current, 0);
	ck_assert_int_eq(l.layer_total, 0);
	ck_assert(l.failed);
	ck_assert_str_eq(l.error, "plain error");
	archive_loaded_free(&l);
}
END_TEST

/* ---- progress --------------------------------------------------------------------------- */

static void
count_calls(const struct archive_progress *p, void *ctx)
{
	(void)p;
	(*(int *)ctx)++;
}

START_TEST(progress_is_throttled)
{
	int calls = 0;
	struct archive_meter m;
	archive_meter_init(&m, count_calls, &calls, 1000);
	archive_meter_update(&m, 10, 10, false);	/* the first one at once */
	ck_assert_int_eq(calls, 1);
	for (int i = 0; i < 1000; i++)
		archive_meter_update(&m, 10 + (uint64_t)i, 0, false);
	ck_assert_int_eq(calls, 1);
	archive_meter_update(&m, 1000, 1000, true);
	ck_assert_int_eq(calls, 2);
	ck_assert_uint_eq(m.p.done, 1000);
	ck_assert_uint_eq(m.p.total, 1000);
	archive_meter_stage(&m, ARCHIVE_STAGE_ENGINE);
	ck_assert_int_eq(calls, 3);
	ck_assert_int_eq(m.p.stage, ARCHIVE_STAGE_ENGINE);
	usleep((ARCHIVE_PROGRESS_INTERVAL_MS + 20) * 1000);
	archive_meter_layer(&m, 1, 5, 10);
	ck_assert_int_eq(calls, 4);
	ck_assert(m.p.rate > 0);

	/* no callback: nothing to call */
	archive_meter_init(&m, NULL, NULL, 0);
	archive_meter_update(&m, 1, 1, true);
	archive_meter_stage(&m, ARCHIVE_STAGE_ENGINE);
}
END_TEST

START_TEST(exists)
{
	ck_assert(archive_save_exists(tmpdir));
	char *p = xasprintf("%s/dangling-link", tmpdir);
	ck_assert(!archive_save_exists(p));
	ck_assert_int_eq(symlink("/nonexistent/x", p), 0);
	ck_assert(archive_save_exists(p));
	free(p);
}
END_TEST

static Suite *
archive_suite(void)
{
	Suite *s = suite_create("archive");
	TCase *walk = tcase_create("walk");
	tcase_add_unchecked_fixture(walk, setup_names, NULL);
	int nformats = (int)(sizeof(formats) / sizeof(formats[0]));
	tcase_add_loop_test(walk, whole_archives_pass, 0, nformats);
	tcase_add_loop_test(walk, truncated_anywhere, 0, nformats);
	tcase_add_test(walk, truncated_inside_names_the_entry);
	tcase_add_test(walk, manifest_required);
	tcase_add_test(walk, broken_headers);
	tcase_add_test(walk, extended_headers);
	suite_add_tcase(s, walk);

	TCase *files = tcase_create("files");
	tcase_add_checked_fixture(files, make_tmpdir, remove_tmpdir);
	tcase_add_loop_test(files, source_decompresses, 0, (int)(sizeof(filters) / sizeof(filters[0])));
	tcase_add_test(files, source_refuses_before_sending);
	tcase_add_test(files, directory_as_tar);
	tcase_add_test(files, exists);
	suite_add_tcase(s, files);

	TCase *names = tcase_create("names");
	tcase_add_loop_test(names, default_names, 0, (int)(sizeof(name_cases) / sizeof(name_cases[0])));
	tcase_add_test(names, long_default_name);
	tcase_add_loop_test(names, compression_from_name, 0, (int)(sizeof(endings) / sizeof(endings[0])));
	suite_add_tcase(s, names);

	TCase *answers = tcase_create("answers");
	tcase_add_test(answers, import_query);
	tcase_add_loop_test(answers, import_refused, 0, (int)(sizeof(bad_imports) / sizeof(bad_imports[0])));
	tcase_add_test(answers, every_change_instruction);
	tcase_add_test(answers, import_answer);
	tcase_add_test(answers, load_answers);
	tcase_add_test(answers, load_answer_hostile);
	tcase_add_test(answers, progress_is_throttled);
	suite_add_tcase(s, answers);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(archive_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
