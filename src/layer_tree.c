/* The layer file model (layer_tree.h): a node table shared by every layer, per blob the records
 * its tar states, and views computed by replaying layers over per-node arrays. */
#include "config.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "layer_private.h"
#include "layer_tree.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- storage ------------------------------------------------------------------------------ */

#define NODE_LABEL 0x1u		/* a sanitized name follows the raw one in the pool */

struct lt_node {
	uint32_t parent, first_child, next_sibling;
	uint32_t flags;
	const char *name;
};

#define REC_HARDLINK 0x1u
#define REC_LINK_LABEL 0x2u

struct lt_rec {
	uint32_t node;
	uint32_t mode, uid, gid;
	uint64_t size;
	int64_t mtime;
	const char *link;
	uint8_t kind;		/* enum lp_rec_kind */
	uint8_t flags;
};

struct lt_blob {
	char *path, *label, *digest;
	char *compression;
	uint64_t bytes, size;
	struct lt_rec *recs;
	size_t nrecs, cap;
	enum layer_state state;
	char *error;
};

struct lt_alias {
	char *path, *target;
};

/* A layer's place in a state: where the path's version comes from after some layer. */
#define LOC_ABSENT UINT32_MAX
#define LOC_IMPLICIT UINT32_MAX
struct lt_loc {
	uint32_t pos;		/* layer position, or LOC_ABSENT */
	uint32_t rec;		/* index in that layer's blob, or LOC_IMPLICIT */
};

/* The file system after a layer (cur) and after the one below (prev). */
struct lt_states {
	bool valid;
	uint64_t gen;
	size_t layer;
	bool alone;		/* the layer replayed alone (order unknown) */
	struct lt_loc *prev, *cur;
	size_t n;
};

#define V_IN 0x10u		/* in the view */
#define V_SHOWN 0x20u		/* shown by the query's filter */
#define V_WHITEOUT 0x40u	/* the query's layer has a whiteout for it */
#define V_DESC 0x80u		/* CHANGES: a changed node below */
#define V_CHANGE 0x0fu

struct lt_view {
	bool valid;
	uint64_t gen;
	size_t layer;
	enum layer_view view;
	uint8_t *flags;		/* V_* and the change */
	uint64_t *size;		/* the row's size */
	size_t n;
	/* the filter */
	bool fvalid;
	unsigned show;
	char *pattern;
	uint32_t *nchildren;
};

struct layer_tree {
	struct lt_node *nodes;
	size_t nnodes, capnodes;
	char **pools;
	size_t npools;
	size_t pool_bytes;

	struct lt_blob *blobs;
	size_t nblobs;
	struct lt_alias *aliases;
	size_t naliases;

	bool ordered;
	char **order;		/* the manifest's layer paths */
	size_t norder;
	size_t *pos_blob;	/* per position: the blob, or LAYER_NONE */
	char **order_labels;

	bool config;
	char *image_id;
	char **diff_ids;
	size_t ndiff_ids;
	struct lp_step *steps;
	size_t nsteps;
	size_t *step_layer;	/* per step: its position or LAYER_NONE */
	size_t *layer_step;	/* per position (norder): its step or LAYER_NONE */

	enum layer_tree_state state;
	char *error;
	uint64_t bytes, total;
	double elapsed;

	uint64_t gen;		/* bumped by every change a view depends on */
	struct lt_states st;
	struct lt_view view;
	bool eff_valid;
	uint64_t eff_gen;
	struct layer_efficiency eff;
};

static const char *
node_label(const struct lt_node *n)
{
	return (n->flags & NODE_LABEL) ? n->name + strlen(n->name) + 1 : n->name;
}

static const char *
rec_link_label(const struct lt_rec *r)
{
	if (!r->link)
		return NULL;
	return (r->flags & REC_LINK_LABEL) ? r->link + strlen(r->link) + 1 : r->link;
}

struct layer_tree *
layer_tree_new(void)
{
	struct layer_tree *t = xcalloc(1, sizeof(*t));
	t->capnodes = 1024;
	t->nodes = xmalloc(t->capnodes * sizeof(*t->nodes));
	t->nodes[0] = (struct lt_node){ LAYER_NODE_NONE, LAYER_NODE_NONE, LAYER_NODE_NONE, 0, "" };
	t->nnodes = 1;
	t->state = LAYER_TREE_STREAMING;
	t->image_id = xstrdup("");
	return t;
}

static void
states_free(struct lt_states *s)
{
	free(s->prev);
	free(s->cur);
	memset(s, 0, sizeof(*s));
}

static void
view_free(struct lt_view *v)
{
	free(v->flags);
	free(v->size);
	free(v->nchildren);
	free(v->pattern);
	memset(v, 0, sizeof(*v));
}

static void
steps_free(struct lp_step *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].created_by);
		free(s[i].comment);
	}
	free(s);
}

void
layer_tree_free(struct layer_tree *t)
{
	if (!t)
		return;
	free(t->nodes);
	for (size_t i = 0; i < t->npools; i++)
		free(t->pools[i]);
	free(t->pools);
	for (size_t i = 0; i < t->nblobs; i++) {
		struct lt_blob *b = &t->blobs[i];
		free(b->path);
		free(b->label);
		free(b->digest);
		free(b->compression);
		free(b->recs);
		free(b->error);
	}
	free(t->blobs);
	for (size_t i = 0; i < t->naliases; i++) {
		free(t->aliases[i].path);
		free(t->aliases[i].target);
	}
	free(t->aliases);
	for (size_t i = 0; i < t->norder; i++) {
		free(t->order[i]);
		free(t->order_labels[i]);
	}
	free(t->order);
	free(t->order_labels);
	free(t->pos_blob);
	free(t->image_id);
	for (size_t i = 0; i < t->ndiff_ids; i++)
		free(t->diff_ids[i]);
	free(t->diff_ids);
	steps_free(t->steps, t->nsteps);
	free(t->step_layer);
	free(t->layer_step);
	free(t->error);
	states_free(&t->st);
	view_free(&t->view);
	layer_efficiency_free(&t->eff);
	free(t);
}

void
layer_update_free(struct layer_update *u)
{
	if (!u)
		return;
	free(u->path);
	free(u->target);
	free(u->compression);
	free(u->nodes);
	free(u->recs);
	free(u->pool);
	free(u->error);
	for (size_t i = 0; i < u->norder; i++)
		free(u->order[i]);
	free(u->order);
	free(u->image_id);
	for (size_t i = 0; i < u->ndiff_ids; i++)
		free(u->diff_ids[i]);
	free(u->diff_ids);
	steps_free(u->steps, u->nsteps);
	free(u);
}

/* ---- paths ------------------------------------------------------------------------------- */

bool
lp_clean_path(const char *src, char *dst)
{
	size_t len = 0;
	const char *p = src;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 1 && p[0] == '.') {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (len == 0)
				return false;
			while (len > 0 && dst[len - 1] != '/')
				len--;
			if (len > 0)
				len--;	/* the '/' before the popped component */
		} else {
			if (len > 0)
				dst[len++] = '/';
			memmove(dst + len, p, n);
			len += n;
		}
		p += n;
	}
	dst[len] = '\0';
	return true;
}

static uint32_t
child_named(const struct layer_tree *t, uint32_t dir, const char *name, size_t n)
{
	for (uint32_t c = t->nodes[dir].first_child; c != LAYER_NODE_NONE; c = t->nodes[c].next_sibling)
		if (strncmp(t->nodes[c].name, name, n) == 0 && t->nodes[c].name[n] == '\0')
			return c;
	return LAYER_NODE_NONE;
}

uint32_t
layer_tree_lookup(const struct layer_tree *t, const char *path)
{
	char *clean = xmalloc(strlen(path) + 1);
	uint32_t node = LAYER_NODE_NONE;
	if (lp_clean_path(path, clean)) {
		node = LAYER_NODE_ROOT;
		const char *p = clean;
		while (*p && node != LAYER_NODE_NONE) {
			const char *e = strchr(p, '/');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			node = child_named(t, node, p, n);
			p += n + (e ? 1 : 0);
		}
	}
	free(clean);
	return node;
}

size_t
layer_tree_nodes(const struct layer_tree *t)
{
	return t->nnodes;
}

uint32_t
layer_tree_parent(const struct layer_tree *t, uint32_t node)
{
	return node < t->nnodes ? t->nodes[node].parent : LAYER_NODE_NONE;
}

static void
put_path(const struct layer_tree *t, uint32_t node, bool label, struct strbuf *sb)
{
	if (node == LAYER_NODE_ROOT || node >= t->nnodes) {
		if (sb->len == 0)
			sb_putc(sb, '/');
		return;
	}
	uint32_t stack[256];
	size_t depth = 0;
	for (uint32_t n = node; n != LAYER_NODE_ROOT && n != LAYER_NODE_NONE; n = t->nodes[n].parent) {
		if (depth == sizeof(stack) / sizeof(stack[0])) {
			/* deeper than any real tree: write the rest from the top one by one */
			put_path(t, t->nodes[n].parent, label, sb);
			break;
		}
		stack[depth++] = n;
	}
	while (depth > 0) {
		const struct lt_node *n = &t->nodes[stack[--depth]];
		sb_putc(sb, '/');
		sb_puts(sb, label ? node_label(n) : n->name);
	}
}

char *
layer_tree_path(const struct layer_tree *t, uint32_t node)
{
	struct strbuf sb = STRBUF_INIT;
	put_path(t, node, false, &sb);
	return sb_detach(&sb);
}

char *
layer_tree_path_label(const struct layer_tree *t, uint32_t node)
{
	struct strbuf sb = STRBUF_INIT;
	put_path(t, node, true, &sb);
	return sb_detach(&sb);
}

/* ---- layers --------------------------------------------------------------------------------- */

static size_t
blob_by_path(const struct layer_tree *t, const char *path)
{
	for (int hops = 0; hops < 8 && path; hops++) {
		for (size_t i = 0; i < t->nblobs; i++)
			if (strcmp(t->blobs[i].path, path) == 0)
				return i;
		const char *next = NULL;
		for (size_t i = 0; i < t->naliases; i++)
			if (strcmp(t->aliases[i].path, path) == 0)
				next = t->aliases[i].target;
		path = next;
	}
	return LAYER_NONE;
}

static void
resolve_positions(struct layer_tree *t)
{
	if (!t->ordered)
		return;
	for (size_t i = 0; i < t->norder; i++)
		t->pos_blob[i] = blob_by_path(t, t->order[i]);
}

static void
map_steps(struct layer_tree *t)
{
	free(t->step_layer);
	free(t->layer_step);
	t->step_layer = xmalloc((t->nsteps + 1) * sizeof(size_t));
	size_t n = layer_tree_layers(t);
	t->layer_step = xmalloc((n + 1) * sizeof(size_t));
	for (size_t i = 0; i < t->nsteps; i++)
		t->step_layer[i] = LAYER_NONE;
	for (size_t i = 0; i < n; i++)
		t->layer_step[i] = LAYER_NONE;
	if (!t->ordered)
		return;
	/* as dive and docker history do: the steps that made a layer, in order, one per layer */
	size_t s = 0;
	for (size_t i = 0; i < n; i++) {
		while (s < t->nsteps && t->steps[s].empty_layer)
			s++;
		if (s >= t->nsteps)
			break;
		t->layer_step[i] = s;
		t->step_layer[s] = i;
		s++;
	}
}

size_t
layer_tree_layers(const struct layer_tree *t)
{
	return t->ordered ? t->norder : t->nblobs;
}

/* The blob at a position, or NULL while it is pending. */
static const struct lt_blob *
pos_blob(const struct layer_tree *t, size_t pos)
{
	if (t->ordered) {
		if (pos >= t->norder || t->pos_blob[pos] == LAYER_NONE)
			return NULL;
		return &t->blobs[t->pos_blob[pos]];
	}
	return pos < t->nblobs ? &t->blobs[pos] : NULL;
}

bool
layer_tree_layer(const struct layer_tree *t, size_t i, struct layer_info *out)
{
	if (i >= layer_tree_layers(t))
		return false;
	memset(out, 0, sizeof(*out));
	const struct lt_blob *b = pos_blob(t, i);
	out->diff_id = t->ordered && i < t->ndiff_ids ? t->diff_ids[i] : "";
	out->blob = b ? b->label : t->order_labels[i];
	out->digest = *out->diff_id ? out->diff_id : b ? b->digest : "";
	out->step = t->ordered && t->layer_step ? t->layer_step[i] : LAYER_NONE;
	out->created_by = out->step != LAYER_NONE ? t->steps[out->step].created_by : "";
	out->comment = out->step != LAYER_NONE ? t->steps[out->step].comment : "";
	out->compression = b && b->compression ? b->compression : "";
	out->size = b ? b->size : 0;
	out->blob_bytes = b ? b->bytes : 0;
	out->entries = b ? b->nrecs : 0;
	out->state = b ? b->state : LAYER_STATE_PENDING;
	out->error = b ? b->error : NULL;
	return true;
}

size_t
layer_tree_find_blob(const struct layer_tree *t, const char *blob)
{
	size_t n = layer_tree_layers(t);
	for (size_t i = 0; i < n; i++) {
		struct layer_info info;
		layer_tree_layer(t, i, &info);
		if (strcmp(info.blob, blob) == 0)
			return i;
	}
	return LAYER_NONE;
}

size_t
layer_tree_steps(const struct layer_tree *t)
{
	return t->nsteps;
}

bool
layer_tree_step(const struct layer_tree *t, size_t i, struct layer_step *out)
{
	if (i >= t->nsteps)
		return false;
	out->created_by = t->steps[i].created_by;
	out->comment = t->steps[i].comment;
	out->empty_layer = t->steps[i].empty_layer;
	out->layer = t->step_layer ? t->step_layer[i] : LAYER_NONE;
	return true;
}

void
layer_tree_status(const struct layer_tree *t, struct layer_tree_status *out)
{
	memset(out, 0, sizeof(*out));
	out->state = t->state;
	out->error = t->error;
	out->ordered = t->ordered;
	out->config = t->config;
	out->image_id = t->image_id;
	out->layers = layer_tree_layers(t);
	for (size_t i = 0; i < out->layers; i++) {
		const struct lt_blob *b = pos_blob(t, i);
		if (b && b->state >= LAYER_STATE_DONE)
			out->layers_done++;
	}
	out->bytes = t->bytes;
	out->total = t->total;
	out->elapsed = t->elapsed;
	out->nodes = t->nnodes;
	size_t mem = sizeof(*t) + t->capnodes * sizeof(struct lt_node) + t->pool_bytes
		     + t->npools * sizeof(char *);
	for (size_t i = 0; i < t->nblobs; i++)
		mem += t->blobs[i].cap * sizeof(struct lt_rec) + sizeof(struct lt_blob);
	if (t->st.valid)
		mem += 2 * t->st.n * sizeof(struct lt_loc);
	if (t->view.valid)
		mem += t->view.n * (sizeof(uint8_t) + sizeof(uint64_t) + (t->view.nchildren ? sizeof(uint32_t) : 0));
	out->memory = mem;
}

/* ---- applying updates -------------------------------------------------------------------------- */

static const char *
pool_str(const char *pool, size_t pool_len, uint32_t off, bool *label)
{
	*label = (off & LP_STR_LABEL) != 0;
	off &= ~LP_STR_LABEL;
	if (off >= pool_len)
		return "";
	return pool + off;
}

static void
adopt_pool(struct layer_tree *t, struct layer_update *u)
{
	if (!u->pool)
		return;
	t->pools = xrealloc(t->pools, (t->npools + 1) * sizeof(char *));
	t->pools[t->npools++] = u->pool;
	t->pool_bytes += u->pool_len;
	u->pool = NULL;
}

static unsigned
apply_part(struct layer_tree *t, struct layer_update *u)
{
	if (u->blob >= t->nblobs || u->first_node != t->nnodes || !u->pool
	    || (u->pool_len > 0 && u->pool[u->pool_len - 1] != '\0'))
		return 0;	/* not this tree's stream */
	for (size_t i = 0; i < u->nnodes; i++)
		if (u->nodes[i].parent >= t->nnodes + i)
			return 0;
	for (size_t i = 0; i < u->nrecs; i++)
		if (u->recs[i].node >= t->nnodes + u->nnodes)
			return 0;
	const char *pool = u->pool;
	size_t pool_len = u->pool_len;
	if (t->nnodes + u->nnodes > t->capnodes) {
		while (t->nnodes + u->nnodes > t->capnodes)
			t->capnodes *= 2;
		t->nodes = xrealloc(t->nodes, t->capnodes * sizeof(*t->nodes));
	}
	for (size_t i = 0; i < u->nnodes; i++) {
		uint32_t id = (uint32_t)t->nnodes++;
		bool label;
		struct lt_node *n = &t->nodes[id];
		n->name = pool_str(pool, pool_len, u->nodes[i].name, &label);
		n->flags = label ? NODE_LABEL : 0;
		n->parent = u->nodes[i].parent;
		n->first_child = LAYER_NODE_NONE;
		n->next_sibling = t->nodes[n->parent].first_child;
		t->nodes[n->parent].first_child = id;
	}
	struct lt_blob *b = &t->blobs[u->blob];
	if (b->nrecs + u->nrecs > b->cap) {
		b->cap = b->cap ? b->cap : 64;
		while (b->nrecs + u->nrecs > b->cap)
			b->cap *= 2;
		b->recs = xrealloc(b->recs, b->cap * sizeof(*b->recs));
	}
	for (size_t i = 0; i < u->nrecs; i++) {
		const struct lp_rec *w = &u->recs[i];
		struct lt_rec *r = &b->recs[b->nrecs++];
		r->node = w->node;
		r->mode = w->mode;
		r->uid = w->uid;
		r->gid = w->gid;
		r->size = w->kind == LP_REC_ENTRY ? w->size : 0;
		r->mtime = w->mtime;
		r->kind = w->kind;
		r->flags = (w->flags & LP_REC_HARDLINK) ? REC_HARDLINK : 0;
		r->link = NULL;
		if (w->link != LP_NO_STRING) {
			bool label;
			r->link = pool_str(pool, pool_len, w->link, &label);
			if (label)
				r->flags |= REC_LINK_LABEL;
		}
		b->size += r->size;
	}
	adopt_pool(t, u);
	t->gen++;
	return LAYER_TREE_CHANGED_FILES | LAYER_TREE_CHANGED_LAYERS;
}

static char *
oci_digest(const char *path)
{
	/* "blobs/sha256/<hex>" is the blob's digest */
	if (strncmp(path, "blobs/", 6) == 0) {
		const char *alg = path + 6, *slash = strchr(alg, '/');
		if (slash && slash[1] && !strchr(slash + 1, '/')) {
			char *raw = xasprintf("%.*s:%s", (int)(slash - alg), alg, slash + 1);
			char *s = sanitize(raw);
			free(raw);
			return s;
		}
	}
	return xstrdup("");
}

static unsigned
apply_meta(struct layer_tree *t, struct layer_update *u)
{
	unsigned changed = LAYER_TREE_CHANGED_LAYERS;
	if (u->has_order && !t->ordered) {
		t->ordered = true;
		t->order = u->order;
		t->norder = u->norder;
		u->order = NULL;
		u->norder = 0;
		t->order_labels = xmalloc((t->norder + 1) * sizeof(char *));
		t->pos_blob = xmalloc((t->norder + 1) * sizeof(size_t));
		for (size_t i = 0; i < t->norder; i++)
			t->order_labels[i] = sanitize(t->order[i]);
		resolve_positions(t);
		changed |= LAYER_TREE_CHANGED_ORDER | LAYER_TREE_CHANGED_FILES;
	}
	if (u->has_config && !t->config) {
		t->config = true;
		free(t->image_id);
		t->image_id = u->image_id ? u->image_id : xstrdup("");
		u->image_id = NULL;
		t->diff_ids = u->diff_ids;
		t->ndiff_ids = u->ndiff_ids;
		u->diff_ids = NULL;
		u->ndiff_ids = 0;
		t->steps = u->steps;
		t->nsteps = u->nsteps;
		u->steps = NULL;
		u->nsteps = 0;
	}
	map_steps(t);
	t->gen++;
	return changed;
}

unsigned
layer_tree_apply(struct layer_tree *t, struct layer_update *u)
{
	unsigned changed = 0;
	if (!u)
		return 0;
	switch (u->kind) {
	case LP_BLOB_BEGIN:
		if (u->blob != t->nblobs || !u->path)
			break;
		t->blobs = xrealloc(t->blobs, (t->nblobs + 1) * sizeof(*t->blobs));
		struct lt_blob *b = &t->blobs[t->nblobs++];
		memset(b, 0, sizeof(*b));
		b->path = u->path;
		u->path = NULL;
		b->label = sanitize(b->path);
		b->digest = oci_digest(b->path);
		b->compression = u->compression;
		u->compression = NULL;
		b->bytes = u->bytes;
		b->state = LAYER_STATE_READING;
		resolve_positions(t);
		if (!t->ordered)
			map_steps(t);
		t->gen++;
		changed = LAYER_TREE_CHANGED_LAYERS;
		break;
	case LP_BLOB_PART:
		changed = apply_part(t, u);
		break;
	case LP_BLOB_END:
		if (u->blob < t->nblobs) {
			struct lt_blob *e = &t->blobs[u->blob];
			e->state = u->state;
			free(e->error);
			e->error = u->error;
			u->error = NULL;
			if (u->compression) {
				free(e->compression);
				e->compression = u->compression;
				u->compression = NULL;
			}
			t->gen++;
			changed = LAYER_TREE_CHANGED_LAYERS;
		}
		break;
	case LP_ALIAS:
		if (!u->path || !u->target)
			break;
		t->aliases = xrealloc(t->aliases, (t->naliases + 1) * sizeof(*t->aliases));
		t->aliases[t->naliases].path = u->path;
		t->aliases[t->naliases++].target = u->target;
		u->path = u->target = NULL;
		resolve_positions(t);
		t->gen++;
		changed = LAYER_TREE_CHANGED_LAYERS | LAYER_TREE_CHANGED_FILES;
		break;
	case LP_META:
		changed = apply_meta(t, u);
		break;
	case LP_PROGRESS:
		changed = LAYER_TREE_CHANGED_PROGRESS;
		break;
	case LP_END:
		t->state = u->end;
		free(t->error);
		t->error = u->error;
		u->error = NULL;
		t->gen++;
		changed = LAYER_TREE_CHANGED_END | LAYER_TREE_CHANGED_LAYERS | LAYER_TREE_CHANGED_PROGRESS;
		break;
	}
	if (u->kind == LP_PROGRESS || u->kind == LP_END) {
		t->bytes = u->progress_bytes;
		t->total = u->progress_total;
		t->elapsed = u->elapsed;
	}
	layer_update_free(u);
	return changed;
}

/* ---- replaying layers ----------------------------------------------------------------------- */

static bool
loc_present(struct lt_loc l)
{
	return l.pos != LOC_ABSENT;
}

static const struct lt_rec *
loc_rec(const struct layer_tree *t, struct lt_loc l)
{
	if (l.pos == LOC_ABSENT || l.rec == LOC_IMPLICIT)
		return NULL;
	const struct lt_blob *b = pos_blob(t, l.pos);
	return b && l.rec < b->nrecs ? &b->recs[l.rec] : NULL;
}

static bool
loc_is_dir(const struct layer_tree *t, struct lt_loc l)
{
	if (!loc_present(l))
		return false;
	const struct lt_rec *r = loc_rec(t, l);
	return !r || S_ISDIR(r->mode);
}

/* The next node of n's subtree after cur in preorder (cur inside it), or NONE at its end. */
static uint32_t
subtree_next(const struct layer_tree *t, uint32_t top, uint32_t cur)
{
	if (t->nodes[cur].first_child != LAYER_NODE_NONE)
		return t->nodes[cur].first_child;
	while (cur != top) {
		if (t->nodes[cur].next_sibling != LAYER_NODE_NONE)
			return t->nodes[cur].next_sibling;
		cur = t->nodes[cur].parent;
	}
	return LAYER_NODE_NONE;
}

static void
remove_below(const struct layer_tree *t, struct lt_loc *st, uint32_t top, bool self)
{
	if (self)
		st[top].pos = LOC_ABSENT;
	for (uint32_t n = subtree_next(t, top, top); n != LAYER_NODE_NONE; n = subtree_next(t, top, n))
		st[n].pos = LOC_ABSENT;
}

/* Applies the layer at pos to st: its whiteouts and opaque directories first, then its entries. */
static void
replay(const struct layer_tree *t, struct lt_loc *st, size_t pos)
{
	const struct lt_blob *b = pos_blob(t, pos);
	if (!b)
		return;
	for (size_t i = 0; i < b->nrecs; i++) {
		const struct lt_rec *r = &b->recs[i];
		if (r->kind == LP_REC_WHITEOUT && r->node != LAYER_NODE_ROOT)
			remove_below(t, st, r->node, true);
		else if (r->kind == LP_REC_OPAQUE)
			remove_below(t, st, r->node, false);
	}
	for (size_t i = 0; i < b->nrecs; i++) {
		const struct lt_rec *r = &b->recs[i];
		if (r->kind != LP_REC_ENTRY)
			continue;
		if (r->node == LAYER_NODE_ROOT)
			continue;	/* "./": the root is always there */
		if (!S_ISDIR(r->mode) && loc_is_dir(t, st[r->node]))
			remove_below(t, st, r->node, false);
		st[r->node] = (struct lt_loc){ (uint32_t)pos, (uint32_t)i };
		for (uint32_t a = t->nodes[r->node].parent; a != LAYER_NODE_ROOT && a != LAYER_NODE_NONE;
		     a = t->nodes[a].parent) {
			/* a missing parent is made; one that is there stays what it is (entries
			 * below a symlink are shown below it: extraction refuses them) */
			if (loc_present(st[a]))
				break;
			st[a] = (struct lt_loc){ (uint32_t)pos, LOC_IMPLICIT };
		}
	}
}

static void
state_reset(struct lt_loc *st, size_t n)
{
	for (size_t i = 0; i < n; i++)
		st[i] = (struct lt_loc){ LOC_ABSENT, LOC_IMPLICIT };
	if (n > 0)
		st[0] = (struct lt_loc){ 0, LOC_IMPLICIT };	/* the root: present, implicit */
}

/* Makes t->st the states around layer L. */
static void
ensure_states(struct layer_tree *t, size_t layer)
{
	struct lt_states *s = &t->st;
	bool alone = !t->ordered;
	if (s->valid && s->gen == t->gen && s->layer == layer && s->alone == alone && s->n == t->nnodes)
		return;
	size_t n = t->nnodes;
	if (s->valid && s->gen == t->gen && s->alone == alone && !alone && s->n == n && layer == s->layer + 1) {
		/* one layer up: the old cur is the new prev */
		struct lt_loc *tmp = s->prev;
		s->prev = s->cur;
		s->cur = tmp;
		memcpy(s->cur, s->prev, n * sizeof(*s->cur));
		replay(t, s->cur, layer);
		s->layer = layer;
		return;
	}
	if (s->n != n || !s->prev) {
		free(s->prev);
		free(s->cur);
		s->prev = xmalloc((n ? n : 1) * sizeof(*s->prev));
		s->cur = xmalloc((n ? n : 1) * sizeof(*s->cur));
		s->n = n;
	}
	state_reset(s->prev, n);
	if (!alone)
		for (size_t i = 0; i < layer; i++)
			replay(t, s->prev, i);
	memcpy(s->cur, s->prev, n * sizeof(*s->cur));
	replay(t, s->cur, layer);
	s->valid = true;
	s->gen = t->gen;
	s->layer = layer;
	s->alone = alone;
}

/* ---- views ------------------------------------------------------------------------------------ */

static bool
same_meta(const struct lt_rec *a, const struct lt_rec *b)
{
	if (!a || !b)
		return !a && !b;
	if (a->mode != b->mode || a->uid != b->uid || a->gid != b->gid)
		return false;
	if (!a->link != !b->link)
		return false;
	return !a->link || strcmp(a->link, b->link) == 0;
}

/* An implicit directory is 0755 0:0. */
static bool
same_meta_implicit(const struct lt_rec *r)
{
	return r->mode == (S_IFDIR | 0755) && r->uid == 0 && r->gid == 0;
}

static enum layer_change
change_of(const struct layer_tree *t, struct lt_loc p, struct lt_loc c, size_t layer, bool whiteout)
{
	if (!loc_present(c))
		return loc_present(p) || whiteout ? LAYER_REMOVED : LAYER_UNCHANGED;
	if (c.pos != layer || (c.rec == LOC_IMPLICIT && loc_present(p) && loc_is_dir(t, p)))
		return LAYER_UNCHANGED;
	if (!loc_present(p))
		return LAYER_ADDED;
	const struct lt_rec *cr = loc_rec(t, c), *pr = loc_rec(t, p);
	bool cdir = loc_is_dir(t, c), pdir = loc_is_dir(t, p);
	if (cdir && pdir) {
		/* a directory restated because something below changed is not a change */
		if (!cr || !pr)
			return !cr && !pr ? LAYER_UNCHANGED : same_meta_implicit(cr ? cr : pr) ? LAYER_UNCHANGED
											      : LAYER_MODIFIED;
		return same_meta(cr, pr) ? LAYER_UNCHANGED : LAYER_MODIFIED;
	}
	return LAYER_MODIFIED;
}

static void
ensure_view(struct layer_tree *t, size_t layer, enum layer_view view)
{
	struct lt_view *v = &t->view;
	size_t n = t->nnodes;
	if (v->valid && v->gen == t->gen && v->layer == layer && v->view == view && v->n == n)
		return;
	ensure_states(t, layer);
	const struct lt_loc *prev = t->st.prev, *cur = t->st.cur;
	if (v->n != n || !v->flags) {
		free(v->flags);
		free(v->size);
		free(v->nchildren);
		v->flags = xmalloc(n);
		v->size = xmalloc(n * sizeof(*v->size));
		v->nchildren = xmalloc(n * sizeof(*v->nchildren));
		v->n = n;
	}
	memset(v->flags, 0, n);
	memset(v->size, 0, n * sizeof(*v->size));
	const struct lt_blob *b = pos_blob(t, layer);
	for (size_t i = 0; b && i < b->nrecs; i++)
		if (b->recs[i].kind == LP_REC_WHITEOUT)
			v->flags[b->recs[i].node] |= V_WHITEOUT;
	uint64_t *rm = xcalloc(n, sizeof(*rm));
	for (size_t k = n; k-- > 0;) {
		uint32_t i = (uint32_t)k;
		enum layer_change ch = i == 0 ? LAYER_UNCHANGED
					      : change_of(t, prev[i], cur[i], layer, (v->flags[i] & V_WHITEOUT) != 0);
		bool in;
		if (i == 0)
			in = true;
		else if (view == LAYER_VIEW_AFTER)
			in = loc_present(cur[i]) || ch == LAYER_REMOVED;
		else
			in = ch != LAYER_UNCHANGED || (v->flags[i] & V_DESC);
		v->flags[i] |= (uint8_t)ch | (in ? V_IN : 0);
		if (loc_present(cur[i])) {
			const struct lt_rec *r = loc_rec(t, cur[i]);
			if (r && S_ISREG(r->mode)
			    && (view == LAYER_VIEW_AFTER || ch == LAYER_ADDED || ch == LAYER_MODIFIED))
				v->size[i] += r->size;
		} else if (ch == LAYER_REMOVED) {
			const struct lt_rec *r = loc_rec(t, prev[i]);
			if (r && S_ISREG(r->mode))
				rm[i] += r->size;
		}
		if (i != 0) {
			uint32_t p = t->nodes[i].parent;
			if (view == LAYER_VIEW_CHANGES && (ch != LAYER_UNCHANGED || (v->flags[i] & V_DESC)))
				v->flags[p] |= V_DESC;
			v->size[p] += v->size[i];
			rm[p] += rm[i];
		}
	}
	for (size_t i = 0; i < n; i++)
		if ((v->flags[i] & V_CHANGE) == LAYER_REMOVED)
			v->size[i] = rm[i];
	free(rm);
	v->valid = true;
	v->gen = t->gen;
	v->layer = layer;
	v->view = view;
	v->fvalid = false;
}

static bool
path_matches(const char *pattern, bool glob, const char *path, const char *name)
{
	if (glob)
		return fnmatch(pattern, path, 0) == 0 || fnmatch(pattern, name, 0) == 0;
	return strstr(path, pattern) != NULL;
}

/* Everything a query needs: false when the layer does not exist. */
static bool
ensure_query(struct layer_tree *t, const struct layer_query *q)
{
	if (!q || q->layer >= layer_tree_layers(t))
		return false;
	ensure_view(t, q->layer, q->view);
	struct lt_view *v = &t->view;
	const char *pattern = q->pattern && *q->pattern ? q->pattern : NULL;
	if (v->fvalid && v->show == q->show
	    && ((!pattern && !v->pattern) || (pattern && v->pattern && strcmp(pattern, v->pattern) == 0)))
		return true;
	size_t n = v->n;
	memset(v->nchildren, 0, n * sizeof(*v->nchildren));
	for (size_t i = 0; i < n; i++)
		v->flags[i] &= (uint8_t)~V_SHOWN;
	bool glob = pattern && strpbrk(pattern, "*?[") != NULL;
	struct strbuf path = STRBUF_INIT;
	for (size_t k = n; k-- > 1;) {
		uint32_t i = (uint32_t)k;
		uint8_t f = v->flags[i];
		if (!(f & V_IN))
			continue;
		bool self = q->show == 0 || (q->show & LAYER_SHOW(f & V_CHANGE));
		if (self && pattern) {
			sb_reset(&path);
			put_path(t, i, false, &path);
			self = path_matches(pattern, glob, path.buf, t->nodes[i].name);
		}
		if (self)
			v->flags[i] |= V_SHOWN;
		if (v->flags[i] & V_SHOWN) {
			uint32_t p = t->nodes[i].parent;
			v->flags[p] |= V_SHOWN;
			v->nchildren[p]++;
		}
	}
	sb_free(&path);
	v->flags[0] |= V_SHOWN;
	free(v->pattern);
	v->pattern = pattern ? xstrdup(pattern) : NULL;
	v->show = q->show;
	v->fvalid = true;
	return true;
}

static void
fill_entry(struct layer_tree *t, uint32_t node, struct layer_entry *e)
{
	const struct lt_view *v = &t->view;
	struct lt_loc c = t->st.cur[node], p = t->st.prev[node];
	struct lt_loc src = loc_present(c) ? c : p;
	const struct lt_rec *r = loc_rec(t, src);
	const struct lt_node *n = &t->nodes[node];
	memset(e, 0, sizeof(*e));
	e->node = node;
	e->name = n->name;
	e->label = node_label(n);
	e->change = (enum layer_change)(v->flags[node] & V_CHANGE);
	e->size = v->size[node];
	e->children = v->nchildren[node];
	e->layer = LAYER_NONE;
	if (r) {
		e->mode = r->mode;
		e->uid = r->uid;
		e->gid = r->gid;
		e->mtime = r->mtime;
		e->link = r->link;
		e->link_label = rec_link_label(r);
		e->hardlink = (r->flags & REC_HARDLINK) != 0;
		e->layer = src.pos;
	} else if (loc_present(src)) {
		e->mode = S_IFDIR | 0755;
		e->implicit = true;
	}
}

bool
layer_tree_entry(struct layer_tree *t, const struct layer_query *q, uint32_t node, struct layer_entry *out)
{
	if (node >= t->nnodes || !ensure_query(t, q))
		return false;
	if (!(t->view.flags[node] & V_SHOWN))
		return false;
	fill_entry(t, node, out);
	return true;
}

static int
cmp_name(const void *a, const void *b)
{
	const struct layer_entry *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static int
cmp_size(const void *a, const void *b)
{
	const struct layer_entry *x = a, *y = b;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return strcmp(x->name, y->name);
}

size_t
layer_tree_children(struct layer_tree *t, const struct layer_query *q, uint32_t dir, struct layer_entry **out)
{
	*out = NULL;
	if (dir >= t->nnodes || !ensure_query(t, q))
		return 0;
	const struct lt_view *v = &t->view;
	if (!(v->flags[dir] & V_SHOWN) || v->nchildren[dir] == 0)
		return 0;
	size_t count = v->nchildren[dir], k = 0;
	struct layer_entry *arr = xmalloc(count * sizeof(*arr));
	for (uint32_t c = t->nodes[dir].first_child; c != LAYER_NODE_NONE && k < count; c = t->nodes[c].next_sibling)
		if (v->flags[c] & V_SHOWN)
			fill_entry(t, c, &arr[k++]);
	qsort(arr, k, sizeof(*arr), q->sort == LAYER_SORT_SIZE ? cmp_size : cmp_name);
	*out = arr;
	return k;
}

void
layer_tree_totals(struct layer_tree *t, const struct layer_query *q, struct layer_totals *out)
{
	memset(out, 0, sizeof(*out));
	if (!ensure_query(t, q))
		return;
	const struct lt_view *v = &t->view;
	for (uint32_t i = 1; i < v->n; i++) {
		if (!(v->flags[i] & V_SHOWN))
			continue;
		enum layer_change ch = (enum layer_change)(v->flags[i] & V_CHANGE);
		struct lt_loc c = t->st.cur[i];
		struct lt_loc src = loc_present(c) ? c : t->st.prev[i];
		bool dir = loc_is_dir(t, src) || (!loc_present(src));
		if (dir && loc_present(src))
			out->dirs++;
		else if (!dir)
			out->files++;
		if (!dir && ch != LAYER_REMOVED) {
			const struct lt_rec *r = loc_rec(t, c);
			if (r && S_ISREG(r->mode))
				out->bytes += r->size;
		}
		if (ch == LAYER_ADDED)
			out->added++;
		else if (ch == LAYER_MODIFIED)
			out->modified++;
		else if (ch == LAYER_REMOVED)
			out->removed++;
	}
}

uint32_t
layer_tree_largest(struct layer_tree *t, const struct layer_query *q)
{
	if (!ensure_query(t, q))
		return LAYER_NODE_NONE;
	const struct lt_view *v = &t->view;
	uint32_t best = LAYER_NODE_NONE;
	uint64_t best_size = 0;
	for (uint32_t i = 1; i < v->n; i++) {
		if (!(v->flags[i] & V_SHOWN) || (v->flags[i] & V_CHANGE) == LAYER_REMOVED)
			continue;
		const struct lt_rec *r = loc_rec(t, t->st.cur[i]);
		if (!r || !S_ISREG(r->mode))
			continue;
		if (best == LAYER_NODE_NONE || r->size > best_size) {
			best = i;
			best_size = r->size;
		}
	}
	return best;
}

/* ---- efficiency, as dive counts it ------------------------------------------------------------- */

struct occurrence {
	uint32_t node, pos;
};

static int
cmp_waste(const void *a, const void *b, void *ctx)
{
	const struct layer_waste *x = a, *y = b;
	if (x->bytes != y->bytes)
		return x->bytes > y->bytes ? -1 : 1;
	const struct layer_tree *t = ctx;
	char *px = layer_tree_path(t, x->node), *py = layer_tree_path(t, y->node);
	int r = strcmp(px, py);
	free(px);
	free(py);
	return r;
}

static uint64_t
subtree_bytes(const struct layer_tree *t, const struct lt_loc *st, uint32_t top)
{
	uint64_t sum = 0;
	for (uint32_t n = subtree_next(t, top, top); n != LAYER_NODE_NONE; n = subtree_next(t, top, n)) {
		if (!loc_present(st[n]))
			continue;
		const struct lt_rec *r = loc_rec(t, st[n]);
		if (r && S_ISREG(r->mode))
			sum += r->size;
	}
	return sum;
}

static void
compute_efficiency(struct layer_tree *t, struct layer_efficiency *e)
{
	memset(e, 0, sizeof(*e));
	e->score = 1.0;
	if (!t->ordered)
		return;
	size_t k = 0;
	while (k < t->norder) {
		const struct lt_blob *b = pos_blob(t, k);
		if (!b || b->state < LAYER_STATE_DONE)
			break;
		k++;
	}
	e->layers = k;
	e->complete = k == t->norder;
	size_t n = t->nnodes;
	struct lt_loc *st = xmalloc(n * sizeof(*st));
	state_reset(st, n);
	uint64_t *cum = xcalloc(n, sizeof(*cum)), *minsz = xmalloc(n * sizeof(*minsz));
	uint32_t *cnt = xcalloc(n, sizeof(*cnt)), *mark = xcalloc(n, sizeof(*mark));
	struct occurrence *occ = NULL;
	size_t nocc = 0, capocc = 0;
	for (size_t j = 0; j < k; j++) {
		const struct lt_blob *b = pos_blob(t, j);
		if (!b)
			break;
		e->size += b->size;
		if (j > 0)
			e->user_size += b->size;
		uint32_t stamp = (uint32_t)j + 1;
		for (size_t i = 0; i < b->nrecs; i++) {
			if (b->recs[i].kind == LP_REC_OPAQUE)
				continue;
			for (uint32_t a = t->nodes[b->recs[i].node].parent; a != LAYER_NODE_NONE; a = t->nodes[a].parent) {
				if (mark[a] == stamp)
					break;
				mark[a] = stamp;
			}
		}
		for (size_t i = 0; i < b->nrecs; i++) {
			const struct lt_rec *r = &b->recs[i];
			if (r->kind == LP_REC_OPAQUE || r->node == LAYER_NODE_ROOT)
				continue;
			uint64_t size;
			if (r->kind == LP_REC_WHITEOUT)
				size = loc_is_dir(t, st[r->node]) ? subtree_bytes(t, st, r->node) : 0;
			else if (mark[r->node] == stamp)
				continue;	/* not a leaf of this layer */
			else
				size = r->size;
			if (cnt[r->node] == 0 || size < minsz[r->node])
				minsz[r->node] = size;
			cum[r->node] += size;
			cnt[r->node]++;
			if (nocc == capocc) {
				capocc = capocc ? capocc * 2 : 1024;
				occ = xrealloc(occ, capocc * sizeof(*occ));
			}
			occ[nocc++] = (struct occurrence){ r->node, (uint32_t)j };
		}
		replay(t, st, j);
	}
	uint64_t min_total = 0, cum_total = 0;
	size_t nitems = 0;
	for (size_t i = 0; i < n; i++) {
		if (!cnt[i])
			continue;
		min_total += minsz[i];
		cum_total += cum[i];
		if (cnt[i] >= 2)
			nitems++;
	}
	e->score = cum_total ? (double)min_total / (double)cum_total : 1.0;
	e->items = nitems ? xcalloc(nitems, sizeof(*e->items)) : NULL;
	/* item index per node, through mark (reused) */
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		mark[i] = UINT32_MAX;
		if (cnt[i] >= 2) {
			struct layer_waste *w = &e->items[m];
			w->node = (uint32_t)i;
			w->bytes = cum[i];
			w->layers = xmalloc(cnt[i] * sizeof(size_t));
			e->wasted += cum[i];
			mark[i] = (uint32_t)m++;
		}
	}
	e->nitems = m;
	for (size_t i = 0; i < nocc; i++) {
		uint32_t it = mark[occ[i].node];
		if (it != UINT32_MAX) {
			struct layer_waste *w = &e->items[it];
			w->layers[w->count++] = occ[i].pos;
		}
	}
	if (e->nitems > 1)
		qsort_r(e->items, e->nitems, sizeof(*e->items), cmp_waste, t);
	e->wasted_user = e->user_size ? (double)e->wasted / (double)e->user_size : 0.0;
	free(st);
	free(cum);
	free(minsz);
	free(cnt);
	free(mark);
	free(occ);
}

void
layer_tree_efficiency(struct layer_tree *t, struct layer_efficiency *out)
{
	if (!t->eff_valid || t->eff_gen != t->gen) {
		layer_efficiency_free(&t->eff);
		compute_efficiency(t, &t->eff);
		t->eff_valid = true;
		t->eff_gen = t->gen;
	}
	*out = t->eff;
	out->items = t->eff.nitems ? xmalloc(t->eff.nitems * sizeof(*out->items)) : NULL;
	for (size_t i = 0; i < t->eff.nitems; i++) {
		out->items[i] = t->eff.items[i];
		out->items[i].layers = xmalloc(t->eff.items[i].count * sizeof(size_t) + 1);
		memcpy(out->items[i].layers, t->eff.items[i].layers, t->eff.items[i].count * sizeof(size_t));
	}
}

void
layer_efficiency_free(struct layer_efficiency *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nitems; i++)
		free(e->items[i].layers);
	free(e->items);
	memset(e, 0, sizeof(*e));
}

/* ---- picks ----------------------------------------------------------------------------------- */

static uint32_t
pick_blob(struct layer_pick *p, const char *path)
{
	for (size_t i = 0; i < p->nblobs; i++)
		if (strcmp(p->blobs[i], path) == 0)
			return (uint32_t)i;
	p->blobs = xrealloc(p->blobs, (p->nblobs + 1) * sizeof(char *));
	p->blobs[p->nblobs] = xstrdup(path);
	return (uint32_t)p->nblobs++;
}

static struct lp_pick_item *
pick_add(struct layer_pick *p, size_t *cap)
{
	if (p->nitems == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		p->items = xrealloc(p->items, *cap * sizeof(*p->items));
	}
	struct lp_pick_item *it = &p->items[p->nitems++];
	memset(it, 0, sizeof(*it));
	return it;
}

/* n's path below top, with top's own name first ("ssl/certs/x"). */
static char *
dest_of(const struct layer_tree *t, uint32_t top, const char *top_name, uint32_t n)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t stack[256];
	size_t depth = 0;
	for (uint32_t a = n; a != top && a != LAYER_NODE_NONE && depth < 256; a = t->nodes[a].parent)
		stack[depth++] = a;
	sb_puts(&sb, top_name);
	while (depth > 0) {
		sb_putc(&sb, '/');
		sb_puts(&sb, t->nodes[stack[--depth]].name);
	}
	return sb_detach(&sb);
}

struct layer_pick *
layer_tree_pick(struct layer_tree *t, const struct layer_query *q, uint32_t node, char **err)
{
	*err = NULL;
	if (!t->ordered) {
		*err = xstrdup(_("the order of the layers is not known yet: wait until the image has streamed"));
		return NULL;
	}
	if (node >= t->nnodes || !q || q->layer >= layer_tree_layers(t)) {
		*err = xstrdup(_("no such file in this layer"));
		return NULL;
	}
	ensure_view(t, q->layer, q->view);
	const struct lt_view *v = &t->view;
	const struct lt_loc *cur = t->st.cur;
	if (!(v->flags[node] & V_IN)) {
		*err = xstrdup(_("no such file in this layer"));
		return NULL;
	}
	if ((v->flags[node] & V_CHANGE) == LAYER_REMOVED) {
		char *label = layer_tree_path_label(t, node);
		*err = xasprintf(_("%s was removed in this layer: there is nothing to read"), label);
		free(label);
		return NULL;
	}
	struct layer_pick *p = xcalloc(1, sizeof(*p));
	p->name = xstrdup(node == LAYER_NODE_ROOT ? "rootfs" : t->nodes[node].name);
	p->label = layer_tree_path_label(t, node);
	p->top_is_dir = loc_is_dir(t, cur[node]);
	size_t cap = 0;
	/* items by node, to find hard links' targets: nodes of the pick in a small map */
	uint32_t *item_of = NULL;
	size_t nmap = 0;
	for (uint32_t n = node; n != LAYER_NODE_NONE; n = (n == node && node != LAYER_NODE_ROOT && !p->top_is_dir)
								? LAYER_NODE_NONE
								: subtree_next(t, node, n)) {
		struct lt_loc c = cur[n];
		if (!loc_present(c))
			continue;
		if (q->view == LAYER_VIEW_CHANGES && !(v->flags[n] & V_IN))
			continue;
		const struct lt_rec *r = loc_rec(t, c);
		bool own = q->view == LAYER_VIEW_AFTER || c.pos == q->layer;
		if (n == LAYER_NODE_ROOT || !r || !own) {
			if (!loc_is_dir(t, c))
				continue;	/* CHANGES: a file this layer did not state */
			struct lp_pick_item *it = pick_add(p, &cap);
			it->what = LP_PICK_MKDIR;
			it->dest = dest_of(t, node, p->name, n);
			it->tar_path = xstrdup("");
			it->mode = r && S_ISDIR(r->mode) ? r->mode : (S_IFDIR | 0755);
			continue;
		}
		const struct lt_blob *b = pos_blob(t, c.pos);
		if (!b)
			continue;
		struct lp_pick_item *it = pick_add(p, &cap);
		it->dest = dest_of(t, node, p->name, n);
		char *path = layer_tree_path(t, n);
		it->tar_path = xstrdup(path + 1);
		free(path);
		if (n == node)
			p->top_size = r->size;
		if (!S_ISREG(r->mode)) {
			/* no data: made from what the model knows */
			it->what = LP_PICK_META;
			it->mode = r->mode;
			it->uid = r->uid;
			it->gid = r->gid;
			it->mtime = r->mtime;
			it->symlink = r->link ? xstrdup(r->link) : NULL;
			continue;
		}
		it->what = LP_PICK_ENTRY;
		it->blob = pick_blob(p, b->path);
		if (n >= nmap) {
			size_t want = t->nnodes;
			item_of = xrealloc(item_of, want * sizeof(*item_of));
			for (size_t i = nmap; i < want; i++)
				item_of[i] = UINT32_MAX;
			nmap = want;
		}
		item_of[n] = (uint32_t)(p->nitems - 1);
	}
	/* hard links: to a target taken from the same blob, a link; else the target's content */
	for (size_t i = 0; i < p->nitems; i++) {
		struct lp_pick_item *it = &p->items[i];
		if (it->what != LP_PICK_ENTRY)
			continue;
		uint32_t n = layer_tree_lookup(t, it->tar_path);
		const struct lt_rec *r = n != LAYER_NODE_NONE ? loc_rec(t, cur[n]) : NULL;
		if (!r || !(r->flags & REC_HARDLINK) || !r->link)
			continue;
		uint32_t target = layer_tree_lookup(t, r->link);
		uint32_t ti = target != LAYER_NODE_NONE && target < nmap ? item_of[target] : UINT32_MAX;
		if (ti != UINT32_MAX && p->items[ti].what == LP_PICK_ENTRY && p->items[ti].blob == it->blob
		    && ti != i) {
			it->link_dest = xstrdup(p->items[ti].dest);
		} else {
			it->what = LP_PICK_CONTENT;
			free(it->tar_path);
			it->tar_path = xstrdup(r->link);
			if (n == node)
				p->top_hardlink = true;
		}
	}
	free(item_of);
	if (p->top_hardlink) {
		/* the content's size is its target's, in the same layer */
		uint32_t target = layer_tree_lookup(t, p->items[0].tar_path);
		const struct lt_blob *b = pos_blob(t, cur[node].pos);
		for (size_t i = 0; b && target != LAYER_NODE_NONE && i < b->nrecs; i++)
			if (b->recs[i].node == target && b->recs[i].kind == LP_REC_ENTRY)
				p->top_size = b->recs[i].size;
	}
	return p;
}

void
layer_pick_free(struct layer_pick *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nitems; i++) {
		free(p->items[i].tar_path);
		free(p->items[i].dest);
		free(p->items[i].link_dest);
		free(p->items[i].symlink);
	}
	free(p->items);
	for (size_t i = 0; i < p->nblobs; i++)
		free(p->blobs[i]);
	free(p->blobs);
	free(p->name);
	free(p->label);
	free(p);
}

const char *
layer_pick_name(const struct layer_pick *p)
{
	return p->name;
}

size_t
layer_pick_entries(const struct layer_pick *p)
{
	return p->nitems;
}
