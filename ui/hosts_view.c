/* The Hosts panel: every engine budu can reach, as `docker context ls` lists them plus what the
 * CLI does not list (Podman's connections, as `podman system connection ls` lists them, the
 * default socket when DOCKER_HOST hides it, Podman's sockets on this machine), each checked in parallel when the panel opens or on R: whether it answers, the
 * engine and its version, its images and their size. Enter moves budu to the selected engine
 * (app_switch_engine); n creates a context the way `docker context create` does. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app.h"
#include "context.h"
#include "draw.h"
#include "engine.h"
#include "format.h"
#include "host.h"
#include "hosts_view.h"
#include "i18n.h"
#include "image_layers.h"
#include "images.h"
#include "panels.h"
#include "podman_conn.h"
#include "sanitize.h"
#include "session.h"
#include "system_df.h"
#include "table.h"
#include "view.h"
#include "xalloc.h"

enum { SLOT_LIST, SLOT_CHECK, SLOT_SWITCH };

enum check_state { CHECK_NONE, CHECK_RUNNING, CHECK_UP, CHECK_DOWN };

/* How to reach a row's engine: a context by name (context_host), or an address (host_parse),
 * with a key file for ssh:// (a Podman connection's). */
struct host_ref {
	char *context;
	char *spec;
	char *identity;		/* with spec: a Podman connection's ssh key file */
};

struct host_row {
	struct host_ref ref;
	char *name;		/* the context's name, or what the address is ("Podman socket") */
	char *description;
	char *endpoint;		/* the address as budu shows it (host.display), sanitised */
	char *error;		/* why it cannot be used, as listed; NULL when it can */
	bool docker_current;	/* the context docker itself would use now (docker context ls's *) */
	enum check_state state;
	char *engine;		/* "Docker 24.0.5", once checked */
	size_t images;
	int64_t size;
	long long ms;		/* how long the check took */
	char *why;		/* CHECK_DOWN: the reason */
};

struct hosts_view {
	struct view base;
	struct host_row *rows;
	size_t nrows;
	char *error;
	bool loaded;
	struct list_pos pos;
	unsigned generation;	/* of the list: a check's answers land only on the list it checked */
	char *select;		/* the row to select once listed (a context just made) */
	/* the new-context form, one prompt at a time */
	char *form_name;
	char *form_host;
	char *label;
	char *switching;	/* the name of the row being switched to, while it connects */
};

#define HV(v) ((struct hosts_view *)(v))

static void
ref_free(struct host_ref *r)
{
	free(r->context);
	free(r->spec);
	free(r->identity);
}

static void
ref_copy(struct host_ref *dst, const struct host_ref *src)
{
	dst->context = src->context ? xstrdup(src->context) : NULL;
	dst->spec = src->spec ? xstrdup(src->spec) : NULL;
	dst->identity = src->identity ? xstrdup(src->identity) : NULL;
}

static void
rows_free(struct host_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		ref_free(&rows[i].ref);
		free(rows[i].name);
		free(rows[i].description);
		free(rows[i].endpoint);
		free(rows[i].error);
		free(rows[i].engine);
		free(rows[i].why);
	}
	free(rows);
}

static const struct host_row *
selected(const struct hosts_view *v)
{
	return v->pos.cursor < v->nrows ? &v->rows[v->pos.cursor] : NULL;
}

/* The host a row names; false with a translated message in *err. */
static bool
ref_host(const struct context_inputs *in, const struct host_ref *r, struct host *h, char **err)
{
	if (r->context)
		return context_host(in, r->context, h, err);
	if (!host_parse(r->spec, false, NULL, h, err))
		return false;
	if (r->identity && h->kind == HOST_SSH)
		h->ssh_identity = xstrdup(r->identity);
	return true;
}

/* Whether the engine budu shows now is the one row names. */
static bool
row_is_current(const struct host_row *row, const struct host *now)
{
	if (row->ref.context || now->context)
		return row->ref.context && now->context && strcmp(row->ref.context, now->context) == 0 &&
		       strcmp(row->endpoint, now->display) == 0;
	return strcmp(row->endpoint, now->display) == 0;
}

/* ---- the list: contexts, then sockets docker does not list ------------------------------ */

struct list_fetch {
	struct fetch base;
	const struct context_inputs *in;
	struct host_row *rows;
	size_t nrows, cap;
	char *error;
};

static struct host_row *
add_row(struct list_fetch *lf)
{
	if (lf->nrows == lf->cap) {
		lf->cap = lf->cap ? lf->cap * 2 : 8;
		lf->rows = xrealloc(lf->rows, lf->cap * sizeof(*lf->rows));
	}
	struct host_row *r = &lf->rows[lf->nrows++];
	memset(r, 0, sizeof(*r));
	return r;
}

static bool
listed(const struct list_fetch *lf, const char *display)
{
	for (size_t i = 0; i < lf->nrows; i++)
		if (strcmp(lf->rows[i].endpoint, display) == 0)
			return true;
	return false;
}

/* A socket on this machine that no context names yet. */
static void
add_socket(struct list_fetch *lf, const char *path, const char *what)
{
	struct stat st;
	if (!path || stat(path, &st) != 0 || !S_ISSOCK(st.st_mode))
		return;
	char *spec = xasprintf("unix://%s", path);
	struct host h;
	char *err = NULL;
	if (host_parse(spec, false, NULL, &h, &err) && !listed(lf, h.display)) {
		struct host_row *r = add_row(lf);
		r->ref.spec = spec;
		spec = NULL;
		r->name = xstrdup(what);
		r->description = xstrdup("");
		r->endpoint = sanitize(h.display);
	}
	host_free(&h);
	free(err);
	free(spec);
}

/* Podman's connections (podman system connection ls), by their names: unix:// directly, ssh://
 * through budu's ssh transport with the connection's key file. */
static void
add_podman_connections(struct list_fetch *lf)
{
	struct podman_conn_list pl;
	podman_connections(&pl);
	for (size_t i = 0; i < pl.n; i++) {
		const struct podman_conn *c = &pl.v[i];
		struct host_row *r = add_row(lf);
		r->ref.spec = xstrdup(c->uri);
		r->ref.identity = c->identity ? xstrdup(c->identity) : NULL;
		r->name = sanitize(c->name);
		r->description = xstrdup(c->is_default ? _("Podman connection (its default)") : _("Podman connection"));
		struct host h;
		char *err = NULL;
		if (host_parse(c->uri, false, NULL, &h, &err)) {
			r->endpoint = sanitize(h.display);
			host_free(&h);
		} else {
			r->error = sanitize(err ? err : "");
			r->endpoint = sanitize(c->uri);
		}
		free(err);
	}
	podman_conn_list_free(&pl);
}

static void
list_run(struct fetch *f)
{
	struct list_fetch *lf = (struct list_fetch *)f;
	struct context_list cl = { 0 };
	if (!context_list(lf->in, &cl, &lf->error)) {
		context_list_free(&cl);
		return;
	}
	for (size_t i = 0; i < cl.n; i++) {
		const struct context *c = &cl.v[i];
		struct host_row *r = add_row(lf);
		r->ref.context = xstrdup(c->name);
		r->name = sanitize(c->name);
		r->description = sanitize(c->description);
		r->docker_current = c->current;
		struct host h;
		char *err = NULL;
		if (c->error) {
			r->error = sanitize(c->error);
			r->endpoint = sanitize(c->host);
		} else if (ref_host(lf->in, &r->ref, &h, &err)) {
			r->endpoint = sanitize(h.display);
			host_free(&h);
		} else {
			r->error = sanitize(err ? err : "");
			r->endpoint = sanitize(c->host);
		}
		free(err);
	}
	context_list_free(&cl);
	add_podman_connections(lf);
	/* What docker would reach without DOCKER_HOST, and Podman's sockets (engine-api.md §17). */
	add_socket(lf, HOST_DEFAULT + strlen("unix://"), _("default socket"));
	add_socket(lf, "/run/podman/podman.sock", _("Podman socket"));
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg && *xdg) {
		char *p = xasprintf("%s/podman/podman.sock", xdg);
		add_socket(lf, p, _("Podman socket (rootless)"));
		free(p);
	}
}

static void check_all(struct hosts_view *v);

static void
list_apply(struct fetch *f, void *owner)
{
	struct list_fetch *lf = (struct list_fetch *)f;
	struct hosts_view *v = owner;
	rows_free(v->rows, v->nrows);
	v->rows = lf->rows;
	v->nrows = lf->nrows;
	lf->rows = NULL;
	lf->nrows = 0;
	free(v->error);
	v->error = lf->error;
	lf->error = NULL;
	v->loaded = true;
	v->generation++;
	v->pos.n = v->nrows;
	/* the cursor on the engine in use, or on the row just made */
	const struct host *now = engine_host(session_engine(app_session(v->base.app)));
	for (size_t i = 0; i < v->nrows; i++)
		if (v->select ? strcmp(v->rows[i].name, v->select) == 0 : row_is_current(&v->rows[i], now))
			v->pos.cursor = i;
	free(v->select);
	v->select = NULL;
	check_all(v);
}

static void
list_release(struct fetch *f)
{
	struct list_fetch *lf = (struct list_fetch *)f;
	rows_free(lf->rows, lf->nrows);
	free(lf->error);
	free(lf);
}

static const struct fetch_ops list_ops = { list_run, list_apply, list_release };

static void
hosts_reload(struct view *view, unsigned why)
{
	/* on opening and R only: the checks are not free (an ssh login each) */
	if (!(why & (VIEW_REFRESH_OPEN | VIEW_REFRESH_USER)))
		return;
	struct list_fetch *lf = xcalloc(1, sizeof(*lf));
	lf->in = app_inputs(view->app);
	app_fetch(view, SLOT_LIST, &lf->base, &list_ops);
}

/* ---- the checks: one thread per engine, each answer on its row as it comes ---------------- */

struct check_one {
	size_t index;
	struct host_ref ref;
	/* the answer */
	bool up;
	char *engine;
	size_t images;
	int64_t size;
	long long ms;
	char *why;
};

struct check_fetch {
	struct fetch base;
	const struct context_inputs *in;
	unsigned generation;
	struct check_one *one;
	size_t n;
};

static void
check_engine(const struct context_inputs *in, struct check_one *c, struct cancel *cancel)
{
	long long t0 = now_ms();
	struct host h;
	if (!ref_host(in, &c->ref, &h, &c->why))
		return;
	struct engine *e = engine_new(&h, getenv("DOCKER_API_VERSION"));
	struct engine_info info = { 0 };
	struct engine_response r = engine_connect(e, &info, cancel);
	if (r.status != ENGINE_OK || r.http_status != 200) {
		c->why = xstrdup(r.error ? r.error : _("The engine did not answer"));
	} else {
		c->engine = xasprintf("%s %s", info.product[0] ? info.product : "Docker", info.engine_version);
		struct image_list list = { 0 };
		char *err = NULL;
		if (images_fetch(e, false, cancel, &list, &err) == ENGINE_OK) {
			c->up = true;
			c->images = list.nimages;
			/* the disk use docker system df prints; the sum of SIZEs counts shared layers
			 * again for every image */
			if (system_df_images_size(e, cancel, &c->size, &err) != ENGINE_OK)
				c->size = -1;
		} else {
			c->why = err;
			err = NULL;
		}
		free(err);
		image_list_free(&list);
	}
	engine_response_free(&r);
	/* an ssh transport stops here, on this thread, not on the UI's */
	engine_free(e);
	c->ms = now_ms() - t0;
}

static void
check_deliver(struct fetch *f, void *arg)
{
	struct check_one *c = arg;
	struct hosts_view *v = f->owner;
	struct check_fetch *cf = (struct check_fetch *)f;
	if (cf->generation != v->generation || c->index >= v->nrows)
		return;
	struct host_row *r = &v->rows[c->index];
	r->state = c->up ? CHECK_UP : CHECK_DOWN;
	free(r->engine);
	free(r->why);
	r->engine = c->engine ? sanitize(c->engine) : NULL;
	r->why = c->why ? sanitize(c->why) : NULL;
	r->images = c->images;
	r->size = c->size;
	r->ms = c->ms;
}

/* The answer stays in the fetch's array, freed with it. */
static void
keep(void *arg)
{
	(void)arg;
}

/* One engine, on a thread of its own: the rows fill in as the answers come. */
static void
check_part(struct fetch *f, size_t i, struct cancel *cancel, void *ctx)
{
	struct check_fetch *cf = ctx;
	check_engine(cf->in, &cf->one[i], cancel);
	fetch_send(f, check_deliver, &cf->one[i], keep);
}

static void
check_run(struct fetch *f)
{
	struct check_fetch *cf = (struct check_fetch *)f;
	fetch_run_parts(f, cf->n, check_part, cf, 0, NULL);
}

static void
check_apply(struct fetch *f, void *owner)
{
	(void)f;
	(void)owner;	/* the rows took their answers as they came */
}

static void
check_release(struct fetch *f)
{
	struct check_fetch *cf = (struct check_fetch *)f;
	for (size_t i = 0; i < cf->n; i++) {
		struct check_one *c = &cf->one[i];
		ref_free(&c->ref);
		free(c->engine);
		free(c->why);
	}
	free(cf->one);
	free(cf);
}

static const struct fetch_ops check_ops = { check_run, check_apply, check_release };

static void
check_all(struct hosts_view *v)
{
	struct check_fetch *cf = xcalloc(1, sizeof(*cf));
	cf->in = app_inputs(v->base.app);
	cf->generation = v->generation;
	cf->one = xcalloc(v->nrows ? v->nrows : 1, sizeof(*cf->one));
	for (size_t i = 0; i < v->nrows; i++) {
		struct host_row *r = &v->rows[i];
		if (r->error)
			continue;
		struct check_one *c = &cf->one[cf->n++];
		c->index = i;
		ref_copy(&c->ref, &r->ref);
		r->state = CHECK_RUNNING;
	}
	app_fetch(&v->base, SLOT_CHECK, &cf->base, &check_ops);
}

/* ---- Enter: connect, then move every panel there ----------------------------------------- */

struct switch_fetch {
	struct fetch base;
	const struct context_inputs *in;
	struct host_ref ref;
	char *name;
	struct engine *engine;	/* connected; the app takes it */
	char *error;
};

static void
switch_run(struct fetch *f)
{
	struct switch_fetch *sf = (struct switch_fetch *)f;
	struct host h;
	if (!ref_host(sf->in, &sf->ref, &h, &sf->error))
		return;
	struct engine *e = engine_new(&h, getenv("DOCKER_API_VERSION"));
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, &f->cancel);
	if (r.status == ENGINE_OK && r.http_status == 200) {
		sf->engine = e;
		e = NULL;
	} else {
		sf->error = xstrdup(r.error ? r.error : _("The engine did not answer"));
	}
	engine_response_free(&r);
	engine_free(e);
}

static void
switch_apply(struct fetch *f, void *owner)
{
	struct switch_fetch *sf = (struct switch_fetch *)f;
	struct hosts_view *v = owner;
	struct app *app = v->base.app;
	free(v->switching);
	v->switching = NULL;
	if (!sf->engine) {
		char *why = sanitize(sf->error ? sf->error : "");
		app_message(app, true, _("%s: %s"), sf->name, why);
		free(why);
		return;
	}
	app_switch_engine(app, sf->engine);
	sf->engine = NULL;
	app_message(app, false, _("Now on %s (%s)"), sf->name,
		    engine_host(session_engine(app_session(app)))->display);
	app_show_panel(app, PANEL_IMAGES);
}

static void
switch_release(struct fetch *f)
{
	struct switch_fetch *sf = (struct switch_fetch *)f;
	ref_free(&sf->ref);
	free(sf->name);
	free(sf->error);
	engine_free(sf->engine);
	free(sf);
}

static const struct fetch_ops switch_ops = { switch_run, switch_apply, switch_release };

static bool
cmd_switch(struct view *view)
{
	struct hosts_view *v = HV(view);
	const struct host_row *r = selected(v);
	if (!r)
		return true;
	if (r->error) {
		app_message(view->app, true, "%s", r->error);
		return true;
	}
	if (row_is_current(r, engine_host(session_engine(app_session(view->app))))) {
		app_show_panel(view->app, PANEL_IMAGES);
		return true;
	}
	struct switch_fetch *sf = xcalloc(1, sizeof(*sf));
	sf->in = app_inputs(view->app);
	ref_copy(&sf->ref, &r->ref);
	sf->name = xstrdup(r->name);
	free(v->switching);
	v->switching = xstrdup(r->name);
	app_message(view->app, false, _("Connecting to %s…"), r->endpoint);
	app_fetch(view, SLOT_SWITCH, &sf->base, &switch_ops);
	return true;
}

static bool
cmd_cancel(struct view *view)
{
	struct hosts_view *v = HV(view);
	if (!fetch_busy(&view->slot[SLOT_SWITCH]) && !fetch_busy(&view->slot[SLOT_CHECK]))
		return false;
	fetch_cancel(&view->slot[SLOT_SWITCH]);
	fetch_cancel(&view->slot[SLOT_CHECK]);
	for (size_t i = 0; i < v->nrows; i++)
		if (v->rows[i].state == CHECK_RUNNING)
			v->rows[i].state = CHECK_NONE;
	free(v->switching);
	v->switching = NULL;
	app_message(view->app, false, "%s", _("Cancelled"));
	return true;
}

/* ---- n: a new context, as `docker context create NAME --docker host=ADDRESS` ------------ */

static bool
desc_accept(void *ctx, const char *text, char **err)
{
	struct hosts_view *v = ctx;
	if (!context_create(app_inputs(v->base.app), v->form_name, text, v->form_host, err))
		return false;
	app_message(v->base.app, false, _("Created context %s (docker context create %s --docker host=%s)"),
		    v->form_name, v->form_name, v->form_host);
	free(v->select);
	v->select = xstrdup(v->form_name);
	hosts_reload(&v->base, VIEW_REFRESH_USER);
	return true;
}

static bool
host_accept(void *ctx, const char *text, char **err)
{
	static const struct prompt_ops ops = { desc_accept, NULL, NULL };
	struct hosts_view *v = ctx;
	struct host h;
	if (!*text) {
		*err = xstrdup(_("Type the engine's address: unix://, tcp:// or ssh://"));
		return false;
	}
	if (!host_parse_context(text, NULL, false, &h, err))
		return false;
	host_free(&h);
	free(v->form_host);
	v->form_host = xstrdup(text);
	app_prompt(v->base.app, _("Description (may be empty): "), NULL, &ops, v);
	return false;	/* the next prompt replaced this one */
}

static bool
name_accept(void *ctx, const char *text, char **err)
{
	static const struct prompt_ops ops = { host_accept, NULL, NULL };
	struct hosts_view *v = ctx;
	if (!*text) {
		*err = xstrdup(_("Type the context's name"));
		return false;
	}
	free(v->form_name);
	v->form_name = xstrdup(text);
	free(v->label);
	v->label = xasprintf(_("Docker endpoint of %s (ssh://user@host, tcp://host:2376, unix:///path): "), text);
	app_prompt(v->base.app, v->label, NULL, &ops, v);
	return false;
}

static bool
cmd_create(struct view *view)
{
	static const struct prompt_ops ops = { name_accept, NULL, NULL };
	app_prompt(view->app, _("New context's name: "), NULL, &ops, HV(view));
	return true;
}

static bool
cmd_reload(struct view *view)
{
	hosts_reload(view, VIEW_REFRESH_USER);
	return true;
}

static void row_cells(const struct hosts_view *v, const struct host_row *r, char scratch[4][64], const char **cells);

static bool
cmd_copy_name(struct view *view)
{
	const struct host_row *r = selected(HV(view));
	app_copy(view->app, r ? xstrdup(r->name) : NULL, _("name"));
	return true;
}

static bool
cmd_copy_row(struct view *view)
{
	const struct host_row *r = selected(HV(view));
	if (!r) {
		app_copy(view->app, NULL, _("row"));
		return true;
	}
	char scratch[4][64];
	const char *cells[7];
	row_cells(HV(view), r, scratch, cells);
	app_copy_row(view->app, cells, NULL, 7, _("row"));
	return true;
}

static const struct view_key hosts_keys[] = {
	{ 0, REQ_ENTER, cmd_switch, N_("Switch budu to this engine (every panel reloads from it)"), N_("switches"), NULL },
	{ 0, REQ_RELOAD, cmd_reload, N_("List the hosts again and check each engine"), NULL, NULL },
	{ 'n', 0, cmd_create, N_("New context: docker context create NAME --docker host=ADDRESS"), N_("new context"), "create" },
	{ 0, REQ_COPY, cmd_copy_name, N_("Copy the context's name to the clipboard"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_row, N_("Copy the row to the clipboard"), NULL, NULL },
	{ 'x', 0, cmd_cancel, N_("Cancel the checks or the switch in progress"), NULL, "cancel" },
	{ 0, REQ_BACK, cmd_cancel, N_("Cancel the checks or the switch in progress"), NULL, NULL },
};

static const struct keytable hosts_table = KEYTABLE("hosts", N_("Hosts"), hosts_keys);
static const struct keytable *const hosts_tables[] = { &hosts_table, NULL };

/* ---- drawing ------------------------------------------------------------------------------ */

enum { COL_NAME, COL_STATE, COL_ENGINE, COL_IMAGES, COL_SIZE, COL_ENDPOINT, COL_DESC, NCOLS };

/* The cells of a row; scratch holds the formatted ones. */
static void
row_cells(const struct hosts_view *v, const struct host_row *r, char scratch[4][64], const char **cells)
{
	snprintf(scratch[0], 64, "%s%s", r->name, r->docker_current ? " *" : "");
	cells[COL_NAME] = scratch[0];
	cells[COL_DESC] = r->description;
	cells[COL_ENDPOINT] = r->endpoint;
	cells[COL_ENGINE] = r->engine ? r->engine : "";
	cells[COL_IMAGES] = cells[COL_SIZE] = "";
	if (r->state == CHECK_UP) {
		snprintf(scratch[1], 64, "%zu", r->images);
		struct session *se = app_session(v->base.app);
		if (strcmp(r->endpoint, engine_host(session_engine(se))->display) == 0) {
			/* The engine shown: its disk use, every layer once (docker system df). */
			int64_t bytes;
			size_t unknown = session_disk_use(se, &bytes);
			layer_size_text(scratch[2], 64, bytes, unknown);
		} else if (r->size >= 0) {
			layer_size_text(scratch[2], 64, r->size, 0);
		} else {
			snprintf(scratch[2], 64, "?");
		}
		cells[COL_IMAGES] = scratch[1];
		cells[COL_SIZE] = scratch[2];
	}
	/* short: the reason of a failure is spelt out below the list, for the selected row */
	if (r->error) {
		cells[COL_STATE] = _("unusable");
	} else if (v->switching && strcmp(v->switching, r->name) == 0) {
		cells[COL_STATE] = _("connecting…");
	} else {
		switch (r->state) {
		case CHECK_RUNNING: cells[COL_STATE] = _("checking…"); break;
		case CHECK_UP:
			snprintf(scratch[3], 64, _("ok, %lld ms"), r->ms);
			cells[COL_STATE] = scratch[3];
			break;
		case CHECK_DOWN: cells[COL_STATE] = _("no answer"); break;
		default: cells[COL_STATE] = ""; break;
		}
	}
}

static enum role
state_role(const struct host_row *r)
{
	return r->error || r->state == CHECK_DOWN ? ROLE_ERROR : r->state == CHECK_UP ? ROLE_NOTE : ROLE_DIM;
}

static bool
hosts_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct hosts_view *v = HV(view);
	if (!v->loaded) {
		draw_note(w, y, height, _("Reading docker's contexts…"), ROLE_NOTE);
		return true;
	}
	if (!v->nrows) {
		draw_note(w, y, height, v->error ? v->error : _("No engine found"), v->error ? ROLE_ERROR : ROLE_DIM);
		return true;
	}
	const struct host *now = engine_host(session_engine(app_session(view->app)));
	int cols = getmaxx(w);
	const char *titles[NCOLS] = { _("NAME"), _("STATE"), _("ENGINE"), _("IMAGES"), _("SIZE"),
				      _("DOCKER ENDPOINT"), _("DESCRIPTION") };
	int width[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		width[c] = text_width(titles[c]);
	for (size_t i = 0; i < v->nrows; i++) {
		char scratch[4][64];
		const char *cells[NCOLS];
		row_cells(v, &v->rows[i], scratch, cells);
		for (int c = 0; c < NCOLS; c++)
			if (text_width(cells[c]) > width[c])
				width[c] = text_width(cells[c]);
	}
	table_layout(width, NCOLS, width);
	/* the list, a blank line, then why the selected engine cannot be used (when it cannot) */
	const struct host_row *sel_row = selected(v);
	const char *why = sel_row ? sel_row->error ? sel_row->error : sel_row->state == CHECK_DOWN ? sel_row->why : NULL
				  : NULL;
	int why_h = why && height > 6 ? 3 : 0;
	int list_h = height - 1 - why_h;
	v->pos.n = v->nrows;
	list_clamp(&v->pos, list_h);
	for (int i = -1; i < list_h; i++) {
		size_t ri = v->pos.top + (size_t)i;
		if (i >= 0 && ri >= v->nrows) {
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct host_row *row = i < 0 ? NULL : &v->rows[ri];
		bool current = row && row_is_current(row, now);
		char scratch[4][64];
		const char *cells[NCOLS];
		if (row)
			row_cells(v, row, scratch, cells);
		else
			memcpy(cells, titles, sizeof(cells));
		bool sel = row && ri == v->pos.cursor;
		attr_t attr = draw_attr(!row ? ROLE_HEADER : sel ? ROLE_SELECTED : ROLE_NORMAL);
		/* the engine in use: a mark, not only a colour (NO_COLOR) */
		draw_text(w, y + 1 + i, 0, current ? (draw_utf8() ? "\xe2\x96\xb6" : ">") : " ", 2, attr);
		int x = 2;
		for (int c = 0; c < NCOLS && x < cols; c++) {
			int cw = c == NCOLS - 1 ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
			attr_t a = row && !sel && c == COL_STATE ? draw_attr(state_role(row)) : attr;
			draw_text(w, y + 1 + i, x, cells[c], cw, a);
			x += cw;
		}
		if (x < cols)
			draw_fill(w, y + 1 + i, x, attr);
	}
	if (why_h) {
		int wy = y + 1 + list_h;
		for (int i = 0; i < why_h; i++)
			draw_fill(w, wy + i, 0, draw_attr(ROLE_NORMAL));
		draw_wrapped(w, wy + 1, 2, why_h - 1, cols - 4, why, draw_attr(ROLE_ERROR));
	}
	return true;
}

static struct list_pos *
hosts_pos(struct view *view)
{
	HV(view)->pos.n = HV(view)->nrows;
	return &HV(view)->pos;
}

static void
hosts_status(struct view *view, struct strbuf *sb)
{
	struct hosts_view *v = HV(view);
	size_t up = 0, checking = 0;
	for (size_t i = 0; i < v->nrows; i++) {
		up += v->rows[i].state == CHECK_UP;
		checking += v->rows[i].state == CHECK_RUNNING;
	}
	sb_printf(sb, ngettext("%zu engine", "%zu engines", v->nrows), v->nrows);
	sb_printf(sb, " · ");
	sb_printf(sb, _("%zu answer"), up);
	if (checking) {
		sb_printf(sb, " · ");
		sb_printf(sb, _("checking %zu…"), checking);
	}
}

static void
hosts_describe(struct view *view, char *buf, size_t n)
{
	(void)view;
	snprintf(buf, n, "docker context ls");
}

static void
hosts_free(struct view *view)
{
	struct hosts_view *v = HV(view);
	rows_free(v->rows, v->nrows);
	free(v->error);
	free(v->select);
	free(v->form_name);
	free(v->form_host);
	free(v->label);
	free(v->switching);
	free(v);
}

const struct view_ops hosts_view_ops = {
	.name = N_("Hosts"),
	.tables = hosts_tables,
	.reload = hosts_reload,
	.draw = hosts_draw,
	.pos = hosts_pos,
	.status = hosts_status,
	.describe = hosts_describe,
	.free = hosts_free,
};

struct view *
hosts_view_new(struct app *app)
{
	struct hosts_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &hosts_view_ops, app);
	return &v->base;
}
