/* A one-line editor on the bottom row (a filter, a search, a reference to pull). Whoever opens
 * it says what Enter, each edit and Esc do, through callbacks; the app routes keys to it. */
#ifndef BUDU_PROMPT_H
#define BUDU_PROMPT_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "strbuf.h"

struct prompt_ops {
	/* Enter: true closes the prompt; false keeps it open to mend, showing *err (freed here). */
	bool (*accept)(void *ctx, const char *text, char **err);
	/* After each edit (filter or search as you type); NULL: none. *err as above. */
	void (*edited)(void *ctx, const char *text, char **err);
	/* Esc, before the prompt closes; NULL: none. */
	void (*cancel)(void *ctx);
};

/* Tab: the words the word before the cursor may complete to (local references), as new strings
 * in *v, their count in *n. */
typedef void (*prompt_complete_fn)(void *ctx, char ***v, size_t *n);

struct prompt {
	const struct prompt_ops *ops;	/* NULL when closed */
	void *ctx;
	const char *label;	/* translated, e.g. "Filter: " */
	struct strbuf text;
	char *error;		/* shown after the text until the next key (e.g. a bad path) */
	bool secret;		/* a password: nothing of it is drawn, and it is wiped on close */
	size_t cursor;		/* byte offset of the cursor in text */
	bool selected;		/* the prefill is selected: typing replaces it, a movement keeps it */
	int recall;		/* Up/Down in the history: how far back, 0 for the line being typed */
	char *draft;		/* the line being typed, while the history is shown */
	prompt_complete_fn complete;	/* NULL: Tab completes nothing */
};

enum prompt_result {
	PROMPT_IGNORED,		/* not an editing key: the caller may use it */
	PROMPT_EDITED,		/* the text changed */
	PROMPT_ACCEPTED,	/* Enter */
	PROMPT_CANCELLED,	/* Esc */
	PROMPT_UNCHANGED,	/* an editing key that changed nothing */
};

/* label is translated and must outlive the prompt (a string literal through _()). */
void prompt_open(struct prompt *p, const char *label, const char *initial, const struct prompt_ops *ops,
		 void *ctx);
bool prompt_is_open(const struct prompt *p);
/* Makes the open prompt a secret one: the text is never drawn (not even its length) and its
 * bytes are cleared when the prompt closes. */
void prompt_set_secret(struct prompt *p);
/* Gives the open prompt Tab completion (prompt_open takes it away). */
void prompt_set_complete(struct prompt *p, prompt_complete_fn fn);
/* Runs what the key means (edit, accept, cancel) and returns it; PROMPT_IGNORED for a key that
 * is no editing key, which the caller may route elsewhere. */
enum prompt_result prompt_handle(struct prompt *p, wint_t ch, bool is_key);
void prompt_close(struct prompt *p);
void prompt_free(struct prompt *p);
const char *prompt_text(const struct prompt *p);
/* Takes one key: printable characters (UTF-8) at the cursor; Left, Right, Home, End, Ctrl-A/E,
 * Alt-B/F move; Backspace, Delete, Ctrl-D, Ctrl-W (word), Ctrl-K (to the end), Ctrl-U (to the
 * start) delete, as readline does; Up/Down recall the prompt's history (prompts without an
 * `edited` op: for the others the arrows move the list); Tab completes; Enter, Esc. */
enum prompt_result prompt_key(struct prompt *p, wint_t ch, bool is_key);
void prompt_set_error(struct prompt *p, const char *msg);
/* Draws the prompt on row y and leaves the cursor at the end of the text. */
void prompt_draw(const struct prompt *p, WINDOW *w, int y);

#endif
