/* docker's table layout, once for every list budu draws: the CLI writes its tables through Go's
 * tabwriter with a minimum cell width of 10 and a padding of 3, so a column is its widest cell
 * plus 3, at least 10, and the last column is not padded. Widths are display columns (Hangul
 * takes two). No curses here: tests/unit/check_table.c holds it to docker's own output. */
#ifndef BUDU_TABLE_H
#define BUDU_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#define TABLE_PADDING 3
#define TABLE_MINWIDTH 10
#define TABLE_MAX_COLS 16	/* the most columns table_fit lays out */

/* The width of a column whose widest cell is `content` columns. */
int table_width(int content, int is_last);
/* widths[i] for n columns from their widest cells. */
void table_layout(const int *content, int n, int *widths);
/* How a table gives way on a screen too narrow for it, one step after another while the row is
 * wider than the screen: decoration goes first, the column that names a row last. */
enum table_step_kind {
	TABLE_CUT,	/* narrow the column, to no fewer than `min` columns of text */
	TABLE_DROP,	/* leave the column out */
};
struct table_step {
	int col;
	enum table_step_kind kind;
	int min;
};
/* widths[i] for n columns from their widest cells (header included) with docker's rule, then
 * the steps while the row is wider than `screen`. A column not shown (shown[i] false: empty on
 * every row, or off) or dropped gets width 0; the last one left is not padded. Returns the
 * row's width. shown may be NULL (every column). */
int table_fit(const int *content, const bool *shown, int n, int screen,
	      const struct table_step *steps, size_t nsteps, int *widths);
/* The last column with a width (the one a row ends with), -1 when none. */
int table_last(const int *widths, int n);

/* One row as docker prints it: each cell padded to its width, the last as it is. New string. */
char *table_line(const char *const *cells, const int *widths, int n);

#endif
