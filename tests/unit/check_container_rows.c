/* The Containers panel's rows against `docker container ls -a` (docker 20.10's CLI): cells,
 * quoting, image names, ports, sorting and the filter. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "container_format.h"
#include "container_rows.h"
#include "container_status.h"
#include "containers.h"
#include "strbuf.h"
#include "xalloc.h"

#include "fixture.h"

/*
 * Fixtures from tests/fixtures/capture-containers.sh (one second for the API answer and the
 * CLI's tables):
 *   containers-ls.json, containers-ls.txt, containers-ls-notrunc.txt, containers-ls.now
 *   containers-size.json, containers-size.txt (-s), containers-size.now
 * containers-ports.json is hand-written: the rig's engine has no bridge, so no container there
 * has a port in the list. Each entry's label budu.expect holds the PORTS cell the 20.10 CLI's
 * DisplayablePorts gives (its test table, and section 1.2's `-p 8080:80`).
 */

static void
parse_fixture(const char *name, struct container_list *l)
{
	size_t len;
	char *json = fixture_read(name, &len);
	char *err = NULL;
	ck_assert_msg(containers_parse(json, len, l, &err), "%s: %s", name, err ? err : "");
	free(json);
}

static int64_t
fixture_now(const char *name)
{
	char *s = fixture_read(name, NULL);
	int64_t now = strtoll(s, NULL, 10);
	free(s);
	return now;
}

static void
parse_inline(const char *json, struct container_list *l)
{
	char *err = NULL;
	ck_assert_msg(containers_parse(json, strlen(json), l, &err), "%s", err ? err : "");
}

static const struct container *
by_name(const struct container_list *l, const char *name)
{
	for (size_t i = 0; i < l->ncontainers; i++)
		if (strcmp(l->containers[i].name, name) == 0)
			return &l->containers[i];
	ck_abort_msg("no container %s", name);
	return NULL;
}

/* Docker 20.10's tabwriter (minwidth 10, padding 3, the last column unpadded) counts runes. */
static size_t
rune_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* The whole table as docker prints it, in the engine's order. */
static char *
render(const struct container_list *l, bool no_trunc, bool size, int64_t now)
{
	int ncols = size ? CONTAINER_COL_COUNT : CONTAINER_COLUMNS_DEFAULT;
	struct container_row *rows;
	size_t nrows = container_rows_build(l, &rows);
	size_t nlines = nrows + 1;
	char **cells = xcalloc(nlines * (size_t)ncols, sizeof(*cells));
	size_t width[CONTAINER_COL_COUNT] = { 0 };
	for (size_t i = 0; i < nlines; i++) {
		for (int c = 0; c < ncols; c++) {
			char buf[CONTAINER_CELL_BUF];
			const char *text = i == 0 ? container_column_title((enum container_column)c)
				: container_cell(rows[i - 1].container, (enum container_column)c,
						 no_trunc, now, buf, sizeof(buf));
			cells[i * (size_t)ncols + (size_t)c] = xstrdup(text);
			size_t w = rune_count(text) + 3;
			if (w < 10)
				w = 10;
			if (w > width[c])
				width[c] = w;
		}
	}
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < nlines; i++) {
		for (int c = 0; c < ncols; c++) {
			char *text = cells[i * (size_t)ncols + (size_t)c];
			sb_puts(&sb, text);
			if (c < ncols - 1)
				for (size_t w = rune_count(text); w < width[c]; w++)
					sb_putc(&sb, ' ');
			free(text);
		}
		sb_putc(&sb, '\n');
	}
	free(cells);
	free(rows);
	return sb_detach(&sb);
}

/* Line by line, so a failure names the row. */
static void
assert_same_table(const char *txt, const char *want, const char *got)
{
	const char *w = want, *g = got;
	for (int line = 1; *w || *g; line++) {
		size_t wl = strcspn(w, "\n"), gl = strcspn(g, "\n");
		ck_assert_msg(wl == gl && memcmp(w, g, wl) == 0,
			      "%s line %d differs from docker:\n docker: %.*s\n budu:   %.*s", txt, line,
			      (int)wl, w, (int)gl, g);
		w += wl + (w[wl] == '\n');
		g += gl + (g[gl] == '\n');
	}
}

static void
assert_table(const char *json, const char *txt, const char *nowfile, bool no_trunc, bool size)
{
	struct container_list l;
	parse_fixture(json, &l);
	char *want = fixture_read(txt, NULL);
	char *got = render(&l, no_trunc, size, fixture_now(nowfile));
	assert_same_table(txt, want, got);
	free(got);
	free(want);
	container_list_free(&l);
}

/* ---- against docker ------------------------------------------------------------ */

START_TEST(ls_equals_docker)
{
	assert_table("containers-ls.json", "containers-ls.txt", "containers-ls.now", false, false);
}
END_TEST

START_TEST(ls_notrunc_equals_docker)
{
	assert_table("containers-ls.json", "containers-ls-notrunc.txt", "containers-ls.now", true, false);
}
END_TEST

START_TEST(ls_size_equals_docker)
{
	assert_table("containers-size.json", "containers-size.txt", "containers-size.now", false, true);
}
END_TEST

START_TEST(fixture_fields)
{
	struct container_list l;
	parse_fixture("containers-ls.json", &l);
	ck_assert_uint_eq(l.ncontainers, 14);
	const struct container *c = by_name(&l, "c-created");
	ck_assert_str_eq(c->state, "created");
	ck_assert_str_eq(c->status, "Created");
	ck_assert_str_eq(c->command, "sh -c 'echo hello world; sleep 5'");
	ck_assert_str_eq(c->command_short, "\"sh -c 'echo hello w\xe2\x80\xa6\"");
	ck_assert_str_eq(c->command_quoted, "\"sh -c 'echo hello world; sleep 5'\"");
	ck_assert_uint_eq(c->nlabels, 2);
	ck_assert_str_eq(c->labels[0].key, "app");
	ck_assert_str_eq(c->labels[0].value, "demo");
	ck_assert_str_eq(c->labels[1].key, "tier");
	ck_assert_str_eq(c->network_mode, "none");
	ck_assert_uint_eq(c->nnames, 1);
	ck_assert_str_eq(c->names[0], "c-created");
	ck_assert(!c->has_size);
	ck_assert(container_is_stopped(c));

	const struct container *p = by_name(&l, "c-paused");
	ck_assert(container_is_paused(p));
	ck_assert(!container_is_running(p));
	ck_assert(!container_is_stopped(p));
	ck_assert_str_eq(p->status + strlen(p->status) - 8, "(Paused)");
	ck_assert(container_is_running(by_name(&l, "c-health")));
	ck_assert(container_is_stopped(by_name(&l, "c-exit3")));
	ck_assert_ptr_eq(containers_find(&l, p->id), p);
	ck_assert_ptr_null(containers_find(&l, "nosuch"));

	/* The escape sequence: sanitized for the model, Go-quoted from the raw bytes for cells. */
	const struct container *e = by_name(&l, "c-evil");
	ck_assert_ptr_null(strchr(e->command, '\x1b'));
	ck_assert_ptr_nonnull(strstr(e->command, "\\e]0;pwned\\x07"));
	ck_assert_str_eq(e->command_quoted,
			 "\"sh -c 'printf \\\"\\x1b]0;pwned\\a\\x1b[31mred\\x1b[0m\\\\n\\\"'\"");
	ck_assert_str_eq(e->command_short, "\"sh -c 'printf \\\"\\x1b]0;\xe2\x80\xa6\"");

	/* A moved tag comes back as the ID; created by ID; by digest. */
	const struct container *m = by_name(&l, "c-moved");
	ck_assert(strncmp(m->image, "sha256:", 7) == 0);
	ck_assert_uint_eq(strlen(m->image_short), 12);
	ck_assert(strncmp(m->image_short, m->image_id + 7, 12) == 0);
	const struct container *d = by_name(&l, "c-digest");
	ck_assert_ptr_nonnull(strstr(d->image, "/demo/app@sha256:"));
	ck_assert_ptr_null(strchr(d->image_short, '@'));
	container_list_free(&l);

	parse_fixture("containers-size.json", &l);
	const struct container *r = by_name(&l, "c-running");
	ck_assert(r->has_size);
	ck_assert_int_eq(r->size_rw, 32768);
	ck_assert_int_gt(r->size_root_fs, r->size_rw);
	const struct container *h = by_name(&l, "c-health");
	ck_assert(h->has_size);	/* SizeRw left out for 0, SizeRootFs there */
	ck_assert_int_eq(h->size_rw, 0);
	char buf[CONTAINER_CELL_BUF];
	ck_assert_str_eq(container_cell(r, CONTAINER_COL_SIZE, false, 0, buf, sizeof(buf)),
			 "32.8kB (virtual 2.02MB)");
	container_list_free(&l);
}
END_TEST

/* ---- cells ------------------------------------------------------------------------ */

START_TEST(ports_as_docker)
{
	struct container_list l;
	parse_fixture("containers-ports.json", &l);
	ck_assert_uint_ge(l.ncontainers, 15);
	for (size_t i = 0; i < l.ncontainers; i++) {
		const struct container *c = &l.containers[i];
		const char *want = c->nlabels ? c->labels[0].value : "";
		ck_assert_msg(strcmp(c->ports_text, want) == 0, "%s: PORTS \"%s\", docker \"%s\"",
			      c->name, c->ports_text, want);
		char buf[CONTAINER_CELL_BUF];
		ck_assert_str_eq(container_cell(c, CONTAINER_COL_PORTS, true, 0, buf, sizeof(buf)), want);
	}
	const struct container *c = by_name(&l, "p-8080");
	ck_assert_uint_eq(c->nports, 2);
	ck_assert_str_eq(c->ports[1].ip, "::");
	ck_assert_int_eq(c->ports[1].public_port, 8080);
	ck_assert_int_eq(c->ports[1].private_port, 80);
	ck_assert_str_eq(c->ports[1].type, "tcp");
	container_list_free(&l);
}
END_TEST

START_TEST(go_quote)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "", "\"\"" },
		{ "a\"b\\c", "\"a\\\"b\\\\c\"" },
		{ "\a\b\f\n\r\t\v", "\"\\a\\b\\f\\n\\r\\t\\v\"" },
		{ "\x1b[2J\x7f\x01", "\"\\x1b[2J\\x7f\\x01\"" },
		{ "\xff\xc3", "\"\\xff\\xc3\"" },				/* invalid UTF-8 */
		{ "\xc2\x9b" "2J", "\"\\u009b2J\"" },				/* C1 CSI */
		{ "a\xe2\x80\xae" "b", "\"a\\u202eb\"" },			/* RTL override */
		{ "\xc2\xa0", "\"\\u00a0\"" },					/* NBSP */
		{ "\xef\xbb\xbf", "\"\\ufeff\"" },				/* BOM */
		{ "\xf3\xb0\x80\x80", "\"\\U000f0000\"" },			/* private use */
		{ "\xea\xb0\x80 \xc3\xa9\xe2\x80\xa6", "\"\xea\xb0\x80 \xc3\xa9\xe2\x80\xa6\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		container_go_quote(&sb, cases[i].in, strlen(cases[i].in));
		ck_assert_msg(strcmp(sb.buf, cases[i].want) == 0, "case %zu: %s", i, sb.buf);
		sb_free(&sb);
	}
}
END_TEST

START_TEST(command_ellipsis)
{
	static const struct {
		const char *in, *trunc;
	} cases[] = {
		{ "sleep 600", "\"sleep 600\"" },
		{ "12345678901234567890", "\"12345678901234567890\"" },		/* exactly 20 */
		{ "123456789012345678901", "\"1234567890123456789\xe2\x80\xa6\"" },
		/* The cut comes before the quoting: escapes make the cell wider than 20. */
		{ "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
		  "\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\xe2\x80\xa6\"" },
		/* Invalid bytes count as characters; cut ones turn into U+FFFD. */
		{ "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
		  "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xe2\x80\xa6\"" },
		{ "\xff" "bc", "\"\\xffbc\"" },
		/* Wide characters: 19 columns at most before the ellipsis. */
		{ "echo 가나다라마바사아자차", "\"echo 가나다라마바사\xe2\x80\xa6\"" },
		{ "ab 가나다라마바사아자차", "\"ab 가나다라마바사아\xe2\x80\xa6\"" },
		{ "가나다라마바사아자차", "\"가나다라마바사아자차\"" },	/* 20 columns fit */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = container_format_command(cases[i].in, true);
		ck_assert_msg(strcmp(got, cases[i].trunc) == 0, "case %zu: %s", i, got);
		free(got);
	}
	char *full = container_format_command("a\tb", false);
	ck_assert_str_eq(full, "\"a\\tb\"");
	free(full);
}
END_TEST

START_TEST(image_names)
{
	static const char ID[] = "sha256:137e1af4cae9ae1d6b4d0d9cf7f5d4c0a2b3c4d5e6f708192a3b4c5d6e7f8091";
	static const struct {
		const char *image, *image_id, *want;
	} cases[] = {
		{ "", ID, "<no image>" },
		{ "bb:1.0", ID, "bb:1.0" },
		{ "ubuntu", ID, "ubuntu" },
		{ "docker.io/library/ubuntu:latest", ID, "ubuntu:latest" },
		{ "docker.io/library/ubuntu", ID, "ubuntu" },
		{ "ubuntu:latest@sha256:a5a665ff33eced1e0803148700880edab4269067ed77e27737a708d0d293fbf5", ID,
		  "ubuntu:latest" },
		{ "ubuntu@sha256:a5a665ff33eced1e0803148700880edab4269067ed77e27737a708d0d293fbf5", ID, "ubuntu" },
		{ "127.0.0.1:5000/demo/app:1", ID, "127.0.0.1:5000/demo/app:1" },
		{ ID, ID, "137e1af4cae9" },
		{ ID + 7, ID, "137e1af4cae9" },			/* created from the bare ID */
		{ "137e1af4cae9", ID, "137e1af4cae9" },		/* or its short form */
		{ "137e1af4", ID, "137e1af4" },			/* a shorter prefix is a name */
		{ "Upper/Case", ID, "Upper/Case" },		/* not a reference: as it is */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = container_format_image(cases[i].image, cases[i].image_id);
		ck_assert_msg(strcmp(got, cases[i].want) == 0, "case %zu: %s", i, got);
		free(got);
	}
}
END_TEST

START_TEST(names_cells)
{
	struct container_list l;
	parse_inline("[{\"Id\":\"a\",\"Names\":[\"/web/db\",\"/db\"]},"
		     "{\"Id\":\"b\",\"Names\":[\"/web/db\",\"/x/db\"]},"
		     "{\"Id\":\"c\",\"Names\":[]}]", &l);
	char buf[CONTAINER_CELL_BUF];
	const struct container *a = &l.containers[0], *b = &l.containers[1], *c = &l.containers[2];
	ck_assert_str_eq(container_cell(a, CONTAINER_COL_NAMES, false, 0, buf, sizeof(buf)), "db");
	ck_assert_str_eq(container_cell(a, CONTAINER_COL_NAMES, true, 0, buf, sizeof(buf)), "web/db,db");
	/* Every name has a '/': the CLI shows them all. */
	ck_assert_str_eq(container_cell(b, CONTAINER_COL_NAMES, false, 0, buf, sizeof(buf)), "web/db,x/db");
	ck_assert_str_eq(container_cell(c, CONTAINER_COL_NAMES, false, 0, buf, sizeof(buf)), "");
	ck_assert_str_eq(container_cell(c, CONTAINER_COL_IMAGE, false, 0, buf, sizeof(buf)), "<no image>");
	ck_assert_str_eq(container_cell(c, CONTAINER_COL_IMAGE, true, 0, buf, sizeof(buf)), "<no image>");
	ck_assert_str_eq(container_cell(c, CONTAINER_COL_COMMAND, false, 0, buf, sizeof(buf)), "\"\"");
	ck_assert_str_eq(container_cell(c, CONTAINER_COL_SIZE, false, 0, buf, sizeof(buf)), "");
	ck_assert_str_eq(container_cell(c, CONTAINER_COL_PORTS, false, 0, buf, sizeof(buf)), "");
	ck_assert_str_eq(container_cell(c, CONTAINER_COL_COUNT, false, 0, buf, sizeof(buf)), "");
	container_list_free(&l);
	ck_assert_str_eq(container_column_title(CONTAINER_COL_ID), "CONTAINER ID");
	ck_assert_str_eq(container_column_title(CONTAINER_COL_NAMES), "NAMES");
	ck_assert_str_eq(container_column_title(CONTAINER_COL_COUNT), "");
}
END_TEST

/* ---- sorting and filtering ------------------------------------------------------------- */

static void
assert_order(const struct container_row *rows, size_t n, const char *const *names)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(strcmp(rows[i].container->name, names[i]) == 0, "row %zu: %s, want %s", i,
			      rows[i].container->name, names[i]);
}

START_TEST(sorting)
{
	struct container_list l;
	parse_inline("[{\"Id\":\"1\",\"Names\":[\"/zeta\"],\"Image\":\"bb:1\",\"State\":\"exited\",\"Created\":30},"
		     "{\"Id\":\"2\",\"Names\":[\"/alpha\"],\"Image\":\"aa:1\",\"State\":\"running\",\"Created\":20},"
		     "{\"Id\":\"3\",\"Names\":[\"/mid\"],\"Image\":\"bb:1\",\"State\":\"paused\",\"Created\":20},"
		     "{\"Id\":\"4\",\"Names\":[\"/beta\"],\"Image\":\"cc:1\",\"State\":\"created\",\"Created\":10},"
		     "{\"Id\":\"5\",\"Names\":[\"/gamma\"],\"Image\":\"aa:1\",\"State\":\"running\",\"Created\":40}]",
		     &l);
	struct container_row *rows;
	size_t n = container_rows_build(&l, &rows);
	ck_assert_uint_eq(n, 5);
	container_rows_sort(rows, n, CONTAINER_SORT_CREATED);
	assert_order(rows, n, (const char *const[]){ "gamma", "zeta", "alpha", "mid", "beta" });
	container_rows_sort(rows, n, CONTAINER_SORT_NAME);
	assert_order(rows, n, (const char *const[]){ "alpha", "beta", "gamma", "mid", "zeta" });
	container_rows_sort(rows, n, CONTAINER_SORT_IMAGE);
	assert_order(rows, n, (const char *const[]){ "alpha", "gamma", "mid", "zeta", "beta" });
	container_rows_sort(rows, n, CONTAINER_SORT_STATUS);
	assert_order(rows, n, (const char *const[]){ "gamma", "alpha", "mid", "beta", "zeta" });
	ck_assert_str_eq(container_sort_name(CONTAINER_SORT_CREATED), "created");
	ck_assert_str_eq(container_sort_name(CONTAINER_SORT_STATUS), "status");
	free(rows);
	container_list_free(&l);
	parse_inline("[]", &l);
	n = container_rows_build(&l, &rows);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_nonnull(rows);
	container_rows_sort(rows, n, CONTAINER_SORT_NAME);
	free(rows);
	container_list_free(&l);
}
END_TEST

START_TEST(filtering)
{
	struct container_list l;
	parse_fixture("containers-ls.json", &l);
	struct container_row *rows;
	size_t n = container_rows_build(&l, &rows);
	static const struct {
		const char *needle;
		size_t matches;
	} cases[] = {
		{ "", 14 }, { "c-", 13 }, { "C-PAUSED", 1 }, { "rig-exited", 1 }, { "demo/used", 1 },
		{ "sleep 600", 3 }, { "hello world", 1 }, { "/demo/app", 1 }, { "pwned", 1 },
		{ "가나다", 1 }, { "nothing-like-this", 0 },
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			m += container_row_matches(&rows[i], cases[k].needle);
		ck_assert_msg(m == cases[k].matches, "\"%s\": %zu matches", cases[k].needle, m);
	}
	/* By ID: the short one and any part of the full one. */
	const struct container *p = by_name(&l, "c-paused");
	char shortid[13];
	memcpy(shortid, p->id, 12);
	shortid[12] = '\0';
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		m += container_row_matches(&rows[i], shortid);
	ck_assert_uint_eq(m, 1);
	ck_assert(container_row_matches(&rows[0], NULL));
	/* The moved image matches by its short ID, as shown. */
	const struct container *mv = by_name(&l, "c-moved");
	struct container_row row = { mv, 0 };
	ck_assert(container_row_matches(&row, mv->image_short));
	free(rows);
	container_list_free(&l);
}
END_TEST

/* ---- events ---------------------------------------------------------------------------- */

START_TEST(events)
{
	cJSON *f = cJSON_Parse(CONTAINER_EVENTS_FILTER);
	ck_assert_ptr_nonnull(f);
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(f, "event");
	ck_assert(cJSON_IsArray(ev));
	ck_assert_int_ge(cJSON_GetArraySize(ev), 10);
	cJSON_Delete(f);
	ck_assert_int_eq(container_event_effect("create"), CONTAINER_EVENT_ADD);
	ck_assert_int_eq(container_event_effect("destroy"), CONTAINER_EVENT_REMOVE);
	ck_assert_int_eq(container_event_effect("remove"), CONTAINER_EVENT_REMOVE);
	ck_assert_int_eq(container_event_effect("die"), CONTAINER_EVENT_UPDATE);
	ck_assert_int_eq(container_event_effect("rename"), CONTAINER_EVENT_UPDATE);
	ck_assert_int_eq(container_event_effect("health_status: healthy"), CONTAINER_EVENT_UPDATE);
	ck_assert_int_eq(container_event_effect("health_status"), CONTAINER_EVENT_UPDATE);
	ck_assert_int_eq(container_event_effect("health_statusx"), CONTAINER_EVENT_IGNORE);
	ck_assert_int_eq(container_event_effect("prune"), CONTAINER_EVENT_RELOAD);
	ck_assert_int_eq(container_event_effect("exec_create: /bin/sh -c true"), CONTAINER_EVENT_IGNORE);
	ck_assert_int_eq(container_event_effect("exec_die"), CONTAINER_EVENT_IGNORE);
	ck_assert_int_eq(container_event_effect(NULL), CONTAINER_EVENT_IGNORE);
}
END_TEST

/* STATUS follows the clock: the engine's text when read, then as docker ps would print it. */
START_TEST(status_follows_the_clock)
{
	static const struct { const char *status; int64_t later; const char *want; int64_t next; } cases[] = {
		{ "Up 5 minutes", 0, "Up 5 minutes", 60 },
		{ "Up 5 minutes", 60, "Up 6 minutes", 120 },
		{ "Exited (0) 2 hours ago", 0, "Exited (0) 2 hours ago", 3600 },
		{ "Exited (0) 2 hours ago", 3600, "Exited (0) 3 hours ago", 7200 },
		{ "Up 3 seconds (Paused)", 2, "Up 5 seconds (Paused)", 3 },
		{ "Up About a minute (healthy)", 180, "Up 4 minutes (healthy)", 240 },
		{ "Up Less than a second", 1, "Up 1 second", 2 },
		{ "Restarting (1) 40 seconds ago", 25, "Restarting (1) About a minute ago", 80 },
		{ "Up 5 minutes", -100, "Up 5 minutes", 60 },	/* a clock set back */
	};
	char buf[128];
	const int64_t t = 1700000000;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t next;
		ck_assert_str_eq(container_status_at(cases[i].status, t, t + cases[i].later, buf, sizeof(buf), &next),
				 cases[i].want);
		ck_assert_msg(next == t + cases[i].next, "%s +%lld: next +%lld, want +%lld", cases[i].status,
			      (long long)cases[i].later, (long long)(next - t), (long long)cases[i].next);
	}
	int64_t next;
	for (const char *const *s = (const char *const[]){ "Created", "Dead", "Removal In Progress", "Up", "", NULL };
	     *s; s++) {
		ck_assert_str_eq(container_status_at(*s, t, t + 999, buf, sizeof(buf), &next), *s);
		ck_assert(next == INT64_MAX);
	}
}
END_TEST

static Suite *
rows_suite(void)
{
	Suite *s = suite_create("container_rows");
	TCase *docker = tcase_create("docker");
	tcase_add_test(docker, ls_equals_docker);
	tcase_add_test(docker, ls_notrunc_equals_docker);
	tcase_add_test(docker, ls_size_equals_docker);
	tcase_add_test(docker, fixture_fields);
	suite_add_tcase(s, docker);
	TCase *cells = tcase_create("cells");
	tcase_add_test(cells, ports_as_docker);
	tcase_add_test(cells, go_quote);
	tcase_add_test(cells, command_ellipsis);
	tcase_add_test(cells, image_names);
	tcase_add_test(cells, names_cells);
	suite_add_tcase(s, cells);
	TCase *rows = tcase_create("rows");
	tcase_add_test(rows, sorting);
	tcase_add_test(rows, filtering);
	tcase_add_test(rows, events);
	tcase_add_test(rows, status_follows_the_clock);
	suite_add_tcase(s, rows);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(rows_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
