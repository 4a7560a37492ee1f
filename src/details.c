#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "details.h"
#include "i18n.h"
#include "json.h"
#include "sanitize.h"
#include "strv.h"
#include "xalloc.h"

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
details_fetch(struct engine *e, const char *image_id, bool containers, struct cancel *c)
{
	struct details *d = xcalloc(1, sizeof(*d));
	d->image_id = xstrdup(image_id);
	d->status = ENGINE_OK;
	/* IDs are "sha256:<hex>": safe in a path as they are. */
	char *path = xasprintf("/images/%s/json", image_id);
	struct engine_response r;
	int status = engine_get_ok(e, path, c, &r, &d->inspect_error);
	free(path);
	if (status == ENGINE_OK) {
		cJSON *doc = json_parse(r.body, r.len);
		if (cJSON_IsObject(doc)) {
			d->tags = string_array(doc, "RepoTags", &d->ntags);
			d->digests = string_array(doc, "RepoDigests", &d->ndigests);
			d->tree = jtree_new(doc);
		} else {
			cJSON_Delete(doc);
			d->inspect_error = xstrdup(_("The engine's inspect answer is not a JSON object"));
		}
	} else if (status != ENGINE_BAD_ANSWER) {
		d->status = (enum engine_status)status;	/* the engine went away */
	}
	engine_response_free(&r);

	path = xasprintf("/images/%s/history", image_id);
	if (engine_get_ok(e, path, c, &r, &d->history_error) == ENGINE_OK)
		history_parse(r.body, r.len, &d->history, &d->history_error);
	free(path);
	engine_response_free(&r);

	if (containers && containers_fetch(e, c, &d->containers, &d->containers_error) == ENGINE_OK)
		details_use_containers(d, NULL);
	return d;
}

void
details_use_containers(struct details *d, const struct container_list *list)
{
	free(d->used_by);
	d->used_by = NULL;
	d->nused_by = 0;
	if (list) {
		free(d->containers_error);	/* a list is there now */
		d->containers_error = NULL;
	}
	d->nused_by = containers_for_image(list ? list : &d->containers, d->image_id, &d->used_by);
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
	strv_free(d->tags, d->ntags);
	strv_free(d->digests, d->ndigests);
	free(d);
}
