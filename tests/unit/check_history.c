/* The history model: parsing /images/{id}/history, the cells `docker image history` prints,
 * and the Dockerfile instruction behind each step. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "strbuf.h"
#include "xalloc.h"

#include "fixture.h"

/*
 * Fixtures in $FIXTURES were captured from a private engine (dockerd and CLI 20.10.24+dfsg1,
 * seeded by tests/rig/rig.sh; see tests/fixtures/capture-history.sh):
 *   history-NAME.json          GET /v1.41/images/IMAGE/history
 *   history-NAME.txt           /usr/bin/docker image history IMAGE
 *   history-NAME-notrunc.txt   the same with --no-trunc
 *   history-NAME.now           the Unix second both ran in (CREATED is "N seconds ago" then)
 * NAME: app (demo/app:1, classic build), base (bb:1.0, docker import), hist (every classic
 * instruction, SHELL, ARG, a tab and Hangul in RUN), bk (BuildKit), epoch (docker load of a
 * config with steps at 0, 2000-01-01, 2000-01-01T00:00:01Z and no date).
 */

static int64_t
fixture_now(const char *name)
{
	char *s = fixture_read(name, NULL);
	int64_t now = strtoll(s, NULL, 10);
	free(s);
	ck_assert_int_gt(now, HISTORY_EPOCH);
	return now;
}

static void
parse_fixture(const char *name, struct history *h)
{
	size_t len;
	char *json = fixture_read(name, &len);
	char *err = NULL;
	ck_assert_msg(history_parse(json, len, h, &err), "%s: %s", name, err ? err : "");
	ck_assert_ptr_null(err);
	free(json);
}

static void
parse_inline(const char *json, struct history *h)
{
	char *err = NULL;
	ck_assert_msg(history_parse(json, strlen(json), h, &err), "%s", err ? err : "");
}

/* Docker 20.10's tabwriter (minwidth 10, padding 3, the last column unpadded) measures a cell
 * in runes, not columns: Hangul rows of history-hist.txt are padded past the others. */
static size_t
rune_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* The whole table as docker prints it. created, when given, replaces the CREATED cells. */
static char *
render(const struct history *h, bool no_trunc, int64_t now, const char *const *created)
{
	size_t nlines = h->nrows + 1;
	char **cells = xcalloc(nlines * HISTORY_COL_COUNT, sizeof(*cells));
	size_t width[HISTORY_COL_COUNT] = { 0 };
	for (size_t i = 0; i < nlines; i++) {
		for (int c = 0; c < HISTORY_COL_COUNT; c++) {
			char buf[HISTORY_CELL_BUF];
			const char *text;
			if (i == 0)
				text = history_column_title((enum history_column)c);
			else if (c == HISTORY_COL_CREATED && created)
				text = created[i - 1];
			else
				text = history_cell(&h->rows[i - 1], (enum history_column)c, no_trunc, now,
						    buf, sizeof(buf));
			cells[i * HISTORY_COL_COUNT + c] = xstrdup(text);
			size_t w = rune_count(text) + 3;
			if (w < 10)
				w = 10;
			if (w > width[c])
				width[c] = w;
		}
	}
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < nlines; i++) {
		for (int c = 0; c < HISTORY_COL_COUNT; c++) {
			char *text = cells[i * HISTORY_COL_COUNT + c];
			sb_puts(&sb, text);
			if (c < HISTORY_COL_COUNT - 1)
				for (size_t w = rune_count(text); w < width[c]; w++)
					sb_putc(&sb, ' ');
			free(text);
		}
		sb_putc(&sb, '\n');
	}
	free(cells);
	return sb_detach(&sb);
}

static void
assert_table(const char *name, bool no_trunc, const char *const *created)
{
	char *file = xasprintf("history-%s.json", name);
	char *txt = xasprintf("history-%s%s.txt", name, no_trunc ? "-notrunc" : "");
	char *nowfile = xasprintf("history-%s.now", name);
	struct history h;
	parse_fixture(file, &h);
	int64_t now = created ? 0 : fixture_now(nowfile);
	char *want = fixture_read(txt, NULL);
	char *got = render(&h, no_trunc, now, created);
	ck_assert_msg(strcmp(got, want) == 0, "%s differs from docker:\n--- docker\n%s--- budu\n%s",
		      txt, want, got);
	free(got);
	free(want);
	history_free(&h);
	free(file);
	free(txt);
	free(nowfile);
}

/* ---- against docker ---------------------------------------------------------- */

START_TEST(app_parses)
{
	struct history h;
	parse_fixture("history-app.json", &h);
	ck_assert_uint_eq(h.nrows, 7);
	const struct history_row *top = &h.rows[0], *base = &h.rows[6];
	ck_assert_str_eq(top->id,
			 "sha256:34d6a44cac51a14d7418e5e1c8a35573840c63aa247163ae43734c78c4df7424");
	ck_assert_int_eq(top->created, 1795461285);
	ck_assert_str_eq(top->created_by, "/bin/sh -c #(nop)  CMD [\"/bin/cat\" \"/srv/hello.txt\"]");
	ck_assert_str_eq(top->created_by_short, "/bin/sh -c #(nop)  CMD [\"/bin/cat\" \"/srv/hel\xe2\x80\xa6");
	ck_assert_uint_eq(top->ntags, 2);
	ck_assert_str_eq(top->tags[1], "demo/app:1");
	ck_assert(top->empty_layer);
	ck_assert_uint_eq(h.rows[1].ntags, 0);	/* "Tags": null */
	ck_assert_int_eq(h.rows[4].size, 524294);
	ck_assert(!h.rows[4].empty_layer);
	ck_assert_str_eq(base->created_by, "");
	ck_assert_str_eq(base->comment, "budu rig: busybox-static rootfs");
	ck_assert_uint_eq(base->ntags, 4);
	/* The image's size as of each step, from the bottom up. */
	ck_assert_int_eq(base->cumulative_size, 1982296);
	ck_assert_int_eq(h.rows[5].cumulative_size, 1982296 + 29);
	ck_assert_int_eq(h.rows[4].cumulative_size, 1982296 + 29 + 524294);
	ck_assert_int_eq(top->cumulative_size, 1982296 + 29 + 524294);
	ck_assert_int_eq(h.total_size, 2506619);
	ck_assert_int_eq(h.max_size, 1982296);
	history_free(&h);
	ck_assert_ptr_null(h.rows);
}
END_TEST

START_TEST(tables_equal_docker)
{
	static const char *const names[] = { "app", "base", "hist", "bk" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_table(names[i], false, NULL);
		assert_table(names[i], true, NULL);
	}
}
END_TEST

/* docker 20.10 prints "56 years ago" for 1970 and "292 years ago" (Go's Duration saturating)
 * for no date; budu follows the CLI from v23 on, which prints "N/A" up to 2000-01-01. The
 * other columns still equal docker's output. */
START_TEST(epoch_is_na)
{
	static const char *const docker_created[] = {
		"292 years ago", "26 years ago", "26 years ago", "56 years ago",
	};
	assert_table("epoch", false, docker_created);
	assert_table("epoch", true, docker_created);

	struct history h;
	parse_fixture("history-epoch.json", &h);
	ck_assert_uint_eq(h.nrows, 4);
	int64_t now = 1795461310;
	char buf[HISTORY_CELL_BUF];
	ck_assert_int_eq(h.rows[0].created, -62135596800LL);
	ck_assert_str_eq(history_cell(&h.rows[0], HISTORY_COL_CREATED, false, now, buf, sizeof(buf)), "N/A");
	ck_assert_str_eq(history_cell(&h.rows[1], HISTORY_COL_CREATED, false, now, buf, sizeof(buf)),
			 "26 years ago");	/* 946684801 */
	ck_assert_str_eq(history_cell(&h.rows[2], HISTORY_COL_CREATED, false, now, buf, sizeof(buf)), "N/A");
	ck_assert_str_eq(history_cell(&h.rows[3], HISTORY_COL_CREATED, false, now, buf, sizeof(buf)), "N/A");
	history_free(&h);
}
END_TEST

START_TEST(titles)
{
	ck_assert_str_eq(history_column_title(HISTORY_COL_IMAGE), "IMAGE");
	ck_assert_str_eq(history_column_title(HISTORY_COL_CREATED_BY), "CREATED BY");
	ck_assert_str_eq(history_column_title(HISTORY_COL_COMMENT), "COMMENT");
	ck_assert_str_eq(history_column_title(HISTORY_COL_COUNT), "");
}
END_TEST

/* ---- edge cases ------------------------------------------------------------------ */

START_TEST(missing_ids)
{
	struct history h;
	parse_inline("[{\"Id\":\"sha256:<missing>\",\"Created\":1795461300,\"Size\":1},"
		     "{\"Id\":\"<missing>\",\"Created\":1795461300,\"Size\":2},"
		     "{\"Id\":\"sha256:34d6a44cac51a14d7418e5e1c8a35573840c63aa247163ae43734c78c4df7424\"},"
		     "{\"Created\":1795461300}]", &h);
	ck_assert_uint_eq(h.nrows, 4);
	char buf[HISTORY_CELL_BUF];
	for (size_t i = 0; i < 2; i++) {
		ck_assert_str_eq(h.rows[i].id, "");
		ck_assert_str_eq(history_cell(&h.rows[i], HISTORY_COL_IMAGE, false, 0, buf, sizeof(buf)),
				 "<missing>");
		ck_assert_str_eq(history_cell(&h.rows[i], HISTORY_COL_IMAGE, true, 0, buf, sizeof(buf)),
				 "<missing>");
	}
	ck_assert_str_eq(history_cell(&h.rows[2], HISTORY_COL_IMAGE, false, 0, buf, sizeof(buf)),
			 "34d6a44cac51");
	ck_assert_str_eq(history_cell(&h.rows[2], HISTORY_COL_IMAGE, true, 0, buf, sizeof(buf)),
			 "sha256:34d6a44cac51a14d7418e5e1c8a35573840c63aa247163ae43734c78c4df7424");
	/* No Id at all is missing too; no CreatedBy, Comment or Tags give empty strings. */
	ck_assert_str_eq(history_cell(&h.rows[3], HISTORY_COL_IMAGE, false, 0, buf, sizeof(buf)),
			 "<missing>");
	ck_assert_str_eq(h.rows[3].created_by, "");
	ck_assert_str_eq(h.rows[3].comment, "");
	ck_assert_uint_eq(h.rows[3].ntags, 0);
	history_free(&h);
}
END_TEST

/* Ellipsis(s, 45) keeps the runes up to width 44 and adds "…"; Hangul count 2. */
START_TEST(wide_created_by)
{
	/* 16 columns of ASCII and 20 syllables (40 columns): 14 syllables fill 44. */
	static const char even[] =
		"[{\"CreatedBy\":\"/bin/sh -c echo 가나다라마바사아자차카타파하가나다라마바\"},"
	/* 17 columns of ASCII: the 14th syllable would reach 45, so 13 stay (43 + 1). */
		"{\"CreatedBy\":\"/bin/sh -c echo  가나다라마바사아자차카타파하가나다라마바\"},"
	/* Exactly 45 columns: 15 ASCII and 15 syllables, not cut. */
		"{\"CreatedBy\":\"/bin/sh -c echo가나다라마바사아자차카타파하가\"}]";
	struct history h;
	parse_inline(even, &h);
	char buf[HISTORY_CELL_BUF];
	const char *cell = history_cell(&h.rows[0], HISTORY_COL_CREATED_BY, false, 0, buf, sizeof(buf));
	ck_assert_str_eq(cell, "/bin/sh -c echo 가나다라마바사아자차카타파하\xe2\x80\xa6");
	ck_assert_str_eq(history_cell(&h.rows[1], HISTORY_COL_CREATED_BY, false, 0, buf, sizeof(buf)),
			 "/bin/sh -c echo  가나다라마바사아자차카타파\xe2\x80\xa6");
	ck_assert_str_eq(history_cell(&h.rows[2], HISTORY_COL_CREATED_BY, false, 0, buf, sizeof(buf)),
			 "/bin/sh -c echo가나다라마바사아자차카타파하가");
	ck_assert_str_eq(history_cell(&h.rows[0], HISTORY_COL_CREATED_BY, true, 0, buf, sizeof(buf)),
			 "/bin/sh -c echo 가나다라마바사아자차카타파하가나다라마바");
	history_free(&h);
}
END_TEST

START_TEST(tabs_and_controls)
{
	struct history h;
	parse_inline("[{\"CreatedBy\":\"/bin/sh -c printf 'a\\tb' \\u001b]0;pwned\\u0007\","
		     "\"Comment\":\"c\\u001b[2J\",\"Tags\":[\"x\\u001b:1\"]}]", &h);
	const struct history_row *r = &h.rows[0];
	ck_assert_str_eq(r->created_by, "/bin/sh -c printf 'a b' \\e]0;pwned\\x07");
	ck_assert_str_eq(r->comment, "c\\e[2J");
	ck_assert_str_eq(r->tags[0], "x\\e:1");
	history_free(&h);
}
END_TEST

START_TEST(big_sizes)
{
	struct history h;
	parse_inline("[{\"Size\":0},{\"Size\":5000000000},{\"Size\":3000000000},{\"Size\":-5}]", &h);
	ck_assert_int_eq(h.rows[1].size, 5000000000LL);
	ck_assert_int_eq(h.rows[2].cumulative_size, 2999999995LL);
	ck_assert_int_eq(h.rows[0].cumulative_size, 7999999995LL);
	ck_assert_int_eq(h.total_size, 7999999995LL);
	ck_assert_int_eq(h.max_size, 5000000000LL);
	char buf[HISTORY_CELL_BUF];
	ck_assert_str_eq(history_cell(&h.rows[1], HISTORY_COL_SIZE, false, 0, buf, sizeof(buf)), "5GB");
	ck_assert_str_eq(history_cell(&h.rows[3], HISTORY_COL_SIZE, false, 0, buf, sizeof(buf)), "0B");	/* not "-5B" */
	history_free(&h);

	/* Hostile numbers saturate instead of overflowing (UBSan watches). */
	parse_inline("[{\"Size\":1e300,\"Created\":-1e300},{\"Size\":9223372036854775807}]", &h);
	ck_assert_int_eq(h.rows[0].size, INT64_MAX);
	ck_assert_int_eq(h.rows[0].created, INT64_MIN);
	ck_assert_int_eq(h.rows[0].cumulative_size, INT64_MAX);
	ck_assert_int_eq(h.max_size, INT64_MAX);
	ck_assert_str_eq(history_cell(&h.rows[0], HISTORY_COL_CREATED, false, 1795461310, buf,
				      sizeof(buf)), "N/A");
	history_free(&h);
}
END_TEST

START_TEST(empty_and_null)
{
	struct history h;
	parse_inline("[]", &h);
	ck_assert_uint_eq(h.nrows, 0);
	ck_assert_int_eq(h.total_size, 0);
	ck_assert_int_eq(h.max_size, 0);
	history_free(&h);
	parse_inline(" null ", &h);
	ck_assert_uint_eq(h.nrows, 0);
	history_free(&h);
	parse_inline("[{\"Tags\":[],\"Comment\":null,\"CreatedBy\":null,\"Size\":null}]", &h);
	ck_assert_uint_eq(h.nrows, 1);
	ck_assert_uint_eq(h.rows[0].ntags, 0);
	ck_assert_str_eq(h.rows[0].comment, "");
	ck_assert(h.rows[0].empty_layer);
	history_free(&h);
}
END_TEST

START_TEST(malformed)
{
	static const char *const bad[] = {
		"", "{", "[", "[{}", "{\"message\":\"No such image: x\"}", "[1]", "[{},\"x\"]",
		"\"x\"", "[{}]]", "[{\"Id\":\"a\"} garbage",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct history h;
		char *err = NULL;
		ck_assert_msg(!history_parse(bad[i], strlen(bad[i]), &h, &err), "accepted %s", bad[i]);
		ck_assert_ptr_nonnull(err);
		ck_assert_uint_eq(h.nrows, 0);
		ck_assert_ptr_null(h.rows);
		free(err);
		history_free(&h);
	}
	/* A length shorter than the text: only that much is JSON. */
	struct history h;
	char *err = NULL;
	ck_assert(!history_parse("[{}]", 3, &h, &err));
	free(err);
}
END_TEST

/* ---- instructions ------------------------------------------------------------------ */

struct want {
	const char *keyword;	/* NULL: none */
	const char *rest;
};

static void
assert_instruction(const char *created_by, const struct want *w)
{
	const char *kw = "unset";
	char *rest = NULL;
	bool found = history_instruction(created_by, &kw, &rest);
	ck_assert_msg(found == (w->keyword != NULL), "found for [%s]", created_by);
	if (w->keyword)
		ck_assert_msg(kw && strcmp(kw, w->keyword) == 0, "[%s]: keyword %s, want %s",
			      created_by, kw ? kw : "NULL", w->keyword);
	else
		ck_assert_msg(kw == NULL, "[%s]: keyword %s, want NULL", created_by, kw);
	ck_assert_msg(rest && strcmp(rest, w->rest) == 0, "[%s]: rest [%s], want [%s]", created_by,
		      rest ? rest : "NULL", w->rest);
	free(rest);
}

static void
assert_fixture_instructions(const char *name, const struct want *w, size_t n)
{
	struct history h;
	parse_fixture(name, &h);
	ck_assert_uint_eq(h.nrows, n);
	for (size_t i = 0; i < n; i++)
		assert_instruction(h.rows[i].created_by, &w[i]);
	history_free(&h);
}

START_TEST(instructions_classic)
{
	static const struct want app[] = {
		{ "CMD", "[\"/bin/cat\" \"/srv/hello.txt\"]" },
		{ "EXPOSE", "8080" },
		{ "LABEL", "org.opencontainers.image.title=demo app maintainer=budu rig" },
		{ "ENV", "APP_MODE=demo" },
		{ "RUN", "dd if=/dev/zero of=/srv/blob bs=1024 count=512 2>/dev/null && echo built >/srv/built.txt" },
		{ "COPY", "file:9c5ff827a67fb278e51511603cb56fdb95f6171ebed1f71a8e322d70622cbfb1 in /srv/hello.txt" },
		{ NULL, "" },
	};
	assert_fixture_instructions("history-app.json", app, sizeof(app) / sizeof(app[0]));
	static const struct want hist[] = {
		{ "CMD", "[\"echo hi\"]" },			/* after SHELL ["/bin/sh", "-xc"] */
		{ "ENTRYPOINT", "[\"/bin/sh\" \"-c\"]" },
		{ "RUN", "/bin/echo exec form" },		/* "|1 FLAVOR=plain /bin/echo exec form" */
		{ "RUN", "echo after shell" },			/* "|1 FLAVOR=plain /bin/sh -xc ..." */
		{ "SHELL", "[/bin/sh -xc]" },
		{ "ONBUILD", "RUN echo child" },
		{ "HEALTHCHECK", "&{[\"CMD-SHELL\" \"true\"] \"30s\" \"0s\" \"0s\" '\\x00'}" },
		{ "STOPSIGNAL", "SIGINT" },
		{ "EXPOSE", "8080/tcp 9090/udp" },
		{ "VOLUME", "[/data]" },
		{ "USER", "root" },
		{ "RUN", "printf 'a b\\n' > /srv/tab.txt" },
		{ "RUN", "echo 가나다라마바사아자차카타파하가나다라마바사아자차 > /srv/korean.txt" },
		{ "ADD", "file:7d1b8e6c9123955c22ae5efea6309bc3436ed116b03932f650caae30c06ab651 in /srv/added.txt" },
		{ "WORKDIR", "/srv" },				/* one space after #(nop) */
		{ "ENV", "GREETING=안녕하세요" },
		{ "ARG", "FLAVOR=plain" },
		{ "MAINTAINER", "budu rig <rig@example.invalid>" },
		{ NULL, "" },
	};
	assert_fixture_instructions("history-hist.json", hist, sizeof(hist) / sizeof(hist[0]));
}
END_TEST

START_TEST(instructions_buildkit)
{
	static const struct want bk[] = {
		{ "CMD", "[\"/bin/cat\" \"/srv/hello.txt\"]" },
		{ "WORKDIR", "/srv" },
		{ "ENV", "APP_MODE=demo" },
		{ "RUN", "echo built >/srv/built.txt" },	/* "RUN |1 FLAVOR=plain /bin/sh -c ... # buildkit" */
		{ "ARG", "FLAVOR=plain" },
		{ "COPY", "hello.txt /srv/hello.txt" },
		{ NULL, "" },
	};
	assert_fixture_instructions("history-bk.json", bk, sizeof(bk) / sizeof(bk[0]));
}
END_TEST

START_TEST(instructions_edge)
{
	static const struct {
		const char *created_by;
		struct want w;
	} cases[] = {
		{ "", { NULL, "" } },
		{ "   ", { NULL, "" } },
		{ "/bin/sh -c #(nop) ADD file:abc in / ", { "ADD", "file:abc in /" } },
		{ "/bin/sh -c #(nop)  CMD [\"sh\"]", { "CMD", "[\"sh\"]" } },
		{ "/bin/sh -c #(nop) FROBNICATE x", { NULL, "FROBNICATE x" } },
		{ "/bin/sh -c #(nop) ", { NULL, "" } },
		{ "/bin/sh -c apt-get update", { "RUN", "apt-get update" } },
		{ "/bin/sh -c", { "RUN", "" } },
		{ "/bin/bash -o pipefail -c set -eux; make", { "RUN", "set -eux; make" } },
		{ "/usr/bin/env bash -c x", { "RUN", "/usr/bin/env bash -c x" } },
		{ "cmd /S /C echo hi", { "RUN", "echo hi" } },
		{ "powershell -Command #(nop)  WORKDIR C:\\app", { "WORKDIR", "C:\\app" } },
		{ "|2 A=1 B=2 /bin/sh -c make", { "RUN", "make" } },
		{ "|0 /bin/sh -c make", { "RUN", "make" } },
		{ "|9 A=1", { "RUN", "" } },
		{ "/bin/sh", { "RUN", "/bin/sh" } },		/* docker commit of a shell */
		{ "RUN /bin/sh -c apk add --no-cache curl # buildkit", { "RUN", "apk add --no-cache curl" } },
		{ "RUN |1 V=1 /bin/sh -c echo # buildkit # buildkit", { "RUN", "echo # buildkit" } },
		{ "RUN |3 A=1 # buildkit", { "RUN", "" } },
		{ "RUN # buildkit", { "RUN", "" } },
		{ "RUN", { "RUN", "" } },
		{ "ADD alpine-minirootfs.tar.gz / # buildkit", { "ADD", "alpine-minirootfs.tar.gz /" } },
		{ "COPY /opt /opt # buildkit", { "COPY", "/opt /opt" } },
		{ "EXPOSE map[8080/tcp:{}]", { "EXPOSE", "map[8080/tcp:{}]" } },
		{ "ENTRYPOINT [\"/entrypoint.sh\"]", { "ENTRYPOINT", "[\"/entrypoint.sh\"]" } },
		{ "run echo lower", { "RUN", "run echo lower" } },
		{ "RUNNER x", { "RUN", "RUNNER x" } },
		{ "echo '#(nop)x'", { "RUN", "echo '#(nop)x'" } },	/* not after a space */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_instruction(cases[i].created_by, &cases[i].w);
	const char *kw = "unset";
	char *rest = NULL;
	ck_assert(!history_instruction(NULL, &kw, &rest));
	ck_assert_ptr_null(kw);
	ck_assert_str_eq(rest, "");
	free(rest);
}
END_TEST

static Suite *
history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *docker = tcase_create("docker");
	tcase_add_test(docker, app_parses);
	tcase_add_test(docker, tables_equal_docker);
	tcase_add_test(docker, epoch_is_na);
	tcase_add_test(docker, titles);
	suite_add_tcase(s, docker);
	TCase *edge = tcase_create("edge");
	tcase_add_test(edge, missing_ids);
	tcase_add_test(edge, wide_created_by);
	tcase_add_test(edge, tabs_and_controls);
	tcase_add_test(edge, big_sizes);
	tcase_add_test(edge, empty_and_null);
	tcase_add_test(edge, malformed);
	suite_add_tcase(s, edge);
	TCase *instr = tcase_create("instruction");
	tcase_add_test(instr, instructions_classic);
	tcase_add_test(instr, instructions_buildkit);
	tcase_add_test(instr, instructions_edge);
	suite_add_tcase(s, instr);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(history_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
