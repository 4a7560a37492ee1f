#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "http.h"
#include "i18n.h"
#include "json.h"
#include "reference.h"
#include "registry.h"
#include "registry_creds.h"
#include "sanitize.h"
#include "strbuf.h"
#include "strv.h"
#include "xalloc.h"

#define DOCKER_HUB_HOST "registry-1.docker.io"
#define TAGS_PAGE 100

/* Caps on what one answer may hold: distribution refuses manifests over 4 MiB. */
#define MANIFEST_MAX (4u << 20)
#define TAGS_BODY_MAX (16u << 20)
#define TOKEN_BODY_MAX (1u << 20)
/* A message from the registry is cut here before it is sanitized. */
#define MESSAGE_MAX 512

static const char MANIFEST_ACCEPT[] =
	"Accept: application/vnd.oci.image.index.v1+json, "
	"application/vnd.docker.distribution.manifest.list.v2+json, "
	"application/vnd.oci.image.manifest.v1+json, "
	"application/vnd.docker.distribution.manifest.v2+json";

static const char MT_OCI_INDEX[] = "application/vnd.oci.image.index.v1+json";
static const char MT_DOCKER_LIST[] = "application/vnd.docker.distribution.manifest.list.v2+json";
static const char MT_OCI_MANIFEST[] = "application/vnd.oci.image.manifest.v1+json";
static const char MT_DOCKER_V2[] = "application/vnd.docker.distribution.manifest.v2+json";
static const char MT_DOCKER_V1[] = "application/vnd.docker.distribution.manifest.v1";

/* ---- references ------------------------------------------------------------------------ */

bool
registry_ref_parse(const char *name, struct registry_ref *out, char **err)
{
	*err = NULL;
	while (name && (*name == ' ' || *name == '\t'))
		name++;
	size_t n = name ? strlen(name) : 0;
	while (n && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	char *trimmed = xstrndup(name ? name : "", n);
	struct reference ref;
	enum ref_error e = reference_parse(trimmed, &ref);
	free(trimmed);
	if (e != REF_OK) {
		*err = xstrdup(reference_strerror(e));
		return false;
	}
	out->host = xstrdup(strcmp(ref.domain, "docker.io") == 0 ? DOCKER_HUB_HOST : ref.domain);
	out->repo = xstrdup(ref.path);
	out->display = reference_familiar_name(&ref);
	reference_free(&ref);
	return true;
}

void
registry_ref_free(struct registry_ref *r)
{
	if (!r)
		return;
	free(r->host);
	free(r->repo);
	free(r->display);
	r->host = r->repo = r->display = NULL;
}

/* Explicit ASCII classes: ctype.h would follow the locale. */
static bool
is_lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* algorithm ":" hex, as go-digest's grammar has it: [a-z0-9]+([+._-][a-z0-9]+)* ":" [a-zA-Z0-9=_-]+;
 * narrowed to hex of at least 32 digits, which every registered algorithm uses. */
static bool
digest_valid(const char *s)
{
	const char *colon = strchr(s, ':');
	if (!colon || colon == s)
		return false;
	bool after_sep = true;
	for (const char *p = s; p < colon; p++) {
		if (is_lower_alnum(*p)) {
			after_sep = false;
		} else if ((*p == '+' || *p == '.' || *p == '_' || *p == '-') && !after_sep) {
			after_sep = true;
		} else {
			return false;
		}
	}
	if (after_sep)
		return false;
	size_t hex = 0;
	for (const char *p = colon + 1; *p; p++, hex++)
		if (!is_hex(*p))
			return false;
	return hex >= 32;
}

/* [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} */
static bool
tag_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 128 || s[0] == '.' || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!(is_lower_alnum(c) || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-'))
			return false;
	}
	return true;
}

static bool
host_usable(const char *host)
{
	if (!host || !*host)
		return false;
	for (const char *p = host; *p; p++)
		if (!(is_lower_alnum(*p) || (*p >= 'A' && *p <= 'Z') || strchr(".-:[]", *p)))
			return false;
	return true;
}

/* What may go into a URL unescaped: a parsed reference never holds more than this, but a
 * struct registry_ref can be made by hand. */
static bool
ref_usable(const struct registry_ref *r)
{
	if (!r || !r->repo || !*r->repo || !host_usable(r->host))
		return false;
	for (const char *p = r->repo; *p; p++)
		if (!(is_lower_alnum(*p) || strchr("._-/", *p)))
			return false;
	return r->repo[0] != '/' && !strstr(r->repo, "..") && !strstr(r->repo, "//");
}

/* ---- insecure registries --------------------------------------------------------------- */

/* "127.0.0.1:5000" -> "127.0.0.1", "[::1]:5000" -> "::1", "localhost" -> "localhost". */
static char *
host_name_only(const char *host)
{
	if (host[0] == '[') {
		const char *end = strchr(host, ']');
		return end ? xstrndup(host + 1, (size_t)(end - host - 1)) : xstrdup(host);
	}
	const char *colon = strchr(host, ':');
	if (colon && !strchr(colon + 1, ':'))
		return xstrndup(host, (size_t)(colon - host));
	return xstrdup(host);
}

struct ip {
	int family;		/* AF_INET or AF_INET6 */
	unsigned char b[16];
};

static bool
ip_parse(const char *s, struct ip *ip)
{
	if (inet_pton(AF_INET, s, ip->b) == 1) {
		ip->family = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, s, ip->b) == 1) {
		ip->family = AF_INET6;
		/* ::ffff:a.b.c.d is an IPv4 address, as Go's To4 has it */
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
		if (memcmp(ip->b, mapped, sizeof(mapped)) == 0) {
			memmove(ip->b, ip->b + 12, 4);
			ip->family = AF_INET;
		}
		return true;
	}
	return false;
}

static bool
ip_is_loopback(const struct ip *ip)
{
	static const unsigned char v6[16] = { [15] = 1 };
	if (ip->family == AF_INET)
		return ip->b[0] == 127;
	return memcmp(ip->b, v6, sizeof(v6)) == 0;
}

/* "10.0.0.0/8", "fd00::/64" */
static bool
cidr_contains(const char *cidr, const struct ip *ip)
{
	const char *slash = strchr(cidr, '/');
	if (!slash)
		return false;
	char *addr = xstrndup(cidr, (size_t)(slash - cidr));
	struct ip net;
	bool ok = ip_parse(addr, &net);
	free(addr);
	char *end;
	long bits = strtol(slash + 1, &end, 10);
	if (!ok || *end || slash[1] == '\0' || net.family != ip->family || bits < 0
	    || bits > (net.family == AF_INET ? 32 : 128))
		return false;
	size_t full = (size_t)bits / 8;
	if (memcmp(net.b, ip->b, full) != 0)
		return false;
	int rest = (int)(bits % 8);
	if (rest == 0)
		return true;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (net.b[full] & mask) == (ip->b[full] & mask);
}

static bool
any_cidr_contains(const cJSON *cidrs, const struct ip *ip)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, cidrs)
		if (cJSON_IsString(c) && cidr_contains(c->valuestring, ip))
			return true;
	return false;
}

bool
registry_is_insecure(const char *host, const char *info_json)
{
	if (!host || !*host)
		return false;
	char *name = host_name_only(host);
	struct ip ip;
	bool literal = ip_parse(name, &ip);
	bool insecure = strcasecmp(name, "localhost") == 0 || strcasecmp(name, "localhost.") == 0
			|| (literal && ip_is_loopback(&ip));
	cJSON *info = insecure || !info_json ? NULL : json_parse(info_json, info_json ? strlen(info_json) : 0);
	const cJSON *rc = cJSON_GetObjectItemCaseSensitive(info, "RegistryConfig");
	if (rc) {
		/* The daemon's index names: docker.io for Docker Hub, host[:port] for the others. */
		const char *index = strcmp(host, DOCKER_HUB_HOST) == 0 || strcmp(host, "index.docker.io") == 0
				    ? "docker.io" : host;
		const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(rc, "IndexConfigs"), index);
		const cJSON *cidrs = cJSON_GetObjectItemCaseSensitive(rc, "InsecureRegistryCIDRs");
		if (cJSON_IsObject(cfg)) {
			insecure = cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(cfg, "Secure"));
		} else if (literal) {
			insecure = any_cidr_contains(cidrs, &ip);
		} else {
			/* A name: what it resolves to, as the daemon's isSecureIndex looks it up;
			 * only worth a lookup when some CIDR besides the loopback one is listed. */
			bool other = false;
			const cJSON *c;
			cJSON_ArrayForEach(c, cidrs)
				other = other || (cJSON_IsString(c) && strcmp(c->valuestring, "127.0.0.0/8") != 0);
			struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL;
			if (other && getaddrinfo(name, NULL, &hints, &res) == 0) {
				for (struct addrinfo *a = res; a && !insecure; a = a->ai_next) {
					char buf[INET6_ADDRSTRLEN];
					const void *src = a->ai_family == AF_INET
						? (const void *)&((struct sockaddr_in *)(void *)a->ai_addr)->sin_addr
						: (const void *)&((struct sockaddr_in6 *)(void *)a->ai_addr)->sin6_addr;
					if ((a->ai_family == AF_INET || a->ai_family == AF_INET6)
					    && inet_ntop(a->ai_family, src, buf, sizeof(buf))) {
						struct ip resolved;
						insecure = ip_parse(buf, &resolved) && any_cidr_contains(cidrs, &resolved);
					}
				}
				freeaddrinfo(res);
			}
		}
	}
	cJSON_Delete(info);
	free(name);
	return insecure;
}

/* ---- wire formats ---------------------------------------------------------------------- */

void
registry_error_free(struct registry_error *e)
{
	if (!e)
		return;
	free(e->message);
	e->message = NULL;
	e->http_status = 0;
}

void
registry_challenge_free(struct registry_challenge *ch)
{
	free(ch->realm);
	free(ch->service);
	free(ch->scope);
	ch->realm = ch->service = ch->scope = NULL;
}

static bool
is_tchar(char c)
{
	return is_lower_alnum(c) || (c >= 'A' && c <= 'Z') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static const char *
skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A token or a quoted-string at p: the value in a new string, *end after it. */
static char *
param_value(const char *p, const char **end)
{
	if (*p != '"') {
		const char *s = p;
		while (is_tchar(*p) || *p == '/' || *p == ':' || *p == '=')
			p++;
		*end = p;
		return xstrndup(s, (size_t)(p - s));
	}
	struct strbuf sb = STRBUF_INIT;
	p++;
	while (*p && *p != '"') {
		if (*p == '\\' && p[1])
			p++;
		sb_putc(&sb, *p++);
	}
	if (*p == '"')
		p++;
	*end = p;
	return sb_detach(&sb);
}

bool
registry_challenge_parse(const char *value, struct registry_challenge *out)
{
	memset(out, 0, sizeof(*out));
	if (!value)
		return false;
	const char *p = value;
	bool bearer = false, found = false;
	while (*p) {
		p = skip_ows(p);
		if (!*p)
			break;	/* trailing blanks (an empty second header): the end, not garbage */
		if (*p == ',') {
			p++;
			continue;
		}
		const char *name = p;
		while (is_tchar(*p))
			p++;
		size_t nlen = (size_t)(p - name);
		if (nlen == 0) {
			p++;	/* garbage: step over it */
			continue;
		}
		const char *q = skip_ows(p);
		if (*q == '=' && q[1] != '=') {
			/* an auth-param of the current challenge */
			const char *end;
			char *v = param_value(skip_ows(q + 1), &end);
			p = end;
			char **slot = NULL;
			if (bearer && nlen == 5 && strncasecmp(name, "realm", 5) == 0)
				slot = &out->realm;
			else if (bearer && nlen == 7 && strncasecmp(name, "service", 7) == 0)
				slot = &out->service;
			else if (bearer && nlen == 5 && strncasecmp(name, "scope", 5) == 0)
				slot = &out->scope;
			if (slot && !*slot)
				*slot = v;
			else
				free(v);
			continue;
		}
		/* a new challenge: its scheme */
		if (found)
			break;
		bearer = nlen == 6 && strncasecmp(name, "bearer", 6) == 0;
		found = bearer;
		p = q;
	}
	if (!out->realm) {
		registry_challenge_free(out);
		return false;
	}
	return true;
}

bool
registry_challenge_basic(const char *value)
{
	/* the scheme names: tokens not followed by '=' (auth-params are name=value) */
	const char *p = value;
	while (p && *p) {
		p = skip_ows(p);
		if (!*p)
			break;	/* trailing blanks (an empty second header): the end, not garbage */
		if (*p == ',') {
			p++;
			continue;
		}
		const char *name = p;
		while (is_tchar(*p))
			p++;
		size_t nlen = (size_t)(p - name);
		if (nlen == 0) {
			p++;
			continue;
		}
		const char *q = skip_ows(p);
		if (*q == '=' && q[1] != '=') {
			const char *end;
			free(param_value(skip_ows(q + 1), &end));
			p = end;
			continue;
		}
		if (nlen == 5 && strncasecmp(name, "basic", 5) == 0)
			return true;
		p = q;
	}
	return false;
}

char *
registry_link_next(const char *value)
{
	const char *p = value;
	while (p && *p) {
		p = strchr(p, '<');
		if (!p)
			return NULL;
		const char *close = strchr(p, '>');
		if (!close)
			return NULL;
		const char *url = p + 1;
		size_t ulen = (size_t)(close - url);
		/* the parameters of this link, up to the next one */
		const char *q = close + 1;
		bool next = false;
		while (*q && *q != '<') {
			q = skip_ows(q);
			if (*q == '<')
				break;
			if (*q != ';') {
				/* a comma between links */
				if (*q)
					q++;
				continue;
			}
			q = skip_ows(q + 1);
			const char *name = q;
			while (is_tchar(*q))
				q++;
			size_t nlen = (size_t)(q - name);
			q = skip_ows(q);
			if (*q != '=')
				continue;
			const char *end;
			char *v = param_value(skip_ows(q + 1), &end);
			q = end;
			if (nlen == 3 && strncasecmp(name, "rel", 3) == 0) {
				/* rel may hold several space-separated types */
				for (char *tok = v; *tok;) {
					size_t tlen = strcspn(tok, " \t");
					if (tlen == 4 && strncasecmp(tok, "next", 4) == 0)
						next = true;
					tok += tlen;
					tok += strspn(tok, " \t");
				}
			}
			free(v);
		}
		if (next && ulen)
			return xstrndup(url, ulen);
		p = q;
	}
	return NULL;
}

bool
registry_tags_parse(const char *body, size_t len, char ***tags, size_t *ntags, char **err)
{
	*err = NULL;
	cJSON *root = json_parse_whole(body, len);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		*err = xstrdup(_("the registry's tag list is not JSON"));
		return false;
	}
	/* null, missing and [] are the same empty list; an object without name or tags is no
	 * tag list at all */
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "tags");
	bool named = cJSON_GetObjectItemCaseSensitive(root, "name") != NULL;
	if ((list && !cJSON_IsNull(list) && !cJSON_IsArray(list)) || (!list && !named)) {
		cJSON_Delete(root);
		*err = xstrdup(_("the registry's tag list has no tags"));
		return false;
	}
	size_t n = (size_t)cJSON_GetArraySize(list);
	const cJSON *t;
	cJSON_ArrayForEach(t, list) {
		if (!cJSON_IsString(t)) {
			cJSON_Delete(root);
			*err = xstrdup(_("the registry's tag list holds something that is not a tag"));
			return false;
		}
	}
	if (n) {
		*tags = xrealloc(*tags, (*ntags + n) * sizeof(**tags));
		cJSON_ArrayForEach(t, list)
			(*tags)[(*ntags)++] = sanitize(t->valuestring);
	}
	cJSON_Delete(root);
	return true;
}

/* EVP digest of body under the algorithm digest names; false for an algorithm OpenSSL lacks. */
static bool
digest_hex(const char *algo, const char *body, size_t len, char *hex, size_t hexsz)
{
	const EVP_MD *md = NULL;
	if (strcmp(algo, "sha256") == 0)
		md = EVP_sha256();
	else if (strcmp(algo, "sha384") == 0)
		md = EVP_sha384();
	else if (strcmp(algo, "sha512") == 0)
		md = EVP_sha512();
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!md || hexsz < 2 * (size_t)EVP_MD_size(md) + 1
	    || !EVP_Digest(body, len, out, &n, md, NULL))
		return false;
	for (unsigned int i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", out[i]);
	return true;
}

bool
registry_digest_matches(const char *digest, const char *body, size_t len)
{
	const char *colon = digest ? strchr(digest, ':') : NULL;
	if (!colon || colon - digest > 16)
		return false;
	char algo[17];
	memcpy(algo, digest, (size_t)(colon - digest));
	algo[colon - digest] = '\0';
	char hex[2 * EVP_MAX_MD_SIZE + 1];
	return digest_hex(algo, body, len, hex, sizeof(hex)) && strcmp(hex, colon + 1) == 0;
}

/* A size from JSON: never negative. */
static long long
json_size(const cJSON *obj, const char *key)
{
	int64_t v = json_int64(obj, key);
	return v < 0 ? 0 : (long long)v;
}

static bool
read_digest(const cJSON *obj, char **out)
{
	const char *d = json_raw_string(obj, "digest");
	if (!digest_valid(d))
		return false;
	*out = xstrdup(d);
	return true;
}

void
manifest_free(struct manifest *m)
{
	if (!m)
		return;
	free(m->digest);
	free(m->media_type);
	for (size_t i = 0; i < m->nplatforms; i++) {
		struct manifest_platform *p = &m->platforms[i];
		free(p->os);
		free(p->architecture);
		free(p->variant);
		free(p->digest);
		free(p->media_type);
	}
	free(m->platforms);
	free(m->config_digest);
	for (size_t i = 0; i < m->nlayers; i++) {
		free(m->layers[i].digest);
		free(m->layers[i].media_type);
	}
	free(m->layers);
	memset(m, 0, sizeof(*m));
}

static bool
is_attestation(const cJSON *entry)
{
	const cJSON *ann = cJSON_GetObjectItemCaseSensitive(entry, "annotations");
	return strcmp(json_raw_string(ann, "vnd.docker.reference.type"), "attestation-manifest") == 0;
}

static bool
parse_index(const cJSON *root, struct manifest *out)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "manifests");
	if (!cJSON_IsArray(list) && !cJSON_IsNull(list))
		return false;
	size_t n = (size_t)cJSON_GetArraySize(list);
	out->platforms = n ? xcalloc(n, sizeof(*out->platforms)) : NULL;
	const cJSON *e;
	cJSON_ArrayForEach(e, list) {
		if (!cJSON_IsObject(e))
			return false;
		if (is_attestation(e))
			continue;
		struct manifest_platform *p = &out->platforms[out->nplatforms];
		if (!read_digest(e, &p->digest))
			return false;
		out->nplatforms++;
		const cJSON *pl = cJSON_GetObjectItemCaseSensitive(e, "platform");
		p->os = json_string(pl, "os");
		p->architecture = json_string(pl, "architecture");
		p->variant = json_string(pl, "variant");
		p->media_type = json_string(e, "mediaType");
		p->size = json_size(e, "size");
	}
	return true;
}

static bool
parse_image(const cJSON *root, struct manifest *out)
{
	const cJSON *config = cJSON_GetObjectItemCaseSensitive(root, "config");
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "layers");
	if (!cJSON_IsObject(config) || !read_digest(config, &out->config_digest))
		return false;
	out->config_size = json_size(config, "size");
	if (!cJSON_IsArray(list) && !cJSON_IsNull(list))
		return false;
	size_t n = (size_t)cJSON_GetArraySize(list);
	out->layers = n ? xcalloc(n, sizeof(*out->layers)) : NULL;
	const cJSON *e;
	cJSON_ArrayForEach(e, list) {
		if (!cJSON_IsObject(e))
			return false;
		struct manifest_layer *l = &out->layers[out->nlayers];
		if (!read_digest(e, &l->digest))
			return false;
		out->nlayers++;
		l->media_type = json_string(e, "mediaType");
		l->size = json_size(e, "size");
		/* saturates: a hostile manifest cannot overflow the sum */
		out->total_size = l->size > INT64_MAX - out->total_size ? INT64_MAX : out->total_size + l->size;
	}
	return true;
}

/* "application/vnd.oci.image.index.v1+json; charset=utf-8" -> the type alone, new string. */
static char *
media_type_of(const char *content_type)
{
	if (!content_type)
		return xstrdup("");
	const char *p = skip_ows(content_type);
	size_t n = strcspn(p, "; \t");
	return xstrndup(p, n);
}

bool
manifest_parse(const char *body, size_t len, const char *content_type, struct manifest *out,
	       char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	cJSON *root = json_parse_whole(body, len);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		*err = xstrdup(_("the registry sent a manifest that is not JSON"));
		return false;
	}
	const char *mt = json_raw_string(root, "mediaType");
	char *header_mt = media_type_of(content_type);
	char *type = xstrdup(*mt ? mt : header_mt);
	free(header_mt);
	bool ok = false;
	if (json_int64(root, "schemaVersion") == 1 || strncmp(type, MT_DOCKER_V1, sizeof(MT_DOCKER_V1) - 1) == 0) {
		*err = xstrdup(_("the registry sent a schema 1 manifest, which budu does not read"));
	} else {
		bool index = strcmp(type, MT_OCI_INDEX) == 0 || strcmp(type, MT_DOCKER_LIST) == 0;
		bool image = strcmp(type, MT_OCI_MANIFEST) == 0 || strcmp(type, MT_DOCKER_V2) == 0;
		if (!index && !image) {
			/* no type, "application/json", or an artifact: what the body holds decides */
			index = cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "manifests"));
			image = !index && cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "config"));
		}
		if (index) {
			out->kind = MANIFEST_INDEX;
			ok = parse_index(root, out);
		} else if (image) {
			out->kind = MANIFEST_IMAGE;
			ok = parse_image(root, out);
		} else {
			char *t = sanitize(*type ? type : "?");
			*err = xasprintf(_("the registry sent a manifest of an unknown kind: %s"), t);
			free(t);
		}
		if (!ok && !*err)
			*err = xstrdup(_("the registry sent a malformed manifest"));
	}
	if (ok) {
		out->media_type = sanitize(type);
		char hex[2 * EVP_MAX_MD_SIZE + 1];
		digest_hex("sha256", body, len, hex, sizeof(hex));
		out->digest = xasprintf("sha256:%s", hex);
	} else {
		manifest_free(out);
	}
	free(type);
	cJSON_Delete(root);
	return ok;
}

/* s cut to at most max bytes (the caller sanitizes, which makes a split sequence visible). */
static void
put_capped(struct strbuf *sb, const char *s, size_t max)
{
	size_t n = strlen(s);
	sb_append(sb, s, n > max ? max : n);
}

/* The registry's own words: {"errors":[{"code","message"}…]} or {"message"}; NULL if none. */
static char *
errors_from_body(const char *body, size_t len)
{
	cJSON *root = body && len ? json_parse_whole(body, len) : NULL;
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return NULL;
	}
	struct strbuf sb = STRBUF_INIT;
	const cJSON *e;
	int count = 0;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "errors")) {
		const char *code = json_raw_string(e, "code");
		const char *msg = json_raw_string(e, "message");
		if (!*code && !*msg)
			continue;
		if (count++ == 4) {
			sb_puts(&sb, "; …");
			break;
		}
		if (sb.len)
			sb_puts(&sb, "; ");
		/* docker's errcode.ErrorCode.Error(): lower case, spaces for underscores */
		size_t start = sb.len;
		put_capped(&sb, code, 64);
		for (size_t i = start; i < sb.len; i++) {
			char c = sb.buf[i];
			sb.buf[i] = c == '_' ? ' ' : (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
		}
		if (*code && *msg)
			sb_puts(&sb, ": ");
		put_capped(&sb, msg, MESSAGE_MAX);
	}
	if (!sb.len) {
		const char *msg = json_raw_string(root, "message");
		if (!*msg)
			msg = json_raw_string(root, "error");
		if (!*msg)
			msg = json_raw_string(root, "details");	/* Docker Hub's token server */
		put_capped(&sb, msg, MESSAGE_MAX);
	}
	cJSON_Delete(root);
	if (!sb.len) {
		sb_free(&sb);
		return NULL;
	}
	char *raw = sb_detach(&sb);
	char *clean = sanitize(raw);
	free(raw);
	return clean;
}

static const char *
reason_phrase(long status)
{
	switch (status) {
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return NULL;
	}
}

static bool
all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* When a rate limit lifts, as a Unix time; 0 when unknown. */
static long long
retry_time(const char *retry_after, const char *reset, long long now)
{
	if (retry_after) {
		const char *v = skip_ows(retry_after);
		size_t n = strcspn(v, " \t\r\n");
		if (all_digits(v, n) && n <= 9)
			return now + strtoll(v, NULL, 10);
		long long t = http_date(v);
		if (t > 0)
			return t;
	}
	if (reset) {
		/* "1700000000", "21600;w=21600" */
		const char *v = skip_ows(reset);
		size_t n = strcspn(v, "; \t\r\n");
		if (all_digits(v, n) && n <= 12) {
			long long x = strtoll(v, NULL, 10);
			return x > 1000000000LL ? x : now + x;
		}
	}
	return 0;
}

char *
registry_error_message(long http_status, const char *body, size_t len,
		       const char *retry_after, const char *reset, long long now)
{
	char *said = errors_from_body(body, len);
	if (http_status != 429) {
		if (said)
			return said;
		const char *phrase = reason_phrase(http_status);
		if (phrase)
			return xasprintf(_("the registry answered HTTP %ld (%s)"), http_status, phrase);
		return xasprintf(_("the registry answered HTTP %ld"), http_status);
	}
	if (now <= 0)
		now = (long long)time(NULL);
	long long at = retry_time(retry_after, reset, now);
	char *head;
	if (at > 0) {
		/* rounded up to the minute: never tells to come back too early */
		time_t t = (time_t)((at + 59) / 60 * 60), tn = (time_t)now;
		struct tm tm, tmn;
		gmtime_r(&t, &tm);
		gmtime_r(&tn, &tmn);
		char when[64];
		if (tm.tm_year == tmn.tm_year && tm.tm_yday == tmn.tm_yday)
			strftime(when, sizeof(when), "%H:%M UTC", &tm);
		else
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
		/* TRANSLATORS: %s is a time: "13:05 UTC" or "2026-11-24 13:05 UTC" */
		head = xasprintf(_("rate limit reached: try again at %s"), when);
	} else {
		head = xstrdup(_("rate limit reached: try again later"));
	}
	if (!said)
		return head;
	char *msg = xasprintf("%s (%s)", head, said);
	free(head);
	free(said);
	return msg;
}

/* ---- HTTP -------------------------------------------------------------------------------- */

/* One call of the API: a repository (repo NULL for the login check), its scheme once known,
 * the credentials to offer, and the Authorization they earned once known. */
struct call {
	const struct registry_ref *ref;
	bool insecure;
	struct cancel *cancel;
	const struct registry_creds *creds;	/* NULL: anonymous */
	const char *scheme;	/* "https" or "http" once an answer came; NULL before */
	char *authz;		/* "Authorization: Bearer <token>" or "…: Basic …"; a secret */
	bool offline;		/* the login check: ask the token server for a refresh token */
	char *refresh;		/* the refresh token it sent; a secret */
};

/* One answer: the HTTP layer's, and the headers the registry client reads. */
struct reply {
	struct http_reply h;	/* h.status 0: no HTTP answer */
	long status;		/* h.status when the transfer completed, else 0 */
	/* headers of the last response (a redirect's are dropped) */
	struct strbuf www_auth;	/* every WWW-Authenticate value, joined by ", " */
	struct strbuf link;	/* every Link value, joined by ", " */
	char *content_type;
	char *digest;		/* Docker-Content-Digest */
	char *retry_after;
	char *reset;		/* ratelimit-reset or X-RateLimit-Reset */
};

static void
reply_clear_headers(struct reply *x)
{
	sb_free(&x->www_auth);
	sb_free(&x->link);
	free(x->content_type);
	free(x->digest);
	free(x->retry_after);
	free(x->reset);
	x->content_type = x->digest = x->retry_after = x->reset = NULL;
}

static void
reply_free(struct reply *x)
{
	reply_clear_headers(x);
	http_reply_free(&x->h);
}

static void
keep(char **slot, const char *v)
{
	free(*slot);
	*slot = xstrdup(v);
}

/* Appends a repeated header's value; a flood of them stops counting at HEADER_JOIN_MAX. */
#define HEADER_JOIN_MAX (64u << 10)

static void
join(struct strbuf *sb, const char *v)
{
	if (sb->len > HEADER_JOIN_MAX)
		return;
	if (sb->len)
		sb_puts(sb, ", ");
	sb_puts(sb, v);
}

static void
on_header(const char *name, const char *value, void *ctx)
{
	struct reply *x = ctx;
	if (!name)
		reply_clear_headers(x);
	else if (strcasecmp(name, "www-authenticate") == 0)
		join(&x->www_auth, value);
	else if (strcasecmp(name, "link") == 0)
		join(&x->link, value);
	else if (strcasecmp(name, "content-type") == 0)
		keep(&x->content_type, value);
	else if (strcasecmp(name, "docker-content-digest") == 0)
		keep(&x->digest, value);
	else if (strcasecmp(name, "retry-after") == 0)
		keep(&x->retry_after, value);
	else if (strcasecmp(name, "ratelimit-reset") == 0 || strcasecmp(name, "x-ratelimit-reset") == 0)
		keep(&x->reset, value);
}

static bool
host_is_loopback(const char *host)
{
	char *name = host_name_only(host);
	struct ip ip;
	bool yes = strcasecmp(name, "localhost") == 0 || (ip_parse(name, &ip) && ip_is_loopback(&ip));
	free(name);
	return yes;
}

/* One GET (or, with form, a POST of that form); no retry, no token logic. authz: an
 * Authorization header line or NULL. verify: check the server's certificate. */
static void
http_send(struct call *call, const char *url, const char *accept, const char *authz,
	  const char *form, bool verify, size_t max, struct reply *x)
{
	memset(x, 0, sizeof(*x));
	const char *headers[4] = { NULL };
	size_t n = 0;
	if (accept)
		headers[n++] = accept;
	if (authz)
		headers[n++] = authz;
	if (form)
		headers[n++] = "Content-Type: application/x-www-form-urlencoded";
	struct http_request req = {
		.method = form ? "POST" : NULL,
		.body = form,
		.url = url,
		.headers = headers,
		.verify = verify,
		.follow = true,
		.compressed = true,
		/* a proxy cannot reach our loopback */
		.no_proxy = host_is_loopback(call->ref->host),
		.connect_timeout = 15,
		.timeout = 60,
		/* one call's requests (a challenge, its retry, the pages of a tag list) share a
		 * connection: each new one to a registry is a TLS handshake, round trips away */
		.keep_alive = true,
		.max = max,
		.on_header = on_header,
		.ctx = x,
		.cancel = call->cancel,
	};
	http_perform(&req, &x->h);
	x->status = x->h.failure == HTTP_DONE && !x->h.cancelled ? x->h.status : 0;
}

/* Words for why no answer came, in docker's register. */
static char *
transport_message(const struct reply *r, const char *where)
{
	const struct http_reply *x = &r->h;
	if (x->cancelled)
		return xstrdup(_("cancelled"));
	if (x->too_big)
		return xasprintf(_("%s sent an answer too large to be a registry's"), where);
	const char *reason = NULL;
	char *detail = sanitize(x->detail);
	char *msg = NULL;
	switch (x->failure) {
	case HTTP_FAIL_RESOLVE:
		reason = _("host not found");
		break;
	case HTTP_FAIL_RESOLVE_PROXY:
		reason = _("proxy not found");
		break;
	case HTTP_FAIL_CONNECT:
		reason = http_errno_words(x->os_errno);
		break;
	case HTTP_FAIL_TIMEOUT:
		reason = _("timed out");
		break;
	case HTTP_FAIL_TLS_HANDSHAKE:
		/* OpenSSL's words when the answer to a ClientHello is not TLS at all */
		if (strstr(x->detail, "wrong version number") || strstr(x->detail, "packet length too long"))
			msg = xasprintf(_("cannot reach %s: it does not speak TLS (plain HTTP is for insecure registries only)"), where);
		else
			/* TRANSLATORS: %s is libcurl's own explanation */
			msg = xasprintf(_("cannot reach %s: TLS handshake failed (%s)"), where, detail);
		break;
	case HTTP_FAIL_TLS_VERIFY:
		msg = xasprintf(_("cannot reach %s: its TLS certificate was not accepted (%s)"), where, detail);
		break;
	case HTTP_FAIL_REDIRECTS:
		msg = xasprintf(_("%s redirected too many times"), where);
		break;
	default:
		break;
	}
	if (!msg && reason)
		msg = xasprintf(_("cannot reach %s: %s"), where, reason);
	if (!msg && x->got_bytes)
		msg = xasprintf(_("lost the connection to %s: %s"), where, detail);
	if (!msg)
		msg = xasprintf(_("cannot reach %s: %s"), where, detail);
	free(detail);
	return msg;
}

static void
set_error(struct registry_error *err, long status, char *message)
{
	err->http_status = status;
	err->message = message;
}

/* Appends name=value, escaped, to a query or a form; *sep is '?' or '&' for a URL, 0 for the
 * start of a form. */
static void
put_param(struct strbuf *sb, char *sep, const char *name, const char *value)
{
	char *v = http_escape(value);
	if (*sep)
		sb_putc(sb, *sep);
	sb_printf(sb, "%s=%s", name, v);
	secret_free(v);
	*sep = '&';
}

/* A token from the challenge's realm: anonymous (GET realm?service=&scope=), with the user's
 * password (the same GET with Basic and account=, as docker's token handler sends it), or for
 * an identity token the OAuth2 refresh-token grant (POST of a form to the realm). The scope is
 * pull on the call's repository; none for the login check, as docker's login asks none. The
 * login check with a password also asks for a refresh token (offline_token=true, as docker's
 * login does), kept in call->refresh when one comes. */
static bool
fetch_token(struct call *call, const struct registry_challenge *ch, struct registry_error *err)
{
	if (strncasecmp(ch->realm, "https://", 8) != 0 && strncasecmp(ch->realm, "http://", 7) != 0) {
		set_error(err, 0, xstrdup(_("the registry names no usable place to get a pull token")));
		return false;
	}
	for (const char *p = ch->realm; *p; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			set_error(err, 0, xstrdup(_("the registry names no usable place to get a pull token")));
			return false;
		}
	}
	/* the host of the realm, for messages */
	const char *h = strstr(ch->realm, "://") + 3;
	char *where = xstrndup(h, strcspn(h, "/?#"));
	char *swhere = sanitize(where);
	free(where);

	bool creds = registry_creds_usable(call->creds);
	bool oauth = creds && call->creds->identity_token;
	if (creds && strncasecmp(ch->realm, "http://", 7) == 0 && !call->insecure) {
		/* TRANSLATORS: %s a host; credentials go over HTTPS only, unless the registry is insecure */
		set_error(err, 0, xasprintf(_("the token server %s is plain HTTP: budu sends credentials over HTTPS only"), swhere));
		free(swhere);
		return false;
	}

	struct strbuf url = STRBUF_INIT, form = STRBUF_INIT;
	sb_puts(&url, ch->realm);
	char usep = strchr(ch->realm, '?') ? '&' : '?', fsep = 0;
	struct strbuf *q = oauth ? &form : &url;
	char *sep = oauth ? &fsep : &usep;
	if (oauth) {
		put_param(q, sep, "grant_type", "refresh_token");
		put_param(q, sep, "refresh_token", call->creds->secret);
		put_param(q, sep, "client_id", PACKAGE_NAME);
		put_param(q, sep, "access_type", "offline");
	}
	if (ch->service)
		put_param(q, sep, "service", ch->service);
	if (call->ref->repo) {
		/* the scope docker asks for, whatever the challenge suggested */
		char *scope = xasprintf("repository:%s:pull", call->ref->repo);
		put_param(q, sep, "scope", scope);
		free(scope);
	}
	char *basic = NULL;
	if (creds && !oauth) {
		if (call->creds->username && *call->creds->username)
			put_param(q, sep, "account", call->creds->username);
		basic = registry_basic_header(call->creds);
		if (call->offline) {
			put_param(q, sep, "offline_token", "true");
			put_param(q, sep, "client_id", PACKAGE_NAME);
		}
	}

	struct reply x;
	http_send(call, url.buf, "Accept: application/json", basic, oauth ? form.buf : NULL,
		  !call->insecure, TOKEN_BODY_MAX, &x);
	secret_free(basic);
	if (form.buf)
		secret_clear(form.buf, form.len);
	sb_free(&form);
	if (url.buf)
		secret_clear(url.buf, url.len);	/* account= names the user */
	sb_free(&url);
	bool ok = false;
	if (x.status == 0) {
		set_error(err, 0, transport_message(&x, swhere));
	} else if (x.status >= 400) {
		char *said = registry_error_message(x.status, x.h.body.buf, x.h.body.len, x.retry_after, x.reset, x.h.date);
		if (creds && x.status == 401 && strncmp(said, "unauthorized", 12) != 0) {
			/* docker's words for credentials the token server refused */
			char *u = xasprintf("unauthorized: %s", said);
			free(said);
			said = u;
		}
		if (creds && (x.status == 401 || x.status == 403))
			set_error(err, x.status, said);
		else
			/* TRANSLATORS: a pull token could not be had; %s the token server, then its words */
			set_error(err, x.status, xasprintf(_("no pull token from %s: %s"), swhere, said));
		if (err->message != said)
			free(said);
	} else {
		cJSON *root = json_parse_whole(x.h.body.buf ? x.h.body.buf : "", x.h.body.len);
		const char *t = json_raw_string(root, "token");
		if (!*t)
			t = json_raw_string(root, "access_token");
		bool usable = *t != '\0';
		/* it goes into a header: visible ASCII only */
		for (const char *p = t; *p && usable; p++)
			usable = (unsigned char)*p > ' ' && (unsigned char)*p < 0x7f;
		if (usable) {
			secret_free(call->authz);
			call->authz = xasprintf("Authorization: Bearer %s", t);
			ok = true;
			const char *r = call->offline && creds && !oauth ? json_raw_string(root, "refresh_token") : "";
			bool rok = *r != '\0';
			for (const char *p = r; *p && rok; p++)
				rok = (unsigned char)*p > ' ' && (unsigned char)*p < 0x7f;
			if (rok) {
				secret_free(call->refresh);
				call->refresh = xstrdup(r);
			}
		} else {
			set_error(err, 0, xasprintf(_("%s sent no usable pull token"), swhere));
		}
		cJSON_Delete(root);
	}
	if (x.h.body.buf)
		secret_clear(x.h.body.buf, x.h.body.len);
	free(swhere);
	reply_free(&x);
	return ok;
}

/* "https://host" for the scheme found, new string. */
static char *
origin(const struct call *call, const char *scheme)
{
	return xasprintf("%s://%s", scheme, call->ref->host);
}

/* One GET of target on the registry, HTTPS first and, for an insecure registry that gave no
 * answer over HTTPS, plain HTTP (as docker does); the scheme that answered is kept for the rest
 * of the call. False with *err filled when no answer came (*x freed). */
static bool
get_any_scheme(struct call *call, const char *target, const char *accept, size_t max,
	       struct reply *x, struct registry_error *err)
{
	const char *schemes[2] = { "https", "http" };
	int n = call->insecure ? 2 : 1;
	if (call->scheme) {
		schemes[0] = call->scheme;
		n = 1;
	}
	for (int i = 0; i < n; i++) {
		char *url = target[0] == '/' ? xasprintf("%s://%s%s", schemes[i], call->ref->host, target)
					     : xstrdup(target);
		http_send(call, url, accept, call->authz, NULL, !call->insecure, max, x);
		free(url);
		if (x->status) {
			call->scheme = schemes[i];
			return true;
		}
		/* over plain HTTP next, unless the name did not resolve, the answer came but was
		 * too large, or the user stopped */
		if (x->h.cancelled || x->h.too_big || x->h.failure == HTTP_FAIL_RESOLVE || i + 1 == n)
			break;
		reply_free(x);
	}
	char *where = sanitize(call->ref->host);
	set_error(err, x->h.too_big ? x->h.status : 0, transport_message(x, where));
	free(where);
	reply_free(x);
	return false;
}

/* GET of target (a path "/v2/…", or an absolute URL on the registry's own origin) with the
 * auth flow: a 401 with a Bearer challenge gets a (new) token and one more try; a 401 with a
 * Basic challenge one more try with the call's credentials, when it has a password.
 * True with a 2xx answer in *x; false with *err filled (*x freed). */
static bool
request(struct call *call, const char *target, const char *accept, size_t max, struct reply *x,
	struct registry_error *err)
{
	if (!get_any_scheme(call, target, accept, max, x, err))
		return false;
	struct registry_challenge ch;
	char *basic = NULL;
	if (x->status == 401 && registry_challenge_parse(x->www_auth.buf, &ch)) {
		bool ok = fetch_token(call, &ch, err);
		registry_challenge_free(&ch);
		reply_free(x);
		if (!ok || !get_any_scheme(call, target, accept, max, x, err))
			return false;
	} else if (x->status == 401 && !call->authz && registry_challenge_basic(x->www_auth.buf)
		   && (basic = registry_basic_header(call->creds)) != NULL) {
		call->authz = basic;
		reply_free(x);
		if (!get_any_scheme(call, target, accept, max, x, err))
			return false;
	}
	if (x->status >= 200 && x->status < 300)
		return true;
	set_error(err, x->status, registry_error_message(x->status, x->h.body.buf, x->h.body.len,
							  x->retry_after, x->reset, x->h.date));
	reply_free(x);
	return false;
}

static void
setup_call(struct call *call, const struct registry_ref *r, bool insecure,
	   const struct registry_creds *creds, struct cancel *c)
{
	memset(call, 0, sizeof(*call));
	call->ref = r;
	call->insecure = insecure;
	call->creds = creds;
	call->cancel = c;
}

/* The next page's target: a path, or an absolute URL on our own origin; NULL when the link
 * points elsewhere (it would carry our token there). */
static char *
next_target(const struct call *call, const char *link)
{
	if (link[0] == '/' && link[1] != '/')
		return xstrdup(link);
	char *own = origin(call, call->scheme ? call->scheme : "https");
	size_t n = strlen(own);
	char *t = strncmp(link, own, n) == 0 && link[n] == '/' ? xstrdup(link) : NULL;
	free(own);
	return t;
}

bool
registry_tags(const struct registry_ref *r, bool insecure, struct cancel *c,
	      char ***tags, size_t *ntags, struct registry_error *err)
{
	return registry_tags_auth(r, insecure, NULL, c, tags, ntags, NULL, err);
}

bool
registry_tags_auth(const struct registry_ref *r, bool insecure, const struct registry_creds *creds,
		   struct cancel *c, char ***tags, size_t *ntags, bool *cut, struct registry_error *err)
{
	*tags = NULL;
	*ntags = 0;
	if (cut)
		*cut = false;
	size_t bytes = 0, counted = 0;
	memset(err, 0, sizeof(*err));
	if (!ref_usable(r)) {
		set_error(err, 0, xstrdup(_("invalid reference format")));
		return false;
	}
	struct call call;
	setup_call(&call, r, insecure, creds, c);
	char *target = xasprintf("/v2/%s/tags/list?n=%d", r->repo, TAGS_PAGE);
	bool ok = true;
	for (int page = 0; target && page < REGISTRY_PAGES_MAX; page++) {
		struct reply x;
		if (!request(&call, target, "Accept: application/json", TAGS_BODY_MAX, &x, err)) {
			ok = false;
			break;
		}
		char *msg = NULL;
		if (!registry_tags_parse(x.h.body.buf ? x.h.body.buf : "", x.h.body.len, tags, ntags, &msg)) {
			set_error(err, x.status, msg);
			reply_free(&x);
			ok = false;
			break;
		}
		/* the caps: the first tags are kept, the rest neither kept nor asked for */
		size_t keep = *ntags;
		for (; counted < *ntags; counted++) {
			bytes += strlen((*tags)[counted]) + 1;
			if (counted >= REGISTRY_TAGS_MAX || bytes > REGISTRY_TAGS_BYTES_MAX) {
				keep = counted;
				break;
			}
		}
		if (keep < *ntags || (*ntags == REGISTRY_TAGS_MAX && x.link.len)) {
			for (size_t i = keep; i < *ntags; i++)
				free((*tags)[i]);
			*ntags = keep;
			if (cut)
				*cut = true;
			reply_free(&x);
			break;
		}
		char *link = x.link.len ? registry_link_next(x.link.buf) : NULL;
		char *next = link ? next_target(&call, link) : NULL;
		if (link && !next) {
			set_error(err, x.status, xstrdup(_("the registry's next page of tags is on another server")));
			ok = false;
		} else if (next && strcmp(next, target) == 0) {
			free(next);	/* the same page again: the list ends here */
			next = NULL;
		}
		free(link);
		reply_free(&x);
		free(target);
		target = next;
		if (!ok)
			break;
	}
	free(target);
	secret_free(call.authz);
	if (!ok) {
		strv_free(*tags, *ntags);
		*tags = NULL;
		*ntags = 0;
	}
	return ok;
}

bool
registry_manifest(const struct registry_ref *r, const char *reference, bool insecure,
		  struct cancel *c, struct manifest *out, struct registry_error *err)
{
	return registry_manifest_auth(r, reference, insecure, NULL, c, out, err);
}

bool
registry_manifest_auth(const struct registry_ref *r, const char *reference, bool insecure,
		       const struct registry_creds *creds, struct cancel *c, struct manifest *out,
		       struct registry_error *err)
{
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	if (!ref_usable(r)) {
		set_error(err, 0, xstrdup(_("invalid reference format")));
		return false;
	}
	bool by_digest = reference && strchr(reference, ':');
	if (!reference || !(by_digest ? digest_valid(reference) : tag_valid(reference))) {
		set_error(err, 0, xstrdup(by_digest ? _("invalid checksum digest format") : _("invalid tag format")));
		return false;
	}
	struct call call;
	setup_call(&call, r, insecure, creds, c);
	char *target = xasprintf("/v2/%s/manifests/%s", r->repo, reference);
	struct reply x;
	bool ok = request(&call, target, MANIFEST_ACCEPT, MANIFEST_MAX, &x, err);
	free(target);
	secret_free(call.authz);
	if (!ok)
		return false;
	const char *body = x.h.body.buf ? x.h.body.buf : "";
	if (by_digest && !registry_digest_matches(reference, body, x.h.body.len)) {
		set_error(err, x.status, xstrdup(_("the registry sent a manifest that does not match its digest")));
		ok = false;
	} else if (x.digest && !registry_digest_matches(x.digest, body, x.h.body.len)) {
		set_error(err, x.status, xstrdup(_("the registry sent a manifest that does not match its Docker-Content-Digest")));
		ok = false;
	} else {
		char *msg = NULL;
		ok = manifest_parse(body, x.h.body.len, x.content_type, out, &msg);
		if (!ok) {
			set_error(err, x.status, msg);
		} else if (x.digest || by_digest) {
			free(out->digest);
			out->digest = xstrdup(by_digest ? reference : x.digest);
		}
	}
	reply_free(&x);
	return ok;
}

bool
registry_login_check(const char *host, bool insecure, const struct registry_creds *creds,
		     struct cancel *c, char **identity_token, struct registry_error *err)
{
	memset(err, 0, sizeof(*err));
	if (identity_token)
		*identity_token = NULL;
	if (!host_usable(host)) {
		set_error(err, 0, xstrdup(_("invalid registry address")));
		return false;
	}
	struct registry_ref ref = { .host = (char *)host };
	struct call call;
	setup_call(&call, &ref, insecure, creds, c);
	call.offline = identity_token != NULL;
	struct reply x;
	bool ok = request(&call, "/v2/", "Accept: application/json", TOKEN_BODY_MAX, &x, err);
	if (ok)
		reply_free(&x);
	secret_free(call.authz);
	if (ok && identity_token)
		*identity_token = call.refresh;
	else
		secret_free(call.refresh);
	return ok;
}
