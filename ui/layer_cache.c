#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layer_cache.h"
#include "xalloc.h"

struct layer_ref {
	char *image_id;
	struct layer_tree *tree;
	int refs;			/* holders; the cache itself is not one */
	bool cached;
	unsigned long used;		/* when last found or kept: the oldest goes first */
	struct layer_ref *next;		/* the cached ones */
};

/* One cache for the session: the trees outlive the views that read them. */
static struct layer_ref *cached;
static unsigned long clock_tick;

static void
ref_free(struct layer_ref *r)
{
	layer_tree_free(r->tree);
	free(r->image_id);
	free(r);
}

static void
unlink_cached(struct layer_ref *r)
{
	for (struct layer_ref **p = &cached; *p; p = &(*p)->next) {
		if (*p == r) {
			*p = r->next;
			break;
		}
	}
	r->next = NULL;
	r->cached = false;
	if (!r->refs)
		ref_free(r);
}

static size_t
tree_memory(const struct layer_ref *r)
{
	struct layer_tree_status st;
	layer_tree_status(r->tree, &st);
	return st.memory;
}

/* The oldest cached tree, or with unreferenced the oldest no one holds (only those are freed
 * at once); NULL when there is none. */
static struct layer_ref *
oldest(bool unreferenced)
{
	struct layer_ref *best = NULL;
	for (struct layer_ref *r = cached; r; r = r->next)
		if ((!unreferenced || !r->refs) && (!best || r->used < best->used))
			best = r;
	return best;
}

/* Keeps the cache within its count and the budget of what no one holds. A tree someone holds
 * only leaves the cache when the count demands it, and lives on with its holders. */
static void
evict(void)
{
	for (;;) {
		size_t n = 0, memory = 0;
		for (struct layer_ref *r = cached; r; r = r->next) {
			n++;
			if (!r->refs)
				memory += tree_memory(r);
		}
		struct layer_ref *victim = NULL;
		if (n > LAYER_CACHE_MAX)
			victim = oldest(true) ? oldest(true) : oldest(false);
		else if (memory > LAYER_CACHE_BUDGET)
			victim = oldest(true);
		if (!victim)
			return;
		unlink_cached(victim);
	}
}

struct layer_ref *
layer_cache_find(const char *image_id)
{
	for (struct layer_ref *r = cached; r; r = r->next) {
		if (strcmp(r->image_id, image_id) == 0) {
			r->used = ++clock_tick;
			return layer_ref_take(r);
		}
	}
	return NULL;
}

struct layer_ref *
layer_cache_new(const char *image_id)
{
	struct layer_ref *r = xcalloc(1, sizeof(*r));
	r->image_id = xstrdup(image_id);
	r->tree = layer_tree_new();
	r->refs = 1;
	return r;
}

struct layer_ref *
layer_ref_take(struct layer_ref *r)
{
	r->refs++;
	return r;
}

void
layer_ref_drop(struct layer_ref *r)
{
	if (!r)
		return;
	if (--r->refs > 0)
		return;
	if (!r->cached)
		ref_free(r);
	else
		evict();	/* it counts against the budget now */
}

struct layer_tree *
layer_ref_tree(const struct layer_ref *r)
{
	return r->tree;
}

const char *
layer_ref_image(const struct layer_ref *r)
{
	return r->image_id;
}

void
layer_cache_keep(struct layer_ref *r)
{
	if (r->cached)
		return;
	layer_cache_forget(r->image_id);
	r->cached = true;
	r->used = ++clock_tick;
	r->next = cached;
	cached = r;
	evict();
}

void
layer_cache_forget(const char *image_id)
{
	for (struct layer_ref *r = cached; r; r = r->next) {
		if (strcmp(r->image_id, image_id) == 0) {
			unlink_cached(r);
			return;
		}
	}
}

void
layer_cache_clear(void)
{
	while (cached)
		unlink_cached(cached);
}
