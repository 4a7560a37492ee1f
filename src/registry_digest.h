/* The digest a registry announces for a tag, asked as docker would ask it: with the login docker
 * saved for that registry, over plain HTTP only where the engine allows it.
 *
 * Thread model: blocking (a manifest request, maybe a token, maybe a DNS lookup): workers only.
 * Cost: one manifest GET (Docker Hub counts it against the pull rate limit). */
#ifndef BUDU_REGISTRY_DIGEST_H
#define BUDU_REGISTRY_DIGEST_H

struct cancel;
struct registry_error;

/* repo as the engine names it ("nginx", "127.0.0.1:5000/demo/app"), tag ("1.25"); info_json is
 * the body of the engine's GET /info (its insecure registries), or NULL for docker's defaults.
 * Returns the digest ("sha256:…", caller frees), or NULL with *err filled (free with
 * registry_error_free). */
char *registry_tag_digest(const char *repo, const char *tag, const char *info_json, struct cancel *c,
			  struct registry_error *err);

#endif
