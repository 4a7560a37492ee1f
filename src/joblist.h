/* The session's jobs (pull, tag, remove, prune) as the Jobs panel lists them.
 *
 * Thread model: a joblist belongs to the UI thread, which alone adds, reads, changes and frees
 * jobs. A worker gets its own copy of what it needs plus a pointer to its job's `cancel`, the
 * one field another thread may touch (through the engine and cancel_request); it reports with
 * worker_send() / its done callback, which run on the UI thread and call joblist_set_*().
 *
 * A struct job stays at the same address until joblist_clear_finished() or joblist_free()
 * removes it, so a worker may hold &job->cancel while the job is unfinished. The UI sets a
 * finished state (done, failed, cancelled) only once the worker has returned (from the done
 * callback): from then on nothing else uses the job, and clearing it is safe. */
#ifndef BUDU_JOBLIST_H
#define BUDU_JOBLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"

enum job_kind {
	JOB_PULL,
	JOB_TAG,
	JOB_REMOVE,
	JOB_PRUNE,
	JOB_CONTAINER,		/* start, stop, restart, kill, pause, unpause, rename, remove */
	JOB_RUN,		/* create and start a container from an image */
	JOB_COMMIT,
	JOB_CONTAINER_PRUNE,
	JOB_PUSH,
	JOB_SAVE,		/* images into an archive file */
	JOB_LOAD,		/* an archive file into the engine */
	JOB_IMPORT,		/* a root file system (tarball or directory) into an image */
	JOB_BUILD,		/* a Dockerfile and its context into an image */
	JOB_KIND_COUNT
};

enum job_state {
	JOB_QUEUED,	/* posted, no worker has started it */
	JOB_RUNNING,
	JOB_DONE,	/* finished states from here on */
	JOB_FAILED,
	JOB_CANCELLED,
	JOB_STATE_COUNT
};

struct job {
	unsigned id;		/* 1, 2, 3... in order of addition; never reused in a session */
	enum job_kind kind;
	char *target;		/* "bb:1.0", "3 images", "dangling images" */
	char *engine;		/* the engine it runs on, as the title bar names it; "" when not said */
	enum job_state state;
	int64_t queued_ms;	/* monotonic milliseconds given by the caller */
	int64_t started_ms;	/* 0 until running */
	int64_t ended_ms;	/* 0 until finished */
	int percent;		/* 0..100, -1 when unknown */
	char *progress;		/* one line: "Downloading 3 of 5 layers"; "" when none */
	char *result;		/* lines separated by '\n' ("Untagged: bb:1.0\nDeleted: sha256:..."); "" when none */
	char *error;		/* the failure as the user reads it; "" when none */
	bool cancel_requested;	/* joblist_cancel was called: the UI may say "cancelling..." */
	struct cancel cancel;	/* for the worker's engine requests */
};

struct joblist {
	struct job **jobs;	/* in order of addition (oldest first) */
	size_t njobs;
	size_t cap;
	unsigned next_id;
};

void joblist_init(struct joblist *jl);
/* Frees every job. No worker may still hold a job's cancel (shut the worker pool down first). */
void joblist_free(struct joblist *jl);

/* A new queued job; target is copied (NULL is ""). Returns its id (never 0). */
unsigned joblist_add(struct joblist *jl, enum job_kind kind, const char *target, int64_t now_ms);
/* The job with this id, or NULL when there is none (any more). */
struct job *joblist_find(struct joblist *jl, unsigned id);

/* Moves a job on: RUNNING stamps started_ms; a finished state stamps ended_ms (and started_ms
 * if it never ran) and sets percent to 100 for DONE. A finished job never changes state again,
 * nor goes back to QUEUED: returns false then, or for an unknown id. */
bool joblist_set_state(struct joblist *jl, unsigned id, enum job_state state, int64_t now_ms);
/* percent is clamped to -1..100; summary NULL keeps the current line. */
bool joblist_set_progress(struct joblist *jl, unsigned id, int percent, const char *summary);
/* Replaces the result text (NULL is ""). */
bool joblist_set_result(struct joblist *jl, unsigned id, const char *result);
/* Appends one line to the result text (a '\n' goes between lines). */
bool joblist_append_result(struct joblist *jl, unsigned id, const char *line);
bool joblist_set_error(struct joblist *jl, unsigned id, const char *error);
/* Asks the job's requests to stop (cancel_request). The state does not change here: the worker
 * reports ENGINE_CANCELLED and the done callback sets JOB_CANCELLED. A worker should check
 * cancel.cancelled before it starts, so that a queued job cancelled in time never runs.
 * Returns false when the job is unknown or finished. */
bool joblist_cancel(struct joblist *jl, unsigned id);

/* Drops every finished job; returns how many went. */
size_t joblist_clear_finished(struct joblist *jl);

bool job_is_finished(const struct job *job);
/* Time since the job started (or was queued, while queued), up to its end. */
int64_t job_elapsed_ms(const struct job *job, int64_t now_ms);

/* How many jobs are unfinished (queued or running). *percent (may be NULL) gets their mean
 * percent, a queued job counting 0 and a running job of unknown percent not counting;
 * -1 when no unfinished job counts. */
size_t joblist_count_running(const struct joblist *jl, int *percent);
/* The status line's words: "2 jobs running, 45%", "1 job running" (no percent known);
 * NULL when no job is unfinished. Translated; the caller frees. */
char *joblist_status(const struct joblist *jl);

/* Translated names: "pull", "tag", "remove", "prune"; "queued", "running", "done", "failed",
 * "cancelled". */
const char *job_kind_name(enum job_kind kind);
const char *job_state_name(enum job_state state);

#endif
