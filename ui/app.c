#include "config.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "app_private.h"
#include "clipboard.h"
#include "config_apply.h"
#include "i18n.h"
#include "layer_cache.h"
#include "sanitize.h"
#include "table.h"
#include "terminal.h"
#include "xalloc.h"

/* The root views' constructors, named by the panels table. */
#define PANEL_MAKE_DECL(id, digit, letter, make, name, help) struct view *make(struct app *app);
PANEL_LIST(PANEL_MAKE_DECL)
#undef PANEL_MAKE_DECL

/* ---- services --------------------------------------------------------------------- */

void
app_key_word(struct app *app, enum request req, char *buf, size_t n)
{
	view_request_word(app->top[app->current], req, buf, n);
}

void
app_message(struct app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[512];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(app->message);
	app->message = xstrdup(buf);
	app->message_is_error = error;
}

static long long
realtime_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A millisecond past the second, so that time() reads it when the frame is drawn. */
void
app_wake_at(struct app *app, int64_t when)
{
	long long ms = when > (LLONG_MAX - 1) / 1000 ? LLONG_MAX : (long long)when * 1000 + 1;
	if (ms < app->wake_ms)
		app->wake_ms = ms;
}

void
app_wake_in(struct app *app, long long ms)
{
	long long at = realtime_ms() + (ms > 0 ? ms : 0);
	if (at < app->wake_ms)
		app->wake_ms = at;
}

/* The session's timers, or the instant something on screen changes if that comes first. */
static int
loop_timeout(const struct app *app)
{
	int t = session_timeout(app->session);
	if (app->wake_ms == LLONG_MAX)
		return t;
	long long d = app->wake_ms - realtime_ms();
	if (d < 0)
		d = 0;
	if (d > INT32_MAX)
		d = INT32_MAX;
	return t >= 0 && t < d ? t : (int)d;
}

struct session *app_session(struct app *app) { return app->session; }
const struct context_inputs *app_inputs(struct app *app) { return app->inputs; }
struct tasks *app_tasks(struct app *app) { return app->tasks; }
struct fetcher *app_fetcher(struct app *app) { return app->fx; }
struct view *app_panel_root(struct app *app, enum panel p)
{
	struct view *v = app->top[p];
	while (v && v->below)
		v = v->below;
	return v;
}

int
app_page(const struct app *app)
{
	int h = LINES - 3 - (app->term_note ? 1 : 0);
	return h > 1 ? h : 1;
}

void
app_fetch(struct view *v, int slot, struct fetch *f, const struct fetch_ops *ops)
{
	fetch_post(v->app->fx, &v->slot[slot], f, ops, v, session_engine(v->app->session));
}

void
app_prompt(struct app *app, const char *label, const char *initial, const struct prompt_ops *ops, void *ctx)
{
	prompt_open(&app->prompt, label, initial, ops, ctx);
}

void
app_prompt_secret(struct app *app)
{
	prompt_set_secret(&app->prompt);
}

/* Every repository:tag of the session's list. ctx is the view that opened the prompt. */
static void
complete_images(void *ctx, char ***v, size_t *n)
{
	*v = NULL;
	*n = 0;
	struct app *app = ((struct view *)ctx)->app;
	const struct image_list *l = session_images(app->session);
	size_t cap = 0;
	for (size_t i = 0; l && i < l->nimages; i++) {
		for (size_t t = 0; t < l->images[i].ntags; t++) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				*v = xrealloc(*v, cap * sizeof(**v));
			}
			(*v)[(*n)++] = xstrdup(l->images[i].tags[t]);
		}
	}
}

void
app_prompt_complete_images(struct app *app)
{
	prompt_set_complete(&app->prompt, complete_images);
}

bool
app_modal_open(const struct app *app)
{
	return app->dialog.open || prompt_is_open(&app->prompt);
}

struct dialog *
app_confirm(struct app *app, const char *title, const struct dialog_ops *ops, void *ctx)
{
	dialog_open(&app->dialog, title, ops, ctx);
	return &app->dialog;
}

/* OSC 52 goes straight to the terminal, after curses has flushed: the terminal (or tmux, or
 * the terminal at the far end of ssh) puts it on the clipboard. */
void
app_copy(struct app *app, char *text, const char *what)
{
	if (!text) {
		app_message(app, true, "%s", _("Nothing to copy here"));
		return;
	}
	int cut = 0;
	size_t n = strlen(text);
	char *seq = clipboard_osc52(text, n, &cut);
	fputs(seq, stdout);
	fflush(stdout);
	free(seq);
	if (cut)
		app_message(app, false, _("Copied the first %d bytes of the %s (terminals refuse more)"),
			    OSC52_MAX, what);
	else
		app_message(app, false, _("Copied the %s to the clipboard (%zu bytes)"), what, n);
	free(text);
}

void
app_copy_row(struct app *app, const char *const *cells, const int *widths, int n, const char *what)
{
	int own[32];
	if (n <= 0 || n > 32) {
		app_copy(app, NULL, what);
		return;
	}
	if (!widths) {
		for (int i = 0; i < n; i++)
			own[i] = text_width(cells[i]);
		table_layout(own, n, own);
		widths = own;
	}
	char *line = table_line(cells, widths, n);
	size_t len = strlen(line);
	while (len && line[len - 1] == ' ')
		line[--len] = '\0';
	app_copy(app, line, what);
}

bool
app_set_mouse(struct app *app, bool on)
{
	bool ok = term_mouse(on);
	app->mouse = on && ok;
	return ok;
}

bool
app_set_sort(struct app *app, enum panel p, const char *column, int reverse)
{
	struct view *root = p < PANEL_COUNT ? app_panel_root(app, p) : NULL;
	return root && root->ops->sort_by && root->ops->sort_by(root, column, reverse);
}

/* ---- stacks and panels -------------------------------------------------------------- */

/* Panel p's root, new, to load when first shown. */
static struct view *
make_root(struct app *app, enum panel p)
{
	static struct view *(*const make[PANEL_COUNT])(struct app *) = {
#define PANEL_MAKE(id, digit, letter, make, name, help) [PANEL_##id] = make,
		PANEL_LIST(PANEL_MAKE)
#undef PANEL_MAKE
	};
	struct view *v = make[p](app);
	v->dirty = VIEW_REFRESH_OPEN;
	return v;
}

static void
close_stack(struct app *app, enum panel p, bool keep_root)
{
	while (app->top[p] && (!keep_root || app->top[p]->below)) {
		struct view *v = app->top[p];
		app->top[p] = v->below;
		view_close(v);
	}
}

/* v comes on screen: catch up with what it missed while hidden. */
static void
reveal(struct view *v)
{
	unsigned why = v->dirty;
	v->dirty = 0;
	if (why && v->ops->reload)
		v->ops->reload(v, why);
}

void
app_push(struct app *app, struct view *v)
{
	v->below = app->top[app->current];
	app->top[app->current] = v;
	v->dirty = 0;
	if (v->ops->reload)
		v->ops->reload(v, VIEW_REFRESH_OPEN);
}

static void
pop(struct app *app)
{
	struct view *v = app->top[app->current];
	app->top[app->current] = v->below;
	view_close(v);
	reveal(app->top[app->current]);
}

void
app_pop(struct app *app)
{
	if (app->top[app->current]->below)
		pop(app);
}

static void
switch_panel(struct app *app, enum panel p)
{
	app->current = p;
	reveal(app->top[p]);
}

void
app_show_panel(struct app *app, enum panel p)
{
	if (p == app->current)
		return;
	/* Remember where we came from, once per panel, newest last. */
	int k = 0;
	for (int i = 0; i < app->nhistory; i++)
		if (app->history[i] != app->current && app->history[i] != p)
			app->history[k++] = app->history[i];
	app->nhistory = k;
	if (app->nhistory == (int)(sizeof(app->history) / sizeof(app->history[0]))) {
		memmove(app->history, app->history + 1, (size_t)(app->nhistory - 1) * sizeof(app->history[0]));
		app->nhistory--;
	}
	app->history[app->nhistory++] = app->current;
	switch_panel(app, p);
}

void
app_jump(struct app *app, enum panel p, const char *id, const char *label)
{
	app_show_panel(app, p);
	while (app->top[p]->below)
		pop(app);
	struct view *root = app->top[p];
	if (root->ops->focus)
		root->ops->focus(root, id, label);
}

/* BACK that no view took: pop the view, or at a panel's root return to the panel before. */
static void
go_back(struct app *app)
{
	if (app->top[app->current]->below) {
		pop(app);
	} else if (app->nhistory > 0) {
		switch_panel(app, app->history[--app->nhistory]);
	}
}

/* Every view of every stack, for notes from the session. */
static void
notify(void *ctx, unsigned what)
{
	struct app *app = ctx;
	unsigned refresh_bits = (what & (VIEW_EV_IMAGE | VIEW_EV_CONTAINER)) |
		(what & SESSION_RECONNECTED ? VIEW_REFRESH_RECONNECT : 0);
	if (what & SESSION_LAYERS)
		tasks_layers_learned(app->tasks);
	for (int p = 0; p < PANEL_COUNT; p++) {
		for (struct view *v = app->top[p]; v; v = v->below) {
			if ((what & (SESSION_IMAGES | SESSION_CONTAINERS)) && v->ops->update)
				v->ops->update(v, what);
			unsigned why = refresh_bits & (v->ops->events | VIEW_REFRESH_RECONNECT);
			if (!why || !v->ops->reload)
				continue;
			if (p == (int)app->current && v == app->top[p])
				v->ops->reload(v, why);
			else
				v->dirty |= why;
		}
	}
}

void
app_switch_engine(struct app *app, struct engine *engine)
{
	/* The views first: their fetches are cancelled before the session's engine goes. */
	for (int p = 0; p < PANEL_COUNT; p++)
		if (p != PANEL_JOBS)
			close_stack(app, (enum panel)p, p == (int)app->current);
	/* Trees of another engine's images: an ID names the same content, but start clean. */
	layer_cache_clear();
	session_free(app->session);
	app->session = session_new(engine, app->fx, notify, app);
	/* then the new roots, which may read the new session's lists as they are made */
	for (int p = 0; p < PANEL_COUNT; p++)
		if (!app->top[p])
			app->top[p] = make_root(app, (enum panel)p);
}

/* ---- keys ------------------------------------------------------------------------- */

static void
quit_yes(void *ctx, struct dialog *d)
{
	(void)d;
	((struct app *)ctx)->quit = true;
}

static const struct dialog_ops quit_ops = { .yes = quit_yes };

static void
ask_quit(struct app *app)
{
	size_t running = tasks_running(app->tasks);
	if (!running || !config_confirm_quit()) {
		app->quit = true;
		return;
	}
	struct dialog *d = app_confirm(app, _(" Quit budu?"), &quit_ops, app);
	char line[160];
	snprintf(line, sizeof(line), ngettext("%zu job is still running; quitting cancels it.",
					      "%zu jobs are still running; quitting cancels them.", running), running);
	dialog_add_line(d, line);
}

/* Ctrl-C (SIGINT, through term_interrupt_fd): q's question, over whatever is open; the
 * second Ctrl-C, with the question up, quits. */
static void
interrupted(struct app *app, int times)
{
	while (times-- > 0 && !app->quit) {
		if (app->dialog.open && app->dialog.ops == &quit_ops)
			app->quit = true;
		else
			ask_quit(app);
	}
}

/* A generic request that no row of the view took. */
static void
app_request(struct app *app, enum request req)
{
	struct view *v = app->top[app->current];
	if (req >= REQ_PANEL && req < REQ_COUNT) {
		enum panel p = (enum panel)(req - REQ_PANEL);
		if (p == app->current) {
			/* Its own digit takes a panel back to its root. */
			while (app->top[p]->below)
				pop(app);
		} else {
			app_show_panel(app, p);
		}
		return;
	}
	switch (req) {
	case REQ_QUIT:
		ask_quit(app);
		return;
	case REQ_HELP:
		app->help = true;
		app->help_scroll = 0;
		return;
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		return;
	case REQ_MOUSE:
		if (!app_set_mouse(app, !app->mouse))
			app_message(app, true, "%s", _("This terminal reports no mouse"));
		else {
			char key[32];
			app_key_word(app, REQ_MOUSE, key, sizeof(key));
			if (app->mouse)
				app_message(app, false, _("mouse on: click, double-click, wheel; %s turns it off"), key);
			else
				app_message(app, false, _("mouse off: the terminal's own selection works (%s turns it on)"), key);
		}
		return;
	case REQ_RELOAD:
		session_retry_now(app->session);
		if (v->ops->reload)
			v->ops->reload(v, VIEW_REFRESH_USER);
		return;
	case REQ_BACK:
		go_back(app);
		return;
	default:
		break;
	}
	struct list_pos *pos = v->ops->pos ? v->ops->pos(v) : NULL;
	if (pos)
		list_move(pos, req, app_page(app));
}

static bool
is_movement(enum request req)
{
	return req == REQ_DOWN || req == REQ_UP || req == REQ_PAGE_DOWN || req == REQ_PAGE_UP;
}

static void
key_help(struct app *app, wint_t ch, bool is_key)
{
	enum request req = keymap_request((int)ch);
	if (req == REQ_DOWN)
		app->help_scroll++;
	else if (req == REQ_UP && app->help_scroll > 0)
		app->help_scroll--;
	else if (req == REQ_QUIT || req == REQ_HELP || (!is_key && ch == KEY_ESC))
		app->help = false;
}

/* Keys go to the dialog, else the prompt, else the help, else the view on screen, else the
 * app: one order for every panel. */
static void
handle_key(struct app *app, wint_t ch, bool is_key)
{
	free(app->message);
	app->message = NULL;
	if (is_key && ch == KEY_RESIZE)
		return;
	/* The unknown-TERM note has been read: its line goes back to the view. */
	free(app->term_note);
	app->term_note = NULL;
	if (app->dialog.open) {
		dialog_handle(&app->dialog, ch, is_key);
		return;
	}
	if (prompt_is_open(&app->prompt)) {
		/* Arrows still move the list on screen while typing. */
		if (prompt_handle(&app->prompt, ch, is_key) == PROMPT_IGNORED && is_key &&
		    is_movement(keymap_request((int)ch)))
			app_request(app, keymap_request((int)ch));
		return;
	}
	if (app->help) {
		key_help(app, ch, is_key);
		return;
	}
	/* Keys are ASCII or curses codes; other characters bind to nothing. */
	if (!is_key && ch > 127)
		return;
	struct view *v = app->top[app->current];
	const struct view_key *row;
	enum request req;
	view_resolve(v, (int)ch, &row, &req);
	if (row && row->fn && app->body_hidden && req != REQ_BACK && req != REQ_RELOAD) {
		char key[32];
		app_key_word(app, REQ_RELOAD, key, sizeof(key));
		if (session_conn(app->session) == CONN_DOWN)
			app_message(app, true, _("Not connected to the engine: %s tries again"), key);
		else
			app_message(app, true, "%s", _("Not read yet from the engine"));
		return;
	}
	if (row && row->fn && row->fn(v))
		return;
	app_request(app, req);
}

void
app_key(struct app *app, int key)
{
	handle_key(app, (wint_t)key, key > 255);
}

static void
read_keys(struct app *app)
{
	wint_t ch;
	int rc;
	while ((rc = wget_wch(stdscr, &ch)) != ERR) {
		if (rc == KEY_CODE_YES && ch == KEY_MOUSE)
			mouse_event(app);
		else
			handle_key(app, ch, rc == KEY_CODE_YES);
		if (app->quit)
			return;
	}
}

/* ---- the loop ------------------------------------------------------------------- */

static void
app_free(struct app *app)
{
	for (int p = 0; p < PANEL_COUNT; p++)
		close_stack(app, (enum panel)p, false);
	/* The views dropped their trees: the cache holds the last ones. */
	layer_cache_clear();
	session_free(app->session);
	tasks_free(app->tasks);
	prompt_free(&app->prompt);
	dialog_close(&app->dialog);
	free(app->message);
	free(app->term_note);
}

int
app_run(struct app_options *opt)
{
	struct app app = { 0 };
	app.demo_note = opt->demo_note;
	app.inputs = opt->inputs;
	/* The event stream holds one thread; the lists, details and searches share three (the
	 * images, the containers' first page, then their full list). */
	app.fx = fetcher_new(4);
	app.session = session_new(opt->engine, app.fx, notify, &app);
	/* The Images panel loads first whichever panel opens (its list is what connects), and
	 * the Containers panel's list when that one opens: both are asked before anything else
	 * is set up (the job threads, the other panels, terminfo, the first frame), so that the
	 * engine works meanwhile. Their answers are applied by the loop below only. Other panels
	 * open after: their loads may open prompts. */
	app.top[PANEL_IMAGES] = make_root(&app, PANEL_IMAGES);
	switch_panel(&app, PANEL_IMAGES);
	/* Jobs get their own threads: four pulls at once never hold up a list reload. */
	app.tasks = tasks_new(&app, 4);
	for (int p = 0; p < PANEL_COUNT; p++)
		if (!app.top[p])
			app.top[p] = make_root(&app, (enum panel)p);
	enum panel first = config_default_panel();
	if (first == PANEL_CONTAINERS)
		switch_panel(&app, first);
	char *err = NULL;
	if (!term_start(&app.term_note, &err)) {
		fprintf(stderr, "budu: %s\n", err);
		free(err);
		fetcher_stop(app.fx);
		tasks_stop(app.tasks);
		app_free(&app);
		fetcher_free(app.fx);
		return 1;
	}
	xalloc_set_fatal_hook(term_stop);
	/* (the containers' first page is asked once connected: in the loop, after this) */
	session_set_screen_rows(app.session, term_rows());
	if (opt->config)
		config_apply_colors(opt->config, term_has_colors());
	if (first != app.current)
		switch_panel(&app, first);
	app_set_mouse(&app, true);
	/* Docker Content Trust rests on Notary v1, which Docker retires on 2026-12-08: say so
	 * once, and what budu does instead. */
	const char *dct = getenv("DOCKER_CONTENT_TRUST");
	if (dct && *dct && strcmp(dct, "0") != 0)
		app_message(&app, false, "%s", _("DOCKER_CONTENT_TRUST is set: Notary v1 is being retired, so budu "
						 "checks digests with the registry instead (V, and @ pins)"));
	/* The config file's sorts and mouse, over the roots' defaults; its mistakes last: they
	 * say why a key or colour is not as written. */
	if (opt->config)
		config_apply_app(opt->config, &app);
	char *mistakes = opt->config ? config_errors_text(opt->config) : NULL;
	if (mistakes)
		app_message(&app, true, "%s", mistakes);
	free(mistakes);

	struct pollfd fds[4] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = fetcher_wake_fd(app.fx), .events = POLLIN },
		{ .fd = tasks_wake_fd(app.tasks), .events = POLLIN },
		{ .fd = term_interrupt_fd(), .events = POLLIN },	/* -1 (none): poll skips it */
	};
	while (!app.quit) {
		app.wake_ms = LLONG_MAX;
		frame_draw(&app);
		doupdate();
		int rc = poll(fds, 4, loop_timeout(&app));
		if (rc < 0 && errno != EINTR)
			break;
		/* EINTR is usually SIGWINCH: wget_wch then returns KEY_RESIZE. */
		if (rc < 0 || (fds[0].revents & (POLLIN | POLLHUP)))
			read_keys(&app);
		if (fds[0].revents & (POLLHUP | POLLERR) && !(fds[0].revents & POLLIN))
			app.quit = true;	/* the terminal went away */
		if (rc > 0 && (fds[1].revents & POLLIN))
			fetcher_deliver(app.fx);
		if (rc > 0 && (fds[2].revents & POLLIN))
			tasks_deliver(app.tasks);
		if (rc < 0 || (fds[3].revents & POLLIN))
			interrupted(&app, term_interrupts());
		session_run_timers(app.session);
	}

	/* Quitting never waits on the engine: the terminal comes back first, then every request
	 * in flight is cancelled, so the threads return at once. */
	term_stop();
	fetcher_stop(app.fx);
	tasks_stop(app.tasks);
	app_free(&app);
	fetcher_free(app.fx);
	return 0;
}
