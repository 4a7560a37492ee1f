/* The file trees of images read this session (the Files tab), kept per image ID so that
 * opening an image's files again is instant: reading an image's archive costs its whole size
 * from the engine, browsing a finished tree costs nothing.
 *
 * A struct layer_ref is one tree and who holds it: every holder (a Files pane, a pager, the
 * wasted-space list) takes a reference, so a tree in use is never freed under it, even when the
 * cache lets it go. Only whole trees are cached (layer_cache_keep after a stream ended DONE):
 * a cancelled or failed read is freed with its last reference. The cache keeps at most
 * LAYER_CACHE_MAX trees and LAYER_CACHE_BUDGET bytes of unreferenced ones
 * (layer_tree_status().memory), dropping the least recently used first.
 *
 * UI thread only (the trees are: see layer_tree.h). */
#ifndef BUDU_LAYER_CACHE_H
#define BUDU_LAYER_CACHE_H

#include <stdbool.h>

#include "layer_tree.h"

#define LAYER_CACHE_MAX 8
#define LAYER_CACHE_BUDGET ((size_t)256 << 20)

struct layer_ref;

/* The whole tree of image_id from the cache, with a reference; NULL when none is cached. */
struct layer_ref *layer_cache_find(const char *image_id);
/* A new empty tree for image_id (layer_tree_new), with a reference; not cached yet. */
struct layer_ref *layer_cache_new(const char *image_id);
/* Another reference to r. */
struct layer_ref *layer_ref_take(struct layer_ref *r);
/* Drops a reference; the tree goes with the last one unless the cache keeps it. NULL is fine. */
void layer_ref_drop(struct layer_ref *r);
struct layer_tree *layer_ref_tree(const struct layer_ref *r);
const char *layer_ref_image(const struct layer_ref *r);

/* r's stream ended DONE: keep the tree for the session (replacing an older one of the same
 * image), then drop what is over the limits. */
void layer_cache_keep(struct layer_ref *r);
/* Forgets image_id's cached tree (R reads the archive again); holders keep theirs. */
void layer_cache_forget(const char *image_id);
/* At exit, after every view closed: frees what the cache holds. */
void layer_cache_clear(void);

#endif
