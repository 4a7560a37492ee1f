/* A command-line window on src/hijack.c, for tests/engine/70-hijack.sh:
 *
 *   hijack_probe exec [-t] [-i TEXT] CONTAINER CMD...
 *       exec create, start with the upgrade, then (with -i) write TEXT and half-close; prints
 *       each output line as "out: …" / "err: …" (no TTY: stdcopy frames through logs.h) or
 *       "tty: …", then "exit=N" from exec inspect.
 *   hijack_probe resize CONTAINER      resize the container's TTY to 30x100: "resized"
 *
 * DOCKER_HOST etc. as engine_probe reads them. Exit 0 when the calls worked, 1 otherwise. */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "hijack.h"
#include "logs.h"

static void
print_line(const struct log_line *l, void *ctx)
{
	const char *tag = *(bool *)ctx ? "tty" : l->stream == LOG_STDERR ? "err" : "out";
	printf("%s: %.*s\n", tag, (int)l->len, l->text);
}

static int
cmd_exec(struct engine *e, int argc, char **argv)
{
	bool tty = false;
	const char *input = NULL;
	int i = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-t"))
			tty = true;
		else if (!strcmp(argv[i], "-i") && i + 1 < argc)
			input = argv[++i];
	}
	if (argc - i < 2)
		return 2;
	const char *container = argv[i];
	struct exec_config cfg = {
		.cmd = (const char *const *)argv + i + 1, .ncmd = (size_t)(argc - i - 1), .tty = tty,
		.attach_stdin = input != NULL, .attach_stdout = true, .attach_stderr = true,
	};
	char *id, *err;
	if (!hijack_exec_create(e, container, &cfg, &id, &err)) {
		printf("error: %s\n", err);
		free(err);
		return 1;
	}
	struct hijack *h = hijack_exec_start(e, id, tty, &err);
	if (!h) {
		printf("error: %s\n", err);
		free(err);
		free(id);
		return 1;
	}
	if (tty && !hijack_exec_resize(e, id, 30, 100, &err)) {
		printf("error: %s\n", err);
		free(err);
	}
	if (input) {
		hijack_write(h, input, strlen(input));
		if (!tty)
			hijack_close_write(h);
	}
	struct log_parser p;
	log_parser_init(&p, tty, false, 0, print_line, &tty);
	char buf[4096];
	int rc = 0;
	for (;;) {
		long n = hijack_read(h, buf, sizeof(buf));
		if (n == -2) {
			struct pollfd pf = { .fd = hijack_fd(h), .events = POLLIN };
			if (poll(&pf, 1, 20000) <= 0) {
				printf("error: timeout\n");
				rc = 1;
				break;
			}
			continue;
		}
		if (n <= 0) {
			rc = n < 0;
			break;
		}
		log_parser_feed(&p, buf, (size_t)n);
	}
	log_parser_finish(&p);
	log_parser_free(&p);
	hijack_close(h);
	bool running;
	int code;
	if (hijack_exec_inspect(e, id, &running, &code, &err)) {
		printf("exit=%d\n", code);
	} else {
		printf("error: %s\n", err);
		free(err);
		rc = 1;
	}
	free(id);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc < 3)
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
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	int rc = 1;
	if (r.status != ENGINE_OK || r.http_status >= 400) {
		printf("error: %s\n", r.error ? r.error : "connect");
	} else if (!strcmp(argv[1], "exec")) {
		rc = cmd_exec(e, argc - 2, argv + 2);
	} else if (!strcmp(argv[1], "resize")) {
		if (hijack_container_resize(e, argv[2], 30, 100, &err)) {
			printf("resized\n");
			rc = 0;
		} else {
			printf("error: %s\n", err);
			free(err);
		}
	} else {
		rc = 2;
	}
	engine_response_free(&r);
	engine_free(e);
	engine_global_cleanup();
	return rc;
}
