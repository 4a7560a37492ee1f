/* creds_probe: registry credentials (src/registry_auth.h) from the shell, for
 * tests/engine/80-credentials.sh. Secrets come on stdin, never in argv; nothing printed holds one.
 *
 *   creds_probe login SERVER USER      check against /v2/, then save where docker would
 *                                      ("ok identitytoken": the token server gave a refresh token, saved instead)
 *   creds_probe check SERVER USER      only the check
 *   creds_probe lookup SERVER          found user=U token=0|1 secret=same|different (vs stdin), or none
 *   creds_probe logout SERVER          erased | not logged in
 *   creds_probe list                   SERVER USER HELPER per line ("-" for none)
 *   creds_probe tags REF               tags with the saved login */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "registry.h"
#include "registry_auth.h"
#include "registry_creds.h"
#include "strv.h"
#include "xalloc.h"

static char *
read_stdin(void)
{
	static char buf[4096];
	size_t n = fread(buf, 1, sizeof(buf) - 1, stdin);
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	char *s = xstrdup(buf);
	secret_clear(buf, sizeof(buf));
	return s;
}

static int
fail(const struct registry_error *e)
{
	printf("http=%ld\nerror: %s\n", e->http_status, e->message ? e->message : "");
	return 1;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	engine_global_init();
	const char *cmd = argv[1];
	int rc = 0;
	char *err = NULL;
	if ((strcmp(cmd, "login") == 0 || strcmp(cmd, "check") == 0) && argc == 4) {
		struct registry_creds c = { .username = xstrdup(argv[3]), .secret = read_stdin() };
		char *host = registry_auth_host(argv[2]);
		struct registry_error e;
		char *tok = NULL;
		if (!registry_auth_check(argv[2], registry_is_insecure(host, NULL), &c, NULL, &tok, &e)) {
			rc = fail(&e);
			registry_error_free(&e);
		} else {
			/* "ok", or "ok identitytoken" when the registry gave a refresh token */
			registry_creds_take_identity(&c, tok);
			if (strcmp(cmd, "login") == 0 && !registry_auth_save(NULL, argv[2], &c, &err)) {
				printf("error: %s\n", err);
				rc = 1;
			} else {
				puts(c.identity_token ? "ok identitytoken" : "ok");
			}
		}
		free(host);
		registry_creds_free(&c);
	} else if (strcmp(cmd, "lookup") == 0 && argc == 3) {
		struct registry_creds c;
		switch (registry_auth_lookup(NULL, argv[2], &c, &err)) {
		case CREDS_FOUND: {
			char *want = read_stdin();
			printf("found user=%s token=%d secret=%s\n", c.username, c.identity_token,
			       strcmp(want, c.secret) == 0 ? "same" : "different");
			secret_free(want);
			registry_creds_free(&c);
			break;
		}
		case CREDS_NONE:
			puts("none");
			break;
		default:
			printf("bad: %s\n", err);
			rc = 1;
		}
	} else if (strcmp(cmd, "logout") == 0 && argc == 3) {
		bool was;
		if (!registry_auth_erase(NULL, argv[2], &was, &err)) {
			printf("error: %s\n", err);
			rc = 1;
		} else {
			puts(was ? "erased" : "not logged in");
		}
	} else if (strcmp(cmd, "list") == 0) {
		struct registry_login *v;
		size_t n;
		bool ok = registry_auth_list(NULL, &v, &n, &err);
		for (size_t i = 0; ok && i < n; i++)
			printf("%s %s %s\n", v[i].server, v[i].username ? v[i].username : "-",
			       v[i].helper ? v[i].helper : "-");
		if (err)
			printf("error: %s\n", err);
		if (ok)
			registry_logins_free(v, n);
		rc = ok ? 0 : 1;
	} else if (strcmp(cmd, "tags") == 0 && argc == 3) {
		struct registry_ref r;
		if (!registry_ref_parse(argv[2], &r, &err)) {
			printf("error: %s\n", err);
			rc = 1;
		} else {
			struct registry_creds c;
			enum creds_lookup l = registry_auth_lookup(NULL, r.host, &c, &err);
			char **tags;
			size_t n;
			struct registry_error e;
			if (registry_tags_auth(&r, registry_is_insecure(r.host, NULL), l == CREDS_FOUND ? &c : NULL,
					       NULL, &tags, &n, NULL, &e)) {
				for (size_t i = 0; i < n; i++)
					puts(tags[i]);
				strv_free(tags, n);
			} else {
				rc = fail(&e);
				registry_error_free(&e);
			}
			if (l == CREDS_FOUND)
				registry_creds_free(&c);
			registry_ref_free(&r);
		}
	} else {
		rc = 2;
	}
	free(err);
	engine_global_cleanup();
	return rc;
}
