/* Registry credentials in memory, and the two shapes they travel in: the X-Registry-Auth header
 * the engine wants for pull and push (engine-api.md §14.1), and an HTTP Basic Authorization
 * line for a registry or its token server.
 *
 * Secrets are never logged, printed or put in an error message; every string here that holds
 * one is cleared before it is freed (registry_creds_free, secret_free). Copies libc or libcurl
 * make on their own are out of reach.
 * No state; any thread; cost O(length). */
#ifndef BUDU_REGISTRY_CREDS_H
#define BUDU_REGISTRY_CREDS_H

#include <stdbool.h>
#include <stddef.h>

struct registry_creds {
	char *username;		/* "" for an identity token a helper gave under user "<token>" */
	char *secret;		/* the password or access token; the identity token when identity_token */
	bool identity_token;	/* secret is an OAuth refresh token (docker's "identitytoken") */
};

/* Clears and frees the strings; c itself stays (it is usually on the stack). c may be NULL. */
void registry_creds_free(struct registry_creds *c);
/* A deep copy, or all-NULL for NULL. */
void registry_creds_copy(struct registry_creds *dst, const struct registry_creds *src);
/* Has something to send: a non-empty secret. */
bool registry_creds_usable(const struct registry_creds *c);

/* Clears n bytes in a way the compiler keeps. */
void secret_clear(void *p, size_t n);
/* Clears the string, then frees it; s may be NULL. */
void secret_free(char *s);

/* The X-Registry-Auth value: base64url with padding of
 * {"username","password","serveraddress"} or, for an identity token,
 * {"username"(when known),"serveraddress","identitytoken"}; empty members left out, as Go's
 * omitempty does. c NULL or unusable gives "e30=" ({}), what the CLI sends without credentials.
 * serveraddress: docker_server_key()'s form ("https://index.docker.io/v1/", "host:port"); may
 * be NULL. New string holding the secret: free with secret_free. */
char *registry_auth_header(const struct registry_creds *c, const char *serveraddress);

/* "Authorization: Basic base64(user:secret)", a header line for http_request.headers; NULL when
 * c is not usable or is an identity token (which only the token server's OAuth flow takes).
 * Free with secret_free. */
char *registry_basic_header(const struct registry_creds *c);

/* Standard (url false) or url-safe base64 with padding of n bytes; new string. */
char *base64_encode(const void *data, size_t n, bool url);
/* Standard base64, padded, surrounding blanks allowed (what config.json's "auth" holds): the
 * bytes in a new NUL-terminated buffer, their count in *n; NULL when it is not base64. */
char *base64_decode(const char *s, size_t *n);

#endif
