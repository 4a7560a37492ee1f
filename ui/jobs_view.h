/* The Jobs panel's root view (ui/jobs_view.c). */
#ifndef BUDU_JOBS_VIEW_H
#define BUDU_JOBS_VIEW_H

struct app;
struct view;

struct view *jobs_view_new(struct app *app);

#endif
