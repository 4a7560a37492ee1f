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

static void
draw_title(struct app *app, int cols)
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
	app->ncrumbs = 0;
	for (int i = n - 1; i >= 0; i--) {
		char crumb[256];
		if (i == 0 && chain[i]->ops->title)
			chain[i]->ops->title(chain[i], crumb, sizeof(crumb));
		else
			snprintf(crumb, sizeof(crumb), "%s", _(chain[i]->ops->name));
		sb_printf(&left, "%s", i == n - 1 ? "" : CRUMB);
		app->crumb_view[app->ncrumbs] = chain[i];
		app->crumb_x[app->ncrumbs] = text_width(left.buf);
		sb_printf(&left, "%s", crumb);
		app->crumb_w[app->ncrumbs] = text_width(left.buf) - app->crumb_x[app->ncrumbs];
		app->ncrumbs++;
	}
	char right[256] = "";
	if (top->ops->describe)
		top->ops->describe(top, right, sizeof(right));
	else
		view_hints(top, right, sizeof(right));
	if (right[0])
		strncat(right, " ", sizeof(right) - strlen(right) - 1);
	if (app->demo_note) {
		char note[sizeof(right)];
		snprintf(note, sizeof(note), "%s", right);
		snprintf(right, sizeof(right), "[%.100s]  %.120s", app->demo_note, note);
	}
	draw_text(stdscr, 0, 0, left.buf, cols, draw_attr(ROLE_TITLE));
	int rw = text_width(right);
	if (rw && rw < cols - text_width(left.buf) - 2)
		draw_text(stdscr, 0, cols - rw, right, rw, draw_attr(ROLE_TITLE));
	sb_free(&left);
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
	/* Most detail first; on a narrow terminal drop the engine's API, its version, then the address. */
	char *left = NULL;
	for (int detail = 3; detail >= 0; detail--) {
		free(left);
		left = status_text(app, detail);
		if (text_width(left) <= cols - rw)
			break;
	}
	/* draw_text pads the left part up to where the help key starts. */
	draw_text(stdscr, y, 0, left, cols > rw ? cols - rw : cols, draw_attr(ROLE_STATUS));
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
		char line[160];
		if (session_retry_in(s) > 0)
			snprintf(line, sizeof(line), _("Retrying in %lld s; R retries now, q quits."), session_retry_in(s));
		else
			snprintf(line, sizeof(line), "%s", _("R tries again, q quits."));
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
