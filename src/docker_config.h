/* The docker CLI's config.json ($DOCKER_CONFIG/config.json, else ~/.docker/config.json) as far
 * as registry logins go (engine-api.md §14.2): the "auths" entries, "credsStore" and
 * "credHelpers", and the server names docker files them under. The whole document is kept, so
 * that writing it back keeps every key budu does not know.
 *
 * Thread model: a struct docker_config belongs to one thread; load, change and save it on a
 * worker (file I/O, fsync). Two writers at once (budu and `docker login`) are not locked out,
 * as docker does not lock either: the last rename wins, and no reader ever sees half a file.
 * Cost: the file is small; every call is O(entries).
 * The document holds secrets ("auth", "identitytoken"): docker_config_free clears them. */
#ifndef BUDU_DOCKER_CONFIG_H
#define BUDU_DOCKER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "registry_creds.h"

/* Docker Hub's key in "auths", and the serveraddress of its X-Registry-Auth. */
#define DOCKER_HUB_KEY "https://index.docker.io/v1/"

struct cJSON;

struct docker_config {
	char *dir;		/* $DOCKER_CONFIG, or ~/.docker */
	char *path;		/* dir + "/config.json" */
	struct cJSON *doc;	/* the whole document, an object; budu's changes go in place */
	bool exists;		/* the file was there when loaded */
	mode_t mode;		/* its permission bits then; 0600 for a new file */
};

/* $DOCKER_CONFIG, else $HOME/.docker (the password database's home when HOME is unset); new
 * string, NULL when there is no home at all. */
char *docker_config_dir(void);

/* Reads dir/config.json (dir NULL: docker_config_dir()). A missing or empty file is an empty
 * document, not an error. False with a translated message in *err (caller frees) when it
 * cannot be read or is not a JSON object: budu then never writes over it. */
bool docker_config_load(struct docker_config *cfg, const char *dir, char **err);

/* Writes the document back as docker does: the directory made 0700 when missing; a temporary
 * file in the same directory, given the old file's mode (0600 for a new file) and, when budu
 * runs as root, its owner; written, fsynced and renamed over config.json (over a symlink's
 * target, not the link), then the directory fsynced. A reader sees the old file or the new one,
 * never a mix. False with a translated message in *err. */
bool docker_config_save(struct docker_config *cfg, char **err);

/* Clears every string of the document, then frees it all. cfg may be NULL. */
void docker_config_free(struct docker_config *cfg);

/* The key docker files a server under: DOCKER_HUB_KEY for "", "docker.io", "index.docker.io",
 * "registry-1.docker.io" (with or without a scheme and path); else host[:port], with any
 * "http(s)://" and anything from the first "/" cut (docker's ConvertToHostname). New string. */
char *docker_server_key(const char *server);

/* The credential helper that serves server: credHelpers[key], else credsStore, else NULL for
 * the file's own "auths". The string belongs to cfg. */
const char *docker_config_helper(const struct docker_config *cfg, const char *server);

enum creds_lookup {
	CREDS_NONE,		/* not logged in there */
	CREDS_FOUND,
	CREDS_BAD,		/* an entry that cannot be used; see the message */
};

/* The "auths" entry for server: the one under its key, else one whose key normalizes to it
 * ("https://host/", "http://host/v1/"). "auth" is base64 of user:password (split at the first
 * ':', NULs trimmed from the password); "identitytoken", when present, is what is sent instead
 * of the password. An entry with neither ("{}", written beside a helper) is CREDS_NONE.
 * The file only: ask docker_config_helper first. On CREDS_FOUND *out is filled (free with
 * registry_creds_free); on CREDS_BAD a translated message without the secret is in *err. */
enum creds_lookup docker_config_get(const struct docker_config *cfg, const char *server,
				    struct registry_creds *out, char **err);

/* Sets auths[key] to what docker writes: {"auth": base64(user:secret)}, or for an identity
 * token {"auth" (user only, when known), "identitytoken"}; c NULL writes the "{}" docker keeps
 * beside a helper. Other entries for the same server under other spellings are removed. In
 * memory only: docker_config_save writes it. */
void docker_config_put(struct docker_config *cfg, const char *server, const struct registry_creds *c);

/* Removes every "auths" entry for server, under any spelling; true when one was there. */
bool docker_config_erase(struct docker_config *cfg, const char *server);

/* Sets credsStore (docker records the store it detected on first login). */
void docker_config_set_store(struct docker_config *cfg, const char *helper);

/* The file's "auths" holds nothing, and neither credsStore nor credHelpers is set: the case in
 * which docker picks a platform store ("pass" on Linux) on its own. */
bool docker_config_is_blank(const struct docker_config *cfg);

struct docker_login {	/* a registry the file knows */
	char *server;	/* the key as written ("https://index.docker.io/v1/", "127.0.0.1:5000") */
	char *username;	/* from "auth" (the user part only), NULL when unknown (helpers, tokens) */
	char *helper;	/* the helper that holds it, NULL for the file */
};
/* The registries of "auths" and "credHelpers" keys, one per normalized key, in file order. */
void docker_config_logins(const struct docker_config *cfg, struct docker_login **out, size_t *n);
void docker_logins_free(struct docker_login *v, size_t n);

#endif
