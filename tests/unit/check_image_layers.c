/* Layer chains and sizes (src/image_layers.h): chain IDs as the engine names them, which step
 * made which layer, and the sums with shared layers counted once. Fixtures: inspect-base.json
 * and history-base.json (the rig's busybox base, one layer), inspect-app.json and
 * history-app.json (a classic build on it: the base layer, a COPY, a RUN; metadata steps
 * between), captured from dockerd 20.10. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image_layers.h"
#include "images.h"
#include "xalloc.h"

#include "fixture.h"

#define BASE_DIFF "sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106"
#define EMPTY_TAR "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"

static void
parse_fixtures(const char *name, int64_t size, struct image_layers *out)
{
	size_t ilen, hlen;
	char *in = xasprintf("inspect-%s.json", name), *hn = xasprintf("history-%s.json", name);
	char *i = fixture_read(in, &ilen), *h = fixture_read(hn, &hlen), *err = NULL;
	ck_assert(image_layers_parse(i, ilen, h, hlen, size, out, &err));
	ck_assert_ptr_null(err);
	free(i);
	free(h);
	free(in);
	free(hn);
}

START_TEST(chain_ids)
{
	struct image_layers app;
	parse_fixtures("app", 2506619, &app);
	ck_assert_uint_eq(app.n, 3);
	ck_assert(app.sized);
	/* chain[0] is the diff ID; then sha256("<chain> <diff>"), checked with sha256sum. */
	ck_assert_str_eq(app.layers[0].chain, BASE_DIFF);
	ck_assert_str_eq(app.layers[1].chain, "sha256:05bf048ad953e5a28c3be7e561d02408b6cf3038a4dd0a0423481b27cc9784b3");
	ck_assert_str_eq(app.layers[2].chain, "sha256:d7bb1fc4df19cc5bc8476ce3173345b6025c12687ebbac0807f65034f6596990");
	/* The sized steps, oldest first; CMD, EXPOSE, LABEL and ENV made no layer. */
	ck_assert_int_eq(app.layers[0].size, 1982296);
	ck_assert_int_eq(app.layers[1].size, 29);
	ck_assert_int_eq(app.layers[2].size, 524294);
	image_layers_free(&app);
}
END_TEST

/* inspect and history bodies for a made-up image. */
static void
parse_made(const char *const *diffs, size_t n, const char *history, int64_t size, struct image_layers *out)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "{\"Id\":\"sha256:x\",\"RootFS\":{\"Type\":\"layers\",\"Layers\":[");
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s\"%s\"", i ? "," : "", diffs[i]);
	sb_printf(&sb, "]}}");
	char *err = NULL;
	ck_assert(image_layers_parse(sb.buf, sb.len, history, strlen(history), size, out, &err));
	free(sb.buf);
}

#define DIFF2 "sha256:1111111111111111111111111111111111111111111111111111111111111111"
#define DIFF3 "sha256:2222222222222222222222222222222222222222222222222222222222222222"

/* The base's 100 bytes, a layer of 0, then 7: sized, and freed. */
static void
expect_100_0_7(struct image_layers *l)
{
	ck_assert(l->sized);
	ck_assert_uint_eq(l->n, 3);
	ck_assert_int_eq(l->layers[0].size, 100);
	ck_assert_int_eq(l->layers[1].size, 0);
	ck_assert_int_eq(l->layers[2].size, 7);
	image_layers_free(l);
}

START_TEST(zero_size_layers)
{
	struct image_layers l;
	/* Two images of a base (100 bytes), a layer of size 0 and a layer of 7 bytes, with
	 * steps between that made no layer. */
	static const struct {
		const char *second;	/* the second layer's diff ID */
		const char *second_step, *nothing_step;
	} cases[] = {
		/* A RUN that changed nothing (an empty tar) and a commit of nothing that made no
		 * layer, neither telling by its words: the empty tar takes 0, the sized steps the
		 * other layers, in order. */
		{ EMPTY_TAR, "/bin/sh -c true", "" },
		/* A layer of size 0 that is no empty tar (mkdir): the steps that are not metadata. */
		{ DIFF2, "RUN /bin/sh -c mkdir /d", "ENV A=1" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *d[] = { BASE_DIFF, cases[i].second, DIFF3 };
		char *h = xasprintf("[{\"Size\":7,\"CreatedBy\":\"RUN /bin/sh -c echo x >/y\"},"
				    "{\"Size\":0,\"CreatedBy\":\"%s\"},{\"Size\":0,\"CreatedBy\":\"%s\"},"
				    "{\"Size\":100,\"CreatedBy\":\"\"}]", cases[i].nothing_step, cases[i].second_step);
		parse_made(d, 3, h, 107, &l);
		expect_100_0_7(&l);
		free(h);
	}
	const char *d2[] = { BASE_DIFF, DIFF2, DIFF3 };
	/* A history that does not add up to the image's size: chain known, sizes not. */
	parse_made(d2, 3, "[{\"Size\":7,\"CreatedBy\":\"x\"},{\"Size\":100,\"CreatedBy\":\"\"}]", 107, &l);
	ck_assert_uint_eq(l.n, 3);
	ck_assert(!l.sized);
	image_layers_free(&l);
	/* One layer: the image's size, whatever the history says (an import). */
	parse_made(d2, 1, "[]", 55, &l);
	ck_assert(l.sized);
	ck_assert_int_eq(l.layers[0].size, 55);
	image_layers_free(&l);
}
END_TEST

/* base, app (base + COPY + RUN) and app2 (base + another layer): the rig's shape. */
static char id_base[] = "sha256:base", id_app[] = "sha256:app", id_app2[] = "sha256:app2", id_new[] = "sha256:new";
static struct image ims[3] = {
	{ .id = id_base, .size = 1982296 },
	{ .id = id_app, .size = 2506619 },
	{ .id = id_app2, .size = 1982296 + 500 },
};

static struct layer_index *
three(void)
{
	struct layer_index *x = layer_index_new();
	struct image_layers l;
	parse_fixtures("base", ims[0].size, &l);
	layer_index_put(x, ims[0].id, &l);
	parse_fixtures("app", ims[1].size, &l);
	layer_index_put(x, ims[1].id, &l);
	const char *d[] = { BASE_DIFF, DIFF2 };
	parse_made(d, 2, "[{\"Size\":500,\"CreatedBy\":\"RUN x\"},{\"Size\":1982296,\"CreatedBy\":\"\"}]",
		   ims[2].size, &l);
	layer_index_put(x, ims[2].id, &l);
	ck_assert_uint_eq(layer_index_count(x), 3);
	return x;
}

START_TEST(disk_use_counts_shared_layers_once)
{
	struct layer_index *x = three();
	struct image_list list = { ims, 3, 0 };
	int64_t bytes;
	ck_assert_uint_eq(layer_disk_use(x, &list, &bytes), 0);
	ck_assert_int_eq(bytes, 1982296 + 29 + 524294 + 500);	/* not the 6.5MB of the sizes' sum */
	/* An image not learned yet: a lower bound, and said so. */
	struct image more[4] = { ims[0], ims[1], ims[2], { .id = id_new, .size = 9 } };
	struct image_list l4 = { more, 4, 0 };
	ck_assert_uint_eq(layer_disk_use(x, &l4, &bytes), 1);
	ck_assert_int_eq(bytes, 1982296 + 29 + 524294 + 500);
	layer_index_free(x);
}
END_TEST

START_TEST(reclaim_frees_what_no_image_keeps)
{
	struct layer_index *x = three();
	struct image_list list = { ims, 3, 0 };
	int64_t bytes;
	bool one_child[3] = { false, true, false }, both[3] = { false, true, true }, all[3] = { true, true, true };
	bool base_only[3] = { true, false, false };
	ck_assert_uint_eq(layer_reclaim(x, &list, one_child, &bytes), 0);
	ck_assert_int_eq(bytes, 29 + 524294);
	ck_assert_uint_eq(layer_reclaim(x, &list, both, &bytes), 0);
	ck_assert_int_eq(bytes, 29 + 524294 + 500);	/* the base stays: the base image holds it */
	ck_assert_uint_eq(layer_reclaim(x, &list, base_only, &bytes), 0);
	ck_assert_int_eq(bytes, 0);			/* its children keep its layer */
	ck_assert_uint_eq(layer_reclaim(x, &list, all, &bytes), 0);
	ck_assert_int_eq(bytes, 1982296 + 29 + 524294 + 500);
	/* An image whose layers could not be read (kept as such): what stays may hold layers, so
	 * the figure is not exact. */
	struct image_layers none = { 0 };
	layer_index_put(x, id_new, &none);
	struct image more[4] = { ims[0], ims[1], ims[2], { .id = id_new, .size = 9 } };
	struct image_list l4 = { more, 4, 0 };
	bool one_child4[4] = { false, true, false, false };
	ck_assert_uint_eq(layer_reclaim(x, &l4, one_child4, &bytes), 1);
	ck_assert_uint_eq(layer_disk_use(x, &l4, &bytes), 1);
	layer_index_free(x);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("image_layers");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, chain_ids);
	tcase_add_test(tc, zero_size_layers);
	tcase_add_test(tc, disk_use_counts_shared_layers_once);
	tcase_add_test(tc, reclaim_frees_what_no_image_keeps);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
