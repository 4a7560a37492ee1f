/* `docker image prune [-a] [--filter until=...]`: the preview (what POST /images/prune would
 * remove, computed from the image and container lists without calling prune) and the prune.
 *
 * The preview follows dockerd 20.10's image_prune.go and image_delete.go:
 *  - dangling mode considers the images without child images whose references hold no tag
 *    (untagged, or known only by digest); -a considers every image, tagged or not, except
 *    untagged images that have children (intermediates of a classic build);
 *  - until skips images created after now - until (the daemon's clock);
 *  - an image used by a container, running or stopped, stays; in -a mode an image used by a
 *    container but named several times loses all its names but one (the engine untags the
 *    references in lexical order until the last one, which needs force);
 *  - a tagged image with children loses its tags and stays, unless its children all go;
 *  - a deleted image takes its untagged parents along when nothing else holds them.
 * Pass the list of /images/json?all=1: from the default list, intermediates are missing, so
 * parents and children are not known. */
#ifndef BUDU_PRUNE_H
#define BUDU_PRUNE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "containers.h"
#include "engine.h"
#include "images.h"

enum prune_mode {
	PRUNE_DANGLING,		/* docker image prune */
	PRUNE_ALL,		/* docker image prune -a */
};

/* No until filter. */
#define PRUNE_NO_UNTIL ((int64_t)-1)

struct prune_image {
	const struct image *image;	/* into the list given to prune_preview */
	char *id;		/* "sha256:<hex>" */
	int64_t created;	/* Unix seconds */
	int64_t size;		/* the image's size, as the list shows it */
	int64_t unique;		/* what deleting it would free: size minus its parent's size
				 * when it has one in the list (an upper bound otherwise) */
	bool deleted;		/* false: the image stays, only untagged (see untagged) */
	bool parent;		/* deleted as an untagged parent of a deleted image */
	char **untagged;	/* the references it loses, familiar ("bb:1.0") */
	size_t nuntagged;
};

struct prune_preview {
	struct prune_image *images;	/* in the list's order (newest first) */
	size_t nimages;
	size_t ndeleted;		/* images deleted (the rest lose names only) */
	size_t nuntagged;		/* references removed, over all images */
	int64_t size_total;		/* sum of the deleted images' sizes */
	/* The predicted SpaceReclaimed: the sum of `unique` over deleted images. Never below what
	 * the engine reports; equal unless deleted images share layers other than through
	 * ParentId (e.g. two pulled or imported images with a common base, or an image sharing a
	 * layer with one that stays), which /images/json cannot tell. */
	int64_t reclaim_max;
	/* The exact SpaceReclaimed, from the images' layers (prune_preview_reclaim): the layers
	 * of deleted images that no remaining image uses. Valid when reclaim_unknown is 0; else
	 * that many images' layers are not known yet and reclaim is no figure to show (neither
	 * bound: unknown deleted images would add, unknown remaining ones may keep layers). */
	int64_t reclaim;
	size_t reclaim_unknown;
};

/* images: the list of /images/json?all=1; containers may be NULL (none). until: seconds, or
 * PRUNE_NO_UNTIL; now: the engine's clock in Unix seconds (engine_info.server_time, or the
 * local time). Free with prune_preview_free. */
void prune_preview(const struct image_list *images, const struct container_list *containers,
		   enum prune_mode mode, int64_t until, int64_t now, struct prune_preview *out);
void prune_preview_free(struct prune_preview *p);
struct layer_index;
/* Fills p->reclaim and p->reclaim_unknown from the layers known in x; images is the list
 * prune_preview was given. */
void prune_preview_reclaim(struct prune_preview *p, const struct image_list *images,
			   const struct layer_index *x);

struct prune_result {
	enum engine_status status;
	long http_status;
	/* What the engine did, as `docker image prune` lists it under "Deleted Images:":
	 * "untagged: bb:1.0", "deleted: sha256:..." (image IDs and layer chain IDs), one a line,
	 * in the engine's order. "" when nothing. Sanitized. */
	char *text;
	char **deleted;		/* every "deleted" ID, in order */
	size_t ndeleted;
	size_t nuntagged;
	int64_t reclaimed;	/* SpaceReclaimed, bytes */
	char *error;		/* NULL on success, else what the user reads. Sanitized. */
	bool busy;		/* 409: another prune is running */
};

/* POST /images/prune?filters={"dangling":{"true"|"false":true}[,"until":{"<until>s":true}]}.
 * Runs on a worker thread. Returns true on success; *out is filled either way (free with
 * prune_result_free). */
bool prune_run(struct engine *e, enum prune_mode mode, int64_t until, struct cancel *c,
	       struct prune_result *out);
/* Parses the answer of a successful prune. On failure sets out->error and returns false. */
bool prune_parse(const char *json, size_t len, struct prune_result *out);
void prune_result_free(struct prune_result *r);

/* The filters value prune_run sends, JSON before URL escaping; new string. */
char *prune_filters(enum prune_mode mode, int64_t until);

/* A Go duration as `--filter until=` takes it ("24h", "1h30m", "90m", "2.5h", "45s", "0"),
 * into whole seconds (rounded down). False for anything else (negative, no unit, overflow). */
bool prune_parse_duration(const char *s, int64_t *seconds);

/* "Total reclaimed space: 1.982MB", as docker prints it (HumanSize). Translated; new string. */
char *prune_reclaimed_line(int64_t bytes);

#endif
