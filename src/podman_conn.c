#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "podman_conn.h"
#include "strbuf.h"
#include "xalloc.h"

#define CONF_MAX (1024 * 1024)	/* a config file larger than this is not podman's */

static struct podman_conn *
find_or_add(struct podman_conn_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	struct podman_conn *c = &l->v[l->n++];
	memset(c, 0, sizeof(*c));
	c->name = xstrdup(name);
	return c;
}

static void
set_str(char **dst, const char *value)
{
	free(*dst);
	*dst = value && *value ? xstrdup(value) : NULL;
}

/* ---- containers.conf: just enough TOML for [engine] and its service destinations ---------- */

/* A key at *p (bare, "basic" or 'literal') into *out; *p moves past it. False when none. */
static bool
toml_key(const char **p, struct strbuf *out)
{
	const char *s = *p;
	while (*s == ' ' || *s == '\t')
		s++;
	sb_reset(out);
	if (*s == '"' || *s == '\'') {
		char q = *s++;
		while (*s && *s != q) {
			if (q == '"' && *s == '\\' && s[1])
				s++;
			sb_putc(out, *s++);
		}
		if (*s != q)
			return false;
		s++;
	} else {
		size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
		if (!n)
			return false;
		sb_append(out, s, n);
		s += n;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	*p = s;
	return true;
}

/* A dotted key (a.b."c d") into path, up to stop ('=' or ']'): the number of parts, 0 if bad. */
static size_t
toml_path(const char **p, char stop, char *path[], size_t max)
{
	size_t n = 0;
	struct strbuf k = STRBUF_INIT;
	for (;;) {
		if (n == max || !toml_key(p, &k))
			break;
		path[n++] = sb_detach(&k);
		if (**p == '.') {
			(*p)++;
			continue;
		}
		if (**p == stop) {
			(*p)++;
			sb_free(&k);
			return n;
		}
		break;
	}
	sb_free(&k);
	while (n)
		free(path[--n]);
	return 0;
}

/* A string value ("basic" with escapes, or 'literal'): new string, or NULL for anything else. */
static char *
toml_string(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '"' && *s != '\'')
		return NULL;
	char q = *s++;
	struct strbuf v = STRBUF_INIT;
	for (; *s && *s != q; s++) {
		if (q == '"' && *s == '\\' && s[1]) {
			s++;
			switch (*s) {
			case 'n': sb_putc(&v, '\n'); break;
			case 't': sb_putc(&v, '\t'); break;
			default: sb_putc(&v, *s); break;	/* \" \\ and the rest as they are */
			}
			continue;
		}
		sb_putc(&v, *s);
	}
	if (*s != q) {
		sb_free(&v);
		return NULL;
	}
	return v.buf ? sb_detach(&v) : xstrdup("");
}

#define PATH_MAX_PARTS 8

void
podman_conn_read_conf(const char *text, struct podman_conn_list *l, char **active)
{
	char *table[PATH_MAX_PARTS];
	size_t ntable = 0;
	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		char *buf = end ? xstrndup(line, (size_t)(end - line)) : xstrdup(line);
		line = end ? end + 1 : NULL;
		const char *p = buf;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '[') {
			while (ntable)
				free(table[--ntable]);
			if (p[1] != '[') {	/* [[array tables]]: nothing of ours */
				p++;
				ntable = toml_path(&p, ']', table, PATH_MAX_PARTS);
			}
		} else if (*p && *p != '#') {
			char *key[PATH_MAX_PARTS];
			size_t nkey = toml_path(&p, '=', key, PATH_MAX_PARTS - ntable);
			if (nkey) {
				const char *full[PATH_MAX_PARTS];
				size_t n = 0;
				for (size_t i = 0; i < ntable; i++)
					full[n++] = table[i];
				for (size_t i = 0; i < nkey; i++)
					full[n++] = key[i];
				char *value = toml_string(p);
				if (value && n == 2 && !strcmp(full[0], "engine") && !strcmp(full[1], "active_service")) {
					set_str(active, value);
				} else if (value && n == 4 && !strcmp(full[0], "engine")
					   && !strcmp(full[1], "service_destinations")) {
					if (!strcmp(full[3], "uri"))
						set_str(&find_or_add(l, full[2])->uri, value);
					else if (!strcmp(full[3], "identity"))
						set_str(&find_or_add(l, full[2])->identity, value);
				}
				free(value);
				while (nkey)
					free(key[--nkey]);
			}
		}
		free(buf);
	}
	while (ntable)
		free(table[--ntable]);
}

/* ---- podman-connections.json ---------------------------------------------------------- */

static const char *
json_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

void
podman_conn_read_json(const char *text, size_t len, struct podman_conn_list *l, char **def)
{
	cJSON *doc = json_parse(text, len);
	const cJSON *conn = cJSON_GetObjectItemCaseSensitive(doc, "Connection");
	const char *d = json_str(conn, "Default");
	if (d && *d)
		set_str(def, d);
	const cJSON *all = cJSON_GetObjectItemCaseSensitive(conn, "Connections");
	if (!cJSON_IsObject(all))
		all = NULL;
	const cJSON *c;
	cJSON_ArrayForEach(c, all) {
		if (!c->string || !cJSON_IsObject(c))
			continue;
		struct podman_conn *pc = find_or_add(l, c->string);
		set_str(&pc->uri, json_str(c, "URI"));
		set_str(&pc->identity, json_str(c, "Identity"));
	}
	cJSON_Delete(doc);
}

/* ---- the files ------------------------------------------------------------------------ */

static char *
read_conf(const char *path, size_t *len)
{
	FILE *f = path ? fopen(path, "re") : NULL;
	if (!f)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && sb.len + n <= CONF_MAX)
		sb_append(&sb, chunk, n);
	fclose(f);
	*len = sb.len;
	return sb.buf ? sb_detach(&sb) : xstrdup("");
}

/* $XDG_CONFIG_HOME/containers, else ~/.config/containers; NULL without either. New string. */
static char *
user_dir(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg)
		return xasprintf("%s/containers", xdg);
	const char *home = getenv("HOME");
	return home && *home ? xasprintf("%s/.config/containers", home) : NULL;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct podman_conn *)a)->name, ((const struct podman_conn *)b)->name);
}

void
podman_connections(struct podman_conn_list *out)
{
	memset(out, 0, sizeof(*out));
	char *active = NULL, *def = NULL, *dir = user_dir();
	char *user_conf = dir ? xasprintf("%s/containers.conf", dir) : NULL;
	char *user_json = dir ? xasprintf("%s/podman-connections.json", dir) : NULL;
	const char *env_conf = getenv("CONTAINERS_CONF");
	const char *confs[] = { "/usr/share/containers/containers.conf", "/etc/containers/containers.conf",
				user_conf };
	size_t len;
	if (env_conf && *env_conf) {
		confs[0] = env_conf;
		confs[1] = confs[2] = NULL;
	}
	for (size_t i = 0; i < sizeof(confs) / sizeof(confs[0]); i++) {
		char *text = read_conf(confs[i], &len);
		if (text)
			podman_conn_read_conf(text, out, &active);
		free(text);
	}
	const char *env_json = getenv("PODMAN_CONNECTIONS_CONF");
	const char *jsons[] = { "/etc/containers/podman-connections.json", user_json };
	if (env_json && *env_json) {
		jsons[0] = env_json;
		jsons[1] = NULL;
	}
	for (size_t i = 0; i < sizeof(jsons) / sizeof(jsons[0]); i++) {
		char *text = read_conf(jsons[i], &len);
		if (text)
			podman_conn_read_json(text, len, out, &def);
		free(text);
	}
	/* a name without an address is nothing to reach */
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++) {
		if (out->v[i].uri)
			out->v[k++] = out->v[i];
		else {
			free(out->v[i].name);
			free(out->v[i].identity);
		}
	}
	out->n = k;
	const char *d = def ? def : active;
	for (size_t i = 0; i < out->n; i++)
		out->v[i].is_default = d && strcmp(out->v[i].name, d) == 0;
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_name);
	free(active);
	free(def);
	free(user_conf);
	free(user_json);
	free(dir);
}

void
podman_conn_list_free(struct podman_conn_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].uri);
		free(l->v[i].identity);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
