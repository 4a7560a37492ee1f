/* The evaluator of Go 1.19's text/template (exec.go): walks the tree over a Go value. */
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
		const cJSON *c = member_last(r.n, name, strlen(name));
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
	const cJSON *null = NULL;
	for (size_t k = 0; k < pipe->nkids && !x->failed; k++) {
		const struct tnode *cmd = pipe->kids[k];
		x->pipe_null = NULL;
		v = eval_command(x, dot, cmd, v, has_final);
		has_final = true;
		null = NULL;
		if (v.t && v.t->kind == K_ANY) {	/* interface{}: dig down to the value inside */
			/* a JSON null has none: invalid, but the path named that node */
			if (v.doc && v.n && cJSON_IsNull(v.n))
				null = v.n;
			v = dyn(v);
		} else if (v.t == NULL && cmd->nkids == 1 && cmd->kids[0]->kind == N_PIPE) {
			null = x->pipe_null;	/* (pipeline): the null it named */
		}
	}
	x->pipe_null = NULL;
	if (x->failed)
		return VINVALID;
	x->pipe_null = null;
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
		x->last_null = x->pipe_null;
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

void
exec_free(struct exec *x)
{
	for (size_t k = 0; k < x->nnodes; k++)
		free(x->nodes[k]);
	free(x->nodes);
	strv_free(x->strs, x->nstrs);
	free(x->vars);
	sb_free(&x->out);
	free(x->err);
	free(x->unsup);
	memset(x, 0, sizeof(*x));
}

/* Runs the template on data. False when it fails: in the typed run the raw run then takes
 * over, unless *final is set (the run completed but met something budu cannot print). */
bool
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
