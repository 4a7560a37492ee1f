#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "format.h"
#include "i18n.h"
#include "sanitize.h"
#include "search_view.h"
#include "xalloc.h"

#define TAB_PADDING 3
#define TAB_MINWIDTH 10

struct search_view {
	enum search_level level;
	struct search_query query;
	bool searched;
	bool loading[SEARCH_LEVELS];
	char *error[SEARCH_LEVELS];
	size_t cursor[SEARCH_LEVELS], top[SEARCH_LEVELS];
	struct search_results results;
	enum search_sort sort;
	struct registry_ref repo;
	bool have_repo;
	char **tags;
	size_t ntags;
	char *reference;		/* the tag or digest the manifest level shows */
	struct manifest manifest;	/* an index, or a single-platform image */
	bool have_manifest;
	struct manifest platform;	/* the manifest of the platform chosen in the index */
	bool have_platform;
};

struct search_view *
search_view_new(void)
{
	struct search_view *v = xcalloc(1, sizeof(*v));
	search_query_init(&v->query);
	return v;
}

static void
free_tags(struct search_view *v)
{
	for (size_t i = 0; i < v->ntags; i++)
		free(v->tags[i]);
	free(v->tags);
	v->tags = NULL;
	v->ntags = 0;
}

static void
drop_manifest(struct search_view *v)
{
	if (v->have_manifest)
		manifest_free(&v->manifest);
	v->have_manifest = false;
	if (v->have_platform)
		manifest_free(&v->platform);
	v->have_platform = false;
}

void
search_view_free(struct search_view *v)
{
	if (!v)
		return;
	search_query_free(&v->query);
	search_results_free(&v->results);
	if (v->have_repo)
		registry_ref_free(&v->repo);
	free_tags(v);
	drop_manifest(v);
	free(v->reference);
	for (int i = 0; i < SEARCH_LEVELS; i++)
		free(v->error[i]);
	free(v);
}

enum search_level
search_view_level(const struct search_view *v)
{
	return v->level;
}

struct search_query *
search_view_query(struct search_view *v)
{
	return &v->query;
}

bool
search_view_searched(const struct search_view *v)
{
	return v->searched;
}

static void
set_error(struct search_view *v, enum search_level l, const char *error)
{
	free(v->error[l]);
	v->error[l] = error ? xstrdup(error) : NULL;
	v->loading[l] = false;
}

void
search_view_searching(struct search_view *v)
{
	v->level = SEARCH_RESULTS;
	v->searched = true;
	v->loading[SEARCH_RESULTS] = true;
	free(v->error[SEARCH_RESULTS]);
	v->error[SEARCH_RESULTS] = NULL;
}

void
search_view_set_results(struct search_view *v, struct search_results *r, const char *error)
{
	search_results_free(&v->results);
	memset(&v->results, 0, sizeof(v->results));
	if (r) {
		v->results = *r;
		memset(r, 0, sizeof(*r));
		search_sort(&v->results, v->sort);
	}
	v->cursor[SEARCH_RESULTS] = v->top[SEARCH_RESULTS] = 0;
	set_error(v, SEARCH_RESULTS, error);
}

void
search_view_open_repo(struct search_view *v, struct registry_ref *ref)
{
	if (v->have_repo)
		registry_ref_free(&v->repo);
	v->repo = *ref;
	memset(ref, 0, sizeof(*ref));
	v->have_repo = true;
	free_tags(v);
	v->level = SEARCH_TAGS;
	v->cursor[SEARCH_TAGS] = v->top[SEARCH_TAGS] = 0;
	set_error(v, SEARCH_TAGS, NULL);
	v->loading[SEARCH_TAGS] = true;
}

static int
cmp_tag(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
search_view_set_tags(struct search_view *v, char **tags, size_t n, const char *error)
{
	free_tags(v);
	/* Registries list tags in their own order (often the push order): sort them. */
	if (n > 1)
		qsort(tags, n, sizeof(*tags), cmp_tag);
	v->tags = tags;
	v->ntags = n;
	set_error(v, SEARCH_TAGS, error);
}

void
search_view_open_manifest(struct search_view *v, const char *reference)
{
	drop_manifest(v);
	free(v->reference);
	v->reference = xstrdup(reference);
	v->level = SEARCH_MANIFEST;
	v->cursor[SEARCH_MANIFEST] = v->top[SEARCH_MANIFEST] = 0;
	set_error(v, SEARCH_MANIFEST, NULL);
	v->loading[SEARCH_MANIFEST] = true;
}

void
search_view_set_manifest(struct search_view *v, struct manifest *m, const char *error)
{
	drop_manifest(v);
	if (m) {
		v->manifest = *m;
		memset(m, 0, sizeof(*m));
		v->have_manifest = true;
	}
	set_error(v, SEARCH_MANIFEST, error);
}

void
search_view_open_platform(struct search_view *v)
{
	if (v->have_platform)
		manifest_free(&v->platform);
	v->have_platform = false;
	v->level = SEARCH_PLATFORM;
	v->cursor[SEARCH_PLATFORM] = v->top[SEARCH_PLATFORM] = 0;
	set_error(v, SEARCH_PLATFORM, NULL);
	v->loading[SEARCH_PLATFORM] = true;
}

void
search_view_set_platform(struct search_view *v, struct manifest *m, const char *error)
{
	if (v->have_platform)
		manifest_free(&v->platform);
	v->have_platform = false;
	if (m) {
		v->platform = *m;
		memset(m, 0, sizeof(*m));
		v->have_platform = true;
	}
	set_error(v, SEARCH_PLATFORM, error);
}

const struct search_result *
search_view_selected_result(const struct search_view *v)
{
	size_t c = v->cursor[SEARCH_RESULTS];
	return c < v->results.n ? &v->results.v[c] : NULL;
}

const struct registry_ref *
search_view_repo(const struct search_view *v)
{
	return v->have_repo ? &v->repo : NULL;
}

const char *
search_view_selected_tag(const struct search_view *v)
{
	size_t c = v->cursor[SEARCH_TAGS];
	return c < v->ntags ? v->tags[c] : NULL;
}

const struct manifest_platform *
search_view_selected_platform(const struct search_view *v)
{
	if (!v->have_manifest || v->manifest.kind != MANIFEST_INDEX)
		return NULL;
	size_t c = v->cursor[SEARCH_MANIFEST];
	return c < v->manifest.nplatforms ? &v->manifest.platforms[c] : NULL;
}

char *
search_view_pull_ref(const struct search_view *v)
{
	if (!v->have_repo)
		return NULL;
	switch (v->level) {
	case SEARCH_TAGS: {
		const char *tag = search_view_selected_tag(v);
		return tag ? xasprintf("%s:%s", v->repo.display, tag) : NULL;
	}
	case SEARCH_MANIFEST: {
		const struct manifest_platform *p = search_view_selected_platform(v);
		if (p)
			return xasprintf("%s@%s", v->repo.display, p->digest);
		return v->have_manifest && v->manifest.digest ? xasprintf("%s@%s", v->repo.display, v->manifest.digest) : NULL;
	}
	case SEARCH_PLATFORM:
		return v->have_platform && v->platform.digest ? xasprintf("%s@%s", v->repo.display, v->platform.digest) : NULL;
	default:
		return NULL;
	}
}

/* ---- drawing ---------------------------------------------------------------------- */

static size_t
level_rows(const struct search_view *v, enum search_level l)
{
	switch (l) {
	case SEARCH_RESULTS: return v->results.n;
	case SEARCH_TAGS: return v->ntags;
	case SEARCH_MANIFEST:
		if (!v->have_manifest)
			return 0;
		return v->manifest.kind == MANIFEST_INDEX ? v->manifest.nplatforms : v->manifest.nlayers;
	case SEARCH_PLATFORM: return v->have_platform ? v->platform.nlayers : 0;
	default: return 0;
	}
}

/* A row of cells laid out with docker's tabwriter rule over given widths. */
static void
draw_cells(WINDOW *w, int y, const char *const *cells, const int *width, int n, attr_t attr)
{
	int x = 0, cols = getmaxx(w);
	for (int c = 0; c < n && x < cols; c++) {
		int cw = c == n - 1 ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
		int content = c == n - 1 ? cw : cw - TAB_PADDING;
		draw_text(w, y, x, cells[c], content > 0 ? content : cw, attr);
		if (content > 0 && content < cw)
			draw_text(w, y, x + content, "", cw - content, attr);
		x += cw;
	}
	if (x < cols)
		draw_fill(w, y, x, attr);
}

static int
col_width(int content)
{
	return content + TAB_PADDING > TAB_MINWIDTH ? content + TAB_PADDING : TAB_MINWIDTH;
}

static void
draw_results(struct search_view *v, WINDOW *w, int y, int height)
{
	const char *titles[] = { _("NAME"), _("DESCRIPTION"), _("STARS"), _("OFFICIAL"), _("AUTOMATED") };
	int width[5];
	for (int c = 0; c < 5; c++)
		width[c] = text_width(titles[c]);
	char stars[32];
	for (size_t i = 0; i < v->results.n; i++) {
		const struct search_result *r = &v->results.v[i];
		char *tmp = NULL;
		const char *desc = search_description_cell(r, v->query.no_trunc, &tmp);
		int nw = text_width(r->name), dw = text_width(desc);
		free(tmp);
		snprintf(stars, sizeof(stars), "%lld", r->stars);
		if (nw > width[0])
			width[0] = nw;
		if (dw > width[1])
			width[1] = dw;
		if ((int)strlen(stars) > width[2])
			width[2] = (int)strlen(stars);
	}
	for (int c = 0; c < 4; c++)
		width[c] = col_width(width[c]);
	/* The description gives way first on a narrow terminal. */
	int total = width[0] + width[1] + width[2] + width[3] + width[4];
	int cols = getmaxx(w);
	if (total > cols && width[1] > 20)
		width[1] -= total - cols < width[1] - 20 ? total - cols : width[1] - 20;
	draw_cells(w, y, titles, width, 5, draw_attr(ROLE_HEADER));
	int rows = height - 1;
	view_scroll(&v->cursor[SEARCH_RESULTS], &v->top[SEARCH_RESULTS], v->results.n, rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->top[SEARCH_RESULTS] + (size_t)i;
		if (idx >= v->results.n) {
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const struct search_result *r = &v->results.v[idx];
		char *tmp = NULL;
		const char *desc = search_description_cell(r, v->query.no_trunc, &tmp);
		snprintf(stars, sizeof(stars), "%lld", r->stars);
		const char *cells[] = { r->name, desc, stars, r->official ? "[OK]" : "", r->automated ? "[OK]" : "" };
		draw_cells(w, y + 1 + i, cells, width, 5,
			   draw_attr(idx == v->cursor[SEARCH_RESULTS] ? ROLE_SELECTED : ROLE_NORMAL));
		free(tmp);
	}
}

static void
draw_list(struct search_view *v, WINDOW *w, int y, int height, enum search_level l,
	  const char *const *titles, int ncols, const char *(*cell)(struct search_view *, size_t, int, char *, size_t))
{
	size_t n = level_rows(v, l);
	int width[6] = { 0 };
	char buf[256];
	for (int c = 0; c < ncols; c++)
		width[c] = text_width(titles[c]);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < ncols; c++) {
			int tw = text_width(cell(v, i, c, buf, sizeof(buf)));
			if (tw > width[c])
				width[c] = tw;
		}
	for (int c = 0; c < ncols - 1; c++)
		width[c] = col_width(width[c]);
	draw_cells(w, y, titles, width, ncols, draw_attr(ROLE_HEADER));
	int rows = height - 1;
	view_scroll(&v->cursor[l], &v->top[l], n, rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->top[l] + (size_t)i;
		if (idx >= n) {
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const char *cells[6];
		char bufs[6][256];
		for (int c = 0; c < ncols; c++)
			cells[c] = cell(v, idx, c, bufs[c], sizeof(bufs[c]));
		draw_cells(w, y + 1 + i, cells, width, ncols, draw_attr(idx == v->cursor[l] ? ROLE_SELECTED : ROLE_NORMAL));
	}
}

static const char *
tag_cell(struct search_view *v, size_t i, int c, char *buf, size_t n)
{
	(void)c;
	(void)buf;
	(void)n;
	return v->tags[i];
}

static const char *
platform_cell(struct search_view *v, size_t i, int c, char *buf, size_t n)
{
	const struct manifest_platform *p = &v->manifest.platforms[i];
	switch (c) {
	case 0:
		snprintf(buf, n, "%s/%s%s%s", p->os, p->architecture, p->variant[0] ? "/" : "", p->variant);
		return buf;
	case 1: return p->digest;
	case 2:
		format_size(buf, n, p->size);
		return buf;
	default: return p->media_type;
	}
}

static const struct manifest *
layer_source(struct search_view *v)
{
	return v->level == SEARCH_PLATFORM ? &v->platform : &v->manifest;
}

static const char *
layer_cell(struct search_view *v, size_t i, int c, char *buf, size_t n)
{
	const struct manifest_layer *l = &layer_source(v)->layers[i];
	switch (c) {
	case 0: return l->digest;
	case 1:
		format_size(buf, n, l->size);
		return buf;
	default: return l->media_type;
	}
}

static void
draw_note(WINDOW *w, int y, int height, const char *msg, enum role role)
{
	for (int i = 0; i < height; i++)
		draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
	if (height > 1)
		draw_wrapped(w, y + 1, 2, height - 1, getmaxx(w) - 4, msg, draw_attr(role));
}

void
search_view_draw(struct search_view *v, WINDOW *w, int y, int height)
{
	int cols = getmaxx(w);
	if (height < 3)
		return;
	/* The header says where you are and what was asked. */
	char head[1024];
	switch (v->level) {
	case SEARCH_RESULTS: {
		char *cmd = search_query_command(&v->query);
		snprintf(head, sizeof(head), " %s   %s %s", cmd, _("sort:"),
			 v->sort == SEARCH_SORT_STARS ? _("stars") : _("name"));
		free(cmd);
		break;
	}
	case SEARCH_TAGS:
		snprintf(head, sizeof(head), " %s  (%zu %s)", v->repo.display, v->ntags, _("tags from the registry"));
		break;
	case SEARCH_MANIFEST:
		snprintf(head, sizeof(head), " %s:%s  %s", v->repo.display, v->reference ? v->reference : "",
			 v->have_manifest && v->manifest.kind == MANIFEST_INDEX ? _("image index: one manifest per platform")
			 : _("manifest"));
		break;
	default:
		snprintf(head, sizeof(head), " %s@%s  %s", v->repo.display,
			 v->have_platform && v->platform.digest ? v->platform.digest : "", _("platform manifest"));
		break;
	}
	draw_text(w, y, 0, head, cols, draw_attr(ROLE_NOTE));
	y++;
	height--;
	enum search_level l = v->level;
	if (v->loading[l]) {
		draw_note(w, y, height, _("Asking…"), ROLE_NOTE);
		return;
	}
	if (v->error[l]) {
		draw_note(w, y, height, v->error[l], ROLE_ERROR);
		return;
	}
	switch (l) {
	case SEARCH_RESULTS:
		if (!v->searched) {
			draw_note(w, y, height, _("/ searches Docker Hub (or host:port/term a registry's index); r opens a repository by name."), ROLE_DIM);
		} else if (!v->results.n) {
			draw_note(w, y, height, _("No repository matches."), ROLE_DIM);
		} else {
			draw_results(v, w, y, height);
		}
		break;
	case SEARCH_TAGS: {
		const char *t[] = { _("TAG") };
		if (!v->ntags)
			draw_note(w, y, height, _("This repository has no tags."), ROLE_DIM);
		else
			draw_list(v, w, y, height, l, t, 1, tag_cell);
		break;
	}
	case SEARCH_MANIFEST:
		if (v->have_manifest && v->manifest.kind == MANIFEST_INDEX) {
			const char *t[] = { _("PLATFORM"), _("DIGEST"), _("SIZE"), _("MEDIA TYPE") };
			draw_list(v, w, y, height, l, t, 4, platform_cell);
			break;
		}
		/* A single-platform image shows its manifest directly. */
		/* fall through */
	case SEARCH_PLATFORM: {
		const struct manifest *m = layer_source(v);
		char line[512], size[32];
		format_size(size, sizeof(size), m->total_size);
		snprintf(line, sizeof(line), " %s %s (%lld B)   %s %zu, %s", _("config"), m->config_digest ? m->config_digest : "",
			 m->config_size, _("layers"), m->nlayers, size);
		draw_text(w, y, 0, line, cols, draw_attr(ROLE_NORMAL));
		const char *t[] = { _("LAYER"), _("SIZE"), _("MEDIA TYPE") };
		draw_list(v, w, y + 1, height - 1, l, t, 3, layer_cell);
		break;
	}
	default:
		break;
	}
}

enum reaction
search_view_action(struct search_view *v, enum action a, int page)
{
	enum search_level l = v->level;
	size_t n = level_rows(v, l);
	size_t *cur = &v->cursor[l];
	size_t step = page > 1 ? (size_t)page : 1;
	switch (a) {
	case ACT_DOWN:
		if (*cur + 1 < n)
			(*cur)++;
		return REACT_REDRAW;
	case ACT_UP:
		if (*cur > 0)
			(*cur)--;
		return REACT_REDRAW;
	case ACT_PAGE_DOWN:
		*cur = n && *cur + step < n ? *cur + step : (n ? n - 1 : 0);
		return REACT_REDRAW;
	case ACT_PAGE_UP:
		*cur = *cur > step ? *cur - step : 0;
		return REACT_REDRAW;
	case ACT_FIRST:
		*cur = 0;
		return REACT_REDRAW;
	case ACT_LAST:
		*cur = n ? n - 1 : 0;
		return REACT_REDRAW;
	case ACT_SEARCH_SORT:
		v->sort = v->sort == SEARCH_SORT_STARS ? SEARCH_SORT_NAME : SEARCH_SORT_STARS;
		search_sort(&v->results, v->sort);
		return REACT_REDRAW;
	case ACT_SEARCH_TRUNC:
		v->query.no_trunc = !v->query.no_trunc;
		return REACT_REDRAW;
	case ACT_OPEN:
		if (!n || v->loading[l])
			return REACT_NONE;
		if (l == SEARCH_MANIFEST && !(v->have_manifest && v->manifest.kind == MANIFEST_INDEX))
			return REACT_NONE;	/* layers: nothing deeper */
		return l == SEARCH_PLATFORM ? REACT_NONE : REACT_OPEN;
	case ACT_BACK:
		if (l == SEARCH_RESULTS)
			return REACT_BACK;
		v->level = (enum search_level)(l - 1);
		return REACT_REDRAW;
	default:
		return REACT_NONE;
	}
}
