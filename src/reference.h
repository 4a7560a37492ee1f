/* Image references as distribution/reference parses and normalises them
 * (docker.io/library/ prefixes, tags up to 128 characters, digests algo:hex). */
#ifndef BUDU_REFERENCE_H
#define BUDU_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>

enum ref_error {
	REF_OK = 0,
	REF_EMPTY,		/* nothing to parse */
	REF_INVALID_FORMAT,	/* "invalid reference format" */
	REF_NOT_LOWERCASE,	/* "repository name must be lowercase" */
	REF_NAME_TOO_LONG,	/* domain/path over 255 characters */
	REF_TAG_INVALID,	/* tag not [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} */
	REF_DIGEST_INVALID,	/* bad algorithm or hex, or sha256 not 64 lowercase hex */
	REF_IDENTIFIER,		/* a bare 64-hex string: "cannot specify 64-byte hexadecimal strings" */
};

struct reference {
	char *domain;	/* "docker.io", "127.0.0.1:5000", "localhost", "[::1]:5000" */
	char *path;	/* "library/nginx", "demo/app" */
	char *tag;	/* NULL when none was given */
	char *digest;	/* "sha256:<hex>", NULL when none was given */
};

/* Whether s[0..len), the first '/'-separated component of a name, is a registry host rather
 * than a path component: it contains '.' or ':' or is exactly "localhost" (splitDockerDomain).
 * "localhost", "localhost:5000", "a.b", "[::1]:5000" are; "nginx", "Localhost", "" are not.
 * Pure, any thread. */
bool reference_is_domain(const char *s, size_t len);

/* Whether repo ("localhost/demo/app", a row's REPOSITORY) is in the pseudo-registry
 * "localhost" (no port), where Podman puts what it builds, imports or commits: on Podman such a
 * name has no registry behind it, so nothing should be asked of one. Pure, any thread. */
bool reference_is_podman_local(const char *repo);

/* ParseNormalizedNamed. On success fills *out (free with reference_free) and returns REF_OK. */
enum ref_error reference_parse(const char *s, struct reference *out);
void reference_free(struct reference *ref);
/* The translated message for an error, as docker words it. */
const char *reference_strerror(enum ref_error err);

/* "docker.io/library/nginx" (no tag, no digest). New string. */
char *reference_name(const struct reference *ref);
/* Familiar name: "nginx", "foo/bar", "127.0.0.1:5000/demo/app". New string. */
char *reference_familiar_name(const struct reference *ref);
/* Full normalised string; with add_latest, a reference without tag or digest gets ":latest". New string. */
char *reference_string(const struct reference *ref, bool add_latest);

/* Splits a RepoTags entry as the daemon returns it ("127.0.0.1:5000/demo/app:1") into the
 * repository and the tag: the tag follows the last ':' that comes after the last '/'.
 * Writes new strings into *repo and *tag ("<none>" when there is no tag). */
void reference_split_repo_tag(const char *s, char **repo, char **tag);
/* Same for a RepoDigests entry ("repo@sha256:..."): digest "<none>" when missing. */
void reference_split_repo_digest(const char *s, char **repo, char **digest);

#endif
