#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "container_format.h"
#include "containers.h"
#include "engine.h"
#include "i18n.h"
#include "json.h"
#include "sanitize.h"
#include "satnum.h"
#include "strbuf.h"
#include "strv.h"
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
names_from_json(const cJSON *item, struct container *c)
{
	const cJSON *names = cJSON_GetObjectItemCaseSensitive(item, "Names");
	int n = cJSON_IsArray(names) ? cJSON_GetArraySize(names) : 0;
	struct strbuf joined = STRBUF_INIT;
	if (n > 0)
		c->names = xcalloc((size_t)n, sizeof(*c->names));
	const cJSON *arr = n > 0 ? names : NULL, *name;
	cJSON_ArrayForEach(name, arr) {
		if (!cJSON_IsString(name))
			continue;
		const char *s = name->valuestring;
		char *clean = sanitize(*s == '/' ? s + 1 : s);
		sb_printf(&joined, "%s%s", joined.len ? "," : "", clean);
		c->names[c->nnames++] = clean;
	}
	c->names_joined = sb_detach(&joined);
}

static int
port_number(const cJSON *obj, const char *key)
{
	int64_t v = json_int64(obj, key);
	return v < 0 ? 0 : v > 65535 ? 65535 : (int)v;
}

static void
ports_from_json(const cJSON *item, struct container *c)
{
	const cJSON *ports = cJSON_GetObjectItemCaseSensitive(item, "Ports");
	int n = cJSON_IsArray(ports) ? cJSON_GetArraySize(ports) : 0;
	if (n > 0) {
		c->ports = xcalloc((size_t)n, sizeof(*c->ports));
		const cJSON *p;
		cJSON_ArrayForEach(p, ports) {
			if (!cJSON_IsObject(p))
				continue;
			struct container_port *port = &c->ports[c->nports++];
			port->ip = json_string(p, "IP");
			port->type = json_string(p, "Type");
			port->private_port = port_number(p, "PrivatePort");
			port->public_port = port_number(p, "PublicPort");
		}
	}
	c->ports_text = container_format_ports(c->ports, c->nports);
}

static void
labels_from_json(const cJSON *item, struct container *c)
{
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(item, "Labels");
	int n = cJSON_IsObject(labels) ? cJSON_GetArraySize(labels) : 0;
	if (n <= 0)
		return;
	c->labels = xcalloc((size_t)n, sizeof(*c->labels));
	const cJSON *l;
	cJSON_ArrayForEach(l, labels) {
		struct container_label *label = &c->labels[c->nlabels++];
		label->key = sanitize(l->string);
		label->value = sanitize(cJSON_IsString(l) ? l->valuestring : "");
	}
}

void
container_from_json(const cJSON *item, struct container *c)
{
	c->id = json_string(item, "Id");
	c->name = container_name(item);
	c->image = json_string(item, "Image");
	c->image_id = json_string(item, "ImageID");
	c->command = json_string(item, "Command");
	c->state = json_string(item, "State");
	c->status = json_string(item, "Status");
	c->status_at = (int64_t)time(NULL);
	c->created = json_int64(item, "Created");
	names_from_json(item, c);
	c->image_short = container_format_image(c->image, c->image_id);
	/* From the raw bytes: quoting makes them safe, and sanitizing first would change them. */
	const char *raw = json_raw_string(item, "Command");
	c->command_short = container_format_command(raw, true);
	c->command_quoted = container_format_command(raw, false);
	ports_from_json(item, c);
	labels_from_json(item, c);
	const cJSON *mounts = cJSON_GetObjectItemCaseSensitive(item, "Mounts");
	c->nmounts = cJSON_IsArray(mounts) ? (size_t)cJSON_GetArraySize(mounts) : 0;
	const cJSON *m, *each = cJSON_IsArray(mounts) ? mounts : NULL;
	cJSON_ArrayForEach(m, each) {
		const char *driver = json_raw_string(m, "Driver");
		if (driver && strcmp(driver, "local") == 0)
			c->nlocal_volumes++;
	}
	const cJSON *host = cJSON_GetObjectItemCaseSensitive(item, "HostConfig");
	c->network_mode = json_string(host, "NetworkMode");
	/* SizeRw is left out when 0; SizeRootFs is there whenever size=1 was asked. */
	c->has_size = cJSON_HasObjectItem(item, "SizeRw") || cJSON_HasObjectItem(item, "SizeRootFs");
	c->size_rw = size_nonneg(json_int64(item, "SizeRw"));
	c->size_root_fs = size_nonneg(json_int64(item, "SizeRootFs"));
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

void
containers_index(struct container_list *list)
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
	containers_index(out);
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
		strv_free(c->names, c->nnames);
		free(c->names_joined);
		free(c->image_short);
		free(c->command_short);
		free(c->command_quoted);
		for (size_t p = 0; p < c->nports; p++) {
			free(c->ports[p].ip);
			free(c->ports[p].type);
		}
		free(c->ports);
		free(c->ports_text);
		for (size_t l = 0; l < c->nlabels; l++) {
			free(c->labels[l].key);
			free(c->labels[l].value);
		}
		free(c->labels);
		free(c->network_mode);
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

bool
container_is_paused(const struct container *c)
{
	return strcmp(c->state, "paused") == 0;
}

bool
container_is_stopped(const struct container *c)
{
	return !container_is_running(c) && !container_is_paused(c) &&
	       strcmp(c->state, "restarting") != 0;
}

const struct container *
containers_find(const struct container_list *list, const char *id)
{
	for (size_t i = 0; id && i < list->ncontainers; i++)
		if (strcmp(list->containers[i].id, id) == 0)
			return &list->containers[i];
	return NULL;
}

enum container_event_effect
container_event_effect(const char *action)
{
	static const char *const update[] = {
		"start", "die", "stop", "kill", "restart", "pause", "unpause", "rename", "update", "oom",
	};
	if (!action)
		return CONTAINER_EVENT_IGNORE;
	if (strcmp(action, "create") == 0)
		return CONTAINER_EVENT_ADD;
	if (strcmp(action, "destroy") == 0 || strcmp(action, "remove") == 0)
		return CONTAINER_EVENT_REMOVE;
	if (strcmp(action, "prune") == 0)
		return CONTAINER_EVENT_RELOAD;
	/* "health_status: healthy" (Docker); Podman sends "health_status" alone. */
	if (strncmp(action, "health_status", 13) == 0 && (action[13] == '\0' || action[13] == ':'))
		return CONTAINER_EVENT_UPDATE;
	for (size_t i = 0; i < sizeof(update) / sizeof(update[0]); i++)
		if (strcmp(action, update[i]) == 0)
			return CONTAINER_EVENT_UPDATE;
	return CONTAINER_EVENT_IGNORE;
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
	return containers_fetch_sized(e, false, c, out, err);
}

static int
fetch_path(struct engine *e, const char *path, struct cancel *c, struct container_list *out, char **err)
{
	struct engine_response r;
	memset(out, 0, sizeof(*out));
	*err = NULL;
	int status = engine_get_ok(e, path, c, &r, err);
	if (status == ENGINE_OK && !containers_parse(r.body, r.len, out, err))
		status = ENGINE_BAD_ANSWER;
	engine_response_free(&r);
	return status;
}

int
containers_fetch_sized(struct engine *e, bool size, struct cancel *c, struct container_list *out,
		       char **err)
{
	return fetch_path(e, size ? "/containers/json?all=1&size=1" : "/containers/json?all=1", c, out, err);
}

int
containers_fetch_newest(struct engine *e, int limit, struct cancel *c, struct container_list *out,
			char **err)
{
	char path[64];
	snprintf(path, sizeof(path), "/containers/json?all=1&limit=%d", limit > 0 ? limit : 1);
	return fetch_path(e, path, c, out, err);
}
