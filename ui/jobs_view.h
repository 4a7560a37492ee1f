/* The Jobs panel: every job of the session (pull, tag, remove, prune) with its state, elapsed
 * time and result, and below the list the selected job's details: a pull's layers with their
 * bars, or the lines a removal printed. */
#ifndef BUDU_JOBS_VIEW_H
#define BUDU_JOBS_VIEW_H

#include <curses.h>

#include "joblist.h"
#include "keymap.h"
#include "pull.h"
#include "view.h"

struct jobs_view;

/* The pull model of a job, or NULL: the app keeps them, the view only reads. */
typedef const struct pull *(*jobs_pull_lookup)(unsigned job_id, void *ctx);

struct jobs_view *jobs_view_new(struct joblist *jobs, jobs_pull_lookup lookup, void *ctx);
void jobs_view_free(struct jobs_view *v);
void jobs_view_draw(struct jobs_view *v, WINDOW *w, int y, int height, long long now_ms);
enum reaction jobs_view_action(struct jobs_view *v, enum action a, int page);
/* The job under the cursor, or NULL. */
struct job *jobs_view_selected(struct jobs_view *v);

/* A bar of `width` cells for percent (0..100; -1 draws nothing), in role attr. */
void draw_progress_bar(WINDOW *w, int y, int x, int width, int percent, attr_t attr);

#endif
