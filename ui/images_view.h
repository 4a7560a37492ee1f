/* The Images panel's root view: `docker image ls` as a list (ui/images_view.c). */
#ifndef BUDU_IMAGES_VIEW_H
#define BUDU_IMAGES_VIEW_H

struct app;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops images_view_ops;

struct view *images_view_new(struct app *app);

#endif
