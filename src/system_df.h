/* `docker system df [-v]`: GET /system/df parsed, and the rows the docker CLI (20.10) prints
 * for it: the summary (TYPE TOTAL ACTIVE SIZE RECLAIMABLE) and the four verbose tables.
 *
 * The engine only measures; the CLI does the sums, so budu follows its rules
 * (cli/command/formatter/disk_usage.go of 20.10):
 *  - Images: TOTAL counts the images, ACTIVE those with Containers > 0, SIZE is LayersSize,
 *    RECLAIMABLE is LayersSize minus the unique size (VirtualSize - SharedSize) of the active
 *    images, "N (P%)" with P = reclaimable * 100 / size rounded down;
 *  - Containers: ACTIVE are running, paused or restarting; SIZE sums SizeRw; the inactive
 *    ones' SizeRw is reclaimable;
 *  - Local Volumes: ACTIVE have RefCount > 0; sizes of -1 (not measured) are left out; the
 *    unreferenced ones are reclaimable;
 *  - Build Cache: TOTAL counts the records, ACTIVE those in use; SIZE sums the records that
 *    are not shared; RECLAIMABLE is that minus what is in use and not shared, without a
 *    percentage.
 * Sizes are go-units' HumanSize (4 digits: "1.982MB") except the per-row sizes the CLI prints
 * with 3 (containers' and build cache records' SIZE).
 *
 * Cost: the engine walks every container's layer, every volume and the layer store for one
 * answer, seconds on a big host: fetch on demand only. Parsing runs on a worker; the result is
 * read-only (any thread). Every string is sanitized. No curses. */
#ifndef BUDU_SYSTEM_DF_H
#define BUDU_SYSTEM_DF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "containers.h"
#include "images.h"

/* What /system/df adds to an image of the list. */
struct df_image_usage {
	int64_t virtual_size;	/* VirtualSize: the SIZE column */
	int64_t shared_size;	/* SharedSize; -1 when the engine did not compute it */
	int64_t containers;	/* containers using it; -1 when not computed */
};

struct df_volume {
	char *name;
	bool has_usage;		/* UsageData was sent */
	int64_t size;		/* UsageData.Size; -1: not measured */
	int64_t refcount;	/* UsageData.RefCount */
};

struct df_cache {
	char *id;
	char *type;		/* "regular", "source.local", "exec.cachemount", "internal", "frontend"... */
	char *description;
	int64_t size;
	int64_t created;	/* Unix seconds */
	int64_t last_used;	/* Unix seconds; valid when has_last_used */
	long last_used_ns;	/* and nanoseconds: the CLI sorts by the exact time */
	bool has_last_used;
	int64_t usage_count;
	bool in_use, shared;
};

struct system_df {
	int64_t layers_size;
	struct image_list images;	/* the engine's order */
	struct df_image_usage *image_usage;	/* one per image */
	struct container_list containers;	/* with sizes (SizeRw) */
	struct df_volume *volumes;
	size_t nvolumes;
	struct df_cache *cache;		/* as the CLI sorts it: last used (never first), then ID */
	size_t ncache;
	int64_t builder_size;		/* the CLI's: the records that are not shared */
};

/* Parses the body of GET /system/df (API 1.41 to 1.51: Images, Containers, Volumes,
 * BuildCache; null arrays are empty). On failure returns false with a translated *err. */
bool system_df_parse(const char *json, size_t len, struct system_df *out, char **err);
void system_df_free(struct system_df *df);

struct engine;
struct cancel;
/* GET /system/df and parse it, on a worker. ENGINE_OK with *out filled, else the failure with
 * a translated *err (caller frees). An engine busy measuring for another asker is waited out
 * (up to 60 s; c cancels), here and in system_df_images_size. */
int system_df_fetch(struct engine *e, struct cancel *c, struct system_df *out, char **err);

/* What `docker system df` prints as the images' SIZE (LayersSize: shared layers counted once),
 * from GET /system/df?type=image, on a worker. ENGINE_OK with *bytes, else the failure with a
 * translated *err (caller frees). */
int system_df_images_size(struct engine *e, struct cancel *c, int64_t *bytes, char **err);

/* The tables budu draws: the summary, then the verbose ones, as `docker system df -v` prints
 * them one after the other. */
enum df_table {
	DF_SUMMARY,		/* TYPE TOTAL ACTIVE SIZE RECLAIMABLE: 4 rows */
	DF_IMAGES,		/* REPOSITORY TAG IMAGE ID CREATED SIZE SHARED SIZE UNIQUE SIZE CONTAINERS */
	DF_CONTAINERS,		/* CONTAINER ID IMAGE COMMAND LOCAL VOLUMES SIZE CREATED STATUS NAMES */
	DF_VOLUMES,		/* VOLUME NAME LINKS SIZE */
	DF_BUILD_CACHE,		/* CACHE ID CACHE TYPE SIZE CREATED LAST USED USAGE SHARED */
	DF_TABLE_COUNT
};

#define DF_MAX_COLUMNS 8
#define DF_CELL_MAX 64

/* One row's cells. Each points into the system_df or into buf; valid while both live. */
struct df_row {
	const char *cell[DF_MAX_COLUMNS];
	char buf[DF_MAX_COLUMNS][DF_CELL_MAX];
};

/* Columns of table t, and their translated headers into titles (may be NULL). */
int system_df_columns(enum df_table t, const char **titles);
/* Rows of table t. */
size_t system_df_rows(const struct system_df *df, enum df_table t);
/* Row i of table t, ages taken at now (Unix seconds: the CLI uses its own clock). */
void system_df_row(const struct system_df *df, enum df_table t, size_t i, int64_t now, struct df_row *out);
/* The line docker prints above a verbose table: "Images space usage:", ..., "Build cache
 * usage: 0B". Translated; into buf. */
void system_df_caption(const struct system_df *df, enum df_table t, char *buf, size_t n);

/* The sums of one summary row (type DF_IMAGES to DF_BUILD_CACHE), as the CLI computes them. */
struct df_usage {
	int64_t total, active, size, reclaimable;
};
void system_df_usage(const struct system_df *df, enum df_table type, struct df_usage *out);

#endif
