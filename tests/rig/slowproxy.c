/* tests/rig/slowproxy.c: a slow TCP forwarder for the tests (C11 + POSIX, one process, poll()).
 *
 *   slowproxy [-r BYTES_PER_SEC] [-u BYTES_PER_SEC] [-s SUBSTRING] LISTEN_PORT TARGET
 *
 * Listens on 127.0.0.1:LISTEN_PORT (0: any free port) and forwards every connection to
 * TARGET: 127.0.0.1:TARGET when it is a port number, else the unix socket at that path (a
 * dockerd socket, so a client can reach the engine with DOCKER_HOST=tcp://127.0.0.1:PORT).
 * What the target sends back to the client is limited to -r BYTES_PER_SEC per connection
 * (default 262144; 0 = no limit). So a registry behind it serves a layer of a few MB in
 * seconds, long enough to cancel a pull.
 *
 * -u BYTES_PER_SEC limits the other way too, what the client sends to the target, per
 * connection (default 0: not limited). So a layer pushed through it to a registry takes
 * seconds, long enough to cancel a push. With -u the proxy's receive buffer on the client side
 * is kept small (SO_RCVBUF); the client's kernel still holds what fits in its send buffer
 * (up to net.ipv4.tcp_wmem's maximum, 4 MiB by default), which a client counts as sent, and
 * which still comes through, at the rate, after the client closed: the close shows only then.
 *
 * -s SUBSTRING holds answers back: once the bytes a client sent on a connection contain
 * SUBSTRING (say "GET /containers/json"), nothing more from the target goes to that client;
 * the connection stays open, silent, until the client closes it. So that request's answer
 * never comes, and a client that waits for it without a way to cancel hangs.
 *
 * stdout: the port it listens on, one line, flushed, before anything is accepted.
 * stderr: one line per event, flushed, for the test to read:
 *   listen PORT target PORT|PATH rate N [up N]   (up: with -u)
 *   open ID
 *   hold ID                    the connection's client sent SUBSTRING (-s): held from now on
 *   close ID down=BYTES up=BYTES by=client|target|proxy   (down: target -> client,
 *                              up: client -> target)
 *   flow down=BYTES up=BYTES open=N   all bytes sent to clients, and to the target, so far;
 *                              at most once a second, only when a number changed
 *   rate N                     after SIGUSR1 (no limit) or SIGUSR2 (the -r rate again)
 *   up N                       with -u, after that line: the same for the -u rate
 *   exit
 * SIGTERM and SIGINT close everything and exit 0.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define BUFSZ 16384
#define MAXCONN 256
#define HOLD_MAX 256	/* the longest -s SUBSTRING */

struct conn {
	unsigned id;
	int cfd, tfd;		/* client side, target side */
	char up[BUFSZ], down[BUFSZ];
	size_t uplen, upoff, downlen, downoff;
	bool target_eof;	/* flush down[] to the client, then close */
	double tokens;		/* bytes the client may still get now */
	double up_tokens;	/* bytes the client may still send now (-u) */
	double last;		/* when tokens were last topped up (s) */
	unsigned long long down_total, up_total;
	bool held;		/* the client sent hold_text: the target is not read any more */
	char seen[HOLD_MAX];	/* the last bytes the client sent, for a hold_text cut in two */
	size_t seenlen;
};

static struct conn *conns[MAXCONN];
static size_t nconns;
static unsigned next_id = 1;
static unsigned long long all_down, all_up;
static long base_rate = 262144, rate;
static long base_up_rate, up_rate;	/* -u; 0: not limited */
static const char *hold_text;	/* -s */
static size_t hold_len;
static const char *target_path;	/* a unix socket, or NULL for target_port */
static int sigpipe_fds[2] = { -1, -1 };
static volatile sig_atomic_t stop_flag, usr1_flag, usr2_flag;

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
logf_(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
on_signal(int sig)
{
	int saved = errno;
	if (sig == SIGUSR1)
		usr1_flag = 1;
	else if (sig == SIGUSR2)
		usr2_flag = 1;
	else
		stop_flag = 1;
	char c = 0;
	ssize_t w = write(sigpipe_fds[1], &c, 1);
	(void)w;
	errno = saved;
}

static int
set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static struct sockaddr_in
loopback(int port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static void
conn_close(size_t i, const char *by)
{
	struct conn *c = conns[i];
	logf_("close %u down=%llu up=%llu by=%s", c->id, c->down_total, c->up_total, by);
	close(c->cfd);
	close(c->tfd);
	free(c);
	conns[i] = conns[--nconns];
}

/* A connected socket to the target, or -1. The target is on this host: a blocking connect
 * is immediate. */
static int
target_connect(int target_port)
{
	int fd, rc;
	if (target_path) {
		struct sockaddr_un ua;
		memset(&ua, 0, sizeof(ua));
		ua.sun_family = AF_UNIX;
		snprintf(ua.sun_path, sizeof(ua.sun_path), "%s", target_path);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		rc = fd < 0 ? -1 : connect(fd, (struct sockaddr *)&ua, sizeof(ua));
	} else {
		struct sockaddr_in ta = loopback(target_port);
		fd = socket(AF_INET, SOCK_STREAM, 0);
		rc = fd < 0 ? -1 : connect(fd, (struct sockaddr *)&ta, sizeof(ta));
		int one = 1;
		if (rc == 0)
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	}
	if (rc < 0) {
		if (target_path)
			logf_("connect to target %s failed: %s", target_path, strerror(errno));
		else
			logf_("connect to target port %d failed: %s", target_port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static void
conn_open(int lfd, int target_port)
{
	int cfd = accept(lfd, NULL, NULL);
	if (cfd < 0)
		return;
	if (nconns == MAXCONN) {
		close(cfd);
		return;
	}
	int tfd = target_connect(target_port);
	if (tfd < 0) {
		close(cfd);
		return;
	}
	int one = 1;
	setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	set_nonblock(cfd);
	set_nonblock(tfd);
	struct conn *c = calloc(1, sizeof(*c));
	if (!c) {
		close(cfd);
		close(tfd);
		return;
	}
	c->id = next_id++;
	c->cfd = cfd;
	c->tfd = tfd;
	c->last = now_s();
	conns[nconns++] = c;
	logf_("open %u", c->id);
}

/* Tops up one bucket of r bytes a second over dt seconds; at most a quarter second of burst. */
static void
refill_one(double *tokens, long r, double dt)
{
	if (r <= 0) {
		*tokens = BUFSZ;
	} else {
		double cap = r / 4.0 > BUFSZ ? r / 4.0 : BUFSZ;
		*tokens += dt * (double)r;
		if (*tokens > cap)
			*tokens = cap;
	}
}

static void
refill(struct conn *c, double t)
{
	refill_one(&c->tokens, rate, t - c->last);
	refill_one(&c->up_tokens, up_rate, t - c->last);
	c->last = t;
}

/* The smallest read worth waking up for at rate r: fewer wake-ups when r is not small. */
static double
min_read(long r)
{
	return r > 0 && r < 4 * 4096 ? 1 : 4096;
}

/* -s: does what the client just sent (with what it sent before) contain hold_text? */
static void
check_hold(struct conn *c, const char *buf, size_t n)
{
	if (!hold_text || c->held)
		return;
	char both[2 * HOLD_MAX];
	for (size_t off = 0; off < n && !c->held;) {
		/* a piece of at most HOLD_MAX bytes after what was kept of the earlier ones */
		size_t take = n - off < HOLD_MAX ? n - off : HOLD_MAX;
		memcpy(both, c->seen, c->seenlen);
		memcpy(both + c->seenlen, buf + off, take);
		size_t len = c->seenlen + take;
		if (memmem(both, len, hold_text, hold_len)) {
			c->held = true;
			logf_("hold %u", c->id);
		}
		/* keep the last hold_len - 1 bytes: a match cut in two still shows next time */
		size_t keep = len < hold_len - 1 ? len : hold_len - 1;
		memmove(c->seen, both + len - keep, keep);
		c->seenlen = keep;
		off += take;
	}
}

/* Bytes a read from the target may take now (0: wait for tokens, or held). */
static size_t
down_allowance(const struct conn *c)
{
	if (c->held || c->target_eof || c->downlen > c->downoff)
		return 0;
	double want = c->tokens < BUFSZ ? c->tokens : BUFSZ;
	return want >= min_read(rate) ? (size_t)want : 0;
}

/* Bytes a read from the client may take now (0: wait for tokens, or up[] not sent yet). */
static size_t
up_allowance(const struct conn *c)
{
	if (c->uplen > c->upoff)
		return 0;
	double want = c->up_tokens < BUFSZ ? c->up_tokens : BUFSZ;
	return want >= min_read(up_rate) ? (size_t)want : 0;
}

static bool
would_block(void)
{
	return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}

/* One pass of I/O on connection i after poll; returns false when it was closed. */
static bool
conn_io(size_t i, short crev, short trev)
{
	struct conn *c = conns[i];
	ssize_t n;

	/* client -> target, limited with -u */
	size_t up_allow = up_allowance(c);
	/* a hang-up or an error while waiting for tokens: one byte, to see it */
	if (!up_allow && c->uplen == c->upoff && (crev & (POLLHUP | POLLERR)))
		up_allow = 1;
	if ((crev & (POLLIN | POLLHUP | POLLERR)) && up_allow) {
		n = read(c->cfd, c->up, up_allow);
		if (n == 0 || (n < 0 && !would_block())) {
			conn_close(i, "client");
			return false;
		}
		if (n > 0) {
			c->uplen = (size_t)n;
			c->upoff = 0;
			if (up_rate > 0)
				c->up_tokens -= (double)n;
			check_hold(c, c->up, (size_t)n);
		}
	}
	if (c->uplen > c->upoff) {
		n = write(c->tfd, c->up + c->upoff, c->uplen - c->upoff);
		if (n < 0 && !would_block()) {
			conn_close(i, "target");
			return false;
		}
		if (n > 0) {
			c->upoff += (size_t)n;
			c->up_total += (unsigned long long)n;
			all_up += (unsigned long long)n;
		}
	}

	/* target -> client, limited */
	size_t allow = down_allowance(c);
	if ((trev & (POLLIN | POLLHUP | POLLERR)) && allow) {
		n = read(c->tfd, c->down, allow);
		if (n == 0 || (n < 0 && !would_block())) {
			c->target_eof = true;
		} else if (n > 0) {
			c->downlen = (size_t)n;
			c->downoff = 0;
			if (rate > 0)
				c->tokens -= (double)n;
		}
	}
	if (c->downlen > c->downoff) {
		n = write(c->cfd, c->down + c->downoff, c->downlen - c->downoff);
		if (n < 0 && !would_block()) {
			conn_close(i, "client");
			return false;
		}
		if (n > 0) {
			c->downoff += (size_t)n;
			c->down_total += (unsigned long long)n;
			all_down += (unsigned long long)n;
		}
	}
	if (c->target_eof && c->downlen == c->downoff) {
		conn_close(i, "target");
		return false;
	}
	return true;
}

static void
usage(void)
{
	fprintf(stderr, "usage: slowproxy [-r BYTES_PER_SEC] [-u BYTES_PER_SEC] [-s SUBSTRING] LISTEN_PORT "
		"TARGET_PORT|TARGET_SOCKET\n");
	exit(2);
}

static long
number(const char *s, long max)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max)
		usage();
	return v;
}

int
main(int argc, char **argv)
{
	int opt;
	while ((opt = getopt(argc, argv, "r:u:s:")) != -1) {
		if (opt == 'r') {
			base_rate = number(optarg, 1L << 40);
		} else if (opt == 'u') {
			base_up_rate = number(optarg, 1L << 40);
		} else if (opt == 's') {
			hold_text = optarg;
			hold_len = strlen(optarg);
			if (hold_len == 0 || hold_len > HOLD_MAX)
				usage();
		} else {
			usage();
		}
	}
	if (argc - optind != 2)
		usage();
	int listen_port = (int)number(argv[optind], 65535);
	int target_port = 0;
	if (strchr(argv[optind + 1], '/')) {
		target_path = argv[optind + 1];
		if (strlen(target_path) >= sizeof(((struct sockaddr_un *)0)->sun_path))
			usage();
	} else {
		target_port = (int)number(argv[optind + 1], 65535);
		if (target_port == 0)
			usage();
	}
	rate = base_rate;
	up_rate = base_up_rate;

	if (pipe(sigpipe_fds) < 0)
		return 1;
	set_nonblock(sigpipe_fds[0]);
	set_nonblock(sigpipe_fds[1]);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (base_up_rate > 0) {
		/* accepted sockets inherit it; set before listen() so the window scale fits it */
		int rcvbuf = 16384;
		setsockopt(lfd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	}
	struct sockaddr_in la = loopback(listen_port);
	socklen_t len = sizeof(la);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&la, sizeof(la)) < 0 || listen(lfd, 64) < 0 ||
	    getsockname(lfd, (struct sockaddr *)&la, &len) < 0) {
		fprintf(stderr, "slowproxy: cannot listen on 127.0.0.1:%d: %s\n", listen_port, strerror(errno));
		return 1;
	}
	set_nonblock(lfd);
	printf("%d\n", ntohs(la.sin_port));
	fflush(stdout);
	char up_note[32] = "";
	if (base_up_rate > 0)
		snprintf(up_note, sizeof(up_note), " up %ld", up_rate);
	if (target_path)
		logf_("listen %d target %s rate %ld%s", ntohs(la.sin_port), target_path, rate, up_note);
	else
		logf_("listen %d target %d rate %ld%s", ntohs(la.sin_port), target_port, rate, up_note);

	struct pollfd fds[2 + 2 * MAXCONN];
	unsigned long long flow_logged = 0, up_logged = 0;
	double flow_at = now_s();
	while (!stop_flag) {
		if (usr1_flag || usr2_flag) {
			rate = usr1_flag ? 0 : base_rate;
			up_rate = usr1_flag ? 0 : base_up_rate;
			usr1_flag = usr2_flag = 0;
			logf_("rate %ld", rate);
			if (base_up_rate > 0)
				logf_("up %ld", up_rate);
		}
		double t = now_s();
		int timeout = 1000;
		for (size_t i = 0; i < nconns; i++) {
			refill(conns[i], t);
			/* waiting for tokens: wake when a 4 KiB read (or the whole buffer) is allowed */
			struct conn *c = conns[i];
			if (rate > 0 && !c->held && !c->target_eof && c->downlen == c->downoff &&
			    !down_allowance(c)) {
				double need = min_read(rate) - c->tokens;
				int ms = (int)(need * 1000.0 / (double)rate) + 1;
				if (ms < timeout)
					timeout = ms;
			}
			/* the same for what the client sends (-u) */
			if (up_rate > 0 && c->uplen == c->upoff && !up_allowance(c)) {
				double need = min_read(up_rate) - c->up_tokens;
				int ms = (int)(need * 1000.0 / (double)up_rate) + 1;
				if (ms < timeout)
					timeout = ms;
			}
		}
		bool flow_changed = all_down != flow_logged || all_up != up_logged;
		if (flow_changed && t - flow_at >= 1.0) {
			logf_("flow down=%llu up=%llu open=%zu", all_down, all_up, nconns);
			flow_logged = all_down;
			up_logged = all_up;
			flow_at = t;
		} else if (flow_changed) {
			int ms = (int)((1.0 - (t - flow_at)) * 1000.0) + 1;
			if (ms < timeout)
				timeout = ms;
		}

		size_t nf = 0;
		fds[nf++] = (struct pollfd){ .fd = sigpipe_fds[0], .events = POLLIN };
		fds[nf++] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		for (size_t i = 0; i < nconns; i++) {
			struct conn *c = conns[i];
			short ce = 0, te = 0;
			if (up_allowance(c))
				ce |= POLLIN;	/* also notices the client going away */
			if (c->downlen > c->downoff)
				ce |= POLLOUT;
			if (c->uplen > c->upoff)
				te |= POLLOUT;
			if (down_allowance(c))
				te |= POLLIN;
			/* a negative fd is skipped: no POLLHUP spin while a side has nothing to do */
			fds[nf++] = (struct pollfd){ .fd = ce ? c->cfd : -1, .events = ce };
			fds[nf++] = (struct pollfd){ .fd = te ? c->tfd : -1, .events = te };
		}
		int rc = poll(fds, nf, timeout);
		if (rc < 0 && errno != EINTR) {
			perror("slowproxy: poll");
			break;
		}
		if (rc <= 0)
			continue;
		if (fds[0].revents) {
			char buf[64];
			while (read(sigpipe_fds[0], buf, sizeof(buf)) > 0)
				;
		}
		/* connections by position in fds; closing one moves the last into its slot,
		 * so walk from the end */
		size_t n = nconns;
		for (size_t k = n; k-- > 0;) {
			short crev = fds[2 + 2 * k].revents, trev = fds[2 + 2 * k + 1].revents;
			if (crev || trev)
				conn_io(k, crev, trev);
		}
		if (fds[1].revents & POLLIN)
			conn_open(lfd, target_port);
	}
	if (all_down != flow_logged || all_up != up_logged)
		logf_("flow down=%llu up=%llu open=%zu", all_down, all_up, nconns);
	while (nconns)
		conn_close(nconns - 1, "proxy");
	close(lfd);
	logf_("exit");
	return 0;
}
