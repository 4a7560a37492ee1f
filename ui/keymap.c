#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keymap.h"
#include "xalloc.h"

static const struct keybinding defaults[] = {
	{ 'j',		REQ_DOWN },
	{ KEY_DOWN,	REQ_DOWN },
	{ 'k',		REQ_UP },
	{ KEY_UP,	REQ_UP },
	{ KEY_NPAGE,	REQ_PAGE_DOWN },
	{ KEY_CTRL('f'), REQ_PAGE_DOWN },
	{ ' ',		REQ_PAGE_DOWN },
	{ KEY_PPAGE,	REQ_PAGE_UP },
	{ KEY_CTRL('b'), REQ_PAGE_UP },
	{ 'g',		REQ_FIRST },
	{ KEY_HOME,	REQ_FIRST },
	{ 'G',		REQ_LAST },
	{ KEY_END,	REQ_LAST },
	{ '\r',		REQ_ENTER },
	{ '\n',		REQ_ENTER },
	{ KEY_ENTER,	REQ_ENTER },
	{ KEY_ESC,	REQ_BACK },
	{ '/',		REQ_FILTER },
	{ 'n',		REQ_SEARCH_NEXT },
	{ 'N',		REQ_SEARCH_PREV },
	{ 'o',		REQ_SORT },
	{ '>',		REQ_SORT },
	{ '<',		REQ_SORT_PREV },
	{ 'O',		REQ_SORT_REVERSE },
	{ 'y',		REQ_COPY },
	{ 'Y',		REQ_COPY_ALT },
	{ 'R',		REQ_RELOAD },
	{ KEY_F(5),	REQ_RELOAD },
	{ 'M',		REQ_MOUSE },
	{ KEY_CTRL('l'), REQ_REDRAW },
	{ '?',		REQ_HELP },
	{ KEY_F(1),	REQ_HELP },
	{ 'q',		REQ_QUIT },
	/* The panels: their digits, then their letters. */
#define PANEL_DIGIT(id, digit, letter, make, name, help) { digit, REQ_PANEL + PANEL_##id },
	PANEL_LIST(PANEL_DIGIT)
#undef PANEL_DIGIT
#define PANEL_LETTER(id, digit, letter, make, name, help) { letter, REQ_PANEL + PANEL_##id },
	PANEL_LIST(PANEL_LETTER)
#undef PANEL_LETTER
};

#define NDEFAULTS (sizeof(defaults) / sizeof(defaults[0]))

/* The table in use: the defaults, or the copy the config file rebound (keymap_bind). */
static const struct keybinding *bindings = defaults;
static size_t nbindings = NDEFAULTS;
static struct keybinding *rebound;

static const char *const request_help[REQ_PANEL] = {
#define REQUEST_HELP(name, help, flags) [REQ_##name] = help,
	REQUEST_LIST(REQUEST_HELP)
#undef REQUEST_HELP
};

static const int request_flags[REQ_PANEL] = {
#define REQUEST_FLAGS(name, help, flags) [REQ_##name] = flags,
	REQUEST_LIST(REQUEST_FLAGS)
#undef REQUEST_FLAGS
};

static const char *const panel_help[PANEL_COUNT] = {
#define PANEL_HELP(id, digit, letter, make, name, help) [PANEL_##id] = help,
	PANEL_LIST(PANEL_HELP)
#undef PANEL_HELP
};

const struct keybinding *
keymap_table(size_t *n)
{
	*n = nbindings;
	return bindings;
}

void
keymap_bind(int key, enum request req)
{
	if (!rebound) {
		rebound = xmalloc(NDEFAULTS * sizeof(*rebound));
		memcpy(rebound, defaults, sizeof(defaults));
		bindings = rebound;
	}
	size_t k = 0;
	for (size_t i = 0; i < nbindings; i++)
		if (rebound[i].key != key)
			rebound[k++] = rebound[i];
	nbindings = k;
	if (req != REQ_NONE) {
		rebound = xrealloc(rebound, (nbindings + 1) * sizeof(*rebound));
		rebound[nbindings++] = (struct keybinding){ key, req };
	}
	bindings = rebound;
}

void
keymap_reset(void)
{
	free(rebound);
	rebound = NULL;
	bindings = defaults;
	nbindings = NDEFAULTS;
}

/* "page-down": the enum's name in lower case, '_' as '-'. */
static const char *const request_names[REQ_PANEL] = {
#define REQUEST_NAME(name, help, flags) [REQ_##name] = #name,
	REQUEST_LIST(REQUEST_NAME)
#undef REQUEST_NAME
};

static const char *const panel_ids[PANEL_COUNT] = {
#define PANEL_ID(id, digit, letter, make, name, help) [PANEL_##id] = #id,
	PANEL_LIST(PANEL_ID)
#undef PANEL_ID
};

static bool
same_name(const char *config, const char *id)
{
	for (; *config && *id; config++, id++)
		if (tolower((unsigned char)*config) != tolower((unsigned char)(*id == '_' ? '-' : *id)))
			return false;
	return !*config && !*id;
}

enum request
keymap_request_by_name(const char *name)
{
	for (int r = REQ_NONE + 1; r < REQ_PANEL; r++)
		if (same_name(name, request_names[r]))
			return (enum request)r;
	if (strncmp(name, "panel-", 6) == 0)
		for (int p = 0; p < PANEL_COUNT; p++)
			if (same_name(name + 6, panel_ids[p]))
				return (enum request)(REQ_PANEL + p);
	return REQ_NONE;
}

void
keymap_request_name(enum request req, char *buf, size_t n)
{
	const char *id = "";
	const char *prefix = "";
	if (req >= REQ_PANEL && req < REQ_COUNT) {
		prefix = "panel-";
		id = panel_ids[req - REQ_PANEL];
	} else if (req > REQ_NONE && req < REQ_PANEL) {
		id = request_names[req];
	}
	size_t used = (size_t)snprintf(buf, n, "%s", prefix);
	for (; *id && used + 1 < n; id++)
		buf[used++] = *id == '_' ? '-' : (char)tolower((unsigned char)*id);
	if (used < n)
		buf[used] = '\0';
}

enum request
keymap_request(int key)
{
	if (key == 0)
		return REQ_NONE;	/* a panel without a letter */
	for (size_t i = 0; i < nbindings; i++)
		if (bindings[i].key == key)
			return bindings[i].req;
	return REQ_NONE;
}

const char *
keymap_request_help(enum request req)
{
	if (req >= REQ_PANEL && req < REQ_COUNT)
		return panel_help[req - REQ_PANEL];
	return req > REQ_NONE && req < REQ_PANEL ? request_help[req] : "";
}

bool
keymap_request_is_view(enum request req)
{
	return req > REQ_NONE && req < REQ_PANEL && (request_flags[req] & REQF_VIEW);
}

const char *
keymap_panel_name(enum panel p)
{
	static const char *const names[PANEL_COUNT] = {
#define PANEL_NAME(id, digit, letter, make, name, help) [PANEL_##id] = name,
		PANEL_LIST(PANEL_NAME)
#undef PANEL_NAME
	};
	return p < PANEL_COUNT ? names[p] : "";
}

bool
keymap_key_is_alias(int key)
{
	return key == '\n' || key == KEY_ENTER;
}

void
keymap_key_name(int key, char *buf, size_t n)
{
	static const struct { int key; const char *name; } named[] = {
		{ KEY_DOWN, N_("Down") }, { KEY_UP, N_("Up") }, { KEY_LEFT, N_("Left") },
		{ KEY_RIGHT, N_("Right") }, { KEY_NPAGE, N_("PgDn") }, { KEY_PPAGE, N_("PgUp") },
		{ KEY_HOME, N_("Home") }, { KEY_END, N_("End") }, { KEY_ESC, N_("Esc") },
		{ ' ', N_("Space") }, { '\r', N_("Enter") }, { '\n', N_("Enter") },
		{ KEY_ENTER, N_("Enter") }, { '\t', N_("Tab") }, { KEY_BTAB, N_("Shift-Tab") },
	};
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (named[i].key == key) {
			snprintf(buf, n, "%s", _(named[i].name));
			return;
		}
	}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, n, "F%d", key - KEY_F0);
	else if (key >= 1 && key <= 26)
		snprintf(buf, n, "Ctrl-%c", 'A' + key - 1);
	else if (key > 32 && key < 127)
		snprintf(buf, n, "%c", key);
	else
		snprintf(buf, n, "#%d", key);
}
