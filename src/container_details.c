#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "container_details.h"
#include "engine.h"
#include "i18n.h"
#include "json.h"
#include "sanitize.h"
#include "strv.h"
#include "xalloc.h"

static char **
cells_of(const cJSON *arr, size_t *n)
{
	int count = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
	char **v = xcalloc(count > 0 ? (size_t)count : 1, sizeof(*v));
	size_t k = 0;
	const cJSON *item;
	cJSON_ArrayForEach(item, arr)
		v[k++] = sanitize(cJSON_IsString(item) ? item->valuestring : "");
	*n = k;
	return v;
}

bool
container_top_parse(const char *json, struct container_details *d, char **err)
{
	cJSON *doc = json_parse(json, json ? strlen(json) : 0);
	const cJSON *titles = cJSON_GetObjectItemCaseSensitive(doc, "Titles");
	const cJSON *procs = cJSON_GetObjectItemCaseSensitive(doc, "Processes");
	if (!cJSON_IsArray(titles)) {
		cJSON_Delete(doc);
		*err = xstrdup(_("The engine's answer to top is not what docker sends"));
		return false;
	}
	d->top_titles = cells_of(titles, &d->ntop_titles);
	int n = cJSON_IsArray(procs) ? cJSON_GetArraySize(procs) : 0;
	d->top_rows = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*d->top_rows));
	const cJSON *row;
	cJSON_ArrayForEach(row, procs) {
		size_t cells;
		char **r = cells_of(row, &cells);
		/* Every row as wide as the titles: a short one is padded, a long one cut. */
		r = xrealloc(r, (d->ntop_titles ? d->ntop_titles : 1) * sizeof(*r));
		for (size_t i = cells; i < d->ntop_titles; i++)
			r[i] = xstrdup("");
		for (size_t i = d->ntop_titles; i < cells; i++)
			free(r[i]);
		d->top_rows[d->ntop_rows++] = r;
	}
	cJSON_Delete(doc);
	return true;
}

static int
cmp_change(const void *a, const void *b)
{
	return strcmp(((const struct container_change *)a)->path, ((const struct container_change *)b)->path);
}

bool
container_changes_parse(const char *json, struct container_details *d, char **err)
{
	cJSON *doc = json_parse(json, json ? strlen(json) : 0);
	/* No change at all is `null`, not []. */
	if (!cJSON_IsArray(doc) && !cJSON_IsNull(doc)) {
		cJSON_Delete(doc);
		*err = xstrdup(_("The engine's answer to diff is not what docker sends"));
		return false;
	}
	int n = cJSON_IsArray(doc) ? cJSON_GetArraySize(doc) : 0;
	d->changes = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*d->changes));
	const cJSON *item;
	cJSON_ArrayForEach(item, doc) {
		const cJSON *path = cJSON_GetObjectItemCaseSensitive(item, "Path");
		const cJSON *kind = cJSON_GetObjectItemCaseSensitive(item, "Kind");
		if (!cJSON_IsString(path) || !cJSON_IsNumber(kind))
			continue;
		static const char kinds[] = { 'C', 'A', 'D' };
		int k = kind->valueint;
		struct container_change *c = &d->changes[d->nchanges++];
		c->kind = k >= 0 && k < 3 ? kinds[k] : '?';
		c->path = sanitize(path->valuestring);
	}
	/* The engine's order changes from call to call: sorted, the tab stays still. */
	qsort(d->changes, d->nchanges, sizeof(*d->changes), cmp_change);
	cJSON_Delete(doc);
	return true;
}

/* "80/tcp" before "443/tcp" before "53/udp": by number, then protocol. */
static int
cmp_binding(const void *a, const void *b)
{
	const struct container_binding *x = a, *y = b;
	long px = strtol(x->port, NULL, 10), py = strtol(y->port, NULL, 10);
	if (px != py)
		return px < py ? -1 : 1;
	int c = strcmp(x->port, y->port);
	if (c)
		return c;
	return strcmp(x->host ? x->host : "", y->host ? y->host : "");
}

void
container_bindings_from(const struct jtree *tree, struct container_details *d)
{
	const cJSON *doc = tree ? jtree_doc(tree) : NULL;
	const cJSON *ns = cJSON_GetObjectItemCaseSensitive(doc, "NetworkSettings");
	const cJSON *ports = cJSON_GetObjectItemCaseSensitive(ns, "Ports");
	if (!cJSON_IsObject(ports))
		return;
	size_t cap = 0;
	const cJSON *port;
	cJSON_ArrayForEach(port, ports) {
		int nb = cJSON_IsArray(port) ? cJSON_GetArraySize(port) : 0;
		cap += nb > 0 ? (size_t)nb : 1;
	}
	d->bindings = xcalloc(cap ? cap : 1, sizeof(*d->bindings));
	cJSON_ArrayForEach(port, ports) {
		if (!cJSON_IsArray(port) || cJSON_GetArraySize(port) == 0) {
			d->bindings[d->nbindings++] = (struct container_binding){ sanitize(port->string), NULL };
			continue;
		}
		const cJSON *b;
		cJSON_ArrayForEach(b, port) {
			const cJSON *ip = cJSON_GetObjectItemCaseSensitive(b, "HostIp");
			const cJSON *hp = cJSON_GetObjectItemCaseSensitive(b, "HostPort");
			const char *ips = cJSON_IsString(ip) ? ip->valuestring : "";
			const char *hps = cJSON_IsString(hp) ? hp->valuestring : "";
			/* JoinHostPort: an IPv6 address goes in brackets, as docker port prints it today. */
			char *host = strchr(ips, ':') ? xasprintf("[%s]:%s", ips, hps) : xasprintf("%s:%s", ips, hps);
			d->bindings[d->nbindings++] = (struct container_binding){ sanitize(port->string), sanitize(host) };
			free(host);
		}
	}
	qsort(d->bindings, d->nbindings, sizeof(*d->bindings), cmp_binding);
}

struct container_details *
container_details_fetch(struct engine *e, const char *id, struct cancel *c)
{
	struct container_details *d = xcalloc(1, sizeof(*d));
	d->id = xstrdup(id);
	/* IDs are hex: safe in a path as they are. */
	char *path = xasprintf("/containers/%s/json", id);
	struct engine_response r;
	if (engine_get_ok(e, path, c, &r, &d->inspect_error) == ENGINE_OK) {
		cJSON *doc = json_parse(r.body, r.len);
		if (cJSON_IsObject(doc)) {
			const cJSON *state = cJSON_GetObjectItemCaseSensitive(doc, "State");
			d->running = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(state, "Running"));
			d->tree = jtree_new(doc);
			container_bindings_from(d->tree, d);
		} else {
			cJSON_Delete(doc);
			d->inspect_error = xstrdup(_("The engine's inspect answer is not a JSON object"));
		}
	}
	engine_response_free(&r);
	free(path);

	if (d->running) {
		path = xasprintf("/containers/%s/top", id);
		if (engine_get_ok(e, path, c, &r, &d->top_error) == ENGINE_OK)
			container_top_parse(r.body, d, &d->top_error);
		engine_response_free(&r);
		free(path);
	} else if (!d->inspect_error) {
		d->top_error = xstrdup(_("The container is not running: it has no processes."));
	}

	path = xasprintf("/containers/%s/changes", id);
	if (engine_get_ok(e, path, c, &r, &d->changes_error) == ENGINE_OK)
		container_changes_parse(r.body, d, &d->changes_error);
	engine_response_free(&r);
	free(path);
	return d;
}

void
container_details_free(struct container_details *d)
{
	if (!d)
		return;
	free(d->id);
	jtree_free(d->tree);
	free(d->inspect_error);
	strv_free(d->top_titles, d->ntop_titles);
	for (size_t i = 0; i < d->ntop_rows; i++)
		strv_free(d->top_rows[i], d->ntop_titles);
	free(d->top_rows);
	free(d->top_error);
	for (size_t i = 0; i < d->nchanges; i++)
		free(d->changes[i].path);
	free(d->changes);
	free(d->changes_error);
	for (size_t i = 0; i < d->nbindings; i++) {
		free(d->bindings[i].port);
		free(d->bindings[i].host);
	}
	free(d->bindings);
	free(d);
}
