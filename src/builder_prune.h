/* `docker builder prune [-a]`: the preview (which build cache records POST /build/prune would
 * remove, from GET /system/df's BuildCache, without calling prune) and the prune.
 *
 * The preview follows BuildKit's cache manager as dockerd 20.10 runs it: a record in use never
 * goes; without -a ("dangling" cache) records shared with the image store and records of type
 * internal or frontend stay too. /system/df already counts a record that only its children
 * hold as not in use, and the engine prunes until nothing more goes, so a chain goes whole.
 * The space to expect is the sum of their sizes. */
#ifndef BUDU_BUILDER_PRUNE_H
#define BUDU_BUILDER_PRUNE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "container_prune.h"
#include "system_df.h"

struct builder_prune_preview {
	const struct df_cache **records;	/* into the system_df, in its order */
	size_t nrecords;
	int64_t space;			/* the sum of their sizes */
	size_t nkept;			/* records that stay */
};

/* all: -a. The preview points into df: free it first. */
void builder_prune_preview(const struct system_df *df, bool all, struct builder_prune_preview *out);
void builder_prune_preview_free(struct builder_prune_preview *p);

/* "docker builder prune -f", "docker builder prune -a -f". New string. */
char *builder_prune_command(bool all);

/* POST /build/prune[?all=1] on a worker; the result is a container prune's (CachesDeleted in
 * place of ContainersDeleted; text as `docker builder prune` prints it). */
bool builder_prune_run(struct engine *e, bool all, struct cancel *c, struct container_prune_result *out);

#endif
