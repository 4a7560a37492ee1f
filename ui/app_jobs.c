#include "config.h"

#include <stdint.h>
#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "app_private.h"
#include "containers.h"
#include "details.h"
#include "i18n.h"
#include "images.h"
#include "xalloc.h"

/* Reconnect delays grow to this; the engine often comes back within seconds. */
#define RETRY_MAX_MS 5000
/* Several image events in a row (a pull, a prune) cause one reload. */
#define RELOAD_DEBOUNCE_MS 150

/* ---- loading the image list (worker side, then UI side) ------------------ */

struct load_job {
	struct engine *engine;
	bool connect;		/* ping and negotiate first */
	bool all;
	unsigned gen;
	struct cancel cancel;
	/* results */
	struct engine_info info;
	enum engine_status status;
	char *error;
	struct image_list list;
};

static void *
load_run(void *arg)
{
	struct load_job *job = arg;
	struct engine_response r;
	if (job->connect) {
		r = engine_connect(job->engine, &job->info, &job->cancel);
		bool failed = r.status != ENGINE_OK || r.http_status >= 400;
		if (failed) {
			job->status = r.status == ENGINE_OK ? ENGINE_BAD_ANSWER : r.status;
			job->error = r.error ? r.error : xstrdup(_("The engine did not answer"));
			r.error = NULL;
			engine_response_free(&r);
			return job;
		}
		engine_response_free(&r);
	}
	job->status = images_fetch(job->engine, job->all, &job->cancel, &job->list, &job->error);
	return job;
}

static void load_done(void *arg, void *result, bool cancelled);
static void containers_start(struct app *app);
static void events_start(struct app *app);

void
load_start(struct app *app)
{
	if (app->load_running) {
		app->load_again = true;
		return;
	}
	struct load_job *job = xcalloc(1, sizeof(*job));
	job->engine = app->engine;
	job->connect = app->conn != CONN_UP;
	job->all = images_view_show_all(app->images);
	job->gen = ++app->load_gen;
	cancel_init(&job->cancel);
	app->load_running = true;
	app->load = job;
	app->retry_at = 0;
	worker_post(app->worker, load_run, load_done, job);
}

static void
schedule_retry(struct app *app)
{
	app->retry_at = now_ms() + app->retry_ms;
	app->retry_ms = app->retry_ms * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : app->retry_ms * 2;
}

static void
engine_down(struct app *app, const char *why)
{
	app->conn = CONN_DOWN;
	free(app->conn_error);
	app->conn_error = xstrdup(why);
	schedule_retry(app);
}

static void
load_done(void *arg, void *result, bool cancelled)
{
	struct load_job *job = arg;
	(void)result;
	struct app *app = the_app;
	if (!cancelled) {
		app->load_running = false;
		app->load = NULL;
		if (job->gen != app->load_gen) {
			/* a newer query superseded this one */
		} else if (job->status == ENGINE_OK) {
			if (job->connect)
				app->info = job->info;
			app->conn = CONN_UP;
			app->retry_ms = 500;
			free(app->conn_error);
			app->conn_error = NULL;
			images_view_set_list(app->images, &job->list);
			/* After a (re)connection the in-use column may be stale too. */
			if (job->connect || !images_view_containers(app->images))
				containers_start(app);
#ifdef HAVE_MALLOC_TRIM
			/* Parsing a large list leaves freed heap behind; hand it back to the system. */
			malloc_trim(0);
#endif
			if (!app->events)
				events_start(app);
		} else if (job->status == ENGINE_UNREACHABLE || job->status == ENGINE_LOST) {
			engine_down(app, job->error);
		} else if (job->status != ENGINE_CANCELLED) {
			/* The engine answered but refused: say it; retrying later may help (it restarts). */
			engine_down(app, job->error);
		}
		if (app->load_again) {
			app->load_again = false;
			load_start(app);
		}
	}
	image_list_free(&job->list);
	cancel_destroy(&job->cancel);
	free(job->error);
	free(job);
}

/* ---- containers, for the images in use --------------------------------------- */

struct containers_job {
	struct engine *engine;
	struct container_list list;
	char *error;
	bool ok;
};

static void *
containers_run(void *arg)
{
	struct containers_job *job = arg;
	job->ok = containers_fetch(job->engine, NULL, &job->list, &job->error) == ENGINE_OK;
	return job;
}

static void
containers_done(void *arg, void *result, bool cancelled)
{
	struct containers_job *job = arg;
	(void)result;
	if (!cancelled) {
		struct app *app = the_app;
		app->containers_running = false;
		if (job->ok)
			images_view_set_containers(app->images, &job->list);
		/* A failure here is not worth a message: the list works without the column. */
	}
	container_list_free(&job->list);
	free(job->error);
	free(job);
}

static void
containers_start(struct app *app)
{
	if (app->containers_running)
		return;
	struct containers_job *job = xcalloc(1, sizeof(*job));
	job->engine = app->engine;
	app->containers_running = true;
	worker_post(app->worker, containers_run, containers_done, job);
}

/* ---- following /events ---------------------------------------------------- */

struct events_job {
	struct engine *engine;
	struct worker *worker;
	long long since;	/* the engine's clock, from its Date header */
	struct cancel cancel;
	struct engine_response r;
};

/* What an event line changes: the image list, or the containers (the in-use column). */
enum event_kind { EVENT_IMAGE, EVENT_CONTAINER };

static void
event_seen(void *arg, void *result, bool cancelled)
{
	enum event_kind kind = (enum event_kind)(intptr_t)arg;
	(void)result;
	struct app *app = the_app;
	if (cancelled || app->quit)
		return;
	long long *at = kind == EVENT_CONTAINER ? &app->containers_at : &app->reload_at;
	if (!*at)
		*at = now_ms() + RELOAD_DEBOUNCE_MS;
}

static bool
events_line(const char *line, size_t len, void *ctx)
{
	struct events_job *job = ctx;
	cJSON *ev = cJSON_ParseWithLength(line, len);
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(ev, "Type");
	enum event_kind kind = cJSON_IsString(type) && strcmp(type->valuestring, "container") == 0
		? EVENT_CONTAINER : EVENT_IMAGE;
	cJSON_Delete(ev);
	worker_send(job->worker, event_seen, (void *)(intptr_t)kind);
	return true;
}

static void *
events_run(void *arg)
{
	struct events_job *job = arg;
	char path[512];
	/* Container events only for the in-use column: created and removed ones, and state. */
	char *filters = engine_escape("{\"type\":[\"image\",\"container\"],"
				      "\"event\":[\"delete\",\"import\",\"load\",\"pull\",\"tag\",\"untag\","
				      "\"prune\",\"create\",\"destroy\",\"start\",\"die\"]}");
	if (job->since > 0)
		snprintf(path, sizeof(path), "/events?since=%lld&filters=%s", job->since, filters);
	else
		snprintf(path, sizeof(path), "/events?filters=%s", filters);
	free(filters);
	job->r = engine_stream(job->engine, "GET", path, events_line, job, &job->cancel);
	return job;
}

static void
events_done(void *arg, void *result, bool cancelled)
{
	struct events_job *job = arg;
	(void)result;
	struct app *app = the_app;
	if (!cancelled && !app->quit) {
		app->events = NULL;
		if (job->r.status != ENGINE_CANCELLED) {
			/* The stream only ends when the engine goes away (or restarts). */
			const char *why = job->r.error ? job->r.error : _("The engine closed the event stream");
			engine_down(app, why);
			app->retry_ms = 500;
			app->retry_at = now_ms() + app->retry_ms;
		}
	}
	engine_response_free(&job->r);
	cancel_destroy(&job->cancel);
	free(job);
}

static void
events_start(struct app *app)
{
	struct events_job *job = xcalloc(1, sizeof(*job));
	job->engine = app->engine;
	job->worker = app->worker;
	/* Events since the list was read are replayed, so none falls between list and stream. */
	job->since = app->info.server_time > 0 ? app->info.server_time - 1 : 0;
	cancel_init(&job->cancel);
	app->events = job;
	worker_post(app->worker, events_run, events_done, job);
}

/* ---- the Details view's data ---------------------------------------------------- */

struct details_job {
	struct engine *engine;
	char *image_id;
	struct cancel cancel;
	struct details *result;
};

static void *
details_run(void *arg)
{
	struct details_job *job = arg;
	job->result = details_fetch(job->engine, job->image_id, &job->cancel);
	return job;
}

static void
details_done(void *arg, void *result, bool cancelled)
{
	struct details_job *job = arg;
	(void)result;
	struct app *app = the_app;
	if (!cancelled && app->details_load == job) {
		app->details_load = NULL;
		/* The view may have closed, or moved to another image, while this ran. */
		if (app->details && strcmp(details_view_image_id(app->details), job->image_id) == 0) {
			details_view_set_data(app->details, job->result);
			job->result = NULL;
		}
	}
	details_free(job->result);
	cancel_destroy(&job->cancel);
	free(job->image_id);
	free(job);
}

void
details_start(struct app *app)
{
	if (!app->details)
		return;
	if (app->details_load)
		cancel_request(&app->details_load->cancel);
	struct details_job *job = xcalloc(1, sizeof(*job));
	job->engine = app->engine;
	job->image_id = xstrdup(details_view_image_id(app->details));
	cancel_init(&job->cancel);
	app->details_load = job;
	worker_post(app->worker, details_run, details_done, job);
}

/* ---- timers --------------------------------------------------------------------- */

void
run_timers(struct app *app)
{
	long long now = now_ms();
	if (app->retry_at && now >= app->retry_at) {
		app->retry_at = 0;
		load_start(app);
	}
	if (app->reload_at && now >= app->reload_at) {
		app->reload_at = 0;
		load_start(app);
	}
	if (app->containers_at && now >= app->containers_at) {
		app->containers_at = 0;
		containers_start(app);
	}
}

/* Sleep until the next timer; -1 (forever) when none is armed: idle budu uses no CPU. */
int
poll_timeout(struct app *app)
{
	long long next = 0;
	if (app->retry_at)
		next = app->retry_at;
	if (app->reload_at && (!next || app->reload_at < next))
		next = app->reload_at;
	if (app->containers_at && (!next || app->containers_at < next))
		next = app->containers_at;
	/* While the engine is down the panel counts down the retry once a second. */
	if (app->conn == CONN_DOWN && app->retry_at) {
		long long tick = now_ms() + 1000;
		if (tick < next)
			next = tick;
	}
	if (!next)
		return -1;
	long long d = next - now_ms();
	return d < 0 ? 0 : (int)(d > 60000 ? 60000 : d);
}

void
shutdown_jobs(struct app *app)
{
	if (app->events)
		cancel_request(&app->events->cancel);
	if (app->load)
		cancel_request(&app->load->cancel);
	if (app->details_load)
		cancel_request(&app->details_load->cancel);
	search_cancel(app);
}

