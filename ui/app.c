#include "config.h"

#include <errno.h>
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
#include "draw.h"
#include "format.h"
#include "i18n.h"
#include "images.h"
#include "terminal.h"
#include "xalloc.h"

#define KEY_ESC 27

struct app *the_app;

long long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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

/* ---- the Details view ---------------------------------------------------------- */

static void
open_details(struct app *app)
{
	const struct image_row *r = images_view_selected(app->images);
	if (!r)
		return;
	char id[16], title[512];
	format_short_id(id, sizeof(id), r->image->id);
	if (strcmp(r->repo, "<none>") == 0)
		snprintf(title, sizeof(title), "<none> (%s)", id);
	else
		snprintf(title, sizeof(title), "%s:%s (%s)", r->repo, r->tag, id);
	details_view_free(app->details);
	app->details = details_view_new(title, r->image->id);
	details_start(app);
}

static void
close_details(struct app *app)
{
	details_view_free(app->details);
	app->details = NULL;
}

/* OSC 52 goes straight to the terminal, after curses has flushed: the terminal (or tmux, or
 * the terminal at the far end of ssh) puts it on the clipboard. */
static void
copy_to_clipboard(struct app *app, char *text, const char *what)
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

static void
details_reaction(struct app *app, enum reaction r)
{
	if (r & REACT_BACK) {
		close_details(app);
	} else if (r & REACT_PROMPT_SEARCH) {
		prompt_open(&app->prompt, PROMPT_SEARCH, _("Search: "), NULL);
	} else if (r & REACT_PROMPT_PATH) {
		prompt_open(&app->prompt, PROMPT_PATH, _("Path or --format: "), NULL);
	} else if (r & REACT_COPY_VALUE) {
		copy_to_clipboard(app, details_view_copy_value(app->details), _("value"));
	} else if (r & REACT_COPY_PATH) {
		copy_to_clipboard(app, details_view_copy_path(app->details), _("path"));
	}
}

static void
search_again(struct app *app, bool forward)
{
	if (!app->last_search) {
		app_message(app, false, "%s", _("No search yet: / searches"));
		return;
	}
	if (!details_view_search(app->details, app->last_search, forward, true))
		app_message(app, true, _("Not found: %s"), app->last_search);
}

/* ---- keys ---------------------------------------------------------------------- */

static void
prompt_finished(struct app *app, enum prompt_result res)
{
	const char *text = prompt_text(&app->prompt);
	switch (app->prompt.kind) {
	case PROMPT_FILTER:
		if (res == PROMPT_CANCELLED)
			images_view_set_filter(app->images, "");
		prompt_close(&app->prompt);
		break;
	case PROMPT_SEARCH:
		if (res == PROMPT_ACCEPTED && *text) {
			free(app->last_search);
			app->last_search = xstrdup(text);
		}
		prompt_close(&app->prompt);
		break;
	case PROMPT_PATH: {
		if (res == PROMPT_CANCELLED || !*text) {
			prompt_close(&app->prompt);
			break;
		}
		char *err = NULL;
		if (details_view_goto(app->details, text, &err)) {
			prompt_close(&app->prompt);
		} else {
			/* Stay in the prompt so the path can be mended. */
			prompt_set_error(&app->prompt, err);
		}
		free(err);
		break;
	}
	case PROMPT_QUERY:
	case PROMPT_FILTERS:
	case PROMPT_REPO: {
		if (res == PROMPT_CANCELLED) {
			prompt_close(&app->prompt);
			break;
		}
		char *err = NULL;
		if (app->prompt.kind == PROMPT_QUERY)
			search_run(app, text, &err);
		else if (app->prompt.kind == PROMPT_FILTERS)
			search_refilter(app, text, &err);
		else
			search_open_repo(app, text, &err);
		if (err)
			prompt_set_error(&app->prompt, err);
		else
			prompt_close(&app->prompt);
		free(err);
		break;
	}
	case PROMPT_PULL:
	case PROMPT_TAG: {
		if (res == PROMPT_CANCELLED) {
			prompt_close(&app->prompt);
			break;
		}
		char *err = NULL;
		if (app->prompt.kind == PROMPT_PULL)
			task_pull(app, text, &err);
		else
			task_tag(app, text, &err);
		if (err)
			prompt_set_error(&app->prompt, err);	/* the reference is checked before the engine is called */
		else
			prompt_close(&app->prompt);
		free(err);
		break;
	}
	case PROMPT_NONE:
		break;
	}
}

static void
prompt_edited(struct app *app)
{
	const char *text = prompt_text(&app->prompt);
	if (app->prompt.kind == PROMPT_FILTER) {
		images_view_set_filter(app->images, text);
	} else if (app->prompt.kind == PROMPT_SEARCH && *text) {
		/* Search as you type, from where the cursor is. */
		if (!details_view_search(app->details, text, true, false))
			prompt_set_error(&app->prompt, _("not found"));
	}
}

static void
key_prompt(struct app *app, wint_t ch, bool is_key)
{
	enum prompt_result res = prompt_key(&app->prompt, ch, is_key);
	if (res == PROMPT_EDITED) {
		prompt_edited(app);
	} else if (res == PROMPT_ACCEPTED || res == PROMPT_CANCELLED) {
		prompt_finished(app, res);
	} else if (res == PROMPT_IGNORED && is_key) {
		/* Arrows still move the list while typing. */
		enum action a = keymap_lookup(app_chain(app), (int)ch);
		if (a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP || a == ACT_PAGE_DOWN) {
			if (app->details)
				details_view_action(app->details, a, app_list_rows(app));
			else
				images_view_action(app->images, a, app_list_rows(app));
		}
	}
}

static void
do_search_action(struct app *app, enum action a)
{
	struct search_view *v = app->search_view;
	switch (a) {
	case ACT_SEARCH_QUERY: {
		const struct search_query *q = search_view_query(v);
		prompt_open(&app->prompt, PROMPT_QUERY, _("Search: "), q->term);
		return;
	}
	case ACT_SEARCH_FILTERS: {
		/* A one-line form in docker search's own words: what people know already. */
		char *cmd = search_query_command(search_view_query(v));
		const char *opts = strncmp(cmd, "docker search", 13) == 0 ? cmd + 13 : cmd;
		while (*opts == ' ')
			opts++;
		prompt_open(&app->prompt, PROMPT_FILTERS, _("Filters (--filter stars=N --filter is-official=true --limit N): "), NULL);
		/* Keep only the options: the term stays as it is. */
		const char *term = search_view_query(v)->term;
		size_t len = strlen(opts);
		if (term && len >= strlen(term) && strcmp(opts + len - strlen(term), term) == 0)
			len -= strlen(term);
		while (len && opts[len - 1] == ' ')
			len--;
		sb_append(&app->prompt.text, opts, len);
		free(cmd);
		return;
	}
	case ACT_OPEN_REPO:
		prompt_open(&app->prompt, PROMPT_REPO, _("Repository (host[:port]/path): "), NULL);
		return;
	case ACT_PULL_THIS: {
		char *ref = search_view_pull_ref(v);
		if (!ref) {
			app_message(app, false, "%s", _("Open a repository's tag first (Enter), then p pulls it"));
			return;
		}
		char *err = NULL;
		task_pull(app, ref, &err);
		if (err) {
			app_message(app, true, "%s", err);
			free(err);
		}
		free(ref);
		return;
	}
	default:
		break;
	}
	enum reaction r = search_view_action(v, a, app_list_rows(app));
	if (r & REACT_BACK)
		app->show_search = false;
	if (r & REACT_OPEN)
		search_open_selected(app);
}

static void
do_action(struct app *app, enum action a)
{
	switch (a) {
	case ACT_QUIT: {
		size_t running = joblist_count_running(&app->jobs, NULL);
		if (!running) {
			app->quit = true;
			return;
		}
		dialog_open(&app->dialog, DIALOG_QUIT, _(" Quit budu?"));
		char line[160];
		snprintf(line, sizeof(line), ngettext("%zu job is still running; quitting cancels it.",
						      "%zu jobs are still running; quitting cancels them.", running), running);
		dialog_add_line(&app->dialog, line);
		return;
	}
	case ACT_HELP:
		app->help = true;
		app->help_scroll = 0;
		return;
	case ACT_RELOAD:
		app->retry_ms = 500;
		load_start(app);
		details_start(app);
		return;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return;
	case ACT_SHOW_JOBS:
		app->show_jobs = true;
		return;
	case ACT_SHOW_IMAGES:
		app->show_jobs = false;
		app->show_search = false;
		close_details(app);
		return;
	case ACT_SHOW_SEARCH:
		app->show_jobs = false;
		app->show_search = true;
		/* The panel opens with the query prompt when nothing was searched yet. */
		if (!search_view_searched(app->search_view))
			prompt_open(&app->prompt, PROMPT_QUERY, _("Search: "), NULL);
		return;
	default:
		break;
	}
	if (app->show_jobs) {
		struct job *j = jobs_view_selected(app->jobs_view);
		if (a == ACT_CANCEL_JOB && j) {
			if (!joblist_cancel(&app->jobs, j->id))
				app_message(app, false, "%s", _("That job has finished already"));
		} else if (a == ACT_CLEAR_JOBS) {
			size_t n = joblist_clear_finished(&app->jobs);
			tasks_forget_cleared(app);
			app_message(app, false, ngettext("Cleared %zu finished job", "Cleared %zu finished jobs", n), n);
		} else {
			jobs_view_action(app->jobs_view, a, app_list_rows(app));
		}
		return;
	}
	if (app->show_search) {
		do_search_action(app, a);
		return;
	}
	if (app->details) {
		if (a == ACT_SEARCH_NEXT || a == ACT_SEARCH_PREV) {
			search_again(app, a == ACT_SEARCH_NEXT);
			return;
		}
		details_reaction(app, details_view_action(app->details, a, app_list_rows(app)));
		return;
	}
	const struct image_row *sel = images_view_selected(app->images);
	char ref[1024] = "";
	if (sel && strcmp(sel->repo, "<none>") != 0)
		snprintf(ref, sizeof(ref), "%s:%s", sel->repo, sel->tag);
	switch (a) {
	case ACT_FILTER:
		prompt_open(&app->prompt, PROMPT_FILTER, _("Filter: "), images_view_filter(app->images));
		break;
	case ACT_PULL:
		prompt_open(&app->prompt, PROMPT_PULL, _("Pull (-a for all tags): "), ref);
		break;
	case ACT_TAG:
		if (sel)
			prompt_open(&app->prompt, PROMPT_TAG, _("New tag for the image: "), ref);
		break;
	case ACT_REMOVE:
		task_remove_confirm(app);
		break;
	case ACT_COPY_ID:
		if (sel)
			copy_to_clipboard(app, xstrdup(sel->image->id), _("image ID"));
		break;
	case ACT_COPY_REF:
		/* A <none> row has no name: its ID is what refers to it. */
		if (sel)
			copy_to_clipboard(app, xstrdup(ref[0] ? ref : sel->image->id), _("reference"));
		break;
	case ACT_PRUNE:
		task_prune_start(app);
		break;
	case ACT_TOGGLE_ALL:
		images_view_action(app->images, a, app_list_rows(app));
		app_message(app, false, "%s", images_view_show_all(app->images)
			    ? _("Showing intermediate images (-a)") : _("Hiding intermediate images"));
		load_start(app);
		break;
	default: {
		enum reaction r = images_view_action(app->images, a, app_list_rows(app));
		if (r & REACT_RELOAD)
			load_start(app);
		if (r & REACT_OPEN)
			open_details(app);
		break;
	}
	}
}

static void
handle_key(struct app *app, wint_t ch, bool is_key)
{
	free(app->message);
	app->message = NULL;
	if (is_key && ch == KEY_RESIZE)
		return;
	if (app->dialog.open) {
		switch (dialog_key(&app->dialog, ch, is_key)) {
		case DIALOG_YES: task_dialog_yes(app); break;
		case DIALOG_NO: dialog_close(&app->dialog); break;
		case DIALOG_CHANGED: task_dialog_changed(app); break;
		case DIALOG_NONE: break;
		}
		return;
	}
	if (app->prompt.kind != PROMPT_NONE) {
		key_prompt(app, ch, is_key);
		return;
	}
	if (app->help) {
		static const struct keymap_chain global = { .n = 0 };
		enum action a = keymap_lookup(&global, (int)ch);
		if (a == ACT_DOWN)
			app->help_scroll++;
		else if (a == ACT_UP && app->help_scroll > 0)
			app->help_scroll--;
		else if (a == ACT_QUIT || a == ACT_HELP || (!is_key && ch == KEY_ESC))
			app->help = false;
		return;
	}
	/* Keys are ASCII or curses codes; other characters bind to nothing. */
	enum action a = !is_key && ch > 127 ? ACT_NONE : keymap_lookup(app_chain(app), (int)ch);
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

/* ---- the loop ------------------------------------------------------------------- */

int
app_run(struct app_options *opt)
{
	struct app app = { 0 };
	the_app = &app;
	app.engine = opt->engine;
	app.demo_note = opt->demo_note;
	app.retry_ms = 500;
	app.images = images_view_new();
	joblist_init(&app.jobs);
	app.jobs_view = jobs_view_new(&app.jobs, task_pull_model, &app);
	app.search_view = search_view_new();

	char *err = NULL;
	if (!term_start(&app.term_note, &err)) {
		fprintf(stderr, "budu: %s\n", err);
		free(err);
		images_view_free(app.images);
		jobs_view_free(app.jobs_view);
		search_view_free(app.search_view);
		joblist_free(&app.jobs);
		engine_free(app.engine);
		return 1;
	}
	xalloc_set_fatal_hook(term_stop);
	/* The event stream holds one thread; loads of the list, containers and details share two. */
	app.worker = worker_new(3);
	/* Jobs get their own threads: four pulls at once never hold up a list reload. */
	app.job_worker = worker_new(4);
	load_start(&app);

	struct pollfd fds[3] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = worker_wake_fd(app.worker), .events = POLLIN },
		{ .fd = worker_wake_fd(app.job_worker), .events = POLLIN },
	};
	while (!app.quit) {
		draw_screen(&app);
		doupdate();
		int rc = poll(fds, 3, poll_timeout(&app));
		if (rc < 0 && errno != EINTR)
			break;
		/* EINTR is usually SIGWINCH: wget_wch then returns KEY_RESIZE. */
		if (rc < 0 || (fds[0].revents & (POLLIN | POLLHUP)))
			read_keys(&app);
		if (fds[0].revents & (POLLHUP | POLLERR) && !(fds[0].revents & POLLIN))
			app.quit = true;	/* the terminal went away */
		if (rc > 0 && (fds[1].revents & POLLIN))
			worker_deliver(app.worker);
		if (rc > 0 && (fds[2].revents & POLLIN))
			worker_deliver(app.job_worker);
		run_timers(&app);
	}

	shutdown_jobs(&app);
	for (size_t i = 0; i < app.jobs.njobs; i++)
		if (!job_is_finished(app.jobs.jobs[i]))
			cancel_request(&app.jobs.jobs[i]->cancel);
	worker_free(app.job_worker);
	worker_free(app.worker);
	term_stop();
	images_view_free(app.images);
	engine_free(app.engine);
	prompt_free(&app.prompt);
	details_view_free(app.details);
	jobs_view_free(app.jobs_view);
	search_view_free(app.search_view);
	tasks_free(&app);
	joblist_free(&app.jobs);
	dialog_close(&app.dialog);
	free(app.last_search);
	free(app.conn_error);
	free(app.message);
	free(app.term_note);
	the_app = NULL;
	return 0;
}
