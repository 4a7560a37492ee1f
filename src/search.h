/* `docker search`: what the search prompt accepts, the request the engine gets
 * (GET /images/search), the results it sends back and the cells docker prints for them.
 *
 * The engine, not budu, talks to the index: it splits the term at its first "/" and, when the
 * first part has a "." or a ":" or is "localhost", asks that host's v1 search API
 * (/v1/search?q=<rest>&n=<limit>; https first, http for an insecure registry such as
 * 127.0.0.0/8), else Docker Hub with the whole term. It applies the filters itself after the
 * index answered, so "--limit 10 --filter stars=100" can give fewer than 10 rows.
 * Checked against dockerd and docker 20.10.24 (tests/engine/50-search.sh). */
#ifndef BUDU_SEARCH_H
#define BUDU_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

/* The engine refuses other limits: "Limit 0 is outside the range of [1, 100]". */
#define SEARCH_LIMIT_MAX 100
/* The engine's default when no limit is sent. */
#define SEARCH_LIMIT_DEFAULT 25
/* docker search cuts descriptions to this many columns unless --no-trunc. */
#define SEARCH_DESCRIPTION_WIDTH 45

struct search_query {
	char *term;		/* "nginx", "127.0.0.1:5000/nginx" */
	long long min_stars;	/* 0 = no filter (--filter stars=N: the largest N given wins) */
	int official;		/* -1 any, 0 is-official=false, 1 is-official=true */
	int automated;		/* -1 any, 0, 1 (is-automated) */
	int limit;		/* 1..100, 0 = the engine's default (25, not sent) */
	bool no_trunc;		/* --no-trunc */
};

/* term NULL, filters off, limit 0, no_trunc false. */
void search_query_init(struct search_query *q);
/* Frees the term and leaves *q as search_query_init does. */
void search_query_free(struct search_query *q);

/* What the prompt accepts: a term with docker search's options, or a pasted `docker search …`
 * line: --filter/-f stars=N, is-official=true|false, is-automated=true|false, --limit N,
 * --no-trunc, --format is refused with a message. Options update *q (keep its other fields);
 * the term replaces q->term. Translated messages like docker's ("invalid filter 'x'",
 * "limit 0 is outside the range of [1, 100]"…).
 *
 * Words are split as a shell would: blanks (also U+00A0 and U+3000), '…' and "…" quotes,
 * backslash escapes and backslash-newline continuations. A leading "$ " or "# " prompt and
 * "sudo" are skipped, then "docker search" or "podman search": such a pasted command line is a
 * whole command, so the options it does not give go back to their defaults first (what it
 * shows is then what docker prints for it). Options may come before or after the term,
 * "--" ends them; the forms are pflag's: "--limit 5", "--limit=5", "-f x=y", "-fx=y", "-f=x=y".
 * Filters follow the CLI and the engine: the name is lowercased and both sides trimmed, an
 * empty --filter is ignored, is-official and is-automated take exactly "true" or "false" and
 * one of them only, stars takes a decimal integer (negative ones filter nothing). The
 * deprecated --stars N / -s N and --automated of docker 20.10 are taken as those filters.
 *
 * On success returns true, *err = NULL. On failure returns false, *q is unchanged and *err is a
 * new translated message (the caller frees): "nothing to search for",
 * "more than one term: a b (quote a term with blanks)", "unterminated quote",
 * "unknown option --foo", "flag needs an argument: --filter",
 * "bad format of filter 'x' (expected name=value)", "invalid filter 'foo'",
 * "invalid filter 'stars=x'", "invalid filter 'is-official=maybe'",
 * "invalid filter 'is-official=[true false]'", "invalid argument \"x\" for \"--limit\" flag",
 * "limit 0 is outside the range of [1, 100]", "invalid value for a true/false option: …",
 * "--format is not supported here: budu draws the table itself",
 * "invalid repository name (ex: \"registry.domain.tld/myrepos\")" (a term with "://",
 * the engine's words). */
bool search_query_parse(const char *input, struct search_query *q, char **err);

/* What the filters prompt accepts: the same words, where the term may be left out. The options
 * given are all there are: the others go back to their defaults (an empty input clears every
 * filter, the limit and --no-trunc). The term stays unless the input gives one (a pasted
 * `docker search …` line); q->term may be NULL (no search yet) and stays so then. The same
 * messages as search_query_parse, but never "nothing to search for"; on failure *q is
 * unchanged. */
bool search_query_parse_filters(const char *input, struct search_query *q, char **err);

/* "/images/search?term=…&limit=…&filters=…" (escaped), as the CLI sends it (§4, §7). New string.
 * The parameters come in the CLI's order, which is Go's sorted url.Values:
 *   /images/search?filters=%7B%22stars%22%3A%7B%22100%22%3Atrue%7D%7D&limit=10&term=nginx
 * filters (only when one is on) is {"is-automated":{"true":true},"is-official":{"false":true},
 * "stars":{"100":true}} before escaping; limit only when not 0; term is always sent ("" for a
 * NULL term). */
char *search_query_path(const struct search_query *q);

/* The options as a docker search command line, for the panel header: "docker search --filter stars=100 --limit 10 nginx". New string.
 * Filters in the order is-automated, is-official, stars, then --limit, --no-trunc and the
 * term, quoted for a POSIX shell when it needs it ('a b'); control characters in it are shown
 * escaped (sanitize), so the line is safe to draw. search_query_parse() reads it back to the
 * same query. */
char *search_query_command(const struct search_query *q);

struct search_result {
	char *name;		/* sanitized */
	char *description;	/* sanitized; "\n" and "\r" already turned into spaces as docker does */
	long long stars;
	bool official, automated;
};

struct search_results {
	struct search_result *v;
	size_t n;
};

/* Parses the body of GET /images/search: an array of {"name","description","star_count",
 * "is_official","is_automated"} (null is an empty list), kept in the engine's order; Podman
 * 4.3's {"Name","Description","Stars","Official":"[OK]"|"","Automated"} is read too. Every
 * string is sanitized here, off the UI thread; a missing or mistyped field is "", 0 or false.
 * On failure returns false, *out is empty and *err is a translated message (caller frees). */
bool search_parse(const char *json, size_t len, struct search_results *out, char **err);
void search_results_free(struct search_results *r);

enum search_sort {
	SEARCH_SORT_STARS,	/* stars: most first, then name */
	SEARCH_SORT_NAME,	/* name (byte order), then most stars first */
	SEARCH_SORT_DESCRIPTION,	/* description (byte order), then name */
	SEARCH_SORT_OFFICIAL,	/* official ones first, then by stars */
	SEARCH_SORT_AUTOMATED,	/* automated ones first, then by stars */
	SEARCH_SORT_COUNT
};
/* Sorts in place; stable for results equal in both keys. docker 20.10's CLI prints results by
 * stars, most first (the engine's order for equal stars when there are at most 12 of them);
 * docker 28 prints the engine's order. */
void search_sort(struct search_results *r, enum search_sort by);
/* The same, reversed when reverse (the exact reverse of that order). */
void search_sort_dir(struct search_results *r, enum search_sort by, bool reverse);

/* The DESCRIPTION cell: docker's Ellipsis(desc, 45) unless no_trunc. Returns desc or a new string in *tmp (free *tmp).
 * *tmp is NULL when desc itself is returned. Widths are terminal columns of the sanitized text
 * (text_width: needs a UTF-8 LC_CTYPE), so an ESC shown as "\e" counts 2 where docker, which
 * prints the raw byte, counts 0. */
const char *search_description_cell(const struct search_result *r, bool no_trunc, char **tmp);

#endif
