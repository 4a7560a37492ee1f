#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define ELL "\xe2\x80\xa6"

static const struct {
	const char *in;
	const char *want;
} escape_rows[] = {
	/* Terminal escape sequences: the ESC goes, the rest is harmless text. */
	{ "\x1b]0;pwned\x07", "\\e]0;pwned\\x07" },
	{ "\x1b[2J", "\\e[2J" },
	{ "title\x1b]8;;http://evil\x1b\\link", "title\\e]8;;http://evil\\e\\link" },
	{ "a\nb\tc\rd", "a\\nb\\tc\\rd" },
	{ "\x01\x08\x0b\x0c\x1f", "\\x01\\x08\\x0b\\x0c\\x1f" },
	{ "del\x7f", "del\\x7f" },
	/* C1 controls, 8-bit CSI included. */
	{ "\xc2\x9b" "31m", "\\u009b31m" },
	{ "\xc2\x80\xc2\x85\xc2\x9f", "\\u0080\\u0085\\u009f" },
	/* Bidirectional overrides and isolates. */
	{ "abc\xe2\x80\xae" "cba", "abc\\u202ecba" },
	{ "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", "\\u202a\\u202b\\u202c\\u202d" },
	{ "\xe2\x81\xa6x\xe2\x81\xa7y\xe2\x81\xa8z\xe2\x81\xa9", "\\u2066x\\u2067y\\u2068z\\u2069" },
	/* Mixed with wide text. */
	{ "한\x1b[31m국어", "한\\e[31m국어" },
	/* Invalid UTF-8: one escape per byte. */
	{ "\xff", "\\xff" },
	{ "\x80", "\\x80" },
	{ "a\xc3", "a\\xc3" },
	{ "\xc3(", "\\xc3(" },
	{ "\xc0\xaf", "\\xc0\\xaf" },		/* overlong '/' */
	{ "\xc1\xbf", "\\xc1\\xbf" },
	{ "\xe0\x80\xaf", "\\xe0\\x80\\xaf" },	/* overlong 3-byte */
	{ "\xf0\x80\x80\xaf", "\\xf0\\x80\\x80\\xaf" },	/* overlong 4-byte */
	{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },	/* surrogate U+D800 */
	{ "\xed\xbf\xbf", "\\xed\\xbf\\xbf" },	/* surrogate U+DFFF */
	{ "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80" },	/* U+110000 */
	{ "\xf5\x80\x80\x80", "\\xf5\\x80\\x80\\x80" },
	{ "\xe2\x82", "\\xe2\\x82" },		/* truncated */
	{ "\xe2\x82z", "\\xe2\\x82z" },
	{ "\xe2\x1b[", "\\xe2\\e[" },		/* ESC inside a broken sequence still escaped */
	{ "ok\xfe\xff", "ok\\xfe\\xff" },
};

START_TEST(test_escape)
{
	const char *in = escape_rows[_i].in;
	char *out = sanitize(in);
	ck_assert_str_eq(out, escape_rows[_i].want);
	ck_assert(!sanitize_is_clean(in));
	/* The output is clean and sanitizing again changes nothing. */
	ck_assert(sanitize_is_clean(out));
	char *again = sanitize(out);
	ck_assert_str_eq(again, out);
	free(again);
	free(out);
}
END_TEST

static const char *const clean_rows[] = {
	"",
	"nginx:latest",
	"한국어",
	"日本語 text",
	"caf\xc3\xa9",			/* é */
	"e\xcc\x81",			/* e + combining acute */
	"\xc2\xa0nbsp",			/* U+00A0 is not C1 */
	"\xc2\xa1",			/* U+00A1 */
	"\xe2\x80\xa9",			/* U+2029, outside the bidi ranges */
	"\xe2\x80\xaf\xe2\x81\xa5",	/* U+202F, U+2065: just outside them */
	"\xe2\x81\xaa",			/* U+206A */
	"\xf0\x9f\x90\xb3",		/* U+1F433 */
	"\xf4\x8f\xbf\xbf",		/* U+10FFFF, the last valid code point */
	"\xef\xbf\xbd",			/* U+FFFD */
	"\xe0\xa0\x80",			/* U+0800, the first 3-byte one */
	"\xed\x9f\xbf\xee\x80\x80",	/* U+D7FF and U+E000 around the surrogates */
	"\\e is two characters",
	"back\\slash",
};

START_TEST(test_clean)
{
	const char *in = clean_rows[_i];
	ck_assert(sanitize_is_clean(in));
	char *out = sanitize(in);
	ck_assert_str_eq(out, in);
	ck_assert_ptr_ne(out, in);
	free(out);
}
END_TEST

START_TEST(test_null)
{
	char *out = sanitize(NULL);
	ck_assert_str_eq(out, "");
	free(out);
	ck_assert(!sanitize_is_clean(NULL));
	ck_assert_int_eq(text_width(NULL), 0);
	out = text_ellipsis(NULL, 10);
	ck_assert_str_eq(out, "");
	free(out);
	char buf[8];
	ck_assert_int_eq(text_fit(buf, sizeof(buf), NULL, 3, true), 3);
	ck_assert_str_eq(buf, "   ");
}
END_TEST

START_TEST(test_all_bytes)
{
	/* Every single byte alone: the result is clean and an escape unless printable ASCII. */
	for (int c = 1; c < 256; c++) {
		char in[2] = { (char)c, '\0' };
		char *out = sanitize(in);
		ck_assert(sanitize_is_clean(out));
		if (c >= 0x20 && c < 0x7f)
			ck_assert_str_eq(out, in);
		else
			ck_assert_int_eq(out[0], '\\');
		free(out);
	}
}
END_TEST

static const struct {
	const char *s;
	int width;
} width_rows[] = {
	{ "", 0 },
	{ "abc", 3 },
	{ "한국어", 6 },
	{ "a한b", 4 },
	{ "日本語", 6 },
	{ "caf\xc3\xa9", 4 },
	{ "e\xcc\x81", 1 },		/* combining mark takes no column */
	{ ELL, 1 },
	{ "\xef\xbc\xa1", 2 },		/* fullwidth A */
	{ "\xf0\x9f\x90\xb3", 2 },	/* emoji */
	{ "\xff", 1 },			/* stray byte */
	{ "\x1b", 1 },			/* control: wcwidth rejects it */
	{ "\\e[2J", 5 },
};

START_TEST(test_width)
{
	ck_assert_int_eq(text_width(width_rows[_i].s), width_rows[_i].width);
}
END_TEST

static const struct {
	const char *s;
	int width;
	bool pad;
	const char *want;
	int cols;
} fit_rows[] = {
	{ "abc", 5, true, "abc  ", 5 },
	{ "abc", 5, false, "abc", 3 },
	{ "abcde", 5, true, "abcde", 5 },
	{ "abcdef", 5, true, "abcd" ELL, 5 },
	{ "abcdef", 5, false, "abcd" ELL, 5 },
	{ "한국어", 6, true, "한국어", 6 },
	{ "한국어", 5, true, "한국" ELL, 5 },
	/* Width 4: "한" (2) + "국" would make 4 > 3, so only "한…" (3) and a pad space. */
	{ "한국어", 4, true, "한" ELL " ", 4 },
	{ "한국어", 4, false, "한" ELL, 3 },
	{ "한국어", 3, true, "한" ELL, 3 },
	{ "한국어", 2, true, ELL " ", 2 },
	{ "한국어", 1, true, ELL, 1 },
	{ "a한", 2, false, "a" ELL, 2 },
	{ "a한b", 3, true, "a" ELL " ", 3 },
	{ "ab", 1, true, ELL, 1 },
	{ "a", 1, true, "a", 1 },
	{ "", 3, false, "", 0 },
	{ "abc", 0, true, "", 0 },
	{ "abc", -4, true, "", 0 },
	{ "e\xcc\x81xyz", 3, false, "e\xcc\x81x" ELL, 3 },	/* combining mark stays with its base */
	{ "e\xcc\x81", 1, true, "e\xcc\x81", 1 },
};

START_TEST(test_fit)
{
	char buf[64];
	memset(buf, 'Z', sizeof(buf));
	int cols = text_fit(buf, sizeof(buf), fit_rows[_i].s, fit_rows[_i].width, fit_rows[_i].pad);
	ck_assert_str_eq(buf, fit_rows[_i].want);
	ck_assert_int_eq(cols, fit_rows[_i].cols);
	ck_assert_int_eq(text_width(buf), cols);
}
END_TEST

START_TEST(test_fit_small_buffer)
{
	char buf[16];
	/* Fits in columns, not in bytes: stops at a character boundary. */
	ck_assert_int_eq(text_fit(buf, 4, "abcdef", 10, false), 3);
	ck_assert_str_eq(buf, "abc");
	ck_assert_int_eq(text_fit(buf, 5, "한국", 10, false), 2);
	ck_assert_str_eq(buf, "한");
	ck_assert_int_eq(text_fit(buf, 5, "한국", 10, true), 3);
	ck_assert_str_eq(buf, "한 ");
	/* Cut: the ellipsis is kept even when little else fits. */
	ck_assert_int_eq(text_fit(buf, 5, "abcdef", 5, false), 2);
	ck_assert_str_eq(buf, "a" ELL);
	ck_assert_int_eq(text_fit(buf, 4, "abcdef", 5, true), 1);
	ck_assert_str_eq(buf, ELL);
	ck_assert_int_eq(text_fit(buf, 3, "abcdef", 5, true), 2);
	ck_assert_str_eq(buf, "ab");
	ck_assert_int_eq(text_fit(buf, 1, "abcdef", 5, true), 0);
	ck_assert_str_eq(buf, "");
	buf[0] = 'Q';
	ck_assert_int_eq(text_fit(buf, 0, "abcdef", 5, true), 0);
	ck_assert_int_eq(buf[0], 'Q');
}
END_TEST

/* For many strings and widths: never wider than asked, exact when padding, whole characters. */
START_TEST(test_fit_property)
{
	static const char *const samples[] = {
		"", "a", "abc def ghi", "한국어", "a한b국c어d", "日本語テキスト", "e\xcc\x81" "e\xcc\x81" "e\xcc\x81",
		"\xf0\x9f\x90\xb3x\xf0\x9f\x90\xb3", "\\e[2J" ELL "x",
	};
	char buf[128];
	for (size_t i = 0; i < ARRAY_LEN(samples); i++) {
		int full = text_width(samples[i]);
		for (int w = 0; w <= 16; w++) {
			for (int pad = 0; pad <= 1; pad++) {
				int cols = text_fit(buf, sizeof(buf), samples[i], w, pad);
				ck_assert_int_eq(text_width(buf), cols);
				ck_assert_int_le(cols, w < 0 ? 0 : w);
				ck_assert(sanitize_is_clean(buf));
				if (pad)
					ck_assert_int_eq(cols, w);
				if (full <= w)
					ck_assert(strncmp(buf, samples[i], strlen(samples[i])) == 0);
				else if (w > 0)
					ck_assert(strstr(buf, ELL) != NULL);
			}
		}
	}
}
END_TEST

START_TEST(test_ellipsis_docker)
{
	/* docker history: Ellipsis(s, 45) keeps 14 CJK characters after a 16-column prefix. */
	const char *in = "/bin/sh -c echo 日本語日本語日本語日本語日本語日本語日本語日本語";
	char *out = text_ellipsis(in, 45);
	ck_assert_str_eq(out, "/bin/sh -c echo 日本語日本語日本語日本語日本" ELL);
	ck_assert_int_eq(text_width(out), 45);
	free(out);

	/* Odd boundary: a 15-column prefix leaves 43 + "…", one column short of 45. */
	in = "/bin/sh -c echo日本語日本語日本語日本語日本語日本語日本語日本語";
	out = text_ellipsis(in, 45);
	ck_assert_str_eq(out, "/bin/sh -c echo日本語日本語日本語日本語日本" ELL);
	ck_assert_int_eq(text_width(out), 44);
	free(out);
}
END_TEST

static const struct {
	const char *s;
	int max;
	const char *want;
} ellipsis_rows[] = {
	{ "short", 45, "short" },
	{ "abcde", 5, "abcde" },
	{ "abcdef", 5, "abcd" ELL },
	{ "abcdef", 2, "a" ELL },
	{ "한국어", 6, "한국어" },
	{ "한국어", 5, "한국" ELL },
	{ "한국어", 4, "한" ELL },
	/* docker would return s unchanged here (its loop finds no cut); never overflow instead. */
	{ "한국어", 2, ELL },
	/* docker: at max 1 the first rune, without an ellipsis; at max <= 0 nothing. */
	{ "abc", 1, "a" },
	{ "한국어", 1, "한" },
	{ "", 1, "" },
	{ "abc", 0, "" },
	{ "abc", -1, "" },
	{ "", 5, "" },
};

START_TEST(test_ellipsis)
{
	char *out = text_ellipsis(ellipsis_rows[_i].s, ellipsis_rows[_i].max);
	ck_assert_str_eq(out, ellipsis_rows[_i].want);
	free(out);
}
END_TEST

static Suite *
sanitize_suite(void)
{
	Suite *s = suite_create("sanitize");
	TCase *tc = tcase_create("sanitize");
	tcase_add_loop_test(tc, test_escape, 0, (int)ARRAY_LEN(escape_rows));
	tcase_add_loop_test(tc, test_clean, 0, (int)ARRAY_LEN(clean_rows));
	tcase_add_test(tc, test_null);
	tcase_add_test(tc, test_all_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("width");
	tcase_add_loop_test(tc, test_width, 0, (int)ARRAY_LEN(width_rows));
	tcase_add_loop_test(tc, test_fit, 0, (int)ARRAY_LEN(fit_rows));
	tcase_add_test(tc, test_fit_small_buffer);
	tcase_add_test(tc, test_fit_property);
	tcase_add_test(tc, test_ellipsis_docker);
	tcase_add_loop_test(tc, test_ellipsis, 0, (int)ARRAY_LEN(ellipsis_rows));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	/* Widths need a UTF-8 LC_CTYPE, as the UI sets up. */
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8")
	    && !setlocale(LC_ALL, "en_US.UTF-8")) {
		/* Not a skip: without it the widths are untested. */
		puts("Bail out! no UTF-8 locale (C.UTF-8) available");
		return 1;
	}
	SRunner *sr = srunner_create(sanitize_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
