#include "config.h"

#include <stdio.h>

#include "draw.h"
#include "help.h"
#include "i18n.h"
#include "sanitize.h"

int
help_draw(WINDOW *w, const struct keymap_chain *chain, int scroll)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	int box_w = cols > 84 ? 80 : cols - 4;
	int box_h = rows - 2;
	if (box_w < 20 || box_h < 3) {
		/* Too small for a box: one line that still answers the question. */
		draw_text(w, 0, 0, _("Help: q quits, ? closes"), cols, draw_attr(ROLE_TITLE));
		return 1;
	}
	int x0 = (cols - box_w) / 2, y0 = 1;
	for (int y = y0; y < y0 + box_h; y++)
		draw_text(w, y, x0, "", box_w, draw_attr(ROLE_NORMAL));
	draw_text(w, y0, x0, _(" budu keys (Esc, q or ? closes; j/k scroll)"), box_w, draw_attr(ROLE_TITLE));

	/* Keys are listed from the keymap table itself. */
	int line = 0, shown = 0;
	int key_w = 24;
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		char keys[128];
		keymap_keys_for((enum action)a, chain, keys, sizeof(keys));
		if (!keys[0])
			continue;
		if (line >= scroll && shown < box_h - 2) {
			int y = y0 + 1 + shown;
			draw_text(w, y, x0 + 1, keys, key_w, draw_attr(ROLE_KEY));
			draw_text(w, y, x0 + 1 + key_w, _(keymap_action_help((enum action)a)), box_w - key_w - 2,
				  draw_attr(ROLE_NORMAL));
			shown++;
		}
		line++;
	}
	/* Say when keys are left below, so nobody thinks the list ends here. */
	const char *foot = line > scroll + shown ? _(" more below: j scrolls; budu(1) has the rest")
						 : _(" budu(1) has the rest: options and environment");
	draw_text(w, y0 + box_h - 1, x0, foot, box_w, draw_attr(ROLE_DIM));
	return line;
}
