#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "format.h"
#include "i18n.h"
#include "reference.h"
#include "registry.h"
#include "registries_view.h"
#include "registry_auth.h"
#include "registry_creds.h"
#include "sanitize.h"
#include "search.h"
#include "search_view.h"
#include "sort_cols.h"
#include "session.h"
#include "strv.h"
#include "table.h"
#include "tasks.h"
#include "view.h"
#include "xalloc.h"

enum search_level { SEARCH_RESULTS, SEARCH_TAGS, SEARCH_MANIFEST, SEARCH_PLATFORM, SEARCH_LEVELS };

struct search_view {
	struct view base;
	enum search_level level;
	struct search_query query;
	bool searched;
	bool loading[SEARCH_LEVELS];
	char *error[SEARCH_LEVELS];
	struct list_pos pos[SEARCH_LEVELS];
	struct search_results results;
	enum search_sort sort;
	bool sort_reverse;	/* O */
	int header_x[5], header_w[5];	/* where the results' header drew each column (for a click) */
	int list_rows;		/* rows of the list on screen, under the header (for a click) */
	struct registry_ref repo;
	bool have_repo;
	char **tags;
	size_t ntags;
	bool tags_cut;			/* the registry has more than REGISTRY_TAGS_MAX: the first shown */
	char *reference;		/* the tag or digest the manifest level shows */
	struct manifest manifest;	/* an index, or a single-platform image */
	bool have_manifest;
	struct manifest platform;	/* the manifest of the platform chosen in the index */
	bool have_platform;
};

#define SV(v) ((struct search_view *)(v))
enum { SLOT_FETCH };

static void
free_tags(struct search_view *v)
{
	strv_free(v->tags, v->ntags);
	v->tags = NULL;
	v->ntags = 0;
	v->tags_cut = false;
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

static void
set_error(struct search_view *v, enum search_level l, const char *error)
{
	free(v->error[l]);
	v->error[l] = error ? xstrdup(error) : NULL;
	v->loading[l] = false;
}

static void
searching(struct search_view *v)
{
	v->level = SEARCH_RESULTS;
	v->searched = true;
	v->loading[SEARCH_RESULTS] = true;
	free(v->error[SEARCH_RESULTS]);
	v->error[SEARCH_RESULTS] = NULL;
}

static void
set_results(struct search_view *v, struct search_results *r, const char *error)
{
	search_results_free(&v->results);
	memset(&v->results, 0, sizeof(v->results));
	if (r) {
		v->results = *r;
		memset(r, 0, sizeof(*r));
		search_sort_dir(&v->results, v->sort, v->sort_reverse);
	}
	v->pos[SEARCH_RESULTS].cursor = v->pos[SEARCH_RESULTS].top = 0;
	set_error(v, SEARCH_RESULTS, error);
}

static void
open_repo_level(struct search_view *v, struct registry_ref *ref)
{
	if (v->have_repo)
		registry_ref_free(&v->repo);
	v->repo = *ref;
	memset(ref, 0, sizeof(*ref));
	v->have_repo = true;
	free_tags(v);
	v->level = SEARCH_TAGS;
	v->pos[SEARCH_TAGS].cursor = v->pos[SEARCH_TAGS].top = 0;
	set_error(v, SEARCH_TAGS, NULL);
	v->loading[SEARCH_TAGS] = true;
}

/* Version order, as people number tags: 1, 2, 10, 1.9 before 1.10 (strverscmp); the bytes break
 * a tie, so the order never depends on the registry's. */
static int
cmp_tag(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int c = strverscmp(x, y);
	return c ? c : strcmp(x, y);
}

/* 100000 as "100,000". */
static void
thousands(char *buf, size_t n, size_t v)
{
	char digits[32];
	int nd = snprintf(digits, sizeof(digits), "%zu", v);
	size_t k = 0;
	for (int i = 0; i < nd && k + 2 < n; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
}

static void
set_tags(struct search_view *v, char **tags, size_t n, bool cut, const char *error)
{
	free_tags(v);
	v->tags_cut = cut;
	/* Registries list tags in their own order (often the push order): sort them. */
	if (n > 1)
		qsort(tags, n, sizeof(*tags), cmp_tag);
	v->tags = tags;
	v->ntags = n;
	set_error(v, SEARCH_TAGS, error);
}

static void
open_manifest(struct search_view *v, const char *reference)
{
	drop_manifest(v);
	free(v->reference);
	v->reference = xstrdup(reference);
	v->level = SEARCH_MANIFEST;
	v->pos[SEARCH_MANIFEST].cursor = v->pos[SEARCH_MANIFEST].top = 0;
	set_error(v, SEARCH_MANIFEST, NULL);
	v->loading[SEARCH_MANIFEST] = true;
}

static void
set_manifest(struct search_view *v, struct manifest *m, const char *error)
{
	drop_manifest(v);
	if (m) {
		v->manifest = *m;
		memset(m, 0, sizeof(*m));
		v->have_manifest = true;
	}
	set_error(v, SEARCH_MANIFEST, error);
}

static void
open_platform(struct search_view *v)
{
	if (v->have_platform)
		manifest_free(&v->platform);
	v->have_platform = false;
	v->level = SEARCH_PLATFORM;
	v->pos[SEARCH_PLATFORM].cursor = v->pos[SEARCH_PLATFORM].top = 0;
	set_error(v, SEARCH_PLATFORM, NULL);
	v->loading[SEARCH_PLATFORM] = true;
}

static void
set_platform(struct search_view *v, struct manifest *m, const char *error)
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

static const struct search_result *
selected_result(const struct search_view *v)
{
	size_t c = v->pos[SEARCH_RESULTS].cursor;
	return c < v->results.n ? &v->results.v[c] : NULL;
}

static const char *
selected_tag(const struct search_view *v)
{
	size_t c = v->pos[SEARCH_TAGS].cursor;
	return c < v->ntags ? v->tags[c] : NULL;
}

static const struct manifest_platform *
selected_platform(const struct search_view *v)
{
	if (!v->have_manifest || v->manifest.kind != MANIFEST_INDEX)
		return NULL;
	size_t c = v->pos[SEARCH_MANIFEST].cursor;
	return c < v->manifest.nplatforms ? &v->manifest.platforms[c] : NULL;
}

/* What p pulls here: "name:tag" on a tag, "name@digest" on a platform or a manifest. */
static char *
pull_ref(const struct search_view *v)
{
	if (!v->have_repo)
		return NULL;
	switch (v->level) {
	case SEARCH_TAGS: {
		const char *tag = selected_tag(v);
		return tag ? xasprintf("%s:%s", v->repo.display, tag) : NULL;
	}
	case SEARCH_MANIFEST: {
		const struct manifest_platform *p = selected_platform(v);
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

static bool cmd_query(struct view *view);
static bool cmd_open_repo(struct view *view);

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

/* A row of cells laid out with docker's tabwriter rule over given widths (0: not shown). */
static void
draw_cells(WINDOW *w, int y, const char *const *cells, const int *width, int n, attr_t attr)
{
	int x = 0, cols = getmaxx(w), last = table_last(width, n);
	for (int c = 0; c < n && x < cols; c++) {
		if (!width[c])
			continue;
		int cw = c == last ? cols - x : (width[c] < cols - x ? width[c] : cols - x);
		int content = c == last ? cw : cw - TABLE_PADDING;
		draw_text(w, y, x, cells[c], content > 0 ? content : cw, attr);
		if (content > 0 && content < cw)
			draw_text(w, y, x + content, "", cw - content, attr);
		x += cw;
	}
	if (x < cols)
		draw_fill(w, y, x, attr);
}

/* A narrow screen drops AUTOMATED (docker search no longer prints it) first and cuts
 * DESCRIPTION to what docker prints; NAME, which names the repository, gives way last. */
enum { RC_NAME, RC_DESC, RC_STARS, RC_OFFICIAL, RC_AUTOMATED, RC_COUNT };
static const struct table_step result_steps[] = {
	{ RC_DESC, TABLE_CUT, 45 },
	{ RC_AUTOMATED, TABLE_DROP, 0 },
	{ RC_DESC, TABLE_CUT, 30 },
	{ RC_NAME, TABLE_CUT, 20 },
	{ RC_DESC, TABLE_CUT, 20 },
	{ RC_OFFICIAL, TABLE_DROP, 0 },
	{ RC_DESC, TABLE_CUT, 10 },
	{ RC_NAME, TABLE_CUT, 10 },
};

/* The footer under the results: a rule, then the selected description wrapped. */
#define DESCRIPTION_FOOTER 4

/* The results' columns, the order each sorts by, and the sorts' names for the header. */
static const char *const result_titles[] = {
	N_("NAME"), N_("DESCRIPTION"), N_("STARS"), N_("OFFICIAL"), N_("AUTOMATED"),
};
static const int column_sort[] = {
	SEARCH_SORT_NAME, SEARCH_SORT_DESCRIPTION, SEARCH_SORT_STARS, SEARCH_SORT_OFFICIAL, SEARCH_SORT_AUTOMATED,
};
static const char *const sort_names[SEARCH_SORT_COUNT] = {
	[SEARCH_SORT_STARS] = N_("stars"), [SEARCH_SORT_NAME] = N_("name"),
	[SEARCH_SORT_DESCRIPTION] = N_("description"), [SEARCH_SORT_OFFICIAL] = N_("official"),
	[SEARCH_SORT_AUTOMATED] = N_("automated"),
};

/* Name and description read A to Z; stars, official and automated most first. */
static bool
sort_descending(const struct search_view *v)
{
	bool down = v->sort != SEARCH_SORT_NAME && v->sort != SEARCH_SORT_DESCRIPTION;
	return down != v->sort_reverse;
}

static void
draw_results(struct search_view *v, WINDOW *w, int y, int height)
{
	char heads[RC_COUNT][96];
	const char *titles[RC_COUNT];
	for (int c = 0; c < RC_COUNT; c++) {
		snprintf(heads[c], sizeof(heads[c]), "%s%s", _(result_titles[c]),
			 column_sort[c] == (int)v->sort ? draw_sort_mark(sort_descending(v)) : "");
		titles[c] = heads[c];
	}
	int content[RC_COUNT], width[RC_COUNT], cols = getmaxx(w);
	/* OFFICIAL and AUTOMATED when a row has [OK] there */
	bool shown[RC_COUNT] = { true, true, true, false, false };
	for (int c = 0; c < RC_COUNT; c++)
		content[c] = text_width(titles[c]);
	char stars[32];
	for (size_t i = 0; i < v->results.n; i++) {
		const struct search_result *r = &v->results.v[i];
		char *tmp = NULL;
		const char *desc = search_description_cell(r, v->query.no_trunc, &tmp);
		int nw = text_width(r->name), dw = text_width(desc);
		free(tmp);
		snprintf(stars, sizeof(stars), "%lld", r->stars);
		if (nw > content[RC_NAME])
			content[RC_NAME] = nw;
		if (dw > content[RC_DESC])
			content[RC_DESC] = dw;
		if ((int)strlen(stars) > content[RC_STARS])
			content[RC_STARS] = (int)strlen(stars);
		shown[RC_OFFICIAL] = shown[RC_OFFICIAL] || r->official;
		shown[RC_AUTOMATED] = shown[RC_AUTOMATED] || r->automated;
	}
	table_fit(content, shown, RC_COUNT, getmaxx(w), result_steps,
		  sizeof(result_steps) / sizeof(result_steps[0]), width);
	draw_cells(w, y, titles, width, 5, draw_attr(ROLE_HEADER));
	for (int c = 0, x = 0, last = table_last(width, RC_COUNT); c < RC_COUNT; c++) {
		v->header_x[c] = x;
		v->header_w[c] = !width[c] ? 0 : c == last ? cols - x : width[c];
		x += width[c];
	}
	/* Below the rows, the selected one's description whole, as History shows CREATED BY. */
	int footer = height > 10 ? DESCRIPTION_FOOTER : 0;
	int rows = height - 1 - footer;
	v->list_rows = rows;
	v->pos[SEARCH_RESULTS].n = v->results.n;
	list_clamp(&v->pos[SEARCH_RESULTS], rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->pos[SEARCH_RESULTS].top + (size_t)i;
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
			   draw_attr(idx == v->pos[SEARCH_RESULTS].cursor ? ROLE_SELECTED : ROLE_NORMAL));
		free(tmp);
	}
	if (!footer)
		return;
	int fy = y + 1 + rows;
	draw_text(w, fy, 0, "", cols, draw_attr(ROLE_HEADER));
	for (int i = 1; i < footer; i++)
		draw_fill(w, fy + i, 0, draw_attr(ROLE_NORMAL));
	const struct search_result *sel = selected_result(v);
	if (sel && sel->description && sel->description[0])
		draw_wrapped(w, fy + 1, 1, footer - 1, cols - 2, sel->description, draw_attr(ROLE_NORMAL));
	else if (sel)
		draw_text(w, fy + 1, 1, _("(no description)"), cols - 2, draw_attr(ROLE_DIM));
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
		width[c] = table_width(width[c], false);
	draw_cells(w, y, titles, width, ncols, draw_attr(ROLE_HEADER));
	int rows = height - 1;
	v->list_rows = rows;
	v->pos[l].n = n;
	list_clamp(&v->pos[l], rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = v->pos[l].top + (size_t)i;
		if (idx >= n) {
			draw_fill(w, y + 1 + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		const char *cells[6];
		char bufs[6][256];
		for (int c = 0; c < ncols; c++)
			cells[c] = cell(v, idx, c, bufs[c], sizeof(bufs[c]));
		draw_cells(w, y + 1 + i, cells, width, ncols, draw_attr(idx == v->pos[l].cursor ? ROLE_SELECTED : ROLE_NORMAL));
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

static bool
search_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct search_view *v = SV(view);
	int cols = getmaxx(w);
	if (height < 3)
		return true;
	/* The header says where you are and what was asked. */
	char head[1024];
	switch (v->level) {
	case SEARCH_RESULTS: {
		char *cmd = search_query_command(&v->query);
		snprintf(head, sizeof(head), " %s   %s %s%s", cmd, _("sort:"), _(sort_names[v->sort]),
			 v->sort_reverse ? _(", reversed") : "");
		free(cmd);
		break;
	}
	case SEARCH_TAGS:
		if (v->tags_cut) {
			char n[32];
			thousands(n, sizeof(n), v->ntags);
			/* TRANSLATORS: the registry has more tags than budu keeps; %s is how many it
			 * shows, "100,000" */
			char *words = xasprintf(_("first %s tags shown"), n);
			snprintf(head, sizeof(head), " %s  (%s)", v->repo.display, words);
			free(words);
		} else
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
		return true;
	}
	if (v->error[l]) {
		draw_note(w, y, height, v->error[l], ROLE_ERROR);
		return true;
	}
	switch (l) {
	case SEARCH_RESULTS:
		if (!v->searched) {
			char query[32], repo[32], msg[512];
			view_key_of(view, cmd_query, query, sizeof(query));
			view_key_of(view, cmd_open_repo, repo, sizeof(repo));
			snprintf(msg, sizeof(msg), _("%s searches Docker Hub (or host:port/term a registry's index); %s opens a repository by name."),
				 query, repo);
			draw_note(w, y, height, msg, ROLE_DIM);
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
	return true;
}

/* ---- fetches: searches through the engine (so its registry configuration applies), tags
 * and manifests from the repository's registry. A newer fetch supersedes the one in flight. */

enum fetch_what { FETCH_SEARCH, FETCH_TAGS, FETCH_MANIFEST, FETCH_PLATFORM };

struct search_fetch {
	struct fetch base;
	enum fetch_what what;
	char *path;			/* FETCH_SEARCH */
	struct registry_ref ref;	/* the others */
	char *reference;
	/* results */
	struct search_results results;
	char **tags;
	size_t ntags;
	bool tags_cut;
	struct manifest manifest;
	bool have_manifest;
	char *error;
	bool wants_login;		/* the registry answered 401: offer the login */
	bool lacks_access;		/* 403: the account logged in may not have this */
};

/* Plain HTTP only where docker allows it: loopback, or what the engine marks insecure. */
static bool
insecure_for(struct engine *e, const char *host, struct cancel *c)
{
	struct engine_response r = engine_request(e, "GET", "/info", NULL, c);
	bool insecure = registry_is_insecure(host, r.status == ENGINE_OK && r.http_status == 200 ? r.body : NULL);
	engine_response_free(&r);
	return insecure;
}

static void
take_error(struct search_fetch *f, struct registry_error *err)
{
	f->error = err->message ? xstrdup(err->message) : xstrdup(_("The registry did not answer"));
	registry_error_free(err);
}

static void
fetch_run(struct fetch *base)
{
	struct search_fetch *f = (struct search_fetch *)base;
	struct registry_error err = { 0 };
	switch (f->what) {
	case FETCH_SEARCH: {
		struct engine_response r = engine_request(base->engine, "GET", f->path, NULL, &base->cancel);
		if (r.status == ENGINE_OK && r.http_status == 200)
			search_parse(r.body, r.len, &f->results, &f->error);
		else
			f->error = xstrdup(r.error ? r.error : _("The engine did not answer"));
		engine_response_free(&r);
		break;
	}
	case FETCH_TAGS:
	case FETCH_MANIFEST:
	case FETCH_PLATFORM: {
		/* The login saved for this registry, if any: private repositories browse too. */
		struct registry_creds creds = { 0 };
		char *cerr = NULL;
		registry_auth_lookup(NULL, f->ref.host, &creds, &cerr);
		free(cerr);
		bool insecure = insecure_for(base->engine, f->ref.host, &base->cancel);
		bool ok;
		if (f->what == FETCH_TAGS)
			ok = registry_tags_auth(&f->ref, insecure, &creds, &base->cancel, &f->tags, &f->ntags,
						&f->tags_cut, &err);
		else
			ok = f->have_manifest = registry_manifest_auth(&f->ref, f->reference, insecure, &creds,
								       &base->cancel, &f->manifest, &err);
		f->wants_login = !ok && err.http_status == 401;
		f->lacks_access = !ok && err.http_status == 403;
		if (!ok)
			take_error(f, &err);
		registry_creds_free(&creds);
		break;
	}
	}
}

static void
fetch_apply(struct fetch *base, void *owner)
{
	struct search_fetch *f = (struct search_fetch *)base;
	struct search_view *v = owner;
	if (f->wants_login) {
		/* Say which registry wants a login, and where to give it (the keys, on this thread). */
		char *msg = registries_login_hint(v->base.app, f->error ? f->error : "unauthorized", f->ref.host);
		free(f->error);
		f->error = msg;
		registries_offer_login(v->base.app, f->ref.host, f->error);
	} else if (f->lacks_access) {
		/* a login is no help here: another account might be */
		char *msg = registries_access_hint(v->base.app, f->error ? f->error : "denied", f->ref.host);
		free(f->error);
		f->error = msg;
	}
	switch (f->what) {
	case FETCH_SEARCH:
		set_results(v, f->error ? NULL : &f->results, f->error);
		break;
	case FETCH_TAGS:
		set_tags(v, f->tags, f->ntags, f->tags_cut, f->error);
		f->tags = NULL;
		f->ntags = 0;
		break;
	case FETCH_MANIFEST:
		set_manifest(v, f->have_manifest ? &f->manifest : NULL, f->error);
		f->have_manifest = false;
		break;
	case FETCH_PLATFORM:
		set_platform(v, f->have_manifest ? &f->manifest : NULL, f->error);
		f->have_manifest = false;
		break;
	}
}

static void
fetch_release(struct fetch *base)
{
	struct search_fetch *f = (struct search_fetch *)base;
	search_results_free(&f->results);
	strv_free(f->tags, f->ntags);
	if (f->have_manifest)
		manifest_free(&f->manifest);
	registry_ref_free(&f->ref);
	free(f->reference);
	free(f->path);
	free(f->error);
	free(f);
}

static const struct fetch_ops search_fetch_ops = { fetch_run, fetch_apply, fetch_release };

static struct search_fetch *
fetch_new(enum fetch_what what, const struct registry_ref *ref, const char *reference)
{
	struct search_fetch *f = xcalloc(1, sizeof(*f));
	f->what = what;
	if (ref) {
		f->ref.host = xstrdup(ref->host);
		f->ref.repo = xstrdup(ref->repo);
		f->ref.display = xstrdup(ref->display);
	}
	if (reference)
		f->reference = xstrdup(reference);
	return f;
}

static void
post(struct search_view *v, struct search_fetch *f)
{
	app_fetch(&v->base, SLOT_FETCH, &f->base, &search_fetch_ops);
}

static void
run_search(struct search_view *v)
{
	struct search_fetch *f = fetch_new(FETCH_SEARCH, NULL, NULL);
	f->path = search_query_path(&v->query);
	searching(v);
	post(v, f);
}

static bool
query_accept(void *ctx, const char *input, char **err)
{
	struct search_view *v = ctx;
	/* Typed options (or a pasted docker search line) say everything: start from none. A bare
	 * term keeps the filters set with f. */
	const char *p = input;
	while (*p == ' ')
		p++;
	if (*p == '-' || strstr(p, " -") || strncmp(p, "docker ", 7) == 0) {
		search_query_free(&v->query);
		search_query_init(&v->query);
	}
	if (!search_query_parse(input, &v->query, err))
		return false;
	if (!v->query.term || !*v->query.term) {
		*err = xstrdup(_("What to search for? Type a term, e.g. nginx"));
		return false;
	}
	run_search(v);
	return true;
}

/* After the filters prompt: the same term, with the options as the prompt now has them. */
static bool
filters_accept(void *ctx, const char *input, char **err)
{
	struct search_view *v = ctx;
	if (!search_query_parse_filters(input, &v->query, err))
		return false;
	if (v->query.term && *v->query.term) {
		run_search(v);
	} else {
		/* Nothing searched yet: a bare term at / keeps them. */
		char key[32];
		view_key_of(&v->base, cmd_query, key, sizeof(key));
		app_message(v->base.app, false, _("Filters set: the next search (%s) uses them"), key);
	}
	return true;
}

static bool
open_repo(struct search_view *v, const char *name, char **err)
{
	struct registry_ref ref;
	if (!registry_ref_parse(name, &ref, err))
		return false;
	struct search_fetch *f = fetch_new(FETCH_TAGS, &ref, NULL);
	open_repo_level(v, &ref);
	post(v, f);
	return true;
}

static bool
repo_accept(void *ctx, const char *input, char **err)
{
	return open_repo(ctx, input, err);
}

/* ---- commands ------------------------------------------------------------------------ */

static bool
cmd_query(struct view *view)
{
	static const struct prompt_ops ops = { query_accept, NULL, NULL };
	app_prompt(view->app, _("Search: "), SV(view)->query.term, &ops, view);
	return true;
}

static bool
cmd_filters(struct view *view)
{
	static const struct prompt_ops ops = { filters_accept, NULL, NULL };
	/* A one-line form in docker search's own words, what people know already: the options
	 * only, as the term stays as it is. */
	struct search_query opts = SV(view)->query;
	opts.term = NULL;
	char *cmd = search_query_command(&opts);
	const char *initial = strncmp(cmd, "docker search", 13) == 0 ? cmd + 13 : cmd;
	while (*initial == ' ')
		initial++;
	app_prompt(view->app, _("Filters (--filter stars=N --filter is-official=true --limit N): "), initial, &ops, view);
	free(cmd);
	return true;
}

static bool
cmd_open_repo(struct view *view)
{
	static const struct prompt_ops ops = { repo_accept, NULL, NULL };
	app_prompt(view->app, _("Repository (host[:port]/path): "), NULL, &ops, view);
	return true;
}

/* o, >, <: the next (step 1) or previous (-1) column, in its own direction. */
static bool
sort_step(struct view *view, int step)
{
	struct search_view *v = SV(view);
	int c = sort_cols_column(column_sort, 5, (int)v->sort, 2);
	v->sort = (enum search_sort)column_sort[sort_cols_step(column_sort, 5, c, step, NULL)];
	v->sort_reverse = false;
	search_sort_dir(&v->results, v->sort, v->sort_reverse);
	return true;
}

static bool cmd_sort(struct view *view) { return sort_step(view, 1); }
static bool cmd_sort_prev(struct view *view) { return sort_step(view, -1); }

static bool
cmd_sort_reverse(struct view *view)
{
	struct search_view *v = SV(view);
	v->sort_reverse = !v->sort_reverse;
	search_sort_dir(&v->results, v->sort, v->sort_reverse);
	return true;
}

static bool cmd_enter(struct view *view);
static bool search_sort_by(struct view *view, const char *name, int reverse);

/* Under the query line, a header, then the rows: a click on the results' header sorts, on a
 * row selects it, twice opens it. */
static bool
search_click(struct view *view, int y, int x, int count)
{
	struct search_view *v = SV(view);
	enum search_level l = v->level;
	if (v->loading[l] || v->error[l] || (l == SEARCH_RESULTS && !v->searched))
		return true;
	if (y == 1 && l == SEARCH_RESULTS) {
		for (int c = 0; c < 5; c++)
			if (v->header_w[c] && x >= v->header_x[c] && x < v->header_x[c] + v->header_w[c])
				search_sort_by(view, result_titles[c], -1);
		return true;
	}
	size_t idx = v->pos[l].top + (size_t)(y - 2);
	if (y < 2 || y - 2 >= v->list_rows || idx >= level_rows(v, l))
		return true;
	v->pos[l].cursor = idx;
	if (count > 1)
		cmd_enter(view);
	return true;
}

static bool
search_sort_by(struct view *view, const char *name, int reverse)
{
	struct search_view *v = SV(view);
	int c = sort_cols_find(column_sort, result_titles, 5, name);
	if (c < 0)
		return false;
	v->sort_reverse = sort_cols_reverse((int)v->sort, v->sort_reverse, column_sort[c], reverse);
	v->sort = (enum search_sort)column_sort[c];
	search_sort_dir(&v->results, v->sort, v->sort_reverse);
	return true;
}

static bool
cmd_trunc(struct view *view)
{
	SV(view)->query.no_trunc = !SV(view)->query.no_trunc;
	return true;
}

/* Enter: one level deeper from the selected row. */
static bool
cmd_enter(struct view *view)
{
	struct search_view *v = SV(view);
	enum search_level l = v->level;
	char *err = NULL;
	if (v->loading[l])
		return true;
	switch (l) {
	case SEARCH_RESULTS: {
		const struct search_result *r = selected_result(v);
		if (!r)
			break;
		/* A result of a registry's own index (host:port/term) lives in that registry. */
		const char *term = v->query.term;
		const char *slash = term ? strchr(term, '/') : NULL;
		char *name;
		if (slash && reference_is_domain(term, (size_t)(slash - term)) &&
		    strncmp(r->name, term, (size_t)(slash - term)) != 0)
			name = xasprintf("%.*s/%s", (int)(slash - term), term, r->name);
		else
			name = xstrdup(r->name);
		open_repo(v, name, &err);
		free(name);
		break;
	}
	case SEARCH_TAGS: {
		const char *tag = selected_tag(v);
		if (!tag)
			break;
		struct search_fetch *f = fetch_new(FETCH_MANIFEST, &v->repo, tag);
		open_manifest(v, tag);
		post(v, f);
		break;
	}
	case SEARCH_MANIFEST: {
		/* A single-platform image shows its layers already: nothing deeper. */
		const struct manifest_platform *p = selected_platform(v);
		if (!p)
			break;
		struct search_fetch *f = fetch_new(FETCH_PLATFORM, &v->repo, p->digest);
		open_platform(v);
		post(v, f);
		break;
	}
	default:
		break;
	}
	if (err) {
		app_message(view->app, true, "%s", err);
		free(err);
	}
	return true;
}

/* BACK goes up a level; from the results it is the app's (the panel before). */
static bool
cmd_up(struct view *view)
{
	struct search_view *v = SV(view);
	if (v->level == SEARCH_RESULTS)
		return false;
	fetch_cancel(&view->slot[SLOT_FETCH]);
	v->loading[v->level] = false;
	v->level = (enum search_level)(v->level - 1);
	return true;
}

static bool
cmd_pull(struct view *view)
{
	char *ref = pull_ref(SV(view));
	if (!ref) {
		char open[32], pull[32];
		view_request_word(view, REQ_ENTER, open, sizeof(open));
		view_named_key(view, "pull", pull, sizeof(pull));
		app_message(view->app, false, _("Open a repository's tag first (%s), then %s pulls it"), open, pull);
		return true;
	}
	char *err = NULL;
	if (!task_pull(app_tasks(view->app), ref, &err)) {
		app_message(view->app, true, "%s", err);
		free(err);
	}
	free(ref);
	return true;
}

/* y: the row's key: the result's name; at the deeper levels what p would pull (name:tag,
 * name@digest). Y: the row as docker prints it. */
static bool
cmd_copy_key(struct view *view)
{
	struct search_view *v = SV(view);
	const struct search_result *r = v->level == SEARCH_RESULTS ? selected_result(v) : NULL;
	if (v->level == SEARCH_RESULTS)
		app_copy(view->app, r ? xstrdup(r->name) : NULL, _("name"));
	else
		app_copy(view->app, pull_ref(v), _("reference"));
	return true;
}

static bool
cmd_copy_row(struct view *view)
{
	struct search_view *v = SV(view);
	enum search_level l = v->level;
	size_t c = v->pos[l].cursor;
	if (v->loading[l] || v->error[l] || c >= level_rows(v, l)) {
		app_copy(view->app, NULL, _("row"));
		return true;
	}
	if (l == SEARCH_RESULTS) {
		const struct search_result *r = &v->results.v[c];
		char stars[32];
		snprintf(stars, sizeof(stars), "%lld", r->stars);
		const char *cells[] = { r->name, r->description ? r->description : "", stars,
					r->official ? "[OK]" : "", r->automated ? "[OK]" : "" };
		app_copy_row(view->app, cells, NULL, 5, _("row"));
		return true;
	}
	const char *(*cell)(struct search_view *, size_t, int, char *, size_t) =
		l == SEARCH_TAGS ? tag_cell
		: l == SEARCH_MANIFEST && v->manifest.kind == MANIFEST_INDEX ? platform_cell : layer_cell;
	int n = l == SEARCH_TAGS ? 1 : l == SEARCH_MANIFEST && v->manifest.kind == MANIFEST_INDEX ? 4 : 3;
	char bufs[4][256];
	const char *cells[4];
	for (int k = 0; k < n; k++)
		cells[k] = cell(v, c, k, bufs[k], sizeof(bufs[k]));
	app_copy_row(view->app, cells, NULL, n, _("row"));
	return true;
}

static const struct view_key search_keys[] = {
	{ 0, REQ_FILTER, cmd_query, N_("Search: a term, with docker search's options"), N_("search"), NULL },
	{ 'f', 0, cmd_filters, N_("Filters: --filter stars=N, is-official=true, --limit N"), N_("filters"), "filters" },
	{ 0, REQ_SORT, cmd_sort, N_("Sort the results by the next column (the header marks it)"), NULL, NULL },
	{ 0, REQ_SORT_PREV, cmd_sort_prev, N_("Sort by the previous column"), NULL, NULL },
	{ 0, REQ_SORT_REVERSE, cmd_sort_reverse, N_("Reverse the sort order"), NULL, NULL },
	{ 'T', 0, cmd_trunc, N_("Full descriptions or cut (--no-trunc)"), NULL, "trunc" },
	{ 'r', 0, cmd_open_repo, N_("Open a repository by name (host[:port]/path): its tags"), N_("repository"), "open-repo" },
	{ 0, REQ_ENTER, cmd_enter, N_("Open the selected row: its tags, a tag's platforms, a platform's layers"),
	  N_("opens"), NULL },
	{ 'p', 0, cmd_pull, N_("Pull this tag or platform (by digest)"), N_("pulls"), "pull" },
	{ 0, REQ_COPY, cmd_copy_key, N_("Copy the name, or the reference a pull would take, to the clipboard"), NULL, NULL },
	{ 0, REQ_COPY_ALT, cmd_copy_row, N_("Copy the row as docker prints it"), NULL, NULL },
	{ 0, REQ_BACK, cmd_up, N_("Up a level: layers, platforms, tags, results"), NULL, NULL },
};

static const struct keytable search_table = KEYTABLE("search", N_("Search"), search_keys);
static const struct keytable *const search_tables[] = { &search_table, NULL };

/* ---- the view ------------------------------------------------------------------------- */

/* R asks again what the level on screen shows; the panel opens with the query prompt. */
static void
search_refresh(struct view *view, unsigned why)
{
	struct search_view *v = SV(view);
	if ((why & VIEW_REFRESH_OPEN) && !v->searched) {
		cmd_query(view);
		return;
	}
	if (!(why & VIEW_REFRESH_USER))
		return;
	switch (v->level) {
	case SEARCH_RESULTS:
		if (v->searched && v->query.term)
			run_search(v);
		break;
	case SEARCH_TAGS: {
		struct search_fetch *f = fetch_new(FETCH_TAGS, &v->repo, NULL);
		v->loading[SEARCH_TAGS] = true;
		post(v, f);
		break;
	}
	case SEARCH_MANIFEST: {
		struct search_fetch *f = fetch_new(FETCH_MANIFEST, &v->repo, v->reference);
		v->loading[SEARCH_MANIFEST] = true;
		post(v, f);
		break;
	}
	default:
		if (v->have_platform && v->platform.digest) {
			struct search_fetch *f = fetch_new(FETCH_PLATFORM, &v->repo, v->platform.digest);
			v->loading[SEARCH_PLATFORM] = true;
			post(v, f);
		}
		break;
	}
}

static struct list_pos *
search_pos(struct view *view)
{
	struct search_view *v = SV(view);
	v->pos[v->level].n = level_rows(v, v->level);
	return &v->pos[v->level];
}

/* What the level on screen holds. */
static void
search_status(struct view *view, struct strbuf *sb)
{
	struct search_view *v = SV(view);
	enum search_level l = v->level;
	if (l >= SEARCH_LEVELS || v->loading[l] || v->error[l])
		return;
	size_t n = level_rows(v, l);
	switch (v->level) {
	case SEARCH_RESULTS:
		if (v->searched)
			sb_printf(sb, ngettext("%zu result", "%zu results", n), n);
		break;
	case SEARCH_TAGS:
		sb_printf(sb, ngettext("%zu tag", "%zu tags", n), n);
		break;
	case SEARCH_MANIFEST:
		if (v->have_manifest && v->manifest.kind == MANIFEST_INDEX) {
			sb_printf(sb, ngettext("%zu platform", "%zu platforms", n), n);
			break;
		}
		/* fall through */
	default:
		sb_printf(sb, ngettext("%zu layer", "%zu layers", n), n);
		break;
	}
}

static void
search_free(struct view *view)
{
	struct search_view *v = SV(view);
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

const struct view_ops search_view_ops = {
	.name = N_("Search"),
	.tables = search_tables,
	.reload = search_refresh,
	.draw = search_draw,
	.pos = search_pos,
	.status = search_status,
	.sort_by = search_sort_by,
	.click = search_click,
	.free = search_free,
};

struct view *
search_view_new(struct app *app)
{
	struct search_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &search_view_ops, app);
	search_query_init(&v->query);
	return &v->base;
}
