/* The layer file model: stub while the implementation lands (see layer_tree.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layer_tree.h"
#include "xalloc.h"

struct layer_tree {
	int unused;
};

struct layer_tree *layer_tree_new(void) { return xcalloc(1, sizeof(struct layer_tree)); }
void layer_tree_free(struct layer_tree *t) { free(t); }
unsigned layer_tree_apply(struct layer_tree *t, struct layer_update *u) { (void)t; layer_update_free(u); return 0; }
void layer_update_free(struct layer_update *u) { (void)u; }
void layer_tree_status(const struct layer_tree *t, struct layer_tree_status *out) { (void)t; memset(out, 0, sizeof(*out)); out->image_id = ""; }
size_t layer_tree_layers(const struct layer_tree *t) { (void)t; return 0; }
bool layer_tree_layer(const struct layer_tree *t, size_t i, struct layer_info *out) { (void)t; (void)i; (void)out; return false; }
size_t layer_tree_find_blob(const struct layer_tree *t, const char *blob) { (void)t; (void)blob; return LAYER_NONE; }
size_t layer_tree_steps(const struct layer_tree *t) { (void)t; return 0; }
bool layer_tree_step(const struct layer_tree *t, size_t i, struct layer_step *out) { (void)t; (void)i; (void)out; return false; }
size_t layer_tree_children(struct layer_tree *t, const struct layer_query *q, uint32_t dir, struct layer_entry **out) { (void)t; (void)q; (void)dir; *out = NULL; return 0; }
bool layer_tree_entry(struct layer_tree *t, const struct layer_query *q, uint32_t node, struct layer_entry *out) { (void)t; (void)q; (void)node; (void)out; return false; }
void layer_tree_totals(struct layer_tree *t, const struct layer_query *q, struct layer_totals *out) { (void)t; (void)q; memset(out, 0, sizeof(*out)); }
uint32_t layer_tree_largest(struct layer_tree *t, const struct layer_query *q) { (void)t; (void)q; return LAYER_NODE_NONE; }
size_t layer_tree_nodes(const struct layer_tree *t) { (void)t; return 1; }
uint32_t layer_tree_parent(const struct layer_tree *t, uint32_t node) { (void)t; (void)node; return LAYER_NODE_NONE; }
char *layer_tree_path(const struct layer_tree *t, uint32_t node) { (void)t; (void)node; return xstrdup("/"); }
char *layer_tree_path_label(const struct layer_tree *t, uint32_t node) { (void)t; (void)node; return xstrdup("/"); }
uint32_t layer_tree_lookup(const struct layer_tree *t, const char *path) { (void)t; (void)path; return LAYER_NODE_NONE; }
void layer_tree_efficiency(struct layer_tree *t, struct layer_efficiency *out) { (void)t; memset(out, 0, sizeof(*out)); out->score = 1; }
void layer_efficiency_free(struct layer_efficiency *e) { (void)e; }
struct layer_pick *layer_tree_pick(struct layer_tree *t, const struct layer_query *q, uint32_t node, char **err) { (void)t; (void)q; (void)node; *err = xstrdup("not yet"); return NULL; }
void layer_pick_free(struct layer_pick *p) { (void)p; }
const char *layer_pick_name(const struct layer_pick *p) { (void)p; return ""; }
size_t layer_pick_entries(const struct layer_pick *p) { (void)p; return 0; }
