/* Which engine, as the docker CLI decides it (engine-api.md §2): -c/--context, -H/--host,
 * DOCKER_HOST, DOCKER_CONTEXT, then "currentContext" in $DOCKER_CONFIG/config.json, then the
 * default socket; and the CLI's context store, so that `docker context create` is all a user
 * needs: $DOCKER_CONFIG/contexts/meta/<sha256 of the name>/meta.json, TLS files under
 * contexts/tls/<sha256 of the name>/docker/.
 *
 * Thread model: no state; any thread. Cost: reads config.json and the store's small files
 * (context_list reads every meta.json); no network. The "default" context is never on disk: it
 * is made from the inputs, as the CLI makes it. */
#ifndef BUDU_CONTEXT_H
#define BUDU_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "host.h"

#define CONTEXT_DEFAULT "default"

/* What decides: the options and the environment. NULL or "" means not given. */
struct context_inputs {
	const char *opt_host;		/* -H / --host */
	const char *opt_context;	/* -c / --context */
	const char *env_host;		/* DOCKER_HOST */
	const char *env_context;	/* DOCKER_CONTEXT */
	bool tls_verify;		/* DOCKER_TLS_VERIFY is non-empty ("default" only) */
	const char *cert_path;		/* DOCKER_CERT_PATH ("default" only) */
	const char *config_dir;		/* NULL: $DOCKER_CONFIG, else ~/.docker */
};

/* The environment's part of in (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH, DOCKER_CONFIG); the options are left as they are. The strings are the
 * environment's. */
void context_inputs_from_env(struct context_inputs *in);

/* The name of the context that wins (the CLI's resolveContextName): -c; "default" for -H or a
 * non-empty DOCKER_HOST; DOCKER_CONTEXT; currentContext; "default". New string. When
 * DOCKER_HOST hides a context that DOCKER_CONTEXT or currentContext names, *warning (when not
 * NULL) gets the CLI's warning, translated (caller frees); else NULL. False with the CLI's
 * message in *err for -H with -c. */
bool context_current(const struct context_inputs *in, char **name, char **warning, char **err);

/* The endpoint of context `name`: "default" from -H, else DOCKER_HOST, else the default socket,
 * with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH (host_parse); any other from its meta.json and TLS
 * files (host_parse_context). out->context is set to the name. False with a translated message
 * in *err: the CLI's `context "x": context not found: …` for an unknown name, or why the
 * context cannot be used. */
bool context_host(const struct context_inputs *in, const char *name, struct host *out, char **err);

/* context_current, then context_host: the engine budu talks to. */
bool context_resolve(const struct context_inputs *in, struct host *out, char **warning, char **err);

struct context {
	char *name;
	char *description;	/* Metadata.Description; "" when none ("default": the CLI's words) */
	char *host;		/* Endpoints.docker.Host as written; "default": what it resolves to */
	bool skip_tls_verify;	/* Endpoints.docker.SkipTLSVerify */
	char *tls_dir;		/* contexts/tls/<id>/docker when it holds a file, else NULL */
	char *meta_path;	/* its meta.json; NULL for "default" */
	char *error;		/* why it cannot be used (unreadable, no docker endpoint, a bad
				 * address), else NULL; it is listed all the same */
	bool current;		/* the one context_current names */
};

struct context_list {
	struct context *v;
	size_t n;
};

/* Every context: "default" first, then the store's in name order (a store that does not exist
 * is empty). A context named by context_current but missing from the store is not added. False
 * only for -H with -c (the message in *err); *out is filled either way. */
bool context_list(const struct context_inputs *in, struct context_list *out, char **err);
void context_list_free(struct context_list *l);

/* What `docker context create NAME --description D --docker host=HOST` does: a meta.json in the
 * store (never replacing one). The CLI's rules for the name ("default" is reserved) and for
 * the address (host_parse_context). False with a translated message in *err. */
bool context_create(const struct context_inputs *in, const char *name, const char *description, const char *host,
		    char **err);

/* The store's directory name for a context: the lowercase hex SHA-256 of its name. New string. */
char *context_store_id(const char *name);

#endif
