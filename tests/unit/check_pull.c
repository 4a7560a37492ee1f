/* The pull model (the engine's JSON message stream of POST /images/create) and what the pull
 * and tag prompts accept. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pull.h"
#include "pull_input.h"
#include "strbuf.h"
#include "strv.h"
#include "xalloc.h"

#include "fixture.h"

/*
 * Fixtures in $FIXTURES were captured from a private engine and registry (dockerd and CLI
 * 20.10.24+dfsg1; see tests/fixtures/capture-pull.sh), the registry's port replaced by 5000:
 *   pull-stream.jsonl   demo/layers:1 pulled from nothing: 5 layers of 1 MB (busybox), 3 MB,
 *                       2 MB, 108 B and 4 MB
 *   pull-again.jsonl    the same again: "Image is up to date"
 *   pull-exists.jsonl   demo/layers:2: those 5 "Already exists", one 1 MB layer pulled
 *   pull-all.jsonl      demo/layers -a: tag 2 then tag 1, one Status line at the end
 *   pull-broken.jsonl   a layer whose blob the registry lost: retries, then the error line
 *   pull-missing.jsonl  the HTTP 404 body for a missing tag (pull-missing.status: 404)
 *   pull-tty.jsonl      demo/tty:1 as /usr/bin/docker received it on a 100-column terminal,
 *   pull-tty.txt        and what it drew there
 */

#define HEX64 "ebba142a7989d15d266c1739c288c3733ebd7a2e62ed0c03e1fa5b85c4f4220c"
/* The manifest digest of demo/layers:1 in the fixtures. */
#define LAYERS1_DIGEST "sha256:fca123fa93f54ef802ddf48e333f57f42378ee72398b614a67306926936d417d"

/* Calls fn after feeding each line, the way engine_stream hands them over (no "\r\n"). */
typedef void (*line_hook)(struct pull *p, const char *line, size_t len, size_t index, void *ctx);

static size_t
feed_fixture(struct pull *p, const char *name, line_hook hook, void *ctx)
{
	size_t len;
	char *text = fixture_read(name, &len);
	size_t nlines = 0;
	const char *s = text, *end = text + len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		size_t n = (size_t)(e - s);
		if (n && s[n - 1] == '\r')
			n--;
		if (n) {
			pull_feed(p, s, n);
			if (hook)
				hook(p, s, n, nlines, ctx);
			nlines++;
		}
		s = nl ? nl + 1 : end;
	}
	free(text);
	return nlines;
}

static void
feed(struct pull *p, const char *line)
{
	pull_feed(p, line, strlen(line));
}

static const struct pull_row *
find_row(const struct pull *p, const char *id)
{
	for (size_t i = 0; i < p->nrows; i++)
		if (strcmp(p->rows[i].id, id) == 0)
			return &p->rows[i];
	return NULL;
}

/* The row of id, which must be there. */
static const struct pull_row *
row_of(const struct pull *p, const char *id)
{
	static const struct pull_row none;
	const struct pull_row *r = find_row(p, id);
	if (r)
		return r;
	ck_abort_msg("no row %s", id);
	return &none;
}

static const char *
row_text(const struct pull_row *r)
{
	static char buf[PULL_ROW_TEXT_MAX];
	pull_row_text(r, buf, sizeof(buf));
	return buf;
}

static const char *
summary(const struct pull *p)
{
	static char buf[256];
	pull_summary(p, buf, sizeof(buf));
	return buf;
}

/* ---- the captured streams -------------------------------------------------------- */

struct watch {
	int last_percent;
	int min_seen;
	bool monotonic;
	int percent_after[64];
};

static void
watch_percent(struct pull *p, const char *line, size_t len, size_t index, void *ctx)
{
	(void)line;
	(void)len;
	struct watch *w = ctx;
	int pct = pull_percent(p);
	ck_assert_int_ge(pct, -1);
	ck_assert_int_le(pct, 100);
	if (pct < w->last_percent)
		w->monotonic = false;
	w->last_percent = pct;
	if (index < 64)
		w->percent_after[index] = pct;
}

START_TEST(stream_fresh_pull)
{
	struct pull p;
	pull_init(&p);
	struct watch w = { -1, 0, true, { 0 } };
	size_t n = feed_fixture(&p, "pull-stream.jsonl", watch_percent, &w);
	ck_assert_uint_eq(n, 41);
	ck_assert(!p.failed);
	ck_assert(p.done);

	/* The header, then the layers in order of first appearance. */
	ck_assert_uint_eq(p.nrows, 6);
	ck_assert_int_eq(p.rows[0].kind, PULL_ROW_HEADER);
	ck_assert_str_eq(p.rows[0].id, "1");
	ck_assert_str_eq(row_text(&p.rows[0]), "1: Pulling from demo/layers");
	const char *ids[] = { "3bb47a1549db", "8af37779187a", "814e1a0d9806", "d368c87ca01d",
			      "92419f864e10" };
	const int64_t sizes[] = { 1069517, 3146835, 2097941, 110, 4195729 };
	for (size_t i = 0; i < 5; i++) {
		const struct pull_row *r = &p.rows[i + 1];
		ck_assert_int_eq(r->kind, PULL_ROW_LAYER);
		ck_assert_str_eq(r->id, ids[i]);
		ck_assert_int_eq(r->phase, PULL_PHASE_COMPLETE);
		ck_assert_str_eq(r->status, "Pull complete");
		ck_assert_int_eq(r->size, sizes[i]);
		ck_assert_int_eq(r->downloaded, sizes[i]);
		ck_assert_int_eq(r->extracted, sizes[i]);
	}
	ck_assert_str_eq(p.digest, LAYERS1_DIGEST);
	ck_assert_str_eq(p.status, "Downloaded newer image for 127.0.0.1:5000/demo/layers:1");
	ck_assert_uint_eq(p.nlog, 0);

	struct pull_totals t;
	pull_totals(&p, &t);
	ck_assert_uint_eq(t.layers, 5);
	ck_assert_uint_eq(t.layers_done, 5);
	ck_assert_uint_eq(t.layers_existing, 0);
	ck_assert_int_eq(t.bytes_total, 10510132);
	ck_assert_int_eq(t.bytes_done, 10510132);
	ck_assert_str_eq(summary(&p), "5/5 layers, 10.51MB/10.51MB");
	ck_assert_int_eq(pull_percent(&p), 100);

	/* This stream only moves forward; no byte count before line 9 (the percent is then the
	 * share of layers done: 0), then each layer weighs its size, download and extraction
	 * half each. */
	ck_assert(w.monotonic);
	ck_assert_int_eq(w.percent_after[0], -1);	/* the header: no layer yet */
	ck_assert_int_eq(w.percent_after[7], 0);	/* "Waiting" */
	/* Line 23 tells the size of the 4 MB layer that was waiting: the estimate drops from 40
	 * to 30 %, the percent stays. */
	ck_assert_int_eq(w.percent_after[21], 40);
	ck_assert_int_eq(w.percent_after[22], 40);
	ck_assert_int_lt(w.percent_after[37], 100);
	ck_assert_int_eq(w.percent_after[38], 100);	/* the last "Pull complete" */
	ck_assert_int_eq(w.percent_after[40], 100);	/* Status */
	pull_free(&p);
}
END_TEST

/* The state after a given line, checked against what that line said. */
static void
check_midway(struct pull *p, const char *line, size_t len, size_t index, void *ctx)
{
	(void)line;
	(void)len;
	(void)ctx;
	const struct pull_row *r;
	switch (index) {
	case 6:	/* {"status":"Waiting","progressDetail":{},"id":"d368c87ca01d"} */
		r = row_of(p, "d368c87ca01d");
		ck_assert_int_eq(r->phase, PULL_PHASE_WAITING);
		ck_assert_str_eq(row_text(r), "d368c87ca01d: Waiting");
		ck_assert_str_eq(summary(p), "0/5 layers");
		ck_assert_int_eq(pull_percent(p), 0);
		break;
	case 8:	/* the first byte count: Downloading 36445/3146835 of 8af37779187a */
		r = row_of(p, "8af37779187a");
		ck_assert_int_eq(r->phase, PULL_PHASE_DOWNLOADING);
		ck_assert_int_eq(r->current, 36445);
		ck_assert_int_eq(r->total, 3146835);
		ck_assert_str_eq(row_text(r), "8af37779187a: Downloading  36.45kB/3.147MB");
		ck_assert_str_eq(summary(p), "0/5 layers, 36.45kB/3.147MB");
		/* The four layers without a size weigh 3146835 each: 36445 / 2 of 5 x 3146835. */
		ck_assert_int_eq(pull_percent(p), 0);
		break;
	case 12: /* Verifying Checksum of 3bb47a1549db: its download counts whole */
		r = row_of(p, "3bb47a1549db");
		ck_assert_int_eq(r->downloaded, 1069517);
		ck_assert_str_eq(row_text(r), "3bb47a1549db: Verifying Checksum");
		break;
	case 23: /* 92419f864e10: "Download complete" straight after its first tick */
		r = row_of(p, "92419f864e10");
		ck_assert_int_eq(r->phase, PULL_PHASE_DOWNLOADED);
		ck_assert_int_eq(r->downloaded, 4195729);
		ck_assert_str_eq(row_text(r), "92419f864e10: Download complete");
		ck_assert_str_eq(summary(p), "0/5 layers, 10.51MB/10.51MB");
		/* Everything downloaded, 32768 B of one layer extracted: 50.2 % */
		ck_assert_int_eq(pull_percent(p), 50);
		break;
	case 26: /* Pull complete of 3bb47a1549db */
		ck_assert_str_eq(summary(p), "1/5 layers, 10.51MB/10.51MB");
		/* (10510132 + 1069517) / (2 x 10510132) = 55.09 % */
		ck_assert_int_eq(pull_percent(p), 55);
		break;
	default:
		break;
	}
}

START_TEST(stream_fresh_pull_midway)
{
	struct pull p;
	pull_init(&p);
	feed_fixture(&p, "pull-stream.jsonl", check_midway, NULL);
	pull_free(&p);
}
END_TEST

START_TEST(stream_up_to_date)
{
	struct pull p;
	pull_init(&p);
	struct watch w = { -1, 0, true, { 0 } };
	ck_assert_uint_eq(feed_fixture(&p, "pull-again.jsonl", watch_percent, &w), 3);
	ck_assert_uint_eq(p.nrows, 1);
	ck_assert_int_eq(p.rows[0].kind, PULL_ROW_HEADER);
	ck_assert_int_eq(w.percent_after[0], -1);
	ck_assert_int_eq(w.percent_after[1], -1);	/* Digest: no layer, unknown */
	ck_assert_int_eq(w.percent_after[2], 100);
	ck_assert_str_eq(p.status, "Image is up to date for 127.0.0.1:5000/demo/layers:1");
	ck_assert_str_eq(p.digest, LAYERS1_DIGEST);
	ck_assert_str_eq(summary(&p), "");
	pull_free(&p);
}
END_TEST

START_TEST(stream_already_exists)
{
	struct pull p;
	pull_init(&p);
	struct watch w = { -1, 0, true, { 0 } };
	ck_assert_uint_eq(feed_fixture(&p, "pull-exists.jsonl", watch_percent, &w), 16);
	ck_assert_uint_eq(p.nrows, 7);
	for (size_t i = 1; i <= 5; i++) {
		ck_assert_int_eq(p.rows[i].phase, PULL_PHASE_EXISTS);
		ck_assert_int_eq(p.rows[i].size, 0);
	}
	ck_assert_str_eq(row_text(&p.rows[1]), "3bb47a1549db: Already exists");
	/* Existing layers are no work: -1 until a layer to pull shows up, then 0. */
	ck_assert_int_eq(w.percent_after[5], -1);
	ck_assert_int_eq(w.percent_after[6], 0);
	ck_assert(w.monotonic);
	struct pull_totals t;
	pull_totals(&p, &t);
	ck_assert_uint_eq(t.layers, 6);
	ck_assert_uint_eq(t.layers_done, 6);
	ck_assert_uint_eq(t.layers_existing, 5);
	ck_assert_str_eq(summary(&p), "6/6 layers, 1.049MB/1.049MB");
	ck_assert_str_eq(p.status, "Downloaded newer image for 127.0.0.1:5000/demo/layers:2");
	pull_free(&p);
}
END_TEST

START_TEST(stream_all_tags)
{
	struct pull p;
	pull_init(&p);
	ck_assert_uint_eq(feed_fixture(&p, "pull-all.jsonl", NULL, NULL), 58);
	/* "2: Pulling from", 6 layers, "1: Pulling from", the same 5 layers again: a block per tag,
	 * as the CLI draws them. */
	ck_assert_uint_eq(p.nrows, 13);
	ck_assert_int_eq(p.rows[0].kind, PULL_ROW_HEADER);
	ck_assert_str_eq(p.rows[0].id, "2");
	ck_assert_int_eq(p.rows[7].kind, PULL_ROW_HEADER);
	ck_assert_str_eq(p.rows[7].id, "1");
	ck_assert_str_eq(p.rows[1].id, p.rows[8].id);
	ck_assert_int_eq(p.rows[1].phase, PULL_PHASE_COMPLETE);
	ck_assert_int_eq(p.rows[8].phase, PULL_PHASE_EXISTS);
	/* The last digest (tag 1's), and the single Status line without a tag. */
	ck_assert_str_eq(p.digest, LAYERS1_DIGEST);
	ck_assert_str_eq(p.status, "Downloaded newer image for 127.0.0.1:5000/demo/layers");
	ck_assert(p.done);
	ck_assert_str_eq(summary(&p), "11/11 layers, 11.56MB/11.56MB");
	pull_free(&p);
}
END_TEST

static void
check_broken(struct pull *p, const char *line, size_t len, size_t index, void *ctx)
{
	(void)ctx;
	if (index == 7) {
		const struct pull_row *r = row_of(p, "9dbdb5ae3aae");
		ck_assert_int_eq(r->phase, PULL_PHASE_RETRYING);
		ck_assert_str_eq(row_text(r), "9dbdb5ae3aae: Retrying in 5 seconds");
	}
	/* The error line is the only one pull_feed refuses. */
	struct pull copy;
	pull_init(&copy);
	bool is_error = memmem(line, len, "errorDetail", 11) != NULL;
	ck_assert(pull_feed(&copy, line, len) == !is_error);
	pull_free(&copy);
}

START_TEST(stream_error_in_stream)
{
	struct pull p;
	pull_init(&p);
	ck_assert_uint_eq(feed_fixture(&p, "pull-broken.jsonl", check_broken, NULL), 85);
	ck_assert(p.failed);
	ck_assert(!p.done);
	ck_assert_str_eq(p.error, "unexpected EOF");
	ck_assert_ptr_null(p.status);
	const struct pull_row *r = row_of(&p, "9dbdb5ae3aae");
	ck_assert_str_eq(row_text(r), "9dbdb5ae3aae: Downloading  2.098MB/2.098MB");
	ck_assert_int_lt(pull_percent(&p), 100);
	ck_assert_str_eq(summary(&p), "5/6 layers, 2.098MB/2.098MB");
	/* The runner's own failure later does not replace the engine's message. */
	pull_fail(&p, "engine lost");
	ck_assert_str_eq(p.error, "unexpected EOF");
	pull_free(&p);
}
END_TEST

START_TEST(http_error_before_stream)
{
	/* A missing tag is an HTTP 404 before any stream line: engine_stream gives the body to the
	 * runner, which calls pull_fail with the engine's message. */
	char *status = fixture_read("pull-missing.status", NULL);
	ck_assert_int_eq(atoi(status), 404);
	free(status);
	struct pull p;
	pull_init(&p);
	pull_fail(&p, "manifest for 127.0.0.1:5000/demo/layers:nope not found: manifest unknown: "
		  "manifest unknown\033[2J");
	ck_assert(p.failed);
	ck_assert_str_eq(p.error, "manifest for 127.0.0.1:5000/demo/layers:nope not found: "
			 "manifest unknown: manifest unknown\\e[2J");
	ck_assert_int_eq(pull_percent(&p), -1);
	pull_free(&p);

	/* Were that body fed as a stream line, it is no error line: it goes to the log. */
	pull_init(&p);
	size_t n = feed_fixture(&p, "pull-missing.jsonl", NULL, NULL);
	ck_assert_uint_eq(n, 1);
	ck_assert(!p.failed);
	ck_assert_uint_eq(p.nlog, 1);
	pull_free(&p);
}
END_TEST

/* ---- byte for byte what `docker pull` drew on a terminal -------------------------------- */

struct tty {
	char **drawn;	/* what followed each ESC[2K CR up to the next CR, one trailing space dropped */
	size_t ndrawn;
	size_t next;
};

static void
tty_load(struct tty *t, const char *name)
{
	size_t len;
	char *raw = fixture_read(name, &len);
	memset(t, 0, sizeof(*t));
	t->drawn = xcalloc(len / 4 + 1, sizeof(*t->drawn));
	const char *s = raw, *end = raw + len;
	static const char mark[] = "\033[2K\r";
	const char *m;
	while ((m = memmem(s, (size_t)(end - s), mark, strlen(mark))) != NULL) {
		const char *text = m + strlen(mark);
		const char *cr = memchr(text, '\r', (size_t)(end - text));
		ck_assert_ptr_nonnull(cr);
		size_t n = (size_t)(cr - text);
		if (n && text[n - 1] == ' ')
			n--;
		t->drawn[t->ndrawn++] = xstrndup(text, n);
		s = cr;
	}
	free(raw);
}

static void
tty_free(struct tty *t)
{
	strv_free(t->drawn, t->ndrawn);
}

static void
compare_drawn(struct pull *p, const char *line, size_t len, size_t index, void *ctx)
{
	(void)index;
	struct tty *t = ctx;
	/* The CLI redraws a row for each message with an id and a progressDetail. */
	if (!memmem(line, len, "\"progressDetail\"", 16))
		return;
	const char *id = memmem(line, len, "\"id\":\"", 6);
	ck_assert_ptr_nonnull(id);
	id += 6;
	char key[13];
	memcpy(key, id, 12);
	key[12] = '\0';
	const struct pull_row *r = row_of(p, key);
	ck_assert_uint_lt(t->next, t->ndrawn);
	ck_assert_str_eq(row_text(r), t->drawn[t->next]);
	t->next++;
}

START_TEST(rows_as_the_cli_draws_them)
{
	struct tty t;
	tty_load(&t, "pull-tty.txt");
	ck_assert_uint_eq(t.ndrawn, 23);
	struct pull p;
	pull_init(&p);
	ck_assert_uint_eq(feed_fixture(&p, "pull-tty.jsonl", compare_drawn, &t), 26);
	ck_assert_uint_eq(t.next, t.ndrawn);

	/* The lines drawn without an id: "1: Pulling from demo/tty", Digest, Status. */
	char *raw = fixture_read("pull-tty.txt", NULL);
	char *first = xasprintf("%s\r\n", row_text(&p.rows[0]));
	ck_assert_msg(strncmp(raw, first, strlen(first)) == 0, "%s", first);
	char *digest = xasprintf("Digest: %s\r\nStatus: %s\r\n", p.digest, p.status);
	ck_assert_ptr_nonnull(strstr(raw, digest));
	free(first);
	free(digest);
	free(raw);
	ck_assert_str_eq(summary(&p), "4/4 layers, 5.245MB/5.245MB");
	pull_free(&p);
	tty_free(&t);
}
END_TEST

/* ---- edge cases ------------------------------------------------------------------------ */

START_TEST(hostile_text_is_sanitized)
{
	struct pull p;
	pull_init(&p);
	feed(&p, "{\"status\":\"Pulling from x\\u001b]0;pwned\\u0007\",\"id\":\"1\\u202e\"}");
	feed(&p, "{\"status\":\"Downloading\\u001b[2J\",\"progressDetail\":{\"current\":1,\"total\":2},"
		 "\"id\":\"abc\\u001b[1A\"}");
	feed(&p, "{\"status\":\"Digest: sha256:\\u009b31m\"}");
	feed(&p, "{\"status\":\"Status: done \\u001b[0m\"}");
	feed(&p, "{\"status\":\"log \\u0007 line\"}");
	ck_assert_str_eq(p.rows[0].id, "1\\u202e");
	ck_assert_str_eq(p.rows[0].status, "Pulling from x\\e]0;pwned\\x07");
	ck_assert_str_eq(p.rows[1].id, "abc\\e[1A");
	/* Not a known status, but progressDetail makes it a layer. */
	ck_assert_int_eq(p.rows[1].kind, PULL_ROW_LAYER);
	ck_assert_str_eq(p.rows[1].status, "Downloading\\e[2J");
	ck_assert_str_eq(p.digest, "sha256:\\u009b31m");
	ck_assert_str_eq(p.status, "done \\e[0m");
	ck_assert_str_eq(p.log[0], "log \\x07 line");
	/* A line that is not JSON is logged, sanitized. */
	const char raw[] = "not json \033[2J\xff";
	pull_feed(&p, raw, sizeof(raw) - 1);
	ck_assert_str_eq(p.log[1], "not json \\e[2J\\xff");
	pull_free(&p);
}
END_TEST

START_TEST(hostile_numbers_are_clamped)
{
	struct pull p;
	pull_init(&p);
	feed(&p, "{\"status\":\"Pulling from x\",\"id\":\"1\"}");
	feed(&p, "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1e300,\"total\":1e400},\"id\":\"a\"}");
	feed(&p, "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":-5,\"total\":-1e300},\"id\":\"b\"}");
	feed(&p, "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":\"7\",\"total\":true},\"id\":\"c\"}");
	feed(&p, "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":9e18,\"total\":9e18},\"id\":\"d\"}");
	const struct pull_row *a = row_of(&p, "a");
	ck_assert_int_eq(a->current, INT64_MAX);
	ck_assert_int_eq(a->total, INT64_MAX);
	ck_assert_int_eq(a->size, INT64_MAX);
	const struct pull_row *b = row_of(&p, "b");
	ck_assert_int_eq(b->current, 0);
	ck_assert_int_eq(b->total, 0);
	ck_assert_str_eq(row_text(b), "b: Downloading");
	ck_assert_int_eq(row_of(&p, "c")->current, 0);
	struct pull_totals t;
	pull_totals(&p, &t);
	ck_assert_int_eq(t.bytes_total, INT64_MAX);	/* saturates */
	int pct = pull_percent(&p);
	ck_assert_int_ge(pct, 0);
	ck_assert_int_le(pct, 99);
	char buf[256];
	pull_summary(&p, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0/4 layers, 9.223EB/9.223EB");
	pull_free(&p);
}
END_TEST

START_TEST(row_counts_like_the_cli)
{
	struct pull_row r = { .kind = PULL_ROW_LAYER, .id = (char *)"a1b2c3d4e5f6",
			      .status = (char *)"Downloading" };
	char buf[128];
	r.current = 12345678;
	r.total = 40123456;
	pull_row_counts(&r, buf, sizeof(buf));
	ck_assert_str_eq(buf, " 12.35MB/40.12MB");
	ck_assert_str_eq(row_text(&r), "a1b2c3d4e5f6: Downloading  12.35MB/40.12MB");
	/* current past total: the CLI drops the total. */
	r.current = 2000;
	r.total = 1000;
	pull_row_counts(&r, buf, sizeof(buf));
	ck_assert_str_eq(buf, "     2kB");
	/* no total */
	r.total = 0;
	pull_row_counts(&r, buf, sizeof(buf));
	ck_assert_str_eq(buf, "     2kB");
	r.current = 0;
	pull_row_counts(&r, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
	r.current = 0;
	r.total = 1000;
	pull_row_counts(&r, buf, sizeof(buf));
	ck_assert_str_eq(buf, "      0B/1kB");
	/* Truncation is safe. */
	pull_row_text(&r, buf, 5);
	ck_assert_str_eq(buf, "a1b2");
}
END_TEST

START_TEST(engine_without_progress_detail)
{
	/* Layer statuses without progressDetail still make layer rows; without any byte count the
	 * percent is the share of layers done. */
	struct pull p;
	pull_init(&p);
	feed(&p, "{\"status\":\"Pulling from library/x\",\"id\":\"latest\"}");
	feed(&p, "{\"status\":\"Pulling fs layer\",\"id\":\"aaaaaaaaaaaa\"}");
	feed(&p, "{\"status\":\"Pulling fs layer\",\"id\":\"bbbbbbbbbbbb\"}");
	ck_assert_int_eq(pull_percent(&p), 0);
	feed(&p, "{\"status\":\"Download complete\",\"id\":\"aaaaaaaaaaaa\"}");
	ck_assert_int_eq(pull_percent(&p), 0);
	feed(&p, "{\"status\":\"Pull complete\",\"id\":\"aaaaaaaaaaaa\"}");
	ck_assert_int_eq(pull_percent(&p), 50);
	ck_assert_str_eq(summary(&p), "1/2 layers");
	feed(&p, "{\"status\":\"Already exists\",\"id\":\"cccccccccccc\"}");
	ck_assert_int_eq(pull_percent(&p), 50);
	ck_assert_str_eq(summary(&p), "2/3 layers");
	ck_assert_uint_eq(p.nrows, 4);
	ck_assert_uint_eq(p.nlog, 0);
	/* The runner says the stream ended well. */
	pull_finish(&p);
	ck_assert_int_eq(pull_percent(&p), 100);
	pull_free(&p);

	/* without a "Pulling from" header (Podman's way), the layers are counted in words */
	pull_init(&p);
	feed(&p, "{\"status\":\"Pull complete\",\"id\":\"aaaaaaaaaaaa\"}");
	ck_assert_str_eq(summary(&p), "1 of 1 layer");
	pull_free(&p);
}
END_TEST

START_TEST(podman_stream)
{
	/* Podman: no header, layers end at "Download complete", then the image id. */
	struct pull p;
	pull_init(&p);
	feed(&p, "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}");
	feed(&p, "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":500,\"total\":1000},\"id\":\"aaaaaaaaaaaa\"}");
	ck_assert_int_eq(pull_percent(&p), 50);
	feed(&p, "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}");
	ck_assert_int_eq(pull_percent(&p), 100);
	ck_assert_str_eq(summary(&p), "1/1 layer, 1kB/1kB");
	/* Download complete again: Podman's last line names the image ID; no layer more */
	feed(&p, "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}");
	ck_assert_str_eq(p.image_id, "aaaaaaaaaaaa");
	ck_assert_int_eq(p.rows[0].kind, PULL_ROW_IMAGE);
	pull_free(&p);
}
END_TEST

START_TEST(unknown_sizes_weigh_the_mean)
{
	struct pull p;
	pull_init(&p);
	feed(&p, "{\"status\":\"Pulling from x\",\"id\":\"1\"}");
	feed(&p, "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"a\"}");
	feed(&p, "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"b\"}");
	feed(&p, "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":50,\"total\":100},\"id\":\"a\"}");
	/* a: half downloaded, nothing extracted: 1/4 of its weight; b weighs 100 too: 25/200. */
	ck_assert_int_eq(pull_percent(&p), 12);
	ck_assert_str_eq(summary(&p), "0/2 layers, 50B/100B");
	/* b jumps to "Download complete" without a tick: half its work, size still unknown. */
	feed(&p, "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"b\"}");
	ck_assert_int_eq(pull_percent(&p), 37);
	/* Extracting tells b's size (300): a 25 + b 150 of 400. */
	feed(&p, "{\"status\":\"Extracting\",\"progressDetail\":{\"current\":0,\"total\":300},\"id\":\"b\"}");
	ck_assert_int_eq(row_of(&p, "b")->size, 300);
	ck_assert_int_eq(row_of(&p, "b")->downloaded, 300);
	ck_assert_int_eq(pull_percent(&p), 43);
	pull_free(&p);
}
END_TEST

START_TEST(other_lines_go_to_the_log)
{
	struct pull p;
	pull_init(&p);
	ck_assert(pull_feed(&p, "", 0));
	feed(&p, "   \r");
	ck_assert_uint_eq(p.nlog, 0);
	feed(&p, "{\"status\":\"Pulling repository docker.io/library/x\"}\r");
	feed(&p, "{\"stream\":\"Step 1/2 : FROM x\\n\"}");
	feed(&p, "{\"aux\":{\"ID\":\"sha256:abc\"}}");
	feed(&p, "[1,2]");
	feed(&p, "{\"status\":\"x\"} trailing");
	feed(&p, "{\"progressDetail\":{}}");
	ck_assert_uint_eq(p.nlog, 5);
	ck_assert_str_eq(p.log[0], "Pulling repository docker.io/library/x");
	ck_assert_str_eq(p.log[1], "Step 1/2 : FROM x");
	ck_assert_str_eq(p.log[2], "[1,2]");
	ck_assert_str_eq(p.log[3], "{\"status\":\"x\"} trailing");
	ck_assert_str_eq(p.log[4], "{\"progressDetail\":{}}");
	ck_assert(!p.failed);
	ck_assert_uint_eq(p.nrows, 0);
	/* The log keeps its newest lines. */
	for (int i = 0; i < PULL_LOG_MAX + 1; i++) {
		char line[64];
		snprintf(line, sizeof(line), "{\"status\":\"line %d\"}", i);
		feed(&p, line);
	}
	ck_assert_uint_eq(p.nlog, PULL_LOG_MAX);
	ck_assert_uint_eq(p.dropped, 6);
	ck_assert_str_eq(p.log[0], "line 1");
	ck_assert_str_eq(p.log[PULL_LOG_MAX - 1], "line 64");
	pull_free(&p);
}
END_TEST

START_TEST(error_lines)
{
	struct pull p;
	pull_init(&p);
	const char *old = "{\"error\":\"only the old field\"}";
	ck_assert(!pull_feed(&p, old, strlen(old)));
	ck_assert_str_eq(p.error, "only the old field");
	pull_free(&p);

	pull_init(&p);
	feed(&p, "{\"errorDetail\":{\"code\":1},\"error\":\"\"}");
	ck_assert(p.failed);
	ck_assert_str_eq(p.error, "The engine reported an error without a message");
	/* The first error stays. */
	feed(&p, "{\"errorDetail\":{\"message\":\"second\"}}");
	ck_assert_str_eq(p.error, "The engine reported an error without a message");
	pull_free(&p);

	pull_init(&p);
	feed(&p, "{\"errorDetail\":{\"message\":\"detail wins\"},\"error\":\"old\"}");
	ck_assert_str_eq(p.error, "detail wins");
	ck_assert_int_eq(pull_percent(&p), -1);
	pull_finish(&p);
	ck_assert_int_lt(pull_percent(&p), 100);
	pull_free(&p);
}
END_TEST

START_TEST(blocks_and_limits)
{
	struct pull p;
	pull_init(&p);
	/* A line without an id ends the block: the same layer id after it is a new row. */
	feed(&p, "{\"status\":\"Already exists\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}");
	feed(&p, "{\"status\":\"Digest: sha256:00\"}");
	feed(&p, "{\"status\":\"Already exists\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}");
	ck_assert_uint_eq(p.nrows, 2);
	/* A header clears done (the next tag of pull -a). */
	feed(&p, "{\"status\":\"Status: Downloaded newer image for x\"}");
	ck_assert(p.done);
	feed(&p, "{\"status\":\"Pulling from library/x\",\"id\":\"2\"}");
	ck_assert(!p.done);
	pull_free(&p);

	pull_init(&p);
	for (int i = 0; i < PULL_ROWS_MAX + 10; i++) {
		char line[128];
		snprintf(line, sizeof(line), "{\"status\":\"Waiting\",\"progressDetail\":{},\"id\":\"%012d\"}", i);
		feed(&p, line);
	}
	ck_assert_uint_eq(p.nrows, PULL_ROWS_MAX);
	ck_assert_uint_eq(p.dropped, 10);
	/* Existing rows still update. */
	feed(&p, "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"000000000000\"}");
	ck_assert_int_eq(p.rows[0].phase, PULL_PHASE_COMPLETE);
	pull_free(&p);

	/* Long text is cut at PULL_TEXT_MAX bytes, never inside a UTF-8 sequence. */
	pull_init(&p);
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "{\"status\":\"Downloading\",\"progressDetail\":{},\"id\":\"");
	for (int i = 0; i < PULL_TEXT_MAX - 1; i++)
		sb_putc(&sb, 'x');
	sb_puts(&sb, "한국어\"}");
	pull_feed(&p, sb.buf, sb.len);
	sb_free(&sb);
	ck_assert_uint_eq(strlen(p.rows[0].id), PULL_TEXT_MAX - 1);
	ck_assert_ptr_null(strchr(p.rows[0].id, '\\'));
	pull_free(&p);
}
END_TEST

/* ---- the pull prompt ------------------------------------------------------------------ */

struct input_case {
	const char *text;
	/* success: the normalized reference, fromImage, tag, platform (NULL = none), all tags,
	 * default tag, display; failure: reference NULL and the message in err */
	const char *reference;
	const char *from_image;
	const char *tag;
	const char *platform;
	bool all_tags;
	bool default_tag;
	const char *display;
	const char *err;
};

#define OK(text, ref, from, tag, plat, all, def, disp) { text, ref, from, tag, plat, all, def, disp, NULL }
#define BAD(text, err) { text, NULL, NULL, NULL, NULL, false, false, NULL, err }

static const char tag128[] =
	"t234567890123456789012345678901234567890123456789012345678901234"
	"5678901234567890123456789012345678901234567890123456789012345678";

static const struct input_case pull_cases[] = {
	OK("nginx", "docker.io/library/nginx:latest", "docker.io/library/nginx", "latest", NULL,
	   false, true, "nginx:latest"),
	OK("nginx:1.25", "docker.io/library/nginx:1.25", "docker.io/library/nginx", "1.25", NULL,
	   false, false, "nginx:1.25"),
	OK("nginx@sha256:" HEX64, "docker.io/library/nginx@sha256:" HEX64,
	   "docker.io/library/nginx", "sha256:" HEX64, NULL, false, false, "nginx@sha256:" HEX64),
	/* With both, the digest is what the engine gets. */
	OK("nginx:1.25@sha256:" HEX64, "docker.io/library/nginx:1.25@sha256:" HEX64,
	   "docker.io/library/nginx", "sha256:" HEX64, NULL, false, false,
	   "nginx:1.25@sha256:" HEX64),
	OK("registry.example.com:5000/team/app:tag", "registry.example.com:5000/team/app:tag",
	   "registry.example.com:5000/team/app", "tag", NULL, false, false,
	   "registry.example.com:5000/team/app:tag"),
	OK("127.0.0.1:5000/demo/layers:1", "127.0.0.1:5000/demo/layers:1",
	   "127.0.0.1:5000/demo/layers", "1", NULL, false, false, "127.0.0.1:5000/demo/layers:1"),
	OK("localhost/foo", "localhost/foo:latest", "localhost/foo", "latest", NULL, false, true,
	   "localhost/foo:latest"),
	OK("index.docker.io/library/nginx", "docker.io/library/nginx:latest",
	   "docker.io/library/nginx", "latest", NULL, false, true, "nginx:latest"),
	OK("bitnami/redis:7", "docker.io/bitnami/redis:7", "docker.io/bitnami/redis", "7", NULL,
	   false, false, "bitnami/redis:7"),
	OK("docker pull nginx:1.25", "docker.io/library/nginx:1.25", "docker.io/library/nginx",
	   "1.25", NULL, false, false, "nginx:1.25"),
	OK("docker image pull -a nginx", "docker.io/library/nginx", "docker.io/library/nginx", "",
	   NULL, true, false, "nginx (all tags)"),
	OK("docker pull --all-tags nginx", "docker.io/library/nginx", "docker.io/library/nginx", "",
	   NULL, true, false, "nginx (all tags)"),
	OK("  nginx  ", "docker.io/library/nginx:latest", "docker.io/library/nginx", "latest", NULL,
	   false, true, "nginx:latest"),
	OK("\tnginx\n", "docker.io/library/nginx:latest", "docker.io/library/nginx", "latest", NULL,
	   false, true, "nginx:latest"),
	OK("--platform linux/arm64 nginx", "docker.io/library/nginx:latest",
	   "docker.io/library/nginx", "latest", "linux/arm64", false, true, "nginx:latest"),
	OK("docker pull --platform=Linux/ARM/v7 nginx", "docker.io/library/nginx:latest",
	   "docker.io/library/nginx", "latest", "linux/arm/v7", false, true, "nginx:latest"),
	OK("-q nginx", "docker.io/library/nginx:latest", "docker.io/library/nginx", "latest", NULL,
	   false, true, "nginx:latest"),
	OK("docker pull -qa --disable-content-trust nginx", "docker.io/library/nginx",
	   "docker.io/library/nginx", "", NULL, true, false, "nginx (all tags)"),
	OK("docker pull --all-tags=false nginx", "docker.io/library/nginx:latest",
	   "docker.io/library/nginx", "latest", NULL, false, true, "nginx:latest"),
	OK("$ sudo docker pull nginx", "docker.io/library/nginx:latest", "docker.io/library/nginx",
	   "latest", NULL, false, true, "nginx:latest"),
	OK("podman pull -- nginx", "docker.io/library/nginx:latest", "docker.io/library/nginx",
	   "latest", NULL, false, true, "nginx:latest"),
	/* "docker" alone is the image of that name. */
	OK("docker", "docker.io/library/docker:latest", "docker.io/library/docker", "latest", NULL,
	   false, true, "docker:latest"),
	OK("docker pull docker:dind", "docker.io/library/docker:dind", "docker.io/library/docker",
	   "dind", NULL, false, false, "docker:dind"),
	OK("'nginx:1.25'", "docker.io/library/nginx:1.25", "docker.io/library/nginx", "1.25", NULL,
	   false, false, "nginx:1.25"),
	OK("nginx\xe3\x80\x80", "docker.io/library/nginx:latest", "docker.io/library/nginx",
	   "latest", NULL, false, true, "nginx:latest"),
	OK("\xc2\xa0nginx:Mixed_Case.tag-1", "docker.io/library/nginx:Mixed_Case.tag-1",
	   "docker.io/library/nginx", "Mixed_Case.tag-1", NULL, false, false,
	   "nginx:Mixed_Case.tag-1"),

	BAD("", "nothing to pull"),
	BAD("   \t ", "nothing to pull"),
	BAD("docker pull", "nothing to pull"),
	BAD("docker pull -a", "nothing to pull"),
	BAD("Nginx", "invalid reference format: repository name must be lowercase"),
	BAD("library/NGINX:1", "invalid reference format: repository name must be lowercase"),
	BAD("nginx:bad!tag", "invalid tag format"),
	BAD("nginx:.dot", "invalid tag format"),
	BAD("nginx@sha256:abc", "invalid checksum digest format"),
	BAD("nginx@sha256:" "ebba142a7989d15d266c1739c288c3733ebd7a2e62ed0c03e1fa5b85c4f4220",
	    "invalid checksum digest format"),
	BAD("nginx@sha256:" HEX64 "0", "invalid checksum digest format"),
	BAD("nginx@sha256:" "EBBA142A7989D15D266C1739C288C3733EBD7A2E62ED0C03E1FA5B85C4F4220C",
	    "invalid checksum digest format"),
	BAD(HEX64, "invalid repository name, cannot specify 64-byte hexadecimal strings"),
	BAD(":justtag", "invalid reference format"),
	BAD("a/b-/c", "invalid reference format"),
	BAD("https://hub.docker.com/_/nginx", "invalid reference format"),
	BAD("docker pull nginx redis", "more than one image"),
	BAD("docker pull -a nginx:1.25", "a tag and --all-tags cannot be combined"),
	BAD("--all-tags nginx@sha256:" HEX64, "a tag and --all-tags cannot be combined"),
	BAD("--foo nginx", "unknown option --foo"),
	BAD("docker pull -x nginx", "unknown option -x"),
	BAD("-ab nginx", "unknown option -ab"),
	BAD("nginx --platform", "flag needs an argument: --platform"),
	BAD("--platform linux//arm64 nginx",
	    "invalid platform \"linux//arm64\": expected os[/arch[/variant]], e.g. linux/arm64"),
	BAD("--platform a/b/c/d nginx",
	    "invalid platform \"a/b/c/d\": expected os[/arch[/variant]], e.g. linux/arm64"),
	BAD("--all-tags=maybe nginx", "invalid value for a true/false option: --all-tags=maybe"),
	BAD("--foo\033[2J nginx", "unknown option --foo\\e[2J"),
};

static void
check_case(const struct input_case *c, enum pull_input_mode mode, const char *label)
{
	struct pull_input in;
	char *err = NULL;
	bool ok = pull_input_parse(c->text, mode, &in, &err);
	if (!c->reference) {
		ck_assert_msg(!ok, "%s \"%s\" parsed", label, c->text);
		ck_assert_ptr_nonnull(err);
		ck_assert_msg(strcmp(err, c->err) == 0, "%s \"%s\": \"%s\", expected \"%s\"", label,
			      c->text, err, c->err);
		ck_assert_ptr_null(in.reference);
		free(err);
		return;
	}
	ck_assert_msg(ok, "%s \"%s\": %s", label, c->text, err ? err : "");
	ck_assert_ptr_null(err);
	ck_assert_msg(strcmp(in.reference, c->reference) == 0, "\"%s\": reference %s", c->text,
		      in.reference);
	ck_assert_msg(strcmp(in.from_image, c->from_image) == 0, "\"%s\": from %s", c->text,
		      in.from_image);
	ck_assert_msg(strcmp(in.tag, c->tag) == 0, "\"%s\": tag %s", c->text, in.tag);
	if (c->platform)
		ck_assert_msg(in.platform && strcmp(in.platform, c->platform) == 0,
			      "\"%s\": platform %s", c->text, in.platform ? in.platform : "(null)");
	else
		ck_assert_ptr_null(in.platform);
	ck_assert_msg(in.all_tags == c->all_tags, "\"%s\": all_tags", c->text);
	ck_assert_msg(in.default_tag == c->default_tag, "\"%s\": default_tag", c->text);
	ck_assert_msg(strcmp(in.display, c->display) == 0, "\"%s\": display %s", c->text, in.display);
	pull_input_free(&in);
}

START_TEST(pull_inputs)
{
	check_case(&pull_cases[_i], PULL_INPUT_PULL, "pull");
}
END_TEST

START_TEST(pull_input_limits)
{
	/* 128 characters of tag are fine, 129 are not. */
	char *text = xasprintf("nginx:%s", tag128);
	struct pull_input in;
	char *err = NULL;
	ck_assert(pull_input_parse(text, PULL_INPUT_PULL, &in, &err));
	ck_assert_str_eq(in.tag, tag128);
	pull_input_free(&in);
	free(text);
	text = xasprintf("nginx:%sx", tag128);
	ck_assert(!pull_input_parse(text, PULL_INPUT_PULL, &in, &err));
	ck_assert_str_eq(err, "invalid tag format");
	free(err);
	free(text);
	/* domain/path over 255 characters */
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "example.com/");
	for (int i = 0; i < 250; i++)
		sb_putc(&sb, 'a');
	ck_assert(!pull_input_parse(sb.buf, PULL_INPUT_PULL, &in, &err));
	ck_assert_str_eq(err, "repository name must not be more than 255 characters");
	free(err);
	sb_free(&sb);
	/* NULL is nothing */
	ck_assert(!pull_input_parse(NULL, PULL_INPUT_PULL, &in, &err));
	ck_assert_str_eq(err, "nothing to pull");
	free(err);
	pull_input_free(&in);
}
END_TEST

/* ---- the tag prompt ------------------------------------------------------------------- */

static const struct input_case tag_cases[] = {
	OK("newname", "docker.io/library/newname:latest", "docker.io/library/newname", "latest",
	   NULL, false, true, "newname:latest"),
	OK("newname:2", "docker.io/library/newname:2", "docker.io/library/newname", "2", NULL,
	   false, false, "newname:2"),
	OK("127.0.0.1:5000/demo/t:1", "127.0.0.1:5000/demo/t:1", "127.0.0.1:5000/demo/t", "1", NULL,
	   false, false, "127.0.0.1:5000/demo/t:1"),
	OK(" docker tag team/app:v1 ", "docker.io/team/app:v1", "docker.io/team/app", "v1", NULL,
	   false, false, "team/app:v1"),
	OK("docker image tag app", "docker.io/library/app:latest", "docker.io/library/app", "latest",
	   NULL, false, true, "app:latest"),
	BAD("", "nothing to tag"),
	BAD("newname@sha256:" HEX64, "refusing to create a tag with a digest reference"),
	BAD("newname:1@sha256:" HEX64, "refusing to create a tag with a digest reference"),
	BAD("-a newname", "unknown option -a"),
	BAD("--platform linux/arm64 newname", "unknown option --platform"),
	BAD("docker tag bb:1.0 newname:2", "only the new name: the source is the selected image"),
	BAD("Upper", "invalid reference format: repository name must be lowercase"),
	BAD("newname:bad!", "invalid tag format"),
	BAD(HEX64, "invalid repository name, cannot specify 64-byte hexadecimal strings"),
};

START_TEST(tag_inputs)
{
	check_case(&tag_cases[_i], PULL_INPUT_TAG, "tag");
}
END_TEST

static Suite *
pull_suite(void)
{
	Suite *s = suite_create("pull");
	TCase *stream = tcase_create("stream");
	tcase_add_test(stream, stream_fresh_pull);
	tcase_add_test(stream, stream_fresh_pull_midway);
	tcase_add_test(stream, stream_up_to_date);
	tcase_add_test(stream, stream_already_exists);
	tcase_add_test(stream, stream_all_tags);
	tcase_add_test(stream, stream_error_in_stream);
	tcase_add_test(stream, http_error_before_stream);
	tcase_add_test(stream, rows_as_the_cli_draws_them);
	suite_add_tcase(s, stream);
	TCase *edge = tcase_create("edge");
	tcase_add_test(edge, hostile_text_is_sanitized);
	tcase_add_test(edge, hostile_numbers_are_clamped);
	tcase_add_test(edge, row_counts_like_the_cli);
	tcase_add_test(edge, engine_without_progress_detail);
	tcase_add_test(edge, podman_stream);
	tcase_add_test(edge, unknown_sizes_weigh_the_mean);
	tcase_add_test(edge, other_lines_go_to_the_log);
	tcase_add_test(edge, error_lines);
	tcase_add_test(edge, blocks_and_limits);
	suite_add_tcase(s, edge);
	TCase *input = tcase_create("input");
	tcase_add_loop_test(input, pull_inputs, 0, (int)(sizeof(pull_cases) / sizeof(pull_cases[0])));
	tcase_add_test(input, pull_input_limits);
	tcase_add_loop_test(input, tag_inputs, 0, (int)(sizeof(tag_cases) / sizeof(tag_cases[0])));
	suite_add_tcase(s, input);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(pull_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
