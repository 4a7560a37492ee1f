/* The Images panel's root view: `docker image ls` as a list (ui/images_view.c). */
#ifndef BUDU_IMAGES_VIEW_H
#define BUDU_IMAGES_VIEW_H

#include <stddef.h>
#include <stdint.h>

struct app;
struct view;
struct view_ops;
struct keytable;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops images_view_ops;

struct view *images_view_new(struct app *app);

/* What the Images panel's commands act on: the marked rows in list order, or the selected one,
 * as references ("repo:tag"; the image ID for an untagged row). A new vector (strv_free);
 * *n is 0 when the list is empty. *size gets the sum of their images' sizes, each image once. */
char **images_view_targets(struct view *v, size_t *n, int64_t *size);
/* The Images panel selects these images (IDs "sha256:…" or "repo:tag", what a job made) as soon
 * as its list has them: the cursor on the first, all of them marked when there are several. */
void images_panel_select(struct app *app, char *const *refs, size_t n);

/* Save, load, import and build (ui/images_archive.c): listed among the Images panel's keys. */
extern const struct keytable images_archive_keys;

#endif
