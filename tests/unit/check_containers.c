/* The container list model: parsing /containers/json?all=1 and the "in use" lookups. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "containers.h"
#include "strbuf.h"
#include "xalloc.h"

#include "fixture.h"

/* $FIXTURES/containers.json: GET /v1.41/containers/json?all=1 from the rig (dockerd 20.10):
 * rig-running (bb:1.0, sleep 600), rig-byid (created from bb's bare hex ID), rig-created
 * (demo/app:1, never started), rig-exited (demo/used:1, ran and exited 0). */
static const char BB_ID[] = "sha256:c801170752698291d369a16e9d812f71449931310bf0b09d5bed3d31c2f8f451";
static const char APP_ID[] = "sha256:34d6a44cac51a14d7418e5e1c8a35573840c63aa247163ae43734c78c4df7424";
static const char USED_ID[] = "sha256:efe8e56c14404e86017dbc9ae236f23d3d8906fd25ac7cc83aca6045ade95ef9";

static struct container_list list;

static void
setup(void)
{
	size_t len;
	char *json = fixture_read("containers.json", &len);
	char *err = NULL;
	ck_assert(containers_parse(json, len, &list, &err));
	ck_assert_ptr_null(err);
	free(json);
}

static void
teardown(void)
{
	container_list_free(&list);
}

static void
parse_inline(const char *json, struct container_list *l)
{
	char *err = NULL;
	ck_assert_msg(containers_parse(json, strlen(json), l, &err), "%s", err ? err : "");
}

START_TEST(parses_fields)
{
	ck_assert_uint_eq(list.ncontainers, 4);
	const struct container *c = &list.containers[0];
	ck_assert_str_eq(c->id, "4381d16b925b90cc5af5133d690341e5f7ecfdf3376267be79038617a760666a");
	ck_assert_str_eq(c->name, "rig-running");
	ck_assert_str_eq(c->image, "bb:1.0");
	ck_assert_str_eq(c->image_id, BB_ID);
	ck_assert_str_eq(c->command, "sleep 600");
	ck_assert_str_eq(c->state, "running");
	ck_assert_str_eq(c->status, "Up Less than a second");
	ck_assert_int_eq(c->created, 1795461308);
	ck_assert(container_is_running(c));
	/* Created from a bare ID: Image is that ID, as given. */
	ck_assert_str_eq(list.containers[1].image,
			 "c801170752698291d369a16e9d812f71449931310bf0b09d5bed3d31c2f8f451");
	ck_assert_str_eq(list.containers[1].state, "created");
	ck_assert(!container_is_running(&list.containers[1]));
	const struct container *x = &list.containers[3];
	ck_assert_str_eq(x->name, "rig-exited");
	ck_assert_str_eq(x->state, "exited");
	ck_assert_str_eq(x->status, "Exited (0) 20 seconds ago");
	ck_assert_str_eq(x->image, "demo/used:1");
}
END_TEST

START_TEST(for_image)
{
	const struct container **v;
	size_t n = containers_for_image(&list, BB_ID, &v);
	ck_assert_uint_eq(n, 2);
	/* The list's order, whatever the index does. */
	ck_assert_str_eq(v[0]->name, "rig-running");
	ck_assert_str_eq(v[1]->name, "rig-byid");
	free(v);
	n = containers_for_image(&list, APP_ID, &v);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0]->name, "rig-created");
	free(v);
	/* Without the "sha256:" prefix (Podman), the same image. */
	n = containers_for_image(&list, USED_ID + 7, &v);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0]->name, "rig-exited");
	free(v);
	n = containers_for_image(&list, "sha256:0000", &v);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(containers_for_image(&list, NULL, &v), 0);
	ck_assert_uint_eq(containers_for_image(&list, "", &v), 0);
	ck_assert_uint_eq(containers_for_image(&list, "sha256:", &v), 0);
	/* A prefix of an ID is not that ID. */
	ck_assert_uint_eq(containers_for_image(&list, "sha256:c801170752698291", &v), 0);
}
END_TEST

START_TEST(count_by_image)
{
	size_t running = 99;
	ck_assert_uint_eq(containers_count_by_image(&list, BB_ID, &running), 2);
	ck_assert_uint_eq(running, 1);
	ck_assert_uint_eq(containers_count_by_image(&list, APP_ID, &running), 1);
	ck_assert_uint_eq(running, 0);
	ck_assert_uint_eq(containers_count_by_image(&list, USED_ID, NULL), 1);
	ck_assert_uint_eq(containers_count_by_image(&list, "sha256:ffff", &running), 0);
	ck_assert_uint_eq(running, 0);
}
END_TEST

START_TEST(names)
{
	struct container_list l;
	parse_inline("[{\"Id\":\"a\",\"Names\":[\"/web/db\",\"/db\"],\"ImageID\":\"sha256:1\"},"
		     "{\"Id\":\"b\",\"Names\":[\"/web/db\"]},"
		     "{\"Id\":\"c\",\"Names\":null},"
		     "{\"Id\":\"d\",\"Names\":[7,\"noslash\"]},"
		     "{\"Id\":\"e\"}]", &l);
	ck_assert_uint_eq(l.ncontainers, 5);
	ck_assert_str_eq(l.containers[0].name, "db");
	ck_assert_str_eq(l.containers[1].name, "web/db");
	ck_assert_str_eq(l.containers[2].name, "");
	ck_assert_str_eq(l.containers[3].name, "noslash");
	ck_assert_str_eq(l.containers[4].name, "");
	ck_assert_str_eq(l.containers[4].state, "");
	ck_assert_str_eq(l.containers[4].image_id, "");
	/* Containers without an ImageID use no image. */
	ck_assert_uint_eq(containers_count_by_image(&l, "", NULL), 0);
	container_list_free(&l);
}
END_TEST

START_TEST(hostile_strings_are_sanitized)
{
	struct container_list l;
	parse_inline("[{\"Id\":\"a\",\"Names\":[\"/x\\u001b]0;pwned\\u0007\"],"
		     "\"Status\":\"Up \\u009b2J\",\"Image\":\"i\\u202e\",\"Created\":1e300}]", &l);
	const struct container *c = &l.containers[0];
	ck_assert_str_eq(c->name, "x\\e]0;pwned\\x07");
	ck_assert_str_eq(c->status, "Up \\u009b2J");
	ck_assert_str_eq(c->image, "i\\u202e");
	ck_assert_int_eq(c->created, INT64_MAX);
	container_list_free(&l);
}
END_TEST

START_TEST(empty_null_and_malformed)
{
	struct container_list l;
	parse_inline("[]", &l);
	ck_assert_uint_eq(l.ncontainers, 0);
	const struct container **v;
	ck_assert_uint_eq(containers_for_image(&l, BB_ID, &v), 0);
	ck_assert_uint_eq(containers_count_by_image(&l, BB_ID, NULL), 0);
	container_list_free(&l);
	parse_inline("null\n", &l);
	ck_assert_uint_eq(l.ncontainers, 0);
	ck_assert_uint_eq(containers_count_by_image(&l, BB_ID, NULL), 0);
	container_list_free(&l);

	static const char *const bad[] = {
		"", "[", "{\"message\":\"page not found\"}", "[\"x\"]", "[{}]x", "[{},null]", "42",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *err = NULL;
		ck_assert_msg(!containers_parse(bad[i], strlen(bad[i]), &l, &err), "accepted %s", bad[i]);
		ck_assert_ptr_nonnull(err);
		ck_assert_uint_eq(l.ncontainers, 0);
		free(err);
		container_list_free(&l);
	}
}
END_TEST

/* The sorted index against a plain scan, over many containers sharing few images. */
START_TEST(index_matches_scan)
{
	struct strbuf sb = STRBUF_INIT;
	sb_putc(&sb, '[');
	unsigned seed = 12345;
	for (int i = 0; i < 2000; i++) {
		seed = seed * 1103515245u + 12345u;
		unsigned img = (seed >> 16) % 37;
		const char *state = (seed >> 8) % 3 == 0 ? "running" : "exited";
		sb_printf(&sb, "%s{\"Id\":\"c%d\",\"ImageID\":\"sha256:%064x\",\"State\":\"%s\"}",
			  i ? "," : "", i, img, state);
	}
	sb_putc(&sb, ']');
	struct container_list l;
	char *json = sb_detach(&sb);
	parse_inline(json, &l);
	free(json);
	ck_assert_uint_eq(l.ncontainers, 2000);
	for (unsigned img = 0; img < 40; img++) {
		char id[80];
		snprintf(id, sizeof(id), "sha256:%064x", img);
		size_t want = 0, want_running = 0;
		for (size_t i = 0; i < l.ncontainers; i++) {
			if (strcmp(l.containers[i].image_id, id) == 0) {
				want++;
				want_running += container_is_running(&l.containers[i]);
			}
		}
		size_t running;
		ck_assert_uint_eq(containers_count_by_image(&l, id, &running), want);
		ck_assert_uint_eq(running, want_running);
		const struct container **v;
		ck_assert_uint_eq(containers_for_image(&l, id, &v), want);
		for (size_t i = 1; i < want; i++)
			ck_assert((uintptr_t)v[i - 1] < (uintptr_t)v[i]);
		free(v);
	}
	container_list_free(&l);
}
END_TEST

static Suite *
containers_suite(void)
{
	Suite *s = suite_create("containers");
	TCase *tc = tcase_create("model");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, parses_fields);
	tcase_add_test(tc, for_image);
	tcase_add_test(tc, count_by_image);
	suite_add_tcase(s, tc);
	TCase *edge = tcase_create("edge");
	tcase_add_test(edge, names);
	tcase_add_test(edge, hostile_strings_are_sanitized);
	tcase_add_test(edge, empty_null_and_malformed);
	tcase_add_test(edge, index_matches_scan);
	suite_add_tcase(s, edge);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(containers_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
