/* The Files tab of an image's details (issue 12): the image's layers on the left (position,
 * size, the step that made it, whether it is still being read), and on the right the files of
 * the selected layer as a foldable tree: what that layer changed, or the whole file system after
 * it, each row with its mode as ls -l prints it, owner, size, name and change mark (A, M, R).
 * Above them a summary: the image's size, the space wasted by files that later layers overwrite
 * or remove and dive's efficiency score, or while the archive streams, how far it is.
 *
 * The tree comes from GET /images/{id}/get, read by layer_stream on a worker of the owner view
 * (src/layer_stream.h) and applied here update by update, so it is browsable while it streams;
 * whole trees are kept for the session (ui/layer_cache.h). A view that has one embeds it, points
 * view->files at it and lists files_pane_keys among its tables (only while the tab shows).
 *
 * UI thread only. */
#ifndef BUDU_FILES_PANE_H
#define BUDU_FILES_PANE_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "filter_prompt.h"
#include "layer_tree.h"
#include "list.h"
#include "strbuf.h"
#include "view.h"

struct layer_ref;
struct files_row;
struct layer_pick;

struct files_pane {
	struct view *view;		/* the owner: its app and fetch slots */
	int stream_slot, job_slot;	/* the owner's slots for the read and for extractions */
	char *image_id;
	char *image_name;		/* its short ID, for the equivalent commands */
	uint64_t expected;		/* the image's size, for the progress; 0 unknown */
	struct layer_ref *ref;		/* the tree, from the first show on */
	bool reading;			/* our read of the archive is in flight */
	char *error;			/* the read ended without saying why in the tree */

	/* What the right side shows (struct layer_query). */
	size_t layer;
	char *layer_blob;		/* the selected layer's blob: found again when the order comes */
	bool layer_chosen;		/* the user picked it ([, ]): else the order resets it to 0 */
	enum layer_view mode;
	enum layer_sort sort;
	bool only_changes;
	struct filter_prompt filter;

	unsigned char *open;		/* a bit per node ID: unfolded folders */
	size_t open_bytes;
	struct files_row *rows;		/* the visible rows, rebuilt only when dirty */
	size_t nrows, rows_cap;
	int owner_width;		/* the widest uid:gid of the rows */
	bool dirty;
	struct list_pos pos;
	size_t layers_top;		/* the first layer row on screen */
	struct layer_totals totals;	/* of the query, with the rows */
	struct layer_efficiency eff;
	bool eff_valid;

	/* X: the open prompt's label, what waits for a confirmation, what runs. */
	char *prompt_label;
	struct layer_pick *pending_pick;
	char *pending_dest;
	char *pending_path;
	bool extracting;
};

/* Nothing read yet; the pane reads image_id through view's slots stream_slot and job_slot. */
void files_pane_init(struct files_pane *p, struct view *view, int stream_slot, int job_slot,
		     const char *image_id);
void files_pane_free(struct files_pane *p);
/* The image's size (its Size), for the progress once the read starts. */
void files_pane_set_expected(struct files_pane *p, uint64_t bytes);
/* The tab comes on screen: the first time (or again after a cancelled or failed read when
 * again is set: f on the tab) the tree comes from the cache or the read starts. */
void files_pane_show(struct files_pane *p, bool again);
/* R: reads the archive again, whatever the cache holds. */
void files_pane_reload(struct files_pane *p);
/* Rows of the tree on screen now, and their cursor (the generic movement moves it). */
size_t files_pane_rows(struct files_pane *p);
struct list_pos *files_pane_pos(struct files_pane *p);
void files_pane_draw(struct files_pane *p, WINDOW *w, int y, int height);
/* "1,234 files · 12 folders · 4.5MB · 3 added, 1 modified, 2 removed" */
void files_pane_status(struct files_pane *p, struct strbuf *sb);
/* Selects path node in the file system after the last layer, unfolding its folders; when it
 * is not there (removed), in the changes of layer `layer`. False when neither shows it. */
bool files_pane_reveal(struct files_pane *p, uint32_t node, size_t layer);

/* Its keys; the commands reach the pane through view->files. */
extern const struct keytable files_pane_keys;

#endif
