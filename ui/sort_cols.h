/* Sorting a table by any of its columns, once for every list: o/> the next column, < the
 * previous, O reverses, a header click or the config file names one. A view gives, per column,
 * the order that column sorts by (its own enum, -1 for a column that does not sort); these
 * helpers walk that table. No curses, no state: pure functions of their arguments. */
#ifndef BUDU_SORT_COLS_H
#define BUDU_SORT_COLS_H

#include <stdbool.h>

/* The column whose order is sort, or fallback when none. */
int sort_cols_column(const int *order_of, int ncols, int sort, int fallback);
/* The next (step 1) or previous (-1) column after col that sorts and is shown (shown may be
 * NULL: all are); col itself when there is none. */
int sort_cols_step(const int *order_of, int ncols, int col, int step, const bool *shown);
/* The column titled name, compared without case against titles (untranslated) and their
 * translations; -1 when none sorts by that name. */
int sort_cols_find(const int *order_of, const char *const *titles, int ncols, const char *name);
/* The reverse flag after choosing column's order new_sort over old_sort: reverse as the
 * view_ops sort_by op takes it (1, 0, or -1 a header click: toggles on the same column). */
bool sort_cols_reverse(int old_sort, bool old_reverse, int new_sort, int reverse);

#endif
