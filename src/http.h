/* The one HTTP layer of the core, over libcurl: the engine client (engine.c) and the registry
 * client (registry.c) describe a request, http_perform() runs it and hands back the answer and,
 * when none came, why, in terms that need no curl.h.
 *
 * Thread model: no shared state besides libcurl's global one (http_global_init, before any
 * thread starts); each http_perform() uses its own easy handle, and a multi handle of its own or
 * (keep_alive) of its thread's, so calls may run on several worker threads at once. Calls block:
 * workers only. A struct cancel stops a call in flight from another thread.
 * Cost: one connection per call, but with keep_alive the thread keeps its last two connections
 * for its next requests to the same places until http_thread_release() (the worker pools call it
 * between jobs) or the thread's end; the body is held whole in memory unless on_data takes it,
 * and can be capped. */
#ifndef BUDU_HTTP_H
#define BUDU_HTTP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* Lets another thread stop a request in flight (quit, or a cancelled job). */
struct cancel {
	atomic_bool cancelled;
	void *wake;	/* the multi handle of the request in flight, guarded by lock */
	void *lock;
};

void cancel_init(struct cancel *c);
void cancel_destroy(struct cancel *c);
/* From any thread: the request returns cancelled promptly. */
void cancel_request(struct cancel *c);
/* Runs one libcurl easy handle (a CURL *, set up by the caller) to completion on a multi handle
 * of its own, sleeping in curl_multi_poll() so that cancel_request(c) from another thread stops
 * it at once; c may be NULL. Returns the transfer's CURLcode; *cancelled tells a cancel apart.
 * The easy handle stays the caller's (curl_easy_getinfo works on it afterwards).
 * http_perform() uses it; it stays public for a client with its own easy handle. */
int cancel_perform(struct cancel *c, void *easy, bool *cancelled);

/* A chunk of a body whose status is below 400; false stops the transfer (reply.cancelled). */
typedef bool (*http_data_fn)(const char *data, size_t len, void *ctx);
/* One header of the answer: name without the colon, value without surrounding blanks; both
 * NUL-terminated, valid during the call only. name NULL: a new response begins (after a
 * redirect or a 100 Continue), so forget what the one before said. */
typedef void (*http_header_fn)(const char *name, const char *value, void *ctx);
/* Supplies a streamed request body (an archive, a build context): fill buf with up to size
 * bytes and return how many; 0 ends the body; -1 aborts the transfer (reply.aborted). Runs on
 * the calling thread, inside http_perform, between network reads and writes. */
typedef long (*http_read_fn)(char *buf, size_t size, void *ctx);

struct http_request {
	const char *method;	/* NULL or "GET"; "POST" sends body; "HEAD" reads no body; others as is */
	const char *url;
	const char *body;	/* POST only; NULL sends an empty body */
	http_read_fn read_body;	/* POST only, instead of body: sent chunked as it is produced */
	void *read_ctx;		/* for read_body */
	const char *const *headers;	/* extra header lines ("Accept: …"), NULL-terminated; may be NULL */
	const char *unix_socket;	/* connect there instead of the URL's host; NULL for TCP */
	const char *ca_file, *cert_file, *key_file;	/* TLS; NULL for libcurl's defaults */
	bool verify;		/* check the server's certificate and name (TLS only) */
	bool follow;		/* follow up to 5 redirects, to http or https only */
	bool compressed;	/* accept any encoding libcurl can decode */
	bool no_proxy;		/* ignore *_proxy variables: a proxy cannot reach our loopback */
	bool keep_alive;	/* the connection stays open for this thread's next request (an
				 * ssh:// engine's is a process on the far side, a tcp:// one's a
				 * TLS handshake); see the top */
	long connect_timeout;	/* seconds; 0 for libcurl's default */
	long timeout;		/* whole transfer, seconds; 0 for none (streams) */
	size_t max;		/* body cap in bytes, 0 for none; beyond it the transfer stops (too_big) */
	http_data_fn on_data;	/* NULL: the body goes to reply.body */
	http_header_fn on_header;	/* may be NULL */
	void *ctx;		/* for on_data and on_header */
	struct cancel *cancel;	/* may be NULL */
};

/* Why a transfer did not complete: the libcurl codes clients word differently. */
enum http_failure {
	HTTP_DONE = 0,		/* the transfer completed (any status) */
	HTTP_FAIL_RESOLVE,	/* the host name did not resolve */
	HTTP_FAIL_RESOLVE_PROXY,
	HTTP_FAIL_CONNECT,	/* see os_errno */
	HTTP_FAIL_TIMEOUT,
	HTTP_FAIL_TLS_HANDSHAKE,
	HTTP_FAIL_TLS_VERIFY,	/* the server's certificate was refused */
	HTTP_FAIL_TLS_CLIENT_CERT,
	HTTP_FAIL_TLS_CA_FILE,
	HTTP_FAIL_NOTHING,	/* the server closed the connection without answering */
	HTTP_FAIL_REDIRECTS,	/* too many */
	HTTP_FAIL_OTHER,	/* see words and detail */
};

#define HTTP_DETAIL_SIZE 256	/* libcurl's CURL_ERROR_SIZE */

struct http_reply {
	long status;		/* the last status line's code, 0 when none came; kept even when the
				 * transfer then failed */
	enum http_failure failure;
	bool cancelled;		/* cancel_request(), or on_data returned false */
	bool too_big;		/* the body went past max */
	bool aborted;		/* read_body returned -1 */
	bool got_bytes;		/* some of an answer came */
	long os_errno;		/* of the last failed connect */
	long long date;		/* the Date header of the last response, Unix seconds; 0 if none */
	struct strbuf body;	/* the body, or an error body (status >= 400) when on_data is set */
	const char *words;	/* libcurl's words for the failure (static), "" when done */
	char detail[HTTP_DETAIL_SIZE];	/* libcurl's precise words when it has any, else words;
					 * unsanitized (may name what the server sent) */
};

/* Runs req to completion, or until cancelled or stopped; fills *reply (free its body with
 * http_reply_free). */
void http_perform(const struct http_request *req, struct http_reply *reply);
void http_reply_free(struct http_reply *reply);

/* Translated words for a failed connect's errno, in docker's register ("connection refused",
 * "no such file"); NULL for an errno without words of its own. */
const char *http_errno_words(long os_errno);

/* An HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT") as Unix seconds; 0 when it is none. */
long long http_date(const char *s);

/* s percent-escaped for a URL's query or path component; new string. */
char *http_escape(const char *s);

/* Closes the connection the calling thread kept (keep_alive), if any: a worker pool calls it
 * when a job ends, so that idle threads hold no connection (an ssh:// engine's each hold a
 * session of the ssh master, which has a few). Threads that end get it on their way out. */
void http_thread_release(void);

/* Call once before any thread starts (curl_global_init). The cleanup releases the calling
 * thread's kept connection too. */
void http_global_init(void);
void http_global_cleanup(void);

#endif
