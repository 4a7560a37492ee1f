/* The generic requests: keys that mean the same kind of thing in every view (move, open, back,
 * filter, copy, reload, help, quit, the panels). A view reads a generic request its own way
 * through a row of its key table (ui/view.h); what no view row takes, the app does. A view's
 * own commands are in its own file, never here. */
#ifndef BUDU_KEYMAP_H
#define BUDU_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "panels.h"

#define KEY_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)

/* X(name, help, flags). REQF_VIEW: only a view gives it a meaning; the help lists it under that
 * view's heading with the view's words, never under "General". */
#define REQUEST_LIST(X) \
	X(HELP,		N_("Show this help"), 0) \
	X(QUIT,		N_("Quit (Ctrl-C too; both ask first while jobs run)"), 0) \
	X(DOWN,		N_("Move down"), 0) \
	X(UP,		N_("Move up"), 0) \
	X(PAGE_DOWN,	N_("Page down"), 0) \
	X(PAGE_UP,	N_("Page up"), 0) \
	X(FIRST,	N_("Go to the first row"), 0) \
	X(LAST,		N_("Go to the last row"), 0) \
	X(ENTER,	N_("Open the selected row"), REQF_VIEW) \
	X(BACK,		N_("Back: close this view, or return to the panel before"), 0) \
	X(FILTER,	N_("Filter or search"), REQF_VIEW) \
	X(SEARCH_NEXT,	N_("Next match"), REQF_VIEW) \
	X(SEARCH_PREV,	N_("Previous match"), REQF_VIEW) \
	X(SORT,		N_("Sort by the next column"), REQF_VIEW) \
	X(SORT_PREV,	N_("Sort by the previous column"), REQF_VIEW) \
	X(SORT_REVERSE,	N_("Reverse the sort order"), REQF_VIEW) \
	X(COPY,		N_("Copy to the clipboard"), REQF_VIEW) \
	X(COPY_ALT,	N_("Copy another form to the clipboard"), REQF_VIEW) \
	X(RELOAD,	N_("Reload from the engine now"), 0) \
	X(MOUSE,	N_("Mouse on or off (off: the terminal's own selection works)"), 0) \
	X(REDRAW,	N_("Redraw the screen"), 0)

#define REQF_VIEW 1

enum request {
	REQ_NONE = 0,
#define REQUEST_ENUM(name, help, flags) REQ_##name,
	REQUEST_LIST(REQUEST_ENUM)
#undef REQUEST_ENUM
	REQ_PANEL,	/* REQ_PANEL + enum panel: show that panel */
	REQ_COUNT = REQ_PANEL + PANEL_COUNT
};

struct keybinding {
	int key;		/* a curses key code or a character */
	enum request req;
};

/* The generic request bound to key, or REQ_NONE. Keys are ASCII or curses codes. */
enum request keymap_request(int key);
/* The untranslated help text of a request (translate with _()); panels have their name. */
const char *keymap_request_help(enum request req);
bool keymap_request_is_view(enum request req);
/* The untranslated name of a panel ("Images"). */
const char *keymap_panel_name(enum panel p);

/* "j", "Down", "PgDn", "Ctrl-L", "Esc": a key as the help names it. */
void keymap_key_name(int key, char *buf, size_t n);
/* True for the keys that are a second name of another (Enter's '\n' and KEY_ENTER): the help
 * names Enter once. */
bool keymap_key_is_alias(int key);

/* The whole generic table, for the help and the tests: the defaults, or as the config file
 * rebound them. */
const struct keybinding *keymap_table(size_t *n);
/* Binds key to req everywhere no view's own row takes it; REQ_NONE: to nothing. The key's old
 * binding goes (ui/config_apply.c, at the start). */
void keymap_bind(int key, enum request req);
/* Back to the built-in table (tests). */
void keymap_reset(void);
/* The config file's names of the requests: "page-down", "copy-alt", "panel-containers".
 * REQ_NONE for a name that is none of them. */
enum request keymap_request_by_name(const char *name);
void keymap_request_name(enum request req, char *buf, size_t n);

#endif
