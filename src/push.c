#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "engine.h"
#include "format.h"
#include "i18n.h"
#include "json.h"
#include "progress_stream.h"
#include "push.h"
#include "reference.h"
#include "sanitize.h"
#include "satnum.h"
#include "strv.h"
#include "xalloc.h"

/* The statuses of a layer, as distribution/xfer/upload.go and push_v2.go write them. */
static const struct progress_status layer_statuses[] = {
	{ "Preparing", false, PUSH_PHASE_PREPARING },
	{ "Waiting", false, PUSH_PHASE_WAITING },
	{ "Pushing", false, PUSH_PHASE_PUSHING },
	{ "Retrying in ", true, PUSH_PHASE_RETRYING },
	{ "Pushed", false, PUSH_PHASE_PUSHED },
	{ "Layer already exists", false, PUSH_PHASE_EXISTS },
	{ "Mounted from ", true, PUSH_PHASE_MOUNTED },
	{ "Skipped foreign layer", false, PUSH_PHASE_SKIPPED },
};

static const char REPO_PREFIX[] = "The push refers to repository [";
static const char DIGEST_MID[] = ": digest: ";
static const char SIZE_MID[] = " size: ";

static bool
status_phase(const char *status, enum push_phase *phase)
{
	int ph;
	if (!progress_status_phase(layer_statuses, sizeof(layer_statuses) / sizeof(layer_statuses[0]), status, &ph))
		return false;
	*phase = (enum push_phase)ph;
	return true;
}

void
push_init(struct push *p)
{
	memset(p, 0, sizeof(*p));
	p->percent = -1;
}

void
push_free(struct push *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nrows; i++) {
		free(p->rows[i].id);
		free(p->rows[i].status);
	}
	free(p->rows);
	for (size_t i = 0; i < p->nresults; i++) {
		free(p->results[i].tag);
		free(p->results[i].digest);
	}
	free(p->results);
	strv_free(p->log, p->nlog);
	free(p->repository);
	free(p->digest);
	free(p->error);
	push_init(p);
}



/* A new row at the end, or NULL past PUSH_ROWS_MAX. Takes ownership of id. */
static struct push_row *
row_add(struct push *p, enum push_row_kind kind, char *id)
{
	if (p->nrows >= PUSH_ROWS_MAX) {
		free(id);
		p->dropped++;
		return NULL;
	}
	p->rows = progress_grow(p->rows, p->nrows, sizeof(*p->rows));
	struct push_row *r = &p->rows[p->nrows++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->id = id;
	r->phase = PUSH_PHASE_PREPARING;
	return r;
}

/* The layer row of id in the current block, created when new. Takes ownership of id. A new
 * layer after a tag's digest starts the next tag (push -a). */
static struct push_row *
layer_row(struct push *p, char *id)
{
	for (size_t i = p->block; i < p->nrows; i++) {
		struct push_row *r = &p->rows[i];
		if (r->kind == PUSH_ROW_LAYER && strcmp(r->id, id) == 0) {
			free(id);
			return r;
		}
	}
	if (p->tag_start == p->nrows && p->nresults > 0) {
		p->done = false;
		p->percent = -1;
	}
	return row_add(p, PUSH_ROW_LAYER, id);
}

static void
layer_update(struct push_row *r, const char *status, bool known, enum push_phase phase,
	     const cJSON *detail)
{
	progress_text_replace(&r->status, status);
	if (known)
		r->phase = phase;
	r->current = progress_json_bytes(detail, "current");
	r->total = progress_json_bytes(detail, "total");
	if (r->phase == PUSH_PHASE_PUSHING && r->total > 0) {
		r->size = r->total;
		r->pushed = progress_min(r->current, r->total);
	}
	if (r->phase == PUSH_PHASE_PUSHED)
		r->pushed = r->size;
}

static void
set_error(struct push *p, const char *msg)
{
	if (p->failed)
		return;
	p->failed = true;
	p->error = progress_text_dup(msg && *msg ? msg : _("The engine reported an error without a message"));
}

/* The result of tag, or a new one (NULL past PUSH_RESULTS_MAX). */
static struct push_result *
result_for(struct push *p, const char *tag)
{
	/* the newest first: push -a repeats no tag, but a hostile stream may */
	for (size_t i = p->nresults; i-- > 0;)
		if (strcmp(p->results[i].tag, tag) == 0)
			return &p->results[i];
	if (p->nresults >= PUSH_RESULTS_MAX) {
		p->dropped++;
		return NULL;
	}
	p->results = progress_grow(p->results, p->nresults, sizeof(*p->results));
	struct push_result *res = &p->results[p->nresults++];
	res->tag = xstrdup(tag);
	res->digest = NULL;
	res->size = 0;
	return res;
}

static void
result_set(struct push *p, struct push_result *res, const char *digest, int64_t size)
{
	if (!res)
		return;
	progress_text_replace(&res->digest, digest);
	res->size = size;
	free(p->digest);
	p->digest = xstrdup(res->digest);
}

/* "1: digest: sha256:… size: 739" -> tag "1", digest, size. Tags are [A-Za-z0-9_.-]. */
static bool
parse_digest_line(const char *s, char **tag, char **digest, int64_t *size)
{
	const char *mid = strstr(s, DIGEST_MID);
	if (!mid || mid == s)
		return false;
	for (const char *c = s; c < mid; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')
		      || *c == '_' || *c == '.' || *c == '-'))
			return false;
	const char *d = mid + strlen(DIGEST_MID);
	const char *sz = strstr(d, SIZE_MID);
	if (!sz || sz == d || memchr(d, ' ', (size_t)(sz - d)))
		return false;
	const char *n = sz + strlen(SIZE_MID);
	int64_t v = 0;
	if (!*n)
		return false;
	for (; *n; n++) {
		if (*n < '0' || *n > '9')
			return false;
		v = v > (INT64_MAX - 9) / 10 ? INT64_MAX : v * 10 + (*n - '0');
	}
	*tag = progress_text(s, (size_t)(mid - s));
	*digest = progress_text(d, (size_t)(sz - d));
	*size = v;
	return true;
}

static void
digest_line(struct push *p, const char *status, char *tag, char *digest, int64_t size)
{
	struct push_row *r = row_add(p, PUSH_ROW_DIGEST, xstrdup(tag));
	if (r)
		r->status = progress_text_dup(status + (size_t)(strstr(status, DIGEST_MID) - status) + 2);
	result_set(p, result_for(p, tag), digest, size);
	p->tag_start = p->nrows;
	p->done = true;
	free(tag);
	free(digest);
}

static void
aux_result(struct push *p, const cJSON *aux)
{
	const char *tag = json_raw_string(aux, "Tag"), *digest = json_raw_string(aux, "Digest");
	if (!cJSON_IsObject(aux) || !*tag || !*digest)
		return;
	char *t = progress_text_dup(tag);
	result_set(p, result_for(p, t), digest, progress_json_bytes(aux, "Size"));
	free(t);
}

/* A message that is not a layer's: docker's CLI starts a new block of lines after it. */
static void
plain_message(struct push *p, const char *status, const char *stream, const char *raw, size_t len)
{
	p->block = p->nrows;
	size_t rl = strlen(REPO_PREFIX), sl = strlen(status);
	char *tag, *digest;
	int64_t size;
	if (strncmp(status, REPO_PREFIX, rl) == 0 && sl > rl + 1 && status[sl - 1] == ']') {
		free(p->repository);
		p->repository = progress_text(status + rl, sl - rl - 1);
	} else if (parse_digest_line(status, &tag, &digest, &size)) {
		digest_line(p, status, tag, digest, size);
	} else if (*status) {
		progress_log_add(&p->log, &p->nlog, &p->dropped, progress_text_dup(status));
	} else if (*stream) {
		size_t n = strlen(stream);
		while (n > 0 && (stream[n - 1] == '\n' || stream[n - 1] == '\r'))
			n--;
		if (n > 0)
			progress_log_add(&p->log, &p->nlog, &p->dropped, progress_text(stream, n));
	} else {
		progress_log_add(&p->log, &p->nlog, &p->dropped, progress_text(raw, len));
	}
}

static bool
feed_one(struct push *p, const char *line, size_t len)
{
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == '\n' || line[len - 1] == ' '
			   || line[len - 1] == '\t'))
		len--;
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (len == 0)
		return true;

	const char *end = NULL;
	cJSON *msg = json_parse_opts(line, len, &end);
	if (!cJSON_IsObject(msg) || end != line + len) {
		cJSON_Delete(msg);
		p->block = p->nrows;
		progress_log_add(&p->log, &p->nlog, &p->dropped, progress_text(line, len));
		return true;
	}

	const cJSON *error_detail = cJSON_GetObjectItemCaseSensitive(msg, "errorDetail");
	const char *error = json_raw_string(msg, "error");
	if (cJSON_IsObject(error_detail) || *error) {
		const char *m = json_raw_string(error_detail, "message");
		set_error(p, *m ? m : error);
		cJSON_Delete(msg);
		return false;
	}
	const cJSON *aux = cJSON_GetObjectItemCaseSensitive(msg, "aux");
	if (aux) {
		aux_result(p, aux);
		cJSON_Delete(msg);
		return true;
	}

	const char *status = json_raw_string(msg, "status");
	const char *id = json_raw_string(msg, "id");
	const cJSON *detail = cJSON_GetObjectItemCaseSensitive(msg, "progressDetail");
	enum push_phase phase = PUSH_PHASE_PREPARING;
	bool known = status_phase(status, &phase);

	if (*id && (cJSON_IsObject(detail) || known)) {
		struct push_row *r = layer_row(p, progress_text_dup(id));
		if (r)
			layer_update(r, status, known, phase, detail);
	} else if (*id) {
		/* nothing a push sends: keep it readable, as the CLI prints "id: status" */
		p->block = p->nrows;
		char *s = xasprintf("%s: %s", id, status);
		progress_log_add(&p->log, &p->nlog, &p->dropped, progress_text_dup(s));
		free(s);
	} else {
		plain_message(p, status, json_raw_string(msg, "stream"), line, len);
	}
	cJSON_Delete(msg);
	return true;
}

void
push_finish(struct push *p)
{
	p->done = true;
}

void
push_fail(struct push *p, const char *msg)
{
	set_error(p, msg);
}

static bool
no_upload(const struct push_row *r)
{
	return r->phase == PUSH_PHASE_EXISTS || r->phase == PUSH_PHASE_MOUNTED
		|| r->phase == PUSH_PHASE_SKIPPED;
}

static bool
layer_done(const struct push_row *r)
{
	return r->phase == PUSH_PHASE_PUSHED || no_upload(r);
}

void
push_totals(const struct push *p, struct push_totals *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < p->nrows; i++) {
		const struct push_row *r = &p->rows[i];
		if (r->kind != PUSH_ROW_LAYER)
			continue;
		t->layers++;
		if (layer_done(r))
			t->layers_done++;
		if (no_upload(r)) {
			t->layers_existing++;
			continue;
		}
		if (r->size > 0) {
			t->bytes_total = sat_add(t->bytes_total, r->size);
			t->bytes_done = sat_add(t->bytes_done, progress_min(r->pushed, r->size));
		}
	}
}

static double
layer_fraction(const struct push_row *r)
{
	if (r->phase == PUSH_PHASE_PUSHED)
		return 1;
	if (r->size > 0)
		return (double)progress_min(r->pushed, r->size) / (double)r->size;
	return 0;
}

/* The estimate for the current tag's rows as they are now. */
static int
estimate(const struct push *p)
{
	size_t work = 0, work_done = 0, nknown = 0;
	double known = 0;
	for (size_t i = p->tag_start; i < p->nrows; i++) {
		const struct push_row *r = &p->rows[i];
		if (r->kind != PUSH_ROW_LAYER || no_upload(r))
			continue;
		work++;
		if (layer_done(r))
			work_done++;
		if (r->size > 0) {
			nknown++;
			known += (double)r->size;
		}
	}
	if (work == 0) {
		/* every layer is there already: nothing to wait for but the manifest */
		for (size_t i = p->tag_start; i < p->nrows; i++)
			if (p->rows[i].kind == PUSH_ROW_LAYER)
				return 99;
		return -1;
	}
	int pct;
	if (nknown == 0) {
		pct = (int)(work_done * 100 / work);
	} else {
		double mean = known / (double)nknown, num = 0, den = 0;
		for (size_t i = p->tag_start; i < p->nrows; i++) {
			const struct push_row *r = &p->rows[i];
			if (r->kind != PUSH_ROW_LAYER || no_upload(r))
				continue;
			double w = r->size > 0 ? (double)r->size : mean;
			num += w * layer_fraction(r);
			den += w;
		}
		double f = den > 0 ? num / den : 0;
		pct = f >= 1 ? 100 : f <= 0 ? 0 : (int)(f * 100);
	}
	/* 100 is for the tag's digest: every layer through is not yet the manifest. */
	if (pct >= 100)
		pct = 99;
	return pct;
}

bool
push_feed(struct push *p, const char *line, size_t len)
{
	bool ok = feed_one(p, line, len);
	int pct = estimate(p);
	if (pct > p->percent)
		p->percent = pct;
	return ok;
}

int
push_percent(const struct push *p)
{
	if (p->done && !p->failed)
		return 100;
	return p->percent;
}

void
push_summary(const struct push *p, char *buf, size_t n)
{
	if (n == 0)
		return;
	struct push_totals t;
	push_totals(p, &t);
	if (t.layers == 0) {
		buf[0] = '\0';
		return;
	}
	char layers[128];
	snprintf(layers, sizeof(layers),
		 ngettext("%zu/%zu layer", "%zu/%zu layers", (unsigned long)t.layers),
		 t.layers_done, t.layers);
	if (t.bytes_total <= 0) {
		snprintf(buf, n, "%s", layers);
		return;
	}
	char done[32], total[32];
	format_size_prec(done, sizeof(done), (double)t.bytes_done, 4);
	format_size_prec(total, sizeof(total), (double)t.bytes_total, 4);
	snprintf(buf, n, "%s, %s/%s", layers, done, total);
}

/* The same drawing as a pull's row: docker/cli's JSONProgress.String without the bar. */
void
push_row_counts(const struct push_row *r, char *buf, size_t n)
{
	struct pull_row pr;
	memset(&pr, 0, sizeof(pr));
	pr.current = r->current;
	pr.total = r->total;
	pull_row_counts(&pr, buf, n);
}

void
push_row_text(const struct push_row *r, char *buf, size_t n)
{
	if (n == 0)
		return;
	char counts[80];
	push_row_counts(r, counts, sizeof(counts));
	const char *status = r->status ? r->status : "";
	if (*counts)
		snprintf(buf, n, "%s: %s %s", r->id, status, counts);
	else
		snprintf(buf, n, "%s: %s", r->id, status);
}

/* ---- what to push ----------------------------------------------------------------- */

void
push_target_free(struct push_target *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->tag);
	free(t->registry);
	free(t->repository);
	free(t->path);
	free(t->display);
	memset(t, 0, sizeof(*t));
}

/* A name in the path as url.URL.EscapedPath leaves it: the reference grammar allows only
 * [a-z0-9._-/:] and, for an IPv6 domain, [ ]; those two are escaped. */
static char *
path_escape(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(3 * n + 1), *o = out;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		    || strchr("-._~/:", c)) {
			*o++ = (char)c;
		} else {
			snprintf(o, 4, "%%%02X", c);
			o += 3;
		}
	}
	*o = '\0';
	return out;
}

bool
push_target_parse(const char *ref, bool all_tags, struct push_target *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	struct reference r;
	enum ref_error e = reference_parse(ref ? ref : "", &r);
	if (e != REF_OK) {
		*err = xstrdup(reference_strerror(e));
		return false;
	}
	if (r.digest) {
		reference_free(&r);
		*err = xstrdup(_("cannot push a digest reference"));
		return false;
	}
	if (all_tags && r.tag) {
		reference_free(&r);
		*err = xstrdup(_("a tag and --all-tags cannot be combined"));
		return false;
	}
	out->all_tags = all_tags;
	out->name = reference_familiar_name(&r);
	out->registry = xstrdup(r.domain);
	out->repository = reference_name(&r);
	out->hub_library = strcmp(r.domain, "docker.io") == 0 && strncmp(r.path, "library/", 8) == 0;
	char *name = path_escape(out->name);
	if (all_tags) {
		out->path = xasprintf("/images/%s/push", name);
		out->display = xasprintf(_("%s (all tags)"), out->name);
	} else {
		out->tag = xstrdup(r.tag ? r.tag : "latest");
		char *tag = engine_escape(out->tag);
		out->path = xasprintf("/images/%s/push?tag=%s", name, tag);
		free(tag);
		out->display = xasprintf("%s:%s", out->name, out->tag);
	}
	free(name);
	reference_free(&r);
	return true;
}

char *
push_path(const char *ref, bool all_tags, char **err)
{
	struct push_target t;
	if (!push_target_parse(ref, all_tags, &t, err))
		return NULL;
	char *path = t.path;
	t.path = NULL;
	push_target_free(&t);
	return path;
}
