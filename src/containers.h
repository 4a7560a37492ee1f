/* The containers (GET /containers/json?all=1), to tell which images are in use. */
#ifndef BUDU_CONTAINERS_H
#define BUDU_CONTAINERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every string is sanitized; a field the engine left out is "". */
struct container {
	char *id;		/* 64 hex digits */
	char *name;		/* the first of Names that has no other '/' (else the first),
				 * without its leading '/': "rig-exited" */
	char *image;		/* as created: a tag (maybe moved on since), or an ID */
	char *image_id;		/* "sha256:<hex>", what the container really runs */
	char *command;		/* "sleep 600" */
	char *state;		/* "created", "running", "paused", "restarting", "removing",
				 * "exited", "dead" */
	char *status;		/* "Up 2 hours", "Exited (0) 5 minutes ago", "Created" */
	int64_t created;	/* Unix seconds */
};

struct container_list {
	struct container *containers;	/* the engine's order (newest first) */
	size_t ncontainers;
	size_t *by_image;	/* private: indexes ordered by image ID, then index */
};

/* Parses the body of GET /containers/json?all=1. A body of `null` is an empty list. On failure
 * returns false and a translated message in *err (caller frees); *out is then empty. */
bool containers_parse(const char *json, size_t len, struct container_list *out, char **err);
void container_list_free(struct container_list *list);

struct engine;
struct cancel;
/* GET /containers/json?all=1 and parse it, on a worker. Returns ENGINE_OK with *out filled; otherwise the failure
 * (ENGINE_BAD_ANSWER for an HTTP error or an answer that does not parse) with a translated
 * message in *err (caller frees) and *out empty. */
int containers_fetch(struct engine *e, struct cancel *c, struct container_list *out, char **err);

/* State "running" (a paused container is in use but not running). */
bool container_is_running(const struct container *c);

/* Image IDs compare with or without the "sha256:" prefix (Podman may leave it out). */

/* The containers whose ImageID is image_id, in the list's order: *out is a new array of
 * pointers into list (caller frees the array only; NULL when none). Returns the count. */
size_t containers_for_image(const struct container_list *list, const char *image_id,
			    const struct container ***out);

/* How many containers use image_id, and in *running (may be NULL) how many of them run.
 * O(log n + matches): fine to call for every row of a long image list. */
size_t containers_count_by_image(const struct container_list *list, const char *image_id,
				 size_t *running);

#endif
