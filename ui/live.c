/* The lists kept current from events: see live.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "fetch.h"
#include "list_patch.h"
#include "live.h"
#include "session.h"
#include "view.h"
#include "xalloc.h"

/* Events this close together make one batch. */
#define LIVE_BATCH_MS 100
/* Container IDs in one filtered list request. */
#define LIVE_IDS_MAX 100
/* A container's die event comes before the engine's list says it exited (dockerd logs the
 * event, cleans up, then updates the view /containers/json reads): read it again this late,
 * then once more for a slow cleanup (the reads of one moment go in one request). */
#define LIVE_SETTLE_MS 700
#define LIVE_SETTLE_AGAIN_MS 2500

/* An event as the stream's worker read it (src/event.h), with its VIEW_EV_* bits. */
struct live_event {
	unsigned kinds;
	struct event e;
};

struct pending {
	char *key;
	bool drop;
};

struct queue {
	struct pending *v;
	size_t n;
};

struct live {
	struct session *s;
	struct queue images, containers;
	struct queue settling;		/* containers to read again at settle_at */
	long long settle_at;		/* 0: none */
	struct queue settling2;		/* and once more at settle2_at */
	long long settle2_at;
	long long due;			/* the batch's timer; 0: none */
	unsigned lost;			/* kinds whose full list is to be read again */
	long long reload_at;		/* when, rate-limited; 0: none */
	long long last_reload[2];	/* [0] images, [1] containers */
	struct fetch_slot slot;
};

/* ---- events ---------------------------------------------------------------------- */

struct live_event *
live_event_parse(const char *line, size_t len)
{
	struct live_event *ev = xcalloc(1, sizeof(*ev));
	event_parse(line, len, &ev->e);
	ev->kinds = (ev->e.kinds & EVENT_IMAGE ? VIEW_EV_IMAGE : 0u) |
		    (ev->e.kinds & EVENT_CONTAINER ? VIEW_EV_CONTAINER : 0u);
	return ev;
}

unsigned live_event_kinds(const struct live_event *ev) { return ev->kinds; }

void
live_event_free(void *arg)
{
	struct live_event *ev = arg;
	if (!ev)
		return;
	event_clear(&ev->e);
	free(ev);
}

/* ---- the queues ---------------------------------------------------------------------- */

/* The key's last word wins: what an image went through in a batch ends in one request. */
static void
queue_put(struct queue *q, char *key, bool drop)
{
	for (size_t i = 0; i < q->n; i++) {
		if (strcmp(q->v[i].key, key) == 0) {
			free(key);
			q->v[i].drop = drop;
			return;
		}
	}
	q->v = xrealloc(q->v, (q->n + 1) * sizeof(*q->v));
	q->v[q->n].key = key;
	q->v[q->n++].drop = drop;
}

static void
queue_clear(struct queue *q)
{
	for (size_t i = 0; i < q->n; i++)
		free(q->v[i].key);
	free(q->v);
	q->v = NULL;
	q->n = 0;
}

struct live *
live_new(struct session *s)
{
	struct live *l = xcalloc(1, sizeof(*l));
	l->s = s;
	return l;
}

void
live_free(struct live *l)
{
	if (!l)
		return;
	fetch_cancel(&l->slot);
	queue_clear(&l->images);
	queue_clear(&l->containers);
	queue_clear(&l->settling);
	queue_clear(&l->settling2);
	free(l);
}

static void
arm(struct live *l)
{
	if (!l->due)
		l->due = now_ms() + LIVE_BATCH_MS;
}

/* Events may have been lost: the full list again, at most once every LIVE_RELOAD_MIN_MS. */
void
live_lost(struct live *l, unsigned kinds)
{
	l->lost |= kinds;
	if (!l->reload_at)
		l->reload_at = now_ms();
	for (int k = 0; k < 2; k++) {
		unsigned kind = k ? VIEW_EV_CONTAINER : VIEW_EV_IMAGE;
		long long next = l->last_reload[k] ? l->last_reload[k] + LIVE_RELOAD_MIN_MS : 0;
		if ((kinds & kind) && next > l->reload_at)
			l->reload_at = next;
	}
}

void
live_take(struct live *l, const struct live_event *lev)
{
	const struct event *ev = &lev->e;
	/* Podman's delete (its compat API names its remove so) may take away one name of an image
	 * that keeps others (a localhost/ one): the image is read again, and dropped only when the
	 * engine no longer has it. The event alone does not tell: the engine does. */
	bool drop = ev->image_op == EVENT_DROP && !session_info(l->s)->podman;
	if (ev->image_op == EVENT_GAP)
		live_lost(l, VIEW_EV_IMAGE);
	else if (ev->image_op != EVENT_NONE && ev->image_key)
		queue_put(&l->images, xstrdup(ev->image_key), drop);
	if (ev->container_op == EVENT_GAP)
		live_lost(l, VIEW_EV_CONTAINER);
	else if (ev->container_op != EVENT_NONE && ev->container_id)
		queue_put(&l->containers, xstrdup(ev->container_id), ev->container_op == EVENT_DROP);
	if (ev->settle && ev->container_id) {
		queue_put(&l->settling, xstrdup(ev->container_id), false);
		if (!l->settle_at)
			l->settle_at = now_ms() + LIVE_SETTLE_MS;
	}
	if (l->images.n || l->containers.n)
		arm(l);
}

/* ---- the batch ------------------------------------------------------------------------ */

struct image_result {
	struct image im;
	bool ok, gone;
};

struct batch_fetch {
	struct fetch base;
	struct queue images, containers;	/* what it reads, and drops */
	unsigned long loads[2];			/* session_loads when posted */
	struct image_result *results;		/* one per images.v */
	struct container_list rows;		/* the containers read */
	bool containers_ok;
	bool failed;				/* a read failed: the engine went, or answered wrong */
};

static void
batch_run(struct fetch *f)
{
	struct batch_fetch *b = (struct batch_fetch *)f;
	for (size_t i = 0; i < b->images.n && !b->failed; i++) {
		if (b->images.v[i].drop)
			continue;
		char *err = NULL;
		struct image_result *r = &b->results[i];
		int st = image_fetch_one(f->engine, b->images.v[i].key, &f->cancel, &r->im, &r->gone, &err);
		free(err);
		r->ok = st == ENGINE_OK;
		b->failed = !r->ok && !r->gone;
	}
	char **ids = xcalloc(b->containers.n + 1, sizeof(*ids));
	size_t n = 0;
	for (size_t i = 0; i < b->containers.n; i++)
		if (!b->containers.v[i].drop)
			ids[n++] = b->containers.v[i].key;
	b->containers_ok = true;
	for (size_t at = 0; at < n && !b->failed; at += LIVE_IDS_MAX) {
		struct container_list part;
		char *err = NULL;
		size_t k = n - at < LIVE_IDS_MAX ? n - at : LIVE_IDS_MAX;
		int st = containers_fetch_ids(f->engine, ids + at, k, &f->cancel, &part, &err);
		free(err);
		if (st != ENGINE_OK) {
			b->failed = true;
			b->containers_ok = false;
			break;
		}
		size_t total = b->rows.ncontainers + part.ncontainers;
		b->rows.containers = xrealloc(b->rows.containers, (total + 1) * sizeof(*b->rows.containers));
		if (part.ncontainers)
			memcpy(b->rows.containers + b->rows.ncontainers, part.containers,
			       part.ncontainers * sizeof(*part.containers));
		b->rows.ncontainers = total;
		free(part.containers);
		free(part.by_image);
	}
	free(ids);
}

static bool
read_back(const struct container_list *rows, const char *id)
{
	return containers_find(rows, id) != NULL;
}

/* Puts what the batch read into the session's lists, then tells the views once. */
static unsigned
apply_images(struct batch_fetch *b, struct session *s, struct list_garbage *g)
{
	struct image_list *list = session_images_rw(s);
	if (!list || !b->images.n)
		return 0;
	bool all = session_images_all(s);
	image_list_edit_begin(list, g);
	for (size_t i = 0; i < b->images.n; i++) {
		struct image_result *r = &b->results[i];
		const char *key = b->images.v[i].key;
		if (b->images.v[i].drop || r->gone)
			image_list_drop(list, key, g);	/* a reference is no ID: nothing */
		else if (r->ok)
			image_list_put(list, &r->im, all, g);
	}
	return SESSION_IMAGES;
}

static unsigned
apply_containers(struct batch_fetch *b, struct session *s, struct list_garbage *g)
{
	struct container_list *list = session_containers_rw(s);
	if (!list || !b->containers.n || !b->containers_ok)
		return 0;
	container_list_edit_begin(list, g);
	for (size_t i = 0; i < b->containers.n; i++) {
		const char *id = b->containers.v[i].key;
		if (b->containers.v[i].drop || !read_back(&b->rows, id))
			container_list_drop(list, id, g);
	}
	for (size_t i = 0; i < b->rows.ncontainers; i++)
		container_list_put(list, &b->rows.containers[i], g);
	/* every row moved into the list: only the array is left */
	b->rows.ncontainers = 0;
	container_list_edit_end(list, g);
	return SESSION_CONTAINERS;
}

static void flush(struct live *l);

/* An edit read while a full list was asked for may be older than that list: again after it. */
static void
requeue(struct queue *into, struct queue *from)
{
	for (size_t i = 0; i < from->n; i++) {
		queue_put(into, from->v[i].key, from->v[i].drop);
		from->v[i].key = NULL;
	}
	from->n = 0;
}

static void
batch_apply(struct fetch *f, void *owner)
{
	struct batch_fetch *b = (struct batch_fetch *)f;
	struct live *l = owner;
	struct session *s = l->s;
	if (b->failed) {
		/* the engine went, or answered wrong: its state is unknown */
		requeue(&l->images, &b->images);
		requeue(&l->containers, &b->containers);
		live_lost(l, VIEW_EV_IMAGE | VIEW_EV_CONTAINER);
		return;
	}
	struct list_garbage g = { 0 };
	unsigned what = apply_images(b, s, &g) | apply_containers(b, s, &g);
	if (what)
		session_lists_edited(s, what);
	list_garbage_free(&g);
	if (session_loads(s, VIEW_EV_IMAGE) != b->loads[0] || session_loading(s, VIEW_EV_IMAGE))
		requeue(&l->images, &b->images);
	if (session_loads(s, VIEW_EV_CONTAINER) != b->loads[1] || session_loading(s, VIEW_EV_CONTAINER))
		requeue(&l->containers, &b->containers);
	if (l->images.n || l->containers.n)
		arm(l);
}

static void
batch_release(struct fetch *f)
{
	struct batch_fetch *b = (struct batch_fetch *)f;
	/* what was not put in the list (a put leaves the entry zeroed) */
	struct image_list left = { 0 };
	left.images = xcalloc(b->images.n + 1, sizeof(*left.images));
	for (size_t i = 0; b->results && i < b->images.n; i++)
		if (b->results[i].im.id)
			left.images[left.nimages++] = b->results[i].im;
	image_list_free(&left);
	queue_clear(&b->images);
	queue_clear(&b->containers);
	free(b->results);
	container_list_free(&b->rows);
	free(b);
}

static const struct fetch_ops batch_ops = { batch_run, batch_apply, batch_release };

/* Posts what waits, but for a list being read in full (its edits wait for it). */
static void
flush(struct live *l)
{
	struct session *s = l->s;
	if (fetch_busy(&l->slot))
		return;	/* its apply arms the timer again */
	struct batch_fetch *b = xcalloc(1, sizeof(*b));
	if (!session_loading(s, VIEW_EV_IMAGE) && session_images_rw(s)) {
		b->images = l->images;
		memset(&l->images, 0, sizeof(l->images));
	}
	if (!session_loading(s, VIEW_EV_CONTAINER) && session_containers_rw(s)) {
		b->containers = l->containers;
		memset(&l->containers, 0, sizeof(l->containers));
	}
	if (!b->images.n && !b->containers.n) {
		batch_release(&b->base);
		return;
	}
	b->results = xcalloc(b->images.n + 1, sizeof(*b->results));
	b->loads[0] = session_loads(s, VIEW_EV_IMAGE);
	b->loads[1] = session_loads(s, VIEW_EV_CONTAINER);
	fetch_post(session_fetcher(s), &l->slot, &b->base, &batch_ops, l, session_engine(s));
}

void
live_loaded(struct live *l, unsigned kinds)
{
	(void)kinds;
	if (l->images.n || l->containers.n)
		arm(l);
}

long long
live_next(const struct live *l)
{
	long long next = l->due;
	if (l->reload_at && (!next || l->reload_at < next))
		next = l->reload_at;
	if (l->settle_at && (!next || l->settle_at < next))
		next = l->settle_at;
	if (l->settle2_at && (!next || l->settle2_at < next))
		next = l->settle2_at;
	return next;
}

void
live_run_timers(struct live *l)
{
	long long now = now_ms();
	if (l->reload_at && now >= l->reload_at) {
		unsigned kinds = l->lost;
		l->reload_at = 0;
		l->lost = 0;
		/* the full list covers what waits */
		if (kinds & VIEW_EV_IMAGE) {
			l->last_reload[0] = now;
			queue_clear(&l->images);
		}
		if (kinds & VIEW_EV_CONTAINER) {
			l->last_reload[1] = now;
			queue_clear(&l->containers);
		}
		session_reload(l->s, kinds);
	}
	if (l->settle_at && now >= l->settle_at) {
		l->settle_at = 0;
		for (size_t i = 0; i < l->settling.n; i++) {
			queue_put(&l->containers, xstrdup(l->settling.v[i].key), false);
			queue_put(&l->settling2, l->settling.v[i].key, false);
			l->settling.v[i].key = NULL;
		}
		queue_clear(&l->settling);
		if (!l->settle2_at)
			l->settle2_at = now + LIVE_SETTLE_AGAIN_MS;
		if (l->containers.n)
			arm(l);
	}
	if (l->settle2_at && now >= l->settle2_at) {
		l->settle2_at = 0;
		for (size_t i = 0; i < l->settling2.n; i++) {
			queue_put(&l->containers, l->settling2.v[i].key, false);
			l->settling2.v[i].key = NULL;
		}
		queue_clear(&l->settling2);
		if (l->containers.n)
			arm(l);
	}
	if (l->due && now >= l->due) {
		l->due = 0;
		flush(l);
	}
}
