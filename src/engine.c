#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "engine.h"
#include "http.h"
#include "i18n.h"
#include "linesplit.h"
#include "json.h"
#include "sanitize.h"
#include "ssh.h"
#include "strbuf.h"
#include "xalloc.h"

struct engine {
	struct host host;
	bool forced;		/* DOCKER_API_VERSION given: never negotiate */
	pthread_mutex_t lock;	/* guards api */
	char api[16];
	atomic_int refs;	/* engine_ref adds one, engine_free drops one */
	char *setup_error;	/* an ssh:// host whose transport could not start: every request's reason */
};

/* One engine request in flight: what its data and header callbacks fill. */
struct xfer {
	struct linesplit lines;		/* stream lines, capped */
	engine_line_fn on_line;
	engine_data_fn on_raw;		/* instead of on_line: the bytes as they come */
	const char *auth;		/* X-Registry-Auth's value, or NULL */
	const char *secret_header;	/* a whole header line holding credentials, or NULL */
	http_read_fn read_body;		/* a streamed upload, or NULL */
	void *read_ctx;
	const char *content_type;	/* of the streamed upload */
	void *ctx;
	char api_header[16];		/* Api-Version of the answer */
	char server_version[64];	/* from "Server: Docker/20.10.24+dfsg1 (linux)", or Libpod/4.3.1 */
	bool libpod;			/* "Server: Libpod/4.3.1 (linux)": Podman */
};

void
engine_global_init(void)
{
	http_global_init();
}

void
engine_global_cleanup(void)
{
	http_global_cleanup();
}

/* Up to 4 digits at *p, as a number; -1 when there are none or more. */
static long
api_part(const char **p)
{
	long n = 0;
	int k = 0;
	for (; **p >= '0' && **p <= '9'; (*p)++, k++)
		if (k < 4)
			n = n * 10 + (**p - '0');
	return k >= 1 && k <= 4 ? n : -1;
}

/* "1.45" as 10045 (major * 10000 + minor); -1 unless v is N.N with 1 to 4 digits each. */
static long
api_number(const char *v)
{
	long major = api_part(&v);
	if (major < 0 || *v++ != '.')
		return -1;
	long minor = api_part(&v);
	return minor < 0 || *v ? -1 : major * 10000 + minor;
}

bool
engine_api_version_ok(const char *v)
{
	return v && api_number(v) >= 0;
}

struct engine *
engine_new(struct host *host, const char *forced_api)
{
	struct engine *e = xcalloc(1, sizeof(*e));
	e->host = *host;
	memset(host, 0, sizeof(*host));
	pthread_mutex_init(&e->lock, NULL);
	atomic_init(&e->refs, 1);
	/* ssh://: requests go to the local socket of its transport (ssh.h); ui/main.c starts it
	 * before the screen, so that ssh may ask on the terminal; anyone else gets it here, and
	 * its master connection in batch mode on the first request. */
	if (e->host.kind == HOST_SSH && !e->host.ssh)
		ssh_transport_attach(&e->host, &e->setup_error);
	if (forced_api && *forced_api) {
		e->forced = true;
		snprintf(e->api, sizeof(e->api), "%s", forced_api);
	} else {
		snprintf(e->api, sizeof(e->api), "%s", ENGINE_API_MAX);
	}
	return e;
}

struct engine *
engine_ref(struct engine *e)
{
	if (e)
		atomic_fetch_add(&e->refs, 1);
	return e;
}

void
engine_free(struct engine *e)
{
	if (!e || atomic_fetch_sub(&e->refs, 1) > 1)
		return;
	host_free(&e->host);
	free(e->setup_error);
	pthread_mutex_destroy(&e->lock);
	free(e);
}

const struct host *
engine_host(const struct engine *e)
{
	return &e->host;
}

void
engine_response_free(struct engine_response *r)
{
	free(r->body);
	free(r->error);
	r->body = r->error = NULL;
	r->len = 0;
}

char *
engine_escape(const char *s)
{
	return http_escape(s);
}

static bool
on_raw_data(const char *data, size_t n, void *ctx)
{
	struct xfer *x = ctx;
	return x->on_raw(data, n, x->ctx);
}

/* Stream: split on '\n'; Go never puts a raw newline inside a JSON value. */
static bool
on_data(const char *data, size_t n, void *ctx)
{
	struct xfer *x = ctx;
	return linesplit_feed(&x->lines, data, n, x->on_line, x->ctx);
}

static void
copy_value(char *dst, size_t n, const char *v, size_t len)
{
	if (len >= n)
		len = n - 1;
	memcpy(dst, v, len);
	dst[len] = '\0';
}

static void
on_header(const char *name, const char *value, void *ctx)
{
	struct xfer *x = ctx;
	if (!name)
		return;
	/* "Docker/20.10.24+dfsg1 (linux)", or Podman's "Libpod/4.3.1 (linux)": the same length */
	if (strcasecmp(name, "server") == 0) {
		bool libpod = strncasecmp(value, "Libpod/", 7) == 0;
		if (libpod || strncasecmp(value, "Docker/", 7) == 0) {
			x->libpod = libpod;
			copy_value(x->server_version, sizeof(x->server_version), value + 7, strcspn(value + 7, " "));
		}
	}
	/* it goes into every request's path: only N.N is taken, anything else is ignored */
	if (strcasecmp(name, "api-version") == 0 && engine_api_version_ok(value))
		copy_value(x->api_header, sizeof(x->api_header), value, strlen(value));
}

/* Words for why a connection failed, in docker's register ("no such file", "connection refused"). */
static const char *
connect_reason(const struct http_reply *h)
{
	const char *words = http_errno_words(h->os_errno);
	if (words)
		return words;
	switch (h->failure) {
	case HTTP_FAIL_RESOLVE: return _("host name not found");
	case HTTP_FAIL_TIMEOUT: return _("timed out");
	case HTTP_FAIL_TLS_HANDSHAKE: return _("TLS handshake failed");
	case HTTP_FAIL_TLS_VERIFY: return _("the server's TLS certificate was not accepted");
	case HTTP_FAIL_TLS_CLIENT_CERT: return _("the client certificate could not be used");
	case HTTP_FAIL_TLS_CA_FILE: return _("the CA certificate could not be read");
	case HTTP_FAIL_NOTHING: return _("the engine closed the connection without answering");
	default: return h->words;
	}
}

/* The engine's {"message": ...}, or the text body of old API versions. */
static char *
error_from_body(const char *body, long http_status)
{
	char *msg = NULL;
	cJSON *j = json_parse(body, body ? strlen(body) : 0);
	cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "message");
	if (cJSON_IsString(m) && m->valuestring[0])
		msg = sanitize(m->valuestring);
	cJSON_Delete(j);
	if (!msg) {
		size_t len = strcspn(body, "\n");
		if (len) {
			char *line = xstrndup(body, len);
			msg = sanitize(line);
			free(line);
		} else {
			msg = xasprintf(_("the engine answered HTTP %ld"), http_status);
		}
	}
	return msg;
}

/* Runs one transfer to completion, or until cancelled. url_path is appended to the base URL.
 * *date gets the answer's Date (Unix seconds, 0 if none) when date is not NULL. */
static struct engine_response
perform(struct engine *e, const char *method, const char *url_path, const char *body,
	struct xfer *x, struct cancel *c, long long *date)
{
	struct engine_response r = { 0 };
	if (e->setup_error) {
		r.status = ENGINE_UNREACHABLE;
		r.body = xstrdup("");
		r.error = xasprintf(_("Cannot connect to the Docker engine at %s: %s"), e->host.display,
				    e->setup_error);
		return r;
	}
	char *url = xasprintf("%s%s", e->host.base_url, url_path);
	/* A POST without a body sends no Content-Type: libcurl's default (a form) makes the
	 * engine refuse endpoints that check it (commit: "must be 'application/json'"). */
	char *type_line = NULL;
	if (x->read_body)
		type_line = xasprintf("Content-Type: %s", x->content_type);
	else if (strcmp(method, "POST") == 0)
		type_line = xstrdup(body ? "Content-Type: application/json" : "Content-Type:");
	/* X-Registry-Auth and X-Registry-Config go to the engine only; they never land in a
	 * message or a log, and are cleared once sent. */
	char *auth_line = x->auth ? xasprintf("X-Registry-Auth: %s", x->auth) : NULL;
	const char *headers[4] = { 0 };
	size_t nh = 0;
	if (type_line)
		headers[nh++] = type_line;
	if (auth_line)
		headers[nh++] = auth_line;
	if (x->secret_header)
		headers[nh++] = x->secret_header;
	const struct host *host = &e->host;
	struct http_request req = {
		.method = method,
		.url = url,
		.body = body,
		.read_body = x->read_body,
		.read_ctx = x->read_ctx,
		.headers = nh ? headers : NULL,
		.unix_socket = host->kind != HOST_TCP ? host->socket_path : NULL,
		.ca_file = host->tls ? host->ca_file : NULL,
		.cert_file = host->tls ? host->cert_file : NULL,
		.key_file = host->tls ? host->key_file : NULL,
		/* libcurl verifies by default; only a TLS host says otherwise */
		.verify = !host->tls || host->tls_verify,
		.connect_timeout = 10,
		/* over ssh:// each connection is a `docker system dial-stdio` on the far side, and
		 * over tcp:// a TCP (and TLS) handshake, round trips to a remote host: the requests
		 * of one job (/_ping, then the list) share one (the CLI's way). A unix socket's
		 * connection costs next to nothing. */
		.keep_alive = host->kind != HOST_UNIX,
		.on_data = x->on_raw ? on_raw_data : x->on_line ? on_data : NULL,
		.on_header = on_header,
		.ctx = x,
		.cancel = c,
	};
	struct http_reply h;
	unsigned long ssh_failures = host->ssh ? ssh_transport_failures(host->ssh) : 0;
	http_perform(&req, &h);
	r.http_status = h.status;
	/* over ssh://, what failed is ssh's or the far side's to say (the local socket only
	 * answered, or closed) */
	char *ssh_reason = NULL;
	if (host->ssh && !h.cancelled && !h.aborted && h.failure != HTTP_DONE)
		ssh_reason = ssh_transport_failure_since(host->ssh, ssh_failures);

	if (x->lines.overlong) {
		/* the stream was dropped by budu: its owner reports it, and reconnects if it does */
		r.status = ENGINE_BAD_ANSWER;
		r.error = xasprintf(_("The engine at %s sent a line longer than %d MiB: the stream was dropped"),
				    host->display, LINESPLIT_MAX / (1024 * 1024));
	} else if (h.cancelled || h.aborted) {
		/* an aborted upload: its reader says why (truncated archive, cancel) */
		r.status = ENGINE_CANCELLED;
		r.error = xstrdup(_("cancelled"));
	} else if (h.failure == HTTP_DONE) {
		r.status = ENGINE_OK;
		if (r.http_status >= 400)
			r.error = error_from_body(h.body.buf ? h.body.buf : "", r.http_status);
	} else if (r.http_status == 0 && !h.got_bytes) {
		r.status = ENGINE_UNREACHABLE;
		r.error = xasprintf(_("Cannot connect to the Docker engine at %s: %s"),
				    host->display, ssh_reason ? ssh_reason : connect_reason(&h));
	} else {
		r.status = ENGINE_LOST;
		r.error = xasprintf(_("Lost the connection to the Docker engine at %s: %s"),
				    host->display, ssh_reason ? ssh_reason : h.words);
	}
	free(ssh_reason);
	if (r.status != ENGINE_OK)
		r.http_status = 0;
	if (date)
		*date = h.date;

	free(url);
	free(type_line);
	if (auth_line) {
		volatile char *b = auth_line;
		for (size_t i = 0; b[i]; i++)
			b[i] = 0;
		free(auth_line);
	}
	r.len = h.body.len;
	r.body = sb_detach(&h.body);
	linesplit_free(&x->lines);
	return r;
}

static char *
versioned(struct engine *e, const char *path)
{
	pthread_mutex_lock(&e->lock);
	char *p = xasprintf("/v%s%s", e->api, path);
	pthread_mutex_unlock(&e->lock);
	return p;
}

char *
engine_versioned_path(struct engine *e, const char *path)
{
	return versioned(e, path);
}

struct engine_response
engine_request(struct engine *e, const char *method, const char *path, const char *body,
	       struct cancel *c)
{
	struct xfer x = { 0 };
	char *p = versioned(e, path);
	struct engine_response r = perform(e, method, p, body, &x, c, NULL);
	free(p);
	return r;
}

struct engine_response
engine_stream(struct engine *e, const char *method, const char *path,
	      engine_line_fn on_line, void *ctx, struct cancel *c)
{
	struct xfer x = { 0 };
	x.on_line = on_line;
	x.ctx = ctx;
	char *p = versioned(e, path);
	struct engine_response r = perform(e, method, p, NULL, &x, c, NULL);
	free(p);
	return r;
}

struct engine_response
engine_stream_auth(struct engine *e, const char *method, const char *path, const char *registry_auth,
		   engine_line_fn on_line, void *ctx, struct cancel *c)
{
	struct xfer x = { 0 };
	x.on_line = on_line;
	x.ctx = ctx;
	x.auth = registry_auth;
	char *p = versioned(e, path);
	struct engine_response r = perform(e, method, p, NULL, &x, c, NULL);
	free(p);
	return r;
}

struct engine_response
engine_stream_raw(struct engine *e, const char *method, const char *path, engine_data_fn on_data_fn,
		  void *ctx, struct cancel *c)
{
	struct xfer x = { 0 };
	x.on_raw = on_data_fn;
	x.ctx = ctx;
	char *p = versioned(e, path);
	struct engine_response r = perform(e, method, p, NULL, &x, c, NULL);
	free(p);
	return r;
}

struct engine_response
engine_upload(struct engine *e, const char *path, const struct engine_upload *up,
	      engine_line_fn on_line, void *ctx, struct cancel *c)
{
	struct xfer x = { 0 };
	x.on_line = on_line;
	x.ctx = ctx;
	x.read_body = up->body;
	x.read_ctx = up->body_ctx;
	x.content_type = up->content_type ? up->content_type : "application/x-tar";
	x.auth = up->registry_auth;
	x.secret_header = up->secret_header;
	char *p = versioned(e, path);
	struct engine_response r = perform(e, "POST", p, NULL, &x, c, NULL);
	free(p);
	return r;
}

static void
copy_json_string(char *dst, size_t n, const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (cJSON_IsString(v)) {
		char *s = sanitize(v->valuestring);
		snprintf(dst, n, "%s", s);
		free(s);
	}
}

/* Whether s names Podman as a word ("Podman Engine"; not "podmanx"). */
static bool
names_podman(const char *s)
{
	for (const char *p = s; (p = strcasestr(p, "podman")) != NULL; p += 6) {
		bool start = p == s || !isalnum((unsigned char)p[-1]);
		if (start && !isalnum((unsigned char)p[6]))
			return true;
	}
	return false;
}

bool
engine_info_from_version(struct engine_info *info, const char *body, size_t len)
{
	snprintf(info->product, sizeof(info->product), "Docker");
	info->podman = false;
	cJSON *j = body ? json_parse(body, len) : NULL;
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		return false;
	}
	copy_json_string(info->engine_version, sizeof(info->engine_version), j, "Version");
	copy_json_string(info->os, sizeof(info->os), j, "Os");
	const cJSON *comp;
	cJSON_ArrayForEach(comp, cJSON_GetObjectItemCaseSensitive(j, "Components")) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(comp, "Name");
		if (cJSON_IsString(name) && strcmp(name->valuestring, "Podman Engine") == 0) {
			info->podman = true;
			/* The top-level Version is Podman's too, but the component is the one that says so. */
			copy_json_string(info->engine_version, sizeof(info->engine_version), comp, "Version");
			break;
		}
	}
	const cJSON *platform = cJSON_GetObjectItemCaseSensitive(j, "Platform");
	const cJSON *pname = cJSON_GetObjectItemCaseSensitive(platform, "Name");
	if (cJSON_IsString(pname) && names_podman(pname->valuestring))
		info->podman = true;
	if (info->podman)
		snprintf(info->product, sizeof(info->product), "Podman");
	cJSON_Delete(j);
	return true;
}

struct engine_response
engine_connect(struct engine *e, struct engine_info *info, struct cancel *c)
{
	struct xfer x = { 0 };
	long long date = 0;
	memset(info, 0, sizeof(*info));
	struct engine_response r = perform(e, "GET", "/_ping", NULL, &x, c, &date);
	if (r.status != ENGINE_OK)
		return r;
	/* A 500 from _ping still carries the engine's API version. */
	if (r.http_status >= 400 && r.http_status != 500)
		return r;

	if (e->forced && x.api_header[0] && api_number(e->api) > api_number(x.api_header)) {
		/* the engine would refuse every request: say so once, as the engine words it */
		engine_response_free(&r);
		r = (struct engine_response){ .status = ENGINE_OK, .http_status = 400, .body = xstrdup("") };
		/* TRANSLATORS: the engine's words, then which setting asked for it */
		r.error = xasprintf(_("client version %s is too new. Maximum supported API version is %s "
				      "(DOCKER_API_VERSION=%s: unset it, or set %s or older)"),
				    e->api, x.api_header, e->api, x.api_header);
		return r;
	}
	if (!e->forced) {
		const char *server = x.api_header[0] ? x.api_header : "1.24";
		const char *use = api_number(server) < api_number(ENGINE_API_MAX) ? server : ENGINE_API_MAX;
		pthread_mutex_lock(&e->lock);
		snprintf(e->api, sizeof(e->api), "%s", use);
		pthread_mutex_unlock(&e->lock);
	}
	info->server_time = date;
	pthread_mutex_lock(&e->lock);
	snprintf(info->api_version, sizeof(info->api_version), "%s", e->api);
	pthread_mutex_unlock(&e->lock);
	engine_response_free(&r);

	/* Docker and Podman name their version in the Server header of /_ping: one round trip
	 * fewer on the way to the first screen (Podman's /version takes it a second: it asks its
	 * conmon, its runtime and dpkg for theirs). Other engines need /version. */
	if (x.server_version[0]) {
		char *v = sanitize(x.server_version);
		snprintf(info->product, sizeof(info->product), "%s", x.libpod ? "Podman" : "Docker");
		info->podman = x.libpod;
		snprintf(info->engine_version, sizeof(info->engine_version), "%s", v);
		free(v);
		r = (struct engine_response){ .status = ENGINE_OK, .http_status = 200, .body = xstrdup("") };
		return r;
	}
	r = engine_request(e, "GET", "/version", NULL, c);
	if (r.status == ENGINE_OK && r.http_status == 200)
		engine_info_from_version(info, r.body, r.len);
	else
		snprintf(info->product, sizeof(info->product), "Docker");
	/* Podman's Server header says so even when /version did not. */
	if (x.libpod && !info->podman) {
		info->podman = true;
		snprintf(info->product, sizeof(info->product), "Podman");
	}
	return r;
}

int
engine_get_ok(struct engine *e, const char *path, struct cancel *c, struct engine_response *r,
	      char **err)
{
	*r = engine_request(e, "GET", path, NULL, c);
	if (r->status == ENGINE_OK && r->http_status == 200)
		return ENGINE_OK;
	*err = r->error ? r->error : xstrdup(_("The engine did not answer"));
	r->error = NULL;
	return r->status == ENGINE_OK ? ENGINE_BAD_ANSWER : (int)r->status;
}
