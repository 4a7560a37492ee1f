/* The mouse, as tig, htop and lazydocker users expect it: a click selects a row, a
 * double-click opens it (Enter), the wheel scrolls (three rows a notch), a click on a column
 * header sorts by that column (again: reversed), a click on a crumb of the title bar goes back
 * to that view, one on a panel's tab there does what that panel's key does, a
 * click on a tab switches to it (the views' click ops). M turns it all off so that the
 * terminal's own selection works. UI thread only; ncurses tells clicks from
 * double-clicks (term_mouse). */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "app_private.h"

#define WHEEL_ROWS 3

/* The title bar: a panel's tab does what its key does (another panel shows, the current one
 * goes back to its root); a crumb goes back down the stack to its view. */
static void
click_title(struct app *app, int x)
{
	int p = frame_tab_at(app, x);
	if (p >= 0 && p != (int)app->current) {
		app_show_panel(app, (enum panel)p);
		return;
	}
	struct view *want = frame_crumb_at(app, x);
	if (p >= 0)
		for (want = app->top[app->current]; want->below; want = want->below)
			;
	bool in_stack = false;
	for (struct view *v = app->top[app->current]; v && !in_stack; v = v->below)
		in_stack = v == want;
	while (in_stack && app->top[app->current] != want)
		app_pop(app);
}

/* The generic rule for a list under a one-row header (view_ops.click). */
static void
click_list(struct app *app, struct view *v, int y, int x, int count)
{
	if (y == 0) {
		const char *column = v->ops->header_at ? v->ops->header_at(v, x) : NULL;
		if (column && v->ops->sort_by)
			v->ops->sort_by(v, column, -1);
		return;
	}
	struct list_pos *pos = v->ops->pos ? v->ops->pos(v) : NULL;
	if (!pos)
		return;
	size_t idx = pos->top + (size_t)(y - 1);
	if (idx >= pos->n)
		return;
	pos->cursor = idx;
	if (count > 1)
		app_key(app, '\r');
}

void
mouse_event(struct app *app)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || !app->mouse)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		/* the wheel: what the arrows do there (the help, a dialog and a pager too) */
		for (int i = 0; i < WHEEL_ROWS; i++)
			app_key(app, ev.bstate & BUTTON4_PRESSED ? KEY_UP : KEY_DOWN);
		return;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)))
		return;
	int count = ev.bstate & BUTTON1_DOUBLE_CLICKED ? 2 : 1;
	free(app->message);
	app->message = NULL;
	/* Overlays and prompts take keys, not clicks. */
	if (app->dialog.open || prompt_is_open(&app->prompt) || app->help)
		return;
	if (ev.y == 0) {
		click_title(app, ev.x);
		return;
	}
	struct view *v = app->top[app->current];
	int y = ev.y - app->body_y;
	if (app->body_hidden || y < 0 || ev.y >= LINES - 1)
		return;
	if (v->ops->click && v->ops->click(v, y, ev.x, count))
		return;
	click_list(app, v, y, ev.x, count);
}
