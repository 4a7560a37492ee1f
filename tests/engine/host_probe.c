/* A command-line window on which engine budu picks (src/context.h) and on the ssh:// transport
 * (src/ssh.h), for tests/engine/90-ssh.sh:
 *
 *   host_probe [-H HOST] [-c NAME] which      "context=NAME host=DISPLAY" (and "warning: …")
 *   host_probe [-H HOST] [-c NAME] list       one context a line: name TAB * or - (current)
 *                                             TAB host TAB description TAB error
 *   host_probe [-H HOST] [-c NAME] [--connect] images
 *                                             the engine's image rows (repo TAB tag TAB id),
 *                                             as engine_probe prints them
 *   host_probe [-H HOST] [-c NAME] [--connect] load N P
 *                                             N rounds of P requests at once (GET /_ping and
 *                                             /images/json), then "ok=K" and the transport's
 *                                             "masters= dials= direct= accepted= warm= failures="
 *
 * --connect makes the ssh master connection first (batch mode: it never asks), as budu does
 * before its screen, and prints its failure as "error: …". DOCKER_HOST, DOCKER_CONTEXT,
 * DOCKER_CONFIG, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH apply as in budu. Exit 0 on success, 1
 * when the engine or the resolution failed (the message on stdout), 2 on usage. */
#include "config.h"

#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "engine.h"
#include "format.h"
#include "host.h"
#include "http.h"
#include "images.h"
#include "ssh.h"
#include "xalloc.h"

static int
cmd_images(struct engine *e)
{
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	if (r.status != ENGINE_OK || r.http_status >= 400) {
		printf("error: %s\n", r.error ? r.error : "(none)");
		engine_response_free(&r);
		return 1;
	}
	engine_response_free(&r);
	r = engine_request(e, "GET", "/images/json", NULL, NULL);
	if (r.status != ENGINE_OK || r.http_status != 200) {
		printf("error: %s\n", r.error ? r.error : "(none)");
		engine_response_free(&r);
		return 1;
	}
	struct image_list list;
	char *err = NULL;
	if (!images_parse(r.body, r.len, &list, &err)) {
		printf("error: %s\n", err);
		free(err);
		engine_response_free(&r);
		return 1;
	}
	engine_response_free(&r);
	struct image_row *rows;
	size_t n = image_rows_build(&list, false, &rows);
	for (size_t i = 0; i < n; i++) {
		char id[80];
		format_short_id(id, sizeof(id), rows[i].image->id);
		printf("%s\t%s\t%s\n", rows[i].repo, rows[i].tag, id);
	}
	image_rows_free(rows, n);
	image_list_free(&list);
	/* on stderr: how many connections budu's side made for /_ping and the list */
	const struct host *h = engine_host(e);
	if (h->ssh) {
		struct ssh_stats st;
		ssh_transport_stats(h->ssh, &st);
		fprintf(stderr, "accepted=%lu\n", st.accepted);
	}
	return 0;
}

struct worker {
	pthread_t thread;
	struct engine *e;
	int ok;
	int index;
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct engine_response r = engine_request(w->e, "GET", w->index % 2 ? "/images/json" : "/_ping", NULL, NULL);
	w->ok = r.status == ENGINE_OK && r.http_status == 200;
	if (!w->ok)
		printf("error: %s\n", r.error ? r.error : "(none)");
	engine_response_free(&r);
	return NULL;
}

static int
cmd_load(struct engine *e, int rounds, int parallel)
{
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	if (r.status != ENGINE_OK || r.http_status >= 400) {
		printf("error: %s\n", r.error ? r.error : "(none)");
		engine_response_free(&r);
		return 1;
	}
	engine_response_free(&r);
	/* as budu's workers do between jobs: the connection kept for another request goes */
	http_thread_release();
	int ok = 0;
	struct worker *w = xcalloc((size_t)parallel, sizeof(*w));
	for (int round = 0; round < rounds; round++) {
		for (int i = 0; i < parallel; i++) {
			w[i].e = e;
			w[i].index = i;
			pthread_create(&w[i].thread, NULL, work, &w[i]);
		}
		for (int i = 0; i < parallel; i++) {
			pthread_join(w[i].thread, NULL);
			ok += w[i].ok;
		}
	}
	free(w);
	printf("ok=%d\n", ok);
	const struct host *h = engine_host(e);
	if (h->ssh) {
		struct ssh_stats st;
		ssh_transport_stats(h->ssh, &st);
		printf("masters=%lu dials=%lu direct=%lu accepted=%lu warm=%lu failures=%lu\n", st.masters,
		       st.dials, st.direct, st.accepted, st.warm, st.failures);
	}
	return ok == rounds * parallel ? 0 : 1;
}

static int
cmd_list(struct context_inputs *in)
{
	struct context_list l;
	char *err = NULL;
	bool ok = context_list(in, &l, &err);
	if (!ok)
		printf("error: %s\n", err);
	free(err);
	for (size_t i = 0; i < l.n; i++)
		printf("%s\t%s\t%s\t%s\t%s\n", l.v[i].name, l.v[i].current ? "*" : "-", l.v[i].host,
		       l.v[i].description, l.v[i].error ? l.v[i].error : "");
	context_list_free(&l);
	return ok ? 0 : 1;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct context_inputs in = { 0 };
	context_inputs_from_env(&in);
	bool connect = false;
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "-H") && i + 1 < argc)
			in.opt_host = argv[++i];
		else if (!strcmp(argv[i], "-c") && i + 1 < argc)
			in.opt_context = argv[++i];
		else if (!strcmp(argv[i], "--connect"))
			connect = true;
		else
			break;
	}
	if (i >= argc)
		return 2;
	const char *cmd = argv[i];
	if (!strcmp(cmd, "list"))
		return cmd_list(&in);

	struct host host;
	char *warning = NULL, *err = NULL;
	if (!context_resolve(&in, &host, &warning, &err)) {
		printf("error: %s\n", err);
		free(err);
		return 1;
	}
	if (warning)
		printf("warning: %s\n", warning);
	free(warning);
	if (!strcmp(cmd, "which")) {
		printf("context=%s host=%s%s\n", host.context, host.display, host.tls ? " tls" : "");
		host_free(&host);
		return 0;
	}
	engine_global_init();
	int rc = 2;
	if (host.kind == HOST_SSH) {
		if (!ssh_transport_attach(&host, &err)) {
			printf("error: %s\n", err);
			free(err);
			host_free(&host);
			ssh_transport_stop_all();
			return 1;
		}
		if (connect && !ssh_transport_connect(host.ssh, false, &err)) {
			printf("error: %s\n", err);
			free(err);
			host_free(&host);
			ssh_transport_stop_all();
			return 1;
		}
	}
	struct engine *e = engine_new(&host, getenv("DOCKER_API_VERSION"));
	if (!strcmp(cmd, "images"))
		rc = cmd_images(e);
	else if (!strcmp(cmd, "load") && i + 2 < argc)
		rc = cmd_load(e, atoi(argv[i + 1]), atoi(argv[i + 2]));
	engine_free(e);
	ssh_transport_stop_all();
	engine_global_cleanup();
	return rc;
}
