/* The Details view of one container: Logs, Inspect, Top, Diff, Ports (ui/container_view.c). */
#ifndef BUDU_CONTAINER_VIEW_H
#define BUDU_CONTAINER_VIEW_H

struct app;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops container_view_ops;

/* id: the container's full ID; name: how it is called, for the title. */
struct view *container_view_new(struct app *app, const char *id, const char *name);

#endif
