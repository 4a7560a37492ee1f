/* The Engine API client: HTTP over the engine's unix socket or tcp:// (TLS), through http.h.
 *
 * Thread model: an engine is shared by every thread; each request uses its own curl handle,
 * so requests may run on several worker threads at once. Nothing here blocks the UI thread
 * because only workers call engine_request()/engine_stream(). */
#ifndef BUDU_ENGINE_H
#define BUDU_ENGINE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "host.h"
#include "http.h"	/* struct cancel, cancel_init, cancel_request... */

struct engine;

enum engine_status {
	ENGINE_OK = 0,		/* an HTTP answer arrived; see http_status */
	ENGINE_UNREACHABLE,	/* no connection could be made: the engine is down or the address is wrong */
	ENGINE_LOST,		/* the connection broke mid-answer */
	ENGINE_CANCELLED,
	ENGINE_BAD_ANSWER,	/* not HTTP, or not the JSON we expected */
};

struct engine_response {
	enum engine_status status;
	long http_status;	/* 200, 404...; 0 unless status == ENGINE_OK */
	char *body;		/* NUL-terminated, never NULL after engine_request */
	size_t len;
	/* For any failure, including HTTP >= 400: what the user reads. The engine's own
	 * {"message": ...} when it sent one; else a sentence naming the address and the reason,
	 * e.g. "Cannot connect to the Docker engine at unix:///var/run/docker.sock: no such file". */
	char *error;
};

/* What /_ping and /version said. */
struct engine_info {
	char api_version[16];	/* negotiated: min(ours, the engine's), or DOCKER_API_VERSION */
	char engine_version[64];/* "20.10.24+dfsg1"; Podman's own version, "4.3.1" */
	char product[16];	/* "Docker" or "Podman": what to call the engine (not translated) */
	bool podman;		/* Podman's Docker-compatible service (see engine-api.md §17) */
	char os[32];
	long long server_time;	/* the engine's clock (Date header of /_ping), Unix seconds; 0 if unknown */
};

/* The newest API budu speaks; negotiation never asks for more. */
#define ENGINE_API_MAX "1.45"
/* Below this, error bodies are text/plain and image lists lack fields budu reads. */
#define ENGINE_API_MIN "1.24"

/* forced_api: DOCKER_API_VERSION, or NULL to negotiate. Takes ownership of *host. The engine
 * is reference-counted, from any thread: engine_new returns one reference, engine_ref adds
 * one (a fetch or a job keeps its engine while the app switches hosts), engine_free drops
 * one and frees on the last. */
struct engine *engine_new(struct host *host, const char *forced_api);
struct engine *engine_ref(struct engine *e);
void engine_free(struct engine *e);
const struct host *engine_host(const struct engine *e);

/* GET /_ping (unversioned), then /version; fills *info and fixes the version used in
 * later paths. Call again after the engine comes back: it may have been upgraded. Docker names
 * itself in /_ping's Server header ("Docker/20.10.24+dfsg1 (linux)") and /version is skipped;
 * Podman ("Libpod/4.3.1 (linux)") and engines without that header are asked /version. A
 * DOCKER_API_VERSION newer than the engine's gives http_status 400 and the engine's words in
 * error: no later request could succeed, so it is not worth retrying. */
struct engine_response engine_connect(struct engine *e, struct engine_info *info, struct cancel *c);

/* Fills product, podman, engine_version and os of *info from a GET /version body (len bytes,
 * no NUL needed), leaving the other fields: Podman is a Components[] entry named "Podman
 * Engine" (its Version is Podman's), or a Platform.Name that names Podman; anything else is
 * Docker. Strings are sanitized. Returns false (product "Docker", nothing else set) when body
 * is no JSON object. Pure, any thread. */
bool engine_info_from_version(struct engine_info *info, const char *body, size_t len);
/* Whether an Api-Version header's value may go into request paths: N.N, 1 to 4 digits each
 * ("1.45"); "99999999.1", "1.45/../x", "-1.2" are not. Pure. */
bool engine_api_version_ok(const char *v);

/* One request on a versioned path ("/images/json?all=1" becomes "/v1.41/images/json?all=1").
 * body may be NULL. The caller frees with engine_response_free(). */
struct engine_response engine_request(struct engine *e, const char *method, const char *path,
				      const char *body, struct cancel *c);

/* A streaming request (events, pull): on_line gets each JSON line without its "\r\n";
 * returning false stops the stream (reported as ENGINE_CANCELLED). A line longer than
 * LINESPLIT_MAX (1 MiB, src/linesplit.h) drops the stream: ENGINE_BAD_ANSWER with a message
 * saying so. The response body holds the error answer only, when the status is >= 400. */
typedef bool (*engine_line_fn)(const char *line, size_t len, void *ctx);
struct engine_response engine_stream(struct engine *e, const char *method, const char *path,
				     engine_line_fn on_line, void *ctx, struct cancel *c);

/* engine_stream with an X-Registry-Auth header (pull, push): registry_auth is its value (base64url
 * JSON, src/registry_auth.h), or NULL for none. The value is sent, never kept or shown. */
struct engine_response engine_stream_auth(struct engine *e, const char *method, const char *path,
					  const char *registry_auth, engine_line_fn on_line, void *ctx,
					  struct cancel *c);

/* A streaming request whose body is not JSON lines (a container's logs): on_data gets the bytes
 * as they arrive; returning false stops the stream (ENGINE_CANCELLED). As engine_stream, the
 * response body holds the error answer only. */
typedef bool (*engine_data_fn)(const char *data, size_t len, void *ctx);
struct engine_response engine_stream_raw(struct engine *e, const char *method, const char *path,
					 engine_data_fn on_data, void *ctx, struct cancel *c);

/* A POST whose body is streamed as it is produced (load, import, build): the body goes out
 * chunked while the answer's JSON lines come to on_line, as engine_stream. */
typedef long (*engine_body_fn)(char *buf, size_t size, void *ctx);	/* as http_read_fn */
struct engine_upload {
	engine_body_fn body;	/* bytes > 0, 0 at the end, -1 aborts (ENGINE_CANCELLED) */
	void *body_ctx;
	const char *content_type;	/* NULL: "application/x-tar" */
	const char *registry_auth;	/* X-Registry-Auth's value, or NULL */
	const char *secret_header;	/* a whole header line with credentials ("X-Registry-Config: …"),
					 * sent and never shown; the caller clears it; NULL for none */
};
struct engine_response engine_upload(struct engine *e, const char *path, const struct engine_upload *up,
				     engine_line_fn on_line, void *ctx, struct cancel *c);

void engine_response_free(struct engine_response *r);

/* GET path, for readers that want a 200 or a reason: returns ENGINE_OK with the answer in *r,
 * or the failure (ENGINE_BAD_ANSWER for an HTTP error) with the message in *err (caller frees).
 * Free *r with engine_response_free either way. */
int engine_get_ok(struct engine *e, const char *path, struct cancel *c, struct engine_response *r,
		  char **err);

/* path with the version prefix engine_request adds ("/v1.41/exec/…/start"), for a client that
 * speaks HTTP on its own connection (hijack.c). New string. */
char *engine_versioned_path(struct engine *e, const char *path);

/* http_escape for one query value; new string. */
char *engine_escape(const char *s);

/* Call once before any thread starts (http_global_init). */
void engine_global_init(void);
void engine_global_cleanup(void);

#endif
