/* One list movement for every view: a cursor and the first row on screen over n rows.
 * Pure arithmetic, no curses: unit-tested at the edges (tests/unit/check_ui_tables.c). */
#ifndef BUDU_LIST_H
#define BUDU_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "keymap.h"

struct list_pos {
	size_t cursor;	/* the selected row, < n unless n == 0 */
	size_t top;	/* the first row on screen */
	size_t n;	/* rows; the view keeps it current */
};

/* Moves for DOWN, UP, PAGE_DOWN, PAGE_UP, FIRST and LAST; page is the rows on screen. Paging
 * moves the window with the cursor, so a page down shows the next page, not the cursor at the
 * bottom of the same one. Returns false for other requests. */
bool list_move(struct list_pos *p, enum request req, int page);

/* Keeps the cursor inside n rows and the window [top, top + height) around it, with no empty
 * space below the last row when the rows could fill the window. Call before drawing. */
void list_clamp(struct list_pos *p, int height);

#endif
