#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "i18n.h"
#include "sanitize.h"
#include "ssh.h"
#include "strbuf.h"
#include "xalloc.h"

#define BUF_SIZE (64 * 1024)
#define ERR_TAIL 2048		/* the end of a dial's stderr kept for its message */
#define MASTER_RETRY_MS 10000	/* a failed batch master is not tried again sooner */
#define STOP_WAIT_MS 1500
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

struct buf {
	size_t off, len;
	char data[BUF_SIZE];
};

/* One ssh run of `docker system dial-stdio`, and the connection it serves (none while spare). */
struct dial {
	struct dial *next;
	pid_t pid;		/* 0 once reaped */
	int status;		/* exit status once reaped; 128+N for signal N */
	int in;			/* our end of ssh's stdin (a socket: shutdown sends EOF) */
	int out;		/* ssh's stdout; -1 after its EOF */
	int err;		/* ssh's stderr; -1 after its EOF */
	int cfd;		/* budu's side; -1 while spare and once closed */
	bool spare;
	bool mux;
	bool client_eof;	/* budu's side sent EOF */
	bool in_shut;		/* EOF passed on to ssh */
	bool client_shut;	/* EOF passed on to budu's side */
	bool got_output;	/* the far side sent something: the dial worked */
	bool killed;		/* ended by us: not a failure */
	long long started;	/* ms, monotonic */
	struct buf up, down;	/* budu -> ssh, ssh -> budu */
	size_t errlen;
	char errtail[ERR_TAIL];
};

struct ssh_transport {
	struct host h;		/* a copy of the ssh fields and display (the owner's may move) */
	char *dir, *sock_path, *control, *master_log, *ssh_prog;
	int lfd;
	int wake[2];
	pthread_t thread;
	bool thread_started;

	pthread_mutex_t lock;
	pthread_cond_t cond;
	/* under lock */
	bool stopping, stopped;
	int connect_req;	/* 0, or 1 batch / 2 interactive: ssh_transport_connect waits */
	bool connect_spawned;	/* the master now starting is the one asked for */
	bool connect_done, connect_ok;
	char *connect_err;
	pid_t master_pid;
	bool master_up;
	long long master_tried;
	unsigned long failures;
	char *last_failure;
	struct ssh_stats stats;
	bool healthy;		/* the last dial that ended worked (or none ended yet) */

	/* the thread's own */
	struct dial *dials;
	int waiting[SSH_MUX_MAX];	/* clients accepted while the master's sessions were all taken */
	size_t nwaiting;
	struct ssh_transport *next_all;
};

static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_cond = PTHREAD_COND_INITIALIZER;
static struct ssh_transport *all;
static unsigned freeing;	/* transports being stopped and freed by a thread of their own */

static long long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* ---- messages -------------------------------------------------------------------- */

static bool
has(const char *text, const char *needle)
{
	return text && strstr(text, needle) != NULL;
}

/* The line of ssh's stderr that says what went wrong: the last one that is not chatter. */
static char *
telling_line(const char *text)
{
	const char *best = NULL;
	size_t bestlen = 0;
	for (const char *p = text ? text : ""; *p;) {
		size_t n = strcspn(p, "\r\n");
		if (n > 0 && strncmp(p, "Warning: Permanently added", 26) != 0 && strncmp(p, "debug", 5) != 0
		    && strncmp(p, "Exit request sent", 17) != 0) {
			best = p;
			bestlen = n;
		}
		p += n;
		p += strspn(p, "\r\n");
	}
	if (!best)
		return xstrdup(_("ssh said nothing"));
	if (bestlen > 300)
		bestlen = 300;
	char *line = xstrndup(best, bestlen);
	char *clean = sanitize(line);
	free(line);
	return clean;
}

char *
ssh_failure_message(const struct host *h, int status, int errno_value, const char *t, bool master)
{
	char *target = host_ssh_target(h);
	const char *name = h->ssh_host ? h->ssh_host : "?";
	char *msg;
	if (status == -1) {
		msg = xasprintf(_("could not run ssh: %s"), strerror(errno_value));
		free(target);
		return msg;
	}
	char *line = telling_line(t);
	if (has(t, "REMOTE HOST IDENTIFICATION HAS CHANGED") || has(t, "has changed and you have requested strict")) {
		/* TRANSLATORS: %1$s a host, %2$s what ssh said, %3$s the host for ssh-keygen -R,
		 * %4$s the ssh command's arguments. */
		msg = xasprintf(_("the host key of %1$s has changed since it was accepted (ssh: %2$s); if you know "
				  "why, remove the old one with `ssh-keygen -R %3$s` and run `ssh %4$s` once to "
				  "accept the new one"), name, line, name, target);
	} else if (has(t, "Host key verification failed") || has(t, "host key is known for")
		   || has(t, "authenticity of host")) {
		msg = xasprintf(_("the host key of %s is not known: run `ssh %s` once in a terminal to check "
				  "and accept it (ssh: %s)"), name, target, line);
	} else if (has(t, "Permission denied (") || has(t, "Too many authentication failures")
		   || has(t, "Authentication failed") || has(t, "no mutual signature")
		   || has(t, "incorrect passphrase") || has(t, "bad passphrase")) {
		msg = xasprintf(_("ssh could not log in to %s: authentication failed (ssh: %s); check that your "
				  "key is loaded (ssh-add -l) and authorized there, or run `ssh %s` to see what "
				  "it asks"), name, line, target);
	} else if (has(t, "Could not resolve hostname") || (has(t, "Connection refused") && status == 255)
		   || has(t, "Connection timed out") || has(t, "Operation timed out")
		   || has(t, "No route to host") || has(t, "Network is unreachable")
		   || has(t, "kex_exchange_identification") || has(t, "Connection closed by")
		   || has(t, "Connection reset by") || has(t, "banner exchange")) {
		msg = xasprintf(_("ssh could not connect to %s (ssh: %s)"), name, line);
	} else if (!master && (status == 127 || has(t, "command not found") || has(t, "docker: not found"))) {
		msg = xasprintf(_("docker not found on %s: a non-interactive ssh session there finds no "
				  "`docker` command on its PATH (%s)"), name, line);
	} else if (!master && (has(t, "permission denied while trying to connect")
			       || (has(t, "dial unix") && has(t, "permission denied")))) {
		msg = xasprintf(_("permission denied on the Docker engine's socket on %s: the ssh user may not "
				  "use it (add it to the docker group there) (%s)"), name, line);
	} else if (!master && (has(t, "is not a docker command") || has(t, "unknown command"))) {
		msg = xasprintf(_("the docker command on %s is too old for ssh:// hosts (docker system "
				  "dial-stdio needs Docker 18.09 or newer) (%s)"), name, line);
	} else if (!master && (has(t, "Cannot connect to the Docker daemon") || has(t, "raw stream connection")
			       || has(t, "connect: no such file") || has(t, "connect: connection refused"))) {
		msg = xasprintf(_("docker on %s cannot reach its engine (%s)"), name, line);
	} else if (status == 255 || master) {
		msg = xasprintf(_("ssh to %s failed (ssh: %s)"), name, line);
	} else {
		msg = xasprintf(_("docker system dial-stdio on %s failed with exit status %d (%s)"), name, status,
				line);
	}
	free(line);
	free(target);
	return msg;
}

/* ---- command lines ------------------------------------------------------------------ */

struct strv_tmp {
	char **v;
	size_t n, cap;
};

static void
push(struct strv_tmp *v, const char *s)
{
	if (v->n + 2 > v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->v = xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n++] = xstrdup(s);
	v->v[v->n] = NULL;
}

static void
push_opt(struct strv_tmp *v, const char *fmt, const char *value)
{
	char *s = xasprintf(fmt, value);
	push(v, "-o");
	push(v, s);
	free(s);
}

/* s for a POSIX shell: as it is when it is plain, else in single quotes. */
static char *
shell_quote(const char *s)
{
	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=@%+,") == strlen(s))
		return xstrdup(s);
	struct strbuf sb = STRBUF_INIT;
	sb_putc(&sb, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			sb_puts(&sb, "'\\''");
		else
			sb_putc(&sb, *p);
	}
	sb_putc(&sb, '\'');
	return sb_detach(&sb);
}

/* The destination part: the CLI's Spec.Args ([-l user] [-p port] -- host) without the "--",
 * after a Podman connection's key file (-i). */
static void
push_login(struct strv_tmp *v, const struct host *h)
{
	if (h->ssh_identity) {
		push(v, "-i");
		push(v, h->ssh_identity);
	}
	if (h->ssh_user) {
		push(v, "-l");
		push(v, h->ssh_user);
	}
	if (h->ssh_port) {
		push(v, "-p");
		push(v, h->ssh_port);
	}
}

char **
ssh_argv(const struct host *h, const char *control, bool master, bool batch)
{
	struct strv_tmp v = { 0 };
	push(&v, "ssh");
	push_login(&v, h);
	push_opt(&v, "%s", "ConnectTimeout=30");
	push(&v, "-T");
	push_opt(&v, "ControlPath=%s", control);
	if (master) {
		push_opt(&v, "%s", "ControlMaster=yes");
		push_opt(&v, "%s", "ControlPersist=no");
		push(&v, "-N");
	} else {
		push_opt(&v, "%s", "ControlMaster=no");
	}
	if (batch)
		push_opt(&v, "%s", "BatchMode=yes");
	push(&v, "--");
	push(&v, h->ssh_host);
	if (!master) {
		/* one word, as the CLI sends it: the far side's shell splits it */
		char *cmd;
		if (h->ssh_path) {
			char *u = xasprintf("unix://%s", h->ssh_path);
			char *q = shell_quote(u);
			cmd = xasprintf("docker --host %s system dial-stdio", q);
			free(q);
			free(u);
		} else {
			cmd = xstrdup("docker system dial-stdio");
		}
		push(&v, cmd);
		free(cmd);
	}
	return v.v;
}

void
ssh_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **p = argv; *p; p++)
		free(*p);
	free(argv);
}

/* ---- processes ------------------------------------------------------------------------ */

/* The file that execvp would run for name, or NULL. */
static char *
find_program(const char *name)
{
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;;) {
		size_t n = strcspn(p, ":");
		char *cand = n ? xasprintf("%.*s/%s", (int)n, p, name) : xasprintf("./%s", name);
		struct stat st;
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) && access(cand, X_OK) == 0)
			return cand;
		free(cand);
		if (!p[n])
			return NULL;
		p += n + 1;
	}
}

/*
 * Forks and runs argv (prog is the file) with fds 0, 1, 2 as given (-1: /dev/null). The child
 * dies with the calling thread (PR_SET_PDEATHSIG), has default signals (SIGINT ignored
 * without detach), and with detach a session of its own (no terminal to ask on). Returns the
 * pid, or -1 with errno set (exec failures included: they are passed back through a
 * close-on-exec pipe).
 */
static pid_t
spawn(const char *prog, char **argv, int fd0, int fd1, int fd2, bool detach)
{
	int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	int report[2];
	if (null_fd < 0)
		return -1;
	if (pipe2(report, O_CLOEXEC) != 0) {
		int e = errno;
		close(null_fd);
		errno = e;
		return -1;
	}
	pid_t parent = getpid();
	sigset_t all_sigs, old;
	sigfillset(&all_sigs);
	pthread_sigmask(SIG_SETMASK, &all_sigs, &old);
	pid_t pid = fork();
	if (pid == 0) {
		/* the child: async-signal-safe calls only */
		int fds[3] = { fd0 >= 0 ? fd0 : null_fd, fd1 >= 0 ? fd1 : null_fd, fd2 >= 0 ? fd2 : null_fd };
		/* first out of the way of 0..2, then into place */
		for (int i = 0; i < 3; i++) {
			int d = fcntl(fds[i], F_DUPFD_CLOEXEC, 10);
			if (d < 0)
				goto fail;
			fds[i] = d;
		}
		for (int i = 0; i < 3; i++)
			if (dup2(fds[i], i) < 0)
				goto fail;
		for (int s = 1; s < NSIG; s++) {
			if (s == SIGKILL || s == SIGSTOP)
				continue;
			struct sigaction sa;
			memset(&sa, 0, sizeof(sa));
			/* A child left in budu's process group (the master that may ask on the
			 * terminal) gets Ctrl-C too, which in budu only asks whether to quit: it
			 * must not end the connection. Quitting budu ends it (PR_SET_PDEATHSIG). */
			sa.sa_handler = !detach && s == SIGINT ? SIG_IGN : SIG_DFL;
			sigaction(s, &sa, NULL);
		}
		if (detach)
			setsid();
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(127);
		/* nothing of budu's but 0..2 goes on (the report pipe closes on exec too): another
		 * connection's socket held by this child would keep its EOF from coming */
#ifdef SYS_close_range
		if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0)
#endif
		{
			for (int fd = 3; fd < 4096; fd++)
				if (fd != report[1])
					close(fd);
		}
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execv(prog, argv);
fail:;
		int e = errno;
		ssize_t w = write(report[1], &e, sizeof(e));
		(void)w;
		_exit(127);
	}
	int fork_errno = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	close(null_fd);
	close(report[1]);
	if (pid < 0) {
		close(report[0]);
		errno = fork_errno;
		return -1;
	}
	int e = 0;
	ssize_t r;
	do
		r = read(report[0], &e, sizeof(e));
	while (r < 0 && errno == EINTR);
	close(report[0]);
	if (r == (ssize_t)sizeof(e)) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		errno = e;
		return -1;
	}
	return pid;
}

/* waitpid without blocking: true once pid is gone (its status in *status, 128+N for signal N). */
static bool
reap(pid_t pid, int *status)
{
	int st = 0;
	pid_t r = waitpid(pid, &st, WNOHANG);
	if (r == 0)
		return false;
	if (r < 0) {
		if (errno == EINTR)
			return false;
		*status = 0;	/* reaped by someone else (SIGCHLD ignored): nothing to say */
		return true;
	}
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 0;
	return true;
}

/* Waits up to ms for pid, then SIGKILLs it. */
static void
reap_wait(pid_t pid, int ms)
{
	int st;
	long long end = now_ms() + ms;
	while (!reap(pid, &st)) {
		if (now_ms() >= end) {
			kill(pid, SIGKILL);
			while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
				;
			return;
		}
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
}

static char *
read_tail(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return xstrdup("");
	off_t size = lseek(fd, 0, SEEK_END);
	off_t from = size > ERR_TAIL ? size - ERR_TAIL : 0;
	lseek(fd, from, SEEK_SET);
	char *buf = xmalloc(ERR_TAIL + 1);
	ssize_t n = read(fd, buf, ERR_TAIL);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* ---- the transport's thread ----------------------------------------------------------- */

static void
record_failure(struct ssh_transport *t, char *msg)
{
	pthread_mutex_lock(&t->lock);
	free(t->last_failure);
	t->last_failure = msg;
	t->failures++;
	t->stats.failures++;
	pthread_mutex_unlock(&t->lock);
}

static bool
is_socket(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISSOCK(st.st_mode);
}

/* Under t->lock. */
static void
spawn_master(struct ssh_transport *t, bool interactive)
{
	unlink(t->control);
	int logfd = open(t->master_log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	char **argv = ssh_argv(&t->h, t->control, true, !interactive);
	pid_t pid = spawn(t->ssh_prog, argv, -1, -1, logfd, !interactive);
	int e = errno;
	ssh_argv_free(argv);
	close_fd(&logfd);
	t->master_tried = now_ms();
	if (pid < 0) {
		t->master_pid = 0;
		char *msg = ssh_failure_message(&t->h, -1, e, NULL, true);
		if (t->connect_req) {
			t->connect_done = true;
			t->connect_ok = false;
			free(t->connect_err);
			t->connect_err = xstrdup(msg);
			pthread_cond_broadcast(&t->cond);
		}
		free(t->last_failure);
		t->last_failure = msg;
		t->failures++;
		return;
	}
	t->master_pid = pid;
	t->master_up = false;
	t->stats.masters++;
}

static size_t
count_mux(const struct ssh_transport *t)
{
	size_t n = 0;
	for (const struct dial *d = t->dials; d; d = d->next)
		if (d->mux && d->pid > 0)
			n++;
	return n;
}

static struct dial *
start_dial(struct ssh_transport *t, bool spare)
{
	pthread_mutex_lock(&t->lock);
	bool up = t->master_up;
	pthread_mutex_unlock(&t->lock);
	bool mux = up && count_mux(t) < SSH_MUX_MAX;
	int in[2], out[2], err[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0)
		return NULL;
	if (pipe2(out, O_CLOEXEC) != 0) {
		close(in[0]);
		close(in[1]);
		return NULL;
	}
	if (pipe2(err, O_CLOEXEC) != 0) {
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		return NULL;
	}
	/* a dial never asks: BatchMode, and no terminal */
	char **argv = ssh_argv(&t->h, mux || !up ? t->control : "none", false, true);
	pid_t pid = spawn(t->ssh_prog, argv, in[1], out[1], err[1], true);
	int e = errno;
	ssh_argv_free(argv);
	close(in[1]);
	close(out[1]);
	close(err[1]);
	if (pid < 0) {
		close(in[0]);
		close(out[0]);
		close(err[0]);
		record_failure(t, ssh_failure_message(&t->h, -1, e, NULL, false));
		return NULL;
	}
	struct dial *d = xmalloc(sizeof(*d));
	memset(d, 0, offsetof(struct dial, up));
	d->up.off = d->up.len = d->down.off = d->down.len = 0;
	d->errlen = 0;
	d->errtail[0] = '\0';
	d->pid = pid;
	d->in = in[0];
	d->out = out[0];
	d->err = err[0];
	d->cfd = -1;
	d->spare = spare;
	d->mux = mux;
	d->started = now_ms();
	fcntl(d->in, F_SETFL, O_NONBLOCK);
	fcntl(d->out, F_SETFL, O_NONBLOCK);
	fcntl(d->err, F_SETFL, O_NONBLOCK);
	d->next = t->dials;
	t->dials = d;
	pthread_mutex_lock(&t->lock);
	t->stats.dials++;
	if (!mux)
		t->stats.direct++;
	pthread_mutex_unlock(&t->lock);
	return d;
}

static void
fill_spares(struct ssh_transport *t)
{
	pthread_mutex_lock(&t->lock);
	bool go = t->master_up && t->healthy && !t->stopping;
	pthread_mutex_unlock(&t->lock);
	if (!go || t->nwaiting > 0)
		return;
	size_t spares = 0;
	for (struct dial *d = t->dials; d; d = d->next)
		if (d->spare && d->pid > 0 && d->out >= 0 && !d->killed)
			spares++;
	while (spares < SSH_SPARES && count_mux(t) < SSH_MUX_MAX) {
		if (!start_dial(t, true))
			break;
		spares++;
	}
}

/* Ends a dial we no longer want: its ssh gets EOF and a SIGTERM; no failure is reported. */
static void
kill_dial(struct dial *d)
{
	d->killed = true;
	close_fd(&d->cfd);
	if (d->in >= 0 && !d->in_shut) {
		shutdown(d->in, SHUT_WR);
		d->in_shut = true;
	}
	close_fd(&d->out);
	if (d->pid > 0)
		kill(d->pid, SIGTERM);
}

/* Every multiplexed session is taken (only while the master is up: before, dials wait on it). */
static bool
mux_full(struct ssh_transport *t)
{
	pthread_mutex_lock(&t->lock);
	bool up = t->master_up;
	pthread_mutex_unlock(&t->lock);
	return up && count_mux(t) >= SSH_MUX_MAX;
}

/* d (NULL when it could not start) serves the client cfd from now on. */
static void
give(struct ssh_transport *t, struct dial *d, int cfd)
{
	if (!d) {
		close(cfd);
		return;
	}
	d->spare = false;
	d->cfd = cfd;
	fill_spares(t);
}

static void
accept_clients(struct ssh_transport *t)
{
	for (;;) {
		int cfd = accept4(t->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (cfd < 0)
			return;
		pthread_mutex_lock(&t->lock);
		t->stats.accepted++;
		bool need_master = t->master_pid == 0 && !t->connect_req
				   && (t->master_tried == 0 || now_ms() - t->master_tried >= MASTER_RETRY_MS);
		if (need_master)
			spawn_master(t, false);
		pthread_mutex_unlock(&t->lock);
		/* the oldest spare that is still alive and young enough */
		struct dial *best = NULL;
		long long now = now_ms();
		for (struct dial *d = t->dials; d; d = d->next) {
			if (!d->spare || d->killed || d->pid <= 0 || d->out < 0)
				continue;
			if (now - d->started > SSH_SPARE_MAX_AGE * 1000LL) {
				kill_dial(d);
				continue;
			}
			if (!best || d->started < best->started)
				best = d;
		}
		if (best) {
			pthread_mutex_lock(&t->lock);
			t->stats.warm++;
			pthread_mutex_unlock(&t->lock);
		} else if (mux_full(t) && t->nwaiting < SSH_MUX_MAX) {
			/* a session ends soon: waiting for it costs milliseconds, a direct
			 * connection costs a login */
			t->waiting[t->nwaiting++] = cfd;
			continue;
		} else {
			best = start_dial(t, false);
		}
		give(t, best, cfd);
	}
}

/* Clients that waited for a session, as sessions end. */
static void
serve_waiting(struct ssh_transport *t)
{
	size_t i = 0;
	while (i < t->nwaiting && !mux_full(t)) {
		give(t, start_dial(t, false), t->waiting[i]);
		i++;
	}
	memmove(t->waiting, t->waiting + i, (t->nwaiting - i) * sizeof(t->waiting[0]));
	t->nwaiting -= i;
}

static void
append_err(struct dial *d, const char *p, size_t n)
{
	if (n >= ERR_TAIL) {
		p += n - ERR_TAIL + 1;
		n = ERR_TAIL - 1;
	}
	if (d->errlen + n >= ERR_TAIL) {
		size_t drop = d->errlen + n - (ERR_TAIL - 1);
		memmove(d->errtail, d->errtail + drop, d->errlen - drop);
		d->errlen -= drop;
	}
	memcpy(d->errtail + d->errlen, p, n);
	d->errlen += n;
	d->errtail[d->errlen] = '\0';
}

static void
buf_compact(struct buf *b)
{
	if (b->off == b->len)
		b->off = b->len = 0;
}

/* Moves what can move for d, given the poll results (0 when not polled). */
static void
pump(struct ssh_transport *t, struct dial *d, short crev, short inrev, short outrev, short errrev)
{
	char tmp[4096];
	if (d->err >= 0 && (errrev & (POLLIN | POLLHUP | POLLERR))) {
		for (;;) {
			ssize_t n = read(d->err, tmp, sizeof(tmp));
			if (n > 0) {
				append_err(d, tmp, (size_t)n);
				continue;
			}
			if (n == 0 || (errno != EAGAIN && errno != EINTR))
				close_fd(&d->err);
			break;
		}
	}
	/* budu -> ssh */
	if (d->cfd >= 0 && !d->client_eof && (crev & (POLLIN | POLLHUP | POLLERR))) {
		buf_compact(&d->up);
		size_t room = BUF_SIZE - d->up.len;
		if (room > 0) {
			ssize_t n = recv(d->cfd, d->up.data + d->up.len, room, 0);
			if (n > 0)
				d->up.len += (size_t)n;
			else if (n == 0)
				d->client_eof = true;
			else if (errno != EAGAIN && errno != EINTR)
				d->client_eof = true;
		}
	}
	if (d->in >= 0 && !d->in_shut && d->up.len > d->up.off && (inrev & (POLLOUT | POLLERR | POLLHUP))) {
		ssize_t n = send(d->in, d->up.data + d->up.off, d->up.len - d->up.off, MSG_NOSIGNAL);
		if (n > 0) {
			d->up.off += (size_t)n;
		} else if (n < 0 && errno != EAGAIN && errno != EINTR) {
			d->up.off = d->up.len;	/* ssh no longer reads */
			d->in_shut = true;
		}
	}
	if (d->client_eof && d->up.off == d->up.len && !d->in_shut && d->in >= 0) {
		shutdown(d->in, SHUT_WR);
		d->in_shut = true;
	}
	/* ssh -> budu */
	if (d->out >= 0 && (outrev & (POLLIN | POLLHUP | POLLERR))) {
		buf_compact(&d->down);
		size_t room = BUF_SIZE - d->down.len;
		if (room > 0) {
			ssize_t n = read(d->out, d->down.data + d->down.len, room);
			if (n > 0) {
				d->down.len += (size_t)n;
				if (!d->got_output) {
					d->got_output = true;
					pthread_mutex_lock(&t->lock);
					t->healthy = true;
					pthread_mutex_unlock(&t->lock);
				}
			} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
				close_fd(&d->out);
			}
		}
	}
	if (d->cfd >= 0 && d->down.len > d->down.off && (crev & (POLLOUT | POLLERR | POLLHUP))) {
		ssize_t n = send(d->cfd, d->down.data + d->down.off, d->down.len - d->down.off, MSG_NOSIGNAL);
		if (n > 0) {
			d->down.off += (size_t)n;
		} else if (n < 0 && errno != EAGAIN && errno != EINTR) {
			/* budu's side is gone (a cancelled request): end the dial */
			kill_dial(d);
		}
	}
}

/* After the poll: reaps, reports, and passes on the end of the far side's answer. */
static void
settle(struct ssh_transport *t, struct dial *d)
{
	/* (what is still in the stderr pipe is read at the next rounds; the failure waits for it) */
	if (d->pid > 0 && d->out < 0 && reap(d->pid, &d->status))
		d->pid = 0;
	bool ended = d->pid == 0 && d->out < 0 && d->err < 0;
	if (!ended)
		return;
	if (d->down.off == d->down.len && d->cfd >= 0 && !d->client_shut) {
		if (!d->killed && !d->got_output && d->status != 0) {
			/* before budu's side sees the end, so that engine.c finds the reason */
			record_failure(t, ssh_failure_message(&t->h, d->status, 0, d->errtail, false));
			pthread_mutex_lock(&t->lock);
			t->healthy = false;
			pthread_mutex_unlock(&t->lock);
		}
		shutdown(d->cfd, SHUT_WR);
		d->client_shut = true;
		d->killed = true;	/* reported */
	}
	if (d->cfd < 0 && !d->killed && !d->got_output && d->status != 0) {
		/* a spare that died unused: the far side cannot serve */
		record_failure(t, ssh_failure_message(&t->h, d->status, 0, d->errtail, false));
		pthread_mutex_lock(&t->lock);
		t->healthy = false;
		pthread_mutex_unlock(&t->lock);
		d->killed = true;
	}
	if (d->cfd >= 0 && d->client_shut && d->client_eof)
		close_fd(&d->cfd);
}

static void
free_dial(struct dial *d)
{
	close_fd(&d->in);
	close_fd(&d->out);
	close_fd(&d->err);
	close_fd(&d->cfd);
	free(d);
}

/* Under t->lock: the master's state, and the answer to a waiting ssh_transport_connect. */
static void
watch_master(struct ssh_transport *t, bool *came_up)
{
	*came_up = false;
	if (t->connect_req && !t->connect_done && t->master_pid == 0 && !t->master_up) {
		t->connect_spawned = true;
		spawn_master(t, t->connect_req == 2);
	}
	if (t->master_pid == 0)
		return;
	int status;
	if (reap(t->master_pid, &status)) {
		t->master_pid = 0;
		bool was_up = t->master_up;
		t->master_up = false;
		char *text = read_tail(t->master_log);
		char *msg = ssh_failure_message(&t->h, status, 0, text, true);
		free(text);
		if (t->connect_req && !t->connect_done && !t->connect_spawned) {
			/* a batch master of the thread's own failed: now the one asked for */
			t->connect_spawned = true;
			spawn_master(t, t->connect_req == 2);
			free(msg);
			return;
		}
		if (t->connect_req && !t->connect_done) {
			t->connect_done = true;
			t->connect_ok = false;
			free(t->connect_err);
			t->connect_err = xstrdup(msg);
			pthread_cond_broadcast(&t->cond);
		}
		if (!was_up || status != 0) {
			free(t->last_failure);
			t->last_failure = msg;
			t->failures++;
			t->stats.failures++;
		} else {
			free(msg);
		}
		return;
	}
	if (!t->master_up && is_socket(t->control)) {
		t->master_up = true;
		*came_up = true;
		if (t->connect_req && !t->connect_done) {
			t->connect_done = true;
			t->connect_ok = true;
			pthread_cond_broadcast(&t->cond);
		}
	}
}

/* `ssh -O exit`, then the master's end. Called by the thread on its way out (the master dies
 * with the thread anyway: PR_SET_PDEATHSIG). */
static void
close_master(struct ssh_transport *t)
{
	pthread_mutex_lock(&t->lock);
	pid_t pid = t->master_pid;
	t->master_pid = 0;
	t->master_up = false;
	pthread_mutex_unlock(&t->lock);
	if (pid <= 0)
		return;
	if (is_socket(t->control)) {
		struct strv_tmp v = { 0 };
		push(&v, "ssh");
		push_login(&v, &t->h);
		push_opt(&v, "ControlPath=%s", t->control);
		push(&v, "-O");
		push(&v, "exit");
		push(&v, "--");
		push(&v, t->h.ssh_host);
		pid_t x = spawn(t->ssh_prog, v.v, -1, -1, -1, true);
		ssh_argv_free(v.v);
		if (x > 0)
			reap_wait(x, STOP_WAIT_MS);
	}
	int st;
	long long end = now_ms() + STOP_WAIT_MS;
	while (!reap(pid, &st) && now_ms() < end) {
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
	if (kill(pid, 0) == 0) {
		kill(pid, SIGTERM);
		reap_wait(pid, STOP_WAIT_MS);
	}
}

static void *
run(void *arg)
{
	struct ssh_transport *t = arg;
	struct pollfd *fds = NULL;
	size_t cap = 0;
	for (;;) {
		pthread_mutex_lock(&t->lock);
		bool stopping = t->stopping;
		bool came_up = false;
		if (!stopping)
			watch_master(t, &came_up);
		bool master_starting = t->master_pid > 0 && !t->master_up;
		pthread_mutex_unlock(&t->lock);
		if (stopping)
			break;
		if (came_up)
			fill_spares(t);

		/* spares that waited too long */
		long long now = now_ms();
		int timeout = -1;
		for (struct dial *d = t->dials; d; d = d->next) {
			if (d->spare && !d->killed && d->pid > 0) {
				long long left = d->started + SSH_SPARE_MAX_AGE * 1000LL - now;
				if (left <= 0)
					kill_dial(d);
				else if (timeout < 0 || left < timeout)
					timeout = (int)left;
			}
		}

		size_t n = 0, want = 2;
		for (struct dial *d = t->dials; d; d = d->next)
			want += 4;
		if (want > cap) {
			cap = want * 2;
			fds = xrealloc(fds, cap * sizeof(*fds));
		}
		fds[n++] = (struct pollfd){ .fd = t->wake[0], .events = POLLIN };
		fds[n++] = (struct pollfd){ .fd = t->lfd, .events = POLLIN };
		bool reaping = master_starting;
		for (struct dial *d = t->dials; d; d = d->next) {
			short ce = 0;
			if (d->cfd >= 0 && !d->client_eof && d->up.len - d->up.off < BUF_SIZE)
				ce |= POLLIN;
			if (d->cfd >= 0 && d->down.len > d->down.off)
				ce |= POLLOUT;
			fds[n++] = (struct pollfd){ .fd = ce || (d->cfd >= 0 && d->client_shut) ? d->cfd : -1,
						    .events = ce };
			fds[n++] = (struct pollfd){ .fd = d->in >= 0 && !d->in_shut && d->up.len > d->up.off ? d->in : -1,
						    .events = POLLOUT };
			fds[n++] = (struct pollfd){ .fd = d->out >= 0 && d->down.len - d->down.off < BUF_SIZE
						    && (d->down.len == 0 || d->cfd >= 0) ? d->out : -1,
						    .events = POLLIN };
			fds[n++] = (struct pollfd){ .fd = d->err, .events = POLLIN };
			/* (a child that closed its stdout exits soon: waitpid has no fd to poll) */
			if (d->pid > 0 && d->out < 0)
				reaping = true;
		}
		if (reaping && (timeout < 0 || timeout > 20))
			timeout = 20;
		int rc = poll(fds, n, timeout);
		if (rc < 0 && errno != EINTR)
			break;
		if (rc > 0 && (fds[0].revents & POLLIN)) {
			char drain[64];
			while (read(t->wake[0], drain, sizeof(drain)) > 0)
				;
		}
		size_t i = 2;
		for (struct dial *d = t->dials; d; d = d->next, i += 4)
			if (rc > 0)
				pump(t, d, fds[i].revents, fds[i + 1].revents, fds[i + 2].revents, fds[i + 3].revents);
		if (rc > 0 && (fds[1].revents & POLLIN))
			accept_clients(t);
		for (struct dial **pp = &t->dials; *pp;) {
			struct dial *d = *pp;
			settle(t, d);
			if (d->pid == 0 && d->out < 0 && d->err < 0 && d->cfd < 0) {
				*pp = d->next;
				free_dial(d);
			} else {
				pp = &d->next;
			}
		}
		if (t->nwaiting > 0)
			serve_waiting(t);
	}
	free(fds);
	for (size_t i = 0; i < t->nwaiting; i++)
		close(t->waiting[i]);
	t->nwaiting = 0;
	/* on the way out: every dial, then the master */
	for (struct dial *d = t->dials; d; d = d->next)
		kill_dial(d);
	for (struct dial *d = t->dials; d;) {
		struct dial *next = d->next;
		if (d->pid > 0)
			reap_wait(d->pid, STOP_WAIT_MS);
		free_dial(d);
		d = next;
	}
	t->dials = NULL;
	close_master(t);
	return NULL;
}

/* ---- the API ---------------------------------------------------------------------- */

static void
wake(struct ssh_transport *t)
{
	char c = 1;
	ssize_t w = write(t->wake[1], &c, 1);
	(void)w;
}

/* The files a transport's directory holds (ssh_transport_stop and the sweep remove these). */
static const char *const dir_files[] = { "docker.sock", "cm", "master.log", "pid" };

/* pid names a process that is not a zombie (a killed budu may wait a while to be reaped). */
static bool
process_alive(pid_t pid)
{
	if (kill(pid, 0) != 0 && errno == ESRCH)
		return false;
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return true;	/* no /proc: kill's word */
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return true;
	buf[n] = '\0';
	const char *paren = strrchr(buf, ')');
	return !(paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X'));
}

/*
 * The directories of budus that died without stopping their transport (a SIGHUP, a SIGKILL:
 * their ssh children died with them, PR_SET_PDEATHSIG): ours (uid, 0700), whose "pid" names no
 * live process. Only the known files go, then the directory if that empties it.
 */
static void
sweep_stale(const char *base)
{
	DIR *dh = opendir(base);
	if (!dh)
		return;
	struct dirent *ent;
	while ((ent = readdir(dh))) {
		if (strncmp(ent->d_name, "budu-ssh.", 9) != 0)
			continue;
		char *dir = xasprintf("%s/%s", base, ent->d_name);
		char *pidfile = xasprintf("%s/pid", dir);
		struct stat st;
		long pid = 0;
		FILE *f = NULL;
		if (lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid()
		    && (st.st_mode & 07777) == 0700 && (f = fopen(pidfile, "re"))) {
			if (fscanf(f, "%ld", &pid) != 1)
				pid = 0;
			fclose(f);
		}
		if (pid > 0 && !process_alive((pid_t)pid)) {
			for (size_t i = 0; i < sizeof(dir_files) / sizeof(dir_files[0]); i++) {
				char *p = xasprintf("%s/%s", dir, dir_files[i]);
				unlink(p);
				free(p);
			}
			rmdir(dir);
		}
		free(pidfile);
		free(dir);
	}
	closedir(dh);
}

/* A short private directory: $TMPDIR when its path leaves room for the sockets, else /tmp;
 * its "pid" file says whose it is. */
static char *
make_dir(char **err)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base || base[0] != '/' || strlen(base) > 60 || strpbrk(base, " %\"'\\\t\n"))
		base = "/tmp";
	sweep_stale(base);
	char *tmpl = xasprintf("%s/budu-ssh.XXXXXX", base);
	if (!mkdtemp(tmpl)) {
		int e = errno;
		*err = xasprintf(_("cannot make a private directory in %s: %s"), base, strerror(e));
		free(tmpl);
		return NULL;
	}
	chmod(tmpl, 0700);
	char *pidfile = xasprintf("%s/pid", tmpl);
	int fd = open(pidfile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		char buf[32];
		int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
		ssize_t w = write(fd, buf, (size_t)n);
		(void)w;
		close(fd);
	}
	free(pidfile);
	return tmpl;
}

bool
ssh_transport_attach(struct host *h, char **err)
{
	*err = NULL;
	if (h->ssh)
		return true;
	if (h->kind != HOST_SSH || !h->ssh_host) {
		*err = xstrdup(_("not an ssh:// host"));
		return false;
	}
	char *prog = find_program("ssh");
	if (!prog) {
		*err = xasprintf(_("%s needs the ssh command, which is not on PATH (Debian package: openssh-client)"),
				 h->display);
		return false;
	}
	char *dir = make_dir(err);
	if (!dir) {
		free(prog);
		return false;
	}
	struct ssh_transport *t = xcalloc(1, sizeof(*t));
	t->ssh_prog = prog;
	t->dir = dir;
	t->sock_path = xasprintf("%s/docker.sock", dir);
	t->control = xasprintf("%s/cm", dir);
	t->master_log = xasprintf("%s/master.log", dir);
	t->h.kind = HOST_SSH;
	t->h.display = xstrdup(h->display);
	t->h.ssh_host = xstrdup(h->ssh_host);
	t->h.ssh_user = h->ssh_user ? xstrdup(h->ssh_user) : NULL;
	t->h.ssh_port = h->ssh_port ? xstrdup(h->ssh_port) : NULL;
	t->h.ssh_path = h->ssh_path ? xstrdup(h->ssh_path) : NULL;
	t->h.ssh_identity = h->ssh_identity ? xstrdup(h->ssh_identity) : NULL;
	t->healthy = true;
	t->lfd = -1;
	t->wake[0] = t->wake[1] = -1;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->cond, NULL);

	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int e = 0;
	if (strlen(t->sock_path) >= sizeof(sa.sun_path)) {
		e = ENAMETOOLONG;
	} else {
		memcpy(sa.sun_path, t->sock_path, strlen(t->sock_path) + 1);
		t->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		if (t->lfd < 0 || bind(t->lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(t->lfd, 64) != 0)
			e = errno;
	}
	if (!e && pipe2(t->wake, O_CLOEXEC | O_NONBLOCK) != 0)
		e = errno;
	if (!e) {
		int pe = pthread_create(&t->thread, NULL, run, t);
		if (pe)
			e = pe;
		else
			t->thread_started = true;
	}
	if (e) {
		*err = xasprintf(_("cannot serve %s for %s: %s"), t->sock_path, h->display, strerror(e));
		ssh_transport_free(t);
		return false;
	}
	pthread_mutex_lock(&all_lock);
	t->next_all = all;
	all = t;
	pthread_mutex_unlock(&all_lock);
	h->ssh = t;
	free(h->socket_path);
	h->socket_path = xstrdup(t->sock_path);
	return true;
}

bool
ssh_transport_connect(struct ssh_transport *t, bool interactive, char **err)
{
	*err = NULL;
	pthread_mutex_lock(&t->lock);
	if (t->master_up) {
		pthread_mutex_unlock(&t->lock);
		return true;
	}
	if (t->stopping) {
		pthread_mutex_unlock(&t->lock);
		*err = xstrdup(_("the ssh connection is closed"));
		return false;
	}
	while (t->connect_req)	/* another caller's turn first */
		pthread_cond_wait(&t->cond, &t->lock);
	if (t->master_up) {
		pthread_mutex_unlock(&t->lock);
		return true;
	}
	t->connect_req = interactive ? 2 : 1;
	t->connect_spawned = false;
	t->connect_done = false;
	wake(t);
	while (!t->connect_done && !t->stopping)
		pthread_cond_wait(&t->cond, &t->lock);
	bool ok = t->connect_done && t->connect_ok;
	if (!ok)
		*err = t->connect_err ? t->connect_err : xstrdup(_("the ssh connection is closed"));
	else
		free(t->connect_err);
	t->connect_err = NULL;
	t->connect_req = 0;
	pthread_cond_broadcast(&t->cond);
	pthread_mutex_unlock(&t->lock);
	return ok;
}

unsigned long
ssh_transport_failures(struct ssh_transport *t)
{
	pthread_mutex_lock(&t->lock);
	unsigned long n = t->failures;
	pthread_mutex_unlock(&t->lock);
	return n;
}

char *
ssh_transport_failure_since(struct ssh_transport *t, unsigned long since)
{
	pthread_mutex_lock(&t->lock);
	char *msg = t->failures != since && t->last_failure ? xstrdup(t->last_failure) : NULL;
	pthread_mutex_unlock(&t->lock);
	return msg;
}

void
ssh_transport_stats(struct ssh_transport *t, struct ssh_stats *out)
{
	pthread_mutex_lock(&t->lock);
	*out = t->stats;
	out->master_up = t->master_up;
	pthread_mutex_unlock(&t->lock);
}

const char *
ssh_transport_dir(const struct ssh_transport *t)
{
	return t->dir;
}

void
ssh_transport_stop(struct ssh_transport *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&t->lock);
	if (t->stopped) {
		pthread_mutex_unlock(&t->lock);
		return;
	}
	t->stopped = true;
	t->stopping = true;
	pthread_cond_broadcast(&t->cond);
	pthread_mutex_unlock(&t->lock);
	if (t->thread_started) {
		wake(t);
		pthread_join(t->thread, NULL);
		t->thread_started = false;
	}
	close_fd(&t->lfd);
	close_fd(&t->wake[0]);
	close_fd(&t->wake[1]);
	if (t->dir) {
		for (size_t i = 0; i < sizeof(dir_files) / sizeof(dir_files[0]); i++) {
			char *p = xasprintf("%s/%s", t->dir, dir_files[i]);
			unlink(p);
			free(p);
		}
		rmdir(t->dir);
	}
}

static void
free_now(struct ssh_transport *t)
{
	ssh_transport_stop(t);
	pthread_mutex_lock(&all_lock);
	for (struct ssh_transport **pp = &all; *pp; pp = &(*pp)->next_all) {
		if (*pp == t) {
			*pp = t->next_all;
			break;
		}
	}
	pthread_mutex_unlock(&all_lock);
	pthread_mutex_destroy(&t->lock);
	pthread_cond_destroy(&t->cond);
	free(t->dir);
	free(t->sock_path);
	free(t->control);
	free(t->master_log);
	free(t->ssh_prog);
	free(t->connect_err);
	free(t->last_failure);
	free(t->h.display);
	free(t->h.ssh_host);
	free(t->h.ssh_user);
	free(t->h.ssh_port);
	free(t->h.ssh_path);
	free(t->h.ssh_identity);
	free(t);
}

static void *
free_thread(void *arg)
{
	free_now(arg);
	pthread_mutex_lock(&all_lock);
	freeing--;
	pthread_cond_broadcast(&all_cond);
	pthread_mutex_unlock(&all_lock);
	return NULL;
}

void
ssh_transport_free(struct ssh_transport *t)
{
	if (!t)
		return;
	/* Closing the master waits for ssh (`ssh -O exit`, up to STOP_WAIT_MS): not on the caller's
	 * thread, which may be the UI's (switching engines lets go of the old one there). */
	pthread_mutex_lock(&all_lock);
	freeing++;
	pthread_mutex_unlock(&all_lock);
	pthread_attr_t attr;
	pthread_t th;
	bool started = false;
	if (pthread_attr_init(&attr) == 0) {
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		started = pthread_create(&th, &attr, free_thread, t) == 0;
		pthread_attr_destroy(&attr);
	}
	if (!started)
		free_thread(t);
}

void
ssh_transport_stop_all(void)
{
	pthread_mutex_lock(&all_lock);
	for (struct ssh_transport *t = all; t; t = t->next_all)
		ssh_transport_stop(t);
	/* and the ones being freed: no ssh is left running when this returns */
	while (freeing)
		pthread_cond_wait(&all_cond, &all_lock);
	pthread_mutex_unlock(&all_lock);
}
