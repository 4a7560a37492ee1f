#include "config.h"

#include "view.h"

void
view_scroll(size_t *cursor, size_t *top, size_t n, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;
	if (n == 0) {
		*cursor = *top = 0;
		return;
	}
	if (*cursor >= n)
		*cursor = n - 1;
	if (*cursor < *top)
		*top = *cursor;
	if (*cursor >= *top + h)
		*top = *cursor - h + 1;
	/* No empty space below the last row when the list could fill the window. */
	if (*top + h > n)
		*top = n > h ? n - h : 0;
}
