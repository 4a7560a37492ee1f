/* What the Files tab's files share (ui/files_pane.c: the read and the rows; ui/files_draw.c;
 * ui/files_keys.c). Not for other views: they see ui/files_pane.h. */
#ifndef BUDU_FILES_INTERNAL_H
#define BUDU_FILES_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "files_pane.h"
#include "layer_tree.h"

/* One visible row of the tree: an entry and how deep it is (0: a child of the root). */
struct files_row {
	struct layer_entry e;
	unsigned depth;
};

/* The tree, or NULL before the first show. */
struct layer_tree *files_tree(const struct files_pane *p);
/* The query the right side shows (the pattern points into p). */
void files_query(const struct files_pane *p, struct layer_query *q);
/* Something the rows depend on changed: they are rebuilt before next use. */
void files_changed(struct files_pane *p);
/* Rebuilds the rows when dirty, keeping the cursor on its node when it is still shown. */
void files_ensure_rows(struct files_pane *p);
/* The row under the cursor, or NULL when there is none. */
const struct files_row *files_cursor(struct files_pane *p);

bool files_is_open(const struct files_pane *p, uint32_t node);
void files_set_open(struct files_pane *p, uint32_t node, bool open);
/* Folds or unfolds the folder under the cursor (nothing for any other row) in place: the rows
 * below it are taken out or put in, the others stay (cost: its rows and a move of the rows
 * after it, not the rebuild of the whole tree, which a folder of 50,000 files made 0.1 s). */
void files_fold_cursor(struct files_pane *p, bool open);
/* Folds everything (with_all false) or unfolds every folder of the tree. */
void files_open_all(struct files_pane *p, bool open);
/* Puts the cursor on node, unfolding its folders; false when the query does not show it. */
bool files_select_node(struct files_pane *p, uint32_t node);
/* Selects layer i (clamped), remembering its blob for when the order comes. */
void files_select_layer(struct files_pane *p, size_t i);

/* Starts reading the archive into a new tree (p->ref replaced). */
void files_start_read(struct files_pane *p);
/* x: stops the read; the tree says it was cancelled once the stream has ended. */
bool files_cancel_read(struct files_pane *p);

/* X: asks where to extract node (as the query shows it), then extracts on a worker; x
 * cancels that. */
void files_extract_ask(struct files_pane *p, uint32_t node);
bool files_extract_cancel(struct files_pane *p);
/* Drops what X picked when no extraction followed. */
void files_extract_forget(struct files_pane *p);

/* "drwxr-xr-x": mode as ls -l prints it (buf of 11 at least). */
void files_mode_string(uint32_t mode, char *buf);
/* The step behind a layer as the History tab names it: "RUN echo hi", "COPY file:… in /";
 * a new string. */
char *files_layer_step(const struct layer_info *li);

#endif
