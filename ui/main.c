/* budu: browse and manage the images of a Docker engine. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "engine.h"
#include "host.h"
#include "i18n.h"

static void
usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]...\n"), "budu");
	fputs(_("Browse and manage the images of a Docker engine in the terminal.\n\n"), out);
	fputs(_("  -H, --host=ADDRESS  the engine: unix:///path/docker.sock or tcp://host:port\n"
		"                      (default: $DOCKER_HOST, else unix:///var/run/docker.sock)\n"
		"  -h, --help          show this help and exit\n"
		"  -V, --version       show the version and exit\n\n"), out);
	fputs(_("Environment: DOCKER_HOST, DOCKER_API_VERSION, DOCKER_TLS_VERIFY,\n"
		"DOCKER_CERT_PATH, NO_COLOR. Press ? in budu for the keys; see budu(1) for more.\n"), out);
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	/* BUDU_LOCALEDIR lets a build-tree binary (and the tests) find catalogs before install. */
	const char *localedir = getenv("BUDU_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	static const struct option longopts[] = {
		{ "host", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *host_spec = getenv("DOCKER_HOST");
	int c;
	while ((c = getopt_long(argc, argv, "H:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'H':
			host_spec = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("budu %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("budu: unexpected argument: %s\n"), argv[optind]);
		usage(stderr);
		return 2;
	}

	const char *verify = getenv("DOCKER_TLS_VERIFY");
	struct host host;
	char *err = NULL;
	if (!host_parse(host_spec, verify && *verify, getenv("DOCKER_CERT_PATH"), &host, &err)) {
		fprintf(stderr, "budu: %s\n", err);
		free(err);
		return 2;
	}

	engine_global_init();
	struct app_options opt = {
		.engine = engine_new(&host, getenv("DOCKER_API_VERSION")),
		.demo_note = getenv("BUDU_DEMO_NOTE"),
	};
	int status = app_run(&opt);
	engine_global_cleanup();
	return status;
}
