/* The parser of Go 1.19's text/template (parse/parse.go): tokens to a tree of nodes. */
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
#include "strv.h"
#include "template_internal.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * Parser (text/template/parse/parse.go)
 */


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

void
node_free(struct tnode *n)
{
	free(n->str);
	strv_free(n->idents, n->nidents);
	free(n->kids);
	strv_free(n->decl, n->ndecl);
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
const char *const func_names[] = {
	"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf",
	"println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne",
	"json", "split", "join", "title", "lower", "upper", "pad", "truncate",
};
const size_t nfunc_names = NFIELDS(func_names);

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

struct tnode *
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
