/* The wasted space of an image (w in the Files tab), as dive counts it: every path that more
 * than one layer writes (or a later one removes), largest first, with its size, how many times
 * it was written, and by which layers. Enter goes back to the Files tab with the path selected. */
#ifndef BUDU_WASTE_VIEW_H
#define BUDU_WASTE_VIEW_H

struct app;
struct layer_ref;
struct view;
struct view_ops;

extern const struct view_ops waste_view_ops;

/* Over the tree of ref (referenced, not taken); pushed over the view whose files pane it
 * returns to. */
struct view *waste_view_new(struct app *app, struct layer_ref *ref);

#endif
