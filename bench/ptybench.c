/* ptybench: run a full-screen program in a pseudo-terminal and measure it.
 *
 *   ptybench [options] -- COMMAND [ARG]...
 *
 *   -s ROWSxCOLS  terminal size (default 24x80)
 *   -m MARKER     a string that means "first full screen" (required; repeat the
 *                 option for alternatives: the first to appear wins)
 *   -t SECONDS    give up when the marker has not appeared by then (default 120)
 *   -W MARKER     the whole screen: after the first -m marker (a first screen that may
 *                 still be loading), wait for this one too, before settling: whole_ms
 *                 (exec -> it), whole_bytes (issue 16: rows drawn while the list streams)
 *   -k KEY        the key for the move phase (default "j"; C escapes \e \n \r \t \xHH)
 *   -n COUNT      key presses in the move phase (default 0: no move phase); each key's
 *                 latency is written -> first byte (move_latency_*) and written -> the
 *                 last byte before the output went quiet, i.e. its screen drawn
 *                 (move_drawn_*), median and max; and the program's CPU time (utime+stime)
 *                 over the phase per key (move_cpu_ms_per_key: what the machine's load
 *                 does not add to, unlike the wall times), and its write calls per key
 *                 (move_writes_per_key: the pieces a move reaches the terminal in)
 *   -u KEY        the key that moves back (e.g. "k"): when a move brings no output (the
 *                 end of the list), the move phase turns around and sends the other key;
 *                 that probe is not one of the COUNT moves (move_turns counts them)
 *   -q MS         output is "quiet" after MS ms without bytes (default 30)
 *   -w MS         wait at most MS ms for a key's output to go quiet (default 1000)
 *   -r            after the moves send Ctrl-L and count the bytes of that full redraw
 *   -i SECONDS    idle phase: no input for SECONDS; CPU ticks and bytes (default 0: none)
 *   -o FILE       copy everything the program writes to FILE
 *   -p KEYS       navigate phase: KEYS (C escapes) sent one key at a time after the
 *                 first screen, each followed by a wait for quiet output (-q/-w),
 *                 except the last: the clock starts as it is written and stops when
 *                 MARKER (-M) appears in what follows (open_ms); then until quiet
 *                 for 200 ms. "\e[..." / "\eO." sequences count as one key. Also
 *                 open_bytes (first -p key to quiet), pre_open_rss_kb, open_rss_kb (VmRSS),
 *                 open_since_exec_ms (exec -> the -M marker)
 *   -M MARKER     the marker that ends the navigate phase (required with -p)
 *   -P KEYS       after the -M marker: more keys, sent like the -p keys: post_ms (all of
 *                 them), post_key_max_ms (the slowest, written -> first byte), post_bytes
 *   -Q KEYS       the keys that quit (default "q"), e.g. "qq" from a sub-view
 *   -S MS         after the start marker, wait for MS ms without output (default 200;
 *                 0: go on at once, e.g. -p keys on a screen still loading)
 *   -T KEYS       typeahead: KEYS written to the terminal right after the fork, before
 *                 the program has drawn anything (e.g. "4" with -m "1000 containers":
 *                 exec -> the first screen of another panel)
 *   -L SECONDS    load phase: the program keeps writing (e.g. a log it follows); for
 *                 SECONDS read everything, and every -I MS send the next key of the -K
 *                 list, timing written -> its -E marker (at most -w MS, else a miss).
 *                 load_cpu_ticks (utime+stime), load_cpu_us, load_bytes, latencies, and
 *                 the CPU ticks of the -c processes over the same window
 *   -K KEY        a key for the load phase (repeat: they are sent in turn)
 *   -E MARKER     the marker that the matching -K key brings (one per -K)
 *   -I MS         time between a load key's marker and the next key (default 500)
 *   -c PID        a process whose utime+stime over the load phase is reported too
 *                 (repeat, at most 16): load_other_ticks (the sum), load_other_PID_ticks
 *
 * Phases, in order: start (exec until the marker, then until quiet for 200 ms),
 * navigate (-p, -M, -P), moves, redraw, idle, load, then "q" (-Q) and reap. The clock
 * starts just before forkpty(); the markers are matched in the raw byte stream,
 * across read boundaries.
 * Results go to stdout as key=value lines; the exit status is 0 only when the
 * marker appeared and the program exited on "q" (-Q) by itself.
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
static double t_last_byte;	/* when the last bytes were read (now_ms) */

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

#define MAX_MARKERS 5	/* 4 -m, and -W */

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
		t_last_byte = now_ms();
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

/* Length of the key at s: one byte, or a whole "\e[...X" / "\eO." sequence. */
static size_t
key_len(const char *s, size_t n)
{
	if (n < 3 || s[0] != 27 || (s[1] != '[' && s[1] != 'O'))
		return 1;
	if (s[1] == 'O')
		return 3;
	size_t i = 2;
	while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x40)
		i++;	/* parameter and intermediate bytes */
	return i < n ? i + 1 : n;
}

/* Sends keys[0..n) one key at a time, each followed by a wait (up to max_wait_ms) for its
 * output to go quiet. Returns the slowest key's latency: written -> first byte (ms). */
static double
send_keys_quietly(const char *keys, size_t n, int quiet_ms, int max_wait_ms)
{
	double slowest = 0;
	for (size_t i = 0, k; i < n && !eof; i += k) {
		k = key_len(keys + i, n - i);
		double sent = now_ms(), first = 0;
		send_bytes(keys + i, k);
		size_t got = drain_until_quiet(quiet_ms, max_wait_ms, &first, NULL);
		double lat = got ? first - sent : max_wait_ms;
		if (lat > slowest)
			slowest = lat;
	}
	return slowest;
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

/* The number after KEY (e.g. "VmRSS:") in /proc/PID/FILE, or -1. */
static long long
proc_value(pid_t pid, const char *file, const char *key)
{
	char path[64], line[256];
	long long v = -1;
	size_t k = strlen(key);
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, k) == 0 && sscanf(line + k, "%lld", &v) == 1)
			break;
	fclose(f);
	return v;
}

/* write(2)-family calls so far, all threads (syscw): how many pieces the program hands the
 * terminal, each a wake-up for its reader (sshd, tmux). */
static long long
write_calls(pid_t pid)
{
	return proc_value(pid, "io", "syscw:");
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
	return (long)proc_value(pid, "status", "VmRSS:");
}

/* ---- the load phase ------------------------------------------------------------------ */

#define MAX_LOAD_KEYS 8
#define MAX_OTHERS 16

static int cmp_double(const void *a, const void *b);

/* Reads everything for seconds; every gap_ms after the last key's marker (or miss), sends
 * the next key and times it: written -> its marker in what follows, at most max_wait_ms. */
static void
load_phase(int seconds, char *const *keys, const size_t *keylen, const char *const *markers, int nkeys,
	   int gap_ms, int max_wait_ms, const pid_t *others, int nothers)
{
	long long o_before[MAX_OTHERS];
	for (int i = 0; i < nothers; i++)
		o_before[i] = cpu_ticks(others[i]);
	long long t_before = cpu_ticks(child);
	struct taskstat s_before = task_stats(child);
	unsigned long long before = total_bytes;
	double start = now_ms(), end = start + seconds * 1e3;
	size_t cap = (size_t)seconds * 1000 / (gap_ms > 0 ? (size_t)gap_ms : 1) + 2, nlat = 0;
	double *lat = calloc(cap, sizeof(*lat));
	struct matcher m = { 0 };
	size_t mcap = 0;
	if (!lat)
		die("out of memory");
	for (int i = 0; i < nkeys; i++)
		if (strlen(markers[i]) > mcap)
			mcap = strlen(markers[i]);
	if (!(m.win = malloc(mcap + 65536)))
		die("out of memory");
	int missed = 0, next = 0;
	double t_key = nkeys ? start + gap_ms : end;	/* when the next key goes */
	while (!eof) {
		double now = now_ms();
		if (now >= end)
			break;
		if (now < t_key || nlat == cap) {
			double until = t_key < end ? t_key : end;
			pump((int)(until - now) + 1, NULL, 0, NULL);
			continue;
		}
		m.marker = markers[next];
		m.len = strlen(markers[next]);
		m.carry = 0;
		m.found = false;
		double sent = now_ms(), deadline = sent + max_wait_ms, t_found = 0;
		send_bytes(keys[next], keylen[next]);
		while (!m.found && !eof) {
			double left = deadline - now_ms();
			if (left <= 0)
				break;
			pump((int)left + 1, &m, 1, NULL);
			if (m.found)
				t_found = now_ms();
		}
		if (m.found) {
			lat[nlat++] = t_found - sent;
		} else {
			lat[nlat++] = max_wait_ms;
			missed++;
		}
		next = (next + 1) % nkeys;
		t_key = now_ms() + gap_ms;
	}
	double took = now_ms() - start;
	long long t_after = cpu_ticks(child);
	struct taskstat s_after = task_stats(child);
	long long o_sum = 0;
	bool o_ok = true;
	long long o_ticks[MAX_OTHERS];
	for (int i = 0; i < nothers; i++) {
		long long a = cpu_ticks(others[i]);
		o_ticks[i] = a >= 0 && o_before[i] >= 0 ? a - o_before[i] : -1;
		if (o_ticks[i] < 0)
			o_ok = false;
		else
			o_sum += o_ticks[i];
	}
	unsigned long long bytes = total_bytes - before;
	printf("load_s=%.2f\nload_cpu_ticks=%lld\nclk_tck=%ld\n", took / 1e3,
	       t_before >= 0 && t_after >= 0 ? t_after - t_before : -1, sysconf(_SC_CLK_TCK));
	printf("load_cpu_us=%.0f\nload_ctx_switches=%lld\nload_bytes=%llu\nload_bytes_per_s=%.0f\n",
	       (double)(s_after.run_ns - s_before.run_ns) / 1e3, (long long)(s_after.switches - s_before.switches),
	       bytes, took > 0 ? bytes / (took / 1e3) : 0);
	printf("load_keys=%zu\nload_missed=%d\n", nlat, missed);
	if (nlat) {
		qsort(lat, nlat, sizeof(*lat), cmp_double);
		printf("load_latency_median_ms=%.2f\nload_latency_max_ms=%.2f\n", lat[nlat / 2], lat[nlat - 1]);
	}
	if (nothers) {
		printf("load_other_ticks=%lld\n", o_ok ? o_sum : -1);
		for (int i = 0; i < nothers; i++)
			printf("load_other_%d_ticks=%lld\n", (int)others[i], o_ticks[i]);
	}
	printf("load_rss_kb=%ld\n", rss_kb(child));
	free(m.win);
	free(lat);
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
	fputs("usage: ptybench [-s ROWSxCOLS] -m MARKER [-m ALT]... [-t S] [-k KEY] [-n COUNT] [-u KEY] [-q MS] [-w MS]\n"
	      "                [-r] [-i S] [-o FILE] [-p KEYS -M MARKER [-P KEYS]] [-Q KEYS] [-S MS] [-T KEYS]\n"
	      "                [-L S -K KEY -E MARKER [-K KEY -E MARKER]... [-I MS] [-c PID]...] -- COMMAND [ARG]...\n",
	      stderr);
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
	const char *markers[MAX_MARKERS], *copy_path = NULL, *whole_marker = NULL;
	int nmarkers = 0;
	char keybuf[64] = "j", backbuf[64] = "";
	size_t keylen = 1, backlen = 0;
	int settle_ms = SETTLE_MS, timeout_s = 120, nmoves = 0, quiet_ms = 30, max_wait_ms = 1000, idle_s = 0;
	bool redraw = false;
	char *nav = NULL, *post = NULL, *quit = NULL;	/* -p -P -Q, unescaped in place */
	size_t navlen = 0, postlen = 0, quitlen = 1;
	const char *open_marker = NULL;
	char *typeahead = NULL;				/* -T, unescaped in place */
	size_t typelen = 0;
	int load_s = 0, load_gap_ms = 500, nload_keys = 0, nload_markers = 0, nothers = 0;
	char *load_keys[MAX_LOAD_KEYS];			/* -K, unescaped in place */
	size_t load_keylen[MAX_LOAD_KEYS];
	const char *load_markers[MAX_LOAD_KEYS];	/* -E */
	pid_t others[MAX_OTHERS];			/* -c */
	int c;
	while ((c = getopt(argc, argv, "+s:m:W:t:k:n:q:w:ri:o:p:M:P:Q:u:S:T:L:K:E:I:c:h")) != -1) {
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
		case 'W': whole_marker = optarg; break;
		case 't': timeout_s = atoi(optarg); break;
		case 'k':
			snprintf(keybuf, sizeof(keybuf), "%s", optarg);
			keylen = unescape(keybuf);
			break;
		case 'n': nmoves = atoi(optarg); break;
		case 'u':
			snprintf(backbuf, sizeof(backbuf), "%s", optarg);
			backlen = unescape(backbuf);
			break;
		case 'q': quiet_ms = atoi(optarg); break;
		case 'w': max_wait_ms = atoi(optarg); break;
		case 'r': redraw = true; break;
		case 'i': idle_s = atoi(optarg); break;
		case 'o': copy_path = optarg; break;
		case 'p': nav = optarg; navlen = unescape(nav); break;
		case 'M': open_marker = optarg; break;
		case 'P': post = optarg; postlen = unescape(post); break;
		case 'Q': quit = optarg; quitlen = unescape(quit); break;
		case 'S': settle_ms = atoi(optarg); break;
		case 'T': typeahead = optarg; typelen = unescape(typeahead); break;
		case 'L': load_s = atoi(optarg); break;
		case 'K':
			if (nload_keys == MAX_LOAD_KEYS)
				usage();
			load_keys[nload_keys] = optarg;
			load_keylen[nload_keys] = unescape(optarg);
			if (!load_keylen[nload_keys++])
				usage();
			break;
		case 'E':
			if (nload_markers == MAX_LOAD_KEYS || !*optarg)
				usage();
			load_markers[nload_markers++] = optarg;
			break;
		case 'I': load_gap_ms = atoi(optarg); break;
		case 'c':
			if (nothers == MAX_OTHERS || atoi(optarg) <= 0)
				usage();
			others[nothers++] = (pid_t)atoi(optarg);
			break;
		default: usage();
		}
	}
	if (!nmarkers || optind >= argc || keylen == 0 || (navlen > 0) != (open_marker && *open_marker) ||
	    (postlen && !navlen) || quitlen == 0 || nload_keys != nload_markers || (nload_keys && load_s <= 0) ||
	    load_gap_ms < 0 || settle_ms < 0)
		usage();
	if (copy_path && !(copy = fopen(copy_path, "wb")))
		die("%s: %s", copy_path, strerror(errno));

	struct matcher m[MAX_MARKERS];
	/* -W is matched from the start too, after the -m markers */
	int nmatch = nmarkers;
	if (whole_marker && *whole_marker)
		markers[nmatch++] = whole_marker;
	for (int i = 0; i < nmatch; i++) {
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
	if (typelen > 0)
		send_bytes(typeahead, typelen);

	/* Phase 1: exec until the marker. */
	double deadline = t0 + timeout_s * 1e3, t_marker = 0;
	int hit = -1;
	while (hit < 0 && !eof) {
		double left = deadline - now_ms();
		if (left <= 0)
			break;
		pump((int)left + 1, m, nmatch, NULL);
		for (int i = 0; i < nmarkers && hit < 0; i++)
			if (m[i].found) {
				t_marker = now_ms();
				hit = i;
			}
	}
	unsigned long long marker_bytes = total_bytes;
	double t_whole = 0;
	unsigned long long whole_bytes = 0;
	if (hit >= 0 && nmatch > nmarkers) {
		struct matcher *wm = &m[nmarkers];
		if (wm->found)
			t_whole = t_marker;	/* in the same read */
		while (!wm->found && !eof) {
			double left = deadline - now_ms();
			if (left <= 0)
				break;
			pump((int)left + 1, m, nmatch, NULL);
			if (wm->found)
				t_whole = now_ms();
		}
		if (!wm->found)
			die("the marker \"%s\" (-W) did not appear within %d s", whole_marker, timeout_s);
		whole_bytes = total_bytes;
	}
	if (hit < 0) {
		printf("marker_found=0\nbytes=%llu\n", total_bytes);
		die("the marker \"%s\" did not appear within %d s%s", markers[0], timeout_s,
		    eof ? " (the program closed its terminal)" : "");
	}
	if (settle_ms > 0)
		drain_until_quiet(settle_ms, SETTLE_MAX_MS, NULL, NULL);
	printf("marker_found=%d\n", hit + 1);
	printf("first_screen_ms=%.1f\n", t_marker - t0);
	printf("first_screen_bytes=%llu\n", marker_bytes);
	if (nmatch > nmarkers) {
		printf("whole_ms=%.1f\n", t_whole - t0);
		printf("whole_bytes=%llu\n", whole_bytes);
	}
	printf("settled_bytes=%llu\n", total_bytes);

	/* Phase 1b: navigate. The keys but the last, each until quiet; the last one starts the
	 * clock, and the -M marker (matched only after it) stops it. */
	if (navlen > 0) {
		size_t last = 0;
		for (size_t i = 0; i < navlen; i += key_len(nav + i, navlen - i))
			last = i;
		unsigned long long before = total_bytes;
		printf("pre_open_rss_kb=%ld\n", rss_kb(child));
		send_keys_quietly(nav, last, quiet_ms, max_wait_ms);
		struct matcher om = { .marker = open_marker, .len = strlen(open_marker) };
		if (!(om.win = malloc(om.len + 65536)))
			die("out of memory");
		double sent = now_ms(), open_deadline = sent + timeout_s * 1e3, t_open = 0;
		send_bytes(nav + last, navlen - last);
		while (!om.found && !eof) {
			double left = open_deadline - now_ms();
			if (left <= 0)
				break;
			pump((int)left + 1, &om, 1, NULL);
			if (om.found)
				t_open = now_ms();
		}
		free(om.win);
		if (!om.found) {
			printf("open_found=0\nbytes=%llu\n", total_bytes);
			die("the marker \"%s\" did not appear within %d s of the -p keys%s", open_marker,
			    timeout_s, eof ? " (the program closed its terminal)" : "");
		}
		drain_until_quiet(SETTLE_MS, SETTLE_MAX_MS, NULL, NULL);
		printf("open_ms=%.1f\nopen_since_exec_ms=%.1f\n", t_open - sent, t_open - t0);
		printf("open_bytes=%llu\n", total_bytes - before);
		printf("open_rss_kb=%ld\n", rss_kb(child));
		if (postlen > 0) {
			before = total_bytes;
			double start = now_ms();
			double slowest = send_keys_quietly(post, postlen, quiet_ms, max_wait_ms);
			printf("post_ms=%.1f\npost_key_max_ms=%.1f\npost_bytes=%llu\n", now_ms() - start,
			       slowest, total_bytes - before);
		}
	}

	/* Phase 2: moves. */
	if (nmoves > 0) {
		double *lat = calloc((size_t)nmoves, sizeof(*lat));
		double *drawn = calloc((size_t)nmoves, sizeof(*drawn));
		unsigned long long before = total_bytes;
		int silent = 0, slow = 0, turns = 0;
		bool back = false, turned = false;	/* -u: moving with backbuf; the last probe turned */
		if (!lat || !drawn)
			die("out of memory");
		long long ticks0 = cpu_ticks(child), writes0 = write_calls(child);
		for (int i = 0; i < nmoves && !eof; i++) {
			double sent = now_ms(), first = 0;
			bool timed_out;
			if (back)
				send_bytes(backbuf, backlen);
			else
				send_bytes(keybuf, keylen);
			size_t n = drain_until_quiet(quiet_ms, max_wait_ms, &first, &timed_out);
			if (n == 0 && backlen && !turned) {
				back = !back;	/* the end of the list: turn around, and try again */
				turned = true;
				turns++;
				i--;
				continue;
			}
			turned = false;
			if (n == 0)
				silent++;
			if (timed_out && n)
				slow++;
			lat[i] = n ? first - sent : max_wait_ms;
			drawn[i] = n ? t_last_byte - sent : max_wait_ms;
		}
		unsigned long long bytes = total_bytes - before;
		long long ticks1 = cpu_ticks(child), writes1 = write_calls(child);
		if (ticks0 >= 0 && ticks1 >= 0)
			printf("move_cpu_ms_per_key=%.2f\n",
			       (double)(ticks1 - ticks0) * 1e3 / (double)sysconf(_SC_CLK_TCK) / nmoves);
		if (writes0 >= 0 && writes1 >= 0)
			printf("move_writes_per_key=%.2f\n", (double)(writes1 - writes0) / nmoves);
		qsort(lat, (size_t)nmoves, sizeof(*lat), cmp_double);
		printf("moves=%d\nmove_bytes=%llu\nmove_bytes_per_key=%.1f\n", nmoves, bytes,
		       (double)bytes / nmoves);
		printf("move_silent=%d\nmove_not_quiet=%d\n", silent, slow);
		if (backlen)
			printf("move_turns=%d\n", turns);
		printf("move_latency_median_ms=%.2f\nmove_latency_max_ms=%.2f\n", lat[nmoves / 2],
		       lat[nmoves - 1]);
		qsort(drawn, (size_t)nmoves, sizeof(*drawn), cmp_double);
		printf("move_drawn_median_ms=%.2f\nmove_drawn_max_ms=%.2f\n", drawn[nmoves / 2],
		       drawn[nmoves - 1]);
		free(lat);
		free(drawn);
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

	/* Phase 5: load. The program keeps writing; keys now and then, each timed to its marker. */
	if (load_s > 0)
		load_phase(load_s, load_keys, load_keylen, load_markers, nload_keys, load_gap_ms, max_wait_ms,
			   others, nothers);

	/* Phase 6: quit and reap. */
	double t_quit = now_ms();
	if (!eof)
		send_bytes(quit ? quit : "q", quitlen);
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
	for (int i = 0; i < nmatch; i++)
		free(m[i].win);
	close(master);
	return !killed && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
