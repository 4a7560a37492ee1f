#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "containers.h"
#include "engine.h"
#include "i18n.h"
#include "json.h"
#include "sanitize.h"
#include "xalloc.h"

/* Names carry a leading '/'; legacy links add "/other/alias" entries, which docker ps hides. */
static char *
container_name(const cJSON *item)
{
	const cJSON *names = cJSON_GetObjectItemCaseSensitive(item, "Names");
	const char *first = NULL;
	if (!cJSON_IsArray(names))
		return xstrdup("");
	const cJSON *n;
	cJSON_ArrayForEach(n, names) {
		if (!cJSON_IsString(n))
			continue;
		const char *s = n->valuestring;
		if (*s == '/')
			s++;
		if (!first)
			first = s;
		if (!strchr(s, '/'))
			return sanitize(s);
	}
	return sanitize(first ? first : "");
}

static void
container_from_json(const cJSON *item, struct container *c)
{
	c->id = json_string(item, "Id");
	c->name = container_name(item);
	c->image = json_string(item, "Image");
	c->image_id = json_string(item, "ImageID");
	c->command = json_string(item, "Command");
	c->state = json_string(item, "State");
	c->status = json_string(item, "Status");
	c->created = json_int64(item, "Created");
}

/* The part of an image ID that identifies it: "sha256:" is optional. */
static const char *
id_key(const char *id)
{
	if (!id)
		return "";
	return strncmp(id, "sha256:", 7) == 0 ? id + 7 : id;
}

struct keyed {
	const char *key;
	size_t index;
};

static int
cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	return (a->index > b->index) - (a->index < b->index);
}

static void
index_by_image(struct container_list *list)
{
	size_t n = list->ncontainers;
	list->by_image = xcalloc(n ? n : 1, sizeof(*list->by_image));
	if (n == 0)
		return;
	struct keyed *k = xcalloc(n, sizeof(*k));
	for (size_t i = 0; i < n; i++) {
		k[i].key = id_key(list->containers[i].image_id);
		k[i].index = i;
	}
	qsort(k, n, sizeof(*k), cmp_keyed);
	for (size_t i = 0; i < n; i++)
		list->by_image[i] = k[i].index;
	free(k);
}

static bool
parse_failed(struct container_list *out, char **err)
{
	container_list_free(out);
	*err = xstrdup(_("The engine's container list is not the JSON array expected"));
	return false;
}

bool
containers_parse(const char *json, size_t len, struct container_list *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	cJSON *root = json_parse_whole(json, len);
	if (!cJSON_IsNull(root)) {
		if (!cJSON_IsArray(root)) {
			cJSON_Delete(root);
			return parse_failed(out, err);
		}
		int n = cJSON_GetArraySize(root);
		if (n > 0)
			out->containers = xcalloc((size_t)n, sizeof(*out->containers));
		const cJSON *item;
		cJSON_ArrayForEach(item, root) {
			if (!cJSON_IsObject(item)) {
				cJSON_Delete(root);
				return parse_failed(out, err);
			}
			container_from_json(item, &out->containers[out->ncontainers++]);
		}
	}
	cJSON_Delete(root);
	index_by_image(out);
	return true;
}

void
container_list_free(struct container_list *list)
{
	for (size_t i = 0; i < list->ncontainers; i++) {
		struct container *c = &list->containers[i];
		free(c->id);
		free(c->name);
		free(c->image);
		free(c->image_id);
		free(c->command);
		free(c->state);
		free(c->status);
	}
	free(list->containers);
	free(list->by_image);
	memset(list, 0, sizeof(*list));
}

bool
container_is_running(const struct container *c)
{
	return strcmp(c->state, "running") == 0;
}

/* The first position in by_image whose image is image_id, and in *count how many follow. */
static size_t
image_range(const struct container_list *list, const char *image_id, size_t *count)
{
	*count = 0;
	if (!list->by_image || !image_id || !*id_key(image_id))
		return 0;
	const char *key = id_key(image_id);
	size_t lo = 0, hi = list->ncontainers;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(id_key(list->containers[list->by_image[mid]].image_id), key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < list->ncontainers &&
	       strcmp(id_key(list->containers[list->by_image[end]].image_id), key) == 0)
		end++;
	*count = end - lo;
	return lo;
}

size_t
containers_for_image(const struct container_list *list, const char *image_id,
		     const struct container ***out)
{
	size_t n;
	size_t first = image_range(list, image_id, &n);
	*out = NULL;
	if (n == 0)
		return 0;
	const struct container **v = xcalloc(n, sizeof(*v));
	/* by_image breaks ties on the index, so the range is already in the list's order. */
	for (size_t i = 0; i < n; i++)
		v[i] = &list->containers[list->by_image[first + i]];
	*out = v;
	return n;
}

size_t
containers_count_by_image(const struct container_list *list, const char *image_id,
			  size_t *running)
{
	size_t n;
	size_t first = image_range(list, image_id, &n);
	size_t r = 0;
	for (size_t i = 0; i < n; i++)
		if (container_is_running(&list->containers[list->by_image[first + i]]))
			r++;
	if (running)
		*running = r;
	return n;
}

int
containers_fetch(struct engine *e, struct cancel *c, struct container_list *out, char **err)
{
	struct engine_response r;
	memset(out, 0, sizeof(*out));
	*err = NULL;
	int status = engine_get_ok(e, "/containers/json?all=1", c, &r, err);
	if (status == ENGINE_OK && !containers_parse(r.body, r.len, out, err))
		status = ENGINE_BAD_ANSWER;
	engine_response_free(&r);
	return status;
}
