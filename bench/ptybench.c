/* ptybench: run a full-screen program in a pseudo-terminal and measure it.
 *
 *   ptybench [options] -- COMMAND [ARG]...
 *
 *   -s ROWSxCOLS  terminal size (default 24x80)
 *   -m MARKER     a string that means "first full screen" (required; repeat the
 *                 option for alternatives: the first to appear wins)
 *   -t SECONDS    give up when the marker has not appeared by then (default 120)
 *   -k KEY        the key for the move phase (default "j"; C escapes \e \n \r \t \xHH)
 *   -n COUNT      key presses in the move phase (default 0: no move phase)
 *   -q MS         output is "quiet" after MS ms without bytes (default 30)
 *   -w MS         wait at most MS ms for a key's output to go quiet (default 1000)
 *   -r            after the moves send Ctrl-L and count the bytes of that full redraw
 *   -i SECONDS    idle phase: no input for SECONDS; CPU ticks and bytes (default 0: none)
 *   -o FILE       copy everything the program writes to FILE
 *
 * Phases, in order: start (exec until the marker, then until quiet for 200 ms),
 * moves, redraw, idle, then "q" and reap. The clock starts just before forkpty();
 * the marker is matched in the raw byte stream, across read boundaries.
 * Results go to stdout as key=value lines; the exit status is 0 only when the
 * marker appeared and the program exited on "q" by itself.
 *
 * C11 + POSIX; links with -lutil for forkpty(3).
 */
#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#define SETTLE_MS 200		/* "the first screen is complete": this long without output */
#define SETTLE_MAX_MS 5000
#define QUIT_WAIT_MS 5000

static int master = -1;
static pid_t child = -1;
static FILE *copy;
static unsigned long long total_bytes;
static bool eof;		/* the slave side is closed (EIO) */

static void
die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("ptybench: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	exit(2);
}

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- reading the terminal ------------------------------------------------------ */

#define MAX_MARKERS 4

/* Marker search state: the last (len-1) bytes carried over between reads. */
struct matcher {
	const char *marker;
	size_t len;
	char *win;		/* carry + one read */
	size_t carry;
	bool found;
};

static void
matcher_feed(struct matcher *m, const char *data, size_t n)
{
	if (m->found || !m->len)
		return;
	memcpy(m->win + m->carry, data, n);
	size_t have = m->carry + n;
	if (memmem(m->win, have, m->marker, m->len)) {
		m->found = true;
		return;
	}
	size_t keep = m->len - 1 < have ? m->len - 1 : have;
	memmove(m->win, m->win + have - keep, keep);
	m->carry = keep;
}

/* Reads what is there, waiting up to timeout_ms (-1 forever) for the first byte.
 * Returns the bytes read (0 on timeout or EOF); *t_first gets the time of the first read. */
static size_t
pump(int timeout_ms, struct matcher *m, int nm, double *t_first)
{
	char buf[65536];
	size_t got = 0;
	if (eof)
		return 0;
	struct pollfd p = { .fd = master, .events = POLLIN };
	int rc = poll(&p, 1, timeout_ms);
	if (rc < 0) {
		if (errno == EINTR)
			return 0;
		die("poll: %s", strerror(errno));
	}
	if (rc == 0)
		return 0;
	for (;;) {
		ssize_t r = read(master, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			break;
		if (r <= 0) {		/* EIO: the program closed the terminal */
			eof = true;
			break;
		}
		if (t_first && !got)
			*t_first = now_ms();
		if (copy)
			fwrite(buf, 1, (size_t)r, copy);
		bool found = false;
		for (int i = 0; i < nm; i++) {
			matcher_feed(&m[i], buf, (size_t)r);
			found |= m[i].found;
		}
		got += (size_t)r;
		total_bytes += (unsigned long long)r;
		if (found)
			break;	/* the caller timestamps right now */
	}
	return got;
}

/* Reads until no byte has come for quiet_ms, or max_ms have passed. Returns the bytes. */
static size_t
drain_until_quiet(int quiet_ms, int max_ms, double *t_first, bool *timed_out)
{
	double start = now_ms(), deadline = start + max_ms;
	size_t total = 0;
	if (timed_out)
		*timed_out = false;
	for (;;) {
		double now = now_ms();
		if (now >= deadline) {
			if (timed_out)
				*timed_out = true;
			return total;
		}
		int wait = quiet_ms;
		/* Before the first byte the whole budget may be spent waiting. */
		if (total == 0 && t_first)
			wait = (int)(deadline - now) + 1;
		if (now + wait > deadline)
			wait = (int)(deadline - now) + 1;
		size_t n = pump(wait, NULL, 0, total == 0 ? t_first : NULL);
		total += n;
		if (n == 0 && (total > 0 || !t_first || eof))
			return total;
	}
}

static void
send_bytes(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(master, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			die("write to the terminal: %s", strerror(errno));
		s += w;
		n -= (size_t)w;
	}
}

/* ---- /proc ------------------------------------------------------------------------ */

/* utime+stime in clock ticks, for all threads (/proc/PID/stat sums them). */
static long long
cpu_ticks(pid_t pid)
{
	char path[64], line[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(line, 1, sizeof(line) - 1, f);
	fclose(f);
	line[n] = '\0';
	char *p = strrchr(line, ')');
	if (!p)
		return -1;
	/* after ") " come fields 3..; utime and stime are fields 14 and 15 */
	unsigned long long ut = 0, st = 0;
	int field = 3;
	for (char *tok = strtok(p + 2, " "); tok; tok = strtok(NULL, " "), field++) {
		if (field == 14)
			ut = strtoull(tok, NULL, 10);
		if (field == 15) {
			st = strtoull(tok, NULL, 10);
			break;
		}
	}
	return (long long)(ut + st);
}

/* Per-thread totals: run time in ns (schedstat) and context switches (wakeups). */
struct taskstat {
	unsigned long long run_ns, switches;
	int threads;
};

static struct taskstat
task_stats(pid_t pid)
{
	struct taskstat t = { 0 };
	char path[128];
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	DIR *d = opendir(path);
	if (!d)
		return t;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		t.threads++;
		char file[300], line[256];
		snprintf(file, sizeof(file), "/proc/%d/task/%s/schedstat", (int)pid, e->d_name);
		FILE *f = fopen(file, "r");
		if (f) {
			unsigned long long ns = 0;
			if (fscanf(f, "%llu", &ns) == 1)
				t.run_ns += ns;
			fclose(f);
		}
		snprintf(file, sizeof(file), "/proc/%d/task/%s/status", (int)pid, e->d_name);
		f = fopen(file, "r");
		if (f) {
			while (fgets(line, sizeof(line), f)) {
				unsigned long long v;
				if (sscanf(line, "voluntary_ctxt_switches: %llu", &v) == 1 ||
				    sscanf(line, "nonvoluntary_ctxt_switches: %llu", &v) == 1)
					t.switches += v;
			}
			fclose(f);
		}
	}
	closedir(d);
	return t;
}

/* VmRSS in kB (the current resident size, not the peak). */
static long
rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* ---- options ---------------------------------------------------------------------- */

/* Decodes \e \n \r \t \\ \xHH in place. */
static size_t
unescape(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p != '\\' || !p[1]) {
			*o++ = *p;
			continue;
		}
		switch (*++p) {
		case 'e': *o++ = 27; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'x': {
			char hex[3] = { p[1], p[1] ? p[2] : 0, 0 };
			*o++ = (char)strtol(hex, NULL, 16);
			p += hex[1] ? 2 : 1;
			break;
		}
		default: *o++ = *p; break;
		}
	}
	*o = '\0';
	return (size_t)(o - s);
}

static void
usage(void)
{
	fputs("usage: ptybench [-s ROWSxCOLS] -m MARKER [-m ALT]... [-t S] [-k KEY] [-n COUNT] [-q MS] [-w MS]\n"
	      "                [-r] [-i S] [-o FILE] -- COMMAND [ARG]...\n", stderr);
	exit(2);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	const char *markers[MAX_MARKERS], *copy_path = NULL;
	int nmarkers = 0;
	char keybuf[64] = "j";
	size_t keylen = 1;
	int timeout_s = 120, nmoves = 0, quiet_ms = 30, max_wait_ms = 1000, idle_s = 0;
	bool redraw = false;
	int c;
	while ((c = getopt(argc, argv, "+s:m:t:k:n:q:w:ri:o:h")) != -1) {
		switch (c) {
		case 's': {
			unsigned r, cl;
			if (sscanf(optarg, "%ux%u", &r, &cl) != 2 || !r || !cl)
				usage();
			ws.ws_row = (unsigned short)r;
			ws.ws_col = (unsigned short)cl;
			break;
		}
		case 'm':
			if (nmarkers == MAX_MARKERS || !*optarg)
				usage();
			markers[nmarkers++] = optarg;
			break;
		case 't': timeout_s = atoi(optarg); break;
		case 'k':
			snprintf(keybuf, sizeof(keybuf), "%s", optarg);
			keylen = unescape(keybuf);
			break;
		case 'n': nmoves = atoi(optarg); break;
		case 'q': quiet_ms = atoi(optarg); break;
		case 'w': max_wait_ms = atoi(optarg); break;
		case 'r': redraw = true; break;
		case 'i': idle_s = atoi(optarg); break;
		case 'o': copy_path = optarg; break;
		default: usage();
		}
	}
	if (!nmarkers || optind >= argc || keylen == 0)
		usage();
	if (copy_path && !(copy = fopen(copy_path, "wb")))
		die("%s: %s", copy_path, strerror(errno));

	struct matcher m[MAX_MARKERS];
	for (int i = 0; i < nmarkers; i++) {
		m[i] = (struct matcher){ .marker = markers[i], .len = strlen(markers[i]) };
		if (!(m[i].win = malloc(m[i].len + 65536)))
			die("out of memory");
	}

	fflush(stdout);
	double t0 = now_ms();
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0)
		die("forkpty: %s", strerror(errno));
	if (child == 0) {
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "ptybench: exec %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	signal(SIGPIPE, SIG_IGN);

	/* Phase 1: exec until the marker. */
	double deadline = t0 + timeout_s * 1e3, t_marker = 0;
	int hit = -1;
	while (hit < 0 && !eof) {
		double left = deadline - now_ms();
		if (left <= 0)
			break;
		pump((int)left + 1, m, nmarkers, NULL);
		for (int i = 0; i < nmarkers && hit < 0; i++)
			if (m[i].found) {
				t_marker = now_ms();
				hit = i;
			}
	}
	if (hit < 0) {
		printf("marker_found=0\nbytes=%llu\n", total_bytes);
		die("the marker \"%s\" did not appear within %d s%s", markers[0], timeout_s,
		    eof ? " (the program closed its terminal)" : "");
	}
	unsigned long long marker_bytes = total_bytes;
	drain_until_quiet(SETTLE_MS, SETTLE_MAX_MS, NULL, NULL);
	printf("marker_found=%d\n", hit + 1);
	printf("first_screen_ms=%.1f\n", t_marker - t0);
	printf("first_screen_bytes=%llu\n", marker_bytes);
	printf("settled_bytes=%llu\n", total_bytes);

	/* Phase 2: moves. */
	if (nmoves > 0) {
		double *lat = calloc((size_t)nmoves, sizeof(*lat));
		unsigned long long before = total_bytes;
		int silent = 0, slow = 0;
		if (!lat)
			die("out of memory");
		for (int i = 0; i < nmoves && !eof; i++) {
			double sent = now_ms(), first = 0;
			bool timed_out;
			send_bytes(keybuf, keylen);
			size_t n = drain_until_quiet(quiet_ms, max_wait_ms, &first, &timed_out);
			if (n == 0)
				silent++;
			if (timed_out && n)
				slow++;
			lat[i] = n ? first - sent : max_wait_ms;
		}
		unsigned long long bytes = total_bytes - before;
		qsort(lat, (size_t)nmoves, sizeof(*lat), cmp_double);
		printf("moves=%d\nmove_bytes=%llu\nmove_bytes_per_key=%.1f\n", nmoves, bytes,
		       (double)bytes / nmoves);
		printf("move_silent=%d\nmove_not_quiet=%d\n", silent, slow);
		printf("move_latency_median_ms=%.2f\nmove_latency_max_ms=%.2f\n", lat[nmoves / 2],
		       lat[nmoves - 1]);
		free(lat);
	}

	/* Phase 3: a forced full redraw (Ctrl-L), for comparison. */
	if (redraw) {
		unsigned long long before = total_bytes;
		double first = 0;
		send_bytes("\f", 1);
		drain_until_quiet(quiet_ms * 3, max_wait_ms, &first, NULL);
		printf("redraw_bytes=%llu\n", total_bytes - before);
	}

	/* Phase 4: idle. Keep reading so the program never blocks on a full terminal. */
	if (idle_s > 0) {
		/* let anything still in flight land before the window opens */
		drain_until_quiet(SETTLE_MS, SETTLE_MAX_MS, NULL, NULL);
		long long t_before = cpu_ticks(child);
		struct taskstat s_before = task_stats(child);
		unsigned long long before = total_bytes;
		double end = now_ms() + idle_s * 1e3;
		for (double left; (left = end - now_ms()) > 0 && !eof;)
			pump((int)left + 1, NULL, 0, NULL);
		long long t_after = cpu_ticks(child);
		struct taskstat s_after = task_stats(child);
		printf("idle_s=%d\nidle_cpu_ticks=%lld\nclk_tck=%ld\n", idle_s,
		       t_before >= 0 && t_after >= 0 ? t_after - t_before : -1, sysconf(_SC_CLK_TCK));
		printf("idle_cpu_us=%.0f\nidle_ctx_switches=%lld\nthreads=%d\nidle_bytes=%llu\n",
		       (double)(s_after.run_ns - s_before.run_ns) / 1e3,
		       (long long)(s_after.switches - s_before.switches), s_after.threads,
		       total_bytes - before);
		printf("idle_rss_kb=%ld\n", rss_kb(child));
	}

	/* Phase 5: quit and reap. */
	double t_quit = now_ms();
	if (!eof)
		send_bytes("q", 1);
	int status = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof(ru));
	bool killed = false;
	for (;;) {
		pid_t w = wait4(child, &status, WNOHANG, &ru);
		if (w == child)
			break;
		if (w < 0)
			die("wait4: %s", strerror(errno));
		double waited = now_ms() - t_quit;
		if (waited > QUIT_WAIT_MS && !killed) {
			fprintf(stderr, "ptybench: no exit %d ms after \"q\": SIGTERM\n", QUIT_WAIT_MS);
			kill(child, SIGTERM);
			killed = true;
		} else if (waited > QUIT_WAIT_MS + 2000) {
			kill(child, SIGKILL);
		}
		if (eof)
			usleep(5000);
		else
			pump(10, NULL, 0, NULL);
	}
	child = -1;
	printf("quit_ms=%.1f\n", now_ms() - t_quit);
	printf("total_bytes=%llu\n", total_bytes);
	printf("maxrss_kb=%ld\n", ru.ru_maxrss);
	printf("user_s=%.3f\nsys_s=%.3f\n", ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	if (WIFEXITED(status))
		printf("exit_status=%d\n", WEXITSTATUS(status));
	else
		printf("exit_signal=%d\n", WTERMSIG(status));
	if (copy)
		fclose(copy);
	for (int i = 0; i < nmarkers; i++)
		free(m[i].win);
	close(master);
	return !killed && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
