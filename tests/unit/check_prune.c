/* The prune preview against what the real engine pruned, and the prune answer's parsing.
 *
 * Fixtures (tests/fixtures/capture-prune.sh, dockerd 20.10, API 1.41): images-all.json
 * (/images/json?all=1), images.json, images-containers.json and images.now (the engine's clock)
 * describe one state; prune-dangling.json, prune-all.json and prune-all-until.json are the
 * engine's answers to POST /images/prune from that very state (dangling; -a; -a with
 * until=200000h). The state holds a seeded dangling image (parent bb:1.0), a dangling build
 * head with two intermediate parents of its own, an image known only by digest, a dangling
 * image used by a container, bb:1.0 (4 names, used by running and created containers),
 * demo/app:1 (a registry tag and digest too, used by a created container), and three images
 * dated 2000, two of which share their layer. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "containers.h"
#include "images.h"
#include "prune.h"
#include "strbuf.h"
#include "xalloc.h"

#include "fixture.h"

static struct image_list all, heads;
static struct container_list containers;
static int64_t now;

static void
setup(void)
{
	size_t len;
	char *err = NULL;
	char *json = fixture_read("images-all.json", &len);
	ck_assert(images_parse(json, len, &all, &err));
	free(json);
	json = fixture_read("images.json", &len);
	ck_assert(images_parse(json, len, &heads, &err));
	free(json);
	json = fixture_read("images-containers.json", &len);
	ck_assert(containers_parse(json, len, &containers, &err));
	free(json);
	json = fixture_read("images.now", NULL);
	now = strtoll(json, NULL, 10);
	free(json);
	ck_assert_int_gt(now, 1700000000);
}

static void
teardown(void)
{
	image_list_free(&all);
	image_list_free(&heads);
	container_list_free(&containers);
}

static bool
is_image(const struct image_list *l, const char *id)
{
	for (size_t i = 0; i < l->nimages; i++)
		if (strcmp(l->images[i].id, id) == 0)
			return true;
	return false;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "a\nb\n..." sorted, for set comparisons. */
static char *
sorted_lines(char **v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_str);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s\n", v[i]);
	return sb_detach(&sb);
}

/* The preview's deleted image IDs and untagged references against the engine's answer
 * (whose "deleted" lines also name layers: only image IDs count). */
static void
compare_with_engine(const char *fixture, enum prune_mode mode, int64_t until, int64_t *predicted,
		    int64_t *reclaimed)
{
	struct prune_preview p;
	prune_preview(&all, &containers, mode, until, now, &p);

	size_t len;
	char *json = fixture_read(fixture, &len);
	struct prune_result r = { 0 };
	ck_assert(prune_parse(json, len, &r));
	free(json);

	char **want_del = xcalloc(r.ndeleted + 1, sizeof(char *)), **got_del = xcalloc(p.nimages + 1, sizeof(char *));
	size_t nwant = 0, ngot = 0;
	for (size_t i = 0; i < r.ndeleted; i++)
		if (is_image(&all, r.deleted[i]))
			want_del[nwant++] = r.deleted[i];
	for (size_t i = 0; i < p.nimages; i++)
		if (p.images[i].deleted)
			got_del[ngot++] = p.images[i].id;
	ck_assert_uint_eq(ngot, p.ndeleted);
	char *want = sorted_lines(want_del, nwant), *got = sorted_lines(got_del, ngot);
	ck_assert_str_eq(got, want);
	free(want);
	free(got);

	/* untagged: the engine's lines against the preview's */
	char **want_un = xcalloc(r.nuntagged + 1, sizeof(char *)), **got_un = xcalloc(p.nuntagged + 1, sizeof(char *));
	size_t nwu = 0, ngu = 0;
	char *text = xstrdup(r.text);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		if (strncmp(line, "untagged: ", 10) == 0)
			want_un[nwu++] = line + 10;
	for (size_t i = 0; i < p.nimages; i++)
		for (size_t k = 0; k < p.images[i].nuntagged; k++)
			got_un[ngu++] = p.images[i].untagged[k];
	ck_assert_uint_eq(nwu, r.nuntagged);
	want = sorted_lines(want_un, nwu);
	got = sorted_lines(got_un, ngu);
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
	free(text);

	/* the prediction is an upper bound of what the engine freed */
	ck_assert_int_ge(p.reclaim_max, r.reclaimed);
	ck_assert_int_ge(p.size_total, p.reclaim_max);
	*predicted = p.reclaim_max;
	*reclaimed = r.reclaimed;
	free(want_del);
	free(got_del);
	free(want_un);
	free(got_un);
	prune_result_free(&r);
	prune_preview_free(&p);
}

START_TEST(dangling_equals_the_engine)
{
	int64_t predicted, reclaimed;
	compare_with_engine("prune-dangling.json", PRUNE_DANGLING, PRUNE_NO_UNTIL, &predicted, &reclaimed);
	/* Every deleted layer here hangs off a ParentId link or is an image's own: exact. */
	ck_assert_int_eq(predicted, reclaimed);
	ck_assert_int_eq(reclaimed, 65571);
}
END_TEST

START_TEST(all_equals_the_engine)
{
	int64_t predicted, reclaimed;
	compare_with_engine("prune-all.json", PRUNE_ALL, PRUNE_NO_UNTIL, &predicted, &reclaimed);
	/* Over by what /images/json cannot show: demo/evil and demo/hangul are imports of the
	 * busybox rootfs bb:1.0 holds (1982296 bytes each, and bb stays), and old/a and old/b
	 * share their 11-byte layer (counted twice, freed once). */
	ck_assert_int_eq(reclaimed, 196667);
	ck_assert_int_eq(predicted - reclaimed, 2 * 1982296 + 11);
}
END_TEST

START_TEST(all_until_equals_the_engine)
{
	int64_t predicted, reclaimed;
	/* 200000h back from 2026 is 2004: only the images of 2000 and 2001. */
	compare_with_engine("prune-all-until.json", PRUNE_ALL, 200000 * 3600LL, &predicted, &reclaimed);
	ck_assert_int_eq(reclaimed, 33);
	ck_assert_int_eq(predicted, 44);
}
END_TEST

static const struct prune_image *
find_preview(const struct prune_preview *p, const char *tag_or_id)
{
	for (size_t i = 0; i < p->nimages; i++) {
		const struct image *im = p->images[i].image;
		if (strcmp(im->id, tag_or_id) == 0)
			return &p->images[i];
		for (size_t t = 0; t < im->ntags; t++)
			if (strcmp(im->tags[t], tag_or_id) == 0)
				return &p->images[i];
	}
	return NULL;
}

START_TEST(all_keeps_one_name_of_a_used_image)
{
	struct prune_preview p;
	prune_preview(&all, &containers, PRUNE_ALL, PRUNE_NO_UNTIL, now, &p);
	/* bb:1.0 runs a container: the engine untags in lexical order of the full names
	 * (docker.io/demo/multi:1, docker.io/library/bb:1.0, :latest, :stable) until the last one
	 * needs force. */
	const struct prune_image *bb = find_preview(&p, "bb:stable");
	ck_assert_ptr_nonnull(bb);
	ck_assert(!bb->deleted);
	ck_assert_uint_eq(bb->nuntagged, 3);
	ck_assert_str_eq(bb->untagged[0], "demo/multi:1");
	ck_assert_str_eq(bb->untagged[1], "bb:1.0");
	ck_assert_str_eq(bb->untagged[2], "bb:latest");
	/* demo/used:1 (an exited container, one name) stays whole */
	ck_assert_ptr_null(find_preview(&p, "demo/used:1"));
	prune_preview_free(&p);
}
END_TEST

START_TEST(dangling_takes_parents_and_spares_used)
{
	struct prune_preview p;
	prune_preview(&all, &containers, PRUNE_DANGLING, PRUNE_NO_UNTIL, now, &p);
	size_t parents = 0;
	for (size_t i = 0; i < p.nimages; i++) {
		ck_assert(p.images[i].deleted);
		ck_assert_int_eq(p.images[i].created, p.images[i].image->created);
		if (p.images[i].parent)
			parents++;
		/* the dangling image a container uses stays */
		ck_assert_uint_eq(containers_count_by_image(&containers, p.images[i].id, NULL), 0);
	}
	/* the old build head's two intermediates */
	ck_assert_uint_eq(parents, 2);
	ck_assert_uint_eq(p.ndeleted, 6);
	/* the seeded dangling image adds nothing over bb:1.0, its parent */
	for (size_t i = 0; i < p.nimages; i++)
		if (p.images[i].size == 1982296)
			ck_assert_int_eq(p.images[i].unique, 0);
	prune_preview_free(&p);
}
END_TEST

START_TEST(until_in_the_future_or_past)
{
	struct prune_preview p;
	/* until=0s: everything created up to now */
	prune_preview(&all, &containers, PRUNE_DANGLING, 0, now, &p);
	ck_assert_uint_eq(p.ndeleted, 6);
	prune_preview_free(&p);
	/* until longer than the images' age: nothing */
	prune_preview(&all, &containers, PRUNE_ALL, now, now, &p);
	ck_assert_uint_eq(p.nimages, 0);
	ck_assert_int_eq(p.reclaim_max, 0);
	prune_preview_free(&p);
}
END_TEST

START_TEST(no_containers_means_unused)
{
	struct prune_preview p;
	prune_preview(&all, NULL, PRUNE_ALL, PRUNE_NO_UNTIL, now, &p);
	ck_assert_uint_eq(p.ndeleted, all.nimages);
	prune_preview_free(&p);
}
END_TEST

START_TEST(default_list_misses_intermediates)
{
	/* From /images/json without all=1 the build head's parents are unknown. */
	struct prune_preview p;
	prune_preview(&heads, &containers, PRUNE_DANGLING, PRUNE_NO_UNTIL, now, &p);
	ck_assert_uint_eq(p.ndeleted, 4);
	for (size_t i = 0; i < p.nimages; i++)
		ck_assert(!p.images[i].parent);
	prune_preview_free(&p);
}
END_TEST

START_TEST(parse_answers)
{
	static const char empty[] = "{\"ImagesDeleted\":null,\"SpaceReclaimed\":0}\n";
	struct prune_result r = { 0 };
	ck_assert(prune_parse(empty, strlen(empty), &r));
	ck_assert_str_eq(r.text, "");
	ck_assert_uint_eq(r.ndeleted, 0);
	ck_assert_int_eq(r.reclaimed, 0);
	prune_result_free(&r);

	static const char big[] = "{\"ImagesDeleted\":[{\"Untagged\":\"bb:1.0\"},"
				  "{\"Deleted\":\"sha256:1f9f\"},{\"Untagged\":\"\\u001b[2Jx\"}],"
				  "\"SpaceReclaimed\":5000000000}";
	ck_assert(prune_parse(big, strlen(big), &r));
	ck_assert_str_eq(r.text, "untagged: bb:1.0\ndeleted: sha256:1f9f\nuntagged: \\e[2Jx");
	ck_assert_uint_eq(r.ndeleted, 1);
	ck_assert_str_eq(r.deleted[0], "sha256:1f9f");
	ck_assert_uint_eq(r.nuntagged, 2);
	ck_assert_int_eq(r.reclaimed, 5000000000LL);
	prune_result_free(&r);

	ck_assert(!prune_parse("[]", 2, &r));
	ck_assert_ptr_nonnull(r.error);
	prune_result_free(&r);
	ck_assert(!prune_parse("{", 1, &r));
	prune_result_free(&r);
}
END_TEST

START_TEST(filters_as_the_cli_sends)
{
	char *f = prune_filters(PRUNE_DANGLING, PRUNE_NO_UNTIL);
	ck_assert_str_eq(f, "{\"dangling\":{\"true\":true}}");
	free(f);
	f = prune_filters(PRUNE_ALL, 86400);
	ck_assert_str_eq(f, "{\"dangling\":{\"false\":true},\"until\":{\"86400s\":true}}");
	free(f);
	f = prune_filters(PRUNE_ALL, 0);
	ck_assert_str_eq(f, "{\"dangling\":{\"false\":true},\"until\":{\"0s\":true}}");
	free(f);
}
END_TEST

START_TEST(go_durations)
{
	int64_t s = -5;
	ck_assert(prune_parse_duration("24h", &s));
	ck_assert_int_eq(s, 86400);
	ck_assert(prune_parse_duration("1h30m", &s));
	ck_assert_int_eq(s, 5400);
	ck_assert(prune_parse_duration("2.5h", &s));
	ck_assert_int_eq(s, 9000);
	ck_assert(prune_parse_duration("90s", &s));
	ck_assert_int_eq(s, 90);
	ck_assert(prune_parse_duration("1500ms", &s));
	ck_assert_int_eq(s, 1);
	ck_assert(prune_parse_duration("10m5s", &s));
	ck_assert_int_eq(s, 605);
	ck_assert(prune_parse_duration("0", &s));
	ck_assert_int_eq(s, 0);
	ck_assert(prune_parse_duration(".5m", &s));
	ck_assert_int_eq(s, 30);
	ck_assert(prune_parse_duration("200000h", &s));
	ck_assert_int_eq(s, 720000000LL);
	ck_assert(!prune_parse_duration("", &s));
	ck_assert(!prune_parse_duration(NULL, &s));
	ck_assert(!prune_parse_duration("24", &s));
	ck_assert(!prune_parse_duration("-1h", &s));
	ck_assert(!prune_parse_duration("1d", &s));
	ck_assert(!prune_parse_duration("h", &s));
	ck_assert(!prune_parse_duration("1h ", &s));
	ck_assert(!prune_parse_duration("3000000h", &s));
}
END_TEST

START_TEST(reclaimed_line)
{
	char *s = prune_reclaimed_line(1982256);
	ck_assert_str_eq(s, "Total reclaimed space: 1.982MB");
	free(s);
	s = prune_reclaimed_line(0);
	ck_assert_str_eq(s, "Total reclaimed space: 0B");
	free(s);
	s = prune_reclaimed_line(65571);
	ck_assert_str_eq(s, "Total reclaimed space: 65.57kB");
	free(s);
}
END_TEST

static Suite *
prune_suite(void)
{
	Suite *s = suite_create("prune");
	TCase *tc = tcase_create("preview");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, dangling_equals_the_engine);
	tcase_add_test(tc, all_equals_the_engine);
	tcase_add_test(tc, all_until_equals_the_engine);
	tcase_add_test(tc, all_keeps_one_name_of_a_used_image);
	tcase_add_test(tc, dangling_takes_parents_and_spares_used);
	tcase_add_test(tc, until_in_the_future_or_past);
	tcase_add_test(tc, no_containers_means_unused);
	tcase_add_test(tc, default_list_misses_intermediates);
	suite_add_tcase(s, tc);
	TCase *run = tcase_create("answer");
	tcase_add_test(run, parse_answers);
	tcase_add_test(run, filters_as_the_cli_sends);
	tcase_add_test(run, go_durations);
	tcase_add_test(run, reclaimed_line);
	suite_add_tcase(s, run);
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
