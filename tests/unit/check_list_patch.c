/* Event-driven edits of the lists (issue 16): an image read alone (its inspect document) is the
 * row /images/json lists; puts replace or insert in the engine's order, tags move, drops go,
 * intermediate images stay hidden without -a; containers likewise, with the by-image index. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "list_patch.h"
#include "xalloc.h"

#define HEX_A "aaaa8a4a394750d61196a1e8cddcb524c02250f1fc2b7b001b6df5c755a7a79d"
#define HEX_B "bbbb8a4a394750d61196a1e8cddcb524c02250f1fc2b7b001b6df5c755a7a79d"
#define HEX_C "cccc8a4a394750d61196a1e8cddcb524c02250f1fc2b7b001b6df5c755a7a79d"

static const char list_json[] =
	"[{\"Created\":300,\"Id\":\"sha256:" HEX_A "\",\"ParentId\":\"\",\"RepoDigests\":[],"
	"\"RepoTags\":[\"a:1\",\"shared:1\"],\"Size\":10},"
	"{\"Created\":100,\"Id\":\"sha256:" HEX_B "\",\"ParentId\":\"\",\"RepoDigests\":[],"
	"\"RepoTags\":[\"b:1\"],\"Size\":20}]";

static struct image_list list;

static void
setup(void)
{
	char *err = NULL;
	ck_assert(images_parse(list_json, strlen(list_json), &list, &err));
}

static void
teardown(void)
{
	image_list_free(&list);
}

static struct image
inspected(const char *doc)
{
	struct image im;
	ck_assert(image_from_inspect(doc, strlen(doc), &im));
	return im;
}

START_TEST(inspect_reads_as_the_list_does)
{
	struct image im = inspected("{\"Id\":\"sha256:" HEX_C "\",\"Parent\":\"sha256:" HEX_A "\","
				    "\"RepoTags\":[\"c:1\"],\"RepoDigests\":[\"c@sha256:" HEX_B "\"],"
				    "\"Created\":\"2026-12-05T14:30:00.123456789Z\",\"Size\":42,\"Config\":{}}");
	ck_assert_str_eq(im.id, "sha256:" HEX_C);
	ck_assert_str_eq(im.parent_id, "sha256:" HEX_A);
	ck_assert_uint_eq(im.ntags, 1);
	ck_assert_str_eq(im.tags[0], "c:1");
	ck_assert_uint_eq(im.ndigests, 1);
	ck_assert_int_eq(im.created, 1796481000);	/* truncated to the second, as the list */
	ck_assert_int_eq(im.size, 42);
	struct image_list one = { .images = xmalloc(sizeof(im)), .nimages = 1 };
	one.images[0] = im;
	image_list_free(&one);
	ck_assert(!image_from_inspect("[]", 2, &im));
	ck_assert(!image_from_inspect("{\"message\":\"No such image\"}", 27, &im));
}
END_TEST

START_TEST(put_inserts_by_created_and_moves_tags)
{
	struct list_garbage g = { 0 };
	struct image *before = list.images;
	image_list_edit_begin(&list, &g);
	ck_assert_ptr_ne(list.images, before);	/* rows of the old array stay valid */
	struct image im = inspected("{\"Id\":\"sha256:" HEX_C "\",\"RepoTags\":[\"c:1\",\"shared:1\"],"
				    "\"Created\":\"1970-01-01T00:03:20Z\",\"Size\":5}");
	image_list_put(&list, &im, false, &g);
	ck_assert_ptr_null(im.id);	/* taken */
	ck_assert_uint_eq(list.nimages, 3);
	ck_assert_str_eq(list.images[1].id, "sha256:" HEX_C);	/* Created 200: between */
	ck_assert_uint_eq(list.images[0].ntags, 1);		/* shared:1 moved off a */
	ck_assert_str_eq(list.images[0].tags[0], "a:1");
	ck_assert_int_eq(list.total_size, 35);
	ck_assert_str_eq(before[0].tags[1], "shared:1");	/* the old entry is intact */
	list_garbage_free(&g);

	/* the same ID again: replaced in place */
	image_list_edit_begin(&list, &g);
	im = inspected("{\"Id\":\"sha256:" HEX_C "\",\"RepoTags\":[\"c:2\"],\"Created\":\"1970-01-01T00:03:20Z\","
		       "\"Size\":5}");
	image_list_put(&list, &im, false, &g);
	ck_assert_uint_eq(list.nimages, 3);
	ck_assert_str_eq(list.images[1].tags[0], "c:2");
	list_garbage_free(&g);
}
END_TEST

START_TEST(drop_and_intermediate_images)
{
	struct list_garbage g = { 0 };
	image_list_edit_begin(&list, &g);
	ck_assert(image_list_drop(&list, HEX_B, &g));	/* without sha256: too */
	ck_assert(!image_list_drop(&list, "sha256:" HEX_B, &g));
	ck_assert_uint_eq(list.nimages, 1);
	ck_assert_int_eq(list.total_size, 10);
	/* a child of a, listed: a untagged is an intermediate image, hidden without -a */
	struct image child = inspected("{\"Id\":\"sha256:" HEX_C "\",\"Parent\":\"sha256:" HEX_A "\","
				       "\"RepoTags\":[\"c:1\"],\"Created\":\"1970-01-01T00:10:00Z\"}");
	image_list_put(&list, &child, false, &g);
	struct image bare = inspected("{\"Id\":\"sha256:" HEX_A "\",\"RepoTags\":[],\"Created\":\"1970-01-01T00:05:00Z\"}");
	image_list_put(&list, &bare, false, &g);
	ck_assert_uint_eq(list.nimages, 1);
	ck_assert_str_eq(list.images[0].id, "sha256:" HEX_C);
	/* with -a it is listed */
	bare = inspected("{\"Id\":\"sha256:" HEX_A "\",\"RepoTags\":[],\"Created\":\"1970-01-01T00:05:00Z\"}");
	image_list_put(&list, &bare, true, &g);
	ck_assert_uint_eq(list.nimages, 2);
	list_garbage_free(&g);
}
END_TEST

static struct container
container(const char *id, int64_t created, const char *image_id)
{
	struct container c = { 0 };
	c.id = xstrdup(id);
	c.created = created;
	c.image_id = xstrdup(image_id);
	c.name = xstrdup(id);
	c.state = xstrdup("exited");
	return c;
}

START_TEST(containers_put_and_drop)
{
	struct container_list cl = { 0 };
	size_t running = 0;
	struct list_garbage g = { 0 };
	container_list_edit_begin(&cl, &g);
	struct container c = container(HEX_A, 10, "sha256:" HEX_C);
	container_list_put(&cl, &c, &g);
	c = container(HEX_B, 20, "sha256:" HEX_C);
	container_list_put(&cl, &c, &g);
	container_list_edit_end(&cl, &g);
	list_garbage_free(&g);
	ck_assert_uint_eq(cl.ncontainers, 2);
	ck_assert_str_eq(cl.containers[0].id, HEX_B);	/* newest first */
	size_t n = containers_count_by_image(&cl, "sha256:" HEX_C, &running);
	ck_assert_uint_eq(n, 2);

	container_list_edit_begin(&cl, &g);
	c = container(HEX_B, 20, "sha256:" HEX_A);	/* the same container, changed */
	container_list_put(&cl, &c, &g);
	ck_assert(container_list_drop(&cl, HEX_A, &g));
	ck_assert(!container_list_drop(&cl, HEX_A, &g));
	container_list_edit_end(&cl, &g);
	list_garbage_free(&g);
	ck_assert_uint_eq(cl.ncontainers, 1);
	ck_assert_uint_eq(containers_count_by_image(&cl, "sha256:" HEX_C, &running), 0);
	ck_assert_uint_eq(containers_count_by_image(&cl, "sha256:" HEX_A, &running), 1);
	container_list_free(&cl);
}
END_TEST

static Suite *
list_patch_suite(void)
{
	Suite *s = suite_create("list_patch");
	TCase *tc = tcase_create("images");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, inspect_reads_as_the_list_does);
	tcase_add_test(tc, put_inserts_by_created_and_moves_tags);
	tcase_add_test(tc, drop_and_intermediate_images);
	suite_add_tcase(s, tc);
	TCase *tcc = tcase_create("containers");
	tcase_add_test(tcc, containers_put_and_drop);
	suite_add_tcase(s, tcc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(list_patch_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
