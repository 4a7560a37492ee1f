#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "engine.h"
#include "format.h"
#include "history.h"
#include "i18n.h"
#include "image_layers.h"
#include "json.h"
#include "satnum.h"
#include "xalloc.h"

/* The diff ID of a layer that changes nothing (an empty tar): its size is 0. */
static const char EMPTY_TAR[] = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

void
layer_chain_ids(const char *const *diff_ids, size_t n, char (*chain)[LAYER_ID_SIZE])
{
	for (size_t i = 0; i < n; i++) {
		if (i == 0) {
			snprintf(chain[0], LAYER_ID_SIZE, "%s", diff_ids[0]);
			continue;
		}
		char buf[2 * LAYER_ID_SIZE + 8];
		int len = snprintf(buf, sizeof(buf), "%s %s", chain[i - 1], diff_ids[i]);
		unsigned char md[EVP_MAX_MD_SIZE];
		unsigned int mdlen = 0;
		EVP_Digest(buf, (size_t)len, md, &mdlen, EVP_sha256(), NULL);
		char *p = chain[i] + snprintf(chain[i], LAYER_ID_SIZE, "sha256:");
		for (unsigned int k = 0; k < mdlen && k < 32; k++, p += 2)
			snprintf(p, 3, "%02x", md[k]);
	}
}

/* A step that only sets metadata (no layer), by the way the classic builder and BuildKit write
 * CreatedBy. */
static bool
metadata_step(const char *by)
{
	static const char *const meta[] = {
		"ENV ", "CMD ", "LABEL ", "EXPOSE ", "ENTRYPOINT ", "USER ", "ARG ", "VOLUME ",
		"STOPSIGNAL ", "HEALTHCHECK ", "SHELL ", "ONBUILD ", "MAINTAINER ",
	};
	const char *nop = strstr(by, "#(nop) ");
	if (nop) {
		nop += strlen("#(nop) ");
		while (*nop == ' ')
			nop++;
		return strncmp(nop, "ADD ", 4) != 0 && strncmp(nop, "COPY ", 5) != 0;
	}
	for (size_t i = 0; i < sizeof(meta) / sizeof(meta[0]); i++)
		if (strncmp(by, meta[i], strlen(meta[i])) == 0)
			return true;
	return false;
}

/* Which steps made the layers: the history's steps (newest first) against n layers. Sets the
 * sizes of out->layers and returns whether they are settled. */
static bool
assign_sizes(const struct history *h, const char *const *diff, size_t n, int64_t size, struct layer *out)
{
	size_t m = h->nrows, k = 0, maybe = 0, z = 0;
	for (size_t i = 0; i < m; i++) {
		if (h->rows[i].size > 0)
			k++;
		else if (!metadata_step(h->rows[i].created_by))
			maybe++;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(diff[i], EMPTY_TAR) == 0)
			z++;
	size_t j = 0;
	if (k == n || k + maybe == n) {
		/* Every step with a size made a layer (and, when needed, every zero step that is not
		 * metadata): oldest first. */
		bool zeros = k != n;
		for (size_t i = m; i-- > 0;)
			if (h->rows[i].size > 0 || (zeros && !metadata_step(h->rows[i].created_by)))
				out[j++].size = h->rows[i].size;
	} else if (k == n - z) {
		/* The empty layers are the empty tars; the others take the sized steps in order. */
		size_t i = m;
		for (j = 0; j < n; j++) {
			if (strcmp(diff[j], EMPTY_TAR) == 0)
				continue;
			while (i > 0 && h->rows[i - 1].size <= 0)
				i--;
			out[j].size = h->rows[--i].size;
		}
	} else if (n == 1 && size >= 0) {
		out[0].size = size;	/* one layer: the whole image */
	} else {
		return false;
	}
	int64_t sum = 0;
	for (j = 0; j < n; j++)
		sum = sat_add(sum, out[j].size);
	return size < 0 || sum == size;
}

bool
image_layers_parse(const char *inspect, size_t ilen, const char *history, size_t hlen, int64_t size,
		   struct image_layers *out, char **err)
{
	memset(out, 0, sizeof(*out));
	cJSON *root = json_parse(inspect, ilen);
	const cJSON *rootfs = cJSON_GetObjectItemCaseSensitive(root, "RootFS");
	const cJSON *layers = cJSON_GetObjectItemCaseSensitive(rootfs, "Layers");
	if (!cJSON_IsObject(root) || (layers && !cJSON_IsArray(layers) && !cJSON_IsNull(layers))) {
		cJSON_Delete(root);
		*err = xstrdup(_("The engine's image inspect is not the JSON object expected"));
		return false;
	}
	struct history h;
	if (!history_parse(history, hlen, &h, err)) {
		cJSON_Delete(root);
		return false;
	}
	size_t n = 0;
	const char **diff = xcalloc((size_t)cJSON_GetArraySize(layers) + 1, sizeof(*diff));
	const cJSON *d;
	cJSON_ArrayForEach(d, layers) {
		if (cJSON_IsString(d) && strlen(d->valuestring) < LAYER_ID_SIZE)
			diff[n++] = d->valuestring;
	}
	out->n = n;
	out->layers = xcalloc(n ? n : 1, sizeof(*out->layers));
	char (*chain)[LAYER_ID_SIZE] = xcalloc(n ? n : 1, sizeof(*chain));
	if (n)
		layer_chain_ids(diff, n, chain);
	for (size_t i = 0; i < n; i++)
		memcpy(out->layers[i].chain, chain[i], LAYER_ID_SIZE);
	out->sized = n == 0 || assign_sizes(&h, diff, n, size, out->layers);
	free(chain);
	free(diff);
	history_free(&h);
	cJSON_Delete(root);
	return true;
}

void
image_layers_free(struct image_layers *l)
{
	free(l->layers);
	memset(l, 0, sizeof(*l));
}

static bool
one_layer(const char *inspect, size_t len)
{
	cJSON *root = json_parse(inspect, len);
	const cJSON *layers = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "RootFS"), "Layers");
	bool one = cJSON_IsArray(layers) && cJSON_GetArraySize(layers) == 1;
	cJSON_Delete(root);
	return one;
}

int
image_layers_fetch(struct engine *e, const char *id, int64_t size, struct cancel *c,
		   struct image_layers *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	char *esc = engine_escape(id);
	char *path = xasprintf("/images/%s/json", esc);
	struct engine_response ri, rh;
	memset(&rh, 0, sizeof(rh));
	int status = engine_get_ok(e, path, c, &ri, err);
	free(path);
	if (status == ENGINE_OK && size >= 0 && one_layer(ri.body, ri.len)) {
		/* One layer is the whole image: no history needed. */
		if (!image_layers_parse(ri.body, ri.len, "[]", 2, size, out, err))
			status = ENGINE_BAD_ANSWER;
		free(esc);
		engine_response_free(&ri);
		return status;
	}
	if (status == ENGINE_OK) {
		path = xasprintf("/images/%s/history", esc);
		status = engine_get_ok(e, path, c, &rh, err);
		free(path);
	}
	if (status == ENGINE_OK && !image_layers_parse(ri.body, ri.len, rh.body, rh.len, size, out, err))
		status = ENGINE_BAD_ANSWER;
	free(esc);
	engine_response_free(&ri);
	if (rh.body)
		engine_response_free(&rh);
	return status;
}

/* ---- sets of strings (open addressing) ---------------------------------------- */

struct set {
	const char **keys;
	void **vals;
	size_t cap, n;
};

static size_t
hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t
set_slot(const struct set *s, const char *key)
{
	size_t i = hash(key) & (s->cap - 1);
	while (s->keys[i] && strcmp(s->keys[i], key) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void **
set_find(const struct set *s, const char *key)
{
	if (!s->cap)
		return NULL;
	size_t i = set_slot(s, key);
	return s->keys[i] ? &s->vals[i] : NULL;
}

/* Adds key (not copied) if absent; returns whether it was added. */
static bool
set_add(struct set *s, const char *key, void *val)
{
	if (2 * (s->n + 1) > s->cap) {
		struct set old = *s;
		s->cap = old.cap ? 2 * old.cap : 64;
		s->keys = xcalloc(s->cap, sizeof(*s->keys));
		s->vals = xcalloc(s->cap, sizeof(*s->vals));
		s->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i])
				set_add(s, old.keys[i], old.vals[i]);
		free(old.keys);
		free(old.vals);
	}
	size_t i = set_slot(s, key);
	if (s->keys[i])
		return false;
	s->keys[i] = key;
	s->vals[i] = val;
	s->n++;
	return true;
}

static void
set_free(struct set *s)
{
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof(*s));
}

/* ---- the index --------------------------------------------------------------- */

struct layer_index {
	struct set images;	/* id (owned) -> struct image_layers * */
};

struct layer_index *
layer_index_new(void)
{
	return xcalloc(1, sizeof(struct layer_index));
}

void
layer_index_free(struct layer_index *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->images.cap; i++) {
		if (!x->images.keys[i])
			continue;
		free((char *)x->images.keys[i]);
		image_layers_free(x->images.vals[i]);
		free(x->images.vals[i]);
	}
	set_free(&x->images);
	free(x);
}

void
layer_index_put(struct layer_index *x, const char *id, struct image_layers *l)
{
	if (layer_index_get(x, id)) {
		image_layers_free(l);
		return;	/* an ID's layers never change */
	}
	struct image_layers *copy = xmalloc(sizeof(*copy));
	*copy = *l;
	memset(l, 0, sizeof(*l));
	set_add(&x->images, xstrdup(id), copy);
}

const struct image_layers *
layer_index_get(const struct layer_index *x, const char *id)
{
	void **v = set_find(&x->images, id);
	return v ? *v : NULL;
}

size_t layer_index_count(const struct layer_index *x) { return x->images.n; }

/* The image's layers when known and sized, else NULL (and counted in *unknown). */
static const struct image_layers *
sized(const struct layer_index *x, const struct image *im, size_t *unknown)
{
	const struct image_layers *l = layer_index_get(x, im->id);
	if (l && l->sized)
		return l;
	(*unknown)++;
	return NULL;
}

size_t
layer_disk_use(const struct layer_index *x, const struct image_list *list, int64_t *bytes)
{
	struct set seen = { 0 };
	size_t unknown = 0;
	*bytes = 0;
	for (size_t i = 0; i < list->nimages; i++) {
		const struct image_layers *l = sized(x, &list->images[i], &unknown);
		for (size_t k = 0; l && k < l->n; k++)
			if (set_add(&seen, l->layers[k].chain, NULL))
				*bytes += l->layers[k].size;
	}
	set_free(&seen);
	return unknown;
}

size_t
layer_reclaim(const struct layer_index *x, const struct image_list *list, const bool *gone, int64_t *bytes)
{
	struct set kept = { 0 }, freed = { 0 };
	size_t unknown = 0;
	*bytes = 0;
	for (size_t i = 0; i < list->nimages; i++) {
		if (gone[i])
			continue;
		/* A remaining image needs its chain only, not its sizes (an entry with neither is
		 * one that could not be read). */
		const struct image_layers *l = layer_index_get(x, list->images[i].id);
		if (!l || (!l->sized && !l->n))
			unknown++;
		for (size_t k = 0; l && k < l->n; k++)
			set_add(&kept, l->layers[k].chain, NULL);
	}
	for (size_t i = 0; i < list->nimages; i++) {
		if (!gone[i])
			continue;
		const struct image_layers *l = sized(x, &list->images[i], &unknown);
		for (size_t k = 0; l && k < l->n; k++)
			if (!set_find(&kept, l->layers[k].chain) && set_add(&freed, l->layers[k].chain, NULL))
				*bytes += l->layers[k].size;
	}
	set_free(&kept);
	set_free(&freed);
	return unknown;
}

void
layer_size_text(char *buf, size_t n, int64_t bytes, size_t unknown)
{
	char size[32];
	format_size_prec(size, sizeof(size), (double)bytes, 4);
	if (!unknown)
		snprintf(buf, n, "%s", size);
	else if (bytes > 0)
		snprintf(buf, n, "≥%s", size);
	else
		snprintf(buf, n, "…");
}
