/* The removal plan (docker image rm): references, untag vs delete, containers that make force
 * needed, what cannot be forced, the command line; and the DELETE answer's parsing.
 * The rules are dockerd 20.10's image_delete.go; tests/engine/40-remove-prune.sh checks the
 * same cases against the real engine. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "containers.h"
#include "images.h"
#include "remove.h"
#include "strbuf.h"
#include "xalloc.h"

#define HEX(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c \
	       c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c
#define ID(c) "sha256:" HEX(c)

#define IMAGE(id, parent, tags, digests, created) \
	"{\"Containers\":-1,\"Created\":" #created ",\"Id\":\"" id "\",\"Labels\":null," \
	"\"ParentId\":\"" parent "\",\"RepoDigests\":" digests ",\"RepoTags\":" tags "," \
	"\"SharedSize\":-1,\"Size\":100,\"VirtualSize\":100}"

#define DIGEST "sha256:d712fd96543b974df5aa574453ca57ffd0c14ddd04871d12ac47a9c124480769"

/* As /images/json?all=1 shapes them (API 1.41: "<none>" placeholders, null lists). */
static const char images_json[] = "["
	/* a: two tags of one repository and one of another */
	IMAGE(ID("a"), "", "[\"bb:1.0\",\"bb:latest\",\"demo/multi:1\"]", "null", 90) ","
	/* b: pushed: a registry tag, its digest, and a local tag */
	IMAGE(ID("b"), "", "[\"127.0.0.1:5000/demo/app:1\",\"demo/app:1\"]",
	      "[\"127.0.0.1:5000/demo/app@" DIGEST "\"]", 89) ","
	/* c: used by an exited container */
	IMAGE(ID("c"), "", "[\"demo/used:1\"]", "null", 88) ","
	/* d: run by a running container */
	IMAGE(ID("d"), "", "[\"demo/run:1\"]", "null", 87) ","
	/* e: dangling, unused */
	IMAGE(ID("e"), "", "[\"<none>:<none>\"]", "[\"<none>@<none>\"]", 86) ","
	/* f: dangling, running container */
	IMAGE(ID("f"), "", "[\"<none>:<none>\"]", "[\"<none>@<none>\"]", 85) ","
	/* 1: base:1 with an intermediate child 2, whose child 3 is dangling (a rebuilt head) */
	IMAGE(ID("1"), "", "[\"base:1\"]", "null", 80) ","
	IMAGE(ID("2"), ID("1"), "[\"<none>:<none>\"]", "[\"<none>@<none>\"]", 81) ","
	IMAGE(ID("3"), ID("2"), "[\"<none>:<none>\"]", "[\"<none>@<none>\"]", 82) ","
	/* 9: known by digest only */
	IMAGE(ID("9"), "", "null", "[\"digonly@" DIGEST "\"]", 70) ","
	/* 8: dangling, exited container */
	IMAGE(ID("8"), "", "[\"<none>:<none>\"]", "[\"<none>@<none>\"]", 69) ","
	/* 7: one tag, used by a running container and a created one */
	IMAGE(ID("7"), "", "[\"two/users:1\"]", "null", 68)
	"]";

#define CONTAINER(id, name, image, state) \
	"{\"Id\":\"" HEX(id) "\",\"Names\":[\"/" name "\"],\"Image\":\"" image "\"," \
	"\"ImageID\":\"" image "\",\"Command\":\"sh\",\"Created\":1,\"State\":\"" state "\"," \
	"\"Status\":\"x\"}"

static const char containers_json[] = "["
	CONTAINER("0", "used-exited", ID("c"), "exited") ","
	CONTAINER("1", "run-d", ID("d"), "running") ","
	CONTAINER("2", "run-f", ID("f"), "running") ","
	CONTAINER("3", "exited-8", ID("8"), "exited") ","
	CONTAINER("4", "created-7", ID("7"), "created") ","
	CONTAINER("5", "running-7", ID("7"), "running")
	"]";

static struct image_list list;
static struct container_list containers;
static struct image_row *rows;
static size_t nrows;
static struct remove_plan plan;

static void
setup(void)
{
	char *err = NULL;
	ck_assert(images_parse(images_json, strlen(images_json), &list, &err));
	ck_assert_msg(containers_parse(containers_json, strlen(containers_json), &containers, &err), "%s",
		      err ? err : "");
	nrows = image_rows_build(&list, false, &rows);
	memset(&plan, 0, sizeof(plan));
}

static void
teardown(void)
{
	remove_plan_free(&plan);
	image_rows_free(rows, nrows);
	container_list_free(&containers);
	image_list_free(&list);
}

/* The row for "repo:tag", "repo@digest" or an image ID (<none> rows). */
static const struct image_row *
row(const char *name)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct image_row *r = &rows[i];
		char *t = xasprintf("%s:%s", r->repo, r->tag), *d = xasprintf("%s@%s", r->repo, r->digest);
		bool hit = (strcmp(r->tag, "<none>") != 0 && strcmp(t, name) == 0) ||
			   (strcmp(r->tag, "<none>") == 0 && strcmp(d, name) == 0) ||
			   (strcmp(r->repo, "<none>") == 0 && strcmp(r->image->id, name) == 0);
		free(t);
		free(d);
		if (hit)
			return r;
	}
	ck_abort_msg("no row %s", name);
	return NULL;
}

static void
plan_for(bool force, bool noprune, const char *a, const char *b, const char *c)
{
	const struct image_row *sel[3];
	size_t n = 0;
	if (a)
		sel[n++] = row(a);
	if (b)
		sel[n++] = row(b);
	if (c)
		sel[n++] = row(c);
	remove_plan_free(&plan);
	remove_plan(&list, sel, n, &containers, force, noprune, &plan);
}

START_TEST(one_of_several_tags_untags)
{
	plan_for(false, false, "bb:latest", NULL, NULL);
	ck_assert_uint_eq(plan.nitems, 1);
	const struct remove_item *it = &plan.items[0];
	ck_assert_str_eq(it->ref, "bb:latest");
	ck_assert_str_eq(it->arg, "bb:latest");
	ck_assert_str_eq(it->image_id, ID("a"));
	ck_assert_int_eq(it->effect, REMOVE_UNTAG);
	ck_assert_int_eq(it->block, REMOVE_OK);
	ck_assert_uint_eq(it->nalso_untagged, 0);
	ck_assert_uint_eq(it->nusers, 0);
	ck_assert_uint_eq(plan.nuntag, 1);
	ck_assert_uint_eq(plan.ndelete, 0);
	ck_assert_str_eq(plan.command, "docker image rm bb:latest");
}
END_TEST

START_TEST(all_tags_in_order_delete_at_the_last)
{
	plan_for(false, false, "bb:1.0", "demo/multi:1", "bb:latest");
	ck_assert_uint_eq(plan.nitems, 3);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_UNTAG);
	ck_assert_int_eq(plan.items[1].effect, REMOVE_UNTAG);
	ck_assert_int_eq(plan.items[2].effect, REMOVE_DELETE);
	ck_assert_uint_eq(plan.ndelete, 1);
	ck_assert_uint_eq(plan.nuntag, 2);
	ck_assert_str_eq(plan.command, "docker image rm bb:1.0 demo/multi:1 bb:latest");
}
END_TEST

START_TEST(last_tag_of_a_repository_takes_its_digest)
{
	plan_for(false, false, "127.0.0.1:5000/demo/app:1", NULL, NULL);
	const struct remove_item *it = &plan.items[0];
	ck_assert_int_eq(it->effect, REMOVE_UNTAG);
	ck_assert_uint_eq(it->nalso_untagged, 1);
	ck_assert_str_eq(it->also_untagged[0], "127.0.0.1:5000/demo/app@" DIGEST);
	/* then the local tag is the last name: the image goes */
	plan_for(false, false, "127.0.0.1:5000/demo/app:1", "demo/app:1", NULL);
	ck_assert_int_eq(plan.items[1].effect, REMOVE_DELETE);
	ck_assert_uint_eq(plan.items[1].nalso_untagged, 0);
	/* the other way round, the digest goes with the image */
	plan_for(false, false, "demo/app:1", "127.0.0.1:5000/demo/app:1", NULL);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_UNTAG);
	ck_assert_uint_eq(plan.items[0].nalso_untagged, 0);
	ck_assert_int_eq(plan.items[1].effect, REMOVE_DELETE);
	ck_assert_uint_eq(plan.items[1].nalso_untagged, 1);
}
END_TEST

START_TEST(stopped_container_needs_force)
{
	plan_for(false, false, "demo/used:1", NULL, NULL);
	const struct remove_item *it = &plan.items[0];
	ck_assert_int_eq(it->block, REMOVE_NEEDS_FORCE);
	/* what force would do */
	ck_assert_int_eq(it->effect, REMOVE_DELETE);
	ck_assert_uint_eq(it->nusers, 1);
	ck_assert_uint_eq(it->nrunning, 0);
	ck_assert_str_eq(it->users[0].name, "used-exited");
	ck_assert_str_eq(it->users[0].state, "exited");
	ck_assert_str_eq(it->users[0].id, HEX("0"));
	ck_assert_uint_eq(plan.nneed_force, 1);
	ck_assert_uint_eq(plan.ndelete + plan.nuntag, 0);

	plan_for(true, false, "demo/used:1", NULL, NULL);
	ck_assert_int_eq(plan.items[0].block, REMOVE_OK);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_DELETE);
	ck_assert_str_eq(plan.command, "docker image rm -f demo/used:1");
}
END_TEST

START_TEST(running_container_force_only_untags)
{
	plan_for(false, false, "demo/run:1", NULL, NULL);
	ck_assert_int_eq(plan.items[0].block, REMOVE_NEEDS_FORCE);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_UNTAG);
	ck_assert_uint_eq(plan.items[0].nrunning, 1);
	plan_for(true, false, "demo/run:1", NULL, NULL);
	ck_assert_int_eq(plan.items[0].block, REMOVE_OK);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_UNTAG);
}
END_TEST

START_TEST(users_running_first)
{
	plan_for(false, false, "two/users:1", NULL, NULL);
	const struct remove_item *it = &plan.items[0];
	ck_assert_uint_eq(it->nusers, 2);
	ck_assert_uint_eq(it->nrunning, 1);
	ck_assert_str_eq(it->users[0].name, "running-7");
	ck_assert_str_eq(it->users[1].name, "created-7");
	ck_assert_int_eq(it->block, REMOVE_NEEDS_FORCE);
}
END_TEST

START_TEST(dangling_by_id)
{
	plan_for(false, false, ID("e"), NULL, NULL);
	const struct remove_item *it = &plan.items[0];
	ck_assert_str_eq(it->ref, ID("e"));
	ck_assert_str_eq(it->arg, "eeeeeeeeeeee");
	ck_assert_int_eq(it->effect, REMOVE_DELETE);
	ck_assert_int_eq(it->block, REMOVE_OK);
	ck_assert_str_eq(plan.command, "docker image rm eeeeeeeeeeee");
	/* a running container: by ID, even force cannot */
	plan_for(true, false, ID("f"), NULL, NULL);
	ck_assert_int_eq(plan.items[0].block, REMOVE_CANNOT);
	ck_assert_uint_eq(plan.ncannot, 1);
	/* a stopped one: force deletes */
	plan_for(false, false, ID("8"), NULL, NULL);
	ck_assert_int_eq(plan.items[0].block, REMOVE_NEEDS_FORCE);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_DELETE);
	plan_for(true, false, ID("8"), NULL, NULL);
	ck_assert_int_eq(plan.items[0].block, REMOVE_OK);
}
END_TEST

START_TEST(children_and_parents)
{
	/* base:1 has a child: its last tag goes, the image stays */
	plan_for(false, false, "base:1", NULL, NULL);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_UNTAG);
	ck_assert_int_eq(plan.items[0].block, REMOVE_OK);
	ck_assert(plan.items[0].has_children);
	/* an intermediate, by ID: cannot be forced */
	plan_for(true, false, ID("2"), NULL, NULL);
	ck_assert_int_eq(plan.items[0].block, REMOVE_CANNOT);
	ck_assert(plan.items[0].has_children);
	/* the dangling head takes its untagged parent, not the tagged grandparent */
	plan_for(false, false, ID("3"), NULL, NULL);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_DELETE);
	ck_assert_uint_eq(plan.items[0].parents_deleted, 1);
	plan_for(false, true, ID("3"), NULL, NULL);
	ck_assert_uint_eq(plan.items[0].parents_deleted, 0);
	ck_assert_str_eq(plan.command, "docker image rm --no-prune 333333333333");
	/* untag base:1 first, then the head: parent and grandparent go */
	plan_for(false, false, "base:1", ID("3"), NULL);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_UNTAG);
	ck_assert_uint_eq(plan.items[1].parents_deleted, 2);
}
END_TEST

START_TEST(digest_only_row)
{
	plan_for(false, false, "digonly@" DIGEST, NULL, NULL);
	ck_assert_str_eq(plan.items[0].ref, "digonly@" DIGEST);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_DELETE);
}
END_TEST

START_TEST(duplicates_and_strangers_dropped)
{
	/* --digests rows repeat a tag per digest: one removal */
	struct image_row *drows;
	size_t nd = image_rows_build(&list, true, &drows);
	const struct image_row *sel[4];
	size_t n = 0;
	for (size_t i = 0; i < nd && n < 2; i++)
		if (strcmp(drows[i].tag, "1.0") == 0)
			sel[n++] = &drows[i];
	ck_assert_uint_eq(n, 1);
	sel[n++] = sel[0];
	/* a row of another list is ignored, and so is NULL */
	struct image other = { 0 };
	char repo[] = "x", tag[] = "1", digest[] = "<none>";
	struct image_row stranger = { .image = &other, .repo = repo, .tag = tag, .digest = digest };
	sel[n++] = &stranger;
	sel[n++] = NULL;
	remove_plan(&list, sel, n, &containers, false, false, &plan);
	ck_assert_uint_eq(plan.nitems, 1);
	ck_assert_str_eq(plan.command, "docker image rm bb:1.0");
	image_rows_free(drows, nd);
}
END_TEST

START_TEST(no_containers_given)
{
	const struct image_row *sel[1] = { row("demo/used:1") };
	remove_plan(&list, sel, 1, NULL, false, false, &plan);
	ck_assert_int_eq(plan.items[0].block, REMOVE_OK);
	ck_assert_int_eq(plan.items[0].effect, REMOVE_DELETE);
	ck_assert_uint_eq(plan.items[0].nusers, 0);
}
END_TEST

START_TEST(empty_selection)
{
	remove_plan(&list, NULL, 0, &containers, true, true, &plan);
	ck_assert_uint_eq(plan.nitems, 0);
	ck_assert_str_eq(plan.command, "docker image rm -f --no-prune");
}
END_TEST

START_TEST(parse_answer)
{
	static const char ok[] = "[{\"Untagged\":\"bb:1.0\"},"
				 "{\"Untagged\":\"bb@sha256:d712\"},"
				 "{\"Deleted\":\"sha256:1f9f\"},{\"Deleted\":\"sha256:68a8\"}]";
	struct remove_result r = { 0 };
	ck_assert(remove_parse(ok, strlen(ok), &r));
	ck_assert_str_eq(r.text, "Untagged: bb:1.0\nUntagged: bb@sha256:d712\n"
				 "Deleted: sha256:1f9f\nDeleted: sha256:68a8");
	ck_assert_uint_eq(r.nuntagged, 2);
	ck_assert_uint_eq(r.ndeleted, 2);
	ck_assert_ptr_null(r.error);
	remove_result_free(&r);

	static const char evil[] = "[{\"Untagged\":\"x\\u001b]0;pwned\\u0007\"}]";
	ck_assert(remove_parse(evil, strlen(evil), &r));
	ck_assert_str_eq(r.text, "Untagged: x\\e]0;pwned\\x07");
	remove_result_free(&r);

	ck_assert(remove_parse("[]", 2, &r));
	ck_assert_str_eq(r.text, "");
	remove_result_free(&r);
	ck_assert(!remove_parse("{\"message\":\"x\"}", 15, &r));
	ck_assert_ptr_nonnull(r.error);
	remove_result_free(&r);
}
END_TEST

static Suite *
remove_suite(void)
{
	Suite *s = suite_create("remove");
	TCase *tc = tcase_create("plan");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, one_of_several_tags_untags);
	tcase_add_test(tc, all_tags_in_order_delete_at_the_last);
	tcase_add_test(tc, last_tag_of_a_repository_takes_its_digest);
	tcase_add_test(tc, stopped_container_needs_force);
	tcase_add_test(tc, running_container_force_only_untags);
	tcase_add_test(tc, users_running_first);
	tcase_add_test(tc, dangling_by_id);
	tcase_add_test(tc, children_and_parents);
	tcase_add_test(tc, digest_only_row);
	tcase_add_test(tc, duplicates_and_strangers_dropped);
	tcase_add_test(tc, no_containers_given);
	tcase_add_test(tc, empty_selection);
	tcase_add_test(tc, parse_answer);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(remove_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
