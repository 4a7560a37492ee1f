/* Event-driven edits of the image and container lists: see list_patch.h. Cost: a put or a
 * drop is one pass over the list (10,000 images: well under a millisecond); the fetches are
 * one small request each (an image's inspect document; the containers' rows in one list
 * request filtered by ID), against a full list's ~0.6 s of the engine's CPU at 10,000 images. */
#include "config.h"

#include <stdio.h>
#include <sys/types.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "engine.h"
#include "i18n.h"
#include "json.h"
#include "list_patch.h"
#include "logs.h"
#include "satnum.h"
#include "strbuf.h"
#include "strv.h"
#include "xalloc.h"

/* ---- the fetches ------------------------------------------------------------------ */

bool
image_from_inspect(const char *json, size_t len, struct image *im)
{
	memset(im, 0, sizeof(*im));
	cJSON *doc = json_parse_whole(json, len);
	if (!cJSON_IsObject(doc) || !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(doc, "Id"))) {
		cJSON_Delete(doc);
		return false;
	}
	/* The list's names for two fields: ParentId (inspect: Parent) and Created in Unix seconds
	 * (inspect: RFC 3339 with nanoseconds; the list truncates to the second). */
	const char *parent = json_raw_string(doc, "Parent");
	cJSON_AddItemToObject(doc, "ParentId", cJSON_CreateString(parent ? parent : ""));
	const char *created = json_raw_string(doc, "Created");
	char *secs = NULL;
	long long t = 0;
	if (created && logs_time_value(created, 0, &secs))
		t = strtoll(secs, NULL, 10);
	free(secs);
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "Created");
	cJSON_AddItemToObject(doc, "Created", cJSON_CreateNumber((double)t));
	image_from_json(doc, im);
	cJSON_Delete(doc);
	return true;
}

int
image_fetch_one(struct engine *e, const char *key, struct cancel *c, struct image *im, bool *gone,
		char **err)
{
	memset(im, 0, sizeof(*im));
	*gone = false;
	*err = NULL;
	char *k = engine_escape(key);
	char *path = xasprintf("/images/%s/json", k);
	free(k);
	struct engine_response r;
	int status = engine_get_ok(e, path, c, &r, err);
	free(path);
	if (status != ENGINE_OK) {
		*gone = r.status == ENGINE_OK && r.http_status == 404;
	} else if (!image_from_inspect(r.body, r.len, im)) {
		status = ENGINE_BAD_ANSWER;
		*err = xstrdup(_("The engine's answer is not the JSON expected"));
	}
	engine_response_free(&r);
	return status;
}

int
containers_fetch_ids(struct engine *e, char *const *ids, size_t n, struct cancel *c,
		     struct container_list *out, char **err)
{
	/* IDs are hex digits (live.c takes no other), so they need no JSON escaping. */
	struct strbuf f = { 0 };
	sb_puts(&f, "{\"id\":[");
	for (size_t i = 0; i < n; i++)
		sb_printf(&f, "%s\"%s\"", i ? "," : "", ids[i]);
	sb_puts(&f, "]}");
	char *json = sb_detach(&f);
	char *esc = engine_escape(json);
	free(json);
	char *path = xasprintf("/containers/json?all=1&filters=%s", esc);
	free(esc);
	struct engine_response r;
	memset(out, 0, sizeof(*out));
	*err = NULL;
	int status = engine_get_ok(e, path, c, &r, err);
	free(path);
	if (status == ENGINE_OK && !containers_parse(r.body, r.len, out, err))
		status = ENGINE_BAD_ANSWER;
	engine_response_free(&r);
	return status;
}

/* ---- garbage ---------------------------------------------------------------------- */

static void
keep_array(struct list_garbage *g, void *array)
{
	g->arrays = xrealloc(g->arrays, (g->narrays + 1) * sizeof(*g->arrays));
	g->arrays[g->narrays++] = array;
}

static void
keep_image(struct list_garbage *g, const struct image *im)
{
	struct image_list *l = &g->images;
	l->images = xrealloc(l->images, (l->nimages + 1) * sizeof(*l->images));
	l->images[l->nimages++] = *im;
}

static void
keep_container(struct list_garbage *g, const struct container *c)
{
	struct container_list *l = &g->containers;
	l->containers = xrealloc(l->containers, (l->ncontainers + 1) * sizeof(*l->containers));
	l->containers[l->ncontainers++] = *c;
}

void
list_garbage_free(struct list_garbage *g)
{
	image_list_free(&g->images);
	container_list_free(&g->containers);
	for (size_t i = 0; i < g->narrays; i++)
		free(g->arrays[i]);
	free(g->arrays);
	memset(g, 0, sizeof(*g));
}

/* ---- images ----------------------------------------------------------------------- */

static const char *
id_key(const char *id)
{
	return id && strncmp(id, "sha256:", 7) == 0 ? id + 7 : (id ? id : "");
}

static ssize_t
image_index(const struct image_list *list, const char *id)
{
	const char *k = id_key(id);
	for (size_t i = 0; i < list->nimages; i++)
		if (strcmp(id_key(list->images[i].id), k) == 0)
			return (ssize_t)i;
	return -1;
}

static void
recount(struct image_list *list)
{
	list->total_size = 0;
	for (size_t i = 0; i < list->nimages; i++)
		list->total_size = size_add(list->total_size, list->images[i].size);
}

void
image_list_edit_begin(struct image_list *list, struct list_garbage *g)
{
	struct image *copy = xcalloc(list->nimages + 1, sizeof(*copy));
	if (list->nimages)
		memcpy(copy, list->images, list->nimages * sizeof(*copy));
	keep_array(g, list->images);
	list->images = copy;
}

static void
remove_at(struct image_list *list, size_t i)
{
	memmove(&list->images[i], &list->images[i + 1], (list->nimages - i - 1) * sizeof(list->images[0]));
	list->nimages--;
}

bool
image_list_drop(struct image_list *list, const char *id, struct list_garbage *g)
{
	ssize_t i = image_index(list, id);
	if (i < 0)
		return false;
	keep_image(g, &list->images[i]);
	remove_at(list, (size_t)i);
	recount(list);
	return true;
}

static bool
has_child(const struct image_list *list, const char *id)
{
	const char *k = id_key(id);
	for (size_t i = 0; i < list->nimages; i++)
		if (*k && strcmp(id_key(list->images[i].parent_id), k) == 0)
			return true;
	return false;
}

/* Gives the image at i a copy of itself without the tags of im (the rows of the old one may
 * still read it). */
static void
take_tags(struct image_list *list, size_t i, const struct image *im, struct list_garbage *g)
{
	struct image *o = &list->images[i];
	size_t hits = 0;
	for (size_t t = 0; t < o->ntags; t++)
		for (size_t u = 0; u < im->ntags; u++)
			hits += strcmp(o->tags[t], im->tags[u]) == 0;
	if (!hits)
		return;
	struct image n = *o;
	n.id = xstrdup(o->id);
	n.parent_id = xstrdup(o->parent_id ? o->parent_id : "");
	n.tags = xcalloc(o->ntags + 1, sizeof(*n.tags));
	n.ntags = 0;
	for (size_t t = 0; t < o->ntags; t++) {
		bool moved = false;
		for (size_t u = 0; u < im->ntags && !moved; u++)
			moved = strcmp(o->tags[t], im->tags[u]) == 0;
		if (!moved)
			n.tags[n.ntags++] = xstrdup(o->tags[t]);
	}
	n.digests = xcalloc(o->ndigests + 1, sizeof(*n.digests));
	for (size_t d = 0; d < o->ndigests; d++)
		n.digests[d] = xstrdup(o->digests[d]);
	keep_image(g, o);
	*o = n;
}

void
image_list_put(struct image_list *list, struct image *im, bool all, struct list_garbage *g)
{
	for (size_t i = 0; i < list->nimages; i++)
		if (strcmp(id_key(list->images[i].id), id_key(im->id)) != 0)
			take_tags(list, i, im, g);
	/* Intermediate images (bare, with a child listed) are not listed without -a. */
	if (!all) {
		for (size_t i = 0; i < list->nimages;) {
			struct image *o = &list->images[i];
			if (!o->ntags && !o->ndigests && has_child(list, o->id)) {
				keep_image(g, o);
				remove_at(list, i);
			} else {
				i++;
			}
		}
	}
	ssize_t at = image_index(list, im->id);
	if (!all && !im->ntags && !im->ndigests && has_child(list, im->id)) {
		if (at >= 0) {
			keep_image(g, &list->images[at]);
			remove_at(list, (size_t)at);
		}
		keep_image(g, im);
	} else if (at >= 0) {
		keep_image(g, &list->images[at]);
		list->images[at] = *im;
	} else {
		/* the array has room for one more: edit_begin, and each put after, leave it */
		size_t pos = 0;
		while (pos < list->nimages && list->images[pos].created >= im->created)
			pos++;
		memmove(&list->images[pos + 1], &list->images[pos], (list->nimages - pos) * sizeof(*im));
		list->images[pos] = *im;
		list->nimages++;
		list->images = xrealloc(list->images, (list->nimages + 1) * sizeof(*im));
	}
	memset(im, 0, sizeof(*im));
	recount(list);
}

/* ---- containers ------------------------------------------------------------------- */

static ssize_t
container_index(const struct container_list *list, const char *id)
{
	for (size_t i = 0; id && i < list->ncontainers; i++)
		if (strcmp(list->containers[i].id, id) == 0)
			return (ssize_t)i;
	return -1;
}

void
container_list_edit_begin(struct container_list *list, struct list_garbage *g)
{
	struct container *copy = xcalloc(list->ncontainers + 1, sizeof(*copy));
	if (list->ncontainers)
		memcpy(copy, list->containers, list->ncontainers * sizeof(*copy));
	keep_array(g, list->containers);
	keep_array(g, list->by_image);
	list->by_image = NULL;
	list->containers = copy;
}

void
container_list_put(struct container_list *list, struct container *c, struct list_garbage *g)
{
	ssize_t at = container_index(list, c->id);
	if (at >= 0) {
		keep_container(g, &list->containers[at]);
		list->containers[at] = *c;
	} else {
		size_t pos = 0;
		while (pos < list->ncontainers && list->containers[pos].created >= c->created)
			pos++;
		memmove(&list->containers[pos + 1], &list->containers[pos],
			(list->ncontainers - pos) * sizeof(*c));
		list->containers[pos] = *c;
		list->ncontainers++;
		list->containers = xrealloc(list->containers, (list->ncontainers + 1) * sizeof(*c));
	}
	memset(c, 0, sizeof(*c));
}

bool
container_list_drop(struct container_list *list, const char *id, struct list_garbage *g)
{
	ssize_t at = container_index(list, id);
	if (at < 0)
		return false;
	keep_container(g, &list->containers[at]);
	memmove(&list->containers[at], &list->containers[at + 1],
		(list->ncontainers - (size_t)at - 1) * sizeof(list->containers[0]));
	list->ncontainers--;
	return true;
}

void
container_list_edit_end(struct container_list *list, struct list_garbage *g)
{
	(void)g;
	free(list->by_image);
	containers_index(list);
}
