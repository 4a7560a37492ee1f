/* Streaming an image archive for the Files tab (layer_stream.h): a ring between the transfer
 * (this thread) and libarchive (a parse thread), the outer tar walked entry by entry, each
 * layer read as a nested archive from the outer entry's data. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>
#include <cjson/cJSON.h>

#include "engine.h"
#include "i18n.h"
#include "json.h"
#include "layer_private.h"
#include "layer_stream.h"
#include "sanitize.h"
#include "strbuf.h"
#include "tar_walk.h"
#include "utf8.h"
#include "xalloc.h"

#define RING_SIZE (4u * 1024 * 1024)
#define FD_CHUNK (256u * 1024)
#define JSON_MAX (16u * 1024 * 1024)	/* the small JSON files kept, together */
#define JSON_ONE_MAX (4u * 1024 * 1024)	/* one of them */
#define PART_ENTRIES 20000
#define PART_SECONDS 0.2

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the ring: the transfer pushes, libarchive pulls ------------------------------------------ */

struct ring {
	pthread_mutex_t mu;
	pthread_cond_t readable, writable;
	char *buf;
	size_t cap;
	size_t start;		/* where the reader's held region begins */
	size_t held;		/* bytes handed to the reader, released at its next pull */
	size_t avail;		/* bytes after the held region, not read yet */
	bool eof;		/* the writer is done */
	bool closed;		/* the reader is done: the writer stops */
	atomic_uint_least64_t total;	/* bytes pushed */
	struct cancel *cancel;
};

static void
ring_init(struct ring *r, struct cancel *c)
{
	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->readable, NULL);
	pthread_cond_init(&r->writable, NULL);
	r->cap = RING_SIZE;
	r->buf = xmalloc(r->cap);
	r->cancel = c;
	atomic_init(&r->total, 0);
}

static void
ring_destroy(struct ring *r)
{
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->readable);
	pthread_cond_destroy(&r->writable);
	free(r->buf);
}

static bool
cancelled(const struct cancel *c)
{
	return c && atomic_load(&c->cancelled);
}

/* The writer: false when the reader is gone or a cancel came (stop the transfer). */
static bool
ring_push(struct ring *r, const char *data, size_t n)
{
	pthread_mutex_lock(&r->mu);
	while (n > 0) {
		if (r->closed || cancelled(r->cancel)) {
			pthread_mutex_unlock(&r->mu);
			return false;
		}
		size_t used = r->held + r->avail;
		if (used == r->cap) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += 50 * 1000 * 1000;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&r->writable, &r->mu, &ts);
			continue;
		}
		size_t end = (r->start + used) % r->cap;
		size_t room = r->cap - used;
		size_t contiguous = end >= r->start ? r->cap - end : r->start - end;
		size_t k = n < room ? n : room;
		if (k > contiguous)
			k = contiguous;
		memcpy(r->buf + end, data, k);
		r->avail += k;
		data += k;
		n -= k;
		atomic_fetch_add(&r->total, k);
		pthread_cond_signal(&r->readable);
	}
	pthread_mutex_unlock(&r->mu);
	return true;
}

static void
ring_finish(struct ring *r)
{
	pthread_mutex_lock(&r->mu);
	r->eof = true;
	pthread_cond_broadcast(&r->readable);
	pthread_mutex_unlock(&r->mu);
}

static void
ring_close(struct ring *r)
{
	pthread_mutex_lock(&r->mu);
	r->closed = true;
	pthread_cond_broadcast(&r->writable);
	pthread_mutex_unlock(&r->mu);
}

/* The reader: releases what it held, then hands out the next contiguous bytes; 0 at the end. */
static size_t
ring_pull(struct ring *r, const void **buf)
{
	pthread_mutex_lock(&r->mu);
	r->start = (r->start + r->held) % r->cap;
	r->held = 0;
	pthread_cond_signal(&r->writable);
	while (r->avail == 0 && !r->eof)
		pthread_cond_wait(&r->readable, &r->mu);
	size_t n = r->avail;
	if (n > r->cap - r->start)
		n = r->cap - r->start;
	r->held = n;
	r->avail -= n;
	*buf = r->buf + r->start;
	pthread_mutex_unlock(&r->mu);
	return n;
}

/* ---- a run: the transfer on this thread, the parse on another ------------------------------------ */

struct run;
typedef void (*parse_fn)(struct run *run);

struct run {
	const struct layer_source *src;
	struct cancel *cancel;
	struct ring ring;
	parse_fn parse;
	void (*on_tick)(struct run *run);	/* on the parse thread, with each progress report */
	void *op;		/* the operation's own state */
	char *error;		/* the parse's failure (translated) */
	bool finished;		/* the parse got what it wanted and closed the ring early */
	double start, last_tick;
	uint64_t expected;
	layer_progress_fn progress;
	void *progress_ctx;
	size_t layers_done, layers;
	double rate, rate_at;
	uint64_t rate_bytes;
};

static void
fill_progress(struct run *run, struct layer_progress *p)
{
	double t = now();
	memset(p, 0, sizeof(*p));
	p->bytes = atomic_load(&run->ring.total);
	p->total = run->expected;
	p->layers_done = run->layers_done;
	p->layers = run->layers;
	p->elapsed = t - run->start;
	if (t - run->rate_at >= 1.0) {
		double inst = (double)(p->bytes - run->rate_bytes) / (t - run->rate_at);
		run->rate = run->rate > 0 ? (run->rate + inst) / 2 : inst;
		run->rate_at = t;
		run->rate_bytes = p->bytes;
	}
	p->rate = run->rate;
}

static void tick(struct run *run, bool force);

static la_ssize_t
outer_read(struct archive *a, void *ctx, const void **buf)
{
	(void)a;
	struct run *run = ctx;
	tick(run, false);
	return (la_ssize_t)ring_pull(&run->ring, buf);
}

static void *
parse_main(void *arg)
{
	struct run *run = arg;
	run->parse(run);
	ring_close(&run->ring);
	return NULL;
}

static bool
on_engine_data(const char *data, size_t len, void *ctx)
{
	struct run *run = ctx;
	return ring_push(&run->ring, data, len);
}

/* Runs the transfer into the ring while run->parse reads it. Returns CANCELLED, FAILED with
 * *err (the transfer's failure, else the parse's), or DONE. */
static enum archive_result
drive(struct run *run, char **err)
{
	*err = NULL;
	run->start = run->last_tick = run->rate_at = now();
	ring_init(&run->ring, run->cancel);
	pthread_t th;
	if (pthread_create(&th, NULL, parse_main, run) != 0) {
		ring_destroy(&run->ring);
		*err = archive_errno_message(_("cannot start a thread for %s: %s"), "libarchive", errno);
		return ARCHIVE_RESULT_FAILED;
	}
	char *feed_error = NULL;
	if (run->src->engine) {
		const char *image = run->src->image ? run->src->image : "";
		char *esc = engine_escape(image);
		char *path = xasprintf("/images/%s/get", esc);
		free(esc);
		struct engine_response r = engine_stream_raw(run->src->engine, "GET", path, on_engine_data, run,
							     run->cancel);
		free(path);
		if (r.status == ENGINE_CANCELLED) {
			/* ours (the parse closed the ring) or the user's: told apart below */
		} else if (r.status != ENGINE_OK || r.http_status >= 400) {
			feed_error = xstrdup(r.error ? r.error : _("the engine failed"));
		}
		engine_response_free(&r);
	} else {
		char *chunk = xmalloc(FD_CHUNK);
		for (;;) {
			ssize_t n = read(run->src->fd, chunk, FD_CHUNK);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				feed_error = archive_errno_message(_("cannot read %s: %s"), _("the image archive"), errno);
				break;
			}
			if (n == 0 || !ring_push(&run->ring, chunk, (size_t)n))
				break;
		}
		free(chunk);
	}
	ring_finish(&run->ring);
	pthread_join(th, NULL);
	ring_destroy(&run->ring);
	if (cancelled(run->cancel) && !run->finished) {
		free(feed_error);
		return ARCHIVE_RESULT_CANCELLED;
	}
	if (feed_error && !run->finished) {
		*err = feed_error;
		return ARCHIVE_RESULT_FAILED;
	}
	free(feed_error);
	if (run->error) {
		*err = run->error;
		run->error = NULL;
		return ARCHIVE_RESULT_FAILED;
	}
	return ARCHIVE_RESULT_DONE;
}

static void
support_filters(struct archive *a)
{
	/* the compressions libarchive decodes itself (no external programs) */
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_lzma(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_lz4(a);
}

static struct archive *
open_outer(struct run *run)
{
	struct archive *a = archive_read_new();
	support_filters(a);
	archive_read_support_format_tar(a);
	if (archive_read_open(a, run, NULL, outer_read, NULL) != ARCHIVE_OK) {
		if (!run->error)
			run->error = xasprintf(_("damaged image archive: %s"), archive_error_string(a));
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* The nested archive of a layer: its bytes are the outer entry's data, the first block maybe
 * already read (sniffed). */
struct inner_src {
	struct archive *outer;
	const void *first;
	size_t first_len;
};

static la_ssize_t
inner_read(struct archive *a, void *ctx, const void **buf)
{
	struct inner_src *s = ctx;
	if (s->first) {
		*buf = s->first;
		s->first = NULL;
		return (la_ssize_t)s->first_len;
	}
	size_t size;
	la_int64_t off;
	int r = archive_read_data_block(s->outer, buf, &size, &off);
	if (r == ARCHIVE_EOF)
		return 0;
	if (r < ARCHIVE_WARN) {
		archive_set_error(a, archive_errno(s->outer) ? archive_errno(s->outer) : EIO, "%s",
				  archive_error_string(s->outer) ? archive_error_string(s->outer) : "read error");
		return -1;
	}
	return (la_ssize_t)size;
}

static struct archive *
open_inner(struct inner_src *s)
{
	struct archive *a = archive_read_new();
	support_filters(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_empty(a);
	if (archive_read_open(a, s, NULL, inner_read, NULL) != ARCHIVE_OK) {
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* A path in the archive, cleaned; NULL when it climbs out. New string. */
static char *
clean_copy(const char *raw)
{
	char *c = xmalloc(strlen(raw) + 1);
	if (!lp_clean_path(raw, c)) {
		free(c);
		return NULL;
	}
	return c;
}

static const char *
entry_path(struct archive_entry *e)
{
	const char *p = archive_entry_pathname(e);
	return p ? p : archive_entry_pathname_utf8(e);
}

/* The target of a symlink at path, as a cleaned archive path ("a/layer.tar" -> "../b/layer.tar"
 * gives "b/layer.tar"); NULL when it leaves the archive. */
static char *
link_target(const char *path, const char *link)
{
	const char *slash = strrchr(path, '/');
	char *joined = link[0] == '/' ? xstrdup(link)
				      : xasprintf("%.*s/%s", slash ? (int)(slash - path) : 0, path, link);
	char *c = clean_copy(joined);
	free(joined);
	return c;
}

/* Reads the current entry's data whole, up to max bytes (false beyond, or on a read error). */
static bool
read_whole(struct archive *a, size_t max, struct strbuf *out)
{
	const void *buf;
	size_t size;
	la_int64_t off;
	int r;
	while ((r = archive_read_data_block(a, &buf, &size, &off)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		if (out->len + size > max)
			return false;
		sb_append(out, buf, size);
	}
	if (!out->buf)
		sb_append(out, "", 0);
	return r == ARCHIVE_EOF;
}

/* ---- the path table of a stream (node IDs) ------------------------------------------------------ */

#define PTAB_CHUNK (256 * 1024)
#define DEPTH_MAX 512

struct ptab {
	uint32_t *parent;
	uint32_t *hash;
	const char **name;
	size_t n, cap;
	uint32_t *slots;	/* id + 1, 0 empty */
	size_t nslots;
	char **chunks;
	size_t nchunks, chunk_used;
	/* the last path interned: its components' ends and nodes (tars are walked depth first) */
	char *last;
	size_t last_cap;
	size_t last_ends[DEPTH_MAX];
	uint32_t last_nodes[DEPTH_MAX];
	size_t last_depth;
};

static uint32_t
hash_name(uint32_t parent, const char *s, size_t n)
{
	uint32_t h = 2166136261u ^ parent;
	h *= 16777619u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static void
ptab_init(struct ptab *p)
{
	memset(p, 0, sizeof(*p));
	p->cap = 1024;
	p->parent = xmalloc(p->cap * sizeof(*p->parent));
	p->hash = xmalloc(p->cap * sizeof(*p->hash));
	p->name = xmalloc(p->cap * sizeof(*p->name));
	p->nslots = 2048;
	p->slots = xcalloc(p->nslots, sizeof(*p->slots));
	p->parent[0] = LAYER_NODE_NONE;
	p->hash[0] = 0;
	p->name[0] = "";
	p->n = 1;
}

static void
ptab_free(struct ptab *p)
{
	free(p->parent);
	free(p->hash);
	free(p->name);
	free(p->slots);
	for (size_t i = 0; i < p->nchunks; i++)
		free(p->chunks[i]);
	free(p->chunks);
	free(p->last);
}

static const char *
ptab_store(struct ptab *p, const char *s, size_t n)
{
	if (p->nchunks == 0 || p->chunk_used + n + 1 > PTAB_CHUNK) {
		size_t size = n + 1 > PTAB_CHUNK ? n + 1 : PTAB_CHUNK;
		p->chunks = xrealloc(p->chunks, (p->nchunks + 1) * sizeof(char *));
		p->chunks[p->nchunks++] = xmalloc(size);
		p->chunk_used = 0;
		if (size > PTAB_CHUNK) {
			/* a chunk of its own, full at once */
			memcpy(p->chunks[p->nchunks - 1], s, n);
			p->chunks[p->nchunks - 1][n] = '\0';
			p->chunk_used = PTAB_CHUNK;
			return p->chunks[p->nchunks - 1];
		}
	}
	char *d = p->chunks[p->nchunks - 1] + p->chunk_used;
	memcpy(d, s, n);
	d[n] = '\0';
	p->chunk_used += n + 1;
	return d;
}

static void
ptab_grow_slots(struct ptab *p)
{
	size_t ns = p->nslots * 2;
	uint32_t *slots = xcalloc(ns, sizeof(*slots));
	for (size_t i = 1; i < p->n; i++) {
		size_t k = p->hash[i] & (ns - 1);
		while (slots[k])
			k = (k + 1) & (ns - 1);
		slots[k] = (uint32_t)i + 1;
	}
	free(p->slots);
	p->slots = slots;
	p->nslots = ns;
}

/* ---- the tree read ------------------------------------------------------------------------------ */

struct json_file {
	char *path;
	char *data;
	size_t len;
};

struct tree_read {
	const struct layer_stream_opts *o;
	const struct layer_source *src;
	struct ptab ptab;
	/* the part being prepared */
	struct layer_update *part;
	size_t cap_nodes, cap_recs, cap_pool;
	double part_at;
	size_t blob;		/* the current blob's number */
	size_t nblobs;
	char **blob_paths;
	char **alias_paths, **alias_targets;
	size_t naliases;
	struct json_file *json;
	size_t njson, json_bytes;
	bool order_posted, config_posted;
	char **order;
	size_t norder;
	char *config_path;
	size_t dropped;		/* entries whose path left the root */
};

static void
post(struct tree_read *tr, struct run *run, struct layer_update *u)
{
	u->progress_bytes = atomic_load(&run->ring.total);
	u->progress_total = run->expected;
	u->elapsed = now() - run->start;
	tr->o->post(u, tr->o->ctx);
}

static void
tick(struct run *run, bool force)
{
	double t = now();
	if (!force && t - run->last_tick < ARCHIVE_PROGRESS_INTERVAL_MS / 1000.0)
		return;
	run->last_tick = t;
	struct layer_progress p;
	fill_progress(run, &p);
	if (run->progress)
		run->progress(&p, run->progress_ctx);
	if (run->on_tick)
		run->on_tick(run);
}

static void
tree_tick(struct run *run)
{
	struct tree_read *tr = run->op;
	struct layer_update *u = xcalloc(1, sizeof(*u));
	u->kind = LP_PROGRESS;
	post(tr, run, u);
}

static struct layer_update *
new_part(struct tree_read *tr)
{
	struct layer_update *u = xcalloc(1, sizeof(*u));
	u->kind = LP_BLOB_PART;
	u->blob = tr->blob;
	u->first_node = (uint32_t)tr->ptab.n;
	tr->cap_nodes = tr->cap_recs = tr->cap_pool = 0;
	return u;
}

static uint32_t
pool_put(struct tree_read *tr, const char *s, size_t n)
{
	struct layer_update *u = tr->part;
	bool clean = true;
	char *label = NULL;
	/* sanitize_is_clean wants a NUL-terminated string: names are cut from longer paths */
	char small[256];
	char *tmp = n < sizeof(small) ? small : xmalloc(n + 1);
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (!sanitize_is_clean(tmp)) {
		clean = false;
		label = sanitize(tmp);
	}
	if (tmp != small)
		free(tmp);
	size_t need = n + 1 + (label ? strlen(label) + 1 : 0);
	if (u->pool_len + need > tr->cap_pool) {
		tr->cap_pool = tr->cap_pool ? tr->cap_pool : 16384;
		while (u->pool_len + need > tr->cap_pool)
			tr->cap_pool *= 2;
		u->pool = xrealloc(u->pool, tr->cap_pool);
	}
	uint32_t off = (uint32_t)u->pool_len;
	memcpy(u->pool + u->pool_len, s, n);
	u->pool[u->pool_len + n] = '\0';
	u->pool_len += n + 1;
	if (label) {
		size_t ln = strlen(label);
		memcpy(u->pool + u->pool_len, label, ln + 1);
		u->pool_len += ln + 1;
		free(label);
	}
	return clean ? off : off | LP_STR_LABEL;
}

static uint32_t
intern_one(struct tree_read *tr, uint32_t parent, const char *s, size_t n)
{
	struct ptab *p = &tr->ptab;
	uint32_t h = hash_name(parent, s, n);
	size_t k = h & (p->nslots - 1);
	while (p->slots[k]) {
		uint32_t id = p->slots[k] - 1;
		if (p->hash[id] == h && p->parent[id] == parent && strncmp(p->name[id], s, n) == 0
		    && p->name[id][n] == '\0')
			return id;
		k = (k + 1) & (p->nslots - 1);
	}
	/* a new path */
	if (p->n >= UINT32_MAX - 2)
		return LAYER_NODE_NONE;
	if (p->n == p->cap) {
		p->cap *= 2;
		p->parent = xrealloc(p->parent, p->cap * sizeof(*p->parent));
		p->hash = xrealloc(p->hash, p->cap * sizeof(*p->hash));
		p->name = xrealloc(p->name, p->cap * sizeof(*p->name));
	}
	uint32_t id = (uint32_t)p->n++;
	p->parent[id] = parent;
	p->hash[id] = h;
	p->name[id] = ptab_store(p, s, n);
	p->slots[k] = id + 1;
	if (p->n * 2 > p->nslots)
		ptab_grow_slots(p);
	struct layer_update *u = tr->part;
	if (u->nnodes == tr->cap_nodes) {
		tr->cap_nodes = tr->cap_nodes ? tr->cap_nodes * 2 : 256;
		u->nodes = xrealloc(u->nodes, tr->cap_nodes * sizeof(*u->nodes));
	}
	u->nodes[u->nnodes].parent = parent;
	u->nodes[u->nnodes].name = pool_put(tr, s, n);
	u->nnodes++;
	return id;
}

/* The node of a cleaned path ("" is the root). */
static uint32_t
intern_path(struct tree_read *tr, const char *path, size_t len)
{
	struct ptab *p = &tr->ptab;
	uint32_t node = LAYER_NODE_ROOT;
	size_t depth = 0, pos = 0;
	bool same = p->last != NULL;
	while (pos < len && node != LAYER_NODE_NONE) {
		const char *s = path + pos;
		const char *e = memchr(s, '/', len - pos);
		size_t n = e ? (size_t)(e - s) : len - pos;
		size_t end = pos + n;
		if (same && depth < p->last_depth && p->last_ends[depth] == end && memcmp(p->last, path, end) == 0
		    && (end == len || p->last[end] == '/' || p->last[end] == '\0')) {
			node = p->last_nodes[depth];
		} else {
			same = false;
			node = intern_one(tr, node, s, n);
		}
		if (depth < DEPTH_MAX) {
			p->last_ends[depth] = end;
			p->last_nodes[depth] = node;
		}
		depth++;
		pos = end + 1;
	}
	if (len + 1 > p->last_cap) {
		p->last_cap = (len + 1) * 2;
		p->last = xrealloc(p->last, p->last_cap);
	}
	memcpy(p->last, path, len);
	p->last[len] = '\0';
	p->last_depth = depth < DEPTH_MAX ? depth : DEPTH_MAX;
	return node;
}

static struct lp_rec *
add_rec(struct tree_read *tr)
{
	struct layer_update *u = tr->part;
	if (u->nrecs == tr->cap_recs) {
		tr->cap_recs = tr->cap_recs ? tr->cap_recs * 2 : 256;
		u->recs = xrealloc(u->recs, tr->cap_recs * sizeof(*u->recs));
	}
	struct lp_rec *r = &u->recs[u->nrecs++];
	memset(r, 0, sizeof(*r));
	r->link = LP_NO_STRING;
	return r;
}

static void
flush_part(struct tree_read *tr, struct run *run)
{
	struct layer_update *u = tr->part;
	if (u->nnodes == 0 && u->nrecs == 0) {
		/* nothing new: keep it for later */
		return;
	}
	if (!u->pool)
		u->pool = xmalloc(1);
	else
		u->pool = xrealloc(u->pool, u->pool_len ? u->pool_len : 1);
	if (u->nodes)
		u->nodes = xrealloc(u->nodes, (u->nnodes ? u->nnodes : 1) * sizeof(*u->nodes));
	if (u->recs)
		u->recs = xrealloc(u->recs, (u->nrecs ? u->nrecs : 1) * sizeof(*u->recs));
	post(tr, run, u);
	tr->part = new_part(tr);
	tr->part_at = now();
}

/* One entry of a layer tar. */
static void
layer_entry(struct tree_read *tr, struct archive_entry *e, char *clean)
{
	size_t len = strlen(clean);
	if (len == 0)
		return;	/* "./": the root's own entry */
	char *slash = strrchr(clean, '/');
	const char *base = slash ? slash + 1 : clean;
	size_t dirlen = slash ? (size_t)(slash - clean) : 0;
	if (strncmp(base, ".wh.", 4) == 0) {
		if (strcmp(base, ".wh..wh..opq") == 0) {
			uint32_t dir = intern_path(tr, clean, dirlen);
			if (dir == LAYER_NODE_NONE)
				return;
			struct lp_rec *r = add_rec(tr);
			r->node = dir;
			r->kind = LP_REC_OPAQUE;
		} else if (strncmp(base, ".wh..wh.", 8) == 0 || base[4] == '\0') {
			/* AUFS metadata (.wh..wh.plnk...), or a bare ".wh.": ignored */
		} else {
			/* "dir/.wh.name" removes "dir/name" */
			memmove((char *)base, base + 4, strlen(base + 4) + 1);
			uint32_t node = intern_path(tr, clean, strlen(clean));
			if (node == LAYER_NODE_NONE)
				return;
			struct lp_rec *r = add_rec(tr);
			r->node = node;
			r->kind = LP_REC_WHITEOUT;
		}
		return;
	}
	uint32_t node = intern_path(tr, clean, len);
	if (node == LAYER_NODE_NONE)
		return;
	struct lp_rec *r = add_rec(tr);
	r->node = node;
	r->kind = LP_REC_ENTRY;
	r->mode = (uint32_t)archive_entry_mode(e);
	r->uid = (uint32_t)archive_entry_uid(e);
	r->gid = (uint32_t)archive_entry_gid(e);
	r->mtime = archive_entry_mtime_is_set(e) ? (int64_t)archive_entry_mtime(e) : 0;
	const char *hard = archive_entry_hardlink(e);
	if (!hard)
		hard = archive_entry_hardlink_utf8(e);
	if (hard) {
		char *target = clean_copy(hard);
		if (target) {
			r->flags |= LP_REC_HARDLINK;
			r->link = pool_put(tr, target, strlen(target));
			free(target);
		}
		if ((r->mode & S_IFMT) == 0 || S_ISDIR(r->mode))
			r->mode = (r->mode & 07777) | S_IFREG;
	} else if (S_ISLNK(r->mode)) {
		const char *sym = archive_entry_symlink(e);
		if (!sym)
			sym = archive_entry_symlink_utf8(e);
		if (sym)
			r->link = pool_put(tr, sym, strlen(sym));
	}
	if (S_ISREG(r->mode) && !hard && archive_entry_size_is_set(e) && archive_entry_size(e) > 0)
		r->size = (uint64_t)archive_entry_size(e);
}

static void
post_blob_end(struct tree_read *tr, struct run *run, enum layer_state state, const char *error,
	      const char *compression)
{
	struct layer_update *u = xcalloc(1, sizeof(*u));
	u->kind = LP_BLOB_END;
	u->blob = tr->blob;
	u->state = state;
	u->error = error ? xstrdup(error) : NULL;
	u->compression = compression ? xstrdup(compression) : NULL;
	post(tr, run, u);
}

/* Reads a layer blob from the outer entry. sniffed: its first block, already read (or NULL).
 * must: the name says it is a layer (else a blob that is no tar is skipped quietly). */
static void
read_layer(struct tree_read *tr, struct run *run, struct archive *outer, const char *path,
	   int64_t bytes, const void *sniffed, size_t sniffed_len, bool must)
{
	struct inner_src s = { outer, sniffed, sniffed_len };
	struct archive *a = open_inner(&s);
	struct archive_entry *e = NULL;
	int r = a ? archive_read_next_header(a, &e) : ARCHIVE_FATAL;
	if (r < ARCHIVE_WARN && !must) {
		if (a)
			archive_read_free(a);
		return;
	}
	struct layer_update *b = xcalloc(1, sizeof(*b));
	b->kind = LP_BLOB_BEGIN;
	b->blob = tr->blob = tr->nblobs++;
	b->path = xstrdup(path);
	b->bytes = bytes > 0 ? (uint64_t)bytes : 0;
	b->compression = xstrdup(a && r >= ARCHIVE_WARN ? archive_filter_name(a, 0) : "");
	tr->blob_paths = xrealloc(tr->blob_paths, tr->nblobs * sizeof(char *));
	tr->blob_paths[tr->nblobs - 1] = xstrdup(path);
	post(tr, run, b);
	tr->part = new_part(tr);
	tr->part_at = now();
	size_t count = 0;
	char *error = NULL;
	while (r == ARCHIVE_OK || r == ARCHIVE_WARN) {
		const char *raw = entry_path(e);
		char *clean = raw ? clean_copy(raw) : NULL;
		if (clean)
			layer_entry(tr, e, clean);
		else
			tr->dropped++;
		free(clean);
		count++;
		if (tr->part->nrecs >= PART_ENTRIES || ((count & 255) == 0 && now() - tr->part_at >= PART_SECONDS))
			flush_part(tr, run);
		if (cancelled(run->cancel))
			break;
		r = archive_read_next_header(a, &e);
	}
	if (r != ARCHIVE_EOF && !cancelled(run->cancel))
		error = xasprintf(_("damaged layer %s: %s"), path,
				  a && archive_error_string(a) ? archive_error_string(a) : _("not a tar archive"));
	flush_part(tr, run);
	layer_update_free(tr->part);
	tr->part = NULL;
	run->layers_done++;
	post_blob_end(tr, run, error ? LAYER_STATE_FAILED : LAYER_STATE_DONE, error, NULL);
	free(error);
	if (a)
		archive_read_free(a);
}

static const struct json_file *
json_get(const struct tree_read *tr, const char *path)
{
	for (size_t i = 0; i < tr->njson; i++)
		if (strcmp(tr->json[i].path, path) == 0)
			return &tr->json[i];
	return NULL;
}

static void
json_keep(struct tree_read *tr, const char *path, struct strbuf *data)
{
	if (tr->json_bytes + data->len > JSON_MAX)
		return;
	tr->json = xrealloc(tr->json, (tr->njson + 1) * sizeof(*tr->json));
	tr->json[tr->njson].path = xstrdup(path);
	tr->json[tr->njson].len = data->len;
	tr->json[tr->njson].data = sb_detach(data);
	tr->json_bytes += tr->json[tr->njson].len;
	tr->njson++;
}

static bool
is_image_id(const char *s, const char **hex)
{
	if (strncmp(s, "sha256:", 7) == 0)
		s += 7;
	if (strlen(s) != 64)
		return false;
	for (size_t i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	*hex = s;
	return true;
}

/* "blobs/sha256/<hex>" of a digest, or NULL. */
static char *
digest_path(const char *digest)
{
	if (!digest)
		return NULL;
	const char *colon = strchr(digest, ':');
	if (!colon || colon == digest || !colon[1] || strchr(colon, '/'))
		return NULL;
	char *raw = xasprintf("blobs/%.*s/%s", (int)(colon - digest), digest, colon + 1);
	char *c = clean_copy(raw);
	free(raw);
	return c;
}

/* The order and the config's path, from manifest.json (Docker) or index.json (OCI). */
static bool
find_manifest(struct tree_read *tr)
{
	const struct json_file *m = json_get(tr, "manifest.json");
	const char *hex = NULL;
	bool want = tr->src->image && is_image_id(tr->src->image, &hex);
	if (m) {
		cJSON *j = json_parse_whole(m->data, m->len);
		const cJSON *pick = NULL, *item;
		if (cJSON_IsArray(j)) {
			cJSON_ArrayForEach(item, j) {
				if (!pick)
					pick = item;
				const char *cfg = json_raw_string(item, "Config");
				if (want && strstr(cfg, hex)) {
					pick = item;
					break;
				}
			}
		}
		bool ok = false;
		const cJSON *layers = pick ? cJSON_GetObjectItemCaseSensitive(pick, "Layers") : NULL;
		if (cJSON_IsArray(layers)) {
			size_t n = (size_t)cJSON_GetArraySize(layers), k = 0;
			tr->order = xcalloc(n + 1, sizeof(char *));
			cJSON_ArrayForEach(item, layers) {
				char *c = cJSON_IsString(item) ? clean_copy(item->valuestring) : NULL;
				tr->order[k++] = c ? c : xstrdup("");
			}
			tr->norder = k;
			tr->config_path = clean_copy(json_raw_string(pick, "Config"));
			ok = true;
		}
		cJSON_Delete(j);
		if (ok)	/* else a manifest.json that is no Docker manifest: try index.json */
			return true;
	}
	const struct json_file *idx = json_get(tr, "index.json");
	if (!idx)
		return false;
	cJSON *j = json_parse_whole(idx->data, idx->len);
	char *next = NULL;
	const cJSON *ms = cJSON_GetObjectItemCaseSensitive(j, "manifests");
	if (cJSON_IsArray(ms) && cJSON_GetArraySize(ms) > 0)
		next = digest_path(json_raw_string(cJSON_GetArrayItem(ms, 0), "digest"));
	cJSON_Delete(j);
	/* follow nested indexes (a multi-platform image): the first manifest each time */
	for (int depth = 0; next && depth < 4; depth++) {
		const struct json_file *f = json_get(tr, next);
		if (!f)
			break;
		cJSON *doc = json_parse_whole(f->data, f->len);
		free(next);
		next = NULL;
		const cJSON *sub = cJSON_GetObjectItemCaseSensitive(doc, "manifests");
		const cJSON *layers = cJSON_GetObjectItemCaseSensitive(doc, "layers");
		if (cJSON_IsArray(sub) && cJSON_GetArraySize(sub) > 0) {
			next = digest_path(json_raw_string(cJSON_GetArrayItem(sub, 0), "digest"));
		} else if (cJSON_IsArray(layers)) {
			size_t n = (size_t)cJSON_GetArraySize(layers), k = 0;
			tr->order = xcalloc(n + 1, sizeof(char *));
			const cJSON *item;
			cJSON_ArrayForEach(item, layers) {
				char *c = digest_path(json_raw_string(item, "digest"));
				tr->order[k++] = c ? c : xstrdup("");
			}
			tr->norder = k;
			const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(doc, "config");
			tr->config_path = digest_path(json_raw_string(cfg, "digest"));
			cJSON_Delete(doc);
			return true;
		}
		cJSON_Delete(doc);
	}
	free(next);
	return false;
}

/* docker prints a created_by's tabs as spaces */
static char *
step_text(const cJSON *obj, const char *key)
{
	char *raw = xstrdup(json_raw_string(obj, key));
	for (char *p = raw; *p; p++)
		if (*p == '\t')
			*p = ' ';
	char *s = sanitize(raw);
	free(raw);
	return s;
}

static char *
config_image_id(const char *path)
{
	/* "<hex>.json" (legacy) or "blobs/sha256/<hex>" (OCI) */
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".json") == 0)
		n -= 5;
	char *raw;
	if (strncmp(path, "blobs/", 6) == 0) {
		const char *alg = path + 6, *slash = strchr(alg, '/');
		raw = xasprintf("%.*s:%.*s", slash ? (int)(slash - alg) : 0, alg, (int)n, base);
	} else {
		raw = xasprintf("sha256:%.*s", (int)n, base);
	}
	char *s = sanitize(raw);
	free(raw);
	return s;
}

static void
try_meta(struct tree_read *tr, struct run *run)
{
	if (!tr->order_posted && find_manifest(tr)) {
		tr->order_posted = true;
		run->layers = tr->norder;
		struct layer_update *u = xcalloc(1, sizeof(*u));
		u->kind = LP_META;
		u->has_order = true;
		u->norder = tr->norder;
		u->order = xcalloc(tr->norder + 1, sizeof(char *));
		for (size_t i = 0; i < tr->norder; i++)
			u->order[i] = xstrdup(tr->order[i]);
		post(tr, run, u);
	}
	if (tr->config_posted || !tr->config_path)
		return;
	const struct json_file *f = json_get(tr, tr->config_path);
	if (!f)
		return;
	tr->config_posted = true;
	cJSON *j = json_parse_whole(f->data, f->len);
	struct layer_update *u = xcalloc(1, sizeof(*u));
	u->kind = LP_META;
	u->has_config = true;
	u->image_id = config_image_id(tr->config_path);
	const cJSON *rootfs = cJSON_GetObjectItemCaseSensitive(j, "rootfs");
	const cJSON *ids = cJSON_GetObjectItemCaseSensitive(rootfs, "diff_ids"), *item;
	if (cJSON_IsArray(ids)) {
		u->diff_ids = xcalloc((size_t)cJSON_GetArraySize(ids) + 1, sizeof(char *));
		cJSON_ArrayForEach(item, ids)
			u->diff_ids[u->ndiff_ids++] = sanitize(cJSON_IsString(item) ? item->valuestring : "");
	}
	const cJSON *hist = cJSON_GetObjectItemCaseSensitive(j, "history");
	if (cJSON_IsArray(hist)) {
		u->steps = xcalloc((size_t)cJSON_GetArraySize(hist) + 1, sizeof(*u->steps));
		cJSON_ArrayForEach(item, hist) {
			struct lp_step *s = &u->steps[u->nsteps++];
			s->created_by = step_text(item, "created_by");
			s->comment = step_text(item, "comment");
			s->empty_layer = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "empty_layer"));
		}
	}
	cJSON_Delete(j);
	post(tr, run, u);
	/* nothing kept is needed any more */
	if (tr->order_posted) {
		for (size_t i = 0; i < tr->njson; i++) {
			free(tr->json[i].path);
			free(tr->json[i].data);
		}
		tr->njson = 0;
		tr->json_bytes = 0;
	}
}

/* Whether a JSON file may still matter: before the manifest is known, any (small enough);
 * after, only the config it names. */
static bool
json_wanted(const struct tree_read *tr, const char *name, int64_t size)
{
	if (size < 0 || (uint64_t)size > JSON_ONE_MAX || tr->json_bytes + (uint64_t)size > JSON_MAX)
		return false;
	if (tr->config_posted)
		return false;
	if (tr->order_posted)
		return tr->config_path && strcmp(name, tr->config_path) == 0;
	return true;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool
blob_known(const struct tree_read *tr, const char *path)
{
	for (int hops = 0; hops < 8 && path; hops++) {
		for (size_t i = 0; i < tr->nblobs; i++)
			if (strcmp(tr->blob_paths[i], path) == 0)
				return true;
		const char *next = NULL;
		for (size_t i = 0; i < tr->naliases; i++)
			if (strcmp(tr->alias_paths[i], path) == 0)
				next = tr->alias_targets[i];
		path = next;
	}
	return false;
}

static void
tree_entry(struct tree_read *tr, struct run *run, struct archive *a, struct archive_entry *e, const char *name)
{
	mode_t type = archive_entry_filetype(e);
	if (type == AE_IFLNK) {
		const char *link = archive_entry_symlink(e);
		char *target = link ? link_target(name, link) : NULL;
		if (!target)
			return;
		tr->alias_paths = xrealloc(tr->alias_paths, (tr->naliases + 1) * sizeof(char *));
		tr->alias_targets = xrealloc(tr->alias_targets, (tr->naliases + 1) * sizeof(char *));
		tr->alias_paths[tr->naliases] = xstrdup(name);
		tr->alias_targets[tr->naliases++] = xstrdup(target);
		struct layer_update *u = xcalloc(1, sizeof(*u));
		u->kind = LP_ALIAS;
		u->path = xstrdup(name);
		u->target = target;
		post(tr, run, u);
		return;
	}
	if (type != AE_IFREG)
		return;
	int64_t size = archive_entry_size(e);
	bool top = strchr(name, '/') == NULL;
	if (strcmp(name, "manifest.json") == 0 || strcmp(name, "index.json") == 0
	    || (top && ends_with(name, ".json"))) {
		if (!json_wanted(tr, name, size))
			return;
		struct strbuf sb = STRBUF_INIT;
		if (read_whole(a, JSON_MAX, &sb))
			json_keep(tr, name, &sb);
		sb_free(&sb);
		try_meta(tr, run);
		return;
	}
	bool layer_name = ends_with(name, "/layer.tar") || ends_with(name, ".tar") || ends_with(name, ".tar.gz")
			  || ends_with(name, ".tgz");
	if (strncmp(name, "blobs/", 6) == 0 && !layer_name) {
		/* OCI blobs: a manifest or config (JSON), or a layer (tar, maybe compressed) */
		const void *buf = NULL;
		size_t len = 0;
		la_int64_t off;
		int r;
		do
			r = archive_read_data_block(a, &buf, &len, &off);
		while ((r == ARCHIVE_OK || r == ARCHIVE_WARN) && len == 0);
		if (r == ARCHIVE_EOF || (r != ARCHIVE_OK && r != ARCHIVE_WARN) || len == 0)
			return;
		const char *p = buf;
		size_t i = 0;
		while (i < len && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
			i++;
		/* JSON, unless it is a tar whose first name begins with '{' */
		if (i < len && (p[i] == '{' || p[i] == '[') && !(len >= 512 && tar_header_valid(buf))) {
			if (!json_wanted(tr, name, size))
				return;	/* an attestation, another platform's manifest... */
			struct strbuf sb = STRBUF_INIT;
			sb_append(&sb, buf, len);
			if (read_whole(a, JSON_MAX, &sb))
				json_keep(tr, name, &sb);
			sb_free(&sb);
			try_meta(tr, run);
			return;
		}
		read_layer(tr, run, a, name, size, buf, len, false);
		return;
	}
	if (layer_name)
		read_layer(tr, run, a, name, size, NULL, 0, true);
}

static void
tree_parse(struct run *run)
{
	struct tree_read *tr = run->op;
	struct archive *a = open_outer(run);
	if (!a)
		return;
	struct archive_entry *e;
	int r;
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		const char *raw = entry_path(e);
		char *name = raw ? clean_copy(raw) : NULL;
		if (name)
			tree_entry(tr, run, a, e, name);
		free(name);
		if (cancelled(run->cancel))
			break;
	}
	if (cancelled(run->cancel)) {
		/* nothing more to say */
	} else if (r != ARCHIVE_EOF) {
		run->error = xasprintf(_("damaged image archive: %s"),
				       archive_error_string(a) ? archive_error_string(a) : _("unexpected end"));
	} else if (!tr->order_posted) {
		run->error = xstrdup(_("not an image archive: no manifest.json or index.json"));
	} else {
		for (size_t i = 0; i < tr->norder; i++) {
			if (!blob_known(tr, tr->order[i])) {
				char *label = sanitize(tr->order[i]);
				run->error = xasprintf(_("the image archive names a layer it does not hold: %s"), label);
				free(label);
				break;
			}
		}
	}
	archive_read_free(a);
	tick(run, true);
}

enum archive_result
layer_stream_read(const struct layer_source *src, const struct layer_stream_opts *o, char **err)
{
	*err = NULL;
	struct tree_read tr;
	memset(&tr, 0, sizeof(tr));
	tr.o = o;
	tr.src = src;
	ptab_init(&tr.ptab);
	struct run run;
	memset(&run, 0, sizeof(run));
	run.src = src;
	run.cancel = o->cancel;
	run.parse = tree_parse;
	run.on_tick = tree_tick;
	run.op = &tr;
	run.expected = o->expected;
	run.progress = o->progress;
	run.progress_ctx = o->ctx;
	enum archive_result res;
	if (!src->engine && src->fd < 0) {
		*err = xstrdup(_("no image archive to read"));
		res = ARCHIVE_RESULT_FAILED;
	} else {
		res = drive(&run, err);
	}
	struct layer_update *u = xcalloc(1, sizeof(*u));
	u->kind = LP_END;
	u->end = res == ARCHIVE_RESULT_DONE ? LAYER_TREE_DONE
		 : res == ARCHIVE_RESULT_CANCELLED ? LAYER_TREE_CANCELLED
						  : LAYER_TREE_FAILED;
	u->error = *err ? xstrdup(*err) : NULL;
	if (run.start == 0)
		run.start = now();
	post(&tr, &run, u);
	ptab_free(&tr.ptab);
	for (size_t i = 0; i < tr.nblobs; i++)
		free(tr.blob_paths[i]);
	free(tr.blob_paths);
	for (size_t i = 0; i < tr.naliases; i++) {
		free(tr.alias_paths[i]);
		free(tr.alias_targets[i]);
	}
	free(tr.alias_paths);
	free(tr.alias_targets);
	for (size_t i = 0; i < tr.njson; i++) {
		free(tr.json[i].path);
		free(tr.json[i].data);
	}
	free(tr.json);
	for (size_t i = 0; i < tr.norder; i++)
		free(tr.order[i]);
	free(tr.order);
	free(tr.config_path);
	free(run.error);
	return res;
}

/* ---- reading again: the entries of a pick ------------------------------------------------------ */

struct pick_read;
/* One tar entry that items want (n >= 1 of them, same blob and path). */
typedef void (*pick_item_fn)(struct pick_read *pr, struct run *run, struct archive *inner,
			     struct archive_entry *e, const struct lp_pick_item *const *items, size_t n);

struct pick_read {
	const struct layer_pick *p;
	const struct lp_pick_item **sorted;	/* ENTRY and CONTENT items by (blob, tar_path) */
	size_t nsorted;
	pick_item_fn on_item;
	bool done;		/* the operation has what it wants: stop the stream */
	size_t found;
	/* content */
	size_t max;
	struct layer_content *content;
	/* extract */
	struct archive *w;
	char *root;		/* the destination, resolved */
	bool is_root;
	struct layer_extract_result *res;
	struct strbuf report;
};

static int
cmp_item(const void *a, const void *b)
{
	const struct lp_pick_item *x = *(const struct lp_pick_item *const *)a;
	const struct lp_pick_item *y = *(const struct lp_pick_item *const *)b;
	if (x->blob != y->blob)
		return x->blob < y->blob ? -1 : 1;
	return strcmp(x->tar_path, y->tar_path);
}

static void
sort_items(struct pick_read *pr)
{
	const struct layer_pick *p = pr->p;
	pr->sorted = xmalloc((p->nitems + 1) * sizeof(*pr->sorted));
	for (size_t i = 0; i < p->nitems; i++)
		if (p->items[i].what == LP_PICK_ENTRY || p->items[i].what == LP_PICK_CONTENT)
			pr->sorted[pr->nsorted++] = &p->items[i];
	qsort(pr->sorted, pr->nsorted, sizeof(*pr->sorted), cmp_item);
}

/* The items for (blob, path): *n of them from the returned position. */
static const struct lp_pick_item *const *
find_items(const struct pick_read *pr, uint32_t blob, const char *path, size_t *n)
{
	size_t lo = 0, hi = pr->nsorted;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct lp_pick_item *it = pr->sorted[mid];
		int c = it->blob != blob ? (it->blob < blob ? -1 : 1) : strcmp(it->tar_path, path);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t k = lo;
	while (k < pr->nsorted && pr->sorted[k]->blob == blob && strcmp(pr->sorted[k]->tar_path, path) == 0)
		k++;
	*n = k - lo;
	return pr->sorted + lo;
}

static void
pick_layer(struct pick_read *pr, struct run *run, struct archive *outer, uint32_t blob, const char *name)
{
	struct inner_src s = { outer, NULL, 0 };
	struct archive *a = open_inner(&s);
	struct archive_entry *e;
	int r = a ? archive_read_next_header(a, &e) : ARCHIVE_FATAL;
	while ((r == ARCHIVE_OK || r == ARCHIVE_WARN) && !pr->done && !cancelled(run->cancel)) {
		const char *raw = entry_path(e);
		char *clean = raw ? clean_copy(raw) : NULL;
		size_t n = 0;
		const struct lp_pick_item *const *items = clean && *clean ? find_items(pr, blob, clean, &n) : NULL;
		if (n > 0) {
			pr->found += n;
			pr->on_item(pr, run, a, e, items, n);
		}
		free(clean);
		if (pr->done)
			break;
		r = archive_read_next_header(a, &e);
	}
	if (!pr->done && r != ARCHIVE_EOF && !cancelled(run->cancel) && !run->error) {
		char *label = sanitize(name);
		run->error = xasprintf(_("damaged layer %s: %s"), label,
				       a && archive_error_string(a) ? archive_error_string(a) : _("not a tar archive"));
		free(label);
		pr->done = true;
	}
	if (a)
		archive_read_free(a);
}

static void
pick_parse(struct run *run)
{
	struct pick_read *pr = run->op;
	struct archive *a = open_outer(run);
	if (!a)
		return;
	struct archive_entry *e;
	int r = ARCHIVE_OK;
	while (!pr->done && ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN)) {
		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		const char *raw = entry_path(e);
		char *name = raw ? clean_copy(raw) : NULL;
		for (size_t i = 0; name && i < pr->p->nblobs; i++)
			if (strcmp(pr->p->blobs[i], name) == 0)
				pick_layer(pr, run, a, (uint32_t)i, name);
		free(name);
		if (cancelled(run->cancel))
			break;
	}
	if (pr->done) {
		run->finished = true;	/* stop the transfer: it is no failure */
	} else if (!cancelled(run->cancel) && r != ARCHIVE_EOF && !run->error) {
		run->error = xasprintf(_("damaged image archive: %s"),
				       archive_error_string(a) ? archive_error_string(a) : _("unexpected end"));
	}
	archive_read_free(a);
	tick(run, true);
}

static void
run_init(struct run *run, const struct layer_source *src, struct cancel *c, struct pick_read *pr)
{
	memset(run, 0, sizeof(*run));
	run->src = src;
	run->cancel = c;
	run->parse = pick_parse;
	run->op = pr;
}

/* ---- the pager's content ------------------------------------------------------------------------ */

static bool
looks_binary(const char *s, size_t len, bool more)
{
	size_t n = len < 8192 ? len : 8192;
	for (size_t i = 0; i < n;) {
		if (s[i] == '\0')
			return true;
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			/* a sequence cut by the end of what was read is no verdict */
			if ((more || n < len) && n - i < 4)
				return false;
			return true;
		}
		i += k;
	}
	return false;
}

static void
content_item(struct pick_read *pr, struct run *run, struct archive *inner, struct archive_entry *e,
	     const struct lp_pick_item *const *items, size_t n)
{
	(void)n;
	(void)items;
	pr->done = true;
	mode_t type = archive_entry_filetype(e);
	if (type == AE_IFDIR) {
		run->error = xasprintf(_("%s is a directory, not a file"), pr->p->label);
		return;
	}
	if (type == AE_IFLNK) {
		char *target = sanitize(archive_entry_symlink(e));
		run->error = xasprintf(_("%s is a symbolic link to %s, not a file"), pr->p->label, target);
		free(target);
		return;
	}
	if (type != AE_IFREG || archive_entry_hardlink(e)) {
		run->error = xasprintf(_("%s is not a regular file"), pr->p->label);
		return;
	}
	struct layer_content *c = pr->content;
	c->size = archive_entry_size(e) > 0 ? (uint64_t)archive_entry_size(e) : 0;
	size_t want = c->size < pr->max ? (size_t)c->size : pr->max;
	c->data = xmalloc(want + 1);
	while (c->len < want) {
		la_ssize_t k = archive_read_data(inner, c->data + c->len, want - c->len);
		if (k < 0) {
			run->error = xasprintf(_("damaged image archive: %s"), archive_error_string(inner));
			return;
		}
		if (k == 0)
			break;
		c->len += (size_t)k;
	}
	c->data[c->len] = '\0';
	c->cut = c->size > c->len;
	c->binary = looks_binary(c->data, c->len, c->cut);
}

enum archive_result
layer_stream_content(const struct layer_source *src, const struct layer_pick *p, size_t max,
		     struct layer_content *out, struct cancel *c, char **err)
{
	*err = NULL;
	memset(out, 0, sizeof(*out));
	const struct lp_pick_item *top = p->nitems ? &p->items[0] : NULL;
	if (p->top_is_dir || !top || top->what == LP_PICK_MKDIR || (top->what == LP_PICK_META && S_ISDIR(top->mode))) {
		*err = xasprintf(_("%s is a directory, not a file"), p->label);
		return ARCHIVE_RESULT_FAILED;
	}
	if (top->what == LP_PICK_META && S_ISLNK(top->mode)) {
		char *target = sanitize(top->symlink ? top->symlink : "");
		*err = xasprintf(_("%s is a symbolic link to %s, not a file"), p->label, target);
		free(target);
		return ARCHIVE_RESULT_FAILED;
	}
	if (top->what == LP_PICK_META) {
		*err = xasprintf(_("%s is not a regular file"), p->label);
		return ARCHIVE_RESULT_FAILED;
	}
	struct pick_read pr;
	memset(&pr, 0, sizeof(pr));
	pr.p = p;
	pr.on_item = content_item;
	pr.max = max;
	pr.content = out;
	sort_items(&pr);
	struct run run;
	run_init(&run, src, c, &pr);
	enum archive_result r = drive(&run, err);
	free(pr.sorted);
	if (r == ARCHIVE_RESULT_DONE && pr.found == 0) {
		*err = xasprintf(_("%s was not found in the image's archive: the image changed since it was read"),
				 p->label);
		r = ARCHIVE_RESULT_FAILED;
	}
	if (r != ARCHIVE_RESULT_DONE)
		layer_content_free(out);
	return r;
}

void
layer_content_free(struct layer_content *c)
{
	if (!c)
		return;
	free(c->data);
	memset(c, 0, sizeof(*c));
}

/* ---- extraction ----------------------------------------------------------------------------------- */

/* A destination below the root: relative, without "." or ".." or empty components. */
static bool
safe_dest(const char *d)
{
	if (!*d || *d == '/')
		return false;
	for (const char *p = d; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += n + (e ? 1 : 0);
	}
	return true;
}

static void
skip_report(struct pick_read *pr, const char *image_path, const char *why)
{
	char *label = sanitize(image_path);
	char *reason = sanitize(why);
	sb_printf(&pr->report, "%s: %s\n", label, reason);
	free(label);
	free(reason);
	pr->res->skipped++;
}

static bool
copy_data(struct pick_read *pr, struct run *run, struct archive *inner)
{
	const void *buf;
	size_t size;
	la_int64_t off;
	int r;
	while ((r = archive_read_data_block(inner, &buf, &size, &off)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		if (archive_write_data_block(pr->w, buf, size, off) < ARCHIVE_WARN)
			return false;
		pr->res->bytes += size;
	}
	if (r != ARCHIVE_EOF) {
		if (!run->error)
			run->error = xasprintf(_("damaged image archive: %s"), archive_error_string(inner));
		pr->done = true;
		return false;
	}
	return true;
}

/* Writes one item from entry e (data from inner when with_data); returns true when written. */
static bool
write_item(struct pick_read *pr, struct run *run, struct archive *inner, struct archive_entry *e,
	   const struct lp_pick_item *it, const char *link_to)
{
	char *image_path = xasprintf("/%s", it->tar_path);
	if (!safe_dest(it->dest)) {
		skip_report(pr, image_path, _("an absolute name or one with .. is refused"));
		free(image_path);
		return false;
	}
	mode_t type = archive_entry_filetype(e);
	if ((type == AE_IFCHR || type == AE_IFBLK) && !pr->is_root) {
		skip_report(pr, image_path, _("device files are made by root only"));
		free(image_path);
		return false;
	}
	struct archive_entry *x = archive_entry_clone(e);
	char *full = xasprintf("%s/%s", pr->root, it->dest);
	archive_entry_copy_pathname(x, full);
	bool data = false;
	if (link_to) {
		/* a second name for content written just before */
		archive_entry_set_filetype(x, AE_IFREG);
		archive_entry_copy_hardlink(x, link_to);
		archive_entry_set_size(x, 0);
	} else if (it->what == LP_PICK_CONTENT) {
		archive_entry_copy_hardlink(x, NULL);
		archive_entry_set_filetype(x, AE_IFREG);
		data = true;
	} else if (archive_entry_hardlink(e)) {
		char *target = it->link_dest ? xasprintf("%s/%s", pr->root, it->link_dest) : NULL;
		archive_entry_copy_hardlink(x, target);
		archive_entry_set_size(x, 0);
		free(target);
	} else {
		data = type == AE_IFREG;
	}
	int r = archive_write_header(pr->w, x);
	bool ok = r >= ARCHIVE_WARN;
	if (!ok) {
		skip_report(pr, image_path, archive_error_string(pr->w) ? archive_error_string(pr->w) : "?");
		if (r == ARCHIVE_FATAL && !run->error) {
			run->error = xasprintf(_("cannot extract into %s: %s"), pr->root, archive_error_string(pr->w));
			pr->done = true;
		}
	} else {
		if (data && !copy_data(pr, run, inner))
			ok = false;
		if (archive_write_finish_entry(pr->w) < ARCHIVE_WARN && ok) {
			skip_report(pr, image_path, archive_error_string(pr->w));
			ok = false;
		}
	}
	if (ok) {
		if (type == AE_IFDIR)
			pr->res->dirs++;
		else if (type == AE_IFLNK || link_to || (archive_entry_hardlink(e) && it->what == LP_PICK_ENTRY))
			pr->res->links++;
		else
			pr->res->files++;
	}
	archive_entry_free(x);
	free(image_path);
	free(full);
	return ok;
}

static void
extract_item(struct pick_read *pr, struct run *run, struct archive *inner, struct archive_entry *e,
	     const struct lp_pick_item *const *items, size_t n)
{
	char *written = NULL;	/* the first name its content went to */
	bool regular = archive_entry_filetype(e) == AE_IFREG && !archive_entry_hardlink(e);
	for (size_t i = 0; i < n && !pr->done; i++) {
		const struct lp_pick_item *it = items[i];
		bool ok = write_item(pr, run, inner, e, it, regular ? written : NULL);
		if (ok && regular && !written && (it->what == LP_PICK_CONTENT || it->what == LP_PICK_ENTRY))
			written = xasprintf("%s/%s", pr->root, it->dest);
	}
	free(written);
}

/* Directories, symlinks, devices and FIFOs, from the model, parents first: before any file
 * comes from the stream, whatever the layers' order in the archive. */
static bool
make_meta(struct pick_read *pr)
{
	for (size_t i = 0; i < pr->p->nitems; i++) {
		const struct lp_pick_item *it = &pr->p->items[i];
		if (it->what != LP_PICK_MKDIR && it->what != LP_PICK_META)
			continue;
		char *image_path = xasprintf("/%s", it->tar_path);
		if (!safe_dest(it->dest)) {
			skip_report(pr, image_path, _("an absolute name or one with .. is refused"));
			free(image_path);
			continue;
		}
		mode_t type = it->mode & S_IFMT;
		if ((type == S_IFCHR || type == S_IFBLK) && !pr->is_root) {
			skip_report(pr, image_path, _("device files are made by root only"));
			free(image_path);
			continue;
		}
		struct archive_entry *x = archive_entry_new();
		char *full = xasprintf("%s/%s", pr->root, it->dest);
		archive_entry_copy_pathname(x, full);
		archive_entry_set_mode(x, it->mode);
		if (it->what == LP_PICK_META) {
			archive_entry_set_uid(x, it->uid);
			archive_entry_set_gid(x, it->gid);
			archive_entry_set_mtime(x, (time_t)it->mtime, 0);
			if (type == S_IFLNK)
				archive_entry_copy_symlink(x, it->symlink ? it->symlink : "");
		}
		int r = archive_write_header(pr->w, x);
		if (r >= ARCHIVE_WARN && archive_write_finish_entry(pr->w) >= ARCHIVE_WARN) {
			if (type == S_IFDIR)
				pr->res->dirs++;
			else if (type == S_IFLNK)
				pr->res->links++;
			else
				pr->res->files++;
		} else {
			skip_report(pr, image_path, archive_error_string(pr->w) ? archive_error_string(pr->w) : "?");
		}
		archive_entry_free(x);
		free(full);
		free(image_path);
		if (r == ARCHIVE_FATAL)
			return false;
	}
	return true;
}

enum archive_result
layer_stream_extract(const struct layer_source *src, const struct layer_pick *p,
		     const struct layer_extract_opts *o, struct layer_extract_result *res, char **err)
{
	*err = NULL;
	memset(res, 0, sizeof(*res));
	char *root = o->dest ? realpath(o->dest, NULL) : NULL;
	struct stat st;
	if (!root || stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		*err = archive_errno_message(_("cannot extract into %s: %s"), o->dest ? o->dest : "",
					     root ? ENOTDIR : errno);
		free(root);
		return ARCHIVE_RESULT_FAILED;
	}
	if (!safe_dest(p->name)) {
		*err = xasprintf(_("cannot extract %s: an absolute name or one with .. is refused"), p->label);
		free(root);
		return ARCHIVE_RESULT_FAILED;
	}
	/* realpath gives no trailing '/' except for "/" itself */
	if (strcmp(root, "/") == 0)
		root[0] = '\0';
	res->top = xasprintf("%s/%s", root, p->name);
	if (!o->overwrite && lstat(res->top, &st) == 0) {
		free(root);
		return ARCHIVE_RESULT_EXISTS;
	}
	struct pick_read pr;
	memset(&pr, 0, sizeof(pr));
	pr.p = p;
	pr.on_item = extract_item;
	pr.root = root;
	pr.res = res;
	pr.is_root = geteuid() == 0;
	pr.w = archive_write_disk_new();
	int flags = ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_SECURE_SYMLINKS
		    | ARCHIVE_EXTRACT_SECURE_NODOTDOT;
	if (!o->overwrite)
		flags |= ARCHIVE_EXTRACT_NO_OVERWRITE;
	if (o->owners && pr.is_root)
		flags |= ARCHIVE_EXTRACT_OWNER;
	archive_write_disk_set_options(pr.w, flags);
	sort_items(&pr);
	enum archive_result r;
	if (!make_meta(&pr)) {
		*err = xasprintf(_("cannot extract into %s: %s"), root, archive_error_string(pr.w));
		r = ARCHIVE_RESULT_FAILED;
	} else if (pr.nsorted == 0) {
		r = ARCHIVE_RESULT_DONE;	/* no file content: nothing to stream */
	} else {
		struct run run;
		run_init(&run, src, o->cancel, &pr);
		run.progress = o->progress;
		run.progress_ctx = o->ctx;
		run.expected = o->expected;
		r = drive(&run, err);
	}
	/* directories get their final modes and times here */
	if (archive_write_close(pr.w) != ARCHIVE_OK && r == ARCHIVE_RESULT_DONE) {
		*err = xasprintf(_("cannot extract into %s: %s"), root, archive_error_string(pr.w));
		r = ARCHIVE_RESULT_FAILED;
	}
	archive_write_free(pr.w);
	free(pr.sorted);
	free(root);
	if (pr.report.len)
		res->report = sb_detach(&pr.report);
	sb_free(&pr.report);
	return r;
}

void
layer_extract_result_free(struct layer_extract_result *r)
{
	if (!r)
		return;
	free(r->report);
	free(r->top);
	memset(r, 0, sizeof(*r));
}
