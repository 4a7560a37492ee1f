/* What images take on disk, each layer once, and what removing some of them frees: the layer
 * chains of images (GET /images/{id}/json's RootFS.Layers, the diff IDs, turned into chain
 * IDs as the engine's layer store names them) with each layer's size (GET
 * /images/{id}/history: the size of each step that made a layer, which is the layer's
 * DiffSize). An image's layers never change for its ID, so they are learned once and kept.
 *
 * The engine counts the same way: `docker system df`'s image SIZE (LayersSize) is the sum of
 * every layer once; a prune's SpaceReclaimed is the sum of the layers that no remaining image
 * uses (dockerd 20.10 image_prune.go: the DiffSize of every deleted chain ID). Layers are told
 * apart by chain ID, not diff ID: the same diff on another base is another layer.
 *
 * Thread model: image_layers_fetch and image_layers_parse run on a worker; a layer_index
 * belongs to one thread (the UI's). Cost: two small requests per image (one for an image of
 * one layer); the sums are linear in
 * the layers of the list (a hash set). No curses. */
#ifndef BUDU_IMAGE_LAYERS_H
#define BUDU_IMAGE_LAYERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "images.h"

/* "sha256:" + 64 hex digits, NUL. */
#define LAYER_ID_SIZE 72

struct layer {
	char chain[LAYER_ID_SIZE];	/* chain ID */
	int64_t size;			/* DiffSize, bytes */
};

struct image_layers {
	struct layer *layers;	/* base first */
	size_t n;
	/* false when the history did not tell which step made which layer (a history that
	 * lacks steps, or layers of size 0 among metadata steps in a way no rule settles): the
	 * chain is known, the sizes are not, and sums that need them stay lower bounds. */
	bool sized;
};

/* From the bodies of GET /images/{id}/json and /images/{id}/history; size is the image's Size
 * (the sum the layers must make; -1: unknown). On a body that does not parse returns false
 * with a translated *err. */
bool image_layers_parse(const char *inspect, size_t ilen, const char *history, size_t hlen,
			int64_t size, struct image_layers *out, char **err);
void image_layers_free(struct image_layers *l);

/* Chain IDs from diff IDs: chain[0] = diff[0], chain[i] = sha256(chain[i-1] + " " + diff[i]). */
void layer_chain_ids(const char *const *diff_ids, size_t n, char (*chain)[LAYER_ID_SIZE]);

struct engine;
struct cancel;
/* Both requests and the parse, on a worker. ENGINE_OK with *out filled, else the failure with a
 * translated *err. */
int image_layers_fetch(struct engine *e, const char *id, int64_t size, struct cancel *c,
		       struct image_layers *out, char **err);

/* Layers by image ID, learned over a session. */
struct layer_index;
struct layer_index *layer_index_new(void);
void layer_index_free(struct layer_index *x);
/* Keeps *l (taken: *l is emptied) for id. */
void layer_index_put(struct layer_index *x, const char *id, struct image_layers *l);
const struct image_layers *layer_index_get(const struct layer_index *x, const char *id);
size_t layer_index_count(const struct layer_index *x);

/* The disk use of list's images, every layer once: what `docker system df` shows as the
 * images' SIZE. Returns how many images are not known yet (or not sized); 0: *bytes is exact,
 * else it is a lower bound. */
size_t layer_disk_use(const struct layer_index *x, const struct image_list *list, int64_t *bytes);

/* What deleting the images marked in gone (one flag per image of list, which must hold every
 * image, intermediate ones too: /images/json?all=1) frees: the layers of deleted images that
 * no remaining image uses. Returns how many images that matter (deleted ones, and remaining
 * ones, which may share layers) are not known; 0: *bytes is exact, else no bound. */
size_t layer_reclaim(const struct layer_index *x, const struct image_list *list, const bool *gone,
		     int64_t *bytes);

/* A disk use for the screen: "5.629MB" as `docker system df` prints it (HumanSize) when exact
 * (unknown == 0); a lower bound marked as pending, "≥5.629MB", while images are not known yet;
 * "…" when nothing is. Into buf. */
void layer_size_text(char *buf, size_t n, int64_t bytes, size_t unknown);

#endif
