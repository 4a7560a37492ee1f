#include "config.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "help.h"
#include "i18n.h"
#include "sanitize.h"

#define KEY_COLUMN 24

struct help_out {
	WINDOW *w;
	int x0, y0, box_w, rows;	/* rows of text the box shows */
	int scroll;
	int line;			/* lines so far */
};

static void
emit(struct help_out *o, const char *keys, const char *text, bool heading)
{
	if (o->line >= o->scroll && o->line - o->scroll < o->rows) {
		int y = o->y0 + 1 + o->line - o->scroll;
		if (heading) {
			draw_text(o->w, y, o->x0 + 1, text, o->box_w - 2, draw_attr(ROLE_HEADER));
		} else {
			draw_text(o->w, y, o->x0 + 1, keys, KEY_COLUMN, draw_attr(ROLE_KEY));
			draw_text(o->w, y, o->x0 + 1 + KEY_COLUMN, text, o->box_w - KEY_COLUMN - 2,
				  draw_attr(ROLE_NORMAL));
		}
	}
	o->line++;
}

/* Whether an earlier row of the table has the same command and help: it was listed with it. */
static bool
merged_before(const struct view_key *rows, const struct view_key *row)
{
	for (const struct view_key *r = rows; r < row; r++)
		if (r->fn == row->fn && r->help && row->help && strcmp(r->help, row->help) == 0)
			return true;
	return false;
}

static void
view_section(struct help_out *o, struct view *v, const struct keytable *t)
{
	bool headed = false;
	size_t n;
	const struct view_key *rows = keytable_rows(t, &n);
	for (const struct view_key *row = rows; row < rows + n; row++) {
		if (!row->fn || !row->help || merged_before(rows, row))
			continue;
		/* Only keys that still reach this row (a more specific table may take one). */
		char keys[128] = "";
		for (const struct view_key *r = row; r < rows + n; r++) {
			if (r->fn != row->fn || strcmp(r->help, row->help) != 0)
				continue;
			const struct view_key *reached;
			enum request req;
			if (r->key) {
				view_resolve(v, r->key, &reached, &req);
				if (reached != r)
					continue;
			} else if (view_row_for(v, r->req) != r) {
				continue;
			}
			view_row_keys(v, r, keys, sizeof(keys));
		}
		if (!keys[0])
			continue;
		if (!headed) {
			emit(o, NULL, _(t->heading), true);
			headed = true;
		}
		emit(o, keys, _(row->help), false);
	}
}

static void
general_section(struct help_out *o, struct view *v)
{
	emit(o, NULL, _("General"), true);
	for (int req = REQ_NONE + 1; req < REQ_COUNT; req++) {
		/* What the view reads its own way was listed under its heading. */
		if (keymap_request_is_view((enum request)req) || view_row_for(v, (enum request)req))
			continue;
		struct view_key generic = { .key = 0, .req = (enum request)req };
		char keys[128] = "";
		view_row_keys(v, &generic, keys, sizeof(keys));
		if (keys[0])
			emit(o, keys, _(keymap_request_help((enum request)req)), false);
	}
}

int
help_draw(WINDOW *w, struct view *v, int scroll)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	int box_w = cols > 84 ? 80 : cols - 4;
	int box_h = rows - 2;
	if (box_w < 20 || box_h < 3) {
		/* Too small for a box: one line that still answers the question. */
		draw_text(w, 0, 0, _("Help: q quits, ? closes"), cols, draw_attr(ROLE_TITLE));
		return 1;
	}
	struct help_out o = { .w = w, .x0 = (cols - box_w) / 2, .y0 = 1, .box_w = box_w, .rows = box_h - 2,
			      .scroll = scroll };
	for (int y = o.y0; y < o.y0 + box_h; y++)
		draw_text(w, y, o.x0, "", box_w, draw_attr(ROLE_NORMAL));
	draw_text(w, o.y0, o.x0, _(" budu keys (Esc, q or ? closes; j/k scroll)"), box_w, draw_attr(ROLE_TITLE));

	for (const struct keytable *const *t = v->ops->tables; t && *t; t++)
		if (view_uses(v, *t))
			view_section(&o, v, *t);
	general_section(&o, v);

	/* Say when keys are left below, so nobody thinks the list ends here. */
	const char *foot = o.line > scroll + o.rows ? _(" more below: j scrolls; budu(1) has the rest")
						    : _(" budu(1) has the rest: options and environment");
	draw_text(w, o.y0 + box_h - 1, o.x0, foot, box_w, draw_attr(ROLE_DIM));
	return o.line;
}
