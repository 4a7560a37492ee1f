/* A command-line window on src/archive_save.c, archive_load.c and archive_import.c, for
 * tests/engine/85-archives.sh:
 *
 *   archive_probe save [-f] [--cancel-after BYTES] PATH NAME...
 *       "saved received=N written=M", "exists" (exit 3), "cancelled" or "error: MESSAGE"
 *   archive_probe load [--cancel-after BYTES] PATH
 *       "compression: NAME", then "loaded: REF", "loaded id: ID", "note: TEXT" lines and
 *       "layers: N", or "cancelled" / "error: MESSAGE"
 *   archive_probe import [-m MESSAGE] [-c CHANGE]... SOURCE [REF]
 *       "id: sha256:…", or "cancelled" / "error: MESSAGE"
 *   archive_probe name [-z gz|zst|xz|bz2] NAME...
 *       the default file name for saving NAME...
 *
 * --cancel-after: once the progress callback has seen BYTES, another thread calls
 * cancel_request() while the callback waits for it (so the cancel lands mid-transfer).
 * Every run prints a last line to stderr: "progress: calls=N done=D total=T stage=S".
 * DOCKER_HOST etc. as engine_probe reads them. Exit 0 when the call succeeded, 1 otherwise. */
#include "config.h"

#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive_import.h"
#include "archive_load.h"
#include "archive_save.h"
#include "engine.h"
#include "host.h"

struct watch {
	struct cancel cancel;
	unsigned long long cancel_after;	/* 0: never */
	atomic_bool want_cancel;
	unsigned long calls;
	struct archive_progress last;
	bool monotonic_ok;			/* done never went back within a stage */
};

static void
on_progress(const struct archive_progress *p, void *ctx)
{
	struct watch *w = ctx;
	if (w->calls && p->stage == w->last.stage && p->done < w->last.done)
		w->monotonic_ok = false;
	w->calls++;
	w->last = *p;
	if (w->cancel_after && p->done >= w->cancel_after && !atomic_load(&w->want_cancel)) {
		atomic_store(&w->want_cancel, true);
		/* the other thread cancels; wait for it, so the cancel comes mid-transfer */
		for (int i = 0; i < 5000 && !atomic_load(&w->cancel.cancelled); i++) {
			struct timespec ts = { 0, 1000000 };
			nanosleep(&ts, NULL);
		}
	}
}

static void *
canceller(void *ctx)
{
	struct watch *w = ctx;
	while (!atomic_load(&w->want_cancel)) {
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
	cancel_request(&w->cancel);
	return NULL;
}

static int
outcome(enum archive_result st, char *err)
{
	int rc = 1;
	switch (st) {
	case ARCHIVE_RESULT_DONE: rc = 0; break;
	case ARCHIVE_RESULT_CANCELLED: printf("cancelled\n"); break;
	case ARCHIVE_RESULT_EXISTS: printf("exists\n"); rc = 3; break;
	case ARCHIVE_RESULT_FAILED: printf("error: %s\n", err ? err : "?"); break;
	}
	free(err);
	return rc;
}

static int
cmd_save(struct engine *e, struct watch *w, int argc, char **argv)
{
	struct archive_save_opts o = { .progress = on_progress, .progress_ctx = w, .cancel = &w->cancel };
	int i = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-f"))
			o.overwrite = true;
		else if (!strcmp(argv[i], "--cancel-after") && i + 1 < argc)
			w->cancel_after = strtoull(argv[++i], NULL, 10);
		else
			return 2;
	}
	if (argc - i < 2)
		return 2;
	o.path = argv[i];
	o.names = (const char *const *)argv + i + 1;
	o.nnames = (size_t)(argc - i - 1);
	struct archive_save_result res;
	char *err;
	enum archive_result st = archive_save(e, &o, &res, &err);
	if (st == ARCHIVE_RESULT_DONE)
		printf("saved received=%llu written=%llu\n", (unsigned long long)res.received,
		       (unsigned long long)res.written);
	return outcome(st, err);
}

static int
cmd_load(struct engine *e, struct watch *w, int argc, char **argv)
{
	struct archive_load_opts o = { .progress = on_progress, .progress_ctx = w, .cancel = &w->cancel };
	int i = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--cancel-after") && i + 1 < argc)
			w->cancel_after = strtoull(argv[++i], NULL, 10);
		else
			return 2;
	}
	if (argc - i != 1)
		return 2;
	o.path = argv[i];
	struct archive_loaded l;
	const char *compression;
	char *err;
	enum archive_result st = archive_load(e, &o, &l, &compression, &err);
	if (*compression)
		printf("compression: %s\n", compression);
	for (size_t k = 0; k < l.nrefs; k++)
		printf("loaded: %s\n", l.refs[k]);
	for (size_t k = 0; k < l.nids; k++)
		printf("loaded id: %s\n", l.ids[k]);
	for (size_t k = 0; k < l.nnotes; k++)
		printf("note: %s\n", l.notes[k]);
	if (l.layers)
		printf("layers: %zu\n", l.layers);
	archive_loaded_free(&l);
	return outcome(st, err);
}

static int
cmd_import(struct engine *e, struct watch *w, int argc, char **argv)
{
	struct archive_import_opts o = { .progress = on_progress, .progress_ctx = w, .cancel = &w->cancel };
	const char **changes = calloc((size_t)argc + 1, sizeof(*changes));
	int i = 0;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-m") && i + 1 < argc)
			o.message = argv[++i];
		else if (!strcmp(argv[i], "-c") && i + 1 < argc)
			changes[o.nchanges++] = argv[++i];
		else if (!strcmp(argv[i], "--cancel-after") && i + 1 < argc)
			w->cancel_after = strtoull(argv[++i], NULL, 10);
		else {
			free(changes);
			return 2;
		}
	}
	if (argc - i < 1 || argc - i > 2) {
		free(changes);
		return 2;
	}
	o.changes = changes;
	o.source = argv[i];
	o.reference = argc - i == 2 ? argv[i + 1] : NULL;
	char *id, *err;
	enum archive_result st = archive_import(e, &o, &id, &err);
	if (st == ARCHIVE_RESULT_DONE)
		printf("id: %s\n", id);
	free(id);
	free(changes);
	return outcome(st, err);
}

static int
cmd_name(int argc, char **argv)
{
	enum archive_compression c = ARCHIVE_COMPRESS_NONE;
	int i = 0;
	if (argc >= 2 && !strcmp(argv[0], "-z")) {
		char *fake = malloc(strlen(argv[1]) + 6);
		sprintf(fake, "x.tar.%s", argv[1]);
		c = archive_compression_of(fake);
		free(fake);
		i = 2;
	}
	char *name = archive_save_default_name((const char *const *)argv + i, (size_t)(argc - i), c);
	printf("%s\n", name);
	free(name);
	return 0;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "name"))
		return cmd_name(argc - 2, argv + 2);
	const char *verify = getenv("DOCKER_TLS_VERIFY");
	struct host host;
	char *err = NULL;
	if (!host_parse(getenv("DOCKER_HOST"), verify && *verify, getenv("DOCKER_CERT_PATH"), &host, &err)) {
		printf("error: %s\n", err);
		free(err);
		return 1;
	}
	engine_global_init();
	struct engine *e = engine_new(&host, getenv("DOCKER_API_VERSION"));
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	struct watch w = { .monotonic_ok = true };
	cancel_init(&w.cancel);
	atomic_init(&w.want_cancel, false);
	pthread_t t;
	pthread_create(&t, NULL, canceller, &w);
	int rc = 1;
	if (r.status != ENGINE_OK || r.http_status >= 400)
		printf("error: %s\n", r.error ? r.error : "connect");
	else if (!strcmp(argv[1], "save"))
		rc = cmd_save(e, &w, argc - 2, argv + 2);
	else if (!strcmp(argv[1], "load"))
		rc = cmd_load(e, &w, argc - 2, argv + 2);
	else if (!strcmp(argv[1], "import"))
		rc = cmd_import(e, &w, argc - 2, argv + 2);
	else
		rc = 2;
	/* the canceller thread waits for a cancel that may never come: let it go */
	atomic_store(&w.want_cancel, true);
	pthread_join(t, NULL);
	fprintf(stderr, "progress: calls=%lu done=%llu total=%llu stage=%d monotonic=%s\n", w.calls,
		(unsigned long long)w.last.done, (unsigned long long)w.last.total, (int)w.last.stage,
		w.monotonic_ok ? "yes" : "no");
	cancel_destroy(&w.cancel);
	engine_response_free(&r);
	engine_free(e);
	engine_global_cleanup();
	return rc;
}
