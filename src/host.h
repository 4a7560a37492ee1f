/* Where the engine is: DOCKER_HOST / -H forms, and a context's endpoint (src/context.h), resolved
 * the way the docker CLI resolves them.
 *
 * Thread model: a struct host is filled on one thread, then handed to engine_new(), after which
 * it is read-only (any thread). Cost: parsing only, no I/O but the stat() of TLS files; an
 * ssh:// host starts nothing here (src/ssh.h does, or engine_new on first use). */
#ifndef BUDU_HOST_H
#define BUDU_HOST_H

#include <stdbool.h>

#define HOST_DEFAULT "unix:///var/run/docker.sock"

enum host_kind { HOST_UNIX, HOST_TCP, HOST_SSH };

struct ssh_transport;

struct host {
	enum host_kind kind;
	char *display;		/* normalised address shown to the user: "unix:///run/docker.sock", "tcp://h:2376",
				 * "ssh://bob@h:2222" */
	char *socket_path;	/* where requests connect (CURLOPT_UNIX_SOCKET_PATH): HOST_UNIX the engine's
				 * socket; HOST_SSH the local socket of its transport once started (ssh.h),
				 * NULL before; HOST_TCP NULL */
	char *base_url;		/* the URL prefix for requests: "http://localhost", "https://h:2376", plus a tcp:// base path */
	bool tls;		/* HOST_TCP over TLS */
	bool tls_verify;	/* verify the server certificate */
	char *ca_file;		/* <cert dir>/ca.pem, cert.pem, key.pem when TLS is on; NULL when absent */
	char *cert_file;
	char *key_file;
	/* HOST_SSH (ssh://[user@]host[:port][/path]): */
	char *ssh_user;		/* NULL: ssh's own choice (its config, the login name) */
	char *ssh_host;		/* a name or an address, IPv6 without brackets */
	char *ssh_port;		/* NULL: ssh's own choice */
	char *ssh_path;		/* the engine's socket on the far side; NULL for docker's default there */
	char *ssh_identity;	/* a key file for ssh -i (a Podman connection's Identity); NULL: ssh's choice */
	struct ssh_transport *ssh;	/* owned: the local socket's server (ssh.h); host_free stops it */
	char *context;		/* the context this endpoint came from (context.h); NULL for none */
};

/* Resolves `spec` (NULL or "" means the default socket, or with TLS tcp://localhost:2376).
 * tls_verify: DOCKER_TLS_VERIFY is non-empty; cert_dir: DOCKER_CERT_PATH, NULL for ~/.docker.
 * Accepts unix://path, unix://, tcp://host[:port][/base], host[:port] (tcp), tcp://:port,
 * ssh://[user@]host[:port][/path] (the CLI's rules: no password, query or fragment; TLS never
 * applies). Rejects fd://, npipe://, http(s)://: returns false with a translated message in
 * *err (caller frees). */
bool host_parse(const char *spec, bool tls_verify, const char *cert_dir, struct host *out, char **err);

/* A stored context's docker endpoint (context.h): spec as host_parse without TLS, then for a
 * tcp:// host TLS as the CLI's context loader decides: tls_dir (contexts/tls/<id>/docker, NULL
 * when it holds no file) gives ca.pem, cert.pem, key.pem, each when present (no ca.pem: the
 * system's CAs); TLS is on when some file is there or skip_verify is set, verification off
 * when skip_verify. Without either it is plain HTTP. */
bool host_parse_context(const char *spec, const char *tls_dir, bool skip_verify, struct host *out,
			char **err);

/* The ssh command line's destination part for messages: "[-p PORT] [USER@]HOST"; new string. */
char *host_ssh_target(const struct host *h);

/* How budu names the engine to the user (the title bar, the Jobs panel): the context's name,
 * else the address; sanitised, new string. */
char *host_label(const struct host *h);

/* Frees the strings and stops an ssh transport (ssh.h); h may be NULL. */
void host_free(struct host *h);

#endif
