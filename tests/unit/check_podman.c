/* Podman's Docker-compatible service, from bodies captured off Debian's podman 4.3.1
 * (tests/fixtures/capture-podman.sh): /version names the product, its pull stream is counted
 * in layers and ends with the image ID, its image list has fully qualified names, digest
 * references among RepoTags and localhost/ names, and its search answers in its own shape. Its
 * connections are read as podman 4.3.1 writes containers.conf and podman 5 its JSON file. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "fixture.h"
#include "images.h"
#include "podman_conn.h"
#include "pull.h"
#include "reference.h"
#include "search.h"
#include "xalloc.h"

/* ---- /version ---------------------------------------------------------------------- */

START_TEST(version_names_podman)
{
	size_t len;
	char *body = fixture_read("podman-version.json", &len);
	struct engine_info info;
	memset(&info, 0, sizeof(info));
	ck_assert(engine_info_from_version(&info, body, len));
	ck_assert(info.podman);
	ck_assert_str_eq(info.product, "Podman");
	ck_assert_str_eq(info.engine_version, "4.3.1");
	ck_assert_str_eq(info.os, "linux");
	free(body);
}
END_TEST

START_TEST(version_of_dockerd_is_docker)
{
	size_t len;
	char *body = fixture_read("docker-version.json", &len);
	struct engine_info info;
	memset(&info, 0, sizeof(info));
	ck_assert(engine_info_from_version(&info, body, len));
	ck_assert(!info.podman);
	ck_assert_str_eq(info.product, "Docker");
	ck_assert_str_eq(info.engine_version, "20.10.24+dfsg1");
	free(body);
}
END_TEST

/* The Api-Version header goes into request paths: only N.N with bounded digits is taken. */
START_TEST(api_version_header)
{
	ck_assert(engine_api_version_ok("1.45"));
	ck_assert(engine_api_version_ok("1.24"));
	ck_assert(engine_api_version_ok("1.4"));
	ck_assert(engine_api_version_ok("9999.9999"));
	ck_assert(!engine_api_version_ok("99999999.1"));
	ck_assert(!engine_api_version_ok("1.99999999"));
	ck_assert(!engine_api_version_ok("1.45/../../x"));
	ck_assert(!engine_api_version_ok("1.45 "));
	ck_assert(!engine_api_version_ok("-1.2"));
	ck_assert(!engine_api_version_ok("1"));
	ck_assert(!engine_api_version_ok("1."));
	ck_assert(!engine_api_version_ok(".1"));
	ck_assert(!engine_api_version_ok("1.2.3"));
	ck_assert(!engine_api_version_ok("1.4\x1b[2J"));
	ck_assert(!engine_api_version_ok(""));
	ck_assert(!engine_api_version_ok(NULL));
}
END_TEST

START_TEST(version_edge_cases)
{
	struct engine_info info;
	memset(&info, 0, sizeof(info));
	/* not JSON: Docker, nothing else */
	ck_assert(!engine_info_from_version(&info, "<html>", 6));
	ck_assert_str_eq(info.product, "Docker");
	ck_assert(!info.podman);
	ck_assert_str_eq(info.engine_version, "");
	/* a platform that names Podman, without the component */
	static const char platform[] = "{\"Platform\":{\"Name\":\"Podman Engine\"},\"Version\":\"5.0.0\"}";
	memset(&info, 0, sizeof(info));
	ck_assert(engine_info_from_version(&info, platform, strlen(platform)));
	ck_assert(info.podman);
	ck_assert_str_eq(info.engine_version, "5.0.0");
	/* Docker's own platform name, and a word that only contains "podman" */
	static const char docker[] = "{\"Platform\":{\"Name\":\"Docker Engine - Community\"},"
				     "\"Components\":[{\"Name\":\"Engine\",\"Version\":\"27.0.1\"}],"
				     "\"Version\":\"27.0.1\"}";
	memset(&info, 0, sizeof(info));
	ck_assert(engine_info_from_version(&info, docker, strlen(docker)));
	ck_assert(!info.podman);
	ck_assert_str_eq(info.product, "Docker");
	static const char word[] = "{\"Platform\":{\"Name\":\"notpodmanish\"},\"Version\":\"1\"}";
	memset(&info, 0, sizeof(info));
	ck_assert(engine_info_from_version(&info, word, strlen(word)));
	ck_assert(!info.podman);
	/* the version is sanitized */
	static const char evil[] = "{\"Components\":[{\"Name\":\"Podman Engine\",\"Version\":\"4\\u001b[2J\"}]}";
	memset(&info, 0, sizeof(info));
	ck_assert(engine_info_from_version(&info, evil, strlen(evil)));
	ck_assert_ptr_null(strchr(info.engine_version, '\033'));
}
END_TEST

/* ---- the pull stream --------------------------------------------------------------- */

/* Feeds every line of a captured stream; returns the summaries seen, one a line. */
static char *
feed_fixture(struct pull *p, const char *name)
{
	size_t len;
	char *body = fixture_read(name, &len);
	struct strbuf seen = STRBUF_INIT;
	char last[256] = "";
	int pct = -1;
	for (char *line = body; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		pull_feed(p, line, n);
		char now[256];
		pull_summary(p, now, sizeof(now));
		if (strcmp(now, last) != 0) {
			sb_printf(&seen, "%s\n", now);
			snprintf(last, sizeof(last), "%s", now);
		}
		/* never back */
		ck_assert_int_ge(pull_percent(p), pct);
		pct = pull_percent(p);
		line = nl ? nl + 1 : line + n;
	}
	free(body);
	return sb_detach(&seen);
}

START_TEST(pull_counts_layers)
{
	struct pull p;
	pull_init(&p);
	char *seen = feed_fixture(&p, "podman-pull.jsonl");
	/* one base layer Podman has, three new ones, then the config blob (the image ID) */
	ck_assert_str_eq(seen, "1 of 1 layer\n1 of 2 layers\n1 of 3 layers\n1 of 4 layers\n2 of 4 layers\n"
			       "3 of 4 layers\n4 of 4 layers\n4 of 5 layers\n5 of 5 layers\n4 of 4 layers\n");
	free(seen);
	struct pull_totals t;
	pull_totals(&p, &t);
	ck_assert_uint_eq(t.layers, 4);
	ck_assert_uint_eq(t.layers_done, 4);
	ck_assert_uint_eq(t.layers_existing, 1);
	ck_assert_int_eq(t.bytes_total, 0);
	ck_assert_ptr_nonnull(p.image_id);
	ck_assert_str_eq(p.image_id, "c2f7578ce9fb");
	ck_assert_uint_eq(p.nrows, 5);
	ck_assert_int_eq(p.rows[4].kind, PULL_ROW_IMAGE);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_int_eq(p.rows[i].kind, PULL_ROW_LAYER);
		ck_assert(pull_row_done(&p, &p.rows[i]));
	}
	ck_assert(!pull_row_done(&p, &p.rows[4]));
	char text[PULL_ROW_TEXT_MAX];
	pull_row_text(&p.rows[4], text, sizeof(text));
	ck_assert_str_eq(text, "Image ID: c2f7578ce9fb");
	pull_row_text(&p.rows[1], text, sizeof(text));
	ck_assert_str_eq(text, "85a0b07a882a: Download complete");
	/* no Status line: the runner ends it */
	ck_assert(!p.done);
	ck_assert_ptr_null(p.status);
	ck_assert_ptr_null(p.digest);
	ck_assert_uint_eq(p.nlog, 0);
	pull_finish(&p);
	ck_assert_int_eq(pull_percent(&p), 100);
	char buf[64];
	pull_summary(&p, buf, sizeof(buf));
	ck_assert_str_eq(buf, "4 of 4 layers");
	pull_free(&p);
}
END_TEST

START_TEST(pull_with_byte_counts_keeps_bytes)
{
	/* A slower registry gives Downloading ticks: the byte form of the summary comes back. */
	struct pull p;
	pull_init(&p);
	pull_feed(&p, "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}", 69);
	const char *tick = "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":500,\"total\":1000},"
			   "\"id\":\"aaaaaaaaaaaa\"}";
	pull_feed(&p, tick, strlen(tick));
	char buf[64];
	pull_summary(&p, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0/1 layer, 500B/1kB");
	const char *done = "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}";
	pull_feed(&p, done, strlen(done));
	/* Docker never repeats Download complete; on Podman the second is the image ID */
	pull_feed(&p, done, strlen(done));
	ck_assert_str_eq(p.image_id, "aaaaaaaaaaaa");
	/* the one row was the image's: no layer left to count */
	pull_summary(&p, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
	pull_free(&p);
}
END_TEST

START_TEST(docker_stream_has_no_image_line)
{
	/* With a "Pulling from" header (Docker), a repeated status is just a status. */
	struct pull p;
	pull_init(&p);
	const char *lines[] = {
		"{\"status\":\"Pulling from demo/app\",\"id\":\"1\"}",
		"{\"status\":\"Download complete\",\"id\":\"aaaaaaaaaaaa\"}",
		"{\"status\":\"Download complete\",\"id\":\"aaaaaaaaaaaa\"}",
	};
	for (size_t i = 0; i < 3; i++)
		pull_feed(&p, lines[i], strlen(lines[i]));
	ck_assert_ptr_null(p.image_id);
	ck_assert_int_eq(p.rows[1].kind, PULL_ROW_LAYER);
	pull_free(&p);
}
END_TEST

/* ---- /images/json ------------------------------------------------------------------ */

START_TEST(image_rows_of_podman)
{
	size_t len;
	char *body = fixture_read("podman-images.json", &len);
	struct image_list list;
	char *err = NULL;
	ck_assert_msg(images_parse(body, len, &list, &err), "%s", err ? err : "");
	free(body);
	struct image_row *rows;
	size_t n = image_rows_build(&list, false, &rows);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s:%s\n", rows[i].repo, rows[i].tag);
	/* what `podman images` lists, docker.io made familiar; the digest reference is no tag */
	ck_assert_msg(strstr(sb.buf, "localhost/demo/imported:1\n"), "%s", sb.buf);
	ck_assert_msg(strstr(sb.buf, "localhost/demo/alias:1\n"), "%s", sb.buf);
	ck_assert_msg(strstr(sb.buf, "pmhub:1\n"), "%s", sb.buf);
	ck_assert_msg(!strstr(sb.buf, "docker.io"), "%s", sb.buf);
	ck_assert_msg(strstr(sb.buf, "127.0.0.1:5000/multi/app:<none>\n"), "%s", sb.buf);
	ck_assert_msg(!strstr(sb.buf, "@"), "%s", sb.buf);
	ck_assert_msg(strstr(sb.buf, "127.0.0.1:5000/podman/layers:1\n"), "%s", sb.buf);
	sb_free(&sb);
	image_rows_free(rows, n);
	image_list_free(&list);
}
END_TEST

START_TEST(podman_local_names)
{
	ck_assert(reference_is_podman_local("localhost/demo/app"));
	ck_assert(reference_is_podman_local("localhost/x"));
	ck_assert(!reference_is_podman_local("localhost:5000/demo/app"));
	ck_assert(!reference_is_podman_local("localhost/"));
	ck_assert(!reference_is_podman_local("localhostx/app"));
	ck_assert(!reference_is_podman_local("demo/localhost/app"));
	ck_assert(!reference_is_podman_local("<none>"));
	ck_assert(!reference_is_podman_local(NULL));
}
END_TEST

/* ---- search ------------------------------------------------------------------------ */

START_TEST(search_in_podman_shape)
{
	size_t len;
	char *body = fixture_read("podman-search.json", &len);
	struct search_results r;
	char *err = NULL;
	ck_assert(search_parse(body, len, &r, &err));
	free(body);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(r.v[0].name, "127.0.0.1:5000/podman/layers");
	ck_assert_str_eq(r.v[0].description, "");
	ck_assert_int_eq(r.v[0].stars, 0);
	ck_assert(!r.v[0].official);
	search_results_free(&r);

	static const char ok[] = "[{\"Index\":\"docker.io\",\"Name\":\"docker.io/library/nginx\","
				 "\"Description\":\"Official build\\nof Nginx.\",\"Stars\":19000,"
				 "\"Official\":\"[OK]\",\"Automated\":\"\"}]";
	ck_assert(search_parse(ok, strlen(ok), &r, &err));
	ck_assert_str_eq(r.v[0].name, "docker.io/library/nginx");
	ck_assert_str_eq(r.v[0].description, "Official build of Nginx.");
	ck_assert_int_eq(r.v[0].stars, 19000);
	ck_assert(r.v[0].official);
	ck_assert(!r.v[0].automated);
	search_results_free(&r);
}
END_TEST

/* ---- connections (podman system connection add) ------------------------------------------ */

/* as podman 4.3.1 wrote it: podman system connection add t1 unix://…, then --identity … t2 ssh://… */
static const char conf_text[] =
	"[containers]\n\n[engine]\n  active_service = \"t1\"\n  [engine.service_destinations]\n"
	"    [engine.service_destinations.t1]\n      uri = \"unix:///tmp/pc-test/x.sock\"\n"
	"    [engine.service_destinations.t2]\n      uri = \"ssh://root@127.0.0.1:2222/run/podman/podman.sock\"\n"
	"      identity = \"/tmp/pc-test/id\"\n\n[machine]\n\n[network]\n"
	"# a comment = \"x\"\n[engine.service_destinations.\"with space\"]\nuri = 'unix:///literal'  # tail\n";

START_TEST(connections_from_containers_conf)
{
	struct podman_conn_list l = { 0 };
	char *active = NULL;
	podman_conn_read_conf(conf_text, &l, &active);
	ck_assert_str_eq(active, "t1");
	ck_assert_uint_eq(l.n, 3);
	ck_assert_str_eq(l.v[0].name, "t1");
	ck_assert_str_eq(l.v[0].uri, "unix:///tmp/pc-test/x.sock");
	ck_assert_ptr_null(l.v[0].identity);
	ck_assert_str_eq(l.v[1].name, "t2");
	ck_assert_str_eq(l.v[1].uri, "ssh://root@127.0.0.1:2222/run/podman/podman.sock");
	ck_assert_str_eq(l.v[1].identity, "/tmp/pc-test/id");
	ck_assert_str_eq(l.v[2].name, "with space");
	ck_assert_str_eq(l.v[2].uri, "unix:///literal");
	free(active);
	podman_conn_list_free(&l);
}
END_TEST

START_TEST(connections_json_wins)
{
	struct podman_conn_list l = { 0 };
	char *active = NULL, *def = NULL;
	podman_conn_read_conf(conf_text, &l, &active);
	static const char json[] = "{\"Connection\":{\"Default\":\"box\",\"Connections\":{"
		"\"box\":{\"URI\":\"ssh://core@10.0.0.2:22/run/user/1000/podman/podman.sock\","
		"\"Identity\":\"/home/u/.ssh/id\",\"IsMachine\":false},"
		"\"t1\":{\"URI\":\"unix:///run/podman/podman.sock\"}}},\"Farm\":{}}";
	podman_conn_read_json(json, strlen(json), &l, &def);
	ck_assert_str_eq(def, "box");
	ck_assert_uint_eq(l.n, 4);
	ck_assert_str_eq(l.v[0].uri, "unix:///run/podman/podman.sock");	/* t1, replaced */
	ck_assert_str_eq(l.v[3].name, "box");
	ck_assert_str_eq(l.v[3].identity, "/home/u/.ssh/id");
	/* not JSON, or no connections: nothing changes */
	podman_conn_read_json("{", 1, &l, &def);
	podman_conn_read_json("{\"Connection\":{}}", 17, &l, &def);
	ck_assert_uint_eq(l.n, 4);
	ck_assert_str_eq(def, "box");
	free(active);
	free(def);
	podman_conn_list_free(&l);
}
END_TEST

START_TEST(connections_from_the_environment)
{
	char dir[] = "/tmp/check-podman-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *conf = xasprintf("%s/c.conf", dir), *json = xasprintf("%s/p.json", dir);
	FILE *f = fopen(conf, "w");
	fputs(conf_text, f);
	fclose(f);
	f = fopen(json, "w");
	fputs("{\"Connection\":{\"Connections\":{\"a\":{\"URI\":\"unix:///a.sock\"},\"nouri\":{}}}}", f);
	fclose(f);
	setenv("CONTAINERS_CONF", conf, 1);
	setenv("PODMAN_CONNECTIONS_CONF", json, 1);
	struct podman_conn_list l;
	podman_connections(&l);
	/* in name order; a connection without an address is left out; t1 is active_service */
	ck_assert_uint_eq(l.n, 4);
	ck_assert_str_eq(l.v[0].name, "a");
	ck_assert_str_eq(l.v[1].name, "t1");
	ck_assert(l.v[1].is_default);
	ck_assert(!l.v[0].is_default && !l.v[2].is_default && !l.v[3].is_default);
	ck_assert_str_eq(l.v[3].name, "with space");
	podman_conn_list_free(&l);
	unsetenv("CONTAINERS_CONF");
	unsetenv("PODMAN_CONNECTIONS_CONF");
	unlink(conf);
	unlink(json);
	rmdir(dir);
	free(conf);
	free(json);
}
END_TEST

static Suite *
podman_suite(void)
{
	Suite *s = suite_create("podman");
	TCase *tc = tcase_create("version");
	tcase_add_test(tc, version_names_podman);
	tcase_add_test(tc, version_of_dockerd_is_docker);
	tcase_add_test(tc, version_edge_cases);
	tcase_add_test(tc, api_version_header);
	suite_add_tcase(s, tc);
	tc = tcase_create("pull");
	tcase_add_test(tc, pull_counts_layers);
	tcase_add_test(tc, pull_with_byte_counts_keeps_bytes);
	tcase_add_test(tc, docker_stream_has_no_image_line);
	suite_add_tcase(s, tc);
	tc = tcase_create("images");
	tcase_add_test(tc, image_rows_of_podman);
	tcase_add_test(tc, podman_local_names);
	tcase_add_test(tc, search_in_podman_shape);
	suite_add_tcase(s, tc);
	tc = tcase_create("connections");
	tcase_add_test(tc, connections_from_containers_conf);
	tcase_add_test(tc, connections_json_wins);
	tcase_add_test(tc, connections_from_the_environment);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(podman_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
