/* The screen around the views: the title bar with the breadcrumb of the panel's stack, the
 * body (the view, or the engine's state when it has nothing to show), the status line, and the
 * overlays (dialog, help). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_private.h"
#include "draw.h"
#include "help.h"
#include "i18n.h"
#include "joblist.h"
#include "sanitize.h"
#include "strbuf.h"

#define CRUMB " \xe2\x80\xba "	/* › */

/* The title bar: " budu @ <context>  ", the crumbs of the panel's stack, then the panels as
 * tabs, the current one highlighted: each its key and name (" 2 Search "), or only its key
 * (" 2 ", then "2" one blank apart) where the width is short, or none where even that is; the
 * right part (the docker command, or the keys' hints) right-aligned. The keys are the bound
 * ones: a click on a tab does what its key does. */
enum tabs_form { TABS_NONE, TABS_TIGHT, TABS_KEYS, TABS_NAMES };

struct title {
	char left[400];			/* " budu @ default  Images › demo/app:1" */
	int crumb_x[16], crumb_w[16];	/* the crumbs' columns */
	struct view *crumb_view[16];
	int ncrumbs;
	char key[PANEL_COUNT][32];	/* each panel's key, named; "" unbound */
	char right[256];		/* the top view's docker command, or its hints */
};

static const char *const panel_names[PANEL_COUNT] = {
#define PANEL_NAME(id, digit, letter, make, name, help) name,
	PANEL_LIST(PANEL_NAME)
#undef PANEL_NAME
};

/* Panel p's tab in form f: " 2 Search ", " 2 ", "2"; a panel without a key shows its name,
 * or nothing with keys only. */
static void
tab_text(const struct title *t, enum panel p, enum tabs_form f, char *buf, size_t n)
{
	buf[0] = '\0';
	if (f == TABS_NAMES)
		snprintf(buf, n, " %s%s%s ", t->key[p], t->key[p][0] ? " " : "", _(panel_names[p]));
	else if (f != TABS_NONE && t->key[p][0])
		snprintf(buf, n, f == TABS_KEYS ? " %s " : "%s", t->key[p]);
}

/* The columns the left part and the tabs in form f take; records where each tab goes when x
 * is given (width 0: not shown). */
static int
tabs_layout(const struct title *t, enum tabs_form f, int *x, int *w)
{
	int col = text_width(t->left);
	if (f != TABS_NONE)
		col += 2;
	bool first = true;
	for (int p = 0; p < PANEL_COUNT; p++) {
		char text[128];
		tab_text(t, (enum panel)p, f, text, sizeof(text));
		int width = text_width(text);
		if (f == TABS_TIGHT && width && !first)
			col++;
		first = first && !width;
		if (x) {
			x[p] = col;
			w[p] = width;
		}
		col += width;
	}
	return col;
}

static void
title_read(struct app *app, struct title *t)
{
	struct view *top = app->top[app->current];
	/* The stack from its root: names below, the top view's own title. */
	struct view *chain[16];
	int n = 0;
	for (struct view *v = top; v && n < 16; v = v->below)
		chain[n++] = v;
	struct strbuf left = STRBUF_INIT;
	/* which engine, always: the context's name (docker context ls), else the address */
	const struct host *h = engine_host(session_engine(app->session));
	char *where = host_label(h);
	/* and what it is, when that is not Docker */
	const struct engine_info *info = session_info(app->session);
	sb_printf(&left, " budu @ %s%s%s  ", where, info->podman ? " · " : "", info->podman ? info->product : "");
	free(where);
	t->ncrumbs = 0;
	for (int i = n - 1; i >= 0; i--) {
		char crumb[256];
		if (i == 0 && chain[i]->ops->title)
			chain[i]->ops->title(chain[i], crumb, sizeof(crumb));
		else
			snprintf(crumb, sizeof(crumb), "%s", _(chain[i]->ops->name));
		sb_printf(&left, "%s", i == n - 1 ? "" : CRUMB);
		t->crumb_view[t->ncrumbs] = chain[i];
		t->crumb_x[t->ncrumbs] = text_width(left.buf);
		sb_printf(&left, "%s", crumb);
		t->crumb_w[t->ncrumbs] = text_width(left.buf) - t->crumb_x[t->ncrumbs];
		t->ncrumbs++;
	}
	snprintf(t->left, sizeof(t->left), "%s", left.buf);
	sb_free(&left);
	for (int p = 0; p < PANEL_COUNT; p++)
		view_request_key(top, (enum request)(REQ_PANEL + p), t->key[p], sizeof(t->key[p]));
	t->right[0] = '\0';
	if (top->ops->describe)
		top->ops->describe(top, t->right, sizeof(t->right));
	else
		view_hints(top, t->right, sizeof(t->right));
	if (t->right[0])
		strncat(t->right, " ", sizeof(t->right) - strlen(t->right) - 1);
	if (app->demo_note) {
		char note[sizeof(t->right)];
		snprintf(note, sizeof(note), "%s", t->right);
		snprintf(t->right, sizeof(t->right), "[%.100s]  %.120s", app->demo_note, note);
	}
}

/* The most that fits, the right part before the tabs: names and the right part, keys and it
 * (wide, then tight), it alone; without it (none, or too wide): names, keys, neither. */
static enum tabs_form
title_form(const struct title *t, int cols, int rw, bool *right)
{
	*right = rw > 0;
	if (rw) {
		for (int f = TABS_NAMES; f >= TABS_NONE; f--)
			if (tabs_layout(t, (enum tabs_form)f, NULL, NULL) + 2 + rw < cols)
				return (enum tabs_form)f;
		*right = false;
	}
	for (int f = TABS_NAMES; f > TABS_NONE; f--)
		if (tabs_layout(t, (enum tabs_form)f, NULL, NULL) <= cols)
			return (enum tabs_form)f;
	return TABS_NONE;
}

static void
draw_title(struct app *app, int cols)
{
	struct title t;
	title_read(app, &t);
	int rw = text_width(t.right);
	bool show_right;
	enum tabs_form form = title_form(&t, cols, rw, &show_right);
	int x[PANEL_COUNT], w[PANEL_COUNT];
	tabs_layout(&t, form, x, w);
	draw_text(stdscr, 0, 0, t.left, cols, draw_attr(ROLE_TITLE));
	for (int p = 0; p < PANEL_COUNT; p++) {
		char text[128];
		tab_text(&t, (enum panel)p, form, text, sizeof(text));
		app->tab_x[p] = x[p];
		app->tab_w[p] = x[p] < cols ? w[p] : 0;
		if (app->tab_w[p])
			draw_text(stdscr, 0, x[p], text, w[p],
				  draw_attr(p == (int)app->current ? ROLE_TAB_ACTIVE : ROLE_TITLE));
	}
	app->ncrumbs = t.ncrumbs;
	for (int i = 0; i < t.ncrumbs; i++) {
		app->crumb_view[i] = t.crumb_view[i];
		app->crumb_x[i] = t.crumb_x[i];
		app->crumb_w[i] = t.crumb_w[i];
	}
	if (show_right)
		draw_text(stdscr, 0, cols - rw, t.right, rw, draw_attr(ROLE_TITLE));
}

/* The status line: address, engine, the view's own part, running jobs. detail 3 has it all, 2
 * drops the API version, 1 the engine's version, 0 the address too. */
static char *
status_text(struct app *app, int detail)
{
	struct session *s = app->session;
	struct strbuf sb = STRBUF_INIT;
	if (detail > 0)
		sb_printf(&sb, " %s", engine_host(session_engine(s))->display);
	const struct engine_info *info = session_info(s);
	if (session_conn(s) == CONN_UP && info->engine_version[0] && detail > 1) {
		/* The product is a name ("Docker", "Podman"), not translated. */
		sb_printf(&sb, "%s %s %s", sb.len ? " ·" : "", info->product[0] ? info->product : "Docker",
			  info->engine_version);
		if (detail > 2)
			sb_printf(&sb, " (API %s)", info->api_version);
	} else if (session_conn(s) == CONN_DOWN) {
		sb_printf(&sb, "%s %s", sb.len ? " ·" : "", _("not connected"));
	}
	long long retry_in;
	const char *off = session_events_off(s, &retry_in);
	if (off) {
		char *why = sanitize(off);
		sb_printf(&sb, "%s", sb.len ? " · " : " ");
		if (retry_in > 0)
			sb_printf(&sb, _("live refresh off: %s, retrying in %llds"), why, retry_in);
		else
			sb_printf(&sb, _("live refresh off: %s"), why);
		free(why);
	}
	struct view *v = app->top[app->current];
	/* (nothing stale: while the engine's state fills the body, the view's counts are hidden too) */
	if (v->ops->status && !app->body_hidden) {
		struct strbuf own = STRBUF_INIT;
		v->ops->status(v, &own);
		if (own.len)
			sb_printf(&sb, "%s %s", sb.len ? " ·" : "", own.buf);
		sb_free(&own);
	}
	/* Running jobs show from every panel. */
	char *jobs = joblist_status(tasks_jobs(app->tasks));
	if (jobs) {
		sb_printf(&sb, "%s %s", sb.len ? " ·" : "", jobs);
		free(jobs);
	}
	return sb_detach(&sb);
}

static void
draw_status(struct app *app, int y, int cols)
{
	if (prompt_is_open(&app->prompt)) {
		prompt_draw(&app->prompt, stdscr, y);
		return;
	}
	curs_set(0);
	if (app->message) {
		draw_text(stdscr, y, 0, app->message, cols,
			  draw_attr(app->message_is_error ? ROLE_ERROR : ROLE_NOTE));
		return;
	}
	const char *right = _("? help ");
	int rw = text_width(right);
	/* The left part ends a blank before the help key ("2.5MB ? help", never "2.5MB? help"). */
	int lw = cols > rw + 1 ? cols - rw - 1 : cols;
	/* Most detail first; on a narrow terminal drop the engine's API, its version, then the address. */
	char *left = NULL;
	for (int detail = 3; detail >= 0; detail--) {
		free(left);
		left = status_text(app, detail);
		if (text_width(left) <= lw)
			break;
	}
	/* draw_text pads the left part up to the blank before the help key. */
	draw_text(stdscr, y, 0, left, lw, draw_attr(ROLE_STATUS));
	if (cols > rw + 1)
		draw_text(stdscr, y, lw, " ", 1, draw_attr(ROLE_STATUS));
	free(left);
	if (cols > rw)
		draw_text(stdscr, y, cols - rw, right, rw, draw_attr(ROLE_STATUS));
}

static void
draw_engine_state(struct app *app, int y, int rows, int cols)
{
	struct session *s = app->session;
	for (int i = 0; i < rows; i++)
		draw_fill(stdscr, y + i, 0, draw_attr(ROLE_NORMAL));
	if (session_error(s)) {
		int used = draw_wrapped(stdscr, y + 1, 2, rows - 3, cols - 4, session_error(s), draw_attr(ROLE_ERROR));
		char line[160], retry[32], quit[32];
		app_key_word(app, REQ_RELOAD, retry, sizeof(retry));
		app_key_word(app, REQ_QUIT, quit, sizeof(quit));
		if (session_retry_in(s) > 0)
			snprintf(line, sizeof(line), _("Retrying in %lld s; %s retries now, %s quits."), session_retry_in(s),
				 retry, quit);
		else
			snprintf(line, sizeof(line), _("%s tries again, %s quits."), retry, quit);
		if (rows > used + 2)
			draw_text(stdscr, y + 2 + used, 2, line, cols - 4, draw_attr(ROLE_NOTE));
	} else if (session_answered(s)) {
		/* the engine answered /_ping: the list itself is on its way */
		draw_text(stdscr, y + 1, 2, _("Loading images…"), cols - 4, draw_attr(ROLE_NOTE));
	} else {
		char line[256];
		snprintf(line, sizeof(line), _("Connecting to the Docker engine at %s…"),
			 engine_host(session_engine(s))->display);
		draw_text(stdscr, y + 1, 2, line, cols - 4, draw_attr(ROLE_NOTE));
	}
}

struct view *
frame_crumb_at(struct app *app, int x)
{
	for (int i = 0; i < app->ncrumbs; i++)
		if (x >= app->crumb_x[i] && x < app->crumb_x[i] + app->crumb_w[i])
			return app->crumb_view[i];
	return NULL;
}

int
frame_tab_at(struct app *app, int x)
{
	for (int p = 0; p < PANEL_COUNT; p++)
		if (x >= app->tab_x[p] && x < app->tab_x[p] + app->tab_w[p])
			return p;
	return -1;
}

void
frame_draw(struct app *app)
{
	int rows = LINES, cols = COLS;
	if (rows < 3 || cols < 10) {
		werase(stdscr);
		draw_text(stdscr, 0, 0, _("Terminal too small"), cols, draw_attr(ROLE_ERROR));
		wnoutrefresh(stdscr);
		return;
	}
	draw_title(app, cols);
	int body_y = 1, body_h = rows - 2;
	if (app->term_note && body_h > 2) {
		draw_text(stdscr, body_y, 0, app->term_note, cols, draw_attr(ROLE_NOTE));
		body_y++;
		body_h--;
	}
	struct view *v = app->top[app->current];
	app->body_y = body_y;
	app->body_hidden = !v->ops->draw(v, stdscr, body_y, body_h);
	if (app->body_hidden)
		draw_engine_state(app, body_y, body_h, cols);
	draw_status(app, rows - 1, cols);
	if (app->dialog.open)
		dialog_draw(&app->dialog, stdscr);
	if (app->help) {
		int lines = help_draw(stdscr, v, app->help_scroll);
		if (app->help_scroll >= lines)
			app->help_scroll = lines > 0 ? lines - 1 : 0;
	}
	wnoutrefresh(stdscr);
}
