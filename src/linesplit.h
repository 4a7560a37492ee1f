/* Splitting a byte stream into lines ('\n', a trailing '\r' dropped, empty lines skipped) with
 * a cap: the JSON-lines streams of the engine (events, pull, push, load, build, stats) all go
 * through one (src/engine.c). A line past the cap is never delivered: the splitter stops, and
 * its owner drops the stream with a message (a hostile engine's line without a newline would
 * otherwise grow without limit). One owner thread; memory at most max + one chunk. */
#ifndef BUDU_LINESPLIT_H
#define BUDU_LINESPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* The engine streams' cap: docker's own lines are far shorter (a build step's output is cut
 * into lines, a pull line is a few hundred bytes). */
#define LINESPLIT_MAX (1024 * 1024)

/* Returns false to stop the stream. */
typedef bool (*linesplit_fn)(const char *line, size_t len, void *ctx);

struct linesplit {
	struct strbuf line;	/* the unterminated line so far */
	size_t max;		/* longest line in bytes (a '\r' before its '\n' counted); 0: LINESPLIT_MAX */
	bool stopped;		/* the callback said stop, or a line went past max */
	bool overlong;		/* a line went past max */
};

/* Feeds data; false once stopped (by the callback or an overlong line). */
bool linesplit_feed(struct linesplit *ls, const char *data, size_t n, linesplit_fn fn, void *ctx);
void linesplit_free(struct linesplit *ls);

#endif
