#include "config.h"

#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "backoff.h"
#include "i18n.h"
#include "image_layers.h"
#include "json.h"
#include "live.h"
#include "session.h"
#include "strv.h"
#include "view.h"
#include "xalloc.h"

/* Reconnect delays (the list loads) grow to this; the engine often comes back within seconds. */
#define RETRY_MAX_MS 30000
#define RETRY_MIN_MS 500
/* The event stream's own: refused or closed at once it is asked again after 1, 2, 4... s, up
 * to 30 s; a stream that lasted a minute before it ended is asked again after 1 s. */
#define EVENTS_RETRY_MIN_MS 1000
#define EVENTS_RETRY_MAX_MS 30000
#define EVENTS_HEALTHY_MS 60000
/* A stream that ran this long without an error is taken as working again ("live refresh off"
 * goes); its first event says so sooner. */
#define EVENTS_SETTLE_MS 2000
/* Several events in a row (a pull, a prune) make one note. */
#define EVENT_DEBOUNCE_MS 150

struct session {
	struct engine *engine;
	struct fetcher *fx;
	session_notify_fn notify;
	void *ctx;

	enum conn_state conn;
	char *error;
	struct engine_info info;
	struct backoff retry;		/* the list loads (connecting again) */
	struct backoff events_retry;	/* the event stream */
	char *events_off;		/* why live refresh is off (the stream failed); NULL when on */
	long long events_settle_at;	/* when a restarted stream counts as working; 0 = none */
	long long event_at;		/* debounced note of events_seen; 0 = none */
	unsigned events_seen;		/* VIEW_EV_* bits since the last note */

	struct fetch_slot images_slot, containers_slot, newest_slot, events_slot;
	bool all;			/* the -a of the last image load */
	bool images_again;		/* a load was asked while one ran */
	bool containers_again;		/* likewise for the containers, or asked before connecting,
					 * or waiting for the first page (newest_apply) */
	bool negotiated;		/* the API version is known (requests before would fail) */
	bool answered;			/* /_ping answered since the engine was last found down */
	struct image_list images;
	bool have_images;
	struct image_list head;		/* the first screenful, until the first full list is there */
	bool have_head;
	bool head_was_down;		/* the engine was found down before the head came */
	size_t first_screen;		/* images the head waits for (session_set_first_screen) */
	struct container_list containers;
	bool have_containers;
	struct container_list newest;	/* the first page, until the full list is there */
	bool have_newest;
	bool newest_done;		/* the first page was read (or failed): the full list may go */
	int newest_page;		/* how many the first page asks for */
	struct live *live;		/* the lists kept current from the events (live.c) */
	unsigned long image_loads, container_loads;	/* full reads asked */

	struct layer_index *layers;	/* by image ID, for the session */
	struct fetch_slot layers_slot;
	struct image_list extra;	/* IDs and sizes only: session_learn_layers' */
	bool learn_all;			/* a list too long to learn unasked was asked for */
	int64_t disk_use;
	size_t disk_unknown;
};

/* How many containers the first page asks for: two screens (session_set_screen_rows), within
 * these bounds; a small part of a big host's list, whose cost to the engine (and to parse)
 * grows with it. */
#define NEWEST_PAGE_MIN 50
#define NEWEST_PAGE_MAX 100

long long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct session *
session_new(struct engine *engine, struct fetcher *fx, session_notify_fn notify, void *ctx)
{
	struct session *s = xcalloc(1, sizeof(*s));
	s->engine = engine;
	s->fx = fx;
	s->notify = notify;
	s->ctx = ctx;
	s->newest_page = NEWEST_PAGE_MAX;
	backoff_init(&s->retry, RETRY_MIN_MS, RETRY_MAX_MS, 0);
	backoff_init(&s->events_retry, EVENTS_RETRY_MIN_MS, EVENTS_RETRY_MAX_MS, EVENTS_HEALTHY_MS);
	s->layers = layer_index_new();
	s->live = live_new(s);
	return s;
}

void
session_free(struct session *s)
{
	if (!s)
		return;
	live_free(s->live);
	fetch_cancel(&s->images_slot);
	fetch_cancel(&s->containers_slot);
	fetch_cancel(&s->newest_slot);
	fetch_cancel(&s->events_slot);
	fetch_cancel(&s->layers_slot);
	layer_index_free(s->layers);
	image_list_free(&s->extra);
	image_list_free(&s->images);
	image_list_free(&s->head);
	container_list_free(&s->containers);
	container_list_free(&s->newest);
	free(s->error);
	free(s->events_off);
	engine_free(s->engine);
	free(s);
}

struct engine *session_engine(const struct session *s) { return s->engine; }
enum conn_state session_conn(const struct session *s) { return s->conn; }
const char *session_error(const struct session *s) { return s->conn == CONN_DOWN ? s->error : NULL; }
bool session_answered(const struct session *s) { return s->answered; }
const struct engine_info *session_info(const struct session *s) { return &s->info; }
const struct image_list *session_images(const struct session *s) { return s->have_images ? &s->images : NULL; }

const struct image_list *
session_images_head(const struct session *s)
{
	return !s->have_images && s->have_head ? &s->head : NULL;
}

void
session_set_first_screen(struct session *s, size_t images)
{
	s->first_screen = images;
}

const struct container_list *
session_containers(const struct session *s)
{
	return s->have_containers ? &s->containers : NULL;
}

const struct container_list *
session_containers_newest(const struct session *s)
{
	return !s->have_containers && s->have_newest ? &s->newest : NULL;
}

long long
session_retry_in(const struct session *s)
{
	return backoff_in(&s->retry, now_ms());
}

const char *
session_events_off(const struct session *s, long long *retry_in)
{
	*retry_in = backoff_in(&s->events_retry, now_ms());
	return s->conn == CONN_UP ? s->events_off : NULL;
}

static void
set_events_off(struct session *s, char *why)
{
	free(s->events_off);
	s->events_off = why;
}

static void
engine_down(struct session *s, const char *why)
{
	s->conn = CONN_DOWN;
	s->answered = false;
	free(s->error);
	s->error = xstrdup(why);
	backoff_fail(&s->retry, now_ms());
	/* the stream follows the next connection */
	s->events_retry.at = 0;
	s->events_settle_at = 0;
}

/* ---- /events ----------------------------------------------------------------- */

struct events_fetch {
	struct fetch base;
	long long since;	/* the engine's clock, from its Date header */
	struct engine_response r;
};

static void events_working(struct session *s);

/* The session's lists follow the event (live.c); the views that watch its kind hear of it. */
static void
event_seen(struct fetch *f, void *arg)
{
	struct session *s = f->owner;
	events_working(s);
	live_take(s->live, arg);
	s->events_seen |= live_event_kinds(arg);
	if (!s->event_at)
		s->event_at = now_ms() + EVENT_DEBOUNCE_MS;
}

static bool
events_line(const char *line, size_t len, void *ctx)
{
	struct events_fetch *ef = ctx;
	fetch_send(&ef->base, event_seen, live_event_parse(line, len), live_event_free);
	return true;
}

static void
events_run(struct fetch *f)
{
	struct events_fetch *ef = (struct events_fetch *)f;
	char path[768];
	/* Image events, and the container events that change a row of the Containers panel (or
	 * which images are in use); exec_*, attach and the like change nothing shown. Podman
	 * matches the filter against its own names and renames afterwards: its image "remove"
	 * arrives as "delete", and a load is "loadfromarchive". */
	char *filters = engine_escape("{\"type\":[\"image\",\"container\"],"
				      "\"event\":[\"delete\",\"remove\",\"import\",\"load\",\"loadfromarchive\","
				      "\"pull\",\"push\",\"tag\",\"untag\","
				      "\"prune\",\"create\",\"destroy\",\"start\",\"die\",\"stop\",\"kill\","
				      "\"pause\",\"unpause\",\"rename\",\"restart\",\"update\",\"health_status\","
				      "\"oom\",\"commit\"]}");
	if (ef->since > 0)
		snprintf(path, sizeof(path), "/events?since=%lld&filters=%s", ef->since, filters);
	else
		snprintf(path, sizeof(path), "/events?filters=%s", filters);
	free(filters);
	ef->r = engine_stream(f->engine, "GET", path, events_line, ef, &f->cancel);
}

static void
events_apply(struct fetch *f, void *owner)
{
	struct events_fetch *ef = (struct events_fetch *)f;
	struct session *s = owner;
	if (ef->r.status == ENGINE_CANCELLED || s->conn == CONN_DOWN)
		return;
	/* No connection at all: the engine went away (the stream broke when it stopped). */
	if (ef->r.status == ENGINE_UNREACHABLE) {
		set_events_off(s, NULL);
		engine_down(s, ef->r.error ? ef->r.error : _("The engine did not answer"));
		s->notify(s->ctx, 0);
		return;
	}
	/* Refused (an authorization plugin's 403), closed, or cut while the engine answers the
	 * rest: the lists stay, without live refresh, and the stream is asked again later on its
	 * own back-off (a list loaded meanwhile does not hurry it). */
	char *why;
	if (ef->r.status == ENGINE_OK && ef->r.http_status >= 400)
		why = xasprintf("/events: %ld %s", ef->r.http_status, ef->r.error ? ef->r.error : "");
	else if (ef->r.status == ENGINE_OK && !ef->r.error)
		why = xstrdup(_("the engine closed the event stream"));
	else
		why = xasprintf("/events: %s", ef->r.error ? ef->r.error : _("the engine closed the event stream"));
	set_events_off(s, why);
	s->events_settle_at = 0;
	backoff_fail(&s->events_retry, now_ms());
	s->notify(s->ctx, 0);
}

static void
events_release(struct fetch *f)
{
	struct events_fetch *ef = (struct events_fetch *)f;
	engine_response_free(&ef->r);
	free(ef);
}

static const struct fetch_ops events_ops = { events_run, events_apply, events_release };

static void
events_start(struct session *s)
{
	struct events_fetch *ef = xcalloc(1, sizeof(*ef));
	/* Events since the list was read are replayed, so none falls between list and stream. */
	ef->since = s->info.server_time > 0 ? s->info.server_time - 1 : 0;
	long long now = now_ms();
	backoff_up(&s->events_retry, now);
	if (s->events_off)
		s->events_settle_at = now + EVENTS_SETTLE_MS;
	fetch_post(s->fx, &s->events_slot, &ef->base, &events_ops, s, s->engine);
}

/* The stream delivers (an event) or has run a while without failing: live refresh is on. */
static void
events_working(struct session *s)
{
	s->events_settle_at = 0;
	if (s->events_off) {
		set_events_off(s, NULL);
		/* The stream was off a while: events may have gone unheard (the engine replays only
		 * its last ones), so both lists are read again, once (live.c limits how often). */
		live_lost(s->live, VIEW_EV_IMAGE | VIEW_EV_CONTAINER);
		s->notify(s->ctx, 0);
	}
}

/* ---- the image list ---------------------------------------------------------- */

static void learn_next(struct session *s);

struct images_fetch {
	struct fetch base;
	bool connect;		/* ping and negotiate first */
	bool refused;		/* the engine refuses this client (DOCKER_API_VERSION too new) */
	bool all;
	size_t head;		/* images for a first screen before the body ends; 0: none */
	struct engine_info info;
	enum engine_status status;
	char *error;
	struct image_list list;
};

static void connected(struct fetch *f, void *arg);
static void head_apply(struct fetch *f, void *arg);

static void
head_drop(void *arg)
{
	image_list_free(arg);
	free(arg);
}

/* On the worker, from the reader: a copy of the settled head goes to the UI thread. */
static void
head_read(void *ctx, const struct image *images, size_t n)
{
	struct image_list *l = xmalloc(sizeof(*l));
	image_list_copy(images, n, l);
	fetch_send(ctx, head_apply, l, head_drop);
}

static void
images_run(struct fetch *f)
{
	struct images_fetch *lf = (struct images_fetch *)f;
	if (lf->connect) {
		struct engine_response r = engine_connect(f->engine, &lf->info, &f->cancel);
		if (r.status != ENGINE_OK || r.http_status >= 400) {
			lf->status = r.status == ENGINE_OK ? ENGINE_BAD_ANSWER : r.status;
			lf->refused = r.status == ENGINE_OK && r.http_status == 400;
			lf->error = r.error ? r.error : xstrdup(_("The engine did not answer"));
			r.error = NULL;
			engine_response_free(&r);
			return;
		}
		engine_response_free(&r);
		/* The API version is known now: the containers can be read beside the images. */
		fetch_send(f, connected, NULL, NULL);
	}
	lf->status = images_fetch_head(f->engine, lf->all, &f->cancel, &lf->list, &lf->error, lf->head,
				       lf->head ? head_read : NULL, f);
}

static void
connected(struct fetch *f, void *arg)
{
	struct session *s = f->owner;
	(void)arg;
	s->negotiated = true;
	s->answered = true;	/* "Loading images…" rather than "Connecting…" */
	if (s->containers_again || !s->have_containers) {
		s->containers_again = false;
		session_load_containers(s);
	}
}

/* The first screenful, newest first as the engine sends it, while the rest of the body is on
 * its way: views may draw it (session_images_head) until the whole list replaces it. */
static void
head_apply(struct fetch *f, void *arg)
{
	struct images_fetch *lf = (struct images_fetch *)f;
	struct session *s = f->owner;
	struct image_list *l = arg;
	if (s->have_images || s->have_head)
		return;
	/* The status line says what it will say once the list is there (info is the worker's,
	 * written before it sent `connected`). */
	if (lf->connect)
		s->info = lf->info;
	s->head_was_down = s->conn == CONN_DOWN;
	s->conn = CONN_UP;
	s->head = *l;
	memset(l, 0, sizeof(*l));
	s->have_head = true;
	s->notify(s->ctx, SESSION_IMAGES);
}

/* The head goes once the list is there or will not come: after the views hear of it. */
static void
head_free(struct session *s, bool tell)
{
	if (!s->have_head)
		return;
	s->have_head = false;
	if (tell)
		s->notify(s->ctx, SESSION_IMAGES);
	image_list_free(&s->head);
}

static void
images_apply(struct fetch *f, void *owner)
{
	struct images_fetch *lf = (struct images_fetch *)f;
	struct session *s = owner;
	if (lf->status == ENGINE_OK) {
		bool was_down = s->conn == CONN_DOWN || (s->have_head && s->head_was_down);
		if (lf->connect)
			s->info = lf->info;
		s->conn = CONN_UP;
		backoff_up(&s->retry, now_ms());
		free(s->error);
		s->error = NULL;
		/* The views let go of the old list when told, so it goes after the note. */
		struct image_list old = s->images;
		s->images = lf->list;
		memset(&lf->list, 0, sizeof(lf->list));
		s->have_images = true;
		learn_next(s);
		s->notify(s->ctx, SESSION_IMAGES | (was_down ? SESSION_RECONNECTED : 0));
		image_list_free(&old);
		head_free(s, false);
#ifdef HAVE_MALLOC_TRIM
		/* Parsing a large list leaves freed heap behind; hand it back to the system. */
		malloc_trim(0);
#endif
		/* After a (re)connection the in-use column may be stale too (a load may already run:
		 * `connected` started it as soon as the version was known). */
		if (!lf->connect && !s->have_containers)
			session_load_containers(s);
		/* Events while the engine was away were not heard: the containers again too. */
		else if (was_down && s->have_containers)
			session_load_containers(s);
		/* The stream has its own back-off: a list loaded does not hurry a refused stream. */
		if (!fetch_busy(&s->events_slot) && !s->events_retry.at)
			events_start(s);
	} else if (lf->status != ENGINE_CANCELLED) {
		/* Unreachable, lost, or refused: say it; retrying later may help (it restarts), but
		 * not when the engine refuses the client itself (R still tries). */
		engine_down(s, lf->error);
		if (lf->refused)
			s->retry.at = 0;
		head_free(s, true);
	}
	if (s->images_again) {
		s->images_again = false;
		session_load_images(s, s->all);
	}
	live_loaded(s->live, VIEW_EV_IMAGE);
}

static void
images_release(struct fetch *f)
{
	struct images_fetch *lf = (struct images_fetch *)f;
	image_list_free(&lf->list);
	free(lf->error);
	free(lf);
}

static const struct fetch_ops images_ops = { images_run, images_apply, images_release };

void
session_load_images(struct session *s, bool all)
{
	s->all = all;
	if (fetch_busy(&s->images_slot)) {
		s->images_again = true;
		return;
	}
	session_reload_images(s, all);
}

void
session_reload_images(struct session *s, bool all)
{
	/* (fetch_post cancels and disowns the running one: its apply never runs) */
	s->images_again = false;
	struct images_fetch *lf = xcalloc(1, sizeof(*lf));
	s->image_loads++;
	lf->connect = s->conn != CONN_UP;
	lf->all = s->all = all;
	/* Only the first list comes in pieces: a reload keeps the old one on screen meanwhile. */
	lf->head = s->have_images || s->have_head ? 0 : s->first_screen;
	s->retry.at = 0;
	fetch_post(s->fx, &s->images_slot, &lf->base, &images_ops, s, s->engine);
}

void
session_retry_now(struct session *s)
{
	backoff_reset(&s->retry);
	if (s->conn == CONN_DOWN)
		session_load_images(s, s->all);
	/* R with live refresh off: the stream is asked again now, the delays start over */
	if (s->conn == CONN_UP && s->events_off && !fetch_busy(&s->events_slot)) {
		backoff_reset(&s->events_retry);
		events_start(s);
	}
}

/* ---- containers, for the images in use ---------------------------------------- */

struct containers_fetch {
	struct fetch base;
	struct container_list list;
	char *error;
	bool ok;
};

static void
containers_run(struct fetch *f)
{
	struct containers_fetch *cf = (struct containers_fetch *)f;
	cf->ok = containers_fetch(f->engine, &f->cancel, &cf->list, &cf->error) == ENGINE_OK;
}

static void
containers_after(struct session *s)
{
	if (s->containers_again) {
		s->containers_again = false;
		session_load_containers(s);
	}
}

static void
containers_apply(struct fetch *f, void *owner)
{
	struct containers_fetch *cf = (struct containers_fetch *)f;
	struct session *s = owner;
	/* A failure here is not worth a message: the lists work without the column. */
	if (cf->ok) {
		struct container_list old = s->containers;
		s->containers = cf->list;
		memset(&cf->list, 0, sizeof(cf->list));
		s->have_containers = true;
		fetch_cancel(&s->newest_slot);
		s->notify(s->ctx, SESSION_CONTAINERS);
		container_list_free(&old);
		container_list_free(&s->newest);
		s->have_newest = false;
	}
	containers_after(s);
	live_loaded(s->live, VIEW_EV_CONTAINER);
}

static void
containers_release(struct fetch *f)
{
	struct containers_fetch *cf = (struct containers_fetch *)f;
	container_list_free(&cf->list);
	free(cf->error);
	free(cf);
}

static const struct fetch_ops containers_ops = { containers_run, containers_apply, containers_release };

/* The first page: only until the full list comes, and only the first time. */
struct newest_fetch {
	struct fetch base;
	struct container_list list;
	int limit;
	bool ok;
};

static void
newest_run(struct fetch *f)
{
	struct newest_fetch *nf = (struct newest_fetch *)f;
	char *err = NULL;
	nf->ok = containers_fetch_newest(f->engine, nf->limit, &f->cancel, &nf->list, &err) == ENGINE_OK;
	free(err);
}

static void
newest_apply(struct fetch *f, void *owner)
{
	struct newest_fetch *nf = (struct newest_fetch *)f;
	struct session *s = owner;
	s->newest_done = true;
	if (nf->ok && !s->have_containers) {
		s->newest = nf->list;
		memset(&nf->list, 0, sizeof(nf->list));
		s->have_newest = true;
		s->notify(s->ctx, SESSION_CONTAINERS);
	}
	/* the full list, which waited for the first page (or failed with it: it says why) */
	containers_after(s);
}

static void
newest_release(struct fetch *f)
{
	struct newest_fetch *nf = (struct newest_fetch *)f;
	container_list_free(&nf->list);
	free(nf);
}

static const struct fetch_ops newest_ops = { newest_run, newest_apply, newest_release };

void
session_load_containers(struct session *s)
{
	/* Before the version is negotiated the engine would refuse the request: it follows the
	 * connection instead. A load asked while one runs runs again after it. */
	if (!s->negotiated || fetch_busy(&s->containers_slot)) {
		s->containers_again = true;
		return;
	}
	/* The first time, the engine's first page goes alone and the full list follows it
	 * (newest_apply): on a big host the full list costs the engine many times the page, and
	 * read beside it, it slowed the page down (the panel's first screen) by as much. */
	if (!s->have_containers && !s->newest_done) {
		if (!fetch_busy(&s->newest_slot)) {
			struct newest_fetch *nf = xcalloc(1, sizeof(*nf));
			nf->limit = s->newest_page;
			fetch_post(s->fx, &s->newest_slot, &nf->base, &newest_ops, s, s->engine);
		}
		s->containers_again = true;
		return;
	}
	struct containers_fetch *cf = xcalloc(1, sizeof(*cf));
	s->container_loads++;
	fetch_post(s->fx, &s->containers_slot, &cf->base, &containers_ops, s, s->engine);
}

void
session_set_screen_rows(struct session *s, int rows)
{
	int n = rows > NEWEST_PAGE_MAX / 2 ? NEWEST_PAGE_MAX : rows * 2;
	s->newest_page = n < NEWEST_PAGE_MIN ? NEWEST_PAGE_MIN : n;
}

/* ---- timers --------------------------------------------------------------------- */

void
session_run_timers(struct session *s)
{
	long long now = now_ms();
	if (s->retry.at && now >= s->retry.at) {
		s->retry.at = 0;
		session_load_images(s, s->all);
	}
	if (s->events_retry.at && now >= s->events_retry.at) {
		s->events_retry.at = 0;
		if (s->conn == CONN_UP && !fetch_busy(&s->events_slot))
			events_start(s);
	}
	if (s->events_settle_at && now >= s->events_settle_at)
		events_working(s);
	if (s->event_at && now >= s->event_at) {
		unsigned seen = s->events_seen;
		s->event_at = 0;
		s->events_seen = 0;
		s->notify(s->ctx, seen);
	}
	live_run_timers(s->live);
}

/* Sleep until the next timer; -1 (forever) when none is armed: idle budu uses no CPU. */
int
session_timeout(const struct session *s)
{
	long long next = 0;
	const long long timers[] = { s->retry.at, s->event_at, s->events_retry.at, s->events_settle_at,
				     live_next(s->live) };
	for (size_t i = 0; i < sizeof(timers) / sizeof(*timers); i++)
		if (timers[i] && (!next || timers[i] < next))
			next = timers[i];
	/* While the engine is down the panel counts down the retry once a second; the status
	 * line likewise the event stream's while live refresh is off. */
	if ((s->conn == CONN_DOWN && s->retry.at) || (s->events_off && s->events_retry.at)) {
		long long tick = now_ms() + 1000;
		if (tick < next)
			next = tick;
	}
	if (!next)
		return -1;
	long long d = next - now_ms();
	return d < 0 ? 0 : (int)(d > 60000 ? 60000 : d);
}

/* ---- the images' layers --------------------------------------------------------- */

/* Images a batch reads: small enough to leave the fetch threads to what the user asks. */
#define LAYERS_BATCH 32
/* Past this many images the list's layers are learned only when asked (P): thousands of
 * requests in the background would keep a big engine busy for a figure on the status line,
 * which says it is a lower bound meanwhile. */
#define LAYERS_UNASKED_MAX 1000

struct layers_fetch {
	struct fetch base;
	char **ids;
	int64_t *sizes;
	struct image_layers *layers;
	bool *ok;
	size_t n;
	bool down;		/* the engine stopped answering: wait for the next list */
};

static void
layers_run(struct fetch *f)
{
	struct layers_fetch *lf = (struct layers_fetch *)f;
	for (size_t i = 0; i < lf->n && !lf->down; i++) {
		char *err = NULL;
		int st = image_layers_fetch(f->engine, lf->ids[i], lf->sizes[i], &f->cancel, &lf->layers[i], &err);
		lf->ok[i] = st == ENGINE_OK;
		lf->down = st != ENGINE_OK && st != ENGINE_BAD_ANSWER;	/* a 404: the image went */
		free(err);
	}
}

static void
layers_apply(struct fetch *f, void *owner)
{
	struct layers_fetch *lf = (struct layers_fetch *)f;
	struct session *s = owner;
	for (size_t i = 0; i < lf->n; i++) {
		if (lf->ok[i]) {
			layer_index_put(s->layers, lf->ids[i], &lf->layers[i]);
		} else if (!lf->down) {
			/* Gone since the list, or not readable: known as not known, not asked again. */
			struct image_layers none = { 0 };
			layer_index_put(s->layers, lf->ids[i], &none);
		}
	}
	if (!lf->down)
		learn_next(s);
	else if (s->have_images)	/* the next list starts again */
		s->disk_unknown = layer_disk_use(s->layers, &s->images, &s->disk_use);
	s->notify(s->ctx, SESSION_LAYERS);
}

static void
layers_release(struct fetch *f)
{
	struct layers_fetch *lf = (struct layers_fetch *)f;
	for (size_t i = 0; i < lf->n; i++)
		image_layers_free(&lf->layers[i]);
	strv_free(lf->ids, lf->n);
	free(lf->sizes);
	free(lf->layers);
	free(lf->ok);
	free(lf);
}

static const struct fetch_ops layers_ops = { layers_run, layers_apply, layers_release };

/* Adds the images of list not known (nor in the batch) to the batch, up to LAYERS_BATCH. */
static void
batch_from(struct session *s, const struct image_list *list, struct layers_fetch *lf)
{
	for (size_t i = 0; i < list->nimages && lf->n < LAYERS_BATCH; i++) {
		const struct image *im = &list->images[i];
		if (layer_index_get(s->layers, im->id))
			continue;
		bool dup = false;
		for (size_t k = 0; k < lf->n && !dup; k++)
			dup = strcmp(lf->ids[k], im->id) == 0;
		if (dup)
			continue;
		lf->ids[lf->n] = xstrdup(im->id);
		lf->sizes[lf->n++] = im->size;
	}
}

/* Recounts the disk use and posts the next batch, if any (a batch in flight goes on). */
static void
learn_next(struct session *s)
{
	if (s->have_images)
		s->disk_unknown = layer_disk_use(s->layers, &s->images, &s->disk_use);
	if (fetch_busy(&s->layers_slot) || s->conn != CONN_UP)
		return;	/* its apply comes back here */
	struct layers_fetch *lf = xcalloc(1, sizeof(*lf));
	lf->ids = xcalloc(LAYERS_BATCH, sizeof(*lf->ids));
	lf->sizes = xcalloc(LAYERS_BATCH, sizeof(*lf->sizes));
	lf->layers = xcalloc(LAYERS_BATCH, sizeof(*lf->layers));
	lf->ok = xcalloc(LAYERS_BATCH, sizeof(*lf->ok));
	if (s->have_images && (s->images.nimages <= LAYERS_UNASKED_MAX || s->learn_all))
		batch_from(s, &s->images, lf);
	batch_from(s, &s->extra, lf);
	if (!lf->n) {
		layers_release(&lf->base);
		image_list_free(&s->extra);	/* all of it learned, or gone */
		return;
	}
	fetch_post(s->fx, &s->layers_slot, &lf->base, &layers_ops, s, s->engine);
}

const struct layer_index *session_layers(const struct session *s) { return s->layers; }

void
session_learn_layers(struct session *s, const struct image_list *extra)
{
	image_list_free(&s->extra);
	s->extra.images = xcalloc(extra->nimages ? extra->nimages : 1, sizeof(*s->extra.images));
	for (size_t i = 0; i < extra->nimages; i++) {
		s->extra.images[i].id = xstrdup(extra->images[i].id);
		s->extra.images[i].size = extra->images[i].size;
	}
	s->extra.nimages = extra->nimages;
	s->learn_all = true;
	learn_next(s);
}

size_t
session_disk_use(const struct session *s, int64_t *bytes)
{
	*bytes = s->disk_use;
	return s->have_images ? s->disk_unknown : 1;
}

/* ---- for live.c ----------------------------------------------------------------- */

struct image_list *session_images_rw(struct session *s) { return s->have_images ? &s->images : NULL; }
struct container_list *session_containers_rw(struct session *s) { return s->have_containers ? &s->containers : NULL; }
bool session_images_all(const struct session *s) { return s->all; }
struct fetcher *session_fetcher(struct session *s) { return s->fx; }

unsigned long
session_loads(const struct session *s, unsigned kind)
{
	return kind == VIEW_EV_IMAGE ? s->image_loads : s->container_loads;
}

bool
session_loading(const struct session *s, unsigned kind)
{
	if (kind == VIEW_EV_IMAGE)
		return fetch_busy(&s->images_slot);
	/* the first page, with the full list waiting for it, counts as reading the list */
	return fetch_busy(&s->containers_slot) || (s->containers_again && fetch_busy(&s->newest_slot));
}

void
session_lists_edited(struct session *s, unsigned what)
{
	if (what & SESSION_IMAGES)
		learn_next(s);
	s->notify(s->ctx, what);
}

void
session_reload(struct session *s, unsigned kinds)
{
	if (s->conn != CONN_UP)
		return;	/* the reconnection reads both */
	if (kinds & VIEW_EV_IMAGE)
		session_load_images(s, s->all);
	if (kinds & VIEW_EV_CONTAINER)
		session_load_containers(s);
}
