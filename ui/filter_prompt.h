/* The / filter of a list view: a prompt that filters as you type; Enter keeps the text, Esc
 * drops it. The view owns the struct, reads `text` when it filters, and says how to filter
 * again. UI thread. */
#ifndef BUDU_FILTER_PROMPT_H
#define BUDU_FILTER_PROMPT_H

#include <stdbool.h>

struct view;

struct filter_prompt {
	char text[256];
	struct view *view;
	void (*apply)(struct view *v);	/* text changed: filter the rows again */
};

/* Opens "Filter: " with the current text. */
void filter_prompt_open(struct filter_prompt *f);
/* Empties the text and applies; false when it was empty already (BACK then goes on). */
bool filter_prompt_clear(struct filter_prompt *f);

#endif
