/* Stats samples into `docker stats --no-stream` rows. stats-web and stats-exit3 are the /stats
 * answers /usr/bin/docker (20.10) read, recorded through a proxy, with what it printed
 * (tests/fixtures/capture-container.sh, cgroup v1; stats-web from a run whose health checks
 * ran every second: 5.37% CPU); the cgroup v2 sample is hand-made after the shape in
 * doc §7.3. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "xalloc.h"

#include "fixture.h"

static struct stats_sample
parse(const char *json)
{
	struct stats_sample s;
	char *err = NULL;
	ck_assert_msg(stats_parse(json, strlen(json), &s, &err), "%s", err ? err : "");
	return s;
}

/* The CLI's table row: columns are separated by 3 or more spaces (tabwriter padding), and
 * "MEM USAGE / LIMIT" holds single spaces. */
static void
cli_columns(const char *txt, char cols[8][64])
{
	const char *line = strchr(txt, '\n') + 1;
	int c = 0;
	size_t k = 0;
	memset(cols, 0, 8 * 64);
	for (const char *p = line; *p && *p != '\n' && c < 8; p++) {
		if (p[0] == ' ' && p[1] == ' ') {
			while (p[1] == ' ')
				p++;
			c++;
			k = 0;
			continue;
		}
		if (k < 63)
			cols[c][k++] = *p;
	}
}

static void
same_as_cli(const char *name)
{
	char *file = xasprintf("stats-%s.json", name);
	char *json = fixture_read(file, NULL);
	free(file);
	file = xasprintf("stats-%s.txt", name);
	char *txt = fixture_read(file, NULL);
	free(file);
	json[strcspn(json, "\n")] = '\0';
	struct stats_sample s = parse(json);
	struct stats_row r;
	stats_format(&s, &r);
	char cols[8][64];
	cli_columns(txt, cols);
	const char *got[8] = { r.id, r.name, r.cpu, r.mem, r.mem_percent, r.net, r.block, r.pids };
	for (int i = 0; i < 8; i++)
		ck_assert_msg(strcmp(got[i], cols[i]) == 0, "%s column %d: got \"%s\", docker printed \"%s\"",
			      name, i, got[i], cols[i]);
	stats_sample_free(&s);
	free(json);
	free(txt);
}

START_TEST(running_v1)
{
	same_as_cli("web");
	char *json = fixture_read("stats-web.json", NULL);
	struct stats_sample s = parse(json);
	ck_assert(s.running);
	ck_assert(!s.cgroup_v2);
	ck_assert(s.has_precpu);
	ck_assert_str_eq(s.name, "web");
	stats_sample_free(&s);
	free(json);
}
END_TEST

START_TEST(stopped)
{
	same_as_cli("exit3");
	char *json = fixture_read("stats-exit3.json", NULL);
	struct stats_sample s = parse(json);
	ck_assert(!s.running);
	stats_sample_free(&s);
	free(json);
}
END_TEST

/* The doc's live v1 sample: `d58a169efc2d   c_run   0.00%   312KiB / 23.54GiB   0.00%   0B / 0B
 * 0B / 0B   1`. */
START_TEST(doc_sample)
{
	struct stats_sample s = parse(
		"{\"read\":\"2026-12-05T14:29:22.86990933Z\",\"preread\":\"2026-12-05T14:29:21.860510115Z\","
		"\"pids_stats\":{\"current\":1},\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":61897453,"
		"\"percpu_usage\":[1,2]},\"system_cpu_usage\":2535370000000,\"online_cpus\":2},"
		"\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":61897453},\"system_cpu_usage\":2533360000000},"
		"\"memory_stats\":{\"usage\":319488,\"max_usage\":3710976,\"limit\":25276157952,\"stats\":"
		"{\"cache\":4096,\"total_inactive_file\":0,\"inactive_file\":0}},\"networks\":null,"
		"\"blkio_stats\":{\"io_service_bytes_recursive\":[]},\"name\":\"/c_run\","
		"\"id\":\"d58a169efc2d0000000000000000000000000000000000000000000000000000\"}");
	struct stats_row r;
	stats_format(&s, &r);
	ck_assert_str_eq(r.id, "d58a169efc2d");
	ck_assert_str_eq(r.name, "c_run");
	ck_assert_str_eq(r.cpu, "0.00%");
	ck_assert_str_eq(r.mem, "312KiB / 23.54GiB");
	ck_assert_str_eq(r.mem_percent, "0.00%");
	ck_assert_str_eq(r.net, "0B / 0B");
	ck_assert_str_eq(r.block, "0B / 0B");
	ck_assert_str_eq(r.pids, "1");
	stats_sample_free(&s);
}
END_TEST

START_TEST(cgroup_v2)
{
	struct stats_sample s = parse(
		"{\"read\":\"2026-12-05T15:00:00.1Z\",\"preread\":\"2026-12-05T14:59:59.1Z\","
		"\"pids_stats\":{\"current\":3,\"limit\":4615},"
		"\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":3000000000,\"usage_in_kernelmode\":1},"
		"\"system_cpu_usage\":100000000000,\"online_cpus\":4},"
		"\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":2500000000},\"system_cpu_usage\":96000000000,"
		"\"online_cpus\":4},"
		"\"memory_stats\":{\"usage\":52428800,\"stats\":{\"anon\":10485760,\"file\":41943040,"
		"\"inactive_file\":20971520,\"active_file\":20971520},\"limit\":1073741824},"
		"\"networks\":{\"eth0\":{\"rx_bytes\":1500,\"tx_bytes\":2500000},\"eth1\":{\"rx_bytes\":500,"
		"\"tx_bytes\":0}},\"blkio_stats\":{\"io_service_bytes_recursive\":["
		"{\"major\":8,\"minor\":0,\"op\":\"read\",\"value\":4096000},"
		"{\"major\":8,\"minor\":0,\"op\":\"write\",\"value\":12288},"
		"{\"major\":8,\"minor\":16,\"op\":\"Read\",\"value\":1000},"
		"{\"major\":8,\"minor\":16,\"op\":\"Sync\",\"value\":99999}]},"
		"\"name\":\"/v2c\",\"id\":\"0123456789abcdef\"}");
	ck_assert(s.cgroup_v2);
	struct stats_row r;
	stats_format(&s, &r);
	ck_assert_str_eq(r.cpu, "50.00%");
	ck_assert_str_eq(r.mem, "30MiB / 1GiB");
	ck_assert_str_eq(r.mem_percent, "2.93%");
	ck_assert_str_eq(r.net, "2kB / 2.5MB");
	ck_assert_str_eq(r.block, "4.1MB / 12.3kB");
	ck_assert_str_eq(r.pids, "3");
	stats_sample_free(&s);
}
END_TEST

START_TEST(edges)
{
	/* The first streamed sample: no precpu, so 0% (the CLI's rule); online_cpus 0 falls back
	 * to percpu_usage's length; inactive_file above usage is not subtracted. */
	struct stats_sample s = parse(
		"{\"read\":\"2026-12-05T15:00:00Z\",\"preread\":\"0001-01-01T00:00:00Z\","
		"\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":5},\"system_cpu_usage\":10},"
		"\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":0},\"system_cpu_usage\":0},"
		"\"memory_stats\":{\"usage\":1000,\"limit\":4000,\"stats\":{\"inactive_file\":2000}}}");
	ck_assert(!s.has_precpu);
	ck_assert(s.running);
	struct stats_row r;
	stats_format(&s, &r);
	ck_assert_str_eq(r.cpu, "0.00%");	/* ncpu 0: nothing to multiply by */
	ck_assert_str_eq(r.mem, "1000B / 3.906KiB");
	ck_assert_str_eq(r.mem_percent, "25.00%");
	ck_assert_str_eq(r.name, "--");
	stats_sample_free(&s);

	/* A long name is cut at a character, not inside one (found by tests/fuzz/fuzz_stats). */
	char json[1200] = "{\"name\":\"/";
	for (int i = 0; i < 253; i++)
		strcat(json, "x");
	for (int i = 0; i < 4; i++)
		strcat(json, "\xf0\x9d\x84\x9e");	/* U+1D11E, 4 bytes: the first spans byte 255 */
	strcat(json, "\"}");
	s = parse(json);
	stats_format(&s, &r);
	ck_assert_uint_eq(strlen(r.name), 253);
	ck_assert(r.name[252] == 'x');
	stats_sample_free(&s);

	s = parse("{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":300,\"percpu_usage\":[1,2,3]},"
		  "\"system_cpu_usage\":1000},\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":200},"
		  "\"system_cpu_usage\":900},\"memory_stats\":{\"usage\":-5,\"limit\":1e400}}");
	stats_format(&s, &r);
	ck_assert_str_eq(r.cpu, "300.00%");
	ck_assert_str_eq(r.mem, "0B / 0B");
	ck_assert(!s.running);
	stats_sample_free(&s);

	char *err;
	ck_assert(!stats_parse("[1]", 3, &s, &err));
	free(err);
	ck_assert(!stats_parse("{\"a\":1} x", 9, &s, &err));
	free(err);

	char buf[32];
	stats_bytes_size(buf, sizeof(buf), 1023.99);
	ck_assert_str_eq(buf, "1024B");
	stats_bytes_size(buf, sizeof(buf), 1.5 * 1024 * 1024 * 1024 * 1024);
	ck_assert_str_eq(buf, "1.5TiB");
	char *p = stats_path("web", false);
	ck_assert_str_eq(p, "/containers/web/stats?stream=0");
	free(p);
	p = stats_path("a/b", true);
	ck_assert_str_eq(p, "/containers/a%2Fb/stats?stream=1");
	free(p);
}
END_TEST

static Suite *
stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *t = tcase_create("samples");
	tcase_add_test(t, running_v1);
	tcase_add_test(t, stopped);
	tcase_add_test(t, doc_sample);
	tcase_add_test(t, cgroup_v2);
	tcase_add_test(t, edges);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(stats_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
