/* The engine streams' line splitter (src/linesplit.h): lines as they come in any chunking, and
 * the cap that drops a stream whose line never ends (an /events stream without a newline once
 * grew to 1.4 GB in 35 s). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "linesplit.h"
#include "strbuf.h"

struct got {
	struct strbuf all;	/* the lines, each followed by '|' */
	int n;
	int stop_after;		/* 0: never stop */
};

static bool
collect(const char *line, size_t len, void *ctx)
{
	struct got *g = ctx;
	sb_append(&g->all, line, len);
	sb_putc(&g->all, '|');
	g->n++;
	return !(g->stop_after && g->n >= g->stop_after);
}

START_TEST(lines_in_any_chunking)
{
	static const char text[] = "{\"a\":1}\r\n\n{\"b\":2}\nlast\r\nhalf";
	size_t len = strlen(text);
	for (size_t chunk = 1; chunk <= len; chunk++) {
		struct linesplit ls = { 0 };
		struct got g = { STRBUF_INIT, 0, 0 };
		for (size_t i = 0; i < len; i += chunk)
			ck_assert(linesplit_feed(&ls, text + i, len - i < chunk ? len - i : chunk, collect, &g));
		ck_assert_str_eq(g.all.buf, "{\"a\":1}|{\"b\":2}|last|");
		ck_assert_str_eq(ls.line.buf, "half");
		ck_assert(!ls.overlong);
		linesplit_free(&ls);
		sb_free(&g.all);
	}
}
END_TEST

START_TEST(callback_stops)
{
	struct linesplit ls = { 0 };
	struct got g = { STRBUF_INIT, 0, 2 };
	ck_assert(!linesplit_feed(&ls, "a\nb\nc\n", 6, collect, &g));
	ck_assert_str_eq(g.all.buf, "a|b|");
	ck_assert(ls.stopped && !ls.overlong);
	ck_assert(!linesplit_feed(&ls, "d\n", 2, collect, &g));
	ck_assert_int_eq(g.n, 2);
	linesplit_free(&ls);
	sb_free(&g.all);
}
END_TEST

/* A line of exactly max bytes passes; one byte more stops the stream, in one chunk or many,
 * and the buffer never holds more than max. */
START_TEST(cap)
{
	enum { MAX = 1000 };
	char *big = malloc(3 * MAX);
	memset(big, 'x', 3 * MAX);
	struct linesplit ls = { .max = MAX };
	struct got g = { STRBUF_INIT, 0, 0 };
	big[MAX] = '\n';
	ck_assert(linesplit_feed(&ls, big, MAX + 1, collect, &g));
	ck_assert_int_eq(g.n, 1);
	ck_assert_uint_eq(g.all.len, MAX + 1);
	big[MAX] = 'x';
	for (size_t i = 0; i < 3 * MAX && !ls.stopped; i += 7) {
		linesplit_feed(&ls, big + i, 7, collect, &g);
		ck_assert_uint_le(ls.line.len, MAX);
	}
	ck_assert(ls.overlong && ls.stopped);
	ck_assert_int_eq(g.n, 1);
	ck_assert(!linesplit_feed(&ls, "\n", 1, collect, &g));
	ck_assert_int_eq(g.n, 1);
	linesplit_free(&ls);

	struct linesplit one = { .max = MAX };
	big[MAX + 1] = '\n';
	ck_assert(!linesplit_feed(&one, big, MAX + 2, collect, &g));	/* a whole over-long line */
	ck_assert(one.overlong);
	ck_assert_int_eq(g.n, 1);
	linesplit_free(&one);
	free(big);
	sb_free(&g.all);
}
END_TEST

/* The default cap is the one the engine streams use: 1 MiB. */
START_TEST(default_cap)
{
	size_t n = LINESPLIT_MAX + 1;
	char *big = malloc(n);
	memset(big, '{', n);
	struct linesplit ls = { 0 };
	struct got g = { STRBUF_INIT, 0, 0 };
	ck_assert(linesplit_feed(&ls, big, n - 1, collect, &g));
	ck_assert(!linesplit_feed(&ls, big, 1, collect, &g));
	ck_assert(ls.overlong);
	ck_assert_uint_eq(ls.line.len, 0);	/* freed at once */
	ck_assert_int_eq(g.n, 0);
	linesplit_free(&ls);
	free(big);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("linesplit");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, lines_in_any_chunking);
	tcase_add_test(tc, callback_stops);
	tcase_add_test(tc, cap);
	tcase_add_test(tc, default_cap);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
