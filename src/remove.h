/* `docker image rm` for rows of the image list: what each removal will do (the plan, for the
 * confirmation), and the removal itself (DELETE /images/{name}).
 *
 * The plan follows dockerd 20.10's image_delete.go: removing a tag when the image keeps other
 * references only untags it; removing the last one deletes the image (and its untagged
 * parents, unless --no-prune), except that an image with child images only loses the name;
 * a container using the image (running or not) makes the removal of its last reference, or
 * of its ID, need force; an image with children, or removed by ID while a container runs it,
 * cannot be removed even with force. */
#ifndef BUDU_REMOVE_H
#define BUDU_REMOVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "containers.h"
#include "engine.h"
#include "images.h"

enum remove_effect {
	REMOVE_UNTAG,		/* the name goes; the image stays (other names, or child images) */
	REMOVE_DELETE,		/* the image is deleted */
};

enum remove_block {
	REMOVE_OK,		/* goes through as planned */
	REMOVE_NEEDS_FORCE,	/* refused without force (409 "must force"): a container uses the
				 * image; `effect` says what force would do */
	REMOVE_CANNOT,		/* refused even with force (409 "cannot be forced"): child images,
				 * or a running container when removing by ID */
};

/* A container that uses the image. */
struct remove_user {
	char *id;	/* 64 hex digits */
	char *name;	/* "rig-exited" */
	char *state;	/* "running", "exited", "created"... */
};

struct remove_item {
	char *ref;		/* for DELETE /images/{ref}: "bb:1.0", "127.0.0.1:5000/demo/app@sha256:...",
				 * or the full ID "sha256:<hex>" for a <none> <none> row */
	char *arg;		/* the same as the command line shows it: the short ID for an ID */
	char *image_id;		/* "sha256:<hex>" */
	enum remove_effect effect;	/* what happens (with force when block is NEEDS_FORCE);
					 * DELETE, and nothing happens, when block is CANNOT */
	enum remove_block block;
	/* Other names this removal takes away: a repository's digests go with its last tag
	 * ("127.0.0.1:5000/demo/app@sha256:..."). */
	char **also_untagged;
	size_t nalso_untagged;
	/* With effect DELETE and pruning: the untagged parent images deleted with it (classic
	 * builder intermediates). Known only when the list came from /images/json?all=1. */
	size_t parents_deleted;
	bool has_children;	/* the image has child images (in the list given) */
	struct remove_user *users;	/* the containers using the image, running ones first */
	size_t nusers;
	size_t nrunning;
};

struct remove_plan {
	struct remove_item *items;	/* in the order given, duplicates dropped */
	size_t nitems;
	size_t ndelete;			/* items that delete an image (block OK) */
	size_t nuntag;			/* items that only untag (block OK) */
	size_t nneed_force;		/* items with REMOVE_NEEDS_FORCE */
	size_t ncannot;			/* items with REMOVE_CANNOT */
	char *command;			/* "docker image rm [-f] [--no-prune] bb:1.0 805506318994" */
};

/* Plans the removal of rows (pointers into rows built from `list`; the rows' images must be
 * `list`'s) in the order given, as `docker image rm` would run them one after the other, with
 * the given flags. The reference for a row: "repo:tag" for a tagged row, "repo@digest" for a
 * repository known only by digest, the image ID for a <none> row. `containers` may be NULL
 * (no container known). For child images and parents to be known, pass the list of
 * /images/json?all=1; from the default list, images with hidden intermediate children look
 * childless. Free with remove_plan_free. */
void remove_plan(const struct image_list *list, const struct image_row *const *rows, size_t nrows,
		 const struct container_list *containers, bool force, bool noprune,
		 struct remove_plan *plan);
void remove_plan_free(struct remove_plan *plan);

struct remove_result {
	enum engine_status status;	/* ENGINE_OK when an HTTP answer came */
	long http_status;
	/* What the engine did, one line each, as `docker image rm` prints them:
	 * "Untagged: bb:1.0", "Deleted: sha256:..." (image IDs, then layer chain IDs). "" when
	 * nothing. Sanitized. */
	char *text;
	size_t nuntagged;
	size_t ndeleted;
	/* NULL on success; else the engine's message, e.g. "conflict: unable to remove repository
	 * reference \"x\" (must force) - container abc123 is using its referenced image def456",
	 * or why the engine could not be reached. Sanitized. */
	char *error;
	bool conflict;			/* HTTP 409: the UI may offer force */
	bool not_found;			/* HTTP 404: already gone */
};

/* DELETE /images/{ref}?force=&noprune=. ref goes into the path as it is (the engine accepts
 * "127.0.0.1:5000/demo/app:1" and "sha256:<hex>" raw, as the CLI sends them); bytes that no
 * reference holds are percent-encoded. Runs on a worker thread. Returns true on success;
 * *out is filled either way (free with remove_result_free). */
bool remove_run(struct engine *e, const char *ref, bool force, bool noprune, struct cancel *c,
		struct remove_result *out);
/* Parses the answer of a successful DELETE (a JSON array of {"Untagged"} and {"Deleted"}) into
 * out->text and the counts. On failure sets out->error and returns false. */
bool remove_parse(const char *json, size_t len, struct remove_result *out);
void remove_result_free(struct remove_result *r);

#endif
