#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "hijack.h"
#include "i18n.h"
#include "json.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xalloc.h"

#define HEADER_MAX 16384	/* the answer's status line and headers */
#define ANSWER_WAIT_MS 30000	/* for the answer to start (exec start waits for the process) */

struct hijack {
	CURL *curl;
	curl_socket_t fd;
	bool tls;
	long status;
	char *pre;		/* stream bytes that came with the headers */
	size_t npre, pre_off;
};

static int
wait_fd(curl_socket_t fd, short ev, int ms)
{
	struct pollfd p = { .fd = fd, .events = ev };
	int r;
	do
		r = poll(&p, 1, ms);
	while (r < 0 && errno == EINTR);
	return r;
}

static long
raw_recv(struct hijack *h, void *buf, size_t len)
{
	size_t n = 0;
	CURLcode rc = curl_easy_recv(h->curl, buf, len, &n);
	if (rc == CURLE_AGAIN)
		return -2;
	if (rc != CURLE_OK)
		return -1;
	return (long)n;
}

int
hijack_write(struct hijack *h, const void *buf, size_t len)
{
	const char *p = buf;
	while (len) {
		size_t n = 0;
		CURLcode rc = curl_easy_send(h->curl, p, len, &n);
		if (rc == CURLE_AGAIN) {
			if (wait_fd(h->fd, POLLOUT, 10000) <= 0)
				return -1;
			continue;
		}
		if (rc != CURLE_OK)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

long
hijack_read(struct hijack *h, void *buf, size_t len)
{
	if (h->pre_off < h->npre) {
		size_t n = h->npre - h->pre_off < len ? h->npre - h->pre_off : len;
		memcpy(buf, h->pre + h->pre_off, n);
		h->pre_off += n;
		return (long)n;
	}
	return raw_recv(h, buf, len);
}

int
hijack_fd(const struct hijack *h)
{
	return (int)h->fd;
}

long
hijack_status(const struct hijack *h)
{
	return h->status;
}

int
hijack_close_write(struct hijack *h)
{
	if (h->tls)
		return -1;
	return shutdown(h->fd, SHUT_WR);
}

void
hijack_close(struct hijack *h)
{
	if (!h)
		return;
	if (h->curl)
		curl_easy_cleanup(h->curl);
	free(h->pre);
	free(h);
}

/* The "/base" of a tcp://host:port/base address, and the Host header to send. */
static void
split_base(const struct host *host, char **prefix, char **hostname)
{
	const char *url = host->base_url;
	const char *s = strstr(url, "://");
	s = s ? s + 3 : url;
	size_t hn = strcspn(s, "/");
	*hostname = host->kind == HOST_UNIX ? xstrdup("docker") : xstrndup(s, hn);
	*prefix = xstrdup(s + hn);
	size_t pl = strlen(*prefix);
	if (pl && (*prefix)[pl - 1] == '/')
		(*prefix)[pl - 1] = '\0';
}

/* The words of an answer other than 101/200: {"message"} or the first line of plain text. */
static char *
answer_error(long status, const char *body)
{
	char *msg = NULL;
	cJSON *j = json_parse(body, body ? strlen(body) : 0);
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "message");
	if (cJSON_IsString(m) && m->valuestring[0])
		msg = sanitize(m->valuestring);
	cJSON_Delete(j);
	if (!msg) {
		const char *p = body + strspn(body, "\r\n");
		char *line = xstrndup(p, strcspn(p, "\r\n"));
		msg = *line ? sanitize(line) : xasprintf(_("the engine answered HTTP %ld"), status);
		free(line);
	}
	return msg;
}

/* Reads the rest of an error answer: up to Content-Length, or until the engine closes (attach
 * writes its error and closes), for at most 2 s. */
static void
read_error_body(struct hijack *h, struct strbuf *body, const char *headers)
{
	long want = -1;
	for (const char *p = headers; (p = strchr(p, '\n')); p++)
		if (strncasecmp(p + 1, "Content-Length:", 15) == 0)
			want = strtol(p + 16, NULL, 10);
	char buf[4096];
	while (body->len < 65536 && (want < 0 || (long)body->len < want)) {
		long r = raw_recv(h, buf, sizeof(buf));
		if (r == -2) {
			if (wait_fd(h->fd, POLLIN, 2000) <= 0)
				break;
			continue;
		}
		if (r <= 0)
			break;
		sb_append(body, buf, (size_t)r);
	}
}

struct hijack *
hijack_open(struct engine *e, const char *path, const char *body, char **err)
{
	*err = NULL;
	const struct host *host = engine_host(e);
	struct hijack *h = xcalloc(1, sizeof(*h));
	h->curl = curl_easy_init();
	h->tls = host->tls;
	if (!h->curl) {
		free(h);
		*err = xstrdup(_("out of memory"));
		return NULL;
	}
	CURL *c = h->curl;
	char *prefix, *hostname;
	split_base(host, &prefix, &hostname);
	char *url = xasprintf("%s/", host->base_url);
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (host->kind != HOST_TCP && host->socket_path)	/* unix://, and ssh:// through its transport */
		curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, host->socket_path);
	if (host->tls) {
		if (host->ca_file)
			curl_easy_setopt(c, CURLOPT_CAINFO, host->ca_file);
		if (host->cert_file)
			curl_easy_setopt(c, CURLOPT_SSLCERT, host->cert_file);
		if (host->key_file)
			curl_easy_setopt(c, CURLOPT_SSLKEY, host->key_file);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, host->tls_verify ? 1L : 0L);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, host->tls_verify ? 2L : 0L);
	}
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
	CURLcode rc = curl_easy_perform(c);
	free(url);
	if (rc != CURLE_OK) {
		*err = xasprintf(_("Cannot connect to the Docker engine at %s: %s"), host->display,
				 curl_easy_strerror(rc));
		goto fail;
	}
	curl_easy_getinfo(c, CURLINFO_ACTIVESOCKET, &h->fd);

	char *vpath = engine_versioned_path(e, path);
	struct strbuf req = STRBUF_INIT;
	sb_printf(&req, "POST %s%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: budu\r\nConnection: Upgrade\r\n"
		  "Upgrade: tcp\r\n", prefix, vpath, hostname);
	if (body)
		sb_printf(&req, "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
			  strlen(body), body);
	else
		sb_puts(&req, "Content-Length: 0\r\n\r\n");
	free(vpath);
	int sent = hijack_write(h, req.buf, req.len);
	sb_free(&req);
	if (sent < 0) {
		*err = xasprintf(_("Lost the connection to the Docker engine at %s: %s"), host->display,
				 _("the request could not be sent"));
		goto fail;
	}

	/* The answer's head, up to the blank line; stream bytes may follow in the same read. */
	struct strbuf head = STRBUF_INIT;
	char buf[4096];
	const char *eoh = NULL;
	while (!eoh) {
		long r = raw_recv(h, buf, sizeof(buf));
		if (r == -2) {
			if (wait_fd(h->fd, POLLIN, ANSWER_WAIT_MS) <= 0) {
				r = -1;
			} else {
				continue;
			}
		}
		if (r <= 0 || head.len + (size_t)r > HEADER_MAX) {
			sb_free(&head);
			*err = xasprintf(_("Lost the connection to the Docker engine at %s: %s"),
					 host->display, _("no answer to the upgrade"));
			goto fail;
		}
		sb_append(&head, buf, (size_t)r);
		eoh = strstr(head.buf, "\r\n\r\n");
	}
	h->status = strncmp(head.buf, "HTTP/1.", 7) == 0 ? strtol(head.buf + 9, NULL, 10) : 0;
	size_t off = (size_t)(eoh + 4 - head.buf);
	if (h->status != 101 && h->status != 200) {
		struct strbuf ebody = STRBUF_INIT;
		sb_append(&ebody, head.buf + off, head.len - off);
		head.buf[off] = '\0';
		read_error_body(h, &ebody, head.buf);
		*err = answer_error(h->status, ebody.buf ? ebody.buf : "");
		sb_free(&ebody);
		sb_free(&head);
		goto fail;
	}
	h->npre = head.len - off;
	h->pre = xmalloc(h->npre + 1);
	memcpy(h->pre, head.buf + off, h->npre);
	sb_free(&head);
	free(prefix);
	free(hostname);
	return h;
fail:
	free(prefix);
	free(hostname);
	hijack_close(h);
	return NULL;
}

static cJSON *
strings(const char *const *v, size_t n)
{
	if (!v || n == 0)
		return cJSON_CreateNull();
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

char *
hijack_exec_body(const struct exec_config *cfg)
{
	/* The fields `docker exec -it` sends (§5.1). */
	cJSON *b = cJSON_CreateObject();
	cJSON_AddStringToObject(b, "User", cfg->user ? cfg->user : "");
	cJSON_AddBoolToObject(b, "Privileged", false);
	cJSON_AddBoolToObject(b, "Tty", cfg->tty);
	cJSON_AddBoolToObject(b, "AttachStdin", cfg->attach_stdin);
	cJSON_AddBoolToObject(b, "AttachStderr", cfg->attach_stderr);
	cJSON_AddBoolToObject(b, "AttachStdout", cfg->attach_stdout);
	cJSON_AddBoolToObject(b, "Detach", false);
	cJSON_AddStringToObject(b, "DetachKeys", cfg->detach_keys ? cfg->detach_keys : "");
	cJSON_AddItemToObject(b, "Env", strings(cfg->env, cfg->nenv));
	cJSON_AddStringToObject(b, "WorkingDir", cfg->workdir ? cfg->workdir : "");
	cJSON_AddItemToObject(b, "Cmd", strings(cfg->cmd, cfg->ncmd));
	char *s = cJSON_PrintUnformatted(b);
	cJSON_Delete(b);
	char *out = xstrdup(s);
	cJSON_free(s);
	return out;
}

/* One REST call whose success is any 2xx; the JSON answer in *doc when doc is not NULL. */
static bool
call(struct engine *e, const char *method, const char *path, const char *body, cJSON **doc,
     char **err)
{
	struct engine_response r = engine_request(e, method, path, body, NULL);
	bool ok = r.status == ENGINE_OK && r.http_status >= 200 && r.http_status < 300;
	if (!ok)
		*err = xstrdup(r.error ? r.error : _("the engine's answer was not understood"));
	if (ok && doc) {
		*doc = json_parse_whole(r.body, r.len);
		if (!cJSON_IsObject(*doc)) {
			cJSON_Delete(*doc);
			*doc = NULL;
			*err = xstrdup(_("the engine's answer was not understood"));
			ok = false;
		}
	}
	engine_response_free(&r);
	return ok;
}

bool
hijack_exec_create(struct engine *e, const char *container, const struct exec_config *cfg,
		   char **exec_id, char **err)
{
	*exec_id = NULL;
	*err = NULL;
	if (!cfg->cmd || cfg->ncmd == 0) {
		*err = xstrdup(_("no command to run"));
		return false;
	}
	char *id = engine_escape(container);
	char *path = xasprintf("/containers/%s/exec", id);
	char *body = hijack_exec_body(cfg);
	cJSON *doc = NULL;
	bool ok = call(e, "POST", path, body, &doc, err);
	if (ok) {
		const char *s = json_raw_string(doc, "Id");
		if (*s && strspn(s, "0123456789abcdef") == strlen(s)) {
			*exec_id = xstrdup(s);
		} else {
			*err = xstrdup(_("the engine's answer was not understood"));
			ok = false;
		}
	}
	cJSON_Delete(doc);
	free(body);
	free(path);
	free(id);
	return ok;
}

struct hijack *
hijack_exec_start(struct engine *e, const char *exec_id, bool tty, char **err)
{
	char *id = engine_escape(exec_id);
	char *path = xasprintf("/exec/%s/start", id);
	struct hijack *h = hijack_open(e, path, tty ? "{\"Detach\":false,\"Tty\":true}"
						   : "{\"Detach\":false,\"Tty\":false}", err);
	free(path);
	free(id);
	return h;
}

bool
hijack_exec_inspect(struct engine *e, const char *exec_id, bool *running, int *exit_code, char **err)
{
	*err = NULL;
	*running = false;
	*exit_code = -1;
	char *id = engine_escape(exec_id);
	char *path = xasprintf("/exec/%s/json", id);
	cJSON *doc = NULL;
	bool ok = call(e, "GET", path, NULL, &doc, err);
	if (ok) {
		*running = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "Running"));
		const cJSON *code = cJSON_GetObjectItemCaseSensitive(doc, "ExitCode");
		if (cJSON_IsNumber(code))
			*exit_code = (int)json_int64(doc, "ExitCode");
	}
	cJSON_Delete(doc);
	free(path);
	free(id);
	return ok;
}

static bool
resize(struct engine *e, const char *what, const char *id, int rows, int cols, char **err)
{
	*err = NULL;
	char *eid = engine_escape(id);
	char *path = xasprintf("/%s/%s/resize?h=%d&w=%d", what, eid, rows, cols);
	bool ok = call(e, "POST", path, NULL, NULL, err);
	free(path);
	free(eid);
	return ok;
}

bool
hijack_exec_resize(struct engine *e, const char *exec_id, int rows, int cols, char **err)
{
	return resize(e, "exec", exec_id, rows, cols, err);
}

bool
hijack_container_resize(struct engine *e, const char *container, int rows, int cols, char **err)
{
	return resize(e, "containers", container, rows, cols, err);
}

char *
hijack_attach_path(const char *container, bool with_stdin, const char *detach_keys)
{
	char *id = engine_escape(container);
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "/containers/%s/attach?stream=1&stdin=%d&stdout=1&stderr=1", id, with_stdin ? 1 : 0);
	if (detach_keys && *detach_keys) {
		char *k = engine_escape(detach_keys);
		sb_printf(&sb, "&detachKeys=%s", k);
		free(k);
	}
	free(id);
	return sb_detach(&sb);
}

struct hijack *
hijack_attach(struct engine *e, const char *container, bool with_stdin, const char *detach_keys,
	      char **err)
{
	char *path = hijack_attach_path(container, with_stdin, detach_keys);
	struct hijack *h = hijack_open(e, path, NULL, err);
	free(path);
	return h;
}
