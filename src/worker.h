/* Background work and its hand-back to the UI thread.
 *
 * The UI thread posts jobs; worker threads run them; when a job ends its result is queued and
 * the wake fd becomes readable. The UI thread poll()s that fd beside the keyboard and calls
 * worker_deliver(), which runs each job's `done` callback on the UI thread. Workers never
 * touch the UI: `run` only computes, `done` only applies. A thread that runs out of jobs closes
 * the HTTP connection its jobs kept open (http_thread_release). */
#ifndef BUDU_WORKER_H
#define BUDU_WORKER_H

#include <stdbool.h>

struct worker;

/* Runs on a worker thread; returns the result handed to done (may be NULL). */
typedef void *(*job_run_fn)(void *arg);
/* Runs on the UI thread inside worker_deliver(). Owns arg and result. When the pool is shut
 * down before the job ran or was delivered, done still runs (from worker_free) with
 * cancelled = true, so memory is always released in one place. */
typedef void (*job_done_fn)(void *arg, void *result, bool cancelled);

/* nthreads >= 1. Long-lived jobs (an event stream) hold a thread, so size for them. */
struct worker *worker_new(int nthreads);
/* Stops threads after their current job (cancel long jobs first); every undelivered result and
 * every job that never ran gets done(cancelled = true), to release memory only. */
void worker_free(struct worker *w);

void worker_post(struct worker *w, job_run_fn run, job_done_fn done, void *arg);

/* Readable when results wait; never blocks. */
int worker_wake_fd(const struct worker *w);
/* Drains the wake fd and runs every pending done callback. Returns how many ran. */
int worker_deliver(struct worker *w);

/* From a worker thread: runs done(arg, NULL, false) on the UI thread at the next delivery.
 * This is how a long job (an event stream) reports as it goes. */
void worker_send(struct worker *w, job_done_fn done, void *arg);

/* Wakes the UI loop from any thread without a result (e.g. a signal handler could not). */
void worker_wake(struct worker *w);

/* True once worker_free has begun: long jobs check it to return early. */
bool worker_stopping(const struct worker *w);

#endif
