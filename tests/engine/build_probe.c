/* build_probe: budu's build (src/build.h, build_context.h) from the shell, for
 * tests/engine/86-build.sh.
 *
 *   build_probe tar [-f DOCKERFILE] CONTEXT      the context's tar on stdout, as build_run sends it;
 *                                                "files=N entries=N data=N tar=N skipped=N" on stderr
 *   build_probe build [-f F] [-t TAG]... [--build-arg K=V]... [--target T] [--no-cache] [--pull]
 *               [--cancel-at-step N] CONTEXT
 *        builds through DOCKER_HOST; prints each log line as "KIND STEP TEXT", then
 *          result: ok id=sha256:… tags=a:1,b:2 steps=N cache=N
 *          result: failed step=N code=C instr=… error=…
 *          result: cancelled …
 *        and "context: files=N bytes=N" (the tar's size sent). --cancel-at-step N cancels from
 *        another thread once step N runs (its " ---> Running in" line). Exit status 0 for ok. */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "engine.h"
#include "host.h"
#include "xalloc.h"

static const char *kinds[] = {
	[BUILD_LINE_OUTPUT] = "output", [BUILD_LINE_STDERR] = "stderr", [BUILD_LINE_STEP] = "step",
	[BUILD_LINE_RUNNING] = "running", [BUILD_LINE_CACHE] = "cache", [BUILD_LINE_RESULT] = "result",
	[BUILD_LINE_REMOVE] = "remove", [BUILD_LINE_SUCCESS] = "success", [BUILD_LINE_WARNING] = "warning",
	[BUILD_LINE_STATUS] = "status", [BUILD_LINE_ERROR] = "error",
};

struct run {
	struct build_log log;
	size_t printed;
	int cancel_at;
	struct cancel cancel;
	atomic_bool cancel_now;
};

static void
print_new(struct run *r)
{
	/* lines are only ever appended, except a status line replaced in place */
	while (r->printed < r->log.n + r->log.dropped) {
		const struct build_line *l = build_log_line(&r->log, r->printed - r->log.dropped);
		if (l)
			printf("%s %d %s\n", kinds[l->kind], l->step, l->text);
		r->printed++;
	}
	fflush(stdout);
}

static void *
canceller(void *arg)
{
	struct run *r = arg;
	while (!atomic_load(&r->cancel_now))
		usleep(10000);
	cancel_request(&r->cancel);
	return NULL;
}

static bool
on_line(const char *line, size_t len, void *ctx)
{
	struct run *r = ctx;
	bool ok = build_log_feed(&r->log, line, len);
	print_new(r);
	const struct build_line *last = build_log_line(&r->log, r->log.n ? r->log.n - 1 : 0);
	if (r->cancel_at && last && last->kind == BUILD_LINE_RUNNING && r->log.step == r->cancel_at)
		atomic_store(&r->cancel_now, true);
	return ok;
}

static int
usage(void)
{
	fprintf(stderr, "usage: build_probe tar|build [options] CONTEXT\n");
	return 2;
}

int
main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	const char *cmd = argv[1];
	struct build_form f = { 0 };
	const char **tags = xcalloc((size_t)argc, sizeof(*tags));
	const char **args = xcalloc((size_t)argc, sizeof(*args));
	int cancel_at = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-f") == 0 && i + 1 < argc)
			f.dockerfile = argv[++i];
		else if (strcmp(a, "-t") == 0 && i + 1 < argc)
			tags[f.ntags++] = argv[++i];
		else if (strcmp(a, "--build-arg") == 0 && i + 1 < argc)
			args[f.nargs++] = argv[++i];
		else if (strcmp(a, "--target") == 0 && i + 1 < argc)
			f.target = argv[++i];
		else if (strcmp(a, "--no-cache") == 0)
			f.no_cache = true;
		else if (strcmp(a, "--pull") == 0)
			f.pull = true;
		else if (strcmp(a, "--cancel-at-step") == 0 && i + 1 < argc)
			cancel_at = atoi(argv[++i]);
		else if (a[0] == '-' && a[1])
			return usage();
		else
			f.context = a;
	}
	f.tags = tags;
	f.build_args = args;
	char *err = NULL;
	struct build_job *j = build_prepare(&f, &err);
	if (!j) {
		printf("prepare: %s\n", err);
		free(err);
		return 1;
	}
	int rc = 0;
	struct build_context_stats st;
	if (strcmp(cmd, "tar") == 0) {
		/* build_job's context, read as engine_upload reads it */
		char buf[65536];
		long n;
		while ((n = build_job_read(buf, sizeof(buf), j)) > 0)
			fwrite(buf, 1, (size_t)n, stdout);
		build_job_stats(j, &st);
		fprintf(stderr, "files=%llu entries=%llu data=%llu tar=%llu skipped=%llu\n",
			(unsigned long long)st.files, (unsigned long long)st.entries,
			(unsigned long long)st.data_bytes, (unsigned long long)st.tar_bytes,
			(unsigned long long)st.skipped_dirs);
		if (n < 0) {
			fprintf(stderr, "error: %s\n", build_job_context_error(j));
			rc = 1;
		}
	} else if (strcmp(cmd, "build") == 0) {
		engine_global_init();
		struct host h;
		char *herr = NULL;
		if (!host_parse(getenv("DOCKER_HOST"), false, NULL, &h, &herr)) {
			printf("host: %s\n", herr);
			return 1;
		}
		struct engine *e = engine_new(&h, NULL);
		struct engine_info info;
		struct engine_response cr = engine_connect(e, &info, NULL);
		engine_response_free(&cr);
		struct run r = { .cancel_at = cancel_at };
		build_log_init(&r.log);
		cancel_init(&r.cancel);
		pthread_t th;
		pthread_create(&th, NULL, canceller, &r);
		struct engine_response resp = build_run(j, e, NULL, on_line, &r, &r.cancel);
		atomic_store(&r.cancel_now, true);
		pthread_join(th, NULL);
		/* an error line stops the stream (on_line returns false): the response says
		 * cancelled, the log says why */
		bool stream_error = r.log.failed;
		if (!stream_error && resp.status == ENGINE_OK && resp.http_status < 400)
			build_log_finish(&r.log);
		else if (!stream_error)
			build_log_fail(&r.log, resp.error ? resp.error : "request failed");
		print_new(&r);
		if (r.log.done) {
			printf("result: ok id=%s tags=", r.log.image_id ? r.log.image_id : "");
			for (size_t i = 0; i < r.log.ntags; i++)
				printf("%s%s", i ? "," : "", r.log.tags[i]);
			printf(" steps=%d cache=%zu\n", r.log.steps, r.log.cache_hits);
		} else if (!stream_error && resp.status == ENGINE_CANCELLED && !build_job_context_error(j)) {
			printf("result: cancelled step=%d\n", r.log.step);
			rc = 1;
		} else {
			printf("result: failed step=%d code=%ld instr=%s error=%s\n", r.log.failed_step,
			       r.log.error_code, r.log.failed_step_text ? r.log.failed_step_text : "",
			       r.log.error ? r.log.error : "");
			rc = 1;
		}
		build_job_stats(j, &st);
		printf("context: files=%llu bytes=%llu\n", (unsigned long long)st.files,
		       (unsigned long long)st.tar_bytes);
		engine_response_free(&resp);
		build_log_free(&r.log);
		cancel_destroy(&r.cancel);
		engine_free(e);
		engine_global_cleanup();
	} else {
		rc = usage();
	}
	build_job_free(j);
	free(tags);
	free(args);
	return rc;
}
