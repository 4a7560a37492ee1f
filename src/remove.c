#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "format.h"
#include "i18n.h"
#include "imgdel.h"
#include "json.h"
#include "remove.h"
#include "sanitize.h"
#include "strbuf.h"
#include "strv.h"
#include "xalloc.h"

static const char NONE[] = "<none>";

/* ---- the plan ------------------------------------------------------------ */

/* Bytes a shell takes as they are in an argument. */
static bool
shell_safe(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/:@+-", *s))
			return false;
	return true;
}

static void
put_shell_arg(struct strbuf *sb, const char *s)
{
	sb_putc(sb, ' ');
	if (shell_safe(s)) {
		sb_puts(sb, s);
		return;
	}
	sb_putc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_puts(sb, "'\\''");
		else
			sb_putc(sb, *s);
	}
	sb_putc(sb, '\'');
}

/* The containers using the image, running ones first, each group in the list's order. */
static void
plan_users(struct remove_item *item, const struct container_list *containers)
{
	if (!containers)
		return;
	const struct container **v;
	size_t n = containers_for_image(containers, item->image_id, &v);
	if (n == 0)
		return;
	item->users = xcalloc(n, sizeof(*item->users));
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			if (container_is_running(v[i]) != (pass == 0))
				continue;
			struct remove_user *u = &item->users[item->nusers++];
			u->id = xstrdup(v[i]->id);
			u->name = xstrdup(v[i]->name);
			u->state = xstrdup(v[i]->state);
			if (pass == 0)
				item->nrunning++;
		}
	}
	free(v);
}

static bool
plan_has_ref(const struct remove_plan *plan, const char *ref)
{
	for (size_t i = 0; i < plan->nitems; i++)
		if (strcmp(plan->items[i].ref, ref) == 0)
			return true;
	return false;
}

/* Runs one removal in the model; fills effect, also_untagged and parents_deleted. */
static enum imgdel_outcome
plan_simulate(struct imgdel *d, size_t i, size_t r, bool force, bool prune, struct remove_item *item)
{
	struct imgdel_log log = { 0 };
	enum imgdel_outcome o = r == IMGDEL_NONE ? imgdel_delete_id(d, i, force, prune, &log)
						 : imgdel_delete_ref(d, i, r, force, prune, &log);
	bool deleted = d->images[i].deleted;
	item->effect = deleted ? REMOVE_DELETE : REMOVE_UNTAG;
	item->parents_deleted = log.ndeleted > (deleted ? 1 : 0) ? log.ndeleted - (deleted ? 1 : 0) : 0;
	for (size_t k = 0; k < log.nuntagged; k++) {
		if (r != IMGDEL_NONE && strcmp(log.untagged[k], item->ref) == 0)
			continue;
		item->also_untagged = xrealloc(item->also_untagged,
					       (item->nalso_untagged + 1) * sizeof(*item->also_untagged));
		item->also_untagged[item->nalso_untagged++] = xstrdup(log.untagged[k]);
	}
	imgdel_log_free(&log);
	return o;
}

static void
plan_reset_effect(struct remove_item *item)
{
	strv_free(item->also_untagged, item->nalso_untagged);
	item->also_untagged = NULL;
	item->nalso_untagged = 0;
	item->parents_deleted = 0;
}

void
remove_plan(const struct image_list *list, const struct image_row *const *rows, size_t nrows,
	    const struct container_list *containers, bool force, bool noprune, struct remove_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	struct imgdel d;
	imgdel_init(&d, list, containers);
	plan->items = xcalloc(nrows ? nrows : 1, sizeof(*plan->items));
	struct strbuf cmd = STRBUF_INIT;
	sb_puts(&cmd, "docker image rm");
	if (force)
		sb_puts(&cmd, " -f");
	if (noprune)
		sb_puts(&cmd, " --no-prune");
	for (size_t k = 0; k < nrows; k++) {
		const struct image_row *row = rows[k];
		if (!row || !row->image || row->image < list->images ||
		    row->image >= list->images + list->nimages)
			continue;
		size_t i = (size_t)(row->image - list->images);
		const struct image *im = row->image;
		char *ref, *arg;
		size_t r = IMGDEL_NONE;
		if (strcmp(row->tag, NONE) != 0)
			ref = xasprintf("%s:%s", row->repo, row->tag);
		else if (strcmp(row->repo, NONE) != 0 && strcmp(row->digest, NONE) != 0)
			ref = xasprintf("%s@%s", row->repo, row->digest);
		else
			ref = xstrdup(im->id);
		if (plan_has_ref(plan, ref)) {
			free(ref);
			continue;
		}
		if (strcmp(ref, im->id) != 0) {
			r = imgdel_find_ref(&d, i, ref);
			if (r == IMGDEL_NONE) {
				/* An earlier removal took it along (a digest with its last tag). */
				free(ref);
				continue;
			}
			arg = xstrdup(ref);
		} else {
			char shortid[32];
			format_short_id(shortid, sizeof(shortid), im->id);
			arg = xstrdup(shortid);
		}
		struct remove_item *item = &plan->items[plan->nitems++];
		item->ref = ref;
		item->arg = arg;
		item->image_id = xstrdup(im->id);
		item->has_children = d.images[i].children > 0;
		plan_users(item, containers);
		put_shell_arg(&cmd, arg);

		/* A refused removal leaves the model as it was; what force would do is tried, then
		 * undone. */
		enum imgdel_outcome o = plan_simulate(&d, i, r, force, !noprune, item);
		if (o == IMGDEL_MUST_FORCE) {
			plan_reset_effect(item);
			struct imgdel_saved *saved = imgdel_save(&d);
			plan_simulate(&d, i, r, true, !noprune, item);
			imgdel_restore(&d, saved);
			item->block = REMOVE_NEEDS_FORCE;
			plan->nneed_force++;
		} else if (o == IMGDEL_CANNOT) {
			item->block = REMOVE_CANNOT;
			item->effect = REMOVE_DELETE;
			plan->ncannot++;
		}
		if (item->block == REMOVE_OK) {
			if (item->effect == REMOVE_DELETE)
				plan->ndelete++;
			else
				plan->nuntag++;
		}
	}
	plan->command = sb_detach(&cmd);
	imgdel_free(&d);
}

void
remove_plan_free(struct remove_plan *plan)
{
	for (size_t i = 0; i < plan->nitems; i++) {
		struct remove_item *item = &plan->items[i];
		free(item->ref);
		free(item->arg);
		free(item->image_id);
		plan_reset_effect(item);
		for (size_t u = 0; u < item->nusers; u++) {
			free(item->users[u].id);
			free(item->users[u].name);
			free(item->users[u].state);
		}
		free(item->users);
	}
	free(plan->items);
	free(plan->command);
	memset(plan, 0, sizeof(*plan));
}

/* ---- the removal --------------------------------------------------------- */

/* The reference as a path segment: raw, as the CLI sends it, but a byte that no reference
 * holds (a space, '?', '#', '%', a control or non-ASCII byte) is percent-encoded so that it
 * cannot end the path. */
static void
put_path_ref(struct strbuf *sb, const char *ref)
{
	for (const unsigned char *p = (const unsigned char *)ref; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("._-~/:@+", *p))
			sb_putc(sb, (char)*p);
		else
			sb_printf(sb, "%%%02X", *p);
	}
}

static void
result_init(struct remove_result *out)
{
	memset(out, 0, sizeof(*out));
	out->status = ENGINE_OK;
}

bool
remove_parse(const char *json, size_t len, struct remove_result *out)
{
	cJSON *root = json_parse(json, len);
	if (!cJSON_IsArray(root) && !cJSON_IsNull(root)) {
		cJSON_Delete(root);
		free(out->error);
		out->error = xstrdup(_("The engine's answer to the removal is not the JSON array expected"));
		return false;
	}
	struct strbuf sb = STRBUF_INIT;
	const cJSON *item;
	cJSON_ArrayForEach(item, root) {
		const cJSON *u = cJSON_GetObjectItemCaseSensitive(item, "Untagged");
		const cJSON *del = cJSON_GetObjectItemCaseSensitive(item, "Deleted");
		if (cJSON_IsString(u) && *u->valuestring) {
			char *s = sanitize(u->valuestring);
			sb_printf(&sb, "%sUntagged: %s", sb.len ? "\n" : "", s);
			free(s);
			out->nuntagged++;
		}
		if (cJSON_IsString(del) && *del->valuestring) {
			char *s = sanitize(del->valuestring);
			sb_printf(&sb, "%sDeleted: %s", sb.len ? "\n" : "", s);
			free(s);
			out->ndeleted++;
		}
	}
	cJSON_Delete(root);
	free(out->text);
	out->text = sb_detach(&sb);
	return true;
}

bool
remove_run(struct engine *e, const char *ref, bool force, bool noprune, struct cancel *c,
	   struct remove_result *out)
{
	result_init(out);
	struct strbuf path = STRBUF_INIT;
	sb_puts(&path, "/images/");
	put_path_ref(&path, ref);
	if (force || noprune)
		sb_printf(&path, "?%s%s%s", force ? "force=1" : "", force && noprune ? "&" : "",
			  noprune ? "noprune=1" : "");
	struct engine_response r = engine_request(e, "DELETE", path.buf, NULL, c);
	sb_free(&path);
	out->status = r.status;
	out->http_status = r.http_status;
	bool ok = false;
	if (r.status == ENGINE_OK && r.http_status == 200) {
		ok = remove_parse(r.body, r.len, out);
	} else {
		out->error = r.error ? r.error : xstrdup(_("The engine did not answer"));
		r.error = NULL;
		out->conflict = r.status == ENGINE_OK && r.http_status == 409;
		out->not_found = r.status == ENGINE_OK && r.http_status == 404;
	}
	if (!out->text)
		out->text = xstrdup("");
	engine_response_free(&r);
	return ok;
}

void
remove_result_free(struct remove_result *r)
{
	free(r->text);
	free(r->error);
	memset(r, 0, sizeof(*r));
}
