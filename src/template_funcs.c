/* The template functions: Go's text/template/funcs.go and docker/cli's templates package. */
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
 * Functions
 */


const char *
ptype_name(enum ptype p)
{
	switch (p) {
	case P_STRING: return "string";
	case P_INT: return "int";
	case P_STRS: return "[]string";
	default: return "interface {}";
	}
}

void
call_error(struct exec *x, const struct tnode *at, const char *fn, const char *msg)
{
	xfail(x, at, _("error calling %s: %s"), fn, msg);
}

/* text/template's isTrue. */
bool
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
			const cJSON *c = member_last(item.n, ks, klen);
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

const struct func *
func_find(const char *name)
{
	for (size_t k = 0; k < NFIELDS(funcs); k++)
		if (strcmp(funcs[k].name, name) == 0)
			return &funcs[k];
	return NULL;
}
