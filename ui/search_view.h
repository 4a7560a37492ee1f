/* The Search panel: Docker Hub (or a registry's v1 search) results through the engine, then a
 * repository's tags from its registry, then what a tag is before anything is pulled: the
 * image index with a row per platform, and a platform's manifest with its layers. */
#ifndef BUDU_SEARCH_VIEW_H
#define BUDU_SEARCH_VIEW_H

#include <curses.h>
#include <stdbool.h>

#include "keymap.h"
#include "registry.h"
#include "search.h"
#include "view.h"

enum search_level { SEARCH_RESULTS, SEARCH_TAGS, SEARCH_MANIFEST, SEARCH_PLATFORM, SEARCH_LEVELS };

struct search_view;

struct search_view *search_view_new(void);
void search_view_free(struct search_view *v);

enum search_level search_view_level(const struct search_view *v);
struct search_query *search_view_query(struct search_view *v);
bool search_view_searched(const struct search_view *v);

/* Each setter takes ownership of what it is given and ends the loading state of its level. */
void search_view_searching(struct search_view *v);
void search_view_set_results(struct search_view *v, struct search_results *r, const char *error);
void search_view_open_repo(struct search_view *v, struct registry_ref *ref);
void search_view_set_tags(struct search_view *v, char **tags, size_t n, const char *error);
void search_view_open_manifest(struct search_view *v, const char *reference);
void search_view_set_manifest(struct search_view *v, struct manifest *m, const char *error);
void search_view_open_platform(struct search_view *v);
void search_view_set_platform(struct search_view *v, struct manifest *m, const char *error);

/* What the app needs to fetch or pull. */
const struct search_result *search_view_selected_result(const struct search_view *v);
const struct registry_ref *search_view_repo(const struct search_view *v);
const char *search_view_selected_tag(const struct search_view *v);
const struct manifest_platform *search_view_selected_platform(const struct search_view *v);
/* What p pulls here: "name:tag" on a tag, "name@digest" on a platform or a manifest. New string or NULL. */
char *search_view_pull_ref(const struct search_view *v);

void search_view_draw(struct search_view *v, WINDOW *w, int y, int height);
enum reaction search_view_action(struct search_view *v, enum action a, int page);

#endif
