/* The Containers panel's root view: `docker container ls -a` as a list (ui/containers_view.c). */
#ifndef BUDU_CONTAINERS_VIEW_H
#define BUDU_CONTAINERS_VIEW_H

struct app;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops containers_view_ops;

struct view *containers_view_new(struct app *app);

#endif
