/* drain-engine SOCKET LOG: a stand-in engine for bench/run.sh that takes a build context as
 * fast as a client can send it, so that the client's side of `docker build` (walk, tar, send)
 * is what is timed, not the engine's (which unpacks the context onto its disk as it reads it).
 *
 * It listens on the unix socket SOCKET and answers, on every connection (one child process
 * each, keep-alive):
 *   GET|HEAD /_ping           200 "OK", Api-Version: 1.41, Server: Docker/20.10.24 (linux)
 *   GET /version              a minimal version document
 *   POST …/build?…            reads the whole body (chunked or Content-Length), then answers
 *                             a one-step build stream (aux ID, "Successfully built")
 *   anything else             404 {"message":"page not found"}
 * For each body it reads it appends "path=… bytes=N first_ms=F body_ms=B" to LOG: bytes of
 * the body, ms from the request's headers to its first body byte, and from there to its end.
 *
 *   drain-engine SOCKET LOG LIST DELAY_MS: also an engine whose images list always takes the
 *   same time, so that a client's own part of "exec -> first screen" is timed without
 *   dockerd's ±50 ms from run to run:
 *   GET …/images/json         the file LIST, DELAY_MS after the request
 *   GET …/containers/json     []
 *   GET …/events              200, chunked, and nothing more until the client hangs up
 * It runs until killed. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#define BUF_SIZE (256 * 1024)

struct conn {
	int fd;
	char buf[BUF_SIZE];
	size_t pos, len;
};

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* more bytes into the buffer (moved to its start); 0 at EOF or an error */
static size_t
fill(struct conn *c)
{
	if (c->pos > 0) {
		memmove(c->buf, c->buf + c->pos, c->len - c->pos);
		c->len -= c->pos;
		c->pos = 0;
	}
	if (c->len == sizeof(c->buf))
		return 0;
	for (;;) {
		ssize_t n = read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		c->len += (size_t)n;
		return (size_t)n;
	}
}

/* one line without its CRLF into line (NUL-terminated, cut at size); false at EOF */
static int
read_line(struct conn *c, char *line, size_t size)
{
	for (;;) {
		char *nl = memchr(c->buf + c->pos, '\n', c->len - c->pos);
		if (nl) {
			size_t n = (size_t)(nl - (c->buf + c->pos));
			size_t k = n && nl[-1] == '\r' ? n - 1 : n;
			if (k >= size)
				k = size - 1;
			memcpy(line, c->buf + c->pos, k);
			line[k] = 0;
			c->pos += n + 1;
			return 1;
		}
		if (!fill(c))
			return 0;
	}
}

/* skips n body bytes; false at EOF */
static int
skip(struct conn *c, unsigned long long n, double *first)
{
	while (n > 0) {
		if (c->pos == c->len && !fill(c))
			return 0;
		if (*first < 0)
			*first = now_ms();
		size_t have = c->len - c->pos;
		size_t k = have < n ? have : (size_t)n;
		c->pos += k;
		n -= k;
	}
	return 1;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return 0;
		p += k;
		n -= (size_t)k;
	}
	return 1;
}

static const char *list_body;	/* LIST's bytes, or NULL: no images list served */
static size_t list_len;
static long list_delay_ms;

static int
answer_n(int fd, int status, const char *type, const char *body, size_t blen, int head)
{
	char h[512];
	int n = snprintf(h, sizeof(h),
			 "HTTP/1.1 %d %s\r\nApi-Version: 1.41\r\nDocker-Experimental: false\r\n"
			 "Ostype: linux\r\nServer: Docker/20.10.24 (linux)\r\nContent-Type: %s\r\n"
			 "Content-Length: %zu\r\n\r\n",
			 status, status == 200 ? "OK" : "Not Found", type, blen);
	return write_all(fd, h, (size_t)n) && (head || write_all(fd, body, blen));
}

static int
answer(int fd, int status, const char *type, const char *body, int head)
{
	return answer_n(fd, status, type, body, strlen(body), head);
}

/* the event stream: headers, then held open until the client hangs up */
static void
hold_events(struct conn *c)
{
	static const char h[] = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
				"Server: Docker/20.10.24 (linux)\r\nTransfer-Encoding: chunked\r\n\r\n";
	if (!write_all(c->fd, h, sizeof(h) - 1))
		return;
	c->pos = c->len = 0;
	while (fill(c))
		c->pos = c->len;
}

static const char build_stream[] =
	"{\"stream\":\"Step 1/1 : FROM scratch\\n\"}\r\n"
	"{\"aux\":{\"ID\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"}}\r\n"
	"{\"stream\":\"Successfully built 000000000000\\n\"}\r\n";

static void
serve(int fd, FILE *log)
{
	static struct conn c;
	c.fd = fd;
	c.pos = c.len = 0;
	char line[8192], method[16], path[4096];
	for (;;) {
		if (!read_line(&c, line, sizeof(line)))
			return;
		if (!line[0])
			continue;
		if (sscanf(line, "%15s %4095s", method, path) != 2)
			return;
		unsigned long long length = 0;
		int chunked = 0;
		while (read_line(&c, line, sizeof(line)) && line[0]) {
			if (strncasecmp(line, "content-length:", 15) == 0)
				length = strtoull(line + 15, NULL, 10);
			else if (strncasecmp(line, "transfer-encoding:", 18) == 0 && strcasestr(line, "chunked"))
				chunked = 1;
			else if (strncasecmp(line, "expect:", 7) == 0 && strcasestr(line, "100-continue") &&
				 !write_all(fd, "HTTP/1.1 100 Continue\r\n\r\n", 25))
				return;
		}
		double start = now_ms(), first = -1;
		unsigned long long bytes = 0;
		if (chunked) {
			for (;;) {
				if (!read_line(&c, line, sizeof(line)))
					return;
				unsigned long long n = strtoull(line, NULL, 16);
				if (n == 0)
					break;
				if (!skip(&c, n, &first) || !read_line(&c, line, sizeof(line)))
					return;
				bytes += n;
			}
			while (read_line(&c, line, sizeof(line)) && line[0])
				;	/* trailers */
		} else if (length) {
			if (!skip(&c, length, &first))
				return;
			bytes = length;
		}
		double end = now_ms();
		if (bytes) {
			fprintf(log, "path=%s bytes=%llu first_ms=%.1f body_ms=%.1f\n", path, bytes,
				first >= 0 ? first - start : 0.0, first >= 0 ? end - first : 0.0);
			fflush(log);
		}
		int head = strcmp(method, "HEAD") == 0, ok;
		if (list_body && strstr(path, "/events")) {
			hold_events(&c);
			return;
		}
		if (list_body && strstr(path, "/images/json")) {
			struct timespec d = { list_delay_ms / 1000, (list_delay_ms % 1000) * 1000000L };
			while (nanosleep(&d, &d) != 0 && errno == EINTR)
				;
			ok = answer_n(fd, 200, "application/json", list_body, list_len, head);
		} else if (list_body && strstr(path, "/containers/json"))
			ok = answer(fd, 200, "application/json", "[]\n", head);
		else if (strstr(path, "/_ping"))
			ok = answer(fd, 200, "text/plain; charset=utf-8", "OK", head);
		else if (strstr(path, "/version"))
			ok = answer(fd, 200, "application/json",
				    "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\","
				    "\"Os\":\"linux\",\"Arch\":\"amd64\"}\n",
				    head);
		else if (strstr(path, "/build"))
			ok = answer(fd, 200, "application/json", build_stream, head);
		else
			ok = answer(fd, 404, "application/json", "{\"message\":\"page not found\"}\n", head);
		if (!ok)
			return;
	}
}

int
main(int argc, char **argv)
{
	if (argc != 3 && argc != 5) {
		fprintf(stderr, "usage: drain-engine SOCKET LOG [LIST DELAY_MS]\n");
		return 2;
	}
	if (argc == 5) {
		FILE *f = fopen(argv[3], "rb");
		static char *buf;
		size_t cap = 0;
		if (!f) {
			perror(argv[3]);
			return 1;
		}
		for (size_t n;; list_len += n) {
			if (list_len == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 1 << 20))) {
				fprintf(stderr, "drain-engine: out of memory\n");
				return 1;
			}
			if (!(n = fread(buf + list_len, 1, cap - list_len, f)))
				break;
		}
		fclose(f);
		list_body = buf;
		list_delay_ms = strtol(argv[4], NULL, 10);
	}
	FILE *log = fopen(argv[2], "a");
	if (!log) {
		perror(argv[2]);
		return 1;
	}
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	if (strlen(argv[1]) >= sizeof(a.sun_path)) {
		fprintf(stderr, "drain-engine: socket path too long\n");
		return 1;
	}
	strcpy(a.sun_path, argv[1]);
	unlink(argv[1]);
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(s, 16) != 0) {
		perror(argv[1]);
		return 1;
	}
	struct sigaction sa = { .sa_handler = SIG_IGN, .sa_flags = SA_NOCLDWAIT };
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		int fd = accept4(s, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("accept");
			return 1;
		}
		pid_t pid = fork();
		if (pid == 0) {
			close(s);
			serve(fd, log);
			_exit(0);
		}
		close(fd);
	}
}
