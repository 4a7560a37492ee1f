#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "dialog.h"
#include "draw.h"
#include "i18n.h"
#include "keymap.h"
#include "sanitize.h"
#include "strv.h"
#include "xalloc.h"


void
dialog_open(struct dialog *d, const char *title, const struct dialog_ops *ops, void *ctx)
{
	int scroll = d->open && d->ops == ops && d->ctx == ctx ? d->scroll : 0;
	dialog_close(d);
	d->open = true;
	d->ops = ops;
	d->ctx = ctx;
	d->scroll = scroll;
	d->title = xstrdup(title);
	d->can_proceed = true;
}

void
dialog_add_line(struct dialog *d, const char *line)
{
	d->lines = xrealloc(d->lines, (d->nlines + 1) * sizeof(*d->lines));
	d->lines[d->nlines++] = xstrdup(line);
}

void
dialog_add_linef(struct dialog *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *line = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	line[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(line, (size_t)n + 1, fmt, ap);
	va_end(ap);
	d->lines = xrealloc(d->lines, (d->nlines + 1) * sizeof(*d->lines));
	d->lines[d->nlines++] = line;
}

void
dialog_add_switch(struct dialog *d, int key, const char *label, bool on)
{
	if (d->nsw >= DIALOG_MAX_SWITCHES)
		return;
	d->sw[d->nsw++] = (struct dialog_switch){ .key = key, .label = xstrdup(label), .on = on };
}

bool
dialog_switch(const struct dialog *d, int key)
{
	for (int i = 0; i < d->nsw; i++)
		if (d->sw[i].key == key)
			return d->sw[i].on;
	return false;
}

void
dialog_close(struct dialog *d)
{
	strv_free(d->lines, d->nlines);
	free(d->title);
	for (int i = 0; i < d->nsw; i++)
		free(d->sw[i].label);
	*d = (struct dialog){ 0 };
}

enum dialog_result
dialog_key(struct dialog *d, wint_t ch, bool is_key)
{
	if (is_key) {
		if (ch == KEY_DOWN || ch == KEY_NPAGE)
			d->scroll++;
		else if ((ch == KEY_UP || ch == KEY_PPAGE) && d->scroll > 0)
			d->scroll--;
		return DIALOG_NONE;
	}
	if (ch == 'y' || ch == 'Y')
		return d->can_proceed ? DIALOG_YES : DIALOG_NO;
	if (ch == 'n' || ch == 'N' || ch == KEY_ESC || ch == 'q')
		return DIALOG_NO;
	if (!d->can_proceed && (ch == '\r' || ch == '\n' || ch == ' '))
		return DIALOG_NO;
	if (ch == 'j')
		d->scroll++;
	else if (ch == 'k' && d->scroll > 0)
		d->scroll--;
	for (int i = 0; i < d->nsw; i++) {
		if ((wint_t)d->sw[i].key == ch) {
			d->sw[i].on = !d->sw[i].on;
			d->changed_key = d->sw[i].key;
			return DIALOG_CHANGED;
		}
	}
	return DIALOG_NONE;
}

void
dialog_handle(struct dialog *d, wint_t ch, bool is_key)
{
	const struct dialog_ops *ops = d->ops;
	void *ctx = d->ctx;
	switch (dialog_key(d, ch, is_key)) {
	case DIALOG_YES:
		ops->yes(ctx, d);
		/* yes may have opened another dialog in its place. */
		if (d->ops == ops && d->ctx == ctx)
			dialog_close(d);
		break;
	case DIALOG_NO:
		dialog_close(d);
		break;
	case DIALOG_CHANGED:
		if (ops->changed)
			ops->changed(ctx, d, d->changed_key);
		break;
	case DIALOG_NONE:
		break;
	}
}

void
dialog_draw(const struct dialog *d, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	if (cols < 10 || rows < 5) {
		draw_text(w, 0, 0, d->can_proceed ? _("Proceed? y/n") : _("Esc closes"), cols,
			  draw_attr(ROLE_TITLE));
		return;
	}
	/* A page over the whole body (title bar and status line stay): a removal can list many
	 * images, and nothing behind it should be mistaken for one of them. */
	int y0 = 1, bottom = rows - 2;
	for (int y = y0; y <= bottom; y++)
		draw_fill(w, y, 0, draw_attr(ROLE_NORMAL));
	draw_text(w, y0, 0, d->title, cols, draw_attr(ROLE_TITLE));
	int fixed = 2 + (d->nsw ? d->nsw + 1 : 0) + 2;
	int avail = bottom - y0 + 1 - fixed;
	if (avail < 1)
		avail = 1;
	/* Lines wrap (a docker command naming many images is longer than any screen); scrolling
	 * goes by line, and stops once the last line is on screen. */
	int tail = 0, scroll = (int)d->nlines;
	while (scroll > 0) {
		tail += draw_wrapped(NULL, 0, 0, avail + 1, cols - 4, d->lines[scroll - 1], 0);
		if (tail > avail)
			break;
		scroll--;
	}
	if (scroll > d->scroll)
		scroll = d->scroll;
	int used = 0, shown = 0;
	for (int i = scroll; i < (int)d->nlines && used < avail; i++) {
		int h = draw_wrapped(NULL, 0, 0, avail, cols - 4, d->lines[i], 0);
		if (used + h > avail && shown)
			break;
		used += draw_wrapped(w, y0 + 2 + used, 2, avail - used, cols - 4, d->lines[i], draw_attr(ROLE_NORMAL));
		shown++;
	}
	int y = y0 + 2 + used;
	if ((int)d->nlines > shown && y <= bottom) {
		char more[64];
		int below = (int)d->nlines - shown - scroll;
		if (below > 0)
			snprintf(more, sizeof(more), _("(%d more: j/k scroll)"), below);
		else
			snprintf(more, sizeof(more), _("(%d above: k scrolls back)"), scroll);
		draw_text(w, y, 2, more, cols - 4, draw_attr(ROLE_DIM));
	}
	y++;
	for (int i = 0; i < d->nsw && y <= bottom; i++, y++) {
		char *line = xasprintf("[%c] %c  %s", d->sw[i].on ? 'x' : ' ', d->sw[i].key, d->sw[i].label);
		draw_text(w, y, 2, line, cols - 4, draw_attr(ROLE_KEY));
		free(line);
	}
	const char *keys = d->can_proceed ? _("y proceeds, n or Esc cancels") : _("Esc closes");
	if (y + 1 <= bottom)
		draw_text(w, y + 1, 2, keys, cols - 4, draw_attr(ROLE_PROMPT));
}
