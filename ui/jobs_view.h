/* The Jobs panel's root view (ui/jobs_view.c). */
#ifndef BUDU_JOBS_VIEW_H
#define BUDU_JOBS_VIEW_H

struct app;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops jobs_view_ops;

struct view *jobs_view_new(struct app *app);

#endif
