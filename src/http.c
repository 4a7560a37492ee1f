#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include <time.h>

#include <curl/curl.h>

#include "http.h"
#include "i18n.h"
#include "xalloc.h"

_Static_assert(HTTP_DETAIL_SIZE >= CURL_ERROR_SIZE, "libcurl's error buffer must fit");

/* One transfer in flight: what the callbacks need. */
struct xfer {
	CURL *h;
	const struct http_request *req;
	struct http_reply *reply;
};

/* keep_alive: each thread's multi handle, whose connection cache keeps its last connection */
static pthread_key_t kept_key;
static pthread_once_t kept_once = PTHREAD_ONCE_INIT;

static void
kept_free(void *multi)
{
	curl_multi_cleanup(multi);
}

static void
kept_init(void)
{
	pthread_key_create(&kept_key, kept_free);
}

static CURLM *
thread_multi(void)
{
	pthread_once(&kept_once, kept_init);
	CURLM *multi = pthread_getspecific(kept_key);
	if (!multi) {
		multi = curl_multi_init();
		/* two: a registry's and its token server's, which a call goes between */
		curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 2L);
		pthread_setspecific(kept_key, multi);
	}
	return multi;
}

void
http_thread_release(void)
{
	pthread_once(&kept_once, kept_init);
	CURLM *multi = pthread_getspecific(kept_key);
	if (multi) {
		pthread_setspecific(kept_key, NULL);
		curl_multi_cleanup(multi);
	}
}

void
http_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void
http_global_cleanup(void)
{
	http_thread_release();
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

/* cancel_perform on multi, which the caller keeps (own: it is cleaned up here). */
static int
perform_on(CURLM *multi, bool own, struct cancel *c, CURL *h, bool *cancelled)
{
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
		/* Sleeps until the socket is ready or cancel_request() wakes it: no busy loop,
		 * and no wake-up of our own (an idle event stream woke once a minute): curl
		 * caps the wait at its own timers. */
		curl_multi_poll(multi, NULL, 0, INT_MAX, NULL);
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
	if (own)
		curl_multi_cleanup(multi);
	return (int)rc;
}

int
cancel_perform(struct cancel *c, void *easy, bool *cancelled)
{
	return perform_on(curl_multi_init(), true, c, easy, cancelled);
}

static size_t
on_write(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct xfer *x = userdata;
	struct http_reply *r = x->reply;
	size_t n = size * nmemb;
	r->got_bytes = true;

	long code = 0;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
	if (x->req->on_data && code < 400) {
		if (x->req->on_data(data, n, x->req->ctx))
			return n;
		r->cancelled = true;
		return 0;
	}
	if (x->req->max && r->body.len + n > x->req->max) {
		r->too_big = true;
		return 0;
	}
	sb_append(&r->body, data, n);
	return n;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct xfer *x = userdata;
	size_t n = size * nmemb;
	x->reply->got_bytes = true;
	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		x->reply->date = 0;
		if (x->req->on_header)
			x->req->on_header(NULL, NULL, x->req->ctx);
		return n;
	}
	const char *colon = memchr(data, ':', n);
	if (!colon || colon == data)
		return n;
	const char *v = colon + 1, *end = data + n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	char *name = xstrndup(data, (size_t)(colon - data));
	char *value = xstrndup(v, (size_t)(end - v));
	if (strcasecmp(name, "date") == 0)
		x->reply->date = http_date(value);
	if (x->req->on_header)
		x->req->on_header(name, value, x->req->ctx);
	free(name);
	free(value);
	return n;
}

static enum http_failure
failure_of(CURLcode rc)
{
	switch (rc) {
	case CURLE_OK: return HTTP_DONE;
	case CURLE_COULDNT_RESOLVE_HOST: return HTTP_FAIL_RESOLVE;
	case CURLE_COULDNT_RESOLVE_PROXY: return HTTP_FAIL_RESOLVE_PROXY;
	case CURLE_COULDNT_CONNECT: return HTTP_FAIL_CONNECT;
	case CURLE_OPERATION_TIMEDOUT: return HTTP_FAIL_TIMEOUT;
	case CURLE_SSL_CONNECT_ERROR: return HTTP_FAIL_TLS_HANDSHAKE;
	case CURLE_PEER_FAILED_VERIFICATION: return HTTP_FAIL_TLS_VERIFY;
	case CURLE_SSL_CERTPROBLEM: return HTTP_FAIL_TLS_CLIENT_CERT;
	case CURLE_SSL_CACERT_BADFILE: return HTTP_FAIL_TLS_CA_FILE;
	case CURLE_GOT_NOTHING: return HTTP_FAIL_NOTHING;
	case CURLE_TOO_MANY_REDIRECTS: return HTTP_FAIL_REDIRECTS;
	default: return HTTP_FAIL_OTHER;
	}
}

static size_t
on_read(char *buf, size_t size, size_t nmemb, void *userdata)
{
	struct xfer *x = userdata;
	long n = x->req->read_body(buf, size * nmemb, x->req->read_ctx);
	if (n < 0) {
		x->reply->aborted = true;
		return CURL_READFUNC_ABORT;
	}
	return (size_t)n;
}

static void
set_method(CURL *h, const struct http_request *req, struct curl_slist **headers, struct xfer *x)
{
	const char *method = req->method ? req->method : "GET";
	if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	} else if (strcmp(method, "POST") == 0 && req->read_body) {
		/* no length known ahead: HTTP/1.1 chunks, as the docker CLI sends archives */
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
		curl_easy_setopt(h, CURLOPT_READDATA, x);
		*headers = curl_slist_append(*headers, "Transfer-Encoding: chunked");
	} else if (strcmp(method, "POST") == 0) {
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body ? req->body : "");
	} else {
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
		if (strcmp(method, "HEAD") == 0)
			curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	}
	/* never wait for a 100 Continue */
	*headers = curl_slist_append(*headers, "Expect:");
	for (const char *const *p = req->headers; p && *p; p++)
		*headers = curl_slist_append(*headers, *p);
}

static void
set_tls(CURL *h, const struct http_request *req)
{
	if (req->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, req->ca_file);
	if (req->cert_file)
		curl_easy_setopt(h, CURLOPT_SSLCERT, req->cert_file);
	if (req->key_file)
		curl_easy_setopt(h, CURLOPT_SSLKEY, req->key_file);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, req->verify ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, req->verify ? 2L : 0L);
}

void
http_perform(const struct http_request *req, struct http_reply *reply)
{
	memset(reply, 0, sizeof(*reply));
	struct xfer x = { .req = req, .reply = reply };
	struct curl_slist *headers = NULL;
	CURL *h = curl_easy_init();
	x.h = h;

	curl_easy_setopt(h, CURLOPT_URL, req->url);
	if (req->unix_socket)
		curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, req->unix_socket);
	set_tls(h, req);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	if (req->connect_timeout)
		curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, req->connect_timeout);
	if (req->timeout)
		curl_easy_setopt(h, CURLOPT_TIMEOUT, req->timeout);
	curl_easy_setopt(h, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	if (req->compressed)
		curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	if (req->follow) {
		curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	}
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	if (req->no_proxy)
		curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, reply->detail);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
	set_method(h, req, &headers, &x);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);

	bool cancelled = false;
	CURLcode rc = req->keep_alive ? (CURLcode)perform_on(thread_multi(), false, req->cancel, h, &cancelled)
				      : (CURLcode)cancel_perform(req->cancel, h, &cancelled);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply->status);
	curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &reply->os_errno);
	/* on_data's stop is a cancel too; the cap is not */
	reply->cancelled = cancelled || (reply->cancelled && rc == CURLE_WRITE_ERROR);
	reply->failure = failure_of(rc);
	reply->words = rc == CURLE_OK ? "" : curl_easy_strerror(rc);
	if (!reply->detail[0])
		snprintf(reply->detail, sizeof(reply->detail), "%s", reply->words);
	curl_easy_cleanup(h);
	curl_slist_free_all(headers);
}

void
http_reply_free(struct http_reply *reply)
{
	sb_free(&reply->body);
}

const char *
http_errno_words(long os_errno)
{
	switch (os_errno) {
	case ENOENT: return _("no such file");
	case ECONNREFUSED: return _("connection refused");
	case EACCES: return _("permission denied");
	case ETIMEDOUT: return _("timed out");
	case EHOSTUNREACH: return _("host unreachable");
	case ENETUNREACH: return _("network unreachable");
	default: return NULL;
	}
}

long long
http_date(const char *s)
{
	time_t t = curl_getdate(s, NULL);
	return t > 0 ? (long long)t : 0;
}

char *
http_escape(const char *s)
{
	char *esc = curl_easy_escape(NULL, s, 0);
	char *out = xstrdup(esc ? esc : "");
	curl_free(esc);
	return out;
}
