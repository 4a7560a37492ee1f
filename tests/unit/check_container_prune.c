/* `docker container prune`: the preview from the list against what the engine removed. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "container_prune.h"
#include "containers.h"

#include "fixture.h"

/*
 * From tests/fixtures/capture-containers.sh, on one engine, one after the other:
 *   containers-size.json   GET /containers/json?all=1&size=1 (containers-size.now: its second)
 *   container-prune-until.json  POST /containers/prune with until=T (container-prune.until: T,
 *                               a Unix second between the three oldest containers and the rest)
 *   container-prune.json   POST /containers/prune, right after: the rest of the stopped ones
 */

static int64_t
fixture_int(const char *name)
{
	char *s = fixture_read(name, NULL);
	int64_t v = strtoll(s, NULL, 10);
	free(s);
	return v;
}

static void
parse_list(const char *name, struct container_list *l)
{
	size_t len;
	char *json = fixture_read(name, &len);
	char *err = NULL;
	ck_assert_msg(containers_parse(json, len, l, &err), "%s", err ? err : "");
	free(json);
}

static void
parse_answer(const char *name, struct container_prune_result *r)
{
	size_t len;
	char *json = fixture_read(name, &len);
	memset(r, 0, sizeof(*r));
	ck_assert(container_prune_parse(json, len, r));
	free(json);
}

static bool
in_answer(const struct container_prune_result *r, const char *id)
{
	for (size_t i = 0; i < r->ndeleted; i++)
		if (strcmp(r->deleted[i], id) == 0)
			return true;
	return false;
}

/* The preview removes exactly what the engine did, and predicts SpaceReclaimed. */
static void
assert_same(const struct container_prune_preview *p, const struct container_prune_result *a,
	    const struct container_prune_result *b)
{
	size_t want = a->ndeleted + (b ? b->ndeleted : 0);
	ck_assert_uint_eq(p->ncontainers, want);
	for (size_t i = 0; i < p->ncontainers; i++) {
		const char *id = p->containers[i]->id;
		ck_assert_msg(in_answer(a, id) || (b && in_answer(b, id)), "%s (%s) not pruned by the engine",
			      p->containers[i]->name, id);
	}
	ck_assert(p->space_known);
	ck_assert_int_eq(p->space, a->reclaimed + (b ? b->reclaimed : 0));
}

START_TEST(preview_until)
{
	struct container_list l;
	parse_list("containers-size.json", &l);
	struct container_prune_result a;
	parse_answer("container-prune-until.json", &a);
	int64_t now = fixture_int("containers-size.now"), t = fixture_int("container-prune.until");
	ck_assert_int_gt(now, t);
	struct container_prune_preview p;
	container_prune_preview(&l, now - t, now, &p);
	assert_same(&p, &a, NULL);
	ck_assert_uint_eq(p.ncontainers, 3);
	ck_assert_int_eq(p.space, 49152);
	ck_assert_uint_eq(p.nkept_running, 3);	/* c-running, c-health, c-paused */
	ck_assert_uint_eq(p.nkept_until, 8);
	/* Newest first, as the list. */
	ck_assert_str_eq(p.containers[0]->name, "c-old-exit");
	container_prune_preview_free(&p);
	container_prune_result_free(&a);
	container_list_free(&l);
}
END_TEST

START_TEST(preview_all)
{
	struct container_list l;
	parse_list("containers-size.json", &l);
	struct container_prune_result a, b;
	parse_answer("container-prune-until.json", &a);
	parse_answer("container-prune.json", &b);
	struct container_prune_preview p;
	container_prune_preview(&l, CONTAINER_PRUNE_NO_UNTIL, fixture_int("containers-size.now"), &p);
	/* The two prunes together removed every stopped container, once. */
	assert_same(&p, &a, &b);
	ck_assert_uint_eq(p.ncontainers, 11);
	ck_assert_uint_eq(p.nkept_until, 0);
	for (size_t i = 0; i < p.ncontainers; i++) {
		ck_assert(container_is_stopped(p.containers[i]));
		ck_assert_msg(!(in_answer(&a, p.containers[i]->id) && in_answer(&b, p.containers[i]->id)),
			      "pruned twice");
	}
	container_prune_preview_free(&p);
	container_prune_result_free(&a);
	container_prune_result_free(&b);
	container_list_free(&l);
}
END_TEST

/* Without size=1 the same containers, and the space unknown. */
START_TEST(preview_without_sizes)
{
	struct container_list l;
	parse_list("containers-ls.json", &l);
	struct container_prune_preview p;
	container_prune_preview(&l, CONTAINER_PRUNE_NO_UNTIL, fixture_int("containers-ls.now"), &p);
	ck_assert_uint_eq(p.ncontainers, 11);
	ck_assert(!p.space_known);
	ck_assert_int_eq(p.space, 0);
	container_prune_preview_free(&p);
	container_list_free(&l);
	/* Restarting containers are kept; dead and removing ones go. */
	static const char json[] = "[{\"Id\":\"a\",\"State\":\"restarting\",\"SizeRootFs\":1},"
				   "{\"Id\":\"b\",\"State\":\"dead\",\"SizeRw\":5,\"SizeRootFs\":9},"
				   "{\"Id\":\"c\",\"State\":\"removing\",\"SizeRw\":7,\"SizeRootFs\":9}]";
	char *err = NULL;
	ck_assert(containers_parse(json, strlen(json), &l, &err));
	container_prune_preview(&l, CONTAINER_PRUNE_NO_UNTIL, 0, &p);
	ck_assert_uint_eq(p.ncontainers, 2);
	ck_assert_uint_eq(p.nkept_running, 1);
	ck_assert(p.space_known);
	ck_assert_int_eq(p.space, 12);
	container_prune_preview_free(&p);
	container_list_free(&l);
	/* An empty list: nothing, and nothing to measure. */
	ck_assert(containers_parse("[]", 2, &l, &err));
	container_prune_preview(&l, 3600, 0, &p);
	ck_assert_uint_eq(p.ncontainers, 0);
	ck_assert_int_eq(p.space, 0);
	container_prune_preview_free(&p);
	container_list_free(&l);
}
END_TEST

START_TEST(answers)
{
	struct container_prune_result r;
	parse_answer("container-prune-until.json", &r);
	ck_assert_uint_eq(r.ndeleted, 3);
	ck_assert_uint_eq(strlen(r.deleted[0]), 64);
	ck_assert_int_eq(r.reclaimed, 49152);
	char *want = NULL;
	/* As the CLI prints it: the IDs, a blank line, the total (HumanSize). */
	ck_assert(strncmp(r.text, "Deleted Containers:\n", 20) == 0);
	ck_assert_ptr_nonnull(strstr(r.text, r.deleted[2]));
	const char *tail = "\n\nTotal reclaimed space: 49.15kB";
	ck_assert_str_eq(r.text + strlen(r.text) - strlen(tail), tail);
	free(want);
	container_prune_result_free(&r);

	static const char none[] = "{\"ContainersDeleted\":null,\"SpaceReclaimed\":0}";
	memset(&r, 0, sizeof(r));
	ck_assert(container_prune_parse(none, strlen(none), &r));
	ck_assert_uint_eq(r.ndeleted, 0);
	ck_assert_str_eq(r.text, "Total reclaimed space: 0B");
	container_prune_result_free(&r);

	static const char evil[] = "{\"ContainersDeleted\":[\"a\\u001b[2J\",7],\"SpaceReclaimed\":1}";
	memset(&r, 0, sizeof(r));
	ck_assert(container_prune_parse(evil, strlen(evil), &r));
	ck_assert_uint_eq(r.ndeleted, 1);
	ck_assert_str_eq(r.deleted[0], "a\\e[2J");
	container_prune_result_free(&r);

	static const char *const bad[] = { "", "[]", "null", "{}x", "{" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&r, 0, sizeof(r));
		ck_assert_msg(!container_prune_parse(bad[i], strlen(bad[i]), &r), "accepted %s", bad[i]);
		ck_assert_ptr_nonnull(r.error);
		container_prune_result_free(&r);
	}
}
END_TEST

START_TEST(filters_and_command)
{
	ck_assert_ptr_null(container_prune_filters(CONTAINER_PRUNE_NO_UNTIL));
	char *f = container_prune_filters(3600);
	ck_assert_str_eq(f, "{\"until\":{\"3600s\":true}}");
	free(f);
	char *c = container_prune_command(CONTAINER_PRUNE_NO_UNTIL);
	ck_assert_str_eq(c, "docker container prune -f");
	free(c);
	c = container_prune_command(86400);
	ck_assert_str_eq(c, "docker container prune -f --filter until=86400s");
	free(c);
	ck_assert_str_eq(container_prune_warning(), "WARNING! This will remove all stopped containers.");
}
END_TEST

static Suite *
prune_suite(void)
{
	Suite *s = suite_create("container_prune");
	TCase *tc = tcase_create("prune");
	tcase_add_test(tc, preview_until);
	tcase_add_test(tc, preview_all);
	tcase_add_test(tc, preview_without_sizes);
	tcase_add_test(tc, answers);
	tcase_add_test(tc, filters_and_command);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(prune_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
