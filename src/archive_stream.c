#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>

#include "archive_stream.h"
#include "http.h"
#include "i18n.h"
#include "xalloc.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
archive_meter_init(struct archive_meter *m, archive_progress_fn fn, void *ctx, uint64_t total)
{
	memset(m, 0, sizeof(*m));
	m->fn = fn;
	m->ctx = ctx;
	m->p.stage = ARCHIVE_STAGE_TRANSFER;
	m->p.total = total;
	m->start = m->last = m->rate_at = now();
}

static void
report(struct archive_meter *m, double t)
{
	double dt = t - m->rate_at;
	if (dt >= 0.05 && m->p.done >= m->rate_done) {
		/* an average that forgets over about two seconds */
		double inst = (double)(m->p.done - m->rate_done) / dt;
		double a = dt / (dt + 2.0);
		m->p.rate = m->p.rate > 0 ? m->p.rate + a * (inst - m->p.rate) : inst;
		m->rate_at = t;
		m->rate_done = m->p.done;
	}
	m->p.elapsed = t - m->start;
	m->last = t;
	m->reported = true;
	m->fn(&m->p, m->ctx);
}

static bool
due(struct archive_meter *m, double t)
{
	return !m->reported || (t - m->last) * 1000.0 >= ARCHIVE_PROGRESS_INTERVAL_MS;
}

void
archive_meter_update(struct archive_meter *m, uint64_t done, uint64_t written, bool force)
{
	m->p.done = done;
	m->p.written = written;
	if (!m->fn)
		return;
	double t = now();
	if (force || due(m, t))
		report(m, t);
}

void
archive_meter_stage(struct archive_meter *m, enum archive_stage stage)
{
	if (m->p.stage == stage)
		return;
	m->p.stage = stage;
	if (m->fn)
		report(m, now());
}

void
archive_meter_layer(struct archive_meter *m, size_t layers, int64_t current, int64_t total)
{
	m->p.layers = layers;
	m->p.layer_current = current;
	m->p.layer_total = total;
	if (!m->fn)
		return;
	double t = now();
	if (due(m, t))
		report(m, t);
}

char *
archive_errno_message(const char *fmt, const char *path, int errnum)
{
	char buf[256];
	return xasprintf(fmt, path, strerror_r(errnum, buf, sizeof(buf)));
}

static bool
source_fail(struct archive_source *s, char **err, char *msg)
{
	*err = msg;
	archive_source_close(s);
	return false;
}

/* Decompressed bytes into the walk; false at a read error (s->error set). *n: 0 at the end. */
static bool
source_pull(struct archive_source *s, la_ssize_t *n)
{
	*n = archive_read_data(s->a, s->chunk, ARCHIVE_CHUNK);
	if (*n < 0) {
		s->error = xasprintf(_("cannot read %s: %s"), s->path, archive_error_string(s->a));
		return false;
	}
	if (*n == 0)
		return true;
	if (!tar_walk_feed(&s->walk, s->chunk, (size_t)*n, &s->out)) {
		s->error = xstrdup(s->walk.error);
		return false;
	}
	return true;
}

bool
archive_source_open(struct archive_source *s, const char *path, bool need_manifest, char **err)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	tar_walk_init(&s->walk);
	s->path = xstrdup(path);
	s->need_manifest = need_manifest;
	*err = NULL;
	s->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0)
		return source_fail(s, err, archive_errno_message(_("cannot open %s: %s"), path, errno));
	struct stat st;
	if (fstat(s->fd, &st) != 0)
		return source_fail(s, err, archive_errno_message(_("cannot open %s: %s"), path, errno));
	if (S_ISDIR(st.st_mode))
		return source_fail(s, err, xasprintf(_("%s is a directory"), path));
	s->size = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
	if (S_ISREG(st.st_mode) && st.st_size == 0)
		return source_fail(s, err, xasprintf(_("%s is empty"), path));

	s->a = archive_read_new();
	archive_read_support_filter_all(s->a);
	archive_read_support_format_raw(s->a);
	struct archive_entry *entry;
	if (archive_read_open_fd(s->a, s->fd, ARCHIVE_CHUNK) != ARCHIVE_OK)
		return source_fail(s, err, xasprintf(_("cannot read %s: %s"), path, archive_error_string(s->a)));
	int r = archive_read_next_header(s->a, &entry);
	if (r == ARCHIVE_EOF)
		return source_fail(s, err, xasprintf(_("%s is empty"), path));
	if (r < ARCHIVE_WARN)
		return source_fail(s, err, xasprintf(_("cannot read %s: %s"), path, archive_error_string(s->a)));
	s->filter = archive_filter_name(s->a, 0);
	s->chunk = xmalloc(ARCHIVE_CHUNK);

	/* The first header is read before anything is sent: a file that is no tar fails here. */
	while (s->walk.offset < 512 && !s->error && !s->eof) {
		la_ssize_t n;
		if (!source_pull(s, &n))
			break;
		if (n > 0)
			continue;
		if (s->walk.offset == 0)
			return source_fail(s, err, xasprintf(_("%s is empty"), path));
		if (!tar_walk_finish(&s->walk, need_manifest, &s->out))
			s->error = xstrdup(s->walk.error);
		s->eof = true;
	}
	if (s->error) {
		char *msg;
		if (s->walk.failed && s->walk.entries == 0)
			msg = xasprintf(_("%s is not a tar archive (plain or compressed)"), path);
		else
			msg = xstrdup(s->error);
		return source_fail(s, err, msg);
	}
	return true;
}

long
archive_source_read(char *buf, size_t size, void *ctx)
{
	struct archive_source *s = ctx;
	while (s->out_pos >= s->out.len) {
		s->out.len = 0;
		s->out_pos = 0;
		if (s->eof)
			return 0;
		if (s->cancel && atomic_load(&s->cancel->cancelled))
			return -1;
		la_ssize_t n;
		if (!source_pull(s, &n))
			return -1;
		if (n == 0) {
			if (!tar_walk_finish(&s->walk, s->need_manifest, &s->out)) {
				s->error = xstrdup(s->walk.error);
				return -1;
			}
			s->eof = true;
		}
		if (s->meter) {
			la_int64_t in = archive_filter_bytes(s->a, -1);
			archive_meter_update(s->meter, in > 0 ? (uint64_t)in : 0,
					     s->walk.offset, s->eof);
		}
	}
	size_t n = s->out.len - s->out_pos;
	if (n > size)
		n = size;
	memcpy(buf, s->out.buf + s->out_pos, n);
	s->out_pos += n;
	return (long)n;
}

void
archive_source_close(struct archive_source *s)
{
	if (s->a)
		archive_read_free(s->a);
	s->a = NULL;
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	tar_walk_free(&s->walk);
	sb_free(&s->out);
	free(s->chunk);
	free(s->path);
	free(s->error);
	s->chunk = s->path = s->error = NULL;
}
