/* Keeping the image and container lists current from the engine's events (issue 16), without
 * reading the whole list again: the one image or container an event names is read alone
 * (image_fetch_one, containers_fetch_ids) and put in its place; a removal needs no request.
 *
 * The edits run on the UI thread, on a list that views' rows point into: list_edit_begin gives
 * the list a new array first, and everything an edit lets go of (the old array, replaced or
 * dropped entries) waits in a struct list_garbage until the views have rebuilt their rows
 * (list_garbage_free). The fetches run on a worker. */
#ifndef BUDU_LIST_PATCH_H
#define BUDU_LIST_PATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "containers.h"
#include "images.h"

struct engine;
struct cancel;

/* One image by ID or reference: GET /images/{key}/json, read into *im with exactly the fields
 * GET /images/json lists (Id, ParentId from Parent, RepoTags, RepoDigests, Created in Unix
 * seconds, Size; sanitized). ENGINE_OK; a 404 sets *gone (and returns ENGINE_BAD_ANSWER); other
 * failures with a translated message in *err (caller frees). */
int image_fetch_one(struct engine *e, const char *key, struct cancel *c, struct image *im, bool *gone,
		    char **err);
/* The inspect document of an image, as image_fetch_one reads it (for tests). */
bool image_from_inspect(const char *json, size_t len, struct image *im);

/* The rows of the n containers ids: GET /containers/json?all=1&filters={"id":[...]} (what
 * containers_fetch reads, for these only). A container gone is simply not in *out. */
int containers_fetch_ids(struct engine *e, char *const *ids, size_t n, struct cancel *c,
			 struct container_list *out, char **err);

struct list_garbage {
	struct image_list images;		/* entries let go of, and old arrays */
	struct container_list containers;
	void **arrays;
	size_t narrays;
};
void list_garbage_free(struct list_garbage *g);

/* Gives the list a new array (the old one into g): rows keep pointing into the old one. */
void image_list_edit_begin(struct image_list *list, struct list_garbage *g);
/* Puts *im (taken) in the list: replaces the image with its ID, or goes in by Created, newest
 * first, as the engine orders them. The tags it carries leave every other image (a tag names
 * one image). Without all, an image left with neither tag nor digest that is the parent of
 * another listed image is not listed, as the engine hides such intermediate images. */
void image_list_put(struct image_list *list, struct image *im, bool all, struct list_garbage *g);
/* Drops the image with this ID ("sha256:" optional); false if it was not there. */
bool image_list_drop(struct image_list *list, const char *id, struct list_garbage *g);

void container_list_edit_begin(struct container_list *list, struct list_garbage *g);
/* Puts *c (taken): replaces the container with its ID, or goes in by Created, newest first. */
void container_list_put(struct container_list *list, struct container *c, struct list_garbage *g);
bool container_list_drop(struct container_list *list, const char *id, struct list_garbage *g);
/* After the puts and drops: the by-image index again. */
void container_list_edit_end(struct container_list *list, struct list_garbage *g);

#endif
