#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "engine.h"
#include "i18n.h"
#include "json.h"
#include "sanitize.h"
#include "cmdline.h"
#include "search.h"
#include "strbuf.h"
#include "xalloc.h"

void
search_query_init(struct search_query *q)
{
	q->term = NULL;
	q->min_stars = 0;
	q->official = -1;
	q->automated = -1;
	q->limit = 0;
	q->no_trunc = false;
}

void
search_query_free(struct search_query *q)
{
	free(q->term);
	search_query_init(q);
}

/* ---- options -------------------------------------------------------------- */

/* A decimal integer with an optional sign, as Go's strconv.Atoi reads it on 64 bits. */
static bool
parse_int(const char *s, long long *v)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (!*p)
		return false;
	for (const char *d = p; *d; d++)
		if (*d < '0' || *d > '9')
			return false;
	errno = 0;
	char *end;
	long long n = strtoll(s, &end, 10);
	if (errno == ERANGE || *end)
		return false;
	*v = n;
	return true;
}

static void
trim(char *s)
{
	size_t len = strlen(s), start = 0;
	while (start < len && cmdline_blank_len(s + start) == 1)
		start++;
	while (len > start && cmdline_blank_len(s + len - 1) == 1)
		len--;
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
}

/* One is-official or is-automated filter: the engine takes exactly one value, "true" or
 * "false" (the same one given twice is one value). */
struct bool_filter {
	const char *name;
	char *value;		/* NULL until given */
};

/* What one input says; applied to the query only when all of it parsed. */
struct options {
	bool have_stars;
	long long stars;
	struct bool_filter official, automated;
	bool have_limit;
	int limit;
	bool have_no_trunc;
	bool no_trunc;
	char *term;
};

static bool
bool_filter_add(struct bool_filter *f, const char *value, char **err)
{
	if (f->value && strcmp(f->value, value) == 0)
		return true;
	bool ok = false;
	char *clean = sanitize(value);
	if (f->value) {
		/* The engine: Invalid filter 'is-official=[true false]'. */
		char *first = sanitize(f->value);
		*err = xasprintf(_("invalid filter '%s=[%s %s]'"), f->name, first, clean);
		free(first);
	} else if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0) {
		*err = xasprintf(_("invalid filter '%s=%s'"), f->name, clean);
	} else {
		f->value = xstrdup(value);
		ok = true;
	}
	free(clean);
	return ok;
}

/* The tri-state of a bool filter: -1 when not given. */
static int
bool_filter_value(const struct bool_filter *f)
{
	return f->value ? strcmp(f->value, "true") == 0 : -1;
}

/* One --filter value, as the CLI's filters.ParseFlag and the engine read it. */
static bool
filter(const char *arg, struct options *o, char **err)
{
	if (!*arg)
		return true;
	const char *eq = strchr(arg, '=');
	if (!eq) {
		*err = cmdline_error(_("bad format of filter '%s' (expected name=value)"), arg);
		return false;
	}
	char *name = xstrndup(arg, (size_t)(eq - arg));
	char *value = xstrdup(eq + 1);
	trim(name);
	trim(value);
	for (char *p = name; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	bool ok = true;
	if (strcmp(name, "stars") == 0) {
		long long n;
		if (!parse_int(value, &n)) {
			*err = cmdline_error(_("invalid filter 'stars=%s'"), value);
			ok = false;
		} else if (!o->have_stars || n > o->stars) {
			o->stars = n;
			o->have_stars = true;
		}
	} else if (strcmp(name, "is-official") == 0) {
		ok = bool_filter_add(&o->official, value, err);
	} else if (strcmp(name, "is-automated") == 0) {
		ok = bool_filter_add(&o->automated, value, err);
	} else {
		*err = cmdline_error(_("invalid filter '%s'"), name);
		ok = false;
	}
	free(name);
	free(value);
	return ok;
}

static bool
limit(const char *value, struct options *o, char **err)
{
	long long n;
	if (!parse_int(value, &n)) {
		*err = cmdline_error(_("invalid argument \"%s\" for \"--limit\" flag"), value);
		return false;
	}
	if (n < 1 || n > SEARCH_LIMIT_MAX) {
		*err = xasprintf(_("limit %lld is outside the range of [1, %d]"), n, SEARCH_LIMIT_MAX);
		return false;
	}
	o->limit = (int)n;
	o->have_limit = true;
	return true;
}

static bool
stars_option(const char *value, struct options *o, char **err)
{
	/* docker 20.10's deprecated --stars is a uint. */
	long long n;
	if (!parse_int(value, &n) || n < 0 || value[0] == '+' || value[0] == '-') {
		*err = cmdline_error(_("invalid argument \"%s\" for \"--stars\" flag"), value);
		return false;
	}
	if (!o->have_stars || n > o->stars) {
		o->stars = n;
		o->have_stars = true;
	}
	return true;
}

/* Whether the option word's name (its first n bytes, before any '=') is name. */
static bool
name_is(const char *word, size_t n, const char *name)
{
	return n == strlen(name) && strncmp(word, name, n) == 0;
}

enum value_option { OPT_FILTER, OPT_LIMIT, OPT_STARS };

static bool
value_option(enum value_option which, const char *value, struct options *o, char **err)
{
	switch (which) {
	case OPT_FILTER:
		return filter(value, o, err);
	case OPT_LIMIT:
		return limit(value, o, err);
	case OPT_STARS:
		return stars_option(value, o, err);
	}
	return false;
}

/* The value of an option that takes one: after '=' or the next word. */
static const char *
option_value(const struct words *w, size_t *i, const char *inline_value, const char *flag, char **err)
{
	if (inline_value)
		return inline_value;
	if (*i + 1 >= w->n) {
		*err = xasprintf(_("flag needs an argument: %s"), flag);
		return NULL;
	}
	return w->v[++*i];
}

/* One option word (w->v[*i] starts with '-' and is longer than "-"); may take the next word. */
static bool
option(const struct words *w, size_t *i, struct options *o, char **err)
{
	const char *word = w->v[*i];
	if (word[1] != '-') {
		/* Shorthands: -f and -s take a value, glued ("-fstars=3"), after '=' ("-f=stars=3")
		 * or in the next word; search has no boolean shorthand. */
		enum value_option which;
		const char *flag;
		if (word[1] == 'f') {
			which = OPT_FILTER;
			flag = "-f";
		} else if (word[1] == 's') {
			which = OPT_STARS;
			flag = "-s";
		} else {
			*err = cmdline_error(_("unknown option %s"), word);
			return false;
		}
		const char *glued = word[2] == '=' ? word + 3 : word[2] ? word + 2 : NULL;
		const char *value = option_value(w, i, glued, flag, err);
		return value && value_option(which, value, o, err);
	}
	const char *eq = strchr(word, '=');
	size_t nlen = eq ? (size_t)(eq - word) : strlen(word);
	const char *inline_value = eq ? eq + 1 : NULL;
	static const struct {
		const char *name;
		enum value_option which;
	} with_value[] = {
		{ "--filter", OPT_FILTER },
		{ "--limit", OPT_LIMIT },
		{ "--stars", OPT_STARS },
	};
	for (size_t k = 0; k < sizeof(with_value) / sizeof(with_value[0]); k++) {
		if (!name_is(word, nlen, with_value[k].name))
			continue;
		const char *value = option_value(w, i, inline_value, with_value[k].name, err);
		return value && value_option(with_value[k].which, value, o, err);
	}
	if (name_is(word, nlen, "--format")) {
		*err = xstrdup(_("--format is not supported here: budu draws the table itself"));
		return false;
	}
	bool no_trunc = name_is(word, nlen, "--no-trunc");
	if (no_trunc || name_is(word, nlen, "--automated")) {
		bool on = true;
		if (inline_value && !cmdline_parse_bool(inline_value, &on)) {
			*err = cmdline_error(_("invalid value for a true/false option: %s"), word);
			return false;
		}
		if (no_trunc) {
			o->no_trunc = on;
			o->have_no_trunc = true;
		} else if (on) {
			/* docker 20.10: --automated shows automated builds only; =false is no filter. */
			return bool_filter_add(&o->automated, "true", err);
		}
		return true;
	}
	*err = cmdline_error(_("unknown option %s"), word);
	return false;
}

static bool
term(const char *word, struct options *o, char **err)
{
	if (o->term) {
		char *a = sanitize(o->term), *b = sanitize(word);
		*err = xasprintf(_("more than one term: %s %s (quote a term with blanks)"), a, b);
		free(a);
		free(b);
		return false;
	}
	o->term = xstrdup(word);
	return true;
}

static void
options_free(struct options *o)
{
	free(o->official.value);
	free(o->automated.value);
	free(o->term);
}

/* search_query_parse, or with filters_only search_query_parse_filters. */
static bool
parse(const char *input, struct search_query *q, bool filters_only, char **err)
{
	*err = NULL;
	struct words w;
	if (!words_split(input ? input : "", &w)) {
		*err = xstrdup(_("unterminated quote"));
		return false;
	}
	struct options o;
	memset(&o, 0, sizeof(o));
	o.official.name = "is-official";
	o.automated.name = "is-automated";
	bool pasted;
	size_t i = words_skip_command(&w, "search", &pasted);
	bool ok = true, options_end = false;
	for (; ok && i < w.n; i++) {
		const char *word = w.v[i];
		if (!options_end && strcmp(word, "--") == 0)
			options_end = true;
		else if (!options_end && word[0] == '-' && word[1])
			ok = option(&w, &i, &o, err);
		else
			ok = term(word, &o, err);
	}
	if (ok && !filters_only && (!o.term || !*o.term)) {
		*err = xstrdup(_("nothing to search for"));
		ok = false;
	}
	if (ok && o.term && strstr(o.term, "://")) {
		/* The engine's words for it (registry.ValidateNoScheme). */
		*err = xstrdup(_("invalid repository name (ex: \"registry.domain.tld/myrepos\")"));
		ok = false;
	}
	if (ok) {
		if (pasted || filters_only) {
			/* Every option is in the input: the others go back to their defaults. The
			 * filters prompt keeps the term it was not given. */
			char *keep = filters_only && !(o.term && *o.term) ? q->term : NULL;
			if (!keep)
				free(q->term);
			search_query_init(q);
			q->term = keep;
		}
		if (o.term && *o.term) {
			free(q->term);
			q->term = o.term;
			o.term = NULL;
		}
		if (o.have_stars)
			q->min_stars = o.stars > 0 ? o.stars : 0;
		if (o.official.value)
			q->official = bool_filter_value(&o.official);
		if (o.automated.value)
			q->automated = bool_filter_value(&o.automated);
		if (o.have_limit)
			q->limit = o.limit;
		if (o.have_no_trunc)
			q->no_trunc = o.no_trunc;
	}
	options_free(&o);
	words_free(&w);
	return ok;
}

bool
search_query_parse(const char *input, struct search_query *q, char **err)
{
	return parse(input, q, false, err);
}

bool
search_query_parse_filters(const char *input, struct search_query *q, char **err)
{
	return parse(input, q, true, err);
}

/* ---- the request and the command line -------------------------------------- */

static char *
filters_json(const struct search_query *q)
{
	struct strbuf sb = STRBUF_INIT;
	if (q->automated >= 0)
		sb_printf(&sb, "%s\"is-automated\":{\"%s\":true}", sb.len ? "," : "",
			  q->automated ? "true" : "false");
	if (q->official >= 0)
		sb_printf(&sb, "%s\"is-official\":{\"%s\":true}", sb.len ? "," : "",
			  q->official ? "true" : "false");
	if (q->min_stars > 0)
		sb_printf(&sb, "%s\"stars\":{\"%lld\":true}", sb.len ? "," : "", q->min_stars);
	if (!sb.len)
		return NULL;
	char *inner = sb_detach(&sb);
	char *json = xasprintf("{%s}", inner);
	free(inner);
	return json;
}

char *
search_query_path(const struct search_query *q)
{
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "/images/search?");
	char *filters = filters_json(q);
	if (filters) {
		char *esc = engine_escape(filters);
		sb_printf(&sb, "filters=%s&", esc);
		free(esc);
		free(filters);
	}
	if (q->limit)
		sb_printf(&sb, "limit=%d&", q->limit);
	char *esc = engine_escape(q->term ? q->term : "");
	sb_printf(&sb, "term=%s", esc);
	free(esc);
	return sb_detach(&sb);
}

/* Whether a POSIX shell reads s literally as one unquoted word. */
static bool
shell_safe(const char *s)
{
	if (!*s)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		      || (*p && strchr("._/:@%+=,-", *p))))
			return false;
	return true;
}

char *
search_query_command(const struct search_query *q)
{
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "docker search");
	if (q->automated >= 0)
		sb_printf(&sb, " --filter is-automated=%s", q->automated ? "true" : "false");
	if (q->official >= 0)
		sb_printf(&sb, " --filter is-official=%s", q->official ? "true" : "false");
	if (q->min_stars > 0)
		sb_printf(&sb, " --filter stars=%lld", q->min_stars);
	if (q->limit)
		sb_printf(&sb, " --limit %d", q->limit);
	if (q->no_trunc)
		sb_puts(&sb, " --no-trunc");
	if (q->term) {
		char *clean = sanitize(q->term);
		/* A leading '-' would read as an option. */
		if (clean[0] == '-')
			sb_puts(&sb, " --");
		if (shell_safe(clean)) {
			sb_printf(&sb, " %s", clean);
		} else {
			sb_puts(&sb, " '");
			for (const char *p = clean; *p; p++) {
				if (*p == '\'')
					sb_puts(&sb, "'\\''");
				else
					sb_putc(&sb, *p);
			}
			sb_putc(&sb, '\'');
		}
		free(clean);
	}
	return sb_detach(&sb);
}

/* ---- results -------------------------------------------------------------- */

void
search_results_free(struct search_results *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].description);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

/* Podman 4.3 answers the compat search with its own shape: {"Index","Name","Description",
 * "Stars","Official","Automated","Tag"}, where Official and Automated are "[OK]" or "". */
static bool
podman_shape(const cJSON *item)
{
	return !cJSON_GetObjectItemCaseSensitive(item, "name") && cJSON_GetObjectItemCaseSensitive(item, "Name");
}

static bool
podman_ok(const cJSON *item, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, key);
	return cJSON_IsTrue(v) || (cJSON_IsString(v) && strcmp(v->valuestring, "[OK]") == 0);
}

/* docker's formatter: "\n" and "\r" become spaces before anything else. */
static char *
description(const cJSON *item)
{
	char *raw = xstrdup(json_raw_string(item, podman_shape(item) ? "Description" : "description"));
	for (char *p = raw; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	char *clean = sanitize(raw);
	free(raw);
	return clean;
}

bool
search_parse(const char *json, size_t len, struct search_results *out, char **err)
{
	out->v = NULL;
	out->n = 0;
	*err = NULL;
	cJSON *root = json && len ? json_parse_whole(json, len) : NULL;
	if (cJSON_IsNull(root)) {
		cJSON_Delete(root);
		return true;
	}
	bool ok = cJSON_IsArray(root);
	const cJSON *item;
	if (ok) {
		cJSON_ArrayForEach(item, root) {
			if (!cJSON_IsObject(item))
				ok = false;
		}
	}
	if (!ok) {
		cJSON_Delete(root);
		*err = xstrdup(_("The engine's search results are not the JSON array expected"));
		return false;
	}
	int n = cJSON_GetArraySize(root);
	if (n > 0)
		out->v = xcalloc((size_t)n, sizeof(*out->v));
	cJSON_ArrayForEach(item, root) {
		struct search_result *r = &out->v[out->n++];
		r->name = json_string(item, "name");
		r->description = description(item);
		r->stars = (long long)json_int64(item, "star_count");
		r->official = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "is_official"));
		r->automated = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "is_automated"));
		if (podman_shape(item)) {
			free(r->name);
			r->name = json_string(item, "Name");
			r->stars = (long long)json_int64(item, "Stars");
			r->official = podman_ok(item, "Official");
			r->automated = podman_ok(item, "Automated");
		}
	}
	cJSON_Delete(root);
	return true;
}

struct sort_entry {
	struct search_result r;
	size_t index;		/* the engine's order breaks full ties: a stable sort */
	enum search_sort by;
};

static int
cmp_stars(const struct search_result *a, const struct search_result *b)
{
	return a->stars > b->stars ? -1 : a->stars < b->stars;
}

static int
cmp_entry(const void *pa, const void *pb)
{
	const struct sort_entry *a = pa, *b = pb;
	int c;
	if (a->by == SEARCH_SORT_DESCRIPTION) {
		c = strcmp(a->r.description ? a->r.description : "", b->r.description ? b->r.description : "");
		if (!c)
			c = strcmp(a->r.name, b->r.name);
	} else if (a->by == SEARCH_SORT_OFFICIAL || a->by == SEARCH_SORT_AUTOMATED) {
		bool fa = a->by == SEARCH_SORT_OFFICIAL ? a->r.official : a->r.automated;
		bool fb = a->by == SEARCH_SORT_OFFICIAL ? b->r.official : b->r.automated;
		c = fa != fb ? (fa ? -1 : 1) : cmp_stars(&a->r, &b->r);
		if (!c)
			c = strcmp(a->r.name, b->r.name);
	} else if (a->by == SEARCH_SORT_STARS) {
		c = cmp_stars(&a->r, &b->r);
		if (!c)
			c = strcmp(a->r.name, b->r.name);
	} else {
		c = strcmp(a->r.name, b->r.name);
		if (!c)
			c = cmp_stars(&a->r, &b->r);
	}
	if (!c)
		c = a->index < b->index ? -1 : a->index > b->index;
	return c;
}

void
search_sort(struct search_results *r, enum search_sort by)
{
	search_sort_dir(r, by, false);
}

void
search_sort_dir(struct search_results *r, enum search_sort by, bool reverse)
{
	if (r->n < 2)
		return;
	struct sort_entry *e = xcalloc(r->n, sizeof(*e));
	for (size_t i = 0; i < r->n; i++) {
		e[i].r = r->v[i];
		e[i].index = i;
		e[i].by = by;
	}
	qsort(e, r->n, sizeof(*e), cmp_entry);
	for (size_t i = 0; i < r->n; i++)
		r->v[i] = e[reverse ? r->n - 1 - i : i].r;
	free(e);
}

const char *
search_description_cell(const struct search_result *r, bool no_trunc, char **tmp)
{
	*tmp = NULL;
	const char *desc = r->description ? r->description : "";
	if (no_trunc || text_width(desc) <= SEARCH_DESCRIPTION_WIDTH)
		return desc;
	*tmp = text_ellipsis(desc, SEARCH_DESCRIPTION_WIDTH);
	return *tmp;
}
