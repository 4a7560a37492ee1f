#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_file.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

#define MAX_WORDS 16
#define MAX_FILE (1024 * 1024)

void
config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->mouse = -1;
	c->confirm_quit = -1;
}

static void
word_free(struct config_word *w)
{
	free(w->value);
	memset(w, 0, sizeof(*w));
}

void
config_free(struct config *c)
{
	for (size_t i = 0; i < c->nbinds; i++) {
		free(c->binds[i].table);
		free(c->binds[i].action);
	}
	free(c->binds);
	for (size_t i = 0; i < c->ncolors; i++)
		free(c->colors[i].role);
	free(c->colors);
	word_free(&c->default_panel);
	word_free(&c->images_sort);
	word_free(&c->containers_sort);
	for (size_t i = 0; i < c->nerrors; i++) {
		free(c->errors[i].text);
		free(c->errors[i].hint);
	}
	free(c->errors);
	free(c->path);
	config_init(c);
}

static void
add_error(struct config *c, int line, const char *hint, const char *fmt, va_list ap)
{
	char buf[512];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	/* In the file's order, whichever of the core and the UI found it. */
	size_t at = c->nerrors;
	while (at > 0 && c->errors[at - 1].line > line)
		at--;
	c->errors = xrealloc(c->errors, (c->nerrors + 1) * sizeof(*c->errors));
	memmove(&c->errors[at + 1], &c->errors[at], (c->nerrors - at) * sizeof(*c->errors));
	c->errors[at] = (struct config_error){ line, xstrdup(buf), hint ? xstrdup(hint) : NULL };
	c->nerrors++;
}

void
config_error(struct config *c, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_error(c, line, NULL, fmt, ap);
	va_end(ap);
}

void
config_error_hint(struct config *c, int line, const char *hint, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_error(c, line, hint, fmt, ap);
	va_end(ap);
}

/* ---- where ---------------------------------------------------------------------------- */

static const char *
nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

char *
config_path(const char *opt, bool *given)
{
	*given = true;
	if (nonempty(opt))
		return xstrdup(opt);
	const char *env = nonempty(getenv("BUDU_CONFIG"));
	if (env)
		return xstrdup(env);
	*given = false;
	const char *xdg = nonempty(getenv("XDG_CONFIG_HOME"));
	if (xdg && xdg[0] == '/')	/* the XDG spec: a relative one is to be ignored */
		return xasprintf("%s/budu/config", xdg);
	const char *home = nonempty(getenv("HOME"));
	return home ? xasprintf("%s/.config/budu/config", home) : NULL;
}

/* The path as messages show it: ~ for the home directory. */
static char *
display_path(const char *path)
{
	const char *home = nonempty(getenv("HOME"));
	size_t n = home ? strlen(home) : 0;
	if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/')
		return xasprintf("~%s", path + n);
	return xstrdup(path);
}

void
config_load(struct config *c, const char *path, bool given)
{
	free(c->path);
	c->path = display_path(path);
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT || given)
			config_error(c, 0, _("cannot read it: %s"), strerror(errno));
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && sb.len <= MAX_FILE)
		sb_append(&sb, chunk, n);
	bool failed = ferror(f);
	fclose(f);
	if (failed)
		config_error(c, 0, _("cannot read it: %s"), strerror(EIO));
	else if (sb.len > MAX_FILE)
		config_error(c, 0, "%s", _("it is over 1 MiB, not a config file"));
	else
		config_parse(c, sb.len ? sb.buf : "");
	sb_free(&sb);
}

/* ---- words ------------------------------------------------------------------------------ */

/* Splits line (modified) into words: blanks separate, `#` at a word's start ends the line, and
 * '…' or "…" holds blanks and `#` ('#' is the key #). Returns the count, or -1 for an open
 * quote. */
static int
split(char *line, char **w, int max)
{
	int n = 0;
	char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == max)
			return n;	/* the rest is extra words: counted as one more below */
		if (*p == '\'' || *p == '"') {
			char q = *p++;
			char *end = strchr(p, q);
			if (!end)
				return -1;
			*end = '\0';
			w[n++] = p;
			p = end + 1;
			continue;
		}
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (*p)
			*p++ = '\0';
	}
}

/* ---- keys ------------------------------------------------------------------------------- */

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Enter", '\r' }, { "Return", '\r' }, { "Esc", 27 }, { "Escape", 27 }, { "Tab", '\t' },
	{ "Space", ' ' }, { "Up", CONFIG_KEY_UP }, { "Down", CONFIG_KEY_DOWN },
	{ "Left", CONFIG_KEY_LEFT }, { "Right", CONFIG_KEY_RIGHT }, { "PgUp", CONFIG_KEY_PGUP },
	{ "PageUp", CONFIG_KEY_PGUP }, { "PgDn", CONFIG_KEY_PGDN }, { "PageDown", CONFIG_KEY_PGDN },
	{ "Home", CONFIG_KEY_HOME }, { "End", CONFIG_KEY_END }, { "Shift-Tab", CONFIG_KEY_BTAB },
	{ "BackTab", CONFIG_KEY_BTAB }, { "Delete", CONFIG_KEY_DELETE }, { "Del", CONFIG_KEY_DELETE },
	{ "Backspace", CONFIG_KEY_BACKSPACE },
};

/* The control character of c (a letter or one of @[\]^_), or -1. */
static int
ctrl_of(const char *s)
{
	if (!s[0] || s[1])
		return -1;
	char ch = s[0];
	if (ch >= 'a' && ch <= 'z')
		ch = (char)(ch - 'a' + 'A');
	if (ch < '@' || ch > '_')
		return -1;
	return ch & 0x1f;
}

int
config_parse_key(const char *s)
{
	size_t len = strlen(s);
	if (len == 1)
		return (unsigned char)s[0] > 32 && (unsigned char)s[0] < 127 ? s[0] : -1;
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (strcasecmp(s, key_names[i].name) == 0)
			return key_names[i].key;
	if (s[0] == '^')
		return ctrl_of(s + 1);
	if (strncasecmp(s, "Ctrl-", 5) == 0)
		return ctrl_of(s + 5);
	if ((s[0] == 'F' || s[0] == 'f') && len <= 3) {
		char *end;
		long n = strtol(s + 1, &end, 10);
		if (!*end && s[1] >= '1' && s[1] <= '9' && n >= 1 && n <= 12)
			return CONFIG_KEY_F0 + (int)n;
	}
	return -1;
}

/* ---- colours ---------------------------------------------------------------------------- */

static bool
parse_color(const char *s, int *out)
{
	static const char *const names[] = { "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white" };
	if (strcasecmp(s, "default") == 0) {
		*out = CONFIG_COLOR_DEFAULT;
		return true;
	}
	for (int i = 0; i < 8; i++) {
		if (strcasecmp(s, names[i]) == 0) {
			*out = i;
			return true;
		}
	}
	const char *digits = strncasecmp(s, "color", 5) == 0 ? s + 5 : s;
	if (*digits < '0' || *digits > '9')
		return false;
	char *end;
	long n = strtol(digits, &end, 10);
	if (*end || n < 0 || n > 255)
		return false;
	*out = (int)n;
	return true;
}

static bool
parse_attr(const char *s, unsigned *attrs)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "normal", 0 }, { "bold", CONFIG_ATTR_BOLD }, { "dim", CONFIG_ATTR_DIM },
		{ "underline", CONFIG_ATTR_UNDERLINE }, { "reverse", CONFIG_ATTR_REVERSE },
		{ "blink", CONFIG_ATTR_BLINK }, { "standout", CONFIG_ATTR_STANDOUT },
		{ "italic", CONFIG_ATTR_ITALIC },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(s, names[i].name) == 0) {
			*attrs |= names[i].bit;
			return true;
		}
	}
	return false;
}

/* ---- directives ------------------------------------------------------------------------- */

static void
do_bind(struct config *c, int line, char **w, int n)
{
	if (n != 4) {
		config_error(c, line, "%s", _("bind takes a key table, a key and an action (bind images x remove)"));
		return;
	}
	int key = config_parse_key(w[2]);
	if (key < 0) {
		config_error_hint(c, line, _("a character, ^X, F1..F12, Enter, Esc, Tab, Shift-Tab, Space, Up, Down, "
					     "Left, Right, PgUp, PgDn, Home, End, Delete, Backspace"),
				  _("unknown key '%s'"), w[2]);
		return;
	}
	c->binds = xrealloc(c->binds, (c->nbinds + 1) * sizeof(*c->binds));
	c->binds[c->nbinds++] = (struct config_bind){ line, xstrdup(w[1]), key, xstrdup(w[3]) };
}

static void
do_color(struct config *c, int line, char **w, int n)
{
	if (n < 4) {
		config_error(c, line, "%s", _("color takes a role, a foreground and a background colour, then "
					      "attributes (color selected black cyan bold)"));
		return;
	}
	struct config_color col = { .line = line };
	for (int i = 2; i < 4; i++) {
		if (!parse_color(w[i], i == 2 ? &col.fg : &col.bg)) {
			config_error_hint(c, line, _("black, red, green, yellow, blue, magenta, cyan, white, "
						     "default, or 0 to 255"), _("unknown colour '%s'"), w[i]);
			return;
		}
	}
	for (int i = 4; i < n; i++) {
		if (!parse_attr(w[i], &col.attrs)) {
			config_error_hint(c, line, _("bold, dim, underline, reverse, blink, standout, italic, normal"),
					  _("unknown attribute '%s'"), w[i]);
			return;
		}
	}
	col.role = xstrdup(w[1]);
	c->colors = xrealloc(c->colors, (c->ncolors + 1) * sizeof(*c->colors));
	c->colors[c->ncolors++] = col;
}

static int
parse_bool(const char *s)
{
	static const char *const yes[] = { "yes", "on", "true", "1" }, *const no[] = { "no", "off", "false", "0" };
	for (int i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* The confirmations that stay: each shows what goes (removed, overwritten, published, logged
 * out of) before it goes, and the guide wants nothing gone without that. */
static const char *const kept_confirmations[] = {
	"confirm-remove", "confirm-prune", "confirm-overwrite", "confirm-push", "confirm-logout",
};

static void
set_word(struct config *c, int line, struct config_word *dst, const char *name, char **v, int nv, bool sort)
{
	bool reverse = sort && nv == 2 && strcasecmp(v[1], "reverse") == 0;
	if (nv != 1 && !reverse) {
		if (sort)
			config_error(c, line, _("%s takes a column and optionally 'reverse' (set %s = size reverse)"),
				     name, name);
		else
			config_error(c, line, _("%s takes one word"), name);
		return;
	}
	free(dst->value);
	*dst = (struct config_word){ line, xstrdup(v[0]), reverse };
}

static void
do_set(struct config *c, int line, char **w, int n)
{
	if (n < 2) {
		config_error(c, line, "%s", _("set takes a setting and a value (set mouse = off)"));
		return;
	}
	const char *name = w[1];
	char **v = w + 2;
	int nv = n - 2;
	if (nv > 0 && strcmp(v[0], "=") == 0) {
		v++;
		nv--;
	}
	bool known = strcmp(name, "default-panel") == 0 || strcmp(name, "images-sort") == 0 ||
		strcmp(name, "containers-sort") == 0 || strcmp(name, "mouse") == 0 ||
		strcmp(name, "confirm-quit") == 0 || strcmp(name, "log-lines") == 0;
	for (size_t i = 0; i < sizeof(kept_confirmations) / sizeof(kept_confirmations[0]); i++)
		known = known || strcmp(name, kept_confirmations[i]) == 0;
	if (!known) {
		config_error_hint(c, line, _("default-panel, images-sort, containers-sort, mouse, confirm-quit, "
					     "log-lines"), _("unknown setting '%s'"), name);
		return;
	}
	if (nv == 0) {
		config_error(c, line, _("%s needs a value"), name);
		return;
	}
	if (strcmp(name, "default-panel") == 0) {
		set_word(c, line, &c->default_panel, name, v, nv, false);
	} else if (strcmp(name, "images-sort") == 0) {
		set_word(c, line, &c->images_sort, name, v, nv, true);
	} else if (strcmp(name, "containers-sort") == 0) {
		set_word(c, line, &c->containers_sort, name, v, nv, true);
	} else if (strcmp(name, "log-lines") == 0) {
		char *end;
		errno = 0;
		long lines = strtol(v[0], &end, 10);
		if (nv != 1 || *end || end == v[0] || errno || lines < CONFIG_LOG_LINES_MIN ||
		    lines > CONFIG_LOG_LINES_MAX) {
			config_error(c, line, _("log-lines is a number from %d to %d, not '%s'"), CONFIG_LOG_LINES_MIN,
				     CONFIG_LOG_LINES_MAX, v[0]);
			return;
		}
		c->log_lines = lines;
	} else {
		int b = nv == 1 ? parse_bool(v[0]) : -1;
		if (b < 0) {
			config_error(c, line, _("%s is yes or no, not '%s'"), name, v[0]);
			return;
		}
		if (strcmp(name, "mouse") == 0) {
			c->mouse = b;
		} else if (strcmp(name, "confirm-quit") == 0) {
			c->confirm_quit = b;
		} else if (!b) {
			config_error(c, line, _("%s cannot be turned off: budu removes, overwrites, pushes and logs out "
						"only after showing what goes (only confirm-quit can be)"), name);
		}
	}
}

void
config_parse(struct config *c, const char *text)
{
	int line = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *buf = xstrndup(p, len);
		line++;
		char *w[MAX_WORDS + 1];
		int n = split(buf, w, MAX_WORDS + 1);
		if (n < 0)
			config_error(c, line, "%s", _("a quote is not closed"));
		else if (n == 0)
			;	/* blank or a comment */
		else if (strcmp(w[0], "bind") == 0)
			do_bind(c, line, w, n);
		else if (strcmp(w[0], "color") == 0 || strcmp(w[0], "colour") == 0)
			do_color(c, line, w, n);
		else if (strcmp(w[0], "set") == 0)
			do_set(c, line, w, n);
		else
			config_error(c, line, _("unknown directive '%s' (bind, color or set)"), w[0]);
		free(buf);
		p += len;
		if (*p == '\n')
			p++;
	}
}

char *
config_errors_text(const struct config *c)
{
	if (!c->nerrors)
		return NULL;
	const struct config_error *e = &c->errors[0];
	const char *path = c->path ? c->path : "config";
	struct strbuf sb = STRBUF_INIT;
	if (e->line)
		sb_printf(&sb, _("%s:%d: %s (the defaults are used for this line)"), path, e->line, e->text);
	else
		sb_printf(&sb, _("%s: %s (budu runs with the defaults)"), path, e->text);
	size_t more = c->nerrors - 1;
	if (more)
		sb_printf(&sb, ngettext("; %zu more: budu --check-config lists it",
					"; %zu more: budu --check-config lists them", more), more);
	else if (e->hint)
		sb_puts(&sb, _("; budu --check-config says what it can be"));
	return sb_detach(&sb);
}

char *
config_errors_list(const struct config *c)
{
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "");
	for (size_t i = 0; i < c->nerrors; i++) {
		const struct config_error *e = &c->errors[i];
		sb_puts(&sb, c->path ? c->path : "config");
		if (e->line)
			sb_printf(&sb, ":%d", e->line);
		sb_printf(&sb, ": %s", e->text);
		if (e->hint)
			sb_printf(&sb, " (%s)", e->hint);
		sb_putc(&sb, '\n');
	}
	return sb_detach(&sb);
}
