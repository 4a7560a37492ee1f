/* The Files tab's state: reading the archive into a tree (ui/layer_cache.h keeps whole ones),
 * and the rows the right side shows, rebuilt only when something they depend on changed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "files_internal.h"
#include "format.h"
#include "i18n.h"
#include "layer_cache.h"
#include "layer_stream.h"
#include "xalloc.h"

static void
filter_apply(struct view *v)
{
	files_changed(v->files);
}

void
files_pane_init(struct files_pane *p, struct view *view, int stream_slot, int job_slot, const char *image_id)
{
	memset(p, 0, sizeof(*p));
	p->view = view;
	p->stream_slot = stream_slot;
	p->job_slot = job_slot;
	p->image_id = xstrdup(image_id);
	char shortid[32];
	format_short_id(shortid, sizeof(shortid), image_id);
	p->image_name = xstrdup(shortid);
	p->mode = LAYER_VIEW_CHANGES;
	p->sort = LAYER_SORT_NAME;
	p->filter.view = view;
	p->filter.apply = filter_apply;
	p->dirty = true;
}

void
files_pane_free(struct files_pane *p)
{
	/* The owner cancelled its fetches before: no update comes for the tree any more. */
	layer_ref_drop(p->ref);
	free(p->image_id);
	free(p->image_name);
	free(p->error);
	free(p->layer_blob);
	free(p->open);
	free(p->rows);
	free(p->prompt_label);
	layer_efficiency_free(&p->eff);
	files_extract_forget(p);
}

void
files_pane_set_expected(struct files_pane *p, uint64_t bytes)
{
	p->expected = bytes;
}

struct layer_tree *
files_tree(const struct files_pane *p)
{
	return p->ref ? layer_ref_tree(p->ref) : NULL;
}

void
files_changed(struct files_pane *p)
{
	p->dirty = true;
}

/* A tree to browse from scratch: first layer, its changes, everything folded. */
static void
reset_browsing(struct files_pane *p)
{
	free(p->layer_blob);
	p->layer_blob = NULL;
	p->layer = 0;
	p->layer_chosen = false;
	free(p->open);
	p->open = NULL;
	p->open_bytes = 0;
	p->pos = (struct list_pos){ 0 };
	p->layers_top = 0;
	p->eff_valid = false;
	layer_efficiency_free(&p->eff);
	memset(&p->eff, 0, sizeof(p->eff));
	free(p->error);
	p->error = NULL;
	files_changed(p);
	files_select_layer(p, 0);
}

/* ---- reading the archive ------------------------------------------------------------ */

struct read_fetch {
	struct fetch base;
	char *image_id;
	uint64_t expected;
	enum archive_result result;
	char *err;
};

/* An update on its way to the UI thread: taken when applied, else freed with what carries it. */
struct sent_update {
	struct layer_update *u;
};

static void
apply_update(struct files_pane *p, struct layer_update *u)
{
	struct layer_tree *t = files_tree(p);
	unsigned bits = layer_tree_apply(t, u);
	if ((bits & LAYER_TREE_CHANGED_ORDER) && !p->layer_chosen) {
		/* The manifest came: the base layer is known now, and nobody moved yet. */
		files_select_layer(p, 0);
	} else if ((bits & LAYER_TREE_CHANGED_ORDER) && p->layer_blob) {
		/* Positions are the image's now: the chosen layer keeps its place. */
		size_t i = layer_tree_find_blob(t, p->layer_blob);
		if (i != LAYER_NONE)
			p->layer = i;
	}
	if (!p->layer_blob || !p->layer_blob[0])
		files_select_layer(p, p->layer);	/* the first layer came */
	if (bits & (LAYER_TREE_CHANGED_LAYERS | LAYER_TREE_CHANGED_ORDER | LAYER_TREE_CHANGED_FILES |
		    LAYER_TREE_CHANGED_END)) {
		files_changed(p);
		p->eff_valid = false;
	}
	if (bits & LAYER_TREE_CHANGED_END) {
		struct layer_tree_status st;
		layer_tree_status(t, &st);
		p->reading = false;
		/* Only a whole tree is worth keeping: a cancelled or failed one goes with the pane. */
		if (st.state == LAYER_TREE_DONE)
			layer_cache_keep(p->ref);
	}
}

static void
deliver_update(struct fetch *f, void *arg)
{
	struct view *v = f->owner;
	struct sent_update *s = arg;
	struct layer_update *u = s->u;
	s->u = NULL;
	apply_update(v->files, u);
}

static void
drop_update(void *arg)
{
	struct sent_update *s = arg;
	if (s->u)
		layer_update_free(s->u);
	free(s);
}

/* On the parse thread: hand the update on, in order, to the UI thread. */
static void
post_update(struct layer_update *u, void *ctx)
{
	struct sent_update *s = xcalloc(1, sizeof(*s));
	s->u = u;
	fetch_send(ctx, deliver_update, s, drop_update);
}

static void
read_run(struct fetch *f)
{
	struct read_fetch *rf = (struct read_fetch *)f;
	struct layer_source src = { .engine = f->engine, .image = rf->image_id, .fd = -1 };
	struct layer_stream_opts o = {
		.post = post_update, .ctx = f, .expected = rf->expected, .cancel = &f->cancel,
	};
	rf->result = layer_stream_read(&src, &o, &rf->err);
}

static void
read_apply(struct fetch *f, void *owner)
{
	struct read_fetch *rf = (struct read_fetch *)f;
	struct files_pane *p = ((struct view *)owner)->files;
	struct layer_tree_status st;
	p->reading = false;
	layer_tree_status(files_tree(p), &st);
	if (st.state != LAYER_TREE_STREAMING)
		return;	/* the tree says how it ended */
	/* The stream ended without saying so in the tree: say it here. */
	free(p->error);
	if (rf->err) {
		p->error = rf->err;
		rf->err = NULL;
	} else {
		p->error = xstrdup(rf->result == ARCHIVE_RESULT_CANCELLED ? _("Cancelled")
				   : _("The image's archive ended before its end"));
	}
}

static void
read_release(struct fetch *f)
{
	struct read_fetch *rf = (struct read_fetch *)f;
	free(rf->image_id);
	free(rf->err);
	free(rf);
}

static const struct fetch_ops read_ops = { read_run, read_apply, read_release };

void
files_start_read(struct files_pane *p)
{
	layer_ref_drop(p->ref);
	p->ref = layer_cache_new(p->image_id);
	reset_browsing(p);
	struct read_fetch *rf = xcalloc(1, sizeof(*rf));
	rf->image_id = xstrdup(p->image_id);
	rf->expected = p->expected;
	p->reading = true;
	app_fetch(p->view, p->stream_slot, &rf->base, &read_ops);
}

bool
files_cancel_read(struct files_pane *p)
{
	struct fetch *f = p->view->slot[p->stream_slot].f;
	if (!p->reading || !f)
		return false;
	/* Not fetch_cancel: the stream still posts its last update, which marks the tree
	 * cancelled, and keeps what was read browsable. */
	cancel_request(&f->cancel);
	return true;
}

void
files_pane_show(struct files_pane *p, bool again)
{
	if (!p->ref) {
		p->ref = layer_cache_find(p->image_id);
		if (p->ref) {
			reset_browsing(p);
			return;
		}
		files_start_read(p);
		return;
	}
	if (!again || p->reading)
		return;
	struct layer_tree_status st;
	layer_tree_status(files_tree(p), &st);
	if (p->error || st.state == LAYER_TREE_CANCELLED || st.state == LAYER_TREE_FAILED)
		files_start_read(p);
}

void
files_pane_reload(struct files_pane *p)
{
	layer_cache_forget(p->image_id);
	files_start_read(p);
}

/* ---- the rows ----------------------------------------------------------------------- */

void
files_query(const struct files_pane *p, struct layer_query *q)
{
	*q = (struct layer_query){
		.layer = p->layer,
		.view = p->mode,
		.sort = p->sort,
		.show = p->only_changes ? LAYER_SHOW_CHANGES : LAYER_SHOW_ALL,
		.pattern = p->filter.text[0] ? p->filter.text : NULL,
	};
}

bool
files_is_open(const struct files_pane *p, uint32_t node)
{
	size_t byte = node / 8;
	return byte < p->open_bytes && (p->open[byte] & (1u << (node % 8)));
}

void
files_set_open(struct files_pane *p, uint32_t node, bool open)
{
	size_t byte = node / 8;
	if (byte >= p->open_bytes) {
		if (!open)
			return;
		size_t n = byte + 1 > p->open_bytes * 2 ? byte + 1 : p->open_bytes * 2;
		p->open = xrealloc(p->open, n);
		memset(p->open + p->open_bytes, 0, n - p->open_bytes);
		p->open_bytes = n;
	}
	if (open)
		p->open[byte] |= (unsigned char)(1u << (node % 8));
	else
		p->open[byte] &= (unsigned char)~(1u << (node % 8));
	files_changed(p);
}

void
files_open_all(struct files_pane *p, bool open)
{
	struct layer_tree *t = files_tree(p);
	if (open && t) {
		size_t n = layer_tree_nodes(t) / 8 + 1;
		if (n > p->open_bytes) {
			p->open = xrealloc(p->open, n);
			p->open_bytes = n;
		}
	}
	if (p->open)
		memset(p->open, open ? 0xff : 0, p->open_bytes);
	files_changed(p);
}

void
files_select_layer(struct files_pane *p, size_t i)
{
	struct layer_tree *t = files_tree(p);
	size_t n = t ? layer_tree_layers(t) : 0;
	struct layer_info li;
	if (i >= n)
		i = n ? n - 1 : 0;
	p->layer = i;
	free(p->layer_blob);
	p->layer_blob = n && layer_tree_layer(t, i, &li) ? xstrdup(li.blob) : NULL;
	files_changed(p);
}

static void
push_row(struct files_pane *p, const struct layer_entry *e, unsigned depth)
{
	if (p->nrows == p->rows_cap) {
		p->rows_cap = p->rows_cap ? p->rows_cap * 2 : 256;
		p->rows = xrealloc(p->rows, p->rows_cap * sizeof(*p->rows));
	}
	p->rows[p->nrows++] = (struct files_row){ .e = *e, .depth = depth };
}

/* One folder being listed: its rows and how far. */
struct frame {
	struct layer_entry *kids;
	size_t n, i;
};

static int
owner_width(const struct layer_entry *e)
{
	char buf[32];
	return snprintf(buf, sizeof(buf), "%u:%u", (unsigned)e->uid, (unsigned)e->gid);
}

/* Appends the rows below folder dir (at depth), depth first as they show, with a stack of our
 * own: a hostile archive may nest thousands deep. */
static void
append_subtree(struct files_pane *p, struct layer_tree *t, const struct layer_query *q, uint32_t dir,
	       unsigned depth)
{
	/* A filter shows its matches unfolded: it narrows the tree already. */
	bool all_open = q->pattern != NULL;
	size_t cap = 16, sp = 0;
	struct frame *stack = xmalloc(cap * sizeof(*stack));
	stack[sp].n = layer_tree_children(t, q, dir, &stack[sp].kids);
	stack[sp++].i = 0;
	while (sp) {
		struct frame *top = &stack[sp - 1];
		if (top->i == top->n) {
			free(top->kids);
			sp--;
			continue;
		}
		const struct layer_entry *e = &top->kids[top->i++];
		push_row(p, e, depth + (unsigned)(sp - 1));
		int ow = owner_width(e);
		if (ow > p->owner_width)
			p->owner_width = ow;
		if (!S_ISDIR(e->mode) || !e->children || !(all_open || files_is_open(p, e->node)))
			continue;
		if (sp == cap) {
			cap *= 2;
			stack = xrealloc(stack, cap * sizeof(*stack));
		}
		stack[sp].n = layer_tree_children(t, q, e->node, &stack[sp].kids);
		stack[sp++].i = 0;
	}
	free(stack);
}

void
files_ensure_rows(struct files_pane *p)
{
	if (!p->dirty)
		return;
	struct layer_tree *t = files_tree(p);
	if (t && layer_tree_layers(t) && p->layer >= layer_tree_layers(t))
		files_select_layer(p, layer_tree_layers(t) - 1);
	p->dirty = false;
	uint32_t keep = p->pos.cursor < p->nrows ? p->rows[p->pos.cursor].e.node : LAYER_NODE_NONE;
	p->nrows = 0;
	p->owner_width = 7;
	memset(&p->totals, 0, sizeof(p->totals));
	if (!t || !layer_tree_layers(t)) {
		p->pos = (struct list_pos){ 0 };
		return;
	}
	struct layer_query q;
	files_query(p, &q);
	append_subtree(p, t, &q, LAYER_NODE_ROOT, 0);
	layer_tree_totals(t, &q, &p->totals);
	p->pos.n = p->nrows;
	if (keep != LAYER_NODE_NONE) {
		for (size_t i = 0; i < p->nrows; i++) {
			if (p->rows[i].e.node == keep) {
				p->pos.cursor = i;
				return;
			}
		}
	}
	if (p->pos.cursor >= p->nrows)
		p->pos.cursor = p->nrows ? p->nrows - 1 : 0;
}

void
files_fold_cursor(struct files_pane *p, bool open)
{
	files_ensure_rows(p);
	size_t at = p->pos.cursor;
	if (at >= p->nrows)
		return;
	const struct files_row *r = &p->rows[at];
	uint32_t node = r->e.node;
	unsigned depth = r->depth;
	if (!S_ISDIR(r->e.mode) || !r->e.children || files_is_open(p, node) == open)
		return;
	bool dirty = p->dirty;
	files_set_open(p, node, open);
	p->dirty = dirty;
	/* A filter shows every match unfolded: the bit is kept for later, the rows stay. */
	if (p->filter.text[0])
		return;
	if (!open) {
		/* the rows below it, deeper than it, go */
		size_t end = at + 1;
		while (end < p->nrows && p->rows[end].depth > depth)
			end++;
		memmove(p->rows + at + 1, p->rows + end, (p->nrows - end) * sizeof(*p->rows));
		p->nrows -= end - at - 1;
	} else {
		/* its rows, made at the end, then moved in below it */
		struct layer_query q;
		files_query(p, &q);
		size_t before = p->nrows;
		append_subtree(p, files_tree(p), &q, node, depth + 1);
		size_t k = p->nrows - before;
		if (k && before > at + 1) {
			struct files_row *tmp = xmalloc(k * sizeof(*tmp));
			memcpy(tmp, p->rows + before, k * sizeof(*tmp));
			memmove(p->rows + at + 1 + k, p->rows + at + 1, (before - at - 1) * sizeof(*p->rows));
			memcpy(p->rows + at + 1, tmp, k * sizeof(*tmp));
			free(tmp);
		}
	}
	p->pos.n = p->nrows;
}

const struct files_row *
files_cursor(struct files_pane *p)
{
	files_ensure_rows(p);
	return p->pos.cursor < p->nrows ? &p->rows[p->pos.cursor] : NULL;
}

bool
files_select_node(struct files_pane *p, uint32_t node)
{
	struct layer_tree *t = files_tree(p);
	if (!t)
		return false;
	for (uint32_t n = layer_tree_parent(t, node); n != LAYER_NODE_NONE && n != LAYER_NODE_ROOT;
	     n = layer_tree_parent(t, n))
		files_set_open(p, n, true);
	files_changed(p);
	files_ensure_rows(p);
	for (size_t i = 0; i < p->nrows; i++) {
		if (p->rows[i].e.node == node) {
			p->pos.cursor = i;
			return true;
		}
	}
	return false;
}

bool
files_pane_reveal(struct files_pane *p, uint32_t node, size_t layer)
{
	struct layer_tree *t = files_tree(p);
	size_t n = t ? layer_tree_layers(t) : 0;
	if (!n)
		return false;
	/* What hides rows would hide it too. */
	p->filter.text[0] = '\0';
	p->only_changes = false;
	p->mode = LAYER_VIEW_AFTER;
	files_select_layer(p, n - 1);
	p->layer_chosen = true;
	if (files_select_node(p, node))
		return true;
	if (layer == LAYER_NONE || layer >= n)
		return false;
	/* Gone by the last layer: where it was last changed (removed), it shows. */
	p->mode = LAYER_VIEW_CHANGES;
	files_select_layer(p, layer);
	return files_select_node(p, node);
}

size_t
files_pane_rows(struct files_pane *p)
{
	files_ensure_rows(p);
	return p->nrows;
}

struct list_pos *
files_pane_pos(struct files_pane *p)
{
	files_ensure_rows(p);
	p->pos.n = p->nrows;
	return &p->pos;
}
