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
