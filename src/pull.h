/* The progress of one pull (POST /images/create?fromImage=…), fed the engine's JSON message
 * stream one line at a time: a row per layer as `docker pull` draws them, the digest and the
 * final status, and an overall percentage. Plain C data: nothing from cJSON is kept, and every
 * string is sanitized, because the stream comes from the engine and the registry behind it. */
#ifndef BUDU_PULL_H
#define BUDU_PULL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "progress_stream.h"

/* Where a layer is; the order is the order a layer goes through. */
enum pull_phase {
	PULL_PHASE_PENDING,	/* "Pulling fs layer", or a status budu does not know yet */
	PULL_PHASE_WAITING,	/* "Waiting": queued behind max-concurrent-downloads */
	PULL_PHASE_DOWNLOADING,	/* "Downloading" */
	PULL_PHASE_RETRYING,	/* "Retrying in N seconds" (a download failed; the engine retries) */
	PULL_PHASE_VERIFYING,	/* "Verifying Checksum" */
	PULL_PHASE_DOWNLOADED,	/* "Download complete" */
	PULL_PHASE_EXTRACTING,	/* "Extracting" */
	PULL_PHASE_COMPLETE,	/* "Pull complete" */
	PULL_PHASE_EXISTS,	/* "Already exists": nothing to download */
};

enum pull_row_kind {
	PULL_ROW_LAYER,		/* "<12 hex>: Downloading …" */
	PULL_ROW_HEADER,	/* "1: Pulling from demo/app": id is the tag or digest being pulled */
	PULL_ROW_IMAGE,		/* Podman's last line, "Download complete" again for the image's
				 * config blob, whose digest is the image ID: no layer */
};

struct pull_row {
	enum pull_row_kind kind;
	char *id;		/* sanitized; a layer id (12 hex of the blob digest) or a tag */
	char *status;		/* sanitized, as the engine sent it: "Downloading", "Retrying in 5 seconds" */
	enum pull_phase phase;	/* PULL_PHASE_PENDING for headers */
	int64_t current;	/* the last progressDetail of this row (bytes, >= 0), or 0 when the */
	int64_t total;		/* last message had none ({} included): what `docker pull` draws */
	int64_t size;		/* compressed size (the Downloading or Extracting total), 0 = unknown */
	int64_t downloaded;	/* bytes downloaded, 0..size */
	int64_t extracted;	/* bytes extracted, 0..size */
};

struct pull {
	struct pull_row *rows;	/* in order of first appearance, as `docker pull` prints them */
	size_t nrows;
	size_t block;		/* rows[block..] are the ones a layer id is looked up in; a line
				 * without an id starts a new block (docker's CLI does the same), so the
				 * same layer under another tag of `pull -a` gets a row of its own */
	char *digest;		/* "sha256:…" from "Digest: sha256:…", NULL until then (the last one
				 * with pull -a) */
	char *status;		/* "Downloaded newer image for x:y", "Image is up to date for x:y"
				 * (the text after "Status: "), NULL until then */
	char *image_id;		/* Podman: the 12 hex of the image ID its stream ends with, NULL
				 * until then (Docker sends none) */
	bool done;		/* the Status line came (or pull_finish was called) */
	bool failed;		/* an error line came (or pull_fail was called) */
	char *error;		/* the error message, sanitized; NULL unless failed */
	char **log;		/* other lines, sanitized, oldest first: at most PULL_LOG_MAX */
	size_t nlog;
	size_t dropped;		/* rows and log lines dropped over the limits below */
	int percent;		/* what pull_percent says unless done: the highest estimate since
				 * the block's header (-1 = none) */
	char *verdict;		/* set by the caller after the pull: does the registry announce the
				 * digest pulled? (sanitized; freed by pull_free) */
	bool verdict_bad;	/* it announces another, or could not be asked */
};

/* A hostile stream cannot make the model grow without end: rows past PULL_ROWS_MAX are not
 * added (updates to existing rows still count), the log keeps its newest PULL_LOG_MAX lines,
 * and a text is cut at PULL_TEXT_MAX bytes before it is sanitized (progress_stream.h, which
 * push.h shares). */
#define PULL_ROWS_MAX PROGRESS_ROWS_MAX
#define PULL_LOG_MAX PROGRESS_LOG_MAX
#define PULL_TEXT_MAX PROGRESS_TEXT_MAX

#define PULL_INIT { NULL, 0, 0, NULL, NULL, NULL, false, false, NULL, NULL, 0, 0, -1 }

void pull_init(struct pull *p);
void pull_free(struct pull *p);

/* One line of the stream (engine_stream's on_line: no "\r\n"; a trailing '\r' or spaces are
 * ignored anyway). line needs no NUL terminator.
 * - {"status":S,"id":I,"progressDetail":{…}}: the row of layer I is created or updated. A known
 *   layer status ("Downloading", "Pull complete", …) makes a layer row even without
 *   progressDetail (engines that never send it).
 * - {"status":"Pulling from …","id":TAG} (an id, no progressDetail, no layer status): a header
 *   row; a new block begins and `done` is cleared (the next tag of pull -a).
 * - {"status":"Digest: …"} and {"status":"Status: …"}: digest and status; Status sets done.
 * - Podman (no "Pulling from" header): a second "Download complete" for a row already through
 *   (its config blob, named again as the image ID at the end) turns that row into
 *   PULL_ROW_IMAGE and sets image_id; it counts as no layer.
 * - {"errorDetail":{"message":M},"error":E}: failed, error = M (or E when M is missing).
 * - {"aux":…}: ignored. Anything else (other statuses without an id, "stream" text, lines
 *   that are not JSON): appended to the log. Empty lines are ignored.
 * Returns false only for the error line, so an on_line callback may return pull_feed(…)
 * to stop on the first error. */
bool pull_feed(struct pull *p, const char *line, size_t len);

/* For the job runner: the stream ended without an error line (Podman sends no Status line). */
void pull_finish(struct pull *p);
/* For the job runner: the request failed (HTTP error, engine lost). msg is sanitized here. */
void pull_fail(struct pull *p, const char *msg);

/* Counts over every layer row: layers done are "Pull complete" and "Already exists" (and
 * "Download complete" on engines that never extract, i.e. with no "Pulling from" header:
 * Podman). Bytes are the download: the sum of the sizes known so far, and of what has been
 * downloaded of them (a layer past "Verifying Checksum" counts whole). */
struct pull_totals {
	size_t layers;
	size_t layers_done;
	size_t layers_existing;	/* "Already exists" */
	int64_t bytes_done;
	int64_t bytes_total;	/* 0 when the engine sent no byte counts */
};
void pull_totals(const struct pull *p, struct pull_totals *t);

/* The overall progress, 0..100, or -1 while it is unknown (no layer to pull yet); 100 once
 * done. Layers that already exist are no work and do not count. With byte counts, each layer
 * weighs its size (a layer whose size is not known yet weighs the mean of the known sizes)
 * and, on Docker, download and extraction weigh half each; without any byte count it is the
 * share of layers done. The estimate is made as each line is fed, and never goes back within
 * a block, although the engine tells the sizes as it goes (a big layer that was waiting makes
 * the true share drop); a header (the next tag of pull -a) starts it again. O(1). */
int pull_percent(const struct pull *p);

/* "3/5 layers, 12.35MB/40.1MB" (sizes as HumanSize: precision 4), "3/5 layers" on Docker
 * before any byte count; on Podman "3 of 5 layers" while no byte count has come (its stream
 * from a fast registry has none: the progress is counted in layers); "" before any layer.
 * Translated. */
void pull_summary(const struct pull *p, char *buf, size_t n);

/* Whether the layer row r of p is through: "Pull complete", "Already exists", or on an engine
 * that does not extract (Podman) "Download complete". False for rows that are no layer. */
bool pull_row_done(const struct pull *p, const struct pull_row *r);

/* What `docker pull` draws on a terminal narrower than 111 columns (no bar) for the row's last
 * message, trailing space dropped:
 *   "1f9f8a4a3947: Downloading  12.35MB/40.12MB"   (HumanSize, the current size padded to 8)
 *   "1f9f8a4a3947: Extracting  3.146MB/40.12MB"    "1f9f8a4a3947: Pull complete"
 *   "1: Pulling from demo/app"      "Image ID: c2f7578ce9fb" (Podman's last line; translated)
 * Enough room: PULL_ROW_TEXT_MAX bytes. */
#define PULL_ROW_TEXT_MAX (8 * PULL_TEXT_MAX + 96)
void pull_row_text(const struct pull_row *r, char *buf, size_t n);
/* Only the counts part: " 12.35MB/40.12MB", "   108B" when current > total, "" without counts. */
void pull_row_counts(const struct pull_row *r, char *buf, size_t n);

#endif
