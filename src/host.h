/* Where the engine is: DOCKER_HOST / -H forms resolved the way the docker CLI resolves them. */
#ifndef BUDU_HOST_H
#define BUDU_HOST_H

#include <stdbool.h>

#define HOST_DEFAULT "unix:///var/run/docker.sock"

enum host_kind { HOST_UNIX, HOST_TCP };

struct host {
	enum host_kind kind;
	char *display;		/* normalised address shown to the user: "unix:///run/docker.sock", "tcp://h:2376" */
	char *socket_path;	/* HOST_UNIX: the socket path */
	char *base_url;		/* the URL prefix for requests: "http://localhost", "https://h:2376", plus a tcp:// base path */
	bool tls;		/* HOST_TCP over TLS */
	bool tls_verify;	/* verify the server certificate */
	char *ca_file;		/* <cert dir>/ca.pem, cert.pem, key.pem when TLS is on; NULL when absent */
	char *cert_file;
	char *key_file;
};

/* Resolves `spec` (NULL or "" means the default socket, or with TLS tcp://localhost:2376).
 * tls_verify: DOCKER_TLS_VERIFY is non-empty; cert_dir: DOCKER_CERT_PATH, NULL for ~/.docker.
 * Accepts unix://path, unix://, tcp://host[:port][/base], host[:port] (tcp), tcp://:port.
 * Rejects ssh:// (not yet), fd://, npipe://, http(s)://: returns false with a translated
 * message in *err (caller frees). */
bool host_parse(const char *spec, bool tls_verify, const char *cert_dir, struct host *out, char **err);
void host_free(struct host *h);

#endif
