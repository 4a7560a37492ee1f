/* What the task files share (ui/tasks.c, ui/container_tasks.c): the tasks' state and the base
 * every job's task starts with. Not for views: they use ui/tasks.h. */
#ifndef BUDU_TASKS_INTERNAL_H
#define BUDU_TASKS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "containers.h"
#include "engine.h"
#include "fetch.h"
#include "images.h"
#include "joblist.h"
#include "prune.h"
#include "pull.h"
#include "push.h"
#include "tasks.h"

/* A pull job's progress model, owned by the UI thread. */
struct pull_slot {
	unsigned job_id;
	struct pull pull;
};

/* The lists the prune preview is computed from, read when P is pressed. */
struct prune_state {
	struct fetch_slot slot;
	struct image_list images;	/* /images/json?all=1 */
	struct container_list containers;
	enum prune_mode mode;
	int until_choice;		/* index into the until choices: 0 = none */
	struct prune_preview preview;
	struct dialog *dialog;		/* the app's, as the preview last filled it */
};

/* A push job's progress model, owned by the UI thread. */
struct push_slot {
	unsigned job_id;
	struct push push;
};

struct container_prune_state {
	struct fetch_slot slot;
	struct container_list containers;	/* /containers/json?all=1&size=1 */
	int until_choice;
};

struct tasks {
	struct app *app;
	struct worker *worker;
	struct joblist jobs;
	struct pull_slot *pulls;
	size_t npulls;
	struct push_slot *pushes;
	size_t npushes;
	struct prune_state prune;
	struct container_prune_state cprune;
	struct build_output **builds;	/* one reference each */
	size_t nbuilds;
	char *last_build;		/* what the last b was given */
};

/* What every task starts with: the job it reports to, and where to run. */
struct task_base {
	struct tasks *t;
	struct engine *engine;	/* a reference, dropped when the task is freed */
	unsigned id;
	struct cancel *cancel;	/* the job's: stable until the job is finished and cleared */
};

/* UI thread: a new job in the list, and the base of the task that runs it (an engine
 * reference included: task_base_free drops it). */
void task_base_init(struct tasks *t, struct task_base *b, enum job_kind kind, const char *target);
void task_base_free(struct task_base *b);
/* Worker thread: false when the job was cancelled before it ran; else tells the UI it runs. */
bool task_begin(const struct task_base *b);
/* UI thread: the job's outcome. error NULL means done (with result, which may be NULL). */
void task_finish(const struct task_base *b, bool cancelled, const char *error, const char *result);

/* A pull's progress rows for job_id (the Jobs panel draws them); UI thread. */
void tasks_add_pull_model(struct tasks *t, unsigned job_id);
/* Worker side of a pull stream: engine_stream(..., task_pull_line, base, ...) feeds the job's
 * pull model on the UI thread. */
bool task_pull_line(const char *line, size_t len, void *base);
/* Worker side: the X-Registry-Auth value for the registry of image (a name as the engine takes
 * it), from docker's config.json or its credential helper; NULL when not logged in there. Free
 * it with secret_free. */
char *task_registry_auth(const char *image);
/* The same for a registry named by its domain ("docker.io", "127.0.0.1:5000"). */
char *task_registry_auth_for(const char *server);
/* The registry of image as docker decides it: the name's first part when it is a host, else
 * "docker.io". Caller frees. */
char *task_registry_of(const char *image);
/* An error the engine passed on from a registry that wants a login (not a 403 "denied"). */
bool task_wants_login(const char *error);

#endif
