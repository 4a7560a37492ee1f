/* Private to the template evaluator (src/template*.c): the structures its parts share. The
 * parts follow Go's own files: lex, parse, exec, funcs, fmt (print.go), json, time, and the
 * types of the typed run (gotypes, one schema_<document> per document).
 *
 * Nothing here is shared between threads: a template_eval call owns its lexer, parser and
 * exec; the type tables are constant. */
#ifndef BUDU_TEMPLATE_INTERNAL_H
#define BUDU_TEMPLATE_INTERNAL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "strbuf.h"

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Go types of the typed execution (template_gotypes.c, template_schema_*.c)
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

/* What template_schema_* hands the evaluator: the Go type of the whole document. */
struct template_schema {
	const struct gtype *root;
};

extern const struct gtype T_string;
extern const struct gtype T_int;
extern const struct gtype T_int64;
extern const struct gtype T_uint8;
extern const struct gtype T_float64;
extern const struct gtype T_bool;
extern const struct gtype T_duration;
extern const struct gtype T_time;
extern const struct gtype T_number;
extern const struct gtype T_port;
extern const struct gtype T_empty;
extern const struct gtype T_strs;
extern const struct gtype T_strslice;
extern const struct gtype T_map_ss;
extern const struct gtype T_map_se;
extern const struct gtype T_portset;
extern const struct gtype T_pint;
extern const struct gtype T_any;
extern const struct gtype T_rawmap;
extern const struct gtype T_rawslice;

/*
 * Lexer (template_lex.c)
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

static inline bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Go's isAlphaNumeric: '_', letters, digits. Bytes of non-ASCII characters count as letters. */
static inline bool
is_alnum(int c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

void lex_all(struct lexer *lx);

/*
 * Parser (template_parse.c)
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

/* Functions known at parse time, and so words the lenient input takes as an action. */
extern const char *const func_names[];
extern const size_t nfunc_names;

struct tnode *parse_top(struct parser *p);
void node_free(struct tnode *n);

/*
 * Values (template_value.c)
 */

/* A Go value: its type and the JSON node holding it. Values the evaluator makes (results of
 * functions, literals) live in nodes of the exec's arena. */
struct val {
	const struct gtype *t;	/* NULL: Go's invalid reflect.Value, printed "<no value>" */
	const cJSON *n;		/* NULL or a JSON null: the zero value (nil pointer, map, slice) */
	bool doc;		/* n is a node of the document */
};

#define VINVALID ((struct val){ NULL, NULL, false })

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
	const cJSON *last_null;		/* the JSON null of the document it named, when that is <no value> */
	const cJSON *pipe_null;		/* the same for the pipeline evaluated last */
	const cJSON *json_arg;		/* document node given to the last `json` call */
};

void xfail(struct exec *x, const struct tnode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void xunsup(struct exec *x, const struct tnode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* printf arguments naming a node's source text. */
#define NTEXT(x, nd) (int)((nd)->end - (nd)->start), (x)->src + (nd)->start

void no_path(struct exec *x, const struct tnode *at);
cJSON *anode(struct exec *x, int type);
struct val v_str(struct exec *x, const char *s, size_t len);
struct val v_str_own(struct exec *x, char *s);
struct val v_num(struct exec *x, const struct gtype *t, double d);
struct val v_bool(struct exec *x, bool b);
cJSON *ashallow(struct exec *x, const cJSON *c);
void alink(cJSON *parent, cJSON **last, cJSON *kid);
bool v_isnil(struct val v);
struct val dyn(struct val v);
struct val indirect(struct val v, bool *isnil);
struct val indirect_iface(struct val v);
int64_t v_int(struct val v);
double v_float(struct val v);
const char *v_text(struct exec *x, struct val v, size_t *len);
size_t v_count(struct val v);
const cJSON **sorted_members(const cJSON *obj, size_t *count);
const cJSON *member_last(const cJSON *obj, const char *key, size_t klen);
struct val key_val(struct exec *x, const struct gtype *map, const cJSON *member);
const struct gfield *struct_field(const struct gtype *t, const char *name);
struct val field_val(const struct gfield *f, struct val s);

/*
 * time.Time and time.Duration (template_gotime.c)
 */

struct gotime {
	int year, mon, day, hour, min, sec;
	char frac[10];		/* fraction digits, trailing zeros dropped */
	int offset;		/* minutes east of UTC */
	bool utc;		/* "Z" */
};

bool time_parse(const char *s, struct gotime *t);
void time_string(struct strbuf *sb, const char *s);
int64_t time_unix(const struct gotime *t);
const char *time_text(struct val v);
void duration_string(struct strbuf *sb, int64_t d);

/*
 * fmt (template_fmt.c) and encoding/json (template_json.c)
 */

struct fspec {
	char verb;
	bool plus, minus, sharp, zero, space;
	bool plusv;	/* %+v: field names */
	int width;	/* -1: none */
	int prec;	/* -1: none */
};

extern const struct fspec SPEC_V;

void float_go(struct strbuf *sb, double d, bool json);
const char *type_name(struct val v);
void fmt_value(struct exec *x, struct strbuf *sb, struct val v, const struct fspec *f, int depth,
	       const struct tnode *at);
void print_value(struct exec *x, struct val v, const struct tnode *at);
char *go_sprint(struct exec *x, struct val *a, size_t n, bool ln, const struct tnode *at);
char *go_sprintf(struct exec *x, const char *fmt, size_t flen, struct val *a, size_t n, const struct tnode *at);
void json_encode(struct exec *x, struct strbuf *sb, struct val v);

/*
 * Functions (template_funcs.c)
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

const char *ptype_name(enum ptype p);
void call_error(struct exec *x, const struct tnode *at, const char *fn, const char *msg);
bool is_true(struct val v);
const struct func *func_find(const char *name);

/*
 * Execution (template_exec.c)
 */

void exec_free(struct exec *x);
bool exec_run(struct exec *x, const char *src, const struct tnode *root, struct val data, bool raw, bool *final);

#endif
