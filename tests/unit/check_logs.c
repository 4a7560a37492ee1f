/* The logs stream: stdcopy frames or raw TTY bytes into lines, the ring of the last lines, the
 * request path and --since values. The framed bytes are the engine's own (doc §4.2, live). */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "logs.h"
#include "strbuf.h"
#include "xalloc.h"

#include "fixture.h"

/* `docker logs` of a busybox container printing out1, err1 and no-newline, as the engine sent
 * them (the err1 frame first: the order across streams is not kept). */
static const char FRAMED[] =
	"\x02\x00\x00\x00\x00\x00\x00\x05" "err1\n"
	"\x01\x00\x00\x00\x00\x00\x00\x05" "out1\n"
	"\x01\x00\x00\x00\x00\x00\x00\x0a" "no-newline";
/* The same container with a TTY: one stream, "\r\n". */
static const char TTY[] = "out1\r\nerr1\r\nno-newline";

/* Lines gathered as "S|time|text|T" (S the stream, T when truncated), one per line. */
struct got {
	struct strbuf sb;
	size_t n;
};

static void
collect(const struct log_line *l, void *ctx)
{
	struct got *g = ctx;
	sb_printf(&g->sb, "%d|%s|", l->stream, l->time);
	sb_append(&g->sb, l->text, l->len);
	ck_assert_uint_eq(strlen(l->text), l->len);	/* NUL-terminated at len */
	sb_puts(&g->sb, l->truncated ? "|T\n" : "\n");
	g->n++;
}

/* Feeds data in pieces of `step` bytes (0: whole), then finishes. New string. */
static char *
run(const char *data, size_t len, bool tty, bool ts, size_t max_line, size_t step)
{
	struct got g = { STRBUF_INIT, 0 };
	struct log_parser p;
	log_parser_init(&p, tty, ts, max_line, collect, &g);
	for (size_t off = 0; off < len;) {
		size_t k = step && step < len - off ? step : len - off;
		log_parser_feed(&p, data + off, k);
		off += k;
	}
	log_parser_finish(&p);
	log_parser_free(&p);
	sb_puts(&g.sb, "");
	return sb_detach(&g.sb);
}

START_TEST(frames_in_any_pieces)
{
	/* Whole, and split everywhere: a header split across reads, a payload across reads. */
	for (size_t step = 0; step <= sizeof(FRAMED); step++) {
		char *s = run(FRAMED, sizeof(FRAMED) - 1, false, false, 0, step);
		ck_assert_msg(strcmp(s, "2||err1\n1||out1\n1||no-newline\n") == 0, "step %zu: %s", step, s);
		free(s);
	}
}
END_TEST

START_TEST(frames_split_at_every_byte)
{
	/* Two reads, cut at each position in turn. */
	size_t len = sizeof(FRAMED) - 1;
	for (size_t cut = 0; cut <= len; cut++) {
		struct got g = { STRBUF_INIT, 0 };
		struct log_parser p;
		log_parser_init(&p, false, false, 0, collect, &g);
		log_parser_feed(&p, FRAMED, cut);
		log_parser_feed(&p, FRAMED + cut, len - cut);
		log_parser_finish(&p);
		log_parser_free(&p);
		ck_assert_str_eq(g.sb.buf, "2||err1\n1||out1\n1||no-newline\n");
		sb_free(&g.sb);
	}
}
END_TEST

/* Bodies captured from the engine (tests/fixtures/capture-container.sh): exit3 and ttylog ran
 * `echo out1; echo err1 >&2; printf no-newline; exit 3` without and with a TTY. */
START_TEST(captured_bodies)
{
	size_t len;
	char *d = fixture_read("logs-framed.bin", &len);
	for (size_t step = 0; step < 9; step++) {
		char *s = run(d, len, false, false, 0, step);
		ck_assert_str_eq(s, "1||out1\n2||err1\n1||no-newline\n");
		free(s);
	}
	free(d);
	d = fixture_read("logs-tty.bin", &len);
	for (size_t step = 0; step < 9; step++) {
		char *s = run(d, len, true, false, 0, step);
		ck_assert_str_eq(s, "1||out1\n1||err1\n1||no-newline\n");
		free(s);
	}
	free(d);
	d = fixture_read("logs-framed-ts.bin", &len);
	struct log_ring ring;
	log_ring_init(&ring, 10, 0);
	struct log_parser p;
	log_parser_init(&p, false, true, 0, log_ring_push_fn, &ring);
	for (size_t off = 0; off < len; off += 3)
		log_parser_feed(&p, d + off, len - off < 3 ? len - off : 3);
	log_parser_finish(&p);
	ck_assert_uint_eq(ring.count, 3);
	const char *want[] = { "out1", "err1", "no-newline" };
	for (size_t i = 0; i < 3; i++) {
		const struct log_ring_item *it = log_ring_get(&ring, i);
		ck_assert_str_eq(it->text, want[i]);
		ck_assert_uint_eq(strlen(it->time), 30);	/* RFC3339Nano, 9 digits */
		ck_assert_int_eq(strncmp(it->time, "20", 2), 0);
		ck_assert_int_eq(it->time[29], 'Z');
	}
	ck_assert_int_eq(log_ring_get(&ring, 1)->stream, LOG_STDERR);
	log_parser_free(&p);
	log_ring_free(&ring);
	free(d);
}
END_TEST

START_TEST(tty_is_raw)
{
	for (size_t step = 0; step < 6; step++) {
		char *s = run(TTY, sizeof(TTY) - 1, true, false, 0, step);
		ck_assert_str_eq(s, "1||out1\n1||err1\n1||no-newline\n");
		free(s);
	}
	/* A "\r\n" split between reads, an empty line, a lone "\r" kept (progress output). */
	char *s = run("a\r\n\r\nb\rc\n", 9, true, false, 0, 2);
	ck_assert_str_eq(s, "1||a\n1||\n1||b\rc\n");
	free(s);
}
END_TEST

START_TEST(partial_lines_per_stream)
{
	/* stdout "hel" … "lo\n" with a stderr frame between: each stream keeps its own tail. */
	static const char d[] = "\x01\x00\x00\x00\x00\x00\x00\x03" "hel"
				"\x02\x00\x00\x00\x00\x00\x00\x02" "x\n"
				"\x01\x00\x00\x00\x00\x00\x00\x00"	/* zero-length frame */
				"\x01\x00\x00\x00\x00\x00\x00\x06" "lo\na\nb"
				"\x03\x00\x00\x00\x00\x00\x00\x14" "Error grabbing logs\n"
				"\x00\x00\x00\x00\x00\x00\x00\x03" "in\n";
	char *s = run(d, sizeof(d) - 1, false, false, 0, 0);
	ck_assert_str_eq(s, "2||x\n1||hello\n1||a\n3||Error grabbing logs\n1||bin\n");
	free(s);
}
END_TEST

START_TEST(timestamps_split_off)
{
	static const char d[] =
		"\x01\x00\x00\x00\x00\x00\x00\x24" "2026-12-05T14:27:36.380927272Z out1\n"
		"\x02\x00\x00\x00\x00\x00\x00\x24" "2026-12-05T14:27:36.380985117Z err1\n"
		"\x01\x00\x00\x00\x00\x00\x00\x1f" "2026-12-05T14:27:37.1Z no-time\n";
	for (size_t step = 0; step < 40; step++) {
		char *s = run(d, sizeof(d) - 1, false, true, 0, step);
		ck_assert_msg(strcmp(s, "1|2026-12-05T14:27:36.380927272Z|out1\n"
				     "2|2026-12-05T14:27:36.380985117Z|err1\n"
				     "1|2026-12-05T14:27:37.1Z|no-time\n") == 0, "step %zu: %s", step, s);
		free(s);
	}
	/* TTY: a time at the start of each line. */
	static const char t[] = "2026-12-05T14:27:36.380927272Z out1\r\n"
				"2026-12-05T14:27:36.380927999+09:00 err1\r\n";
	for (size_t step = 0; step < 40; step++) {
		char *s = run(t, sizeof(t) - 1, true, true, 0, step);
		ck_assert_str_eq(s, "1|2026-12-05T14:27:36.380927272Z|out1\n"
				    "1|2026-12-05T14:27:36.380927999+09:00|err1\n");
		free(s);
	}
}
END_TEST

START_TEST(timestamps_leave_text_alone)
{
	/* No time where one is expected: the words stay; a message split in two frames repeats
	 * its time, and the line keeps the first. */
	static const char d[] = "\x01\x00\x00\x00\x00\x00\x00\x0c" "hello world\n"
				"\x01\x00\x00\x00\x00\x00\x00\x1e" "2026-12-05T14:27:36.1Z part1, "
				"\x01\x00\x00\x00\x00\x00\x00\x1d" "2026-12-05T14:27:36.2Z part2\n"
				"\x01\x00\x00\x00\x00\x00\x00\x01" "\n"
				"\x01\x00\x00\x00\x00\x00\x00\x29" "2026-12-05T14:27:36.380927272Zxxxxxxxxxx\n";
	for (size_t step = 0; step < 12; step++) {
		char *s = run(d, sizeof(d) - 1, false, true, 0, step);
		ck_assert_str_eq(s, "1||hello world\n1|2026-12-05T14:27:36.1Z|part1, part2\n1||\n"
				    "1||2026-12-05T14:27:36.380927272Zxxxxxxxxxx\n");
		free(s);
	}
}
END_TEST

START_TEST(huge_lines_are_capped)
{
	/* One frame of 1 MiB without a break, then a short line: the first is cut at the cap. */
	size_t big = 1 << 20;
	size_t len = 8 + big + 8 + 3;
	char *d = xmalloc(len);
	memcpy(d, "\x01\x00\x00\x00\x00\x10\x00\x00", 8);
	memset(d + 8, 'x', big);
	memcpy(d + 8 + big, "\x01\x00\x00\x00\x00\x00\x00\x03" "ok\n", 11);
	struct got g = { STRBUF_INIT, 0 };
	struct log_ring ring;
	log_ring_init(&ring, 10, 0);
	struct log_parser p;
	log_parser_init(&p, false, false, 100, log_ring_push_fn, &ring);
	for (size_t off = 0; off < len; off += 4093)
		log_parser_feed(&p, d + off, len - off < 4093 ? len - off : 4093);
	log_parser_finish(&p);
	ck_assert_uint_eq(ring.count, 1);	/* "xxx…ok" is one line: no break between */
	ck_assert_uint_eq(log_ring_get(&ring, 0)->len, 100);
	ck_assert(log_ring_get(&ring, 0)->truncated);
	log_parser_free(&p);
	log_ring_free(&ring);
	free(d);
	(void)g;

	/* A cap inside a UTF-8 character cuts before it. */
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 50; i++)
		sb_puts(&sb, "\xea\xb0\x80");	/* 가 */
	sb_puts(&sb, "\nnext\n");
	char *s = run(sb.buf, sb.len, true, false, 100, 7);
	struct strbuf want = STRBUF_INIT;
	sb_puts(&want, "1||");
	for (int i = 0; i < 33; i++)
		sb_puts(&want, "\xea\xb0\x80");
	sb_puts(&want, "|T\n1||next\n");
	ck_assert_str_eq(s, want.buf);
	free(s);
	sb_free(&sb);
	sb_free(&want);
}
END_TEST

START_TEST(binary_junk)
{
	/* A header that cannot be one (a TTY container read as framed): the bytes are shown as
	 * text from there on. */
	static const char d[] = "\x01\x00\x00\x00\x00\x00\x00\x03" "ok\n" "hello\r\nworld\n";
	char *s = run(d, sizeof(d) - 1, false, false, 0, 0);
	ck_assert_str_eq(s, "1||ok\n1||hello\n1||world\n");
	free(s);
	/* NUL and escapes stay bytes (the UI sanitizes); lengths hold. */
	static const char n[] = "\x02\x00\x00\x00\x00\x00\x00\x06" "a\0\x1b[2J";
	struct got g = { STRBUF_INIT, 0 };
	struct log_ring ring;
	log_ring_init(&ring, 4, 0);
	struct log_parser p;
	log_parser_init(&p, false, false, 0, log_ring_push_fn, &ring);
	log_parser_feed(&p, n, sizeof(n) - 1);
	log_parser_finish(&p);
	ck_assert_uint_eq(ring.count, 1);
	ck_assert_uint_eq(log_ring_get(&ring, 0)->len, 6);
	ck_assert_int_eq(memcmp(log_ring_get(&ring, 0)->text, "a\0\x1b[2J", 6), 0);
	ck_assert_int_eq(log_ring_get(&ring, 0)->stream, LOG_STDERR);
	log_parser_free(&p);
	log_ring_free(&ring);
	(void)g;
	/* Random bytes in random pieces: no crash, lines within the cap, memory within the ring. */
	srand(7);
	for (int round = 0; round < 200; round++) {
		size_t len = (size_t)(rand() % 5000);
		char *junk = xmalloc(len + 1);
		for (size_t i = 0; i < len; i++)
			junk[i] = (char)(rand() % 7 == 0 ? rand() % 4 : rand() % 256);
		log_ring_init(&ring, 16, 0);
		log_parser_init(&p, round % 3 == 0, round % 2 == 0, 64, log_ring_push_fn, &ring);
		for (size_t off = 0; off < len;) {
			size_t k = (size_t)(rand() % 50) + 1;
			if (k > len - off)
				k = len - off;
			log_parser_feed(&p, junk + off, k);
			off += k;
		}
		log_parser_finish(&p);
		ck_assert_uint_le(ring.count, 16);
		for (size_t i = 0; i < ring.count; i++)
			ck_assert_uint_le(log_ring_get(&ring, i)->len, 64);
		log_parser_free(&p);
		log_ring_free(&ring);
		free(junk);
	}
}
END_TEST

START_TEST(ring_keeps_the_last)
{
	struct log_ring r;
	log_ring_init(&r, 3, 0);
	char text[32];
	for (int i = 0; i < 1000000; i++) {
		int n = snprintf(text, sizeof(text), "line %d", i);
		struct log_line l = { text, (size_t)n, i % 2 ? LOG_STDERR : LOG_STDOUT, false, "" };
		log_ring_push(&r, &l);
	}
	ck_assert_uint_eq(r.count, 3);
	ck_assert_uint_eq(r.total, 1000000);
	ck_assert_str_eq(log_ring_get(&r, 0)->text, "line 999997");
	ck_assert_int_eq(log_ring_get(&r, 0)->stream, LOG_STDERR);
	ck_assert_str_eq(log_ring_get(&r, 2)->text, "line 999999");
	ck_assert_ptr_null(log_ring_get(&r, 3));
	ck_assert_uint_eq(r.bytes, 33);
	log_ring_clear(&r);
	ck_assert_uint_eq(r.count, 0);
	log_ring_free(&r);

	/* A byte budget drops old lines first; a line bigger than it still goes in alone. */
	log_ring_init(&r, 100, 10);
	struct log_line a = { "12345", 5, LOG_STDOUT, false, "" };
	struct log_line b = { "1234567890AB", 12, LOG_STDOUT, false, "t" };
	log_ring_push(&r, &a);
	log_ring_push(&r, &a);
	ck_assert_uint_eq(r.count, 2);
	log_ring_push(&r, &a);
	ck_assert_uint_eq(r.count, 2);
	ck_assert_uint_eq(r.bytes, 10);
	log_ring_push(&r, &b);
	ck_assert_uint_eq(r.count, 1);
	ck_assert_str_eq(log_ring_get(&r, 0)->time, "t");
	log_ring_free(&r);
}
END_TEST

START_TEST(paths)
{
	struct logs_query q = { .tail = -1 };
	char *p = logs_path("c_run", &q);
	ck_assert_str_eq(p, "/containers/c_run/logs?stdout=1&stderr=1");
	free(p);
	q = (struct logs_query){ .follow = true, .timestamps = true, .tail = 500, .since = "1796480278" };
	p = logs_path("9e1bd64da79a", &q);
	ck_assert_str_eq(p, "/containers/9e1bd64da79a/logs?stdout=1&stderr=1&follow=1&timestamps=1"
			    "&tail=500&since=1796480278");
	free(p);
	q = (struct logs_query){ .no_stdout = true, .tail = 0, .until = "1796481000.000000000" };
	p = logs_path("a b", &q);
	ck_assert_str_eq(p, "/containers/a%20b/logs?stdout=0&stderr=1&tail=0&until=1796481000.000000000");
	free(p);
	q = (struct logs_query){ .no_stdout = true, .no_stderr = true, .tail = -1 };
	p = logs_path("x", &q);
	ck_assert_str_eq(p, "/containers/x/logs?stdout=1&stderr=1");
	free(p);
}
END_TEST

START_TEST(since_values)
{
	/* The CLI sent since=1796480278 for --since 10m and until=1796481000.000000000 for
	 * --until 2026-12-05T14:30:00Z (doc §4.1). */
	char *v;
	ck_assert(logs_time_value("10m", 1796480878, &v));
	ck_assert_str_eq(v, "1796480278");
	free(v);
	ck_assert(logs_time_value("1h30m", 10000, &v));
	ck_assert_str_eq(v, "4600");
	free(v);
	ck_assert(logs_time_value("1.5s", 100, &v));
	ck_assert_str_eq(v, "99");
	free(v);
	ck_assert(logs_time_value("2026-12-05T14:30:00Z", 0, &v));
	ck_assert_str_eq(v, "1796481000.000000000");
	free(v);
	ck_assert(logs_time_value("2026-12-05T23:30:00.5+09:00", 0, &v));
	ck_assert_str_eq(v, "1796481000.500000000");
	free(v);
	ck_assert(logs_time_value("1796480278.5", 0, &v));
	ck_assert_str_eq(v, "1796480278.5");
	free(v);
	ck_assert(logs_time_value("0", 0, &v));
	ck_assert_str_eq(v, "0");
	free(v);
	setenv("TZ", "UTC", 1);
	tzset();
	ck_assert(logs_time_value("2026-12-05", 0, &v));
	ck_assert_str_eq(v, "1796428800.000000000");
	free(v);
	ck_assert(!logs_time_value("yesterday", 0, &v));
	ck_assert(!logs_time_value("10x", 0, &v));
	ck_assert(!logs_time_value("2026-13-05T00:00:00Z", 0, &v));
	ck_assert(!logs_time_value("", 0, &v));
	ck_assert_ptr_null(v);
}
END_TEST

static Suite *
logs_suite(void)
{
	Suite *s = suite_create("logs");
	TCase *t = tcase_create("parse");
	tcase_add_test(t, frames_in_any_pieces);
	tcase_add_test(t, frames_split_at_every_byte);
	tcase_add_test(t, tty_is_raw);
	tcase_add_test(t, captured_bodies);
	tcase_add_test(t, partial_lines_per_stream);
	tcase_add_test(t, timestamps_split_off);
	tcase_add_test(t, timestamps_leave_text_alone);
	tcase_add_test(t, huge_lines_are_capped);
	tcase_add_test(t, binary_junk);
	suite_add_tcase(s, t);
	TCase *r = tcase_create("ring");
	tcase_add_test(r, ring_keeps_the_last);
	suite_add_tcase(s, r);
	TCase *q = tcase_create("query");
	tcase_add_test(q, paths);
	tcase_add_test(q, since_values);
	suite_add_tcase(s, q);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(logs_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
