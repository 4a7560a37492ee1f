/* tests/rig/fake-index.c: a stand-in for a registry's v1 search API, the index that dockerd
 * asks for `docker search HOST:PORT/TERM` (C11 + POSIX sockets, one process, one request per
 * connection).
 *
 *   fake-index PORT FIXTURE
 *
 * Listens on 127.0.0.1:PORT (0: any free port). FIXTURE is a JSON array of results as an index
 * sends them ({"name","description","star_count","is_official","is_automated"}); each object
 * is sent back byte for byte.
 *
 * What dockerd 20.10 does for a term whose first part has a '.' or a ':' (or is localhost),
 * seen on the rig: per search, a TLS ClientHello to the port first (closed here: 127.0.0.0/8
 * is an insecure registry, so the daemon falls back to http), then GET /v1/_ping (any answer
 * will do), then GET /v1/search?q=<the rest of the term>&n=<limit> with Go's query escaping
 * ('+' for a space). It never asks /v2/. It does not cut the answer to n itself, and it filters
 * (stars, is-official, is-automated) only after this answer.
 *
 * Routes:
 *   GET /v1/_ping         200 {"standalone":true}
 *   GET /v1/search?q=Q&n=N
 *       the fixture's results whose name contains Q, ignoring ASCII case (all of them for an
 *       empty Q), in the fixture's order, at most N (default 25, at most 100):
 *       {"num_pages":P,"num_results":M,"page":1,"page_size":N,"query":Q,"results":[...]}
 *       where M counts every match, as Docker Hub does. For the tests of error paths:
 *         Q = fail-NNN    answers status NNN (the daemon says "Unexpected status code NNN")
 *         Q = fail-json   answers 200 with a body that is not JSON
 *         Q = slow-REST   waits 3 s, then answers as for REST
 *   anything else         404
 *
 * stdout: the port, one line, flushed, before anything is accepted.
 * stderr: one line per connection, flushed: "tls" for a ClientHello, else
 * "GET /v1/search?q=nginx&n=25 200 results=12" (the request target as received).
 * SIGTERM and SIGINT end it (exit 0).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "loopback.h"

#define REQUEST_MAX 16384

struct entry {
	const char *json;	/* the object's text in the fixture */
	size_t len;
	char *name;		/* decoded */
};

static struct entry *entries;
static size_t nentries;


static _Noreturn void
die(const char *what)
{
	fprintf(stderr, "fake-index: %s: %s\n", what, strerror(errno));
	exit(1);
}

static _Noreturn void
die_fixture(const char *why)
{
	fprintf(stderr, "fake-index: fixture: %s\n", why);
	exit(1);
}

/* ---- a JSON scanner just large enough for the fixture ----------------------- */

static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static void
put_utf8(char **o, unsigned long cp)
{
	unsigned char *u = (unsigned char *)*o;
	if (cp < 0x80) {
		*u++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*u++ = (unsigned char)(0xC0 | (cp >> 6));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*u++ = (unsigned char)(0xE0 | (cp >> 12));
		*u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*u++ = (unsigned char)(0xF0 | (cp >> 18));
		*u++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		*u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*o = (char *)u;
}

static bool
hex4(const char *p, unsigned long *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		*v = *v * 16 + (unsigned long)d;
	}
	return true;
}

/* p at '"': returns the byte after the closing quote; *out (if not NULL) the decoded text. */
static const char *
scan_string(const char *p, char **out)
{
	char *buf = out ? malloc(strlen(p) + 1) : NULL, *o = buf;
	if (out && !buf)
		die("malloc");
	for (p++; *p != '"'; p++) {
		if (!*p)
			die_fixture("unterminated string");
		if (*p != '\\') {
			if (o)
				*o++ = *p;
			continue;
		}
		p++;
		unsigned long cp;
		switch (*p) {
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u':
			if (!hex4(p + 1, &cp))
				die_fixture("bad \\u escape");
			p += 4;
			if (cp >= 0xD800 && cp < 0xDC00 && p[1] == '\\' && p[2] == 'u') {
				unsigned long lo;
				if (hex4(p + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					p += 6;
				}
			}
			break;
		case '\0':
			die_fixture("unterminated string");
		default: cp = (unsigned char)*p; break;
		}
		if (o)
			put_utf8(&o, cp);
	}
	if (o)
		*o = '\0';
	if (out)
		*out = buf;
	return p + 1;
}

static const char *
skip_value(const char *p)
{
	p = skip_ws(p);
	if (*p == '"')
		return scan_string(p, NULL);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		p = skip_ws(p + 1);
		while (*p != close) {
			if (close == '}') {
				if (*p != '"')
					die_fixture("expected a key");
				p = skip_ws(scan_string(p, NULL));
				if (*p++ != ':')
					die_fixture("expected ':'");
			}
			p = skip_ws(skip_value(p));
			if (*p == ',')
				p = skip_ws(p + 1);
			else if (*p != close)
				die_fixture("expected ',' or the end of a container");
		}
		return p + 1;
	}
	const char *start = p;
	while (*p && !strchr(",}] \t\r\n", *p))
		p++;
	if (p == start)
		die_fixture("expected a value");
	return p;
}

/* The array of objects; each entry's name is the value of its "name" member. */
static void
load_fixture(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path);
	size_t cap = 65536, len = 0;
	char *text = malloc(cap);
	if (!text)
		die("malloc");
	size_t n;
	while ((n = fread(text + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len + 1 == cap && !(text = realloc(text, cap *= 2)))
			die("realloc");
	}
	fclose(f);
	text[len] = '\0';
	const char *p = skip_ws(text);
	if (*p++ != '[')
		die_fixture("not an array");
	size_t ecap = 0;
	for (p = skip_ws(p); *p != ']'; ) {
		if (*p != '{')
			die_fixture("an element is not an object");
		const char *end = skip_value(p);
		if (nentries == ecap) {
			ecap = ecap ? 2 * ecap : 64;
			if (!(entries = realloc(entries, ecap * sizeof(*entries))))
				die("realloc");
		}
		struct entry *e = &entries[nentries++];
		e->json = p;
		e->len = (size_t)(end - p);
		e->name = NULL;
		/* the members of this object, for "name" */
		const char *m = skip_ws(p + 1);
		while (*m == '"') {
			char *key;
			m = skip_ws(scan_string(m, &key));
			m = skip_ws(m + 1);	/* ':' */
			if (!strcmp(key, "name") && *m == '"' && !e->name)
				m = scan_string(m, &e->name);
			else
				m = skip_value(m);
			free(key);
			m = skip_ws(m);
			if (*m == ',')
				m = skip_ws(m + 1);
		}
		if (!e->name)
			die_fixture("an object has no \"name\" string");
		p = skip_ws(end);
		if (*p == ',')
			p = skip_ws(p + 1);
		else if (*p != ']')
			die_fixture("expected ',' or ']'");
	}
	/* text stays allocated: entries point into it */
}

/* ---- HTTP ------------------------------------------------------------------ */

struct out {
	char *buf;
	size_t len, cap;
};

static void
out_add(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		while (o->len + n + 1 > o->cap)
			o->cap = o->cap ? 2 * o->cap : 4096;
		if (!(o->buf = realloc(o->buf, o->cap)))
			die("realloc");
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void
out_puts(struct out *o, const char *s)
{
	out_add(o, s, strlen(s));
}

static void
out_printf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
out_printf(struct out *o, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		out_add(o, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

static void
json_string_out(struct out *o, const char *s)
{
	out_puts(o, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			char e[2] = { '\\', (char)*p };
			out_add(o, e, 2);
		} else if (*p < 0x20) {
			out_printf(o, "\\u%04x", *p);
		} else {
			out_add(o, (const char *)p, 1);
		}
	}
	out_puts(o, "\"");
}

static void
send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR && !stopping)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

static void
respond(int fd, bool head, int status, const char *type, const struct out *body)
{
	struct out o = { 0 };
	out_printf(&o, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
		   "Connection: close\r\n\r\n", status, reason(status), type, body->len);
	if (!head && body->len)
		out_add(&o, body->buf, body->len);
	send_all(fd, o.buf, o.len);
	free(o.buf);
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The value of query parameter `key` in the query string qs, decoded (%XX, '+' is a space);
 * NULL when absent. */
static char *
query_param(const char *qs, const char *key)
{
	size_t klen = strlen(key);
	for (const char *p = qs; p && *p; ) {
		const char *amp = strchr(p, '&');
		size_t plen = amp ? (size_t)(amp - p) : strlen(p);
		if (plen >= klen && !strncmp(p, key, klen) && (plen == klen || p[klen] == '=')) {
			const char *v = plen == klen ? p + plen : p + klen + 1;
			size_t vlen = (size_t)(p + plen - v);
			char *out = malloc(vlen + 1), *o = out;
			if (!out)
				die("malloc");
			for (size_t i = 0; i < vlen; i++) {
				if (v[i] == '+') {
					*o++ = ' ';
				} else if (v[i] == '%' && i + 2 < vlen && hexval(v[i + 1]) >= 0
					   && hexval(v[i + 2]) >= 0) {
					*o++ = (char)(hexval(v[i + 1]) * 16 + hexval(v[i + 2]));
					i += 2;
				} else {
					*o++ = v[i];
				}
			}
			*o = '\0';
			return out;
		}
		p = amp ? amp + 1 : NULL;
	}
	return NULL;
}

/* Sleeps for `seconds` unless a stop signal comes first. */
static void
pause_for(int seconds)
{
	struct timespec ts = { seconds, 0 };
	while (!stopping && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void
search(int fd, bool head, const char *qs, char *logbuf, size_t logsz)
{
	char *q = query_param(qs, "q");
	char *n_text = query_param(qs, "n");
	const char *term = q ? q : "";
	long n = 25;
	if (n_text && *n_text) {
		char *end;
		long v = strtol(n_text, &end, 10);
		if (!*end)
			n = v < 1 ? 25 : v > 100 ? 100 : v;
	}
	struct out body = { 0 };
	int status = 200;
	if (!strncmp(term, "fail-json", 9)) {
		out_puts(&body, "this is not JSON\n");
		respond(fd, head, 200, "application/json", &body);
		snprintf(logbuf, logsz, "200 not-json");
		goto done;
	}
	if (!strncmp(term, "fail-", 5) && atoi(term + 5) >= 200 && atoi(term + 5) <= 599) {
		status = atoi(term + 5);
		out_puts(&body, "{\"error\":\"the stand-in index was told to fail\"}\n");
		respond(fd, head, status, "application/json", &body);
		snprintf(logbuf, logsz, "%d", status);
		goto done;
	}
	if (!strncmp(term, "slow-", 5)) {
		pause_for(3);
		term += 5;
	}
	size_t matches = 0, sent = 0;
	struct out results = { 0 };
	out_puts(&results, "");
	for (size_t i = 0; i < nentries; i++) {
		if (*term && !strcasestr(entries[i].name, term))
			continue;
		matches++;
		if (sent == (size_t)n)
			continue;
		if (sent++)
			out_puts(&results, ",");
		out_add(&results, entries[i].json, entries[i].len);
	}
	out_printf(&body, "{\"num_pages\":%zu,\"num_results\":%zu,\"page\":1,\"page_size\":%ld,\"query\":",
		   matches ? (matches + (size_t)n - 1) / (size_t)n : 0, matches, n);
	json_string_out(&body, term);
	out_puts(&body, ",\"results\":[");
	out_add(&body, results.buf, results.len);
	out_puts(&body, "]}\n");
	free(results.buf);
	respond(fd, head, 200, "application/json", &body);
	snprintf(logbuf, logsz, "200 results=%zu", sent);
done:
	free(body.buf);
	free(q);
	free(n_text);
}

static void
serve(int fd)
{
	char req[REQUEST_MAX + 1];
	size_t len = 0;
	while (len < REQUEST_MAX) {
		ssize_t r = recv(fd, req + len, REQUEST_MAX - len, 0);
		if (r < 0 && errno == EINTR && !stopping)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
		req[len] = '\0';
		if ((unsigned char)req[0] == 0x16) {
			/* A TLS ClientHello: no TLS here; the daemon falls back to http. */
			fprintf(stderr, "tls\n");
			return;
		}
		if (strstr(req, "\r\n\r\n"))
			break;
	}
	req[len] = '\0';
	char *eol = strstr(req, "\r\n");
	if (!eol) {
		fprintf(stderr, "incomplete request (%zu bytes)\n", len);
		return;
	}
	*eol = '\0';
	char method[16], target[REQUEST_MAX];
	struct out body = { 0 };
	if (sscanf(req, "%15s %16383s", method, target) != 2) {
		out_puts(&body, "bad request\n");
		respond(fd, false, 400, "text/plain", &body);
		fprintf(stderr, "bad request line\n");
		free(body.buf);
		return;
	}
	bool head = !strcmp(method, "HEAD");
	char log[128] = "";
	char *qs = strchr(target, '?');
	size_t plen = qs ? (size_t)(qs - target) : strlen(target);
	if (!head && strcmp(method, "GET")) {
		out_puts(&body, "method not allowed\n");
		respond(fd, head, 405, "text/plain", &body);
		snprintf(log, sizeof(log), "405");
	} else if (plen == 9 && !strncmp(target, "/v1/_ping", 9)) {
		out_puts(&body, "{\"standalone\":true}\n");
		respond(fd, head, 200, "application/json", &body);
		snprintf(log, sizeof(log), "200");
	} else if (plen == 10 && !strncmp(target, "/v1/search", 10)) {
		search(fd, head, qs ? qs + 1 : "", log, sizeof(log));
	} else {
		out_puts(&body, "404 page not found\n");
		respond(fd, head, 404, "text/plain", &body);
		snprintf(log, sizeof(log), "404");
	}
	free(body.buf);
	fprintf(stderr, "%s %s %s\n", method, target, log);
}

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: fake-index PORT FIXTURE\n");
		return 2;
	}
	setvbuf(stderr, NULL, _IOLBF, 0);
	load_fixture(argv[2]);

	unsigned port;
	int ls = loopback_listen(argv[1], &port);
	fprintf(stderr, "listen %u entries %zu\n", port, nentries);

	loopback_run(ls, serve);
	return 0;
}
