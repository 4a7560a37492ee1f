/* A Docker Registry HTTP API v2 client (distribution), over http.h: a repository's tags and
 * its manifests, read straight from the registry the way `docker pull` reaches it.
 *
 * Anonymous, or with the user's credentials (the *_auth calls): a 401 with `WWW-Authenticate:
 * Bearer realm=…,service=…,scope=…` fetches a pull token from the realm (with Basic
 * credentials, or the OAuth refresh-token grant for an identity token), and the request is sent
 * again with it; a 401 with a Basic challenge is answered with Basic credentials. Credentials
 * are never sent before the registry asks, never over plain HTTP to a registry that is not
 * insecure, and never appear in a message. TLS goes through
 * libcurl/OpenSSL with the system's CAs; plain HTTP (after HTTPS without verification, as docker
 * tries) only when `insecure` is set, which the caller decides with registry_is_insecure().
 *
 * Thread model: every call blocks and runs on a worker thread; there is no shared mutable state
 * (each call has its own transfers and token), so calls may run on several threads at once.
 * A struct cancel (http.h) stops a call in flight from another thread; it may be NULL.
 * engine_global_init() (http_global_init) must have run before the first call.
 * Every string handed back is sanitized (sanitize.h): a registry is untrusted. */
#ifndef BUDU_REGISTRY_H
#define BUDU_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"
#include "registry_creds.h"

struct registry_ref {	/* where a repository lives, as docker resolves it */
	char *host;	/* "registry-1.docker.io" for docker.io, else the domain: "127.0.0.1:5000" */
	char *repo;	/* "library/nginx", "demo/app" */
	char *display;	/* familiar: "nginx", "127.0.0.1:5000/demo/app" */
};

/* From what the user typed ("nginx", "docker.io/nginx", "127.0.0.1:5000/demo/app"); official
 * images get "library/". A tag or digest after the name is allowed and ignored. False with a
 * translated message in *err (the caller frees it); *out is then untouched. */
bool registry_ref_parse(const char *name, struct registry_ref *out, char **err);
void registry_ref_free(struct registry_ref *r);

/* Plain HTTP allowed for host: loopback (127.0.0.0/8, localhost, ::1) as docker does, or a
 * host the engine marks insecure: pass the body of GET /info (its RegistryConfig:
 * IndexConfigs[host].Secure == false, or InsecureRegistryCIDRs containing its IP). info may be NULL.
 * A host name that is neither loopback nor listed is resolved (getaddrinfo, blocking) when the
 * engine lists CIDRs besides 127.0.0.0/8, as the daemon does: call it on a worker thread. */
bool registry_is_insecure(const char *host, const char *info_json);

struct registry_error {	/* what the user reads, and what kind */
	char *message;	/* "unauthorized: authentication required", "manifest unknown", "rate limit reached: try again at 13:05 UTC"… sanitized, translated prefix */
	long http_status;	/* 0 when no HTTP answer (DNS failure, no network, TLS) */
};
void registry_error_free(struct registry_error *e);

/* GET /v2/<repo>/tags/list, following Link: <…>; rel="next" pages (n=100 per page).
 * The tags come in the registry's order (lexical for distribution and Docker Hub), sanitized;
 * free each and the array. At most REGISTRY_PAGES_MAX pages are followed, and at most
 * REGISTRY_TAGS_MAX tags or REGISTRY_TAGS_BYTES_MAX bytes of them are kept: the first ones,
 * *cut (when not NULL) then true. On failure *tags is NULL, *ntags 0, and *err filled (free
 * with registry_error_free). */
bool registry_tags(const struct registry_ref *r, bool insecure, struct cancel *c,
		   char ***tags, size_t *ntags, struct registry_error *err);
/* The same with credentials for r->host (NULL: anonymous; borrowed for the call). */
bool registry_tags_auth(const struct registry_ref *r, bool insecure, const struct registry_creds *creds,
			struct cancel *c, char ***tags, size_t *ntags, bool *cut, struct registry_error *err);
#define REGISTRY_PAGES_MAX 1000
/* 1,000 linked pages of 20,000 tags each once took 953 MB: the list stops here. */
#define REGISTRY_TAGS_MAX 100000
#define REGISTRY_TAGS_BYTES_MAX (16u << 20)

enum manifest_kind { MANIFEST_INDEX, MANIFEST_IMAGE };
struct manifest_platform {	/* one entry of an index */
	char *os, *architecture, *variant;	/* variant "" when none; os and architecture "" when the entry has no platform */
	char *digest, *media_type;
	long long size;
};
struct manifest_layer { char *digest, *media_type; long long size; };
struct manifest {
	enum manifest_kind kind;
	char *digest;		/* Docker-Content-Digest, or sha256 of the body (OpenSSL) */
	char *media_type;
	struct manifest_platform *platforms; size_t nplatforms;	/* index */
	char *config_digest; long long config_size;			/* image */
	struct manifest_layer *layers; size_t nlayers;			/* image */
	long long total_size;	/* image: sum of layer sizes (compressed) */
};
/* GET /v2/<repo>/manifests/<tag or digest> with Accept for OCI index, Docker manifest list,
 * OCI manifest and Docker schema2 manifest.
 * The body is checked against the digest asked for, and against Docker-Content-Digest when the
 * registry sends one: a mismatch is an error. Index entries that are build attestations
 * (annotation vnd.docker.reference.type = attestation-manifest) are left out of platforms, as
 * docker leaves them out of a pull. Schema 1 manifests are refused with a message.
 * Note: Docker Hub counts a GET of a manifest as a pull against the rate limit.
 * On failure *out is zeroed and *err filled. */
bool registry_manifest(const struct registry_ref *r, const char *reference, bool insecure,
		       struct cancel *c, struct manifest *out, struct registry_error *err);
/* The same with credentials for r->host (NULL: anonymous; borrowed for the call). */
bool registry_manifest_auth(const struct registry_ref *r, const char *reference, bool insecure,
			    const struct registry_creds *creds, struct cancel *c, struct manifest *out,
			    struct registry_error *err);
void manifest_free(struct manifest *m);

/* The login check: GET /v2/ on host (as in struct registry_ref: "registry-1.docker.io" for Docker
 * Hub, "127.0.0.1:5000") with the auth flow above, as `docker login` checks. True when the
 * registry accepts creds (or needs none). Else *err: the registry's words for 401
 * ("unauthorized: authentication required", "unauthorized: incorrect username or password")
 * and 403, with http_status set; http_status 0 when it could not be reached.
 * With identity_token (may be NULL), a token server's flow asks for a refresh token as docker's
 * login does (offline_token=true): when one comes, *identity_token is it (a secret: free with
 * secret_free), else NULL. docker saves it as the login's "identitytoken" instead of the
 * password. */
bool registry_login_check(const char *host, bool insecure, const struct registry_creds *creds,
			  struct cancel *c, char **identity_token, struct registry_error *err);

/* ---- The wire formats, public for the unit tests --------------------------------------- */

/* The Bearer challenge of a WWW-Authenticate value (RFC 7235: auth-params are token=token or
 * token=quoted-string; several challenges may share one value). Raw strings, NULL when absent. */
struct registry_challenge {
	char *realm, *service, *scope;
};
/* False when value holds no Bearer challenge with a realm (Basic only, garbage). */
bool registry_challenge_parse(const char *value, struct registry_challenge *out);
/* True when one of value's challenges has the Basic scheme. */
bool registry_challenge_basic(const char *value);
void registry_challenge_free(struct registry_challenge *ch);

/* The target of the rel="next" link in a Link header value ("<url>; rel=\"next\"", several
 * links separated by commas, rel may list several types), as a new string; NULL when none. */
char *registry_link_next(const char *value);

/* A tags/list body ({"name":…,"tags":[…]}; "tags" null or missing is an empty list, but an
 * object with neither name nor tags is no tag list): the tags, sanitized, appended to
 * (*tags, *ntags). False with a translated message in *err when malformed; nothing is
 * appended then. */
bool registry_tags_parse(const char *body, size_t len, char ***tags, size_t *ntags, char **err);

/* A manifest body. content_type: the answer's Content-Type, or NULL; the body's own mediaType
 * wins when both are present. out->digest is set to "sha256:" + sha256(body). False with a
 * translated message in *err when malformed or of a kind budu does not read. */
bool manifest_parse(const char *body, size_t len, const char *content_type, struct manifest *out,
		    char **err);

/* True when digest ("sha256:<hex>", also sha384 and sha512) is the digest of body. */
bool registry_digest_matches(const char *digest, const char *body, size_t len);

/* What the user reads for an HTTP error answer (status >= 400): the registry's
 * {"errors":[{"code","message"}]} as docker words them ("manifest unknown: manifest unknown";
 * several joined by "; "), else a sentence naming the status. For 429 the time to try again,
 * from retry_after (Retry-After: seconds, or an HTTP date) or else reset (Docker Hub's
 * ratelimit-reset / X-RateLimit-Reset: a Unix time, or seconds from now), against now (the
 * answer's Date, Unix seconds): "rate limit reached: try again at 13:05 UTC (…)". Either header
 * may be NULL. New string, sanitized. */
char *registry_error_message(long http_status, const char *body, size_t len,
			     const char *retry_after, const char *reset, long long now);

#endif
