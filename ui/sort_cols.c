#include "config.h"

#include <strings.h>

#include "i18n.h"
#include "sort_cols.h"

int
sort_cols_column(const int *order_of, int ncols, int sort, int fallback)
{
	for (int c = 0; c < ncols; c++)
		if (order_of[c] == sort)
			return c;
	return fallback;
}

int
sort_cols_step(const int *order_of, int ncols, int col, int step, const bool *shown)
{
	int c = col;
	for (int i = 0; i < ncols; i++) {
		c = ((c + step) % ncols + ncols) % ncols;
		if (order_of[c] >= 0 && (!shown || shown[c]))
			return c;
	}
	return col;
}

int
sort_cols_find(const int *order_of, const char *const *titles, int ncols, const char *name)
{
	for (int c = 0; c < ncols; c++)
		if (order_of[c] >= 0 && (strcasecmp(name, titles[c]) == 0 || strcasecmp(name, _(titles[c])) == 0))
			return c;
	return -1;
}

bool
sort_cols_reverse(int old_sort, bool old_reverse, int new_sort, int reverse)
{
	if (reverse >= 0)
		return reverse > 0;
	return old_sort == new_sort && !old_reverse;
}
