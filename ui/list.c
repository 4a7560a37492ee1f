#include "config.h"

#include "list.h"

bool
list_move(struct list_pos *p, enum request req, int page)
{
	size_t step = page > 1 ? (size_t)page : 1;
	size_t n = p->n;
	switch (req) {
	case REQ_DOWN:
		if (n && p->cursor + 1 < n)
			p->cursor++;
		return true;
	case REQ_UP:
		if (p->cursor > 0)
			p->cursor--;
		return true;
	case REQ_PAGE_DOWN:
		if (n) {
			p->cursor = p->cursor + step < n ? p->cursor + step : n - 1;
			p->top += step;
		}
		return true;
	case REQ_PAGE_UP:
		p->cursor = p->cursor > step ? p->cursor - step : 0;
		p->top = p->top > step ? p->top - step : 0;
		return true;
	case REQ_FIRST:
		p->cursor = 0;
		return true;
	case REQ_LAST:
		p->cursor = n ? n - 1 : 0;
		return true;
	default:
		return false;
	}
}

void
list_clamp(struct list_pos *p, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;
	size_t n = p->n;
	if (n == 0) {
		p->cursor = p->top = 0;
		return;
	}
	if (p->cursor >= n)
		p->cursor = n - 1;
	if (p->cursor < p->top)
		p->top = p->cursor;
	if (p->cursor >= p->top + h)
		p->top = p->cursor - h + 1;
	if (p->top + h > n)
		p->top = n > h ? n - h : 0;
}
