/* The app's state, shared by its parts: app.c (the loop and keys), app_jobs.c (engine work on
 * the worker pool, and timers), app_draw.c (the screen). Only the UI thread touches it. */
#ifndef BUDU_APP_PRIVATE_H
#define BUDU_APP_PRIVATE_H

#include <stdbool.h>

#include "app.h"
#include "details_view.h"
#include "dialog.h"
#include "joblist.h"
#include "jobs_view.h"
#include "prune.h"
#include "pull.h"
#include "search_view.h"
#include "engine.h"
#include "images_view.h"
#include "keymap.h"
#include "prompt.h"
#include "worker.h"

enum conn_state { CONN_CONNECTING, CONN_UP, CONN_DOWN };

struct load_job;
struct events_job;
struct details_job;
struct search_fetch;

/* What a confirmation dialog does on y. */
enum dialog_kind { DIALOG_REMOVE = 1, DIALOG_PRUNE, DIALOG_QUIT, DIALOG_INFO };

/* A pull job's progress model, owned by the UI thread. */
struct pull_slot {
	unsigned job_id;
	struct pull pull;
};

/* The lists the prune preview is computed from, fetched when P is pressed. */
struct prune_state {
	bool loading;
	struct image_list images;	/* /images/json?all=1 */
	struct container_list containers;
	enum prune_mode mode;
	int until_choice;		/* index into the until choices: 0 = none */
	struct prune_preview preview;
};

struct app {
	struct engine *engine;
	struct worker *worker;
	const char *demo_note;
	char *term_note;

	enum conn_state conn;
	char *conn_error;		/* why the engine is unreachable, shown in the panel */
	struct engine_info info;
	int retry_ms;			/* the next reconnect delay */
	long long retry_at;		/* monotonic ms; 0 = none */
	long long reload_at;		/* debounced reload after image events; 0 = none */
	long long containers_at;	/* debounced reload after container events; 0 = none */
	bool containers_running;

	unsigned load_gen;		/* results of older loads are dropped */
	bool load_running;
	bool load_again;		/* a reload was asked while one ran */
	struct load_job *load;		/* the load in flight, to cancel on quit */
	struct events_job *events;	/* the event stream, while it runs */
	struct details_job *details_load;	/* the details fetch in flight */

	struct worker *job_worker;	/* pulls, tags, removals, prunes: never behind a list load */
	struct joblist jobs;
	struct jobs_view *jobs_view;
	bool show_jobs;			/* the Jobs panel is up */
	struct pull_slot *pulls;
	size_t npulls;
	struct dialog dialog;
	struct prune_state prune;

	struct search_view *search_view;
	bool show_search;		/* the Search panel is up (the Jobs panel goes over it) */
	unsigned search_gen;		/* results of older fetches are dropped */
	struct search_fetch *search_fetch;	/* the fetch in flight, to cancel */

	struct images_view *images;
	struct details_view *details;	/* the Details view over the list, or NULL */
	struct prompt prompt;		/* the bottom-line editor, when open */
	char *last_search;		/* for n and N */
	bool help;			/* the help overlay is up */
	int help_scroll;
	char *message;			/* one-line notice on the status bar until the next key */
	bool message_is_error;
	bool quit;
};

/* The one app: worker callbacks have no other way to reach it. */
extern struct app *the_app;

long long now_ms(void);
void app_message(struct app *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* app_jobs.c */
void load_start(struct app *app);
void details_start(struct app *app);
void run_timers(struct app *app);
int poll_timeout(struct app *app);
void shutdown_jobs(struct app *app);

/* app_tasks.c: jobs the user starts */
void task_pull(struct app *app, const char *input, char **err);
void task_tag(struct app *app, const char *input, char **err);
void task_remove_confirm(struct app *app);
void task_prune_start(struct app *app);
void task_dialog_changed(struct app *app);
void task_dialog_yes(struct app *app);
const struct pull *task_pull_model(unsigned job_id, void *ctx);
void tasks_free(struct app *app);
void tasks_forget_cleared(struct app *app);

/* app_search.c */
void search_run(struct app *app, const char *input, char **err);
void search_refilter(struct app *app, const char *input, char **err);
void search_open_repo(struct app *app, const char *name, char **err);
void search_open_selected(struct app *app);
void search_cancel(struct app *app);

/* app_draw.c */
void draw_screen(struct app *app);
const struct keymap_chain *app_chain(const struct app *app);
int app_list_rows(const struct app *app);

#endif
