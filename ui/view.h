/* A view: what fills the body of the screen (the image list, one image's details, the search,
 * the jobs). Each view is one file that exports its constructor and nothing else: the app
 * talks to it only through these ops and its key tables.
 *
 * A panel (ui/panels.h) is a stack of views; the top one is on screen. Keys resolve through
 * the view's tables, then the generic requests (ui/keymap.h), then the app. BACK follows one
 * rule: the view's row for it runs if the view has one and it applies (clear a filter, go up a
 * level); else the view is popped; at a panel's root the app returns to the panel before.
 *
 * Threads: the UI thread only. A view reads the engine only through fetches (ui/fetch.h) held
 * in its slots, which closing the view cancels. */
#ifndef BUDU_VIEW_H
#define BUDU_VIEW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "fetch.h"
#include "keymap.h"
#include "list.h"
#include "strbuf.h"

struct app;
struct files_pane;
struct inspect_pane;
struct log_pane;
struct view;

/* A view's command, or its reading of a generic request. Returns false when it does not apply
 * here (then BACK pops the view, and other requests fall to the app). */
typedef bool (*view_cmd_fn)(struct view *v);

struct view_key {
	int key;		/* a curses code or a character; 0: the keys of req in ui/keymap.c */
	enum request req;	/* with key 0: the generic request this row reads; with a key and
				 * no fn: that key means req here (q is BACK in Details) */
	view_cmd_fn fn;
	const char *help;	/* N_(): the help's line; rows with the same fn and help merge */
	const char *hint;	/* N_() or NULL: a word for the title bar ("cancels") */
	const char *name;	/* the config file's name of a keyed command ("remove"); rows that
				 * read a generic request go by the request's name ("sort") */
};

struct keytable {
	const char *name;	/* the config file's name of these keys ("images") */
	const char *heading;	/* N_(): the help's heading for these keys */
	const struct view_key *rows;
	size_t n;
};

#define KEYTABLE(name, heading, rows) { name, heading, rows, sizeof(rows) / sizeof((rows)[0]) }

/* What happened on the engine that a view may care about (its ops->events). */
enum view_event {
	VIEW_EV_IMAGE = 1 << 0,		/* an image was pulled, tagged, removed... */
	VIEW_EV_CONTAINER = 1 << 1,	/* a container was created, started, removed... */
};

/* Why reload is called: a mask of view_event bits and these. */
enum {
	VIEW_REFRESH_OPEN = 1 << 8,	/* first shown */
	VIEW_REFRESH_USER = 1 << 9,	/* R */
	VIEW_REFRESH_RECONNECT = 1 << 10,	/* the engine is back */
};

struct view_ops {
	const char *name;	/* N_(): "Images"; the help's first heading, the breadcrumb's default */
	unsigned events;	/* view_event bits it watches: reload runs on them (later if hidden) */
	/* Every key table the view has, NULL-terminated: the help and the tests read them. */
	const struct keytable *const *tables;
	/* Whether table t applies now (Details: only its tab's); NULL: all do. */
	bool (*uses)(const struct view *v, const struct keytable *t);
	/* This view's crumb in the title bar ("demo/app:1 (3147810c0d6f)"); NULL: its name. */
	void (*title)(struct view *v, char *buf, size_t n);
	/* The right of the title bar: the equivalent docker command. NULL: hints from the keys. */
	void (*describe)(struct view *v, char *buf, size_t n);
	/* Post its fetches; why is a mask of the above. NULL: nothing to fetch. */
	void (*reload)(struct view *v, unsigned why);
	/* Draw into rows [y, y + height) of w, the full width. false: nothing to show yet, the app
	 * shows the engine's state there (connecting, or why it is down). */
	bool (*draw)(struct view *v, WINDOW *w, int y, int height);
	/* The list the generic movement moves, kept current; NULL: none. */
	struct list_pos *(*pos)(struct view *v);
	/* Its part of the status line ("7 images · 14.4MB"); NULL: none. */
	void (*status)(struct view *v, struct strbuf *sb);
	/* A jump from another panel: narrow to what belongs to the object id (an image's
	 * containers), which that panel called label. NULL: the view takes no jumps. */
	void (*focus)(struct view *v, const char *id, const char *label);
	/* The shared lists of the session changed (SESSION_* bits); NULL: not interested. */
	void (*update)(struct view *v, unsigned what);
	/* Sort by the column titled column (any case, untranslated or as shown). reverse: 1 the
	 * reverse of the column's own direction, 0 its own, -1 as a header click does (its own;
	 * the reverse when it already sorts by that column and not reversed). false: no column
	 * of that name sorts. NULL: the view does not sort. */
	bool (*sort_by)(struct view *v, const char *column, int reverse);
	/* A mouse click on the body, y rows below its first row and x columns from the left;
	 * count 1 a click, 2 a double-click. true: handled. NULL, or false: the app's rule, for
	 * a list whose header is the body's first row: a click on the header sorts by the column
	 * under it (through header_at and sort_by), one on a row below selects it (pos), a
	 * double-click opens it as Enter does. */
	bool (*click)(struct view *v, int y, int x, int count);
	/* The title of the header's column at screen column x ("CREATED", untranslated or as
	 * shown: what sort_by takes), or NULL. NULL op: the header does not sort. */
	const char *(*header_at)(struct view *v, int x);
	void (*free)(struct view *v);
};

#define VIEW_SLOTS 4

/* The base every view's struct begins with. */
struct view {
	const struct view_ops *ops;
	struct app *app;
	struct view *below;	/* the next view down its panel's stack */
	unsigned dirty;		/* watched events that came while hidden */
	struct inspect_pane *inspect;	/* its Inspect tab, if it has one (ui/inspect_pane.h) */
	struct log_pane *log;		/* its log, if it has one (ui/log_pane.h) */
	struct files_pane *files;	/* its Files tab, if it has one (ui/files_pane.h) */
	struct fetch_slot slot[VIEW_SLOTS];	/* its fetches in flight, cancelled on close */
};

void view_init(struct view *v, const struct view_ops *ops, struct app *app);
/* Cancels the view's fetches and frees it. */
void view_close(struct view *v);

/* What key does in v: the row it reaches (*row), and the generic request (*req, REQ_NONE when
 * the key means nothing generic). A row bound to the key itself shadows the generic one. */
void view_resolve(struct view *v, int key, const struct view_key **row, enum request *req);
/* Whether the generic key reaches its request in v (no row of v binds the key itself). */
bool view_key_free(struct view *v, int key);
/* The row of v that reads req (key 0), or NULL. */
const struct view_key *view_row_for(struct view *v, enum request req);
/* "j, Down": the keys that reach row in v, for the help and hints. */
void view_row_keys(struct view *v, const struct view_key *row, char *buf, size_t n);
/* The first key that reaches fn in v, named ("Esc"); "" when none. */
void view_key_of(struct view *v, view_cmd_fn fn, char *buf, size_t n);
/* The first key that reaches the generic request req in v, named ("R"); "" when none. */
void view_request_key(struct view *v, enum request req, char *buf, size_t n);
/* The same for a sentence: the request's name ("reload") when no key reaches it. */
void view_request_word(struct view *v, enum request req, char *buf, size_t n);
/* The first key that reaches the command named name ("cancel": the config file's name) in v,
 * named ("x"); when none, the name itself. Sentences that name a key take it from here (or from
 * view_request_word, config_key_of), so that they follow the config file's bindings. */
void view_named_key(struct view *v, const char *name, char *buf, size_t n);
/* The same in table t, for a sentence about another view's keys. */
void keytable_key_of(const struct keytable *t, const char *name, char *buf, size_t n);
/* "x cancels, c clears finished": the hints of v's rows. */
void view_hints(struct view *v, char *buf, size_t n);
bool view_uses(const struct view *v, const struct keytable *t);

/* The rows of t as the config file left them: its own, or the rebound copy keytable_bind made.
 * Everything that reads a table's keys goes through here. */
const struct view_key *keytable_rows(const struct keytable *t, size_t *n);
/* Binds key in t to what row does (a copy of it with this key; NULL: to nothing, so the key
 * means nothing in t's views). The rows of t that had the key lose it. */
void keytable_bind(const struct keytable *t, int key, const struct view_key *row);
/* Drops every rebound copy: the tables are as built (tests; the end of the run). */
void keytable_reset(void);

#endif
