/* The Registries panel: the registries budu knows (the logins in docker's config.json and its
 * credential helpers, the engine's mirrors and insecure registries), who is logged in (the user
 * name only), and whether the login still works, checked on demand. Login and logout write
 * where docker does, so each side uses what the other saved. No secret is ever drawn: the
 * password prompt draws nothing of what is typed, and messages never carry it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "app.h"
#include "config_apply.h"
#include "dialog.h"
#include "draw.h"
#include "engine.h"
#include "i18n.h"
#include "json.h"
#include "panels.h"
#include "registries_view.h"
#include "registry.h"
#include "registry_auth.h"
#include "sanitize.h"
#include "session.h"
#include "table.h"
#include "view.h"
#include "xalloc.h"

enum { SLOT_LIST, SLOT_ACT };

struct reg_row {
	char *server;		/* as filed, or as the engine names it */
	char *user;		/* NULL: not logged in, or unknown without the secret */
	char *store;		/* "config.json", "pass"...; NULL when not logged in */
	char *note;		/* "mirror", "insecure" */
	char *status;		/* the last check: "ok", or why not; NULL before */
	bool failed;
};

struct registries_view {
	struct view base;
	struct reg_row *rows;
	size_t nrows;
	char *error;
	bool loaded;
	struct list_pos pos;
	char *info;		/* the engine's /info, for which registries are insecure */
	/* the login form, filled one prompt at a time */
	char *form_server;
	char *form_user;
	char *label;		/* the current prompt's label: it must outlive the prompt */
	char *select;		/* the registry to select once listed (one just logged in to) */
};

#define RV(v) ((struct registries_view *)(v))

static void
rows_free(struct reg_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].server);
		free(rows[i].user);
		free(rows[i].store);
		free(rows[i].note);
		free(rows[i].status);
	}
	free(rows);
}

static const struct reg_row *
selected(const struct registries_view *v)
{
	return v->pos.cursor < v->nrows ? &v->rows[v->pos.cursor] : NULL;
}

/* ---- the list ------------------------------------------------------------------------ */

struct list_fetch {
	struct fetch base;
	struct reg_row *rows;
	size_t nrows, cap;
	char *error;
	char *info;
};

static void
add_row(struct list_fetch *lf, const char *server, const char *user, const char *store, const char *note)
{
	/* One row per registry: the engine's view of a known login adds its note only. */
	char *key = docker_server_key(server);
	for (size_t i = 0; i < lf->nrows; i++) {
		char *k = docker_server_key(lf->rows[i].server);
		bool same = strcmp(k, key) == 0;
		free(k);
		if (same) {
			if (note && !lf->rows[i].note)
				lf->rows[i].note = xstrdup(note);
			free(key);
			return;
		}
	}
	free(key);
	if (lf->nrows == lf->cap) {
		lf->cap = lf->cap ? lf->cap * 2 : 8;
		lf->rows = xrealloc(lf->rows, lf->cap * sizeof(*lf->rows));
	}
	lf->rows[lf->nrows++] = (struct reg_row){
		.server = sanitize(server), .user = user ? sanitize(user) : NULL,
		.store = store ? xstrdup(store) : NULL, .note = note ? xstrdup(note) : NULL,
	};
}

static void
list_run(struct fetch *f)
{
	struct list_fetch *lf = (struct list_fetch *)f;
	struct registry_login *logins = NULL;
	size_t n = 0;
	if (registry_auth_list(NULL, &logins, &n, &lf->error)) {
		for (size_t i = 0; i < n; i++)
			add_row(lf, logins[i].server, logins[i].username,
				logins[i].helper ? logins[i].helper : "config.json", NULL);
		registry_logins_free(logins, n);
	}
	/* The engine's mirrors and insecure registries (IndexConfigs), from /info. */
	struct engine_response r;
	char *err = NULL;
	if (engine_get_ok(f->engine, "/info", &f->cancel, &r, &err) == ENGINE_OK) {
		lf->info = xstrndup(r.body, r.len);
		cJSON *doc = json_parse(r.body, r.len);
		const cJSON *rc = cJSON_GetObjectItemCaseSensitive(doc, "RegistryConfig");
		const cJSON *idx;
		cJSON_ArrayForEach(idx, cJSON_GetObjectItemCaseSensitive(rc, "IndexConfigs")) {
			const cJSON *secure = cJSON_GetObjectItemCaseSensitive(idx, "Secure");
			add_row(lf, idx->string, NULL, NULL, cJSON_IsFalse(secure) ? _("insecure") : NULL);
		}
		const cJSON *m;
		cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(rc, "InsecureRegistryCIDRs"))
			if (cJSON_IsString(m))
				add_row(lf, m->valuestring, NULL, NULL, _("insecure"));
		cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(rc, "Mirrors"))
			if (cJSON_IsString(m))
				add_row(lf, m->valuestring, NULL, NULL, _("mirror"));
		cJSON_Delete(doc);
	}
	free(err);
	engine_response_free(&r);
}

static void
list_apply(struct fetch *f, void *owner)
{
	struct list_fetch *lf = (struct list_fetch *)f;
	struct registries_view *v = owner;
	/* Keep what the checks found for the registries still listed. */
	for (size_t i = 0; i < lf->nrows; i++)
		for (size_t k = 0; k < v->nrows; k++)
			if (strcmp(lf->rows[i].server, v->rows[k].server) == 0 && v->rows[k].status &&
			    !lf->rows[i].status) {
				lf->rows[i].status = xstrdup(v->rows[k].status);
				lf->rows[i].failed = v->rows[k].failed;
			}
	rows_free(v->rows, v->nrows);
	v->rows = lf->rows;
	v->nrows = lf->nrows;
	v->pos.n = v->nrows;
	lf->rows = NULL;
	lf->nrows = 0;
	free(v->error);
	v->error = lf->error;
	lf->error = NULL;
	free(v->info);
	v->info = lf->info;
	lf->info = NULL;
	v->loaded = true;
	for (size_t i = 0; v->select && i < v->nrows; i++)
		if (strcmp(v->rows[i].server, v->select) == 0)
			v->pos.cursor = i;
	free(v->select);
	v->select = NULL;
}

static void
list_release(struct fetch *f)
{
	struct list_fetch *lf = (struct list_fetch *)f;
	rows_free(lf->rows, lf->nrows);
	free(lf->error);
	free(lf->info);
	free(lf);
}

static const struct fetch_ops list_ops = { list_run, list_apply, list_release };

static void
registries_reload(struct view *view, unsigned why)
{
	(void)why;
	struct list_fetch *lf = xcalloc(1, sizeof(*lf));
	app_fetch(view, SLOT_LIST, &lf->base, &list_ops);
}

/* ---- check, login, logout: one worker job each, its outcome on the row ------------------- */

enum act { ACT_CHECK, ACT_LOGIN, ACT_LOGOUT };

struct act_fetch {
	struct fetch base;
	enum act what;
	char *server;
	bool insecure;
	struct registry_creds creds;	/* login: what was typed; cleared on release */
	bool ok, was;
	char *message;
};

static void
act_run(struct fetch *f)
{
	struct act_fetch *a = (struct act_fetch *)f;
	struct registry_error e = { 0 };
	char *err = NULL, *tok = NULL;
	switch (a->what) {
	case ACT_CHECK: {
		struct registry_creds saved = { 0 };
		enum creds_lookup l = registry_auth_lookup(NULL, a->server, &saved, &err);
		if (l == CREDS_NONE) {
			a->message = xstrdup(_("not logged in"));
		} else if (l == CREDS_BAD) {
			a->message = err ? err : xstrdup(_("the saved login cannot be used"));
			err = NULL;
		} else if (registry_auth_check(a->server, a->insecure, &saved, &f->cancel, NULL, &e)) {
			a->ok = true;
			a->message = xstrdup(_("ok: the login works"));
		} else {
			a->message = xstrdup(e.message ? e.message : _("The registry did not answer"));
		}
		registry_creds_free(&saved);
		break;
	}
	case ACT_LOGIN:
		/* Checked against the registry first: a wrong password saves nothing. A refresh
		 * token the registry's token server returns is saved instead of the password, as
		 * docker saves it ("identitytoken"). */
		if (!registry_auth_check(a->server, a->insecure, &a->creds, &f->cancel, &tok, &e)) {
			a->message = xstrdup(e.message ? e.message : _("The registry did not answer"));
			break;
		}
		registry_creds_take_identity(&a->creds, tok);
		if (!registry_auth_save(NULL, a->server, &a->creds, &err)) {
			a->message = err ? err : xstrdup(_("The login could not be saved"));
			err = NULL;
		} else {
			a->ok = true;
			a->message = xasprintf(_("Logged in to %s as %s"), a->server, a->creds.username);
		}
		break;
	case ACT_LOGOUT:
		if (registry_auth_erase(NULL, a->server, &a->was, &err)) {
			a->ok = true;
			a->message = a->was ? xasprintf(_("Removed login credentials for %s"), a->server)
				: xasprintf(_("Not logged in to %s"), a->server);
		} else {
			a->message = err ? err : xstrdup(_("The login could not be removed"));
			err = NULL;
		}
		break;
	}
	registry_error_free(&e);
	free(err);
}

static void
act_apply(struct fetch *f, void *owner)
{
	struct act_fetch *a = (struct act_fetch *)f;
	struct registries_view *v = owner;
	for (size_t i = 0; i < v->nrows; i++) {
		if (strcmp(v->rows[i].server, a->server) == 0) {
			free(v->rows[i].status);
			v->rows[i].status = xstrdup(a->message);
			v->rows[i].failed = !a->ok;
		}
	}
	app_message(v->base.app, !a->ok, "%s", a->message);
	if (a->what == ACT_LOGIN && a->ok) {
		free(v->select);
		v->select = xstrdup(a->server);
	}
	if (a->what != ACT_CHECK && a->ok)
		registries_reload(&v->base, VIEW_REFRESH_USER);
}

static void
act_release(struct fetch *f)
{
	struct act_fetch *a = (struct act_fetch *)f;
	registry_creds_free(&a->creds);
	free(a->server);
	free(a->message);
	free(a);
}

static const struct fetch_ops act_ops = { act_run, act_apply, act_release };

static void
post_act(struct registries_view *v, enum act what, const char *server, struct registry_creds *creds)
{
	struct act_fetch *a = xcalloc(1, sizeof(*a));
	a->what = what;
	a->server = xstrdup(server);
	char *host = registry_auth_host(server);
	a->insecure = registry_is_insecure(host, v->info);
	free(host);
	if (creds) {
		a->creds = *creds;	/* taken: the form's copy goes with the fetch */
		memset(creds, 0, sizeof(*creds));
	}
	app_fetch(&v->base, SLOT_ACT, &a->base, &act_ops);
}

static bool
cmd_check(struct view *view)
{
	struct registries_view *v = RV(view);
	const struct reg_row *r = selected(v);
	if (r)
		post_act(v, ACT_CHECK, r->server, NULL);
	return true;
}

/* The login form: server, then user name, then the secret, each its own prompt. */
static bool secret_accept(void *ctx, const char *text, char **err);

static bool
user_accept(void *ctx, const char *text, char **err)
{
	static const struct prompt_ops ops = { secret_accept, NULL, NULL };
	struct registries_view *v = ctx;
	if (!*text) {
		*err = xstrdup(_("Type the user name"));
		return false;
	}
	free(v->form_user);
	v->form_user = xstrdup(text);
	app_prompt(v->base.app, _("Password or token (<FILE reads it from a file): "), NULL, &ops, v);
	app_prompt_secret(v->base.app);
	return false;	/* the next prompt replaced this one */
}

static bool
server_accept(void *ctx, const char *text, char **err)
{
	static const struct prompt_ops ops = { user_accept, NULL, NULL };
	struct registries_view *v = ctx;
	(void)err;
	free(v->form_server);
	v->form_server = docker_server_key(*text ? text : "docker.io");
	free(v->label);
	v->label = xasprintf(_("User name for %s: "), v->form_server);
	app_prompt(v->base.app, v->label, NULL, &ops, v);
	return false;
}

/* "<FILE": the secret is the file's first line, as `cat FILE | docker login --password-stdin`. */
static char *
secret_from(const char *text, char **err)
{
	if (text[0] != '<')
		return xstrdup(text);
	const char *path = text + 1;
	while (*path == ' ')
		path++;
	FILE *f = fopen(path, "r");
	if (!f) {
		*err = xasprintf(_("Cannot read %s"), path);
		return NULL;
	}
	char buf[4096];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	char *s = xstrdup(buf);
	secret_clear(buf, sizeof(buf));
	if (!*s) {
		free(s);
		*err = xasprintf(_("%s is empty"), path);
		return NULL;
	}
	return s;
}

static bool
secret_accept(void *ctx, const char *text, char **err)
{
	struct registries_view *v = ctx;
	if (!*text) {
		*err = xstrdup(_("Type the password or token, or <FILE"));
		return false;
	}
	char *secret = secret_from(text, err);
	if (!secret)
		return false;
	struct registry_creds c = { .username = xstrdup(v->form_user), .secret = secret };
	app_message(v->base.app, false, _("Checking the login with %s…"), v->form_server);
	post_act(v, ACT_LOGIN, v->form_server, &c);
	return true;
}

static bool
cmd_login(struct view *view)
{
	static const struct prompt_ops ops = { server_accept, NULL, NULL };
	struct registries_view *v = RV(view);
	const struct reg_row *r = selected(v);
	app_prompt(view->app, _("Log in to (empty: Docker Hub): "), r ? r->server : NULL, &ops, v);
	return true;
}

/* The server of the login offered: one dialog at a time, on the UI thread. */
static char offered_server[256];

static void
offer_yes(void *ctx, struct dialog *d)
{
	struct app *app = ctx;
	(void)d;
	app_show_panel(app, PANEL_REGISTRIES);
	struct view *root = app_panel_root(app, PANEL_REGISTRIES);
	static const struct prompt_ops ops = { server_accept, NULL, NULL };
	app_prompt(app, _("Log in to (empty: Docker Hub): "), offered_server, &ops, RV(root));
}

char *
registries_login_hint(struct app *app, const char *why, const char *server)
{
	char panel[32], login[32];
	app_key_word(app, (enum request)(REQ_PANEL + PANEL_REGISTRIES), panel, sizeof(panel));
	config_key_of("registries", "login", login, sizeof(login));
	return xasprintf(_("%s (%s wants a login: %s, then %s)"), why, server, panel, login);
}

char *
registries_access_hint(struct app *app, const char *why, const char *server)
{
	char panel[32];
	app_key_word(app, (enum request)(REQ_PANEL + PANEL_REGISTRIES), panel, sizeof(panel));
	/* TRANSLATORS: the registry's words, then the registry; the last %s is a key */
	return xasprintf(_("%s (the account logged in to %s lacks access to it: %s shows the logins)"),
			 why, server, panel);
}

void
registries_offer_login(struct app *app, const char *server, const char *why)
{
	static const struct dialog_ops ops = { offer_yes, NULL };
	if (app_modal_open(app)) {
		char *hint = registries_login_hint(app, why, server);
		app_message(app, true, "%s", hint);
		free(hint);
		return;
	}
	snprintf(offered_server, sizeof(offered_server), "%s", server);
	char *shown = sanitize(server);
	char *title = xasprintf(_(" Log in to %s?"), shown);
	struct dialog *d = app_confirm(app, title, &ops, app);
	free(title);
	char *line = sanitize(why);
	dialog_add_line(d, line);
	free(line);
	dialog_add_line(d, "");
	line = xasprintf(_("%s wants a login. y: log in now (the Registries panel, as docker login %s)"),
			 shown, shown);
	dialog_add_line(d, line);
	free(line);
	free(shown);
}

static void
logout_yes(void *ctx, struct dialog *d)
{
	struct registries_view *v = ctx;
	(void)d;
	const struct reg_row *r = selected(v);
	if (r)
		post_act(v, ACT_LOGOUT, r->server, NULL);
}

static bool
cmd_logout(struct view *view)
{
	static const struct dialog_ops ops = { logout_yes, NULL };
	struct registries_view *v = RV(view);
	const struct reg_row *r = selected(v);
	if (!r || !r->store)
		return true;
	struct dialog *d = app_confirm(view->app, _(" Log out?"), &ops, v);
	char line[512];
	snprintf(line, sizeof(line), "docker logout %s", r->server);
	dialog_add_line(d, line);
	dialog_add_line(d, "");
	snprintf(line, sizeof(line), _("Removes the login of %s from %s."), r->user ? r->user : "?", r->store);
	dialog_add_line(d, line);
	return true;
}

static void row_cells(const struct reg_row *row, char *server, size_t n, const char **cells);

static bool
cmd_copy_server(struct view *view)
{
	const struct reg_row *r = selected(RV(view));
	app_copy(view->app, r ? xstrdup(r->server) : NULL, _("registry"));
	return true;
}

static bool
cmd_copy_row(struct view *view)
{
	const struct reg_row *r = selected(RV(view));
	if (!r) {
		app_copy(view->app, NULL, _("row"));
		return true;
	}
	char server[512];
	const char *cells[4];
	row_cells(r, server, sizeof(server), cells);
	cells[3] = r->status ? r->status : "";
	app_copy_row(view->app, cells, NULL, 4, _("row"));
	return true;
}

static const struct view_key registries_keys[] = {
	{ 0, REQ_ENTER, cmd_check, N_("Check that the login still works (GET /v2/)"), N_("checks"), NULL },
	{ 'l', 0, cmd_login, N_("Log in: server, user name, password or token (<FILE)"), N_("logs in"), "login" },
	{ 'd', 0, cmd_logout, N_("Log out: erase the login where docker keeps it"), N_("logs out"), "logout" },
	{ 0, REQ_COPY, cmd_copy_server, N_("Copy the registry's address to the clipboard"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_row, N_("Copy the row to the clipboard"), NULL, NULL },
};

static const struct keytable registries_table = KEYTABLE("registries", N_("Registries"), registries_keys);
static const struct keytable *const registries_tables[] = { &registries_table, NULL };

/* ---- the view -------------------------------------------------------------------------- */

/* The first three cells of a row as drawn (and measured). */
static void
row_cells(const struct reg_row *row, char *server, size_t n, const char **cells)
{
	snprintf(server, n, "%s%s%s%s", row->server, row->note ? " (" : "", row->note ? row->note : "",
		 row->note ? ")" : "");
	cells[0] = server;
	cells[1] = row->user ? row->user : row->store ? "?" : _("not logged in");
	cells[2] = row->store ? row->store : "";
}

static bool
registries_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct registries_view *v = RV(view);
	if (!v->loaded) {
		draw_note(w, y, height, _("Reading the logins…"), ROLE_NOTE);
		return true;
	}
	if (!v->nrows) {
		char key[32], msg[256];
		view_key_of(view, cmd_login, key, sizeof(key));
		snprintf(msg, sizeof(msg), _("No registry known yet: %s logs in to one."), key);
		draw_note(w, y, height, v->error ? v->error : msg, v->error ? ROLE_ERROR : ROLE_DIM);
		return true;
	}
	int cols = getmaxx(w);
	const char *titles[] = { _("REGISTRY"), _("USER"), _("STORED IN"), _("CHECK") };
	int width[4];
	for (int c = 0; c < 4; c++)
		width[c] = text_width(titles[c]);
	for (size_t i = 0; i < v->nrows; i++) {
		char server[512];
		const char *cells[3];
		row_cells(&v->rows[i], server, sizeof(server), cells);
		for (int c = 0; c < 3; c++)
			if (text_width(cells[c]) > width[c])
				width[c] = text_width(cells[c]);
	}
	table_layout(width, 4, width);
	v->pos.n = v->nrows;
	list_clamp(&v->pos, height - 1);
	for (int i = -1; i < height - 1; i++) {
		size_t r = v->pos.top + (size_t)i;
		if (i >= 0 && r >= v->nrows) {
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct reg_row *row = i < 0 ? NULL : &v->rows[r];
		char server[512];
		const char *cells[4] = { titles[0], titles[1], titles[2], titles[3] };
		if (row) {
			row_cells(row, server, sizeof(server), cells);
			cells[3] = row->status ? row->status : "";
		}
		bool sel = row && r == v->pos.cursor;
		attr_t attr = draw_attr(!row ? ROLE_HEADER : sel ? ROLE_SELECTED : ROLE_NORMAL);
		int x = 0;
		for (int c = 0; c < 4 && x < cols; c++) {
			int cw = c == 3 ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
			attr_t a = attr;
			if (row && !sel && c == 3 && row->status)
				a = draw_attr(row->failed ? ROLE_ERROR : ROLE_NOTE);
			draw_text(w, y + 1 + i, x, cells[c], cw, a);
			x += cw;
		}
		if (x < cols)
			draw_fill(w, y + 1 + i, x, attr);
	}
	return true;
}

static struct list_pos *
registries_pos(struct view *view)
{
	RV(view)->pos.n = RV(view)->nrows;
	return &RV(view)->pos;
}

static void
registries_status(struct view *view, struct strbuf *sb)
{
	struct registries_view *v = RV(view);
	size_t logged = 0;
	for (size_t i = 0; i < v->nrows; i++)
		logged += v->rows[i].store != NULL;
	sb_printf(sb, ngettext("%zu registry", "%zu registries", v->nrows), v->nrows);
	sb_printf(sb, " · ");
	sb_printf(sb, _("%zu logged in"), logged);
}

static void
registries_free(struct view *view)
{
	struct registries_view *v = RV(view);
	rows_free(v->rows, v->nrows);
	free(v->error);
	free(v->info);
	free(v->form_server);
	free(v->form_user);
	free(v->label);
	free(v->select);
	free(v);
}

const struct view_ops registries_view_ops = {
	.name = N_("Registries"),
	.tables = registries_tables,
	.reload = registries_reload,
	.draw = registries_draw,
	.pos = registries_pos,
	.status = registries_status,
	.free = registries_free,
};

struct view *
registries_view_new(struct app *app)
{
	struct registries_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &registries_view_ops, app);
	return &v->base;
}
