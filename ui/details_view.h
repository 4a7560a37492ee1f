/* The Details view of one image: tabs Inspect (the inspect document as a foldable tree with
 * --format look-up), History (docker image history with sizes that stand out), Tags, and
 * Containers (ui/details_view.c). */
#ifndef BUDU_DETAILS_VIEW_H
#define BUDU_DETAILS_VIEW_H

struct app;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops details_view_ops;

/* title: how the image was shown in the list ("demo/app:1 (3147810c0d6f)"); image_id: its ID. */
struct view *details_view_new(struct app *app, const char *title, const char *image_id);

#endif
