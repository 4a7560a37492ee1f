/* The push model (the engine's JSON message stream of POST /images/{name}/push) and the push
 * target (the reference turned into the engine's path). */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "push.h"
#include "reference.h"
#include "strbuf.h"
#include "xalloc.h"

#include "fixture.h"

/*
 * Fixtures in $FIXTURES were captured from a private engine and the rig's two registries
 * (dockerd 20.10.24+dfsg1; see tests/fixtures/capture-push.sh), the plain registry's port
 * replaced by 5000, the one with auth's by 5001:
 *   push-stream.jsonl   demo/push:1 (two layers: a 1.98 MB busybox base, 3 MB random) to the
 *                       plain registry, nothing there yet: Preparing, Pushing, Pushed
 *   push-exists.jsonl   the same again: "Layer already exists"
 *   push-mount.jsonl    the same image as demo/other:1: "Mounted from demo/push"
 *   push-all.jsonl      demo/push without a tag (-a): tag 1 (all there), tag 2 (+1 MB layer)
 *   push-auth.jsonl     demo/push:1 to the registry with auth, with credentials
 *   push-noauth.jsonl   demo/push:2 there with X-Registry-Auth {}: the error line
 *   push-missing.jsonl  tag nope, which does not exist locally: HTTP 200 and an error line
 */

#define BASE_ID "6c9628d102d2"
#define TOP_ID "d7c8738826f4"
#define NEXT_ID "63743a193831"
#define BASE_SIZE 1982492
#define TOP_SIZE 3145728
#define NEXT_SIZE 1048576
/* What the registries serve for demo/push:1 (and demo/other:1) and demo/push:2. */
#define PUSH1_DIGEST "sha256:85ead4b48e38ac2b77e328a1e0f073f6a3f66ce94f0807000b10cfa19e6de736"
#define PUSH2_DIGEST "sha256:7f6df130ea7a83a9f5c7632d87ddca6780b6b6de75da2f9d29340b1c7cb4bc97"

typedef void (*line_hook)(struct push *p, const char *line, size_t len, size_t index, bool ok,
			  void *ctx);

static size_t
feed_fixture(struct push *p, const char *name, line_hook hook, void *ctx)
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
			bool ok = push_feed(p, s, n);
			if (hook)
				hook(p, s, n, nlines, ok, ctx);
			nlines++;
		}
		s = nl ? nl + 1 : end;
	}
	free(text);
	return nlines;
}

static void
feed(struct push *p, const char *line)
{
	push_feed(p, line, strlen(line));
}

static const struct push_row *
find_row(const struct push *p, const char *id)
{
	for (size_t i = 0; i < p->nrows; i++)
		if (strcmp(p->rows[i].id, id) == 0)
			return &p->rows[i];
	return NULL;
}

static const struct push_row *
row_of(const struct push *p, const char *id)
{
	static const struct push_row none;
	const struct push_row *r = find_row(p, id);
	if (r)
		return r;
	ck_abort_msg("no row %s", id);
	return &none;
}

static const char *
row_text(const struct push_row *r)
{
	static char buf[PUSH_ROW_TEXT_MAX];
	push_row_text(r, buf, sizeof(buf));
	return buf;
}

static const char *
summary(const struct push *p)
{
	static char buf[256];
	push_summary(p, buf, sizeof(buf));
	return buf;
}

/* ---- the captured streams -------------------------------------------------------- */

struct watch {
	int last;		/* percent after the previous line */
	bool monotonic;		/* within a tag */
	size_t tags;		/* results seen so far */
	int after[64];
	bool ok[64];
};

static void
watch_percent(struct push *p, const char *line, size_t len, size_t index, bool ok, void *ctx)
{
	struct watch *w = ctx;
	int pct = push_percent(p);
	ck_assert_int_ge(pct, -1);
	ck_assert_int_le(pct, 100);
	/* the next tag of push -a starts again */
	bool new_tag = p->nresults == w->tags && w->last == 100 && !p->done;
	if (pct < w->last && !new_tag)
		w->monotonic = false;
	w->last = pct;
	w->tags = p->nresults;
	if (index < 64) {
		w->after[index] = pct;
		w->ok[index] = ok;
	}
	/* The engine's own drawing of the counts ("progress") is the CLI's: the row must match. */
	const char *prog = memmem(line, len, "\"progress\":\"", 12);
	if (prog) {
		const char *id = memmem(line, len, "\"id\":\"", 6);
		ck_assert_ptr_nonnull(id);
		char key[13];
		memcpy(key, id + 6, 12);
		key[12] = '\0';
		const char *bracket = memmem(prog, len - (size_t)(prog - line), "]", 1);
		const char *q = memchr(bracket, '"', len - (size_t)(bracket - line));
		ck_assert_ptr_nonnull(bracket);
		ck_assert_ptr_nonnull(q);
		/* "]  791.6kB/1.982MB": one space, then what push_row_counts gives */
		char *engine = xstrndup(bracket + 2, (size_t)(q - bracket - 2));
		char counts[80];
		push_row_counts(row_of(p, key), counts, sizeof(counts));
		ck_assert_str_eq(counts, engine);
		free(engine);
	}
}

START_TEST(stream_fresh_push)
{
	struct push p;
	push_init(&p);
	struct watch w = { -1, true, 0, { 0 }, { 0 } };
	size_t n = feed_fixture(&p, "push-stream.jsonl", watch_percent, &w);
	ck_assert_uint_eq(n, 13);
	ck_assert(!p.failed);
	ck_assert(p.done);
	ck_assert(w.monotonic);
	ck_assert_str_eq(p.repository, "127.0.0.1:5000/demo/push");
	ck_assert_uint_eq(p.nlog, 0);

	/* The layers in order of first appearance, then the digest row, as the CLI prints. */
	ck_assert_uint_eq(p.nrows, 3);
	ck_assert_str_eq(p.rows[0].id, TOP_ID);
	ck_assert_str_eq(p.rows[1].id, BASE_ID);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(p.rows[i].kind, PUSH_ROW_LAYER);
		ck_assert_int_eq(p.rows[i].phase, PUSH_PHASE_PUSHED);
		ck_assert_int_eq(p.rows[i].pushed, p.rows[i].size);
	}
	ck_assert_int_eq(p.rows[0].size, TOP_SIZE);
	ck_assert_int_eq(p.rows[1].size, BASE_SIZE);
	ck_assert_str_eq(row_text(&p.rows[0]), TOP_ID ": Pushed");
	ck_assert_int_eq(p.rows[2].kind, PUSH_ROW_DIGEST);
	ck_assert_str_eq(row_text(&p.rows[2]), "1: digest: " PUSH1_DIGEST " size: 739");

	ck_assert_uint_eq(p.nresults, 1);
	ck_assert_str_eq(p.results[0].tag, "1");
	ck_assert_str_eq(p.results[0].digest, PUSH1_DIGEST);
	ck_assert_int_eq(p.results[0].size, 739);
	ck_assert_str_eq(p.digest, PUSH1_DIGEST);

	/* Percent: nothing known while preparing, then by bytes; 99 with every layer pushed
	 * (the manifest is still to come), 100 with the digest. */
	ck_assert_int_eq(w.after[0], -1);	/* The push refers to repository */
	ck_assert_int_eq(w.after[2], 0);	/* both Preparing */
	/* 791552 of 1982492 and 33280 of 3145728 */
	ck_assert_int_eq(w.after[5], (int)((791552.0 + 33280.0) * 100 / (BASE_SIZE + TOP_SIZE)));
	ck_assert_int_eq(w.after[10], 99);	/* the second Pushed */
	ck_assert_int_eq(w.after[11], 100);	/* 1: digest: */
	ck_assert_int_eq(w.after[12], 100);	/* aux */
	ck_assert_int_eq(push_percent(&p), 100);

	struct push_totals t;
	push_totals(&p, &t);
	ck_assert_uint_eq(t.layers, 2);
	ck_assert_uint_eq(t.layers_done, 2);
	ck_assert_uint_eq(t.layers_existing, 0);
	ck_assert_int_eq(t.bytes_total, BASE_SIZE + TOP_SIZE);
	ck_assert_int_eq(t.bytes_done, BASE_SIZE + TOP_SIZE);
	ck_assert_str_eq(summary(&p), "2/2 layers, 5.128MB/5.128MB");
	push_free(&p);
}
END_TEST

static void
check_midway(struct push *p, const char *line, size_t len, size_t index, bool ok, void *ctx)
{
	(void)line;
	(void)len;
	(void)ok;
	(void)ctx;
	if (index == 5) {
		ck_assert_str_eq(row_text(row_of(p, BASE_ID)), BASE_ID ": Pushing  791.6kB/1.982MB");
		ck_assert_str_eq(row_text(row_of(p, TOP_ID)), TOP_ID ": Pushing  33.28kB/3.146MB");
		ck_assert_str_eq(summary(p), "0/2 layers, 824.8kB/5.128MB");
		ck_assert(!p->done);
	}
	if (index == 6)
		ck_assert_str_eq(row_text(row_of(p, TOP_ID)), TOP_ID ": Pushing   2.72MB/3.146MB");
	if (index == 7) {
		/* Pushing's current ends past the total: the CLI shows only the current */
		ck_assert_str_eq(row_text(row_of(p, TOP_ID)), TOP_ID ": Pushing  3.147MB");
		ck_assert_int_eq(row_of(p, TOP_ID)->pushed, TOP_SIZE);
	}
	if (index == 8)
		ck_assert_str_eq(summary(p), "1/2 layers, 3.937MB/5.128MB");
}

START_TEST(stream_fresh_push_midway)
{
	struct push p;
	push_init(&p);
	feed_fixture(&p, "push-stream.jsonl", check_midway, NULL);
	push_free(&p);
}
END_TEST

START_TEST(stream_layers_exist)
{
	struct push p;
	push_init(&p);
	struct watch w = { -1, true, 0, { 0 }, { 0 } };
	ck_assert_uint_eq(feed_fixture(&p, "push-exists.jsonl", watch_percent, &w), 7);
	ck_assert(w.monotonic);
	ck_assert(p.done);
	ck_assert_uint_eq(p.nrows, 3);
	ck_assert_int_eq(row_of(&p, TOP_ID)->phase, PUSH_PHASE_EXISTS);
	ck_assert_int_eq(row_of(&p, BASE_ID)->phase, PUSH_PHASE_EXISTS);
	ck_assert_str_eq(row_text(row_of(&p, BASE_ID)), BASE_ID ": Layer already exists");
	ck_assert_int_eq(w.after[2], 0);	/* two layers, nothing known */
	ck_assert_int_eq(w.after[3], 0);	/* one exists: the other is still work */
	ck_assert_int_eq(w.after[4], 99);	/* both exist: only the manifest */
	ck_assert_int_eq(w.after[5], 100);
	struct push_totals t;
	push_totals(&p, &t);
	ck_assert_uint_eq(t.layers_existing, 2);
	ck_assert_int_eq(t.bytes_total, 0);
	ck_assert_str_eq(summary(&p), "2/2 layers");
	ck_assert_str_eq(p.digest, PUSH1_DIGEST);
	push_free(&p);
}
END_TEST

START_TEST(stream_mounted)
{
	struct push p;
	push_init(&p);
	struct watch w = { -1, true, 0, { 0 }, { 0 } };
	ck_assert_uint_eq(feed_fixture(&p, "push-mount.jsonl", watch_percent, &w), 7);
	ck_assert_str_eq(p.repository, "127.0.0.1:5000/demo/other");
	ck_assert_int_eq(row_of(&p, BASE_ID)->phase, PUSH_PHASE_MOUNTED);
	ck_assert_str_eq(row_text(row_of(&p, BASE_ID)), BASE_ID ": Mounted from demo/push");
	ck_assert_int_eq(row_of(&p, TOP_ID)->phase, PUSH_PHASE_MOUNTED);
	ck_assert_str_eq(p.digest, PUSH1_DIGEST);
	ck_assert_str_eq(summary(&p), "2/2 layers");
	ck_assert_int_eq(push_percent(&p), 100);
	push_free(&p);
}
END_TEST

START_TEST(stream_all_tags)
{
	struct push p;
	push_init(&p);
	struct watch w = { -1, true, 0, { 0 }, { 0 } };
	ck_assert_uint_eq(feed_fixture(&p, "push-all.jsonl", watch_percent, &w), 17);
	ck_assert(w.monotonic);
	ck_assert(!p.failed);
	ck_assert(p.done);
	/* tag 1: two layers and its digest; tag 2: three layers (rows of their own) and its digest */
	ck_assert_uint_eq(p.nrows, 7);
	const char *texts[] = {
		TOP_ID ": Layer already exists", BASE_ID ": Layer already exists",
		"1: digest: " PUSH1_DIGEST " size: 739",
		NEXT_ID ": Pushed", TOP_ID ": Layer already exists", BASE_ID ": Layer already exists",
		"2: digest: " PUSH2_DIGEST " size: 950",
	};
	for (size_t i = 0; i < 7; i++)
		ck_assert_str_eq(row_text(&p.rows[i]), texts[i]);
	ck_assert_uint_eq(p.nresults, 2);
	ck_assert_str_eq(p.results[0].tag, "1");
	ck_assert_str_eq(p.results[0].digest, PUSH1_DIGEST);
	ck_assert_str_eq(p.results[1].tag, "2");
	ck_assert_str_eq(p.results[1].digest, PUSH2_DIGEST);
	ck_assert_int_eq(p.results[1].size, 950);
	ck_assert_str_eq(p.digest, PUSH2_DIGEST);

	ck_assert_int_eq(w.after[5], 100);	/* 1: digest: */
	ck_assert(w.ok[6]);			/* its aux */
	ck_assert_int_eq(w.after[6], 100);
	ck_assert_int_eq(w.after[7], 0);	/* tag 2 begins */
	ck_assert_int_eq(w.after[11], 0);	/* the two old layers exist: one to push */
	ck_assert_int_eq(w.after[12], 3);	/* 33280 of 1048576 */
	ck_assert_int_eq(w.after[13], 99);	/* 1050112 of 1048576: not Pushed yet */
	ck_assert_int_eq(w.after[14], 99);
	ck_assert_int_eq(w.after[15], 100);

	struct push_totals t;
	push_totals(&p, &t);
	ck_assert_uint_eq(t.layers, 5);
	ck_assert_uint_eq(t.layers_done, 5);
	ck_assert_uint_eq(t.layers_existing, 4);
	ck_assert_int_eq(t.bytes_total, NEXT_SIZE);
	ck_assert_str_eq(summary(&p), "5/5 layers, 1.049MB/1.049MB");
	push_free(&p);
}
END_TEST

START_TEST(stream_with_auth)
{
	struct push p;
	push_init(&p);
	struct watch w = { -1, true, 0, { 0 }, { 0 } };
	ck_assert_uint_eq(feed_fixture(&p, "push-auth.jsonl", watch_percent, &w), 14);
	ck_assert(w.monotonic);
	ck_assert_str_eq(p.repository, "127.0.0.1:5001/demo/push");
	ck_assert_str_eq(p.digest, PUSH1_DIGEST);
	ck_assert_str_eq(summary(&p), "2/2 layers, 5.128MB/5.128MB");
	ck_assert_int_eq(push_percent(&p), 100);
	push_free(&p);
}
END_TEST

START_TEST(stream_refused)
{
	struct push p;
	push_init(&p);
	struct watch w = { -1, true, 0, { 0 }, { 0 } };
	ck_assert_uint_eq(feed_fixture(&p, "push-noauth.jsonl", watch_percent, &w), 5);
	ck_assert(w.ok[3]);
	ck_assert(!w.ok[4]);	/* the error line: an on_line callback stops there */
	ck_assert(p.failed);
	ck_assert_str_eq(p.error, "no basic auth credentials");
	ck_assert_uint_eq(p.nrows, 3);
	ck_assert_ptr_null(p.digest);
	ck_assert_uint_eq(p.nresults, 0);
	push_finish(&p);	/* the stream ended after it: still not 100 */
	ck_assert_int_eq(push_percent(&p), 0);
	ck_assert_str_eq(summary(&p), "0/3 layers");
	push_free(&p);
}
END_TEST

START_TEST(stream_missing_tag)
{
	char *status = fixture_read("push-missing.status", NULL);
	ck_assert_str_eq(status, "200\n");	/* the engine starts the stream before it looks */
	free(status);
	struct push p;
	push_init(&p);
	ck_assert_uint_eq(feed_fixture(&p, "push-missing.jsonl", NULL, NULL), 2);
	ck_assert(p.failed);
	ck_assert_str_eq(p.error, "tag does not exist: 127.0.0.1:5000/demo/push:nope");
	ck_assert_str_eq(p.repository, "127.0.0.1:5000/demo/push");
	ck_assert_uint_eq(p.nrows, 0);
	ck_assert_int_eq(push_percent(&p), -1);
	ck_assert_str_eq(summary(&p), "");
	push_free(&p);
}
END_TEST

/* ---- edge cases ------------------------------------------------------------------------ */

START_TEST(hostile_text_is_sanitized)
{
	struct push p;
	push_init(&p);
	feed(&p, "{\"status\":\"The push refers to repository [evil\\u001b]0;x\\u0007]\"}");
	ck_assert_ptr_null(strchr(p.repository, '\033'));
	feed(&p, "{\"status\":\"Mounted from \\u001b[2Jx\",\"progressDetail\":{},\"id\":\"ab\\u001bc\"}");
	ck_assert_uint_eq(p.nrows, 1);
	ck_assert_ptr_null(strchr(p.rows[0].id, '\033'));
	ck_assert_ptr_null(strchr(p.rows[0].status, '\033'));
	ck_assert_int_eq(p.rows[0].phase, PUSH_PHASE_MOUNTED);
	feed(&p, "{\"status\":\"1: digest: sha256:\\u001b[31m size: 5\"}");
	ck_assert_ptr_null(strchr(p.digest, '\033'));
	feed(&p, "{\"progressDetail\":{},\"aux\":{\"Tag\":\"2\\u0007\",\"Digest\":\"sha256:\\u009b1m\",\"Size\":1}}");
	ck_assert_uint_eq(p.nresults, 2);
	ck_assert_ptr_null(strchr(p.results[1].tag, '\007'));
	ck_assert_ptr_null(strstr(p.results[1].digest, "\xc2\x9b"));
	feed(&p, "{\"errorDetail\":{\"message\":\"bad \\u001b[2J\"},\"error\":\"x\"}");
	ck_assert_ptr_null(strchr(p.error, '\033'));
	/* a text is cut at PUSH_TEXT_MAX bytes, never inside a UTF-8 sequence */
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "{\"status\":\"Pushing\",\"progressDetail\":{},\"id\":\"x");
	for (int i = 0; i < 2000; i++)
		sb_puts(&sb, "\xed\x95\x9c");
	sb_puts(&sb, "\"}");
	struct push q;
	push_init(&q);
	push_feed(&q, sb.buf, sb.len);
	ck_assert_uint_eq(q.nrows, 1);
	ck_assert_uint_le(strlen(q.rows[0].id), PUSH_TEXT_MAX);
	ck_assert_uint_eq((strlen(q.rows[0].id) - 1) % 3, 0);
	push_free(&q);
	sb_free(&sb);
	push_free(&p);
}
END_TEST

START_TEST(hostile_numbers_are_clamped)
{
	struct push p;
	push_init(&p);
	feed(&p, "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":-5,\"total\":-1},\"id\":\"a\"}");
	ck_assert_int_eq(p.rows[0].current, 0);
	ck_assert_int_eq(p.rows[0].size, 0);
	feed(&p, "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":1e300,\"total\":1e300},\"id\":\"a\"}");
	ck_assert_int_eq(p.rows[0].size, INT64_MAX);
	feed(&p, "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":1e300,\"total\":1e300},\"id\":\"b\"}");
	struct push_totals t;
	push_totals(&p, &t);
	ck_assert_int_eq(t.bytes_total, INT64_MAX);
	ck_assert_int_ge(push_percent(&p), 0);
	ck_assert_int_le(push_percent(&p), 99);
	feed(&p, "{\"status\":\"7: digest: sha256:ab size: 99999999999999999999999\"}");
	ck_assert_int_eq(p.results[0].size, INT64_MAX);
	feed(&p, "{\"aux\":{\"Tag\":\"7\",\"Digest\":\"sha256:ab\",\"Size\":\"big\"}}");
	ck_assert_int_eq(p.results[0].size, 0);
	push_free(&p);
}
END_TEST

START_TEST(layer_statuses)
{
	struct push p;
	push_init(&p);
	feed(&p, "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"a\"}");
	feed(&p, "{\"status\":\"Waiting\",\"progressDetail\":{},\"id\":\"a\"}");
	ck_assert_int_eq(p.rows[0].phase, PUSH_PHASE_WAITING);
	feed(&p, "{\"status\":\"Retrying in 5 seconds\",\"progressDetail\":{},\"id\":\"a\"}");
	ck_assert_int_eq(p.rows[0].phase, PUSH_PHASE_RETRYING);
	ck_assert_str_eq(row_text(&p.rows[0]), "a: Retrying in 5 seconds");
	feed(&p, "{\"status\":\"Skipped foreign layer\",\"progressDetail\":{},\"id\":\"b\"}");
	ck_assert_int_eq(p.rows[1].phase, PUSH_PHASE_SKIPPED);
	/* a status budu does not know, with progressDetail: a row, the phase unchanged */
	feed(&p, "{\"status\":\"Frobbing\",\"progressDetail\":{},\"id\":\"a\"}");
	ck_assert_int_eq(p.rows[0].phase, PUSH_PHASE_RETRYING);
	ck_assert_str_eq(p.rows[0].status, "Frobbing");
	/* "Mounted from " alone is no mount */
	feed(&p, "{\"status\":\"Mounted from \",\"progressDetail\":{},\"id\":\"c\"}");
	ck_assert_int_eq(p.rows[2].phase, PUSH_PHASE_PREPARING);
	/* known statuses make rows without progressDetail (engines that never send it) */
	feed(&p, "{\"status\":\"Pushed\",\"id\":\"d\"}");
	ck_assert_uint_eq(p.nrows, 4);
	ck_assert_int_eq(p.rows[3].phase, PUSH_PHASE_PUSHED);
	/* an id with an unknown status and no progressDetail goes to the log */
	feed(&p, "{\"status\":\"Something\",\"id\":\"e\"}");
	ck_assert_uint_eq(p.nrows, 4);
	ck_assert_uint_eq(p.nlog, 1);
	ck_assert_str_eq(p.log[0], "e: Something");
	push_free(&p);
}
END_TEST

START_TEST(unknown_sizes_weigh_the_mean)
{
	struct push p;
	push_init(&p);
	feed(&p, "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"a\"}");
	feed(&p, "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"b\"}");
	feed(&p, "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"c\"}");
	ck_assert_int_eq(push_percent(&p), 0);
	feed(&p, "{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"c\"}");
	ck_assert_int_eq(push_percent(&p), 33);	/* no sizes: a third of the layers */
	feed(&p, "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":50,\"total\":100},\"id\":\"a\"}");
	/* a: 50 of 100; b and c weigh the mean (100); c is through: (50 + 100) / 300 */
	ck_assert_int_eq(push_percent(&p), 50);
	feed(&p, "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":0,\"total\":1000},\"id\":\"b\"}");
	/* the true share fell ((50 + 550) / 1650); the estimate does not go back */
	ck_assert_int_eq(push_percent(&p), 50);
	push_free(&p);
}
END_TEST

START_TEST(results_and_aux)
{
	struct push p;
	push_init(&p);
	/* aux alone (an engine that sends no digest line) makes the result */
	feed(&p, "{\"progressDetail\":{},\"aux\":{\"Tag\":\"v1\",\"Digest\":\"sha256:aa\",\"Size\":10}}");
	ck_assert_uint_eq(p.nresults, 1);
	ck_assert_str_eq(p.digest, "sha256:aa");
	ck_assert_uint_eq(p.nrows, 0);
	/* the line, then an aux that says otherwise: the aux wins */
	feed(&p, "{\"status\":\"v2: digest: sha256:bb size: 20\"}");
	feed(&p, "{\"progressDetail\":{},\"aux\":{\"Tag\":\"v2\",\"Digest\":\"sha256:cc\",\"Size\":21}}");
	ck_assert_uint_eq(p.nresults, 2);
	ck_assert_str_eq(p.results[1].digest, "sha256:cc");
	ck_assert_int_eq(p.results[1].size, 21);
	ck_assert_str_eq(p.digest, "sha256:cc");
	/* other aux objects (build ids, strings) are ignored */
	feed(&p, "{\"aux\":{\"ID\":\"sha256:dd\"}}");
	feed(&p, "{\"aux\":\"dHJhY2U=\"}");
	ck_assert_uint_eq(p.nresults, 2);
	ck_assert_uint_eq(p.nlog, 0);
	/* lines that look like a digest line but are not one go to the log */
	const char *not_digest[] = {
		"{\"status\":\": digest: sha256:x size: 1\"}",
		"{\"status\":\"a b: digest: sha256:x size: 1\"}",
		"{\"status\":\"1: digest: sha256:x size: \"}",
		"{\"status\":\"1: digest: sha256:x size: 1x\"}",
		"{\"status\":\"1: digest:  size: 1\"}",
		"{\"status\":\"1: digest: sha 256 size: 1\"}",
		"{\"status\":\"The push refers to repository [\"}",
	};
	for (size_t i = 0; i < sizeof(not_digest) / sizeof(not_digest[0]); i++)
		feed(&p, not_digest[i]);
	ck_assert_uint_eq(p.nresults, 2);
	ck_assert_uint_eq(p.nlog, sizeof(not_digest) / sizeof(not_digest[0]));
	ck_assert_ptr_null(p.repository);
	push_free(&p);
}
END_TEST

START_TEST(other_lines_and_limits)
{
	struct push p = PUSH_INIT;
	ck_assert_int_eq(push_percent(&p), -1);
	feed(&p, "not json");
	feed(&p, "{\"stream\":\"text\\n\"}");
	feed(&p, "[1,2]");
	feed(&p, "   ");
	ck_assert_uint_eq(p.nlog, 3);
	ck_assert_str_eq(p.log[0], "not json");
	ck_assert_str_eq(p.log[1], "text");
	for (int i = 0; i < PUSH_LOG_MAX + 5; i++) {
		char line[64];
		snprintf(line, sizeof(line), "{\"status\":\"note %d\"}", i);
		feed(&p, line);
	}
	ck_assert_uint_eq(p.nlog, PUSH_LOG_MAX);
	ck_assert_str_eq(p.log[PUSH_LOG_MAX - 1], "note 68");
	size_t dropped = p.dropped;
	for (int i = 0; i < PUSH_ROWS_MAX + 10; i++) {
		char line[96];
		snprintf(line, sizeof(line), "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"%d\"}", i);
		feed(&p, line);
	}
	ck_assert_uint_eq(p.nrows, PUSH_ROWS_MAX);
	ck_assert_uint_eq(p.dropped, dropped + 10);
	/* the error message: errorDetail first, then error, then a word of our own */
	struct push q;
	push_init(&q);
	ck_assert(!push_feed(&q, "{\"error\":\"only error\"}", 22));
	ck_assert_str_eq(q.error, "only error");
	push_free(&q);
	push_init(&q);
	feed(&q, "{\"errorDetail\":{}}");
	ck_assert(q.failed);
	ck_assert_str_eq(q.error, "The engine reported an error without a message");
	push_fail(&q, "later");	/* the first error stays */
	ck_assert_str_eq(q.error, "The engine reported an error without a message");
	push_free(&q);
	push_init(&q);
	push_fail(&q, "engine lost");
	ck_assert_str_eq(q.error, "engine lost");
	push_free(&q);
	push_free(&p);
}
END_TEST

/* ---- what to push ----------------------------------------------------------------- */

static const struct target_case {
	const char *ref;
	bool all;
	const char *name, *tag, *registry, *repository, *path, *display;
	bool hub_library;
} target_cases[] = {
	{ "127.0.0.1:5000/demo/app:1", false, "127.0.0.1:5000/demo/app", "1", "127.0.0.1:5000",
	  "127.0.0.1:5000/demo/app", "/images/127.0.0.1:5000/demo/app/push?tag=1",
	  "127.0.0.1:5000/demo/app:1", false },
	{ "127.0.0.1:5000/demo/app", true, "127.0.0.1:5000/demo/app", NULL, "127.0.0.1:5000",
	  "127.0.0.1:5000/demo/app", "/images/127.0.0.1:5000/demo/app/push",
	  "127.0.0.1:5000/demo/app (all tags)", false },
	{ "nginx", false, "nginx", "latest", "docker.io", "docker.io/library/nginx",
	  "/images/nginx/push?tag=latest", "nginx:latest", true },
	{ "docker.io/library/busybox:1.36", false, "busybox", "1.36", "docker.io",
	  "docker.io/library/busybox", "/images/busybox/push?tag=1.36", "busybox:1.36", true },
	{ "alice/app:v1.2_x-y", false, "alice/app", "v1.2_x-y", "docker.io", "docker.io/alice/app",
	  "/images/alice/app/push?tag=v1.2_x-y", "alice/app:v1.2_x-y", false },
	{ "index.docker.io/alice/app", true, "alice/app", NULL, "docker.io", "docker.io/alice/app",
	  "/images/alice/app/push", "alice/app (all tags)", false },
	{ "localhost:5000/x:y", false, "localhost:5000/x", "y", "localhost:5000", "localhost:5000/x",
	  "/images/localhost:5000/x/push?tag=y", "localhost:5000/x:y", false },
	{ "registry.example.com/team/sub/app:2", false, "registry.example.com/team/sub/app", "2",
	  "registry.example.com", "registry.example.com/team/sub/app",
	  "/images/registry.example.com/team/sub/app/push?tag=2",
	  "registry.example.com/team/sub/app:2", false },
};

START_TEST(targets)
{
	const struct target_case *c = &target_cases[_i];
	struct push_target t;
	char *err = NULL;
	ck_assert_msg(push_target_parse(c->ref, c->all, &t, &err), "%s: %s", c->ref, err ? err : "");
	ck_assert_ptr_null(err);
	ck_assert_str_eq(t.name, c->name);
	if (c->tag)
		ck_assert_str_eq(t.tag, c->tag);
	else
		ck_assert_ptr_null(t.tag);
	ck_assert_str_eq(t.registry, c->registry);
	ck_assert_str_eq(t.repository, c->repository);
	ck_assert_str_eq(t.path, c->path);
	ck_assert_str_eq(t.display, c->display);
	ck_assert_int_eq(t.all_tags, c->all);
	ck_assert_int_eq(t.hub_library, c->hub_library);
	push_target_free(&t);
	char *path = push_path(c->ref, c->all, &err);
	ck_assert_str_eq(path, c->path);
	free(path);
}
END_TEST

START_TEST(bad_targets)
{
	static const char hex[] = "ebba142a7989d15d266c1739c288c3733ebd7a2e62ed0c03e1fa5b85c4f4220c";
	struct push_target t;
	char *err = NULL;
	char *ref = xasprintf("demo/app@sha256:%s", hex);
	ck_assert(!push_target_parse(ref, false, &t, &err));
	ck_assert_str_eq(err, "cannot push a digest reference");
	ck_assert_ptr_null(t.path);
	free(err);
	free(ref);
	ck_assert(!push_target_parse("demo/app:1", true, &t, &err));
	ck_assert_str_eq(err, "a tag and --all-tags cannot be combined");
	free(err);
	ck_assert(!push_target_parse("Demo/App", false, &t, &err));
	ck_assert_str_eq(err, reference_strerror(REF_NOT_LOWERCASE));
	free(err);
	ck_assert(!push_target_parse("", false, &t, &err));
	ck_assert_str_eq(err, reference_strerror(REF_EMPTY));
	free(err);
	ck_assert(!push_target_parse(NULL, false, &t, &err));
	free(err);
	ck_assert(!push_target_parse(hex, false, &t, &err));
	ck_assert_str_eq(err, reference_strerror(REF_IDENTIFIER));
	free(err);
	ck_assert_ptr_null(push_path("a b", false, &err));
	ck_assert_str_eq(err, reference_strerror(REF_INVALID_FORMAT));
	free(err);
}
END_TEST

static Suite *
push_suite(void)
{
	Suite *s = suite_create("push");
	TCase *stream = tcase_create("stream");
	tcase_add_test(stream, stream_fresh_push);
	tcase_add_test(stream, stream_fresh_push_midway);
	tcase_add_test(stream, stream_layers_exist);
	tcase_add_test(stream, stream_mounted);
	tcase_add_test(stream, stream_all_tags);
	tcase_add_test(stream, stream_with_auth);
	tcase_add_test(stream, stream_refused);
	tcase_add_test(stream, stream_missing_tag);
	suite_add_tcase(s, stream);
	TCase *edge = tcase_create("edge");
	tcase_add_test(edge, hostile_text_is_sanitized);
	tcase_add_test(edge, hostile_numbers_are_clamped);
	tcase_add_test(edge, layer_statuses);
	tcase_add_test(edge, unknown_sizes_weigh_the_mean);
	tcase_add_test(edge, results_and_aux);
	tcase_add_test(edge, other_lines_and_limits);
	suite_add_tcase(s, edge);
	TCase *target = tcase_create("target");
	tcase_add_loop_test(target, targets, 0, (int)(sizeof(target_cases) / sizeof(target_cases[0])));
	tcase_add_test(target, bad_targets);
	suite_add_tcase(s, target);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(push_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
