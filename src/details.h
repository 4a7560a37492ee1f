/* Everything the Details view shows about one image, fetched and parsed off the UI thread:
 * the inspect document (as a foldable tree), the layer history, the tags and digests, and the
 * containers created from it. */
#ifndef BUDU_DETAILS_H
#define BUDU_DETAILS_H

#include <stdbool.h>
#include <stddef.h>

#include "containers.h"
#include "engine.h"
#include "history.h"
#include "jtree.h"

struct details {
	char *image_id;
	struct jtree *tree;		/* NULL when inspect failed: see inspect_error */
	char *inspect_error;
	struct history history;
	char *history_error;		/* NULL on success */
	const struct container **used_by;	/* points into containers, or the list given to
						 * details_use_containers */
	size_t nused_by;
	struct container_list containers;	/* read by details_fetch only when asked */
	char *containers_error;
	char **tags;			/* RepoTags, sanitized */
	size_t ntags;
	char **digests;			/* RepoDigests, sanitized */
	size_t ndigests;
	enum engine_status status;	/* ENGINE_UNREACHABLE/LOST when the engine went away */
};

/* Runs on a worker: GET /images/{id}/json, /images/{id}/history, and with containers
 * /containers/json?all=1 (without: the caller has a list kept current, and gives it to
 * details_use_containers). Each part fails on its own (its *_error says why); never NULL. */
struct details *details_fetch(struct engine *e, const char *image_id, bool containers, struct cancel *c);
/* used_by from list (its containers made from the image), which must outlive that use (the
 * session's, until its next note); NULL: from the list details_fetch read, if any. */
void details_use_containers(struct details *d, const struct container_list *list);
void details_free(struct details *d);

#endif
