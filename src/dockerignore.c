/* .dockerignore: reading, patterns and matching as the docker CLI does (see dockerignore.h). */
#include "config.h"

#include "dockerignore.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "strv.h"
#include "xalloc.h"

/* ---- runes ---------------------------------------------------------------------------------- */

/* A byte that is not part of valid UTF-8 counts as one character (Go's RuneError), kept apart
 * from real characters so that it only equals itself. */
#define BAD_BYTE(b) (0x110000u + (uint32_t)(unsigned char)(b))

static uint32_t
next_rune(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = len - *i;
	unsigned char c = p[0];
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
	if (n == 0 || n > left) {
		(*i)++;
		return BAD_BYTE(c);
	}
	uint32_t r = c & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			(*i)++;
			return BAD_BYTE(c);
		}
		r = (r << 6) | (p[k] & 0x3f);
	}
	if ((n == 3 && (r < 0x800 || (r >= 0xd800 && r <= 0xdfff))) || (n == 4 && (r < 0x10000 || r > 0x10ffff))) {
		(*i)++;
		return BAD_BYTE(c);
	}
	*i += n;
	return r;
}

/* unicode.IsSpace, what strings.TrimSpace trims. */
static bool
go_space(uint32_t r)
{
	switch (r) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f:
	case 0x3000:
		return true;
	default:
		return r >= 0x2000 && r <= 0x200a;
	}
}

/* s[*start..*end) trimmed as strings.TrimSpace. */
static void
trim_space(const char *s, size_t *start, size_t *end)
{
	size_t i = *start, first = *end, last = *start;
	bool seen = false;
	while (i < *end) {
		size_t at = i;
		uint32_t r = next_rune(s, *end, &i);
		if (!go_space(r)) {
			if (!seen)
				first = at;
			seen = true;
			last = i;
		}
	}
	if (!seen) {
		*start = *end;
		return;
	}
	*start = first;
	*end = last;
}

/* ---- filepath.Clean ------------------------------------------------------------------------- */

char *
path_clean(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	if (n == 0)
		return xstrdup(".");
	bool rooted = path[0] == '/';
	char *out = xmalloc(n + 3);
	size_t w = 0, r = 0, dotdot = 0;
	if (rooted) {
		out[w++] = '/';
		r = dotdot = 1;
	}
	while (r < n) {
		if (path[r] == '/') {
			r++;
		} else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) {
			r++;
		} else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				w--;
				while (w > dotdot && out[w] != '/')
					w--;
			} else if (!rooted) {
				if (w > 0)
					out[w++] = '/';
				out[w++] = '.';
				out[w++] = '.';
				dotdot = w;
			}
		} else {
			if ((rooted && w != 1) || (!rooted && w != 0))
				out[w++] = '/';
			for (; r < n && path[r] != '/'; r++)
				out[w++] = path[r];
		}
	}
	if (w == 0)
		out[w++] = '.';
	out[w] = '\0';
	return out;
}

/* ---- reading the file ----------------------------------------------------------------------- */

#define SCANNER_MAX 65536	/* bufio.MaxScanTokenSize */

bool
dockerignore_read(const char *text, size_t len, char ***lines, size_t *n, char **err)
{
	char **v = NULL;
	size_t nv = 0, cap = 0;
	size_t pos = 0;
	bool first = true;
	*lines = NULL;
	*n = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		if (end - pos >= SCANNER_MAX) {
			strv_free(v, nv);
			*err = xasprintf(_("Error reading .dockerignore: %s"), "bufio.Scanner: token too long");
			return false;
		}
		size_t start = pos;
		pos = nl ? end + 1 : len;
		if (end > start && text[end - 1] == '\r')
			end--;
		if (first && end - start >= 3 && memcmp(text + start, "\xef\xbb\xbf", 3) == 0)
			start += 3;
		first = false;
		if (end > start && text[start] == '#')
			continue;
		trim_space(text, &start, &end);
		if (start == end)
			continue;
		bool invert = text[start] == '!';
		if (invert) {
			start++;
			trim_space(text, &start, &end);
		}
		struct strbuf sb = STRBUF_INIT;
		if (invert)
			sb_putc(&sb, '!');
		if (end > start) {
			char *raw = xstrndup(text + start, end - start);
			char *clean = path_clean(raw);
			const char *p = clean;
			if (p[0] == '/' && p[1] != '\0')
				p++;
			sb_puts(&sb, p);
			free(clean);
			free(raw);
		}
		if (nv == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[nv++] = sb_detach(&sb);
	}
	*lines = v;
	*n = nv;
	return true;
}

/* ---- patterns ------------------------------------------------------------------------------- */

enum tok_kind {
	T_LIT,		/* one character */
	T_ONE,		/* ?: one character but '/' */
	T_CLASS,	/* [...] */
	T_STAR,		/* *: [^/]* */
	T_DOTSTAR,	/* a final **: .* */
	T_DS_ENTER,	/* ** before more: (.*\/)? ; enters T_DS_INSIDE or skips it */
	T_DS_INSIDE,
};

struct tok {
	enum tok_kind kind;
	uint32_t rune;		/* T_LIT */
	size_t cls, clslen;	/* T_CLASS: the text between the brackets, in the pattern */
};

/* patternmatcher's matchType: the first three are plain string tests on the text. */
enum match_kind { K_EXACT, K_PREFIX, K_SUFFIX, K_REGEX };

struct ignore_pattern {
	char *text;		/* cleaned, without the '!' */
	size_t len;
	bool exception;
	size_t ndirs;		/* '/'-separated components, for the older Matches */
	enum match_kind kind;
	struct tok *toks;
	size_t ntoks;
};

/* getEsc of filepath.Match: one class character at s[*i], or false for a syntax error. */
static bool
class_char(const char *s, size_t len, size_t *i, uint32_t *r)
{
	if (*i >= len || s[*i] == '-' || s[*i] == ']')
		return false;
	if (s[*i] == '\\') {
		(*i)++;
		if (*i >= len)
			return false;
	}
	*r = next_rune(s, len, i);
	return *i < len;	/* a class must still be closed */
}

/* A class starting after its '[' at s[*i]: moves *i past its ']'; false for a syntax error. */
static bool
class_scan(const char *s, size_t len, size_t *i)
{
	if (*i < len && s[*i] == '^')
		(*i)++;
	for (size_t nrange = 0;; nrange++) {
		if (*i < len && s[*i] == ']' && nrange > 0) {
			(*i)++;
			return true;
		}
		uint32_t lo, hi;
		if (!class_char(s, len, i, &lo))
			return false;
		if (s[*i] == '-') {
			(*i)++;
			if (!class_char(s, len, i, &hi))
				return false;
		}
	}
}

static bool
class_match(const char *cls, size_t len, uint32_t r)
{
	size_t i = 0;
	bool negated = false, match = false;
	if (i < len && cls[i] == '^') {
		negated = true;
		i++;
	}
	while (i < len) {
		if (cls[i] == '\\')
			i++;
		uint32_t lo = next_rune(cls, len, &i), hi = lo;
		if (i < len && cls[i] == '-') {
			i++;
			if (cls[i] == '\\')
				i++;
			hi = next_rune(cls, len, &i);
		}
		if (lo <= r && r <= hi)
			match = true;
	}
	return match != negated;
}

/* filepath.Match's syntax check: classes well formed, no trailing '\'. */
static bool
pattern_valid(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		if (s[i] == '\\') {
			if (i + 1 >= len)
				return false;
			i += 2;
		} else if (s[i] == '[') {
			i++;
			if (!class_scan(s, len, &i))
				return false;
		} else {
			i++;
		}
	}
	return true;
}

/* '.', '+', '(', ')', '|', '{', '}', '$': literal for patternmatcher (it escapes them). */
static bool
should_escape(uint32_t c)
{
	return c < 0x80 && strchr(".+()|{}$", (int)c) != NULL && c != 0;
}

static void
push_tok(struct ignore_pattern *p, size_t *cap, struct tok t)
{
	if (p->ntoks == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		p->toks = xrealloc(p->toks, *cap * sizeof(*p->toks));
	}
	p->toks[p->ntoks++] = t;
}

/* patternmatcher's compile: the kind, and for K_REGEX the tokens of its regular expression. */
static void
pattern_compile(struct ignore_pattern *p)
{
	const char *s = p->text;
	size_t len = p->len, i = 0, cap = 0;
	enum match_kind kind = K_EXACT;
	for (int iter = 0; i < len; iter++) {
		uint32_t ch = next_rune(s, len, &i);
		if (ch == '*') {
			if (i < len && s[i] == '*') {
				i++;
				if (i < len && s[i] == '/')
					i++;
				if (i >= len) {
					if (kind == K_EXACT) {
						kind = K_PREFIX;
					} else {
						push_tok(p, &cap, (struct tok){ .kind = T_DOTSTAR });
						kind = K_REGEX;
					}
				} else {
					push_tok(p, &cap, (struct tok){ .kind = T_DS_ENTER });
					push_tok(p, &cap, (struct tok){ .kind = T_DS_INSIDE });
					kind = K_REGEX;
				}
				if (iter == 0)
					kind = K_SUFFIX;
			} else {
				push_tok(p, &cap, (struct tok){ .kind = T_STAR });
				kind = K_REGEX;
			}
		} else if (ch == '?') {
			push_tok(p, &cap, (struct tok){ .kind = T_ONE });
			kind = K_REGEX;
		} else if (should_escape(ch)) {
			push_tok(p, &cap, (struct tok){ .kind = T_LIT, .rune = ch });
		} else if (ch == '\\') {
			/* pattern_valid: never the last character */
			uint32_t e = next_rune(s, len, &i);
			push_tok(p, &cap, (struct tok){ .kind = T_LIT, .rune = e });
			kind = K_REGEX;
		} else if (ch == '[') {
			size_t start = i;
			class_scan(s, len, &i);
			push_tok(p, &cap, (struct tok){ .kind = T_CLASS, .cls = start, .clslen = i - 1 - start });
			kind = K_REGEX;
		} else if (ch == ']') {
			push_tok(p, &cap, (struct tok){ .kind = T_LIT, .rune = ch });
			kind = K_REGEX;
		} else {
			push_tok(p, &cap, (struct tok){ .kind = T_LIT, .rune = ch });
		}
	}
	p->kind = kind;
}

static void
closure(const struct ignore_pattern *p, unsigned char *set)
{
	for (size_t i = 0; i < p->ntoks; i++) {
		if (!set[i])
			continue;
		switch (p->toks[i].kind) {
		case T_STAR:
		case T_DOTSTAR:
			set[i + 1] = 1;
			break;
		case T_DS_ENTER:
			set[i + 1] = 1;
			set[i + 2] = 1;
			break;
		default:
			break;
		}
	}
}

/* The regular expression of a K_REGEX pattern against s[0..len), as an NFA over characters:
 * no backtracking, O(len x tokens). */
static bool
regex_match(const struct ignore_pattern *p, const char *s, size_t len)
{
	size_t n = p->ntoks + 1;
	unsigned char stack[2 * 128];
	unsigned char *cur = n <= 128 ? stack : xmalloc(2 * n);
	unsigned char *next = cur + n;
	memset(cur, 0, n);
	cur[0] = 1;
	closure(p, cur);
	bool any = true;
	for (size_t i = 0; i < len && any;) {
		uint32_t r = next_rune(s, len, &i);
		memset(next, 0, n);
		any = false;
		for (size_t k = 0; k < p->ntoks; k++) {
			if (!cur[k])
				continue;
			const struct tok *t = &p->toks[k];
			switch (t->kind) {
			case T_LIT:
				if (r == t->rune)
					next[k + 1] = 1;
				break;
			case T_ONE:
				if (r != '/')
					next[k + 1] = 1;
				break;
			case T_CLASS:
				if (class_match(p->text + t->cls, t->clslen, r))
					next[k + 1] = 1;
				break;
			case T_STAR:
				if (r != '/')
					next[k] = 1;
				break;
			case T_DOTSTAR:
				if (r != '\n')
					next[k] = 1;
				break;
			case T_DS_ENTER:
				break;
			case T_DS_INSIDE:
				if (r != '\n')
					next[k] = 1;
				if (r == '/')
					next[k + 1] = 1;
				break;
			}
		}
		closure(p, next);
		for (size_t k = 0; k < n; k++)
			any |= next[k];
		unsigned char *tmp = cur;
		cur = next;
		next = tmp;
	}
	bool ok = any && cur[p->ntoks];
	if (n > 128)
		free(cur < next ? cur : next);
	return ok;
}

/* One pattern against s[0..len): patternmatcher's Pattern.match. */
static bool
match_one(const struct ignore_pattern *p, const char *s, size_t len)
{
	switch (p->kind) {
	case K_EXACT:
		return len == p->len && memcmp(s, p->text, len) == 0;
	case K_PREFIX:
		return len >= p->len - 2 && memcmp(s, p->text, p->len - 2) == 0;
	case K_SUFFIX: {
		const char *suf = p->text + 2;
		size_t sl = p->len - 2;
		if (len >= sl && memcmp(s + len - sl, suf, sl) == 0)
			return true;
		return sl > 0 && suf[0] == '/' && len == sl - 1 && memcmp(s, suf + 1, len) == 0;
	}
	case K_REGEX:
		return regex_match(p, s, len);
	}
	return false;
}

static void
pattern_free(struct ignore_pattern *p)
{
	free(p->text);
	free(p->toks);
}

void
dockerignore_free(struct dockerignore *di)
{
	for (size_t i = 0; i < di->n; i++)
		pattern_free(&di->pats[i]);
	free(di->pats);
	di->pats = NULL;
	di->n = 0;
	di->exceptions = false;
}

bool
dockerignore_add(struct dockerignore *di, const char *line, char **err)
{
	size_t start = 0, end = strlen(line);
	trim_space(line, &start, &end);
	if (start == end)
		return true;
	char *raw = xstrndup(line + start, end - start);
	char *clean = path_clean(raw);
	free(raw);
	struct ignore_pattern p = { 0 };
	const char *text = clean;
	if (text[0] == '!') {
		if (text[1] == '\0') {
			free(clean);
			*err = xasprintf(_("illegal exclusion pattern: \"%s\""), "!");
			return false;
		}
		p.exception = true;
		text++;
	}
	p.len = strlen(text);
	if (!pattern_valid(text, p.len)) {
		free(clean);
		*err = xstrdup(_("syntax error in pattern"));
		return false;
	}
	p.text = xstrdup(text);
	free(clean);
	p.ndirs = 1;
	for (size_t i = 0; i < p.len; i++)
		p.ndirs += p.text[i] == '/';
	pattern_compile(&p);
	di->pats = xrealloc(di->pats, (di->n + 1) * sizeof(*di->pats));
	di->pats[di->n++] = p;
	di->exceptions |= p.exception;
	return true;
}

bool
dockerignore_compile(struct dockerignore *di, char *const *lines, size_t n, char **err)
{
	for (size_t i = 0; i < n; i++) {
		if (!dockerignore_add(di, lines[i], err)) {
			dockerignore_free(di);
			return false;
		}
	}
	return true;
}

/* ---- matching paths ------------------------------------------------------------------------- */

bool
dockerignore_matches(const struct dockerignore *di, const char *path)
{
	char *file = path_clean(path);
	bool matched = false;
	if (strcmp(file, ".") != 0) {
		size_t len = strlen(file);
		for (size_t i = 0; i < di->n; i++) {
			const struct ignore_pattern *p = &di->pats[i];
			bool m = match_one(p, file, len);
			/* each parent: "a", "a/b" of "a/b/c" */
			for (size_t k = 0; !m && k < len; k++)
				if (file[k] == '/')
					m = match_one(p, file, k);
			if (m)
				matched = !p->exception;
		}
	}
	free(file);
	return matched;
}

size_t
dockerignore_state_size(const struct dockerignore *di)
{
	return di->n ? di->n : 1;
}

bool
dockerignore_match_walk(const struct dockerignore *di, const char *path, const unsigned char *parent,
			unsigned char *state)
{
	size_t len = strlen(path);
	bool matched = false;
	for (size_t i = 0; i < di->n; i++) {
		const struct ignore_pattern *p = &di->pats[i];
		bool m = (parent && parent[i]) || match_one(p, path, len);
		state[i] = m;
		if (m)
			matched = !p->exception;
	}
	return matched;
}

bool
dockerignore_can_skip_dir(const struct dockerignore *di, const char *dir)
{
	if (!di->exceptions)
		return true;
	size_t dl = strlen(dir);
	for (size_t i = 0; i < di->n; i++) {
		const struct ignore_pattern *p = &di->pats[i];
		if (p->exception && p->len >= dl && memcmp(p->text, dir, dl) == 0 &&
		    (p->text[dl] == '/' || p->text[dl] == '\0'))
			return false;
	}
	return true;
}

/* patternmatcher.Matches (the older one): a parent is tried only at the pattern's depth. */
static bool
matches_legacy(const struct dockerignore *di, const char *path)
{
	char *file = path_clean(path);
	bool matched = false;
	if (strcmp(file, ".") != 0) {
		size_t len = strlen(file), parent_len = 0, parent_dirs = 0;
		for (size_t k = 0; k < len; k++)
			if (file[k] == '/')
				parent_len = k;
		if (parent_len > 0)
			for (size_t k = 0; k <= parent_len; k++)
				parent_dirs += k == parent_len || file[k] == '/';
		for (size_t i = 0; i < di->n; i++) {
			const struct ignore_pattern *p = &di->pats[i];
			bool m = match_one(p, file, len);
			if (!m && parent_len > 0 && p->ndirs <= parent_dirs) {
				/* the first ndirs components of the parent */
				size_t cut = 0, seen = 0;
				for (; cut < parent_len; cut++)
					if (file[cut] == '/' && ++seen == p->ndirs)
						break;
				m = match_one(p, file, cut);
			}
			if (m)
				matched = !p->exception;
		}
	}
	free(file);
	return matched;
}

void
dockerignore_keep_build_files(struct dockerignore *di, const char *dockerfile)
{
	char *err = NULL;
	if (matches_legacy(di, ".dockerignore"))
		dockerignore_add(di, "!.dockerignore", &err);
	if (dockerfile && matches_legacy(di, dockerfile)) {
		char *line = xasprintf("!%s", dockerfile);
		if (!dockerignore_add(di, line, &err)) {
			free(err);
			err = NULL;
		}
		free(line);
	}
	free(err);
}
