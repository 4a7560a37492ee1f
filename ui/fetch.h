/* One way to read from the engine or a registry in the background.
 *
 * The owner (a view, the session) keeps a struct fetch_slot per kind of answer it waits for.
 * fetch_post() puts a fetch in a slot, cancelling and disowning what the slot held; a worker
 * thread runs it; back on the UI thread, apply() runs only if the slot still holds it, so an
 * answer never lands on a view that closed or moved on. Every fetch carries a cancel that
 * its run must pass to every request: fetch_cancel() (closing a view) and fetcher_stop()
 * (quitting) end requests in flight at once, whatever the engine does.
 *
 * Threads: everything here is for the UI thread, but run (worker), fetch_run_parts (from run) and
 * fetch_send (from run or its parts).
 * Ownership: the fetch is the fetcher's from fetch_post on; release() frees it, always, once. */
#ifndef BUDU_FETCH_H
#define BUDU_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

struct fetch;
struct fetcher;

struct fetch_slot {
	struct fetch *f;	/* the fetch in flight, or NULL */
};

struct fetch_ops {
	/* On a worker thread: do the requests, with &f->cancel, and keep the answer in f. */
	void (*run)(struct fetch *f);
	/* On the UI thread, only while wanted: hand the answer to owner (take what it keeps). */
	void (*apply)(struct fetch *f, void *owner);
	/* On the UI thread, always, last: free what is left of f, and f itself. */
	void (*release)(struct fetch *f);
};

/* Embed first in a fetch of your own and allocate it zeroed (xcalloc). */
struct fetch {
	const struct fetch_ops *ops;
	struct engine *engine;	/* a reference held until release, for run */
	struct cancel cancel;
	void *owner;
	struct fetch_slot *slot;	/* NULL once superseded, cancelled or stopped */
	struct fetcher *fx;
	struct fetch *prev, *next;	/* every fetch in flight, for fetcher_stop */
};

/* nthreads worker threads; long streams (events) hold one each, so size for them. */
struct fetcher *fetcher_new(int nthreads);
/* Cancels everything in flight, then joins the threads: call after fetcher_stop. */
void fetcher_free(struct fetcher *fx);
/* Cancels every fetch in flight, for quitting: the threads return promptly. */
void fetcher_stop(struct fetcher *fx);
int fetcher_wake_fd(const struct fetcher *fx);
/* Runs the apply and release of every finished fetch. */
void fetcher_deliver(struct fetcher *fx);

/* Posts f into slot for owner; engine may be NULL (a registry fetch needs none) and is
 * referenced, not taken. */
void fetch_post(struct fetcher *fx, struct fetch_slot *slot, struct fetch *f, const struct fetch_ops *ops,
		void *owner, struct engine *engine);
/* Cancels and disowns what slot holds: its apply will not run. */
void fetch_cancel(struct fetch_slot *slot);
bool fetch_busy(const struct fetch_slot *slot);

/* From run: calls fn(f, arg) on the UI thread before f's own apply, if f is still wanted then
 * (a stream's lines, a pull's progress). Then, wanted or not, drop(arg) releases it (NULL:
 * free(arg)). */
void fetch_send(struct fetch *f, void (*fn)(struct fetch *f, void *arg), void *arg, void (*drop)(void *arg));

/* One part of a fetch run beside others: i is its index, c its own cancel (pass it to every
 * request). */
typedef void (*fetch_part_fn)(struct fetch *f, size_t i, struct cancel *c, void *ctx);

/* From run: part(f, i, …) for every i below n, each on a thread of its own (checks of several
 * engines at once, or one long read beside a clock), and waits for them all. A cancel of f
 * reaches every part's requests (within 50 ms); a part whose thread could not start runs here
 * after the others. tick_ms > 0: meanwhile tick(f, NULL) runs on the UI thread every tick_ms
 * (a view that shows the time spent), and no more once every part is done. */
void fetch_run_parts(struct fetch *f, size_t n, fetch_part_fn part, void *ctx, int tick_ms,
		     void (*tick)(struct fetch *f, void *arg));

#endif
