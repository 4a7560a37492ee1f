/* The Files tab's keys. The commands reach the pane through view->files. */
#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>

#include "app.h"
#include "files_internal.h"
#include "i18n.h"
#include "pager_view.h"
#include "waste_view.h"
#include "xalloc.h"

/* The pane with a tree to work on, or NULL (nothing read yet). */
static struct files_pane *
pane(struct view *v)
{
	struct files_pane *p = v->files;
	return p && files_tree(p) ? p : NULL;
}

static bool
step_layer(struct view *v, int by)
{
	struct files_pane *p = pane(v);
	if (!p)
		return true;
	size_t n = layer_tree_layers(files_tree(p));
	if (by < 0 && p->layer == 0)
		return true;
	if (by > 0 && p->layer + 1 >= n)
		return true;
	files_select_layer(p, by < 0 ? p->layer - 1 : p->layer + 1);
	p->layer_chosen = true;
	return true;
}

static bool cmd_next_layer(struct view *v) { return step_layer(v, 1); }
static bool cmd_prev_layer(struct view *v) { return step_layer(v, -1); }

static bool
is_folder(const struct files_row *r)
{
	return S_ISDIR(r->e.mode) && r->e.children;
}

static bool
set_fold(struct view *v, bool toggle, bool open)
{
	struct files_pane *p = pane(v);
	const struct files_row *r = p ? files_cursor(p) : NULL;
	if (!r || !is_folder(r))
		return true;
	files_fold_cursor(p, toggle ? !files_is_open(p, r->e.node) : open);
	return true;
}

static bool cmd_toggle(struct view *v) { return set_fold(v, true, false); }
static bool cmd_unfold(struct view *v) { return set_fold(v, false, true); }

/* Enter: a folder folds or unfolds; a file opens in the pager. */
static bool
cmd_enter(struct view *v)
{
	struct files_pane *p = pane(v);
	const struct files_row *r = p ? files_cursor(p) : NULL;
	if (!r)
		return true;
	if (S_ISDIR(r->e.mode))
		return set_fold(v, true, false);
	if (S_ISLNK(r->e.mode)) {
		app_message(v->app, false, _("%s is a symbolic link to %s"), r->e.label, r->e.link_label);
		return true;
	}
	if (r->e.change == LAYER_REMOVED) {
		app_message(v->app, false, "%s", _("This file is removed in this layer: nothing to read"));
		return true;
	}
	/* What the pager could not read is said here, without opening it (the order not known
	 * yet while the archive streams, for one). */
	struct layer_query q;
	files_query(p, &q);
	char *err = NULL;
	struct layer_pick *pick = layer_tree_pick(files_tree(p), &q, r->e.node, &err);
	if (!pick) {
		app_message(v->app, true, "%s", err ? err : _("This file cannot be read"));
		free(err);
		return true;
	}
	layer_pick_free(pick);
	app_push(v->app, pager_view_new(v->app, p->ref, p->layer, p->mode, r->e.node, p->image_id, p->image_name));
	return true;
}

/* Left: an unfolded folder folds; else the cursor goes to the folder above. */
static bool
cmd_fold(struct view *v)
{
	struct files_pane *p = pane(v);
	const struct files_row *r = p ? files_cursor(p) : NULL;
	if (!r)
		return true;
	if (is_folder(r) && files_is_open(p, r->e.node) && !p->filter.text[0]) {
		files_fold_cursor(p, false);
		return true;
	}
	for (size_t i = p->pos.cursor; i-- > 0;) {
		if (p->rows[i].depth + 1 == r->depth) {
			p->pos.cursor = i;
			break;
		}
	}
	return true;
}

static bool
cmd_unfold_all(struct view *v)
{
	struct files_pane *p = pane(v);
	if (p)
		files_open_all(p, true);
	return true;
}

static bool
cmd_fold_all(struct view *v)
{
	struct files_pane *p = pane(v);
	const struct files_row *r = p ? files_cursor(p) : NULL;
	if (!r)
		return true;
	/* The cursor stays on the top folder it was in. */
	uint32_t top = r->e.node;
	struct layer_tree *t = files_tree(p);
	while (layer_tree_parent(t, top) != LAYER_NODE_ROOT && layer_tree_parent(t, top) != LAYER_NODE_NONE)
		top = layer_tree_parent(t, top);
	files_open_all(p, false);
	files_select_node(p, top);
	return true;
}

static bool
cmd_view(struct view *v)
{
	struct files_pane *p = pane(v);
	if (!p)
		return true;
	p->mode = p->mode == LAYER_VIEW_CHANGES ? LAYER_VIEW_AFTER : LAYER_VIEW_CHANGES;
	files_changed(p);
	app_message(v->app, false, "%s", p->mode == LAYER_VIEW_CHANGES ? _("What this layer changes")
		    : _("The files after this layer (what a container of it sees)"));
	return true;
}

static bool
cmd_only_changes(struct view *v)
{
	struct files_pane *p = pane(v);
	if (!p)
		return true;
	p->only_changes = !p->only_changes;
	files_changed(p);
	app_message(v->app, false, "%s", p->only_changes ? _("Only what the layer added, modified or removed")
		    : _("Every file"));
	return true;
}

static bool
cmd_sort(struct view *v)
{
	struct files_pane *p = pane(v);
	if (!p)
		return true;
	p->sort = p->sort == LAYER_SORT_NAME ? LAYER_SORT_SIZE : LAYER_SORT_NAME;
	files_changed(p);
	return true;
}

static bool
cmd_filter(struct view *v)
{
	struct files_pane *p = pane(v);
	if (p)
		filter_prompt_open(&p->filter);
	return true;
}

static bool
cmd_largest(struct view *v)
{
	struct files_pane *p = pane(v);
	if (!p)
		return true;
	struct layer_query q;
	files_query(p, &q);
	uint32_t node = layer_tree_largest(files_tree(p), &q);
	if (node == LAYER_NODE_NONE || !files_select_node(p, node))
		app_message(v->app, false, "%s", _("No file here"));
	return true;
}

static bool
cmd_extract(struct view *v)
{
	struct files_pane *p = pane(v);
	const struct files_row *r = p ? files_cursor(p) : NULL;
	if (r)
		files_extract_ask(p, r->e.node);
	return true;
}

static bool
cmd_waste(struct view *v)
{
	struct files_pane *p = pane(v);
	if (!p)
		return true;
	struct layer_tree_status st;
	layer_tree_status(files_tree(p), &st);
	if (!st.ordered) {
		app_message(v->app, false, "%s", _("The layers' order comes with the archive's manifest, near its end: "
						   "wasted space is known then"));
		return true;
	}
	app_push(v->app, waste_view_new(v->app, p->ref));
	return true;
}

static bool
cmd_cancel(struct view *v)
{
	struct files_pane *p = v->files;
	if (files_cancel_read(p))
		app_message(v->app, false, "%s", _("Cancelling: what was read stays browsable"));
	else if (files_extract_cancel(p))
		app_message(v->app, false, "%s", _("Cancelling the extraction: what was written stays"));
	else
		app_message(v->app, false, "%s", _("Nothing is being read"));
	return true;
}

static bool
cmd_copy(struct view *v)
{
	struct files_pane *p = pane(v);
	const struct files_row *r = p ? files_cursor(p) : NULL;
	/* The path as shown: a name's control bytes never reach the clipboard. */
	app_copy(v->app, r ? layer_tree_path_label(files_tree(p), r->e.node) : NULL, _("path"));
	return true;
}

/* Esc clears the filter first; then it is the view's (back to the list). */
static bool
cmd_back(struct view *v)
{
	return filter_prompt_clear(&v->files->filter);
}

static const struct view_key rows[] = {
	{ ']', 0, cmd_next_layer, N_("Next layer"), NULL, "next-layer" },
	{ '[', 0, cmd_prev_layer, N_("Previous layer"), NULL, "prev-layer" },
	{ 0, REQ_ENTER, cmd_enter, N_("Unfold or fold the folder; open the file in the pager"), NULL, NULL },
	{ ' ', 0, cmd_toggle, N_("Unfold or fold the folder"), NULL, "toggle" },
	{ KEY_RIGHT, 0, cmd_unfold, N_("Unfold the folder"), NULL, "unfold" },
	{ KEY_LEFT, 0, cmd_fold, N_("Fold the folder, or go to the folder above"), NULL, "fold" },
	{ 'E', 0, cmd_unfold_all, N_("Unfold every folder"), NULL, "unfold-all" },
	{ 'C', 0, cmd_fold_all, N_("Fold every folder"), NULL, "fold-all" },
	{ 'v', 0, cmd_view, N_("This layer's changes, or the files after this layer"), NULL, "view" },
	{ 'm', 0, cmd_only_changes, N_("Only what changed (A, M, R), or every file"), NULL, "only-changes" },
	{ 0, REQ_SORT, cmd_sort, N_("Sort by name or by size (largest first)"), NULL, NULL },
	{ 0, REQ_FILTER, cmd_filter, N_("Filter by a glob (* ? [ ]) or a part of the path"), NULL, NULL },
	{ 'L', 0, cmd_largest, N_("Go to the largest file"), NULL, "largest" },
	{ 'X', 0, cmd_extract, N_("Extract the file or folder into a directory"), NULL, "extract" },
	{ 'w', 0, cmd_waste, N_("The wasted space, path by path"), NULL, "waste" },
	{ 'x', 0, cmd_cancel, N_("Cancel reading the image (or an extraction)"), NULL, "cancel" },
	{ 0, REQ_COPY, cmd_copy, N_("Copy the path to the clipboard"), NULL, NULL },
	{ 0, REQ_BACK, cmd_back, N_("Clear the filter; with none, back to the image list"), NULL, NULL },
};

const struct keytable files_pane_keys = KEYTABLE("files", N_("Files"), rows);
