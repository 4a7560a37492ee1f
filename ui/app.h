/* The application: one UI thread that owns curses and every view, fetchers for the engine, and
 * a loop that sleeps in poll() on the keyboard and the workers' wake fds.
 *
 * Below app_run are the services a view calls. All of them are for the UI thread only. */
#ifndef BUDU_APP_H
#define BUDU_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "dialog.h"
#include "engine.h"
#include "fetch.h"
#include "keymap.h"
#include "panels.h"
#include "prompt.h"

struct app;
struct view;
struct session;
struct tasks;

struct context_inputs;
struct config;

struct app_options {
	struct engine *engine;	/* owned by the app from app_run on */
	const struct context_inputs *inputs;	/* how the engine was chosen (-H, -c, the environment),
						 * for the Hosts panel; outlives app_run */
	const char *demo_note;	/* shown in the title bar when set (the README's demo engine) */
	struct config *config;	/* the config file, applied (ui/config_apply.h): its colours and
				 * its mistakes are for the screen; NULL: none */
};

/* Runs until the user quits; returns the process exit status. */
int app_run(struct app_options *opt);

/* The first key that reaches req in the view on screen, named ("R"); the request's name when
 * none: for a sentence that names the key. */
void app_key_word(struct app *app, enum request req, char *buf, size_t n);

/* A one-line notice on the status line until the next key. */
void app_message(struct app *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* From now on every panel shows engine (the reference is taken): the session restarts on it and
 * every panel but Jobs and the one on screen is made anew, to load when shown. Jobs running
 * finish on the engine they started on (each holds its own reference). */
void app_switch_engine(struct app *app, struct engine *engine);
const struct context_inputs *app_inputs(struct app *app);

/* Puts v on top of the current panel's stack and refreshes it (VIEW_REFRESH_OPEN). */
void app_push(struct app *app, struct view *v);
/* Closes the view on top of the current panel, as BACK does there (a view that is done: the
 * wasted-space list after Enter). Not at a panel's root. */
void app_pop(struct app *app);
/* Shows panel p with its stack as it was. */
void app_show_panel(struct app *app, enum panel p);
/* Shows panel p at its root, narrowed by its focus op to what belongs to id (named label). */
void app_jump(struct app *app, enum panel p, const char *id, const char *label);
/* The root view of panel p (the Images list for the tasks that act on its marks). */
struct view *app_panel_root(struct app *app, enum panel p);

struct session *app_session(struct app *app);
struct tasks *app_tasks(struct app *app);
/* Posts a fetch for v into its slot i (ui/fetch.h), against the session's engine. */
void app_fetch(struct view *v, int slot, struct fetch *f, const struct fetch_ops *ops);
/* The same, for owners that are not views (the prune preview). */
struct fetcher *app_fetcher(struct app *app);

/* A dialog or the prompt is open: what a background result wants to ask waits or becomes a
 * message, it never replaces what the user is answering. */
bool app_modal_open(const struct app *app);
/* Opens the bottom-line prompt; see ui/prompt.h for the callbacks. */
void app_prompt(struct app *app, const char *label, const char *initial, const struct prompt_ops *ops, void *ctx);
/* Makes the open prompt secret (a password): nothing of it drawn, wiped on close. */
void app_prompt_secret(struct app *app);
/* Tab in the open prompt completes local image references (pull, tag, run); the prompt's ctx
 * must be the view that opened it. */
void app_prompt_complete_images(struct app *app);
/* Opens a confirmation (ui/dialog.h) and returns it to fill with lines and switches. */
struct dialog *app_confirm(struct app *app, const char *title, const struct dialog_ops *ops, void *ctx);
/* Puts text on the clipboard through OSC 52 and says so; takes text (NULL: nothing to copy).
 * what names it in the notice ("image ID"). */
void app_copy(struct app *app, char *text, const char *what);
/* Y in a list: the row as docker prints it, cells[0..n) (n <= 32) each padded to its column's
 * width (widths as the table lays them out; NULL: the cells' own), the last as it is. */
void app_copy_row(struct app *app, const char *const *cells, const int *widths, int n, const char *what);
/* Draw again at Unix time `when`: an age on screen reads differently then (format_created_next).
 * Views call it as they draw; the loop sleeps until the earliest call of the last frame, so an
 * idle screen wakes only when something on it changes. */
void app_wake_at(struct app *app, int64_t when);
/* The same in ms from now, for a clock of the view's own (a running job's ELAPSED). */
void app_wake_in(struct app *app, long long ms);
/* Mouse reports on or off (M; the config file's "mouse"). Off, the terminal's own selection
 * works. Returns false when the terminal has no mouse. */
bool app_set_mouse(struct app *app, bool on);
/* Sorts panel p's root view by the column titled column (the config file's default sort);
 * reverse as view_ops.sort_by takes it. false: that panel does not sort by such a column. */
bool app_set_sort(struct app *app, enum panel p, const char *column, int reverse);
/* Rows of the body on screen: the page for PgUp and PgDn. */
int app_page(const struct app *app);

#endif
