#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "reference.h"
#include "xalloc.h"

/*
 * distribution/reference's ParseNormalizedNamed as vendored in Docker 20.10, matched by
 * hand instead of with regex.h: no shared compiled state, so worker threads can call it
 * freely. Two deliberate choices:
 * - an uppercase first component is not a domain ("Docker/docker" is a lowercase error),
 *   as in 20.10; the newer library would take it as a domain;
 * - "[::1]:5000/repo" is accepted, as the newer library does: the daemon hands such names
 *   back from RepoTags, and refusing them would hide those images.
 * The 255-character limit counts "domain/path", as 20.10 does.
 */

#define DEFAULT_DOMAIN "docker.io"
#define LEGACY_DOMAIN "index.docker.io"
#define OFFICIAL_PREFIX "library/"
#define NAME_TOTAL_MAX 255
#define TAG_MAX 128

/* Explicit ASCII classes: ctype.h would follow the locale. */
static bool
is_lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool
is_lower_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f');
}

/* [a-z0-9]+ ( ( [._] | "__" | "-"+ ) [a-z0-9]+ )* over s[0..n). */
static bool
match_path_component(const char *s, size_t n)
{
	size_t i = 0;
	for (;;) {
		size_t start = i;
		while (i < n && is_lower_alnum(s[i]))
			i++;
		if (i == start)
			return false;
		if (i == n)
			return true;
		size_t sep = i;
		while (i < n && (s[i] == '.' || s[i] == '_' || s[i] == '-'))
			i++;
		size_t len = i - sep;
		bool dashes = true;
		for (size_t k = sep; k < i; k++)
			dashes = dashes && s[k] == '-';
		if (len == 0)
			return false;
		if (!(len == 1 || (len == 2 && s[sep] == '_' && s[sep + 1] == '_') || dashes))
			return false;
	}
}

/* One or more path components separated by single slashes. */
static bool
match_remote(const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '/') {
			if (!match_path_component(s + start, i - start))
				return false;
			start = i + 1;
		}
	}
	return true;
}

/* host [":" port], host being dotted components or a bracketed IPv6 address. */
static bool
match_domain(const char *s, size_t n)
{
	size_t i = 0;
	if (n > 0 && s[0] == '[') {
		i = 1;
		while (i < n && (is_hex(s[i]) || s[i] == ':'))
			i++;
		if (i == 1 || i >= n || s[i] != ']')
			return false;
		i++;
	} else {
		for (;;) {
			size_t start = i;
			while (i < n && (is_alnum(s[i]) || s[i] == '-'))
				i++;
			if (i == start || s[start] == '-' || s[i - 1] == '-')
				return false;
			if (i < n && s[i] == '.') {
				i++;
				continue;
			}
			break;
		}
	}
	if (i == n)
		return true;
	if (s[i] != ':')
		return false;
	size_t port = ++i;
	while (i < n && is_digit(s[i]))
		i++;
	return i > port && i == n;
}

static bool
match_tag(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > TAG_MAX)
		return false;
	if (!is_alnum(s[0]) && s[0] != '_')
		return false;
	for (size_t i = 1; i < n; i++)
		if (!is_alnum(s[i]) && s[i] != '_' && s[i] != '.' && s[i] != '-')
			return false;
	return true;
}

/* The grammar's digest: alg ":" hex{32,}, alg being letter-led pieces joined by [-_+.]. */
static bool
match_digest(const char *s)
{
	const char *colon = strchr(s, ':');
	if (!colon)
		return false;
	size_t alen = (size_t)(colon - s);
	size_t i = 0;
	for (;;) {
		if (i >= alen || !is_alpha(s[i]))
			return false;
		i++;
		while (i < alen && is_alnum(s[i]))
			i++;
		if (i == alen)
			break;
		if (s[i] != '-' && s[i] != '_' && s[i] != '+' && s[i] != '.')
			return false;
		i++;
	}
	const char *hex = colon + 1;
	size_t hlen = strlen(hex);
	if (hlen < 32)
		return false;
	for (size_t k = 0; k < hlen; k++)
		if (!is_hex(hex[k]))
			return false;
	return true;
}

/* go-digest's Validate: only registered algorithms, each with its exact lowercase length. */
static bool
digest_valid(const char *s)
{
	static const struct {
		const char *name;
		size_t hexlen;
	} algs[] = {
		{ "sha256", 64 },
		{ "sha384", 96 },
		{ "sha512", 128 },
	};
	const char *colon = strchr(s, ':');
	size_t alen = (size_t)(colon - s);
	const char *hex = colon + 1;
	for (size_t i = 0; i < sizeof(algs) / sizeof(algs[0]); i++) {
		if (strlen(algs[i].name) != alen || memcmp(algs[i].name, s, alen) != 0)
			continue;
		if (strlen(hex) != algs[i].hexlen)
			return false;
		for (const char *p = hex; *p; p++)
			if (!is_lower_hex(*p))
				return false;
		return true;
	}
	return false;
}

static bool
is_identifier(const char *s)
{
	size_t n = strlen(s);
	if (n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_lower_hex(s[i]))
			return false;
	return true;
}

/* Whether name (no tag, no digest) is "domain/remote" or a bare remote. */
enum name_shape { NAME_INVALID, NAME_WITH_DOMAIN, NAME_BARE };

static enum name_shape
name_shape(const char *name)
{
	size_t n = strlen(name);
	const char *slash = strchr(name, '/');
	if (slash && match_domain(name, (size_t)(slash - name))
	    && match_remote(slash + 1, n - (size_t)(slash - name) - 1))
		return NAME_WITH_DOMAIN;
	/* Go's optional domain group falls back to the whole name as a path. */
	if (match_remote(name, n))
		return NAME_BARE;
	return NAME_INVALID;
}

static bool
name_ok_lowercased(const char *name)
{
	char *low = xstrdup(name);
	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	bool ok = name_shape(low) != NAME_INVALID;
	free(low);
	return ok;
}

/* Parses "domain/remainder" as distribution's Parse does; full is modified in place. */
static enum ref_error
parse_full(char *full, struct reference *out)
{
	char *digest = NULL;
	char *at = strchr(full, '@');
	if (at) {
		*at = '\0';
		digest = at + 1;
	}
	char *tag = NULL;
	char *slash = strrchr(full, '/');
	char *colon = strrchr(full, ':');
	if (colon && (!slash || colon > slash)) {
		*colon = '\0';
		tag = colon + 1;
	}
	enum name_shape shape = name_shape(full);
	if (shape == NAME_INVALID) {
		if (name_ok_lowercased(full) && (!tag || match_tag(tag))
		    && (!digest || match_digest(digest)))
			return REF_NOT_LOWERCASE;
		return REF_INVALID_FORMAT;
	}
	if (tag && !match_tag(tag))
		return REF_TAG_INVALID;
	if (digest && !match_digest(digest))
		return REF_DIGEST_INVALID;
	if (strlen(full) > NAME_TOTAL_MAX)
		return REF_NAME_TOO_LONG;
	if (digest && !digest_valid(digest))
		return REF_DIGEST_INVALID;

	if (shape == NAME_WITH_DOMAIN) {
		char *sep = strchr(full, '/');
		out->domain = xstrndup(full, (size_t)(sep - full));
		out->path = xstrdup(sep + 1);
	} else {
		/* Go leaves the domain empty here (e.g. "a_b.com/x"); the names below cope. */
		out->domain = xstrdup("");
		out->path = xstrdup(full);
	}
	out->tag = tag ? xstrdup(tag) : NULL;
	out->digest = digest ? xstrdup(digest) : NULL;
	return REF_OK;
}

bool
reference_is_domain(const char *s, size_t len)
{
	static const char localhost[] = "localhost";
	return memchr(s, '.', len) || memchr(s, ':', len)
	       || (len == sizeof(localhost) - 1 && memcmp(s, localhost, len) == 0);
}

enum ref_error
reference_parse(const char *s, struct reference *out)
{
	memset(out, 0, sizeof(*out));
	if (!s || !*s)
		return REF_EMPTY;
	if (is_identifier(s))
		return REF_IDENTIFIER;

	/* splitDockerDomain: the first component is a domain only if it looks like one. */
	const char *domain = DEFAULT_DOMAIN;
	size_t dlen = strlen(DEFAULT_DOMAIN);
	const char *rest = s;
	const char *slash = strchr(s, '/');
	if (slash) {
		size_t n = (size_t)(slash - s);
		if (reference_is_domain(s, n)) {
			domain = s;
			dlen = n;
			rest = slash + 1;
		}
	}
	if (dlen == strlen(LEGACY_DOMAIN) && memcmp(domain, LEGACY_DOMAIN, dlen) == 0) {
		domain = DEFAULT_DOMAIN;
		dlen = strlen(DEFAULT_DOMAIN);
	}
	bool official = dlen == strlen(DEFAULT_DOMAIN) && memcmp(domain, DEFAULT_DOMAIN, dlen) == 0
		&& !strchr(rest, '/');

	/* Checked on the text before the first ':', tag and digest included as Go does. */
	size_t rlen = strcspn(rest, ":");
	for (size_t i = 0; i < rlen; i++)
		if (rest[i] >= 'A' && rest[i] <= 'Z')
			return REF_NOT_LOWERCASE;

	char *full = xasprintf("%.*s/%s%s", (int)dlen, domain, official ? OFFICIAL_PREFIX : "", rest);
	enum ref_error err = parse_full(full, out);
	free(full);
	return err;
}

void
reference_free(struct reference *ref)
{
	if (!ref)
		return;
	free(ref->domain);
	free(ref->path);
	free(ref->tag);
	free(ref->digest);
	memset(ref, 0, sizeof(*ref));
}

const char *
reference_strerror(enum ref_error err)
{
	switch (err) {
	case REF_OK:
		return _("no error");
	case REF_EMPTY:
		return _("repository name must have at least one component");
	case REF_INVALID_FORMAT:
		return _("invalid reference format");
	case REF_NOT_LOWERCASE:
		return _("invalid reference format: repository name must be lowercase");
	case REF_NAME_TOO_LONG:
		return _("repository name must not be more than 255 characters");
	case REF_TAG_INVALID:
		return _("invalid tag format");
	case REF_DIGEST_INVALID:
		return _("invalid checksum digest format");
	case REF_IDENTIFIER:
		return _("invalid repository name, cannot specify 64-byte hexadecimal strings");
	}
	return _("invalid reference format");
}

char *
reference_name(const struct reference *ref)
{
	if (!ref->domain || !*ref->domain)
		return xstrdup(ref->path ? ref->path : "");
	return xasprintf("%s/%s", ref->domain, ref->path);
}

char *
reference_familiar_name(const struct reference *ref)
{
	if (ref->domain && strcmp(ref->domain, DEFAULT_DOMAIN) == 0) {
		const char *p = ref->path;
		size_t plen = strlen(OFFICIAL_PREFIX);
		if (strncmp(p, OFFICIAL_PREFIX, plen) == 0 && !strchr(p + plen, '/'))
			p += plen;
		return xstrdup(p);
	}
	return reference_name(ref);
}

char *
reference_string(const struct reference *ref, bool add_latest)
{
	char *name = reference_name(ref);
	const char *tag = ref->tag;
	if (add_latest && !tag && !ref->digest)
		tag = "latest";
	char *s = xasprintf("%s%s%s%s%s", name, tag ? ":" : "", tag ? tag : "",
		ref->digest ? "@" : "", ref->digest ? ref->digest : "");
	free(name);
	return s;
}

/* Cuts s at sep (a pointer into s, or NULL): "<none>" stands in for an empty side. */
static void
split_at(const char *s, const char *sep, char **left, char **right)
{
	size_t llen = sep ? (size_t)(sep - s) : strlen(s);
	*left = llen ? xstrndup(s, llen) : xstrdup("<none>");
	*right = xstrdup(sep && sep[1] ? sep + 1 : "<none>");
}

bool
reference_is_podman_local(const char *repo)
{
	static const char local[] = "localhost/";
	return repo && strncmp(repo, local, sizeof(local) - 1) == 0 && repo[sizeof(local) - 1] != '\0';
}

void
reference_split_repo_tag(const char *s, char **repo, char **tag)
{
	if (!s)
		s = "";
	/* A ':' before the last '/' belongs to a registry port, not to the tag. */
	const char *slash = strrchr(s, '/');
	const char *colon = strrchr(s, ':');
	if (colon && slash && colon < slash)
		colon = NULL;
	split_at(s, colon, repo, tag);
}

void
reference_split_repo_digest(const char *s, char **repo, char **digest)
{
	if (!s)
		s = "";
	split_at(s, strchr(s, '@'), repo, digest);
}
