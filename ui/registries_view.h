/* The Registries panel's root view: logins, checked on demand (ui/registries_view.c). */
#ifndef BUDU_REGISTRIES_VIEW_H
#define BUDU_REGISTRIES_VIEW_H

struct app;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops registries_view_ops;

struct view *registries_view_new(struct app *app);

#endif
