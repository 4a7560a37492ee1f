/* Keys are data: one table binds keys to actions per scope; the help overlay is generated
 * from the same table, so it cannot drift from what the keys do. */
#ifndef BUDU_KEYMAP_H
#define BUDU_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

/* X(name, help text): the order here is the order of the help overlay. */
#define ACTION_LIST(X) \
	X(DOWN,		N_("Move down")) \
	X(UP,		N_("Move up")) \
	X(PAGE_DOWN,	N_("Page down")) \
	X(PAGE_UP,	N_("Page up")) \
	X(FIRST,	N_("Go to the first row")) \
	X(LAST,		N_("Go to the last row")) \
	X(FILTER,	N_("Filter rows as you type (repository, tag, ID)")) \
	X(CLEAR_FILTER,	N_("Clear the filter")) \
	X(SORT,		N_("Cycle the sort order: created, repository, size")) \
	X(TOGGLE_ALL,	N_("Show or hide intermediate images (-a)")) \
	X(TOGGLE_DIGESTS, N_("Show or hide the DIGEST column (--digests)")) \
	X(TOGGLE_TRUNC,	N_("Show full or short image IDs (--no-trunc)")) \
	X(RELOAD,	N_("Reload from the engine now")) \
	X(REDRAW,	N_("Redraw the screen")) \
	X(HELP,		N_("Show this help")) \
	X(QUIT,		N_("Quit"))

enum action {
	ACT_NONE = 0,
#define ACTION_ENUM(name, help) ACT_##name,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

/* Where a binding applies. Views look in their own scope first, then in KEYMAP_GLOBAL. */
enum keymap_scope {
	KEYMAP_GLOBAL,
	KEYMAP_IMAGES,
	KEYMAP_SCOPE_COUNT
};

struct keybinding {
	int key;		/* a curses key code or a character */
	enum action action;
	enum keymap_scope scope;
};

/* The action bound to key in scope (falling back to global), or ACT_NONE. */
enum action keymap_lookup(enum keymap_scope scope, int key);
/* The untranslated help text of an action (translate with _()). */
const char *keymap_action_help(enum action action);
/* "j", "Down", "PgDn", "Ctrl-L", "Esc": a key as the help overlay names it. */
void keymap_key_name(int key, char *buf, size_t n);
/* All keys bound to action in scope, as "j, Down". */
void keymap_keys_for(enum action action, enum keymap_scope scope, char *buf, size_t n);

/* The whole table, for the help overlay and tests. */
const struct keybinding *keymap_table(size_t *n);

#endif
