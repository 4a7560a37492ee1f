/* The Containers panel's root: `docker container ls -a` as a list that filters, sorts, marks
 * and scrolls, live from container events, and the commands that act on containers. It reads
 * the session's container list (the one behind the Images panel's in-use column); it owns only
 * its rows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app.h"
#include "container_rows.h"
#include "container_view.h"
#include "containers_view.h"
#include "container_status.h"
#include "draw.h"
#include "exec.h"
#include "filter_prompt.h"
#include "format.h"
#include "i18n.h"
#include "marks.h"
#include "sanitize.h"
#include "strbuf.h"
#include "tasks.h"
#include "session.h"
#include "sort_cols.h"
#include "strv.h"
#include "table.h"
#include "view.h"
#include "xalloc.h"

struct containers_view {
	struct view base;
	const struct container_list *list;	/* the session's, NULL before the first answer */
	bool partial;		/* list is the engine's first page: the rest is on its way */
	struct container_row *rows;
	size_t nrows;
	size_t *visible;	/* indexes into rows that pass the filters, in sort order */
	struct list_pos pos;	/* over visible */
	enum container_sort sort;
	bool sort_reverse;	/* O: the sort's order reversed */
	int header_x[CONTAINER_COL_COUNT], header_w[CONTAINER_COL_COUNT];	/* where the header drew
							 * each column; width 0: not drawn */
	bool running_only;	/* a: docker container ls without -a */
	bool no_trunc;
	struct filter_prompt filter;
	char *ancestor_id;	/* only the containers of this image (a jump from the Images panel) */
	char *ancestor_label;	/* how that image was named there, for the title */
	struct marks marks;	/* IDs of the marked rows: marks outlive reloads */
	int content_width[CONTAINER_COL_COUNT];
	bool ports_any;		/* a shown row has ports: PORTS is shown */
	char *select_id;	/* a container to select once the list has it (one just run) */
	bool rm_force, rm_volumes;	/* the remove dialog's switches */
	char *commit_label;	/* the commit or exec prompt's label: it must outlive the prompt */
};

#define CV(v) ((struct containers_view *)(v))

/* The order each column sorts by (SIZE is not shown). */
static const int column_sort[CONTAINER_COL_COUNT] = {
	[CONTAINER_COL_ID] = CONTAINER_SORT_ID, [CONTAINER_COL_IMAGE] = CONTAINER_SORT_IMAGE,
	[CONTAINER_COL_COMMAND] = CONTAINER_SORT_COMMAND, [CONTAINER_COL_CREATED] = CONTAINER_SORT_CREATED,
	[CONTAINER_COL_STATUS] = CONTAINER_SORT_STATUS, [CONTAINER_COL_PORTS] = CONTAINER_SORT_PORTS,
	[CONTAINER_COL_NAMES] = CONTAINER_SORT_NAME, [CONTAINER_COL_SIZE] = -1,
};

/* The untranslated titles, for the config file's sort. */
static const char *const column_names[CONTAINER_COL_COUNT] = {
	"CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES", "SIZE",
};

static const struct container *
selected_container(const struct containers_view *v)
{
	return v->pos.n ? v->rows[v->visible[v->pos.cursor]].container : NULL;
}

static bool
is_marked(const struct containers_view *v, const struct container *c)
{
	return marks_has(&v->marks, c->id);
}

static void
clear_marks(struct containers_view *v)
{
	marks_clear(&v->marks);
}

static bool
shown(const struct containers_view *v, const struct container_row *r)
{
	const struct container *c = r->container;
	/* docker ps without -a lists what runs: paused and restarting containers run too. */
	if (v->running_only && strcmp(c->state, "running") != 0 && strcmp(c->state, "paused") != 0 &&
	    strcmp(c->state, "restarting") != 0)
		return false;
	if (v->ancestor_id && strcmp(c->image_id, v->ancestor_id) != 0)
		return false;
	return container_row_matches(r, v->filter.text);
}

static void
measure(struct containers_view *v)
{
	time_t now = time(NULL);
	char buf[CONTAINER_CELL_BUF];
	for (int c = 0; c < CONTAINER_COL_COUNT; c++)
		v->content_width[c] = text_width(container_column_title((enum container_column)c));
	v->ports_any = false;
	for (size_t i = 0; i < v->pos.n; i++) {
		const struct container *ct = v->rows[v->visible[i]].container;
		for (int c = 0; c < CONTAINER_COLUMNS_DEFAULT; c++) {
			/* CREATED: the widest age it can grow into, so it is never cut later. */
			int w = c == CONTAINER_COL_CREATED
					? format_created_width((int64_t)now, ct->created)
					: text_width(container_cell(ct, (enum container_column)c, v->no_trunc, now, buf,
								    sizeof(buf)));
			if (w > v->content_width[c])
				v->content_width[c] = w;
			if (c == CONTAINER_COL_PORTS && w > 0)
				v->ports_any = true;
		}
	}
}

/* The session's list; before it comes, the engine's first page, when that is exactly the top
 * of what this view shows (the default order, nothing filtered out). */
static const struct container_list *
list_of(const struct containers_view *v, bool *partial)
{
	struct session *s = app_session(v->base.app);
	const struct container_list *l = session_containers(s);
	*partial = false;
	if (l || v->sort != CONTAINER_SORT_CREATED || v->sort_reverse || v->running_only || v->ancestor_id || v->filter.text[0])
		return l;
	l = session_containers_newest(s);
	*partial = l != NULL;
	return l;
}

/* Rows, sort, filters and widths from the list; the cursor stays on its container. */
static void
rebuild(struct containers_view *v)
{
	const struct container *keep = selected_container(v);
	char *keep_id = keep ? xstrdup(keep->id) : NULL;
	size_t old_cursor = v->pos.cursor;
	/* the old rows point into a list still alive here: keep_id is read first */
	v->list = list_of(v, &v->partial);
	free(v->rows);
	v->rows = NULL;
	v->nrows = 0;
	if (v->list)
		v->nrows = container_rows_build(v->list, &v->rows);
	container_rows_sort_dir(v->rows, v->nrows, v->sort, v->sort_reverse);
	free(v->visible);
	v->visible = xcalloc(v->nrows ? v->nrows : 1, sizeof(*v->visible));
	v->pos.n = 0;
	for (size_t i = 0; i < v->nrows; i++)
		if (shown(v, &v->rows[i]))
			v->visible[v->pos.n++] = i;
	v->pos.cursor = old_cursor < v->pos.n ? old_cursor : (v->pos.n ? v->pos.n - 1 : 0);
	for (size_t i = 0; keep_id && i < v->pos.n; i++)
		if (strcmp(v->rows[v->visible[i]].container->id, keep_id) == 0)
			v->pos.cursor = i;
	free(keep_id);
	for (size_t i = 0; v->select_id && i < v->pos.n; i++) {
		if (strcmp(v->rows[v->visible[i]].container->id, v->select_id) == 0) {
			v->pos.cursor = i;
			free(v->select_id);
			v->select_id = NULL;
		}
	}
	measure(v);
}

/* ---- the session's list ---------------------------------------------------------- */

static void
containers_update(struct view *view, unsigned what)
{
	struct containers_view *v = CV(view);
	if (!(what & SESSION_CONTAINERS))
		return;
	/* Rows point into the old list, still alive here: rebuild reads the cursor's ID first. */
	const struct container *keep = selected_container(v);
	char *keep_id = keep ? xstrdup(keep->id) : NULL;
	free(v->rows);
	v->rows = NULL;
	v->nrows = 0;
	v->pos.n = 0;
	rebuild(v);
	for (size_t i = 0; keep_id && !v->select_id && i < v->pos.n; i++)
		if (strcmp(v->rows[v->visible[i]].container->id, keep_id) == 0)
			v->pos.cursor = i;
	free(keep_id);
}

/* The session keeps its list current from the events (live.c): opening the panel reads it
 * again only when it was never read; R and a reconnection always do. */
static void
containers_reload(struct view *view, unsigned why)
{
	struct session *s = app_session(view->app);
	if ((why & (VIEW_REFRESH_USER | VIEW_REFRESH_RECONNECT)) || !session_containers(s))
		session_load_containers(s);
}

/* ---- commands ------------------------------------------------------------------- */

static void
refilter(struct view *view)
{
	rebuild(CV(view));
}

static bool
cmd_filter(struct view *view)
{
	filter_prompt_open(&CV(view)->filter);
	return true;
}

/* Esc clears the typed filter, then the image filter; with neither, it is BACK. */
static bool
cmd_clear_filter(struct view *view)
{
	struct containers_view *v = CV(view);
	if (filter_prompt_clear(&v->filter))
		return true;
	if (v->ancestor_id) {
		free(v->ancestor_id);
		free(v->ancestor_label);
		v->ancestor_id = v->ancestor_label = NULL;
	} else {
		return false;
	}
	rebuild(v);
	return true;
}

static int
sort_column(const struct containers_view *v)
{
	return sort_cols_column(column_sort, CONTAINER_COL_COUNT, (int)v->sort, CONTAINER_COL_CREATED);
}

/* o, >, <: the next (step 1) or previous (-1) column, in its own direction. */
static bool
sort_step(struct view *view, int step)
{
	struct containers_view *v = CV(view);
	v->sort = (enum container_sort)column_sort[sort_cols_step(column_sort, CONTAINER_COL_COUNT,
								   sort_column(v), step, NULL)];
	v->sort_reverse = false;
	rebuild(v);
	return true;
}

static bool cmd_sort(struct view *view) { return sort_step(view, 1); }
static bool cmd_sort_prev(struct view *view) { return sort_step(view, -1); }

static bool
cmd_sort_reverse(struct view *view)
{
	struct containers_view *v = CV(view);
	v->sort_reverse = !v->sort_reverse;
	rebuild(v);
	return true;
}

/* Created reads newest first, the rest A to Z (status: running first). */
static bool
sort_descending(const struct containers_view *v)
{
	return (v->sort == CONTAINER_SORT_CREATED) != v->sort_reverse;
}

static const char *
containers_header_at(struct view *view, int x)
{
	struct containers_view *v = CV(view);
	for (int c = 0; c < CONTAINER_COL_COUNT; c++)
		if (v->header_w[c] && x >= v->header_x[c] && x < v->header_x[c] + v->header_w[c])
			return column_sort[c] >= 0 ? column_names[c] : NULL;
	return NULL;
}

static bool
containers_sort_by(struct view *view, const char *name, int reverse)
{
	struct containers_view *v = CV(view);
	int c = strcasecmp(name, "id") == 0 ? CONTAINER_COL_ID
					    : sort_cols_find(column_sort, column_names, CONTAINER_COL_COUNT, name);
	if (c < 0 && strcasecmp(name, "name") == 0)
		c = CONTAINER_COL_NAMES;
	if (c < 0)
		return false;
	v->sort_reverse = sort_cols_reverse((int)v->sort, v->sort_reverse, column_sort[c], reverse);
	v->sort = (enum container_sort)column_sort[c];
	rebuild(v);
	return true;
}

static bool
cmd_toggle_all(struct view *view)
{
	struct containers_view *v = CV(view);
	v->running_only = !v->running_only;
	app_message(view->app, false, "%s", v->running_only ? _("Showing running containers only")
							    : _("Showing all containers (-a)"));
	rebuild(v);
	return true;
}

static bool
cmd_trunc(struct view *view)
{
	struct containers_view *v = CV(view);
	v->no_trunc = !v->no_trunc;
	measure(v);
	return true;
}

static bool
cmd_mark(struct view *view)
{
	struct containers_view *v = CV(view);
	const struct container *c = selected_container(v);
	if (!c)
		return true;
	marks_toggle(&v->marks, c->id);
	if (v->pos.cursor + 1 < v->pos.n)
		v->pos.cursor++;
	return true;
}

/* The IDs of the rows the filters show, for +, * (a new array of new strings). */
static char **
shown_ids(const struct containers_view *v)
{
	char **ids = xcalloc(v->pos.n ? v->pos.n : 1, sizeof(*ids));
	for (size_t i = 0; i < v->pos.n; i++)
		ids[i] = xstrdup(v->rows[v->visible[i]].container->id);
	return ids;
}

static bool
cmd_mark_all(struct view *view)
{
	struct containers_view *v = CV(view);
	marks_add_all(&v->marks, shown_ids(v), v->pos.n);
	return true;
}

static bool
cmd_unmark_all(struct view *view)
{
	clear_marks(CV(view));
	return true;
}

static bool
cmd_invert_marks(struct view *view)
{
	struct containers_view *v = CV(view);
	marks_invert(&v->marks, shown_ids(v), v->pos.n);
	return true;
}

static bool
cmd_copy_id(struct view *view)
{
	const struct container *c = selected_container(CV(view));
	if (c)
		app_copy(view->app, xstrdup(c->id), _("container ID"));
	return true;
}

static bool
cmd_copy_name(struct view *view)
{
	const struct container *c = selected_container(CV(view));
	if (c)
		app_copy(view->app, xstrdup(c->name), _("container name"));
	return true;
}

/* The marked containers in list order, or the selected one: a new array (free it only). */
static const struct container **
targets(const struct containers_view *v, size_t *n)
{
	const struct container **out = xcalloc(v->pos.n ? v->pos.n : 1, sizeof(*out));
	*n = 0;
	for (size_t i = 0; i < v->pos.n && v->marks.n; i++)
		if (is_marked(v, v->rows[v->visible[i]].container))
			out[(*n)++] = v->rows[v->visible[i]].container;
	if (*n == 0 && v->pos.n)
		out[(*n)++] = selected_container(v);
	return out;
}

static bool
run_op(struct view *view, enum container_op op, const struct container_op_args *args)
{
	struct containers_view *v = CV(view);
	size_t n;
	const struct container **cs = targets(v, &n);
	for (size_t i = 0; i < n; i++)
		task_container_op(app_tasks(view->app), op, cs[i]->id, cs[i]->name, args);
	free(cs);
	if (n > 1)
		clear_marks(v);
	return true;
}

static const struct container_op_args default_args = { .timeout = CONTAINER_TIMEOUT_DEFAULT };

static bool cmd_start(struct view *view) { return run_op(view, CONTAINER_OP_START, &default_args); }
static bool cmd_stop(struct view *view) { return run_op(view, CONTAINER_OP_STOP, &default_args); }
static bool cmd_restart(struct view *view) { return run_op(view, CONTAINER_OP_RESTART, &default_args); }

/* p pauses what runs and unpauses what is paused. */
static bool
cmd_pause(struct view *view)
{
	const struct container *c = selected_container(CV(view));
	if (!c)
		return true;
	return run_op(view, container_is_paused(c) ? CONTAINER_OP_UNPAUSE : CONTAINER_OP_PAUSE, &default_args);
}

static bool
kill_accept(void *ctx, const char *text, char **err)
{
	(void)err;
	struct container_op_args args = default_args;
	args.signal = text;
	return run_op(ctx, CONTAINER_OP_KILL, &args);
}

static bool
cmd_kill(struct view *view)
{
	static const struct prompt_ops ops = { kill_accept, NULL, NULL };
	if (selected_container(CV(view)))
		app_prompt(view->app, _("Kill with signal (KILL, TERM, HUP, INT...): "), "KILL", &ops, view);
	return true;
}

static bool
rename_accept(void *ctx, const char *text, char **err)
{
	struct view *view = ctx;
	const struct container *c = selected_container(CV(view));
	if (!c)
		return true;
	if (!container_name_valid(text)) {
		*err = xstrdup(_("A name is 2 characters or more of a-z, A-Z, 0-9, _ . -, the first a letter or digit"));
		return false;
	}
	struct container_op_args args = default_args;
	args.new_name = text;
	task_container_op(app_tasks(view->app), CONTAINER_OP_RENAME, c->id, c->name, &args);
	return true;
}

static bool
cmd_rename(struct view *view)
{
	static const struct prompt_ops ops = { rename_accept, NULL, NULL };
	const struct container *c = selected_container(CV(view));
	if (c)
		app_prompt(view->app, _("New name: "), c->name, &ops, view);
	return true;
}

/* The remove dialog: the docker command, what goes, and which ones need force. */
static void remove_fill(struct containers_view *v);

static void
remove_changed(void *ctx, struct dialog *d, int key)
{
	struct containers_view *v = ctx;
	(void)key;
	v->rm_force = dialog_switch(d, 'f');
	v->rm_volumes = dialog_switch(d, 'v');
	remove_fill(v);
}

static void
remove_yes(void *ctx, struct dialog *d)
{
	struct containers_view *v = ctx;
	(void)d;
	struct container_op_args args = default_args;
	args.force = v->rm_force;
	args.volumes = v->rm_volumes;
	run_op(&v->base, CONTAINER_OP_REMOVE, &args);
	clear_marks(v);
}

static void
remove_fill(struct containers_view *v)
{
	static const struct dialog_ops ops = { remove_yes, remove_changed };
	size_t n;
	const struct container **cs = targets(v, &n);
	struct strbuf names = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		sb_printf(&names, "%s%s", i ? " " : "", cs[i]->name);
	struct container_op_args args = default_args;
	args.force = v->rm_force;
	args.volumes = v->rm_volumes;
	char title[128];
	snprintf(title, sizeof(title), " %s", ngettext("Remove this container?", "Remove these containers?", n));
	struct dialog *d = app_confirm(v->base.app, title, &ops, v);
	char *cmd = container_op_command(CONTAINER_OP_REMOVE, names.buf ? names.buf : "", &args);
	dialog_add_line(d, cmd);
	free(cmd);
	dialog_add_line(d, "");
	for (size_t i = 0; i < n; i++) {
		dialog_add_linef(d, "  %.12s  %s  (%s)", cs[i]->id, cs[i]->name, cs[i]->status);
		if (!container_is_stopped(cs[i]) && !v->rm_force)
			dialog_add_line(d, _("        needs force (f): it is running"));
	}
	dialog_add_switch(d, 'f', _("force: kill it first if it runs (-f)"), v->rm_force);
	dialog_add_switch(d, 'v', _("its anonymous volumes too (-v)"), v->rm_volumes);
	sb_free(&names);
	free(cs);
}

static bool
cmd_remove(struct view *view)
{
	struct containers_view *v = CV(view);
	if (!selected_container(v))
		return true;
	v->rm_force = v->rm_volumes = false;
	remove_fill(v);
	return true;
}

static bool
commit_accept(void *ctx, const char *text, char **err)
{
	struct view *view = ctx;
	const struct container *c = selected_container(CV(view));
	return c ? task_commit(app_tasks(view->app), c->id, c->name, text, err) : true;
}

/* c: the container into a new image, with docker commit's options. */
static bool
cmd_commit(struct view *view)
{
	static const struct prompt_ops ops = { commit_accept, NULL, NULL };
	const struct container *c = selected_container(CV(view));
	if (!c)
		return true;
	/* The label says which container: what is typed is what follows it on docker's line. */
	char *label = xasprintf("docker commit %s ", c->name);
	free(CV(view)->commit_label);
	CV(view)->commit_label = label;
	app_prompt(view->app, label, NULL, &ops, view);
	return true;
}

enum { SLOT_EXEC };

static bool
exec_accept(void *ctx, const char *text, char **err)
{
	struct view *view = ctx;
	const struct container *c = selected_container(CV(view));
	return c ? exec_start(view, SLOT_EXEC, c->id, c->name, text, err) : true;
}

/* e: a command in the container, sh unless told otherwise; the terminal is handed over. */
static bool
cmd_exec(struct view *view)
{
	static const struct prompt_ops ops = { exec_accept, NULL, NULL };
	const struct container *c = selected_container(CV(view));
	if (!c)
		return true;
	char *label = xasprintf("docker exec -it %s ", c->name);
	free(CV(view)->commit_label);
	CV(view)->commit_label = label;
	app_prompt(view->app, label, "sh", &ops, view);
	return true;
}

static bool
cmd_attach(struct view *view)
{
	const struct container *c = selected_container(CV(view));
	if (c)
		attach_start(view, SLOT_EXEC, c->id, c->name);
	return true;
}

static bool
cmd_prune(struct view *view)
{
	task_container_prune_preview(app_tasks(view->app));
	return true;
}

static bool
cmd_open(struct view *view)
{
	const struct container *c = selected_container(CV(view));
	if (c)
		app_push(view->app, container_view_new(view->app, c->id, c->name));
	return true;
}

static const struct view_key containers_keys[] = {
	{ 0, REQ_ENTER, cmd_open, N_("Open the container: logs, inspect, top, diff, ports"), NULL, NULL },
	{ 0, REQ_FILTER, cmd_filter, N_("Filter rows as you type (name, image, command, ID)"), NULL, NULL },
	{ 0, REQ_BACK, cmd_clear_filter, N_("Clear the filter, then the image filter"), NULL, NULL },
	{ 0, REQ_SORT, cmd_sort, N_("Sort by the next column (the header marks it)"), NULL, NULL },
	{ 0, REQ_SORT_PREV, cmd_sort_prev, N_("Sort by the previous column"), NULL, NULL },
	{ 0, REQ_SORT_REVERSE, cmd_sort_reverse, N_("Reverse the sort order"), NULL, NULL },
	{ 'a', 0, cmd_toggle_all, N_("All containers (-a) or running ones only"), NULL, "toggle-all" },
	{ 'T', 0, cmd_trunc, N_("Full IDs and commands, or cut (--no-trunc)"), NULL, "trunc" },
	{ ' ', 0, cmd_mark, N_("Mark or unmark the row"), NULL, "mark" },
	{ '+', 0, cmd_mark_all, N_("Mark every row shown"), NULL, "mark-all" },
	{ '-', 0, cmd_unmark_all, N_("Clear all marks"), NULL, "unmark-all" },
	{ '*', 0, cmd_invert_marks, N_("Invert the marks of the rows shown"), NULL, "invert-marks" },
	{ 0, REQ_COPY, cmd_copy_id, N_("Copy the container ID to the clipboard"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_name, N_("Copy the container name to the clipboard"), NULL, NULL },
	{ 'u', 0, cmd_start, N_("Start the marked containers, or the selected one"), N_("starts"), "start" },
	{ 's', 0, cmd_stop, N_("Stop them"), N_("stops"), "stop" },
	{ 'r', 0, cmd_restart, N_("Restart them"), NULL, "restart" },
	{ 'p', 0, cmd_pause, N_("Pause, or unpause a paused one"), NULL, "pause" },
	{ 'K', 0, cmd_kill, N_("Kill with a signal (prompt)"), NULL, "kill" },
	{ 'm', 0, cmd_rename, N_("Rename the selected container"), NULL, "rename" },
	{ 'd', 0, cmd_remove, N_("Remove them, after a confirmation (f force, v volumes)"), N_("removes"), "remove" },
	{ 'e', 0, cmd_exec, N_("Run a command in it, sh by default, with the terminal (docker exec -it)"), NULL, "exec" },
	{ 'A', 0, cmd_attach, N_("Attach to its main process (Ctrl-P Ctrl-Q detaches)"), NULL, "attach" },
	{ 'c', 0, cmd_commit, N_("Commit it to an image: -m, -a, -c lines, repository:tag"), NULL, "commit" },
	{ 'P', 0, cmd_prune, N_("Remove stopped containers (docker container prune)"), NULL, "prune" },
};

static const struct keytable containers_table = KEYTABLE("containers", N_("Containers"), containers_keys);
static const struct keytable *const containers_tables[] = { &containers_table, NULL };

/* ---- the frame ------------------------------------------------------------------ */

static void
containers_title(struct view *view, char *buf, size_t n)
{
	struct containers_view *v = CV(view);
	snprintf(buf, n, "%s  %s %s%s", _("Containers"), _("sort:"), container_sort_name(v->sort),
		 v->sort_reverse ? _(", reversed") : "");
}

/* The equivalent docker command: what you see is what it would print. */
static void
containers_describe(struct view *view, char *buf, size_t n)
{
	struct containers_view *v = CV(view);
	snprintf(buf, n, "docker container ls%s%s%s%s", v->running_only ? "" : " -a",
		 v->no_trunc ? " --no-trunc" : "", v->ancestor_label ? " --filter ancestor=" : "",
		 v->ancestor_label ? v->ancestor_label : "");
}

static void
containers_status(struct view *view, struct strbuf *sb)
{
	struct containers_view *v = CV(view);
	if (!v->list)
		return;
	size_t n = v->list->ncontainers;
	if (v->partial) {
		sb_printf(sb, ngettext("the newest %zu container", "the newest %zu containers", n), n);
		sb_printf(sb, " · %s", _("reading the rest…"));
		return;
	}
	size_t running = 0;
	for (size_t i = 0; i < v->list->ncontainers; i++)
		running += container_is_running(&v->list->containers[i]);
	sb_printf(sb, ngettext("%zu container", "%zu containers", n), n);
	sb_printf(sb, " · ");
	sb_printf(sb, _("%zu running"), running);
	if (v->pos.n != v->nrows) {
		sb_printf(sb, " · ");
		sb_printf(sb, _("%zu of %zu rows match"), v->pos.n, v->nrows);
	}
	if (v->marks.n) {
		sb_printf(sb, " · ");
		sb_printf(sb, ngettext("%zu marked", "%zu marked", v->marks.n), v->marks.n);
	}
}

/* A narrow screen cuts COMMAND and the age's room to grow first, then drops PORTS and CREATED
 * (STATUS tells the age that matters); NAMES, IMAGE and the ID, which name a container, give way
 * last. PORTS is not shown while empty on every row. */
static const struct table_step container_steps[] = {
	{ CONTAINER_COL_PORTS, TABLE_CUT, 20 },
	{ CONTAINER_COL_COMMAND, TABLE_CUT, 20 },
	{ CONTAINER_COL_CREATED, TABLE_CUT, 13 },
	{ CONTAINER_COL_COMMAND, TABLE_CUT, 12 },
	{ CONTAINER_COL_PORTS, TABLE_DROP, 0 },
	{ CONTAINER_COL_CREATED, TABLE_DROP, 0 },
	{ CONTAINER_COL_COMMAND, TABLE_CUT, 7 },
	{ CONTAINER_COL_STATUS, TABLE_CUT, 16 },
	{ CONTAINER_COL_IMAGE, TABLE_CUT, 20 },
	{ CONTAINER_COL_COMMAND, TABLE_DROP, 0 },
	{ CONTAINER_COL_STATUS, TABLE_CUT, 10 },
	{ CONTAINER_COL_IMAGE, TABLE_CUT, 12 },
	{ CONTAINER_COL_NAMES, TABLE_CUT, 16 },
	{ CONTAINER_COL_ID, TABLE_CUT, 7 },
};

static void
fit_columns(const struct containers_view *v, int width[CONTAINER_COL_COUNT], int screen)
{
	bool shown[CONTAINER_COL_COUNT];
	for (int c = 0; c < CONTAINER_COL_COUNT; c++)
		shown[c] = c < CONTAINER_COLUMNS_DEFAULT;
	shown[CONTAINER_COL_PORTS] = v->ports_any;
	table_fit(v->content_width, shown, CONTAINER_COL_COUNT, screen, container_steps,
		  sizeof(container_steps) / sizeof(container_steps[0]), width);
}

static void
draw_row(const struct containers_view *v, WINDOW *w, int y, const int *width, const struct container *ct,
	 bool selected, time_t now)
{
	int x = 0, maxx = getmaxx(w);
	char buf[CONTAINER_CELL_BUF];
	attr_t base = selected ? draw_attr(ROLE_SELECTED) : draw_attr(ROLE_NORMAL);
	if (is_marked(v, ct))
		base = draw_attr(selected ? ROLE_SELECTED : ROLE_MARKED) | A_BOLD;
	/* What does not run is dimmed: the eye finds the live ones. */
	bool live = container_is_running(ct) || strcmp(ct->state, "paused") == 0;
	int last_c = table_last(width, CONTAINER_COL_COUNT);
	for (int c = 0; c < CONTAINER_COLUMNS_DEFAULT && x < maxx; c++) {
		if (!width[c])
			continue;
		const char *text = container_cell(ct, (enum container_column)c, v->no_trunc, now, buf, sizeof(buf));
		bool last = c == last_c;
		int cw = last ? maxx - x : (width[c] < maxx - x ? width[c] : maxx - x);
		int content = last ? cw : cw - TABLE_PADDING;
		attr_t attr = !selected && !live && c == CONTAINER_COL_STATUS ? draw_attr(ROLE_DIM) : base;
		draw_text(w, y, x, text, content > 0 ? content : cw, attr);
		if (content > 0 && content < cw)
			draw_text(w, y, x + content, "", cw - content, base);
		x += cw;
	}
	if (x < maxx)
		draw_fill(w, y, x, base);
}

static bool
containers_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct containers_view *v = CV(view);
	if (!v->list || session_conn(app_session(view->app)) == CONN_DOWN)
		return false;	/* the app shows the engine's state */
	time_t now = time(NULL);
	int maxx = getmaxx(w);
	int width[CONTAINER_COL_COUNT];
	fit_columns(v, width, maxx);
	int x = 0, last_c = table_last(width, CONTAINER_COL_COUNT);
	memset(v->header_w, 0, sizeof(v->header_w));
	for (int c = 0; c < CONTAINER_COLUMNS_DEFAULT && x < maxx; c++) {
		if (!width[c])
			continue;
		int cw = c == last_c ? maxx - x : (width[c] < maxx - x ? width[c] : maxx - x);
		char head[96];
		snprintf(head, sizeof(head), "%s%s", container_column_title((enum container_column)c),
			 c == sort_column(v) ? draw_sort_mark(sort_descending(v)) : "");
		draw_text(w, y, x, head, cw, draw_attr(ROLE_HEADER));
		v->header_x[c] = x;
		v->header_w[c] = cw;
		x += cw;
	}
	int rows = height - 1;
	if (rows <= 0)
		return true;
	list_clamp(&v->pos, rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->pos.top + (size_t)i;
		if (idx >= v->pos.n)
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
		else {
			const struct container *ct = v->rows[v->visible[idx]].container;
			draw_row(v, w, y + 1 + i, width, ct, idx == v->pos.cursor, now);
			/* Its ages follow the clock: the loop wakes when a text would change. */
			app_wake_at(view->app, format_created_next((int64_t)now, ct->created));
			int64_t next;
			char sbuf[CONTAINER_CELL_BUF];
			container_status_at(ct->status, ct->status_at, (int64_t)now, sbuf, sizeof(sbuf), &next);
			app_wake_at(view->app, next);
		}
	}
	if (v->pos.n == 0 && height > 2) {
		char key[32], empty[256];
		view_key_of(view, cmd_clear_filter, key, sizeof(key));
		if (v->filter.text[0] || v->ancestor_id)
			snprintf(empty, sizeof(empty), _("No container matches the filter; %s clears it."), key);
		else if (v->running_only) {
			view_named_key(view, "toggle-all", key, sizeof(key));
			snprintf(empty, sizeof(empty), _("No container runs: %s shows all of them."), key);
		}
		else
			snprintf(empty, sizeof(empty), "%s", _("No containers on this engine."));
		draw_text(w, y + 2, 2, empty, maxx - 4, draw_attr(ROLE_DIM));
	}
	return true;
}

static struct list_pos *
containers_pos(struct view *view)
{
	return &CV(view)->pos;
}

/* A jump from the Images panel: the containers of one image. Without a label: select the
 * container with that ID (one just run), as soon as the list has it. */
static void
containers_focus(struct view *view, const char *image_id, const char *label)
{
	struct containers_view *v = CV(view);
	if (!label) {
		free(v->select_id);
		v->select_id = xstrdup(image_id);
		rebuild(v);
		return;
	}
	free(v->ancestor_id);
	free(v->ancestor_label);
	v->ancestor_id = xstrdup(image_id);
	v->ancestor_label = xstrdup(label);
	v->filter.text[0] = '\0';
	rebuild(v);
	v->pos.cursor = 0;
}

static void
containers_free(struct view *view)
{
	struct containers_view *v = CV(view);
	free(v->rows);
	free(v->visible);
	free(v->ancestor_id);
	free(v->ancestor_label);
	free(v->select_id);
	free(v->commit_label);
	clear_marks(v);
	free(v);
}

const struct view_ops containers_view_ops = {
	.name = N_("Containers"),
	.events = VIEW_EV_CONTAINER,
	.tables = containers_tables,
	.title = containers_title,
	.describe = containers_describe,
	.reload = containers_reload,
	.draw = containers_draw,
	.pos = containers_pos,
	.status = containers_status,
	.update = containers_update,
	.focus = containers_focus,
	.sort_by = containers_sort_by,
	.header_at = containers_header_at,
	.free = containers_free,
};

struct view *
containers_view_new(struct app *app)
{
	struct containers_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &containers_view_ops, app);
	v->filter = (struct filter_prompt){ .view = &v->base, .apply = refilter };
	/* The session may have read the list already (the Images panel's in-use column). */
	rebuild(v);
	return &v->base;
}
