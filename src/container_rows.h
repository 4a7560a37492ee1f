/* The rows of the Containers panel: the cells `docker container ls -a [--no-trunc] [-s]` prints
 * (docker 20.10's CLI), column titles, sort orders and the filter.
 *
 * Rows point into a container_list and live no longer than it. No state, any thread; a cell
 * costs at most a few hundred bytes of formatting into the caller's buffer, so drawing may
 * call it for every visible cell of every frame. */
#ifndef BUDU_CONTAINER_ROWS_H
#define BUDU_CONTAINER_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "containers.h"

enum container_column {
	CONTAINER_COL_ID,	/* TruncateID (12 hex), or the 64 with no_trunc */
	CONTAINER_COL_IMAGE,	/* image_short, or Image as created with no_trunc */
	CONTAINER_COL_COMMAND,	/* "\"sleep 600\"": command_short, or command_quoted */
	CONTAINER_COL_CREATED,	/* "5 minutes ago", from `now` (the CLI uses the client's clock) */
	CONTAINER_COL_STATUS,	/* Status as the engine rendered it */
	CONTAINER_COL_PORTS,	/* ports_text */
	CONTAINER_COL_NAMES,	/* the first name without '/' (all names joined with ',' when each has
				 * one); with no_trunc every name joined with ',' */
	CONTAINER_COL_SIZE,	/* -s: "32.8kB (virtual 2.02MB)"; "" when the list has no sizes */
	CONTAINER_COL_COUNT
};

/* The columns `docker container ls` shows, in order: ID to NAMES; SIZE only with -s. */
#define CONTAINER_COLUMNS_DEFAULT CONTAINER_COL_SIZE

/* Enough for every cell container_cell writes into buf (a translated age, or two sizes). */
#define CONTAINER_CELL_BUF 128

/* Translated column header: "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS",
 * "NAMES", "SIZE". */
const char *container_column_title(enum container_column col);

/* The text of one cell, as `docker container ls -a [--no-trunc] [-s]` prints it, ages taken at
 * `now` (Unix seconds). Returns a string owned by the container or buf (n bytes, at least
 * CONTAINER_CELL_BUF): use it before the list is freed or buf reused. Safe to draw (sanitized
 * or Go-quoted). The CLI's tabwriter pads cells by runes (`docker ps` misaligns wide text);
 * the UI pads by display width. */
const char *container_cell(const struct container *c, enum container_column col, bool no_trunc,
			   int64_t now, char *buf, size_t n);

struct container_row {
	const struct container *container;	/* into the list */
	uint32_t order;		/* position in the engine's answer: the last tie-break of every sort */
};

/* One row per container, in the engine's order (newest first). *rows is a new array (free()
 * it; the rows own nothing), never NULL. Returns the count. */
size_t container_rows_build(const struct container_list *list, struct container_row **rows);

enum container_sort {
	CONTAINER_SORT_CREATED,	/* newest first; same second: the engine's order (default) */
	CONTAINER_SORT_NAME,	/* name, ascending (byte order) */
	CONTAINER_SORT_IMAGE,	/* the IMAGE cell, then name */
	CONTAINER_SORT_STATUS,	/* running, paused, restarting, removing, created, exited, dead,
				 * then anything else; within one, newest first, then name */
	CONTAINER_SORT_ID,	/* the ID */
	CONTAINER_SORT_COMMAND,	/* the command, then name */
	CONTAINER_SORT_PORTS,	/* the PORTS cell, then name */
	CONTAINER_SORT_COUNT
};
/* Sorts rows; every order ends with the engine's order, so it is total. */
void container_rows_sort(struct container_row *rows, size_t n, enum container_sort sort);
/* The same, reversed when reverse (the exact reverse order, ties included). */
void container_rows_sort_dir(struct container_row *rows, size_t n, enum container_sort sort, bool reverse);
/* Translated name of a sort order for the header: "created", "name", "image", "status". */
const char *container_sort_name(enum container_sort sort);

/* Case-insensitive substring match of `needle` over the ID (full, so the short one too), every
 * name, the image (as created and as shown) and the command. An empty or NULL needle matches
 * everything. */
bool container_row_matches(const struct container_row *row, const char *needle);

#endif
