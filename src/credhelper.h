/* Docker credential helpers: `docker-credential-<name> get|store|erase|list`, found on PATH,
 * spoken to as docker does (engine-api.md §14.3). Secrets go over the helper's stdin and
 * stdout only: never in its argv or environment, so never in the process list.
 *
 * Thread model: each call starts a process and blocks until it ends or CREDHELPER_TIMEOUT
 * passes (a helper that waits on a gpg passphrase is killed then): worker threads only. Calls
 * may run on several threads at once; the pipes are close-on-exec, so a helper started on one
 * thread does not inherit another's. The helper runs in a session of its own with stderr on
 * /dev/null, so it cannot reach budu's terminal.
 * Messages are translated, sanitized, and never hold the secret (a helper's words that quote
 * it are replaced). */
#ifndef BUDU_CREDHELPER_H
#define BUDU_CREDHELPER_H

#include <stdbool.h>
#include <stddef.h>

#include "registry_creds.h"

#define CREDHELPER_TIMEOUT 10	/* seconds */
#define CREDHELPER_OUT_MAX (1u << 20)

/* Username a helper stores an identity token under. */
#define CREDHELPER_TOKEN_USER "<token>"

enum credhelper_result {
	CREDHELPER_OK,
	CREDHELPER_NOT_FOUND,	/* "credentials not found in native keychain": not logged in */
	CREDHELPER_ERROR,	/* see the message */
};

/* A helper name is what follows "docker-credential-": no '/', no blanks, not empty. */
bool credhelper_name_valid(const char *name);

/* True when docker-credential-<name> is an executable file on PATH. */
bool credhelper_available(const char *name);

/* The store docker picks on its own when config.json names none and has no logins: "pass"
 * when the pass program is on PATH, else "secretservice"; NULL when that helper is not
 * installed (docker then uses the file). */
const char *credhelper_platform_default(void);

/* get: server as docker passes it (docker_server_key's form). CREDHELPER_OK fills *out
 * (a "<token>" user becomes an identity token with username ""); free with
 * registry_creds_free. NOT_FOUND is no error: *err stays NULL. */
enum credhelper_result credhelper_get(const char *name, const char *server,
				      struct registry_creds *out, char **err);

/* store: c's user name (CREDHELPER_TOKEN_USER for an identity token) and secret for server. */
bool credhelper_store(const char *name, const char *server, const struct registry_creds *c,
		      char **err);

/* erase: NOT_FOUND when the helper held nothing for server. */
enum credhelper_result credhelper_erase(const char *name, const char *server, char **err);

/* list: the servers the helper holds, with their user names (sanitized), in parallel arrays;
 * free each with strv_free(servers, n) and strv_free(users, n). */
bool credhelper_list(const char *name, char ***servers, char ***users, size_t *n, char **err);

/* ---- The protocol's wire formats, public for the unit tests ---------------------------------- */

/* What a helper's stdout and exit status mean for get: exit 0 with
 * {"ServerURL","Username","Secret"}, or a failure whose words say not found. */
enum credhelper_result credhelper_parse_get(const char *out, size_t len, bool exited_ok,
					    struct registry_creds *creds, char **err);
/* The stdin of store: {"ServerURL","Username","Secret"}; free with secret_free. */
char *credhelper_store_input(const char *server, const struct registry_creds *c);
/* A list answer, {"<server>":"<user>",…}: false with *err when it is not that. */
bool credhelper_parse_list(const char *out, size_t len, char ***servers, char ***users, size_t *n,
			   char **err);
/* The words of a failed helper (its stdout, as helpers write errors there), as budu shows
 * them: trimmed, cut, sanitized; never holding secret (may be NULL). New string. */
char *credhelper_error_words(const char *name, const char *action, const char *out, size_t len,
			     const char *secret);
/* True when a failed helper's stdout says "credentials not found". */
bool credhelper_is_not_found(const char *out, size_t len);

#endif
