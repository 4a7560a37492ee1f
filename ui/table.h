/* docker's table layout, once for every list budu draws: the CLI writes its tables through Go's
 * tabwriter with a minimum cell width of 10 and a padding of 3, so a column is its widest cell
 * plus 3, at least 10, and the last column is not padded. Widths are display columns (Hangul
 * takes two). No curses here: tests/unit/check_table.c holds it to docker's own output. */
#ifndef BUDU_TABLE_H
#define BUDU_TABLE_H

#define TABLE_PADDING 3
#define TABLE_MINWIDTH 10

/* The width of a column whose widest cell is `content` columns. */
int table_width(int content, int is_last);
/* widths[i] for n columns from their widest cells. */
void table_layout(const int *content, int n, int *widths);
/* One row as docker prints it: each cell padded to its width, the last as it is. New string. */
char *table_line(const char *const *cells, const int *widths, int n);

#endif
