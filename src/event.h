/* One line of the engine's /events stream, read for what it does to budu's image and container
 * lists (ui/live.c keeps them current from it; tests/fuzz/fuzz_streams.c fuzzes this parser).
 *
 * An image event (any Type but "container") names an image: tag, untag, import, load,
 * loadfromarchive, pull and push read it again (by ID, or by reference for a pull or push that
 * names no ID), delete and remove drop it, anything else (a prune, what is not known) leaves a
 * gap: the list is to be read again in full. A container's event says what its effect is
 * (container_event_effect, src/containers.h) for the container named by a 64-hex Actor.ID; a
 * commit makes an image (Actor.Attributes.imageID). A line that does not parse, or has no Type
 * or Action, is a gap in both lists.
 *
 * Ownership: event_parse fills the caller's struct event, whose strings it owns; event_clear
 * frees them. Threads: any (no shared state). Cost: one JSON parse of the line, linear in its
 * length. */
#ifndef BUDU_EVENT_H
#define BUDU_EVENT_H

#include <stdbool.h>
#include <stddef.h>

/* What kinds of list an event concerns (struct event's kinds). */
#define EVENT_IMAGE 1u
#define EVENT_CONTAINER 2u

enum event_op {
	EVENT_NONE,	/* nothing to do to the list */
	EVENT_FETCH,	/* read the named one again */
	EVENT_DROP,	/* drop the named one */
	EVENT_GAP,	/* events may have been missed: read the whole list again */
};

struct event {
	unsigned kinds;			/* EVENT_IMAGE | EVENT_CONTAINER */
	enum event_op image_op, container_op;
	char *image_key;		/* "sha256:<64 hex>" or a reference (a pull's, a push's); NULL for none */
	char *container_id;		/* 64 hex digits; NULL for none */
	bool settle;			/* die, oom: read the container again once the engine settled */
};

/* Reads line (len bytes, no NUL needed) into *ev; what *ev held before is not freed. */
void event_parse(const char *line, size_t len, struct event *ev);
void event_clear(struct event *ev);

#endif
