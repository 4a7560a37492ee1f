/* encoding/json of Go values, for the templates' json function. */
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

void
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
