/* `docker system df [-v]` (src/system_df.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "container_rows.h"
#include "engine.h"
#include "format.h"
#include "i18n.h"
#include "json.h"
#include "logs.h"
#include "reference.h"
#include "sanitize.h"
#include "satnum.h"
#include "system_df.h"
#include "xalloc.h"

/* go-units' HumanSize: 4 significant digits. */
#define HUMAN_SIZE 4

/* An RFC3339Nano time of the answer into seconds and nanoseconds; false when absent. */
static bool
json_time(const cJSON *obj, const char *key, int64_t *sec, long *nsec)
{
	const char *s = json_raw_string(obj, key);
	char *v = NULL;
	*sec = 0;
	*nsec = 0;
	if (!*s || !logs_time_value(s, 0, &v))
		return false;
	char *dot;
	*sec = strtoll(v, &dot, 10);
	if (*dot == '.')
		*nsec = strtol(dot + 1, NULL, 10);
	free(v);
	return true;
}

static bool
json_bool(const cJSON *obj, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, key));
}

/* A JSON array member, or NULL for null or missing; *bad when it is something else. */
static const cJSON *
member_array(const cJSON *root, const char *key, int *n, bool *bad)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, key);
	*n = 0;
	if (!a || cJSON_IsNull(a))
		return NULL;
	if (!cJSON_IsArray(a)) {
		*bad = true;
		return NULL;
	}
	*n = cJSON_GetArraySize(a);
	return a;
}

static void
parse_images(const cJSON *arr, int n, struct system_df *df)
{
	df->images.images = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*df->images.images));
	df->image_usage = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*df->image_usage));
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item))
			continue;
		size_t i = df->images.nimages++;
		image_from_json(item, &df->images.images[i]);
		df->images.total_size = size_add(df->images.total_size, df->images.images[i].size);
		struct df_image_usage *u = &df->image_usage[i];
		u->virtual_size = json_int64(item, "VirtualSize");
		u->shared_size = json_int64(item, "SharedSize");
		u->containers = json_int64(item, "Containers");
	}
}

static void
parse_containers(const cJSON *arr, int n, struct system_df *df)
{
	struct container_list *l = &df->containers;
	l->containers = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*l->containers));
	const cJSON *item;
	cJSON_ArrayForEach(item, arr)
		if (cJSON_IsObject(item))
			container_from_json(item, &l->containers[l->ncontainers++]);
	containers_index(l);
}

static void
parse_volumes(const cJSON *arr, int n, struct system_df *df)
{
	df->volumes = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*df->volumes));
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item))
			continue;
		struct df_volume *v = &df->volumes[df->nvolumes++];
		v->name = json_string(item, "Name");
		const cJSON *usage = cJSON_GetObjectItemCaseSensitive(item, "UsageData");
		v->has_usage = cJSON_IsObject(usage);
		v->size = json_int64(usage, "Size");
		v->refcount = json_int64(usage, "RefCount");
	}
}

/* The CLI's order (buildCacheSort): never used first, then by last use, then by ID. */
static int
cmp_cache(const void *pa, const void *pb)
{
	const struct df_cache *a = pa, *b = pb;
	if (a->has_last_used != b->has_last_used)
		return a->has_last_used ? 1 : -1;
	if (a->has_last_used && (a->last_used != b->last_used || a->last_used_ns != b->last_used_ns)) {
		if (a->last_used != b->last_used)
			return a->last_used < b->last_used ? -1 : 1;
		return a->last_used_ns < b->last_used_ns ? -1 : 1;
	}
	return strcmp(a->id, b->id);
}

static void
parse_cache(const cJSON *arr, int n, struct system_df *df)
{
	df->cache = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*df->cache));
	const cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsObject(item))
			continue;
		struct df_cache *c = &df->cache[df->ncache++];
		c->id = json_string(item, "ID");
		c->type = json_string(item, "Type");
		c->description = json_string(item, "Description");
		c->size = size_nonneg(json_int64(item, "Size"));
		long ns;
		json_time(item, "CreatedAt", &c->created, &ns);
		c->has_last_used = json_time(item, "LastUsedAt", &c->last_used, &c->last_used_ns);
		c->usage_count = json_int64(item, "UsageCount");
		c->in_use = json_bool(item, "InUse");
		c->shared = json_bool(item, "Shared");
		if (!c->shared)
			df->builder_size = size_add(df->builder_size, c->size);
	}
	qsort(df->cache, df->ncache, sizeof(*df->cache), cmp_cache);
}

bool
system_df_parse(const char *json, size_t len, struct system_df *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	cJSON *root = json_parse_whole(json, len);
	bool bad = !cJSON_IsObject(root);
	int ni = 0, nc = 0, nv = 0, nb = 0;
	const cJSON *images = NULL, *containers = NULL, *volumes = NULL, *cache = NULL;
	if (!bad) {
		images = member_array(root, "Images", &ni, &bad);
		containers = member_array(root, "Containers", &nc, &bad);
		volumes = member_array(root, "Volumes", &nv, &bad);
		cache = member_array(root, "BuildCache", &nb, &bad);
	}
	if (bad) {
		cJSON_Delete(root);
		*err = xstrdup(_("The engine's disk usage is not the JSON object expected"));
		return false;
	}
	out->layers_size = size_nonneg(json_int64(root, "LayersSize"));
	parse_images(images, ni, out);
	parse_containers(containers, nc, out);
	parse_volumes(volumes, nv, out);
	parse_cache(cache, nb, out);
	cJSON_Delete(root);
	return true;
}

void
system_df_free(struct system_df *df)
{
	image_list_free(&df->images);
	free(df->image_usage);
	container_list_free(&df->containers);
	for (size_t i = 0; i < df->nvolumes; i++)
		free(df->volumes[i].name);
	free(df->volumes);
	for (size_t i = 0; i < df->ncache; i++) {
		free(df->cache[i].id);
		free(df->cache[i].type);
		free(df->cache[i].description);
	}
	free(df->cache);
	memset(df, 0, sizeof(*df));
}

/* The engine measures one disk usage at a time and refuses a second asker meanwhile (two
 * contexts naming one engine, checked at once; the Disk panel beside the Hosts checks): 409 from
 * newer engines, 500 "a disk usage operation is already running" from 20.10. The refusal is
 * waited out, up to 60 s (a busy engine on vfs took more than 10 s); x cancels it. */
static bool
df_busy(int status, const struct engine_response *r, const char *err)
{
	return status != ENGINE_OK && r->status == ENGINE_OK &&
	       (r->http_status == 409 || (err && strstr(err, "disk usage operation is already running")));
}

static int
df_get(struct engine *e, const char *path, struct cancel *c, struct engine_response *r, char **err)
{
	int status = engine_get_ok(e, path, c, r, err);
	for (int tries = 0; df_busy(status, r, *err) && tries < 300 && !(c && atomic_load(&c->cancelled));
	     tries++) {
		engine_response_free(r);
		free(*err);
		*err = NULL;
		nanosleep(&(struct timespec){ 0, 200 * 1000 * 1000 }, NULL);
		status = engine_get_ok(e, path, c, r, err);
	}
	return status;
}

int
system_df_fetch(struct engine *e, struct cancel *c, struct system_df *out, char **err)
{
	struct engine_response r;
	memset(out, 0, sizeof(*out));
	int status = df_get(e, "/system/df", c, &r, err);
	if (status == ENGINE_OK && !system_df_parse(r.body, r.len, out, err))
		status = ENGINE_BAD_ANSWER;
	engine_response_free(&r);
	return status;
}

int
system_df_images_size(struct engine *e, struct cancel *c, int64_t *bytes, char **err)
{
	struct engine_response r;
	struct system_df df;
	memset(&df, 0, sizeof(df));
	*bytes = 0;
	/* type=image (API 1.42) spares the engine the sizes of containers and volumes; older
	 * engines ignore the parameter and answer everything */
	int status = df_get(e, "/system/df?type=image", c, &r, err);
	if (status == ENGINE_OK && !system_df_parse(r.body, r.len, &df, err))
		status = ENGINE_BAD_ANSWER;
	if (status == ENGINE_OK)
		*bytes = df.layers_size;
	system_df_free(&df);
	engine_response_free(&r);
	return status;
}

/* ---- the CLI's sums ---------------------------------------------------------------- */

/* What `docker system df` counts as an active container. */
static bool
container_active(const struct container *c)
{
	return strstr(c->state, "running") || strstr(c->state, "paused") || strstr(c->state, "restarting");
}

void
system_df_usage(const struct system_df *df, enum df_table type, struct df_usage *out)
{
	memset(out, 0, sizeof(*out));
	switch (type) {
	case DF_IMAGES: {
		int64_t used = 0;
		out->total = (int64_t)df->images.nimages;
		for (size_t i = 0; i < df->images.nimages; i++) {
			const struct df_image_usage *u = &df->image_usage[i];
			if (u->containers > 0)
				out->active++;
			if (u->containers != 0 && u->virtual_size != -1 && u->shared_size != -1)
				used = size_add(used, sat_sub(u->virtual_size, u->shared_size));
		}
		out->size = df->layers_size;
		out->reclaimable = size_nonneg(sat_sub(df->layers_size, used));
		break;
	}
	case DF_CONTAINERS:
		out->total = (int64_t)df->containers.ncontainers;
		for (size_t i = 0; i < df->containers.ncontainers; i++) {
			const struct container *c = &df->containers.containers[i];
			bool active = container_active(c);
			out->active += active;
			out->size = size_add(out->size, c->size_rw);
			if (!active)
				out->reclaimable = size_add(out->reclaimable, c->size_rw);
		}
		break;
	case DF_VOLUMES:
		out->total = (int64_t)df->nvolumes;
		for (size_t i = 0; i < df->nvolumes; i++) {
			const struct df_volume *v = &df->volumes[i];
			out->active += v->refcount > 0;
			if (v->size == -1)
				continue;
			out->size = size_add(out->size, v->size);
			if (v->refcount == 0)
				out->reclaimable = size_add(out->reclaimable, v->size);
		}
		break;
	case DF_BUILD_CACHE:
		out->total = (int64_t)df->ncache;
		out->size = df->builder_size;
		out->reclaimable = df->builder_size;
		for (size_t i = 0; i < df->ncache; i++) {
			out->active += df->cache[i].in_use;
			if (df->cache[i].in_use && !df->cache[i].shared)
				out->reclaimable = size_nonneg(sat_sub(out->reclaimable, df->cache[i].size));
		}
		break;
	default:
		break;
	}
}

/* ---- rows ------------------------------------------------------------------------- */

static const char *const summary_titles[] = { N_("TYPE"), N_("TOTAL"), N_("ACTIVE"), N_("SIZE"), N_("RECLAIMABLE") };
static const char *const image_titles[] = {
	N_("REPOSITORY"), N_("TAG"), N_("IMAGE ID"), N_("CREATED"), N_("SIZE"), N_("SHARED SIZE"),
	N_("UNIQUE SIZE"), N_("CONTAINERS"),
};
static const char *const container_titles[] = {
	N_("CONTAINER ID"), N_("IMAGE"), N_("COMMAND"), N_("LOCAL VOLUMES"), N_("SIZE"), N_("CREATED"),
	N_("STATUS"), N_("NAMES"),
};
static const char *const volume_titles[] = { N_("VOLUME NAME"), N_("LINKS"), N_("SIZE") };
static const char *const cache_titles[] = {
	N_("CACHE ID"), N_("CACHE TYPE"), N_("SIZE"), N_("CREATED"), N_("LAST USED"), N_("USAGE"), N_("SHARED"),
};

static const struct {
	const char *const *titles;
	int n;
} tables[DF_TABLE_COUNT] = {
#define T(a) { a, (int)(sizeof(a) / sizeof(a[0])) }
	[DF_SUMMARY] = T(summary_titles),
	[DF_IMAGES] = T(image_titles),
	[DF_CONTAINERS] = T(container_titles),
	[DF_VOLUMES] = T(volume_titles),
	[DF_BUILD_CACHE] = T(cache_titles),
#undef T
};

int
system_df_columns(enum df_table t, const char **titles)
{
	for (int i = 0; titles && i < tables[t].n; i++)
		titles[i] = _(tables[t].titles[i]);
	return tables[t].n;
}

size_t
system_df_rows(const struct system_df *df, enum df_table t)
{
	switch (t) {
	case DF_SUMMARY: return 4;
	case DF_IMAGES: return df->images.nimages;
	case DF_CONTAINERS: return df->containers.ncontainers;
	case DF_VOLUMES: return df->nvolumes;
	case DF_BUILD_CACHE: return df->ncache;
	default: return 0;
	}
}

/* Cell k of out, written with printf into its buffer. */
static void __attribute__((format(printf, 3, 4)))
cellf(struct df_row *out, int k, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out->buf[k], DF_CELL_MAX, fmt, ap);
	va_end(ap);
	out->cell[k] = out->buf[k];
}

static void
cell_size(struct df_row *out, int k, int64_t bytes, int precision)
{
	format_size_prec(out->buf[k], DF_CELL_MAX, (double)bytes, precision);
	out->cell[k] = out->buf[k];
}

static void
cell_age(struct df_row *out, int k, int64_t now, int64_t when)
{
	format_created(out->buf[k], DF_CELL_MAX, now, when);
	out->cell[k] = out->buf[k];
}

/* part * 100 / whole as Go's int64 arithmetic gives it, without the overflow of part * 100. */
static int64_t
percent(int64_t part, int64_t whole)
{
	if (part <= INT64_MAX / 100)
		return part * 100 / whole;
	return (int64_t)((double)part / (double)whole * 100.0);
}

static void
summary_row(const struct system_df *df, size_t i, struct df_row *out)
{
	static const char *const types[] = { N_("Images"), N_("Containers"), N_("Local Volumes"), N_("Build Cache") };
	enum df_table type = (enum df_table)(DF_IMAGES + i);
	struct df_usage u;
	system_df_usage(df, type, &u);
	out->cell[0] = _(types[i]);
	cellf(out, 1, "%lld", (long long)u.total);
	cellf(out, 2, "%lld", (long long)u.active);
	cell_size(out, 3, u.size, HUMAN_SIZE);
	char rec[32];
	format_size_prec(rec, sizeof(rec), (double)u.reclaimable, HUMAN_SIZE);
	if (type != DF_BUILD_CACHE && u.size > 0)
		cellf(out, 4, "%s (%lld%%)", rec, (long long)percent(u.reclaimable, u.size));
	else
		cellf(out, 4, "%s", rec);
}

static void
image_row(const struct system_df *df, size_t i, int64_t now, struct df_row *out)
{
	const struct image *im = &df->images.images[i];
	const struct df_image_usage *u = &df->image_usage[i];
	char *repo = NULL, *tag = NULL;
	/* Only the first tag; an image known only by digest is <none> <none> too. */
	if (im->ntags)
		reference_split_repo_tag(im->tags[0], &repo, &tag);
	cellf(out, 0, "%s", repo ? repo : "<none>");
	cellf(out, 1, "%s", tag ? tag : "<none>");
	free(repo);
	free(tag);
	format_short_id(out->buf[2], DF_CELL_MAX, im->id);
	out->cell[2] = out->buf[2];
	cell_age(out, 3, now, im->created);
	cell_size(out, 4, u->virtual_size, HUMAN_SIZE);
	if (u->shared_size == -1)
		out->cell[5] = out->cell[6] = _("N/A");
	else
		cell_size(out, 5, u->shared_size, HUMAN_SIZE);
	if (u->shared_size != -1 && u->virtual_size != -1)
		cell_size(out, 6, u->virtual_size - u->shared_size, HUMAN_SIZE);
	else
		out->cell[6] = _("N/A");
	if (u->containers == -1)
		out->cell[7] = _("N/A");
	else
		cellf(out, 7, "%lld", (long long)u->containers);
}

static void
container_row(const struct system_df *df, size_t i, int64_t now, struct df_row *out)
{
	const struct container *c = &df->containers.containers[i];
	/* The cells docker ps prints, but SIZE without the virtual size. */
	static const int same[] = {
		CONTAINER_COL_ID, CONTAINER_COL_IMAGE, CONTAINER_COL_COMMAND, -1, -1,
		CONTAINER_COL_CREATED, CONTAINER_COL_STATUS, CONTAINER_COL_NAMES,
	};
	for (int k = 0; k < 8; k++)
		if (same[k] >= 0)
			out->cell[k] = container_cell(c, (enum container_column)same[k], false, now, out->buf[k], DF_CELL_MAX);
	cellf(out, 3, "%zu", c->nlocal_volumes);
	cell_size(out, 4, c->size_rw, 3);
}

static void
volume_row(const struct system_df *df, size_t i, struct df_row *out)
{
	const struct df_volume *v = &df->volumes[i];
	out->cell[0] = v->name;
	if (!v->has_usage) {
		out->cell[1] = out->cell[2] = _("N/A");
		return;
	}
	cellf(out, 1, "%lld", (long long)v->refcount);
	cell_size(out, 2, v->size, HUMAN_SIZE);
}

static void
cache_row(const struct system_df *df, size_t i, int64_t now, struct df_row *out)
{
	const struct df_cache *c = &df->cache[i];
	char id[16];
	format_short_id(id, sizeof(id), c->id);
	cellf(out, 0, "%s%s", id, c->in_use ? "*" : "");
	out->cell[1] = c->type;
	cell_size(out, 2, c->size, 3);
	cell_age(out, 3, now, c->created);
	if (c->has_last_used)
		cell_age(out, 4, now, c->last_used);
	else
		out->cell[4] = "";
	cellf(out, 5, "%lld", (long long)c->usage_count);
	out->cell[6] = c->shared ? "true" : "false";
}

void
system_df_row(const struct system_df *df, enum df_table t, size_t i, int64_t now, struct df_row *out)
{
	for (int k = 0; k < DF_MAX_COLUMNS; k++)
		out->cell[k] = "";
	switch (t) {
	case DF_SUMMARY: summary_row(df, i, out); break;
	case DF_IMAGES: image_row(df, i, now, out); break;
	case DF_CONTAINERS: container_row(df, i, now, out); break;
	case DF_VOLUMES: volume_row(df, i, out); break;
	case DF_BUILD_CACHE: cache_row(df, i, now, out); break;
	default: break;
	}
}

void
system_df_caption(const struct system_df *df, enum df_table t, char *buf, size_t n)
{
	char size[32];
	switch (t) {
	case DF_IMAGES: snprintf(buf, n, "%s", _("Images space usage:")); break;
	case DF_CONTAINERS: snprintf(buf, n, "%s", _("Containers space usage:")); break;
	case DF_VOLUMES: snprintf(buf, n, "%s", _("Local Volumes space usage:")); break;
	case DF_BUILD_CACHE:
		format_size_prec(size, sizeof(size), (double)df->builder_size, HUMAN_SIZE);
		snprintf(buf, n, _("Build cache usage: %s"), size);
		break;
	default: snprintf(buf, n, "%s", ""); break;
	}
}
