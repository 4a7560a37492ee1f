/* The session with one engine: the connection and its retries, the /events stream, and the
 * lists several views share (the image list, the containers behind the in-use column).
 *
 * It tells the app what changed through one callback: SESSION_* for its own lists and state,
 * VIEW_EV_* (debounced) for what the engine reported, which the app passes on to the views
 * that watch it. Threads: the UI thread; its reads run as fetches (ui/fetch.h). */
#ifndef BUDU_SESSION_H
#define BUDU_SESSION_H

#include <stdbool.h>

#include "containers.h"
#include "engine.h"
#include "fetch.h"
#include "images.h"

enum conn_state { CONN_CONNECTING, CONN_UP, CONN_DOWN };

/* What changed, beside the VIEW_EV_* bits of ui/view.h. */
enum {
	SESSION_IMAGES = 1 << 16,	/* session_images() is new */
	SESSION_CONTAINERS = 1 << 17,	/* session_containers() is new */
	SESSION_RECONNECTED = 1 << 18,	/* the engine answers again after being down */
	SESSION_LAYERS = 1 << 19,	/* more images' layers are known (session_layers) */
};

typedef void (*session_notify_fn)(void *ctx, unsigned what);

struct session;

/* Takes one reference of engine. */
struct session *session_new(struct engine *engine, struct fetcher *fx, session_notify_fn notify, void *ctx);
/* Cancels its fetches (the stream too) and frees it. */
void session_free(struct session *s);

struct engine *session_engine(const struct session *s);
enum conn_state session_conn(const struct session *s);
/* Why the engine is unreachable (CONN_DOWN), or NULL. */
const char *session_error(const struct session *s);
/* Seconds until the next try while down; 0 when none is planned. */
long long session_retry_in(const struct session *s);
const struct engine_info *session_info(const struct session *s);
/* While connected: why live refresh is off (the event stream was refused, closed or cut; the
 * lists stay), and in *retry_in the seconds until it is asked again (0: none planned); NULL
 * when the stream works. */
const char *session_events_off(const struct session *s, long long *retry_in);
/* The engine answered /_ping since it was last found down (a load may still run). */
bool session_answered(const struct session *s);

/* Reads /images/json (all: -a), connecting first when not connected; a load asked while one
 * runs runs again after it. */
void session_load_images(struct session *s, bool all);
/* R: reads it again now, connecting first when not connected; a load running (stalled, slow)
 * is cancelled. */
void session_reload_images(struct session *s, bool all);
void session_load_containers(struct session *s);
/* R: the shortest delays again (the reload itself is the view's); with live refresh off, the
 * event stream is asked again now. */
void session_retry_now(struct session *s);

/* The last lists read, or NULL before the first answer. Valid until the next SESSION_* note. */
const struct image_list *session_images(const struct session *s);
const struct container_list *session_containers(const struct session *s);
/* Before the first full image list: its first images (the engine's newest, as many as
 * session_set_first_screen asked, all older than any image still to come), for a first screen
 * while the rest of the body streams in; NULL once the list is there (or failed). SESSION_IMAGES
 * tells when it comes and when it goes. */
const struct image_list *session_images_head(const struct session *s);
/* How many images a first screen needs (its rows: each image is a row at least); 0: no head. */
void session_set_first_screen(struct session *s, size_t images);
/* Before the first full container list: the newest containers (the engine's first page, in
 * its order), for a first screen; NULL once the full list is there. Not for counts or "in use". */
const struct container_list *session_containers_newest(const struct session *s);
/* The terminal's height: the first page is two screens of it (50 to 100 containers). */
void session_set_screen_rows(struct session *s, int rows);

/* The layers of images (src/image_layers.h), learned in the background after each image list
 * (one or two small requests per image not known yet, in batches; a list of more than a
 * thousand images only once session_learn_layers was called) and kept for the session: an
 * ID's layers never change. SESSION_LAYERS tells when a batch is in. */
const struct layer_index *session_layers(const struct session *s);
/* Learn the layers of extra's images too (a list of its own: the prune preview's, with
 * intermediate images); its IDs are copied. */
void session_learn_layers(struct session *s, const struct image_list *extra);
/* The images' disk use, every layer once (`docker system df`'s SIZE), over the last list.
 * Returns how many images are not known yet: 0 when *bytes is exact, else a lower bound. */
size_t session_disk_use(const struct session *s, int64_t *bytes);

/* Timers (retries, debounced events): ms until the next one, -1 for none; run the due ones. */
int session_timeout(const struct session *s);
void session_run_timers(struct session *s);

long long now_ms(void);

#endif
