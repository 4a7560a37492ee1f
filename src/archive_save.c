#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>
#include <cjson/cJSON.h>

#include "archive_save.h"
#include "engine.h"
#include "i18n.h"
#include "json.h"
#include "reference.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- names ---------------------------------------------------------------------------- */

static const struct {
	const char *ending;
	enum archive_compression c;
} endings[] = {
	{ ".tar.gz", ARCHIVE_COMPRESS_GZIP }, { ".tgz", ARCHIVE_COMPRESS_GZIP },
	{ ".gz", ARCHIVE_COMPRESS_GZIP },
	{ ".tar.zst", ARCHIVE_COMPRESS_ZSTD }, { ".tzst", ARCHIVE_COMPRESS_ZSTD },
	{ ".zst", ARCHIVE_COMPRESS_ZSTD },
	{ ".tar.xz", ARCHIVE_COMPRESS_XZ }, { ".txz", ARCHIVE_COMPRESS_XZ }, { ".xz", ARCHIVE_COMPRESS_XZ },
	{ ".tar.bz2", ARCHIVE_COMPRESS_BZIP2 }, { ".tbz2", ARCHIVE_COMPRESS_BZIP2 },
	{ ".tbz", ARCHIVE_COMPRESS_BZIP2 }, { ".bz2", ARCHIVE_COMPRESS_BZIP2 },
};

enum archive_compression
archive_compression_of(const char *path)
{
	size_t len = path ? strlen(path) : 0;
	for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
		size_t n = strlen(endings[i].ending);
		if (len > n && strcasecmp(path + len - n, endings[i].ending) == 0)
			return endings[i].c;
	}
	return ARCHIVE_COMPRESS_NONE;
}

const char *
archive_compression_suffix(enum archive_compression c)
{
	switch (c) {
	case ARCHIVE_COMPRESS_GZIP: return ".tar.gz";
	case ARCHIVE_COMPRESS_ZSTD: return ".tar.zst";
	case ARCHIVE_COMPRESS_XZ: return ".tar.xz";
	case ARCHIVE_COMPRESS_BZIP2: return ".tar.bz2";
	default: return ".tar";
	}
}

static bool
is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* One name's part of the file name (unsafe bytes still in), and its repository when it is a
 * reference (*repo, else NULL). */
static char *
name_part(const char *name, char **repo)
{
	*repo = NULL;
	const char *hex = strncmp(name, "sha256:", 7) == 0 ? name + 7 : name;
	if (strlen(hex) == 64 && is_hex(hex, 64))
		return xstrndup(hex, 12);
	struct reference ref;
	if (reference_parse(name, &ref) != REF_OK)
		return xstrdup(name);
	*repo = reference_familiar_name(&ref);
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, *repo);
	if (ref.tag)
		sb_printf(&sb, "_%s", ref.tag);
	if (ref.digest) {
		const char *colon = strchr(ref.digest, ':');
		sb_printf(&sb, "_%.*s_%.12s", (int)(colon ? colon - ref.digest : 0), ref.digest,
			  colon ? colon + 1 : ref.digest);
	}
	reference_free(&ref);
	return sb_detach(&sb);
}

#define NAME_MAX_BYTES 200

char *
archive_save_default_name(const char *const *names, size_t n, enum archive_compression c)
{
	char *first = NULL, *first_repo = NULL;
	bool one_repo = true;
	for (size_t i = 0; i < n; i++) {
		char *repo;
		char *part = name_part(names[i] ? names[i] : "", &repo);
		if (i == 0) {
			first = part;
			first_repo = repo;
			continue;
		}
		if (!repo || !first_repo || strcmp(repo, first_repo) != 0)
			one_repo = false;
		free(repo);
		free(part);
	}
	struct strbuf raw = STRBUF_INIT;
	if (n == 1)
		sb_puts(&raw, first);
	else if (n > 1 && one_repo && first_repo)
		sb_puts(&raw, first_repo);
	else if (n > 1)
		sb_printf(&raw, "%s_and_%zu_more", first, n - 1);
	free(first);
	free(first_repo);

	struct strbuf out = STRBUF_INIT;
	const char *s = raw.buf ? raw.buf : "";
	for (size_t i = 0; s[i] && out.len < NAME_MAX_BYTES; i++) {
		char ch = s[i];
		bool safe = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
			    || ch == '.' || ch == '_' || ch == '+' || ch == '-';
		if (!safe || (out.len == 0 && (ch == '.' || ch == '-')))
			ch = '_';
		sb_putc(&out, ch);
	}
	sb_free(&raw);
	if (out.len == 0)
		sb_puts(&out, "image");
	sb_puts(&out, archive_compression_suffix(c));
	return sb_detach(&out);
}

bool
archive_save_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* ---- the save ------------------------------------------------------------------------- */

struct save {
	const char *path;	/* the destination, for messages */
	int fd;
	char *tmp;
	struct archive *w;	/* the compressor, or NULL for a plain tar */
	struct tar_walk walk;
	bool walk_failed;
	struct strbuf tail;	/* from where the walk failed: maybe the engine's error */
	uint64_t received, written;
	char *error;		/* a write error */
	struct archive_meter meter;
	struct cancel *cancel;
	char *buf;		/* a plain tar: what came and is not written yet (BUF_SIZE) */
	size_t buf_len;
};

#define TAIL_MAX (64 * 1024)
/* The engine's stream comes in pieces of 16 KiB at most (libcurl's buffer), often less (where
 * its chunks end): written as they came, a 500 MB save made ~48,000 write() calls, some 40% of
 * the save's CPU time; gathered here, ~2,000. */
#define BUF_SIZE (256 * 1024)

static char *broken_archive(struct save *s);

static bool
write_all(struct save *s, const void *data, size_t n)
{
	const char *p = data;
	while (n > 0) {
		ssize_t k = write(s->fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (!s->error)
				s->error = archive_errno_message(_("cannot write %s: %s"), s->path,
								 k < 0 ? errno : ENOSPC);
			return false;
		}
		p += k;
		n -= (size_t)k;
		s->written += (uint64_t)k;
	}
	return true;
}

/* Writes what the buffer holds; false on a write error (s->error). */
static bool
flush_buffer(struct save *s)
{
	size_t n = s->buf_len;
	s->buf_len = 0;
	return n == 0 || write_all(s, s->buf, n);
}

static bool
write_buffered(struct save *s, const char *data, size_t n)
{
	if (s->buf_len + n > BUF_SIZE && !flush_buffer(s))
		return false;
	if (n >= BUF_SIZE)
		return write_all(s, data, n);
	memcpy(s->buf + s->buf_len, data, n);
	s->buf_len += n;
	return true;
}

static la_ssize_t
on_compressed(struct archive *a, void *ctx, const void *buf, size_t n)
{
	struct save *s = ctx;
	if (!write_all(s, buf, n)) {
		archive_set_error(a, EIO, "%s", s->error);
		return -1;
	}
	return (la_ssize_t)n;
}

static bool
on_data(const char *data, size_t n, void *ctx)
{
	struct save *s = ctx;
	if (s->cancel && atomic_load(&s->cancel->cancelled))
		return false;
	s->received += n;
	if (s->walk_failed) {
		if (s->tail.len >= TAIL_MAX) {
			/* no error message is that long: the archive is broken, stop here */
			s->error = broken_archive(s);
			return false;
		}
		sb_append(&s->tail, data, n < TAIL_MAX - s->tail.len ? n : TAIL_MAX - s->tail.len);
		return true;
	}
	uint64_t before = s->walk.offset;
	if (!tar_walk_feed(&s->walk, data, n, NULL)) {
		/* not a tar any more: keep what follows, it may be the engine's error */
		s->walk_failed = true;
		size_t len;
		const unsigned char *rejected = tar_walk_rejected(&s->walk, &len);
		sb_append(&s->tail, rejected, len);
		size_t used = (size_t)(s->walk.offset - before);
		sb_append(&s->tail, data + used, n - used);
		return true;
	}
	bool ok;
	if (s->w) {
		ok = archive_write_data(s->w, data, n) >= 0;
		if (!ok && !s->error)
			s->error = xasprintf(_("cannot write %s: %s"), s->path, archive_error_string(s->w));
	} else {
		ok = write_buffered(s, data, n);
	}
	archive_meter_update(&s->meter, s->received, s->written, false);
	return ok;
}

static bool
open_compressor(struct save *s, enum archive_compression c, char **err)
{
	if (c == ARCHIVE_COMPRESS_NONE)
		return true;
	s->w = archive_write_new();
	int r = ARCHIVE_OK;
	switch (c) {
	case ARCHIVE_COMPRESS_GZIP: r = archive_write_add_filter_gzip(s->w); break;
	case ARCHIVE_COMPRESS_ZSTD: r = archive_write_add_filter_zstd(s->w); break;
	case ARCHIVE_COMPRESS_XZ: r = archive_write_add_filter_xz(s->w); break;
	case ARCHIVE_COMPRESS_BZIP2: r = archive_write_add_filter_bzip2(s->w); break;
	default: break;
	}
	if (r == ARCHIVE_OK)
		r = archive_write_set_format_raw(s->w);
	/* no blocking: the compressed stream ends where it ends, without padding */
	if (r == ARCHIVE_OK)
		r = archive_write_set_bytes_per_block(s->w, 0);
	if (r == ARCHIVE_OK)
		r = archive_write_open2(s->w, s, NULL, on_compressed, NULL, NULL);
	if (r == ARCHIVE_OK) {
		struct archive_entry *entry = archive_entry_new();
		archive_entry_set_pathname(entry, "archive.tar");
		archive_entry_set_filetype(entry, AE_IFREG);
		archive_entry_set_perm(entry, 0600);
		r = archive_write_header(s->w, entry);
		archive_entry_free(entry);
	}
	if (r != ARCHIVE_OK) {
		*err = xasprintf(_("cannot compress %s: %s"), s->path, archive_error_string(s->w));
		return false;
	}
	return true;
}

/* ".NAME.budu-XXXXXX" beside path, made with O_EXCL (mkstemp: mode 0600). */
static bool
make_temp(struct save *s, char **err)
{
	const char *slash = strrchr(s->path, '/');
	char *dir = slash ? xstrndup(s->path, slash == s->path ? 1 : (size_t)(slash - s->path)) : xstrdup(".");
	const char *base = slash ? slash + 1 : s->path;
	s->tmp = slash ? xasprintf("%.*s/.%s.budu-XXXXXX", (int)(slash - s->path), s->path, base)
		       : xasprintf(".%s.budu-XXXXXX", base);
	s->fd = mkostemp(s->tmp, O_CLOEXEC);
	if (s->fd < 0) {
		*err = archive_errno_message(_("cannot create a file in %s: %s"), dir, errno);
		free(dir);
		free(s->tmp);
		s->tmp = NULL;
		return false;
	}
	free(dir);
	return true;
}

/* tmp becomes path: 0, EEXIST when path exists and overwrite is not set, or an errno. */
static int
place(const char *tmp, const char *path, bool overwrite)
{
	if (overwrite)
		return rename(tmp, path) == 0 ? 0 : errno;
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return errno;
#endif
	/* link() refuses to replace too */
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST)
		return EEXIST;
	if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP)
		return errno;
	/* a file system without hard links either: look, then rename */
	if (archive_save_exists(path))
		return EEXIST;
	return rename(tmp, path) == 0 ? 0 : errno;
}

/* The archive ended badly: the engine's error when it appended one (it does so once it has
 * sent some of the archive), else what the walk found. */
static char *
broken_archive(struct save *s)
{
	size_t len;
	const unsigned char *rest = tar_walk_rejected(&s->walk, &len);
	if (!s->walk_failed)
		sb_append(&s->tail, rest, len);
	char *msg = NULL;
	const char *t = s->tail.buf ? s->tail.buf : "";
	size_t skip = strspn(t, " \r\n\t");
	if (t[skip] == '{') {
		size_t end = skip + strcspn(t + skip, "\n");
		cJSON *j = json_parse_whole(t + skip, end - skip);
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(j, "errorDetail");
		char *m = json_string(d ? d : j, "message");
		if (!*m) {
			free(m);
			m = json_string(j, "error");
		}
		if (*m)
			msg = xasprintf(_("the engine failed while saving: %s"), m);
		free(m);
		cJSON_Delete(j);
	}
	if (!msg)
		msg = xasprintf(_("the engine's archive is incomplete: %s"),
				s->walk.error ? s->walk.error : _("it ends early"));
	return msg;
}

static char *
save_path(const struct archive_save_opts *o)
{
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "/images/get");
	for (size_t i = 0; i < o->nnames; i++) {
		char *esc = engine_escape(o->names[i]);
		sb_printf(&sb, "%cnames=%s", i ? '&' : '?', esc);
		free(esc);
	}
	return sb_detach(&sb);
}

/* Flushes the compressor and the file: false with *err on a write error. */
static bool
finish_file(struct save *s, char **err)
{
	if (!flush_buffer(s)) {
		*err = xstrdup(s->error);
		return false;
	}
	if (s->w) {
		int r = archive_write_close(s->w);
		if (r != ARCHIVE_OK) {
			*err = s->error ? xstrdup(s->error)
					: xasprintf(_("cannot write %s: %s"), s->path, archive_error_string(s->w));
			return false;
		}
	}
	/* No fsync, as docker save -o: the whole archive was written without an error when the
	 * rename comes, and the kernel writes it back. An fsync made budu wait for the disk to take
	 * every byte (a 500 MB save: seconds, 1.3-1.5x the CLI's time on a busy disk). */
	int fd = s->fd;
	s->fd = -1;
	if (close(fd) != 0) {
		*err = archive_errno_message(_("cannot write %s: %s"), s->path, errno);
		return false;
	}
	return true;
}

enum archive_result
archive_save(struct engine *e, const struct archive_save_opts *o, struct archive_save_result *res,
	     char **err)
{
	*err = NULL;
	if (res)
		memset(res, 0, sizeof(*res));
	if (o->nnames == 0) {
		*err = xstrdup(_("no image to save"));
		return ARCHIVE_RESULT_FAILED;
	}
	if (!o->path || !*o->path) {
		*err = xstrdup(_("no file to save to"));
		return ARCHIVE_RESULT_FAILED;
	}
	if (!o->overwrite && archive_save_exists(o->path))
		return ARCHIVE_RESULT_EXISTS;

	struct save s = { .path = o->path, .fd = -1, .cancel = o->cancel };
	tar_walk_init(&s.walk);
	archive_meter_init(&s.meter, o->progress, o->progress_ctx, o->expected);
	enum archive_result st = ARCHIVE_RESULT_FAILED;
	enum archive_compression c = archive_compression_of(o->path);
	if (c == ARCHIVE_COMPRESS_NONE)
		s.buf = xmalloc(BUF_SIZE);
	if (!make_temp(&s, err) || !open_compressor(&s, c, err))
		goto out;

	char *path = save_path(o);
	struct engine_response r = engine_stream_raw(e, "GET", path, on_data, &s, o->cancel);
	free(path);
	if (r.status == ENGINE_CANCELLED) {
		if (s.error) {
			*err = s.error;
			s.error = NULL;
		} else {
			st = ARCHIVE_RESULT_CANCELLED;
		}
	} else if (r.status != ENGINE_OK || r.http_status >= 400) {
		*err = xstrdup(r.error ? r.error : _("the engine failed"));
	} else if (s.walk_failed || !tar_walk_finish(&s.walk, true, NULL)) {
		*err = broken_archive(&s);
	} else if (finish_file(&s, err)) {
		int rc = place(s.tmp, o->path, o->overwrite);
		if (rc == 0) {
			free(s.tmp);
			s.tmp = NULL;
			st = ARCHIVE_RESULT_DONE;
			archive_meter_update(&s.meter, s.received, s.written, true);
		} else if (rc == EEXIST) {
			st = ARCHIVE_RESULT_EXISTS;
		} else {
			*err = archive_errno_message(_("cannot save to %s: %s"), o->path, rc);
		}
	}
	engine_response_free(&r);
out:
	if (s.w)
		archive_write_free(s.w);
	if (s.fd >= 0)
		close(s.fd);
	if (s.tmp)
		unlink(s.tmp);
	if (res) {
		res->received = s.received;
		res->written = s.written;
	}
	free(s.tmp);
	free(s.error);
	free(s.buf);
	sb_free(&s.tail);
	tar_walk_free(&s.walk);
	return st;
}
