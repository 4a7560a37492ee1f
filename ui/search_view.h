/* The Search panel's root view: Docker Hub (or a registry's v1 search) results through the
 * engine, then a repository's tags from its registry, then what a tag is before anything is
 * pulled: the image index with a row per platform, and a platform's manifest with its layers
 * (ui/search_view.c). */
#ifndef BUDU_SEARCH_VIEW_H
#define BUDU_SEARCH_VIEW_H

struct app;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops search_view_ops;

struct view *search_view_new(struct app *app);

#endif
