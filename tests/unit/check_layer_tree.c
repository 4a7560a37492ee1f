/* Layer files: image archives made here with libarchive (both layouts, gzip'd OCI blobs,
 * whiteouts, opaque directories, hard links, symlinks, odd names, truncated input) streamed
 * through layer_stream_read() into a layer_tree; picks read back and extracted. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>

#include "http.h"
#include "layer_stream.h"
#include "layer_tree.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- making archives --------------------------------------------------------------------- */

enum kind { F, D, L, H, W };	/* file, dir, symlink, hard link, raw empty file (whiteouts) */

struct ent {
	enum kind k;
	const char *path;
	unsigned mode;
	const char *data;	/* F: content (size = strlen unless size set); L, H: target */
	size_t size;		/* F: a content of this many 'x' when data is NULL */
	unsigned uid, gid;
};

static la_ssize_t
to_sb(struct archive *a, void *ctx, const void *buf, size_t n)
{
	(void)a;
	sb_append(ctx, buf, n);
	return (la_ssize_t)n;
}

/* A tar (pax, as Go writes non-ASCII names) of ents, gzip'd when asked. */
static void
make_tar(const struct ent *ents, size_t n, bool gzip, struct strbuf *out)
{
	struct archive *a = archive_write_new();
	ck_assert_int_eq(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
	if (gzip)
		ck_assert_int_eq(archive_write_add_filter_gzip(a), ARCHIVE_OK);
	archive_write_set_bytes_per_block(a, gzip ? 0 : 512);
	ck_assert_int_eq(archive_write_open(a, out, NULL, to_sb, NULL), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		const struct ent *e = &ents[i];
		struct archive_entry *x = archive_entry_new();
		archive_entry_copy_pathname(x, e->path);
		archive_entry_set_uid(x, e->uid);
		archive_entry_set_gid(x, e->gid);
		archive_entry_set_mtime(x, 1700000000, 0);
		size_t size = 0;
		char *content = NULL;
		switch (e->k) {
		case F:
		case W:
			archive_entry_set_filetype(x, AE_IFREG);
			archive_entry_set_perm(x, e->mode ? e->mode : 0644);
			if (e->k == F) {
				size = e->data ? strlen(e->data) : e->size;
				content = xmalloc(size + 1);
				if (e->data)
					memcpy(content, e->data, size);
				else
					memset(content, 'x', size);
			}
			archive_entry_set_size(x, (la_int64_t)size);
			break;
		case D:
			archive_entry_set_filetype(x, AE_IFDIR);
			archive_entry_set_perm(x, e->mode ? e->mode : 0755);
			break;
		case L:
			archive_entry_set_filetype(x, AE_IFLNK);
			archive_entry_set_perm(x, 0777);
			archive_entry_copy_symlink(x, e->data);
			break;
		case H:
			archive_entry_set_filetype(x, AE_IFREG);
			archive_entry_set_perm(x, e->mode ? e->mode : 0644);
			archive_entry_copy_hardlink(x, e->data);
			archive_entry_set_size(x, 0);
			break;
		}
		ck_assert_int_ge(archive_write_header(a, x), ARCHIVE_WARN);
		if (size)
			ck_assert_int_eq(archive_write_data(a, content, size), (la_ssize_t)size);
		free(content);
		archive_entry_free(x);
	}
	ck_assert_int_eq(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
}

/* An outer entry: a file with bytes, or a symlink. */
struct outer {
	const char *path;
	const char *data;
	size_t len;
	const char *symlink;
};

static void
make_outer(const struct outer *o, size_t n, struct strbuf *out)
{
	struct archive *a = archive_write_new();
	ck_assert_int_eq(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
	ck_assert_int_eq(archive_write_open(a, out, NULL, to_sb, NULL), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *x = archive_entry_new();
		archive_entry_copy_pathname(x, o[i].path);
		archive_entry_set_mtime(x, 1700000000, 0);
		if (o[i].symlink) {
			archive_entry_set_filetype(x, AE_IFLNK);
			archive_entry_set_perm(x, 0777);
			archive_entry_copy_symlink(x, o[i].symlink);
		} else if (!o[i].data) {
			archive_entry_set_filetype(x, AE_IFDIR);
			archive_entry_set_perm(x, 0755);
		} else {
			archive_entry_set_filetype(x, AE_IFREG);
			archive_entry_set_perm(x, 0644);
			archive_entry_set_size(x, (la_int64_t)o[i].len);
		}
		ck_assert_int_ge(archive_write_header(a, x), ARCHIVE_WARN);
		if (o[i].data && o[i].len)
			ck_assert_int_eq(archive_write_data(a, o[i].data, o[i].len), (la_ssize_t)o[i].len);
		archive_entry_free(x);
	}
	ck_assert_int_eq(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
}

/* ---- the test image ------------------------------------------------------------------------ */

#define ESC_NAME "esc\x1b[31mred"

static const struct ent layer0[] = {
	{ D, "etc/", 0755, NULL, 0, 0, 0 },
	{ F, "etc/passwd", 0644, "root:x:0:", 0, 0, 0 },
	{ F, "etc/hosts", 0644, "host", 0, 0, 0 },
	{ D, "data/", 0755, NULL, 0, 0, 0 },
	{ F, "data/a", 0644, NULL, 100, 0, 0 },
	{ F, "data/b", 0644, NULL, 200, 0, 0 },
	{ D, "data/sub/", 0755, NULL, 0, 0, 0 },
	{ F, "data/sub/c", 0644, NULL, 300, 0, 0 },
	{ D, "opq/", 0755, NULL, 0, 0, 0 },
	{ F, "opq/x", 0644, NULL, 50, 0, 0 },
	{ F, "opq/y", 0644, NULL, 60, 0, 0 },
	{ D, "bin/", 0755, NULL, 0, 0, 0 },
	{ F, "bin/busybox", 0755, NULL, 1000, 0, 0 },
	{ L, "bin/sh", 0, "busybox", 0, 0, 0 },
	{ H, "bin/ls", 0755, "bin/busybox", 0, 0, 0 },
	{ F, "suid", 04755, "0123456789", 0, 0, 0 },
	{ D, "home/", 0755, NULL, 0, 0, 0 },
	{ D, "home/user/", 0700, NULL, 0, 1000, 1000 },
	{ F, "home/user/my file", 0600, "content", 0, 1000, 1000 },
	{ F, "\xed\x95\x9c\xea\xb8\x80.txt", 0644, "hangul!!", 0, 0, 0 },
	{ F, ESC_NAME, 0644, "esc", 0, 0, 0 },
};
static const struct ent layer1[] = {
	{ D, "etc/", 0755, NULL, 0, 0, 0 },
	{ F, "etc/passwd", 0644, "root:x:0:0:root:/ro", 0, 0, 0 },
	{ D, "new/", 0755, NULL, 0, 0, 0 },
	{ F, "new/file", 0644, NULL, 40, 0, 0 },
};
static const struct ent layer2[] = {
	{ W, ".wh..wh.plnk", 0, NULL, 0, 0, 0 },
	{ D, "data/", 0755, NULL, 0, 0, 0 },
	{ W, "data/.wh.a", 0, NULL, 0, 0, 0 },
	{ W, "data/.wh.sub", 0, NULL, 0, 0, 0 },
	{ D, "opq/", 0755, NULL, 0, 0, 0 },
	{ F, "opq/z", 0644, NULL, 70, 0, 0 },
	{ W, "opq/.wh..wh..opq", 0, NULL, 0, 0, 0 },	/* after the layer's own entry: still first */
};

#define CONFIG_JSON \
	"{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":" \
	"[\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"," \
	"\"sha256:1111111111111111111111111111111111111111111111111111111111111111\"," \
	"\"sha256:2222222222222222222222222222222222222222222222222222222222222222\"]}," \
	"\"history\":[{\"created_by\":\"/bin/sh -c #(nop) ADD file:abc in / \"}," \
	"{\"created_by\":\"/bin/sh -c #(nop)  ENV A=b\",\"empty_layer\":true}," \
	"{\"created_by\":\"/bin/sh -c echo\\tone > /etc/passwd\"}," \
	"{\"created_by\":\"/bin/sh -c rm -rf /data/a\",\"comment\":\"gone\"}]}"
#define CONFIG_HEX "cafe000000000000000000000000000000000000000000000000000000000000"

static struct strbuf tars[3], gztars[3];

static void
make_layers(void)
{
	const struct ent *all[3] = { layer0, layer1, layer2 };
	size_t counts[3] = { sizeof(layer0) / sizeof(layer0[0]), sizeof(layer1) / sizeof(layer1[0]),
			     sizeof(layer2) / sizeof(layer2[0]) };
	for (int i = 0; i < 3; i++) {
		sb_free(&tars[i]);
		sb_free(&gztars[i]);
		make_tar(all[i], counts[i], false, &tars[i]);
		make_tar(all[i], counts[i], true, &gztars[i]);
	}
}

static void
free_layers(void)
{
	for (int i = 0; i < 3; i++) {
		sb_free(&tars[i]);
		sb_free(&gztars[i]);
	}
}

/* The legacy layout: layer directories (not in order), the config, manifest.json last. */
static void
legacy_archive(struct strbuf *out, bool manifest_first)
{
	const char *manifest = "[{\"Config\":\"" CONFIG_HEX ".json\",\"RepoTags\":[\"t:1\"],"
			       "\"Layers\":[\"l0/layer.tar\",\"l1/layer.tar\",\"l2/layer.tar\"]}]";
	struct outer o[] = {
		{ "manifest.json", manifest, strlen(manifest), NULL },
		{ "l2/", NULL, 0, NULL },
		{ "l2/VERSION", "1.0", 3, NULL },
		{ "l2/layer.tar", tars[2].buf, tars[2].len, NULL },
		{ "l0/", NULL, 0, NULL },
		{ "l0/json", "{}", 2, NULL },
		{ "l0/layer.tar", tars[0].buf, tars[0].len, NULL },
		{ CONFIG_HEX ".json", CONFIG_JSON, strlen(CONFIG_JSON), NULL },
		{ "l1/", NULL, 0, NULL },
		{ "l1/layer.tar", tars[1].buf, tars[1].len, NULL },
		{ "manifest.json", manifest, strlen(manifest), NULL },
		{ "repositories", "{}", 2, NULL },
	};
	size_t n = sizeof(o) / sizeof(o[0]);
	if (manifest_first)
		make_outer(o, n - 2, out);	/* without the second manifest and repositories */
	else
		make_outer(o + 1, n - 1, out);
}

/* The OCI layout with gzip'd layer blobs and only index.json (no manifest.json), the blobs in
 * digest order as an exporter writes them, a nested index first. */
static void
oci_archive(struct strbuf *out)
{
	const char *h0 = "blobs/sha256/0c0c000000000000000000000000000000000000000000000000000000000000";
	const char *h1 = "blobs/sha256/1c1c000000000000000000000000000000000000000000000000000000000000";
	const char *h2 = "blobs/sha256/2c2c000000000000000000000000000000000000000000000000000000000000";
	const char *manifest =
		"{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
		"\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" CONFIG_HEX "\",\"size\":1},"
		"\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:0c0c000000000000000000000000000000000000000000000000000000000000\"},"
		"{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:1c1c000000000000000000000000000000000000000000000000000000000000\"},"
		"{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:2c2c000000000000000000000000000000000000000000000000000000000000\"}]}";
	const char *nested = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
			     "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
			     "\"digest\":\"sha256:3d3d000000000000000000000000000000000000000000000000000000000000\",\"size\":1}]}";
	const char *index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
			    "\"digest\":\"sha256:3e3e000000000000000000000000000000000000000000000000000000000000\",\"size\":1}]}";
	struct outer o[] = {
		{ "blobs/", NULL, 0, NULL },
		{ "blobs/sha256/", NULL, 0, NULL },
		{ h0, gztars[0].buf, gztars[0].len, NULL },
		{ h1, gztars[1].buf, gztars[1].len, NULL },
		{ h2, gztars[2].buf, gztars[2].len, NULL },
		{ "blobs/sha256/3d3d000000000000000000000000000000000000000000000000000000000000", manifest,
		  strlen(manifest), NULL },
		{ "blobs/sha256/3e3e000000000000000000000000000000000000000000000000000000000000", nested,
		  strlen(nested), NULL },
		{ "blobs/sha256/" CONFIG_HEX, CONFIG_JSON, strlen(CONFIG_JSON), NULL },
		{ "index.json", index, strlen(index), NULL },
		{ "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}", 30, NULL },
	};
	make_outer(o, sizeof(o) / sizeof(o[0]), out);
}

/* Docker 25's OCI layout: plain layer blobs, the config, index.json and manifest.json (naming
 * blobs), an attestation-like JSON blob that is no layer; lexical order as docker writes it. */
static void
oci_docker25_archive(struct strbuf *out)
{
	const char *manifest = "[{\"Config\":\"blobs/sha256/" CONFIG_HEX "\",\"RepoTags\":[\"t:1\"],"
			       "\"Layers\":[\"blobs/sha256/a0a0\",\"blobs/sha256/a1a1\",\"blobs/sha256/a2a2\"]}]";
	const char *index = "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:ffff\"}]}";
	const char *other = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicate\":{}}";
	struct outer o[] = {
		{ "blobs/sha256/a0a0", tars[0].buf, tars[0].len, NULL },
		{ "blobs/sha256/a1a1", tars[1].buf, tars[1].len, NULL },
		{ "blobs/sha256/a2a2", tars[2].buf, tars[2].len, NULL },
		{ "blobs/sha256/b0b0", other, strlen(other), NULL },
		{ "blobs/sha256/" CONFIG_HEX, CONFIG_JSON, strlen(CONFIG_JSON), NULL },
		{ "index.json", index, strlen(index), NULL },
		{ "manifest.json", manifest, strlen(manifest), NULL },
		{ "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}", 30, NULL },
	};
	make_outer(o, sizeof(o) / sizeof(o[0]), out);
}

/* ---- streaming into a tree ------------------------------------------------------------------------ */

struct collect {
	pthread_mutex_t mu;
	struct layer_update **u;
	size_t n, cap;
	size_t progress_calls;
};

static void
collect_post(struct layer_update *u, void *ctx)
{
	struct collect *c = ctx;
	pthread_mutex_lock(&c->mu);
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->u = xrealloc(c->u, c->cap * sizeof(*c->u));
	}
	c->u[c->n++] = u;
	pthread_mutex_unlock(&c->mu);
}

static void
collect_progress(const struct layer_progress *p, void *ctx)
{
	(void)p;
	struct collect *c = ctx;
	c->progress_calls++;
}

static char *tmpdir;

static int
write_file(const char *name, const struct strbuf *sb)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, sb->buf, sb->len), (ssize_t)sb->len);
	lseek(fd, 0, SEEK_SET);
	free(path);
	return fd;
}

/* Streams the archive; the updates are kept (applied by the caller), the result returned. */
static enum archive_result
stream(const struct strbuf *archive, struct collect *c, struct cancel *cancel, char **err)
{
	memset(c, 0, sizeof(*c));
	pthread_mutex_init(&c->mu, NULL);
	int fd = write_file("image.tar", archive);
	struct layer_source src = { .engine = NULL, .image = NULL, .fd = fd };
	struct layer_stream_opts o = { .post = collect_post, .progress = collect_progress, .ctx = c,
				       .expected = archive->len, .cancel = cancel };
	enum archive_result r = layer_stream_read(&src, &o, err);
	close(fd);
	pthread_mutex_destroy(&c->mu);
	return r;
}

static struct layer_tree *
tree_of(const struct strbuf *archive)
{
	struct collect c;
	char *err = NULL;
	enum archive_result r = stream(archive, &c, NULL, &err);
	ck_assert_msg(r == ARCHIVE_RESULT_DONE, "stream: %s", err ? err : "?");
	struct layer_tree *t = layer_tree_new();
	for (size_t i = 0; i < c.n; i++)
		layer_tree_apply(t, c.u[i]);
	free(c.u);
	return t;
}

static const char *
change_word(enum layer_change c)
{
	static const char *w[] = { "=", "A", "M", "R" };
	return w[c];
}

/* Every row of a query, depth first: "path mode uid:gid size change [-> link] [hard]". */
static void
dump(struct layer_tree *t, const struct layer_query *q, uint32_t dir, struct strbuf *out)
{
	struct layer_entry *rows;
	size_t n = layer_tree_children(t, q, dir, &rows);
	for (size_t i = 0; i < n; i++) {
		char *path = layer_tree_path_label(t, rows[i].node);
		sb_printf(out, "%s %o %u:%u %llu %s", path, rows[i].mode, rows[i].uid, rows[i].gid,
			  (unsigned long long)rows[i].size, change_word(rows[i].change));
		if (rows[i].link)
			sb_printf(out, " %s %s", rows[i].hardlink ? "=>" : "->", rows[i].link_label);
		sb_putc(out, '\n');
		free(path);
		if (S_ISDIR(rows[i].mode) && rows[i].children)
			dump(t, q, rows[i].node, out);
	}
	free(rows);
}

static char *
dump_query(struct layer_tree *t, size_t layer, enum layer_view view, unsigned show, const char *pattern)
{
	struct layer_query q = { layer, view, LAYER_SORT_NAME, show, pattern };
	struct strbuf sb = STRBUF_INIT;
	dump(t, &q, LAYER_NODE_ROOT, &sb);
	return sb_detach(&sb);
}

#define ck_dump(t, layer, view, show, pattern, want)                                  \
	do {                                                                          \
		char *got_ = dump_query(t, layer, view, show, pattern);              \
		ck_assert_msg(strcmp(got_, want) == 0, "got:\n%s\nwant:\n%s", got_, want); \
		free(got_);                                                           \
	} while (0)

static void
make_tmpdir(void)
{
	char tmpl[] = "/tmp/check_layer_tree.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	tmpdir = xstrdup(tmpl);
	make_layers();
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	chmod(path, 0700);
	return remove(path);
}

static void
remove_tmpdir(void)
{
	nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(tmpdir);
	tmpdir = NULL;
	free_layers();
}

/* ---- the expected trees ---------------------------------------------------------------------- */

#define AFTER_LAST \
	"/bin 40755 0:0 1000 =\n" \
	"/bin/busybox 100755 0:0 1000 =\n" \
	"/bin/ls 100755 0:0 0 = => bin/busybox\n" \
	"/bin/sh 120777 0:0 0 = -> busybox\n" \
	"/data 40755 0:0 200 =\n" \
	"/data/a 100644 0:0 100 R\n" \
	"/data/b 100644 0:0 200 =\n" \
	"/data/sub 40755 0:0 300 R\n" \
	"/data/sub/c 100644 0:0 300 R\n" \
	"/esc\\e[31mred 100644 0:0 3 =\n" \
	"/etc 40755 0:0 23 =\n" \
	"/etc/hosts 100644 0:0 4 =\n" \
	"/etc/passwd 100644 0:0 19 =\n" \
	"/home 40755 0:0 7 =\n" \
	"/home/user 40700 1000:1000 7 =\n" \
	"/home/user/my file 100600 1000:1000 7 =\n" \
	"/new 40755 0:0 40 =\n" \
	"/new/file 100644 0:0 40 =\n" \
	"/opq 40755 0:0 70 =\n" \
	"/opq/x 100644 0:0 50 R\n" \
	"/opq/y 100644 0:0 60 R\n" \
	"/opq/z 100644 0:0 70 A\n" \
	"/suid 104755 0:0 10 =\n" \
	"/\xed\x95\x9c\xea\xb8\x80.txt 100644 0:0 8 =\n"

START_TEST(legacy_layers_and_changes)
{
	struct strbuf ar = STRBUF_INIT;
	legacy_archive(&ar, false);
	struct layer_tree *t = tree_of(&ar);
	struct layer_tree_status st;
	layer_tree_status(t, &st);
	ck_assert_int_eq(st.state, LAYER_TREE_DONE);
	ck_assert(st.ordered);
	ck_assert(st.config);
	ck_assert_str_eq(st.image_id, "sha256:" CONFIG_HEX);
	ck_assert_int_eq(st.layers, 3);
	ck_assert_int_eq(st.layers_done, 3);
	ck_assert_uint_eq(st.bytes, ar.len);

	struct layer_info li;
	ck_assert(layer_tree_layer(t, 0, &li));
	ck_assert_str_eq(li.blob, "l0/layer.tar");
	ck_assert_str_eq(li.diff_id, "sha256:0000000000000000000000000000000000000000000000000000000000000000");
	ck_assert_str_eq(li.digest, li.diff_id);
	ck_assert_str_eq(li.created_by, "/bin/sh -c #(nop) ADD file:abc in / ");
	ck_assert_int_eq(li.step, 0);
	ck_assert_uint_eq(li.size, 9 + 4 + 100 + 200 + 300 + 50 + 60 + 1000 + 10 + 7 + 8 + 3);
	ck_assert_uint_eq(li.blob_bytes, tars[0].len);
	ck_assert_uint_eq(li.entries, sizeof(layer0) / sizeof(layer0[0]));
	ck_assert_int_eq(li.state, LAYER_STATE_DONE);
	ck_assert_str_eq(li.compression, "none");
	ck_assert(layer_tree_layer(t, 1, &li));
	ck_assert_str_eq(li.created_by, "/bin/sh -c echo one > /etc/passwd");	/* tab as a space */
	ck_assert_int_eq(li.step, 2);
	ck_assert(layer_tree_layer(t, 2, &li));
	ck_assert_str_eq(li.blob, "l2/layer.tar");
	ck_assert_str_eq(li.comment, "gone");
	ck_assert_uint_eq(li.size, 70);
	ck_assert_uint_eq(li.entries, 6);	/* the markers are, AUFS metadata (plnk) is not */
	ck_assert(!layer_tree_layer(t, 3, &li));
	ck_assert_int_eq(layer_tree_find_blob(t, "l1/layer.tar"), 1);

	struct layer_step step;
	ck_assert_int_eq(layer_tree_steps(t), 4);
	ck_assert(layer_tree_step(t, 1, &step));
	ck_assert(step.empty_layer);
	ck_assert_int_eq(step.layer, LAYER_NONE);
	ck_assert(layer_tree_step(t, 3, &step));
	ck_assert_int_eq(step.layer, 2);

	/* layer 1's own changes: a restated directory is no change */
	ck_dump(t, 1, LAYER_VIEW_CHANGES, 0, NULL,
		"/etc 40755 0:0 19 =\n"
		"/etc/passwd 100644 0:0 19 M\n"
		"/new 40755 0:0 40 A\n"
		"/new/file 100644 0:0 40 A\n");
	/* layer 2: whiteouts of a file and a folder, an opaque directory */
	ck_dump(t, 2, LAYER_VIEW_CHANGES, 0, NULL,
		"/data 40755 0:0 0 =\n"
		"/data/a 100644 0:0 100 R\n"
		"/data/sub 40755 0:0 300 R\n"
		"/data/sub/c 100644 0:0 300 R\n"
		"/opq 40755 0:0 70 =\n"
		"/opq/x 100644 0:0 50 R\n"
		"/opq/y 100644 0:0 60 R\n"
		"/opq/z 100644 0:0 70 A\n");
	ck_dump(t, 2, LAYER_VIEW_AFTER, 0, NULL, AFTER_LAST);
	/* only changes, and a filter */
	ck_dump(t, 2, LAYER_VIEW_AFTER, LAYER_SHOW(LAYER_ADDED), NULL,
		"/opq 40755 0:0 70 =\n"
		"/opq/z 100644 0:0 70 A\n");
	ck_dump(t, 2, LAYER_VIEW_AFTER, LAYER_SHOW_ALL, "pass", "/etc 40755 0:0 23 =\n/etc/passwd 100644 0:0 19 =\n");
	ck_dump(t, 2, LAYER_VIEW_AFTER, LAYER_SHOW_ALL, "/data/*",
		"/data 40755 0:0 200 =\n"
		"/data/a 100644 0:0 100 R\n"
		"/data/b 100644 0:0 200 =\n"
		"/data/sub 40755 0:0 300 R\n"
		"/data/sub/c 100644 0:0 300 R\n");
	ck_dump(t, 0, LAYER_VIEW_AFTER, LAYER_SHOW_ALL, "my*",
		"/home 40755 0:0 7 A\n/home/user 40700 1000:1000 7 A\n/home/user/my file 100600 1000:1000 7 A\n");

	/* look-ups, the largest, totals */
	uint32_t passwd = layer_tree_lookup(t, "./etc//passwd/");
	ck_assert_uint_ne(passwd, LAYER_NODE_NONE);
	char *path = layer_tree_path(t, passwd);
	ck_assert_str_eq(path, "/etc/passwd");
	free(path);
	ck_assert_uint_eq(layer_tree_lookup(t, "/etc/nothing"), LAYER_NODE_NONE);
	ck_assert_uint_eq(layer_tree_lookup(t, "../etc"), LAYER_NODE_NONE);
	struct layer_query q = { 2, LAYER_VIEW_AFTER, LAYER_SORT_SIZE, 0, NULL };
	uint32_t big = layer_tree_largest(t, &q);
	path = layer_tree_path(t, big);
	ck_assert_str_eq(path, "/bin/busybox");
	free(path);
	struct layer_entry e;
	ck_assert(layer_tree_entry(t, &q, passwd, &e));
	ck_assert_int_eq(e.layer, 1);
	ck_assert_int_eq(e.mtime, 1700000000);
	ck_assert_uint_eq(e.size, 19);
	struct layer_totals tot;
	layer_tree_totals(t, &q, &tot);
	ck_assert_uint_eq(tot.bytes, 1000 + 200 + 3 + 4 + 19 + 7 + 40 + 70 + 10 + 8);
	ck_assert_uint_eq(tot.removed, 5);
	ck_assert_uint_eq(tot.added, 1);
	/* sorted by size: largest first */
	struct layer_entry *rows;
	size_t n = layer_tree_children(t, &q, LAYER_NODE_ROOT, &rows);
	ck_assert_uint_ge(n, 3);
	ck_assert_str_eq(rows[0].name, "bin");
	ck_assert_str_eq(rows[1].name, "data");
	free(rows);
	/* the escape sequence is never drawn raw */
	uint32_t esc = layer_tree_lookup(t, ESC_NAME);
	ck_assert(layer_tree_entry(t, &q, esc, &e));
	ck_assert_str_eq(e.name, ESC_NAME);
	ck_assert_str_eq(e.label, "esc\\e[31mred");

	layer_tree_status(t, &st);
	ck_assert_uint_gt(st.memory, 0);
	layer_tree_free(t);
	sb_free(&ar);
}
END_TEST

START_TEST(dive_efficiency)
{
	struct strbuf ar = STRBUF_INIT;
	legacy_archive(&ar, false);
	struct layer_tree *t = tree_of(&ar);
	struct layer_efficiency eff;
	layer_tree_efficiency(t, &eff);
	ck_assert(eff.complete);
	ck_assert_int_eq(eff.layers, 3);
	uint64_t l0 = 9 + 4 + 100 + 200 + 300 + 50 + 60 + 1000 + 10 + 7 + 8 + 3;
	ck_assert_uint_eq(eff.size, l0 + 19 + 40 + 70);
	ck_assert_uint_eq(eff.user_size, 19 + 40 + 70);
	/* by hand: /data/a 100 + 0 (a whiteout of a file), /etc/passwd 9 + 19; the removed folder
	 * is one occurrence only (not a leaf in layer 0), the opaque directory none (dive) */
	ck_assert_int_eq(eff.nitems, 2);
	ck_assert_uint_eq(eff.wasted, 128);
	char *p0 = layer_tree_path(t, eff.items[0].node), *p1 = layer_tree_path(t, eff.items[1].node);
	ck_assert_str_eq(p0, "/data/a");
	ck_assert_str_eq(p1, "/etc/passwd");
	free(p0);
	free(p1);
	ck_assert_uint_eq(eff.items[0].bytes, 100);
	ck_assert_int_eq(eff.items[0].count, 2);
	ck_assert_int_eq(eff.items[0].layers[0], 0);
	ck_assert_int_eq(eff.items[0].layers[1], 2);
	ck_assert_uint_eq(eff.items[1].bytes, 28);
	ck_assert_int_eq(eff.items[1].layers[1], 1);
	/* sum of the smallest occurrences over the sum of all occurrences */
	uint64_t cum = l0 + 19 + 40 + 70 + 300 /* the folder's whiteout */;
	uint64_t min = cum - 19 - 100 - 300 + 300;
	ck_assert_double_eq_tol(eff.score, (double)min / (double)cum, 1e-12);
	ck_assert_double_eq_tol(eff.wasted_user, 128.0 / (19 + 40 + 70), 1e-12);
	layer_efficiency_free(&eff);
	layer_tree_free(t);
	sb_free(&ar);
}
END_TEST

START_TEST(oci_layout_same_tree)
{
	struct strbuf legacy = STRBUF_INIT, oci = STRBUF_INIT;
	legacy_archive(&legacy, true);
	if (_i == 0)
		oci_archive(&oci);
	else
		oci_docker25_archive(&oci);
	struct layer_tree *a = tree_of(&legacy), *b = tree_of(&oci);
	for (size_t l = 0; l < 3; l++) {
		for (int v = 0; v < 2; v++) {
			char *x = dump_query(a, l, (enum layer_view)v, 0, NULL);
			char *y = dump_query(b, l, (enum layer_view)v, 0, NULL);
			ck_assert_msg(strcmp(x, y) == 0, "layer %zu view %d:\n%s\nvs\n%s", l, v, x, y);
			free(x);
			free(y);
		}
	}
	struct layer_info li;
	ck_assert(layer_tree_layer(b, 1, &li));
	ck_assert_int_eq(layer_tree_layers(b), 3);
	if (_i == 0) {
		ck_assert_str_eq(li.compression, "gzip");
		ck_assert_str_eq(li.blob, "blobs/sha256/1c1c000000000000000000000000000000000000000000000000000000000000");
		ck_assert_uint_eq(li.blob_bytes, gztars[1].len);
	} else {
		ck_assert_str_eq(li.compression, "none");
		ck_assert_str_eq(li.blob, "blobs/sha256/a1a1");
		ck_assert_uint_eq(li.blob_bytes, tars[1].len);
	}
	ck_assert_str_eq(li.created_by, "/bin/sh -c echo one > /etc/passwd");
	struct layer_tree_status st;
	layer_tree_status(b, &st);
	ck_assert_str_eq(st.image_id, "sha256:" CONFIG_HEX);
	struct layer_efficiency e1, e2;
	layer_tree_efficiency(a, &e1);
	layer_tree_efficiency(b, &e2);
	ck_assert_uint_eq(e1.wasted, e2.wasted);
	ck_assert_double_eq(e1.score, e2.score);
	layer_efficiency_free(&e1);
	layer_efficiency_free(&e2);
	layer_tree_free(a);
	layer_tree_free(b);
	sb_free(&legacy);
	sb_free(&oci);
}
END_TEST

/* Before the manifest, each layer is shown alone, in arrival order; the manifest reorders. */
START_TEST(browsable_before_the_manifest)
{
	struct strbuf ar = STRBUF_INIT;
	legacy_archive(&ar, false);
	struct collect c;
	char *err = NULL;
	ck_assert_int_eq(stream(&ar, &c, NULL, &err), ARCHIVE_RESULT_DONE);
	struct layer_tree *t = layer_tree_new();
	size_t i = 0;
	unsigned bits = 0;
	/* up to the end of the first blob (l2) */
	for (; i < c.n; i++) {
		bits |= layer_tree_apply(t, c.u[i]);
		struct layer_info li;
		if (layer_tree_layer(t, 0, &li) && li.state == LAYER_STATE_DONE)
			break;
	}
	ck_assert(bits & LAYER_TREE_CHANGED_FILES);
	struct layer_tree_status st;
	layer_tree_status(t, &st);
	ck_assert(!st.ordered);
	ck_assert_int_eq(st.layers, 1);
	ck_dump(t, 0, LAYER_VIEW_CHANGES, 0, NULL,
		"/data 40755 0:0 0 A\n"
		"/data/a 0 0:0 0 R\n"
		"/data/sub 0 0:0 0 R\n"
		"/opq 40755 0:0 70 A\n"
		"/opq/z 100644 0:0 70 A\n");
	struct layer_query q = { 0, LAYER_VIEW_AFTER, LAYER_SORT_NAME, 0, NULL };
	char *perr = NULL;
	ck_assert_ptr_null(layer_tree_pick(t, &q, layer_tree_lookup(t, "opq/z"), &perr));
	ck_assert_ptr_nonnull(perr);
	free(perr);
	bool reordered = false;
	for (i++; i < c.n; i++)
		if (layer_tree_apply(t, c.u[i]) & LAYER_TREE_CHANGED_ORDER)
			reordered = true;
	free(c.u);
	ck_assert(reordered);
	ck_assert_int_eq(layer_tree_find_blob(t, "l2/layer.tar"), 2);
	ck_dump(t, 2, LAYER_VIEW_AFTER, 0, NULL, AFTER_LAST);
	layer_tree_free(t);
	sb_free(&ar);
}
END_TEST

START_TEST(progress_and_cancel)
{
	struct strbuf ar = STRBUF_INIT;
	legacy_archive(&ar, false);
	struct collect c;
	char *err = NULL;
	ck_assert_int_eq(stream(&ar, &c, NULL, &err), ARCHIVE_RESULT_DONE);
	ck_assert_uint_ge(c.progress_calls, 1);
	for (size_t i = 0; i < c.n; i++)
		layer_update_free(c.u[i]);
	free(c.u);

	struct cancel cancel;
	cancel_init(&cancel);
	cancel_request(&cancel);
	ck_assert_int_eq(stream(&ar, &c, &cancel, &err), ARCHIVE_RESULT_CANCELLED);
	ck_assert_ptr_null(err);
	struct layer_tree *t = layer_tree_new();
	for (size_t i = 0; i < c.n; i++)
		layer_tree_apply(t, c.u[i]);
	free(c.u);
	struct layer_tree_status st;
	layer_tree_status(t, &st);
	ck_assert_int_eq(st.state, LAYER_TREE_CANCELLED);
	layer_tree_free(t);
	cancel_destroy(&cancel);
	sb_free(&ar);
}
END_TEST

START_TEST(truncated_and_broken)
{
	struct strbuf ar = STRBUF_INIT;
	legacy_archive(&ar, false);
	/* cut inside l0's layer tar: l2 was read whole, l0 partly */
	const char *at = memmem(ar.buf, ar.len, "bin/busybox", 11);
	ck_assert_ptr_nonnull(at);
	struct strbuf cut = STRBUF_INIT;
	sb_append(&cut, ar.buf, (size_t)(at - ar.buf) + 600);
	struct collect c;
	char *err = NULL;
	ck_assert_int_eq(stream(&cut, &c, NULL, &err), ARCHIVE_RESULT_FAILED);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, "damaged") != NULL, "%s", err);
	struct layer_tree *t = layer_tree_new();
	for (size_t i = 0; i < c.n; i++)
		layer_tree_apply(t, c.u[i]);
	free(c.u);
	struct layer_tree_status st;
	layer_tree_status(t, &st);
	ck_assert_int_eq(st.state, LAYER_TREE_FAILED);
	ck_assert_str_eq(st.error, err);
	ck_assert_int_eq(st.layers, 2);
	struct layer_info li;
	ck_assert(layer_tree_layer(t, 1, &li));
	ck_assert_int_eq(li.state, LAYER_STATE_FAILED);
	ck_assert_uint_gt(li.entries, 5);
	ck_assert_uint_ne(layer_tree_lookup(t, "etc/passwd"), LAYER_NODE_NONE);
	layer_tree_free(t);
	free(err);
	err = NULL;

	/* no manifest at all */
	struct outer only[] = { { "l0/layer.tar", tars[0].buf, tars[0].len, NULL } };
	struct strbuf nom = STRBUF_INIT;
	make_outer(only, 1, &nom);
	ck_assert_int_eq(stream(&nom, &c, NULL, &err), ARCHIVE_RESULT_FAILED);
	ck_assert_str_eq(err, "not an image archive: no manifest.json or index.json");
	for (size_t i = 0; i < c.n; i++)
		layer_update_free(c.u[i]);
	free(c.u);
	free(err);
	err = NULL;

	/* not an archive */
	struct strbuf junk = STRBUF_INIT;
	sb_puts(&junk, "{\"message\":\"No such image: x\"}\n");
	ck_assert_int_eq(stream(&junk, &c, NULL, &err), ARCHIVE_RESULT_FAILED);
	ck_assert_ptr_nonnull(err);
	for (size_t i = 0; i < c.n; i++)
		layer_update_free(c.u[i]);
	free(c.u);
	free(err);

	sb_free(&ar);
	sb_free(&cut);
	sb_free(&nom);
	sb_free(&junk);
}
END_TEST

/* A layer stored as a symlink to an identical one (legacy layout), a missing layer. */
START_TEST(shared_layers)
{
	const char *manifest = "[{\"Config\":\"c.json\",\"Layers\":[\"a/layer.tar\",\"b/layer.tar\",\"a/layer.tar\"]}]";
	const char *config = "{\"rootfs\":{\"diff_ids\":[\"sha256:aa\",\"sha256:bb\",\"sha256:aa\"]},\"history\":[]}";
	struct outer o[] = {
		{ "a/layer.tar", NULL, 0, "../c/layer.tar" },
		{ "b/layer.tar", tars[1].buf, tars[1].len, NULL },
		{ "c/layer.tar", tars[0].buf, tars[0].len, NULL },
		{ "c.json", config, strlen(config), NULL },
		{ "manifest.json", manifest, strlen(manifest), NULL },
	};
	struct strbuf ar = STRBUF_INIT;
	make_outer(o, 5, &ar);
	struct layer_tree *t = tree_of(&ar);
	ck_assert_int_eq(layer_tree_layers(t), 3);
	struct layer_info li;
	ck_assert(layer_tree_layer(t, 2, &li));
	ck_assert_str_eq(li.blob, "c/layer.tar");
	ck_assert_int_eq(li.state, LAYER_STATE_DONE);
	ck_assert_str_eq(li.diff_id, "sha256:aa");
	/* layer 2 rewrites what layer 0 wrote (and what layer 1 changed) */
	char *d = dump_query(t, 2, LAYER_VIEW_CHANGES, LAYER_SHOW(LAYER_MODIFIED), "passwd");
	ck_assert_str_eq(d, "/etc 40755 0:0 13 =\n/etc/passwd 100644 0:0 9 M\n");
	free(d);
	layer_tree_free(t);
	sb_free(&ar);

	/* a manifest naming a layer that is not there */
	const char *bad = "[{\"Config\":\"c.json\",\"Layers\":[\"c/layer.tar\",\"gone/layer.tar\"]}]";
	struct outer o2[] = {
		{ "c/layer.tar", tars[0].buf, tars[0].len, NULL },
		{ "manifest.json", bad, strlen(bad), NULL },
	};
	make_outer(o2, 2, &ar);
	struct collect c;
	char *err = NULL;
	ck_assert_int_eq(stream(&ar, &c, NULL, &err), ARCHIVE_RESULT_FAILED);
	ck_assert_str_eq(err, "the image archive names a layer it does not hold: gone/layer.tar");
	t = layer_tree_new();
	for (size_t i = 0; i < c.n; i++)
		layer_tree_apply(t, c.u[i]);
	free(c.u);
	ck_assert(layer_tree_layer(t, 1, &li));
	ck_assert_int_eq(li.state, LAYER_STATE_PENDING);
	ck_assert_str_eq(li.blob, "gone/layer.tar");
	ck_dump(t, 1, LAYER_VIEW_CHANGES, 0, NULL, "");
	layer_tree_free(t);
	free(err);
	sb_free(&ar);
}
END_TEST

/* ---- reading again ---------------------------------------------------------------------------- */

static struct layer_pick *
pick_of(struct layer_tree *t, size_t layer, enum layer_view view, const char *path)
{
	struct layer_query q = { layer, view, LAYER_SORT_NAME, 0, NULL };
	char *err = NULL;
	struct layer_pick *p = layer_tree_pick(t, &q, layer_tree_lookup(t, path), &err);
	ck_assert_msg(p != NULL, "pick %s: %s", path, err ? err : "?");
	return p;
}

static enum archive_result
content_of(const struct strbuf *ar, const struct layer_pick *p, size_t max, struct layer_content *out, char **err)
{
	int fd = write_file("again.tar", ar);
	struct layer_source src = { .engine = NULL, .fd = fd };
	enum archive_result r = layer_stream_content(&src, p, max, out, NULL, err);
	close(fd);
	return r;
}

START_TEST(content_for_the_pager)
{
	struct strbuf ar = STRBUF_INIT;
	legacy_archive(&ar, false);
	struct layer_tree *t = tree_of(&ar);
	struct layer_content c;
	char *err = NULL;

	struct layer_pick *p = pick_of(t, 2, LAYER_VIEW_AFTER, "/etc/passwd");
	ck_assert_int_eq(content_of(&ar, p, LAYER_CONTENT_MAX, &c, &err), ARCHIVE_RESULT_DONE);
	ck_assert_str_eq(c.data, "root:x:0:0:root:/ro");
	ck_assert(!c.cut);
	ck_assert(!c.binary);
	layer_content_free(&c);
	layer_pick_free(p);
	/* the version of layer 0 */
	p = pick_of(t, 0, LAYER_VIEW_AFTER, "/etc/passwd");
	ck_assert_int_eq(content_of(&ar, p, LAYER_CONTENT_MAX, &c, &err), ARCHIVE_RESULT_DONE);
	ck_assert_str_eq(c.data, "root:x:0:");
	layer_content_free(&c);
	layer_pick_free(p);
	/* a hard link reads its target; a cut */
	p = pick_of(t, 2, LAYER_VIEW_AFTER, "/bin/ls");
	ck_assert_int_eq(content_of(&ar, p, 10, &c, &err), ARCHIVE_RESULT_DONE);
	ck_assert_str_eq(c.data, "xxxxxxxxxx");
	ck_assert_uint_eq(c.size, 1000);
	ck_assert(c.cut);
	layer_content_free(&c);
	layer_pick_free(p);
	/* a directory or a symlink has no content */
	p = pick_of(t, 2, LAYER_VIEW_AFTER, "/etc");
	ck_assert_int_eq(content_of(&ar, p, 10, &c, &err), ARCHIVE_RESULT_FAILED);
	ck_assert_str_eq(err, "/etc is a directory, not a file");
	free(err);
	err = NULL;
	layer_pick_free(p);
	p = pick_of(t, 2, LAYER_VIEW_AFTER, "/bin/sh");
	ck_assert_int_eq(content_of(&ar, p, 10, &c, &err), ARCHIVE_RESULT_FAILED);
	ck_assert_str_eq(err, "/bin/sh is a symbolic link to busybox, not a file");
	free(err);
	err = NULL;
	layer_pick_free(p);
	/* a removed file cannot be picked */
	struct layer_query q = { 2, LAYER_VIEW_AFTER, LAYER_SORT_NAME, 0, NULL };
	ck_assert_ptr_null(layer_tree_pick(t, &q, layer_tree_lookup(t, "/data/a"), &err));
	ck_assert_str_eq(err, "/data/a was removed in this layer: there is nothing to read");
	free(err);
	err = NULL;
	/* binary */
	p = pick_of(t, 0, LAYER_VIEW_CHANGES, "/bin/busybox");
	ck_assert_int_eq(content_of(&ar, p, LAYER_CONTENT_MAX, &c, &err), ARCHIVE_RESULT_DONE);
	ck_assert(!c.binary);
	ck_assert_uint_eq(c.len, 1000);
	layer_content_free(&c);
	layer_pick_free(p);
	layer_tree_free(t);
	sb_free(&ar);
}
END_TEST

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_append(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

static enum archive_result
extract(const struct strbuf *ar, const struct layer_pick *p, const char *dest, bool overwrite,
	struct layer_extract_result *res, char **err)
{
	int fd = write_file("again.tar", ar);
	struct layer_source src = { .engine = NULL, .fd = fd };
	struct layer_extract_opts o = { .dest = dest, .overwrite = overwrite };
	enum archive_result r = layer_stream_extract(&src, p, &o, res, err);
	close(fd);
	return r;
}

START_TEST(extract_a_folder)
{
	struct strbuf ar = STRBUF_INIT;
	legacy_archive(&ar, false);
	struct layer_tree *t = tree_of(&ar);
	char *dest = xasprintf("%s/out", tmpdir);
	ck_assert_int_eq(mkdir(dest, 0755), 0);
	struct layer_extract_result res;
	char *err = NULL;

	/* the whole file system after the last layer */
	struct layer_pick *p = pick_of(t, 2, LAYER_VIEW_AFTER, "/");
	ck_assert_str_eq(layer_pick_name(p), "rootfs");
	ck_assert_int_eq(extract(&ar, p, dest, false, &res, &err), ARCHIVE_RESULT_DONE);
	ck_assert_msg(res.skipped == 0, "%s", res.report ? res.report : "");
	char *top = xasprintf("%s/rootfs", dest);
	ck_assert_str_eq(res.top, top);
	char *f = xasprintf("%s/etc/passwd", top);
	char *s = slurp(f);
	ck_assert_str_eq(s, "root:x:0:0:root:/ro");
	free(s);
	free(f);
	struct stat a, b;
	f = xasprintf("%s/data/a", top);
	ck_assert_int_ne(lstat(f, &a), 0);
	free(f);
	f = xasprintf("%s/opq/x", top);
	ck_assert_int_ne(lstat(f, &a), 0);
	free(f);
	f = xasprintf("%s/bin/ls", top);
	char *g = xasprintf("%s/bin/busybox", top);
	ck_assert_int_eq(lstat(f, &a), 0);
	ck_assert_int_eq(lstat(g, &b), 0);
	ck_assert_uint_eq(a.st_ino, b.st_ino);	/* a hard link */
	ck_assert_int_eq(b.st_mode & 07777, 0755);
	free(f);
	free(g);
	f = xasprintf("%s/bin/sh", top);
	char lk[64] = "";
	ck_assert_int_eq(readlink(f, lk, sizeof(lk) - 1), 7);
	ck_assert_str_eq(lk, "busybox");
	free(f);
	f = xasprintf("%s/home/user", top);
	ck_assert_int_eq(lstat(f, &a), 0);
	ck_assert_int_eq(a.st_mode & 07777, 0700);
	ck_assert_int_eq(a.st_mtime, 1700000000);	/* a directory's time, restored at the end */
	free(f);
	f = xasprintf("%s/etc/passwd", top);
	ck_assert_int_eq(lstat(f, &a), 0);
	ck_assert_int_eq(a.st_mtime, 1700000000);
	free(f);
	ck_assert_uint_eq(res.bytes, 1000 + 200 + 3 + 4 + 19 + 7 + 40 + 70 + 10 + 8);
	ck_assert_uint_ge(res.files, 10);
	ck_assert_uint_ge(res.links, 2);
	layer_extract_result_free(&res);

	/* again: the top exists */
	ck_assert_int_eq(extract(&ar, p, dest, false, &res, &err), ARCHIVE_RESULT_EXISTS);
	layer_extract_result_free(&res);
	layer_pick_free(p);

	/* one layer's own changes of a folder; a hard link whose target is not taken */
	p = pick_of(t, 0, LAYER_VIEW_CHANGES, "/bin/ls");
	ck_assert_int_eq(extract(&ar, p, dest, false, &res, &err), ARCHIVE_RESULT_DONE);
	f = xasprintf("%s/ls", dest);
	ck_assert_int_eq(lstat(f, &a), 0);
	ck_assert(S_ISREG(a.st_mode));
	ck_assert_int_eq(a.st_size, 1000);
	free(f);
	layer_extract_result_free(&res);
	layer_pick_free(p);

	p = pick_of(t, 1, LAYER_VIEW_CHANGES, "/etc");
	ck_assert_int_eq(extract(&ar, p, dest, false, &res, &err), ARCHIVE_RESULT_DONE);
	f = xasprintf("%s/etc/hosts", dest);
	ck_assert_int_ne(lstat(f, &a), 0);	/* not layer 1's */
	free(f);
	f = xasprintf("%s/etc/passwd", dest);
	ck_assert_int_eq(lstat(f, &a), 0);
	free(f);
	layer_extract_result_free(&res);
	layer_pick_free(p);

	/* not a directory */
	p = pick_of(t, 1, LAYER_VIEW_CHANGES, "/etc");
	char *nodir = xasprintf("%s/nothing", tmpdir);
	ck_assert_int_eq(extract(&ar, p, nodir, false, &res, &err), ARCHIVE_RESULT_FAILED);
	ck_assert_ptr_nonnull(err);
	free(err);
	free(nodir);
	layer_extract_result_free(&res);
	layer_pick_free(p);

	free(top);
	free(dest);
	layer_tree_free(t);
	sb_free(&ar);
}
END_TEST

/* Names that climb out are dropped; an absolute name stays inside; nothing is written through
 * a symlink, on disk or from the archive. */
START_TEST(extract_is_safe)
{
	static const struct ent evil0[] = {
		{ D, "d/", 0755, NULL, 0, 0, 0 },
		{ L, "d/up", 0, "../../../../../../tmp", 0, 0, 0 },
		{ L, "abs", 0, "/etc", 0, 0, 0 },
		{ F, "../escape", 0644, "no", 0, 0, 0 },
		{ F, "/rooted", 0644, "inside", 0, 0, 0 },
		{ F, "d/../../../escape2", 0644, "no", 0, 0, 0 },
	};
	static const struct ent evil1[] = {
		{ F, "d/up/budu-layer-evil", 0644, "no", 0, 0, 0 },
		{ F, "abs/budu-layer-evil", 0644, "no", 0, 0, 0 },
		{ F, "ok", 0644, "fine", 0, 0, 0 },
	};
	struct strbuf t0 = STRBUF_INIT, t1 = STRBUF_INIT, ar = STRBUF_INIT;
	make_tar(evil0, 6, false, &t0);
	make_tar(evil1, 3, false, &t1);
	const char *manifest = "[{\"Config\":\"c.json\",\"Layers\":[\"0/layer.tar\",\"1/layer.tar\"]}]";
	/* the upper layer first in the archive: its file below the lower layer's symlink comes
	 * before the symlink, and must be refused all the same */
	struct outer o[] = {
		{ "1/layer.tar", t1.buf, t1.len, NULL },
		{ "0/layer.tar", t0.buf, t0.len, NULL },
		{ "manifest.json", manifest, strlen(manifest), NULL },
	};
	make_outer(o, 3, &ar);
	struct layer_tree *t = tree_of(&ar);
	ck_assert_uint_eq(layer_tree_lookup(t, "escape"), LAYER_NODE_NONE);
	ck_assert_uint_eq(layer_tree_lookup(t, "escape2"), LAYER_NODE_NONE);
	ck_assert_uint_ne(layer_tree_lookup(t, "rooted"), LAYER_NODE_NONE);
	struct layer_info li;
	ck_assert(layer_tree_layer(t, 0, &li));
	ck_assert_uint_eq(li.entries, 4);

	char *dest = xasprintf("%s/out", tmpdir);
	ck_assert_int_eq(mkdir(dest, 0755), 0);
	struct layer_pick *p = pick_of(t, 1, LAYER_VIEW_AFTER, "/");
	struct layer_extract_result res;
	char *err = NULL;
	ck_assert_int_eq(extract(&ar, p, dest, false, &res, &err), ARCHIVE_RESULT_DONE);
	ck_assert_uint_eq(res.skipped, 2);
	ck_assert_ptr_nonnull(res.report);
	ck_assert_msg(strstr(res.report, "/d/up/budu-layer-evil: ") != NULL, "%s", res.report);
	ck_assert_msg(strstr(res.report, "/abs/budu-layer-evil: ") != NULL, "%s", res.report);
	struct stat st;
	ck_assert_int_ne(lstat("/tmp/budu-layer-evil", &st), 0);
	ck_assert_int_ne(lstat("/etc/budu-layer-evil", &st), 0);
	char *f = xasprintf("%s/rootfs/rooted", dest);
	ck_assert_int_eq(lstat(f, &st), 0);
	free(f);
	f = xasprintf("%s/rootfs/ok", dest);
	ck_assert_int_eq(lstat(f, &st), 0);
	free(f);
	f = xasprintf("%s/rootfs/d/up", dest);
	char lk[64] = "";
	ck_assert_int_gt(readlink(f, lk, sizeof(lk) - 1), 0);
	ck_assert_str_eq(lk, "../../../../../../tmp");
	free(f);
	layer_extract_result_free(&res);
	layer_pick_free(p);
	free(dest);
	layer_tree_free(t);
	sb_free(&t0);
	sb_free(&t1);
	sb_free(&ar);
}
END_TEST

/* The model's size per file, on a layer of 50,000 files. */
START_TEST(memory_per_file)
{
	size_t n = 50000;
	struct ent *ents = xcalloc(n + 100, sizeof(*ents));
	char **names = xcalloc(n + 100, sizeof(char *));
	size_t k = 0;
	for (size_t d = 0; d < 50; d++) {
		names[k] = xasprintf("usr/share/dir%02zu/", d);
		ents[k] = (struct ent){ D, names[k], 0755, NULL, 0, 0, 0 };
		k++;
		for (size_t i = 0; i < n / 50; i++) {
			names[k] = xasprintf("usr/share/dir%02zu/file-number-%05zu.txt", d, i);
			ents[k] = (struct ent){ F, names[k], 0644, NULL, 1, 0, 0 };
			k++;
		}
	}
	struct strbuf tar = STRBUF_INIT, ar = STRBUF_INIT;
	make_tar(ents, k, false, &tar);
	const char *manifest = "[{\"Config\":\"c.json\",\"Layers\":[\"0/layer.tar\"]}]";
	struct outer o[] = {
		{ "manifest.json", manifest, strlen(manifest), NULL },
		{ "0/layer.tar", tar.buf, tar.len, NULL },
	};
	make_outer(o, 2, &ar);
	struct layer_tree *t = tree_of(&ar);
	struct layer_query q = { 0, LAYER_VIEW_AFTER, LAYER_SORT_SIZE, 0, "-0042" };
	struct layer_totals tot;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	layer_tree_totals(t, &q, &tot);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "# a view of 50,000 files, filtered: %.1f ms\n",
		(double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	struct layer_efficiency eff;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	layer_tree_efficiency(t, &eff);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "# efficiency of 50,000 files: %.1f ms\n",
		(double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	ck_assert_int_eq(eff.nitems, 0);
	ck_assert_double_eq(eff.score, 1.0);
	layer_efficiency_free(&eff);
	ck_assert_uint_eq(tot.files, 50 * 10);
	struct layer_tree_status st;
	layer_tree_status(t, &st);
	ck_assert_uint_eq(st.nodes, n + 50 + 3);
	double per = (double)st.memory / (double)st.nodes;
	ck_assert_msg(per <= 200.0, "%.1f bytes a file", per);
	fprintf(stderr, "# memory: %zu bytes for %zu paths: %.1f bytes a path\n", st.memory, st.nodes, per);
	layer_tree_free(t);
	for (size_t i = 0; i < k; i++)
		free(names[i]);
	free(names);
	free(ents);
	sb_free(&tar);
	sb_free(&ar);
}
END_TEST

static Suite *
layer_suite(void)
{
	Suite *s = suite_create("layer_tree");
	TCase *tc = tcase_create("stream");
	tcase_add_checked_fixture(tc, make_tmpdir, remove_tmpdir);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, legacy_layers_and_changes);
	tcase_add_test(tc, dive_efficiency);
	tcase_add_loop_test(tc, oci_layout_same_tree, 0, 2);
	tcase_add_test(tc, browsable_before_the_manifest);
	tcase_add_test(tc, progress_and_cancel);
	tcase_add_test(tc, truncated_and_broken);
	tcase_add_test(tc, shared_layers);
	tcase_add_test(tc, content_for_the_pager);
	tcase_add_test(tc, extract_a_folder);
	tcase_add_test(tc, extract_is_safe);
	tcase_add_test(tc, memory_per_file);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(layer_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
