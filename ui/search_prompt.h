/* The / search of a pane (a log, an Inspect tree): as you type, the cursor goes to the first
 * match from where it is; Enter keeps the term for n and N; a term that matches nothing says
 * so. The pane owns the struct and says how to find. UI thread. */
#ifndef BUDU_SEARCH_PROMPT_H
#define BUDU_SEARCH_PROMPT_H

#include <stdbool.h>

struct app;

struct search_prompt {
	/* Moves the owner's cursor to a match of needle: forward (down) or back; from the
	 * cursor itself (typing) or past it (n, N). False when nothing matches. */
	bool (*find)(void *owner, const char *needle, bool forward, bool skip_current);
	void *owner;
	/* How many matches there are, and in *index which one the cursor is on (1-based, 0 for
	 * none), for "3 of 17"; NULL: not said. */
	size_t (*count)(void *owner, const char *needle, size_t *index);
	bool typing_forward;	/* the way typing searches: down the tree, or up a log */
	char *last;		/* the term Enter kept */
	struct app *app;	/* the prompt's, once opened */
};

/* Opens the prompt with label (translated, outliving the prompt). */
void search_prompt_open(struct search_prompt *s, struct app *app, const char *label);
/* n and N: the last term again, the way typing searches or the other way; a message when
 * there is none yet or it matches nothing. */
void search_prompt_again(struct search_prompt *s, struct app *app, bool same_way);
void search_prompt_free(struct search_prompt *s);

#endif
