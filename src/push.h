/* The progress of one push (POST /images/{name}/push?tag=…), fed the engine's JSON message
 * stream one line at a time: a row per layer as `docker push` draws them, the digest of each
 * tag pushed, and an overall percentage. The twin of pull.h: the same calls, limits and
 * sanitizing, and rows drawn with the same text (push_row_text uses pull_row_counts). Plain C
 * data: nothing from cJSON is kept, and every string is sanitized, because the stream comes
 * from the engine and the registry behind it.
 *
 * A push stream (dockerd 20.10, see tests/fixtures/capture-push.sh):
 *   {"status":"The push refers to repository [127.0.0.1:5000/demo/push]"}
 *   {"status":"Preparing","progressDetail":{},"id":"d7c8738826f4"}
 *   {"status":"Pushing","progressDetail":{"current":33280,"total":3145728},"progress":"…","id":"d7c8738826f4"}
 *   {"status":"Pushed","progressDetail":{},"id":"d7c8738826f4"}
 *   {"status":"1: digest: sha256:85ea… size: 739"}
 *   {"progressDetail":{},"aux":{"Tag":"1","Digest":"sha256:85ea…","Size":739}}
 * Layer ids are the first 12 hex of the layer's diff ID (not of the compressed blob, as in a
 * pull). Pushing's total is the uncompressed layer size, and current (bytes read from it)
 * ends a little past it. With no tag (push -a) one such block follows another, one per tag;
 * a tag that does not exist locally is an error line inside a 200 stream. */
#ifndef BUDU_PUSH_H
#define BUDU_PUSH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pull.h"

/* Where a layer is; the order is the order a layer goes through. */
enum push_phase {
	PUSH_PHASE_PREPARING,	/* "Preparing", or a status budu does not know */
	PUSH_PHASE_WAITING,	/* "Waiting": queued behind max-concurrent-uploads */
	PUSH_PHASE_PUSHING,	/* "Pushing" */
	PUSH_PHASE_RETRYING,	/* "Retrying in N seconds" (an upload failed; the engine retries) */
	PUSH_PHASE_PUSHED,	/* "Pushed" */
	PUSH_PHASE_EXISTS,	/* "Layer already exists": the registry has the blob */
	PUSH_PHASE_MOUNTED,	/* "Mounted from demo/push": cross-repository mount, no upload */
	PUSH_PHASE_SKIPPED,	/* "Skipped foreign layer" */
};

enum push_row_kind {
	PUSH_ROW_LAYER,		/* "<12 hex>: Pushing …" */
	PUSH_ROW_DIGEST,	/* "1: digest: sha256:… size: 739": id is the tag, status the rest */
};

struct push_row {
	enum push_row_kind kind;
	char *id;		/* sanitized; a layer id (12 hex of the diff ID) or a tag */
	char *status;		/* sanitized, as the engine sent it: "Pushing", "Mounted from demo/x",
				 * "digest: sha256:… size: 739" */
	enum push_phase phase;	/* PUSH_PHASE_PREPARING for digest rows */
	int64_t current;	/* the last progressDetail of this row (bytes, >= 0), or 0 when the */
	int64_t total;		/* last message had none ({} included): what `docker push` draws */
	int64_t size;		/* the layer's size (Pushing's total), 0 = unknown */
	int64_t pushed;		/* bytes pushed, 0..size (size once Pushed) */
};

/* One tag pushed: from its "T: digest: D size: N" line, confirmed by the aux object after it. */
struct push_result {
	char *tag;		/* sanitized */
	char *digest;		/* "sha256:…", sanitized */
	int64_t size;		/* the manifest's size in bytes */
};

struct push {
	struct push_row *rows;	/* in order of first appearance, as `docker push` prints them */
	size_t nrows;
	size_t block;		/* rows[block..] are the ones a layer id is looked up in; a line
				 * without an id starts a new block (docker's CLI does the same), so the
				 * same layer under the next tag of push -a gets a row of its own */
	size_t tag_start;	/* rows[tag_start..] are the current tag's (after the last digest row) */
	char *repository;	/* "127.0.0.1:5000/demo/push" from "The push refers to repository
				 * [...]", NULL until then */
	struct push_result *results;	/* one per tag pushed, in order */
	size_t nresults;
	char *digest;		/* the last result's digest, NULL until one came */
	bool done;		/* a tag's digest came (cleared when the next tag's layers start), or
				 * push_finish was called */
	bool failed;		/* an error line came (or push_fail was called) */
	char *error;		/* the error message, sanitized; NULL unless failed */
	char **log;		/* other lines, sanitized, oldest first: at most PUSH_LOG_MAX */
	size_t nlog;
	size_t dropped;		/* rows, results and log lines dropped over the limits below */
	int percent;		/* what push_percent says unless done: the highest estimate since
				 * the current tag's first layer (-1 = none) */
};

#define PUSH_ROWS_MAX PULL_ROWS_MAX
#define PUSH_RESULTS_MAX 1024
#define PUSH_LOG_MAX PULL_LOG_MAX
#define PUSH_TEXT_MAX PULL_TEXT_MAX

#define PUSH_INIT { NULL, 0, 0, 0, NULL, NULL, 0, NULL, false, false, NULL, NULL, 0, 0, -1 }

void push_init(struct push *p);
void push_free(struct push *p);

/* One line of the stream (engine_stream's on_line: no "\r\n"; a trailing '\r' or spaces are
 * ignored anyway). line needs no NUL terminator.
 * - {"status":S,"id":I,"progressDetail":{…}}: the row of layer I is created or updated (a
 *   known layer status makes a layer row even without progressDetail).
 * - {"status":"The push refers to repository [R]"}: repository = R.
 * - {"status":"T: digest: D size: N"}: a digest row (id T), a result, digest = D, done.
 * - {"aux":{"Tag":T,"Digest":D,"Size":N}}: confirms (or corrects, or adds) the result of T.
 * - {"errorDetail":{"message":M},"error":E}: failed, error = M (or E when M is missing).
 * - Anything else (other statuses, "stream" text, a status with an id but neither
 *   progressDetail nor a known layer status, lines that are not JSON): appended to the log.
 *   Empty lines are ignored.
 * Returns false only for the error line, so an on_line callback may return push_feed(…)
 * to stop on the first error. */
bool push_feed(struct push *p, const char *line, size_t len);

/* For the job runner: the stream ended without an error line. */
void push_finish(struct push *p);
/* For the job runner: the request failed (HTTP error, engine lost). msg is sanitized here. */
void push_fail(struct push *p, const char *msg);

/* Counts over every layer row: layers done are Pushed, Layer already exists, Mounted from and
 * Skipped foreign layer; the last three are also "existing" (nothing to upload). Bytes are the
 * upload: the sum of the sizes known so far of the layers that are uploaded, and of what has
 * been pushed of them. */
struct push_totals {
	size_t layers;
	size_t layers_done;
	size_t layers_existing;	/* already exists, mounted, skipped */
	int64_t bytes_done;
	int64_t bytes_total;	/* 0 while no size is known */
};
void push_totals(const struct push *p, struct push_totals *t);

/* The overall progress of the tag being pushed, 0..100, or -1 while it is unknown (no layer
 * yet); 99 while every layer is through but the tag's digest has not come, 100 once done.
 * Layers that need no upload do not count (all of them there already: 99 at once). With byte counts each layer
 * weighs its size (one whose size is not known yet weighs the mean of the known sizes), without
 * any it is the share of layers done. Never goes back within a tag; the next tag of push -a
 * starts it again. O(rows of the tag). */
int push_percent(const struct push *p);

/* "1/2 layers, 1.2MB/5.128MB" (sizes as HumanSize: precision 4), "2/2 layers" without byte
 * counts (all there already), "" before any layer. Translated (pull_summary's words). */
void push_summary(const struct push *p, char *buf, size_t n);

/* What `docker push` draws on a terminal narrower than 111 columns (no bar), trailing space
 * dropped:
 *   "d7c8738826f4: Pushing  2.327MB/3.146MB"    "d7c8738826f4: Pushing  3.147MB" (past total)
 *   "d7c8738826f4: Mounted from demo/push"      "1: digest: sha256:85ea… size: 739"
 * Enough room: PUSH_ROW_TEXT_MAX bytes. */
#define PUSH_ROW_TEXT_MAX PULL_ROW_TEXT_MAX
void push_row_text(const struct push_row *r, char *buf, size_t n);
/* Only the counts part, as pull_row_counts: " 2.327MB/3.146MB", " 3.147MB", "". */
void push_row_counts(const struct push_row *r, char *buf, size_t n);

/* ---- what to push ----------------------------------------------------------------- */

/* A reference to push, checked and turned into the engine's request as the CLI makes it
 * (docker/cli ImagePush): the familiar name in the path, tag= the tag ("latest" when none was
 * given), no tag= at all for every tag of the repository (push -a). */
struct push_target {
	char *name;		/* familiar: "nginx", "alice/app", "127.0.0.1:5000/demo/app" */
	char *tag;		/* "1", "latest" when none was given; NULL with all_tags */
	char *registry;		/* the domain: "docker.io", "127.0.0.1:5000" (for credentials) */
	char *repository;	/* normalized, no tag: "docker.io/library/nginx",
				 * "127.0.0.1:5000/demo/app" (what the stream's first line names) */
	char *path;		/* "/images/127.0.0.1:5000/demo/app/push?tag=1",
				 * "/images/demo/app/push" (all tags); no API version prefix */
	char *display;		/* "127.0.0.1:5000/demo/app:1", "demo/app (all tags)" (translated) */
	bool all_tags;
	bool hub_library;	/* docker.io/library/…: Docker Hub's official images; a user pushes
				 * to <user>/<name>:<tag> instead (the naming rule to explain) */
};

/* ref as the user or an image's RepoTags gives it ("127.0.0.1:5000/demo/app:1", "demo/app",
 * "nginx"). all_tags: push every tag (push -a), ref must then have no tag. On failure returns
 * false, *out is empty and *err is a translated message (caller frees): the reference's own
 * error (reference_strerror), "cannot push a digest reference" (the CLI's words) and "a tag and
 * --all-tags cannot be combined" (pull_input's words; the CLI: "tag can't be used with
 * --all-tags/-a"). */
bool push_target_parse(const char *ref, bool all_tags, struct push_target *out, char **err);
void push_target_free(struct push_target *t);

/* Only the path of push_target_parse (new string), or NULL with *err as there. */
char *push_path(const char *ref, bool all_tags, char **err);

#endif
