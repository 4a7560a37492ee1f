/* tests/rig/loopback.h: the listening loop of the rig's small HTTP servers (fake-index.c,
 * token-server.c): a TCP socket on 127.0.0.1:PORT (0: any free port), the port printed on stdout
 * (one line, flushed) before anything is accepted, then one connection at a time (5 s send and
 * receive timeouts) handed to serve(fd) and closed, until SIGTERM or SIGINT (which set
 * `stopping`: a server's own loops look at it too). SIGPIPE is ignored. Header-only: each server
 * is one file compiled alone, with this beside it. */
#ifndef RIG_LOOPBACK_H
#define RIG_LOOPBACK_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t stopping;

static void
loopback_on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static _Noreturn void
loopback_die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what, strerror(errno));
	exit(1);
}

/* The listening socket on 127.0.0.1:port_text; *port the port it got, printed on stdout. */
static int
loopback_listen(const char *port_text, unsigned *port)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = loopback_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: accept() returns EINTR and the loop ends */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	int ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0)
		loopback_die("socket");
	int one = 1;
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in addr;
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = htons((unsigned short)atoi(port_text));
	if (bind(ls, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		loopback_die("bind");
	if (listen(ls, 64) < 0)
		loopback_die("listen");
	socklen_t alen = sizeof(addr);
	if (getsockname(ls, (struct sockaddr *)&addr, &alen) < 0)
		loopback_die("getsockname");
	*port = ntohs(addr.sin_port);
	printf("%u\n", *port);
	fflush(stdout);
	return ls;
}

/* Serves connections on ls until a signal; then closes ls and says "exit" on stderr. */
static void
loopback_run(int ls, void (*serve)(int fd))
{
	while (!stopping) {
		int fd = accept(ls, NULL, NULL);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			loopback_die("accept");
		}
		struct timeval tv = { 5, 0 };
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		serve(fd);
		close(fd);
	}
	close(ls);
	fprintf(stderr, "exit\n");
}

#endif
