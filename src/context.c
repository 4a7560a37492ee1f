#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "context.h"
#include "docker_config.h"
#include "i18n.h"
#include "json.h"
#include "strbuf.h"
#include "xalloc.h"

#define META_MAX (1u << 20)	/* a meta.json is a few hundred bytes */

static const char *
given(const char *s)
{
	return s && *s ? s : NULL;
}

void
context_inputs_from_env(struct context_inputs *in)
{
	const char *verify = getenv("DOCKER_TLS_VERIFY");
	in->env_host = getenv("DOCKER_HOST");
	in->env_context = getenv("DOCKER_CONTEXT");
	in->tls_verify = verify && *verify;
	in->cert_path = getenv("DOCKER_CERT_PATH");
	in->config_dir = given(getenv("DOCKER_CONFIG"));
}

char *
context_store_id(const char *name)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_Digest(name, strlen(name), md, &len, EVP_sha256(), NULL);
	char *hex = xmalloc(2 * len + 1);
	for (unsigned int i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[2 * len] = '\0';
	return hex;
}

static char *
config_dir(const struct context_inputs *in)
{
	return given(in->config_dir) ? xstrdup(in->config_dir) : docker_config_dir();
}

/* "currentContext" of config.json, or NULL; a file that cannot be read counts as none (the
 * CLI warns and goes on). */
static char *
config_current(const struct context_inputs *in)
{
	char *dir = config_dir(in);
	if (!dir)
		return NULL;
	struct docker_config cfg;
	char *err = NULL;
	char *name = NULL;
	if (docker_config_load(&cfg, dir, &err)) {
		/* Go matches the key case-insensitively, as cJSON_GetObjectItem does */
		const cJSON *cur = cJSON_GetObjectItem(cfg.doc, "currentContext");
		if (cJSON_IsString(cur) && cur->valuestring[0])
			name = xstrdup(cur->valuestring);
		docker_config_free(&cfg);
	}
	free(err);
	free(dir);
	return name;
}

bool
context_current(const struct context_inputs *in, char **name, char **warning, char **err)
{
	*name = NULL;
	*err = NULL;
	if (warning)
		*warning = NULL;
	if (given(in->opt_context) && given(in->opt_host)) {
		*err = xstrdup(_("conflicting options: either specify --host or --context, not both"));
		return false;
	}
	if (given(in->opt_context)) {
		*name = xstrdup(in->opt_context);
		return true;
	}
	if (given(in->opt_host)) {
		*name = xstrdup(CONTEXT_DEFAULT);
		return true;
	}
	if (given(in->env_host)) {
		*name = xstrdup(CONTEXT_DEFAULT);
		if (warning) {
			char *hidden = given(in->env_context) ? xstrdup(in->env_context) : config_current(in);
			if (hidden && strcmp(hidden, CONTEXT_DEFAULT) != 0)
				/* TRANSLATORS: the docker CLI's warning; %s a context's name */
				*warning = xasprintf(_("Warning: DOCKER_HOST environment variable overrides the "
						       "active context. To use \"%s\", either set the --context "
						       "option, or unset DOCKER_HOST environment variable."), hidden);
			free(hidden);
		}
		return true;
	}
	if (given(in->env_context)) {
		*name = xstrdup(in->env_context);
		return true;
	}
	*name = config_current(in);
	if (!*name)
		*name = xstrdup(CONTEXT_DEFAULT);
	return true;
}

/* Go's error words start in lower case ("no such file or directory"). */
static char *
go_strerror(int e)
{
	char *s = xstrdup(strerror(e));
	if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
		s[0] = (char)(s[0] - 'A' + 'a');
	return s;
}

static char *
read_small(const char *path, int *err_no)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err_no = errno;
		return NULL;
	}
	struct strbuf sb = STRBUF_INIT;
	char chunk[4096];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || sb.len + (size_t)n > META_MAX) {
			*err_no = n < 0 ? errno : EFBIG;
			close(fd);
			sb_free(&sb);
			return NULL;
		}
		if (n == 0)
			break;
		sb_append(&sb, chunk, (size_t)n);
	}
	close(fd);
	if (!sb.buf)
		return xstrdup("");
	return sb_detach(&sb);
}

static bool
dir_has_file(const char *dir)
{
	static const char *const names[] = { "ca.pem", "cert.pem", "key.pem" };
	for (size_t i = 0; i < 3; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		bool there = stat(p, &st) == 0;
		free(p);
		if (there)
			return true;
	}
	return false;
}

/* Fills c from the store's files for name (whose directory is id); c->error says what is wrong
 * with a context that is there but cannot be used. False when its meta.json cannot be read
 * (*err_no says why). */
static bool
load_meta(const char *dir, const char *id, struct context *c, int *err_no)
{
	memset(c, 0, sizeof(*c));
	c->meta_path = xasprintf("%s/contexts/meta/%s/meta.json", dir, id);
	char *text = read_small(c->meta_path, err_no);
	if (!text)
		return false;
	cJSON *j = json_parse(text, text ? strlen(text) : 0);
	free(text);
	/* Go's decoder matches struct fields case-insensitively: cJSON_GetObjectItem does too;
	 * "docker" is a map key, matched exactly */
	const cJSON *name = cJSON_GetObjectItem(j, "Name");
	const cJSON *meta = cJSON_GetObjectItem(j, "Metadata");
	const cJSON *eps = cJSON_GetObjectItem(j, "Endpoints");
	const cJSON *docker = cJSON_GetObjectItemCaseSensitive(eps, "docker");
	const cJSON *desc = cJSON_GetObjectItem(meta, "Description");
	const cJSON *host = cJSON_GetObjectItem(docker, "Host");
	const cJSON *skip = cJSON_GetObjectItem(docker, "SkipTLSVerify");
	c->name = xstrdup(cJSON_IsString(name) ? name->valuestring : "");
	c->description = xstrdup(cJSON_IsString(desc) ? desc->valuestring : "");
	c->host = xstrdup(cJSON_IsString(host) ? host->valuestring : "");
	c->skip_tls_verify = cJSON_IsTrue(skip);
	if (!cJSON_IsObject(j))
		c->error = xasprintf(_("%s is not a context's meta.json"), c->meta_path);
	else if (!cJSON_IsObject(docker))
		c->error = xasprintf(_("context \"%s\" has no docker endpoint"), c->name);
	cJSON_Delete(j);
	char *tls = xasprintf("%s/contexts/tls/%s/docker", dir, id);
	if (dir_has_file(tls))
		c->tls_dir = tls;
	else
		free(tls);
	return true;
}

static void
context_free(struct context *c)
{
	free(c->name);
	free(c->description);
	free(c->host);
	free(c->tls_dir);
	free(c->meta_path);
	free(c->error);
	memset(c, 0, sizeof(*c));
}

bool
context_host(const struct context_inputs *in, const char *name, struct host *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	if (!name || strcmp(name, CONTEXT_DEFAULT) == 0) {
		const char *spec = given(in->opt_host) ? in->opt_host : in->env_host;
		if (!host_parse(spec, in->tls_verify, in->cert_path, out, err))
			return false;
		out->context = xstrdup(CONTEXT_DEFAULT);
		return true;
	}
	char *dir = config_dir(in);
	if (!dir) {
		*err = xstrdup(_("cannot find docker's configuration directory: neither DOCKER_CONFIG nor HOME is set"));
		return false;
	}
	char *id = context_store_id(name);
	struct context c;
	int e = 0;
	bool ok = load_meta(dir, id, &c, &e);
	if (!ok) {
		char *why = go_strerror(e);
		/* TRANSLATORS: the docker CLI's message; %s the name, the file, the system's reason */
		*err = xasprintf(_("unable to resolve docker endpoint: context \"%s\": context not found: open %s: %s"),
				 name, c.meta_path, why);
		free(why);
	} else if (c.error) {
		*err = xasprintf(_("unable to resolve docker endpoint: %s"), c.error);
		ok = false;
	} else if (!host_parse_context(c.host, c.tls_dir, c.skip_tls_verify, out, err)) {
		char *inner = *err;
		*err = xasprintf(_("context \"%s\": %s"), name, inner);
		free(inner);
		ok = false;
	} else {
		out->context = xstrdup(name);
	}
	context_free(&c);
	free(id);
	free(dir);
	return ok;
}

bool
context_resolve(const struct context_inputs *in, struct host *out, char **warning, char **err)
{
	memset(out, 0, sizeof(*out));
	char *name = NULL;
	if (!context_current(in, &name, warning, err))
		return false;
	bool ok = context_host(in, name, out, err);
	free(name);
	if (!ok && warning) {
		free(*warning);
		*warning = NULL;
	}
	return ok;
}

static int
by_name(const void *a, const void *b)
{
	const struct context *x = a, *y = b;
	return strcmp(x->name, y->name);
}

bool
context_list(const struct context_inputs *in, struct context_list *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	char *current = NULL;
	bool ok = context_current(in, &current, NULL, err);

	size_t cap = 8;
	out->v = xcalloc(cap, sizeof(*out->v));
	struct context *d = &out->v[out->n++];
	d->name = xstrdup(CONTEXT_DEFAULT);
	/* the CLI's description of its in-memory context */
	d->description = xstrdup(_("Current DOCKER_HOST based configuration"));
	struct host h;
	char *herr = NULL;
	struct context_inputs din = *in;
	if (host_parse(given(din.opt_host) ? din.opt_host : din.env_host, din.tls_verify, din.cert_path, &h, &herr)) {
		d->host = xstrdup(h.display);
		host_free(&h);
	} else {
		d->host = xstrdup(given(din.opt_host) ? din.opt_host : din.env_host ? din.env_host : "");
		d->error = herr;
	}

	char *dir = config_dir(in);
	char *meta = dir ? xasprintf("%s/contexts/meta", dir) : NULL;
	DIR *dh = meta ? opendir(meta) : NULL;
	struct dirent *ent;
	while (dh && (ent = readdir(dh))) {
		if (ent->d_name[0] == '.')
			continue;
		struct context c;
		int e = 0;
		if (!load_meta(dir, ent->d_name, &c, &e)) {
			context_free(&c);
			continue;
		}
		if (!c.name[0]) {
			context_free(&c);
			continue;
		}
		if (!c.error) {
			struct host ch;
			char *cerr = NULL;
			if (host_parse_context(c.host, c.tls_dir, c.skip_tls_verify, &ch, &cerr))
				host_free(&ch);
			else
				c.error = cerr;
		}
		if (out->n == cap) {
			cap *= 2;
			out->v = xrealloc(out->v, cap * sizeof(*out->v));
		}
		out->v[out->n++] = c;
	}
	if (dh)
		closedir(dh);
	free(meta);
	free(dir);
	if (out->n > 2)
		qsort(out->v + 1, out->n - 1, sizeof(*out->v), by_name);
	for (size_t i = 0; i < out->n && current; i++)
		out->v[i].current = strcmp(out->v[i].name, current) == 0;
	free(current);
	return ok;
}

void
context_list_free(struct context_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		context_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The CLI's rule for names (cli/context/store: restrictedNamePattern). */
static bool
valid_name(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
		return false;
	size_t n = 1;
	for (const char *p = s + 1; *p; p++, n++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-", *p))
			return false;
	return n >= 2;
}

static bool
mkdirs(char *path, mode_t mode)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		bool ok = mkdir(path, mode) == 0 || errno == EEXIST;
		*p = '/';
		if (!ok)
			return false;
	}
	return mkdir(path, mode) == 0 || errno == EEXIST;
}

bool
context_create(const struct context_inputs *in, const char *name, const char *description, const char *host,
	       char **err)
{
	*err = NULL;
	if (!valid_name(name) || strcmp(name, CONTEXT_DEFAULT) == 0) {
		/* TRANSLATORS: the docker CLI's words */
		*err = strcmp(name, CONTEXT_DEFAULT) == 0
			? xstrdup(_("\"default\" is a reserved context name"))
			: xasprintf(_("context name %s is invalid, names are validated against regexp "
				      "\"^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$\""), name);
		return false;
	}
	struct host h;
	if (!host_parse_context(host, NULL, false, &h, err))
		return false;
	host_free(&h);
	char *dir = config_dir(in);
	if (!dir) {
		*err = xstrdup(_("cannot find docker's configuration directory: neither DOCKER_CONFIG nor HOME is set"));
		return false;
	}
	char *id = context_store_id(name);
	char *mdir = xasprintf("%s/contexts/meta/%s", dir, id);
	char *path = xasprintf("%s/meta.json", mdir);
	char *tmp = xasprintf("%s/.meta.json.XXXXXX", mdir);
	bool ok = false;
	struct stat st;
	if (stat(path, &st) == 0) {
		*err = xasprintf(_("context \"%s\" already exists"), name);
	} else if (!mkdirs(mdir, 0755)) {
		*err = xasprintf(_("cannot create %s: %s"), mdir, strerror(errno));
	} else {
		/* what `docker context create NAME --docker host=HOST` writes */
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "Name", name);
		cJSON *meta = cJSON_AddObjectToObject(j, "Metadata");
		if (description && *description)
			cJSON_AddStringToObject(meta, "Description", description);
		cJSON *docker = cJSON_AddObjectToObject(cJSON_AddObjectToObject(j, "Endpoints"), "docker");
		cJSON_AddStringToObject(docker, "Host", host);
		cJSON_AddFalseToObject(docker, "SkipTLSVerify");
		char *text = cJSON_PrintUnformatted(j);
		cJSON_Delete(j);
		int fd = mkostemp(tmp, O_CLOEXEC);
		size_t len = strlen(text);
		ok = fd >= 0 && fchmod(fd, 0644) == 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
		int e = errno;
		if (fd >= 0 && close(fd) != 0 && ok) {
			ok = false;
			e = errno;
		}
		/* link, not rename: a context made meanwhile by docker is never replaced */
		if (ok && link(tmp, path) != 0) {
			ok = false;
			e = errno;
		}
		if (fd >= 0)
			unlink(tmp);
		if (!ok)
			*err = e == EEXIST ? xasprintf(_("context \"%s\" already exists"), name)
					   : xasprintf(_("cannot write %s: %s"), path, strerror(e ? e : EIO));
		free(text);
	}
	free(tmp);
	free(path);
	free(mdir);
	free(id);
	free(dir);
	return ok;
}
