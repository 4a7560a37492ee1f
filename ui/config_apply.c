#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "build_view.h"
#include "config_apply.h"
#include "container_view.h"
#include "containers_view.h"
#include "details_view.h"
#include "disk_view.h"
#include "draw.h"
#include "hosts_view.h"
#include "i18n.h"
#include "images_view.h"
#include "jobs_view.h"
#include "keymap.h"
#include "pager_view.h"
#include "registries_view.h"
#include "search_view.h"
#include "strbuf.h"
#include "view.h"
#include "waste_view.h"

/* Every view there is: their tables are every key table. */
static const struct view_ops *const all_views[] = {
	&images_view_ops, &details_view_ops, &search_view_ops, &jobs_view_ops, &containers_view_ops,
	&container_view_ops, &registries_view_ops, &hosts_view_ops, &build_view_ops, &pager_view_ops,
	&waste_view_ops, &disk_view_ops,
};

#define NVIEWS (sizeof(all_views) / sizeof(all_views[0]))
#define MAX_TABLES 64

/* What the file set, as the views read it. */
static struct {
	enum panel panel;
	int confirm_quit;	/* -1: unset */
	size_t log_lines;	/* 0: unset */
} settings = { PANEL_IMAGES, -1, 0 };

const struct keytable *const *
config_keytables(void)
{
	static const struct keytable *tables[MAX_TABLES + 1];
	if (tables[0])
		return tables;
	size_t n = 0;
	for (size_t i = 0; i < NVIEWS; i++) {
		for (const struct keytable *const *t = all_views[i]->tables; t && *t; t++) {
			bool seen = false;
			for (size_t k = 0; k < n && !seen; k++)
				seen = tables[k] == *t;
			if (!seen && n < MAX_TABLES)
				tables[n++] = *t;
		}
	}
	return tables;
}

void
config_key_of(const char *table, const char *action, char *buf, size_t n)
{
	snprintf(buf, n, "%s", action);
	for (const struct keytable *const *t = config_keytables(); *t; t++)
		if (strcmp((*t)->name, table) == 0)
			keytable_key_of(*t, action, buf, n);
}

/* ---- keys ------------------------------------------------------------------------------ */

/* The curses codes of a config key (Enter has three); returns how many. */
static int
curses_keys(int key, int out[3])
{
	static const struct { int config, curses; } named[] = {
		{ CONFIG_KEY_UP, KEY_UP }, { CONFIG_KEY_DOWN, KEY_DOWN }, { CONFIG_KEY_LEFT, KEY_LEFT },
		{ CONFIG_KEY_RIGHT, KEY_RIGHT }, { CONFIG_KEY_PGUP, KEY_PPAGE }, { CONFIG_KEY_PGDN, KEY_NPAGE },
		{ CONFIG_KEY_HOME, KEY_HOME }, { CONFIG_KEY_END, KEY_END }, { CONFIG_KEY_BTAB, KEY_BTAB },
		{ CONFIG_KEY_DELETE, KEY_DC }, { CONFIG_KEY_BACKSPACE, KEY_BACKSPACE },
	};
	if (key == '\r') {
		out[0] = '\r';
		out[1] = '\n';
		out[2] = KEY_ENTER;
		return 3;
	}
	if (key > CONFIG_KEY_F0 && key <= CONFIG_KEY_F0 + 12) {
		out[0] = KEY_F(key - CONFIG_KEY_F0);
		return 1;
	}
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (named[i].config == key) {
			out[0] = named[i].curses;
			return 1;
		}
	}
	out[0] = key;
	return 1;
}

/* "generic, images, archives, …": the names a bind line may use. */
static void
table_names(struct strbuf *sb)
{
	sb_puts(sb, "generic");
	for (const struct keytable *const *t = config_keytables(); *t; t++)
		sb_printf(sb, ", %s", (*t)->name);
}

/* "remove, pull, …, none, or a generic action": the actions of t; NULL: the generic ones. */
static void
action_names(struct strbuf *sb, const struct keytable *t)
{
	size_t used = sb->len;
	for (size_t i = 0; t && i < t->n; i++) {
		const char *name = t->rows[i].name;
		if (!name)
			continue;
		bool dup = false;
		for (size_t k = 0; k < i && !dup; k++)
			dup = t->rows[k].name && strcmp(t->rows[k].name, name) == 0;
		if (!dup)
			sb_printf(sb, "%s%s", sb->len > used ? ", " : "", name);
	}
	if (t) {
		sb_printf(sb, "%s%s", sb->len > used ? ", " : "", _("none, or a generic action"));
		return;
	}
	for (int r = REQ_NONE + 1; r < REQ_COUNT; r++) {
		char name[64];
		keymap_request_name((enum request)r, name, sizeof(name));
		sb_printf(sb, "%s%s", sb->len > used ? ", " : "", name);
	}
	sb_puts(sb, ", none");
}

static const struct view_key *
named_row(const struct keytable *t, const char *action)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i].name && strcmp(t->rows[i].name, action) == 0)
			return &t->rows[i];
	return NULL;
}

static void
bind_generic(struct config *c, const struct config_bind *b, const int *keys, int nkeys)
{
	enum request req = keymap_request_by_name(b->action);
	if (req == REQ_NONE && strcmp(b->action, "none") != 0) {
		struct strbuf sb = STRBUF_INIT;
		action_names(&sb, NULL);
		config_error_hint(c, b->line, sb.buf, _("unknown action '%s' for the generic keys"), b->action);
		sb_free(&sb);
		return;
	}
	for (int i = 0; i < nkeys; i++)
		keymap_bind(keys[i], req);
}

static void
bind_one(struct config *c, const struct config_bind *b)
{
	int keys[3];
	int nkeys = curses_keys(b->key, keys);
	if (strcmp(b->table, "generic") == 0) {
		bind_generic(c, b, keys, nkeys);
		return;
	}
	const struct keytable *t = NULL;
	for (const struct keytable *const *p = config_keytables(); *p && !t; p++)
		if (strcmp((*p)->name, b->table) == 0)
			t = *p;
	if (!t) {
		struct strbuf sb = STRBUF_INIT;
		table_names(&sb);
		config_error_hint(c, b->line, sb.buf, _("unknown key table '%s'"), b->table);
		sb_free(&sb);
		return;
	}
	/* The row of that name (from the built-in rows: an earlier line may have taken its key), a
	 * generic request read the view's way, or nothing. */
	const struct view_key *row = named_row(t, b->action);
	struct view_key generic = { .req = keymap_request_by_name(b->action) };
	if (!row && generic.req != REQ_NONE)
		row = &generic;
	if (!row && strcmp(b->action, "none") != 0) {
		struct strbuf sb = STRBUF_INIT;
		action_names(&sb, t);
		config_error_hint(c, b->line, sb.buf, _("unknown action '%s' for the %s keys"), b->action, t->name);
		sb_free(&sb);
		return;
	}
	for (int i = 0; i < nkeys; i++)
		keytable_bind(t, keys[i], row);
}

/* ---- settings -------------------------------------------------------------------------- */

static void
take_panel(struct config *c)
{
	const struct config_word *w = &c->default_panel;
	if (!w->value)
		return;
	static const char *const ids[PANEL_COUNT] = {
#define PANEL_ID(id, digit, letter, make, name, help) [PANEL_##id] = #id,
		PANEL_LIST(PANEL_ID)
#undef PANEL_ID
	};
	struct strbuf names = STRBUF_INIT;
	for (int p = 0; p < PANEL_COUNT; p++) {
		char lower[32];
		size_t k = 0;
		for (const char *s = ids[p]; *s && k + 1 < sizeof(lower); s++)
			lower[k++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
		lower[k] = '\0';
		if (strcmp(w->value, lower) == 0) {
			settings.panel = (enum panel)p;
			sb_free(&names);
			return;
		}
		sb_printf(&names, "%s%s", p ? ", " : "", lower);
	}
	config_error_hint(c, w->line, names.buf, _("unknown panel '%s'"), w->value);
	sb_free(&names);
}

static void
check_roles(struct config *c)
{
	for (size_t i = 0; i < c->ncolors; i++) {
		if (draw_role_by_name(c->colors[i].role) >= 0)
			continue;
		struct strbuf sb = STRBUF_INIT;
		for (int r = 0; r < ROLE_COUNT; r++)
			sb_printf(&sb, "%s%s", r ? ", " : "", draw_role_name((enum role)r));
		config_error_hint(c, c->colors[i].line, sb.buf, _("unknown colour role '%s'"), c->colors[i].role);
		sb_free(&sb);
	}
}

void
config_apply(struct config *c)
{
	for (size_t i = 0; i < c->nbinds; i++)
		bind_one(c, &c->binds[i]);
	check_roles(c);
	take_panel(c);
	if (c->confirm_quit >= 0)
		settings.confirm_quit = c->confirm_quit;
	if (c->log_lines > 0)
		settings.log_lines = (size_t)c->log_lines;
}

static const struct { unsigned config; attr_t curses; } attr_map[] = {
	{ CONFIG_ATTR_BOLD, A_BOLD }, { CONFIG_ATTR_DIM, A_DIM }, { CONFIG_ATTR_UNDERLINE, A_UNDERLINE },
	{ CONFIG_ATTR_REVERSE, A_REVERSE }, { CONFIG_ATTR_BLINK, A_BLINK }, { CONFIG_ATTR_STANDOUT, A_STANDOUT },
#ifdef A_ITALIC
	{ CONFIG_ATTR_ITALIC, A_ITALIC },
#endif
};

void
config_apply_colors(struct config *c, bool colors)
{
	for (size_t i = 0; i < c->ncolors; i++) {
		const struct config_color *col = &c->colors[i];
		int role = draw_role_by_name(col->role);
		if (role < 0)
			continue;	/* said in config_apply */
		attr_t attrs = 0;
		for (size_t k = 0; k < sizeof(attr_map) / sizeof(attr_map[0]); k++)
			if (col->attrs & attr_map[k].config)
				attrs |= attr_map[k].curses;
		if (!draw_set_role((enum role)role, colors, col->fg, col->bg, attrs))
			config_error(c, col->line, _("colour %d is past this terminal's %d colours"),
				     col->fg > col->bg ? col->fg : col->bg, COLORS);
	}
}

static void
apply_sort(struct config *c, struct view *root, const struct config_word *w, const char *setting)
{
	if (!w->value || !root)
		return;
	if (!root->ops->sort_by || !root->ops->sort_by(root, w->value, w->reverse ? 1 : 0))
		config_error_hint(c, w->line, _("a column's title, as the panel's header shows it: CREATED, SIZE…"),
				  _("%s: no column '%s' to sort by"), setting, w->value);
}

void
config_apply_app(struct config *c, struct app *app)
{
	apply_sort(c, app_panel_root(app, PANEL_IMAGES), &c->images_sort, "images-sort");
	apply_sort(c, app_panel_root(app, PANEL_CONTAINERS), &c->containers_sort, "containers-sort");
	if (c->mouse >= 0)
		app_set_mouse(app, c->mouse != 0);
}

void
config_apply_reset(void)
{
	keymap_reset();
	keytable_reset();
	settings.panel = PANEL_IMAGES;
	settings.confirm_quit = -1;
	settings.log_lines = 0;
}

enum panel
config_default_panel(void)
{
	return settings.panel;
}

bool
config_confirm_quit(void)
{
	return settings.confirm_quit != 0;
}

size_t
config_log_lines(size_t dflt)
{
	const char *env = getenv("BUDU_LOG_LINES");
	long lines = env ? strtol(env, NULL, 10) : 0;
	if (lines > 0)
		return (size_t)lines;
	return settings.log_lines ? settings.log_lines : dflt;
}
