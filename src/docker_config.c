#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "docker_config.h"
#include "i18n.h"
#include "json.h"
#include "strbuf.h"
#include "xalloc.h"

/* config.json is a few KiB; anything much larger is not one */
#define CONFIG_MAX (16u << 20)

char *
docker_config_dir(void)
{
	const char *d = getenv("DOCKER_CONFIG");
	if (d && *d)
		return xstrdup(d);
	const char *home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	return home && *home ? xasprintf("%s/.docker", home) : NULL;
}

/* Clears every string of the tree (keys too: they name no secret, but cost nothing). */
static void
wipe_tree(cJSON *j)
{
	for (; j; j = j->next) {
		if (j->valuestring)
			secret_clear(j->valuestring, strlen(j->valuestring));
		wipe_tree(j->child);
	}
}

void
docker_config_free(struct docker_config *cfg)
{
	if (!cfg)
		return;
	wipe_tree(cfg->doc);
	cJSON_Delete(cfg->doc);
	free(cfg->dir);
	free(cfg->path);
	memset(cfg, 0, sizeof(*cfg));
}

/* The whole of fd into a new buffer, or NULL with errno set (EFBIG past CONFIG_MAX). */
static char *
read_all(int fd, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char chunk[4096];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || sb.len + (size_t)n > CONFIG_MAX) {
			int e = n < 0 ? errno : EFBIG;
			if (sb.buf)
				secret_clear(sb.buf, sb.len);
			sb_free(&sb);
			secret_clear(chunk, sizeof(chunk));
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		/* a growing buffer leaves old copies; clear each before it goes */
		struct strbuf grown = STRBUF_INIT;
		sb_append(&grown, sb.buf ? sb.buf : "", sb.len);
		sb_append(&grown, chunk, (size_t)n);
		if (sb.buf)
			secret_clear(sb.buf, sb.len);
		sb_free(&sb);
		sb = grown;
	}
	secret_clear(chunk, sizeof(chunk));
	*len = sb.len;
	return sb.buf ? sb_detach(&sb) : xstrdup("");
}

bool
docker_config_load(struct docker_config *cfg, const char *dir, char **err)
{
	memset(cfg, 0, sizeof(*cfg));
	*err = NULL;
	cfg->dir = dir ? xstrdup(dir) : docker_config_dir();
	if (!cfg->dir) {
		*err = xstrdup(_("cannot find docker's configuration directory: neither DOCKER_CONFIG nor HOME is set"));
		docker_config_free(cfg);
		return false;
	}
	cfg->path = xasprintf("%s/config.json", cfg->dir);
	cfg->mode = 0600;
	int fd = open(cfg->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		cfg->doc = cJSON_CreateObject();
		return true;
	}
	struct stat st;
	char *text = NULL;
	size_t len = 0;
	int e = errno;
	if (fd >= 0) {
		if (fstat(fd, &st) != 0)
			e = errno;
		else if (!S_ISREG(st.st_mode))
			e = EISDIR;	/* a directory, a FIFO: nothing docker would have written */
		else if (!(text = read_all(fd, &len)))
			e = errno;
		close(fd);
	}
	if (!text) {
		/* TRANSLATORS: %s a path, then the system's reason */
		*err = xasprintf(_("cannot read %s: %s"), cfg->path, strerror(e));
		docker_config_free(cfg);
		return false;
	}
	cfg->exists = true;
	cfg->mode = st.st_mode & 07777;
	size_t blank = strspn(text, " \t\r\n");
	cfg->doc = blank == len ? cJSON_CreateObject() : json_parse_whole(text, len);
	secret_clear(text, len);
	free(text);
	if (!cJSON_IsObject(cfg->doc)) {
		*err = xasprintf(_("cannot read %s: it is not a JSON object"), cfg->path);
		docker_config_free(cfg);
		return false;
	}
	return true;
}

static bool
write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* The file the rename replaces: config.json, or what it links to (as docker keeps the link). */
static char *
rename_target(const char *path)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);
	if (n <= 0)
		return xstrdup(path);
	buf[n] = '\0';
	if (buf[0] == '/')
		return xstrdup(buf);
	const char *slash = strrchr(path, '/');
	return slash ? xasprintf("%.*s/%s", (int)(slash - path), path, buf) : xstrdup(buf);
}

bool
docker_config_save(struct docker_config *cfg, char **err)
{
	*err = NULL;
	if (mkdir(cfg->dir, 0700) != 0 && errno != EEXIST) {
		*err = xasprintf(_("cannot create %s: %s"), cfg->dir, strerror(errno));
		return false;
	}
	char *target = rename_target(cfg->path);
	const char *slash = strrchr(target, '/');
	char *dir = slash ? xstrndup(target, (size_t)(slash - target)) : xstrdup(".");
	char *tmp = xasprintf("%s/.config.json.XXXXXX", dir);
	struct stat st;
	bool had = stat(target, &st) == 0;
	int fd = mkostemp(tmp, O_CLOEXEC);	/* 0600 from the start */
	char *text = NULL;
	bool ok = fd >= 0;
	int e = errno;
	if (ok) {
		/* docker copies the old file's mode and owner to the new one */
		mode_t mode = had ? st.st_mode & 07777 : 0600;
		if (had && geteuid() == 0 && fchown(fd, st.st_uid, st.st_gid) != 0) {
			/* keep root's ownership rather than fail the login */
		}
		ok = fchmod(fd, mode) == 0;
		text = ok ? cJSON_Print(cfg->doc) : NULL;
		ok = ok && text && write_all(fd, text, strlen(text)) && write_all(fd, "\n", 1)
		     && fsync(fd) == 0;
		e = errno;
		if (close(fd) != 0 && ok) {
			ok = false;
			e = errno;
		}
		ok = ok && rename(tmp, target) == 0;
		if (!ok) {
			e = e ? e : errno;
			unlink(tmp);
		} else {
			cfg->exists = true;
			cfg->mode = mode;
		}
	}
	if (ok) {
		/* the rename itself survives a crash only once the directory is on disk */
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	} else {
		*err = xasprintf(_("cannot write %s: %s"), target, strerror(e ? e : EIO));
	}
	secret_free(text);
	free(tmp);
	free(dir);
	free(target);
	return ok;
}

static bool
is_hub_host(const char *h, size_t n)
{
	static const char *const names[] = { "docker.io", "index.docker.io", "registry-1.docker.io" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && strncasecmp(h, names[i], n) == 0)
			return true;
	return false;
}

char *
docker_server_key(const char *server)
{
	const char *s = server ? server : "";
	s += strspn(s, " \t");
	if (strncasecmp(s, "https://", 8) == 0)
		s += 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		s += 7;
	size_t n = strcspn(s, "/ \t");
	if (n == 0 || is_hub_host(s, n))
		return xstrdup(DOCKER_HUB_KEY);
	return xstrndup(s, n);
}

/* The member of obj whose key normalizes to key (the exact key first); NULL when none. */
static cJSON *
find_server(const cJSON *obj, const char *key)
{
	cJSON *exact = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (exact)
		return exact;
	cJSON *m;
	cJSON_ArrayForEach(m, obj) {
		char *k = docker_server_key(m->string);
		bool same = strcmp(k, key) == 0;
		free(k);
		if (same)
			return m;
	}
	return NULL;
}

const char *
docker_config_helper(const struct docker_config *cfg, const char *server)
{
	char *key = docker_server_key(server);
	const cJSON *h = find_server(cJSON_GetObjectItemCaseSensitive(cfg->doc, "credHelpers"), key);
	free(key);
	if (cJSON_IsString(h) && *h->valuestring)
		return h->valuestring;
	const cJSON *store = cJSON_GetObjectItemCaseSensitive(cfg->doc, "credsStore");
	return cJSON_IsString(store) && *store->valuestring ? store->valuestring : NULL;
}

/* "user:password" from an "auth" value: false when it is not base64 or has no user. */
static bool
decode_auth(const char *auth, char **user, char **password)
{
	size_t n;
	char *raw = base64_decode(auth, &n);
	if (!raw)
		return false;
	char *colon = memchr(raw, ':', n);
	bool ok = colon && colon != raw && memchr(raw, '\0', (size_t)(colon - raw)) == NULL;
	if (ok) {
		*user = xstrndup(raw, (size_t)(colon - raw));
		/* docker trims NULs from the password's end (strings.Trim(…, "\x00")) */
		size_t plen = n - (size_t)(colon - raw) - 1;
		const char *p = colon + 1;
		while (plen && p[plen - 1] == '\0')
			plen--;
		while (plen && *p == '\0') {
			p++;
			plen--;
		}
		*password = xstrndup(p, plen);
	}
	secret_clear(raw, n);
	free(raw);
	return ok;
}

enum creds_lookup
docker_config_get(const struct docker_config *cfg, const char *server, struct registry_creds *out,
		  char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	char *key = docker_server_key(server);
	const cJSON *e = find_server(cJSON_GetObjectItemCaseSensitive(cfg->doc, "auths"), key);
	const char *auth = json_raw_string(e, "auth");
	const char *idtok = json_raw_string(e, "identitytoken");
	enum creds_lookup r = CREDS_NONE;
	char *user = NULL, *password = NULL;
	if (!cJSON_IsObject(e) || (!*auth && !*idtok)) {
		r = CREDS_NONE;
	} else if (*auth && !decode_auth(auth, &user, &password)) {
		/* TRANSLATORS: %s a registry; the entry itself is never shown (it holds a password) */
		*err = xasprintf(_("the login for %s in docker's config.json is damaged"), key);
		r = CREDS_BAD;
	} else {
		out->username = user ? user : xstrdup("");
		out->identity_token = *idtok != '\0';
		out->secret = out->identity_token ? xstrdup(idtok) : password;
		if (out->identity_token)
			secret_free(password);
		else
			password = NULL;
		r = CREDS_FOUND;
	}
	free(key);
	return r;
}

static cJSON *
object_member(cJSON *parent, const char *name)
{
	cJSON *o = cJSON_GetObjectItemCaseSensitive(parent, name);
	if (!cJSON_IsObject(o)) {
		if (o) {
			wipe_tree(o->child);
			cJSON_DeleteItemFromObjectCaseSensitive(parent, name);
		}
		o = cJSON_AddObjectToObject(parent, name);
	}
	return o;
}

/* Removes every member of obj for key; true when one was there. */
static bool
remove_server(cJSON *obj, const char *key)
{
	bool any = false;
	cJSON *m;
	while ((m = find_server(obj, key)) != NULL) {
		cJSON_DetachItemViaPointer(obj, m);
		wipe_tree(m->child);
		cJSON_Delete(m);
		any = true;
	}
	return any;
}

void
docker_config_put(struct docker_config *cfg, const char *server, const struct registry_creds *c)
{
	char *key = docker_server_key(server);
	cJSON *auths = object_member(cfg->doc, "auths");
	remove_server(auths, key);
	cJSON *entry = cJSON_AddObjectToObject(auths, key);
	const char *user = c && c->username ? c->username : "";
	if (registry_creds_usable(c) && (!c->identity_token || *user)) {
		/* an identity token keeps the user name beside it, with no password */
		const char *pw = c->identity_token ? "" : c->secret;
		size_t ulen = strlen(user), plen = strlen(pw);
		char *pair = xmalloc(ulen + plen + 2);
		memcpy(pair, user, ulen);
		pair[ulen] = ':';
		memcpy(pair + ulen + 1, pw, plen + 1);
		char *b64 = base64_encode(pair, ulen + 1 + plen, false);
		cJSON_AddStringToObject(entry, "auth", b64);
		secret_free(b64);
		secret_free(pair);
	}
	if (registry_creds_usable(c) && c->identity_token)
		cJSON_AddStringToObject(entry, "identitytoken", c->secret);
	free(key);
}

bool
docker_config_erase(struct docker_config *cfg, const char *server)
{
	char *key = docker_server_key(server);
	bool any = remove_server(cJSON_GetObjectItemCaseSensitive(cfg->doc, "auths"), key);
	free(key);
	return any;
}

void
docker_config_set_store(struct docker_config *cfg, const char *helper)
{
	cJSON_DeleteItemFromObjectCaseSensitive(cfg->doc, "credsStore");
	cJSON_AddStringToObject(cfg->doc, "credsStore", helper);
}

bool
docker_config_is_blank(const struct docker_config *cfg)
{
	/* docker's ContainsAuth: any store, helper or auths entry counts */
	const cJSON *store = cJSON_GetObjectItemCaseSensitive(cfg->doc, "credsStore");
	return !(cJSON_IsString(store) && *store->valuestring)
	       && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cfg->doc, "credHelpers")) == 0
	       && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cfg->doc, "auths")) == 0;
}

static void
add_login(struct docker_login **v, size_t *n, const char *server, const char *helper,
	  const char *auth)
{
	char *key = docker_server_key(server);
	for (size_t i = 0; i < *n; i++) {
		char *k = docker_server_key((*v)[i].server);
		bool same = strcmp(k, key) == 0;
		free(k);
		if (same) {
			free(key);
			return;
		}
	}
	free(key);
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	struct docker_login *l = &(*v)[(*n)++];
	l->server = xstrdup(server);
	l->helper = helper ? xstrdup(helper) : NULL;
	l->username = NULL;
	char *user = NULL, *password = NULL;
	if (!helper && auth && *auth && decode_auth(auth, &user, &password)) {
		l->username = user;
		secret_free(password);
	}
}

void
docker_config_logins(const struct docker_config *cfg, struct docker_login **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const cJSON *m;
	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(cfg->doc, "auths"))
		if (m->string)
			add_login(out, n, m->string, docker_config_helper(cfg, m->string),
				  json_raw_string(m, "auth"));
	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(cfg->doc, "credHelpers"))
		if (m->string && cJSON_IsString(m) && *m->valuestring)
			add_login(out, n, m->string, m->valuestring, NULL);
}

void
docker_logins_free(struct docker_login *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].server);
		free(v[i].username);
		free(v[i].helper);
	}
	free(v);
}
