#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "joblist.h"
#include "strbuf.h"
#include "xalloc.h"

void
joblist_init(struct joblist *jl)
{
	memset(jl, 0, sizeof(*jl));
	jl->next_id = 1;
}

static void
job_free(struct job *job)
{
	free(job->target);
	free(job->engine);
	free(job->progress);
	free(job->result);
	free(job->error);
	cancel_destroy(&job->cancel);
	free(job);
}

void
joblist_free(struct joblist *jl)
{
	for (size_t i = 0; i < jl->njobs; i++)
		job_free(jl->jobs[i]);
	free(jl->jobs);
	memset(jl, 0, sizeof(*jl));
}

unsigned
joblist_add(struct joblist *jl, enum job_kind kind, const char *target, int64_t now_ms)
{
	if (jl->next_id == 0)	/* joblist_init was skipped, or 4 billion jobs wrapped */
		jl->next_id = 1;
	if (jl->njobs == jl->cap) {
		jl->cap = jl->cap ? jl->cap * 2 : 16;
		jl->jobs = xrealloc(jl->jobs, jl->cap * sizeof(*jl->jobs));
	}
	struct job *job = xcalloc(1, sizeof(*job));
	job->id = jl->next_id++;
	job->kind = kind;
	job->target = xstrdup(target ? target : "");
	job->engine = xstrdup("");
	job->state = JOB_QUEUED;
	job->queued_ms = now_ms;
	job->percent = -1;
	job->progress = xstrdup("");
	job->result = xstrdup("");
	job->error = xstrdup("");
	cancel_init(&job->cancel);
	jl->jobs[jl->njobs++] = job;
	return job->id;
}

struct job *
joblist_find(struct joblist *jl, unsigned id)
{
	/* Ids grow with the index: a binary search would do, but the list is a screenful. */
	for (size_t i = 0; i < jl->njobs; i++)
		if (jl->jobs[i]->id == id)
			return jl->jobs[i];
	return NULL;
}

bool
job_is_finished(const struct job *job)
{
	return job->state == JOB_DONE || job->state == JOB_FAILED || job->state == JOB_CANCELLED;
}

bool
joblist_set_state(struct joblist *jl, unsigned id, enum job_state state, int64_t now_ms)
{
	struct job *job = joblist_find(jl, id);
	if (!job || job_is_finished(job) || state == JOB_QUEUED || (unsigned)state >= JOB_STATE_COUNT)
		return false;
	if (state == JOB_RUNNING) {
		if (job->state == JOB_QUEUED)
			job->started_ms = now_ms;
		job->state = JOB_RUNNING;
		return true;
	}
	if (job->state == JOB_QUEUED)
		job->started_ms = now_ms;
	job->ended_ms = now_ms;
	job->state = state;
	if (state == JOB_DONE)
		job->percent = 100;
	return true;
}

static void
replace(char **field, const char *s)
{
	free(*field);
	*field = xstrdup(s ? s : "");
}

bool
joblist_set_progress(struct joblist *jl, unsigned id, int percent, const char *summary)
{
	struct job *job = joblist_find(jl, id);
	if (!job)
		return false;
	job->percent = percent < 0 ? -1 : percent > 100 ? 100 : percent;
	if (summary)
		replace(&job->progress, summary);
	return true;
}

bool
joblist_set_result(struct joblist *jl, unsigned id, const char *result)
{
	struct job *job = joblist_find(jl, id);
	if (!job)
		return false;
	replace(&job->result, result);
	return true;
}

bool
joblist_append_result(struct joblist *jl, unsigned id, const char *line)
{
	struct job *job = joblist_find(jl, id);
	if (!job)
		return false;
	if (!*job->result) {
		replace(&job->result, line);
		return true;
	}
	char *s = xasprintf("%s\n%s", job->result, line ? line : "");
	free(job->result);
	job->result = s;
	return true;
}

bool
joblist_set_error(struct joblist *jl, unsigned id, const char *error)
{
	struct job *job = joblist_find(jl, id);
	if (!job)
		return false;
	replace(&job->error, error);
	return true;
}

bool
joblist_cancel(struct joblist *jl, unsigned id)
{
	struct job *job = joblist_find(jl, id);
	if (!job || job_is_finished(job))
		return false;
	job->cancel_requested = true;
	cancel_request(&job->cancel);
	return true;
}

size_t
joblist_clear_finished(struct joblist *jl)
{
	size_t kept = 0, gone = 0;
	for (size_t i = 0; i < jl->njobs; i++) {
		if (job_is_finished(jl->jobs[i])) {
			job_free(jl->jobs[i]);
			gone++;
		} else {
			jl->jobs[kept++] = jl->jobs[i];
		}
	}
	jl->njobs = kept;
	return gone;
}

int64_t
job_elapsed_ms(const struct job *job, int64_t now_ms)
{
	int64_t from = job->state == JOB_QUEUED ? job->queued_ms : job->started_ms;
	int64_t to = job_is_finished(job) ? job->ended_ms : now_ms;
	return to > from ? to - from : 0;
}

size_t
joblist_count_running(const struct joblist *jl, int *percent)
{
	size_t n = 0, counted = 0;
	long long sum = 0;
	for (size_t i = 0; i < jl->njobs; i++) {
		const struct job *job = jl->jobs[i];
		if (job_is_finished(job))
			continue;
		n++;
		if (job->state == JOB_QUEUED) {
			counted++;
		} else if (job->percent >= 0) {
			sum += job->percent;
			counted++;
		}
	}
	if (percent)
		*percent = counted ? (int)(sum / (long long)counted) : -1;
	return n;
}

char *
joblist_status(const struct joblist *jl)
{
	int percent;
	size_t n = joblist_count_running(jl, &percent);
	if (n == 0)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, ngettext("%zu job running", "%zu jobs running", n), n);
	if (percent >= 0)
		/* TRANSLATORS: after "2 jobs running": the overall progress. */
		sb_printf(&sb, _(", %d%%"), percent);
	return sb_detach(&sb);
}

const char *
job_kind_name(enum job_kind kind)
{
	static const char *const names[JOB_KIND_COUNT] = {
		/* TRANSLATORS: kinds of job in the Jobs panel. */
		[JOB_PULL] = N_("pull"),
		[JOB_TAG] = N_("tag"),
		[JOB_REMOVE] = N_("remove"),
		[JOB_PRUNE] = N_("prune"),
		[JOB_CONTAINER] = N_("container"),
		[JOB_RUN] = N_("run"),
		[JOB_COMMIT] = N_("commit"),
		[JOB_CONTAINER_PRUNE] = N_("prune"),
		[JOB_PUSH] = N_("push"),
		[JOB_SAVE] = N_("save"),
		[JOB_LOAD] = N_("load"),
		[JOB_IMPORT] = N_("import"),
		[JOB_BUILD] = N_("build"),
	};
	return (unsigned)kind < JOB_KIND_COUNT ? _(names[kind]) : "?";
}

const char *
job_state_name(enum job_state state)
{
	static const char *const names[JOB_STATE_COUNT] = {
		/* TRANSLATORS: states of a job in the Jobs panel. */
		[JOB_QUEUED] = N_("queued"),
		[JOB_RUNNING] = N_("running"),
		[JOB_DONE] = N_("done"),
		[JOB_FAILED] = N_("failed"),
		[JOB_CANCELLED] = N_("cancelled"),
	};
	return (unsigned)state < JOB_STATE_COUNT ? _(names[state]) : "?";
}
