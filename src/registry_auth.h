/* Registry logins where docker keeps them, so that budu and the docker CLI share them both
 * ways: which store holds a server's login (credHelpers[server] > credsStore > config.json's
 * "auths"; with none of them configured and no logins, the platform's default helper as
 * docker picks it), and looking up, saving, erasing, listing and checking a login.
 *
 * dir is docker's configuration directory, or NULL for $DOCKER_CONFIG / ~/.docker.
 * server is what the user or a reference names ("docker.io", "127.0.0.1:5000",
 * "https://index.docker.io/v1/", a struct registry_ref's host): docker_server_key() files it.
 *
 * Thread model: every call reads (and may rewrite) config.json and may run a helper
 * (credhelper.h, up to CREDHELPER_TIMEOUT seconds): worker threads only. Calls share no state;
 * two saves at once race as two `docker login`s do (the last rename wins).
 * Messages are translated and never hold a secret. */
#ifndef BUDU_REGISTRY_AUTH_H
#define BUDU_REGISTRY_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "docker_config.h"
#include "http.h"
#include "registry.h"
#include "registry_creds.h"

/* The host the registry API answers on for server: "registry-1.docker.io" for Docker Hub's
 * names, else docker_server_key's host[:port]. New string. */
char *registry_auth_host(const char *server);

/* The helper that serves server with cfg ("pass", "desktop"), or NULL for the file; docker's
 * auto-detected default counts when cfg is blank. Belongs to cfg or is static. */
const char *registry_auth_store(const struct docker_config *cfg, const char *server);

/* The login for server. CREDS_NONE (not logged in, or the helper does not know it) is no
 * error; CREDS_BAD fills *err (a damaged entry, a helper that failed or is missing). On
 * CREDS_FOUND free *out with registry_creds_free. */
enum creds_lookup registry_auth_lookup(const char *dir, const char *server,
				       struct registry_creds *out, char **err);

/* Saves c for server where docker would: through its helper (`store`, and the empty "{}"
 * entry docker keeps in "auths"; an auto-detected store is recorded as credsStore), else in
 * "auths" as base64 user:secret. config.json is rewritten atomically, keeping what budu does
 * not know. False with *err; nothing is half saved (the file is written after the helper). */
bool registry_auth_save(const char *dir, const char *server, const struct registry_creds *c,
			char **err);

/* Erases server's login from its helper and from "auths" (every spelling of its key).
 * *was tells whether there was one (docker says "Not logged in to …" otherwise); may be NULL.
 * False with *err when the helper or the file failed. */
bool registry_auth_erase(const char *dir, const char *server, bool *was, char **err);

struct registry_login {	/* a registry with a login, as the Registries view lists it */
	char *server;	/* as filed: "https://index.docker.io/v1/", "127.0.0.1:5000" */
	char *username;	/* NULL when it cannot be had without the secret */
	char *helper;	/* the helper that holds it, NULL for config.json */
};
/* The registries config.json knows ("auths" and "credHelpers" keys) and those credsStore's
 * helper lists, one per server, with the user names the file's "auth" or the helpers' `list`
 * give. A helper that fails leaves its servers without user names and its words in *err
 * (true is still returned; *err may then be set). False only when config.json is unreadable. */
bool registry_auth_list(const char *dir, struct registry_login **out, size_t *n, char **err);
void registry_logins_free(struct registry_login *v, size_t n);

/* The login check (registry_login_check) for server with c; identity_token as there. */
bool registry_auth_check(const char *server, bool insecure, const struct registry_creds *c,
			 struct cancel *cancel, char **identity_token, struct registry_error *err);

/* The login as docker saves it after a check that returned identity_token (may be NULL): with
 * one, c becomes the identity token (c->secret replaced and cleared; the user name kept, as
 * docker keeps it beside the token); without, c is left as it is. identity_token is taken. */
void registry_creds_take_identity(struct registry_creds *c, char *identity_token);

#endif
