#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "archive_load.h"
#include "engine.h"
#include "i18n.h"
#include "json.h"
#include "sanitize.h"
#include "strv.h"
#include "xalloc.h"

void
archive_loaded_init(struct archive_loaded *l)
{
	memset(l, 0, sizeof(*l));
}

void
archive_loaded_free(struct archive_loaded *l)
{
	strv_free(l->refs, l->nrefs);
	strv_free(l->ids, l->nids);
	strv_free(l->notes, l->nnotes);
	free(l->layer);
	free(l->error);
	memset(l, 0, sizeof(*l));
}

static void
push(char ***v, size_t *n, const char *s, size_t len)
{
	if (*n >= ARCHIVE_LOADED_MAX)
		return;
	char *raw = xstrndup(s, len);
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = sanitize(raw);
	free(raw);
}

static bool
starts(const char *s, size_t len, const char *prefix, size_t *plen)
{
	*plen = strlen(prefix);
	return len > *plen && strncmp(s, prefix, *plen) == 0;
}

/* {"stream":"…\n"}: one line or several. */
static void
take_stream(struct archive_loaded *l, const char *text)
{
	while (*text) {
		size_t len = strcspn(text, "\n");
		const char *line = text;
		size_t n = len, plen;
		while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
			n--;
		if (n == 0) {
			/* nothing */
		} else if (starts(line, n, "Loaded image ID: ", &plen)) {
			push(&l->ids, &l->nids, line + plen, n - plen);
		} else if (starts(line, n, "Loaded image: ", &plen)) {
			push(&l->refs, &l->nrefs, line + plen, n - plen);
		} else {
			push(&l->notes, &l->nnotes, line, n);
		}
		text += len;
		if (*text == '\n')
			text++;
	}
}

bool
archive_loaded_feed(struct archive_loaded *l, const char *line, size_t len)
{
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\n'))
		len--;
	if (len == 0)
		return true;
	cJSON *j = json_parse_whole(line, len);
	if (!cJSON_IsObject(j)) {
		/* not JSON (quiet answers of other engines): a note */
		cJSON_Delete(j);
		push(&l->notes, &l->nnotes, line, len);
		return true;
	}
	bool ok = true;
	const char *failure = json_stream_error(j);
	const cJSON *stream = cJSON_GetObjectItemCaseSensitive(j, "stream");
	const char *status = json_raw_string(j, "status");
	if (failure) {
		char *m = *failure ? sanitize(failure) : xstrdup(_("the engine failed"));
		if (!l->failed) {
			l->failed = true;
			l->error = m;
		} else {
			free(m);
		}
		ok = false;
	} else if (cJSON_IsString(stream)) {
		take_stream(l, stream->valuestring);
	} else if (strcmp(status, "Loading layer") == 0) {
		const char *id = json_raw_string(j, "id");
		if (!l->layer || strcmp(l->layer, id) != 0) {
			char *clean = sanitize(id);
			if (!l->layer || strcmp(l->layer, clean) != 0)
				l->layers++;
			free(l->layer);
			l->layer = clean;
		}
		const cJSON *pd = cJSON_GetObjectItemCaseSensitive(j, "progressDetail");
		l->layer_current = json_int64(pd, "current");
		l->layer_total = json_int64(pd, "total");
		if (l->layer_current < 0)
			l->layer_current = 0;
		if (l->layer_total < 0)
			l->layer_total = 0;
	} else if (*status) {
		push(&l->notes, &l->nnotes, status, strlen(status));
	}
	cJSON_Delete(j);
	return ok;
}

struct load {
	struct archive_loaded *out;
	struct archive_meter *meter;
};

static bool
on_line(const char *line, size_t len, void *ctx)
{
	struct load *ld = ctx;
	size_t layers = ld->out->layers;
	archive_meter_stage(ld->meter, ARCHIVE_STAGE_ENGINE);
	bool ok = archive_loaded_feed(ld->out, line, len);
	if (ld->out->layers != layers || ld->out->layer)
		archive_meter_layer(ld->meter, ld->out->layers, ld->out->layer_current, ld->out->layer_total);
	return ok;
}

enum archive_result
archive_load(struct engine *e, const struct archive_load_opts *o, struct archive_loaded *out,
	     const char **compression, char **err)
{
	*err = NULL;
	archive_loaded_init(out);
	if (compression)
		*compression = "";
	struct archive_source src;
	if (!archive_source_open(&src, o->path, true, err))
		return ARCHIVE_RESULT_FAILED;
	if (compression)
		*compression = src.filter ? src.filter : "";
	struct archive_meter meter;
	archive_meter_init(&meter, o->progress, o->progress_ctx, src.size);
	src.meter = &meter;
	src.cancel = o->cancel;
	struct engine_upload up = { .body = archive_source_read, .body_ctx = &src };
	struct load ld = { out, &meter };
	struct engine_response r = engine_upload(e, "/images/load?quiet=0", &up, on_line, &ld, o->cancel);
	enum archive_result st = ARCHIVE_RESULT_FAILED;
	if (src.error) {
		/* the upload was aborted: the engine got no complete archive */
		*err = src.error;
		src.error = NULL;
	} else if (r.status == ENGINE_CANCELLED && !out->failed) {
		st = ARCHIVE_RESULT_CANCELLED;
	} else if (r.status != ENGINE_OK && !out->failed) {
		*err = xstrdup(r.error ? r.error : _("the engine failed"));
	} else if (r.http_status >= 400) {
		*err = xstrdup(r.error ? r.error : _("the engine failed"));
	} else if (out->failed) {
		*err = xstrdup(out->error);
	} else {
		st = ARCHIVE_RESULT_DONE;
		archive_meter_update(&meter, meter.p.done, meter.p.written, true);
	}
	engine_response_free(&r);
	archive_source_close(&src);
	return st;
}
