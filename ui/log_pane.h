/* A log on screen: the lines of a struct log_ring (src/logs.h) or of a build log, following the newest unless the
 * user scrolled up, stderr (and build errors) marked in the gutter so they show without colour,
 * build steps highlighted, long lines scrolled sideways, and searched with / n N. The Logs tab
 * of a container and the build log share it. A view that has one points view->log at it and
 * lists log_pane_keys among its tables.
 *
 * UI thread only. The lines are the owner's (the view, or a job the view shows): the pane borrows
 * them through a source and may be pointed at another, or at none. */
#ifndef BUDU_LOG_PANE_H
#define BUDU_LOG_PANE_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "draw.h"
#include "list.h"
#include "logs.h"
#include "search_prompt.h"
#include "strbuf.h"
#include "view.h"

/* One line as the pane draws it: text raw (sanitized when drawn), its kind, its time or "". */
struct log_pane_line {
	const char *text;
	enum log_stream stream;
	const char *time;
};

/* Where the lines come from: line i (0 the oldest held), how many are held, how many were
 * ever dropped from the front. */
struct log_pane_source {
	size_t (*count)(const void *src);
	uint64_t (*dropped)(const void *src);
	bool (*get)(const void *src, size_t i, struct log_pane_line *out);
};

/* A struct log_ring as a source. */
extern const struct log_pane_source log_pane_ring;

struct log_pane {
	const struct log_pane_source *source;
	const void *src;		/* borrowed; NULL: nothing yet */
	struct list_pos pos;
	bool following;		/* the cursor stays on the newest line */
	int hscroll;		/* display columns scrolled to the right */
	struct search_prompt search;
};

/* Following, at the top, no search; src may be NULL (log_pane_point later). */
void log_pane_init(struct log_pane *p, const struct log_pane_source *source, const void *src);
/* Draws other lines from now on (NULL: none), keeping the position when it still fits. */
void log_pane_point(struct log_pane *p, const void *src);
/* How many lines went from the front so far: read it before new lines come, for
 * log_pane_pushed. */
uint64_t log_pane_dropped(const struct log_pane *p);
void log_pane_free(struct log_pane *p);
/* The ring was cleared or refilled from the start (a new read): follow its end again. */
void log_pane_restart(struct log_pane *p);
/* Lines came; `dropped_before` is what log_pane_dropped said before they came: a paused cursor
 * stays on its line while old lines drop out. */
void log_pane_pushed(struct log_pane *p, uint64_t dropped_before);
/* The lines, or `empty` (in the style of `role`) when there are none. */
void log_pane_draw(struct log_pane *p, WINDOW *w, int y, int height, const char *empty, enum role role);
/* "1,234 lines (older ones dropped) · following": for the status line; `ended` says the stream
 * closed. */
void log_pane_status(const struct log_pane *p, bool ended, struct strbuf *sb);

/* Its keys: up and page up pause following, End follows again, / n N search, Left and Right
 * scroll. The commands reach the pane through view->log. */
extern const struct keytable log_pane_keys;

#endif
