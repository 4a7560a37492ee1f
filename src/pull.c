#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "format.h"
#include "i18n.h"
#include "json.h"
#include "progress_stream.h"
#include "pull.h"
#include "sanitize.h"
#include "satnum.h"
#include "strv.h"
#include "xalloc.h"

/* The statuses of a layer, as distribution/xfer and pull_v2.go write them. */
static const struct progress_status layer_statuses[] = {
	{ "Pulling fs layer", false, PULL_PHASE_PENDING },
	{ "Waiting", false, PULL_PHASE_WAITING },
	{ "Downloading", false, PULL_PHASE_DOWNLOADING },
	{ "Retrying in ", true, PULL_PHASE_RETRYING },
	{ "Verifying Checksum", false, PULL_PHASE_VERIFYING },
	{ "Download complete", false, PULL_PHASE_DOWNLOADED },
	{ "Extracting", false, PULL_PHASE_EXTRACTING },
	{ "Pull complete", false, PULL_PHASE_COMPLETE },
	{ "Already exists", false, PULL_PHASE_EXISTS },
};

static const char DIGEST_PREFIX[] = "Digest: ";
static const char STATUS_PREFIX[] = "Status: ";

static bool
status_phase(const char *status, enum pull_phase *phase)
{
	int ph;
	if (!progress_status_phase(layer_statuses, sizeof(layer_statuses) / sizeof(layer_statuses[0]), status, &ph))
		return false;
	*phase = (enum pull_phase)ph;
	return true;
}

void
pull_init(struct pull *p)
{
	memset(p, 0, sizeof(*p));
	p->percent = -1;
}

void
pull_free(struct pull *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nrows; i++) {
		free(p->rows[i].id);
		free(p->rows[i].status);
	}
	free(p->rows);
	strv_free(p->log, p->nlog);
	free(p->digest);
	free(p->status);
	free(p->image_id);
	free(p->error);
	free(p->verdict);
	pull_init(p);
}


/* A new row at the end, or NULL past PULL_ROWS_MAX. Takes ownership of id. */
static struct pull_row *
row_add(struct pull *p, enum pull_row_kind kind, char *id)
{
	if (p->nrows >= PULL_ROWS_MAX) {
		free(id);
		p->dropped++;
		return NULL;
	}
	p->rows = progress_grow(p->rows, p->nrows, sizeof(*p->rows));
	struct pull_row *r = &p->rows[p->nrows++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->id = id;
	r->phase = PULL_PHASE_PENDING;
	return r;
}

/* The layer row of id in the current block, created when new. Takes ownership of id. */
static struct pull_row *
layer_row(struct pull *p, char *id)
{
	for (size_t i = p->block; i < p->nrows; i++) {
		struct pull_row *r = &p->rows[i];
		if (r->kind == PULL_ROW_LAYER && strcmp(r->id, id) == 0) {
			free(id);
			return r;
		}
	}
	return row_add(p, PULL_ROW_LAYER, id);
}

static void
layer_update(struct pull_row *r, const char *status, bool known, enum pull_phase phase,
	     const cJSON *detail)
{
	progress_text_replace(&r->status, status);
	if (known)
		r->phase = phase;
	r->current = progress_json_bytes(detail, "current");
	r->total = progress_json_bytes(detail, "total");

	switch (r->phase) {
	case PULL_PHASE_DOWNLOADING:
		if (r->total > 0) {
			r->size = r->total;
			r->downloaded = progress_min(r->current, r->total);
		}
		break;
	case PULL_PHASE_EXTRACTING:
		/* Extracting counts the compressed bytes: a layer too small to show a
		 * Downloading tick tells its size here. */
		if (r->total > 0 && r->size == 0)
			r->size = r->total;
		if (r->total > 0)
			r->extracted = progress_min(r->current, r->size);
		break;
	default:
		break;
	}
	if (r->phase >= PULL_PHASE_VERIFYING && r->phase <= PULL_PHASE_COMPLETE)
		r->downloaded = r->size;
	if (r->phase == PULL_PHASE_COMPLETE)
		r->extracted = r->size;
}

/* Docker extracts each layer after its download and says so; Podman's stream has neither a
 * "Pulling from" header nor extraction, and ends its layers at "Download complete". */
static bool
extracts(const struct pull *p)
{
	for (size_t i = 0; i < p->nrows; i++)
		if (p->rows[i].kind == PULL_ROW_HEADER)
			return true;
	return false;
}

/* Podman's last line: "Download complete" again, for its config blob, as the image ID. */
static bool
podman_image_line(struct pull *p, const char *id, bool known, enum pull_phase phase)
{
	if (!known || phase != PULL_PHASE_DOWNLOADED || extracts(p))
		return false;
	for (size_t i = p->block; i < p->nrows; i++) {
		struct pull_row *r = &p->rows[i];
		if (r->kind == PULL_ROW_LAYER && strcmp(r->id, id) == 0
		    && (r->phase == PULL_PHASE_DOWNLOADED || r->phase == PULL_PHASE_EXISTS)) {
			r->kind = PULL_ROW_IMAGE;
			free(p->image_id);
			p->image_id = xstrdup(r->id);
			return true;
		}
	}
	return false;
}

static void
set_error(struct pull *p, const char *msg)
{
	if (p->failed)
		return;
	p->failed = true;
	p->error = progress_text_dup(msg && *msg ? msg : _("The engine reported an error without a message"));
}

/* A message that is not a layer's: docker's CLI starts a new block of lines after it. */
static void
plain_message(struct pull *p, const char *status, const char *stream, const char *raw, size_t len)
{
	p->block = p->nrows;
	size_t dl = strlen(DIGEST_PREFIX), sl = strlen(STATUS_PREFIX);
	if (strncmp(status, DIGEST_PREFIX, dl) == 0) {
		free(p->digest);
		p->digest = progress_text_dup(status + dl);
	} else if (strncmp(status, STATUS_PREFIX, sl) == 0) {
		free(p->status);
		p->status = progress_text_dup(status + sl);
		p->done = true;
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
feed_one(struct pull *p, const char *line, size_t len)
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
	if (cJSON_GetObjectItemCaseSensitive(msg, "aux")) {
		cJSON_Delete(msg);
		return true;
	}

	const char *status = json_raw_string(msg, "status");
	const char *id = json_raw_string(msg, "id");
	const cJSON *detail = cJSON_GetObjectItemCaseSensitive(msg, "progressDetail");
	enum pull_phase phase = PULL_PHASE_PENDING;
	bool known = status_phase(status, &phase);

	if (*id && podman_image_line(p, id, known, phase)) {
		/* counted as no layer from now on */
	} else if (*id && (cJSON_IsObject(detail) || known)) {
		struct pull_row *r = layer_row(p, progress_text_dup(id));
		if (r)
			layer_update(r, status, known, phase, detail);
	} else if (*id) {
		/* "Pulling from library/nginx" for tag "latest": the head of a block. */
		struct pull_row *r = row_add(p, PULL_ROW_HEADER, progress_text_dup(id));
		if (r)
			r->status = progress_text_dup(status);
		p->block = p->nrows;
		p->done = false;
		p->percent = -1;
	} else {
		plain_message(p, status, json_raw_string(msg, "stream"), line, len);
	}
	cJSON_Delete(msg);
	return true;
}

void
pull_finish(struct pull *p)
{
	p->done = true;
}

void
pull_fail(struct pull *p, const char *msg)
{
	set_error(p, msg);
}

static bool
layer_done(const struct pull_row *r, bool two_stage)
{
	return r->phase == PULL_PHASE_COMPLETE || r->phase == PULL_PHASE_EXISTS
		|| (!two_stage && r->phase == PULL_PHASE_DOWNLOADED);
}

bool
pull_row_done(const struct pull *p, const struct pull_row *r)
{
	return r->kind == PULL_ROW_LAYER && layer_done(r, extracts(p));
}

void
pull_totals(const struct pull *p, struct pull_totals *t)
{
	memset(t, 0, sizeof(*t));
	bool two_stage = extracts(p);
	for (size_t i = 0; i < p->nrows; i++) {
		const struct pull_row *r = &p->rows[i];
		if (r->kind != PULL_ROW_LAYER)
			continue;
		t->layers++;
		if (layer_done(r, two_stage))
			t->layers_done++;
		if (r->phase == PULL_PHASE_EXISTS) {
			t->layers_existing++;
			continue;
		}
		if (r->size > 0) {
			t->bytes_total = sat_add(t->bytes_total, r->size);
			t->bytes_done = sat_add(t->bytes_done, progress_min(r->downloaded, r->size));
		}
	}
}

/* How far one layer is, 0..1. */
static double
layer_fraction(const struct pull_row *r, bool two_stage)
{
	double dl = 0, ex = 0;
	if (r->phase >= PULL_PHASE_VERIFYING && r->phase <= PULL_PHASE_COMPLETE)
		dl = 1;
	else if (r->size > 0)
		dl = (double)progress_min(r->downloaded, r->size) / (double)r->size;
	if (!two_stage)
		return dl;
	if (r->phase == PULL_PHASE_COMPLETE)
		ex = 1;
	else if (r->phase == PULL_PHASE_EXTRACTING && r->size > 0)
		ex = (double)progress_min(r->extracted, r->size) / (double)r->size;
	return (dl + ex) / 2;
}

/* The estimate for the rows as they are now. */
static int
estimate(const struct pull *p)
{
	bool two_stage = extracts(p);
	size_t work = 0, work_done = 0, nknown = 0;
	double known = 0;
	for (size_t i = 0; i < p->nrows; i++) {
		const struct pull_row *r = &p->rows[i];
		if (r->kind != PULL_ROW_LAYER || r->phase == PULL_PHASE_EXISTS)
			continue;
		work++;
		if (layer_done(r, two_stage))
			work_done++;
		if (r->size > 0) {
			nknown++;
			known += (double)r->size;
		}
	}
	if (work == 0)
		return -1;
	int pct;
	if (nknown == 0) {
		pct = (int)(work_done * 100 / work);
	} else {
		double mean = known / (double)nknown, num = 0, den = 0;
		for (size_t i = 0; i < p->nrows; i++) {
			const struct pull_row *r = &p->rows[i];
			if (r->kind != PULL_ROW_LAYER || r->phase == PULL_PHASE_EXISTS)
				continue;
			double w = r->size > 0 ? (double)r->size : mean;
			num += w * layer_fraction(r, two_stage);
			den += w;
		}
		double f = den > 0 ? num / den : 0;
		pct = f >= 1 ? 100 : f <= 0 ? 0 : (int)(f * 100);
	}
	/* 100 means every layer is through, whatever the rounding said. */
	if (pct >= 100 && work_done < work)
		pct = 99;
	return pct;
}

bool
pull_feed(struct pull *p, const char *line, size_t len)
{
	bool ok = feed_one(p, line, len);
	int pct = estimate(p);
	if (pct > p->percent)
		p->percent = pct;
	return ok;
}

int
pull_percent(const struct pull *p)
{
	if (p->done && !p->failed)
		return 100;
	return p->percent;
}

void
pull_summary(const struct pull *p, char *buf, size_t n)
{
	if (n == 0)
		return;
	struct pull_totals t;
	pull_totals(p, &t);
	if (t.layers == 0) {
		buf[0] = '\0';
		return;
	}
	if (t.bytes_total <= 0 && !extracts(p)) {
		/* Podman without a byte count (yet): the layers are the measure */
		snprintf(buf, n, ngettext("%zu of %zu layer", "%zu of %zu layers", (unsigned long)t.layers),
			 t.layers_done, t.layers);
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

/* docker/cli's JSONProgress.String without the bar (terminals up to 110 columns). */
void
pull_row_counts(const struct pull_row *r, char *buf, size_t n)
{
	if (n == 0)
		return;
	buf[0] = '\0';
	if (r->current <= 0 && r->total <= 0)
		return;
	char cur[32], tot[32];
	format_size_prec(cur, sizeof(cur), (double)r->current, 4);
	if (r->total <= 0 || r->current > r->total) {
		snprintf(buf, n, "%8s", cur);
		return;
	}
	format_size_prec(tot, sizeof(tot), (double)r->total, 4);
	snprintf(buf, n, "%8s/%s", cur, tot);
}

void
pull_row_text(const struct pull_row *r, char *buf, size_t n)
{
	if (n == 0)
		return;
	if (r->kind == PULL_ROW_IMAGE) {
		/* Podman's config blob, named again at the end: the image, not a layer */
		snprintf(buf, n, "%s: %s", _("Image ID"), r->id);
		return;
	}
	char counts[80];
	pull_row_counts(r, counts, sizeof(counts));
	const char *status = r->status ? r->status : "";
	if (*counts)
		snprintf(buf, n, "%s: %s %s", r->id, status, counts);
	else
		snprintf(buf, n, "%s: %s", r->id, status);
}
