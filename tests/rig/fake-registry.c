/* tests/rig/fake-registry.c: a stand-in for a Docker registry's v2 API where the rig's own
 * (distribution 2.8) cannot show a behaviour: tag lists in pages, the anonymous token flow, rate
 * limits, lies and slowness (C11 + POSIX sockets, a process per connection, one request per
 * connection).
 *
 *   fake-registry PORT
 *
 * Listens on 127.0.0.1:PORT (0: any free port). The repository name chooses the behaviour:
 *   page/app      tags t000..t249, in pages: ?n=N (default 100) and ?last=T; each page but the
 *                 last has Link: </v2/page/app/tags/list?last=T&n=N>; rel="next"
 *   auth/app      the same tags, and manifests/1 (an OCI image manifest, no digest header), but
 *                 only with "Authorization: Bearer t0k3n"; else 401 with
 *                 WWW-Authenticate: Bearer realm="http://127.0.0.1:PORT/token",
 *                 service="fake-registry",scope="repository:auth/app:pull"
 *   denied/app    asks for a token too, but the token server refuses (401)
 *   limit/app     429, Retry-After: 120, the TOOMANYREQUESTS error body
 *   hub/app       429, ratelimit-reset: 3600 (no Retry-After), the same body
 *   bad/app       200 with a body that is not JSON (tags and manifests)
 *   lie/app       any manifest: a good manifest under a Docker-Content-Digest of zeros
 *   big/app       any manifest: 200 with 5 MiB of JSON
 *   loop/app      tags: Link to the same page again
 *   away/app      tags: Link to http://elsewhere.invalid/…
 *   slow/app      waits 30 s, then 404
 *   endless/app   tags: pages of 20,000 (p<N>t<K>), each with a Link to the next, without end
 *   anything else 404 NAME_UNKNOWN
 * It also plays a hostile Docker engine (DOCKER_HOST=tcp://127.0.0.1:PORT):
 *   GET /_ping                  200 "OK", Api-Version: 99999999.1 (no N.N a path may carry)
 *   GET /v<any>/version         200 {"Version":"hostile"}
 *   POST /v<any>/images/create  200, then a line without a newline, 64 MiB or until the client
 *                               goes
 * GET /token?service=fake-registry&scope=repository:R:pull answers {"token":"t0k3n"} (401 for
 * denied/app, 400 without service or scope).
 *
 * stdout: the port, one line, flushed, before anything is accepted.
 * stderr: one line per connection, flushed: "tls" for a TLS ClientHello (closed at once, as a
 * plain-HTTP registry does), else "GET TARGET STATUS" plus " auth" when a bearer token came.
 * SIGTERM and SIGINT end it (exit 0).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define REQUEST_MAX 16384
#define NTAGS 250
#define TOKEN "t0k3n"

static int port;

static void
send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static void
logf_line(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	send_all(2, buf, (size_t)n);
}

static const char *
phrase(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 404: return "Not Found";
	case 429: return "Too Many Requests";
	default: return "Other";
	}
}

static void
respond(int fd, int status, const char *type, const char *extra, const char *body, size_t len)
{
	char head[2048];
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
			 "Docker-Distribution-Api-Version: registry/2.0\r\nConnection: close\r\n%s\r\n",
			 status, phrase(status), type, len, extra ? extra : "");
	send_all(fd, head, (size_t)n);
	send_all(fd, body, len);
}

static void
json(int fd, int status, const char *extra, const char *body)
{
	respond(fd, status, "application/json; charset=utf-8", extra, body, strlen(body));
}

/* The value of query parameter name in q (no decoding: the tests use plain values). */
static bool
query(const char *q, const char *name, char *out, size_t n)
{
	size_t k = strlen(name);
	for (const char *p = q; p && *p; p = strchr(p, '&'), p = p ? p + 1 : NULL) {
		if (strncmp(p, name, k) == 0 && p[k] == '=') {
			size_t len = strcspn(p + k + 1, "&");
			if (len >= n)
				len = n - 1;
			memcpy(out, p + k + 1, len);
			out[len] = '\0';
			return true;
		}
	}
	return false;
}

static const char unauthorized[] =
	"{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\","
	"\"detail\":[{\"Type\":\"repository\",\"Name\":\"%s\",\"Action\":\"pull\"}]}]}\n";
static const char toomany[] =
	"{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"You have reached your pull rate limit.\"}]}\n";
static const char manifest[] =
	"{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
	"\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":7023,"
	"\"digest\":\"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7\"},"
	"\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":32654,"
	"\"digest\":\"sha256:9834876dcfb05cb167a5c24953eba58c4ac89b1adf57f28f2f9d09af107ee8f0\"},"
	"{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":16724,"
	"\"digest\":\"sha256:3c3a4604a545cdc127456d94e421cd355bca5b528f4a9c1905b15da2eb4a4c6b\"}]}";

static int
tags(int fd, const char *repo, const char *q)
{
	char nbuf[16] = "100", last[64] = "";
	query(q, "n", nbuf, sizeof(nbuf));
	query(q, "last", last, sizeof(last));
	int n = atoi(nbuf);
	if (n <= 0 || n > 1000)
		n = 100;
	int start = 0;
	if (last[0] == 't')
		start = atoi(last + 1) + 1;
	char body[32768], extra[512] = "";
	int len = snprintf(body, sizeof(body), "{\"name\":\"%s\",\"tags\":[", repo);
	int i;
	for (i = start; i < NTAGS && i < start + n; i++)
		len += snprintf(body + len, sizeof(body) - (size_t)len, "%s\"t%03d\"", i > start ? "," : "", i);
	len += snprintf(body + len, sizeof(body) - (size_t)len, "]}\n");
	if (strcmp(repo, "loop/app") == 0)
		snprintf(extra, sizeof(extra), "Link: </v2/loop/app/tags/list?n=%d>; rel=\"next\"\r\n", n);
	else if (strcmp(repo, "away/app") == 0)
		snprintf(extra, sizeof(extra), "Link: <http://elsewhere.invalid/v2/away/app/tags/list?last=t%03d&n=%d>; rel=\"next\"\r\n", i - 1, n);
	else if (i < NTAGS)
		snprintf(extra, sizeof(extra), "Link: </v2/%s/tags/list?last=t%03d&n=%d>; rel=\"next\"\r\n", repo, i - 1, n);
	respond(fd, 200, "application/json; charset=utf-8", extra, body, (size_t)len);
	return 200;
}

/* endless/app: page N (from ?last=p<N-1>t...) of 20,000 tags, always with a next page. */
static int
endless_tags(int fd, const char *q)
{
	enum { PER_PAGE = 20000 };
	char last[64] = "";
	query(q, "last", last, sizeof(last));
	int page = last[0] == 'p' ? atoi(last + 1) + 1 : 0;
	size_t cap = (size_t)PER_PAGE * 16 + 64, len = 0;
	char *body = malloc(cap);
	if (!body)
		return 500;
	len += (size_t)snprintf(body, cap, "{\"name\":\"endless/app\",\"tags\":[");
	for (int i = 0; i < PER_PAGE; i++)
		len += (size_t)snprintf(body + len, cap - len, "%s\"p%dt%05d\"", i ? "," : "", page, i);
	len += (size_t)snprintf(body + len, cap - len, "]}\n");
	char extra[256];
	snprintf(extra, sizeof(extra), "Link: </v2/endless/app/tags/list?last=p%dt%05d&n=%d>; rel=\"next\"\r\n",
		 page, PER_PAGE - 1, PER_PAGE);
	respond(fd, 200, "application/json; charset=utf-8", extra, body, len);
	free(body);
	return 200;
}

/* A stream line that never ends: what a hostile engine's pull or events could send. */
static int
endless_line(int fd)
{
	static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
				   "{\"status\":\"";
	signal(SIGPIPE, SIG_IGN);
	if (write(fd, head, sizeof(head) - 1) < 0)
		return 200;
	char chunk[65536];
	memset(chunk, 'x', sizeof(chunk));
	for (int i = 0; i < 1024; i++)
		if (write(fd, chunk, sizeof(chunk)) <= 0)
			break;
	return 200;
}

static int
route(int fd, const char *target, bool authed)
{
	char path[1024];
	const char *qm = strchr(target, '?');
	size_t plen = qm ? (size_t)(qm - target) : strlen(target);
	if (plen >= sizeof(path))
		plen = sizeof(path) - 1;
	memcpy(path, target, plen);
	path[plen] = '\0';
	const char *q = qm ? qm + 1 : "";

	if (strcmp(path, "/_ping") == 0) {
		respond(fd, 200, "text/plain; charset=utf-8", "Api-Version: 99999999.1\r\n", "OK", 2);
		return 200;
	}
	if (strncmp(path, "/v", 2) == 0 && path[2] != '2' && strstr(path, "/version")) {
		json(fd, 200, NULL, "{\"Version\":\"hostile\",\"Os\":\"linux\"}\n");
		return 200;
	}
	if (strcmp(path, "/token") == 0) {
		char service[64], scope[256];
		if (!query(q, "service", service, sizeof(service)) || !query(q, "scope", scope, sizeof(scope))) {
			json(fd, 400, NULL, "{\"details\":\"service and scope are required\"}\n");
			return 400;
		}
		if (strstr(scope, "denied")) {
			json(fd, 401, NULL, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"no anonymous access to this repository\"}]}\n");
			return 401;
		}
		json(fd, 200, NULL, "{\"token\":\"" TOKEN "\",\"access_token\":\"" TOKEN "\",\"expires_in\":300}\n");
		return 200;
	}
	if (strncmp(path, "/v2/", 4) != 0) {
		json(fd, 404, NULL, "404 page not found\n");
		return 404;
	}
	/* /v2/<a>/<b>/tags/list or /v2/<a>/<b>/manifests/<ref> */
	char repo[256] = "", rest[512] = "";
	const char *p = path + 4;
	const char *s1 = strchr(p, '/');
	const char *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
	if (s2 && (size_t)(s2 - p) < sizeof(repo)) {
		memcpy(repo, p, (size_t)(s2 - p));
		snprintf(rest, sizeof(rest), "%s", s2 + 1);
	}
	bool is_tags = strcmp(rest, "tags/list") == 0;
	bool is_manifest = strncmp(rest, "manifests/", 10) == 0;

	if ((strcmp(repo, "auth/app") == 0 || strcmp(repo, "denied/app") == 0) && !authed) {
		char extra[512], body[512];
		snprintf(extra, sizeof(extra),
			 "WWW-Authenticate: Bearer realm=\"http://127.0.0.1:%d/token\",service=\"fake-registry\","
			 "scope=\"repository:%s:pull\"\r\n", port, repo);
		snprintf(body, sizeof(body), unauthorized, repo);
		json(fd, 401, extra, body);
		return 401;
	}
	if (strcmp(repo, "slow/app") == 0) {
		sleep(30);
		json(fd, 404, NULL, "{}\n");
		return 404;
	}
	if (strcmp(repo, "limit/app") == 0) {
		json(fd, 429, "Retry-After: 120\r\n", toomany);
		return 429;
	}
	if (strcmp(repo, "hub/app") == 0) {
		json(fd, 429, "ratelimit-limit: 100;w=21600\r\nratelimit-remaining: 0;w=21600\r\nratelimit-reset: 3600\r\n", toomany);
		return 429;
	}
	if (strcmp(repo, "bad/app") == 0 && (is_tags || is_manifest)) {
		respond(fd, 200, is_tags ? "application/json" : "application/vnd.docker.distribution.manifest.v2+json",
			NULL, "this is not json", 16);
		return 200;
	}
	if (is_tags && strcmp(repo, "endless/app") == 0)
		return endless_tags(fd, q);
	if (is_tags && (strcmp(repo, "page/app") == 0 || strcmp(repo, "auth/app") == 0
			|| strcmp(repo, "loop/app") == 0 || strcmp(repo, "away/app") == 0))
		return tags(fd, repo, q);
	if (is_manifest && (strcmp(repo, "auth/app") == 0 || strcmp(repo, "lie/app") == 0)) {
		const char *extra = strcmp(repo, "lie/app") == 0
			? "Docker-Content-Digest: sha256:0000000000000000000000000000000000000000000000000000000000000000\r\n"
			: NULL;
		respond(fd, 200, "application/vnd.oci.image.manifest.v1+json", extra, manifest, strlen(manifest));
		return 200;
	}
	if (is_manifest && strcmp(repo, "big/app") == 0) {
		size_t n = 5u << 20;
		char *body = malloc(n);
		if (!body)
			return 500;
		memset(body, ' ', n);
		body[0] = '{';
		body[n - 1] = '}';
		respond(fd, 200, "application/vnd.oci.image.manifest.v1+json", NULL, body, n);
		free(body);
		return 200;
	}
	json(fd, 404, NULL, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}\n");
	return 404;
}

static void
serve(int fd)
{
	char req[REQUEST_MAX + 1];
	size_t len = 0;
	struct timeval tv = { 10, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (len < REQUEST_MAX) {
		ssize_t r = read(fd, req + len, REQUEST_MAX - len);
		if (r <= 0)
			break;
		if (len == 0 && (unsigned char)req[0] == 0x16) {
			logf_line("tls");
			return;
		}
		len += (size_t)r;
		req[len] = '\0';
		if (strstr(req, "\r\n\r\n"))
			break;
	}
	req[len] = '\0';
	char method[16], target[2048];
	if (sscanf(req, "%15s %2047s", method, target) != 2)
		return;
	bool authed = false;
	for (char *line = strstr(req, "\r\n"); line; line = strstr(line + 2, "\r\n"))
		if (strncasecmp(line + 2, "authorization: bearer " TOKEN "\r", sizeof("authorization: bearer " TOKEN)) == 0)
			authed = true;
	int status;
	if (strcmp(method, "GET") == 0)
		status = route(fd, target, authed);
	else if (strcmp(method, "POST") == 0 && strncmp(target, "/v", 2) == 0 && strstr(target, "/images/create"))
		status = endless_line(fd);
	else
		status = (json(fd, 400, NULL, "{}\n"), 400);
	logf_line("%s %s %d%s", method, target, status, authed ? " auth" : "");
}

static void
on_term(int sig)
{
	(void)sig;
	/* started with setsid: the connections still being served go too */
	if (getpid() == getpgrp()) {
		signal(SIGTERM, SIG_IGN);
		kill(0, SIGTERM);
	}
	_exit(0);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fake-registry PORT\n");
		return 2;
	}
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	signal(SIGCHLD, SIG_IGN);	/* children are reaped by the kernel */
	signal(SIGPIPE, SIG_IGN);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1])) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(s, 64) != 0) {
		perror("fake-registry: listen");
		return 1;
	}
	socklen_t alen = sizeof(a);
	getsockname(s, (struct sockaddr *)&a, &alen);
	port = ntohs(a.sin_port);
	printf("%d\n", port);
	fflush(stdout);
	for (;;) {
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		pid_t pid = fork();
		if (pid == 0) {
			signal(SIGTERM, SIG_DFL);
			signal(SIGINT, SIG_DFL);
			close(s);
			serve(c);
			shutdown(c, SHUT_WR);
			close(c);
			_exit(0);
		}
		close(c);
	}
}
