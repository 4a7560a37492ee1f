/* The lexer of Go 1.19's text/template (parse/lex.go): template text to tokens. */
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
#include "template_internal.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * Lexer (text/template/parse/lex.go)
 */


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

void
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
