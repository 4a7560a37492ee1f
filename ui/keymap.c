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
	{ '/',		ACT_FILTER,		KEYMAP_IMAGES },
	{ KEY_ESC,	ACT_CLEAR_FILTER,	KEYMAP_IMAGES },
	{ 'o',		ACT_SORT,		KEYMAP_IMAGES },
	{ 'a',		ACT_TOGGLE_ALL,		KEYMAP_IMAGES },
	{ 'D',		ACT_TOGGLE_DIGESTS,	KEYMAP_IMAGES },
	{ 'T',		ACT_TOGGLE_TRUNC,	KEYMAP_IMAGES },
	{ 'R',		ACT_RELOAD,		KEYMAP_GLOBAL },
	{ KEY_F(5),	ACT_RELOAD,		KEYMAP_GLOBAL },
	{ CTRL('l'),	ACT_REDRAW,		KEYMAP_GLOBAL },
	{ '?',		ACT_HELP,		KEYMAP_GLOBAL },
	{ KEY_F(1),	ACT_HELP,		KEYMAP_GLOBAL },
	{ 'q',		ACT_QUIT,		KEYMAP_GLOBAL },
};

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

enum action
keymap_lookup(enum keymap_scope scope, int key)
{
	enum action global = ACT_NONE;
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++) {
		if (bindings[i].key != key)
			continue;
		if (bindings[i].scope == scope)
			return bindings[i].action;
		if (bindings[i].scope == KEYMAP_GLOBAL)
			global = bindings[i].action;
	}
	return global;
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
		{ ' ', N_("Space") }, { '\n', N_("Enter") }, { '\t', N_("Tab") },
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
keymap_keys_for(enum action action, enum keymap_scope scope, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++) {
		const struct keybinding *b = &bindings[i];
		if (b->action != action || (b->scope != scope && b->scope != KEYMAP_GLOBAL))
			continue;
		char name[32];
		keymap_key_name(b->key, name, sizeof(name));
		int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", name);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
}
