/* The terminal handed over to a process in a container (ui/handover.c). UI thread; it blocks
 * it on purpose, for as long as the user is in the container. */
#ifndef BUDU_HANDOVER_H
#define BUDU_HANDOVER_H

#include <stdbool.h>

struct hijack;

/* Tells the engine the new window size (exec or container resize). */
typedef void (*handover_resize_fn)(void *ctx, int rows, int cols);

/* Suspends curses, prints banner (the detach keys), runs the session until the stream ends,
 * then brings curses back. tty: the stream is raw (else stdcopy frames, demultiplexed). */
void handover_run(struct hijack *h, bool tty, const char *banner, handover_resize_fn resize, void *ctx);

#endif
