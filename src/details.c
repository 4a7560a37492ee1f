#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "details.h"
#include "i18n.h"
#include "sanitize.h"
#include "xalloc.h"

static char *
failure(const struct engine_response *r)
{
	return xstrdup(r->error ? r->error : _("The engine did not answer"));
}

static char **
string_array(const cJSON *doc, const char *key, size_t *n)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(doc, key);
	int count = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
	char **v = count > 0 ? xcalloc((size_t)count, sizeof(*v)) : NULL;
	size_t k = 0;
	const cJSON *item;
	cJSON_ArrayForEach(item, arr)
		if (cJSON_IsString(item))
			v[k++] = sanitize(item->valuestring);
	*n = k;
	return v;
}

struct details *
details_fetch(struct engine *e, const char *image_id, struct cancel *c)
{
	struct details *d = xcalloc(1, sizeof(*d));
	d->image_id = xstrdup(image_id);
	d->status = ENGINE_OK;
	/* IDs are "sha256:<hex>": safe in a path as they are. */
	char *path = xasprintf("/images/%s/json", image_id);
	struct engine_response r = engine_request(e, "GET", path, NULL, c);
	free(path);
	if (r.status == ENGINE_OK && r.http_status == 200) {
		cJSON *doc = cJSON_ParseWithLength(r.body, r.len);
		if (cJSON_IsObject(doc)) {
			d->tags = string_array(doc, "RepoTags", &d->ntags);
			d->digests = string_array(doc, "RepoDigests", &d->ndigests);
			d->tree = jtree_new(doc);
		} else {
			cJSON_Delete(doc);
			d->inspect_error = xstrdup(_("The engine's inspect answer is not a JSON object"));
		}
	} else {
		d->inspect_error = failure(&r);
		d->status = r.status;
	}
	engine_response_free(&r);

	path = xasprintf("/images/%s/history", image_id);
	r = engine_request(e, "GET", path, NULL, c);
	free(path);
	if (r.status == ENGINE_OK && r.http_status == 200)
		history_parse(r.body, r.len, &d->history, &d->history_error);
	else
		d->history_error = failure(&r);
	engine_response_free(&r);

	r = engine_request(e, "GET", "/containers/json?all=1", NULL, c);
	if (r.status == ENGINE_OK && r.http_status == 200) {
		if (containers_parse(r.body, r.len, &d->containers, &d->containers_error))
			d->nused_by = containers_for_image(&d->containers, image_id, &d->used_by);
	} else {
		d->containers_error = failure(&r);
	}
	engine_response_free(&r);
	return d;
}

static void
free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
details_free(struct details *d)
{
	if (!d)
		return;
	free(d->image_id);
	jtree_free(d->tree);
	free(d->inspect_error);
	history_free(&d->history);
	free(d->history_error);
	free(d->used_by);
	container_list_free(&d->containers);
	free(d->containers_error);
	free_strings(d->tags, d->ntags);
	free_strings(d->digests, d->ndigests);
	free(d);
}
