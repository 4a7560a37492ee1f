#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "credhelper.h"
#include "docker_config.h"
#include "i18n.h"
#include "registry_auth.h"
#include "strv.h"
#include "xalloc.h"

#define DOCKER_HUB_API "registry-1.docker.io"

char *
registry_auth_host(const char *server)
{
	char *key = docker_server_key(server);
	if (strcmp(key, DOCKER_HUB_KEY) == 0) {
		free(key);
		return xstrdup(DOCKER_HUB_API);
	}
	return key;
}

const char *
registry_auth_store(const struct docker_config *cfg, const char *server)
{
	const char *h = docker_config_helper(cfg, server);
	if (h)
		return h;
	/* docker's LoadDefaultConfigFile: a file without any login gets the platform's store */
	return docker_config_is_blank(cfg) ? credhelper_platform_default() : NULL;
}

enum creds_lookup
registry_auth_lookup(const char *dir, const char *server, struct registry_creds *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	struct docker_config cfg;
	if (!docker_config_load(&cfg, dir, err))
		return CREDS_BAD;
	char *key = docker_server_key(server);
	const char *helper = registry_auth_store(&cfg, key);
	enum creds_lookup r;
	if (helper) {
		switch (credhelper_get(helper, key, out, err)) {
		case CREDHELPER_OK: r = CREDS_FOUND; break;
		case CREDHELPER_NOT_FOUND: r = CREDS_NONE; break;
		default: r = CREDS_BAD; break;
		}
	} else {
		r = docker_config_get(&cfg, key, out, err);
	}
	free(key);
	docker_config_free(&cfg);
	return r;
}

bool
registry_auth_save(const char *dir, const char *server, const struct registry_creds *c, char **err)
{
	*err = NULL;
	if (!registry_creds_usable(c)) {
		*err = xstrdup(_("no password or token to save"));
		return false;
	}
	struct docker_config cfg;
	if (!docker_config_load(&cfg, dir, err))
		return false;
	char *key = docker_server_key(server);
	bool detected = docker_config_helper(&cfg, key) == NULL;
	const char *helper = registry_auth_store(&cfg, key);
	bool ok = true;
	if (helper) {
		char *name = xstrdup(helper);	/* set_store below frees cfg's copy */
		ok = credhelper_store(name, key, c, err);
		if (ok) {
			if (detected)
				docker_config_set_store(&cfg, name);
			docker_config_put(&cfg, key, NULL);
		}
		free(name);
	} else {
		docker_config_put(&cfg, key, c);
	}
	ok = ok && docker_config_save(&cfg, err);
	free(key);
	docker_config_free(&cfg);
	return ok;
}

bool
registry_auth_erase(const char *dir, const char *server, bool *was, char **err)
{
	*err = NULL;
	if (was)
		*was = false;
	struct docker_config cfg;
	if (!docker_config_load(&cfg, dir, err))
		return false;
	char *key = docker_server_key(server);
	const char *helper = registry_auth_store(&cfg, key);
	bool ok = true, any = false;
	if (helper) {
		/* the spellings docker's logout erases */
		char *names[3] = { xstrdup(key), NULL, NULL };
		if (strcmp(key, DOCKER_HUB_KEY) != 0) {
			names[1] = xasprintf("https://%s", key);
			names[2] = xasprintf("http://%s", key);
		}
		for (int i = 0; i < 3 && names[i] && ok; i++) {
			char *e = NULL;
			switch (credhelper_erase(helper, names[i], &e)) {
			case CREDHELPER_OK: any = true; break;
			case CREDHELPER_NOT_FOUND: break;
			/* only the key itself must go; the other spellings are a courtesy */
			default: ok = i > 0; break;
			}
			if (!ok && !*err)
				*err = e;
			else
				free(e);
		}
		for (int i = 0; i < 3; i++)
			free(names[i]);
	}
	if (ok && docker_config_erase(&cfg, key)) {
		any = true;
		ok = docker_config_save(&cfg, err);
	}
	if (was)
		*was = any;
	free(key);
	docker_config_free(&cfg);
	return ok;
}

static void
add(struct registry_login **v, size_t *n, const char *server, const char *user, const char *helper)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	struct registry_login *l = &(*v)[(*n)++];
	l->server = xstrdup(server);
	l->username = user && *user ? xstrdup(user) : NULL;
	l->helper = helper ? xstrdup(helper) : NULL;
}

/* The entry of v for server under any spelling, or NULL. */
static struct registry_login *
find(struct registry_login *v, size_t n, const char *server)
{
	char *key = docker_server_key(server);
	struct registry_login *hit = NULL;
	for (size_t i = 0; i < n && !hit; i++) {
		char *k = docker_server_key(v[i].server);
		if (strcmp(k, key) == 0)
			hit = &v[i];
		free(k);
	}
	free(key);
	return hit;
}

bool
registry_auth_list(const char *dir, struct registry_login **out, size_t *n, char **err)
{
	*out = NULL;
	*n = 0;
	*err = NULL;
	struct docker_config cfg;
	if (!docker_config_load(&cfg, dir, err))
		return false;
	struct docker_login *file;
	size_t nfile;
	docker_config_logins(&cfg, &file, &nfile);
	for (size_t i = 0; i < nfile; i++)
		add(out, n, file[i].server, file[i].username, file[i].helper);
	docker_logins_free(file, nfile);

	/* each helper in use, asked once: its list names users (and, for credsStore, servers) */
	const char *store = registry_auth_store(&cfg, "");
	char **asked = NULL;
	size_t nasked = 0;
	for (size_t i = 0; i <= *n; i++) {
		const char *helper = i < *n ? (*out)[i].helper : store;
		bool done = !helper;
		for (size_t j = 0; j < nasked && !done; j++)
			done = strcmp(asked[j], helper) == 0;
		if (done)
			continue;
		asked = xrealloc(asked, (nasked + 1) * sizeof(*asked));
		asked[nasked++] = xstrdup(helper);
		char **servers, **users, *e = NULL;
		size_t m;
		if (!credhelper_list(helper, &servers, &users, &m, &e)) {
			if (!*err)
				*err = e;
			else
				free(e);
			continue;
		}
		for (size_t k = 0; k < m; k++) {
			struct registry_login *l = find(*out, *n, servers[k]);
			if (!l && store && strcmp(helper, store) == 0) {
				/* a login only the default store holds */
				add(out, n, servers[k], users[k], helper);
			} else if (l && l->helper && strcmp(l->helper, helper) == 0 && !l->username && *users[k]) {
				l->username = xstrdup(users[k]);
			}
		}
		strv_free(servers, m);
		strv_free(users, m);
	}
	strv_free(asked, nasked);
	docker_config_free(&cfg);
	return true;
}

void
registry_logins_free(struct registry_login *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].server);
		free(v[i].username);
		free(v[i].helper);
	}
	free(v);
}

bool
registry_auth_check(const char *server, bool insecure, const struct registry_creds *c,
		    struct cancel *cancel, char **identity_token, struct registry_error *err)
{
	char *host = registry_auth_host(server);
	bool ok = registry_login_check(host, insecure, c, cancel, identity_token, err);
	free(host);
	return ok;
}

void
registry_creds_take_identity(struct registry_creds *c, char *identity_token)
{
	if (!identity_token)
		return;
	secret_free(c->secret);
	c->secret = identity_token;
	c->identity_token = true;
}
