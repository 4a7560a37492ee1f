/* docker search: what the prompt accepts, the request path, the engine's results and the cells
 * docker prints. The engine's words and the CLI's request were checked against dockerd and
 * docker 20.10.24 (see tests/engine/50-search.sh for the same through the real engine). */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "search.h"
#include "xalloc.h"

/* ---- query parsing --------------------------------------------------------- */

/* Parses input into a fresh query; fails the test when it is refused. */
static void
parse_ok(const char *input, struct search_query *q)
{
	search_query_init(q);
	char *err = (char *)"unset";
	bool ok = search_query_parse(input, q, &err);
	ck_assert_msg(ok, "refused \"%s\": %s", input, ok ? "" : err);
	ck_assert_ptr_null(err);
}

/* The message a refused input gives; the query must be untouched. */
static char *
parse_err(const char *input)
{
	struct search_query q;
	search_query_init(&q);
	q.term = xstrdup("before");
	q.limit = 7;
	q.min_stars = 3;
	q.official = 1;
	char *err = NULL;
	ck_assert_msg(!search_query_parse(input, &q, &err), "accepted \"%s\"", input);
	ck_assert_ptr_nonnull(err);
	ck_assert_str_eq(q.term, "before");
	ck_assert_int_eq(q.limit, 7);
	ck_assert_int_eq(q.min_stars, 3);
	ck_assert_int_eq(q.official, 1);
	ck_assert_int_eq(q.automated, -1);
	ck_assert(!q.no_trunc);
	search_query_free(&q);
	return err;
}

#define ck_parse_err(input, message)                    \
	do {                                            \
		char *e_ = parse_err(input);            \
		ck_assert_str_eq(e_, message);          \
		free(e_);                               \
	} while (0)

START_TEST(init_and_free)
{
	struct search_query q;
	search_query_init(&q);
	ck_assert_ptr_null(q.term);
	ck_assert_int_eq(q.min_stars, 0);
	ck_assert_int_eq(q.official, -1);
	ck_assert_int_eq(q.automated, -1);
	ck_assert_int_eq(q.limit, 0);
	ck_assert(!q.no_trunc);
	q.term = xstrdup("x");
	q.limit = 5;
	search_query_free(&q);
	ck_assert_ptr_null(q.term);
	ck_assert_int_eq(q.limit, 0);
	search_query_free(&q);	/* twice is fine */
}
END_TEST

START_TEST(plain_term)
{
	struct search_query q;
	parse_ok("nginx", &q);
	ck_assert_str_eq(q.term, "nginx");
	ck_assert_int_eq(q.min_stars, 0);
	ck_assert_int_eq(q.official, -1);
	ck_assert_int_eq(q.automated, -1);
	ck_assert_int_eq(q.limit, 0);
	ck_assert(!q.no_trunc);
	search_query_free(&q);

	parse_ok("  127.0.0.1:5000/team/app\n", &q);
	ck_assert_str_eq(q.term, "127.0.0.1:5000/team/app");
	search_query_free(&q);

	/* "docker" alone is an image name, not the command */
	parse_ok("docker", &q);
	ck_assert_str_eq(q.term, "docker");
	search_query_free(&q);
}
END_TEST

START_TEST(pasted_command)
{
	struct search_query q;
	parse_ok("docker search --filter stars=100 --limit 10 nginx", &q);
	ck_assert_str_eq(q.term, "nginx");
	ck_assert_int_eq(q.min_stars, 100);
	ck_assert_int_eq(q.limit, 10);
	ck_assert_int_eq(q.official, -1);
	search_query_free(&q);

	parse_ok("$ sudo docker search -f is-official=true --no-trunc busybox", &q);
	ck_assert_str_eq(q.term, "busybox");
	ck_assert_int_eq(q.official, 1);
	ck_assert(q.no_trunc);
	search_query_free(&q);

	parse_ok("# podman search --limit=3 redis", &q);
	ck_assert_str_eq(q.term, "redis");
	ck_assert_int_eq(q.limit, 3);
	search_query_free(&q);

	/* a multi-line paste with continuations, and an option after the term */
	parse_ok("docker search \\\n    --filter \"is-automated=false\" \\\r\n    nginx --limit 2", &q);
	ck_assert_str_eq(q.term, "nginx");
	ck_assert_int_eq(q.automated, 0);
	ck_assert_int_eq(q.limit, 2);
	search_query_free(&q);
}
END_TEST

START_TEST(filters)
{
	struct search_query q;
	/* stars: the largest wins, in every form pflag takes */
	parse_ok("-f stars=3 --filter=stars=10 -fstars=5 -f=stars=7 x", &q);
	ck_assert_int_eq(q.min_stars, 10);
	search_query_free(&q);

	/* negative stars filter nothing */
	parse_ok("--filter stars=-5 x", &q);
	ck_assert_int_eq(q.min_stars, 0);
	search_query_free(&q);

	/* beyond 32 bits */
	parse_ok("--filter stars=5000000000 x", &q);
	ck_assert(q.min_stars == 5000000000LL);
	search_query_free(&q);

	/* names are lowercased, both sides trimmed (filters.ParseFlag) */
	parse_ok("-f 'IS-Official = false ' -f ' stars= +7' x", &q);
	ck_assert_int_eq(q.official, 0);
	ck_assert_int_eq(q.min_stars, 7);
	search_query_free(&q);

	/* the same value twice is one value; an empty filter is ignored */
	parse_ok("-f is-automated=true -f is-automated=true -f '' x", &q);
	ck_assert_int_eq(q.automated, 1);
	search_query_free(&q);

	/* docker 20.10's deprecated --stars and --automated */
	parse_ok("--stars 4 -s 9 --automated x", &q);
	ck_assert_int_eq(q.min_stars, 9);
	ck_assert_int_eq(q.automated, 1);
	search_query_free(&q);
	parse_ok("--automated=false x", &q);
	ck_assert_int_eq(q.automated, -1);
	search_query_free(&q);
}
END_TEST

START_TEST(limits_and_flags)
{
	struct search_query q;
	parse_ok("--limit 1 x", &q);
	ck_assert_int_eq(q.limit, 1);
	search_query_free(&q);
	parse_ok("--limit=100 x", &q);
	ck_assert_int_eq(q.limit, 100);
	search_query_free(&q);
	parse_ok("--no-trunc=true x", &q);
	ck_assert(q.no_trunc);
	search_query_free(&q);
	parse_ok("--no-trunc --no-trunc=0 x", &q);
	ck_assert(!q.no_trunc);
	search_query_free(&q);
}
END_TEST

START_TEST(blanks_quotes_and_dashes)
{
	struct search_query q;
	/* U+3000 (an input method's space) and U+00A0 separate words */
	parse_ok("--limit\xe3\x80\x80" "5\xc2\xa0nginx", &q);
	ck_assert_int_eq(q.limit, 5);
	ck_assert_str_eq(q.term, "nginx");
	search_query_free(&q);

	/* a quoted term keeps its blanks; a backslash escapes one byte */
	parse_ok("'한국 어' --limit 2", &q);
	ck_assert_str_eq(q.term, "한국 어");
	search_query_free(&q);
	parse_ok("a\\ b", &q);
	ck_assert_str_eq(q.term, "a b");
	search_query_free(&q);
	parse_ok("\"say \\\"hi\\\" \\\\ $x\"", &q);
	ck_assert_str_eq(q.term, "say \"hi\" \\ $x");
	search_query_free(&q);

	/* "--" ends the options */
	parse_ok("--limit 3 -- -odd", &q);
	ck_assert_str_eq(q.term, "-odd");
	ck_assert_int_eq(q.limit, 3);
	search_query_free(&q);
}
END_TEST

START_TEST(refused)
{
	ck_parse_err("", "nothing to search for");
	ck_parse_err("   \t ", "nothing to search for");
	ck_parse_err("docker search", "nothing to search for");
	ck_parse_err("--limit 5", "nothing to search for");
	ck_parse_err("''", "nothing to search for");
	ck_parse_err("nginx redis", "more than one term: nginx redis (quote a term with blanks)");
	ck_parse_err("'nginx", "unterminated quote");
	ck_parse_err("\"nginx", "unterminated quote");
	ck_parse_err("--limit 0 x", "limit 0 is outside the range of [1, 100]");
	ck_parse_err("--limit 101 x", "limit 101 is outside the range of [1, 100]");
	ck_parse_err("--limit=-1 x", "limit -1 is outside the range of [1, 100]");
	ck_parse_err("--limit abc x", "invalid argument \"abc\" for \"--limit\" flag");
	ck_parse_err("--limit 99999999999999999999 x",
		     "invalid argument \"99999999999999999999\" for \"--limit\" flag");
	ck_parse_err("x --limit", "flag needs an argument: --limit");
	ck_parse_err("x -f", "flag needs an argument: -f");
	ck_parse_err("-f foo=bar x", "invalid filter 'foo'");
	ck_parse_err("-f stars=x nginx", "invalid filter 'stars=x'");
	ck_parse_err("-f stars=1.5 nginx", "invalid filter 'stars=1.5'");
	ck_parse_err("-f stars=99999999999999999999 nginx", "invalid filter 'stars=99999999999999999999'");
	ck_parse_err("-f is-official=maybe nginx", "invalid filter 'is-official=maybe'");
	ck_parse_err("-f is-official=True nginx", "invalid filter 'is-official=True'");
	ck_parse_err("-f is-official=true -f is-official=false nginx",
		     "invalid filter 'is-official=[true false]'");
	ck_parse_err("-f stars nginx", "bad format of filter 'stars' (expected name=value)");
	ck_parse_err("--format '{{.Name}}' nginx", "--format is not supported here: budu draws the table itself");
	ck_parse_err("--format={{.Name}} nginx", "--format is not supported here: budu draws the table itself");
	ck_parse_err("--bogus nginx", "unknown option --bogus");
	ck_parse_err("-x nginx", "unknown option -x");
	ck_parse_err("--no-trunc=maybe nginx", "invalid value for a true/false option: --no-trunc=maybe");
	ck_parse_err("--stars -1 nginx", "invalid argument \"-1\" for \"--stars\" flag");
	ck_parse_err("https://registry.example.com/app",
		     "invalid repository name (ex: \"registry.domain.tld/myrepos\")");
	/* what goes into a message is made safe to draw */
	ck_parse_err("-f \x1b[2J=1 x", "invalid filter '\\e[2j'");
	ck_parse_err("--bogus\x1b[2J x", "unknown option --bogus\\e[2J");
}
END_TEST

START_TEST(typed_options_keep_the_rest)
{
	struct search_query q;
	parse_ok("--filter is-official=true --limit 5 --no-trunc nginx", &q);
	char *err;
	/* a new term alone keeps the filters, the limit and --no-trunc */
	ck_assert(search_query_parse("redis", &q, &err));
	ck_assert_str_eq(q.term, "redis");
	ck_assert_int_eq(q.official, 1);
	ck_assert_int_eq(q.limit, 5);
	ck_assert(q.no_trunc);
	/* an option changes only itself */
	ck_assert(search_query_parse("-f stars=20 busybox", &q, &err));
	ck_assert_int_eq(q.min_stars, 20);
	ck_assert_int_eq(q.official, 1);
	ck_assert(search_query_parse("-f is-official=false busybox", &q, &err));
	ck_assert_int_eq(q.official, 0);
	ck_assert_int_eq(q.min_stars, 20);
	ck_assert(search_query_parse("-f stars=0 busybox", &q, &err));
	ck_assert_int_eq(q.min_stars, 0);
	/* a pasted docker search line is a whole command: what it does not say is the default */
	ck_assert(search_query_parse("docker search --limit 2 alpine", &q, &err));
	ck_assert_str_eq(q.term, "alpine");
	ck_assert_int_eq(q.limit, 2);
	ck_assert_int_eq(q.official, -1);
	ck_assert_int_eq(q.min_stars, 0);
	ck_assert(!q.no_trunc);
	search_query_free(&q);
}
END_TEST

/* The filters prompt (f): options without a term, all of them at once. */
START_TEST(filters_prompt)
{
	struct search_query q;
	search_query_init(&q);
	char *err = (char *)"unset";
	/* before any search: no term needed, none made up */
	ck_assert(search_query_parse_filters("--filter stars=100 --limit 10", &q, &err));
	ck_assert_ptr_null(err);
	ck_assert_ptr_null(q.term);
	ck_assert_int_eq(q.min_stars, 100);
	ck_assert_int_eq(q.limit, 10);
	/* the next search's bare term keeps them */
	ck_assert(search_query_parse("nginx", &q, &err));
	ck_assert_str_eq(q.term, "nginx");
	ck_assert_int_eq(q.min_stars, 100);
	/* the term stays; an option left out of the prompt goes back to its default */
	ck_assert(search_query_parse_filters("-f is-official=true --no-trunc", &q, &err));
	ck_assert_str_eq(q.term, "nginx");
	ck_assert_int_eq(q.official, 1);
	ck_assert_int_eq(q.min_stars, 0);
	ck_assert_int_eq(q.limit, 0);
	ck_assert(q.no_trunc);
	/* nothing: no filters at all */
	ck_assert(search_query_parse_filters("  ", &q, &err));
	ck_assert_str_eq(q.term, "nginx");
	ck_assert_int_eq(q.official, -1);
	ck_assert(!q.no_trunc);
	/* a pasted line with a term: that term */
	ck_assert(search_query_parse_filters("docker search --limit 3 redis", &q, &err));
	ck_assert_str_eq(q.term, "redis");
	ck_assert_int_eq(q.limit, 3);
	/* a refusal changes nothing */
	ck_assert(!search_query_parse_filters("--filter stars=x", &q, &err));
	ck_assert_str_eq(err, "invalid filter 'stars=x'");
	free(err);
	ck_assert_str_eq(q.term, "redis");
	ck_assert_int_eq(q.limit, 3);
	search_query_free(&q);
	/* and the full prompt still wants a term */
	ck_parse_err("--limit 3", "nothing to search for");
}
END_TEST

/* ---- path and command line ------------------------------------------------- */

START_TEST(paths)
{
	struct search_query q;
	search_query_init(&q);
	char *p = search_query_path(&q);
	ck_assert_str_eq(p, "/images/search?term=");
	free(p);

	parse_ok("nginx", &q);
	p = search_query_path(&q);
	ck_assert_str_eq(p, "/images/search?term=nginx");
	free(p);
	search_query_free(&q);

	/* docker search -f is-official=true --limit 5 busybox, byte for byte as the CLI sends it */
	parse_ok("-f is-official=true --limit 5 busybox", &q);
	p = search_query_path(&q);
	ck_assert_str_eq(p, "/images/search?filters=%7B%22is-official%22%3A%7B%22true%22%3Atrue%7D%7D"
			    "&limit=5&term=busybox");
	free(p);
	search_query_free(&q);

	parse_ok("docker search --filter stars=100 --limit 10 nginx", &q);
	p = search_query_path(&q);
	ck_assert_str_eq(p, "/images/search?filters=%7B%22stars%22%3A%7B%22100%22%3Atrue%7D%7D"
			    "&limit=10&term=nginx");
	free(p);
	search_query_free(&q);

	/* every filter, in Go's key order; the term escaped */
	parse_ok("-f stars=3 -f is-official=false -f is-automated=true '127.0.0.1:5000/a b&c'", &q);
	p = search_query_path(&q);
	ck_assert_str_eq(p, "/images/search?filters=%7B%22is-automated%22%3A%7B%22true%22%3Atrue%7D"
			    "%2C%22is-official%22%3A%7B%22false%22%3Atrue%7D"
			    "%2C%22stars%22%3A%7B%223%22%3Atrue%7D%7D"
			    "&term=127.0.0.1%3A5000%2Fa%20b%26c");
	free(p);
	search_query_free(&q);

	/* stars=0 and negative stars send no filter */
	parse_ok("-f stars=-2 --no-trunc x", &q);
	p = search_query_path(&q);
	ck_assert_str_eq(p, "/images/search?term=x");
	free(p);
	search_query_free(&q);
}
END_TEST

static void
ck_command(const char *input, const char *expected)
{
	struct search_query q;
	parse_ok(input, &q);
	char *c = search_query_command(&q);
	ck_assert_str_eq(c, expected);
	/* and it reads back to the same query */
	struct search_query back;
	parse_ok(c, &back);
	ck_assert_str_eq(back.term, q.term);
	ck_assert(back.min_stars == q.min_stars);
	ck_assert_int_eq(back.official, q.official);
	ck_assert_int_eq(back.automated, q.automated);
	ck_assert_int_eq(back.limit, q.limit);
	ck_assert_int_eq(back.no_trunc, q.no_trunc);
	search_query_free(&back);
	free(c);
	search_query_free(&q);
}

START_TEST(command_lines)
{
	ck_command("nginx", "docker search nginx");
	ck_command("--limit 10 -f stars=100 nginx", "docker search --filter stars=100 --limit 10 nginx");
	ck_command("--no-trunc -f stars=1 -f is-official=true -f is-automated=false 127.0.0.1:5000/nginx",
		   "docker search --filter is-automated=false --filter is-official=true --filter stars=1 "
		   "--no-trunc 127.0.0.1:5000/nginx");
	ck_command("'a b'", "docker search 'a b'");
	ck_command("\"it's\"", "docker search 'it'\\''s'");
	ck_command("-- -odd", "docker search -- -odd");
	ck_command("'한국'", "docker search '한국'");
	ck_command("'$HOME'", "docker search '$HOME'");

	struct search_query q;
	search_query_init(&q);
	char *c = search_query_command(&q);
	ck_assert_str_eq(c, "docker search");
	free(c);
	/* a control character in the term is shown escaped, never sent to the terminal */
	q.term = xstrdup("x\x1b]0;t\x07");
	c = search_query_command(&q);
	ck_assert_str_eq(c, "docker search 'x\\e]0;t\\x07'");
	free(c);
	search_query_free(&q);
}
END_TEST

/* ---- results --------------------------------------------------------------- */

/* The engine's answer for two results of the stand-in index (dockerd 20.10.24). */
static const char engine_answer[] =
	"[{\"star_count\":5,\"is_official\":false,\"name\":\"a/nginx\",\"is_automated\":true,"
	"\"description\":\"first\\nline\"},"
	"{\"star_count\":50,\"is_official\":true,\"name\":\"nginx\",\"is_automated\":false,"
	"\"description\":\"second\"}]\n";

START_TEST(parses_the_engine_answer)
{
	struct search_results r;
	char *err = (char *)"unset";
	ck_assert(search_parse(engine_answer, strlen(engine_answer), &r, &err));
	ck_assert_ptr_null(err);
	ck_assert_uint_eq(r.n, 2);
	/* the engine's order */
	ck_assert_str_eq(r.v[0].name, "a/nginx");
	ck_assert_str_eq(r.v[0].description, "first line");
	ck_assert_int_eq(r.v[0].stars, 5);
	ck_assert(!r.v[0].official);
	ck_assert(r.v[0].automated);
	ck_assert_str_eq(r.v[1].name, "nginx");
	ck_assert_str_eq(r.v[1].description, "second");
	ck_assert_int_eq(r.v[1].stars, 50);
	ck_assert(r.v[1].official);
	ck_assert(!r.v[1].automated);
	search_results_free(&r);
	ck_assert_uint_eq(r.n, 0);
	ck_assert_ptr_null(r.v);
}
END_TEST

START_TEST(hostile_strings_are_sanitized)
{
	static const char json[] =
		"[{\"name\":\"evil/\\u001b[31mred\",\"description\":"
		"\"a\\r\\nb\\rc\\nd \\u001b]0;pwned\\u0007 \\u009b31m \\u202eabc\\u202c \\t tab \\u007f "
		"\xff raw\",\"star_count\":1e300,\"is_official\":\"true\",\"is_automated\":1},"
		"{\"name\":7,\"star_count\":\"12\"},"
		"{\"name\":\"neg\",\"star_count\":-3,\"description\":null,\"is_official\":true},"
		"{}]";
	struct search_results r;
	char *err;
	ck_assert(search_parse(json, strlen(json), &r, &err));
	ck_assert_uint_eq(r.n, 4);
	ck_assert_str_eq(r.v[0].name, "evil/\\e[31mred");
	/* CR and LF become spaces first, as docker does; the rest is escaped */
	ck_assert_str_eq(r.v[0].description,
			 "a  b c d \\e]0;pwned\\x07 \\u009b31m \\u202eabc\\u202c \\t tab \\x7f \\xff raw");
	ck_assert(r.v[0].stars == INT64_MAX);
	ck_assert(!r.v[0].official);	/* only JSON true counts */
	ck_assert(!r.v[0].automated);
	ck_assert_str_eq(r.v[1].name, "");
	ck_assert_str_eq(r.v[1].description, "");
	ck_assert_int_eq(r.v[1].stars, 0);
	ck_assert_int_eq(r.v[2].stars, -3);
	ck_assert_str_eq(r.v[2].description, "");
	ck_assert(r.v[2].official);
	ck_assert_str_eq(r.v[3].name, "");
	for (size_t i = 0; i < r.n; i++) {
		ck_assert(sanitize_is_clean(r.v[i].name));
		ck_assert(sanitize_is_clean(r.v[i].description));
	}
	search_results_free(&r);
}
END_TEST

START_TEST(empty_and_bad_answers)
{
	struct search_results r;
	char *err;
	ck_assert(search_parse("[]", 2, &r, &err));
	ck_assert_uint_eq(r.n, 0);
	search_results_free(&r);
	ck_assert(search_parse(" null\n", 6, &r, &err));
	ck_assert_uint_eq(r.n, 0);
	search_results_free(&r);

	static const char *const bad[] = {
		"", "{}", "[1]", "[{}, \"x\"]", "not json", "[] x", "[{\"name\":\"a\"}", "\"[]\"",
		"{\"results\":[]}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err = NULL;
		ck_assert_msg(!search_parse(bad[i], strlen(bad[i]), &r, &err), "accepted %s", bad[i]);
		ck_assert_str_eq(err, "The engine's search results are not the JSON array expected");
		ck_assert_uint_eq(r.n, 0);
		ck_assert_ptr_null(r.v);
		free(err);
	}
	/* only len bytes are read */
	ck_assert(!search_parse("[]", 1, &r, &err));
	free(err);
}
END_TEST

static struct search_results
results_of(const char *json)
{
	struct search_results r;
	char *err;
	ck_assert(search_parse(json, strlen(json), &r, &err));
	return r;
}

START_TEST(sorting)
{
	struct search_results r = results_of(
		"[{\"name\":\"b\",\"star_count\":5,\"description\":\"1\"},"
		"{\"name\":\"a\",\"star_count\":5,\"description\":\"2\"},"
		"{\"name\":\"c\",\"star_count\":5000000000},"
		"{\"name\":\"a\",\"star_count\":9,\"description\":\"3\"},"
		"{\"name\":\"d\",\"star_count\":0},"
		"{\"name\":\"a\",\"star_count\":5,\"description\":\"4\"}]");
	search_sort(&r, SEARCH_SORT_STARS);
	const char *by_stars[] = { "c", "a", "a", "a", "b", "d" };
	const char *desc_stars[] = { "", "3", "2", "4", "1", "" };
	for (size_t i = 0; i < r.n; i++) {
		ck_assert_str_eq(r.v[i].name, by_stars[i]);
		ck_assert_str_eq(r.v[i].description, desc_stars[i]);
	}
	search_sort(&r, SEARCH_SORT_NAME);
	const char *by_name[] = { "a", "a", "a", "b", "c", "d" };
	/* equal name and stars keep their order (stable) */
	const char *desc_name[] = { "3", "2", "4", "1", "", "" };
	for (size_t i = 0; i < r.n; i++) {
		ck_assert_str_eq(r.v[i].name, by_name[i]);
		ck_assert_str_eq(r.v[i].description, desc_name[i]);
	}
	search_results_free(&r);

	struct search_results none = { NULL, 0 };
	search_sort(&none, SEARCH_SORT_STARS);
	struct search_results one = results_of("[{\"name\":\"x\"}]");
	search_sort(&one, SEARCH_SORT_NAME);
	ck_assert_str_eq(one.v[0].name, "x");
	search_results_free(&one);
}
END_TEST

/* ---- the DESCRIPTION cell -------------------------------------------------- */

static void
ck_cell(const char *desc, bool no_trunc, const char *expected, bool same)
{
	struct search_result r = { (char *)"n", (char *)desc, 0, false, false };
	char *tmp = (char *)"unset";
	const char *cell = search_description_cell(&r, no_trunc, &tmp);
	ck_assert_str_eq(cell, expected);
	if (same) {
		ck_assert_ptr_eq(cell, desc);
		ck_assert_ptr_null(tmp);
	} else {
		ck_assert_ptr_eq(cell, tmp);
	}
	free(tmp);
}

#define X10 "xxxxxxxxxx"
#define GA10 "가가가가가가가가가가"

START_TEST(description_cells)
{
	ck_cell("", false, "", true);
	ck_cell("Official build of Nginx.", false, "Official build of Nginx.", true);
	/* 45 columns stay; 46 are cut to 44 and "…" (docker's Ellipsis(desc, 45)) */
	ck_cell(X10 X10 X10 X10 "xxxxx", false, X10 X10 X10 X10 "xxxxx", true);
	ck_cell(X10 X10 X10 X10 "xxxxxx", false, X10 X10 X10 X10 "xxxx…", false);
	ck_cell(X10 X10 X10 X10 "xxxxxx", true, X10 X10 X10 X10 "xxxxxx", true);
	/* Korean: two columns each. 22 of them and one letter are 45 columns */
	ck_cell(GA10 GA10 "가가z", false, GA10 GA10 "가가z", true);
	/* 23 are 46: 22 (44 columns) and "…" */
	ck_cell(GA10 GA10 "가가가", false, GA10 GA10 "가가…", false);
	/* odd: "a" and 23 wide ones are 47 columns; "a" and 21 (43 columns) fit before "…" */
	ck_cell("a" GA10 GA10 "가가가", false, "a" GA10 GA10 "가…", false);
	/* the Korean description of the stand-in index */
	ck_cell("한국어 설명이 들어간 nginx 이미지입니다. 글자 폭이 두 칸인 문자로 말줄임표 위치를 확인합니다",
		false, "한국어 설명이 들어간 nginx 이미지입니다. 글…", false);
	ck_assert_int_eq(text_width("한국어 설명이 들어간 nginx 이미지입니다. 글…"), 44);
	/* an escaped ESC counts as the two columns it is drawn in */
	ck_cell("\\e[31m" X10 X10 X10 X10, false, "\\e[31m" X10 X10 X10 "xxxxxxxx…", false);
}
END_TEST

static Suite *
search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("query");
	tcase_add_test(tc, init_and_free);
	tcase_add_test(tc, plain_term);
	tcase_add_test(tc, pasted_command);
	tcase_add_test(tc, filters);
	tcase_add_test(tc, limits_and_flags);
	tcase_add_test(tc, blanks_quotes_and_dashes);
	tcase_add_test(tc, refused);
	tcase_add_test(tc, typed_options_keep_the_rest);
	tcase_add_test(tc, filters_prompt);
	tcase_add_test(tc, paths);
	tcase_add_test(tc, command_lines);
	suite_add_tcase(s, tc);
	TCase *res = tcase_create("results");
	tcase_add_test(res, parses_the_engine_answer);
	tcase_add_test(res, hostile_strings_are_sanitized);
	tcase_add_test(res, empty_and_bad_answers);
	tcase_add_test(res, sorting);
	tcase_add_test(res, description_cells);
	suite_add_tcase(s, res);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(search_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
