#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* engine-api.md §5.4, both precisions, row for row. */
static const struct {
	int64_t bytes;
	const char *prec3;
	const char *prec4;
} size_rows[] = {
	{ 0, "0B", "0B" },
	{ 999, "999B", "999B" },
	{ 1000, "1kB", "1kB" },
	{ 999499, "999kB", "999.5kB" },
	{ 999500, "1e+03kB", "999.5kB" },
	{ 1064561, "1.06MB", "1.065MB" },
	{ 1982265, "1.98MB", "1.982MB" },
	{ 123456789012, "123GB", "123.5GB" },
};

START_TEST(test_size_table)
{
	char buf[32];
	format_size(buf, sizeof(buf), size_rows[_i].bytes);
	ck_assert_str_eq(buf, size_rows[_i].prec3);
	format_size_prec(buf, sizeof(buf), (double)size_rows[_i].bytes, 3);
	ck_assert_str_eq(buf, size_rows[_i].prec3);
	format_size_prec(buf, sizeof(buf), (double)size_rows[_i].bytes, 4);
	ck_assert_str_eq(buf, size_rows[_i].prec4);
}
END_TEST

/* Further points worked out from go-units' rules (divide while >= 1000, then %.*g). */
static const struct {
	int64_t bytes;
	const char *want;
} size_more[] = {
	{ 1, "1B" },
	{ 6, "6B" },
	{ 1500, "1.5kB" },
	{ 998500, "998kB" },	/* 998.5 rounds half to even, as Go's strconv does */
	{ 999999, "1e+03kB" },
	{ 1000000, "1MB" },
	{ 1982256, "1.98MB" },
	{ 5000000000, "5GB" },
	{ 1000000000000000000, "1EB" },
	{ INT64_MAX, "9.22EB" },
	/* hostile negatives: never "-2B" */
	{ -1, "0B" },
	{ -2, "0B" },
	{ INT64_MIN, "0B" },
};

START_TEST(test_size_more)
{
	char buf[32];
	format_size(buf, sizeof(buf), size_more[_i].bytes);
	ck_assert_str_eq(buf, size_more[_i].want);
}
END_TEST

START_TEST(test_size_units_top)
{
	char buf[32];
	format_size_prec(buf, sizeof(buf), 1e24, 3);
	ck_assert_str_eq(buf, "1YB");
	/* YB is the last unit: larger values stay in it. */
	format_size_prec(buf, sizeof(buf), 1e27, 3);
	ck_assert_str_eq(buf, "1e+03YB");
	format_size_prec(buf, sizeof(buf), 2.5e21, 3);
	ck_assert_str_eq(buf, "2.5ZB");
	format_size_prec(buf, sizeof(buf), 1234567, 1);
	ck_assert_str_eq(buf, "1MB");
	format_size_prec(buf, sizeof(buf), 1234567, 0);
	ck_assert_str_eq(buf, "1MB");
}
END_TEST

START_TEST(test_size_small_buffer)
{
	char buf[4];
	memset(buf, 'x', sizeof(buf));
	format_size(buf, sizeof(buf), 1982265);
	ck_assert_str_eq(buf, "1.9");
	format_size(buf, 0, 1);	/* must not write */
	ck_assert_str_eq(buf, "1.9");
}
END_TEST

static const struct {
	int64_t secs;
	const char *want;
} duration_rows[] = {
	{ INT64_MIN, "Less than a second" },
	{ -5, "Less than a second" },
	{ 0, "Less than a second" },
	{ 1, "1 second" },
	{ 2, "2 seconds" },
	{ 59, "59 seconds" },
	{ 60, "About a minute" },
	{ 119, "About a minute" },
	{ 120, "2 minutes" },
	{ 3599, "59 minutes" },
	{ 3600, "About an hour" },
	{ 5399, "About an hour" },
	{ 5400, "2 hours" },
	{ 47 * 3600, "47 hours" },
	{ 47 * 3600 + 1799, "47 hours" },
	{ 47 * 3600 + 1800, "2 days" },
	{ 13 * 86400, "13 days" },
	{ 14 * 86400 - 1801, "13 days" },
	{ 14 * 86400 - 1800, "2 weeks" },
	{ 59 * 86400, "8 weeks" },
	{ 60 * 86400, "2 months" },
	{ 729 * 86400, "24 months" },
	{ 730 * 86400, "2 years" },
	{ 3650 * 86400, "10 years" },
	/* Points from go-units' own tests (hours round, years floor). */
	{ 45, "45 seconds" },
	{ 35 * 60 + 40, "35 minutes" },
	{ 3600 + 29 * 60, "About an hour" },
	{ 3600 + 31 * 60, "2 hours" },
	{ 3 * 3600 + 60 * 60, "4 hours" },
	{ 24 * 3600, "24 hours" },
	{ 36 * 3600, "36 hours" },
	{ 13 * 86400 + 5 * 3600, "13 days" },
	{ 30 * 86400, "4 weeks" },
	{ 44 * 86400, "6 weeks" },
	{ 74 * 86400, "2 months" },
	{ 97 * 86400, "3 months" },
	{ 720 * 86400, "24 months" },
	{ 734 * 86400, "2 years" },
	{ (3 * 365 + 60) * 86400LL, "3 years" },
	{ INT64_MAX, "2147483647 years" },
};

START_TEST(test_duration)
{
	char buf[64];
	format_duration(buf, sizeof(buf), duration_rows[_i].secs);
	ck_assert_str_eq(buf, duration_rows[_i].want);
}
END_TEST

/* engine-api.md §5.4 "Checked points", through format_created. */
static const struct {
	int64_t age;
	const char *want;
} age_rows[] = {
	{ 60, "About a minute ago" },
	{ 5399, "About an hour ago" },
	{ 5400, "2 hours ago" },
	{ 47 * 3600, "47 hours ago" },
	{ 47 * 3600 + 36 * 60, "2 days ago" },	/* 47.6 h */
	{ 13 * 86400, "13 days ago" },
	{ 14 * 86400, "2 weeks ago" },
	{ 59 * 86400, "8 weeks ago" },
	{ 60 * 86400, "2 months ago" },
	{ 729 * 86400, "24 months ago" },
	{ 730 * 86400, "2 years ago" },
};

#define NOW 1795342157LL	/* 2026-11-22, the rig's date in the docs */

START_TEST(test_created_ages)
{
	char buf[64];
	format_created(buf, sizeof(buf), NOW, NOW - age_rows[_i].age);
	ck_assert_str_eq(buf, age_rows[_i].want);
}
END_TEST

START_TEST(test_created_special)
{
	char buf[64];
	format_created(buf, sizeof(buf), NOW, FORMAT_ZERO_TIME);
	ck_assert_str_eq(buf, "N/A");
	/* Created == 0 is a real date for docker: 1970. */
	format_created(buf, sizeof(buf), NOW, 0);
	ck_assert_str_eq(buf, "56 years ago");
	/* Clock skew: created in the future. */
	format_created(buf, sizeof(buf), NOW, NOW + 30);
	ck_assert_str_eq(buf, "Less than a second ago");
	format_created(buf, sizeof(buf), NOW, NOW);
	ck_assert_str_eq(buf, "Less than a second ago");
	/* Hostile values must not overflow; Go's time.Sub saturates at 292 years, so does docker. */
	format_created(buf, sizeof(buf), NOW, INT64_MIN);
	ck_assert_str_eq(buf, "292 years ago");
	format_created(buf, sizeof(buf), NOW, -9000000000000LL);
	ck_assert_str_eq(buf, "292 years ago");
	format_created(buf, sizeof(buf), NOW, NOW - 9223372036LL);
	ck_assert_str_eq(buf, "292 years ago");
	format_created(buf, sizeof(buf), NOW, NOW - 9000000000LL);
	ck_assert_str_eq(buf, "285 years ago");
	format_created(buf, sizeof(buf), NOW, INT64_MAX);
	ck_assert_str_eq(buf, "Less than a second ago");
	format_created(buf, sizeof(buf), INT64_MIN + 5, INT64_MAX);
	ck_assert_str_eq(buf, "Less than a second ago");
	format_created(buf, 8, NOW, NOW - 120);
	ck_assert_str_eq(buf, "2 minut");
}
END_TEST

/* The next change of an age is exactly where its text changes: the same text one second
 * before, another one at it. Every second up to three hours, then every 67 minutes to 30 years. */
static void
check_next(int64_t age)
{
	char at[64], before[64], after[64];
	int64_t next = format_duration_next(age);
	ck_assert_int_gt(next, age);
	format_duration(at, sizeof(at), age);
	format_duration(before, sizeof(before), next - 1);
	format_duration(after, sizeof(after), next);
	ck_assert_msg(strcmp(at, before) == 0, "age %lld (%s): %s already at %lld", (long long)age, at, before,
		      (long long)(next - 1));
	ck_assert_msg(strcmp(at, after) != 0, "age %lld (%s): still the same at %lld", (long long)age, at,
		      (long long)next);
}

START_TEST(test_duration_next)
{
	for (int64_t age = -5; age < 3 * 3600; age++)
		check_next(age);
	for (int64_t age = 3 * 3600; age < 30LL * 365 * 86400; age += 4019)
		check_next(age);
	ck_assert_int_eq(format_duration_next(59), 60);
	ck_assert_int_eq(format_duration_next(60), 120);
	ck_assert_int_eq(format_duration_next(3599), 3600);
	ck_assert_int_eq(format_duration_next(3600), 5400);	/* "About an hour" until 1.5 h */
	ck_assert_int_eq(format_created_next(NOW, NOW - 10), NOW + 1);
	ck_assert_int_eq(format_created_next(NOW, NOW + 30), NOW + 31);
	ck_assert_int_eq(format_created_next(NOW, FORMAT_ZERO_TIME), INT64_MAX);
	ck_assert_int_eq(format_created_next(INT64_MAX - 5, 0), INT64_MAX);
	ck_assert_int_eq(format_created_next(NOW, INT64_MIN), INT64_MAX);
	/* past 292 years the text stays: no wake-up in the past (a redraw loop) */
	ck_assert_int_eq(format_created_next(NOW, -9000000000000LL), INT64_MAX);
	ck_assert_int_eq(format_created_next(NOW, NOW - 9220000000LL), INT64_MAX);
}
END_TEST

/* The CREATED column fits every text an age can still grow into. */
START_TEST(test_created_width)
{
	ck_assert_int_eq(format_created_width(NOW, NOW), (int)strlen("Less than a second ago"));
	ck_assert_int_eq(format_created_width(NOW, NOW - 1), (int)strlen("About a minute ago"));
	ck_assert_int_eq(format_created_width(NOW, NOW - 119), (int)strlen("About a minute ago"));
	ck_assert_int_eq(format_created_width(NOW, NOW - 120), (int)strlen("About an hour ago"));
	ck_assert_int_eq(format_created_width(NOW, NOW - (3 * 86400)), (int)strlen("24 months ago"));
	ck_assert_int_eq(format_created_width(NOW, NOW - (5LL * 365 * 86400)), (int)strlen("10 years ago"));
	ck_assert_int_eq(format_created_width(NOW, NOW - (20LL * 365 * 86400)), (int)strlen("20 years ago"));
	char buf[64];
	for (int64_t age = 0; age < 3 * 365 * 86400LL; age += age < 7200 ? 7 : 3907) {
		format_created(buf, sizeof(buf), age, 0);
		ck_assert_int_le((int)strlen(buf), format_created_width(NOW, NOW - age));
		ck_assert_int_le(format_created_width(NOW, NOW - (age + 3907)), format_created_width(NOW, NOW - age));
	}
	ck_assert_int_eq(format_created_width(NOW, FORMAT_ZERO_TIME), 3);
	ck_assert_int_eq(format_created_width(NOW, INT64_MIN), (int)strlen("292 years ago"));
}
END_TEST

START_TEST(test_short_id)
{
	char buf[64];
	format_short_id(buf, sizeof(buf),
		"sha256:1f9f8a4a39478e5bd1dc0ba3a1ac5e5fb4f60a8a67f0d2b57a7f1d8d1d3c2b1a");
	ck_assert_str_eq(buf, "1f9f8a4a3947");
	format_short_id(buf, sizeof(buf), "1f9f8a4a39478e5bd1dc0ba3a1ac5e5f");
	ck_assert_str_eq(buf, "1f9f8a4a3947");
	format_short_id(buf, sizeof(buf), "<missing>");
	ck_assert_str_eq(buf, "<missing>");
	format_short_id(buf, sizeof(buf), "sha256:<missing>");
	ck_assert_str_eq(buf, "<missing>");
	format_short_id(buf, sizeof(buf), "abc");
	ck_assert_str_eq(buf, "abc");
	format_short_id(buf, sizeof(buf), "sha256:");
	ck_assert_str_eq(buf, "");
	format_short_id(buf, sizeof(buf), "");
	ck_assert_str_eq(buf, "");
	format_short_id(buf, sizeof(buf), NULL);
	ck_assert_str_eq(buf, "");
	/* Only the first ':' counts. */
	format_short_id(buf, sizeof(buf), "a:b:cdefghijklmnopq");
	ck_assert_str_eq(buf, "b:cdefghijkl");
	format_short_id(buf, 5, "sha256:1f9f8a4a3947");
	ck_assert_str_eq(buf, "1f9f");
	/* Twelve bytes would cut the 3-byte "…" after 11: keep whole characters. */
	format_short_id(buf, sizeof(buf), "abcdefghijk\xe2\x80\xa6xyz");
	ck_assert_str_eq(buf, "abcdefghijk");
}
END_TEST

static Suite *
format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("size");
	tcase_add_loop_test(tc, test_size_table, 0, (int)ARRAY_LEN(size_rows));
	tcase_add_loop_test(tc, test_size_more, 0, (int)ARRAY_LEN(size_more));
	tcase_add_test(tc, test_size_units_top);
	tcase_add_test(tc, test_size_small_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("duration");
	tcase_add_loop_test(tc, test_duration, 0, (int)ARRAY_LEN(duration_rows));
	tcase_add_loop_test(tc, test_created_ages, 0, (int)ARRAY_LEN(age_rows));
	tcase_add_test(tc, test_created_special);
	tcase_add_test(tc, test_duration_next);
	tcase_add_test(tc, test_created_width);
	suite_add_tcase(s, tc);

	tc = tcase_create("id");
	tcase_add_test(tc, test_short_id);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	/* English messages whatever the caller's environment says. */
	setlocale(LC_ALL, "C");
	SRunner *sr = srunner_create(format_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
