/* A container's STATUS follows the clock. The engine renders "Up 5 minutes" or "Exited (0) 2
 * hours ago" when it answers, and the list is read again only on events: these find the time
 * the text counts from (the earliest the engine's rounding allows, so the text is the engine's
 * when read) and render it again later, as docker ps would then print it. Pure; no curses. */
#ifndef BUDU_CONTAINER_STATUS_H
#define BUDU_CONTAINER_STATUS_H

#include <stddef.h>
#include <stdint.h>

/* The time status (as the engine rendered it at `answered`, Unix seconds) counts from, in
 * *since; 0 when it holds no duration docker's HumanDuration writes ("Created", "Dead"). */
int container_status_since(const char *status, int64_t answered, int64_t *since);
/* status rendered again at `now` into buf; returns buf, or status itself when it holds no
 * duration. *next (may be NULL) gets the time the text changes next (INT64_MAX: never). */
const char *container_status_at(const char *status, int64_t answered, int64_t now, char *buf, size_t n,
				int64_t *next);

#endif
