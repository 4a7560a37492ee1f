/* A one-line editor on the bottom row: the filter, the Inspect search and the path prompt. */
#ifndef BUDU_PROMPT_H
#define BUDU_PROMPT_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "strbuf.h"

enum prompt_kind { PROMPT_NONE, PROMPT_FILTER, PROMPT_SEARCH, PROMPT_PATH, PROMPT_PULL, PROMPT_TAG,
	PROMPT_QUERY, PROMPT_FILTERS, PROMPT_REPO };

struct prompt {
	enum prompt_kind kind;	/* PROMPT_NONE when closed */
	const char *label;	/* translated, e.g. "Filter: " */
	struct strbuf text;
	char *error;		/* shown after the text until the next key (e.g. a bad path) */
};

enum prompt_result {
	PROMPT_IGNORED,		/* not an editing key: the caller may use it */
	PROMPT_EDITED,		/* the text changed */
	PROMPT_ACCEPTED,	/* Enter */
	PROMPT_CANCELLED,	/* Esc */
	PROMPT_UNCHANGED,	/* an editing key that changed nothing */
};

void prompt_open(struct prompt *p, enum prompt_kind kind, const char *label, const char *initial);
void prompt_close(struct prompt *p);
void prompt_free(struct prompt *p);
const char *prompt_text(const struct prompt *p);
/* Takes one key: printable characters (UTF-8), Backspace, Ctrl-U, Enter, Esc. */
enum prompt_result prompt_key(struct prompt *p, wint_t ch, bool is_key);
void prompt_set_error(struct prompt *p, const char *msg);
/* Draws the prompt on row y and leaves the cursor at the end of the text. */
void prompt_draw(const struct prompt *p, WINDOW *w, int y);

#endif
