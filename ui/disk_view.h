/* The Disk usage panel's root view: `docker system df [-v]`, read on demand, and the prunes
 * that free what it shows (ui/disk_view.c). */
#ifndef BUDU_DISK_VIEW_H
#define BUDU_DISK_VIEW_H

struct app;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops disk_view_ops;

struct view *disk_view_new(struct app *app);

/* A prune finished (images, containers, build cache, from any panel): the Disk usage panel
 * reads again, now if it is on screen, else when it is shown next. Nothing when it never read. */
void disk_panel_pruned(struct app *app);

#endif
