/* The app's state, shared by app.c (the loop, keys, services) and frame.c (the screen around
 * the views). Only the UI thread touches it; views see only ui/app.h. */
#ifndef BUDU_APP_PRIVATE_H
#define BUDU_APP_PRIVATE_H

#include <stdbool.h>

#include "app.h"
#include "dialog.h"
#include "fetch.h"
#include "panels.h"
#include "prompt.h"
#include "session.h"
#include "tasks.h"
#include "view.h"

struct app {
	struct session *session;
	struct fetcher *fx;		/* reads: lists, details, searches, the event stream */
	struct tasks *tasks;		/* pulls, tags, removals, prunes, on their own threads */
	const char *demo_note;
	const struct context_inputs *inputs;
	char *term_note;

	struct view *top[PANEL_COUNT];	/* each panel's stack, by its top view */
	enum panel current;
	enum panel history[16];		/* panels left by a switch, newest last: BACK returns there */
	int nhistory;

	struct prompt prompt;		/* the bottom-line editor, when open */
	struct dialog dialog;
	bool help;			/* the help overlay is up */
	bool body_hidden;		/* the view had nothing to draw (the engine's state is shown):
					 * its keys wait, for they would act on rows not on screen */
	int help_scroll;
	char *message;			/* one-line notice on the status bar until the next key */
	bool message_is_error;
	bool quit;
	bool mouse;			/* mouse reports on (M turns them off) */
	int body_y;			/* the screen row where the view's body starts */
	struct view *crumb_view[16];	/* the title bar's crumbs as last drawn: a click there */
	int crumb_x[16], crumb_w[16];	/* goes back to that view */
	int ncrumbs;
	int tab_x[PANEL_COUNT], tab_w[PANEL_COUNT];	/* the panels' names in the title bar as
							 * last drawn (width 0: not shown) */
	long long wake_ms;		/* the earliest wake-up the frame on screen asked for, in the
					 * realtime clock's ms; LLONG_MAX: none */
};

/* frame.c */
void frame_draw(struct app *app);
/* The view whose crumb is at column x of the title bar, or NULL. */
struct view *frame_crumb_at(struct app *app, int x);
/* The panel whose tab (its key, and name) is at column x of the title bar, or -1. */
int frame_tab_at(struct app *app, int x);
/* mouse.c */
void mouse_event(struct app *app);
/* app.c, for mouse.c: a key as typed. */
void app_key(struct app *app, int key);

#endif
