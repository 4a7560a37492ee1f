#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "format.h"
#include "history.h"
#include "i18n.h"
#include "json.h"
#include "sanitize.h"
#include "satnum.h"
#include "strv.h"
#include "xalloc.h"

/* docker's Ellipsis width for the CREATED BY column. */
#define CREATED_BY_WIDTH 45

static const char MISSING[] = "<missing>";

/* docker prints each tab of CreatedBy as a space; the rest of the control characters are
 * escaped by sanitize. */
static char *
created_by_text(const char *raw)
{
	char *copy = xstrdup(raw);
	for (char *p = copy; *p; p++)
		if (*p == '\t')
			*p = ' ';
	char *s = sanitize(copy);
	free(copy);
	return s;
}

static char *
row_id(const char *raw)
{
	if (strcmp(raw, MISSING) == 0 || strcmp(raw, "sha256:<missing>") == 0)
		return xstrdup("");
	return sanitize(raw);
}

static void
row_from_json(const cJSON *item, struct history_row *r)
{
	r->id = row_id(json_raw_string(item, "Id"));
	r->created = json_int64(item, "Created");
	r->created_by = created_by_text(json_raw_string(item, "CreatedBy"));
	r->created_by_short = text_ellipsis(r->created_by, CREATED_BY_WIDTH);
	r->size = json_int64(item, "Size");
	r->comment = sanitize(json_raw_string(item, "Comment"));
	r->empty_layer = r->size == 0;

	const cJSON *tags = cJSON_GetObjectItemCaseSensitive(item, "Tags");
	int n = cJSON_IsArray(tags) ? cJSON_GetArraySize(tags) : 0;
	if (n > 0) {
		r->tags = xcalloc((size_t)n, sizeof(*r->tags));
		const cJSON *t;
		cJSON_ArrayForEach(t, tags) {
			if (cJSON_IsString(t))
				r->tags[r->ntags++] = sanitize(t->valuestring);
		}
	}
}

static bool
parse_failed(struct history *out, char **err)
{
	history_free(out);
	*err = xstrdup(_("The engine's image history is not the JSON array expected"));
	return false;
}

bool
history_parse(const char *json, size_t len, struct history *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	cJSON *root = json_parse_whole(json, len);
	if (cJSON_IsNull(root)) {
		cJSON_Delete(root);
		return true;
	}
	if (!cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return parse_failed(out, err);
	}
	int n = cJSON_GetArraySize(root);
	if (n > 0)
		out->rows = xcalloc((size_t)n, sizeof(*out->rows));
	const cJSON *item;
	cJSON_ArrayForEach(item, root) {
		if (!cJSON_IsObject(item)) {
			cJSON_Delete(root);
			return parse_failed(out, err);
		}
		row_from_json(item, &out->rows[out->nrows++]);
	}
	cJSON_Delete(root);

	/* Oldest last: sum from the bottom up. */
	int64_t sum = 0;
	for (size_t i = out->nrows; i-- > 0;) {
		struct history_row *r = &out->rows[i];
		sum = sat_add(sum, r->size);
		r->cumulative_size = sum;
		if (r->size > out->max_size)
			out->max_size = r->size;
	}
	out->total_size = out->nrows ? out->rows[0].cumulative_size : 0;
	return true;
}

void
history_free(struct history *h)
{
	for (size_t i = 0; i < h->nrows; i++) {
		struct history_row *r = &h->rows[i];
		free(r->id);
		free(r->created_by);
		free(r->created_by_short);
		free(r->comment);
		strv_free(r->tags, r->ntags);
	}
	free(h->rows);
	memset(h, 0, sizeof(*h));
}

/* ---- cells ----------------------------------------------------------------- */

const char *
history_column_title(enum history_column col)
{
	static const char *const titles[HISTORY_COL_COUNT] = {
		[HISTORY_COL_IMAGE] = N_("IMAGE"),
		[HISTORY_COL_CREATED] = N_("CREATED"),
		[HISTORY_COL_CREATED_BY] = N_("CREATED BY"),
		[HISTORY_COL_SIZE] = N_("SIZE"),
		[HISTORY_COL_COMMENT] = N_("COMMENT"),
	};
	if ((unsigned)col >= HISTORY_COL_COUNT)
		return "";
	return _(titles[col]);
}

const char *
history_cell(const struct history_row *row, enum history_column col, bool no_trunc, int64_t now,
	     char *buf, size_t n)
{
	if (n > 0)
		buf[0] = '\0';
	switch (col) {
	case HISTORY_COL_IMAGE:
		if (!row->id[0])
			return MISSING;
		if (no_trunc)
			return row->id;
		format_short_id(buf, n, row->id);
		return buf;
	case HISTORY_COL_CREATED:
		/* Go's zero time and bogus early dates read "N/A", not "56 years ago". */
		if (row->created <= HISTORY_EPOCH)
			return _("N/A");
		format_created(buf, n, now, row->created);
		return buf;
	case HISTORY_COL_CREATED_BY:
		return no_trunc ? row->created_by : row->created_by_short;
	case HISTORY_COL_SIZE:
		format_size(buf, n, row->size);
		return buf;
	case HISTORY_COL_COMMENT:
		return row->comment;
	case HISTORY_COL_COUNT:
		break;
	}
	return "";
}

/* ---- the instruction behind a step ------------------------------------------ */

static const char RUN[] = "RUN";

/* Every instruction that leaves a history entry (FROM leaves none). */
static const char *const instructions[] = {
	"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL",
	"MAINTAINER", "ONBUILD", RUN, "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
};

static const char *
skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

static size_t
word_len(const char *p)
{
	size_t n = 0;
	while (p[n] && p[n] != ' ')
		n++;
	return n;
}

/* The known instruction spelled by the word at p (uppercase, then a space or the end), or NULL.
 * On success *after points past the word. */
static const char *
instruction_at(const char *p, const char **after)
{
	size_t n = word_len(p);
	for (size_t i = 0; i < sizeof(instructions) / sizeof(instructions[0]); i++) {
		if (strlen(instructions[i]) == n && memcmp(p, instructions[i], n) == 0) {
			*after = p + n;
			return instructions[i];
		}
	}
	return NULL;
}

/* The classic builder's "|N K=V ..." prefix (build args in scope of a RUN): skipped whole.
 * Values holding spaces cannot be told apart from the command, as in docker itself. */
static const char *
skip_build_args(const char *p)
{
	if (*p != '|' || p[1] < '0' || p[1] > '9')
		return p;
	char *end;
	long n = strtol(p + 1, &end, 10);
	if (*end != ' ' && *end != '\0')
		return p;
	const char *q = skip_spaces(end);
	for (long i = 0; i < n && *q; i++)
		q = skip_spaces(q + word_len(q));
	return q;
}

static bool
is_shell_name(const char *p, size_t n)
{
	static const char *const shells[] = { "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh" };
	const char *base = p;
	for (size_t i = 0; i < n; i++)
		if (p[i] == '/')
			base = p + i + 1;
	size_t bn = (size_t)(p + n - base);
	for (size_t i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
		if (strlen(shells[i]) == bn && memcmp(base, shells[i], bn) == 0)
			return true;
	return false;
}

/* "-c", "-xc", "-euc": a cluster of short options ending with c. */
static bool
is_command_option(const char *p, size_t n)
{
	if (n < 2 || p[0] != '-' || p[n - 1] != 'c')
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z')))
			return false;
	return true;
}

static bool
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Past the shell that ran a RUN command ("/bin/sh -c ", "/bin/bash -o pipefail -c ",
 * "cmd /S /C "), or p itself when no shell is recognized. */
static const char *
skip_shell(const char *p)
{
	static const char *const windows[] = { "cmd /S /C ", "powershell -Command " };
	for (size_t i = 0; i < sizeof(windows) / sizeof(windows[0]); i++)
		if (has_prefix(p, windows[i]))
			return skip_spaces(p + strlen(windows[i]));
	size_t n = word_len(p);
	if (!is_shell_name(p, n))
		return p;
	const char *q = skip_spaces(p + n);
	for (int guard = 0; guard < 16 && *q == '-'; guard++) {
		n = word_len(q);
		if (is_command_option(q, n))
			return skip_spaces(q + n);
		bool takes_value = n == 2 && (q[1] == 'o' || q[1] == 'O');
		q = skip_spaces(q + n);
		if (takes_value)
			q = skip_spaces(q + word_len(q));
	}
	return p;
}

/* A new string: [p, end) without surrounding spaces. */
static char *
trimmed(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	return xstrndup(p, (size_t)(end - p));
}

bool
history_instruction(const char *created_by, const char **keyword, char **rest)
{
	static const char buildkit_mark[] = " # buildkit";
	static const char nop[] = "#(nop)";
	const char *p = skip_spaces(created_by ? created_by : "");
	const char *end = p + strlen(p);
	const char *after;
	*keyword = NULL;

	/* BuildKit: "KEYWORD args", RUN/COPY/ADD marked with a trailing "# buildkit". */
	const char *kw = instruction_at(p, &after);
	if (kw) {
		while (end > after && end[-1] == ' ')
			end--;
		size_t mark = sizeof(buildkit_mark) - 1;
		if ((size_t)(end - after) >= mark && memcmp(end - mark, buildkit_mark, mark) == 0)
			end -= mark;
		after = skip_spaces(after);
		if (kw == RUN && after < end)
			after = skip_shell(skip_build_args(after));
		if (after > end)
			after = end;
		*keyword = kw;
		*rest = trimmed(after, end);
		return true;
	}

	/* Classic: "<shell> #(nop) KEYWORD args", one or two spaces after "#(nop)". */
	const char *q = strstr(p, nop);
	while (q && q != p && q[-1] != ' ')
		q = strstr(q + 1, nop);
	if (q) {
		q = skip_spaces(q + sizeof(nop) - 1);
		kw = instruction_at(q, &after);
		if (kw) {
			*keyword = kw;
			*rest = trimmed(after, end);
			return true;
		}
		*rest = trimmed(q, end);
		return false;
	}

	if (!*p) {
		*rest = xstrdup("");
		return false;
	}
	/* Anything else ran a command: RUN, shell or exec form, maybe with classic build args. */
	*keyword = RUN;
	*rest = trimmed(skip_shell(skip_build_args(p)), end);
	return true;
}
