#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "jobs_view.h"
#include "sanitize.h"
#include "xalloc.h"

struct jobs_view {
	struct joblist *jobs;
	jobs_pull_lookup lookup;
	void *ctx;
	size_t cursor, top;
	size_t detail_top;
};

struct jobs_view *
jobs_view_new(struct joblist *jobs, jobs_pull_lookup lookup, void *ctx)
{
	struct jobs_view *v = xcalloc(1, sizeof(*v));
	v->jobs = jobs;
	v->lookup = lookup;
	v->ctx = ctx;
	return v;
}

void
jobs_view_free(struct jobs_view *v)
{
	free(v);
}

/* Newest first: the job just started is where the eye lands. */
static struct job *
job_at(struct jobs_view *v, size_t i)
{
	size_t n = v->jobs->njobs;
	return i < n ? v->jobs->jobs[n - 1 - i] : NULL;
}

struct job *
jobs_view_selected(struct jobs_view *v)
{
	return job_at(v, v->cursor);
}

void
draw_progress_bar(WINDOW *w, int y, int x, int width, int percent, attr_t attr)
{
	if (width < 3 || percent < 0)
		return;
	int inner = width - 2, fill = percent * inner / 100;
	char buf[512];
	size_t k = 0;
	buf[k++] = '[';
	for (int i = 0; i < inner && k + 4 < sizeof(buf); i++) {
		if (i < fill && draw_utf8()) {
			memcpy(buf + k, "\xe2\x96\x88", 3);
			k += 3;
		} else {
			buf[k++] = i < fill ? '#' : ' ';
		}
	}
	buf[k++] = ']';
	buf[k] = '\0';
	draw_text(w, y, x, buf, width, attr);
}

static void
format_elapsed(char *buf, size_t n, long long ms)
{
	long long s = ms / 1000;
	if (s < 3600)
		snprintf(buf, n, "%lld:%02lld", s / 60, s % 60);
	else
		snprintf(buf, n, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
}

static enum role
state_role(enum job_state s)
{
	switch (s) {
	case JOB_FAILED: return ROLE_ERROR;
	case JOB_RUNNING: return ROLE_NOTE;
	case JOB_CANCELLED:
	case JOB_QUEUED: return ROLE_DIM;
	default: return ROLE_NORMAL;
	}
}

static void
draw_job_row(WINDOW *w, int y, struct job *j, bool selected, long long now)
{
	int cols = getmaxx(w), x = 0;
	attr_t base = draw_attr(selected ? ROLE_SELECTED : ROLE_NORMAL);
	char id[16], elapsed[32];
	snprintf(id, sizeof(id), "%u", j->id);
	format_elapsed(elapsed, sizeof(elapsed), job_elapsed_ms(j, now));
	const char *what = j->error[0] ? j->error : j->progress[0] ? j->progress : j->result;
	/* The first line of a multi-line result. */
	char first[256];
	snprintf(first, sizeof(first), "%.*s", (int)strcspn(what, "\n"), what);
	struct { const char *text; int width; attr_t attr; } cells[] = {
		{ id, 5, base },
		{ job_kind_name(j->kind), 8, base },
		{ j->target, 34, base },
		{ job_state_name(j->state), 11, selected ? base : draw_attr(state_role(j->state)) },
		{ elapsed, 9, base },
	};
	for (size_t c = 0; c < sizeof(cells) / sizeof(cells[0]) && x < cols; c++) {
		int cw = cells[c].width < cols - x ? cells[c].width : cols - x;
		draw_text(w, y, x, cells[c].text, cw - (cw > 1 ? 1 : 0), cells[c].attr);
		if (cw > 1)
			draw_text(w, y, x + cw - 1, " ", 1, base);
		x += cw;
	}
	if (x >= cols)
		return;
	int barw = j->state == JOB_RUNNING && j->percent >= 0 && cols - x > 40 ? 14 : 0;
	if (barw) {
		draw_progress_bar(w, y, x, barw - 1, j->percent, selected ? base : draw_attr(ROLE_BAR));
		draw_text(w, y, x + barw - 1, " ", 1, base);
		x += barw;
	}
	draw_text(w, y, x, first, cols - x, selected ? base : draw_attr(j->error[0] ? ROLE_ERROR : ROLE_NORMAL));
}

/* The selected job below the list: a pull's layers, or the job's result and error lines. */
static void
draw_detail(struct jobs_view *v, WINDOW *w, int y, int height, struct job *j)
{
	int cols = getmaxx(w);
	for (int i = 0; i < height; i++)
		draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
	if (!j || height <= 0)
		return;
	int row = 0;
	const struct pull *p = j->kind == JOB_PULL && v->lookup ? v->lookup(j->id, v->ctx) : NULL;
	if (p) {
		char line[PULL_ROW_TEXT_MAX];
		for (size_t i = 0; i < p->nrows && row < height; i++, row++) {
			const struct pull_row *r = &p->rows[i];
			pull_row_text(r, line, sizeof(line));
			int tw = cols > 60 ? cols - 24 : cols;
			draw_text(w, y + row, 1, line, tw - 1, draw_attr(r->phase == PULL_PHASE_COMPLETE ||
				  r->phase == PULL_PHASE_EXISTS ? ROLE_DIM : ROLE_NORMAL));
			if (tw < cols && r->kind == PULL_ROW_LAYER && r->size > 0) {
				int pct = (int)((r->phase >= PULL_PHASE_EXTRACTING ? r->extracted : r->downloaded) * 100 / r->size);
				if (r->phase == PULL_PHASE_COMPLETE || r->phase == PULL_PHASE_EXISTS)
					pct = 100;
				draw_progress_bar(w, y + row, tw, 22, pct, draw_attr(ROLE_BAR));
			}
		}
		char buf[512];
		if (row < height && p->digest) {
			snprintf(buf, sizeof(buf), "Digest: %s", p->digest);
			draw_text(w, y + row++, 1, buf, cols - 2, draw_attr(ROLE_NORMAL));
		}
		if (row < height && p->status) {
			snprintf(buf, sizeof(buf), "Status: %s", p->status);
			draw_text(w, y + row++, 1, buf, cols - 2, draw_attr(ROLE_NOTE));
		}
	}
	const char *texts[] = { j->result, j->error };
	for (int t = 0; t < 2; t++) {
		const char *s = texts[t];
		if (p && t == 0)
			continue;	/* a pull's result is its rows */
		while (*s && row < height) {
			size_t len = strcspn(s, "\n");
			char *line = xstrndup(s, len);
			draw_text(w, y + row++, 1, line, cols - 2, draw_attr(t ? ROLE_ERROR : ROLE_NORMAL));
			free(line);
			s += len;
			if (*s == '\n')
				s++;
		}
	}
}

void
jobs_view_draw(struct jobs_view *v, WINDOW *w, int y, int height, long long now)
{
	int cols = getmaxx(w);
	size_t n = v->jobs->njobs;
	static const struct { const char *title; int width; } head[] = {
		{ N_("JOB"), 5 }, { N_("KIND"), 8 }, { N_("TARGET"), 34 }, { N_("STATE"), 11 },
		{ N_("ELAPSED"), 9 }, { N_("PROGRESS / RESULT"), 0 },
	};
	int x = 0;
	for (size_t c = 0; c < sizeof(head) / sizeof(head[0]) && x < cols; c++) {
		int cw = head[c].width ? (head[c].width < cols - x ? head[c].width : cols - x) : cols - x;
		draw_text(w, y, x, _(head[c].title), cw, draw_attr(ROLE_HEADER));
		x += cw;
	}
	if (n == 0) {
		for (int i = 1; i < height; i++)
			draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
		if (height > 2)
			draw_wrapped(w, y + 2, 2, height - 2, cols - 4,
				     _("No jobs yet. In the Images panel: p pulls, t tags, d removes, P cleans up."),
				     draw_attr(ROLE_DIM));
		return;
	}
	int list_h = (height - 1) / 2;
	if (list_h < 1)
		list_h = 1;
	if ((size_t)list_h > n)
		list_h = (int)n;
	view_scroll(&v->cursor, &v->top, n, list_h);
	for (int i = 0; i < list_h; i++) {
		size_t idx = v->top + (size_t)i;
		struct job *j = job_at(v, idx);
		if (j)
			draw_job_row(w, y + 1 + i, j, idx == v->cursor, now);
		else
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
	}
	int dy = y + 1 + list_h;
	if (dy < y + height)
		draw_text(w, dy, 0, "", cols, draw_attr(ROLE_HEADER));
	draw_detail(v, w, dy + 1, y + height - dy - 1, jobs_view_selected(v));
}

enum reaction
jobs_view_action(struct jobs_view *v, enum action a, int page)
{
	size_t n = v->jobs->njobs;
	size_t step = page > 1 ? (size_t)page : 1;
	switch (a) {
	case ACT_DOWN:
		if (v->cursor + 1 < n)
			v->cursor++;
		return REACT_REDRAW;
	case ACT_UP:
		if (v->cursor > 0)
			v->cursor--;
		return REACT_REDRAW;
	case ACT_PAGE_DOWN:
		v->cursor = n && v->cursor + step < n ? v->cursor + step : (n ? n - 1 : 0);
		return REACT_REDRAW;
	case ACT_PAGE_UP:
		v->cursor = v->cursor > step ? v->cursor - step : 0;
		return REACT_REDRAW;
	case ACT_FIRST:
		v->cursor = 0;
		return REACT_REDRAW;
	case ACT_LAST:
		v->cursor = n ? n - 1 : 0;
		return REACT_REDRAW;
	default:
		return REACT_NONE;
	}
}
