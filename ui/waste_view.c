#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "files_pane.h"
#include "format.h"
#include "i18n.h"
#include "layer_cache.h"
#include "sanitize.h"
#include "strbuf.h"
#include "table.h"
#include "view.h"
#include "waste_view.h"
#include "xalloc.h"

#define LAYERS_MAX_WIDTH 24

struct waste_view {
	struct view base;
	struct layer_ref *ref;
	struct layer_efficiency eff;	/* a snapshot: R takes another */
	struct list_pos pos;
};

#define WV(v) ((struct waste_view *)(v))

static void
compute(struct waste_view *v)
{
	layer_efficiency_free(&v->eff);
	layer_tree_efficiency(layer_ref_tree(v->ref), &v->eff);
	v->pos.n = v->eff.nitems;
	if (v->pos.cursor >= v->pos.n)
		v->pos.cursor = v->pos.n ? v->pos.n - 1 : 0;
}

static void
waste_reload(struct view *view, unsigned why)
{
	/* Open computed it already; R after more layers came counts them too. */
	if (why & VIEW_REFRESH_USER)
		compute(WV(view));
}

/* "1, 3, 4": the positions of the layers that wrote the path. */
static char *
layers_text(const struct layer_waste *it)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < it->count; i++)
		sb_printf(&sb, "%s%zu", i ? ", " : "", it->layers[i]);
	return sb_detach(&sb);
}

static void
size_text(char *buf, size_t n, uint64_t bytes)
{
	format_size(buf, n, bytes > INT64_MAX ? INT64_MAX : (int64_t)bytes);
}

static bool
waste_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct waste_view *v = WV(view);
	struct layer_tree *t = layer_ref_tree(v->ref);
	int cols = getmaxx(w);
	if (!v->eff.nitems) {
		draw_note(w, y, height, _("No space is wasted: no path is written by more than one layer."), ROLE_DIM);
		return true;
	}
	const char *titles[] = { _("SIZE"), _("COUNT"), _("PATH"), _("LAYERS") };
	int width[4] = { TABLE_MINWIDTH, TABLE_MINWIDTH, 0, text_width(titles[3]) };
	for (size_t i = 0; i < v->eff.nitems; i++) {
		char *l = layers_text(&v->eff.items[i]);
		int lw = text_width(l);
		free(l);
		if (lw > width[3])
			width[3] = lw < LAYERS_MAX_WIDTH ? lw : LAYERS_MAX_WIDTH;
	}
	width[2] = cols - width[0] - width[1] - width[3] - TABLE_PADDING;
	if (width[2] < 10)
		width[2] = 10;
	width[2] += TABLE_PADDING;
	int x = 0;
	for (int c = 0; c < 4 && x < cols; c++) {
		int cw = c == 3 ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
		draw_text(w, y, x, titles[c], cw, draw_attr(ROLE_HEADER));
		x += cw;
	}
	int rows = height - 1;
	v->pos.n = v->eff.nitems;
	list_clamp(&v->pos, rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->pos.top + (size_t)i;
		int yy = y + 1 + i;
		if (idx >= v->eff.nitems) {
			draw_fill(w, yy, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct layer_waste *it = &v->eff.items[idx];
		attr_t attr = draw_attr(idx == v->pos.cursor ? ROLE_SELECTED : ROLE_NORMAL);
		char size[32], count[32];
		size_text(size, sizeof(size), it->bytes);
		snprintf(count, sizeof(count), "%zu", it->count);
		char *path = layer_tree_path_label(t, it->node);
		char *layers = layers_text(it);
		const char *cells[] = { size, count, path, layers };
		x = 0;
		for (int c = 0; c < 4 && x < cols; c++) {
			int cw = c == 3 ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
			int content = c == 3 || cw <= TABLE_PADDING ? cw : cw - TABLE_PADDING;
			draw_text(w, yy, x, cells[c], content, attr);
			if (content < cw)
				draw_text(w, yy, x + content, "", cw - content, attr);
			x += cw;
		}
		free(path);
		free(layers);
	}
	return true;
}

/* ---- keys ------------------------------------------------------------------------------ */

/* Enter: back to the Files tab below, the path selected where it can be seen. */
static bool
cmd_show(struct view *view)
{
	struct waste_view *v = WV(view);
	struct app *app = view->app;
	if (v->pos.cursor >= v->eff.nitems)
		return true;
	const struct layer_waste *it = &v->eff.items[v->pos.cursor];
	struct files_pane *p = view->below ? view->below->files : NULL;
	if (!p || !p->ref || p->ref != v->ref) {
		app_message(app, false, "%s", _("The Files tab this list came from is gone"));
		return true;
	}
	size_t last = it->count ? it->layers[it->count - 1] : LAYER_NONE;
	if (!files_pane_reveal(p, it->node, last)) {
		app_message(app, false, "%s", _("No layer shows this path as it is"));
		return true;
	}
	app_pop(app);	/* v is gone */
	return true;
}

static bool
cmd_copy(struct view *view)
{
	struct waste_view *v = WV(view);
	char *path = v->pos.cursor < v->eff.nitems
		? layer_tree_path_label(layer_ref_tree(v->ref), v->eff.items[v->pos.cursor].node) : NULL;
	app_copy(view->app, path, _("path"));
	return true;
}

static bool
cmd_back(struct view *view)
{
	(void)view;
	return false;
}

static const struct view_key waste_keys[] = {
	{ 0, REQ_ENTER, cmd_show, N_("Show the path in the Files tab"), NULL, NULL },
	{ 0, REQ_COPY, cmd_copy, N_("Copy the path to the clipboard"), NULL, NULL },
	{ 0, REQ_BACK, cmd_back, N_("Back to the Files tab"), NULL, NULL },
	{ 'q', REQ_BACK, NULL, NULL, NULL, NULL },
};

static const struct keytable waste_table = KEYTABLE("wasted-space", N_("Wasted space"), waste_keys);
static const struct keytable *const waste_tables[] = { &waste_table, NULL };

/* ---- the view ---------------------------------------------------------------------------- */

static struct list_pos *
waste_pos(struct view *view)
{
	struct waste_view *v = WV(view);
	v->pos.n = v->eff.nitems;
	return &v->pos;
}

static void
waste_status(struct view *view, struct strbuf *sb)
{
	struct waste_view *v = WV(view);
	char size[32], total[32];
	size_text(size, sizeof(size), v->eff.wasted);
	size_text(total, sizeof(total), v->eff.size);
	sb_printf(sb, ngettext("%zu path", "%zu paths", v->eff.nitems), v->eff.nitems);
	sb_printf(sb, " · %s %s (%d%% %s)", _("wasted"), size, (int)(100 * v->eff.wasted_user),
		  _("of the layers above the base"));
	sb_printf(sb, " · %s %s", _("image"), total);
	sb_printf(sb, " · %s %d%%", _("efficiency"), (int)(100 * v->eff.score));
	if (!v->eff.complete)
		sb_printf(sb, " · %s %zu", _("counted so far: layers 0 to"), v->eff.layers ? v->eff.layers - 1 : 0);
}

static void
waste_title(struct view *view, char *buf, size_t n)
{
	(void)view;
	snprintf(buf, n, "%s", _("Wasted space"));
}

static void
waste_free(struct view *view)
{
	struct waste_view *v = WV(view);
	layer_efficiency_free(&v->eff);
	layer_ref_drop(v->ref);
	free(v);
}

const struct view_ops waste_view_ops = {
	.name = N_("Wasted space"),
	.tables = waste_tables,
	.title = waste_title,
	.reload = waste_reload,
	.draw = waste_draw,
	.pos = waste_pos,
	.status = waste_status,
	.free = waste_free,
};

struct view *
waste_view_new(struct app *app, struct layer_ref *ref)
{
	struct waste_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &waste_view_ops, app);
	v->ref = layer_ref_take(ref);
	compute(v);
	return &v->base;
}
