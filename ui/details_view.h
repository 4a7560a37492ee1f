/* The Details view of one image: tabs Inspect (the inspect document as a foldable tree with
 * --format look-up), History (docker image history with sizes that stand out), Tags, and
 * Containers. It owns the struct details the app hands it. */
#ifndef BUDU_DETAILS_VIEW_H
#define BUDU_DETAILS_VIEW_H

#include <curses.h>
#include <stdbool.h>
#include <time.h>

#include "details.h"
#include "keymap.h"
#include "view.h"

enum details_tab { TAB_INSPECT, TAB_HISTORY, TAB_TAGS, TAB_CONTAINERS, TAB_COUNT };

struct details_view;

/* title: how the image was shown in the list ("demo/app:1"); image_id: its ID. */
struct details_view *details_view_new(const char *title, const char *image_id);
void details_view_free(struct details_view *v);
const char *details_view_image_id(const struct details_view *v);
/* "demo/app:1 (3147810c0d6f)" for the title bar. */
const char *details_view_title(const struct details_view *v);

/* Takes ownership of d (the previous data is freed); the tab, cursors and folds that still
 * make sense are kept. */
void details_view_set_data(struct details_view *v, struct details *d);
bool details_view_loading(const struct details_view *v);

/* The key scopes of the current tab, most specific first. */
const struct keymap_chain *details_view_chain(const struct details_view *v);

void details_view_draw(struct details_view *v, WINDOW *w, int y, int height, time_t now);
enum reaction details_view_action(struct details_view *v, enum action a, int page);

/* Inspect: search from the cursor for needle (keys and values); false when nothing matches. */
bool details_view_search(struct details_view *v, const char *needle, bool forward, bool skip_current);
/* Inspect: evaluates a --format template (or a bare path), jumps to the node it names and
 * shows the output in the footer. false with a translated message in *err when it fails. */
bool details_view_goto(struct details_view *v, const char *template_text, char **err);
/* Inspect: new strings for the clipboard: the selected node's JSON, or its --format path. */
char *details_view_copy_value(const struct details_view *v);
char *details_view_copy_path(const struct details_view *v);

#endif
