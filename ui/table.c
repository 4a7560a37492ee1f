#include "config.h"

#include "sanitize.h"
#include "strbuf.h"
#include "table.h"

int
table_width(int content, int is_last)
{
	if (is_last)
		return content;
	return content + TABLE_PADDING > TABLE_MINWIDTH ? content + TABLE_PADDING : TABLE_MINWIDTH;
}

void
table_layout(const int *content, int n, int *widths)
{
	for (int i = 0; i < n; i++)
		widths[i] = table_width(content[i], i == n - 1);
}

/* Widths from the content limits: 0 for a column left out, the last one unpadded. */
static int
fit_widths(const int *limit, int n, int *widths)
{
	int last = -1, total = 0;
	for (int i = 0; i < n; i++)
		if (limit[i] >= 0)
			last = i;
	for (int i = 0; i < n; i++) {
		widths[i] = limit[i] >= 0 ? table_width(limit[i], i == last) : 0;
		total += widths[i];
	}
	return total;
}

int
table_fit(const int *content, const bool *shown, int n, int screen,
	  const struct table_step *steps, size_t nsteps, int *widths)
{
	int limit[TABLE_MAX_COLS];	/* content columns each may use; -1: left out */
	if (n > TABLE_MAX_COLS)
		n = TABLE_MAX_COLS;
	for (int i = 0; i < n; i++)
		limit[i] = !shown || shown[i] ? content[i] : -1;
	int total = fit_widths(limit, n, widths);
	for (size_t s = 0; s < nsteps && total > screen; s++) {
		int c = steps[s].col;
		if (c < 0 || c >= n || limit[c] < 0)
			continue;
		if (steps[s].kind == TABLE_DROP) {
			limit[c] = -1;
		} else {
			/* a padded column is never narrower than TABLE_MINWIDTH: cutting its text
			 * further gains nothing */
			int floor = steps[s].min;
			if (c != table_last(widths, n) && floor < TABLE_MINWIDTH - TABLE_PADDING)
				floor = TABLE_MINWIDTH - TABLE_PADDING;
			int want = limit[c] - (total - screen);
			if (want < floor)
				want = floor;
			if (want < limit[c])
				limit[c] = want;
		}
		total = fit_widths(limit, n, widths);
	}
	/* What the last cut took beyond need goes back, to the columns cut last first. */
	for (size_t s = nsteps; s-- > 0 && total < screen;) {
		int c = steps[s].col;
		if (steps[s].kind != TABLE_CUT || c < 0 || c >= n || limit[c] < 0 || limit[c] >= content[c])
			continue;
		int more = screen - total;
		limit[c] = content[c] - limit[c] < more ? content[c] : limit[c] + more;
		total = fit_widths(limit, n, widths);
		if (total > screen) {	/* TABLE_MINWIDTH: a column narrower than it grew less */
			limit[c] -= total - screen;
			total = fit_widths(limit, n, widths);
		}
	}
	return total;
}

int
table_last(const int *widths, int n)
{
	for (int i = n - 1; i >= 0; i--)
		if (widths[i] > 0)
			return i;
	return -1;
}

char *
table_line(const char *const *cells, const int *widths, int n)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < n; i++) {
		sb_puts(&sb, cells[i]);
		if (i == n - 1)
			break;
		for (int pad = widths[i] - text_width(cells[i]); pad > 0; pad--)
			sb_putc(&sb, ' ');
	}
	return sb_detach(&sb);
}
