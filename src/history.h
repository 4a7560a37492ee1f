/* An image's layer history (GET /images/{id}/history) and the cells `docker image history`
 * prints for it. */
#ifndef BUDU_HISTORY_H
#define BUDU_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct history_row {
	char *id;		/* "sha256:<hex>", sanitized; "" when the step's image is not
				 * local (the engine's "<missing>", Podman's "sha256:<missing>") */
	int64_t created;	/* Unix seconds; Go's zero time is FORMAT_ZERO_TIME */
	char *created_by;	/* tabs turned into spaces (as docker prints it), then sanitized;
				 * "" for an imported or committed-from-scratch layer */
	char *created_by_short;	/* docker's Ellipsis(created_by, 45), for the truncated column */
	int64_t size;		/* bytes this step added */
	char *comment;		/* sanitized */
	char **tags;		/* sanitized; Tags null and [] both give none */
	size_t ntags;
	/* computed */
	int64_t cumulative_size;	/* sum of this step's size and every older one: the image's
					 * size as of this step (saturating) */
	bool empty_layer;		/* size == 0: a metadata-only step, or a step that changed nothing */
};

struct history {
	struct history_row *rows;	/* newest first, the engine's order */
	size_t nrows;
	int64_t max_size;		/* the largest step size (>= 0), for a size bar */
	int64_t total_size;		/* cumulative size of the newest step (0 when empty) */
};

/* Parses the body of GET /images/{id}/history. A body of `null` is an empty history. On failure
 * returns false and a translated message in *err (caller frees); *out is then empty and needs
 * no history_free (calling it is harmless). Strings are sanitized here, off the UI thread, and
 * created_by_short is measured with the current LC_CTYPE. */
bool history_parse(const char *json, size_t len, struct history *out, char **err);
void history_free(struct history *h);

enum history_column {
	HISTORY_COL_IMAGE,	/* TruncateID, or the full ID with no_trunc; "<missing>" */
	HISTORY_COL_CREATED,	/* "3 hours ago"; "N/A" when created <= 2000-01-01 (docker CLI >= 23) */
	HISTORY_COL_CREATED_BY,	/* Ellipsis(…, 45) unless no_trunc */
	HISTORY_COL_SIZE,	/* HumanSizeWithPrecision(size, 3) */
	HISTORY_COL_COMMENT,	/* as is, never truncated */
	HISTORY_COL_COUNT
};

/* The CLI shows no human age for steps created at or before this (2000-01-01T00:00:00Z). */
#define HISTORY_EPOCH 946684800LL

/* Enough for every cell history_cell writes into buf (a translated age included). */
#define HISTORY_CELL_BUF 128

/* Translated column header: "IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT". */
const char *history_column_title(enum history_column col);

/* The text of one cell, as `docker image history [--no-trunc]` prints it, ages taken at `now`
 * (Unix seconds). Returns either a string owned by the row or buf (n bytes, at least
 * HISTORY_CELL_BUF), so use the result before the row is freed or buf reused. */
const char *history_cell(const struct history_row *row, enum history_column col, bool no_trunc,
			 int64_t now, char *buf, size_t n);

/*
 * The Dockerfile instruction behind a created_by string, for the footer:
 *   "/bin/sh -c #(nop)  CMD [\"cat\"]"         -> "CMD", "[\"cat\"]"  (one or two spaces after
 *                                                 "#(nop)"; any shell before it, e.g. after SHELL)
 *   "/bin/sh -c echo hi"                      -> "RUN", "echo hi"
 *   "|1 A=b /bin/sh -c echo hi"               -> "RUN", "echo hi"   (classic build args dropped)
 *   "|1 A=b /bin/echo hi"                     -> "RUN", "/bin/echo hi"  (exec form)
 *   "RUN |1 A=b /bin/sh -c echo hi # buildkit" -> "RUN", "echo hi"   (BuildKit)
 *   "COPY a /b # buildkit"                    -> "COPY", "a /b"
 *   "WORKDIR /srv"                            -> "WORKDIR", "/srv"   (BuildKit metadata steps)
 *   ""                                        -> NULL, ""            (imported layer)
 * A shell recognized before a RUN command is "<path>sh -c", "<path>bash -o pipefail -c" and the
 * like (options up to one ending in 'c'), or Windows' "cmd /S /C". Anything else that is not
 * empty is a RUN with the whole text (docker commit records the container's command there).
 * A "#(nop)" step whose word is not a known instruction gives NULL and the text after "#(nop)".
 * Returns true when *keyword is set (a static uppercase string); *rest is always a new string,
 * trimmed of surrounding spaces (caller frees). created_by is expected sanitized.
 */
bool history_instruction(const char *created_by, const char **keyword, char **rest);

#endif
