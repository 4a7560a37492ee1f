/* budu: browse and manage the images of a Docker engine. */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "config_apply.h"
#include "config_file.h"
#include "context.h"
#include "engine.h"
#include "host.h"
#include "i18n.h"
#include "ssh.h"

static void
usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]...\n"), "budu");
	fputs(_("Browse and manage the images of a Docker engine in the terminal.\n\n"), out);
	fputs(_("  -H, --host=ADDRESS  the engine: unix:///path/docker.sock, tcp://host:port or\n"
		"                      ssh://[user@]host[:port][/socket]\n"
		"                      (default: $DOCKER_HOST, else the current context)\n"
		"  -c, --context=NAME  the engine of a docker context (docker context ls)\n"
		"                      (default: $DOCKER_CONTEXT, else docker context use's)\n"
		"  -F, --config=FILE   read FILE instead of ~/.config/budu/config\n"
		"                      (default: $BUDU_CONFIG, else $XDG_CONFIG_HOME/budu/config)\n"
		"      --check-config  list the config file's mistakes and exit\n"
		"  -h, --help          show this help and exit\n"
		"  -V, --version       show the version and exit\n\n"), out);
	fputs(_("Environment: DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_API_VERSION,\n"
		"DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, NO_COLOR, BUDU_CONFIG. Press ? in budu for\n"
		"the keys; see budu(1) for more.\n"), out);
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
		{ "context", required_argument, NULL, 'c' },
		{ "config", required_argument, NULL, 'F' },
		{ "check-config", no_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct context_inputs in = { 0 };
	context_inputs_from_env(&in);
	const char *config_opt = NULL;
	bool check_config = false;
	int c;
	while ((c = getopt_long(argc, argv, "H:c:F:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'H':
			in.opt_host = optarg;
			break;
		case 'c':
			in.opt_context = optarg;
			break;
		case 'F':
			config_opt = optarg;
			break;
		case 'K':
			check_config = true;
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

	/* The config file: its keys are bound before any view is made; its mistakes wait for the
	 * screen (or go to stdout with --check-config). */
	struct config config;
	config_init(&config);
	bool given;
	char *config_file = config_path(config_opt, &given);
	if (config_file)
		config_load(&config, config_file, given);
	config_apply(&config);
	if (check_config) {
		char *list = config_errors_list(&config);
		if (*list)
			fputs(list, stdout);
		else
			printf(_("%s: no mistakes\n"), config.path ? config.path : config_file ? config_file : "-");
		int rc = config.nerrors ? 1 : 0;
		free(list);
		free(config_file);
		config_free(&config);
		return rc;
	}
	free(config_file);

	/* -c, -H, DOCKER_HOST, DOCKER_CONTEXT, currentContext, the default socket: as docker */
	struct host host;
	char *err = NULL, *warning = NULL;
	if (!context_resolve(&in, &host, &warning, &err)) {
		fprintf(stderr, "budu: %s\n", err);
		free(err);
		config_free(&config);
		return 2;
	}
	if (warning)
		fprintf(stderr, "%s\n", warning);
	free(warning);

	engine_global_init();
	if (host.kind == HOST_SSH) {
		/* The master connection now, while ssh may still ask on the terminal (a new host key,
		 * a passphrase); every request of the session then rides it. */
		bool interactive = isatty(STDIN_FILENO);
		if (!ssh_transport_attach(&host, &err) || !ssh_transport_connect(host.ssh, interactive, &err)) {
			fprintf(stderr, _("budu: Cannot connect to the Docker engine at %s: %s\n"), host.display, err);
			free(err);
			host_free(&host);
			ssh_transport_stop_all();	/* host_free stops it on a thread of its own */
			engine_global_cleanup();
			config_free(&config);
			return 1;
		}
	}
	struct app_options opt = {
		.engine = engine_new(&host, getenv("DOCKER_API_VERSION")),
		.demo_note = getenv("BUDU_DEMO_NOTE"),
		.inputs = &in,
		.config = &config,
	};
	int status = app_run(&opt);
	config_free(&config);
	/* no ssh left running, whatever still holds the engine */
	ssh_transport_stop_all();
	engine_global_cleanup();
	return status;
}
