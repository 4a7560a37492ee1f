/* The image list model: parsing /images/json and the rows `docker image ls` prints. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "images.h"
#include "json.h"
#include "strbuf.h"

/* Shapes seen from the real engine (API 1.41): null vs [] lists, "<none>" placeholders,
 * a registry host with a port, an image known only by digest, and sizes past 2^31. */
static const char sample[] =
	"[{\"Containers\":-1,\"Created\":1795342157,"
	"\"Id\":\"sha256:f44ee801bf76b83e429e1293c490952ba0a9b40765cd51e10c361a6098d6b7ae\","
	"\"Labels\":{\"org.example\":\"1\"},\"ParentId\":\"\","
	"\"RepoDigests\":[\"127.0.0.1:5000/demo/app@sha256:d712fd96543b974df5aa574453ca57ffd0c14ddd04871d12ac47a9c124480769\"],"
	"\"RepoTags\":[\"127.0.0.1:5000/demo/app:1\",\"demo/app:1\",\"demo/app:latest\"],\"SharedSize\":-1,\"Size\":1982265,\"VirtualSize\":1982265},"
	"{\"Containers\":-1,\"Created\":1795342152,"
	"\"Id\":\"sha256:1f9f8a4a394750d61196a1e8cddcb524c02250f1fc2b7b001b6df5c755a7a79d\","
	"\"Labels\":null,\"ParentId\":\"\",\"RepoDigests\":null,\"RepoTags\":[\"bb:1.0\"],\"SharedSize\":-1,\"Size\":5000000000,\"VirtualSize\":5000000000},"
	"{\"Containers\":-1,\"Created\":1795342100,"
	"\"Id\":\"sha256:aaaa8a4a394750d61196a1e8cddcb524c02250f1fc2b7b001b6df5c755a7a79d\","
	"\"Labels\":null,\"ParentId\":\"sha256:1f9f\",\"RepoDigests\":[\"<none>@<none>\"],\"RepoTags\":[\"<none>:<none>\"],\"Size\":10},"
	"{\"Containers\":-1,\"Created\":1795342000,"
	"\"Id\":\"sha256:bbbb8a4a394750d61196a1e8cddcb524c02250f1fc2b7b001b6df5c755a7a79d\","
	"\"RepoDigests\":[\"digonly@sha256:d712fd96543b974df5aa574453ca57ffd0c14ddd04871d12ac47a9c124480769\"],\"RepoTags\":[],\"Size\":20}]";

static struct image_list list;

static void
setup(void)
{
	char *err = NULL;
	ck_assert(images_parse(sample, strlen(sample), &list, &err));
	ck_assert_ptr_null(err);
}

static void
teardown(void)
{
	image_list_free(&list);
}

START_TEST(parses_fields)
{
	ck_assert_uint_eq(list.nimages, 4);
	ck_assert_str_eq(list.images[0].id,
			 "sha256:f44ee801bf76b83e429e1293c490952ba0a9b40765cd51e10c361a6098d6b7ae");
	ck_assert_uint_eq(list.images[0].ntags, 3);
	ck_assert_uint_eq(list.images[0].ndigests, 1);
	ck_assert_int_eq(list.images[0].created, 1795342157);
	/* Sizes past INT_MAX must not saturate. */
	ck_assert_int_eq(list.images[1].size, 5000000000LL);
	ck_assert_uint_eq(list.images[1].ndigests, 0);
	/* "<none>:<none>" and "<none>@<none>" are no entries. */
	ck_assert_uint_eq(list.images[2].ntags, 0);
	ck_assert_uint_eq(list.images[2].ndigests, 0);
	ck_assert_int_eq(list.total_size, 1982265 + 5000000000LL + 10 + 20);
}
END_TEST

static const struct image_row *
find_row(const struct image_row *rows, size_t n, const char *repo, const char *tag)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].repo, repo) && !strcmp(rows[i].tag, tag))
			return &rows[i];
	return NULL;
}

START_TEST(rows_as_docker_prints_them)
{
	struct image_row *rows;
	size_t n = image_rows_build(&list, false, &rows);
	/* 3 tags + 1 tag + 1 dangling + 1 digest-only repository */
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(rows[0].repo, "127.0.0.1:5000/demo/app");
	ck_assert_str_eq(rows[0].tag, "1");
	ck_assert_ptr_nonnull(find_row(rows, n, "demo/app", "latest"));
	ck_assert_ptr_nonnull(find_row(rows, n, "<none>", "<none>"));
	const struct image_row *d = find_row(rows, n, "digonly", "<none>");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->digest,
			 "sha256:d712fd96543b974df5aa574453ca57ffd0c14ddd04871d12ac47a9c124480769");
	image_rows_free(rows, n);
}
END_TEST

START_TEST(rows_with_digests)
{
	struct image_row *rows;
	size_t n = image_rows_build(&list, true, &rows);
	ck_assert_uint_eq(n, 6);
	const struct image_row *r = find_row(rows, n, "127.0.0.1:5000/demo/app", "1");
	ck_assert_str_eq(r->digest,
			 "sha256:d712fd96543b974df5aa574453ca57ffd0c14ddd04871d12ac47a9c124480769");
	ck_assert_str_eq(find_row(rows, n, "demo/app", "1")->digest, "<none>");
	image_rows_free(rows, n);
}
END_TEST

START_TEST(sort_orders)
{
	struct image_row *rows;
	size_t n = image_rows_build(&list, false, &rows);
	image_rows_sort(rows, n, IMAGE_SORT_SIZE);
	ck_assert_str_eq(rows[0].repo, "bb");
	ck_assert_int_eq(rows[n - 1].image->size, 10);
	image_rows_sort(rows, n, IMAGE_SORT_REPOSITORY);
	ck_assert_str_eq(rows[0].repo, "127.0.0.1:5000/demo/app");
	ck_assert_str_eq(rows[n - 1].repo, "<none>");	/* leftovers last */
	ck_assert_str_eq(rows[1].repo, "bb");
	image_rows_sort(rows, n, IMAGE_SORT_CREATED);
	for (size_t i = 1; i < n; i++)
		ck_assert_uint_lt(rows[i - 1].order, rows[i].order);
	image_rows_free(rows, n);
}
END_TEST

/* Ties (one image's tags; images of one size) keep one order whatever the engine's: by
 * repository and tag, in every sort. */
START_TEST(sort_ties_by_name)
{
	static const char json[] =
		"[{\"Id\":\"sha256:aa\",\"Created\":5,\"Size\":7,\"RepoTags\":[\"z:2\",\"a:9\",\"z:1\"]},"
		"{\"Id\":\"sha256:bb\",\"Created\":5,\"Size\":7,\"RepoTags\":[\"m:1\"]}]";
	struct image_list l;
	char *err = NULL;
	ck_assert(images_parse(json, sizeof(json) - 1, &l, &err));
	struct image_row *rows;
	size_t n = image_rows_build(&l, false, &rows);
	ck_assert_uint_eq(n, 4);
	static const char *const want[] = { "a:9", "m:1", "z:1", "z:2" };
	/* the sorts whose key ties on every row here (TAG and ID order by what differs) */
	static const enum image_sort tied[] = {
		IMAGE_SORT_CREATED, IMAGE_SORT_REPOSITORY, IMAGE_SORT_SIZE, IMAGE_SORT_DIGEST, IMAGE_SORT_CONTAINERS,
	};
	for (size_t k = 0; k < sizeof(tied) / sizeof(tied[0]); k++) {
		int sort = (int)tied[k];
		image_rows_sort(rows, n, (enum image_sort)sort);
		for (size_t i = 0; i < n; i++) {
			char got[32];
			snprintf(got, sizeof(got), "%s:%s", rows[i].repo, rows[i].tag);
			ck_assert_msg(strcmp(got, want[i]) == 0, "sort %d row %zu: %s, want %s", sort, i, got, want[i]);
		}
	}
	image_rows_free(rows, n);
	image_list_free(&l);
}
END_TEST

START_TEST(filter_matches_repo_tag_and_id)
{
	struct image_row *rows;
	size_t n = image_rows_build(&list, false, &rows);
	const struct image_row *bb = find_row(rows, n, "bb", "1.0");
	ck_assert(image_row_matches(bb, ""));
	ck_assert(image_row_matches(bb, "BB"));
	ck_assert(image_row_matches(bb, "1.0"));
	ck_assert(image_row_matches(bb, "1f9f8a4a"));
	ck_assert(!image_row_matches(bb, "demo"));
	image_rows_free(rows, n);
}
END_TEST

START_TEST(hostile_strings_are_sanitized)
{
	static const char evil[] =
		"[{\"Id\":\"sha256:cc\",\"RepoTags\":[\"x\\u001b]0;pwned\\u0007:1\"],\"Created\":1,\"Size\":1}]";
	struct image_list l;
	char *err = NULL;
	ck_assert(images_parse(evil, strlen(evil), &l, &err));
	ck_assert_ptr_null(strchr(l.images[0].tags[0], 0x1b));
	ck_assert_ptr_null(strchr(l.images[0].tags[0], 0x07));
	image_list_free(&l);
}
END_TEST

/* Sizes near INT64_MAX and negative ones: the total saturates (it overflowed), nothing is
 * negative. */
START_TEST(hostile_sizes)
{
	static const char big[] =
		"[{\"Id\":\"sha256:a1\",\"Size\":9000000000000000000},{\"Id\":\"sha256:a2\",\"Size\":9e18},"
		"{\"Id\":\"sha256:a3\",\"Size\":-2},{\"Id\":\"sha256:a4\",\"Size\":-1e300}]";
	struct image_list l;
	char *err = NULL;
	ck_assert(images_parse(big, strlen(big), &l, &err));
	ck_assert_uint_eq(l.nimages, 4);
	ck_assert(l.total_size == INT64_MAX);
	ck_assert_int_eq(l.images[2].size, 0);
	ck_assert_int_eq(l.images[3].size, 0);
	image_list_free(&l);
}
END_TEST

/* A lone UTF-16 surrogate escape reads as U+FFFD, as Go decodes it; it once failed the whole
 * list. Pairs stay pairs, an escaped backslash before "ud800" is no escape. */
START_TEST(lone_surrogates)
{
	static const char lone[] =
		"[{\"Id\":\"sha256:a1\",\"RepoTags\":[\"a\\ud800:1\"],\"Size\":1},"
		"{\"Id\":\"sha256:a2\",\"RepoTags\":[\"b\\udc00\\ud83d\\ude00\\ud800\\u0041:2\"]},"
		"{\"Id\":\"sha256:a3\",\"RepoTags\":[\"c\\\\ud800:3\"]}]";
	struct image_list l;
	char *err = NULL;
	ck_assert_msg(images_parse(lone, strlen(lone), &l, &err), "%s", err ? err : "");
	ck_assert_uint_eq(l.nimages, 3);
	ck_assert_str_eq(l.images[0].tags[0], "a\xef\xbf\xbd:1");
	ck_assert_str_eq(l.images[1].tags[0], "b\xef\xbf\xbd\xf0\x9f\x98\x80\xef\xbf\xbd" "A:2");
	ck_assert_str_eq(l.images[2].tags[0], "c\\ud800:3");
	image_list_free(&l);
	static const char one[] = "{\"k\":\"\\udfff\"}  ", trailing[] = "{\"k\":\"\\ud800\"} x";
	cJSON *j = json_parse_whole(one, strlen(one));
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "k")->valuestring, "\xef\xbf\xbd");
	cJSON_Delete(j);
	ck_assert_ptr_null(json_parse_whole(trailing, strlen(trailing)));	/* still whole or nothing */
}
END_TEST

static double
now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One image tagged in 100,000 distinct repositories (it took 17.9 s to build its rows, the
 * groups were found by a linear search): rows in first-seen order of the repositories, the
 * tags of each repository together, digest-only repositories last. The time goes to stderr
 * as a bench line; only correctness is asserted. */
START_TEST(many_repositories)
{
	enum { N = 100000 };
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "[{\"Id\":\"sha256:ab\",\"Size\":1,\"RepoTags\":[");
	for (int i = 0; i < N; i++)
		sb_printf(&sb, "%s\"r%06d:t\"", i ? "," : "", (i * 7919) % N);
	sb_puts(&sb, ",\"r000003:second\"],\"RepoDigests\":[\"r000003@sha256:d3\",\"only@sha256:d0\"]}]");
	struct image_list l;
	char *err = NULL;
	ck_assert(images_parse(sb.buf, sb.len, &l, &err));
	sb_free(&sb);
	struct image_row *rows;
	double t0 = now_seconds();
	size_t n = image_rows_build(&l, false, &rows);
	double spent = now_seconds() - t0;
	fprintf(stderr, "# bench: rows of one image in %d repositories: %.3f s\n", N, spent);
	ck_assert_uint_eq(n, N + 2);
	size_t k = 0;
	for (int i = 0; i < N; i++) {
		int r = (i * 7919) % N;
		char want[16];
		snprintf(want, sizeof(want), "r%06d", r);
		ck_assert_str_eq(rows[k].repo, want);
		ck_assert_str_eq(rows[k].tag, "t");
		ck_assert_str_eq(rows[k].digest, r == 3 ? "sha256:d3" : "<none>");
		k++;
		if (r == 3) {
			ck_assert_str_eq(rows[k].repo, "r000003");
			ck_assert_str_eq(rows[k].tag, "second");
			k++;
		}
	}
	ck_assert_str_eq(rows[k].repo, "only");
	ck_assert_str_eq(rows[k].tag, "<none>");
	ck_assert_str_eq(rows[k].digest, "sha256:d0");
	image_rows_free(rows, n);
	image_list_free(&l);
}
END_TEST

START_TEST(bad_json_is_an_error)
{
	struct image_list l;
	char *err = NULL;
	ck_assert(!images_parse("{\"message\":\"x\"}", 15, &l, &err));
	ck_assert_ptr_nonnull(err);
	free(err);
	ck_assert(!images_parse("[{", 2, &l, &err));
	free(err);
}
END_TEST

START_TEST(empty_list)
{
	struct image_list l;
	char *err = NULL;
	ck_assert(images_parse("[]", 2, &l, &err));
	struct image_row *rows;
	ck_assert_uint_eq(image_rows_build(&l, false, &rows), 0);
	image_rows_free(rows, 0);
	image_list_free(&l);
}
END_TEST

/* A body not newest first (an engine that does not sort) gives no head before its end: a first
 * screen from it would not be the list's; a copy of a head outlives the reader. */
START_TEST(out_of_order_settles_nothing)
{
	static const char body[] = "[{\"Created\":300,\"Id\":\"a\",\"RepoTags\":[\"r:1\"]},"
				   "{\"Created\":200,\"Id\":\"b\"},{\"Created\":250,\"Id\":\"c\"},"
				   "{\"Created\":100,\"Id\":\"d\"}";
	struct images_reader r;
	images_reader_init(&r);
	ck_assert(images_reader_feed(&r, body, strlen(body)));
	ck_assert_uint_eq(r.list.nimages, 4);
	ck_assert_uint_eq(images_reader_settled(&r), 0);
	struct image_list copy;
	image_list_copy(r.list.images, 2, &copy);
	images_reader_free(&r);
	ck_assert_uint_eq(copy.nimages, 2);
	ck_assert_str_eq(copy.images[0].tags[0], "r:1");
	ck_assert_uint_eq(copy.images[1].ntags, 0);
	ck_assert_str_eq(copy.images[1].id, "b");
	image_list_free(&copy);
}
END_TEST

/* Read as it arrives (issue 16): any split of the body gives what images_parse gives; the
 * head settles once an older image follows it. */
START_TEST(read_in_pieces)
{
	/* an escaped quote and brackets inside strings, across the splits */
	static const char body[] = " [ {\"Created\":300,\"Id\":\"sha256:a\",\"RepoTags\":[\"x\\\"]}{:1\"],\"Size\":1},"
				   "{\"Created\":300,\"Id\":\"sha256:b\",\"Size\":2},\n"
				   "{\"Created\":100,\"Id\":\"sha256:c\",\"Size\":4} ]";
	size_t len = strlen(body);
	for (size_t piece = 1; piece <= len; piece++) {
		struct images_reader r;
		images_reader_init(&r);
		size_t settled_at_c = 0;
		for (size_t at = 0; at < len; at += piece) {
			ck_assert(images_reader_feed(&r, body + at, at + piece <= len ? piece : len - at));
			if (r.list.nimages == 3 && !settled_at_c)
				settled_at_c = images_reader_settled(&r);
			if (r.list.nimages == 2)
				ck_assert_uint_eq(images_reader_settled(&r), 0);	/* b may not be the last of 300 */
		}
		ck_assert_uint_ge(settled_at_c, 2);	/* 3 when the piece held the end too */
		struct image_list l;
		char *err = NULL;
		ck_assert(images_reader_end(&r, &l, &err));
		ck_assert_uint_eq(l.nimages, 3);
		ck_assert_str_eq(l.images[0].tags[0], "x\"]}{:1");
		ck_assert_str_eq(l.images[2].id, "sha256:c");
		ck_assert_int_eq(l.total_size, 7);
		image_list_free(&l);
	}
	struct images_reader r;
	images_reader_init(&r);
	ck_assert(images_reader_feed(&r, "[{\"Id\":\"a\"}", 11));
	struct image_list l;
	char *err = NULL;
	ck_assert(!images_reader_end(&r, &l, &err));	/* cut short */
	ck_assert_ptr_nonnull(err);
	free(err);
	images_reader_init(&r);
	ck_assert(!images_reader_feed(&r, "[1]", 3));
	images_reader_free(&r);
}
END_TEST

static Suite *
images_suite(void)
{
	Suite *s = suite_create("images");
	TCase *tc = tcase_create("model");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, parses_fields);
	tcase_add_test(tc, rows_as_docker_prints_them);
	tcase_add_test(tc, rows_with_digests);
	tcase_add_test(tc, sort_orders);
	tcase_add_test(tc, sort_ties_by_name);
	tcase_add_test(tc, filter_matches_repo_tag_and_id);
	suite_add_tcase(s, tc);
	TCase *edge = tcase_create("edge");
	tcase_add_test(edge, hostile_strings_are_sanitized);
	tcase_add_test(edge, hostile_sizes);
	tcase_add_test(edge, lone_surrogates);
	tcase_add_test(edge, many_repositories);
	tcase_add_test(edge, bad_json_is_an_error);
	tcase_add_test(edge, empty_list);
	tcase_add_test(edge, read_in_pieces);
	tcase_add_test(edge, out_of_order_settles_nothing);
	suite_add_tcase(s, edge);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(images_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
