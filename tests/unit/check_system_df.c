/* `docker system df [-v]` and the build cache prune's preview, against what the CLI printed for
 * the same engine. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder_prune.h"
#include "sanitize.h"
#include "strbuf.h"
#include "system_df.h"
#include "table.h"

#include "fixture.h"

/*
 * From tests/fixtures/capture-df.sh, on one engine, one after the other:
 *   system-df.json    GET /v1.41/system/df
 *   system-df.txt     `docker system df`
 *   system-df-v.txt   `docker system df -v`
 *   system-df.now     the clock right after (Unix seconds): the CLI's ages were taken then or
 *                     a second before
 */

static void
parse_fixture(struct system_df *df)
{
	size_t len;
	char *json = fixture_read("system-df.json", &len);
	char *err = NULL;
	ck_assert_msg(system_df_parse(json, len, df, &err), "%s", err ? err : "");
	free(json);
}

/* Table t as the CLI's tabwriter lays it out, header first (it counts runes; the text here
 * has no wide character, so display columns are the same). */
static void
print_table(struct strbuf *sb, const struct system_df *df, enum df_table t, int64_t now)
{
	const char *titles[DF_MAX_COLUMNS];
	int n = system_df_columns(t, titles);
	size_t rows = system_df_rows(df, t);
	struct df_row *r = calloc(rows + 1, sizeof(*r));
	int content[DF_MAX_COLUMNS] = { 0 }, widths[DF_MAX_COLUMNS];
	for (int k = 0; k < n; k++)
		content[k] = text_width(titles[k]);
	for (size_t i = 0; i < rows; i++) {
		system_df_row(df, t, i, now, &r[i]);
		for (int k = 0; k < n; k++)
			if (text_width(r[i].cell[k]) > content[k])
				content[k] = text_width(r[i].cell[k]);
	}
	table_layout(content, n, widths);
	char *line = table_line(titles, widths, n);
	sb_printf(sb, "%s\n", line);
	free(line);
	for (size_t i = 0; i < rows; i++) {
		line = table_line(r[i].cell, widths, n);
		sb_printf(sb, "%s\n", line);
		free(line);
	}
	free(r);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of text in byte order, in place. */
static void
sort_lines(char *text)
{
	size_t n = 0, cap = 16;
	char **lines = malloc(cap * sizeof(*lines));
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (n == cap)
			lines = realloc(lines, (cap *= 2) * sizeof(*lines));
		lines[n++] = strdup(l);
	}
	qsort(lines, n, sizeof(*lines), cmp_str);
	char *p = text;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);
		memcpy(p, lines[i], len);
		p[len] = '\n';
		p += len + 1;
		free(lines[i]);
	}
	*p = '\0';
	free(lines);
}

START_TEST(test_parse)
{
	struct system_df df;
	parse_fixture(&df);
	ck_assert_uint_eq(df.images.nimages, 10);
	ck_assert_uint_eq(df.containers.ncontainers, 3);
	ck_assert_uint_eq(df.nvolumes, 3);
	ck_assert_uint_eq(df.ncache, 4);
	ck_assert_int_eq(df.builder_size, 40);
	/* df-stopped has an anonymous volume, df-run a named one: both "local". */
	size_t local = 0;
	for (size_t i = 0; i < df.containers.ncontainers; i++)
		local += df.containers.containers[i].nlocal_volumes;
	ck_assert_uint_eq(local, 2);
	system_df_free(&df);
}
END_TEST

START_TEST(test_summary_equals_cli)
{
	struct system_df df;
	parse_fixture(&df);
	struct strbuf sb = STRBUF_INIT;
	print_table(&sb, &df, DF_SUMMARY, 0);
	char *want = fixture_read("system-df.txt", NULL);
	ck_assert_str_eq(sb.buf, want);
	free(want);
	sb_free(&sb);
	system_df_free(&df);
}
END_TEST

START_TEST(test_verbose_equals_cli)
{
	struct system_df df;
	parse_fixture(&df);
	char *now_s = fixture_read("system-df.now", NULL);
	int64_t now = strtoll(now_s, NULL, 10);
	free(now_s);
	char *want = fixture_read("system-df-v.txt", NULL);
	/* The CLI took its ages at the second written down or the one before, and from an answer
	 * of its own: the engine lists volumes, and images of the same second, in no fixed order.
	 * So the lines are compared sorted. */
	char *got[2];
	bool same = false;
	sort_lines(want);
	for (int k = 0; k < 2; k++) {
		struct strbuf sb = STRBUF_INIT;
		for (enum df_table t = DF_IMAGES; t < DF_TABLE_COUNT; t++) {
			char caption[128];
			system_df_caption(&df, t, caption, sizeof(caption));
			sb_printf(&sb, "%s%s\n\n", t == DF_IMAGES ? "" : "\n", caption);
			print_table(&sb, &df, t, now - k);
		}
		got[k] = sb_detach(&sb);
		sort_lines(got[k]);
		same = same || strcmp(got[k], want) == 0;
	}
	for (int k = 0; k < 2 && !same; k++) {
		/* check cannot report a long string: the first line that differs */
		const char *g = got[k], *w = want;
		while (*g && *g == *w)
			g++, w++;
		while (g > got[k] && g[-1] != '\n')
			g--, w--;
		fprintf(stderr, "at now-%d, first difference:\n got: %.300s\nwant: %.300s\n", k, g, w);
	}
	ck_assert(same);
	free(got[0]);
	free(got[1]);
	free(want);
	system_df_free(&df);
}
END_TEST

/* Hostile sizes: sums saturate instead of overflowing, nothing negative is shown. */
START_TEST(test_hostile_sizes)
{
	const char *json = "{\"LayersSize\":9e18,"
		"\"Images\":[{\"Id\":\"sha256:aa\",\"Containers\":1,\"Size\":9e18,\"VirtualSize\":9e18,\"SharedSize\":-9e18},"
		"{\"Id\":\"sha256:bb\",\"Containers\":1,\"Size\":9e18,\"VirtualSize\":9e18,\"SharedSize\":0}],"
		"\"Containers\":[{\"Id\":\"c1\",\"State\":\"exited\",\"SizeRw\":9e18},"
		"{\"Id\":\"c2\",\"State\":\"exited\",\"SizeRw\":9e18},{\"Id\":\"c3\",\"State\":\"exited\",\"SizeRw\":-7}],"
		"\"Volumes\":[{\"Name\":\"v\",\"UsageData\":{\"Size\":9e18,\"RefCount\":0}},"
		"{\"Name\":\"w\",\"UsageData\":{\"Size\":9e18,\"RefCount\":0}},{\"Name\":\"x\",\"UsageData\":{\"Size\":-5,\"RefCount\":0}}],"
		"\"BuildCache\":[{\"ID\":\"x\",\"Type\":\"regular\",\"Size\":9e18},{\"ID\":\"y\",\"Type\":\"regular\",\"Size\":9e18,\"InUse\":true},"
		"{\"ID\":\"z\",\"Type\":\"regular\",\"Size\":9e18,\"InUse\":true}]}";
	struct system_df df;
	char *err = NULL;
	ck_assert(system_df_parse(json, strlen(json), &df, &err));
	ck_assert(df.images.total_size == INT64_MAX);
	for (size_t t = 0; t < 4; t++) {
		struct df_row r;
		system_df_row(&df, DF_SUMMARY, t, 0, &r);
		for (int k = 0; k < 5; k++)
			ck_assert_msg(r.cell[k] && !strchr(r.cell[k], '-'), "row %zu cell %d: %s", t, k, r.cell[k]);
	}
	struct df_row r;
	system_df_row(&df, DF_SUMMARY, 1, 0, &r);
	ck_assert_str_eq(r.cell[3], "9.223EB");
	ck_assert_str_eq(r.cell[4], "9.223EB (100%)");
	system_df_row(&df, DF_SUMMARY, 3, 0, &r);
	ck_assert_str_eq(r.cell[4], "0B");
	for (size_t i = 0; i < 3; i++) {
		system_df_row(&df, DF_VOLUMES, i, 0, &r);
		for (int k = 0; k < 3; k++)
			ck_assert_msg(r.cell[k] && !strchr(r.cell[k], '-'), "volume %zu cell %d: %s", i, k, r.cell[k]);
	}
	system_df_free(&df);
}
END_TEST

START_TEST(test_usage_rules)
{
	/* The CLI's sums on a hand-made answer: an image of unknown sharing, a paused container,
	 * an unmeasured volume, a build cache record in use. */
	const char *json = "{\"LayersSize\":1000,"
		"\"Images\":[{\"Id\":\"sha256:aa\",\"Containers\":2,\"Size\":600,\"VirtualSize\":600,\"SharedSize\":100},"
		"{\"Id\":\"sha256:bb\",\"Containers\":1,\"Size\":300,\"VirtualSize\":300,\"SharedSize\":-1},"
		"{\"Id\":\"sha256:cc\",\"Containers\":-1,\"Size\":50,\"VirtualSize\":50,\"SharedSize\":-1}],"
		"\"Containers\":[{\"Id\":\"c1\",\"State\":\"paused\",\"SizeRw\":10},{\"Id\":\"c2\",\"State\":\"exited\",\"SizeRw\":30}],"
		"\"Volumes\":[{\"Name\":\"v\",\"UsageData\":{\"Size\":-1,\"RefCount\":0}},{\"Name\":\"w\"}],"
		"\"BuildCache\":[{\"ID\":\"x\",\"Type\":\"regular\",\"Size\":7,\"InUse\":true},"
		"{\"ID\":\"y\",\"Type\":\"internal\",\"Size\":5},{\"ID\":\"z\",\"Type\":\"regular\",\"Size\":3,\"Shared\":true}]}";
	struct system_df df;
	char *err = NULL;
	ck_assert(system_df_parse(json, strlen(json), &df, &err));
	struct df_row r;
	system_df_row(&df, DF_SUMMARY, 0, 0, &r);
	ck_assert_str_eq(r.cell[2], "2");	/* Containers -1 is not active */
	ck_assert_str_eq(r.cell[4], "500B (50%)");	/* 600-100 is used; unknown sharing counts none */
	system_df_row(&df, DF_SUMMARY, 1, 0, &r);
	ck_assert_str_eq(r.cell[2], "1");
	ck_assert_str_eq(r.cell[3], "40B");
	ck_assert_str_eq(r.cell[4], "30B (75%)");
	system_df_row(&df, DF_SUMMARY, 2, 0, &r);
	ck_assert_str_eq(r.cell[3], "0B");
	ck_assert_str_eq(r.cell[4], "0B");
	system_df_row(&df, DF_SUMMARY, 3, 0, &r);
	ck_assert_str_eq(r.cell[1], "3");
	ck_assert_str_eq(r.cell[3], "12B");
	ck_assert_str_eq(r.cell[4], "5B");
	system_df_row(&df, DF_IMAGES, 1, 0, &r);
	ck_assert_str_eq(r.cell[5], "N/A");
	ck_assert_str_eq(r.cell[6], "N/A");
	system_df_row(&df, DF_IMAGES, 2, 0, &r);
	ck_assert_str_eq(r.cell[7], "N/A");
	system_df_row(&df, DF_VOLUMES, 1, 0, &r);
	ck_assert_str_eq(r.cell[1], "N/A");
	system_df_row(&df, DF_BUILD_CACHE, 0, 0, &r);
	ck_assert_str_eq(r.cell[0], "x*");	/* never used: first */
	ck_assert_str_eq(r.cell[4], "");

	struct builder_prune_preview p;
	builder_prune_preview(&df, false, &p);
	ck_assert_uint_eq(p.nrecords, 0);	/* internal and shared stay */
	builder_prune_preview_free(&p);
	builder_prune_preview(&df, true, &p);
	ck_assert_uint_eq(p.nrecords, 2);
	ck_assert_int_eq(p.space, 8);
	builder_prune_preview_free(&p);
	system_df_free(&df);

	ck_assert(!system_df_parse("[]", 2, &df, &err));
	ck_assert_ptr_nonnull(err);
	free(err);
}
END_TEST

START_TEST(test_builder_prune_preview)
{
	struct system_df df;
	parse_fixture(&df);
	struct builder_prune_preview p;
	builder_prune_preview(&df, false, &p);
	ck_assert_uint_eq(p.nrecords, 3);	/* the shared record stays */
	ck_assert_int_eq(p.space, 40);
	ck_assert_uint_eq(p.nkept, 1);
	builder_prune_preview_free(&p);
	builder_prune_preview(&df, true, &p);
	ck_assert_uint_eq(p.nrecords, 4);
	ck_assert_int_eq(p.space, 49);
	builder_prune_preview_free(&p);
	char *cmd = builder_prune_command(true);
	ck_assert_str_eq(cmd, "docker builder prune -a -f");
	free(cmd);
	system_df_free(&df);
}
END_TEST

static Suite *
df_suite(void)
{
	Suite *s = suite_create("system_df");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_summary_equals_cli);
	tcase_add_test(tc, test_verbose_equals_cli);
	tcase_add_test(tc, test_usage_rules);
	tcase_add_test(tc, test_hostile_sizes);
	tcase_add_test(tc, test_builder_prune_preview);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");	/* COMMAND is cut with an ellipsis, as in the UI */
	SRunner *sr = srunner_create(df_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
