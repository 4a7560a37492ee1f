/* The session's image and container lists kept current from its /events stream (issue 16).
 *
 * An event names what changed: a tag, pull, push, load, import or untag names an image, which
 * is read alone (GET /images/{id}/json) and put in its place in the list; a delete drops the
 * image with no request; a container's event reads that container's row (GET /containers/json
 * ?all=1&filters={"id":[...]}) or drops it (destroy). Events that come together (100 ms) make
 * one batch, and what one image or container went through ends in one request, or none. The
 * full list is read again only when events may have been lost (a line that does not parse, an
 * event whose effect is not known, a prune, a failed read), and then at most once every
 * LIVE_RELOAD_MIN_MS per list. While a full list is being read the edits wait for it (the list
 * may be older than them); an edit read while a full list was asked for is read again after.
 *
 * Threads: live_event_parse on the stream's worker; the rest on the UI thread (the reads run as
 * fetches, ui/fetch.h). The session owns the struct live; session.c provides the hooks below. */
#ifndef BUDU_LIVE_H
#define BUDU_LIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "containers.h"
#include "images.h"

#define LIVE_RELOAD_MIN_MS 3000

struct session;
struct live;

/* One line of /events, read for what it does to the lists (src/event.h parses it). */
struct live_event;
/* On the stream's worker. Never NULL: a line that does not parse asks for both lists. */
struct live_event *live_event_parse(const char *line, size_t len);
/* The VIEW_EV_* bits of the event, for the views that watch them. */
unsigned live_event_kinds(const struct live_event *ev);
void live_event_free(void *ev);

struct live *live_new(struct session *s);
void live_free(struct live *l);
/* An event from the stream. */
void live_take(struct live *l, const struct live_event *ev);
/* Events of kinds may have gone unheard (the stream restarted): their full lists again, at
 * most once every LIVE_RELOAD_MIN_MS. */
void live_lost(struct live *l, unsigned kinds);
/* A full list (VIEW_EV_IMAGE, VIEW_EV_CONTAINER) landed, or failed: waiting edits may go. */
void live_loaded(struct live *l, unsigned kinds);
/* Monotonic ms of the next timer, 0 for none; then run the due ones. */
long long live_next(const struct live *l);
void live_run_timers(struct live *l);

/* ---- what session.c provides for live.c ---- */
/* The session's lists to edit in place (list_patch.h), NULL before the first one. */
struct image_list *session_images_rw(struct session *s);
struct container_list *session_containers_rw(struct session *s);
bool session_images_all(const struct session *s);
/* How many full reads of the list (VIEW_EV_IMAGE or VIEW_EV_CONTAINER) were asked so far, and
 * whether one runs. */
unsigned long session_loads(const struct session *s, unsigned kind);
bool session_loading(const struct session *s, unsigned kind);
/* The lists were edited (SESSION_IMAGES, SESSION_CONTAINERS): tell the views. */
void session_lists_edited(struct session *s, unsigned what);
/* Read the lists of kinds again, in full. */
void session_reload(struct session *s, unsigned kinds);
struct fetcher *session_fetcher(struct session *s);

#endif
