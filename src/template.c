/* A Go text/template evaluator for `docker image inspect --format`, following Go 1.19's
 * text/template (lex.go, parse.go, exec.go, funcs.go) and fmt's %v, and docker/cli's
 * templates package and inspect fallback. See template.h for what is covered. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "gojson.h"
#include "i18n.h"
#include "strbuf.h"
#include "template.h"
#include "utf8.h"
#include "xalloc.h"

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Go types of the typed execution (docker 20.10's types.ImageInspect, API 1.41)
 */

enum gkind { K_STRING, K_INT, K_FLOAT, K_BOOL, K_SLICE, K_MAP, K_STRUCT, K_PTR, K_ANY };
enum gspecial { S_NONE, S_TIME, S_DURATION, S_NUMBER, S_PORT };

struct gfield;

struct gtype {
	enum gkind kind;
	const char *name;		/* as Go's %T prints it */
	const struct gtype *elem;	/* slice element, map value, pointee */
	const struct gtype *key;	/* map key */
	const struct gfield *fields;	/* struct fields in declaration order */
	size_t nfields;
	enum gspecial special;		/* types with methods and their own printing */
};

struct gfield {
	const char *name;		/* Go field name */
	const char *json;		/* key in the document */
	const struct gtype *type;
	bool omitempty;
};

static const struct gtype T_string = { .kind = K_STRING, .name = "string" };
static const struct gtype T_int = { .kind = K_INT, .name = "int" };
static const struct gtype T_int64 = { .kind = K_INT, .name = "int64" };
static const struct gtype T_uint8 = { .kind = K_INT, .name = "uint8" };
static const struct gtype T_float64 = { .kind = K_FLOAT, .name = "float64" };
static const struct gtype T_bool = { .kind = K_BOOL, .name = "bool" };
static const struct gtype T_duration = { .kind = K_INT, .name = "time.Duration", .special = S_DURATION };
static const struct gtype T_time = { .kind = K_STRUCT, .name = "time.Time", .special = S_TIME };
static const struct gtype T_number = { .kind = K_STRING, .name = "json.Number", .special = S_NUMBER };
static const struct gtype T_port = { .kind = K_STRING, .name = "nat.Port", .special = S_PORT };
static const struct gtype T_empty = { .kind = K_STRUCT, .name = "struct {}" };
static const struct gtype T_strs = { .kind = K_SLICE, .name = "[]string", .elem = &T_string };
static const struct gtype T_strslice = { .kind = K_SLICE, .name = "strslice.StrSlice", .elem = &T_string };
static const struct gtype T_map_ss = {
	.kind = K_MAP, .name = "map[string]string", .elem = &T_string, .key = &T_string
};
static const struct gtype T_map_se = {
	.kind = K_MAP, .name = "map[string]struct {}", .elem = &T_empty, .key = &T_string
};
static const struct gtype T_portset = { .kind = K_MAP, .name = "nat.PortSet", .elem = &T_empty, .key = &T_port };
static const struct gtype T_pint = { .kind = K_PTR, .name = "*int", .elem = &T_int };
static const struct gtype T_any = { .kind = K_ANY, .name = "interface {}" };
static const struct gtype T_rawmap = {
	.kind = K_MAP, .name = "map[string]interface {}", .elem = &T_any, .key = &T_string
};
static const struct gtype T_rawslice = { .kind = K_SLICE, .name = "[]interface {}", .elem = &T_any };

static const struct gfield health_fields[] = {
	{ "Test", "Test", &T_strs, true },
	{ "Interval", "Interval", &T_duration, true },
	{ "Timeout", "Timeout", &T_duration, true },
	{ "StartPeriod", "StartPeriod", &T_duration, true },
	{ "Retries", "Retries", &T_int, true },
};
static const struct gtype T_health = {
	.kind = K_STRUCT, .name = "container.HealthConfig",
	.fields = health_fields, .nfields = NFIELDS(health_fields)
};
static const struct gtype T_phealth = { .kind = K_PTR, .name = "*container.HealthConfig", .elem = &T_health };

static const struct gfield config_fields[] = {
	{ "Hostname", "Hostname", &T_string, false },
	{ "Domainname", "Domainname", &T_string, false },
	{ "User", "User", &T_string, false },
	{ "AttachStdin", "AttachStdin", &T_bool, false },
	{ "AttachStdout", "AttachStdout", &T_bool, false },
	{ "AttachStderr", "AttachStderr", &T_bool, false },
	{ "ExposedPorts", "ExposedPorts", &T_portset, true },
	{ "Tty", "Tty", &T_bool, false },
	{ "OpenStdin", "OpenStdin", &T_bool, false },
	{ "StdinOnce", "StdinOnce", &T_bool, false },
	{ "Env", "Env", &T_strs, false },
	{ "Cmd", "Cmd", &T_strslice, false },
	{ "Healthcheck", "Healthcheck", &T_phealth, true },
	{ "ArgsEscaped", "ArgsEscaped", &T_bool, true },
	{ "Image", "Image", &T_string, false },
	{ "Volumes", "Volumes", &T_map_se, false },
	{ "WorkingDir", "WorkingDir", &T_string, false },
	{ "Entrypoint", "Entrypoint", &T_strslice, false },
	{ "NetworkDisabled", "NetworkDisabled", &T_bool, true },
	{ "MacAddress", "MacAddress", &T_string, true },
	{ "OnBuild", "OnBuild", &T_strs, false },
	{ "Labels", "Labels", &T_map_ss, false },
	{ "StopSignal", "StopSignal", &T_string, true },
	{ "StopTimeout", "StopTimeout", &T_pint, true },
	{ "Shell", "Shell", &T_strslice, true },
};
static const struct gtype T_config = {
	.kind = K_STRUCT, .name = "container.Config",
	.fields = config_fields, .nfields = NFIELDS(config_fields)
};
static const struct gtype T_pconfig = { .kind = K_PTR, .name = "*container.Config", .elem = &T_config };

static const struct gfield graph_fields[] = {
	{ "Data", "Data", &T_map_ss, false },
	{ "Name", "Name", &T_string, false },
};
static const struct gtype T_graph = {
	.kind = K_STRUCT, .name = "types.GraphDriverData",
	.fields = graph_fields, .nfields = NFIELDS(graph_fields)
};

static const struct gfield rootfs_fields[] = {
	{ "Type", "Type", &T_string, false },
	{ "Layers", "Layers", &T_strs, true },
	{ "BaseLayer", "BaseLayer", &T_string, true },
};
static const struct gtype T_rootfs = {
	.kind = K_STRUCT, .name = "types.RootFS",
	.fields = rootfs_fields, .nfields = NFIELDS(rootfs_fields)
};

static const struct gfield meta_fields[] = {
	{ "LastTagTime", "LastTagTime", &T_time, true },
};
static const struct gtype T_meta = {
	.kind = K_STRUCT, .name = "types.ImageMetadata",
	.fields = meta_fields, .nfields = NFIELDS(meta_fields)
};

static const struct gfield inspect_fields[] = {
	{ "ID", "Id", &T_string, false },
	{ "RepoTags", "RepoTags", &T_strs, false },
	{ "RepoDigests", "RepoDigests", &T_strs, false },
	{ "Parent", "Parent", &T_string, false },
	{ "Comment", "Comment", &T_string, false },
	{ "Created", "Created", &T_string, false },
	{ "Container", "Container", &T_string, false },
	{ "ContainerConfig", "ContainerConfig", &T_pconfig, false },
	{ "DockerVersion", "DockerVersion", &T_string, false },
	{ "Author", "Author", &T_string, false },
	{ "Config", "Config", &T_pconfig, false },
	{ "Architecture", "Architecture", &T_string, false },
	{ "Variant", "Variant", &T_string, true },
	{ "Os", "Os", &T_string, false },
	{ "OsVersion", "OsVersion", &T_string, true },
	{ "Size", "Size", &T_int64, false },
	{ "VirtualSize", "VirtualSize", &T_int64, false },
	{ "GraphDriver", "GraphDriver", &T_graph, false },
	{ "RootFS", "RootFS", &T_rootfs, false },
	{ "Metadata", "Metadata", &T_meta, false },
};
static const struct gtype T_inspect = {
	.kind = K_STRUCT, .name = "types.ImageInspect",
	.fields = inspect_fields, .nfields = NFIELDS(inspect_fields)
};

/*
 * Lexer (text/template/parse/lex.go)
 */

enum tok {
	TK_EOF, TK_ERROR, TK_TEXT, TK_LEFT, TK_RIGHT, TK_SPACE,
	TK_FIELD, TK_DOT, TK_VAR, TK_IDENT, TK_STRING, TK_RAWSTRING, TK_CHAR, TK_NUMBER, TK_BOOL,
	TK_NIL, TK_LPAREN, TK_RPAREN, TK_PIPE, TK_DECLARE, TK_ASSIGN, TK_COMMA, TK_OTHER,
	TK_IF, TK_ELSE, TK_END, TK_RANGE, TK_WITH, TK_BREAK, TK_CONTINUE, TK_TEMPLATE, TK_DEFINE,
	TK_BLOCK
};

struct token {
	enum tok type;
	size_t pos;
	size_t len;
	char *msg;		/* TK_ERROR: translated message */
};

struct lexer {
	const char *src;
	size_t len;
	size_t pos;
	int paren;
	struct token *toks;
	size_t ntoks, cap;
	bool done;
};

static void
lex_emit(struct lexer *lx, enum tok type, size_t start, size_t end)
{
	if (lx->ntoks == lx->cap) {
		lx->cap = lx->cap ? lx->cap * 2 : 32;
		lx->toks = xrealloc(lx->toks, lx->cap * sizeof(*lx->toks));
	}
	lx->toks[lx->ntoks++] = (struct token){ type, start, end - start, NULL };
}

static void lex_error(struct lexer *lx, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
lex_error(struct lexer *lx, size_t pos, const char *fmt, ...)
{
	lex_emit(lx, TK_ERROR, pos, pos);
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	lx->toks[lx->ntoks - 1].msg = xstrdup(tmp);
	lx->done = true;
}

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Go's isAlphaNumeric: '_', letters, digits. Bytes of non-ASCII characters count as letters. */
static bool
is_alnum(int c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

static bool
has_prefix(const struct lexer *lx, size_t pos, const char *p)
{
	size_t n = strlen(p);
	return pos + n <= lx->len && memcmp(lx->src + pos, p, n) == 0;
}

/* At "}}" or " -}}" (any space before the dash)? *trim tells which. */
static bool
at_right_delim(const struct lexer *lx, size_t pos, bool *trim)
{
	if (pos + 4 <= lx->len && is_space((unsigned char)lx->src[pos]) && lx->src[pos + 1] == '-' &&
	    lx->src[pos + 2] == '}' && lx->src[pos + 3] == '}') {
		*trim = true;
		return true;
	}
	*trim = false;
	return has_prefix(lx, pos, "}}");
}

static bool
at_terminator(const struct lexer *lx, size_t pos)
{
	if (pos >= lx->len)
		return true;
	char c = lx->src[pos];
	if (is_space((unsigned char)c) || c == '.' || c == ',' || c == '|' || c == ':' || c == ')' || c == '(')
		return true;
	return has_prefix(lx, pos, "}}");
}

/* "U+007D '}'" as Go's %#U prints a character. */
static void
char_desc(char *buf, size_t n, const char *s, size_t len)
{
	uint32_t cp;
	size_t k = utf8_decode(s, len, &cp);
	if (k == 0) {
		snprintf(buf, n, "U+FFFD");
		return;
	}
	if (cp >= 0x20 && cp != 0x7f)
		snprintf(buf, n, "U+%04X '%.*s'", (unsigned)cp, (int)k, s);
	else
		snprintf(buf, n, "U+%04X", (unsigned)cp);
}

static const struct {
	const char *word;
	enum tok type;
} keywords[] = {
	{ "if", TK_IF }, { "else", TK_ELSE }, { "end", TK_END }, { "range", TK_RANGE },
	{ "with", TK_WITH }, { "break", TK_BREAK }, { "continue", TK_CONTINUE },
	{ "template", TK_TEMPLATE }, { "define", TK_DEFINE }, { "block", TK_BLOCK }, { "nil", TK_NIL },
};

static void
lex_field_or_var(struct lexer *lx, enum tok type)
{
	size_t start = lx->pos;
	lx->pos++;	/* '.' or '$' */
	if (at_terminator(lx, lx->pos)) {
		lex_emit(lx, type == TK_VAR ? TK_VAR : TK_DOT, start, lx->pos);
		return;
	}
	while (lx->pos < lx->len && is_alnum((unsigned char)lx->src[lx->pos]))
		lx->pos++;
	if (!at_terminator(lx, lx->pos)) {
		char d[32];
		char_desc(d, sizeof(d), lx->src + lx->pos, lx->len - lx->pos);
		lex_error(lx, lx->pos, _("bad character %s"), d);
		return;
	}
	lex_emit(lx, type, start, lx->pos);
}

static bool
accept(struct lexer *lx, const char *set)
{
	if (lx->pos < lx->len && lx->src[lx->pos] && strchr(set, lx->src[lx->pos])) {
		lx->pos++;
		return true;
	}
	return false;
}

static void
accept_run(struct lexer *lx, const char *set)
{
	while (accept(lx, set))
		;
}

static void
lex_number(struct lexer *lx)
{
	size_t start = lx->pos;
	accept(lx, "+-");
	const char *digits = "0123456789_";
	if (accept(lx, "0")) {
		if (accept(lx, "xX"))
			digits = "0123456789abcdefABCDEF_";
		else if (accept(lx, "oO"))
			digits = "01234567_";
		else if (accept(lx, "bB"))
			digits = "01_";
	}
	accept_run(lx, digits);
	if (accept(lx, "."))
		accept_run(lx, digits);
	if (strlen(digits) == 11 && accept(lx, "eE")) {
		accept(lx, "+-");
		accept_run(lx, "0123456789_");
	}
	if (strlen(digits) == 23 && accept(lx, "pP")) {
		accept(lx, "+-");
		accept_run(lx, "0123456789_");
	}
	accept(lx, "i");
	if (lx->pos < lx->len && is_alnum((unsigned char)lx->src[lx->pos])) {
		lx->pos++;
		lex_error(lx, start, _("bad number syntax: \"%.*s\""), (int)(lx->pos - start), lx->src + start);
		return;
	}
	lex_emit(lx, TK_NUMBER, start, lx->pos);
}

static void
lex_quote(struct lexer *lx, char q, enum tok type)
{
	size_t start = lx->pos++;
	for (;;) {
		if (lx->pos >= lx->len || (q != '`' && lx->src[lx->pos] == '\n')) {
			lex_error(lx, start, "%s",
				  q == '"' ? _("unterminated quoted string") :
				  q == '`' ? _("unterminated raw quoted string") :
					     _("unterminated character constant"));
			return;
		}
		char c = lx->src[lx->pos++];
		if (c == '\\' && q != '`') {
			if (lx->pos >= lx->len || lx->src[lx->pos] == '\n')
				continue;	/* reported at the next round */
			lx->pos++;
		} else if (c == q) {
			break;
		}
	}
	lex_emit(lx, type, start, lx->pos);
}

static void
lex_identifier(struct lexer *lx)
{
	size_t start = lx->pos;
	while (lx->pos < lx->len && is_alnum((unsigned char)lx->src[lx->pos]))
		lx->pos++;
	if (!at_terminator(lx, lx->pos)) {
		char d[32];
		char_desc(d, sizeof(d), lx->src + lx->pos, lx->len - lx->pos);
		lex_error(lx, lx->pos, _("bad character %s"), d);
		return;
	}
	size_t n = lx->pos - start;
	const char *w = lx->src + start;
	for (size_t k = 0; k < NFIELDS(keywords); k++) {
		if (strlen(keywords[k].word) == n && memcmp(keywords[k].word, w, n) == 0) {
			lex_emit(lx, keywords[k].type, start, lx->pos);
			return;
		}
	}
	if ((n == 4 && memcmp(w, "true", 4) == 0) || (n == 5 && memcmp(w, "false", 5) == 0))
		lex_emit(lx, TK_BOOL, start, lx->pos);
	else
		lex_emit(lx, TK_IDENT, start, lx->pos);
}

/* Inside {{ }} until the closing delimiter. */
static void
lex_action(struct lexer *lx)
{
	for (;;) {
		bool trim;
		if (at_right_delim(lx, lx->pos, &trim)) {
			if (lx->paren > 0) {
				lex_error(lx, lx->pos, "%s", _("unclosed left paren"));
				return;
			}
			size_t start = lx->pos;
			lx->pos += trim ? 4 : 2;
			lex_emit(lx, TK_RIGHT, start, lx->pos);
			if (trim)
				while (lx->pos < lx->len && is_space((unsigned char)lx->src[lx->pos]))
					lx->pos++;
			return;
		}
		if (lx->pos >= lx->len) {
			lex_error(lx, lx->pos, "%s", _("unclosed action"));
			return;
		}
		size_t start = lx->pos;
		unsigned char c = (unsigned char)lx->src[lx->pos];
		if (is_space(c)) {
			size_t n = 0;
			while (lx->pos < lx->len && is_space((unsigned char)lx->src[lx->pos])) {
				lx->pos++;
				n++;
			}
			/* leave the space of a " -}}" to the delimiter */
			if (has_prefix(lx, lx->pos, "-}}")) {
				lx->pos--;
				if (n == 1)
					continue;
			}
			lex_emit(lx, TK_SPACE, start, lx->pos);
		} else if (c == '=') {
			lx->pos++;
			lex_emit(lx, TK_ASSIGN, start, lx->pos);
		} else if (c == ':') {
			if (!has_prefix(lx, lx->pos, ":=")) {
				lex_error(lx, start, "%s", _("expected :="));
				return;
			}
			lx->pos += 2;
			lex_emit(lx, TK_DECLARE, start, lx->pos);
		} else if (c == '|') {
			lx->pos++;
			lex_emit(lx, TK_PIPE, start, lx->pos);
		} else if (c == '"') {
			lex_quote(lx, '"', TK_STRING);
		} else if (c == '`') {
			lex_quote(lx, '`', TK_RAWSTRING);
		} else if (c == '\'') {
			lex_quote(lx, '\'', TK_CHAR);
		} else if (c == '$') {
			lex_field_or_var(lx, TK_VAR);
		} else if (c == '.' && !(lx->pos + 1 < lx->len && lx->src[lx->pos + 1] >= '0' &&
					 lx->src[lx->pos + 1] <= '9')) {
			lex_field_or_var(lx, TK_FIELD);
		} else if (c == '.' || c == '+' || c == '-' || (c >= '0' && c <= '9')) {
			lex_number(lx);
		} else if (is_alnum(c)) {
			lex_identifier(lx);
		} else if (c == '(') {
			lx->pos++;
			lx->paren++;
			lex_emit(lx, TK_LPAREN, start, lx->pos);
		} else if (c == ')') {
			lx->pos++;
			if (--lx->paren < 0) {
				lex_error(lx, start, "%s", _("unexpected right paren"));
				return;
			}
			lex_emit(lx, TK_RPAREN, start, lx->pos);
		} else if (c >= 0x20 && c < 0x7f) {
			lx->pos++;
			lex_emit(lx, c == ',' ? TK_COMMA : TK_OTHER, start, lx->pos);
		} else {
			char d[32];
			char_desc(d, sizeof(d), lx->src + lx->pos, lx->len - lx->pos);
			lex_error(lx, start, _("unrecognized character in action: %s"), d);
			return;
		}
		if (lx->done)
			return;
	}
}

static void
lex_all(struct lexer *lx)
{
	while (!lx->done) {
		const char *open = NULL;
		for (size_t i = lx->pos; i + 1 < lx->len; i++) {
			if (lx->src[i] == '{' && lx->src[i + 1] == '{') {
				open = lx->src + i;
				break;
			}
		}
		if (open == NULL) {
			if (lx->pos < lx->len)
				lex_emit(lx, TK_TEXT, lx->pos, lx->len);
			lex_emit(lx, TK_EOF, lx->len, lx->len);
			return;
		}
		size_t at = (size_t)(open - lx->src);
		bool trim = at + 3 < lx->len && lx->src[at + 2] == '-' && is_space((unsigned char)lx->src[at + 3]);
		size_t text_end = at;
		if (trim)
			while (text_end > lx->pos && is_space((unsigned char)lx->src[text_end - 1]))
				text_end--;
		if (text_end > lx->pos)
			lex_emit(lx, TK_TEXT, lx->pos, text_end);
		size_t after = at + 2 + (trim ? 2 : 0);
		if (has_prefix(lx, after, "/*")) {
			const char *end = NULL;
			for (size_t i = after + 2; i + 1 < lx->len; i++) {
				if (lx->src[i] == '*' && lx->src[i + 1] == '/') {
					end = lx->src + i;
					break;
				}
			}
			if (end == NULL) {
				lex_error(lx, at, "%s", _("unclosed comment"));
				return;
			}
			size_t p = (size_t)(end - lx->src) + 2;
			bool rtrim;
			if (!at_right_delim(lx, p, &rtrim)) {
				lex_error(lx, p, "%s", _("comment ends before closing delimiter"));
				return;
			}
			p += rtrim ? 4 : 2;
			if (rtrim)
				while (p < lx->len && is_space((unsigned char)lx->src[p]))
					p++;
			lx->pos = p;
			continue;
		}
		lex_emit(lx, TK_LEFT, at, after);
		lx->pos = after;
		lex_action(lx);
	}
}

/*
 * Parser (text/template/parse/parse.go)
 */

enum nkind {
	N_LIST, N_TEXT, N_ACTION, N_IF, N_RANGE, N_WITH, N_BREAK, N_CONTINUE, N_END, N_ELSE,
	N_PIPE, N_CMD, N_FIELD, N_VAR, N_CHAIN, N_DOT, N_IDENT, N_STRING, N_NUMBER, N_BOOL, N_NIL
};

struct tnode {
	enum nkind kind;
	size_t start, end;	/* source bytes the node spans: messages and columns */
	char *str;		/* N_TEXT, N_STRING: contents; N_IDENT: name; N_VAR: "$name" */
	size_t slen;
	char **idents;		/* N_FIELD: names; N_VAR, N_CHAIN: fields after the operand */
	size_t nidents;
	struct tnode **kids;	/* N_LIST: items; N_PIPE: commands; N_CMD: operands */
	size_t nkids;
	char **decl;		/* N_PIPE: variables declared (:=) or assigned (=) */
	size_t ndecl;
	bool assign;
	struct tnode *pipe;	/* N_ACTION, N_IF, N_RANGE, N_WITH; N_CHAIN: the operand */
	struct tnode *list;
	struct tnode *elselist;
	bool is_int, is_float, float_text;	/* N_NUMBER */
	int64_t ival;
	double fval;
	bool bval;		/* N_BOOL */
};

struct varname {
	const char *s;
	size_t n;
};

struct parser {
	struct lexer *lx;
	size_t i;			/* next token */
	struct tnode **all;		/* every node, to free */
	size_t nall, capall;
	struct varname *vars;		/* variables in scope */
	size_t nvars, capvars;
	int range_depth;
	jmp_buf fail;
	char *err;
	size_t err_pos;
};

static void perr(struct parser *p, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

static void
perr(struct parser *p, size_t pos, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	p->err = xstrdup(tmp);
	p->err_pos = pos;
	longjmp(p->fail, 1);
}

static struct tnode *
node_new(struct parser *p, enum nkind kind, size_t start)
{
	if (p->nall == p->capall) {
		p->capall = p->capall ? p->capall * 2 : 32;
		p->all = xrealloc(p->all, p->capall * sizeof(*p->all));
	}
	struct tnode *n = xcalloc(1, sizeof(*n));
	n->kind = kind;
	n->start = n->end = start;
	p->all[p->nall++] = n;
	return n;
}

static void
node_free(struct tnode *n)
{
	free(n->str);
	for (size_t k = 0; k < n->nidents; k++)
		free(n->idents[k]);
	free(n->idents);
	free(n->kids);
	for (size_t k = 0; k < n->ndecl; k++)
		free(n->decl[k]);
	free(n->decl);
	free(n);
}

static void
node_add(struct tnode *n, struct tnode *kid)
{
	if ((n->nkids & (n->nkids - 1)) == 0)	/* 0, 1, 2, 4...: grow to the next power of two */
		n->kids = xrealloc(n->kids, (n->nkids ? n->nkids * 2 : 1) * sizeof(*n->kids));
	n->kids[n->nkids++] = kid;
	if (kid->end > n->end)
		n->end = kid->end;
}

static void
ident_add(struct tnode *n, const char *s, size_t len)
{
	n->idents = xrealloc(n->idents, (n->nidents + 1) * sizeof(*n->idents));
	n->idents[n->nidents++] = xstrndup(s, len);
}

static const struct token *
tok_peek(struct parser *p)
{
	const struct token *t = &p->lx->toks[p->i];
	if (t->type == TK_ERROR)
		perr(p, t->pos, "%s", t->msg);
	return t;
}

static const struct token *
tok_next(struct parser *p)
{
	const struct token *t = tok_peek(p);
	if (t->type != TK_EOF)
		p->i++;
	return t;
}

static const struct token *
tok_next_nonspace(struct parser *p)
{
	const struct token *t;
	do
		t = tok_next(p);
	while (t->type == TK_SPACE);
	return t;
}

static const struct token *
tok_peek_nonspace(struct parser *p)
{
	const struct token *t = tok_next_nonspace(p);
	if (t->type != TK_EOF)
		p->i--;
	return t;
}

static const char *
tok_text(const struct parser *p, const struct token *t)
{
	return p->lx->src + t->pos;
}

/* How a token is named in "unexpected ..." messages. */
static void
tok_desc(const struct parser *p, const struct token *t, char *buf, size_t n)
{
	switch (t->type) {
	case TK_EOF:
		snprintf(buf, n, "EOF");
		break;
	case TK_RIGHT:
		snprintf(buf, n, "\"}}\"");
		break;
	case TK_LEFT:
		snprintf(buf, n, "\"{{\"");
		break;
	case TK_TEXT:
		snprintf(buf, n, "%s", _("text"));
		break;
	default:
		snprintf(buf, n, "\"%.*s\"", (int)(t->len > 40 ? 40 : t->len), tok_text(p, t));
		break;
	}
}

static void unexpected(struct parser *p, const struct token *t, const char *context) __attribute__((noreturn));

static void
unexpected(struct parser *p, const struct token *t, const char *context)
{
	char d[64];
	tok_desc(p, t, d, sizeof(d));
	perr(p, t->pos, _("unexpected %s in %s"), d, context);
}

static void
var_push(struct parser *p, const char *s, size_t n)
{
	if (p->nvars == p->capvars) {
		p->capvars = p->capvars ? p->capvars * 2 : 8;
		p->vars = xrealloc(p->vars, p->capvars * sizeof(*p->vars));
	}
	p->vars[p->nvars++] = (struct varname){ s, n };
}

static bool
var_known(const struct parser *p, const char *s, size_t n)
{
	for (size_t k = p->nvars; k-- > 0;)
		if (p->vars[k].n == n && memcmp(p->vars[k].s, s, n) == 0)
			return true;
	return false;
}

/* Functions known at parse time (Go checks this before executing anything). */
static const char *const func_names[] = {
	"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf",
	"println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne",
	"json", "split", "join", "title", "lower", "upper", "pad", "truncate",
};

static bool
func_known(const char *s, size_t n)
{
	for (size_t k = 0; k < NFIELDS(func_names); k++)
		if (strlen(func_names[k]) == n && memcmp(func_names[k], s, n) == 0)
			return true;
	return false;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* strconv.Unquote of a "..." or '...' literal body (without quotes) into sb. */
static bool
go_unquote(struct strbuf *sb, const char *s, size_t len, char quote)
{
	for (size_t i = 0; i < len;) {
		char c = s[i];
		if (c == quote && quote == '"')
			return false;
		if (c != '\\') {
			sb_putc(sb, c);
			i++;
			continue;
		}
		if (++i >= len)
			return false;
		c = s[i++];
		int n = 0;
		switch (c) {
		case 'a': sb_putc(sb, '\a'); break;
		case 'b': sb_putc(sb, '\b'); break;
		case 'f': sb_putc(sb, '\f'); break;
		case 'n': sb_putc(sb, '\n'); break;
		case 'r': sb_putc(sb, '\r'); break;
		case 't': sb_putc(sb, '\t'); break;
		case 'v': sb_putc(sb, '\v'); break;
		case '\\': sb_putc(sb, '\\'); break;
		case '"':
		case '\'':
			if (c != quote)
				return false;
			sb_putc(sb, c);
			break;
		case 'x':
			n = 2;
			/* fall through */
		case 'u':
			if (n == 0)
				n = 4;
			/* fall through */
		case 'U': {
			if (n == 0)
				n = 8;
			if (i + (size_t)n > len)
				return false;
			uint32_t v = 0;
			for (int k = 0; k < n; k++) {
				int h = hexval((unsigned char)s[i + (size_t)k]);
				if (h < 0)
					return false;
				v = v * 16 + (uint32_t)h;
			}
			i += (size_t)n;
			if (c == 'x') {
				sb_putc(sb, (char)v);
			} else {
				if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
					return false;
				utf8_encode(sb, v);
			}
			break;
		}
		default:
			if (c >= '0' && c <= '7') {
				if (i + 2 > len)
					return false;
				unsigned v = (unsigned)(c - '0');
				for (int k = 0; k < 2; k++) {
					char o = s[i++];
					if (o < '0' || o > '7')
						return false;
					v = v * 8 + (unsigned)(o - '0');
				}
				if (v > 255)
					return false;
				sb_putc(sb, (char)v);
				break;
			}
			return false;
		}
	}
	return true;
}

/* strconv.ParseInt(text, 0, 64). */
static bool
parse_go_int(const char *text, size_t len, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	if (i < len && (text[i] == '+' || text[i] == '-'))
		neg = text[i++] == '-';
	int base = 10;
	bool prefixed = false;
	if (i + 1 < len && text[i] == '0') {
		char b = text[i + 1];
		if (b == 'x' || b == 'X')
			base = 16;
		else if (b == 'o' || b == 'O')
			base = 8;
		else if (b == 'b' || b == 'B')
			base = 2;
		if (base != 10) {
			i += 2;
			prefixed = true;
		} else {
			base = 8;	/* a leading 0 means octal */
			i++;
		}
	}
	uint64_t v = 0;
	bool any = base == 8 && !prefixed;	/* the "0" itself */
	for (; i < len; i++) {
		if (text[i] == '_')
			continue;
		int d = hexval((unsigned char)text[i]);
		if (d < 0 || d >= base)
			return false;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return false;
		v = v * (uint64_t)base + (uint64_t)d;
		any = true;
	}
	if (!any)
		return false;
	if (neg) {
		if (v > (uint64_t)INT64_MAX + 1)
			return false;
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		if (v > (uint64_t)INT64_MAX)
			return false;
		*out = (int64_t)v;
	}
	return true;
}

static struct tnode *
new_number(struct parser *p, const struct token *t)
{
	struct tnode *n = node_new(p, N_NUMBER, t->pos);
	n->end = t->pos + t->len;
	const char *text = tok_text(p, t);
	if (t->type == TK_CHAR) {
		struct strbuf sb = STRBUF_INIT;
		bool ok = t->len >= 3 && go_unquote(&sb, text + 1, t->len - 2, '\'');
		uint32_t cp = 0;
		size_t k = ok && sb.len ? utf8_decode(sb.buf, sb.len, &cp) : 0;
		if (!ok || sb.len == 0 || (k != sb.len && sb.len != 1)) {
			sb_free(&sb);
			perr(p, t->pos, _("malformed character constant: %.*s"), (int)t->len, text);
		}
		if (k != sb.len)
			cp = (unsigned char)sb.buf[0];
		sb_free(&sb);
		n->is_int = n->is_float = true;
		n->ival = cp;
		n->fval = cp;
		return n;
	}
	if (text[t->len - 1] == 'i')
		perr(p, t->pos, _("complex numbers are not supported: %.*s"), (int)t->len, text);
	bool fchars = false;
	for (size_t i = 0; i < t->len; i++)
		if (strchr(".eEpP", text[i]))
			fchars = true;
	bool hexint = t->len > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') &&
		      !memchr(text, 'p', t->len) && !memchr(text, 'P', t->len);
	n->float_text = fchars && !hexint;
	if (parse_go_int(text, t->len, &n->ival)) {
		n->is_int = n->is_float = true;
		n->fval = (double)n->ival;
		return n;
	}
	char buf[128];
	size_t k = 0;
	for (size_t i = 0; i < t->len && k + 1 < sizeof(buf); i++)
		if (text[i] != '_')
			buf[k++] = text[i];
	buf[k] = '\0';
	char *end;
	double f = strtod(buf, &end);
	if (k == 0 || *end != '\0')
		perr(p, t->pos, _("illegal number syntax: \"%.*s\""), (int)t->len, text);
	if (!fchars)
		perr(p, t->pos, _("integer overflow: \"%.*s\""), (int)t->len, text);
	n->is_float = true;
	n->fval = f;
	if (f >= -9.2e18 && f <= 9.2e18 && (double)(int64_t)f == f) {
		n->is_int = true;
		n->ival = (int64_t)f;
	}
	return n;
}

static struct tnode *parse_pipeline(struct parser *p, const char *context, enum tok end);

static struct tnode *
parse_term(struct parser *p)
{
	const struct token *t = tok_next_nonspace(p);
	const char *text = tok_text(p, t);
	struct tnode *n;
	switch (t->type) {
	case TK_IDENT:
		if (!func_known(text, t->len))
			perr(p, t->pos, _("function \"%.*s\" not defined"), (int)t->len, text);
		n = node_new(p, N_IDENT, t->pos);
		n->str = xstrndup(text, t->len);
		break;
	case TK_DOT:
		n = node_new(p, N_DOT, t->pos);
		break;
	case TK_NIL:
		n = node_new(p, N_NIL, t->pos);
		break;
	case TK_VAR:
		if (!var_known(p, text, t->len))
			perr(p, t->pos, _("undefined variable \"%.*s\""), (int)t->len, text);
		n = node_new(p, N_VAR, t->pos);
		n->str = xstrndup(text, t->len);
		break;
	case TK_FIELD:
		n = node_new(p, N_FIELD, t->pos);
		ident_add(n, text + 1, t->len - 1);
		break;
	case TK_BOOL:
		n = node_new(p, N_BOOL, t->pos);
		n->bval = text[0] == 't';
		break;
	case TK_CHAR:
	case TK_NUMBER:
		return new_number(p, t);
	case TK_LPAREN: {
		struct tnode *pipe = parse_pipeline(p, "parenthesized pipeline", TK_RPAREN);
		pipe->start = t->pos;
		pipe->end = p->lx->toks[p->i - 1].pos + 1;
		return pipe;
	}
	case TK_STRING:
	case TK_RAWSTRING: {
		struct strbuf sb = STRBUF_INIT;
		if (t->type == TK_RAWSTRING) {
			for (size_t k = 1; k + 1 < t->len; k++)
				if (text[k] != '\r')	/* Go drops carriage returns from raw strings */
					sb_putc(&sb, text[k]);
		} else if (!go_unquote(&sb, text + 1, t->len - 2, '"')) {
			sb_free(&sb);
			perr(p, t->pos, _("invalid syntax in string %.*s"), (int)t->len, text);
		}
		n = node_new(p, N_STRING, t->pos);
		n->slen = sb.len;
		n->str = sb_detach(&sb);
		break;
	}
	default:
		p->i--;
		return NULL;
	}
	n->end = t->pos + t->len;
	return n;
}

static struct tnode *
parse_operand(struct parser *p)
{
	struct tnode *n = parse_term(p);
	if (n == NULL || tok_peek(p)->type != TK_FIELD)
		return n;
	struct tnode *target = n;
	switch (n->kind) {
	case N_FIELD:
	case N_VAR:
		break;
	case N_BOOL:
	case N_STRING:
	case N_NUMBER:
	case N_NIL:
	case N_DOT:
		perr(p, tok_peek(p)->pos, _("unexpected . after term \"%.*s\""), (int)(n->end - n->start),
		     p->lx->src + n->start);
	default:
		target = node_new(p, N_CHAIN, n->start);
		target->pipe = n;
		break;
	}
	while (tok_peek(p)->type == TK_FIELD) {
		const struct token *t = tok_next(p);
		ident_add(target, tok_text(p, t) + 1, t->len - 1);
		target->end = t->pos + t->len;
	}
	return target;
}

static struct tnode *
parse_command(struct parser *p)
{
	struct tnode *cmd = node_new(p, N_CMD, tok_peek_nonspace(p)->pos);
	for (;;) {
		tok_peek_nonspace(p);
		struct tnode *op = parse_operand(p);
		if (op)
			node_add(cmd, op);
		const struct token *t = tok_next(p);
		if (t->type == TK_SPACE)
			continue;
		if (t->type == TK_RIGHT || t->type == TK_RPAREN)
			p->i--;
		else if (t->type != TK_PIPE)
			unexpected(p, t, _("operand"));
		break;
	}
	if (cmd->nkids == 0)
		perr(p, cmd->start, "%s", _("empty command"));
	return cmd;
}

static void
decl_add(struct parser *p, struct tnode *pipe, const struct token *v)
{
	pipe->decl = xrealloc(pipe->decl, (pipe->ndecl + 1) * sizeof(*pipe->decl));
	pipe->decl[pipe->ndecl++] = xstrndup(tok_text(p, v), v->len);
	var_push(p, tok_text(p, v), v->len);
}

static struct tnode *
parse_pipeline(struct parser *p, const char *context, enum tok end)
{
	struct tnode *pipe = node_new(p, N_PIPE, tok_peek_nonspace(p)->pos);
	for (;;) {	/* declarations */
		size_t save = p->i;
		const struct token *v = tok_next_nonspace(p);
		if (v->type != TK_VAR) {
			p->i = save;
			break;
		}
		const struct token *nx = tok_next_nonspace(p);
		if (nx->type == TK_ASSIGN || nx->type == TK_DECLARE) {
			pipe->assign = nx->type == TK_ASSIGN;
			decl_add(p, pipe, v);
			break;
		}
		if (nx->type == TK_COMMA) {
			decl_add(p, pipe, v);
			if (strcmp(context, "range") == 0 && pipe->ndecl < 2) {
				enum tok k = tok_peek_nonspace(p)->type;
				if (k == TK_VAR || k == TK_RIGHT || k == TK_RPAREN)
					continue;
				perr(p, nx->pos, "%s", _("range can only initialize variables"));
			}
			perr(p, nx->pos, _("too many declarations in %s"), context);
		}
		p->i = save;
		break;
	}
	for (;;) {
		const struct token *t = tok_next_nonspace(p);
		if (t->type == end) {
			if (pipe->nkids == 0)
				perr(p, t->pos, _("missing value for %s"), context);
			for (size_t k = 1; k < pipe->nkids; k++) {
				enum nkind a = pipe->kids[k]->kids[0]->kind;
				if (a == N_BOOL || a == N_DOT || a == N_NIL || a == N_NUMBER || a == N_STRING)
					perr(p, pipe->kids[k]->start,
					     _("non executable command in pipeline stage %zu"), k + 1);
			}
			return pipe;
		}
		switch (t->type) {
		case TK_BOOL: case TK_CHAR: case TK_DOT: case TK_FIELD: case TK_IDENT: case TK_NUMBER:
		case TK_NIL: case TK_RAWSTRING: case TK_STRING: case TK_VAR: case TK_LPAREN:
			p->i--;
			node_add(pipe, parse_command(p));
			break;
		default:
			unexpected(p, t, context);
		}
	}
}

static struct tnode *parse_text_or_action(struct parser *p);

/* Items up to {{end}} or {{else}}, returned in *next. */
static struct tnode *
parse_item_list(struct parser *p, struct tnode **next)
{
	struct tnode *list = node_new(p, N_LIST, tok_peek_nonspace(p)->pos);
	while (tok_peek_nonspace(p)->type != TK_EOF) {
		struct tnode *n = parse_text_or_action(p);
		if (n->kind == N_END || n->kind == N_ELSE) {
			*next = n;
			return list;
		}
		node_add(list, n);
	}
	perr(p, p->lx->len, "%s", _("unexpected EOF"));
}

static struct tnode *parse_if(struct parser *p, size_t start);

static struct tnode *
parse_control(struct parser *p, enum nkind kind, const char *context, size_t start)
{
	size_t mark = p->nvars;
	struct tnode *n = node_new(p, kind, start);
	n->pipe = parse_pipeline(p, context, TK_RIGHT);
	if (kind == N_RANGE)
		p->range_depth++;
	struct tnode *next = NULL;
	n->list = parse_item_list(p, &next);
	if (kind == N_RANGE)
		p->range_depth--;
	if (next->kind == N_ELSE) {
		if (kind == N_IF && tok_peek(p)->type == TK_IF) {
			const struct token *t = tok_next(p);
			n->elselist = node_new(p, N_LIST, t->pos);
			node_add(n->elselist, parse_if(p, t->pos));
		} else {
			n->elselist = parse_item_list(p, &next);
			if (next->kind != N_END)
				perr(p, next->start, "%s", _("expected {{end}}, found {{else}}"));
		}
	}
	p->nvars = mark;
	n->end = p->lx->toks[p->i - 1].pos + p->lx->toks[p->i - 1].len;
	return n;
}

static struct tnode *
parse_if(struct parser *p, size_t start)
{
	return parse_control(p, N_IF, "if", start);
}

static void
expect_right(struct parser *p, const char *context)
{
	const struct token *t = tok_next_nonspace(p);
	if (t->type != TK_RIGHT)
		unexpected(p, t, context);
}

static struct tnode *
parse_action(struct parser *p, size_t left)
{
	const struct token *t = tok_next_nonspace(p);
	struct tnode *n;
	switch (t->type) {
	case TK_TEMPLATE:
	case TK_DEFINE:
	case TK_BLOCK:
		perr(p, t->pos, _("{{%.*s}} is not supported"), (int)t->len, tok_text(p, t));
	case TK_BREAK:
	case TK_CONTINUE:
		expect_right(p, t->type == TK_BREAK ? "{{break}}" : "{{continue}}");
		if (p->range_depth == 0)
			perr(p, t->pos, _("{{%.*s}} outside {{range}}"), (int)t->len, tok_text(p, t));
		n = node_new(p, t->type == TK_BREAK ? N_BREAK : N_CONTINUE, left);
		return n;
	case TK_ELSE:
		n = node_new(p, N_ELSE, left);
		if (tok_peek_nonspace(p)->type == TK_IF)
			return n;	/* "else if": parse_control takes the "if" */
		expect_right(p, "else");
		return n;
	case TK_END:
		expect_right(p, "end");
		return node_new(p, N_END, left);
	case TK_IF:
		return parse_control(p, N_IF, "if", left);
	case TK_RANGE:
		return parse_control(p, N_RANGE, "range", left);
	case TK_WITH:
		return parse_control(p, N_WITH, "with", left);
	default:
		break;
	}
	p->i--;
	n = node_new(p, N_ACTION, left);
	n->pipe = parse_pipeline(p, "command", TK_RIGHT);
	n->end = p->lx->toks[p->i - 1].pos + p->lx->toks[p->i - 1].len;
	return n;
}

static struct tnode *
parse_text_or_action(struct parser *p)
{
	const struct token *t = tok_next_nonspace(p);
	if (t->type == TK_TEXT) {
		struct tnode *n = node_new(p, N_TEXT, t->pos);
		n->str = xstrndup(tok_text(p, t), t->len);
		n->slen = t->len;
		n->end = t->pos + t->len;
		return n;
	}
	if (t->type == TK_LEFT)
		return parse_action(p, t->pos);
	unexpected(p, t, _("input"));
}

static struct tnode *
parse_top(struct parser *p)
{
	struct tnode *list = node_new(p, N_LIST, 0);
	var_push(p, "$", 1);
	while (tok_peek(p)->type != TK_EOF) {
		struct tnode *n = parse_text_or_action(p);
		if (n->kind == N_END || n->kind == N_ELSE)
			perr(p, n->start, _("unexpected {{%s}}"), n->kind == N_END ? "end" : "else");
		node_add(list, n);
	}
	return list;
}

/*
 * Values
 */

/* A Go value: its type and the JSON node holding it. Values the evaluator makes (results of
 * functions, literals) live in nodes of the exec's arena. */
struct val {
	const struct gtype *t;	/* NULL: Go's invalid reflect.Value, printed "<no value>" */
	const cJSON *n;		/* NULL or a JSON null: the zero value (nil pointer, map, slice) */
	bool doc;		/* n is a node of the document */
};

static const struct val VINVALID = { NULL, NULL, false };

enum flow { FLOW_NONE, FLOW_BREAK, FLOW_CONTINUE };

struct var {
	const char *name;
	struct val v;
};

struct exec {
	const char *src;
	bool raw;			/* the second run, on map[string]interface{} */
	cJSON **nodes;			/* arena of nodes made here */
	size_t nnodes, capnodes;
	char **strs;			/* strings owned by arena nodes */
	size_t nstrs, capstrs;
	struct strbuf out;
	struct var *vars;
	size_t nvars, capvars;
	enum flow flow;
	bool failed;
	char *err;
	size_t err_pos;
	char *unsup;			/* first construct budu cannot print faithfully */
	size_t unsup_pos;
	struct val last;		/* value of the last action (for template_result.node) */
	const cJSON *json_arg;		/* document node given to the last `json` call */
};

static void xfail(struct exec *x, const struct tnode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
xfail(struct exec *x, const struct tnode *at, const char *fmt, ...)
{
	if (x->failed)
		return;
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	x->failed = true;
	x->err = xstrdup(tmp);
	x->err_pos = at ? at->start : 0;
}

static void xunsup(struct exec *x, const struct tnode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Something budu cannot reproduce. The typed run goes on (it may still fail, and docker would
 * then print the raw run's result); it is reported if the run that counts reaches it. */
static void
xunsup(struct exec *x, const struct tnode *at, const char *fmt, ...)
{
	if (x->unsup || x->failed)
		return;
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	x->unsup = xasprintf(_("not supported: %s"), tmp);
	x->unsup_pos = at ? at->start : 0;
	if (x->raw) {
		x->failed = true;
		x->err = x->unsup;
		x->err_pos = x->unsup_pos;
		x->unsup = NULL;
	}
}

/* printf arguments naming a node's source text. */
#define NTEXT(x, nd) (int)((nd)->end - (nd)->start), (x)->src + (nd)->start

static void
no_path(struct exec *x, const struct tnode *at)
{
	xfail(x, at, _("no such path: %.*s"), NTEXT(x, at));
}

static cJSON *
anode(struct exec *x, int type)
{
	if (x->nnodes == x->capnodes) {
		x->capnodes = x->capnodes ? x->capnodes * 2 : 32;
		x->nodes = xrealloc(x->nodes, x->capnodes * sizeof(*x->nodes));
	}
	cJSON *n = xcalloc(1, sizeof(*n));
	n->type = type;
	x->nodes[x->nnodes++] = n;
	return n;
}

static char *
astr(struct exec *x, char *s)
{
	if (x->nstrs == x->capstrs) {
		x->capstrs = x->capstrs ? x->capstrs * 2 : 32;
		x->strs = xrealloc(x->strs, x->capstrs * sizeof(*x->strs));
	}
	x->strs[x->nstrs++] = s;
	return s;
}

static struct val
v_str(struct exec *x, const char *s, size_t len)
{
	cJSON *n = anode(x, cJSON_String);
	n->valuestring = astr(x, xstrndup(s, len));
	return (struct val){ &T_string, n, false };
}

/* Takes ownership of s (from sb_detach or xasprintf). */
static struct val
v_str_own(struct exec *x, char *s)
{
	cJSON *n = anode(x, cJSON_String);
	n->valuestring = astr(x, s);
	return (struct val){ &T_string, n, false };
}

static struct val
v_num(struct exec *x, const struct gtype *t, double d)
{
	cJSON *n = anode(x, cJSON_Number);
	n->valuedouble = d;
	n->valueint = d >= 2147483647.0 ? 2147483647 : d <= -2147483648.0 ? (-2147483647 - 1) : (int)d;
	return (struct val){ t, n, false };
}

static struct val
v_bool(struct exec *x, bool b)
{
	return (struct val){ &T_bool, anode(x, b ? cJSON_True : cJSON_False), false };
}

/* A node whose contents are node c's (children shared, string not owned): c's value in a new
 * list, e.g. an element of a slice made by `slice`. */
static cJSON *
ashallow(struct exec *x, const cJSON *c)
{
	cJSON *n = anode(x, c->type);
	n->child = c->child;
	n->valuestring = c->valuestring;
	n->valuedouble = c->valuedouble;
	n->valueint = c->valueint;
	return n;
}

static void
alink(cJSON *parent, cJSON **last, cJSON *kid)
{
	if (*last == NULL) {
		parent->child = kid;
	} else {
		(*last)->next = kid;
		kid->prev = *last;
	}
	*last = kid;
	parent->child->prev = kid;
}

static bool
v_isnil(struct val v)
{
	return v.n == NULL || cJSON_IsNull(v.n);
}

/* The dynamic value inside an interface{} (what reflect's Elem gives): invalid for nil. */
static struct val
dyn(struct val v)
{
	if (v.t == NULL || v.t->kind != K_ANY)
		return v;
	if (v_isnil(v))
		return VINVALID;
	const struct gtype *t;
	if (cJSON_IsString(v.n))
		t = &T_string;
	else if (cJSON_IsNumber(v.n))
		t = &T_number;
	else if (cJSON_IsBool(v.n))
		t = &T_bool;
	else if (cJSON_IsObject(v.n))
		t = &T_rawmap;
	else if (cJSON_IsArray(v.n))
		t = &T_rawslice;
	else
		return VINVALID;
	return (struct val){ t, v.n, v.doc };
}

/* reflect's indirect: through pointers and interfaces, stopping at a nil one. */
static struct val
indirect(struct val v, bool *isnil)
{
	*isnil = false;
	while (v.t && (v.t->kind == K_PTR || v.t->kind == K_ANY)) {
		if (v_isnil(v)) {
			*isnil = true;
			return v;
		}
		v = v.t->kind == K_PTR ? (struct val){ v.t->elem, v.n, v.doc } : dyn(v);
	}
	return v;
}

static struct val
indirect_iface(struct val v)
{
	return (v.t && v.t->kind == K_ANY) ? dyn(v) : v;
}

static int64_t
v_int(struct val v)
{
	if (v.n == NULL || !cJSON_IsNumber(v.n))
		return 0;
	double d = v.n->valuedouble;
	if (d >= 9.2233720368547758e18)
		return INT64_MAX;
	if (d <= -9.2233720368547758e18)
		return INT64_MIN;
	return (int64_t)d;
}

static double
v_float(struct val v)
{
	return (v.n && cJSON_IsNumber(v.n)) ? v.n->valuedouble : 0;
}

/* Text of a string-kind value (string, json.Number, nat.Port). */
static const char *
v_text(struct exec *x, struct val v, size_t *len)
{
	const char *s = "";
	if (v.t && v.t->special == S_NUMBER && v.n && cJSON_IsNumber(v.n)) {
		struct strbuf sb = STRBUF_INIT;
		gojson_number(&sb, v.n->valuedouble);
		s = astr(x, sb_detach(&sb));
	} else if (v.n && cJSON_IsString(v.n) && v.n->valuestring) {
		s = v.n->valuestring;
	}
	*len = strlen(s);
	return s;
}

static size_t
v_count(struct val v)
{
	size_t k = 0;
	if (v.n == NULL || !(cJSON_IsArray(v.n) || cJSON_IsObject(v.n)))
		return 0;
	for (const cJSON *c = v.n->child; c; c = c->next)
		k++;
	return k;
}

static int
child_cmp(const void *a, const void *b)
{
	const cJSON *p = *(const cJSON *const *)a;
	const cJSON *q = *(const cJSON *const *)b;
	return strcmp(p->string ? p->string : "", q->string ? q->string : "");
}

/* Members of an object sorted by key (as Go's fmt and json order map keys). Caller frees. */
static const cJSON **
sorted_members(const cJSON *obj, size_t *count)
{
	size_t n = 0;
	if (obj && cJSON_IsObject(obj))
		for (const cJSON *c = obj->child; c; c = c->next)
			n++;
	*count = n;
	if (n == 0)
		return NULL;
	const cJSON **v = xcalloc(n, sizeof(*v));
	size_t k = 0;
	for (const cJSON *c = obj->child; c; c = c->next)
		v[k++] = c;
	qsort(v, n, sizeof(*v), child_cmp);
	return v;
}

/* A map key as a Go value (string, or nat.Port for a PortSet). */
static struct val
key_val(struct exec *x, const struct gtype *map, const cJSON *member)
{
	cJSON *n = anode(x, cJSON_String);
	n->valuestring = member->string ? member->string : (char *)"";
	return (struct val){ map->key, n, false };
}

static const struct gfield *
struct_field(const struct gtype *t, const char *name)
{
	for (size_t k = 0; k < t->nfields; k++)
		if (strcmp(t->fields[k].name, name) == 0)
			return &t->fields[k];
	return NULL;
}

static struct val
field_val(const struct gfield *f, struct val s)
{
	const cJSON *c = (s.n && cJSON_IsObject(s.n)) ? cJSON_GetObjectItemCaseSensitive(s.n, f->json) : NULL;
	return (struct val){ f->type, c, s.doc && c != NULL };
}

/*
 * time.Time and time.Duration
 */

struct gotime {
	int year, mon, day, hour, min, sec;
	char frac[10];		/* fraction digits, trailing zeros dropped */
	int offset;		/* minutes east of UTC */
	bool utc;		/* "Z" */
};

static bool
digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return false;
		v = v * 10 + (s[k] - '0');
	}
	*out = v;
	return true;
}

/* RFC 3339 as the engine writes time.Time (RFC3339Nano); a missing value is Go's zero time. */
static bool
time_parse(const char *s, struct gotime *t)
{
	memset(t, 0, sizeof(*t));
	if (s == NULL || *s == '\0') {
		t->year = t->mon = t->day = 1;
		t->utc = true;
		return true;
	}
	if (strlen(s) < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
	    s[16] != ':' || !digits(s, 4, &t->year) || !digits(s + 5, 2, &t->mon) ||
	    !digits(s + 8, 2, &t->day) || !digits(s + 11, 2, &t->hour) || !digits(s + 14, 2, &t->min) ||
	    !digits(s + 17, 2, &t->sec))
		return false;
	const char *p = s + 19;
	if (*p == '.') {
		size_t k = 0;
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (k < 9)
				t->frac[k++] = *p;
		while (k > 0 && t->frac[k - 1] == '0')
			k--;
		t->frac[k] = '\0';
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		t->utc = true;
		return true;
	}
	int oh, om;
	if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':' && digits(p + 1, 2, &oh) &&
	    digits(p + 4, 2, &om)) {
		t->offset = (*p == '-' ? -1 : 1) * (oh * 60 + om);
		return true;
	}
	return false;
}

/* time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST". A fixed offset that is not
 * UTC has no zone name, so Go prints the offset twice (unless it is the local zone of the
 * machine running docker, which budu cannot know). */
static void
time_string(struct strbuf *sb, const char *s)
{
	struct gotime t;
	if (!time_parse(s, &t)) {
		sb_puts(sb, s);
		return;
	}
	sb_printf(sb, "%04d-%02d-%02d %02d:%02d:%02d", t.year, t.mon, t.day, t.hour, t.min, t.sec);
	if (t.frac[0])
		sb_printf(sb, ".%s", t.frac);
	if (t.utc) {
		sb_puts(sb, " +0000 UTC");
	} else {
		int a = t.offset < 0 ? -t.offset : t.offset;
		char sign = t.offset < 0 ? '-' : '+';
		sb_printf(sb, " %c%02d%02d %c%02d%02d", sign, a / 60, a % 60, sign, a / 60, a % 60);
	}
}

static int64_t
days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int64_t
time_unix(const struct gotime *t)
{
	return days_from_civil(t->year, t->mon, t->day) * 86400 + t->hour * 3600 + t->min * 60 + t->sec -
	       (int64_t)t->offset * 60;
}

static const char *
time_text(struct val v)
{
	return (v.n && cJSON_IsString(v.n)) ? v.n->valuestring : "";
}

/* Appends the digits of v / 10^prec's fraction, without trailing zeros (and no dot if 0). */
static void
frac_digits(struct strbuf *sb, uint64_t frac, int prec)
{
	char d[20];
	int n = prec;
	for (int k = prec - 1; k >= 0; k--) {
		d[k] = (char)('0' + frac % 10);
		frac /= 10;
	}
	while (n > 0 && d[n - 1] == '0')
		n--;
	if (n > 0) {
		sb_putc(sb, '.');
		sb_append(sb, d, (size_t)n);
	}
}

/* time.Duration.String(): "1m30s", "500ms", "2h0m0s", "0s". */
static void
duration_string(struct strbuf *sb, int64_t d)
{
	if (d == 0) {
		sb_puts(sb, "0s");
		return;
	}
	uint64_t u = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
	if (d < 0)
		sb_putc(sb, '-');
	if (u < 1000000000ULL) {
		uint64_t div = 1;
		int prec = 0;
		const char *unit = "ns";
		if (u >= 1000000ULL) {
			div = 1000000ULL;
			prec = 6;
			unit = "ms";
		} else if (u >= 1000ULL) {
			div = 1000ULL;
			prec = 3;
			unit = "\xc2\xb5s";	/* µs */
		}
		sb_printf(sb, "%llu", (unsigned long long)(u / div));
		frac_digits(sb, u % div, prec);
		sb_puts(sb, unit);
		return;
	}
	uint64_t secs = u / 1000000000ULL, mins = secs / 60, hours = mins / 60;
	if (hours > 0)
		sb_printf(sb, "%lluh", (unsigned long long)hours);
	if (mins > 0)
		sb_printf(sb, "%llum", (unsigned long long)(mins % 60));
	sb_printf(sb, "%llu", (unsigned long long)(secs % 60));
	frac_digits(sb, u % 1000000000ULL, 9);
	sb_putc(sb, 's');
}

/*
 * Floats as Go's strconv prints them
 */

/* Shortest decimal digits that read back to d, and the decimal exponent of the first digit. */
static void
float_digits(double d, char *dig, size_t dsz, int *exp)
{
	char buf[64];
	for (int p = 1; p <= 17; p++) {
		snprintf(buf, sizeof(buf), "%.*e", p - 1, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	size_t k = 0;
	const char *s = buf;
	if (*s == '-')
		s++;
	for (; *s && *s != 'e' && k + 1 < dsz; s++)
		if (*s != '.')
			dig[k++] = *s;
	while (k > 1 && dig[k - 1] == '0')
		k--;
	dig[k] = '\0';
	*exp = *s == 'e' ? atoi(s + 1) : 0;
}

/* %v and %g without precision (%e form below 1e-4 or from 1e6 on, two exponent digits), or
 * JSON's form (json true: %e form below 1e-6 or from 1e21 on, exponent without padding). */
static void
float_go(struct strbuf *sb, double d, bool json)
{
	if (d != d) {
		sb_puts(sb, "NaN");
		return;
	}
	if (d - d != 0) {
		sb_puts(sb, d > 0 ? "+Inf" : "-Inf");
		return;
	}
	if (d < 0 || (d == 0 && 1 / d < 0)) {
		sb_putc(sb, '-');
		d = -d;
	}
	char dig[32];
	int exp;
	float_digits(d, dig, sizeof(dig), &exp);
	size_t nd = strlen(dig);
	bool eform = d != 0 && (json ? (d < 1e-6 || d >= 1e21) : (exp < -4 || exp >= 6));
	if (eform) {
		sb_putc(sb, dig[0]);
		if (nd > 1) {
			sb_putc(sb, '.');
			sb_puts(sb, dig + 1);
		}
		int a = exp < 0 ? -exp : exp;
		sb_printf(sb, json ? "e%c%d" : "e%c%02d", exp < 0 ? '-' : '+', a);
		return;
	}
	if (exp < 0) {
		sb_puts(sb, "0.");
		for (int k = 0; k < -exp - 1; k++)
			sb_putc(sb, '0');
		sb_puts(sb, dig);
		return;
	}
	for (int k = 0; k <= exp; k++)
		sb_putc(sb, (size_t)k < nd ? dig[k] : '0');
	if (nd > (size_t)exp + 1) {
		sb_putc(sb, '.');
		sb_puts(sb, dig + exp + 1);
	}
}

/*
 * fmt: %v and friends, as Go's fmt prints values
 */

struct fspec {
	char verb;
	bool plus, minus, sharp, zero, space;
	bool plusv;	/* %+v: field names */
	int width;	/* -1: none */
	int prec;	/* -1: none */
};

static const struct fspec SPEC_V = { 'v', false, false, false, false, false, false, -1, -1 };

static size_t
rune_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; n++) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
	}
	return n;
}

static void
pad_out(struct strbuf *sb, const char *s, size_t len, const struct fspec *f)
{
	size_t w = rune_count(s, len);
	if (f->width < 0 || w >= (size_t)f->width) {
		sb_append(sb, s, len);
		return;
	}
	size_t n = (size_t)f->width - w;
	if (!f->minus)
		for (size_t k = 0; k < n; k++)
			sb_putc(sb, f->zero ? '0' : ' ');
	sb_append(sb, s, len);
	if (f->minus)
		for (size_t k = 0; k < n; k++)
			sb_putc(sb, ' ');
}

/* strconv.Quote. */
static void
go_strquote(struct strbuf *sb, const char *s, size_t len)
{
	sb_putc(sb, '"');
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			sb_printf(sb, "\\x%02x", (unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\') {
			sb_putc(sb, '\\');
			sb_putc(sb, (char)cp);
		} else if (cp >= 0x20 && cp < 0x7f) {
			sb_putc(sb, (char)cp);
		} else if (cp >= 0xa0 && iswprint((wint_t)cp)) {
			sb_append(sb, s + i, k);
		} else {
			switch (cp) {
			case '\a': sb_puts(sb, "\\a"); break;
			case '\b': sb_puts(sb, "\\b"); break;
			case '\f': sb_puts(sb, "\\f"); break;
			case '\n': sb_puts(sb, "\\n"); break;
			case '\r': sb_puts(sb, "\\r"); break;
			case '\t': sb_puts(sb, "\\t"); break;
			case '\v': sb_puts(sb, "\\v"); break;
			default:
				if (cp < 0x20 || cp == 0x7f)
					sb_printf(sb, "\\x%02x", (unsigned)cp);
				else if (cp < 0x10000)
					sb_printf(sb, "\\u%04x", (unsigned)cp);
				else
					sb_printf(sb, "\\U%08x", (unsigned)cp);
			}
		}
		i += k;
	}
	sb_putc(sb, '"');
}

static void fmt_value(struct exec *x, struct strbuf *sb, struct val v, const struct fspec *f, int depth,
		      const struct tnode *at);

static const char *
type_name(struct val v)
{
	if (v.t == NULL)
		return "<nil>";
	if (v.t->kind == K_ANY) {
		struct val d = dyn(v);
		return d.t ? d.t->name : "<nil>";
	}
	return v.t->name;
}

static void
bad_verb(struct exec *x, struct strbuf *sb, char verb, struct val v, const struct tnode *at)
{
	sb_printf(sb, "%%!%c(", verb);
	struct val d = indirect_iface(v);
	if (d.t == NULL) {
		sb_puts(sb, "<nil>");
	} else {
		sb_printf(sb, "%s=", d.t->name);
		fmt_value(x, sb, d, &SPEC_V, 0, at);
	}
	sb_putc(sb, ')');
}

static void
fmt_string(struct strbuf *sb, const char *s, size_t len, const struct fspec *f)
{
	if (f->prec >= 0) {	/* at most prec runes */
		size_t i = 0;
		for (int n = 0; n < f->prec && i < len; n++) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, len - i, &cp);
			i += k ? k : 1;
		}
		len = i;
	}
	if (f->verb == 'q') {
		struct strbuf q = STRBUF_INIT;
		go_strquote(&q, s, len);
		pad_out(sb, q.buf, q.len, f);
		sb_free(&q);
	} else if (f->verb == 'x' || f->verb == 'X') {
		struct strbuf h = STRBUF_INIT;
		for (size_t i = 0; i < len; i++)
			sb_printf(&h, f->verb == 'x' ? "%02x" : "%02X", (unsigned char)s[i]);
		pad_out(sb, h.buf ? h.buf : "", h.len, f);
		sb_free(&h);
	} else {
		pad_out(sb, s, len, f);
	}
}

static void
fmt_int(struct strbuf *sb, int64_t v, const struct fspec *f)
{
	char tmp[80];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	const char *sign = v < 0 ? "-" : f->plus ? "+" : f->space ? " " : "";
	const char *prefix = "";
	char dig[70];
	int nd = 0;
	unsigned base = 10;
	const char *set = "0123456789abcdef";
	switch (f->verb) {
	case 'x': base = 16; prefix = f->sharp ? "0x" : ""; break;
	case 'X': base = 16; set = "0123456789ABCDEF"; prefix = f->sharp ? "0X" : ""; break;
	case 'o': base = 8; prefix = f->sharp ? "0" : ""; break;
	case 'b': base = 2; break;
	default: break;
	}
	do {
		dig[nd++] = set[u % base];
		u /= base;
	} while (u > 0);
	int want = f->prec > nd ? f->prec : nd;
	if (f->prec == 0 && v == 0)
		want = nd = 0;
	size_t k = 0;
	k += (size_t)snprintf(tmp + k, sizeof(tmp) - k, "%s%s", sign, prefix);
	size_t body = k;
	for (int i = nd; i < want; i++)
		tmp[k++] = '0';
	for (int i = nd - 1; i >= 0; i--)
		tmp[k++] = dig[i];
	tmp[k] = '\0';
	if (f->zero && !f->minus && f->prec < 0 && f->width > (int)k) {
		sb_append(sb, tmp, body);
		for (int i = (int)k; i < f->width; i++)
			sb_putc(sb, '0');
		sb_puts(sb, tmp + body);
		return;
	}
	struct fspec g = *f;
	g.zero = false;
	pad_out(sb, tmp, k, &g);
}

static void
fmt_float(struct exec *x, struct strbuf *sb, double d, const struct fspec *f, struct val v,
	  const struct tnode *at)
{
	struct strbuf t = STRBUF_INIT;
	char verb = f->verb;
	if ((verb == 'v' || verb == 'g' || verb == 'G') && f->prec < 0) {
		if (f->plus && d >= 0)
			sb_putc(&t, '+');
		float_go(&t, d, false);
		if (verb == 'G')
			for (size_t k = 0; k < t.len; k++)
				if (t.buf[k] == 'e')
					t.buf[k] = 'E';
	} else if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'e' || verb == 'E' || verb == 'f' ||
		   verb == 'F') {
		char c = verb == 'v' ? 'g' : verb;
		char fmt[16];
		snprintf(fmt, sizeof(fmt), "%%%s.*%c", f->plus ? "+" : "", c);
		sb_printf(&t, fmt, f->prec < 0 ? 6 : f->prec, d);
	} else {
		bad_verb(x, sb, verb, v, at);
		return;
	}
	pad_out(sb, t.buf ? t.buf : "", t.len, f);
	sb_free(&t);
}

/* Go's fmt printValue: depth 0 is the operand itself, deeper are elements and fields (whose
 * nil pointers print "<nil>" and other pointers their address, which budu cannot show). */
static void
fmt_value(struct exec *x, struct strbuf *sb, struct val v, const struct fspec *f, int depth,
	  const struct tnode *at)
{
	char verb = f->verb;
	if (v.t == NULL || (v.t->kind == K_ANY && v_isnil(v))) {
		if (verb == 'v')
			pad_out(sb, "<nil>", 5, f);
		else
			bad_verb(x, sb, verb, VINVALID, at);
		return;
	}
	bool stringer = verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X';
	switch (v.t->kind) {
	case K_ANY:
		fmt_value(x, sb, dyn(v), f, depth + 1, at);
		return;
	case K_PTR:
		if (v_isnil(v)) {
			if (verb == 'v')
				pad_out(sb, "<nil>", 5, f);
			else
				sb_printf(sb, "%%!%c(%s=<nil>)", verb, v.t->name);
			return;
		}
		if (depth == 0 && (v.t->elem->kind == K_STRUCT || v.t->elem->kind == K_MAP ||
				   v.t->elem->kind == K_SLICE)) {
			sb_putc(sb, '&');
			fmt_value(x, sb, (struct val){ v.t->elem, v.n, v.doc }, f, depth + 1, at);
			return;
		}
		xunsup(x, at, _("%.*s: Go would print the memory address of a %s"), NTEXT(x, at), v.t->name);
		sb_puts(sb, "0xc000000000");
		return;
	case K_STRING: {
		if (!stringer) {
			bad_verb(x, sb, verb, v, at);
			return;
		}
		size_t len;
		const char *s = v_text(x, v, &len);
		fmt_string(sb, s, len, f);
		return;
	}
	case K_INT:
		if (v.t->special == S_DURATION && stringer) {
			struct strbuf d = STRBUF_INIT;
			duration_string(&d, v_int(v));
			fmt_string(sb, d.buf, d.len, f);
			sb_free(&d);
			return;
		}
		if (verb == 'v' || verb == 'd' || verb == 'x' || verb == 'X' || verb == 'o' || verb == 'b') {
			fmt_int(sb, v_int(v), f);
		} else if (verb == 'c' || verb == 'q' || verb == 'U') {
			int64_t r = v_int(v);
			uint32_t cp = (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) ? 0xfffd : (uint32_t)r;
			struct strbuf c = STRBUF_INIT;
			if (verb == 'U') {
				sb_printf(&c, "U+%04X", (unsigned)cp);
			} else {
				utf8_encode(&c, cp);
				if (verb == 'q') {
					struct strbuf q = STRBUF_INIT;
					go_strquote(&q, c.buf, c.len);
					q.buf[0] = q.buf[q.len - 1] = '\'';
					sb_free(&c);
					c = q;
				}
			}
			pad_out(sb, c.buf, c.len, f);
			sb_free(&c);
		} else {
			bad_verb(x, sb, verb, v, at);
		}
		return;
	case K_FLOAT:
		fmt_float(x, sb, v_float(v), f, v, at);
		return;
	case K_BOOL:
		if (verb == 'v' || verb == 't') {
			bool b = v.n && cJSON_IsTrue(v.n);
			pad_out(sb, b ? "true" : "false", b ? 4 : 5, f);
		} else {
			bad_verb(x, sb, verb, v, at);
		}
		return;
	case K_SLICE: {
		sb_putc(sb, '[');
		bool first = true;
		if (v.n && cJSON_IsArray(v.n)) {
			for (const cJSON *c = v.n->child; c; c = c->next) {
				if (!first)
					sb_putc(sb, ' ');
				first = false;
				fmt_value(x, sb, (struct val){ v.t->elem, c, v.doc }, f, depth + 1, at);
			}
		}
		sb_putc(sb, ']');
		return;
	}
	case K_MAP: {
		sb_puts(sb, "map[");
		size_t n;
		const cJSON **m = sorted_members(v.n, &n);
		for (size_t k = 0; k < n; k++) {
			if (k > 0)
				sb_putc(sb, ' ');
			fmt_value(x, sb, key_val(x, v.t, m[k]), f, depth + 1, at);
			sb_putc(sb, ':');
			fmt_value(x, sb, (struct val){ v.t->elem, m[k], v.doc }, f, depth + 1, at);
		}
		free(m);
		sb_putc(sb, ']');
		return;
	}
	case K_STRUCT:
		if (v.t->special == S_TIME) {
			if (!stringer) {
				xunsup(x, at, _("%%%c of a time.Time"), verb);
				return;
			}
			struct strbuf t = STRBUF_INIT;
			time_string(&t, time_text(v));
			fmt_string(sb, t.buf ? t.buf : "", t.len, f);
			sb_free(&t);
			return;
		}
		sb_putc(sb, '{');
		for (size_t k = 0; k < v.t->nfields; k++) {
			if (k > 0)
				sb_putc(sb, ' ');
			if (f->plusv)
				sb_printf(sb, "%s:", v.t->fields[k].name);
			fmt_value(x, sb, field_val(&v.t->fields[k], v), f, depth + 1, at);
		}
		sb_putc(sb, '}');
		return;
	}
}

/* What an action prints: text/template's printableValue (pointers followed, invalid shown as
 * "<no value>"), then fmt.Fprint. */
static void
print_value(struct exec *x, struct val v, const struct tnode *at)
{
	if (v.t == NULL) {
		sb_puts(&x->out, "<no value>");
		return;
	}
	while (v.t->kind == K_PTR && !v_isnil(v))
		v = (struct val){ v.t->elem, v.n, v.doc };
	fmt_value(x, &x->out, v, &SPEC_V, 0, at);
}

/* fmt.Sprint (ln: Sprintln). */
static char *
go_sprint(struct exec *x, struct val *a, size_t n, bool ln, const struct tnode *at)
{
	struct strbuf sb = STRBUF_INIT;
	bool prev_string = false;
	for (size_t k = 0; k < n; k++) {
		struct val v = indirect_iface(a[k]);
		bool is_string = v.t && v.t->kind == K_STRING;
		if (k > 0 && (ln || (!is_string && !prev_string)))
			sb_putc(&sb, ' ');
		fmt_value(x, &sb, v, &SPEC_V, 0, at);
		prev_string = is_string;
	}
	if (ln)
		sb_putc(&sb, '\n');
	return sb_detach(&sb);
}

/* fmt.Sprintf with flags, width and precision (no argument indexes, no %#v or %p). */
static char *
go_sprintf(struct exec *x, const char *fmt, size_t flen, struct val *a, size_t n, const struct tnode *at)
{
	struct strbuf sb = STRBUF_INIT;
	size_t argn = 0;
	for (size_t i = 0; i < flen;) {
		if (fmt[i] != '%') {
			size_t j = i;
			while (j < flen && fmt[j] != '%')
				j++;
			sb_append(&sb, fmt + i, j - i);
			i = j;
			continue;
		}
		i++;
		struct fspec f = { 0, false, false, false, false, false, false, -1, -1 };
		for (; i < flen; i++) {
			char c = fmt[i];
			if (c == '+')
				f.plus = true;
			else if (c == '-')
				f.minus = true;
			else if (c == '#')
				f.sharp = true;
			else if (c == '0')
				f.zero = !f.minus;
			else if (c == ' ')
				f.space = true;
			else
				break;
		}
		if (f.minus)
			f.zero = false;
		if (i < flen && fmt[i] >= '0' && fmt[i] <= '9') {
			f.width = 0;
			while (i < flen && fmt[i] >= '0' && fmt[i] <= '9' && f.width < 100000)
				f.width = f.width * 10 + (fmt[i++] - '0');
		}
		if (i < flen && fmt[i] == '.') {
			i++;
			f.prec = 0;
			while (i < flen && fmt[i] >= '0' && fmt[i] <= '9' && f.prec < 100000)
				f.prec = f.prec * 10 + (fmt[i++] - '0');
		}
		if (i >= flen) {
			sb_puts(&sb, "%!(NOVERB)");
			break;
		}
		if (fmt[i] == '*' || fmt[i] == '[') {
			xunsup(x, at, "%s", _("printf argument indexes and * widths"));
			break;
		}
		uint32_t cp;
		size_t k = utf8_decode(fmt + i, flen - i, &cp);
		if (k != 1) {
			xunsup(x, at, "%s", _("printf verbs outside ASCII"));
			break;
		}
		f.verb = fmt[i++];
		if (f.verb == 'v' && f.plus) {
			f.plus = false;
			f.plusv = true;
		}
		if (f.verb == '%') {
			sb_putc(&sb, '%');
			continue;
		}
		if (argn >= n) {
			sb_printf(&sb, "%%!%c(MISSING)", f.verb);
			continue;
		}
		struct val v = indirect_iface(a[argn++]);
		if (f.verb == 'T') {
			const char *tn = type_name(v);
			pad_out(&sb, tn, strlen(tn), &f);
		} else if (f.verb == 'p' || (f.verb == 'v' && f.sharp)) {
			xunsup(x, at, _("printf verb %%%s%c"), f.sharp ? "#" : "", f.verb);
		} else {
			fmt_value(x, &sb, v, &f, 0, at);
		}
	}
	if (argn < n && !x->unsup) {
		sb_puts(&sb, "%!(EXTRA ");
		for (size_t k = argn; k < n; k++) {
			struct val v = indirect_iface(a[k]);
			if (k > argn)
				sb_puts(&sb, ", ");
			if (v.t == NULL) {
				sb_puts(&sb, "<nil>");
			} else {
				sb_printf(&sb, "%s=", v.t->name);
				fmt_value(x, &sb, v, &SPEC_V, 0, at);
			}
		}
		sb_putc(&sb, ')');
	}
	return sb_detach(&sb);
}

/*
 * json: encoding/json.Marshal of the Go value (struct fields in order with omitempty, map keys
 * sorted, nil slices and maps as null), written without HTML escaping as docker's json does.
 */

static bool
json_empty(struct val v)
{
	switch (v.t->kind) {
	case K_BOOL:
		return !(v.n && cJSON_IsTrue(v.n));
	case K_INT:
	case K_FLOAT:
		return v_float(v) == 0;
	case K_STRING:
		if (v.t->special == S_NUMBER)
			return false;
		return !(v.n && cJSON_IsString(v.n) && v.n->valuestring && v.n->valuestring[0]);
	case K_SLICE:
	case K_MAP:
		return v_count(v) == 0;
	case K_PTR:
	case K_ANY:
		return v_isnil(v);
	case K_STRUCT:
		return false;
	}
	return false;
}

static void
json_encode(struct exec *x, struct strbuf *sb, struct val v)
{
	if (v.t == NULL) {
		sb_puts(sb, "null");
		return;
	}
	switch (v.t->kind) {
	case K_ANY:
		gojson_value(sb, v_isnil(v) ? NULL : v.n, true);
		return;
	case K_PTR:
		if (v_isnil(v))
			sb_puts(sb, "null");
		else
			json_encode(x, sb, (struct val){ v.t->elem, v.n, v.doc });
		return;
	case K_STRING: {
		if (v.t->special == S_NUMBER) {
			gojson_number(sb, v_float(v));
			return;
		}
		size_t len;
		const char *s = v_text(x, v, &len);
		gojson_string(sb, s, len);
		return;
	}
	case K_INT:
		sb_printf(sb, "%lld", (long long)v_int(v));
		return;
	case K_FLOAT:
		float_go(sb, v_float(v), true);
		return;
	case K_BOOL:
		sb_puts(sb, v.n && cJSON_IsTrue(v.n) ? "true" : "false");
		return;
	case K_SLICE:
		if (v.n == NULL || !cJSON_IsArray(v.n)) {
			sb_puts(sb, "null");
			return;
		}
		sb_putc(sb, '[');
		for (const cJSON *c = v.n->child; c; c = c->next) {
			if (c != v.n->child)
				sb_putc(sb, ',');
			json_encode(x, sb, (struct val){ v.t->elem, c, v.doc });
		}
		sb_putc(sb, ']');
		return;
	case K_MAP: {
		if (v.n == NULL || !cJSON_IsObject(v.n)) {
			sb_puts(sb, "null");
			return;
		}
		size_t n;
		const cJSON **m = sorted_members(v.n, &n);
		sb_putc(sb, '{');
		for (size_t k = 0; k < n; k++) {
			if (k > 0)
				sb_putc(sb, ',');
			const char *key = m[k]->string ? m[k]->string : "";
			gojson_string(sb, key, strlen(key));
			sb_putc(sb, ':');
			json_encode(x, sb, (struct val){ v.t->elem, m[k], v.doc });
		}
		sb_putc(sb, '}');
		free(m);
		return;
	}
	case K_STRUCT: {
		if (v.t->special == S_TIME) {
			const char *s = time_text(v);
			if (*s == '\0')
				s = "0001-01-01T00:00:00Z";
			gojson_string(sb, s, strlen(s));
			return;
		}
		sb_putc(sb, '{');
		bool first = true;
		for (size_t k = 0; k < v.t->nfields; k++) {
			const struct gfield *f = &v.t->fields[k];
			struct val fv = field_val(f, v);
			if (f->omitempty && json_empty(fv))
				continue;
			if (!first)
				sb_putc(sb, ',');
			first = false;
			gojson_string(sb, f->json, strlen(f->json));
			sb_putc(sb, ':');
			json_encode(x, sb, fv);
		}
		sb_putc(sb, '}');
		return;
	}
	}
}

/*
 * Functions
 */

enum ptype { P_NONE, P_STRING, P_INT, P_STRS, P_ANY, P_VALUE };

typedef struct val (*func_fn)(struct exec *x, const struct tnode *at, struct val *a, size_t n);

struct func {
	const char *name;
	int nfixed;
	enum ptype fixed[3];
	bool variadic;
	enum ptype vtype;
	func_fn fn;
};

static const char *
ptype_name(enum ptype p)
{
	switch (p) {
	case P_STRING: return "string";
	case P_INT: return "int";
	case P_STRS: return "[]string";
	default: return "interface {}";
	}
}

static void
call_error(struct exec *x, const struct tnode *at, const char *fn, const char *msg)
{
	xfail(x, at, _("error calling %s: %s"), fn, msg);
}

/* text/template's isTrue. */
static bool
is_true(struct val v)
{
	if (v.t == NULL)
		return false;
	switch (v.t->kind) {
	case K_STRING: {
		if (v.t->special == S_NUMBER)
			return true;
		return v.n && cJSON_IsString(v.n) && v.n->valuestring && v.n->valuestring[0];
	}
	case K_INT:
	case K_FLOAT:
		return v_float(v) != 0;
	case K_BOOL:
		return v.n && cJSON_IsTrue(v.n);
	case K_SLICE:
	case K_MAP:
		return v_count(v) > 0;
	case K_STRUCT:
		return true;
	case K_PTR:
	case K_ANY:
		return !v_isnil(v);
	}
	return false;
}

static struct val
fn_not(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)at;
	(void)n;
	return v_bool(x, !is_true(indirect_iface(a[0])));
}

static bool
index_arg(struct exec *x, const struct tnode *at, const char *fn, struct val idx, size_t cap, size_t *out)
{
	idx = indirect_iface(idx);
	char msg[128];
	if (idx.t == NULL) {
		call_error(x, at, fn, _("cannot index slice/array with nil"));
		return false;
	}
	if (idx.t->kind != K_INT) {
		snprintf(msg, sizeof(msg), _("cannot index slice/array with type %s"), idx.t->name);
		call_error(x, at, fn, msg);
		return false;
	}
	int64_t i = v_int(idx);
	if (i < 0 || (uint64_t)i > cap) {
		snprintf(msg, sizeof(msg), _("index out of range: %lld"), (long long)i);
		call_error(x, at, fn, msg);
		return false;
	}
	*out = (size_t)i;
	return true;
}

static const cJSON *
nth_child(const cJSON *arr, size_t i)
{
	const cJSON *c = (arr && (cJSON_IsArray(arr) || cJSON_IsObject(arr))) ? arr->child : NULL;
	while (c && i-- > 0)
		c = c->next;
	return c;
}

static struct val
fn_index(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	char msg[256];
	struct val item = indirect_iface(a[0]);
	if (item.t == NULL) {
		call_error(x, at, "index", _("index of untyped nil"));
		return VINVALID;
	}
	for (size_t k = 1; k < n; k++) {
		bool isnil;
		item = indirect(item, &isnil);
		if (isnil) {
			call_error(x, at, "index", _("index of nil pointer"));
			return VINVALID;
		}
		size_t i;
		switch (item.t->kind) {
		case K_SLICE: {
			size_t len = v_count(item);
			if (!index_arg(x, at, "index", a[k], len, &i))
				return VINVALID;
			if (i >= len) {
				snprintf(msg, sizeof(msg), _("index out of range: %zu"), i);
				call_error(x, at, "index", msg);
				return VINVALID;
			}
			item = (struct val){ item.t->elem, nth_child(item.n, i), item.doc };
			break;
		}
		case K_STRING: {
			size_t len;
			const char *s = v_text(x, item, &len);
			if (!index_arg(x, at, "index", a[k], len, &i))
				return VINVALID;
			if (i >= len) {
				snprintf(msg, sizeof(msg), _("index out of range: %zu"), i);
				call_error(x, at, "index", msg);
				return VINVALID;
			}
			item = v_num(x, &T_uint8, (unsigned char)s[i]);
			break;
		}
		case K_MAP: {
			struct val key = indirect_iface(a[k]);
			if (key.t == NULL) {
				snprintf(msg, sizeof(msg), _("value is nil; should be of type %s"), item.t->key->name);
				call_error(x, at, "index", msg);
				return VINVALID;
			}
			if (key.t != item.t->key) {
				snprintf(msg, sizeof(msg), _("value has type %s; should be %s"), key.t->name,
					 item.t->key->name);
				call_error(x, at, "index", msg);
				return VINVALID;
			}
			size_t klen;
			const char *ks = v_text(x, key, &klen);
			const cJSON *c = NULL;
			if (item.n && cJSON_IsObject(item.n))
				for (c = item.n->child; c; c = c->next)
					if (c->string && strlen(c->string) == klen && memcmp(c->string, ks, klen) == 0)
						break;
			item = (struct val){ item.t->elem, c, item.doc && c != NULL };
			break;
		}
		default:
			snprintf(msg, sizeof(msg), _("can't index item of type %s"), item.t->name);
			call_error(x, at, "index", msg);
			return VINVALID;
		}
	}
	return item;
}

static struct val
fn_slice(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	char msg[128];
	struct val item = indirect_iface(a[0]);
	if (item.t == NULL) {
		call_error(x, at, "slice", _("slice of untyped nil"));
		return VINVALID;
	}
	if (n - 1 > 3) {
		snprintf(msg, sizeof(msg), _("too many slice indexes: %zu"), n - 1);
		call_error(x, at, "slice", msg);
		return VINVALID;
	}
	size_t len;
	const char *s = NULL;
	if (item.t->kind == K_STRING) {
		if (n - 1 == 3) {
			call_error(x, at, "slice", _("cannot 3-index slice a string"));
			return VINVALID;
		}
		s = v_text(x, item, &len);
	} else if (item.t->kind == K_SLICE) {
		len = v_count(item);
	} else {
		snprintf(msg, sizeof(msg), _("can't slice item of type %s"), item.t->name);
		call_error(x, at, "slice", msg);
		return VINVALID;
	}
	size_t idx[3] = { 0, len, len };
	for (size_t k = 1; k < n; k++)
		if (!index_arg(x, at, "slice", a[k], len, &idx[k - 1]))
			return VINVALID;
	if (idx[0] > idx[1] || (n - 1 == 3 && idx[1] > idx[2])) {
		size_t bad = idx[0] > idx[1] ? 0 : 1;
		snprintf(msg, sizeof(msg), _("invalid slice index: %zu > %zu"), idx[bad], idx[bad + 1]);
		call_error(x, at, "slice", msg);
		return VINVALID;
	}
	if (s) {
		struct val r = v_str(x, s + idx[0], idx[1] - idx[0]);
		r.t = item.t->special == S_NUMBER ? &T_string : item.t;
		return r;
	}
	if (v_isnil(item))
		return item;
	cJSON *arr = anode(x, cJSON_Array), *last = NULL;
	const cJSON *c = nth_child(item.n, idx[0]);
	for (size_t k = idx[0]; k < idx[1] && c; k++, c = c->next)
		alink(arr, &last, ashallow(x, c));
	return (struct val){ item.t, arr, false };
}

static struct val
fn_len(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)n;
	char msg[128];
	bool isnil;
	struct val v = indirect(a[0], &isnil);
	if (isnil) {
		call_error(x, at, "len", _("len of nil pointer"));
		return VINVALID;
	}
	if (v.t == NULL) {
		call_error(x, at, "len", _("len of untyped nil"));
		return VINVALID;
	}
	size_t len;
	switch (v.t->kind) {
	case K_SLICE:
	case K_MAP:
		return v_num(x, &T_int, (double)v_count(v));
	case K_STRING:
		v_text(x, v, &len);
		return v_num(x, &T_int, (double)len);
	default:
		snprintf(msg, sizeof(msg), _("len of type %s"), v.t->name);
		call_error(x, at, "len", msg);
		return VINVALID;
	}
}

enum bkind { B_INVALID, B_BOOL, B_INT, B_FLOAT, B_STRING };

static enum bkind
basic_kind(struct val v)
{
	if (v.t == NULL)
		return B_INVALID;
	switch (v.t->kind) {
	case K_BOOL: return B_BOOL;
	case K_INT: return B_INT;
	case K_FLOAT: return B_FLOAT;
	case K_STRING: return B_STRING;
	default: return B_INVALID;
	}
}

/* -1, 0, 1; both of kind k. */
static int
basic_cmp(struct exec *x, enum bkind k, struct val a, struct val b)
{
	switch (k) {
	case B_BOOL:
		return (a.n && cJSON_IsTrue(a.n)) == (b.n && cJSON_IsTrue(b.n)) ? 0 : 1;
	case B_INT: {
		int64_t p = v_int(a), q = v_int(b);
		return p < q ? -1 : p > q;
	}
	case B_FLOAT: {
		double p = v_float(a), q = v_float(b);
		return p < q ? -1 : p > q;
	}
	case B_STRING: {
		size_t la, lb;
		const char *sa = v_text(x, a, &la);
		const char *sb = v_text(x, b, &lb);
		int c = memcmp(sa, sb, la < lb ? la : lb);
		if (c == 0)
			c = la < lb ? -1 : la > lb;
		return c < 0 ? -1 : c > 0;
	}
	default:
		return 0;
	}
}

static struct val
fn_eq(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	struct val a1 = indirect_iface(a[0]);
	if (a1.t && (a1.t->kind == K_SLICE || a1.t->kind == K_MAP)) {
		call_error(x, at, "eq", _("invalid type for comparison"));
		return VINVALID;
	}
	if (n < 2) {
		call_error(x, at, "eq", _("missing argument for comparison"));
		return VINVALID;
	}
	enum bkind k1 = basic_kind(a1);
	for (size_t k = 1; k < n; k++) {
		struct val b = indirect_iface(a[k]);
		enum bkind k2 = basic_kind(b);
		bool truth = false;
		if (k1 != k2) {
			if (a1.t && b.t) {
				call_error(x, at, "eq", _("incompatible types for comparison"));
				return VINVALID;
			}
		} else if (k1 != B_INVALID) {
			truth = basic_cmp(x, k1, a1, b) == 0;
		} else {
			bool n1 = a1.t == NULL || v_isnil(a1), n2 = b.t == NULL || v_isnil(b);
			truth = (n1 || n2) ? n1 == n2 : (a1.n == b.n && a1.t == b.t);
		}
		if (truth)
			return v_bool(x, true);
	}
	return v_bool(x, false);
}

static struct val
fn_ne(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	struct val r = fn_eq(x, at, a, n);
	return r.t ? v_bool(x, !is_true(r)) : r;
}

/* lt; *ok false on error. */
static bool
less(struct exec *x, const struct tnode *at, const char *fn, struct val a, struct val b, bool *ok)
{
	a = indirect_iface(a);
	b = indirect_iface(b);
	enum bkind k1 = basic_kind(a), k2 = basic_kind(b);
	*ok = false;
	if (k1 == B_INVALID || k2 == B_INVALID || k1 == B_BOOL) {
		call_error(x, at, fn, _("invalid type for comparison"));
		return false;
	}
	if (k1 != k2) {
		call_error(x, at, fn, _("incompatible types for comparison"));
		return false;
	}
	*ok = true;
	return basic_cmp(x, k1, a, b) < 0;
}

static struct val
fn_cmp(struct exec *x, const struct tnode *at, struct val *a, const char *fn)
{
	bool ok;
	bool lt = less(x, at, fn, a[0], a[1], &ok);
	if (!ok)
		return VINVALID;
	bool truth;
	if (fn[1] == 't') {		/* lt, gt */
		if (fn[0] == 'l') {
			truth = lt;
		} else {
			struct val e = fn_eq(x, at, a, 2);
			if (!e.t)
				return VINVALID;
			truth = !lt && !is_true(e);
		}
	} else {			/* le, ge */
		if (fn[0] == 'g') {
			truth = !lt;
		} else {
			struct val e = fn_eq(x, at, a, 2);
			if (!e.t)
				return VINVALID;
			truth = lt || is_true(e);
		}
	}
	return v_bool(x, truth);
}

static struct val
fn_lt(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)n;
	return fn_cmp(x, at, a, "lt");
}

static struct val
fn_le(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)n;
	return fn_cmp(x, at, a, "le");
}

static struct val
fn_gt(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)n;
	return fn_cmp(x, at, a, "gt");
}

static struct val
fn_ge(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)n;
	return fn_cmp(x, at, a, "ge");
}

static struct val
fn_print(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	return v_str_own(x, go_sprint(x, a, n, false, at));
}

static struct val
fn_println(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	return v_str_own(x, go_sprint(x, a, n, true, at));
}

static struct val
fn_printf(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	size_t len;
	const char *f = v_text(x, a[0], &len);
	return v_str_own(x, go_sprintf(x, f, len, a + 1, n - 1, at));
}

/* html, js and urlquery take their arguments as one string: the string itself if there is
 * exactly one string argument, else fmt.Sprint of their printable values (pointers followed,
 * nil and invalid values as "<no value>"). */
static char *
args_string(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	if (n == 1) {
		struct val v = indirect_iface(a[0]);
		if (v.t == &T_string) {
			size_t len;
			const char *s = v_text(x, v, &len);
			return xstrndup(s, len);
		}
	}
	struct val *p = xcalloc(n, sizeof(*p));
	for (size_t k = 0; k < n; k++) {
		struct val v = indirect_iface(a[k]);
		while (v.t && v.t->kind == K_PTR && !v_isnil(v))
			v = (struct val){ v.t->elem, v.n, v.doc };
		p[k] = v.t ? v : v_str(x, "<no value>", 10);
	}
	char *s = go_sprint(x, p, n, false, at);
	free(p);
	return s;
}

static struct val
fn_html(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	char *s = args_string(x, at, a, n);
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '"': sb_puts(&sb, "&#34;"); break;
		case '\'': sb_puts(&sb, "&#39;"); break;
		case '&': sb_puts(&sb, "&amp;"); break;
		case '<': sb_puts(&sb, "&lt;"); break;
		case '>': sb_puts(&sb, "&gt;"); break;
		default: sb_putc(&sb, *p); break;
		}
	}
	free(s);
	return v_str_own(x, sb_detach(&sb));
}

static struct val
fn_js(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	char *s = args_string(x, at, a, n);
	size_t len = strlen(s);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			switch (c) {
			case '\\': sb_puts(&sb, "\\\\"); break;
			case '\'': sb_puts(&sb, "\\'"); break;
			case '"': sb_puts(&sb, "\\\""); break;
			case '<': sb_puts(&sb, "\\u003C"); break;
			case '>': sb_puts(&sb, "\\u003E"); break;
			case '&': sb_puts(&sb, "\\u0026"); break;
			case '=': sb_puts(&sb, "\\u003D"); break;
			default:
				if (c < ' ')
					sb_printf(&sb, "\\u%04X", c);
				else
					sb_putc(&sb, (char)c);
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			sb_putc(&sb, (char)c);	/* Go writes the bytes of U+FFFD's source as they are */
			i++;
			continue;
		}
		if (iswprint((wint_t)cp))
			sb_append(&sb, s + i, k);
		else
			sb_printf(&sb, "\\u%04X", (unsigned)cp);
		i += k;
	}
	free(s);
	return v_str_own(x, sb_detach(&sb));
}

static struct val
fn_urlquery(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	char *s = args_string(x, at, a, n);
	struct strbuf sb = STRBUF_INIT;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '_' || c == '.' || c == '~')
			sb_putc(&sb, (char)c);
		else if (c == ' ')
			sb_putc(&sb, '+');
		else
			sb_printf(&sb, "%%%02X", c);
	}
	free(s);
	return v_str_own(x, sb_detach(&sb));
}

static struct val
fn_json(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)at;
	(void)n;
	x->json_arg = a[0].doc ? a[0].n : NULL;
	struct strbuf sb = STRBUF_INIT;
	json_encode(x, &sb, a[0]);
	return v_str_own(x, sb_detach(&sb));
}

static struct val
fn_split(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)at;
	(void)n;
	size_t slen, plen;
	const char *s = v_text(x, a[0], &slen);
	const char *sep = v_text(x, a[1], &plen);
	cJSON *arr = anode(x, cJSON_Array), *last = NULL;
	if (plen == 0) {	/* one string per UTF-8 sequence */
		for (size_t i = 0; i < slen;) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, slen - i, &cp);
			if (k == 0)
				k = 1;
			alink(arr, &last, (cJSON *)v_str(x, s + i, k).n);
			i += k;
		}
	} else {
		size_t start = 0;
		for (size_t i = 0; i + plen <= slen;) {
			if (memcmp(s + i, sep, plen) == 0) {
				alink(arr, &last, (cJSON *)v_str(x, s + start, i - start).n);
				i += plen;
				start = i;
			} else {
				i++;
			}
		}
		alink(arr, &last, (cJSON *)v_str(x, s + start, slen - start).n);
	}
	return (struct val){ &T_strs, arr, false };
}

static struct val
fn_join(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)at;
	(void)n;
	size_t plen;
	const char *sep = v_text(x, a[1], &plen);
	struct strbuf sb = STRBUF_INIT;
	if (a[0].n && cJSON_IsArray(a[0].n)) {
		for (const cJSON *c = a[0].n->child; c; c = c->next) {
			if (c != a[0].n->child)
				sb_append(&sb, sep, plen);
			size_t len;
			const char *s = v_text(x, (struct val){ &T_string, c, false }, &len);
			sb_append(&sb, s, len);
		}
	}
	return v_str_own(x, sb_detach(&sb));
}

enum casemap { CASE_UPPER, CASE_LOWER, CASE_TITLE };

/* strings.ToUpper / ToLower / Title on runes (through the C library's wide-character tables;
 * invalid UTF-8 becomes U+FFFD as Go's strings.Map does). */
static struct val
map_case(struct exec *x, struct val v, enum casemap how)
{
	size_t len;
	const char *s = v_text(x, v, &len);
	struct strbuf sb = STRBUF_INIT;
	bool prev_sep = true;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			cp = 0xfffd;
			k = 1;
		}
		uint32_t out = cp;
		if (how == CASE_UPPER) {
			out = (uint32_t)towupper((wint_t)cp);
		} else if (how == CASE_LOWER) {
			out = (uint32_t)towlower((wint_t)cp);
		} else {
			if (prev_sep)
				out = (uint32_t)towupper((wint_t)cp);
			bool sep;
			if (cp < 0x80)
				sep = !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
					(cp >= 'A' && cp <= 'Z') || cp == '_');
			else if (iswalpha((wint_t)cp) || iswdigit((wint_t)cp))
				sep = false;
			else
				sep = iswspace((wint_t)cp);
			prev_sep = sep;
		}
		if (out == 0 || out > 0x10ffff)
			out = cp;
		utf8_encode(&sb, out);
		i += k;
	}
	return v_str_own(x, sb_detach(&sb));
}

static struct val
fn_upper(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)at;
	(void)n;
	return map_case(x, a[0], CASE_UPPER);
}

static struct val
fn_lower(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)at;
	(void)n;
	return map_case(x, a[0], CASE_LOWER);
}

static struct val
fn_title(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)at;
	(void)n;
	return map_case(x, a[0], CASE_TITLE);
}

static struct val
fn_pad(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)n;
	size_t len;
	const char *s = v_text(x, a[0], &len);
	int64_t pre = v_int(a[1]), post = v_int(a[2]);
	if (len == 0)
		return v_str(x, "", 0);
	if (pre < 0 || post < 0 || pre > 1000000 || post > 1000000) {
		call_error(x, at, "pad", _("negative Repeat count"));
		return VINVALID;
	}
	struct strbuf sb = STRBUF_INIT;
	for (int64_t k = 0; k < pre; k++)
		sb_putc(&sb, ' ');
	sb_append(&sb, s, len);
	for (int64_t k = 0; k < post; k++)
		sb_putc(&sb, ' ');
	return v_str_own(x, sb_detach(&sb));
}

static struct val
fn_truncate(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)n;
	size_t len;
	const char *s = v_text(x, a[0], &len);
	int64_t l = v_int(a[1]);
	if ((int64_t)len < l)
		return v_str(x, s, len);
	if (l < 0) {
		call_error(x, at, "truncate", _("slice bounds out of range"));
		return VINVALID;
	}
	return v_str(x, s, (size_t)l);
}

static struct val
fn_call(struct exec *x, const struct tnode *at, struct val *a, size_t n)
{
	(void)a;
	(void)n;
	xunsup(x, at, "%s", _("the call function"));
	return VINVALID;
}

static const struct func funcs[] = {
	{ "and", 1, { P_VALUE }, true, P_VALUE, NULL },
	{ "or", 1, { P_VALUE }, true, P_VALUE, NULL },
	{ "not", 1, { P_VALUE }, false, P_NONE, fn_not },
	{ "call", 1, { P_VALUE }, true, P_VALUE, fn_call },
	{ "html", 0, { P_NONE }, true, P_ANY, fn_html },
	{ "js", 0, { P_NONE }, true, P_ANY, fn_js },
	{ "urlquery", 0, { P_NONE }, true, P_ANY, fn_urlquery },
	{ "index", 1, { P_VALUE }, true, P_VALUE, fn_index },
	{ "slice", 1, { P_VALUE }, true, P_VALUE, fn_slice },
	{ "len", 1, { P_VALUE }, false, P_NONE, fn_len },
	{ "print", 0, { P_NONE }, true, P_ANY, fn_print },
	{ "println", 0, { P_NONE }, true, P_ANY, fn_println },
	{ "printf", 1, { P_STRING }, true, P_ANY, fn_printf },
	{ "eq", 1, { P_VALUE }, true, P_VALUE, fn_eq },
	{ "ne", 2, { P_VALUE, P_VALUE }, false, P_NONE, fn_ne },
	{ "lt", 2, { P_VALUE, P_VALUE }, false, P_NONE, fn_lt },
	{ "le", 2, { P_VALUE, P_VALUE }, false, P_NONE, fn_le },
	{ "gt", 2, { P_VALUE, P_VALUE }, false, P_NONE, fn_gt },
	{ "ge", 2, { P_VALUE, P_VALUE }, false, P_NONE, fn_ge },
	{ "json", 1, { P_ANY }, false, P_NONE, fn_json },
	{ "split", 2, { P_STRING, P_STRING }, false, P_NONE, fn_split },
	{ "join", 2, { P_STRS, P_STRING }, false, P_NONE, fn_join },
	{ "title", 1, { P_STRING }, false, P_NONE, fn_title },
	{ "lower", 1, { P_STRING }, false, P_NONE, fn_lower },
	{ "upper", 1, { P_STRING }, false, P_NONE, fn_upper },
	{ "pad", 3, { P_STRING, P_INT, P_INT }, false, P_NONE, fn_pad },
	{ "truncate", 2, { P_STRING, P_INT }, false, P_NONE, fn_truncate },
};

static const struct func *
func_find(const char *name)
{
	for (size_t k = 0; k < NFIELDS(funcs); k++)
		if (strcmp(funcs[k].name, name) == 0)
			return &funcs[k];
	return NULL;
}

/*
 * Execution (text/template/exec.go)
 */

static struct val eval_pipeline(struct exec *x, struct val dot, const struct tnode *pipe);
static struct val eval_call(struct exec *x, struct val dot, const struct tnode *ident,
			    const struct tnode *cmd, struct val final, bool has_final);

static void
var_push_val(struct exec *x, const char *name, struct val v)
{
	if (x->nvars == x->capvars) {
		x->capvars = x->capvars ? x->capvars * 2 : 8;
		x->vars = xrealloc(x->vars, x->capvars * sizeof(*x->vars));
	}
	x->vars[x->nvars++] = (struct var){ name, v };
}

static struct var *
var_find(struct exec *x, const char *name)
{
	for (size_t k = x->nvars; k-- > 0;)
		if (strcmp(x->vars[k].name, name) == 0)
			return &x->vars[k];
	return NULL;
}

/* validateType: can v be passed where Go expects p? */
static struct val
validate(struct exec *x, struct val v, enum ptype p, const struct tnode *at)
{
	if (p == P_NONE || p == P_VALUE)
		return v;
	if (v.t == NULL) {
		if (p == P_ANY)
			return (struct val){ &T_any, NULL, false };
		if (p == P_STRS)
			return (struct val){ &T_strs, NULL, false };
		xfail(x, at, _("%.*s: invalid value; expected %s"), NTEXT(x, at), ptype_name(p));
		return VINVALID;
	}
	if (p == P_ANY)
		return v;
	struct val d = indirect_iface(v);
	if (d.t != NULL) {
		if (p == P_STRING && d.t == &T_string)
			return d;
		if (p == P_INT && d.t == &T_int)
			return d;
		if (p == P_STRS && (d.t == &T_strs || d.t == &T_strslice))
			return d;
		bool deref = d.t->kind == K_PTR && ((p == P_INT && d.t->elem == &T_int) ||
						    (p == P_STRING && d.t->elem == &T_string));
		if (deref) {
			if (v_isnil(d)) {
				xfail(x, at, _("%.*s: dereference of nil pointer of type %s"), NTEXT(x, at),
				      ptype_name(p));
				return VINVALID;
			}
			return (struct val){ d.t->elem, d.n, d.doc };
		}
	}
	xfail(x, at, _("%.*s: wrong type for value; expected %s; got %s"), NTEXT(x, at), ptype_name(p),
	      type_name(v));
	return VINVALID;
}

/* A number literal where any value goes: float64 if written like one, else int. */
static struct val
ideal_constant(struct exec *x, const struct tnode *n)
{
	if (n->is_float && n->float_text)
		return v_num(x, &T_float64, n->fval);
	if (n->is_int)
		return v_num(x, &T_int, (double)n->ival);
	xfail(x, n, _("%.*s overflows int"), NTEXT(x, n));
	return VINVALID;
}

static struct val eval_field_node(struct exec *x, struct val dot, const struct tnode *field,
				  const struct tnode *cmd, struct val final, bool has_final);
static struct val eval_chain(struct exec *x, struct val dot, const struct tnode *chain,
			     const struct tnode *cmd, struct val final, bool has_final);
static struct val eval_variable(struct exec *x, struct val dot, const struct tnode *var,
				const struct tnode *cmd, struct val final, bool has_final);

static struct val
eval_arg(struct exec *x, struct val dot, enum ptype p, const struct tnode *n)
{
	switch (n->kind) {
	case N_DOT:
		return validate(x, dot, p, n);
	case N_NIL:
		if (p == P_ANY)
			return (struct val){ &T_any, NULL, false };
		if (p == P_VALUE || p == P_NONE)
			return VINVALID;
		if (p == P_STRS)
			return (struct val){ &T_strs, NULL, false };
		xfail(x, n, _("cannot assign nil to %s"), ptype_name(p));
		return VINVALID;
	case N_FIELD:
		return validate(x, eval_field_node(x, dot, n, NULL, VINVALID, false), p, n);
	case N_VAR:
		return validate(x, eval_variable(x, dot, n, NULL, VINVALID, false), p, n);
	case N_PIPE:
		return validate(x, eval_pipeline(x, dot, n), p, n);
	case N_IDENT:
		return validate(x, eval_call(x, dot, n, NULL, VINVALID, false), p, n);
	case N_CHAIN:
		return validate(x, eval_chain(x, dot, n, NULL, VINVALID, false), p, n);
	default:
		break;
	}
	switch (p) {
	case P_STRING:
		if (n->kind == N_STRING)
			return v_str(x, n->str, n->slen);
		xfail(x, n, _("expected string; found %.*s"), NTEXT(x, n));
		return VINVALID;
	case P_INT:
		if (n->kind == N_NUMBER && n->is_int)
			return v_num(x, &T_int, (double)n->ival);
		xfail(x, n, _("expected integer; found %.*s"), NTEXT(x, n));
		return VINVALID;
	case P_STRS:
		xfail(x, n, _("can't handle %.*s for arg of type []string"), NTEXT(x, n));
		return VINVALID;
	default:
		if (n->kind == N_BOOL)
			return v_bool(x, n->bval);
		if (n->kind == N_NUMBER)
			return ideal_constant(x, n);
		if (n->kind == N_STRING)
			return v_str(x, n->str, n->slen);
		xfail(x, n, _("can't handle %.*s"), NTEXT(x, n));
		return VINVALID;
	}
}

static const char *const time_methods[] = {
	"Add", "AddDate", "After", "AppendFormat", "Before", "Clock", "Compare", "Date", "Day", "Equal",
	"Format", "GoString", "GobDecode", "GobEncode", "Hour", "ISOWeek", "In", "IsDST", "IsZero",
	"Local", "Location", "MarshalBinary", "MarshalJSON", "MarshalText", "Minute", "Month",
	"Nanosecond", "Round", "Second", "String", "Sub", "Truncate", "UTC", "Unix", "UnixMicro",
	"UnixMilli", "UnixNano", "UnmarshalBinary", "UnmarshalJSON", "UnmarshalText", "Weekday", "Year",
	"YearDay", "Zone", "ZoneBounds", NULL
};
static const char *const duration_methods[] = {
	"Abs", "Hours", "Microseconds", "Milliseconds", "Minutes", "Nanoseconds", "Round", "Seconds",
	"String", "Truncate", NULL
};
static const char *const port_methods[] = { "Int", "Port", "Proto", "Range", NULL };
static const char *const number_methods[] = { "Float64", "Int64", "String", NULL };
static const char *const strslice_methods[] = { "UnmarshalJSON", NULL };

static bool
in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

/* A method of v's Go type: true when `name` is one (then *out is its result, or invalid after
 * an error or for a method budu does not implement). */
static bool
call_method(struct exec *x, const struct tnode *at, struct val v, const char *name, size_t nargs,
	    struct val *out)
{
	const char *const *list;
	switch (v.t->special) {
	case S_TIME: list = time_methods; break;
	case S_DURATION: list = duration_methods; break;
	case S_PORT: list = port_methods; break;
	case S_NUMBER: list = number_methods; break;
	default: list = v.t == &T_strslice ? strslice_methods : NULL; break;
	}
	if (list == NULL || !in_list(list, name))
		return false;
	*out = VINVALID;
	size_t len;
	const char *s;
	if (nargs > 0 && strcmp(name, "Range") != 0 && strcmp(name, "Format") != 0) {
		xfail(x, at, _("wrong number of args for %s: want 0 got %zu"), name, nargs);
		return true;
	}
	switch (v.t->special) {
	case S_TIME: {
		struct gotime t;
		const char *ts = time_text(v);
		if (!time_parse(ts, &t))
			break;
		if (strcmp(name, "Unix") == 0) {
			*out = v_num(x, &T_int64, (double)time_unix(&t));
			return true;
		}
		if (strcmp(name, "IsZero") == 0) {
			*out = v_bool(x, *ts == '\0' || (time_unix(&t) == -62135596800LL && t.frac[0] == '\0'));
			return true;
		}
		if (strcmp(name, "Year") == 0) {
			*out = v_num(x, &T_int, t.year);
			return true;
		}
		if (strcmp(name, "String") == 0) {
			struct strbuf sb = STRBUF_INIT;
			time_string(&sb, ts);
			*out = v_str_own(x, sb_detach(&sb));
			return true;
		}
		break;
	}
	case S_DURATION: {
		int64_t d = v_int(v);
		if (strcmp(name, "String") == 0) {
			struct strbuf sb = STRBUF_INIT;
			duration_string(&sb, d);
			*out = v_str_own(x, sb_detach(&sb));
			return true;
		}
		if (strcmp(name, "Seconds") == 0) {
			*out = v_num(x, &T_float64, (double)(d / 1000000000) + (double)(d % 1000000000) / 1e9);
			return true;
		}
		if (strcmp(name, "Nanoseconds") == 0) {
			*out = v_num(x, &T_int64, (double)d);
			return true;
		}
		if (strcmp(name, "Milliseconds") == 0) {
			*out = v_num(x, &T_int64, (double)(d / 1000000));
			return true;
		}
		break;
	}
	case S_PORT: {
		s = v_text(x, v, &len);
		const char *slash = memchr(s, '/', len);
		size_t plen = slash ? (size_t)(slash - s) : len;
		if (strcmp(name, "Port") == 0) {
			*out = v_str(x, s, plen);
			return true;
		}
		if (strcmp(name, "Proto") == 0) {
			*out = slash ? v_str(x, slash + 1, len - plen - 1) : v_str(x, "tcp", 3);
			return true;
		}
		if (strcmp(name, "Int") == 0) {
			long port = 0;
			bool ok = plen > 0 && plen <= 5;
			for (size_t k = 0; ok && k < plen; k++) {
				ok = s[k] >= '0' && s[k] <= '9';
				port = port * 10 + (s[k] - '0');
			}
			*out = v_num(x, &T_int, ok && port <= 65535 ? (double)port : 0);
			return true;
		}
		break;
	}
	case S_NUMBER: {
		double d = v_float(v);
		if (strcmp(name, "String") == 0) {
			s = v_text(x, v, &len);
			*out = v_str(x, s, len);
			return true;
		}
		if (strcmp(name, "Float64") == 0) {
			*out = v_num(x, &T_float64, d);
			return true;
		}
		if (strcmp(name, "Int64") == 0) {
			if (d != (double)(int64_t)d) {
				s = v_text(x, v, &len);
				char msg[160];
				snprintf(msg, sizeof(msg), _("strconv.ParseInt: parsing \"%s\": invalid syntax"), s);
				call_error(x, at, "Int64", msg);
				return true;
			}
			*out = v_num(x, &T_int64, d);
			return true;
		}
		break;
	}
	default:
		break;
	}
	xunsup(x, at, _("the method %s of %s"), name, v.t->name);
	return true;
}

/* One step of a field chain: receiver.name. has_args: the command passes arguments to it. */
static struct val
eval_field(struct exec *x, const struct tnode *at, struct val recv, const char *name, size_t nargs)
{
	if (recv.t == NULL) {
		if (x->raw)	/* missingkey=error: "nil data; no entry for key" */
			no_path(x, at);
		return VINVALID;
	}
	bool isnil;
	struct val r = indirect(recv, &isnil);
	if (isnil && r.t->kind == K_ANY) {	/* "nil pointer evaluating interface {}.X" */
		no_path(x, at);
		return VINVALID;
	}
	struct val out;
	if (!isnil && call_method(x, at, r, name, nargs, &out))
		return out;
	switch (r.t->kind) {
	case K_STRUCT: {
		const struct gfield *f = r.t->special ? NULL : struct_field(r.t, name);
		if (f == NULL)
			break;
		if (nargs > 0) {
			xfail(x, at, _("%s has arguments but cannot be invoked as function"), name);
			return VINVALID;
		}
		return field_val(f, r);
	}
	case K_MAP: {
		if (r.t->key != &T_string)
			break;
		if (nargs > 0) {
			xfail(x, at, _("%s is not a method but has arguments"), name);
			return VINVALID;
		}
		const cJSON *c = (r.n && cJSON_IsObject(r.n)) ? cJSON_GetObjectItemCaseSensitive(r.n, name) : NULL;
		if (c == NULL) {
			if (x->raw)	/* "map has no entry for key" */
				no_path(x, at);
			return VINVALID;
		}
		return (struct val){ r.t->elem, c, r.doc };
	}
	default:
		break;
	}
	/* "nil pointer evaluating", "can't evaluate field" */
	no_path(x, at);
	return VINVALID;
}

static struct val
eval_field_chain(struct exec *x, const struct tnode *at, struct val recv, char *const *idents, size_t n,
		 const struct tnode *cmd, bool has_final)
{
	for (size_t k = 0; k + 1 < n && !x->failed; k++)
		recv = eval_field(x, at, recv, idents[k], 0);
	if (x->failed)
		return VINVALID;
	size_t nargs = (cmd ? cmd->nkids - 1 : 0) + (has_final ? 1 : 0);
	return eval_field(x, at, recv, idents[n - 1], nargs);
}

static struct val
eval_field_node(struct exec *x, struct val dot, const struct tnode *field, const struct tnode *cmd,
		struct val final, bool has_final)
{
	(void)final;
	return eval_field_chain(x, field, dot, field->idents, field->nidents, cmd, has_final);
}

static void
not_a_function(struct exec *x, const struct tnode *cmd, bool has_final)
{
	if (cmd && (cmd->nkids > 1 || has_final))
		xfail(x, cmd->kids[0], _("can't give argument to non-function %.*s"), NTEXT(x, cmd->kids[0]));
}

static struct val
eval_chain(struct exec *x, struct val dot, const struct tnode *chain, const struct tnode *cmd,
	   struct val final, bool has_final)
{
	(void)final;
	if (chain->pipe->kind == N_NIL) {
		xfail(x, chain, _("indirection through explicit nil in %.*s"), NTEXT(x, chain));
		return VINVALID;
	}
	struct val recv = eval_arg(x, dot, P_NONE, chain->pipe);
	if (x->failed)
		return VINVALID;
	return eval_field_chain(x, chain, recv, chain->idents, chain->nidents, cmd, has_final);
}

static struct val
eval_variable(struct exec *x, struct val dot, const struct tnode *var, const struct tnode *cmd,
	      struct val final, bool has_final)
{
	(void)dot;
	(void)final;
	struct var *v = var_find(x, var->str);
	if (v == NULL) {
		xfail(x, var, _("undefined variable: %s"), var->str);
		return VINVALID;
	}
	if (var->nidents == 0) {
		not_a_function(x, cmd, has_final);
		return v->v;
	}
	return eval_field_chain(x, var, v->v, var->idents, var->nidents, cmd, has_final);
}

/* A call of a function named by `ident`; cmd holds its arguments after ident (NULL: none). */
static struct val
eval_call(struct exec *x, struct val dot, const struct tnode *ident, const struct tnode *cmd,
	  struct val final, bool has_final)
{
	const struct func *fd = func_find(ident->str);
	const struct tnode *at = cmd ? cmd : ident;
	if (fd == NULL) {
		xfail(x, ident, _("\"%s\" is not a defined function"), ident->str);
		return VINVALID;
	}
	struct tnode *const *args = cmd ? cmd->kids + 1 : NULL;
	size_t nargs = cmd ? cmd->nkids - 1 : 0;
	if (fd->fn == NULL) {	/* and, or: evaluated left to right, stopping early */
		bool want = strcmp(fd->name, "or") == 0;
		if (nargs + has_final < 1) {
			xfail(x, at, _("wrong number of args for %s: want at least %d got %zu"), fd->name, 1,
			      nargs + has_final);
			return VINVALID;
		}
		struct val v = VINVALID;
		for (size_t k = 0; k < nargs; k++) {
			v = eval_arg(x, dot, P_VALUE, args[k]);
			if (x->failed)
				return VINVALID;
			if (is_true(indirect_iface(v)) == want)
				return v;
		}
		return has_final ? final : v;
	}
	size_t numin = nargs + (has_final ? 1 : 0);
	if (fd->variadic ? numin < (size_t)fd->nfixed : numin != (size_t)fd->nfixed) {
		if (fd->variadic)
			xfail(x, at, _("wrong number of args for %s: want at least %d got %zu"), fd->name,
			      fd->nfixed, numin);
		else
			xfail(x, at, _("wrong number of args for %s: want %d got %zu"), fd->name, fd->nfixed,
			      numin);
		return VINVALID;
	}
	struct val *argv = xcalloc(numin, sizeof(*argv));
	size_t i = 0;
	for (; i < nargs && !x->failed; i++)
		argv[i] = eval_arg(x, dot, i < (size_t)fd->nfixed ? fd->fixed[i] : fd->vtype, args[i]);
	if (has_final && !x->failed)
		argv[i] = validate(x, final, i < (size_t)fd->nfixed ? fd->fixed[i] : fd->vtype, at);
	struct val r = x->failed ? VINVALID : fd->fn(x, at, argv, numin);
	free(argv);
	return r;
}

static struct val
eval_command(struct exec *x, struct val dot, const struct tnode *cmd, struct val final, bool has_final)
{
	const struct tnode *first = cmd->kids[0];
	switch (first->kind) {
	case N_FIELD:
		return eval_field_node(x, dot, first, cmd, final, has_final);
	case N_CHAIN:
		return eval_chain(x, dot, first, cmd, final, has_final);
	case N_IDENT:
		return eval_call(x, dot, first, cmd, final, has_final);
	case N_PIPE:
		not_a_function(x, cmd, has_final);
		return x->failed ? VINVALID : eval_pipeline(x, dot, first);
	case N_VAR:
		return eval_variable(x, dot, first, cmd, final, has_final);
	default:
		break;
	}
	not_a_function(x, cmd, has_final);
	if (x->failed)
		return VINVALID;
	switch (first->kind) {
	case N_BOOL:
		return v_bool(x, first->bval);
	case N_DOT:
		return dot;
	case N_NIL:
		xfail(x, first, "%s", _("nil is not a command"));
		return VINVALID;
	case N_NUMBER:
		return ideal_constant(x, first);
	case N_STRING:
		return v_str(x, first->str, first->slen);
	default:
		xfail(x, first, _("can't evaluate command %.*s"), NTEXT(x, first));
		return VINVALID;
	}
}

static struct val
eval_pipeline(struct exec *x, struct val dot, const struct tnode *pipe)
{
	struct val v = VINVALID;
	bool has_final = false;
	for (size_t k = 0; k < pipe->nkids && !x->failed; k++) {
		v = eval_command(x, dot, pipe->kids[k], v, has_final);
		has_final = true;
		if (v.t && v.t->kind == K_ANY)	/* interface{}: dig down to the value inside */
			v = dyn(v);
	}
	if (x->failed)
		return VINVALID;
	for (size_t k = 0; k < pipe->ndecl; k++) {
		if (pipe->assign) {
			struct var *var = var_find(x, pipe->decl[k]);
			if (var == NULL) {
				xfail(x, pipe, _("undefined variable: %s"), pipe->decl[k]);
				return VINVALID;
			}
			var->v = v;
		} else {
			var_push_val(x, pipe->decl[k], v);
		}
	}
	return v;
}

static void walk(struct exec *x, struct val dot, const struct tnode *n);

static void
range_body(struct exec *x, const struct tnode *r, struct val index, struct val elem, size_t mark)
{
	const struct tnode *pipe = r->pipe;
	if (pipe->ndecl > 0) {
		if (pipe->assign) {
			struct var *v0 = var_find(x, pipe->decl[0]);
			if (v0)
				v0->v = pipe->ndecl > 1 ? index : elem;
			if (pipe->ndecl > 1) {
				struct var *v1 = var_find(x, pipe->decl[1]);
				if (v1)
					v1->v = elem;
			}
		} else {
			x->vars[mark - 1].v = elem;
			if (pipe->ndecl > 1)
				x->vars[mark - 2].v = index;
		}
	}
	walk(x, elem, r->list);
	x->nvars = mark;
	if (x->flow == FLOW_CONTINUE)
		x->flow = FLOW_NONE;
}

static void
walk_range(struct exec *x, struct val dot, const struct tnode *r)
{
	size_t mark0 = x->nvars;
	bool isnil;
	struct val v = indirect(eval_pipeline(x, dot, r->pipe), &isnil);
	if (x->failed)
		return;
	size_t mark = x->nvars;
	bool any = false;
	if (v.t == NULL) {
		/* an invalid value is no error: nothing to range over */
	} else if (v.t->kind == K_SLICE && !isnil) {
		size_t i = 0;
		for (const cJSON *c = v.n ? v.n->child : NULL; c && (cJSON_IsArray(v.n)); c = c->next, i++) {
			any = true;
			range_body(x, r, v_num(x, &T_int, (double)i), (struct val){ v.t->elem, c, v.doc }, mark);
			if (x->failed || x->flow == FLOW_BREAK)
				break;
		}
	} else if (v.t->kind == K_MAP && !isnil) {
		size_t n;
		const cJSON **m = sorted_members(v.n, &n);
		for (size_t k = 0; k < n; k++) {
			any = true;
			range_body(x, r, key_val(x, v.t, m[k]), (struct val){ v.t->elem, m[k], v.doc }, mark);
			if (x->failed || x->flow == FLOW_BREAK)
				break;
		}
		free(m);
	} else {
		struct strbuf sb = STRBUF_INIT;
		fmt_value(x, &sb, v, &SPEC_V, 0, r);
		xfail(x, r->pipe, _("range can't iterate over %s"), sb.buf ? sb.buf : "");
		sb_free(&sb);
	}
	if (x->flow == FLOW_BREAK)
		x->flow = FLOW_NONE;
	if (!any && !x->failed && r->elselist)
		walk(x, dot, r->elselist);
	x->nvars = mark0;
}

static void
walk(struct exec *x, struct val dot, const struct tnode *n)
{
	switch (n->kind) {
	case N_LIST:
		for (size_t k = 0; k < n->nkids && !x->failed && x->flow == FLOW_NONE; k++)
			walk(x, dot, n->kids[k]);
		return;
	case N_TEXT:
		sb_append(&x->out, n->str, n->slen);
		return;
	case N_ACTION: {
		struct val v = eval_pipeline(x, dot, n->pipe);
		x->last = v;
		if (!x->failed && n->pipe->ndecl == 0)
			print_value(x, v, n->pipe);
		return;
	}
	case N_IF:
	case N_WITH: {
		size_t mark = x->nvars;
		struct val v = eval_pipeline(x, dot, n->pipe);
		if (x->failed)
			return;
		if (is_true(indirect_iface(v)))
			walk(x, n->kind == N_WITH ? v : dot, n->list);
		else if (n->elselist)
			walk(x, dot, n->elselist);
		x->nvars = mark;
		return;
	}
	case N_RANGE:
		walk_range(x, dot, n);
		return;
	case N_BREAK:
		x->flow = FLOW_BREAK;
		return;
	case N_CONTINUE:
		x->flow = FLOW_CONTINUE;
		return;
	default:
		return;
	}
}

static void
exec_free(struct exec *x)
{
	for (size_t k = 0; k < x->nnodes; k++)
		free(x->nodes[k]);
	free(x->nodes);
	for (size_t k = 0; k < x->nstrs; k++)
		free(x->strs[k]);
	free(x->strs);
	free(x->vars);
	sb_free(&x->out);
	free(x->err);
	free(x->unsup);
	memset(x, 0, sizeof(*x));
}

/* Runs the template on data. False when it fails: in the typed run the raw run then takes
 * over, unless *final is set (the run completed but met something budu cannot print). */
static bool
exec_run(struct exec *x, const char *src, const struct tnode *root, struct val data, bool raw, bool *final)
{
	memset(x, 0, sizeof(*x));
	x->src = src;
	x->raw = raw;
	var_push_val(x, "$", data);
	walk(x, data, root);
	*final = raw;
	if (!x->failed && x->unsup) {
		x->failed = true;
		x->err = x->unsup;
		x->err_pos = x->unsup_pos;
		x->unsup = NULL;
		*final = true;
	}
	return !x->failed;
}

/*
 * Entry point
 */

static bool
starts_with_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	return strncmp(s, w, n) == 0 && !is_alnum((unsigned char)s[n]) && s[n] != '.';
}

/* The template text to run for input, and how many bytes were put in front of it. */
static char *
lenient_source(const char *input, size_t *shift, size_t *lead)
{
	*shift = 0;
	*lead = 0;
	if (strstr(input, "{{"))
		return xstrdup(input);
	const char *s = input;
	while (is_space((unsigned char)*s))
		s++;
	*lead = (size_t)(s - input);
	size_t len = strlen(s);
	while (len > 0 && is_space((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	bool as_is = *s == '.' || *s == '$' || *s == '(' || *s == '"' || *s == '`';
	for (size_t k = 0; !as_is && k < NFIELDS(func_names); k++)
		as_is = starts_with_word(s, func_names[k]);
	*shift = as_is ? 2 : 3;
	return xasprintf("{{%s%.*s}}", as_is ? "" : ".", (int)len, s);
}

static int
user_column(size_t pos, size_t shift, size_t lead, size_t input_len)
{
	size_t col;
	if (shift == 0)
		col = pos;
	else
		col = pos < shift ? lead : pos - shift + lead;
	if (col > input_len)
		col = input_len;
	return (int)col + 1;
}

/* The single action of a template that is one path (or json of one), else NULL. */
static const struct tnode *
simple_command(const struct tnode *root)
{
	if (root->nkids != 1 || root->kids[0]->kind != N_ACTION)
		return NULL;
	const struct tnode *pipe = root->kids[0]->pipe;
	if (pipe->ndecl != 0 || pipe->nkids != 1)
		return NULL;
	const struct tnode *cmd = pipe->kids[0];
	enum nkind k = cmd->kids[0]->kind;
	if (cmd->nkids == 1 && (k == N_FIELD || k == N_CHAIN || k == N_VAR || k == N_DOT || k == N_PIPE))
		return cmd;
	if (k == N_IDENT && (strcmp(cmd->kids[0]->str, "index") == 0 ||
			     (strcmp(cmd->kids[0]->str, "json") == 0 && cmd->nkids == 2)))
		return cmd;
	return NULL;
}

/* Parses, or returns NULL with p->err set. */
static struct tnode *
parse_run(struct parser *p)
{
	if (setjmp(p->fail) != 0)
		return NULL;
	return parse_top(p);
}

bool
template_eval(const char *input, const cJSON *doc, struct template_result *res)
{
	memset(res, 0, sizeof(*res));
	if (input == NULL)
		input = "";
	size_t shift, lead, ilen = strlen(input);
	char *src = lenient_source(input, &shift, &lead);
	if (src == NULL) {
		res->error = xstrdup(_("empty template"));
		res->error_column = 1;
		return false;
	}

	struct lexer lx = { .src = src, .len = strlen(src) };
	lex_all(&lx);
	struct parser p = { .lx = &lx };
	struct tnode *root = parse_run(&p);
	bool ok = false;
	if (root == NULL) {
		res->error_column = user_column(p.err_pos, shift, lead, ilen);
		res->error = xasprintf(_("syntax error at column %d: %s"), res->error_column, p.err);
	} else {
		struct exec x;
		bool final;
		struct val typed = { &T_inspect, doc, doc != NULL };
		ok = exec_run(&x, src, root, typed, false, &final);
		if (!ok && !final) {
			exec_free(&x);
			struct val raw = dyn((struct val){ &T_any, doc, doc != NULL });
			ok = exec_run(&x, src, root, raw, true, &final);
		}
		const struct tnode *cmd = simple_command(root);
		if (cmd && (ok || final)) {	/* final: the path resolved, printing it did not */
			if (cmd->kids[0]->kind == N_IDENT && strcmp(cmd->kids[0]->str, "json") == 0)
				res->node = x.json_arg;
			else if (x.last.doc)
				res->node = x.last.n;
		}
		if (ok) {
			res->text = sb_detach(&x.out);
		} else {
			res->error_column = user_column(x.err_pos, shift, lead, ilen);
			res->error = x.err;
			x.err = NULL;
		}
		exec_free(&x);
	}
	for (size_t k = 0; k < p.nall; k++)
		node_free(p.all[k]);
	free(p.all);
	free(p.vars);
	free(p.err);
	for (size_t k = 0; k < lx.ntoks; k++)
		free(lx.toks[k].msg);
	free(lx.toks);
	free(src);
	return ok;
}

void
template_result_free(struct template_result *res)
{
	free(res->text);
	free(res->error);
	memset(res, 0, sizeof(*res));
}
