/* The jobs a user starts: pull, tag, remove and prune (ui/tasks.h). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "tasks_internal.h"
#include "view.h"
#include "config_apply.h"
#include "disk_view.h"
#include "fetch.h"
#include "session.h"
#include "tasks.h"
#include "worker.h"
#include "format.h"
#include "i18n.h"
#include "image_layers.h"
#include "prune.h"
#include "pull_input.h"
#include "reference.h"
#include "registries_view.h"
#include "registry_auth.h"
#include "registry_digest.h"
#include "registry_creds.h"
#include "remove.h"
#include "sanitize.h"
#include "strbuf.h"
#include "strv.h"
#include "xalloc.h"

/* A message from a worker about job `id`. */
struct job_msg {
	struct tasks *t;
	unsigned id;
	char *line;		/* a pull's progress line */
	size_t len;
};

static struct job_msg *
job_msg_new(struct tasks *t, unsigned id)
{
	struct job_msg *m = xcalloc(1, sizeof(*m));
	m->t = t;
	m->id = id;
	return m;
}

static void
job_running(void *arg, void *result, bool cancelled)
{
	struct job_msg *m = arg;
	(void)result;
	if (!cancelled)
		joblist_set_state(&m->t->jobs, m->id, JOB_RUNNING, now_ms());
	free(m);
}

/* UI thread: a new job in the list, and the base of the task that runs it. */
void
task_base_init(struct tasks *t, struct task_base *b, enum job_kind kind, const char *target)
{
	b->t = t;
	b->id = joblist_add(&t->jobs, kind, target, now_ms());
	b->engine = engine_ref(session_engine(app_session(t->app)));
	struct job *j = joblist_find(&t->jobs, b->id);
	free(j->engine);
	j->engine = host_label(engine_host(b->engine));
	b->cancel = &j->cancel;
}

void
task_base_free(struct task_base *b)
{
	engine_free(b->engine);
}

/* Worker thread: false when the job was cancelled before it ran; else tells the UI it runs. */
bool
task_begin(const struct task_base *b)
{
	if (atomic_load(&b->cancel->cancelled))
		return false;
	worker_send(b->t->worker, job_running, job_msg_new(b->t, b->id));
	return true;
}

/* UI thread: the job's outcome. error NULL means done (with result, which may be NULL). */
void
task_finish(const struct task_base *b, bool cancelled, const char *error, const char *result)
{
	struct joblist *jobs = &b->t->jobs;
	if (result)
		joblist_set_result(jobs, b->id, result);
	if (error)
		joblist_set_error(jobs, b->id, error);
	joblist_set_state(jobs, b->id, cancelled ? JOB_CANCELLED : error ? JOB_FAILED : JOB_DONE, now_ms());
}

/* ---- pull ------------------------------------------------------------------------ */

struct pull_task {
	struct task_base b;
	char *path;
	char *image;		/* the name, for the registry's credentials */
	char *tag;		/* a tag pulled (not -a, not a digest): its digest is checked after */
	bool had_login;		/* a login went with it (worker thread, read once it is done) */
	struct engine_response r;
};

char *
task_registry_auth_for(const char *server)
{
	struct registry_creds c = { 0 };
	char *err = NULL, *header = NULL;
	if (registry_auth_lookup(NULL, server, &c, &err) == CREDS_FOUND) {
		char *key = docker_server_key(server);
		header = registry_auth_header(&c, key);
		free(key);
	}
	registry_creds_free(&c);
	free(err);
	return header;
}

char *
task_registry_of(const char *image)
{
	/* The registry is the name's first part when it is a host (docker's rule), else Docker Hub. */
	const char *slash = strchr(image, '/');
	return slash && reference_is_domain(image, (size_t)(slash - image))
		? xstrndup(image, (size_t)(slash - image)) : xstrdup("docker.io");
}

bool
task_wants_login(const char *error)
{
	/* the engine passes the registry's words on: a 401 of the registry's own, or the
	 * distribution client's "no basic auth credentials" (a 403 "denied" is no login problem) */
	return strstr(error, "unauthorized") || strstr(error, "no basic auth credentials") ||
	       strstr(error, "authentication required");
}

char *
task_registry_auth(const char *image)
{
	char *server = task_registry_of(image);
	char *header = task_registry_auth_for(server);
	free(server);
	return header;
}

const struct pull *
tasks_pull_model(const struct tasks *t, unsigned job_id)
{
	for (size_t i = 0; i < t->npulls; i++)
		if (t->pulls[i].job_id == job_id)
			return &t->pulls[i].pull;
	return NULL;
}

static void
pull_line_apply(void *arg, void *result, bool cancelled)
{
	struct job_msg *m = arg;
	(void)result;
	struct pull *p = cancelled ? NULL : (struct pull *)tasks_pull_model(m->t, m->id);
	if (p) {
		pull_feed(p, m->line, m->len);
		char summary[128];
		pull_summary(p, summary, sizeof(summary));
		joblist_set_progress(&m->t->jobs, m->id, pull_percent(p), summary);
	}
	free(m->line);
	free(m);
}

bool
task_pull_line(const char *line, size_t len, void *ctx)
{
	const struct task_base *b = ctx;
	struct job_msg *m = job_msg_new(b->t, b->id);
	m->line = xstrndup(line, len);
	m->len = len;
	worker_send(b->t->worker, pull_line_apply, m);
	return true;
}

void
tasks_add_pull_model(struct tasks *tk, unsigned job_id)
{
	tk->pulls = xrealloc(tk->pulls, (tk->npulls + 1) * sizeof(*tk->pulls));
	tk->pulls[tk->npulls].job_id = job_id;
	pull_init(&tk->pulls[tk->npulls].pull);
	tk->npulls++;
}

static void *
pull_run(void *arg)
{
	struct pull_task *t = arg;
	if (!task_begin(&t->b)) {
		t->r.status = ENGINE_CANCELLED;
		return t;
	}
	/* Closing the stream (cancel) makes the engine drop the pull. The login for the image's
	 * registry, if any, goes along (X-Registry-Auth): private repositories pull too. */
	char *auth = task_registry_auth(t->image);
	t->had_login = auth != NULL;
	t->r = engine_stream_auth(t->b.engine, "POST", t->path, auth, task_pull_line, &t->b, t->b.cancel);
	secret_free(auth);
	return t;
}

static void
pull_task_free(struct pull_task *t)
{
	engine_response_free(&t->r);
	task_base_free(&t->b);
	free(t->path);
	free(t->image);
	free(t->tag);
	free(t);
}

/* After a pull by tag: does the registry announce the digest the engine pulled? (A pull by
 * digest needs no such check: the engine verifies content against its address.) */
struct pull_verify {
	struct pull_task *t;
	char *digest;		/* what the engine said it pulled */
	char *text;		/* the job's result so far */
	char *registry_digest;	/* the answer, or NULL with error */
	struct registry_error error;
};

static void *
pull_verify_run(void *arg)
{
	struct pull_verify *pv = arg;
	struct engine *e = pv->t->b.engine;
	struct engine_response info = engine_request(e, "GET", "/info", NULL, pv->t->b.cancel);
	const char *body = info.status == ENGINE_OK && info.http_status == 200 ? info.body : NULL;
	pv->registry_digest = registry_tag_digest(pv->t->image, pv->t->tag, body, pv->t->b.cancel, &pv->error);
	engine_response_free(&info);
	return pv;
}

static void
pull_verify_done(void *arg, void *result, bool cancelled)
{
	struct pull_verify *pv = arg;
	(void)result;
	struct pull *p = cancelled ? NULL : (struct pull *)tasks_pull_model(pv->t->b.t, pv->t->b.id);
	if (p) {
		struct strbuf line = STRBUF_INIT;
		bool same = pv->registry_digest && strcmp(pv->registry_digest, pv->digest) == 0;
		if (same)
			sb_printf(&line, _("Verified: the registry announces this digest for %s"), pv->t->tag);
		else if (pv->registry_digest)
			sb_printf(&line, _("Not the registry's: it announces %s for %s now (the tag moved "
					   "during the pull?)"), pv->registry_digest, pv->t->tag);
		else
			sb_printf(&line, _("Not verified: %s"), pv->error.message ? pv->error.message
				  : _("The registry did not answer"));
		free(p->verdict);
		p->verdict = sanitize(line.buf);
		p->verdict_bad = !same;
		char *text = xasprintf("%s\n%s", pv->text, p->verdict);
		task_finish(&pv->t->b, false, NULL, text);
		free(text);
		sb_free(&line);
	}
	pull_task_free(pv->t);
	registry_error_free(&pv->error);
	free(pv->registry_digest);
	free(pv->digest);
	free(pv->text);
	free(pv);
}

static void
pull_done(void *arg, void *result, bool cancelled)
{
	struct pull_task *t = arg;
	(void)result;
	struct pull *p = cancelled ? NULL : (struct pull *)tasks_pull_model(t->b.t, t->b.id);
	if (p) {
		if (t->r.status == ENGINE_CANCELLED) {
			task_finish(&t->b, true, NULL, NULL);
		} else if (t->r.status != ENGINE_OK || t->r.http_status >= 400 || p->failed) {
			if (!p->failed)
				pull_fail(p, t->r.error ? t->r.error : _("The engine did not answer"));
			task_finish(&t->b, false, p->error, NULL);
			/* the registry's "denied" error code ("denied: requested access to the resource
			 * is denied" without a login, "denied: " and the token server's words for a 403
			 * with one): without a login, one is offered; with one, that account lacks access */
			bool denied = p->error && strstr(p->error, "denied: ");
			if (p->error && (task_wants_login(p->error) || (denied && !t->had_login))) {
				char *server = task_registry_of(t->image);
				registries_offer_login(t->b.t->app, server, p->error);
				free(server);
			} else if (denied) {
				char *server = task_registry_of(t->image);
				/* the engine's words stay in the Jobs panel; the status line is one line */
				char *msg = registries_access_hint(t->b.t->app, _("The registry refused the pull"),
								   server);
				app_message(t->b.t->app, true, "%s", msg);
				free(msg);
				free(server);
			}
		} else if (!p->done && !p->image_id) {
			/* Neither Docker's "Status: …" nor Podman's image ID, nor an error: the stream
			 * was closed early (a proxy, an engine restarting); the image may be missing. */
			pull_fail(p, _("The engine ended the pull without a result"));
			task_finish(&t->b, false, p->error, NULL);
		} else {
			pull_finish(p);
			struct strbuf sb = STRBUF_INIT;
			if (p->digest)
				sb_printf(&sb, "Digest: %s\n", p->digest);
			if (p->status)
				sb_printf(&sb, "Status: %s", p->status);
			char summary[128];
			pull_summary(p, summary, sizeof(summary));
			joblist_set_progress(&t->b.t->jobs, t->b.id, 100, summary);
			if (t->tag && p->digest) {
				struct pull_verify *pv = xcalloc(1, sizeof(*pv));
				pv->t = t;
				pv->digest = xstrdup(p->digest);
				pv->text = sb.buf ? sb_detach(&sb) : xstrdup("");
				worker_post(t->b.t->worker, pull_verify_run, pull_verify_done, pv);
				return;
			}
			task_finish(&t->b, false, NULL, sb.buf ? sb.buf : "");
			sb_free(&sb);
		}
	}
	pull_task_free(t);
}

bool
task_pull(struct tasks *tk, const char *input, char **err)
{
	struct pull_input in;
	*err = NULL;
	if (!pull_input_parse(input, PULL_INPUT_PULL, &in, err))
		return false;
	struct strbuf path = STRBUF_INIT;
	char *from = engine_escape(in.from_image);
	sb_printf(&path, "/images/create?fromImage=%s", from);
	free(from);
	/* No tag pulls every tag (-a); a digest goes in tag too. */
	if (in.tag && *in.tag) {
		char *tag = engine_escape(in.tag);
		sb_printf(&path, "&tag=%s", tag);
		free(tag);
	}
	if (in.platform && *in.platform) {
		char *platform = engine_escape(in.platform);
		sb_printf(&path, "&platform=%s", platform);
		free(platform);
	}
	struct pull_task *t = xcalloc(1, sizeof(*t));
	/* TARGET names the platform asked for: two pulls of one name differ by it */
	char *target = in.platform && *in.platform ? xasprintf("%s (%s)", in.display, in.platform)
						   : xstrdup(in.display);
	task_base_init(tk, &t->b, JOB_PULL, target);
	free(target);
	t->path = sb_detach(&path);
	t->image = xstrdup(in.from_image);
	/* a tag, not a digest (no ':' in a tag), on a registry (not Podman's localhost/) */
	if (in.tag && *in.tag && !strchr(in.tag, ':') && !reference_is_podman_local(in.from_image))
		t->tag = xstrdup(in.tag);
	tasks_add_pull_model(tk, t->b.id);
	worker_post(tk->worker, pull_run, pull_done, t);
	char key[32];
	app_key_word(tk->app, (enum request)(REQ_PANEL + PANEL_JOBS), key, sizeof(key));
	app_message(tk->app, false, _("Pulling %s: %s shows the Jobs panel"), in.display, key);
	pull_input_free(&in);
	return true;
}

/* ---- push ------------------------------------------------------------------------ */

struct push_task {
	struct task_base b;
	char *path;
	char *registry;		/* the domain, for its login */
	char *display;		/* what was pushed, for the message */
	char *tag_path;		/* task_tag_push: the docker tag request first; else NULL */
	struct engine_response r;
};

const struct push *
tasks_push_model(const struct tasks *t, unsigned job_id)
{
	for (size_t i = 0; i < t->npushes; i++)
		if (t->pushes[i].job_id == job_id)
			return &t->pushes[i].push;
	return NULL;
}

static void
push_line_apply(void *arg, void *result, bool cancelled)
{
	struct job_msg *m = arg;
	(void)result;
	struct push *p = cancelled ? NULL : (struct push *)tasks_push_model(m->t, m->id);
	if (p) {
		push_feed(p, m->line, m->len);
		char summary[128];
		push_summary(p, summary, sizeof(summary));
		joblist_set_progress(&m->t->jobs, m->id, push_percent(p), summary);
	}
	free(m->line);
	free(m);
}

static bool
push_line(const char *line, size_t len, void *ctx)
{
	const struct task_base *b = ctx;
	struct job_msg *m = job_msg_new(b->t, b->id);
	m->line = xstrndup(line, len);
	m->len = len;
	worker_send(b->t->worker, push_line_apply, m);
	return true;
}

static void *
push_run(void *arg)
{
	struct push_task *t = arg;
	if (!task_begin(&t->b)) {
		t->r.status = ENGINE_CANCELLED;
		return t;
	}
	if (t->tag_path) {
		/* tag first, in the same job: the push must not start before the tag exists */
		t->r = engine_request(t->b.engine, "POST", t->tag_path, NULL, t->b.cancel);
		if (t->r.status != ENGINE_OK || t->r.http_status >= 400)
			return t;
		engine_response_free(&t->r);
	}
	/* The engine wants X-Registry-Auth on every push: the saved login, or "{}" for none. */
	char *auth = task_registry_auth_for(t->registry);
	t->r = engine_stream_auth(t->b.engine, "POST", t->path, auth ? auth : "e30=", push_line, &t->b,
				  t->b.cancel);
	secret_free(auth);
	return t;
}

static void
push_done(void *arg, void *result, bool cancelled)
{
	struct push_task *t = arg;
	(void)result;
	struct push *p = cancelled ? NULL : (struct push *)tasks_push_model(t->b.t, t->b.id);
	if (p) {
		struct app *app = t->b.t->app;
		if (t->r.status == ENGINE_CANCELLED) {
			task_finish(&t->b, true, NULL, NULL);
		} else if (t->r.status != ENGINE_OK || t->r.http_status >= 400 || p->failed) {
			if (!p->failed)
				push_fail(p, t->r.error ? t->r.error : _("The engine did not answer"));
			task_finish(&t->b, false, p->error, NULL);
			/* A registry that wants a login says so, and the login is offered. */
			if (p->error && task_wants_login(p->error))
				registries_offer_login(app, t->registry, p->error);
			else
				app_message(app, true, "%s", p->error);
		} else {
			push_finish(p);
			struct strbuf sb = STRBUF_INIT;
			for (size_t i = 0; i < p->nresults; i++)
				sb_printf(&sb, "%s%s: digest: %s size: %lld", i ? "\n" : "", p->results[i].tag,
					  p->results[i].digest, (long long)p->results[i].size);
			joblist_set_progress(&t->b.t->jobs, t->b.id, 100, NULL);
			task_finish(&t->b, false, NULL, sb.buf ? sb.buf : "");
			char key[32];
			view_request_word(app_panel_root(app, PANEL_JOBS), REQ_COPY, key, sizeof(key));
			app_message(app, false, _("Pushed %s: %s (%s in the Jobs panel copies it)"),
				    t->display, p->digest ? p->digest : "", key);
			sb_free(&sb);
		}
	}
	engine_response_free(&t->r);
	task_base_free(&t->b);
	free(t->path);
	free(t->registry);
	free(t->display);
	free(t->tag_path);
	free(t);
}

/* task_push, and task_tag_push with image_id (NULL: no tag first). */
static bool
push_start(struct tasks *tk, const char *image_id, const char *ref, bool all_tags, char **err)
{
	struct push_target target;
	if (!push_target_parse(ref, all_tags, &target, err))
		return false;
	struct push_task *t = xcalloc(1, sizeof(*t));
	if (image_id) {
		char *repo = engine_escape(target.name), *tag = engine_escape(target.tag ? target.tag : "latest");
		t->tag_path = xasprintf("/images/%s/tag?repo=%s&tag=%s", image_id, repo, tag);
		free(repo);
		free(tag);
	}
	task_base_init(tk, &t->b, JOB_PUSH, target.display);
	t->path = xstrdup(target.path);
	t->registry = xstrdup(target.registry);
	t->display = xstrdup(target.display);
	tk->pushes = xrealloc(tk->pushes, (tk->npushes + 1) * sizeof(*tk->pushes));
	tk->pushes[tk->npushes].job_id = t->b.id;
	push_init(&tk->pushes[tk->npushes].push);
	tk->npushes++;
	worker_post(tk->worker, push_run, push_done, t);
	push_target_free(&target);
	return true;
}

bool
task_push(struct tasks *tk, const char *ref, bool all_tags, char **err)
{
	return push_start(tk, NULL, ref, all_tags, err);
}

bool
task_tag_push(struct tasks *tk, const char *image_id, const char *ref, char **err)
{
	return push_start(tk, image_id, ref, false, err);
}

/* ---- tag ------------------------------------------------------------------------- */

struct simple_task {
	struct task_base b;
	char *path;
	char *ok_text;
	struct engine_response r;
};

static void *
simple_run(void *arg)
{
	struct simple_task *t = arg;
	if (!task_begin(&t->b)) {
		t->r.status = ENGINE_CANCELLED;
		return t;
	}
	t->r = engine_request(t->b.engine, "POST", t->path, NULL, t->b.cancel);
	return t;
}

static void
simple_done(void *arg, void *result, bool cancelled)
{
	struct simple_task *t = arg;
	(void)result;
	if (!cancelled) {
		bool failed = t->r.status != ENGINE_OK || t->r.http_status >= 400;
		if (t->r.status == ENGINE_CANCELLED)
			task_finish(&t->b, true, NULL, NULL);
		else if (failed)
			task_finish(&t->b, false, t->r.error ? t->r.error : _("The engine did not answer"), NULL);
		else
			task_finish(&t->b, false, NULL, t->ok_text);
	}
	engine_response_free(&t->r);
	task_base_free(&t->b);
	free(t->path);
	free(t->ok_text);
	free(t);
}

bool
task_tag(struct tasks *tk, const char *image_id, const char *input, char **err)
{
	*err = NULL;
	struct pull_input in;
	if (!pull_input_parse(input, PULL_INPUT_TAG, &in, err))
		return false;
	char *repo = engine_escape(in.from_image), *tag = engine_escape(in.tag ? in.tag : "latest");
	struct simple_task *t = xcalloc(1, sizeof(*t));
	/* The short ID: what the user recognises from the list. */
	char shortid[16];
	format_short_id(shortid, sizeof(shortid), image_id);
	char *target = xasprintf("%s \xe2\x86\x92 %s", shortid, in.display);
	task_base_init(tk, &t->b, JOB_TAG, target);
	free(target);
	t->path = xasprintf("/images/%s/tag?repo=%s&tag=%s", image_id, repo, tag);
	t->ok_text = xasprintf(_("Tagged %s as %s"), shortid, in.display);
	free(repo);
	free(tag);
	worker_post(tk->worker, simple_run, simple_done, t);
	pull_input_free(&in);
	return true;
}

/* ---- remove ----------------------------------------------------------------------- */

struct remove_task {
	struct task_base b;
	char **refs;
	size_t nrefs;
	bool force, noprune;
	struct strbuf text;
	char *error;
	bool cancelled;
};

static void *
remove_task_run(void *arg)
{
	struct remove_task *t = arg;
	if (!task_begin(&t->b)) {
		t->cancelled = true;
		return t;
	}
	/* One DELETE per reference, in order, as docker image rm does; a failure does not stop
	 * the rest, and every message is kept. */
	for (size_t i = 0; i < t->nrefs; i++) {
		if (atomic_load(&t->b.cancel->cancelled)) {
			t->cancelled = true;
			break;
		}
		struct remove_result r;
		remove_run(t->b.engine, t->refs[i], t->force, t->noprune, t->b.cancel, &r);
		if (r.text && *r.text) {
			if (t->text.len)
				sb_putc(&t->text, '\n');
			sb_puts(&t->text, r.text);
		}
		if (r.error) {
			char *e = t->error ? xasprintf("%s\n%s", t->error, r.error) : xstrdup(r.error);
			free(t->error);
			t->error = e;
		}
		remove_result_free(&r);
	}
	return t;
}

static void
remove_task_done(void *arg, void *result, bool cancelled)
{
	struct remove_task *t = arg;
	(void)result;
	if (!cancelled) {
		struct app *app = t->b.t->app;
		task_finish(&t->b, t->cancelled, t->error, t->text.buf ? t->text.buf : "");
		/* A conflict needs force: say how, the dialog shows who uses the image. */
		if (t->error && strstr(t->error, "conflict"))
		{
			char key[32];
			config_key_of("images", "remove", key, sizeof(key));
			app_message(app, true, _("%s (%s, then f, forces it)"), t->error, key);
		}
		else if (t->error)
			app_message(app, true, "%s", t->error);
	}
	strv_free(t->refs, t->nrefs);
	sb_free(&t->text);
	task_base_free(&t->b);
	free(t->error);
	free(t);
}

void
tasks_describe_removal(const struct remove_plan *plan, struct dialog *d)
{
	dialog_add_line(d, plan->command);
	dialog_add_line(d, "");
	int effect_width = text_width(_("delete"));
	if (text_width(_("untag")) > effect_width)
		effect_width = text_width(_("untag"));
	for (size_t i = 0; i < plan->nitems; i++) {
		const struct remove_item *it = &plan->items[i];
		const char *effect = it->effect == REMOVE_DELETE ? _("delete") : _("untag");
		/* Pad by display width: the words are translated (Hangul takes two columns). */
		char cell[64];
		text_fit(cell, sizeof(cell), effect, effect_width, true);
		dialog_add_linef(d, "%s  %s", cell, it->arg);
		for (size_t u = 0; u < it->nusers; u++)
			dialog_add_linef(d, "        %s %s (%s)", _("used by container"), it->users[u].name,
					 it->users[u].state);
		if (it->block == REMOVE_NEEDS_FORCE)
			dialog_add_line(d, _("        needs force (f): a container uses it"));
	}
}

void
task_remove(struct tasks *tk, const struct remove_plan *plan, bool force, bool noprune)
{
	struct remove_task *t = xcalloc(1, sizeof(*t));
	t->refs = xcalloc(plan->nitems ? plan->nitems : 1, sizeof(*t->refs));
	for (size_t i = 0; i < plan->nitems; i++)
		t->refs[t->nrefs++] = xstrdup(plan->items[i].ref);
	char *target = plan->nitems == 1 ? xstrdup(plan->items[0].arg)
		: xasprintf(ngettext("%zu image", "%zu images", plan->nitems), plan->nitems);
	task_base_init(tk, &t->b, JOB_REMOVE, target);
	free(target);
	t->force = force;
	t->noprune = noprune;
	worker_post(tk->worker, remove_task_run, remove_task_done, t);
}

/* ---- prune ----------------------------------------------------------------------- */

static const struct { int64_t seconds; const char *go; } until_choices[] = {
	{ PRUNE_NO_UNTIL, NULL }, { 24 * 3600, "24h" }, { 7 * 24 * 3600, "168h" }, { 30 * 24 * 3600, "720h" },
};
#define NUNTIL ((int)(sizeof(until_choices) / sizeof(until_choices[0])))

struct prune_fetch {
	struct fetch base;
	struct image_list images;
	struct container_list containers;
	char *error;
};

static void
prune_fetch_run(struct fetch *f)
{
	struct prune_fetch *pf = (struct prune_fetch *)f;
	if (images_fetch(f->engine, true, &f->cancel, &pf->images, &pf->error) == ENGINE_OK)
		containers_fetch(f->engine, &f->cancel, &pf->containers, &pf->error);
}

static void prune_fill_dialog(struct tasks *tk);

static void
prune_fetch_apply(struct fetch *f, void *owner)
{
	struct prune_fetch *pf = (struct prune_fetch *)f;
	struct tasks *tk = owner;
	struct prune_state *ps = &tk->prune;
	if (pf->error) {
		app_message(tk->app, true, "%s", pf->error);
		return;
	}
	image_list_free(&ps->images);
	container_list_free(&ps->containers);
	ps->images = pf->images;
	ps->containers = pf->containers;
	memset(&pf->images, 0, sizeof(pf->images));
	memset(&pf->containers, 0, sizeof(pf->containers));
	/* The exact space needs every image's layers, intermediate ones too: learned in the
	 * background, the dialog filled again as they come (tasks_layers_learned). */
	session_learn_layers(app_session(tk->app), &ps->images);
	prune_fill_dialog(tk);
}

static void
prune_fetch_release(struct fetch *f)
{
	struct prune_fetch *pf = (struct prune_fetch *)f;
	image_list_free(&pf->images);
	container_list_free(&pf->containers);
	free(pf->error);
	free(pf);
}

static const struct fetch_ops prune_fetch_ops = { prune_fetch_run, prune_fetch_apply, prune_fetch_release };

void
task_prune_preview(struct tasks *tk)
{
	/* The preview needs intermediate images and containers: read them first. */
	struct prune_fetch *pf = xcalloc(1, sizeof(*pf));
	tk->prune.mode = PRUNE_DANGLING;
	tk->prune.until_choice = 0;
	app_message(tk->app, false, "%s", _("Preparing the preview of what goes…"));
	fetch_post(app_fetcher(tk->app), &tk->prune.slot, &pf->base, &prune_fetch_ops, tk,
		   session_engine(app_session(tk->app)));
}

struct prune_task {
	struct task_base b;
	enum prune_mode mode;
	int64_t until;
	struct prune_result r;
	bool ran;
};

static void *
prune_task_run(void *arg)
{
	struct prune_task *t = arg;
	if (!task_begin(&t->b))
		return t;
	prune_run(t->b.engine, t->mode, t->until, t->b.cancel, &t->r);
	t->ran = true;
	return t;
}

static void
prune_task_done(void *arg, void *result, bool cancelled)
{
	struct prune_task *t = arg;
	(void)result;
	if (!cancelled) {
		if (!t->ran || t->r.status == ENGINE_CANCELLED) {
			task_finish(&t->b, true, NULL, NULL);
		} else if (t->r.error) {
			task_finish(&t->b, false, t->r.error, NULL);
		} else {
			char *total = prune_reclaimed_line(t->r.reclaimed);
			char *text = t->r.text && *t->r.text ? xasprintf("%s\n%s", total, t->r.text) : xstrdup(total);
			task_finish(&t->b, false, NULL, text);
			app_message(t->b.t->app, false, "%s", total);
			disk_panel_pruned(t->b.t->app);
			free(total);
			free(text);
		}
	}
	if (t->ran)
		prune_result_free(&t->r);
	task_base_free(&t->b);
	free(t);
}

static void
prune_yes(void *ctx, struct dialog *d)
{
	struct tasks *tk = ctx;
	struct prune_state *ps = &tk->prune;
	(void)d;
	struct prune_task *t = xcalloc(1, sizeof(*t));
	t->mode = ps->mode;
	t->until = until_choices[ps->until_choice].seconds;
	task_base_init(tk, &t->b, JOB_PRUNE, ps->mode == PRUNE_ALL ? _("unused images") : _("dangling images"));
	worker_post(tk->worker, prune_task_run, prune_task_done, t);
}

static void
prune_changed(void *ctx, struct dialog *d, int key)
{
	struct tasks *tk = ctx;
	struct prune_state *ps = &tk->prune;
	(void)d;
	if (key == 'a')
		ps->mode = ps->mode == PRUNE_ALL ? PRUNE_DANGLING : PRUNE_ALL;
	else if (key == 'u')	/* steps through the ages: any, 24h, 7 days, 30 days */
		ps->until_choice = (ps->until_choice + 1) % NUNTIL;
	prune_fill_dialog(tk);
}

static const struct dialog_ops prune_dialog_ops = { prune_yes, prune_changed };

void
tasks_layers_learned(struct tasks *tk)
{
	struct dialog *d = tk->prune.dialog;
	if (d && d->open && d->ops == &prune_dialog_ops && d->ctx == tk && tk->prune.preview.reclaim_unknown)
		prune_fill_dialog(tk);
}

static void
prune_fill_dialog(struct tasks *tk)
{
	struct prune_state *ps = &tk->prune;
	prune_preview_free(&ps->preview);
	int64_t until = until_choices[ps->until_choice].seconds;
	int64_t now = (int64_t)time(NULL);
	prune_preview(&ps->images, &ps->containers, ps->mode, until, now, &ps->preview);
	struct prune_preview *pv = &ps->preview;
	prune_preview_reclaim(pv, &ps->images, session_layers(app_session(tk->app)));
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "docker image prune%s%s%s", ps->mode == PRUNE_ALL ? " -a" : "",
		 until_choices[ps->until_choice].go ? " --filter until=" : "",
		 until_choices[ps->until_choice].go ? until_choices[ps->until_choice].go : "");
	struct dialog *d = app_confirm(tk->app, ps->mode == PRUNE_ALL ? _(" Clean up unused images")
								  : _(" Clean up dangling images"), &prune_dialog_ops, tk);
	ps->dialog = d;
	dialog_add_line(d, cmd);
	dialog_add_line(d, "");
	if (pv->ndeleted == 0 && pv->nuntagged == 0) {
		dialog_add_line(d, _("Nothing to remove: no image matches."));
		d->can_proceed = false;
	} else {
		/* What the engine will report as reclaimed: the layers no remaining image uses. */
		char size[48], line[512];
		/* Not a bound while some are unknown: a remaining image may keep layers. */
		layer_size_text(size, sizeof(size), pv->reclaim_unknown ? 0 : pv->reclaim, pv->reclaim_unknown);
		if (pv->reclaim_unknown)
			/* TRANSLATORS: %s is "…", a figure still to come. */
			snprintf(line, sizeof(line), ngettext("%zu image goes, freeing %s (reading the images' layers)",
							      "%zu images go, freeing %s (reading the images' layers)",
							      pv->ndeleted), pv->ndeleted, size);
		else
			snprintf(line, sizeof(line), ngettext("%zu image goes, freeing %s:",
							      "%zu images go, freeing %s:", pv->ndeleted), pv->ndeleted, size);
		dialog_add_line(d, line);
		int age_width = 0;
		for (size_t i = 0; i < pv->nimages; i++) {
			char created[64];
			format_created(created, sizeof(created), now, pv->images[i].created);
			if (text_width(created) > age_width)
				age_width = text_width(created);
		}
		for (size_t i = 0; i < pv->nimages; i++) {
			const struct prune_image *im = &pv->images[i];
			char id[16], created[64], sz[32];
			format_short_id(id, sizeof(id), im->id);
			format_created(created, sizeof(created), now, im->created);
			format_size(sz, sizeof(sz), im->size);
			/* Ages are translated: pad them by display width, not bytes. */
			char age[128];
			text_fit(age, sizeof(age), created, age_width, true);
			snprintf(line, sizeof(line), "  %-12s  %s  %8s  %s%s", id, age, sz,
				 im->deleted ? "" : _("(untagged only) "),
				 im->nuntagged ? im->untagged[0] : "");
			dialog_add_line(d, line);
			/* Every other name it loses, one a line, under the first. */
			int indent = 2 + 12 + 2 + age_width + 2 + 8 + 2;
			for (size_t k = 1; k < im->nuntagged; k++) {
				snprintf(line, sizeof(line), "%*s%s", indent, "", im->untagged[k]);
				dialog_add_line(d, line);
			}
		}
	}
	dialog_add_switch(d, 'a', _("all unused images, not only dangling ones (-a)"), ps->mode == PRUNE_ALL);
	char until_label[96];
	snprintf(until_label, sizeof(until_label), "%s: %s", _("only images older than (until=)"),
		 until_choices[ps->until_choice].go ? until_choices[ps->until_choice].go : _("any age"));
	dialog_add_switch(d, 'u', until_label, ps->until_choice != 0);
}

/* ---- the tasks ------------------------------------------------------------------- */

struct tasks *
tasks_new(struct app *app, int nthreads)
{
	struct tasks *t = xcalloc(1, sizeof(*t));
	t->app = app;
	t->worker = worker_new(nthreads);
	joblist_init(&t->jobs);
	return t;
}

void
tasks_stop(struct tasks *t)
{
	fetch_cancel(&t->prune.slot);
	fetch_cancel(&t->cprune.slot);
	for (size_t i = 0; i < t->jobs.njobs; i++)
		if (!job_is_finished(t->jobs.jobs[i]))
			cancel_request(&t->jobs.jobs[i]->cancel);
}

void
tasks_free(struct tasks *t)
{
	if (!t)
		return;
	tasks_stop(t);
	worker_free(t->worker);	/* the jobs' cancels live in the joblist: it goes last */
	for (size_t i = 0; i < t->npulls; i++)
		pull_free(&t->pulls[i].pull);
	free(t->pulls);
	for (size_t i = 0; i < t->npushes; i++)
		push_free(&t->pushes[i].push);
	free(t->pushes);
	for (size_t i = 0; i < t->nbuilds; i++)
		build_output_unref(t->builds[i]);
	free(t->builds);
	free(t->last_build);
	image_list_free(&t->prune.images);
	container_list_free(&t->cprune.containers);
	container_list_free(&t->prune.containers);
	prune_preview_free(&t->prune.preview);
	joblist_free(&t->jobs);
	free(t);
}

int tasks_wake_fd(const struct tasks *t) { return worker_wake_fd(t->worker); }
void tasks_deliver(struct tasks *t) { worker_deliver(t->worker); }
struct joblist *tasks_jobs(struct tasks *t) { return &t->jobs; }
size_t tasks_running(struct tasks *t) { return joblist_count_running(&t->jobs, NULL); }

size_t
tasks_clear_finished(struct tasks *t)
{
	size_t n = joblist_clear_finished(&t->jobs);
	/* Pull models of jobs the list no longer has. */
	size_t k = 0;
	for (size_t i = 0; i < t->npulls; i++) {
		if (joblist_find(&t->jobs, t->pulls[i].job_id))
			t->pulls[k++] = t->pulls[i];
		else
			pull_free(&t->pulls[i].pull);
	}
	t->npulls = k;
	k = 0;
	for (size_t i = 0; i < t->npushes; i++) {
		if (joblist_find(&t->jobs, t->pushes[i].job_id))
			t->pushes[k++] = t->pushes[i];
		else
			push_free(&t->pushes[i].push);
	}
	t->npushes = k;
	k = 0;
	for (size_t i = 0; i < t->nbuilds; i++) {
		if (joblist_find(&t->jobs, t->builds[i]->job_id))
			t->builds[k++] = t->builds[i];
		else
			build_output_unref(t->builds[i]);
	}
	t->nbuilds = k;
	return n;
}
