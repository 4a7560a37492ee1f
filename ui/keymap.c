#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "keymap.h"

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

static const struct keybinding bindings[] = {
	{ 'j',		ACT_DOWN,		KEYMAP_GLOBAL },
	{ KEY_DOWN,	ACT_DOWN,		KEYMAP_GLOBAL },
	{ 'k',		ACT_UP,			KEYMAP_GLOBAL },
	{ KEY_UP,	ACT_UP,			KEYMAP_GLOBAL },
	{ KEY_NPAGE,	ACT_PAGE_DOWN,		KEYMAP_GLOBAL },
	{ CTRL('f'),	ACT_PAGE_DOWN,		KEYMAP_GLOBAL },
	{ ' ',		ACT_PAGE_DOWN,		KEYMAP_GLOBAL },
	{ KEY_PPAGE,	ACT_PAGE_UP,		KEYMAP_GLOBAL },
	{ CTRL('b'),	ACT_PAGE_UP,		KEYMAP_GLOBAL },
	{ 'g',		ACT_FIRST,		KEYMAP_GLOBAL },
	{ KEY_HOME,	ACT_FIRST,		KEYMAP_GLOBAL },
	{ 'G',		ACT_LAST,		KEYMAP_GLOBAL },
	{ KEY_END,	ACT_LAST,		KEYMAP_GLOBAL },
	{ '\r',		ACT_OPEN,		KEYMAP_IMAGES },
	{ '\n',		ACT_OPEN,		KEYMAP_IMAGES },
	{ KEY_ENTER,	ACT_OPEN,		KEYMAP_IMAGES },
	{ '/',		ACT_FILTER,		KEYMAP_IMAGES },
	{ KEY_ESC,	ACT_CLEAR_FILTER,	KEYMAP_IMAGES },
	{ 'o',		ACT_SORT,		KEYMAP_IMAGES },
	{ 'a',		ACT_TOGGLE_ALL,		KEYMAP_IMAGES },
	{ 'D',		ACT_TOGGLE_DIGESTS,	KEYMAP_IMAGES },
	{ 'T',		ACT_TOGGLE_TRUNC,	KEYMAP_IMAGES },
	{ 'U',		ACT_USAGE,		KEYMAP_IMAGES },
	{ ' ',		ACT_MARK,		KEYMAP_IMAGES },
	{ 'y',		ACT_COPY_ID,		KEYMAP_IMAGES },
	{ 'Y',		ACT_COPY_REF,		KEYMAP_IMAGES },
	{ 'p',		ACT_PULL,		KEYMAP_IMAGES },
	{ 't',		ACT_TAG,		KEYMAP_IMAGES },
	{ 'd',		ACT_REMOVE,		KEYMAP_IMAGES },
	{ 'P',		ACT_PRUNE,		KEYMAP_IMAGES },
	{ 'x',		ACT_CANCEL_JOB,		KEYMAP_JOBS },
	{ 'c',		ACT_CLEAR_JOBS,		KEYMAP_JOBS },
	{ KEY_ESC,	ACT_SHOW_IMAGES,	KEYMAP_JOBS },
	{ '1',		ACT_SHOW_IMAGES,	KEYMAP_GLOBAL },
	{ '3',		ACT_SHOW_JOBS,		KEYMAP_GLOBAL },
	{ 'J',		ACT_SHOW_JOBS,		KEYMAP_GLOBAL },
	{ '2',		ACT_SHOW_SEARCH,	KEYMAP_GLOBAL },
	{ 'S',		ACT_SHOW_SEARCH,	KEYMAP_GLOBAL },
	{ '/',		ACT_SEARCH_QUERY,	KEYMAP_SEARCH },
	{ 'f',		ACT_SEARCH_FILTERS,	KEYMAP_SEARCH },
	{ 'o',		ACT_SEARCH_SORT,	KEYMAP_SEARCH },
	{ 'T',		ACT_SEARCH_TRUNC,	KEYMAP_SEARCH },
	{ 'r',		ACT_OPEN_REPO,		KEYMAP_SEARCH },
	{ '\r',		ACT_OPEN,		KEYMAP_SEARCH },
	{ KEY_ENTER,	ACT_OPEN,		KEYMAP_SEARCH },
	{ 'p',		ACT_PULL_THIS,		KEYMAP_SEARCH },
	{ KEY_ESC,	ACT_BACK,		KEYMAP_SEARCH },
	{ '\t',		ACT_NEXT_TAB,		KEYMAP_DETAILS },
	{ KEY_BTAB,	ACT_PREV_TAB,		KEYMAP_DETAILS },
	{ 'i',		ACT_TAB_INSPECT,	KEYMAP_DETAILS },
	{ 'h',		ACT_TAB_HISTORY,	KEYMAP_DETAILS },
	{ 't',		ACT_TAB_TAGS,		KEYMAP_DETAILS },
	{ 'c',		ACT_TAB_CONTAINERS,	KEYMAP_DETAILS },
	{ KEY_ESC,	ACT_BACK,		KEYMAP_DETAILS },
	{ 'q',		ACT_BACK,		KEYMAP_DETAILS },
	{ '\r',		ACT_UNFOLD,		KEYMAP_INSPECT },
	{ '\n',		ACT_UNFOLD,		KEYMAP_INSPECT },
	{ KEY_ENTER,	ACT_UNFOLD,		KEYMAP_INSPECT },
	{ ' ',		ACT_UNFOLD,		KEYMAP_INSPECT },
	{ KEY_RIGHT,	ACT_UNFOLD,		KEYMAP_INSPECT },
	{ 'l',		ACT_UNFOLD,		KEYMAP_INSPECT },
	{ KEY_LEFT,	ACT_FOLD,		KEYMAP_INSPECT },
	{ 'E',		ACT_EXPAND_ALL,		KEYMAP_INSPECT },
	{ 'C',		ACT_COLLAPSE_ALL,	KEYMAP_INSPECT },
	{ '/',		ACT_SEARCH,		KEYMAP_INSPECT },
	{ 'n',		ACT_SEARCH_NEXT,	KEYMAP_INSPECT },
	{ 'N',		ACT_SEARCH_PREV,	KEYMAP_INSPECT },
	{ ':',		ACT_GOTO_PATH,		KEYMAP_INSPECT },
	{ '.',		ACT_GOTO_PATH,		KEYMAP_INSPECT },
	{ 'y',		ACT_COPY_VALUE,		KEYMAP_INSPECT },
	{ 'Y',		ACT_COPY_PATH,		KEYMAP_INSPECT },
	{ 'T',		ACT_FULL_WIDTH,		KEYMAP_HISTORY },
	{ 'e',		ACT_HIDE_EMPTY,		KEYMAP_HISTORY },
	{ 'R',		ACT_RELOAD,		KEYMAP_GLOBAL },
	{ KEY_F(5),	ACT_RELOAD,		KEYMAP_GLOBAL },
	{ CTRL('l'),	ACT_REDRAW,		KEYMAP_GLOBAL },
	{ '?',		ACT_HELP,		KEYMAP_GLOBAL },
	{ KEY_F(1),	ACT_HELP,		KEYMAP_GLOBAL },
	{ 'q',		ACT_QUIT,		KEYMAP_GLOBAL },
};

#define NBINDINGS (sizeof(bindings) / sizeof(bindings[0]))

static const char *const action_help[ACT_COUNT] = {
#define ACTION_HELP(name, help) [ACT_##name] = help,
	ACTION_LIST(ACTION_HELP)
#undef ACTION_HELP
};

const struct keybinding *
keymap_table(size_t *n)
{
	*n = sizeof(bindings) / sizeof(bindings[0]);
	return bindings;
}

/* The binding a key reaches through the chain: the first scope of the chain that binds it. */
static const struct keybinding *
resolve(const struct keymap_chain *chain, int key)
{
	for (int c = 0; c <= chain->n; c++) {
		enum keymap_scope scope = c < chain->n ? chain->scope[c] : KEYMAP_GLOBAL;
		for (size_t i = 0; i < NBINDINGS; i++)
			if (bindings[i].key == key && bindings[i].scope == scope)
				return &bindings[i];
	}
	return NULL;
}

enum action
keymap_lookup(const struct keymap_chain *chain, int key)
{
	const struct keybinding *b = resolve(chain, key);
	return b ? b->action : ACT_NONE;
}

const char *
keymap_action_help(enum action action)
{
	return action > ACT_NONE && action < ACT_COUNT ? action_help[action] : "";
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

void
keymap_keys_for(enum action action, const struct keymap_chain *chain, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < NBINDINGS; i++) {
		const struct keybinding *b = &bindings[i];
		/* Listed when this very binding is the one the key reaches, and once per key. */
		if (b->action != action || resolve(chain, b->key) != b)
			continue;
		if (b->key == '\n' || b->key == KEY_ENTER)
			continue;	/* Enter is named once, by '\r' */
		char name[32];
		keymap_key_name(b->key, name, sizeof(name));
		int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", name);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
}
