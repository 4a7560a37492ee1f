/* The Images panel: `docker image ls` as a list that filters, sorts and scrolls.
 * It owns the image list it shows; the app hands it each new answer of the engine. */
#ifndef BUDU_IMAGES_VIEW_H
#define BUDU_IMAGES_VIEW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "containers.h"
#include "images.h"
#include "keymap.h"
#include "view.h"

struct images_view;

/* U cycles which images the list shows, by whether a container uses them. */
enum usage_filter { USAGE_ALL, USAGE_UNUSED, USAGE_IN_USE, USAGE_COUNT };


struct images_view *images_view_new(void);
void images_view_free(struct images_view *v);

/* Takes ownership of *list (and empties it). Keeps the cursor on the same row when it still exists. */
void images_view_set_list(struct images_view *v, struct image_list *list);
bool images_view_has_data(const struct images_view *v);
/* Takes ownership of *list: the CONTAINERS column (images in use) appears once it is known. */
void images_view_set_containers(struct images_view *v, struct container_list *list);
enum usage_filter images_view_usage(const struct images_view *v);
/* NULL until the containers are known. */
const struct container_list *images_view_containers(const struct images_view *v);
/* The row under the cursor, or NULL when the list is empty. Valid until the list changes. */
const struct image_row *images_view_selected(const struct images_view *v);

/* Draws the column header at row y and the rows below it, in `height` rows. */
void images_view_draw(struct images_view *v, WINDOW *w, int y, int height, time_t now);
/* Handles an action; page is the number of list rows on screen. */
enum reaction images_view_action(struct images_view *v, enum action a, int page);

/* Marks (Space) survive reloads; they are keyed by image, repository and tag. */
void images_view_clear_marks(struct images_view *v);
size_t images_view_mark_count(const struct images_view *v);
/* The marked rows in list order, or the selected row when none is marked: a new array of
 * pointers into the view's rows (free the array only), valid until the list changes. */
const struct image_row **images_view_marked(const struct images_view *v, size_t *n);
/* The image list the rows come from. */
const struct image_list *images_view_list(const struct images_view *v);

void images_view_set_filter(struct images_view *v, const char *filter);
const char *images_view_filter(const struct images_view *v);

/* `all=1` in the engine query. */
bool images_view_show_all(const struct images_view *v);
/* The header's description: "docker image ls -a --digests", the sort, counts. */
void images_view_describe(const struct images_view *v, char *cmd, size_t ncmd);
enum image_sort images_view_sort(const struct images_view *v);
size_t images_view_image_count(const struct images_view *v);
size_t images_view_row_count(const struct images_view *v);
size_t images_view_visible_count(const struct images_view *v);
long long images_view_total_size(const struct images_view *v);

#endif
