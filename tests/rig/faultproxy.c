/* tests/rig/faultproxy.c: a fault-injecting HTTP proxy for the tests (C11 + POSIX threads).
 *
 *   faultproxy RULES LISTEN_SOCK TARGET_SOCK
 *
 * Listens on the unix socket LISTEN_SOCK and forwards each connection to the unix socket
 * TARGET_SOCK (the rig's dockerd), one thread per connection, one request per connection (budu's
 * libcurl handles and docker's CLI through DOCKER_HOST=unix://LISTEN_SOCK make one each; a
 * second request on a connection is forwarded as it comes). Before forwarding, the request's
 * path (without the /vN.NN prefix) is matched against the RULES file, which is read again for
 * every request, so a test changes what the proxy does while a client runs (write a new file and
 * rename it over the old one). A missing or empty file: everything passes. One rule a line,
 * the first matching one wins, '#' starts a comment:
 *
 *   [METHOD] PREFIX ACTION [ARGS]
 *
 * PREFIX matches the start of the path ("/events", "/images/create", "/" for all); METHOD, in
 * capitals, narrows it to one method. ACTIONs:
 *   pass              forward as is
 *   stall             forward nothing: the client waits, with its connection open, until it gives
 *                     up or the rules change (a stalled connection rereads them every 100 ms and
 *                     goes on with what they say then)
 *   hang              the same, but for good: the rules changing do not release it (a request
 *                     lost in a stalled engine; only the client closing ends it)
 *   status CODE TEXT  answer CODE at once, with {"message":"TEXT"} as the body (as an authorization
 *                     plugin refusing a request does) and close
 *   end N             forward the answer's first N lines, then end the body properly (a final
 *                     empty chunk): a stream the engine closes cleanly
 *   cut N             forward N lines, then half of the next chunk, and close the connection
 *                     (a stream cut mid-chunk)
 *   drop K            forward the answer without every K-th line (K=1: without any line)
 *   hold N            forward the body's first N bytes, then nothing while the rule for the
 *                     request still says hold (read again every 100 ms), then the rest: a body
 *                     held back mid-way (an /images/json whose first images came)
 * For end, cut, drop and hold the request goes to the engine as HTTP/1.0, so the answer comes as raw
 * bytes up to the close, and the proxy sends it on as chunks of one line each.
 *
 * stdout: "ready", once listening. stderr: one line per event, flushed:
 *   req ID METHOD PATH ACTION     (PATH as sent, with its version prefix and query)
 *   release ID ACTION             a stalled request goes on
 *   drop ID                       a line left out
 *   close ID by=client|target|proxy
 * SIGTERM and SIGINT: the listening socket is removed and the proxy exits 0.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define HEAD_MAX 65536

enum action { A_PASS, A_STALL, A_HANG, A_STATUS, A_END, A_CUT, A_DROP, A_HOLD };
static const char *const action_names[] = { "pass", "stall", "hang", "status", "end", "cut", "drop", "hold" };

struct rule {
	enum action action;
	long arg;
	char text[512];
};

static const char *rules_path, *target_path, *listen_path;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned next_id = 1;

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
logf_(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pthread_mutex_lock(&log_lock);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
	pthread_mutex_unlock(&log_lock);
	va_end(ap);
}

static bool
write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static bool
write_str(int fd, const char *s)
{
	return write_all(fd, s, strlen(s));
}

/* The path without "/vN.NN" and without its query, for matching. */
static void
bare_path(const char *path, char *out, size_t outsz)
{
	const char *p = path;
	if (p[0] == '/' && p[1] == 'v' && isdigit((unsigned char)p[2])) {
		const char *q = p + 2;
		while (isdigit((unsigned char)*q) || *q == '.')
			q++;
		if (*q == '/')
			p = q;
	}
	size_t n = strcspn(p, "?");
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

/* The rule for method and path, from the rules file as it is now. */
static struct rule
rule_for(const char *method, const char *path)
{
	struct rule r = { A_PASS, 0, "" };
	char bare[4096];
	bare_path(path, bare, sizeof(bare));
	FILE *f = fopen(rules_path, "r");
	if (!f)
		return r;
	char line[1024];
	while (fgets(line, sizeof(line), f)) {
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *save = NULL, *w = strtok_r(line, " \t\r\n", &save);
		if (!w)
			continue;
		const char *want_method = NULL;
		if (w[0] != '/') {
			want_method = w;
			w = strtok_r(NULL, " \t\r\n", &save);
			if (!w)
				continue;
		}
		if (want_method && strcmp(want_method, method) != 0)
			continue;
		if (strncmp(bare, w, strlen(w)) != 0)
			continue;
		const char *act = strtok_r(NULL, " \t\r\n", &save);
		if (!act)
			continue;
		for (size_t i = 0; i < sizeof(action_names) / sizeof(*action_names); i++)
			if (strcmp(act, action_names[i]) == 0)
				r.action = (enum action)i;
		const char *arg = strtok_r(NULL, " \t\r\n", &save);
		r.arg = arg ? strtol(arg, NULL, 10) : 0;
		const char *rest = strtok_r(NULL, "\r\n", &save);
		snprintf(r.text, sizeof(r.text), "%s", rest ? rest : "refused by the test's proxy");
		break;
	}
	fclose(f);
	return r;
}

static int
connect_target(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", target_path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Waits while the rule for the request says stall; false when the client went away. */
static bool
stall(unsigned id, int cfd, const char *method, const char *path, struct rule *r)
{
	while (r->action == A_STALL || r->action == A_HANG) {
		struct pollfd p = { .fd = cfd, .events = POLLIN };
		if (poll(&p, 1, 100) > 0) {
			char c;
			ssize_t n = recv(cfd, &c, 1, MSG_PEEK);
			if (n <= 0)
				return false;
			/* more of a body: left in the socket until the request goes on */
			usleep(100000);
		}
		if (r->action == A_HANG)
			continue;
		*r = rule_for(method, path);
		if (r->action != A_STALL)
			logf_("release %u %s", id, action_names[r->action]);
	}
	return true;
}

static void
answer_status(int cfd, const struct rule *r)
{
	char body[1200], head[256];
	char msg[600];
	size_t k = 0;
	for (const char *p = r->text; *p && k < sizeof(msg) - 2; p++) {
		if (*p == '"' || *p == '\\')
			msg[k++] = '\\';
		msg[k++] = *p;
	}
	msg[k] = '\0';
	int bl = snprintf(body, sizeof(body), "{\"message\":\"%s\"}\n", msg);
	snprintf(head, sizeof(head),
		 "HTTP/1.1 %ld Refused\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
		 "Connection: close\r\n\r\n", r->arg, bl);
	if (write_str(cfd, head))
		write_all(cfd, body, (size_t)bl);
}

/* Copies both ways until one side closes. Returns who closed. */
static const char *
pump(int cfd, int tfd)
{
	char buf[16384];
	for (;;) {
		struct pollfd p[2] = { { .fd = cfd, .events = POLLIN }, { .fd = tfd, .events = POLLIN } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return "proxy";
		}
		for (int i = 0; i < 2; i++) {
			if (!p[i].revents)
				continue;
			ssize_t n = recv(p[i].fd, buf, sizeof(buf), 0);
			if (n <= 0)
				return i == 0 ? "client" : "target";
			if (!write_all(p[1 - i].fd, buf, (size_t)n))
				return i == 0 ? "target" : "client";
		}
	}
}

static bool
send_chunk(int cfd, const char *data, size_t n)
{
	char head[32];
	snprintf(head, sizeof(head), "%zx\r\n", n);
	return write_str(cfd, head) && write_all(cfd, data, n) && write_str(cfd, "\r\n");
}

/* Sends one line of the answer to the client as the rule says: 1 sent, 0 left out, -1 stop. */
static int
one_line(unsigned id, int cfd, const struct rule *r, const char *line, size_t n, long *count)
{
	++*count;
	if (r->action == A_DROP && r->arg > 0 && *count % r->arg == 0) {
		logf_("drop %u", id);
		return 0;
	}
	if ((r->action == A_END || r->action == A_CUT) && *count > r->arg) {
		if (r->action == A_CUT) {
			/* the chunk's size, half its bytes, and no more */
			char head[32];
			snprintf(head, sizeof(head), "%zx\r\n", n);
			if (write_str(cfd, head))
				write_all(cfd, line, n / 2);
		} else {
			write_str(cfd, "0\r\n\r\n");
		}
		return -1;
	}
	return send_chunk(cfd, line, n) ? 1 : -1;
}

/* hold: waits while the rule for the request says hold; false when the client went away. */
static bool
hold(unsigned id, int cfd, const char *method, const char *path)
{
	logf_("hold %u", id);
	for (;;) {
		struct pollfd p = { .fd = cfd, .events = POLLIN };
		if (poll(&p, 1, 100) > 0) {
			char c;
			if (recv(cfd, &c, 1, MSG_PEEK | MSG_DONTWAIT) <= 0)
				return false;
			usleep(100000);
		}
		struct rule now = rule_for(method, path);
		if (now.action != A_HOLD) {
			logf_("release %u %s", id, action_names[now.action]);
			return true;
		}
	}
}

/* hold's bytes of buf[*off, len): the first r->arg of the body, the wait, then the rest. */
static bool
hold_bytes(unsigned id, int cfd, const struct rule *r, const char *method, const char *path, const char *buf,
	   size_t *off, size_t len, long *sent)
{
	if (*sent >= 0 && *sent + (long)(len - *off) > r->arg) {
		size_t k = (size_t)(r->arg - *sent);
		if (k && !send_chunk(cfd, buf + *off, k))
			return false;
		*off += k;
		if (!hold(id, cfd, method, path))
			return false;
		*sent = -1;	/* released: all the rest goes */
	}
	if (len > *off && !send_chunk(cfd, buf + *off, len - *off))
		return false;
	if (*sent >= 0)
		*sent += (long)(len - *off);
	*off = len;
	return true;
}

/* The answer of the target, line by line, as chunks (end, cut, drop), or as it comes (hold). */
static const char *
relay_lines(unsigned id, int cfd, int tfd, const struct rule *r, const char *method, const char *path)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	bool head_done = false;
	long count = 0;
	const char *who = "target";
	if (!buf)
		return "proxy";
	for (;;) {
		struct pollfd p[2] = { { .fd = cfd, .events = POLLIN }, { .fd = tfd, .events = POLLIN } };
		if (poll(p, 2, -1) < 0 && errno != EINTR) {
			who = "proxy";
			break;
		}
		if (p[0].revents) {
			char tmp[4096];
			ssize_t n = recv(cfd, tmp, sizeof(tmp), 0);
			if (n <= 0 || !write_all(tfd, tmp, (size_t)n)) {
				who = "client";
				break;
			}
		}
		if (!p[1].revents)
			continue;
		if (len == cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				who = "proxy";
				break;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t n = recv(tfd, buf + len, cap - len, 0);
		bool eof = n <= 0;
		if (n > 0)
			len += (size_t)n;
		size_t off = 0;
		if (!head_done) {
			char *end = memmem(buf, len, "\r\n\r\n", 4);
			if (!end && !eof)
				continue;
			/* the status line and headers, but for the framing */
			size_t hl = end ? (size_t)(end - buf) + 4 : len;
			char *save = NULL;
			char *head = strndup(buf, hl);
			bool ok = true;
			for (char *h = strtok_r(head, "\r\n", &save); h && ok; h = strtok_r(NULL, "\r\n", &save)) {
				if (strncasecmp(h, "Content-Length:", 15) == 0 || strncasecmp(h, "Connection:", 11) == 0 ||
				    strncasecmp(h, "Transfer-Encoding:", 18) == 0)
					continue;
				ok = write_str(cfd, h) && write_str(cfd, "\r\n");
			}
			free(head);
			if (!ok || !write_str(cfd, "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")) {
				who = "client";
				break;
			}
			head_done = true;
			off = hl;
			if (r->action == A_END && r->arg == 0) {
				write_str(cfd, "0\r\n\r\n");
				who = "proxy";
				break;
			}
		}
		int st = 1;
		if (r->action == A_HOLD && !hold_bytes(id, cfd, r, method, path, buf, &off, len, &count)) {
			who = "client";
			break;
		}
		for (char *nl; st >= 0 && (nl = memchr(buf + off, '\n', len - off));) {
			size_t ln = (size_t)(nl - (buf + off)) + 1;
			st = one_line(id, cfd, r, buf + off, ln, &count);
			off += ln;
		}
		if (st >= 0 && eof && off < len) {
			st = one_line(id, cfd, r, buf + off, len - off, &count);
			off = len;
		}
		memmove(buf, buf + off, len - off);
		len -= off;
		if (st < 0) {
			who = "proxy";
			break;
		}
		if (eof) {
			write_str(cfd, "0\r\n\r\n");
			break;
		}
	}
	free(buf);
	return who;
}

struct job {
	unsigned id;
	int cfd;
};

static void *
serve(void *arg)
{
	struct job *j = arg;
	unsigned id = j->id;
	int cfd = j->cfd, tfd = -1;
	free(j);
	const char *who = "client";
	char *head = malloc(HEAD_MAX + 1);
	size_t len = 0;
	char *end = NULL;
	while (head && !end && len < HEAD_MAX) {
		ssize_t n = recv(cfd, head + len, HEAD_MAX - len, 0);
		if (n <= 0)
			goto done;
		len += (size_t)n;
		head[len] = '\0';
		end = strstr(head, "\r\n\r\n");
	}
	if (!end)
		goto done;
	char method[16] = "", path[4096] = "";
	if (sscanf(head, "%15s %4095s", method, path) != 2)
		goto done;
	struct rule r = rule_for(method, path);
	logf_("req %u %s %s %s", id, method, path, action_names[r.action]);
	if ((r.action == A_STALL || r.action == A_HANG) && !stall(id, cfd, method, path, &r))
		goto done;
	if (r.action == A_STATUS) {
		answer_status(cfd, &r);
		who = "proxy";
		goto done;
	}
	tfd = connect_target();
	if (tfd < 0) {
		who = "target";
		goto done;
	}
	if (r.action == A_PASS) {
		who = write_all(tfd, head, len) ? pump(cfd, tfd) : "target";
		goto done;
	}
	/* HTTP/1.0 to the engine: the answer comes unchunked, up to the close */
	char *ver = strstr(head, " HTTP/1.1\r\n");
	if (ver && ver < end)
		ver[8] = '0';
	who = write_all(tfd, head, len) ? relay_lines(id, cfd, tfd, &r, method, path) : "target";
done:
	logf_("close %u by=%s", id, who);
	free(head);
	if (tfd >= 0)
		close(tfd);
	close(cfd);
	return NULL;
}

static void
on_signal(int sig)
{
	(void)sig;
	unlink(listen_path);
	_exit(0);
}

int
main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: faultproxy RULES LISTEN_SOCK TARGET_SOCK\n");
		return 2;
	}
	rules_path = argv[1];
	listen_path = argv[2];
	target_path = argv[3];
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	if (strlen(listen_path) >= sizeof(a.sun_path)) {
		fprintf(stderr, "faultproxy: socket path too long\n");
		return 2;
	}
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", listen_path);
	unlink(listen_path);
	int lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(lfd, 64) < 0) {
		fprintf(stderr, "faultproxy: cannot listen on %s: %s\n", listen_path, strerror(errno));
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		int cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (cfd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("faultproxy: accept");
			return 1;
		}
		struct job *j = malloc(sizeof(*j));
		if (!j) {
			close(cfd);
			continue;
		}
		j->id = next_id++;
		j->cfd = cfd;
		pthread_t t;
		pthread_attr_t at;
		pthread_attr_init(&at);
		pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&t, &at, serve, j) != 0) {
			close(cfd);
			free(j);
		}
		pthread_attr_destroy(&at);
	}
}
