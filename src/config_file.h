/* budu's config file, $XDG_CONFIG_HOME/budu/config (~/.config/budu/config), read as tig reads
 * tigrc: one directive a line, `#` to the end of the line a comment (at a line's start or after
 * a blank).
 *
 *     bind images x remove          # bind <keys> <key> <action>; action "none" unbinds
 *     color selected black cyan bold
 *     set default-panel = containers
 *     set images-sort = size reverse
 *     set mouse = off
 *     set confirm-quit = no
 *     set log-lines = 5000
 *
 * The core checks what it can know: the directives, key names, colours and attributes, the
 * settings and the form of their values. Names only the UI knows (the key tables, actions,
 * colour roles, panels, sort orders) are kept as text with their line; ui/config_apply.c checks
 * them and reports through config_error too. A bad line is skipped whole (its directive keeps
 * the default); the rest of the file applies.
 *
 * No state; one struct config per caller, any thread; cost O(file). */
#ifndef BUDU_CONFIG_FILE_H
#define BUDU_CONFIG_FILE_H

#include <stdbool.h>
#include <stddef.h>

/* Keys as the core names them: characters are themselves (ASCII: Ctrl-X is 0x18, Enter '\r',
 * Tab '\t', Esc 27, Space ' '); the others are these, which the UI maps to curses codes. */
enum config_key {
	CONFIG_KEY_UP = 0x10000,
	CONFIG_KEY_DOWN,
	CONFIG_KEY_LEFT,
	CONFIG_KEY_RIGHT,
	CONFIG_KEY_PGUP,
	CONFIG_KEY_PGDN,
	CONFIG_KEY_HOME,
	CONFIG_KEY_END,
	CONFIG_KEY_BTAB,	/* Shift-Tab */
	CONFIG_KEY_DELETE,
	CONFIG_KEY_BACKSPACE,
	CONFIG_KEY_F0 = 0x10100,	/* F1..F12: CONFIG_KEY_F0 + n */
};

/* Attributes of a colour line. */
enum {
	CONFIG_ATTR_BOLD = 1 << 0,
	CONFIG_ATTR_DIM = 1 << 1,
	CONFIG_ATTR_UNDERLINE = 1 << 2,
	CONFIG_ATTR_REVERSE = 1 << 3,
	CONFIG_ATTR_BLINK = 1 << 4,
	CONFIG_ATTR_STANDOUT = 1 << 5,
	CONFIG_ATTR_ITALIC = 1 << 6,
};

#define CONFIG_COLOR_DEFAULT (-1)	/* the terminal's own colour */

#define CONFIG_LOG_LINES_MIN 100
#define CONFIG_LOG_LINES_MAX 1000000

struct config_bind {
	int line;
	char *table;		/* "images", "generic" */
	int key;		/* a character or an enum config_key */
	char *action;		/* "remove", "none" */
};

struct config_color {
	int line;
	char *role;		/* "selected" */
	int fg, bg;		/* 0..255 or CONFIG_COLOR_DEFAULT */
	unsigned attrs;		/* CONFIG_ATTR_* */
};

/* A word setting (a panel, a sort order); value NULL while the file does not set it. */
struct config_word {
	int line;
	char *value;
	bool reverse;		/* sorts: "size reverse" */
};

struct config_error {
	int line;		/* 0: the file as a whole (it cannot be read) */
	char *text;		/* translated */
	char *hint;		/* what it can be ("images, search, …"), or NULL: for --check-config,
				 * too long for the status line */
};

struct config {
	char *path;		/* as messages name it (~ for the home directory); NULL: none read */
	struct config_bind *binds;
	size_t nbinds;
	struct config_color *colors;
	size_t ncolors;
	struct config_word default_panel, images_sort, containers_sort;
	int mouse;		/* -1: not set; else 0 or 1 */
	int confirm_quit;	/* -1: not set; else 0 or 1 */
	long log_lines;		/* 0: not set */
	struct config_error *errors;
	size_t nerrors;
};

void config_init(struct config *c);
void config_free(struct config *c);

/* The file to read: opt (--config), else $BUDU_CONFIG, else $XDG_CONFIG_HOME/budu/config, else
 * ~/.config/budu/config. *given is true for the first two: a file the user named must exist.
 * New string, NULL when there is no home to look in. */
char *config_path(const char *opt, bool *given);

/* Reads path into c (c->path set for messages). A file that cannot be read is an error (line 0)
 * unless it is missing and !given: no config file is the defaults, silently. */
void config_load(struct config *c, const char *path, bool given);
/* Parses text (the file's contents) into c. */
void config_parse(struct config *c, const char *text);

/* A key as the help names it ("x", "^X", "Ctrl-X", "F5", "Enter", "PgDn"), or -1. */
int config_parse_key(const char *s);

/* Records a mistake at line (printf-style, translated by the caller). */
void config_error(struct config *c, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The same with a hint: what the word could have been. */
void config_error_hint(struct config *c, int line, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The status line's text for the mistakes: the first with its place and what budu did about
 * it, and how many more. New string; NULL when there are none. */
char *config_errors_text(const struct config *c);
/* Every mistake, one a line with its hint ("~/.config/budu/config:12: unknown key 'Foo' (a
 * character, ^X, …)"), for budu --check-config. New string, "" when there are none. */
char *config_errors_list(const struct config *c);

#endif
