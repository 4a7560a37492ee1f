/* The build log view (ui/build_view.c): one build's log, live, over the panel it was started
 * from or opened from the Jobs panel. */
#ifndef BUDU_BUILD_VIEW_H
#define BUDU_BUILD_VIEW_H

struct app;
struct build_output;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops build_view_ops;

/* Takes a reference to o. */
struct view *build_view_new(struct app *app, struct build_output *o);

#endif
