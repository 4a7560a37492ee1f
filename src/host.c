#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host.h"
#include "sanitize.h"
#include "i18n.h"
#include "ssh.h"
#include "xalloc.h"

#define DEFAULT_SOCKET "/var/run/docker.sock"
#define DEFAULT_TCP_PORT "2375"
#define DEFAULT_TLS_HOST "tcp://localhost:2376"

/* What the user gave, trimmed of the spaces Go's strings.TrimSpace would drop. */
static char *
trim_spec(const char *spec)
{
	const char *ws = " \t\n\r\v\f";
	spec += strspn(spec, ws);
	size_t n = strlen(spec);
	while (n > 0 && strchr(ws, spec[n - 1]))
		n--;
	return xstrndup(spec, n);
}

static bool
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool
parse_unix(const char *path, struct host *out, char **err)
{
	if (strstr(path, "://")) {
		*err = xasprintf(_("invalid proto, expected unix: %s"), path);
		return false;
	}
	if (!*path)
		path = DEFAULT_SOCKET;
	out->kind = HOST_UNIX;
	out->socket_path = xstrdup(path);
	out->display = xasprintf("unix://%s", path);
	/* curl needs some host in the URL; the socket decides where it goes. */
	out->base_url = xstrdup("http://localhost");
	return true;
}

static bool
valid_hostname(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		      || c == '.' || c == '-' || c == '_'))
			return false;
	}
	return true;
}

static bool
valid_ipv6(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9')
		      || c == ':' || c == '.'))
			return false;
	}
	return true;
}

/*
 * The CLI's ParseTCPAddr: host[:port][/path]; an empty host is localhost, a missing port
 * 2375 (even with TLS). Userinfo, query and fragment are dropped as url.Parse leaves them
 * out of the result.
 */
static bool
parse_tcp(const char *orig, const char *addr, bool tls, struct host *out, char **err)
{
	if (strstr(addr, "://")) {
		*err = xasprintf(_("invalid proto, expected tcp: %s"), orig);
		return false;
	}
	size_t alen = strcspn(addr, "?#");
	const char *slash = memchr(addr, '/', alen);
	size_t authlen = slash ? (size_t)(slash - addr) : alen;
	const char *path = slash ? slash : "";
	size_t pathlen = slash ? alen - authlen : 0;

	const char *auth = addr;
	const char *at = memchr(auth, '@', authlen);
	if (at) {
		authlen -= (size_t)(at + 1 - auth);
		auth = at + 1;
	}

	const char *host;
	size_t hostlen;
	const char *port = NULL;
	size_t portlen = 0;
	bool v6 = false;
	if (authlen > 0 && auth[0] == '[') {
		const char *close = memchr(auth, ']', authlen);
		if (!close)
			goto bad;
		host = auth + 1;
		hostlen = (size_t)(close - host);
		if (!valid_ipv6(host, hostlen))
			goto bad;
		v6 = true;
		const char *after = close + 1;
		size_t afterlen = authlen - (size_t)(after - auth);
		if (afterlen > 0) {
			if (after[0] != ':')
				goto bad;
			port = after + 1;
			portlen = afterlen - 1;
		}
	} else {
		const char *colon = memchr(auth, ':', authlen);
		host = auth;
		hostlen = colon ? (size_t)(colon - auth) : authlen;
		if (colon) {
			port = colon + 1;
			portlen = authlen - hostlen - 1;
		}
		if (!valid_hostname(host, hostlen))
			goto bad;
	}
	if (portlen == 0) {
		port = DEFAULT_TCP_PORT;
		portlen = strlen(DEFAULT_TCP_PORT);
	}
	if (portlen > 5)
		goto bad;
	long pnum = 0;
	for (size_t i = 0; i < portlen; i++) {
		if (port[i] < '0' || port[i] > '9')
			goto bad;
		pnum = pnum * 10 + (port[i] - '0');
	}
	if (pnum > 65535)
		goto bad;
	if (hostlen == 0) {
		host = "localhost";
		hostlen = strlen(host);
		v6 = false;
	}

	out->kind = HOST_TCP;
	out->tls = tls;
	out->tls_verify = tls;
	char *hostport = xasprintf(v6 ? "[%.*s]:%.*s" : "%.*s:%.*s",
		(int)hostlen, host, (int)portlen, port);
	out->display = xasprintf("tcp://%s%.*s", hostport, (int)pathlen, path);
	/* Request paths start with '/', so the base path must not end with one. */
	while (pathlen > 0 && path[pathlen - 1] == '/')
		pathlen--;
	out->base_url = xasprintf("%s://%s%.*s", tls ? "https" : "http", hostport, (int)pathlen, path);
	free(hostport);
	return true;
bad:
	*err = xasprintf(_("invalid bind address format: %s"), orig);
	return false;
}

/* %XX escapes decoded as Go's url.Parse decodes a user name and a path; NULL when one is bad. */
static char *
unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			*o++ = s[i];
			continue;
		}
		int v = 0;
		for (int k = 1; k <= 2; k++) {
			char c = i + (size_t)k < n ? s[i + (size_t)k] : '\0';
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0) {
				free(out);
				return NULL;
			}
			v = v * 16 + d;
		}
		*o++ = (char)v;
		i += 2;
	}
	*o = '\0';
	return out;
}

/*
 * The CLI's connhelper/ssh ParseURL over Go's url.Parse: ssh://[user@]host[:port][/path]; a
 * password, a query or a fragment is refused, and so is an empty host. The path is the engine's
 * socket on the far side (`docker --host unix://PATH system dial-stdio`).
 */
static bool
parse_ssh(const char *rest, struct host *out, char **err)
{
	const char *hash = strchr(rest, '#');
	const char *q = memchr(rest, '?', hash ? (size_t)(hash - rest) : strlen(rest));
	if (q && q[1] && q + 1 != hash) {
		size_t n = hash ? (size_t)(hash - q - 1) : strlen(q + 1);
		*err = xasprintf(_("invalid ssh URL: query parameters are not allowed: \"%.*s\""), (int)n, q + 1);
		return false;
	}
	if (hash && hash[1]) {
		*err = xasprintf(_("invalid ssh URL: fragments are not allowed: \"%s\""), hash + 1);
		return false;
	}
	size_t len = q ? (size_t)(q - rest) : hash ? (size_t)(hash - rest) : strlen(rest);
	const char *slash = memchr(rest, '/', len);
	size_t authlen = slash ? (size_t)(slash - rest) : len;
	const char *auth = rest;
	const char *at = NULL;
	for (size_t i = 0; i < authlen; i++)
		if (auth[i] == '@')
			at = auth + i;
	char *user = NULL;
	if (at) {
		size_t ulen = (size_t)(at - auth);
		if (memchr(auth, ':', ulen)) {
			*err = xstrdup(_("invalid ssh URL: plain-text password is not supported"));
			return false;
		}
		user = unescape(auth, ulen);
		if (!user || strpbrk(user, " \t\n\r")) {
			free(user);
			*err = xasprintf(_("invalid ssh URL: invalid user name in %s"), "ssh://");
			return false;
		}
		authlen -= ulen + 1;
		auth = at + 1;
	}
	const char *host = auth, *port = NULL;
	size_t hostlen = authlen, portlen = 0;
	bool v6 = false;
	if (authlen > 0 && auth[0] == '[') {
		const char *close = memchr(auth, ']', authlen);
		if (!close || !valid_ipv6(auth + 1, (size_t)(close - auth - 1)))
			goto bad_host;
		host = auth + 1;
		hostlen = (size_t)(close - host);
		v6 = true;
		size_t afterlen = authlen - (size_t)(close + 1 - auth);
		if (afterlen > 0) {
			if (close[1] != ':')
				goto bad_host;
			port = close + 2;
			portlen = afterlen - 1;
		}
	} else {
		const char *colon = memchr(auth, ':', authlen);
		if (colon) {
			hostlen = (size_t)(colon - auth);
			port = colon + 1;
			portlen = authlen - hostlen - 1;
		}
		if (!valid_hostname(host, hostlen))
			goto bad_host;
	}
	for (size_t i = 0; i < portlen; i++) {
		if (port[i] < '0' || port[i] > '9') {
			free(user);
			*err = xasprintf(_("invalid ssh URL: invalid port \":%.*s\" after host"), (int)portlen, port);
			return false;
		}
	}
	if (hostlen == 0) {
		free(user);
		*err = xstrdup(_("invalid ssh URL: hostname is empty"));
		return false;
	}
	char *path = NULL;
	if (slash) {
		const char *p = slash;
		size_t plen = len - (size_t)(slash - rest);
		path = unescape(p, plen);
		if (!path) {
			free(user);
			*err = xasprintf(_("invalid ssh URL: invalid escape in the path %.*s"), (int)plen, p);
			return false;
		}
		if (!*path || strcmp(path, "/") == 0) {
			free(path);
			path = NULL;
		}
	}
	out->kind = HOST_SSH;
	out->ssh_user = user;
	out->ssh_host = xstrndup(host, hostlen);
	out->ssh_port = portlen ? xstrndup(port, portlen) : NULL;
	out->ssh_path = path;
	out->display = xasprintf("ssh://%s%s%s%.*s%s%s%s%s", user ? user : "", user ? "@" : "",
		v6 ? "[" : "", (int)hostlen, host, v6 ? "]" : "", portlen ? ":" : "",
		portlen ? out->ssh_port : "", path ? path : "");
	/* The socket decides where requests go; the CLI sends this name as the Host header. */
	out->base_url = xstrdup("http://docker.example.com");
	return true;
bad_host:
	free(user);
	*err = xasprintf(_("invalid ssh URL: invalid host in ssh://%.*s"), (int)len, rest);
	return false;
}

char *
host_ssh_target(const struct host *h)
{
	return xasprintf("%s%s%s%s%s%s", h->ssh_port ? "-p " : "", h->ssh_port ? h->ssh_port : "",
		h->ssh_port ? " " : "", h->ssh_user ? h->ssh_user : "", h->ssh_user ? "@" : "",
		h->ssh_host ? h->ssh_host : "");
}

static char *
home_dir(void)
{
	const char *home = getenv("HOME");
	if (home && *home)
		return xstrdup(home);
	struct passwd pw, *res = NULL;
	char buf[4096];
	if (getpwuid_r(getuid(), &pw, buf, sizeof(buf), &res) == 0 && res && res->pw_dir)
		return xstrdup(res->pw_dir);
	return xstrdup(".");
}

/* The CLI insists on ca.pem but quietly goes without a client certificate or key. */
static bool
setup_tls_files(const char *cert_dir, struct host *out, char **err)
{
	char *dir = NULL;
	if (cert_dir && *cert_dir) {
		dir = xstrdup(cert_dir);
	} else {
		char *home = home_dir();
		dir = xasprintf("%s/.docker", home);
		free(home);
	}
	char *ca = xasprintf("%s/ca.pem", dir);
	int fd = open(ca, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		/* TRANSLATORS: the first %s is a file name, the second the system's reason. */
		*err = xasprintf(_("open %s: %s"), ca, strerror(e));
		free(ca);
		free(dir);
		return false;
	}
	close(fd);
	out->ca_file = ca;

	struct stat st;
	char *cert = xasprintf("%s/cert.pem", dir);
	if (stat(cert, &st) == 0)
		out->cert_file = cert;
	else
		free(cert);
	char *key = xasprintf("%s/key.pem", dir);
	if (stat(key, &st) == 0)
		out->key_file = key;
	else
		free(key);
	free(dir);
	return true;
}

static bool
parse_spec(const char *spec, bool tls, struct host *out, char **err)
{
	if (!*spec)
		spec = tls ? DEFAULT_TLS_HOST : HOST_DEFAULT;

	if (has_prefix(spec, "unix://"))
		return parse_unix(spec + strlen("unix://"), out, err);
	if (has_prefix(spec, "tcp://"))
		return parse_tcp(spec, spec + strlen("tcp://"), tls, out, err);
	if (has_prefix(spec, "ssh://"))
		return parse_ssh(spec + strlen("ssh://"), out, err);
	if (has_prefix(spec, "fd://")) {
		*err = xasprintf(_("%s: fd:// is for the daemon's socket activation; "
			"give a unix:// or tcp:// address"), spec);
		return false;
	}
	if (has_prefix(spec, "npipe://")) {
		*err = xasprintf(_("%s: npipe:// (Windows named pipes) is not supported"), spec);
		return false;
	}
	if (strstr(spec, "://")) {
		*err = xasprintf(_("invalid bind address format: %s (use tcp://host:port)"), spec);
		return false;
	}
	/* The CLI would take a bare path as tcp://localhost:2375/path; say what was meant. */
	if (spec[0] == '/') {
		*err = xasprintf(_("invalid bind address format: %s (did you mean unix://%s?)"),
			spec, spec);
		return false;
	}
	return parse_tcp(spec, spec, tls, out, err);
}

bool
host_parse(const char *spec, bool tls_verify, const char *cert_dir, struct host *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	char *trimmed = trim_spec(spec ? spec : "");
	bool ok = parse_spec(trimmed, tls_verify, out, err);
	free(trimmed);
	/* TLS is never set up for sockets (the CLI's isSocket), only for tcp://. */
	if (ok && out->tls && !setup_tls_files(cert_dir, out, err))
		ok = false;
	if (!ok)
		host_free(out);
	return ok;
}

static bool
file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

bool
host_parse_context(const char *spec, const char *tls_dir, bool skip_verify, struct host *out, char **err)
{
	if (!host_parse(spec, false, NULL, out, err))
		return false;
	if (out->kind != HOST_TCP)
		return true;
	char *files[3] = { NULL, NULL, NULL };
	static const char *const names[3] = { "ca.pem", "cert.pem", "key.pem" };
	bool any = false;
	for (int i = 0; i < 3 && tls_dir; i++) {
		files[i] = xasprintf("%s/%s", tls_dir, names[i]);
		if (!file_exists(files[i])) {
			free(files[i]);
			files[i] = NULL;
		} else {
			any = true;
		}
	}
	if (!any && !skip_verify)
		return true;
	out->tls = true;
	out->tls_verify = !skip_verify;
	out->ca_file = files[0];
	out->cert_file = files[1];
	out->key_file = files[2];
	/* the same address, over https */
	char *https = xasprintf("https%s", out->base_url + strlen("http"));
	free(out->base_url);
	out->base_url = https;
	return true;
}

void
host_free(struct host *h)
{
	if (!h)
		return;
	ssh_transport_free(h->ssh);
	free(h->ssh_user);
	free(h->ssh_host);
	free(h->ssh_port);
	free(h->ssh_path);
	free(h->ssh_identity);
	free(h->context);
	free(h->display);
	free(h->socket_path);
	free(h->base_url);
	free(h->ca_file);
	free(h->cert_file);
	free(h->key_file);
	memset(h, 0, sizeof(*h));
}

char *
host_label(const struct host *h)
{
	return sanitize(h->context ? h->context : h->display ? h->display : "");
}
