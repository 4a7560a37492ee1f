/* What the "new container" prompt accepts: the words people type or paste after `docker run`
 * (a leading `docker run` / `docker container run`, "$ " and "sudo" are skipped), checked the
 * way the docker 20.10 CLI checks them, and turned into POST /containers/create (body and
 * query) plus what to do after it: start, and attach unless -d.
 *
 * Options (pflag rules: -dit combined, -p80:80 and -p=80:80, --name=x and --name x, "--" ends
 * the options, and the first word that is not an option is the image; the words after it are
 * the command): -d/--detach, --name, -p/--publish (ip:host:ctr/proto, ranges, [::1]:…, and
 * published=,target=,protocol=), -P/--publish-all, --expose, -e/--env, -v/--volume, --rm,
 * --restart, -w/--workdir, -u/--user, --entrypoint, -l/--label, -t/--tty, -i/--interactive,
 * --network/--net, -h/--hostname, -m/--memory, --cpus, --platform. Anything else is refused
 * with its name, before anything is sent.
 *
 * Pure apart from -e NAME (no '='), which takes NAME's value from budu's environment as the CLI
 * does from the shell's. Any thread; cost linear in the input. */
#ifndef BUDU_RUN_ARGS_H
#define BUDU_RUN_ARGS_H

#include <stdbool.h>

#include <cjson/cJSON.h>

struct run_args {
	char *image;		/* as typed (the engine takes it so; docker does not normalize) */
	char *name;		/* --name, NULL when none (the engine picks one) */
	char *platform;		/* --platform, lowercased; NULL when none */
	cJSON *config;		/* the create body: container.Config fields with HostConfig inside */
	char *body;		/* config as JSON text, what to POST */
	char *path;		/* "/containers/create" plus "?name=…&platform=…" when given,
				 * escaped; for engine_request (which adds the version) */
	bool detach;		/* -d: create, start, show the ID */
	bool attach;		/* !detach: attach stdout and stderr before start (§5.5) */
	bool attach_stdin;	/* -i without -d: attach stdin too (stdin=1) */
	bool tty;		/* -t: the attached stream is raw, else stdcopy frames */
	bool auto_remove;	/* --rm: the container goes when it exits */
	const char *wait_condition;	/* static: "removed" with --rm, else "next-exit" */
};

/* Parses text. On success fills *out (free with run_args_free) and returns true. On failure
 * returns false, *out is empty and *err is a translated message (caller frees), e.g.
 * "unknown option --foo", "unknown option -x in -xd", "flag needs an argument: --name",
 * "no image: type the image to run, then its command", "invalid port \"99999\" in -p
 * 8080:99999", "invalid protocol \"tcpx\" in -p 80/tcpx", "port ranges of different sizes
 * in -p 8000-8001:80-82", "invalid IP address \"1.2.3\" in -p 1.2.3:80:80",
 * "invalid environment variable: =x", "invalid volume specification: 'a:b:c:d'",
 * "invalid restart policy \"bogus\"", "conflicting options: cannot specify both --restart
 * and --rm", "invalid container name \"x\": at least 2 characters of [a-zA-Z0-9_.-], the
 * first a letter or digit", "invalid size: '12q'", "minimum memory limit allowed is 6MB",
 * "invalid value for --cpus: 1.x", and the image reference's own error (reference.h). */
bool run_args_parse(const char *text, struct run_args *out, char **err);
void run_args_free(struct run_args *a);

#endif
