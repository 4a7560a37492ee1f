/* The jobs a user starts: pull, tag, remove and prune. Each runs on the tasks' own worker
 * threads (never behind a list load), against the engine the session had when it started (a
 * reference, so switching hosts leaves it running); progress and results come back to the UI
 * thread into the joblist the Jobs panel shows. Threads: the UI thread, but the runs. */
#ifndef BUDU_TASKS_H
#define BUDU_TASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "build.h"
#include "container_ops.h"
#include "dialog.h"
#include "joblist.h"
#include "pull.h"
#include "remove.h"
#include "run_args.h"

struct app;
struct tasks;

struct tasks *tasks_new(struct app *app, int nthreads);
/* Cancels every running job (quitting): their requests end at once. */
void tasks_stop(struct tasks *t);
/* Joins the threads and frees the jobs. */
void tasks_free(struct tasks *t);
int tasks_wake_fd(const struct tasks *t);
void tasks_deliver(struct tasks *t);

struct joblist *tasks_jobs(struct tasks *t);
size_t tasks_running(struct tasks *t);
/* The pull model of a job, or NULL. */
const struct pull *tasks_pull_model(const struct tasks *t, unsigned job_id);
/* The push model of a job, or NULL. */
const struct push *tasks_push_model(const struct tasks *t, unsigned job_id);
/* c in the Jobs panel: drops finished jobs; returns how many. */
size_t tasks_clear_finished(struct tasks *t);

/* Each checks its input first: false with a translated *err (the prompt stays to mend it). */
bool task_pull(struct tasks *t, const char *input, char **err);
bool task_tag(struct tasks *t, const char *image_id, const char *input, char **err);
/* Removes what plan says (docker image rm, one reference at a time). */
void task_remove(struct tasks *t, const struct remove_plan *plan, bool force, bool noprune);
/* The lines of a removal's confirmation: the command, then what goes and who uses it. */
void tasks_describe_removal(const struct remove_plan *plan, struct dialog *d);
/* P: reads what a prune would remove, then asks with the exact preview. */
void task_prune_preview(struct tasks *t);
/* More images' layers are known (SESSION_LAYERS): an open prune preview counts again. */
void tasks_layers_learned(struct tasks *t);

/* Pushes ref (a tag, or with all_tags every tag of the repository), with the login saved for
 * its registry; false with *err when ref cannot be pushed. */
bool task_push(struct tasks *t, const char *ref, bool all_tags, char **err);
/* docker tag image_id ref, then docker image push ref, in one job (the push waits for the tag):
 * the offer of a Docker Hub name with the user's prefix. */
bool task_tag_push(struct tasks *t, const char *image_id, const char *ref, char **err);

/* ui/container_tasks.c. id: the full ID; name: a copy is taken (the list may go meanwhile). */
void task_container_op(struct tasks *t, enum container_op op, const char *id, const char *name,
		       const struct container_op_args *args);
/* What people type after `docker run`, checked first (false with *err); then create, pull when
 * the image is missing, start; the new container is selected in the Containers panel. */
bool task_run(struct tasks *t, const char *input, char **err);
/* What people type after `docker commit CONTAINER` (-m, -a, -c lines, --pause, repo:tag),
 * checked first (false with *err); the new image shows in the Images panel by its events. */
bool task_commit(struct tasks *t, const char *id, const char *name, const char *input, char **err);
/* The Containers panel's P: the exact preview of docker container prune, then it. */
void task_container_prune_preview(struct tasks *t);
/* The Disk usage panel's docker builder prune [-a], once its preview was agreed to: the space
 * reclaimed goes to the Jobs panel, and that panel reads the usage again. */
void task_builder_prune(struct tasks *t, bool all);

/* ui/archive_tasks.c. Saves images (references or IDs) into path, compressed as its name says;
 * overwrite: the user agreed to replace the file. expected: their sizes, for the progress. */
void task_save(struct tasks *t, char *const *names, size_t n, const char *path, bool overwrite,
	       int64_t expected);
/* Loads an archive file (docker load -i); the images loaded are selected in the Images panel. */
void task_load(struct tasks *t, const char *path);
/* What people type after `docker import`: -c CHANGE (repeated), -m MESSAGE, a tarball or a
 * directory, then REPOSITORY[:TAG]; checked first (false with *err). */
bool task_import(struct tasks *t, const char *input, char **err);

/* ui/build_tasks.c. A build's log, shared by its job and the views that show it: UI thread,
 * reference counted (the job holds one until it is cleared from the Jobs panel). */
struct build_output {
	int refs;
	unsigned job_id;
	struct build_log log;
	char *command;		/* "docker build -t app:1 ." as typed */
	char *context;		/* the context directory, resolved */
	struct build_job *job;	/* while it runs, for its live counters; else NULL */
	struct build_context_stats stats;	/* what was sent, once it ended */
};
struct build_output *build_output_ref(struct build_output *o);
void build_output_unref(struct build_output *o);
/* Files and bytes of the context sent so far. */
void build_output_stats(const struct build_output *o, struct build_context_stats *out);
/* The build output of a job, or NULL. */
struct build_output *tasks_build_output(const struct tasks *t, unsigned job_id);
/* What people type after `docker build` (-t, -f, --build-arg, --target, --no-cache, --pull,
 * the context), checked and resolved first (false with *err); the build log view opens. */
bool task_build(struct tasks *t, const char *input, char **err);
/* The words of the last build started, or "." before any. */
const char *task_build_last(const struct tasks *t);

#endif
