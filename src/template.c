/* A Go text/template evaluator for `docker inspect --format`, following Go 1.19's
 * text/template (lex.go, parse.go, exec.go, funcs.go) and fmt's %v, and docker/cli's
 * templates package and inspect fallback. See template.h for what is covered; this file is the
 * entry point (budu's lenient input, the typed run then the raw one), template_internal.h
 * names the other parts. */
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
#include "template_internal.h"
#include "utf8.h"
#include "xalloc.h"

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
	for (size_t k = 0; !as_is && k < nfunc_names; k++)
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
template_eval_schema(const char *input, const cJSON *doc, const struct template_schema *schema,
		     struct template_result *res)
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
		struct exec x = { 0 };
		bool final = false;
		/* without a schema, only the run on map[string]interface{} */
		if (schema) {
			struct val typed = { schema->root, doc, doc != NULL };
			ok = exec_run(&x, src, root, typed, false, &final);
		}
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
			else
				res->node = x.last_null;	/* a JSON null, printed <no value> */
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

bool
template_eval(const char *input, const cJSON *doc, struct template_result *res)
{
	return template_eval_schema(input, doc, &template_schema_image, res);
}

void
template_result_free(struct template_result *res)
{
	free(res->text);
	free(res->error);
	memset(res, 0, sizeof(*res));
}
