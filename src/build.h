/* docker build with the classic builder (POST /build?version=1): the form, checked and turned
 * into the query the CLI sends; the context (build_context.h, with .dockerignore applied) and
 * the X-Registry-Config header sent through engine_upload; and the build log, a model of the
 * engine's answer (steps, their output, stderr, the image ID, the error and its step).
 *
 * How the UI runs one:
 *   1. build_prepare(&form, &err) on any thread: checks the form, resolves the context and
 *      Dockerfile as `docker build` does, reads .dockerignore, makes the query. Cheap (a few
 *      stats, two small files, the context root's names).
 *   2. build_run(job, engine, NULL, on_line, ctx, cancel) on a worker: looks the registry logins
 *      up (credential helpers may run), uploads the context as it is made and hands each JSON
 *      line of the answer to on_line, on that worker. The UI passes the lines to its own thread
 *      and feeds them to a struct build_log there (build_log_feed), as pulls do.
 *      build_job_stats() from any thread meanwhile: the files and bytes sent so far.
 *      cancel_request(cancel) from any thread stops the upload or the stream; the engine then
 *      stops the build (kills and removes the step's container; no image is tagged).
 *   3. After build_run: build_log_finish, or build_log_fail with the response's error (an
 *      on_line that returns build_log_feed's false stops at the engine's error line: the
 *      response then says ENGINE_CANCELLED, and the log has failed already);
 *      build_job_context_error() tells a context that could not be read (the run then ends as
 *      ENGINE_CANCELLED with that message in r.error). build_job_free.
 *
 * Everything shown is sanitized here: the engine's text, file names, the Dockerfile's steps. */
#ifndef BUDU_BUILD_H
#define BUDU_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "build_context.h"
#include "engine.h"
#include "strbuf.h"

/* ---- the form -------------------------------------------------------------------------------- */

struct build_form {
	const char *context;	/* the context directory, as typed: relative to the working directory */
	const char *dockerfile;	/* -f: NULL or "" for the context's Dockerfile (or dockerfile); else, as
				 * the CLI reads -f, relative to the working directory, not the context */
	const char *const *tags;	/* -t, each a reference (reference.h) without digest */
	size_t ntags;
	const char *const *build_args;	/* --build-arg "K=V"; a bare "K" takes $K when it is set (else
					 * it is sent as null: the ARG's default) */
	size_t nargs;
	const char *target;	/* --target, NULL or "" for the last stage */
	bool no_cache;		/* --no-cache */
	bool pull;		/* --pull */
};

/* The query of POST /build for f, dockerfile being the Dockerfile's name in the context's tar:
 * "/build?buildargs=%7B%7D&dockerfile=Dockerfile&rm=1&t=app%3A1&version=1", the CLI's
 * parameters in its (sorted) order; target, nocache and pull only when set. NULL with a
 * translated *err for a tag or build argument the CLI refuses. Any thread. */
char *build_query(const struct build_form *f, const char *dockerfile, char **err);

/* The buildargs JSON of build_args as the CLI makes it: {"A":"1","B":null}, keys sorted, the
 * last of a key wins. NULL with *err for an argument without a name ("=x"). */
char *build_args_json(const char *const *args, size_t n, char **err);

/* A Dockerfile from outside the context is sent as ".dockerfile." and 20 random hex digits,
 * as the CLI names it. New string. */
char *build_random_dockerfile_name(void);

/* The X-Registry-Config header line the CLI sends: base64url (padded) of the JSON map of every
 * registry login docker keeps (config.json, credential helpers; dir as registry_auth.h, NULL
 * for the default) to its auth config, "e30=" ({}) without any; logins a helper cannot give
 * are left out. The classic builder uses them to pull FROM images. Worker threads only (it may
 * run helpers). The line holds secrets: free it with secret_free (registry_creds.h). */
char *build_registry_config(const char *dir);

/* ---- a prepared build ------------------------------------------------------------------------ */

struct build_job;

/* Checks f and resolves it as `docker build` does; NULL with a translated *err ("unable to
 * prepare context: path \"x\" not found", "Cannot locate Dockerfile: …", a bad tag, a
 * .dockerignore with a syntax error, a context root that cannot be read). */
struct build_job *build_prepare(const struct build_form *f, char **err);
void build_job_free(struct build_job *j);

/* What was resolved, for the UI to show (sanitize before drawing: they are file names). */
const char *build_job_context_dir(const struct build_job *j);	/* absolute, symlinks resolved */
const char *build_job_dockerfile(const struct build_job *j);	/* its name in the tar */
const char *build_job_path(const struct build_job *j);		/* the "/build?…" query */

/* Runs the build: POST /build with the context as its body (see the steps above). dir: the
 * docker configuration directory for the logins (NULL: $DOCKER_CONFIG or ~/.docker). A job runs
 * once. Worker thread; on_line runs on it. */
struct engine_response build_run(struct build_job *j, struct engine *e, const char *dir,
				 engine_line_fn on_line, void *ctx, struct cancel *c);

/* The job's context tar as build_run sends it, for a caller that sends or keeps it otherwise
 * (engine_body_fn: up to size bytes, 0 at the end, -1 on an error). Instead of build_run. */
long build_job_read(char *buf, size_t size, void *job);

/* The context so far (files, bytes; any thread), and why it could not be sent (NULL if it
 * could). */
void build_job_stats(const struct build_job *j, struct build_context_stats *out);
const char *build_job_context_error(const struct build_job *j);

/* ---- the log --------------------------------------------------------------------------------- */

enum build_line_kind {
	BUILD_LINE_OUTPUT,	/* what a step printed, and other text of the engine */
	BUILD_LINE_STDERR,	/* what a step printed on stderr (the engine wraps it in red) */
	BUILD_LINE_STEP,	/* "Step 2/5 : RUN make" */
	BUILD_LINE_RUNNING,	/* " ---> Running in 6a941cd42452" */
	BUILD_LINE_CACHE,	/* " ---> Using cache" */
	BUILD_LINE_RESULT,	/* " ---> 2e9492274750": the step's image */
	BUILD_LINE_REMOVE,	/* "Removing intermediate container 6a941cd42452" */
	BUILD_LINE_SUCCESS,	/* "Successfully built …", "Successfully tagged …" */
	BUILD_LINE_WARNING,	/* "[Warning] …" (20.10 sends a step's as " ---> [Warning] …") */
	BUILD_LINE_STATUS,	/* FROM's image being pulled: "1f9f8a4a3947: Downloading"; a layer's
				 * next status replaces its line while it is the last one */
	BUILD_LINE_ERROR,	/* the error that ended the build */
};

struct build_line {
	enum build_line_kind kind;
	int step;		/* the step it came in, 1-based; 0 before the first */
	char *text;		/* sanitized, escape sequences removed, tabs expanded; no newline */
};

/* A hostile or chatty build cannot grow the log without end: it keeps the newest
 * BUILD_LOG_MAX lines (dropped counts the others), and a line is cut at BUILD_LINE_MAX bytes
 * (then ends in "…"). */
#define BUILD_LOG_MAX 10000
#define BUILD_LINE_MAX 4096

struct build_log {
	struct build_line *ring;	/* max slots once the first line comes */
	size_t max;			/* lines kept: BUILD_LOG_MAX unless build_log_set_max */
	size_t start, n;		/* the oldest kept line, how many are kept */
	size_t dropped;			/* lines dropped from the front */
	int step, steps;		/* the current step N and the M of "Step N/M" (0 = none yet) */
	char *step_text;		/* the current step's instruction: "RUN make" */
	char *container;		/* the running step's container (" ---> Running in …"), or NULL */
	size_t cache_hits;		/* " ---> Using cache" */
	char *image_id;			/* "sha256:…" (the aux message), or the short ID of
					 * "Successfully built"; NULL until then */
	char **tags;			/* "Successfully tagged x:y", in order */
	size_t ntags;
	bool done;			/* the stream ended (build_log_finish) */
	bool failed;			/* an error line came, or build_log_fail */
	char *error;			/* its message, sanitized */
	long error_code;		/* errorDetail's code (a RUN's exit status), 0 if none */
	int failed_step;		/* the step that failed (0: before any step) */
	char *failed_step_text;		/* its instruction, or NULL */
	/* the text of the stream between calls (a line may come in pieces) */
	struct strbuf partial;
	bool partial_err, partial_cut, in_err, pending_cr;
	int esc;			/* escape sequence parser state */
	char esc_buf[16];
	size_t esc_len;
	char *status_id;		/* the layer whose status line is the last line */
};

void build_log_init(struct build_log *l);
/* Keeps max lines (> 0) instead of BUILD_LOG_MAX (the config file's log-lines); before the
 * first line only. */
void build_log_set_max(struct build_log *l, size_t max);
void build_log_free(struct build_log *l);

/* One JSON line of the answer (engine_stream's on_line; no NUL needed):
 * {"stream":T} text, split into lines across calls; {"aux":{"ID":…}} the image ID;
 * {"status":…,"id":…} pull progress; {"errorDetail":{"message":M,"code":C},"error":E} the failure
 * (failed, error, failed_step); anything else is kept as a line of text. Returns false only for
 * the error line, so an on_line callback may return build_log_feed(…). */
bool build_log_feed(struct build_log *l, const char *line, size_t len);
/* The stream ended: the last partial line is kept; done unless failed. */
void build_log_finish(struct build_log *l);
/* The request failed (engine lost, HTTP error, cancelled, the context could not be read): msg
 * (sanitized here) becomes the error, at the current step. */
void build_log_fail(struct build_log *l, const char *msg);
/* Line i of the kept ones, 0 the oldest; NULL past the end. */
const struct build_line *build_log_line(const struct build_log *l, size_t i);

#endif
