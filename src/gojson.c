#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gojson.h"
#include "utf8.h"
#include "strbuf.h"
#include "xalloc.h"

void
gojson_string(struct strbuf *sb, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	sb_putc(sb, '"');
	size_t start = 0, i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			i++;
			continue;
		}
		if (c < 0x80) {
			sb_append(sb, s + start, i - start);
			char esc[6] = { '\\', (char)c, 0, 0, 0, 0 };
			size_t n = 2;
			if (c == '\n')
				esc[1] = 'n';
			else if (c == '\r')
				esc[1] = 'r';
			else if (c == '\t')
				esc[1] = 't';
			else if (c < 0x20) {
				esc[1] = 'u';
				esc[2] = '0';
				esc[3] = '0';
				esc[4] = hex[c >> 4];
				esc[5] = hex[c & 0xf];
				n = 6;
			}
			sb_append(sb, esc, n);
			start = ++i;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0 || cp == 0x2028 || cp == 0x2029) {
			sb_append(sb, s + start, i - start);
			if (n == 0) {
				sb_puts(sb, "\\ufffd");
				n = 1;
			} else {
				sb_printf(sb, "\\u%04x", (unsigned)cp);
			}
			start = i + n;
		}
		i += n;
	}
	sb_append(sb, s + start, i - start);
	sb_putc(sb, '"');
}

void
gojson_number(struct strbuf *sb, double d)
{
	if (d != d || d - d != 0) {	/* NaN or an infinity */
		sb_puts(sb, "null");
		return;
	}
	if (d >= -9007199254740992.0 && d <= 9007199254740992.0 && (double)(long long)d == d) {
		sb_printf(sb, "%lld", (long long)d);
		return;
	}
	char buf[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	sb_puts(sb, buf);
}

struct kid {
	const cJSON *c;
	size_t pos;	/* in the document */
};

static const char *
key_of(const cJSON *c)
{
	return c->string ? c->string : "";
}

/* By key, then by place in the document. */
static int
kid_cmp(const void *a, const void *b)
{
	const struct kid *x = a, *y = b;
	int k = strcmp(key_of(x->c), key_of(y->c));
	return k ? k : (x->pos > y->pos) - (x->pos < y->pos);
}

void
gojson_value(struct strbuf *sb, const cJSON *v, bool sort_keys)
{
	if (v == NULL || cJSON_IsNull(v) || cJSON_IsInvalid(v)) {
		sb_puts(sb, "null");
	} else if (cJSON_IsFalse(v)) {
		sb_puts(sb, "false");
	} else if (cJSON_IsTrue(v)) {
		sb_puts(sb, "true");
	} else if (cJSON_IsNumber(v)) {
		gojson_number(sb, v->valuedouble);
	} else if (cJSON_IsString(v)) {
		const char *s = v->valuestring ? v->valuestring : "";
		gojson_string(sb, s, strlen(s));
	} else if (cJSON_IsArray(v)) {
		sb_putc(sb, '[');
		const cJSON *c;
		bool first = true;
		cJSON_ArrayForEach(c, v) {
			if (!first)
				sb_putc(sb, ',');
			first = false;
			gojson_value(sb, c, sort_keys);
		}
		sb_putc(sb, ']');
	} else if (cJSON_IsObject(v)) {
		size_t n = 0;
		const cJSON *c;
		cJSON_ArrayForEach(c, v)
			n++;
		struct kid *kids = NULL;
		if (n > 0) {
			kids = xcalloc(n, sizeof(*kids));
			size_t k = 0;
			cJSON_ArrayForEach(c, v) {
				kids[k].c = c;
				kids[k].pos = k;
				k++;
			}
			if (sort_keys)
				qsort(kids, n, sizeof(*kids), kid_cmp);
		}
		sb_putc(sb, '{');
		bool first = true;
		for (size_t k = 0; k < n; k++) {
			const char *key = key_of(kids[k].c);
			/* a Go map holds a key once: of a key given twice, its last value */
			if (sort_keys && k + 1 < n && strcmp(key, key_of(kids[k + 1].c)) == 0)
				continue;
			if (!first)
				sb_putc(sb, ',');
			first = false;
			gojson_string(sb, key, strlen(key));
			sb_putc(sb, ':');
			gojson_value(sb, kids[k].c, sort_keys);
		}
		sb_putc(sb, '}');
		free(kids);
	} else {
		sb_puts(sb, "null");	/* cJSON_Raw: not produced by the parser */
	}
}
