/* What the Details view of one container reads: its inspect document (GET
 * /containers/{id}/json), its processes (top), its filesystem changes (diff) and its published
 * ports, each failing on its own.
 *
 * Ownership: container_details_fetch returns a new struct the caller frees with
 * container_details_free; every string in it is sanitized (ready to draw). Threads: fetch runs
 * on a worker; the parsers are pure and run anywhere. Cost: three small requests (top only when
 * the container runs). */
#ifndef BUDU_CONTAINER_DETAILS_H
#define BUDU_CONTAINER_DETAILS_H

#include <stdbool.h>
#include <stddef.h>

#include "jtree.h"

struct engine;
struct cancel;

/* One line of `docker diff`: "A /tmp/new". */
struct container_change {
	char kind;		/* 'C' changed, 'A' added, 'D' deleted */
	char *path;
};

/* One binding of `docker port`: "80/tcp -> 0.0.0.0:8080", or "443/tcp" exposed only. */
struct container_binding {
	char *port;		/* "80/tcp" */
	char *host;		/* "0.0.0.0:8080", "[::]:8080"; NULL when exposed, not published */
};

struct container_details {
	char *id;
	struct jtree *tree;		/* NULL when inspect failed: see inspect_error */
	char *inspect_error;
	bool running;			/* State.Running, from the inspect document */
	char **top_titles;		/* ps's columns: UID PID PPID C STIME TTY TIME CMD */
	size_t ntop_titles;
	char ***top_rows;		/* each ntop_titles cells */
	size_t ntop_rows;
	char *top_error;		/* "not running" included: the tab says so */
	struct container_change *changes;	/* sorted by path (the engine's order is random) */
	size_t nchanges;
	char *changes_error;
	struct container_binding *bindings;	/* sorted by port, then host */
	size_t nbindings;
};

/* Runs on a worker: inspect, then top (when it runs) and changes. Never returns NULL. */
struct container_details *container_details_fetch(struct engine *e, const char *id, struct cancel *c);
void container_details_free(struct container_details *d);

/* The parsers behind it, for the tests. Each returns false with a translated *err. */
bool container_top_parse(const char *json, struct container_details *d, char **err);
bool container_changes_parse(const char *json, struct container_details *d, char **err);
/* From the inspect document's NetworkSettings.Ports. */
void container_bindings_from(const struct jtree *tree, struct container_details *d);

#endif
