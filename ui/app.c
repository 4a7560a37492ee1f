#include "config.h"

#include <errno.h>
#include <limits.h>
#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "app.h"
#include "draw.h"
#include "format.h"
#include "help.h"
#include "i18n.h"
#include "images.h"
#include "images_view.h"
#include "keymap.h"
#include "sanitize.h"
#include "strbuf.h"
#include "terminal.h"
#include "worker.h"
#include "xalloc.h"

#define KEY_ESC 27
/* Reconnect delays grow to this; the engine often comes back within seconds. */
#define RETRY_MAX_MS 5000
/* Several image events in a row (a pull, a prune) cause one reload. */
#define RELOAD_DEBOUNCE_MS 150

enum conn_state { CONN_CONNECTING, CONN_UP, CONN_DOWN };
enum mode { MODE_LIST, MODE_FILTER, MODE_HELP };

static const struct keymap_chain images_chain = { .scope = { KEYMAP_IMAGES }, .n = 1 };

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
	long long reload_at;		/* debounced reload after events; 0 = none */

	unsigned load_gen;		/* results of older loads are dropped */
	bool load_running;
	bool load_again;		/* a reload was asked while one ran */
	struct load_job *load;		/* the load in flight, to cancel on quit */
	struct events_job *events;	/* the event stream, while it runs */

	struct images_view *images;
	enum mode mode;
	struct strbuf filter_edit;	/* the filter prompt's text */
	int help_scroll;
	char *message;			/* one-line notice on the status bar until the next key */
	bool message_is_error;
	bool quit;
};

static long long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
set_message(struct app *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
set_message(struct app *app, bool error, const char *fmt, ...)
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

/* ---- loading the image list (worker side, then UI side) ------------------ */

struct load_job {
	struct engine *engine;
	bool connect;		/* ping and negotiate first */
	bool all;
	unsigned gen;
	struct cancel cancel;
	/* results */
	struct engine_info info;
	enum engine_status status;
	char *error;
	struct image_list list;
};

static void *
load_run(void *arg)
{
	struct load_job *job = arg;
	struct engine_response r;
	if (job->connect) {
		r = engine_connect(job->engine, &job->info, &job->cancel);
		bool failed = r.status != ENGINE_OK || r.http_status >= 400;
		if (failed) {
			job->status = r.status == ENGINE_OK ? ENGINE_BAD_ANSWER : r.status;
			job->error = r.error ? r.error : xstrdup(_("The engine did not answer"));
			r.error = NULL;
			engine_response_free(&r);
			return job;
		}
		engine_response_free(&r);
	}
	r = engine_request(job->engine, "GET", job->all ? "/images/json?all=1" : "/images/json", NULL,
			   &job->cancel);
	job->status = r.status;
	if (r.status == ENGINE_OK && r.http_status == 200) {
		if (!images_parse(r.body, r.len, &job->list, &job->error))
			job->status = ENGINE_BAD_ANSWER;
	} else {
		if (r.status == ENGINE_OK)
			job->status = ENGINE_BAD_ANSWER;
		job->error = r.error ? r.error : xstrdup(_("The engine did not answer"));
		r.error = NULL;
	}
	engine_response_free(&r);
	return job;
}

static void load_done(void *arg, void *result, bool cancelled);
static void events_start(struct app *app);

/* The app the callbacks belong to: there is one, and callbacks have no other context. */
static struct app *the_app;

static void
load_start(struct app *app)
{
	if (app->load_running) {
		app->load_again = true;
		return;
	}
	struct load_job *job = xcalloc(1, sizeof(*job));
	job->engine = app->engine;
	job->connect = app->conn != CONN_UP;
	job->all = images_view_show_all(app->images);
	job->gen = ++app->load_gen;
	cancel_init(&job->cancel);
	app->load_running = true;
	app->load = job;
	app->retry_at = 0;
	worker_post(app->worker, load_run, load_done, job);
}

static void
schedule_retry(struct app *app)
{
	app->retry_at = now_ms() + app->retry_ms;
	app->retry_ms = app->retry_ms * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : app->retry_ms * 2;
}

static void
engine_down(struct app *app, const char *why)
{
	app->conn = CONN_DOWN;
	free(app->conn_error);
	app->conn_error = xstrdup(why);
	schedule_retry(app);
}

static void
load_done(void *arg, void *result, bool cancelled)
{
	struct load_job *job = arg;
	(void)result;
	struct app *app = the_app;
	if (!cancelled) {
		app->load_running = false;
		app->load = NULL;
		if (job->gen != app->load_gen) {
			/* a newer query superseded this one */
		} else if (job->status == ENGINE_OK) {
			if (job->connect)
				app->info = job->info;
			app->conn = CONN_UP;
			app->retry_ms = 500;
			free(app->conn_error);
			app->conn_error = NULL;
			images_view_set_list(app->images, &job->list);
#ifdef HAVE_MALLOC_TRIM
			/* Parsing a large list leaves freed heap behind; hand it back to the system. */
			malloc_trim(0);
#endif
			if (!app->events)
				events_start(app);
		} else if (job->status == ENGINE_UNREACHABLE || job->status == ENGINE_LOST) {
			engine_down(app, job->error);
		} else if (job->status != ENGINE_CANCELLED) {
			/* The engine answered but refused: say it; retrying later may help (it restarts). */
			engine_down(app, job->error);
		}
		if (app->load_again) {
			app->load_again = false;
			load_start(app);
		}
	}
	image_list_free(&job->list);
	cancel_destroy(&job->cancel);
	free(job->error);
	free(job);
}

/* ---- following /events ---------------------------------------------------- */

struct events_job {
	struct engine *engine;
	struct worker *worker;
	long long since;	/* the engine's clock, from its Date header */
	struct cancel cancel;
	struct engine_response r;
};

static void
event_seen(void *arg, void *result, bool cancelled)
{
	(void)arg;
	(void)result;
	struct app *app = the_app;
	if (cancelled || app->quit)
		return;
	if (!app->reload_at)
		app->reload_at = now_ms() + RELOAD_DEBOUNCE_MS;
}

static bool
events_line(const char *line, size_t len, void *ctx)
{
	struct events_job *job = ctx;
	(void)line;
	(void)len;
	/* Every event of the filtered types changes the list; the UI debounces. */
	worker_send(job->worker, event_seen, NULL);
	return true;
}

static void *
events_run(void *arg)
{
	struct events_job *job = arg;
	char path[160];
	char *filters = engine_escape("{\"type\":[\"image\"]}");
	if (job->since > 0)
		snprintf(path, sizeof(path), "/events?since=%lld&filters=%s", job->since, filters);
	else
		snprintf(path, sizeof(path), "/events?filters=%s", filters);
	free(filters);
	job->r = engine_stream(job->engine, "GET", path, events_line, job, &job->cancel);
	return job;
}

static void
events_done(void *arg, void *result, bool cancelled)
{
	struct events_job *job = arg;
	(void)result;
	struct app *app = the_app;
	if (!cancelled && !app->quit) {
		app->events = NULL;
		if (job->r.status != ENGINE_CANCELLED) {
			/* The stream only ends when the engine goes away (or restarts). */
			const char *why = job->r.error ? job->r.error : _("The engine closed the event stream");
			engine_down(app, why);
			app->retry_ms = 500;
			app->retry_at = now_ms() + app->retry_ms;
		}
	}
	engine_response_free(&job->r);
	cancel_destroy(&job->cancel);
	free(job);
}

static void
events_start(struct app *app)
{
	struct events_job *job = xcalloc(1, sizeof(*job));
	job->engine = app->engine;
	job->worker = app->worker;
	/* Events since the list was read are replayed, so none falls between list and stream. */
	job->since = app->info.server_time > 0 ? app->info.server_time - 1 : 0;
	cancel_init(&job->cancel);
	app->events = job;
	worker_post(app->worker, events_run, events_done, job);
}

/* ---- drawing -------------------------------------------------------------- */

static void
draw_title(struct app *app, int cols)
{
	char cmd[96], line[256];
	images_view_describe(app->images, cmd, sizeof(cmd));
	snprintf(line, sizeof(line), " budu  %s  %s %s", _("Images"), _("sort:"),
		 image_sort_name(images_view_sort(app->images)));
	int x = draw_text(stdscr, 0, 0, line, cols, draw_attr(ROLE_TITLE));
	/* The equivalent docker command, right-aligned: what you see is what it would print. */
	char right[256];
	if (app->demo_note)
		snprintf(right, sizeof(right), "[%s]  %s ", app->demo_note, cmd);
	else
		snprintf(right, sizeof(right), "%s ", cmd);
	int rw = text_width(right);
	if (rw < cols - 30)
		draw_text(stdscr, 0, cols - rw, right, rw, draw_attr(ROLE_TITLE));
	(void)x;
}

/* The status line: address, engine, images, size, filter matches. detail 3 has it all, 2 drops
 * the API version, 1 the engine's version, 0 the address too. */
static char *
status_text(struct app *app, int detail)
{
	struct strbuf sb = STRBUF_INIT;
	if (detail > 0)
		sb_printf(&sb, " %s ·", engine_host(app->engine)->display);
	if (app->conn == CONN_UP && app->info.engine_version[0] && detail > 1) {
		sb_printf(&sb, " Docker %s", app->info.engine_version);
		if (detail > 2)
			sb_printf(&sb, " (API %s)", app->info.api_version);
		sb_puts(&sb, " ·");
	} else if (app->conn == CONN_DOWN) {
		sb_printf(&sb, " %s ·", _("not connected"));
	}
	if (images_view_has_data(app->images)) {
		char size[32];
		format_size(size, sizeof(size), images_view_total_size(app->images));
		size_t n = images_view_image_count(app->images);
		sb_puts(&sb, " ");
		sb_printf(&sb, ngettext("%zu image", "%zu images", n), n);
		sb_printf(&sb, " · %s", size);
		if (images_view_filter(app->images)[0]) {
			sb_printf(&sb, " · ");
			sb_printf(&sb, _("%zu of %zu rows match"), images_view_visible_count(app->images),
				  images_view_row_count(app->images));
		}
	} else if (sb.len >= 2 && strcmp(sb.buf + sb.len - 2, " \xc2\xb7") == 0) {
		sb.len -= 3;	/* the dangling " ·" */
		sb.buf[sb.len] = '\0';
	}
	return sb_detach(&sb);
}

static void
draw_status(struct app *app, int y, int cols)
{
	if (app->mode == MODE_FILTER) {
		draw_fill(stdscr, y, 0, draw_attr(ROLE_NORMAL));
		const char *label = _("Filter: ");
		int x = text_width(label);
		draw_text(stdscr, y, 0, label, x, draw_attr(ROLE_PROMPT));
		const char *text = app->filter_edit.buf ? app->filter_edit.buf : "";
		int tw = text_width(text);
		/* Keep the end of a long filter in view, where the typing happens. */
		while (tw > cols - x - 1 && *text) {
			text++;
			while ((*text & 0xc0) == 0x80)
				text++;
			tw = text_width(text);
		}
		draw_text(stdscr, y, x, text, tw, draw_attr(ROLE_NORMAL));
		curs_set(1);
		wmove(stdscr, y, x + tw);
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
	for (int i = 0; i < rows; i++)
		draw_fill(stdscr, y + i, 0, draw_attr(ROLE_NORMAL));
	if (app->conn == CONN_DOWN && app->conn_error) {
		int used = draw_wrapped(stdscr, y + 1, 2, rows - 3, cols - 4, app->conn_error,
					draw_attr(ROLE_ERROR));
		long long wait = app->retry_at ? (app->retry_at - now_ms() + 999) / 1000 : 0;
		char line[160];
		snprintf(line, sizeof(line), _("Retrying in %lld s; R retries now, q quits."), wait > 0 ? wait : 0);
		if (rows > used + 2)
			draw_text(stdscr, y + 2 + used, 2, line, cols - 4, draw_attr(ROLE_NOTE));
	} else {
		char line[256];
		snprintf(line, sizeof(line), _("Connecting to the Docker engine at %s…"),
			 engine_host(app->engine)->display);
		draw_text(stdscr, y + 1, 2, line, cols - 4, draw_attr(ROLE_NOTE));
	}
}

static void
draw_screen(struct app *app)
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
	if (images_view_has_data(app->images) && app->conn != CONN_DOWN) {
		images_view_draw(app->images, stdscr, body_y, body_h, time(NULL));
		if (images_view_visible_count(app->images) == 0 && body_h > 2) {
			const char *empty = images_view_filter(app->images)[0]
				? _("No image matches the filter; Esc clears it.")
				: _("No images on this engine.");
			draw_text(stdscr, body_y + 2, 2, empty, cols - 4, draw_attr(ROLE_DIM));
		}
	} else {
		draw_engine_state(app, body_y, body_h, cols);
	}
	draw_status(app, rows - 1, cols);
	if (app->mode == MODE_HELP) {
		int lines = help_draw(stdscr, &images_chain, app->help_scroll);
		if (app->help_scroll >= lines)
			app->help_scroll = lines > 0 ? lines - 1 : 0;
	}
	wnoutrefresh(stdscr);
}

/* ---- keys ----------------------------------------------------------------- */

static int
list_rows(struct app *app)
{
	int h = LINES - 3 - (app->term_note ? 1 : 0);
	return h > 1 ? h : 1;
}

static void
filter_changed(struct app *app)
{
	images_view_set_filter(app->images, app->filter_edit.buf ? app->filter_edit.buf : "");
}

static void
key_filter(struct app *app, wint_t ch, bool is_key)
{
	if (!is_key && (ch == '\r' || ch == '\n')) {
		app->mode = MODE_LIST;
	} else if (!is_key && ch == KEY_ESC) {
		sb_reset(&app->filter_edit);
		filter_changed(app);
		app->mode = MODE_LIST;
	} else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		struct strbuf *sb = &app->filter_edit;
		while (sb->len > 0) {
			sb->len--;
			if ((sb->buf[sb->len] & 0xc0) != 0x80)
				break;
		}
		if (sb->buf)
			sb->buf[sb->len] = '\0';
		filter_changed(app);
	} else if (!is_key && ch == 21) {	/* Ctrl-U clears the line, as in a shell */
		sb_reset(&app->filter_edit);
		filter_changed(app);
	} else if (!is_key && ch >= 32 && ch != 127) {
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		size_t n = wcrtomb(mb, (wchar_t)ch, &st);
		if (n != (size_t)-1 && app->filter_edit.len + n < 255) {
			sb_append(&app->filter_edit, mb, n);
			filter_changed(app);
		}
	} else if (is_key) {
		/* Arrows still move the list while typing. */
		enum action a = keymap_lookup(&images_chain, (int)ch);
		if (a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP || a == ACT_PAGE_DOWN)
			images_view_action(app->images, a, list_rows(app));
	}
}

static void
do_action(struct app *app, enum action a)
{
	switch (a) {
	case ACT_QUIT:
		app->quit = true;
		break;
	case ACT_HELP:
		app->mode = MODE_HELP;
		app->help_scroll = 0;
		break;
	case ACT_FILTER:
		app->mode = MODE_FILTER;
		sb_reset(&app->filter_edit);
		sb_puts(&app->filter_edit, images_view_filter(app->images));
		break;
	case ACT_RELOAD:
		app->retry_ms = 500;
		load_start(app);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_TOGGLE_ALL:
		images_view_action(app->images, a, list_rows(app));
		set_message(app, false, "%s", images_view_show_all(app->images)
			    ? _("Showing intermediate images (-a)") : _("Hiding intermediate images"));
		load_start(app);
		break;
	default:
		if (images_view_action(app->images, a, list_rows(app)) & REACT_RELOAD)
			load_start(app);
		break;
	}
}

static void
handle_key(struct app *app, wint_t ch, bool is_key)
{
	free(app->message);
	app->message = NULL;
	if (is_key && ch == KEY_RESIZE)
		return;
	switch (app->mode) {
	case MODE_FILTER:
		key_filter(app, ch, is_key);
		return;
	case MODE_HELP: {
		static const struct keymap_chain global = { .n = 0 };
		enum action a = keymap_lookup(&global, (int)ch);
		if (a == ACT_DOWN)
			app->help_scroll++;
		else if (a == ACT_UP && app->help_scroll > 0)
			app->help_scroll--;
		else if (a == ACT_QUIT || a == ACT_HELP || ch == KEY_ESC)
			app->mode = MODE_LIST;
		return;
	}
	case MODE_LIST:
		break;
	}
	enum action a = keymap_lookup(&images_chain, (int)ch);
	if (!is_key && ch > 127)
		a = ACT_NONE;
	do_action(app, a);
}

static void
read_keys(struct app *app)
{
	wint_t ch;
	int rc;
	while ((rc = wget_wch(stdscr, &ch)) != ERR) {
		handle_key(app, ch, rc == KEY_CODE_YES);
		if (app->quit)
			return;
	}
}

/* ---- the loop ------------------------------------------------------------- */

static void
run_timers(struct app *app)
{
	long long now = now_ms();
	if (app->retry_at && now >= app->retry_at) {
		app->retry_at = 0;
		load_start(app);
	}
	if (app->reload_at && now >= app->reload_at) {
		app->reload_at = 0;
		load_start(app);
	}
}

/* Sleep until the next timer; -1 (forever) when none is armed: idle budu uses no CPU. */
static int
poll_timeout(struct app *app)
{
	long long next = 0;
	if (app->retry_at)
		next = app->retry_at;
	if (app->reload_at && (!next || app->reload_at < next))
		next = app->reload_at;
	/* While the engine is down the panel counts down the retry once a second. */
	if (app->conn == CONN_DOWN && app->retry_at) {
		long long tick = now_ms() + 1000;
		if (tick < next)
			next = tick;
	}
	if (!next)
		return -1;
	long long d = next - now_ms();
	return d < 0 ? 0 : (int)(d > 60000 ? 60000 : d);
}

static void
shutdown_jobs(struct app *app)
{
	if (app->events)
		cancel_request(&app->events->cancel);
	if (app->load)
		cancel_request(&app->load->cancel);
}

int
app_run(struct app_options *opt)
{
	struct app app = { 0 };
	the_app = &app;
	app.engine = opt->engine;
	app.demo_note = opt->demo_note;
	app.retry_ms = 500;
	app.images = images_view_new();

	char *err = NULL;
	if (!term_start(&app.term_note, &err)) {
		fprintf(stderr, "budu: %s\n", err);
		free(err);
		images_view_free(app.images);
		engine_free(app.engine);
		return 1;
	}
	xalloc_set_fatal_hook(term_stop);
	/* Two threads: the event stream holds one, loads use the other. */
	app.worker = worker_new(2);
	load_start(&app);

	struct pollfd fds[2] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = worker_wake_fd(app.worker), .events = POLLIN },
	};
	while (!app.quit) {
		draw_screen(&app);
		doupdate();
		int rc = poll(fds, 2, poll_timeout(&app));
		if (rc < 0 && errno != EINTR)
			break;
		/* EINTR is usually SIGWINCH: wget_wch then returns KEY_RESIZE. */
		if (rc < 0 || (fds[0].revents & (POLLIN | POLLHUP)))
			read_keys(&app);
		if (fds[0].revents & (POLLHUP | POLLERR) && !(fds[0].revents & POLLIN))
			app.quit = true;	/* the terminal went away */
		if (rc > 0 && (fds[1].revents & POLLIN))
			worker_deliver(app.worker);
		run_timers(&app);
	}

	shutdown_jobs(&app);
	worker_free(app.worker);
	term_stop();
	images_view_free(app.images);
	engine_free(app.engine);
	sb_free(&app.filter_edit);
	free(app.conn_error);
	free(app.message);
	free(app.term_note);
	the_app = NULL;
	return 0;
}
