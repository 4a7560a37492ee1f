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
#include <curl/curl.h>

#include "engine.h"
#include "i18n.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xalloc.h"

struct engine {
	struct host host;
	bool forced;		/* DOCKER_API_VERSION given: never negotiate */
	pthread_mutex_t lock;	/* guards api */
	char api[16];
};

/* One transfer in flight: what the write and header callbacks fill. */
struct xfer {
	CURL *h;
	struct strbuf body;		/* whole body, or the error body of a stream */
	struct strbuf line;		/* a partial stream line */
	engine_line_fn on_line;
	void *ctx;
	bool stopped;			/* on_line asked to stop */
	bool got_bytes;
	char api_header[16];		/* Api-Version of the answer */
	char server_version[64];	/* from "Server: Docker/20.10.24+dfsg1 (linux)" */
	long long date;			/* Date of the answer, Unix seconds */
};

void
engine_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void
engine_global_cleanup(void)
{
	curl_global_cleanup();
}

void
cancel_init(struct cancel *c)
{
	atomic_init(&c->cancelled, false);
	c->wake = NULL;
	pthread_mutex_t *m = xmalloc(sizeof(*m));
	pthread_mutex_init(m, NULL);
	c->lock = m;
}

void
cancel_destroy(struct cancel *c)
{
	if (!c->lock)
		return;
	pthread_mutex_destroy(c->lock);
	free(c->lock);
	c->lock = NULL;
}

void
cancel_request(struct cancel *c)
{
	atomic_store(&c->cancelled, true);
	pthread_mutex_lock(c->lock);
	if (c->wake)
		curl_multi_wakeup(c->wake);
	pthread_mutex_unlock(c->lock);
}

static bool
is_cancelled(struct cancel *c)
{
	return c && atomic_load(&c->cancelled);
}

int
cancel_perform(struct cancel *c, void *easy, bool *cancelled)
{
	CURL *h = easy;
	CURLM *multi = curl_multi_init();
	curl_multi_add_handle(multi, h);
	if (c) {
		pthread_mutex_lock(c->lock);
		c->wake = multi;
		pthread_mutex_unlock(c->lock);
	}

	CURLcode rc = CURLE_OK;
	*cancelled = false;
	for (;;) {
		if (is_cancelled(c)) {
			*cancelled = true;
			break;
		}
		int running = 0;
		if (curl_multi_perform(multi, &running) != CURLM_OK || running == 0)
			break;
		/* Sleeps until the socket is ready or cancel_request() wakes it: no busy loop.
		 * curl caps the wait at its own timers. */
		curl_multi_poll(multi, NULL, 0, 60 * 1000, NULL);
	}
	if (c) {
		pthread_mutex_lock(c->lock);
		c->wake = NULL;
		pthread_mutex_unlock(c->lock);
	}
	int left;
	CURLMsg *msg;
	while ((msg = curl_multi_info_read(multi, &left)))
		if (msg->msg == CURLMSG_DONE)
			rc = msg->data.result;
	curl_multi_remove_handle(multi, h);
	curl_multi_cleanup(multi);
	return (int)rc;
}

static int
api_number(const char *v)
{
	int major = 0, minor = 0;
	if (sscanf(v, "%d.%d", &major, &minor) != 2)
		return 0;
	return major * 1000 + minor;
}

struct engine *
engine_new(struct host *host, const char *forced_api)
{
	struct engine *e = xcalloc(1, sizeof(*e));
	e->host = *host;
	memset(host, 0, sizeof(*host));
	pthread_mutex_init(&e->lock, NULL);
	if (forced_api && *forced_api) {
		e->forced = true;
		snprintf(e->api, sizeof(e->api), "%s", forced_api);
	} else {
		snprintf(e->api, sizeof(e->api), "%s", ENGINE_API_MAX);
	}
	return e;
}

void
engine_free(struct engine *e)
{
	if (!e)
		return;
	host_free(&e->host);
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
	char *esc = curl_easy_escape(NULL, s, 0);
	char *out = xstrdup(esc ? esc : "");
	curl_free(esc);
	return out;
}

static void
deliver_line(struct xfer *x, const char *p, size_t n)
{
	if (n && p[n - 1] == '\r')
		n--;
	if (n == 0 || x->stopped)
		return;
	if (!x->on_line(p, n, x->ctx))
		x->stopped = true;
}

static size_t
on_write(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct xfer *x = userdata;
	size_t n = size * nmemb;
	x->got_bytes = true;

	long code = 0;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
	if (!x->on_line || code >= 400) {
		sb_append(&x->body, data, n);
		return n;
	}
	/* Stream: split on '\n'; Go never puts a raw newline inside a JSON value. */
	const char *p = data, *end = data + n;
	while (p < end && !x->stopped) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			sb_append(&x->line, p, (size_t)(end - p));
			break;
		}
		if (x->line.len) {
			sb_append(&x->line, p, (size_t)(nl - p));
			deliver_line(x, x->line.buf, x->line.len);
			sb_reset(&x->line);
		} else {
			deliver_line(x, p, (size_t)(nl - p));
		}
		p = nl + 1;
	}
	return x->stopped ? 0 : n;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct xfer *x = userdata;
	size_t n = size * nmemb;
	static const char name[] = "api-version:";
	static const char date[] = "date:";
	if (n > sizeof(date) && strncasecmp(data, date, sizeof(date) - 1) == 0) {
		char *v = xstrndup(data + sizeof(date) - 1, n - (sizeof(date) - 1));
		time_t t = curl_getdate(v, NULL);
		x->date = t > 0 ? (long long)t : 0;
		free(v);
	}
	static const char server[] = "server: docker/";
	if (n > sizeof(server) && strncasecmp(data, server, sizeof(server) - 1) == 0) {
		const char *v = data + sizeof(server) - 1;
		size_t len = strcspn(v, " \r\n");
		if (len >= sizeof(x->server_version))
			len = sizeof(x->server_version) - 1;
		memcpy(x->server_version, v, len);
		x->server_version[len] = '\0';
	}
	if (n > sizeof(name) && strncasecmp(data, name, sizeof(name) - 1) == 0) {
		const char *v = data + sizeof(name) - 1;
		while (*v == ' ' || *v == '\t')
			v++;
		size_t len = strcspn(v, "\r\n");
		if (len >= sizeof(x->api_header))
			len = sizeof(x->api_header) - 1;
		memcpy(x->api_header, v, len);
		x->api_header[len] = '\0';
	}
	return n;
}

/* Words for why a connection failed, in docker's register ("no such file", "connection refused"). */
static const char *
connect_reason(CURLcode rc, long os_errno)
{
	switch (os_errno) {
	case ENOENT: return _("no such file");
	case ECONNREFUSED: return _("connection refused");
	case EACCES: return _("permission denied");
	case ETIMEDOUT: return _("timed out");
	case EHOSTUNREACH: return _("host unreachable");
	case ENETUNREACH: return _("network unreachable");
	default: break;
	}
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST: return _("host name not found");
	case CURLE_OPERATION_TIMEDOUT: return _("timed out");
	case CURLE_SSL_CONNECT_ERROR: return _("TLS handshake failed");
	case CURLE_PEER_FAILED_VERIFICATION: return _("the server's TLS certificate was not accepted");
	case CURLE_SSL_CERTPROBLEM: return _("the client certificate could not be used");
	case CURLE_SSL_CACERT_BADFILE: return _("the CA certificate could not be read");
	case CURLE_GOT_NOTHING: return _("the engine closed the connection without answering");
	default: return curl_easy_strerror(rc);
	}
}

/* The engine's {"message": ...}, or the text body of old API versions. */
static char *
error_from_body(const char *body, long http_status)
{
	char *msg = NULL;
	cJSON *j = cJSON_Parse(body);
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

static void
set_tls(CURL *h, const struct host *host)
{
	if (!host->tls)
		return;
	if (host->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, host->ca_file);
	if (host->cert_file)
		curl_easy_setopt(h, CURLOPT_SSLCERT, host->cert_file);
	if (host->key_file)
		curl_easy_setopt(h, CURLOPT_SSLKEY, host->key_file);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, host->tls_verify ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, host->tls_verify ? 2L : 0L);
}

/* Runs one transfer to completion, or until cancelled. url_path is appended to the base URL. */
static struct engine_response
perform(struct engine *e, const char *method, const char *url_path, const char *body,
	struct xfer *x, struct cancel *c)
{
	struct engine_response r = { 0 };
	char *url = xasprintf("%s%s", e->host.base_url, url_path);
	struct curl_slist *headers = NULL;
	CURL *h = curl_easy_init();
	x->h = h;

	curl_easy_setopt(h, CURLOPT_URL, url);
	if (e->host.kind == HOST_UNIX)
		curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, e->host.socket_path);
	set_tls(h, &e->host);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	headers = curl_slist_append(headers, "Expect:");
	if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	} else if (strcmp(method, "POST") == 0) {
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body ? body : "");
		if (body)
			headers = curl_slist_append(headers, "Content-Type: application/json");
	} else {
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
		if (strcmp(method, "HEAD") == 0)
			curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);

	bool cancelled = false;
	CURLcode rc = (CURLcode)cancel_perform(c, h, &cancelled);

	long os_errno = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.http_status);
	curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);

	if (cancelled || (rc == CURLE_WRITE_ERROR && x->stopped)) {
		r.status = ENGINE_CANCELLED;
		r.error = xstrdup(_("cancelled"));
	} else if (rc == CURLE_OK) {
		r.status = ENGINE_OK;
		if (r.http_status >= 400)
			r.error = error_from_body(x->body.buf ? x->body.buf : "", r.http_status);
	} else if (r.http_status == 0 && !x->got_bytes) {
		r.status = ENGINE_UNREACHABLE;
		r.error = xasprintf(_("Cannot connect to the Docker engine at %s: %s"),
				    e->host.display, connect_reason(rc, os_errno));
	} else {
		r.status = ENGINE_LOST;
		r.error = xasprintf(_("Lost the connection to the Docker engine at %s: %s"),
				    e->host.display, curl_easy_strerror(rc));
	}
	if (r.status != ENGINE_OK)
		r.http_status = 0;

	curl_easy_cleanup(h);
	curl_slist_free_all(headers);
	free(url);
	r.len = x->body.len;
	r.body = sb_detach(&x->body);
	sb_free(&x->line);
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

struct engine_response
engine_request(struct engine *e, const char *method, const char *path, const char *body,
	       struct cancel *c)
{
	struct xfer x = { 0 };
	char *p = versioned(e, path);
	struct engine_response r = perform(e, method, p, body, &x, c);
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
	struct engine_response r = perform(e, method, p, NULL, &x, c);
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

struct engine_response
engine_connect(struct engine *e, struct engine_info *info, struct cancel *c)
{
	struct xfer x = { 0 };
	memset(info, 0, sizeof(*info));
	struct engine_response r = perform(e, "GET", "/_ping", NULL, &x, c);
	if (r.status != ENGINE_OK)
		return r;
	/* A 500 from _ping still carries the engine's API version. */
	if (r.http_status >= 400 && r.http_status != 500)
		return r;

	if (!e->forced) {
		const char *server = x.api_header[0] ? x.api_header : "1.24";
		const char *use = api_number(server) < api_number(ENGINE_API_MAX) ? server : ENGINE_API_MAX;
		pthread_mutex_lock(&e->lock);
		snprintf(e->api, sizeof(e->api), "%s", use);
		pthread_mutex_unlock(&e->lock);
	}
	info->server_time = x.date;
	pthread_mutex_lock(&e->lock);
	snprintf(info->api_version, sizeof(info->api_version), "%s", e->api);
	pthread_mutex_unlock(&e->lock);
	engine_response_free(&r);

	/* Docker names its version in the Server header of /_ping: one round trip fewer on the way
	 * to the first screen. Other engines (Podman) need /version. */
	if (x.server_version[0]) {
		char *v = sanitize(x.server_version);
		snprintf(info->engine_version, sizeof(info->engine_version), "%s", v);
		free(v);
		r = (struct engine_response){ .status = ENGINE_OK, .http_status = 200, .body = xstrdup("") };
		return r;
	}
	r = engine_request(e, "GET", "/version", NULL, c);
	if (r.status == ENGINE_OK && r.http_status == 200) {
		cJSON *j = cJSON_ParseWithLength(r.body, r.len);
		copy_json_string(info->engine_version, sizeof(info->engine_version), j, "Version");
		copy_json_string(info->os, sizeof(info->os), j, "Os");
		cJSON_Delete(j);
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
