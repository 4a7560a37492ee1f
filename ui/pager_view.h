/* A file of an image on screen (Enter on a file in the Files tab): read again from the image's
 * archive on a worker (the first LAYER_CONTENT_MAX bytes), then shown from the top with the log
 * pane's keys (/ search, Left and Right scroll); binary content is named, not drawn. The title
 * bar shows the docker command that prints the same file. */
#ifndef BUDU_PAGER_VIEW_H
#define BUDU_PAGER_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "layer_tree.h"

struct app;
struct layer_ref;
struct view;
struct view_ops;

extern const struct view_ops pager_view_ops;

/* node as layer `layer` shows it in `mode` (the Files tab's query); ref is referenced, not
 * taken. image_id is what the engine is asked for; image_name names it in the command. */
struct view *pager_view_new(struct app *app, struct layer_ref *ref, size_t layer, enum layer_view mode,
			    uint32_t node, const char *image_id, const char *image_name);

#endif
