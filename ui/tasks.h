/* The jobs a user starts: pull, tag, remove and prune. Each runs on the tasks' own worker
 * threads (never behind a list load), against the engine the session had when it started (a
 * reference, so switching hosts leaves it running); progress and results come back to the UI
 * thread into the joblist the Jobs panel shows. Threads: the UI thread, but the runs. */
#ifndef BUDU_TASKS_H
#define BUDU_TASKS_H

#include <stdbool.h>
#include <stddef.h>

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

/* Pushes ref (a tag, or with all_tags every tag of the repository), with the login saved for
 * its registry; false with *err when ref cannot be pushed. */
bool task_push(struct tasks *t, const char *ref, bool all_tags, char **err);

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

#endif
