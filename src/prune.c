#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "format.h"
#include "i18n.h"
#include "image_layers.h"
#include "imgdel.h"
#include "prune.h"
#include "json.h"
#include "sanitize.h"
#include "satnum.h"
#include "strbuf.h"
#include "strv.h"
#include "xalloc.h"

/* ---- the preview ---------------------------------------------------------- */

static bool
has_live_tag(const struct imgdel_image *m)
{
	for (size_t r = 0; r < m->nrefs; r++)
		if (!m->refs[r].gone && m->refs[r].tag)
			return true;
	return false;
}

void
prune_preview(const struct image_list *images, const struct container_list *containers,
	      enum prune_mode mode, int64_t until, int64_t now, struct prune_preview *out)
{
	memset(out, 0, sizeof(*out));
	struct imgdel d;
	imgdel_init(&d, images, containers);
	size_t n = d.n;
	bool *top = xcalloc(n ? n : 1, sizeof(*top));
	/* The candidates, chosen before anything is removed, as the engine does. */
	for (size_t i = 0; i < n; i++) {
		const struct imgdel_image *m = &d.images[i];
		if (mode == PRUNE_DANGLING && m->children > 0)
			continue;	/* not a head */
		if (m->live == 0 && m->children > 0)
			continue;	/* an intermediate image */
		if (until != PRUNE_NO_UNTIL && m->image->created > now - until)
			continue;
		top[i] = true;
	}
	/* The engine walks a Go map (random order); the outcome does not depend on it. */
	struct imgdel_log log = { 0 };
	for (size_t i = 0; i < n; i++) {
		struct imgdel_image *m = &d.images[i];
		if (!top[i] || m->deleted)
			continue;
		if (m->live == 0) {
			imgdel_delete_id(&d, i, false, true, &log);
			continue;
		}
		if (mode == PRUNE_DANGLING && has_live_tag(m))
			continue;
		/* Each reference in the reference store's order; a conflict (a container) skips one. */
		for (size_t r = 0; r < m->nrefs && !m->deleted; r++)
			if (!m->refs[r].gone)
				imgdel_delete_ref(&d, i, r, false, true, &log);
	}

	/* Gather per image, in the list's order. */
	size_t *slot = xcalloc(n ? n : 1, sizeof(*slot));
	bool *touched = xcalloc(n ? n : 1, sizeof(*touched));
	for (size_t k = 0; k < log.nuntagged; k++)
		touched[log.untagged_image[k]] = true;
	for (size_t i = 0; i < n; i++)
		if (d.images[i].deleted)
			touched[i] = true;
	for (size_t i = 0; i < n; i++)
		if (touched[i])
			out->nimages++;
	out->images = xcalloc(out->nimages ? out->nimages : 1, sizeof(*out->images));
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (!touched[i])
			continue;
		const struct imgdel_image *m = &d.images[i];
		struct prune_image *p = &out->images[j];
		slot[i] = j++;
		p->image = m->image;
		p->id = xstrdup(m->image->id);
		p->created = m->image->created;
		p->size = m->image->size;
		p->deleted = m->deleted;
		p->parent = m->deleted && !top[i];
		p->unique = p->size;
		if (m->parent != IMGDEL_NONE) {
			int64_t ps = d.images[m->parent].image->size;
			p->unique = p->size > ps ? p->size - ps : 0;
		}
		if (p->deleted) {
			out->ndeleted++;
			out->size_total = size_add(out->size_total, p->size);
			out->reclaim_max = size_add(out->reclaim_max, p->unique);
		}
	}
	for (size_t k = 0; k < log.nuntagged; k++) {
		struct prune_image *p = &out->images[slot[log.untagged_image[k]]];
		p->untagged = xrealloc(p->untagged, (p->nuntagged + 1) * sizeof(*p->untagged));
		p->untagged[p->nuntagged++] = xstrdup(log.untagged[k]);
		out->nuntagged++;
	}
	out->reclaim_unknown = images->nimages;	/* until prune_preview_reclaim */
	free(slot);
	free(touched);
	free(top);
	imgdel_log_free(&log);
	imgdel_free(&d);
}

void
prune_preview_reclaim(struct prune_preview *p, const struct image_list *images, const struct layer_index *x)
{
	bool *gone = xcalloc(images->nimages ? images->nimages : 1, sizeof(*gone));
	for (size_t i = 0; i < p->nimages; i++)
		if (p->images[i].deleted)
			gone[p->images[i].image - images->images] = true;
	p->reclaim_unknown = layer_reclaim(x, images, gone, &p->reclaim);
	free(gone);
}

void
prune_preview_free(struct prune_preview *p)
{
	for (size_t i = 0; i < p->nimages; i++) {
		free(p->images[i].id);
		strv_free(p->images[i].untagged, p->images[i].nuntagged);
	}
	free(p->images);
	memset(p, 0, sizeof(*p));
}

/* ---- the prune ------------------------------------------------------------ */

char *
prune_filters(enum prune_mode mode, int64_t until)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "{\"dangling\":{\"%s\":true}", mode == PRUNE_ALL ? "false" : "true");
	if (until != PRUNE_NO_UNTIL)
		sb_printf(&sb, ",\"until\":{\"%llds\":true}", (long long)until);
	sb_putc(&sb, '}');
	return sb_detach(&sb);
}

bool
prune_parse(const char *json, size_t len, struct prune_result *out)
{
	cJSON *root = json_parse(json, len);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		free(out->error);
		out->error = xstrdup(_("The engine's answer to the prune is not the JSON object expected"));
		return false;
	}
	struct strbuf sb = STRBUF_INIT;
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "ImagesDeleted");
	if (!cJSON_IsArray(list))
		list = NULL;	/* null when nothing went */
	const cJSON *item;
	cJSON_ArrayForEach(item, list) {
		const cJSON *u = cJSON_GetObjectItemCaseSensitive(item, "Untagged");
		const cJSON *del = cJSON_GetObjectItemCaseSensitive(item, "Deleted");
		if (cJSON_IsString(u) && *u->valuestring) {
			char *s = sanitize(u->valuestring);
			sb_printf(&sb, "%suntagged: %s", sb.len ? "\n" : "", s);
			free(s);
			out->nuntagged++;
		}
		if (cJSON_IsString(del) && *del->valuestring) {
			char *s = sanitize(del->valuestring);
			sb_printf(&sb, "%sdeleted: %s", sb.len ? "\n" : "", s);
			out->deleted = xrealloc(out->deleted, (out->ndeleted + 1) * sizeof(*out->deleted));
			out->deleted[out->ndeleted++] = s;
		}
	}
	out->reclaimed = json_int64(root, "SpaceReclaimed");
	cJSON_Delete(root);
	free(out->text);
	out->text = sb_detach(&sb);
	return true;
}

bool
prune_run(struct engine *e, enum prune_mode mode, int64_t until, struct cancel *c,
	  struct prune_result *out)
{
	memset(out, 0, sizeof(*out));
	char *filters = prune_filters(mode, until);
	char *esc = engine_escape(filters);
	char *path = xasprintf("/images/prune?filters=%s", esc);
	free(esc);
	free(filters);
	struct engine_response r = engine_request(e, "POST", path, NULL, c);
	free(path);
	out->status = r.status;
	out->http_status = r.http_status;
	bool ok = false;
	if (r.status == ENGINE_OK && r.http_status == 200) {
		ok = prune_parse(r.body, r.len, out);
	} else {
		out->error = r.error ? r.error : xstrdup(_("The engine did not answer"));
		r.error = NULL;
		out->busy = r.status == ENGINE_OK && r.http_status == 409;
	}
	if (!out->text)
		out->text = xstrdup("");
	engine_response_free(&r);
	return ok;
}

void
prune_result_free(struct prune_result *r)
{
	free(r->text);
	strv_free(r->deleted, r->ndeleted);
	free(r->error);
	memset(r, 0, sizeof(*r));
}

/* ---- helpers --------------------------------------------------------------- */

bool
prune_parse_duration(const char *s, int64_t *seconds)
{
	/* Go's time.ParseDuration without the sign: [0-9]*(\.[0-9]*)?unit, repeated. */
	static const struct {
		const char *name;
		double ns;
	} units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "\xc2\xb5s", 1e3 }, { "\xce\xbcs", 1e3 },
		{ "ms", 1e6 }, { "s", 1e9 }, { "m", 60e9 }, { "h", 3600e9 },
	};
	if (!s || !*s)
		return false;
	if (strcmp(s, "0") == 0) {
		*seconds = 0;
		return true;
	}
	double total_ns = 0;
	const char *p = s;
	while (*p) {
		double v = 0, scale = 1;
		bool digits = false;
		while (*p >= '0' && *p <= '9') {
			v = v * 10 + (*p++ - '0');
			digits = true;
		}
		if (*p == '.') {
			p++;
			while (*p >= '0' && *p <= '9') {
				scale /= 10;
				v += (*p++ - '0') * scale;
				digits = true;
			}
		}
		if (!digits)
			return false;
		size_t best = 0, best_len = 0;
		for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
			size_t l = strlen(units[u].name);
			if (l > best_len && strncmp(p, units[u].name, l) == 0) {
				best = u;
				best_len = l;
			}
		}
		if (!best_len)
			return false;
		p += best_len;
		total_ns += v * units[best].ns;
		/* Go refuses durations past int64 nanoseconds (about 292 years). */
		if (total_ns > 9.2233720368547758e18)
			return false;
	}
	*seconds = (int64_t)(total_ns / 1e9);
	return true;
}

char *
prune_reclaimed_line(int64_t bytes)
{
	char size[32];
	format_size_prec(size, sizeof(size), (double)bytes, 4);
	/* TRANSLATORS: as `docker image prune` ends; %s is a size like "1.982MB". */
	return xasprintf(_("Total reclaimed space: %s"), size);
}
