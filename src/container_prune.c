#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "container_prune.h"
#include "i18n.h"
#include "json.h"
#include "prune.h"
#include "sanitize.h"
#include "satnum.h"
#include "strbuf.h"
#include "strv.h"
#include "xalloc.h"

/* ---- the preview ---------------------------------------------------------------- */

void
container_prune_preview(const struct container_list *list, int64_t until, int64_t now,
			struct container_prune_preview *out)
{
	memset(out, 0, sizeof(*out));
	size_t n = list->ncontainers;
	out->containers = xcalloc(n ? n : 1, sizeof(*out->containers));
	out->space_known = n > 0;
	for (size_t i = 0; i < n; i++) {
		const struct container *c = &list->containers[i];
		if (!c->has_size)
			out->space_known = false;
		if (!container_is_stopped(c)) {
			out->nkept_running++;
			continue;
		}
		/* The engine keeps what was created after the limit (Created.After(until)). */
		if (until != CONTAINER_PRUNE_NO_UNTIL && c->created >= now - until) {
			out->nkept_until++;
			continue;
		}
		out->containers[out->ncontainers++] = c;
		out->space = size_add(out->space, c->size_rw);
	}
	if (!out->space_known)
		out->space = 0;
}

void
container_prune_preview_free(struct container_prune_preview *p)
{
	free(p->containers);
	memset(p, 0, sizeof(*p));
}

/* ---- the prune ---------------------------------------------------------------------- */

char *
container_prune_filters(int64_t until)
{
	if (until == CONTAINER_PRUNE_NO_UNTIL)
		return NULL;
	/* A Go duration: relative to the engine's clock, as the CLI sends `--filter until=1h`. */
	return xasprintf("{\"until\":{\"%llds\":true}}", (long long)until);
}

char *
container_prune_command(int64_t until)
{
	if (until == CONTAINER_PRUNE_NO_UNTIL)
		return xstrdup("docker container prune -f");
	return xasprintf("docker container prune -f --filter until=%llds", (long long)until);
}

const char *
container_prune_warning(void)
{
	return _("WARNING! This will remove all stopped containers.");
}

/* {"<list_key>":[...]|null,"SpaceReclaimed":N}: what the prunes of containers and of the build
 * cache answer; heading titles the list as the CLI does. */
static bool
report_parse(const char *json, size_t len, const char *list_key, const char *heading,
	     struct container_prune_result *out)
{
	cJSON *root = json_parse_whole(json, len);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		free(out->error);
		out->error = xstrdup(_("The engine's answer to the prune is not the JSON object expected"));
		return false;
	}
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, list_key);
	int n = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : 0;	/* null when none went */
	struct strbuf sb = STRBUF_INIT;
	if (n > 0) {
		out->deleted = xcalloc((size_t)n, sizeof(*out->deleted));
		sb_printf(&sb, "%s\n", heading);
		const cJSON *id;
		cJSON_ArrayForEach(id, list) {
			if (!cJSON_IsString(id))
				continue;
			char *s = sanitize(id->valuestring);
			sb_printf(&sb, "%s\n", s);
			out->deleted[out->ndeleted++] = s;
		}
		sb_putc(&sb, '\n');
	}
	out->reclaimed = json_int64(root, "SpaceReclaimed");
	cJSON_Delete(root);
	char *total = prune_reclaimed_line(out->reclaimed);
	sb_puts(&sb, total);
	free(total);
	free(out->text);
	out->text = sb_detach(&sb);
	return true;
}

bool
container_prune_parse(const char *json, size_t len, struct container_prune_result *out)
{
	/* TRANSLATORS: as `docker container prune` lists what it removed. */
	return report_parse(json, len, "ContainersDeleted", _("Deleted Containers:"), out);
}

bool
prune_report_run(struct engine *e, const char *path, const char *list_key, const char *heading,
		 struct cancel *c, struct container_prune_result *out)
{
	memset(out, 0, sizeof(*out));
	struct engine_response r = engine_request(e, "POST", path, NULL, c);
	out->status = r.status;
	out->http_status = r.http_status;
	bool ok = false;
	if (r.status == ENGINE_OK && r.http_status == 200) {
		ok = report_parse(r.body, r.len, list_key, heading, out);
	} else {
		char *why = r.error ? r.error : xstrdup(_("The engine did not answer"));
		r.error = NULL;
		out->error = sanitize(why);
		free(why);
		out->busy = r.status == ENGINE_OK && r.http_status == 409;
	}
	if (!out->text || !ok) {
		free(out->text);
		out->text = xstrdup("");
	}
	engine_response_free(&r);
	return ok;
}

bool
container_prune_run(struct engine *e, int64_t until, struct cancel *c,
		    struct container_prune_result *out)
{
	char *filters = container_prune_filters(until);
	char *path;
	if (filters) {
		char *esc = engine_escape(filters);
		path = xasprintf("/containers/prune?filters=%s", esc);
		free(esc);
	} else {
		path = xstrdup("/containers/prune");
	}
	free(filters);
	/* TRANSLATORS: as `docker container prune` lists what it removed. */
	bool ok = prune_report_run(e, path, "ContainersDeleted", _("Deleted Containers:"), c, out);
	free(path);
	return ok;
}

void
container_prune_result_free(struct container_prune_result *r)
{
	strv_free(r->deleted, r->ndeleted);
	free(r->text);
	free(r->error);
	memset(r, 0, sizeof(*r));
}
