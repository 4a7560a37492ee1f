/* Drawing helpers shared by the views. Every string reaches the terminal through draw_text(),
 * which sanitizes it: nothing from the engine can send a control sequence. */
#ifndef BUDU_DRAW_H
#define BUDU_DRAW_H

#include <curses.h>
#include <stdbool.h>

/* Colours are roles; the code names roles, never colours. */
enum role {
	ROLE_NORMAL,
	ROLE_TITLE,		/* top bar */
	ROLE_HEADER,		/* column headers */
	ROLE_SELECTED,		/* the cursor row */
	ROLE_STATUS,		/* bottom bar */
	ROLE_ERROR,
	ROLE_NOTE,		/* neutral notices */
	ROLE_DIM,		/* <none>, secondary text */
	ROLE_KEY,		/* key names in help */
	ROLE_PROMPT,
	ROLE_TAB,		/* an inactive tab label */
	ROLE_TAB_ACTIVE,
	ROLE_JSON_KEY,
	ROLE_JSON_STRING,
	ROLE_JSON_NUMBER,
	ROLE_JSON_BOOL,
	ROLE_JSON_NULL,
	ROLE_INSTRUCTION,	/* a Dockerfile keyword in the history footer */
	ROLE_BAR,		/* size bars */
	ROLE_MARKED,		/* rows marked with Space */
	ROLE_ADDED,		/* a layer's change to a file (the Files tab): added, */
	ROLE_MODIFIED,		/* modified, */
	ROLE_REMOVED,		/* removed */
	ROLE_COUNT
};

void draw_init_colors(bool colors);
attr_t draw_attr(enum role role);
/* The config file's name of a role ("selected", "json-key"), and back (-1: no such role). */
const char *draw_role_name(enum role role);
int draw_role_by_name(const char *name);
/* The config file's colour for role (after draw_init_colors): fg and bg are 0..255 or -1 (the
 * terminal's own). Without colours only attrs apply, and only when there are some. false: the
 * terminal cannot show that colour (it has fewer). */
bool draw_set_role(enum role role, bool colors, int fg, int bg, attr_t attrs);

/* Writes s at (y, x) cut or padded to exactly `width` columns (ellipsis when cut), with attr.
 * Returns the columns used. Sanitizes s first. */
int draw_text(WINDOW *w, int y, int x, const char *s, int width, attr_t attr);
/* Fills row y from column x to the right edge with spaces in attr. */
void draw_fill(WINDOW *w, int y, int x, attr_t attr);
/* Word-wraps s into the box (y, x, h, w); returns rows used. Sanitizes s. win NULL: draws
 * nothing, only counts the rows. */
int draw_wrapped(WINDOW *win, int y, int x, int h, int w, const char *s, attr_t attr);

/* Clears rows [y, y + height) and writes msg wrapped below their first row: the body of an
 * empty list, a failure, a wait. Sanitizes msg. */
void draw_note(WINDOW *w, int y, int height, const char *msg, enum role role);
/* A bar of `width` cells filled in proportion value/max (a value above 0 shows at least one
 * cell). brackets: inside [ and ], as a progress bar. */
void draw_bar(WINDOW *w, int y, int x, int width, long long value, long long max, bool brackets, attr_t attr);

/* A row of tabs: " Inspect ", " History (12) "; count[i] < 0 shows no count. names are
 * untranslated (N_); the active one stands out. */
void draw_tabs(WINDOW *w, int y, const char *const *names, const long *count, int n, int active);
/* The tab draw_tabs drew at column x (same names and counts), or -1. */
int draw_tab_at(const char *const *names, const long *count, int n, int x);

/* True when the terminal's locale can show UTF-8 block and box characters. */
bool draw_utf8(void);
/* What follows the sort column's name in a header: " ▼" descending, " ▲" ascending (" v",
 * " ^" without UTF-8). */
const char *draw_sort_mark(bool descending);

#endif
