/* The Hosts panel's root view: every engine budu can reach, checked in parallel, and the switch
 * between them (ui/hosts_view.c). */
#ifndef BUDU_HOSTS_VIEW_H
#define BUDU_HOSTS_VIEW_H

struct app;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops hosts_view_ops;

struct view *hosts_view_new(struct app *app);

#endif
