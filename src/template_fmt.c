/* Go's fmt for the templates: %v and the verbs printf takes, Sprint and Sprintln. */
#include "config.h"

#include <setjmp.h>
#include <inttypes.h>
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
void
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


const struct fspec SPEC_V = { 'v', false, false, false, false, false, false, -1, -1 };

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

const char *
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

/* Go's fmtInteger: any width and precision (the digits, then zeros up to the precision, which
 * zero padding also sets, then the 0x/0b/0/0o prefix, then the sign; spaces pad the rest). */
static void
fmt_int(struct strbuf *sb, int64_t v, const struct fspec *f)
{
	bool neg = v < 0;
	uint64_t u = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	struct fspec g = *f;
	g.zero = false;
	if (f->prec == 0 && u == 0) {	/* precision 0 and value 0: only padding */
		pad_out(sb, "", 0, &g);
		return;
	}
	unsigned base = 10;
	const char *set = "0123456789abcdef";
	switch (f->verb) {
	case 'x': base = 16; break;
	case 'X': base = 16; set = "0123456789ABCDEF"; break;
	case 'o': case 'O': base = 8; break;
	case 'b': base = 2; break;
	default: break;
	}
	char dig[64];	/* 64 binary digits at most */
	int nd = 0;
	do {
		dig[nd++] = set[u % base];
		u /= base;
	} while (u > 0);
	long prec = 0;
	if (f->prec >= 0) {
		prec = f->prec;
	} else if (f->zero && !f->minus && f->width >= 0) {
		prec = f->width;
		if (neg || f->plus || f->space)
			prec--;	/* room for the sign */
	}
	long zeros = prec > nd ? prec - nd : 0;
	const char *prefix = "";
	if (f->sharp) {
		if (base == 2)
			prefix = "0b";
		else if (base == 16)
			prefix = f->verb == 'X' ? "0X" : "0x";
		else if (base == 8 && zeros == 0 && dig[nd - 1] != '0')
			prefix = "0";
	}
	if (f->verb == 'O')
		prefix = *prefix ? "0o0" : "0o";
	struct strbuf t = STRBUF_INIT;
	if (neg)
		sb_putc(&t, '-');
	else if (f->plus)
		sb_putc(&t, '+');
	else if (f->space)
		sb_putc(&t, ' ');
	sb_puts(&t, prefix);
	for (long k = 0; k < zeros; k++)
		sb_putc(&t, '0');
	for (int k = nd - 1; k >= 0; k--)
		sb_putc(&t, dig[k]);
	pad_out(sb, t.buf, t.len, &g);
	sb_free(&t);
}

/* Go's fmtFloat: the sign goes before zero padding; infinities and NaN are padded with blanks. */
static void
fmt_float(struct exec *x, struct strbuf *sb, double d, const struct fspec *f, struct val v,
	  const struct tnode *at)
{
	struct strbuf t = STRBUF_INIT;
	char verb = f->verb;
	bool finite = d - d == 0;
	bool neg = d < 0 || (d == 0 && 1 / d < 0);
	double a = neg ? -d : d;
	if (!finite && (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'e' || verb == 'E' ||
			verb == 'f' || verb == 'F')) {
		sb_puts(&t, d != d ? "NaN" : "Inf");
	} else if ((verb == 'v' || verb == 'g' || verb == 'G') && f->prec < 0) {
		float_go(&t, a, false);
		if (verb == 'G')
			for (size_t k = 0; k < t.len; k++)
				if (t.buf[k] == 'e')
					t.buf[k] = 'E';
	} else if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'e' || verb == 'E' || verb == 'f' ||
		   verb == 'F') {
		char c = verb == 'v' ? 'g' : verb;
		if (c == 'g')
			sb_printf(&t, "%.*g", f->prec < 0 ? 6 : f->prec, a);
		else if (c == 'G')
			sb_printf(&t, "%.*G", f->prec < 0 ? 6 : f->prec, a);
		else if (c == 'e')
			sb_printf(&t, "%.*e", f->prec < 0 ? 6 : f->prec, a);
		else if (c == 'E')
			sb_printf(&t, "%.*E", f->prec < 0 ? 6 : f->prec, a);
		else
			sb_printf(&t, "%.*f", f->prec < 0 ? 6 : f->prec, a);
	} else {
		bad_verb(x, sb, verb, v, at);
		return;
	}
	char sign = neg ? '-' : f->plus ? '+' : f->space ? ' ' : 0;
	if (d != d)
		sign = f->plus ? '+' : f->space ? ' ' : 0;
	else if (!finite && !sign)
		sign = '+';	/* Go prints +Inf */
	struct fspec g = *f;
	if (!finite)
		g.zero = false;
	const char *body = t.buf ? t.buf : "";
	if (sign && g.zero && f->width > (int)t.len + 1) {
		sb_putc(sb, sign);
		for (int k = (int)t.len + 1; k < f->width; k++)
			sb_putc(sb, '0');
		sb_append(sb, body, t.len);
	} else if (sign) {
		struct strbuf s = STRBUF_INIT;
		sb_putc(&s, sign);
		sb_append(&s, body, t.len);
		pad_out(sb, s.buf, s.len, &g);
		sb_free(&s);
	} else {
		pad_out(sb, body, t.len, &g);
	}
	sb_free(&t);
}

/* Go's fmt printValue: depth 0 is the operand itself, deeper are elements and fields (whose
 * nil pointers print "<nil>" and other pointers their address, which budu cannot show). */
void
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
		if (verb == 'v' || verb == 'd' || verb == 'x' || verb == 'X' || verb == 'o' || verb == 'O' ||
		    verb == 'b') {
			fmt_int(sb, v_int(v), f);
		} else if (verb == 'c' || verb == 'q' || verb == 'U') {
			int64_t r = v_int(v);
			uint32_t cp = (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) ? 0xfffd : (uint32_t)r;
			struct strbuf c = STRBUF_INIT;
			if (verb == 'U') {	/* Go's fmtUnicode: the raw value, blank padding */
				sb_printf(&c, "U+%0*" PRIX64, f->prec > 4 ? f->prec : 4, (uint64_t)r);
				if (f->sharp && r >= 0 && r <= 0x10ffff && r == (int64_t)cp && iswprint((wint_t)cp)) {
					sb_puts(&c, " '");
					utf8_encode(&c, cp);
					sb_putc(&c, '\'');
				}
				struct fspec g = *f;
				g.zero = false;
				pad_out(sb, c.buf, c.len, &g);
				sb_free(&c);
				return;
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
void
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
char *
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

/* Go's parsenum: a width or precision; one past 1e6 (a "crazy long number") ends the format. */
static bool
parsenum(const char *s, size_t *i, size_t end, int *num)
{
	bool isnum = false;
	int n = 0;
	for (; *i < end && s[*i] >= '0' && s[*i] <= '9'; (*i)++) {
		if (n > 1000000) {
			*i = end;
			return false;
		}
		n = n * 10 + (s[*i] - '0');
		isnum = true;
	}
	if (isnum)
		*num = n;
	return isnum;
}

/* fmt.Sprintf with flags, width and precision (no argument indexes, no %#v or %p). */
char *
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
		if (!parsenum(fmt, &i, flen, &f.width))
			f.width = -1;
		if (i + 1 < flen && fmt[i] == '.') {
			i++;
			if (!parsenum(fmt, &i, flen, &f.prec))
				f.prec = 0;
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
