/* What views tell the app after a key: handlers never paint or call the engine themselves. */
#ifndef BUDU_VIEW_H
#define BUDU_VIEW_H

#include <stddef.h>

enum reaction {
	REACT_NONE = 0,
	REACT_REDRAW = 1 << 0,
	REACT_RELOAD = 1 << 1,		/* the engine query changed: fetch again */
	REACT_BACK = 1 << 2,		/* close this view */
	REACT_PROMPT_SEARCH = 1 << 3,	/* open the search prompt */
	REACT_PROMPT_PATH = 1 << 4,	/* open the path prompt */
	REACT_COPY_VALUE = 1 << 5,	/* copy the selected value */
	REACT_COPY_PATH = 1 << 6,	/* copy the selected path */
	REACT_OPEN = 1 << 7,		/* open the selected item */
};

/* Keeps a cursor inside n rows and the window [top, top + height) around it. */
void view_scroll(size_t *cursor, size_t *top, size_t n, int height);

#endif
