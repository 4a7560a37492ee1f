/* A model of dockerd 20.10's image deletion (daemon/images/image_delete.go and
 * image_prune.go) over an image list and the containers: what a DELETE /images/{name} or a
 * prune would untag and delete, computed without asking the engine. remove.c and prune.c
 * use it; nothing here talks to the engine.
 *
 * The model knows what /images/json tells: references, ParentId links (classic builder) and
 * which containers use which image. Pass the list of /images/json?all=1, or intermediate
 * images and the children they make are missing. */
#ifndef BUDU_IMGDEL_H
#define BUDU_IMGDEL_H

#include <stdbool.h>
#include <stddef.h>

#include "containers.h"
#include "images.h"

#define IMGDEL_NONE ((size_t)-1)

struct imgdel_ref {
	char *familiar;		/* as the list gives it: "bb:1.0", "127.0.0.1:5000/demo/app@sha256:..." */
	char *name;		/* the normalized repository: "docker.io/library/bb" */
	char *full;		/* the normalized reference: "docker.io/library/bb:1.0" (sort key) */
	bool tag;		/* a tag (else a digest) */
	bool gone;		/* removed in the model */
};

struct imgdel_image {
	const struct image *image;
	struct imgdel_ref *refs;	/* sorted by `full`, as the engine's reference store lists them */
	size_t nrefs;
	size_t live;		/* refs not gone */
	size_t parent;		/* index of ParentId in the list, or IMGDEL_NONE */
	size_t children;	/* listed images whose ParentId is this one, not deleted */
	size_t users;		/* containers using it */
	size_t running;		/* of which running */
	bool deleted;
};

/* What one operation did, in the engine's order. */
struct imgdel_log {
	char **untagged;	/* familiar references */
	size_t *untagged_image;	/* the image index of each */
	size_t nuntagged;
	size_t *deleted;	/* image indexes */
	size_t ndeleted;
};

enum imgdel_outcome {
	IMGDEL_OK,
	IMGDEL_MUST_FORCE,	/* a soft conflict: 409 "(must force)" */
	IMGDEL_CANNOT,		/* a hard conflict: 409 "(cannot be forced)" */
	IMGDEL_NOT_FOUND,	/* the reference is gone already */
};

struct imgdel {
	struct imgdel_image *images;	/* parallel to list->images */
	size_t n;
};

/* containers may be NULL. */
void imgdel_init(struct imgdel *d, const struct image_list *list, const struct container_list *containers);
void imgdel_free(struct imgdel *d);

/* The index of a reference of image i whose familiar string is `familiar`, or IMGDEL_NONE. */
size_t imgdel_find_ref(const struct imgdel *d, size_t i, const char *familiar);

/* DELETE /images/{ref} where ref names reference r of image i (ImageDelete with a name). */
enum imgdel_outcome imgdel_delete_ref(struct imgdel *d, size_t i, size_t r, bool force, bool prune,
				      struct imgdel_log *log);
/* DELETE /images/{id} for image i (ImageDelete with an ID). */
enum imgdel_outcome imgdel_delete_id(struct imgdel *d, size_t i, bool force, bool prune,
				     struct imgdel_log *log);

/* True when the references of image i are all of one repository with at most one tag
 * (the engine's isSingleReference; false when there is none). */
bool imgdel_single_reference(const struct imgdel *d, size_t i);

void imgdel_log_free(struct imgdel_log *log);

/* The model's changeable part, to try an operation and go back (e.g. what force would do). */
struct imgdel_saved;
struct imgdel_saved *imgdel_save(const struct imgdel *d);
/* Puts d back as it was when saved and frees s. */
void imgdel_restore(struct imgdel *d, struct imgdel_saved *s);

#endif
