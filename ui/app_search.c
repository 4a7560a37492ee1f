/* The Search panel's work: searches through the engine (so its registry configuration
 * applies), and a repository's tags and manifests from its registry. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_private.h"
#include "i18n.h"
#include "registry.h"
#include "search.h"
#include "xalloc.h"

/* Every fetch of the panel: one kind of job, told apart by `what`. */
enum fetch_what { FETCH_SEARCH, FETCH_TAGS, FETCH_MANIFEST, FETCH_PLATFORM };

struct search_fetch {
	enum fetch_what what;
	unsigned gen;
	struct engine *engine;
	char *path;			/* FETCH_SEARCH */
	struct registry_ref ref;	/* the others */
	char *reference;
	/* results */
	struct search_results results;
	char **tags;
	size_t ntags;
	struct manifest manifest;
	bool have_manifest;
	char *error;
	struct cancel cancel;		/* a newer fetch, or quitting, stops this one */
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

static void *
fetch_run(void *arg)
{
	struct search_fetch *f = arg;
	struct registry_error err = { 0 };
	switch (f->what) {
	case FETCH_SEARCH: {
		struct engine_response r = engine_request(f->engine, "GET", f->path, NULL, &f->cancel);
		if (r.status == ENGINE_OK && r.http_status == 200)
			search_parse(r.body, r.len, &f->results, &f->error);
		else
			f->error = xstrdup(r.error ? r.error : _("The engine did not answer"));
		engine_response_free(&r);
		break;
	}
	case FETCH_TAGS:
		if (!registry_tags(&f->ref, insecure_for(f->engine, f->ref.host, &f->cancel), &f->cancel,
				   &f->tags, &f->ntags, &err))
			take_error(f, &err);
		break;
	case FETCH_MANIFEST:
	case FETCH_PLATFORM:
		if (registry_manifest(&f->ref, f->reference, insecure_for(f->engine, f->ref.host, &f->cancel),
				      &f->cancel, &f->manifest, &err))
			f->have_manifest = true;
		else
			take_error(f, &err);
		break;
	}
	return f;
}

static void
fetch_done(void *arg, void *result, bool cancelled)
{
	struct search_fetch *f = arg;
	(void)result;
	struct app *app = the_app;
	if (!cancelled && app->search_fetch == f)
		app->search_fetch = NULL;
	if (!cancelled && f->gen == app->search_gen) {
		struct search_view *v = app->search_view;
		switch (f->what) {
		case FETCH_SEARCH:
			search_view_set_results(v, f->error ? NULL : &f->results, f->error);
			break;
		case FETCH_TAGS:
			search_view_set_tags(v, f->tags, f->ntags, f->error);
			f->tags = NULL;
			f->ntags = 0;
			break;
		case FETCH_MANIFEST:
			search_view_set_manifest(v, f->have_manifest ? &f->manifest : NULL, f->error);
			f->have_manifest = false;
			break;
		case FETCH_PLATFORM:
			search_view_set_platform(v, f->have_manifest ? &f->manifest : NULL, f->error);
			f->have_manifest = false;
			break;
		}
	}
	search_results_free(&f->results);
	for (size_t i = 0; i < f->ntags; i++)
		free(f->tags[i]);
	free(f->tags);
	if (f->have_manifest)
		manifest_free(&f->manifest);
	registry_ref_free(&f->ref);
	free(f->reference);
	free(f->path);
	free(f->error);
	cancel_destroy(&f->cancel);
	free(f);
}

static struct search_fetch *
fetch_new(struct app *app, enum fetch_what what)
{
	struct search_fetch *f = xcalloc(1, sizeof(*f));
	f->what = what;
	f->engine = app->engine;
	/* A newer fetch supersedes an older one still running: stop that one. */
	f->gen = ++app->search_gen;
	cancel_init(&f->cancel);
	if (app->search_fetch)
		cancel_request(&app->search_fetch->cancel);
	app->search_fetch = f;
	return f;
}

static bool
copy_ref(struct registry_ref *dst, const struct registry_ref *src)
{
	dst->host = xstrdup(src->host);
	dst->repo = xstrdup(src->repo);
	dst->display = xstrdup(src->display);
	return true;
}

void
search_run(struct app *app, const char *input, char **err)
{
	*err = NULL;
	struct search_query *q = search_view_query(app->search_view);
	/* Typed options (or a pasted docker search line) say everything: start from none. A bare
	 * term keeps the filters set with f. */
	const char *p = input;
	while (*p == ' ')
		p++;
	if (*p == '-' || strstr(p, " -") || strncmp(p, "docker ", 7) == 0) {
		search_query_free(q);
		search_query_init(q);
	}
	if (!search_query_parse(input, q, err))
		return;
	if (!q->term || !*q->term) {
		*err = xstrdup(_("What to search for? Type a term, e.g. nginx"));
		return;
	}
	struct search_fetch *f = fetch_new(app, FETCH_SEARCH);
	f->path = search_query_path(q);
	search_view_searching(app->search_view);
	worker_post(app->worker, fetch_run, fetch_done, f);
}

/* After the filters prompt: the same term, new options. */
void
search_refilter(struct app *app, const char *input, char **err)
{
	*err = NULL;
	struct search_query *q = search_view_query(app->search_view);
	if (!search_query_parse(input, q, err))
		return;
	if (!q->term)
		return;	/* nothing searched yet: the filters apply to the next search */
	struct search_fetch *f = fetch_new(app, FETCH_SEARCH);
	f->path = search_query_path(q);
	search_view_searching(app->search_view);
	worker_post(app->worker, fetch_run, fetch_done, f);
}

void
search_open_repo(struct app *app, const char *name, char **err)
{
	*err = NULL;
	struct registry_ref ref;
	if (!registry_ref_parse(name, &ref, err))
		return;
	struct search_fetch *f = fetch_new(app, FETCH_TAGS);
	copy_ref(&f->ref, &ref);
	search_view_open_repo(app->search_view, &ref);
	worker_post(app->worker, fetch_run, fetch_done, f);
}

/* Enter: one level deeper from the selected row. */
void
search_open_selected(struct app *app)
{
	struct search_view *v = app->search_view;
	char *err = NULL;
	switch (search_view_level(v)) {
	case SEARCH_RESULTS: {
		const struct search_result *r = search_view_selected_result(v);
		if (!r)
			return;
		/* A result of a registry's own index (host:port/term) lives in that registry. */
		const struct search_query *q = search_view_query(v);
		const char *slash = q->term ? strchr(q->term, '/') : NULL;
		char *name = NULL;
		if (slash && (memchr(q->term, '.', (size_t)(slash - q->term)) || memchr(q->term, ':', (size_t)(slash - q->term)))
		    && strncmp(r->name, q->term, (size_t)(slash - q->term)) != 0)
			name = xasprintf("%.*s/%s", (int)(slash - q->term), q->term, r->name);
		else
			name = xstrdup(r->name);
		search_open_repo(app, name, &err);
		free(name);
		break;
	}
	case SEARCH_TAGS: {
		const char *tag = search_view_selected_tag(v);
		if (!tag)
			return;
		struct search_fetch *f = fetch_new(app, FETCH_MANIFEST);
		copy_ref(&f->ref, search_view_repo(v));
		f->reference = xstrdup(tag);
		search_view_open_manifest(v, tag);
		worker_post(app->worker, fetch_run, fetch_done, f);
		break;
	}
	case SEARCH_MANIFEST: {
		const struct manifest_platform *p = search_view_selected_platform(v);
		if (!p)
			return;
		struct search_fetch *f = fetch_new(app, FETCH_PLATFORM);
		copy_ref(&f->ref, search_view_repo(v));
		f->reference = xstrdup(p->digest);
		search_view_open_platform(v);
		worker_post(app->worker, fetch_run, fetch_done, f);
		break;
	}
	default:
		break;
	}
	if (err) {
		app_message(app, true, "%s", err);
		free(err);
	}
}

void
search_cancel(struct app *app)
{
	if (app->search_fetch)
		cancel_request(&app->search_fetch->cancel);
}
