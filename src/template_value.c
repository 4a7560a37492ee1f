/* Go values for the template evaluator: a type and the JSON node holding the value, as
 * reflect sees them (indirection, interfaces, map keys, struct fields). */
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
 * Values
 */


void
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

/* Something budu cannot reproduce. The typed run goes on (it may still fail, and docker would
 * then print the raw run's result); it is reported if the run that counts reaches it. */
void
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

void
no_path(struct exec *x, const struct tnode *at)
{
	xfail(x, at, _("no such path: %.*s"), NTEXT(x, at));
}

cJSON *
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

struct val
v_str(struct exec *x, const char *s, size_t len)
{
	cJSON *n = anode(x, cJSON_String);
	n->valuestring = astr(x, xstrndup(s, len));
	return (struct val){ &T_string, n, false };
}

/* Takes ownership of s (from sb_detach or xasprintf). */
struct val
v_str_own(struct exec *x, char *s)
{
	cJSON *n = anode(x, cJSON_String);
	n->valuestring = astr(x, s);
	return (struct val){ &T_string, n, false };
}

struct val
v_num(struct exec *x, const struct gtype *t, double d)
{
	cJSON *n = anode(x, cJSON_Number);
	n->valuedouble = d;
	n->valueint = d >= 2147483647.0 ? 2147483647 : d <= -2147483648.0 ? (-2147483647 - 1) : (int)d;
	return (struct val){ t, n, false };
}

struct val
v_bool(struct exec *x, bool b)
{
	return (struct val){ &T_bool, anode(x, b ? cJSON_True : cJSON_False), false };
}

/* A node whose contents are node c's (children shared, string not owned): c's value in a new
 * list, e.g. an element of a slice made by `slice`. */
cJSON *
ashallow(struct exec *x, const cJSON *c)
{
	cJSON *n = anode(x, c->type);
	n->child = c->child;
	n->valuestring = c->valuestring;
	n->valuedouble = c->valuedouble;
	n->valueint = c->valueint;
	return n;
}

void
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

bool
v_isnil(struct val v)
{
	return v.n == NULL || cJSON_IsNull(v.n);
}

/* The dynamic value inside an interface{} (what reflect's Elem gives): invalid for nil. */
struct val
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
struct val
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

struct val
indirect_iface(struct val v)
{
	return (v.t && v.t->kind == K_ANY) ? dyn(v) : v;
}

int64_t
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

double
v_float(struct val v)
{
	return (v.n && cJSON_IsNumber(v.n)) ? v.n->valuedouble : 0;
}

/* Text of a string-kind value (string, json.Number, nat.Port). */
const char *
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

size_t
v_count(struct val v)
{
	size_t k = 0;
	if (v.n == NULL || !(cJSON_IsArray(v.n) || cJSON_IsObject(v.n)))
		return 0;
	if (cJSON_IsObject(v.n)) {	/* its keys: a key written twice counts once */
		free(sorted_members(v.n, &k));
		return k;
	}
	for (const cJSON *c = v.n->child; c; c = c->next)
		k++;
	return k;
}

/* Duplicate keys: Go's encoding/json, decoding into a map or a struct, keeps the last value of
 * a key the document gives twice (cJSON keeps every member, and finds the first). */
const cJSON *
member_last(const cJSON *obj, const char *key, size_t klen)
{
	const cJSON *found = NULL;
	if (obj && cJSON_IsObject(obj))
		for (const cJSON *c = obj->child; c; c = c->next)
			if (c->string && strlen(c->string) == klen && memcmp(c->string, key, klen) == 0)
				found = c;
	return found;
}

struct member {
	const cJSON *c;
	size_t pos;
};

static int
member_cmp(const void *a, const void *b)
{
	const struct member *p = a, *q = b;
	int k = strcmp(p->c->string ? p->c->string : "", q->c->string ? q->c->string : "");
	return k ? k : (p->pos > q->pos) - (p->pos < q->pos);
}

/* Members of an object sorted by key (as Go's fmt and json order map keys), each key once: its
 * last member (member_last). Caller frees. */
const cJSON **
sorted_members(const cJSON *obj, size_t *count)
{
	size_t n = 0;
	if (obj && cJSON_IsObject(obj))
		for (const cJSON *c = obj->child; c; c = c->next)
			n++;
	*count = 0;
	if (n == 0)
		return NULL;
	struct member *m = xcalloc(n, sizeof(*m));
	size_t k = 0;
	for (const cJSON *c = obj->child; c; c = c->next, k++)
		m[k] = (struct member){ c, k };
	qsort(m, n, sizeof(*m), member_cmp);
	const cJSON **v = xcalloc(n, sizeof(*v));
	size_t out = 0;
	for (k = 0; k < n; k++) {
		/* in a run of one key, by position: the last */
		if (k + 1 < n && strcmp(m[k].c->string ? m[k].c->string : "",
					m[k + 1].c->string ? m[k + 1].c->string : "") == 0)
			continue;
		v[out++] = m[k].c;
	}
	free(m);
	*count = out;
	return v;
}

/* A map key as a Go value (string, or nat.Port for a PortSet). */
struct val
key_val(struct exec *x, const struct gtype *map, const cJSON *member)
{
	cJSON *n = anode(x, cJSON_String);
	n->valuestring = member->string ? member->string : (char *)"";
	return (struct val){ map->key, n, false };
}

const struct gfield *
struct_field(const struct gtype *t, const char *name)
{
	for (size_t k = 0; k < t->nfields; k++)
		if (strcmp(t->fields[k].name, name) == 0)
			return &t->fields[k];
	return NULL;
}

struct val
field_val(const struct gfield *f, struct val s)
{
	const cJSON *c = member_last(s.n, f->json, strlen(f->json));
	return (struct val){ f->type, c, s.doc && c != NULL };
}
