/* tests/rig/token-server.c: the token server of a registry with token auth (distribution's
 * `auth: token:`), for the rig (C11 + POSIX sockets + OpenSSL's libcrypto, one process, one
 * request per connection).
 *
 *   token-server PORT KEY CERT ISSUER USERS
 *
 * Listens on 127.0.0.1:PORT (0: any free port). KEY is the PEM RSA private key the tokens are
 * signed with (RS256), CERT its self-signed certificate (the registry's rootcertbundle; each
 * token carries it in the header's x5c). ISSUER is the "iss" claim the registry trusts. USERS is
 * a file of "user:password" lines (read once; a file, so that no password is in the process
 * list).
 *
 * The protocol is Docker's token authentication (docker/distribution docs/spec/auth/token.md and
 * oauth.md), as Docker Hub's auth.docker.io speaks it:
 *   GET /token?service=S&scope=SCOPE[&scope=…][&account=U][&offline_token=true&client_id=C]
 *       With "Authorization: Basic" of a known user and password: a token granting every
 *       action asked for in the scopes. With offline_token=true also a refresh token (docker's
 *       login asks for one; the docker CLI then saves it as "identitytoken"). With a wrong
 *       user or password: 401 {"details":"incorrect username or password"} (Hub's words).
 *       Without Authorization: an anonymous token granting nothing (the registry then says
 *       401 for any repository, as for a private one).
 *   POST /token (application/x-www-form-urlencoded), the OAuth2 grants:
 *       grant_type=refresh_token&refresh_token=R&service=S&scope=…   R from an earlier login
 *       grant_type=password&username=U&password=P&service=S&scope=…
 *       answer {"access_token":…,"expires_in":…,"issued_at":…[,"refresh_token":…]}; an unknown
 *       refresh token or a wrong password: 401 as above.
 * A known user asking for any scope on a repository under "forbidden/" gets 403
 * {"details":"access to the requested resource is not authorized"}, as a token server that
 * knows the account but not its right to that repository answers (GitLab's does).
 * The token: header {"alg":"RS256","typ":"JWT","x5c":[CERT]}, claims iss, sub (the user, "" for
 * anonymous), aud (the service), exp (+300 s), nbf, iat, jti and access [{type,name,actions}].
 *
 * stdout: the port, one line, flushed, before anything is accepted.
 * stderr: one line per request, flushed: "GET /token user=budu scope=repository:x:pull 200"
 * (never a password or a token).
 * SIGTERM and SIGINT end it (exit 0).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "loopback.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#define REQUEST_MAX 65536
#define USERS_MAX 16
#define REFRESH_MAX 256

static EVP_PKEY *key;
static char *cert_b64;		/* the certificate's DER, standard base64 */
static const char *issuer;
static struct { char *user, *password; } users[USERS_MAX];
static size_t nusers;
static struct { char token[65]; int user; } refresh[REFRESH_MAX];
static size_t nrefresh;


static _Noreturn void
die(const char *what)
{
	fprintf(stderr, "token-server: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* ---- growing strings --------------------------------------------------------- */

struct out {
	char *buf;
	size_t len, cap;
};

static void
out_add(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		o->buf = realloc(o->buf, o->cap);
		if (!o->buf)
			die("realloc");
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void
out_printf(struct out *o, const char *fmt, ...)
{
	char *tmp = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("vasprintf");
	out_add(o, tmp, (size_t)n);
	free(tmp);
}

/* s as a JSON string's contents (quotes and controls escaped) */
static void
out_json(struct out *o, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			out_printf(o, "\\%c", c);
		else if (c < 0x20)
			out_printf(o, "\\u%04x", c);
		else
			out_add(o, s, 1);
	}
}

/* ---- base64 ---------------------------------------------------------------------- */

static char *
b64(const unsigned char *p, size_t n, bool url)
{
	char *s = malloc(4 * ((n + 2) / 3) + 1);
	if (!s)
		die("malloc");
	int len = EVP_EncodeBlock((unsigned char *)s, p, (int)n);
	if (url) {
		while (len > 0 && s[len - 1] == '=')
			len--;
		s[len] = '\0';
		for (char *c = s; *c; c++)
			*c = *c == '+' ? '-' : *c == '/' ? '_' : *c;
	}
	return s;
}

/* standard base64 (with or without padding) decoded into a new string, NULL when invalid */
static char *
unb64(const char *s)
{
	size_t n = strcspn(s, "=");	/* the padding is made again here */
	char *in = malloc(n + 4), *out = malloc(n + 4);
	if (!in || !out)
		die("malloc");
	memcpy(in, s, n);
	size_t pad = (4 - n % 4) % 4;
	memset(in + n, '=', pad);
	int len = EVP_DecodeBlock((unsigned char *)out, (unsigned char *)in, (int)(n + pad));
	free(in);
	if (len < (int)pad) {
		free(out);
		return NULL;
	}
	/* EVP_DecodeBlock counts the padding as zero bytes */
	out[len - (int)pad] = '\0';
	return out;
}

/* ---- requests -------------------------------------------------------------------- */

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* a form's or query's value decoded in place ('+' a space, %XX) */
static void
unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '+') {
			*o++ = ' ';
		} else if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*o++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

#define PARAMS_MAX 32
struct params {
	char *name[PARAMS_MAX], *value[PARAMS_MAX];
	size_t n;
};

/* splits q (modified) into name=value pairs */
static void
parse_params(char *q, struct params *p)
{
	p->n = 0;
	for (char *save = NULL, *kv = strtok_r(q, "&", &save); kv && p->n < PARAMS_MAX;
	     kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		char *v = eq ? eq + 1 : kv + strlen(kv);
		if (eq)
			*eq = '\0';
		unescape(kv);
		unescape(v);
		p->name[p->n] = kv;
		p->value[p->n++] = v;
	}
}

static const char *
param(const struct params *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->name[i], name))
			return p->value[i];
	return NULL;
}

/* the index of the user with that password, -1 for none */
static int
check_user(const char *user, const char *password)
{
	for (size_t i = 0; i < nusers; i++)
		if (user && password && !strcmp(users[i].user, user) && !strcmp(users[i].password, password))
			return (int)i;
	return -1;
}

static void
respond(int fd, int status, const char *body)
{
	const char *reason = status == 200 ? "OK" : status == 401 ? "Unauthorized"
		: status == 400 ? "Bad Request" : status == 404 ? "Not Found" : "Error";
	struct out o = { 0 };
	out_printf(&o, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
		   "Connection: close\r\n\r\n", status, reason, strlen(body));
	out_add(&o, body, strlen(body));
	for (size_t off = 0; off < o.len;) {
		ssize_t w = send(fd, o.buf + off, o.len - off, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	free(o.buf);
}

/* "type:name:action,action" into the access array; a name holds ':' in "host:port/x" only for
 * the registry:catalog:* kind, so the last ':' ends the name */
static void
add_access(struct out *o, const char *scope, bool *first)
{
	const char *c1 = strchr(scope, ':'), *c2 = strrchr(scope, ':');
	if (!c1 || c2 == c1)
		return;
	char *type = strndup(scope, (size_t)(c1 - scope));
	char *name = strndup(c1 + 1, (size_t)(c2 - c1 - 1));
	char *actions = strdup(c2 + 1);
	if (!type || !name || !actions)
		die("strdup");
	out_printf(o, "%s{\"type\":\"", *first ? "" : ",");
	out_json(o, type);
	out_printf(o, "\",\"name\":\"");
	out_json(o, name);
	out_printf(o, "\",\"actions\":[");
	bool f = true;
	for (char *save = NULL, *a = strtok_r(actions, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
		out_printf(o, "%s\"", f ? "" : ",");
		out_json(o, a);
		out_printf(o, "\"");
		f = false;
	}
	out_printf(o, "]}");
	*first = false;
	free(type);
	free(name);
	free(actions);
}

/* the signed JWT for user (NULL: anonymous, no access) and the scopes in p */
static char *
make_token(const char *user, const struct params *p, const char *service)
{
	struct out hdr = { 0 }, cl = { 0 };
	out_printf(&hdr, "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"%s\"]}", cert_b64);
	unsigned char jti[12];
	RAND_bytes(jti, sizeof(jti));
	char *sjti = b64(jti, sizeof(jti), true);
	long now = (long)time(NULL);
	out_printf(&cl, "{\"iss\":\"");
	out_json(&cl, issuer);
	out_printf(&cl, "\",\"sub\":\"");
	out_json(&cl, user ? user : "");
	out_printf(&cl, "\",\"aud\":\"");
	out_json(&cl, service);
	out_printf(&cl, "\",\"exp\":%ld,\"nbf\":%ld,\"iat\":%ld,\"jti\":\"%s\",\"access\":[", now + 300,
		   now - 10, now, sjti);
	free(sjti);
	bool first = true;
	for (size_t i = 0; user && i < p->n; i++) {
		if (strcmp(p->name[i], "scope"))
			continue;
		/* several scopes may come space-separated in one parameter */
		char *s = strdup(p->value[i]);
		if (!s)
			die("strdup");
		for (char *save = NULL, *one = strtok_r(s, " ", &save); one; one = strtok_r(NULL, " ", &save))
			add_access(&cl, one, &first);
		free(s);
	}
	out_printf(&cl, "]}");
	char *h64 = b64((unsigned char *)hdr.buf, hdr.len, true);
	char *c64 = b64((unsigned char *)cl.buf, cl.len, true);
	free(hdr.buf);
	free(cl.buf);
	struct out signing = { 0 };
	out_printf(&signing, "%s.%s", h64, c64);
	free(h64);
	free(c64);

	EVP_MD_CTX *md = EVP_MD_CTX_new();
	size_t slen = 0;
	unsigned char *sig = NULL;
	if (!md || EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key) != 1 ||
	    EVP_DigestSign(md, NULL, &slen, (unsigned char *)signing.buf, signing.len) != 1 ||
	    !(sig = malloc(slen)) ||
	    EVP_DigestSign(md, sig, &slen, (unsigned char *)signing.buf, signing.len) != 1) {
		fprintf(stderr, "token-server: signing failed\n");
		exit(1);
	}
	EVP_MD_CTX_free(md);
	char *s64 = b64(sig, slen, true);
	free(sig);
	out_printf(&signing, ".%s", s64);
	free(s64);
	return signing.buf;
}

/* a new refresh token for user index u */
static const char *
new_refresh(int u)
{
	unsigned char r[32];
	RAND_bytes(r, sizeof(r));
	size_t i = nrefresh < REFRESH_MAX ? nrefresh++ : (size_t)(r[0] % REFRESH_MAX);
	for (int k = 0; k < 32; k++)
		snprintf(refresh[i].token + 2 * k, 3, "%02x", r[k]);
	refresh[i].user = u;
	return refresh[i].token;
}

static int
refresh_user(const char *t)
{
	for (size_t i = 0; t && i < nrefresh; i++)
		if (!strcmp(refresh[i].token, t))
			return refresh[i].user;
	return -1;
}

#define REFUSED "{\"details\":\"incorrect username or password\"}"

static void
serve(int fd)
{
	static char req[REQUEST_MAX + 1];
	size_t len = 0;
	char *body = NULL;
	size_t need = 0;
	while (len < REQUEST_MAX) {
		ssize_t r = recv(fd, req + len, REQUEST_MAX - len, 0);
		if (r < 0 && errno == EINTR && !stopping)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
		req[len] = '\0';
		if (!body && (body = strstr(req, "\r\n\r\n"))) {
			body += 4;
			char *cl = strcasestr(req, "\r\ncontent-length:");
			need = cl && cl < body ? (size_t)strtoul(cl + 17, NULL, 10) : 0;
		}
		if (body && (size_t)(req + len - body) >= need)
			break;
	}
	req[len] = '\0';
	if (!body) {
		fprintf(stderr, "incomplete request (%zu bytes)\n", len);
		return;
	}
	body[-2] = '\0';	/* ends the headers */
	char method[16], target[4096];
	if (sscanf(req, "%15s %4095s", method, target) != 2) {
		respond(fd, 400, "{\"details\":\"bad request\"}");
		return;
	}
	/* Basic credentials, if any */
	char *buser = NULL, *bpass = NULL, *decoded = NULL;
	char *auth = strcasestr(req, "\r\nauthorization:");
	if (auth) {
		auth += 16;
		auth += strspn(auth, " \t");
		if (!strncasecmp(auth, "basic ", 6)) {
			char *v = strndup(auth + 6, strcspn(auth + 6, "\r\n"));
			if (!v)
				die("strndup");
			decoded = unb64(v);
			free(v);
			char *colon = decoded ? strchr(decoded, ':') : NULL;
			if (colon) {
				*colon = '\0';
				buser = decoded;
				bpass = colon + 1;
			}
		}
	}
	char *qs = strchr(target, '?');
	if (qs)
		*qs++ = '\0';
	struct params p;
	bool post = !strcmp(method, "POST");
	parse_params(post ? body : qs ? qs : (char *)"", &p);
	const char *service = param(&p, "service");
	if (!service)
		service = "";
	char scopes[512] = "";
	for (size_t i = 0; i < p.n; i++)
		if (!strcmp(p.name[i], "scope") && strlen(scopes) + strlen(p.value[i]) + 2 < sizeof(scopes))
			snprintf(scopes + strlen(scopes), sizeof(scopes) - strlen(scopes), "%s%s",
				 *scopes ? " " : "", p.value[i]);

	int status = 200, u = -1;
	const char *why = "";
	bool anonymous = false, offline = false;
	if (strcmp(target, "/token")) {
		status = 404;
	} else if (post) {
		const char *grant = param(&p, "grant_type");
		if (grant && !strcmp(grant, "refresh_token")) {
			u = refresh_user(param(&p, "refresh_token"));
			why = "refresh_token";
		} else if (grant && !strcmp(grant, "password")) {
			u = check_user(param(&p, "username"), param(&p, "password"));
			why = "password";
			const char *at = param(&p, "access_type");
			offline = at && !strcmp(at, "offline");
		} else {
			status = 400;
		}
		if (status == 200 && u < 0)
			status = 401;
	} else if (!strcmp(method, "GET")) {
		if (auth) {
			u = check_user(buser, bpass);
			why = "basic";
			if (u < 0)
				status = 401;
			const char *ot = param(&p, "offline_token");
			offline = ot && !strcmp(ot, "true");
		} else {
			anonymous = true;
			why = "anonymous";
		}
	} else {
		status = 400;
	}

	if (status == 200 && u >= 0 && (strstr(scopes, "repository:forbidden/") == scopes ||
					 strstr(scopes, " repository:forbidden/")))
		status = 403;
	if (status == 200) {
		char *t = make_token(anonymous ? NULL : users[u].user, &p, service);
		struct out o = { 0 };
		char issued[32];
		time_t now = time(NULL);
		strftime(issued, sizeof(issued), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
		out_printf(&o, "{\"token\":\"%s\",\"access_token\":\"%s\",\"expires_in\":300,\"issued_at\":\"%s\"",
			   t, t, issued);
		if (offline && u >= 0)
			out_printf(&o, ",\"refresh_token\":\"%s\"", new_refresh(u));
		out_printf(&o, "}");
		respond(fd, 200, o.buf);
		free(o.buf);
		free(t);
	} else if (status == 401) {
		respond(fd, 401, REFUSED);
	} else if (status == 403) {
		respond(fd, 403, "{\"details\":\"access to the requested resource is not authorized\"}");
	} else if (status == 404) {
		respond(fd, 404, "{\"details\":\"not found\"}");
	} else {
		respond(fd, 400, "{\"details\":\"unsupported request\"}");
	}
	fprintf(stderr, "%s %s %s user=%s scope=%s%s %d\n", method, target, why,
		u >= 0 ? users[u].user : "-", scopes, offline && status == 200 ? " refresh" : "", status);
	free(decoded);
}

static void
load(const char *keyfile, const char *certfile, const char *usersfile)
{
	FILE *f = fopen(keyfile, "r");
	if (!f || !(key = PEM_read_PrivateKey(f, NULL, NULL, NULL)))
		die(keyfile);
	fclose(f);
	f = fopen(certfile, "r");
	X509 *x = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
	if (!x)
		die(certfile);
	fclose(f);
	unsigned char *der = NULL;
	int n = i2d_X509(x, &der);
	if (n <= 0)
		die("i2d_X509");
	cert_b64 = b64(der, (size_t)n, false);
	OPENSSL_free(der);
	X509_free(x);
	f = fopen(usersfile, "r");
	if (!f)
		die(usersfile);
	char line[1024];
	while (nusers < USERS_MAX && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		users[nusers].user = strdup(line);
		users[nusers].password = strdup(colon + 1);
		if (!users[nusers].user || !users[nusers].password)
			die("strdup");
		nusers++;
	}
	fclose(f);
}

int
main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: token-server PORT KEY CERT ISSUER USERS\n");
		return 2;
	}
	setvbuf(stderr, NULL, _IOLBF, 0);
	issuer = argv[4];
	load(argv[2], argv[3], argv[5]);

	unsigned port;
	int ls = loopback_listen(argv[1], &port);
	fprintf(stderr, "listen %u users %zu\n", port, nusers);

	loopback_run(ls, serve);
	return 0;
}
