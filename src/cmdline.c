#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "i18n.h"
#include "sanitize.h"
#include "strbuf.h"
#include "strv.h"
#include "xalloc.h"

static void
words_add(struct words *w, struct strbuf *sb)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 8;
		w->v = xrealloc(w->v, w->cap * sizeof(*w->v));
	}
	w->v[w->n++] = sb_detach(sb);
}

void
words_free(struct words *w)
{
	strv_free(w->v, w->n);
	memset(w, 0, sizeof(*w));
}

/* Bytes of the blank at s, 0 when s does not start with one. Pasted text brings U+00A0 (web
 * pages) and U+3000 (a Korean or Japanese input method's space). */
size_t
cmdline_blank_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
		return 1;
	if (c == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	if (c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

/* A backslash and the line break after it (a pasted multi-line command): 0 when not one. */
static size_t
continuation_len(const char *s)
{
	if (s[0] != '\\')
		return 0;
	if (s[1] == '\n')
		return 2;
	if (s[1] == '\r' && s[2] == '\n')
		return 3;
	return 0;
}

/* Splits s as a POSIX shell splits words (no expansion): '…' keeps everything, "…" lets a
 * backslash escape " \ $ ` and a line break, a backslash outside quotes escapes any byte.
 * An empty quoted word ("") is a word. False on an unterminated quote. */
bool
words_split(const char *s, struct words *w)
{
	memset(w, 0, sizeof(*w));
	struct strbuf sb = STRBUF_INIT;
	bool in_word = false;
	while (*s) {
		size_t b = continuation_len(s);
		if (b) {
			s += b;
			continue;
		}
		b = cmdline_blank_len(s);
		if (b) {
			if (in_word)
				words_add(w, &sb);
			in_word = false;
			s += b;
			continue;
		}
		in_word = true;
		if (*s == '\'') {
			const char *end = strchr(s + 1, '\'');
			if (!end)
				goto unterminated;
			sb_append(&sb, s + 1, (size_t)(end - s - 1));
			s = end + 1;
		} else if (*s == '"') {
			for (s++; *s != '"'; s++) {
				if (!*s)
					goto unterminated;
				if (*s == '\\' && s[1] == '\n') {
					s++;
				} else if (*s == '\\' && strchr("\"\\$`", s[1]) && s[1]) {
					sb_putc(&sb, s[1]);
					s++;
				} else {
					sb_putc(&sb, *s);
				}
			}
			s++;
		} else if (*s == '\\' && s[1]) {
			sb_putc(&sb, s[1]);
			s += 2;
		} else {
			sb_putc(&sb, *s);
			s++;
		}
	}
	if (in_word)
		words_add(w, &sb);
	sb_free(&sb);
	return true;
unterminated:
	sb_free(&sb);
	words_free(w);
	return false;
}

bool
word_is(const struct words *w, size_t i, const char *s)
{
	return i < w->n && strcmp(w->v[i], s) == 0;
}

size_t
words_skip_command(const struct words *w, const char *sub, bool *pasted)
{
	size_t i = 0;
	if (pasted)
		*pasted = false;
	if (word_is(w, i, "$") || word_is(w, i, "#"))
		i++;
	size_t cmd = word_is(w, i, "sudo") ? i + 1 : i;
	if (!word_is(w, cmd, "docker") && !word_is(w, cmd, "podman"))
		return i;
	size_t after = 0;
	if (word_is(w, cmd + 1, sub))
		after = cmd + 2;
	else if (word_is(w, cmd + 1, "image") && word_is(w, cmd + 2, sub))
		after = cmd + 3;
	if (!after)
		return i;
	if (pasted)
		*pasted = true;
	return after;
}

bool
cmdline_parse_bool(const char *s, bool *v)
{
	static const char *const yes[] = { "1", "t", "T", "true", "TRUE", "True" };
	static const char *const no[] = { "0", "f", "F", "false", "FALSE", "False" };
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(s, yes[i]) == 0) {
			*v = true;
			return true;
		}
		if (strcmp(s, no[i]) == 0) {
			*v = false;
			return true;
		}
	}
	return false;
}

char *
cmdline_error(const char *fmt, const char *word)
{
	char *clean = sanitize(word);
	char *msg = xasprintf(fmt, clean);
	free(clean);
	return msg;
}

char *
cmdline_error2(const char *fmt, const char *a, const char *b)
{
	char *ca = sanitize(a), *cb = sanitize(b);
	char *msg = xasprintf(fmt, ca, cb);
	free(ca);
	free(cb);
	return msg;
}

static const struct cmdline_opt *
find_long(const struct cmdline_opt *opts, size_t nopts, const char *name, size_t n)
{
	for (size_t i = 0; i < nopts; i++)
		if (strlen(opts[i].name) == n && strncmp(opts[i].name, name, n) == 0)
			return &opts[i];
	return NULL;
}

static const struct cmdline_opt *
find_short(const struct cmdline_opt *opts, size_t nopts, char c)
{
	for (size_t i = 0; i < nopts; i++)
		if (opts[i].shorthand == c)
			return &opts[i];
	return NULL;
}

/* A flag's value, if it has one ("--rm=false"), then apply. */
static bool
apply_one(const struct cmdline_opt *d, const char *v, cmdline_apply_fn apply, void *ctx, char **err)
{
	bool on = true;
	if (!d->value && v && !cmdline_parse_bool(v, &on)) {
		*err = cmdline_error(_("invalid value for a true/false option: %s"), v);
		return false;
	}
	return apply(ctx, d, d->value ? v : NULL, on, err);
}

bool
cmdline_option(const struct words *w, size_t *i, const struct cmdline_opt *opts, size_t nopts,
	       cmdline_apply_fn apply, void *ctx, char **err)
{
	const char *word = w->v[*i];
	if (word[1] == '-') {
		const char *eq = strchr(word, '=');
		size_t n = eq ? (size_t)(eq - word - 2) : strlen(word + 2);
		const struct cmdline_opt *d = find_long(opts, nopts, word + 2, n);
		if (!d) {
			char *name = eq ? xstrndup(word, (size_t)(eq - word)) : xstrdup(word);
			*err = cmdline_error(_("unknown option %s"), name);
			free(name);
			return false;
		}
		const char *v = eq ? eq + 1 : NULL;
		if (d->value && !v) {
			if (*i + 1 >= w->n) {
				*err = cmdline_error(_("flag needs an argument: %s"), word);
				return false;
			}
			v = w->v[++*i];
		}
		return apply_one(d, v, apply, ctx, err);
	}
	/* Shorthands: -dit, -p80:80, -p=80:80, -e FOO=1, -d=false. */
	for (const char *c = word + 1; *c; c++) {
		const struct cmdline_opt *d = find_short(opts, nopts, *c);
		char flag[3] = { '-', *c, '\0' };
		if (!d) {
			*err = cmdline_error2(_("unknown option %s in %s"), flag, word);
			return false;
		}
		const char *v = NULL;
		if (c[1] == '=')
			v = c + 2;
		else if (d->value && c[1])
			v = c + 1;
		else if (d->value) {
			if (*i + 1 >= w->n) {
				*err = cmdline_error(_("flag needs an argument: %s"), flag);
				return false;
			}
			v = w->v[++*i];
		}
		if (!apply_one(d, v, apply, ctx, err))
			return false;
		if (v)
			break;
	}
	return true;
}

bool
cmdline_parse(const struct words *w, size_t start, const struct cmdline_opt *opts, size_t nopts,
	      cmdline_apply_fn apply, cmdline_arg_fn arg, void *ctx, char **err)
{
	bool options = true;
	for (size_t i = start; i < w->n; i++) {
		const char *word = w->v[i];
		if (options && strcmp(word, "--") == 0) {
			options = false;
			continue;
		}
		bool ok = options && word[0] == '-' && word[1] ? cmdline_option(w, &i, opts, nopts, apply, ctx, err)
							      : arg(ctx, word, err);
		if (!ok)
			return false;
	}
	return true;
}
