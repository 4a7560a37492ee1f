/* A command-line window on the core engine client, for the integration tests:
 * they compare what it prints with what the docker CLI prints on the same engine.
 *
 *   engine_probe version                 api=<negotiated> engine=<version>
 *   engine_probe images [-a] [--digests] [--no-trunc]
 *                                         one row per line: repo TAB tag [TAB digest] TAB id TAB size
 *   engine_probe get PATH                 http=<status> then the error message, if any
 *
 * DOCKER_HOST, DOCKER_API_VERSION, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH apply as in budu.
 * Exit 0 on success, 1 when the engine call failed (the message goes to stdout), 2 on usage. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "format.h"
#include "host.h"
#include "images.h"

static int
fail(struct engine_response *r)
{
	printf("error: %s\n", r->error ? r->error : "(none)");
	engine_response_free(r);
	return 1;
}

static int
cmd_images(struct engine *e, int argc, char **argv)
{
	bool all = false, digests = false, no_trunc = false;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-a"))
			all = true;
		else if (!strcmp(argv[i], "--digests"))
			digests = true;
		else if (!strcmp(argv[i], "--no-trunc"))
			no_trunc = true;
		else
			return 2;
	}
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	if (r.status != ENGINE_OK || r.http_status >= 400)
		return fail(&r);
	engine_response_free(&r);
	r = engine_request(e, "GET", all ? "/images/json?all=1" : "/images/json", NULL, NULL);
	if (r.status != ENGINE_OK || r.http_status != 200)
		return fail(&r);
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
	size_t n = image_rows_build(&list, digests, &rows);
	for (size_t i = 0; i < n; i++) {
		char id[80], size[32];
		if (no_trunc)
			snprintf(id, sizeof(id), "%s", rows[i].image->id);
		else
			format_short_id(id, sizeof(id), rows[i].image->id);
		format_size(size, sizeof(size), rows[i].image->size);
		if (digests)
			printf("%s\t%s\t%s\t%s\t%s\n", rows[i].repo, rows[i].tag, rows[i].digest, id, size);
		else
			printf("%s\t%s\t%s\t%s\n", rows[i].repo, rows[i].tag, id, size);
	}
	image_rows_free(rows, n);
	image_list_free(&list);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
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
	int rc = 2;
	if (!strcmp(argv[1], "version")) {
		struct engine_info info;
		struct engine_response r = engine_connect(e, &info, NULL);
		if (r.status != ENGINE_OK || r.http_status >= 400) {
			rc = fail(&r);
		} else {
			printf("api=%s engine=%s\n", info.api_version, info.engine_version);
			engine_response_free(&r);
			rc = 0;
		}
	} else if (!strcmp(argv[1], "images")) {
		rc = cmd_images(e, argc - 2, argv + 2);
	} else if (!strcmp(argv[1], "get") && argc == 3) {
		struct engine_info info;
		struct engine_response r = engine_connect(e, &info, NULL);
		if (r.status != ENGINE_OK) {
			rc = fail(&r);
		} else {
			engine_response_free(&r);
			r = engine_request(e, "GET", argv[2], NULL, NULL);
			printf("http=%ld\n", r.http_status);
			if (r.error)
				printf("error: %s\n", r.error);
			rc = r.status == ENGINE_OK && r.http_status < 400 ? 0 : 1;
			engine_response_free(&r);
		}
	}
	engine_free(e);
	engine_global_cleanup();
	return rc;
}
