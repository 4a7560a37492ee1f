/* The Details tree: rows over an inspect document, folding, search, paths and values. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jtree.h"
#include "strbuf.h"
#include "template.h"
#include "xalloc.h"

#include "fixture.h"

/*
 * $FIXTURES/inspect-NAME.json: GET /v1.41/images/IMAGE/json from the rig (dockerd 20.10.24,
 * see tests/fixtures/capture-inspect.sh). NAME: app (demo/app:1: COPY RUN ENV LABEL EXPOSE
 * CMD), base (bb:1.0, docker import), rich (HEALTHCHECK, VOLUME, USER, ONBUILD, SHELL,
 * ENTRYPOINT, labels with quotes, <, > and &), evil (a label holding ESC ] 0 ; BEL ESC [ 2 J).
 */

static struct jtree *
tree_of(const char *fixture)
{
	char *text = fixture_read(fixture, NULL);
	cJSON *doc = cJSON_Parse(text);
	ck_assert_msg(doc != NULL, "%s does not parse", fixture);
	free(text);
	return jtree_new(doc);
}

static struct jtree *
tree_inline(const char *json)
{
	cJSON *doc = cJSON_Parse(json);
	ck_assert_msg(doc != NULL, "bad test JSON: %s", json);
	return jtree_new(doc);
}

/* Row whose label is `label` among the visible rows, starting at `from`. */
static size_t
row_labelled(const struct jtree *t, size_t from, const char *label)
{
	for (size_t r = from; r < jtree_count(t); r++) {
		char *l = jtree_label(t, r);
		bool hit = strcmp(l, label) == 0;
		free(l);
		if (hit)
			return r;
	}
	ck_abort_msg("no row labelled %s", label);
	return 0;
}

static void
assert_value(const struct jtree *t, size_t row, const char *want)
{
	char *v = jtree_value_text(t, row);
	ck_assert_str_eq(v, want);
	free(v);
}

static void
assert_label(const struct jtree *t, size_t row, const char *want)
{
	char *v = jtree_label(t, row);
	ck_assert_str_eq(v, want);
	free(v);
}

START_TEST(initial_rows)
{
	struct jtree *t = tree_of("inspect-app.json");
	/* the 18 members of an API 1.41 inspect document, in document order, all folded */
	ck_assert_uint_eq(jtree_count(t), 18);
	assert_label(t, 0, "Id");
	assert_label(t, 17, "Metadata");
	struct jtree_row r;
	for (size_t i = 0; i < jtree_count(t); i++) {
		ck_assert(jtree_row(t, i, &r));
		ck_assert_int_eq(r.depth, 0);
		ck_assert(!r.expanded);
		ck_assert_ptr_nonnull(r.key);
		ck_assert_uint_eq(r.index, i);
	}
	ck_assert(!jtree_row(t, 18, &r));
	ck_assert_ptr_null(jtree_label(t, 18));
	ck_assert_ptr_null(jtree_value_text(t, 18));

	size_t tags = row_labelled(t, 0, "RepoTags");
	ck_assert(jtree_row(t, tags, &r));
	ck_assert_int_eq(r.kind, JTREE_ARRAY);
	ck_assert_uint_eq(r.nchildren, 2);
	assert_value(t, tags, "[2]");
	assert_value(t, row_labelled(t, 0, "Size"), "2506619");
	assert_value(t, row_labelled(t, 0, "Os"), "\"linux\"");
	assert_value(t, row_labelled(t, 0, "Comment"), "\"\"");
	size_t cfg = row_labelled(t, 0, "Config");
	ck_assert(jtree_row(t, cfg, &r));
	ck_assert_int_eq(r.kind, JTREE_OBJECT);
	ck_assert_uint_eq(r.nchildren, 18);
	assert_value(t, cfg, "{18}");
	jtree_free(t);
}
END_TEST

START_TEST(fold_and_unfold)
{
	struct jtree *t = tree_of("inspect-app.json");
	size_t cfg = row_labelled(t, 0, "Config");
	ck_assert(jtree_expand(t, cfg));
	ck_assert(!jtree_expand(t, cfg));	/* already open */
	ck_assert_uint_eq(jtree_count(t), 18 + 18);
	assert_value(t, cfg, "");
	assert_label(t, cfg + 1, "Hostname");
	struct jtree_row r;
	ck_assert(jtree_row(t, cfg + 1, &r));
	ck_assert_int_eq(r.depth, 1);

	size_t cmd = row_labelled(t, cfg, "Cmd");
	assert_value(t, cmd, "[2]");
	ck_assert(jtree_toggle(t, cmd));
	assert_label(t, cmd + 1, "[0]");
	assert_value(t, cmd + 1, "\"/bin/cat\"");
	ck_assert(jtree_row(t, cmd + 2, &r));
	ck_assert_ptr_null(r.key);
	ck_assert_uint_eq(r.index, 1);
	ck_assert_int_eq(r.depth, 2);

	size_t parent;
	ck_assert(jtree_parent(t, cmd + 2, &parent));
	ck_assert_uint_eq(parent, cmd);
	ck_assert(jtree_parent(t, cmd, &parent));
	ck_assert_uint_eq(parent, cfg);
	ck_assert(!jtree_parent(t, cfg, &parent));

	/* scalars and empty containers do not fold */
	ck_assert(!jtree_expand(t, cmd + 1));
	size_t vols = row_labelled(t, cfg, "Volumes");
	assert_value(t, vols, "null");
	size_t onbuild = row_labelled(t, cfg, "OnBuild");
	ck_assert(!jtree_toggle(t, onbuild));

	ck_assert(jtree_collapse(t, cfg));
	ck_assert_uint_eq(jtree_count(t), 18);
	/* the inner fold state survives */
	ck_assert(jtree_expand(t, cfg));
	ck_assert_uint_eq(jtree_count(t), 18 + 18 + 2);

	jtree_collapse_all(t);
	ck_assert_uint_eq(jtree_count(t), 18);
	jtree_expand_all(t);
	size_t all = jtree_count(t);
	ck_assert_uint_gt(all, 60);
	for (size_t i = 0; i < all; i++) {
		ck_assert(jtree_row(t, i, &r));
		ck_assert(r.nchildren == 0 || r.expanded);
	}
	jtree_collapse_all(t);
	cfg = row_labelled(t, 0, "Config");
	ck_assert(jtree_expand_subtree(t, cfg));
	ck_assert(!jtree_expand_subtree(t, cfg));
	ck_assert_uint_eq(jtree_count(t), 18 + 18 + 2 + 2 + 1 + 2);	/* Env, Cmd, ExposedPorts, Labels */
	jtree_free(t);
}
END_TEST

START_TEST(scalar_texts)
{
	struct jtree *t = tree_inline(
		"{\"big\":5000000000,\"neg\":-3,\"max\":9007199254740992,\"over\":9007199254740994,"
		"\"tenth\":0.1,\"huge\":1e300,\"t\":true,\"f\":false,\"n\":null,\"e\":{},\"a\":[],"
		"\"s\":\"tab\\there \\\"q\\\" \\\\ \\u001b[2J \\u007f \\u2028 <&> \\u00e9\"}");
	assert_value(t, 0, "5000000000");
	assert_value(t, 1, "-3");
	assert_value(t, 2, "9007199254740992");
	assert_value(t, 3, "9007199254740994");
	assert_value(t, 4, "0.1");
	assert_value(t, 5, "1e+300");
	assert_value(t, 6, "true");
	assert_value(t, 7, "false");
	assert_value(t, 8, "null");
	assert_value(t, 9, "{}");
	assert_value(t, 10, "[]");
	/* JSON-escaped as Go writes it: no control character is left for the terminal */
	assert_value(t, 11, "\"tab\\there \\\"q\\\" \\\\ \\u001b[2J \x7f \\u2028 <&> \xc3\xa9\"");
	struct jtree_row r;
	ck_assert(jtree_row(t, 8, &r));
	ck_assert_int_eq(r.kind, JTREE_NULL);
	ck_assert(jtree_row(t, 6, &r));
	ck_assert_int_eq(r.kind, JTREE_BOOL);
	ck_assert(jtree_row(t, 0, &r));
	ck_assert_int_eq(r.kind, JTREE_NUMBER);
	ck_assert(!jtree_expand(t, 9));	/* empty object */
	jtree_free(t);
}
END_TEST

START_TEST(escape_sequences_are_escaped)
{
	struct jtree *t = tree_of("inspect-evil.json");
	size_t cfg = row_labelled(t, 0, "Config");
	const cJSON *evil = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(jtree_node(t, cfg), "Labels"), "evil");
	ck_assert_ptr_nonnull(evil);
	ck_assert_ptr_nonnull(strchr(evil->valuestring, '\033'));
	size_t row;
	ck_assert(jtree_reveal(t, evil, &row));
	char *v = jtree_value_text(t, row);
	ck_assert_str_eq(v, "\"\\u001b]0;pwned\\u0007\\u001b[2J\"");
	for (const char *p = v; *p; p++)
		ck_assert_msg((unsigned char)*p >= 0x20, "control byte in value text");
	free(v);
	v = jtree_value_json(t, row);
	ck_assert_str_eq(v, "\"\\u001b]0;pwned\\u0007\\u001b[2J\"");
	free(v);
	jtree_free(t);
}
END_TEST

START_TEST(long_strings_are_cut)
{
	size_t n = 1024 * 1024;
	char *big = xmalloc(n + 1);
	for (size_t i = 0; i < n; i += 2) {	/* "é" repeated: cuts must not split it */
		big[i] = (char)0xc3;
		big[i + 1] = (char)0xa9;
	}
	big[n] = '\0';
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "Label", big);
	struct jtree *t = jtree_new(doc);
	char *v = jtree_value_text(t, 0);
	size_t len = strlen(v);
	ck_assert_uint_le(len, JTREE_TEXT_MAX + 8);
	ck_assert_uint_ge(len, JTREE_TEXT_MAX - 8);
	ck_assert_str_eq(v + len - 4, "\xe2\x80\xa6\"");
	ck_assert_int_eq(v[0], '"');
	ck_assert_int_eq((unsigned char)v[len - 5], 0xa9);	/* a whole "é" before the "…" */
	free(v);
	v = jtree_value_json(t, 0);	/* never cut */
	ck_assert_uint_eq(strlen(v), n + 2);
	free(v);
	size_t row;
	ck_assert(jtree_search(t, 0, "\xc3\xa9\xc3\xa9", true, &row));
	ck_assert_uint_eq(row, 0);
	free(big);
	jtree_free(t);
}
END_TEST

START_TEST(search_all_nodes)
{
	struct jtree *t = tree_of("inspect-app.json");
	size_t row;
	/* in folded parts, case-insensitive, document order: ContainerConfig comes before Config */
	ck_assert(jtree_search(t, 0, "HELLO.TXT", true, &row));
	const cJSON *n = jtree_node(t, row);
	ck_assert_str_eq(n->valuestring, "CMD [\"/bin/cat\" \"/srv/hello.txt\"]");
	size_t parent, grand;
	ck_assert(jtree_parent(t, row, &parent));
	assert_label(t, parent, "Cmd");
	ck_assert(jtree_parent(t, parent, &grand));
	assert_label(t, grand, "ContainerConfig");

	ck_assert(jtree_search(t, row, "hello.txt", true, &row));
	ck_assert_str_eq(jtree_node(t, row)->valuestring, "/srv/hello.txt");
	assert_label(t, row, "[1]");
	ck_assert(jtree_parent(t, row, &parent));
	ck_assert(jtree_parent(t, parent, &grand));
	assert_label(t, grand, "Config");
	size_t second = row;

	/* wraps around */
	ck_assert(jtree_search(t, row, "hello.txt", true, &row));
	ck_assert_str_eq(jtree_node(t, row)->valuestring, "CMD [\"/bin/cat\" \"/srv/hello.txt\"]");
	ck_assert(jtree_search(t, row, "hello.txt", false, &row));
	ck_assert_uint_eq(row, second);

	/* keys match too; numbers by their text */
	jtree_collapse_all(t);
	ck_assert(jtree_search(t, 0, "Maintainer", true, &row));
	assert_label(t, row, "maintainer");
	ck_assert(jtree_search(t, 0, "2506619", true, &row));
	assert_label(t, row, "Size");
	/* from past the end: forward starts at the top, backward at the bottom */
	ck_assert(jtree_search(t, (size_t)-1, "LastTagTime", true, &row));
	assert_label(t, row, "LastTagTime");
	ck_assert(jtree_search(t, (size_t)-1, "sha256:", false, &row));
	ck_assert(jtree_parent(t, row, &parent));
	assert_label(t, parent, "Layers");

	ck_assert(!jtree_search(t, 0, "no such text anywhere", true, &row));
	ck_assert(!jtree_search(t, 0, "", true, &row));
	jtree_free(t);
}
END_TEST

START_TEST(reveal_and_find)
{
	struct jtree *t = tree_of("inspect-app.json");
	const cJSON *doc = jtree_doc(t);
	const cJSON *title = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "Config"), "Labels"),
		"org.opencontainers.image.title");
	size_t row;
	ck_assert(!jtree_find_row(t, title, &row));
	ck_assert(jtree_reveal(t, title, &row));
	ck_assert_ptr_eq(jtree_node(t, row), title);
	size_t again;
	ck_assert(jtree_find_row(t, title, &again));
	ck_assert_uint_eq(again, row);
	ck_assert(!jtree_reveal(t, doc, &row));	/* the root is no row */
	cJSON *other = cJSON_CreateString("x");
	ck_assert(!jtree_reveal(t, other, &row));
	cJSON_Delete(other);
	jtree_free(t);
}
END_TEST

START_TEST(paths)
{
	struct jtree *t = tree_of("inspect-app.json");
	const cJSON *doc = jtree_doc(t);
	const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(doc, "Config");
	struct {
		const cJSON *node;
		const char *path;
	} cases[] = {
		{ cJSON_GetObjectItemCaseSensitive(doc, "Id"), "{{.Id}}" },
		{ cJSON_GetObjectItemCaseSensitive(cfg, "Cmd"), "{{.Config.Cmd}}" },
		{ cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "RepoTags"), 1), "{{index .RepoTags 1}}" },
		{ cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cfg, "Labels"), "maintainer"),
		  "{{.Config.Labels.maintainer}}" },
		{ cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cfg, "Labels"),
						   "org.opencontainers.image.title"),
		  "{{index .Config.Labels \"org.opencontainers.image.title\"}}" },
		{ cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cfg, "ExposedPorts"), "8080/tcp"),
		  "{{index .Config.ExposedPorts \"8080/tcp\"}}" },
		{ doc, "{{.}}" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *p = jtree_node_path(t, cases[i].node);
		ck_assert_str_eq(p, cases[i].path);
		free(p);
	}
	size_t row;
	ck_assert(jtree_reveal(t, cases[2].node, &row));
	char *p = jtree_path(t, row);
	ck_assert_str_eq(p, "{{index .RepoTags 1}}");
	free(p);
	ck_assert_ptr_null(jtree_path(t, 10000));
	jtree_free(t);

	t = tree_inline("{\"a\":[{\"b\":[1,{\"c d\":{\"e\":true}}]}],\"we\\\"ird\\n\\u0001\\\\\":0,\"_x9\":1,\"9x\":2}");
	jtree_expand_all(t);
	const char *want[] = {
		"{{.a}}",
		"{{index .a 0}}",
		"{{(index .a 0).b}}",
		"{{index (index .a 0).b 0}}",
		"{{index (index .a 0).b 1}}",
		"{{index (index .a 0).b 1 \"c d\"}}",
		"{{(index (index .a 0).b 1 \"c d\").e}}",
		"{{index . \"we\\\"ird\\n\\x01\\\\\"}}",
		"{{._x9}}",
		"{{index . \"9x\"}}",
	};
	ck_assert_uint_eq(jtree_count(t), sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < jtree_count(t); i++) {
		p = jtree_path(t, i);
		ck_assert_str_eq(p, want[i]);
		free(p);
	}
	jtree_free(t);
}
END_TEST

/* Every node's path, evaluated as docker would, names that node again (also where budu cannot
 * print the value: {{.Config}} of an image with a HEALTHCHECK would show a Go pointer). */
START_TEST(paths_round_trip)
{
	const char *fixtures[] = { "inspect-app.json", "inspect-base.json", "inspect-rich.json",
				   "inspect-evil.json" };
	for (size_t f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		struct jtree *t = tree_of(fixtures[f]);
		jtree_expand_all(t);
		for (size_t i = 0; i < jtree_count(t); i++) {
			char *p = jtree_path(t, i);
			struct template_result res;
			bool ok = template_eval(p, jtree_doc(t), &res);
			ck_assert_msg(ok || strncmp(res.error, "not supported", 13) == 0, "%s %s: %s", fixtures[f],
				      p, res.error);
			ck_assert_msg(res.node == jtree_node(t, i), "%s: %s names another node", fixtures[f], p);
			template_result_free(&res);
			free(p);
		}
		jtree_free(t);
	}
	struct jtree *t = tree_inline("{\"a\":[{\"b\":[1,{\"c d\":{\"e\":true}}]}],\"we\\\"ird\\n\\u0001\\\\\":0}");
	jtree_expand_all(t);
	for (size_t i = 0; i < jtree_count(t); i++) {
		char *p = jtree_path(t, i);
		struct template_result res;
		ck_assert_msg(template_eval(p, jtree_doc(t), &res), "%s: %s", p, res.error);
		ck_assert_msg(res.node == jtree_node(t, i), "%s names another node", p);
		template_result_free(&res);
		free(p);
	}
	jtree_free(t);
}
END_TEST

/* Each depth-0 member as compact JSON is the engine's own text (it writes compact JSON in
 * document order and, like Go, escapes no <, > or &). */
START_TEST(value_json)
{
	const char *fixtures[] = { "inspect-app.json", "inspect-rich.json", "inspect-evil.json" };
	for (size_t f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		char *text = fixture_read(fixtures[f], NULL);
		struct jtree *t = tree_of(fixtures[f]);
		for (size_t i = 0; i < jtree_count(t); i++) {
			char *key = jtree_label(t, i);
			char *v = jtree_value_json(t, i);
			char *member = xasprintf("\"%s\":%s", key, v);
			ck_assert_msg(strstr(text, member) != NULL, "%s: %s", fixtures[f], member);
			free(member);
			free(v);
			free(key);
		}
		jtree_free(t);
		free(text);
	}
}
END_TEST

START_TEST(odd_documents)
{
	struct jtree *t = jtree_new(NULL);
	ck_assert_uint_eq(jtree_count(t), 0);
	size_t row;
	ck_assert(!jtree_search(t, 0, "x", true, &row));
	jtree_expand_all(t);
	ck_assert_uint_eq(jtree_count(t), 0);
	jtree_free(t);

	t = tree_inline("[\"a\",[1,2],{}]");
	ck_assert_uint_eq(jtree_count(t), 3);
	assert_label(t, 0, "[0]");
	assert_label(t, 1, "[1]");
	assert_value(t, 1, "[2]");
	char *p = jtree_path(t, 1);
	ck_assert_str_eq(p, "{{index . 1}}");
	free(p);
	jtree_free(t);

	t = tree_inline("42");
	ck_assert_uint_eq(jtree_count(t), 0);
	jtree_free(t);
	jtree_free(NULL);
}
END_TEST

static double
now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 20,000 labels: opening, moving and folding stay cheap (generous bounds: sanitizers). */
START_TEST(many_labels)
{
	enum { N = 20000 };
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "{\"Id\":\"sha256:x\",\"Config\":{\"Labels\":{");
	for (int i = 0; i < N; i++)
		sb_printf(&sb, "%s\"org.example.label%05d\":\"value %d\"", i ? "," : "", i, i);
	sb_puts(&sb, "}},\"Os\":\"linux\"}");
	double t0 = now_seconds();
	struct jtree *t = tree_inline(sb.buf);
	sb_free(&sb);
	ck_assert_uint_eq(jtree_count(t), 3);

	size_t row;
	ck_assert(jtree_search(t, 0, "LABEL19999", true, &row));
	ck_assert_uint_eq(jtree_count(t), 3 + 1 + N);
	ck_assert_uint_eq(row, 2 + N);
	size_t parent;
	ck_assert(jtree_parent(t, row, &parent));
	assert_label(t, parent, "Labels");
	/* moving = reading rows: each is O(1) */
	for (size_t i = 0; i < jtree_count(t); i++) {
		char *l = jtree_label(t, i);
		char *v = jtree_value_text(t, i);
		free(l);
		free(v);
	}
	char *p = jtree_path(t, row);
	ck_assert_str_eq(p, "{{index .Config.Labels \"org.example.label19999\"}}");
	free(p);
	for (int k = 0; k < 50; k++) {
		ck_assert(jtree_collapse(t, parent));
		ck_assert(jtree_expand(t, parent));
	}
	jtree_expand_all(t);
	jtree_collapse_all(t);
	ck_assert_uint_eq(jtree_count(t), 3);
	double spent = now_seconds() - t0;
	ck_assert_msg(spent < 5.0, "20,000 labels took %.2fs", spent);
	jtree_free(t);
}
END_TEST

static Suite *
jtree_suite(void)
{
	Suite *s = suite_create("jtree");
	TCase *tc = tcase_create("rows");
	tcase_add_test(tc, initial_rows);
	tcase_add_test(tc, fold_and_unfold);
	tcase_add_test(tc, scalar_texts);
	tcase_add_test(tc, escape_sequences_are_escaped);
	tcase_add_test(tc, long_strings_are_cut);
	tcase_add_test(tc, search_all_nodes);
	tcase_add_test(tc, reveal_and_find);
	tcase_add_test(tc, paths);
	tcase_add_test(tc, paths_round_trip);
	tcase_add_test(tc, value_json);
	tcase_add_test(tc, odd_documents);
	tcase_add_test(tc, many_labels);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(jtree_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
