/* docker build with the classic builder: form, query, registry config, run, log (see build.h). */
#include "config.h"

#include "build.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dockerignore.h"
#include "i18n.h"
#include "json.h"
#include "reference.h"
#include "registry_auth.h"
#include "registry_creds.h"
#include "sanitize.h"
#include "strv.h"
#include "xalloc.h"

/* ---- JSON and the query ---------------------------------------------------------------------- */

/* s as a JSON string, the way Go's encoding/json writes it (<, > and & escaped too). */
static void
json_quote(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	sb_putc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if (c == '"' || c == '\\') {
			sb_putc(sb, '\\');
			sb_putc(sb, (char)c);
		} else if (c == '\n') {
			sb_puts(sb, "\\n");
		} else if (c == '\r') {
			sb_puts(sb, "\\r");
		} else if (c == '\t') {
			sb_puts(sb, "\\t");
		} else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
			char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
			sb_puts(sb, u);
		} else {
			sb_putc(sb, (char)c);
		}
	}
	sb_putc(sb, '"');
}

struct kv {
	char *key;
	const char *value;	/* NULL: null */
	char *owned;
};

static int
cmp_kv(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

char *
build_args_json(const char *const *args, size_t n, char **err)
{
	struct kv *v = xcalloc(n ? n : 1, sizeof(*v));
	size_t nv = 0;
	char *out = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *a = args[i];
		const char *eq = strchr(a, '=');
		size_t klen = eq ? (size_t)(eq - a) : strlen(a);
		if (klen == 0) {
			char *safe = sanitize(a);
			*err = xasprintf(_("invalid argument \"%s\" for \"--build-arg\" flag: invalid environment variable: %s"),
					 safe, safe);
			free(safe);
			goto done;
		}
		struct kv kv = { .key = xstrndup(a, klen) };
		if (eq) {
			kv.value = eq + 1;
		} else {
			/* opts.ValidateEnv: a bare name takes the variable's value when it is set */
			const char *env = getenv(kv.key);
			if (env)
				kv.value = kv.owned = xstrdup(env);
		}
		/* the last of a key wins, as in the CLI's map */
		size_t k;
		for (k = 0; k < nv; k++)
			if (strcmp(v[k].key, kv.key) == 0)
				break;
		if (k < nv) {
			free(v[k].key);
			free(v[k].owned);
		} else {
			nv++;
		}
		v[k] = kv;
	}
	qsort(v, nv, sizeof(*v), cmp_kv);
	struct strbuf sb = STRBUF_INIT;
	sb_putc(&sb, '{');
	for (size_t i = 0; i < nv; i++) {
		if (i)
			sb_putc(&sb, ',');
		json_quote(&sb, v[i].key);
		sb_putc(&sb, ':');
		if (v[i].value)
			json_quote(&sb, v[i].value);
		else
			sb_puts(&sb, "null");
	}
	sb_putc(&sb, '}');
	out = sb_detach(&sb);
done:
	for (size_t i = 0; i < nv; i++) {
		free(v[i].key);
		free(v[i].owned);
	}
	free(v);
	return out;
}

static bool
check_tag(const char *tag, char **err)
{
	struct reference ref;
	enum ref_error e = reference_parse(tag, &ref);
	char *safe = sanitize(tag);
	bool ok = e == REF_OK;
	if (!ok) {
		*err = xasprintf(_("invalid argument \"%s\" for \"-t, --tag\" flag: %s"), safe,
				 reference_strerror(e));
	} else {
		if (ref.digest) {
			*err = xasprintf(_("invalid argument \"%s\" for \"-t, --tag\" flag: %s"), safe,
					 _("build tag cannot contain a digest"));
			ok = false;
		}
		reference_free(&ref);
	}
	free(safe);
	return ok;
}

static void
query_param(struct strbuf *sb, const char *key, const char *value)
{
	char *v = engine_escape(value);
	sb_printf(sb, "%c%s=%s", sb->len == 0 || !strchr(sb->buf, '?') ? '?' : '&', key, v);
	free(v);
}

char *
build_query(const struct build_form *f, const char *dockerfile, char **err)
{
	for (size_t i = 0; i < f->ntags; i++)
		if (!check_tag(f->tags[i], err))
			return NULL;
	char *args = build_args_json(f->build_args, f->nargs, err);
	if (!args)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "/build");
	/* url.Values.Encode's order: by key */
	query_param(&sb, "buildargs", args);
	query_param(&sb, "dockerfile", dockerfile);
	if (f->no_cache)
		query_param(&sb, "nocache", "1");
	if (f->pull)
		query_param(&sb, "pull", "1");
	query_param(&sb, "rm", "1");
	for (size_t i = 0; i < f->ntags; i++)
		query_param(&sb, "t", f->tags[i]);
	if (f->target && *f->target)
		query_param(&sb, "target", f->target);
	query_param(&sb, "version", "1");
	free(args);
	return sb_detach(&sb);
}

char *
build_random_dockerfile_name(void)
{
	unsigned char r[10];
	size_t got = 0;
	while (got < sizeof(r)) {
		ssize_t n = getrandom(r + got, sizeof(r) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	for (; got < sizeof(r); got++)	/* no getrandom: still a name that is unlikely to clash */
		r[got] = (unsigned char)(rand() ^ (int)getpid());
	char hex[21];
	for (size_t i = 0; i < sizeof(r); i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	return xasprintf(".dockerfile.%s", hex);
}

/* ---- X-Registry-Config ----------------------------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *
build_registry_config(const char *dir)
{
	struct registry_login *logins = NULL;
	size_t n = 0;
	char *err = NULL;
	if (!registry_auth_list(dir, &logins, &n, &err))
		n = 0;
	free(err);
	char **servers = xcalloc(n ? n : 1, sizeof(*servers));
	for (size_t i = 0; i < n; i++)
		servers[i] = xstrdup(logins[i].server);
	if (logins)
		registry_logins_free(logins, n);
	qsort(servers, n, sizeof(*servers), cmp_str);
	/* {"server":{"username":…,"password":…,"serveraddress":server}, …}: Go's AuthConfig with
	 * omitempty, the map's keys sorted */
	struct strbuf sb = STRBUF_INIT;
	sb_putc(&sb, '{');
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(servers[i], servers[i - 1]) == 0)
			continue;
		struct registry_creds c;
		err = NULL;
		if (registry_auth_lookup(dir, servers[i], &c, &err) != CREDS_FOUND) {
			free(err);
			continue;
		}
		if (!first)
			sb_putc(&sb, ',');
		first = false;
		json_quote(&sb, servers[i]);
		sb_puts(&sb, ":{");
		bool any = false;
		if (c.username && *c.username) {
			sb_puts(&sb, "\"username\":");
			json_quote(&sb, c.username);
			any = true;
		}
		if (c.secret && *c.secret && !c.identity_token) {
			sb_puts(&sb, any ? ",\"password\":" : "\"password\":");
			json_quote(&sb, c.secret);
			any = true;
		}
		sb_puts(&sb, any ? ",\"serveraddress\":" : "\"serveraddress\":");
		json_quote(&sb, servers[i]);
		if (c.secret && *c.secret && c.identity_token) {
			sb_puts(&sb, ",\"identitytoken\":");
			json_quote(&sb, c.secret);
		}
		sb_putc(&sb, '}');
		registry_creds_free(&c);
	}
	sb_putc(&sb, '}');
	strv_free(servers, n);
	char *b64 = base64_encode(sb.buf, sb.len, true);
	secret_clear(sb.buf, sb.len);
	sb_free(&sb);
	char *line = xasprintf("X-Registry-Config: %s", b64);
	secret_free(b64);
	return line;
}

/* ---- prepare and run ------------------------------------------------------------------------- */

struct build_job {
	char *context_dir;
	char *dockerfile;	/* its name in the tar */
	char *path;		/* the query */
	struct dockerignore ign;
	char *ignore_text;
	size_t ignore_len;
	char *extra_data;	/* a Dockerfile from outside the context */
	size_t extra_len;
	struct build_context *bc;
	char *context_error;
	bool ran;
};

/* The whole of a small file; NULL with errno. */
static char *
read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			sb_free(&sb);
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		sb_append(&sb, buf, (size_t)n);
	}
	close(fd);
	*len = sb.len;
	if (!sb.buf)
		return xstrdup("");
	return sb_detach(&sb);
}

static char *
errwords(const char *fmt, const char *path, int err)
{
	char *safe = sanitize(path);
	char *s = xasprintf(fmt, safe, strerror(err));
	free(safe);
	return s;
}

/* The Dockerfile as GetContextFromLocalDir finds it: absolute, symlinks resolved. */
static char *
resolve_dockerfile(const char *ctx, const char *given, char **err)
{
	char *want;
	if (!given || !*given) {
		want = xasprintf("%s/Dockerfile", ctx);
		struct stat st;
		if (lstat(want, &st) != 0 && errno == ENOENT) {
			char *alt = xasprintf("%s/dockerfile", ctx);
			if (lstat(alt, &st) == 0) {
				free(want);
				want = alt;
			} else {
				free(alt);
			}
		}
	} else {
		want = xstrdup(given);
	}
	char *real = realpath(want, NULL);
	if (!real) {
		*err = errwords(_("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat %s: %s"),
				want, errno);
		free(want);
		return NULL;
	}
	free(want);
	return real;
}

struct build_job *
build_prepare(const struct build_form *f, char **err)
{
	if (!f->context || !*f->context) {
		*err = xstrdup(_("unable to prepare context: path \"\" not found"));
		return NULL;
	}
	struct stat st;
	if (stat(f->context, &st) != 0) {
		char *safe = sanitize(f->context);
		*err = xasprintf(_("unable to prepare context: path \"%s\" not found"), safe);
		free(safe);
		return NULL;
	}
	char *ctx = realpath(f->context, NULL);
	if (!ctx) {
		*err = errwords(_("unable to prepare context: unable to evaluate symlinks in context path: %s: %s"),
				f->context, errno);
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		char *safe = sanitize(ctx);
		*err = xasprintf(_("unable to prepare context: context must be a directory: %s"), safe);
		free(safe);
		free(ctx);
		return NULL;
	}
	char *df = resolve_dockerfile(ctx, f->dockerfile, err);
	if (!df) {
		free(ctx);
		return NULL;
	}
	struct build_job *j = xcalloc(1, sizeof(*j));
	j->context_dir = ctx;
	size_t cl = strlen(ctx);
	bool inside = strcmp(ctx, "/") == 0 ? df[0] == '/' && df[1] != '\0'
					    : strncmp(df, ctx, cl) == 0 && df[cl] == '/';
	if (inside) {
		j->dockerfile = xstrdup(df + (strcmp(ctx, "/") == 0 ? 1 : cl + 1));
	} else {
		/* outside the context: the CLI sends its text under a random name */
		j->extra_data = read_file(df, &j->extra_len);
		if (!j->extra_data) {
			*err = errwords(_("unable to open Dockerfile: open %s: %s"), df, errno);
			goto fail;
		}
		j->dockerfile = build_random_dockerfile_name();
	}

	char *ipath = xasprintf("%s/.dockerignore", ctx);
	j->ignore_text = read_file(ipath, &j->ignore_len);
	if (!j->ignore_text && errno != ENOENT) {
		*err = errwords(_("open %s: %s"), ipath, errno);
		free(ipath);
		goto fail;
	}
	free(ipath);
	if (j->ignore_text) {
		char **lines;
		size_t n;
		if (!dockerignore_read(j->ignore_text, j->ignore_len, &lines, &n, err))
			goto fail;
		bool ok = dockerignore_compile(&j->ign, lines, n, err);
		strv_free(lines, n);
		if (!ok) {
			char *e = *err;
			*err = xasprintf(_("error checking context: %s"), e);
			free(e);
			goto fail;
		}
	}
	dockerignore_keep_build_files(&j->ign, inside ? j->dockerfile : NULL);

	j->path = build_query(f, j->dockerfile, err);
	if (!j->path)
		goto fail;

	struct build_context_opts o = {
		.root = ctx,
		.ignore = &j->ign,
		.extra_name = inside ? NULL : j->dockerfile,
		.extra_data = j->extra_data,
		.extra_len = j->extra_len,
		.ignore_text = j->ignore_text,
		.ignore_len = j->ignore_len,
	};
	j->bc = build_context_new(&o, err);
	if (!j->bc)
		goto fail;
	free(df);
	return j;
fail:
	free(df);
	build_job_free(j);
	return NULL;
}

void
build_job_free(struct build_job *j)
{
	if (!j)
		return;
	build_context_free(j->bc);
	dockerignore_free(&j->ign);
	free(j->context_dir);
	free(j->dockerfile);
	free(j->path);
	free(j->ignore_text);
	free(j->extra_data);
	free(j->context_error);
	free(j);
}

const char *
build_job_context_dir(const struct build_job *j)
{
	return j->context_dir;
}

const char *
build_job_dockerfile(const struct build_job *j)
{
	return j->dockerfile;
}

const char *
build_job_path(const struct build_job *j)
{
	return j->path;
}

void
build_job_stats(const struct build_job *j, struct build_context_stats *out)
{
	build_context_stats(j->bc, out);
}

const char *
build_job_context_error(const struct build_job *j)
{
	const char *e = build_context_error(j->bc);
	return e;
}

long
build_job_read(char *buf, size_t size, void *job)
{
	struct build_job *j = job;
	j->ran = true;
	return build_context_read(buf, size, j->bc);
}

struct engine_response
build_run(struct build_job *j, struct engine *e, const char *dir, engine_line_fn on_line, void *ctx,
	  struct cancel *c)
{
	if (j->ran) {
		struct engine_response r = { .status = ENGINE_BAD_ANSWER, .body = xstrdup(""),
					     .error = xstrdup(_("this build has run already")) };
		return r;
	}
	j->ran = true;
	char *config = build_registry_config(dir);
	struct engine_upload up = {
		.body = build_context_read,
		.body_ctx = j->bc,
		.content_type = "application/x-tar",
		.secret_header = config,
	};
	struct engine_response r = engine_upload(e, j->path, &up, on_line, ctx, c);
	secret_free(config);
	const char *cerr = build_context_error(j->bc);
	if (cerr) {
		free(r.error);
		r.error = xstrdup(cerr);
		r.status = ENGINE_CANCELLED;
	}
	return r;
}

/* ---- the log --------------------------------------------------------------------------------- */

void
build_log_init(struct build_log *l)
{
	memset(l, 0, sizeof(*l));
	l->max = BUILD_LOG_MAX;
	l->partial = (struct strbuf)STRBUF_INIT;
}

void
build_log_set_max(struct build_log *l, size_t max)
{
	if (!l->ring && max > 0)
		l->max = max;
}

void
build_log_free(struct build_log *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->ring[(l->start + i) % l->max].text);
	free(l->ring);
	free(l->step_text);
	free(l->container);
	free(l->image_id);
	strv_free(l->tags, l->ntags);
	free(l->error);
	free(l->failed_step_text);
	sb_free(&l->partial);
	free(l->status_id);
	memset(l, 0, sizeof(*l));
}

const struct build_line *
build_log_line(const struct build_log *l, size_t i)
{
	if (i >= l->n)
		return NULL;
	return &l->ring[(l->start + i) % l->max];
}

/* Takes text (already sanitized). */
static void
add_line(struct build_log *l, enum build_line_kind kind, char *text)
{
	if (!l->ring)
		l->ring = xcalloc(l->max, sizeof(*l->ring));
	if (l->n == l->max) {
		free(l->ring[l->start].text);
		l->start = (l->start + 1) % l->max;
		l->n--;
		l->dropped++;
	}
	struct build_line *bl = &l->ring[(l->start + l->n) % l->max];
	bl->kind = kind;
	bl->step = l->step;
	bl->text = text;
	l->n++;
	free(l->status_id);
	l->status_id = NULL;
}

static struct build_line *
last_line(struct build_log *l)
{
	return l->n ? &l->ring[(l->start + l->n - 1) % l->max] : NULL;
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool
is_hex_id(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	return n >= 12 && s[n] == '\0';
}

/* A whole line of the stream's text: what kind it is, and what it tells. */
static void
finish_line(struct build_log *l)
{
	if (l->partial_cut)
		sb_puts(&l->partial, "…");
	const char *raw = l->partial.buf ? l->partial.buf : "";
	char *text = sanitize(raw);
	/* stderr: some of it came in the engine's red (an empty line: the red was on) */
	l->partial_err |= l->partial.len == 0 && l->in_err;
	enum build_line_kind kind = l->partial_err ? BUILD_LINE_STDERR : BUILD_LINE_OUTPUT;
	int n, m;
	const char *colon;
	if (!l->partial_err && starts(text, "Step ") && sscanf(text, "Step %d/%d", &n, &m) == 2 &&
	    (colon = strstr(text, " : ")) != NULL) {
		kind = BUILD_LINE_STEP;
		l->step = n;
		l->steps = m;
		free(l->step_text);
		l->step_text = xstrdup(colon + 3);
		free(l->container);
		l->container = NULL;
	} else if (!l->partial_err && starts(text, " ---> Running in ")) {
		kind = BUILD_LINE_RUNNING;
		free(l->container);
		l->container = xstrdup(text + strlen(" ---> Running in "));
	} else if (!l->partial_err && strcmp(text, " ---> Using cache") == 0) {
		kind = BUILD_LINE_CACHE;
		l->cache_hits++;
	} else if (!l->partial_err && starts(text, " ---> ") && is_hex_id(text + 6)) {
		kind = BUILD_LINE_RESULT;
	} else if (!l->partial_err && starts(text, "Removing intermediate container ")) {
		kind = BUILD_LINE_REMOVE;
		free(l->container);
		l->container = NULL;
	} else if (!l->partial_err && starts(text, "Successfully built ")) {
		kind = BUILD_LINE_SUCCESS;
		if (!l->image_id)
			l->image_id = xstrdup(text + strlen("Successfully built "));
	} else if (!l->partial_err && starts(text, "Successfully tagged ")) {
		kind = BUILD_LINE_SUCCESS;
		l->tags = xrealloc(l->tags, (l->ntags + 1) * sizeof(*l->tags));
		l->tags[l->ntags++] = xstrdup(text + strlen("Successfully tagged "));
	} else if (!l->partial_err && (starts(text, "[Warning] ") || starts(text, " ---> [Warning] "))) {
		kind = BUILD_LINE_WARNING;
	}
	add_line(l, kind, text);
	sb_reset(&l->partial);
	l->partial_cut = false;
	l->partial_err = false;
}

static void
put_char(struct build_log *l, char c)
{
	if (l->pending_cr) {
		/* a carriage return: what follows overwrites the line, as on a terminal */
		l->pending_cr = false;
		sb_reset(&l->partial);
		l->partial_cut = false;
		l->partial_err = false;
	}
	if (l->partial_cut)
		return;	/* the rest of a line that was cut */
	if (l->in_err)
		l->partial_err = true;
	if (c == '\t') {
		size_t pad = 8 - l->partial.len % 8;
		for (size_t i = 0; i < pad; i++)
			put_char(l, ' ');
		return;
	}
	if (l->partial.len >= BUILD_LINE_MAX) {
		l->partial_cut = true;
		return;
	}
	/* the cut never splits a UTF-8 sequence: its bytes are all dropped */
	if (l->partial.len + 4 > BUILD_LINE_MAX && (unsigned char)c >= 0xc0) {
		l->partial_cut = true;
		return;
	}
	sb_putc(&l->partial, c);
}

enum { ESC_NONE, ESC_START, ESC_CSI, ESC_OSC, ESC_OSC_ESC, ESC_OTHER };

/* A CSI sequence ended (params in esc_buf, final byte f): SGR 91 starts the engine's stderr
 * colour, 0 (or none) ends it. */
static void
csi_done(struct build_log *l, char f)
{
	if (f != 'm')
		return;
	l->esc_buf[l->esc_len] = '\0';
	if (l->esc_len == 0 || strcmp(l->esc_buf, "0") == 0)
		l->in_err = false;
	else if (strcmp(l->esc_buf, "91") == 0)
		l->in_err = true;
}

static void
feed_text(struct build_log *l, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		switch (l->esc) {
		case ESC_START:
			if (c == '[') {
				l->esc = ESC_CSI;
				l->esc_len = 0;
			} else if (c == ']') {
				l->esc = ESC_OSC;
			} else if (c >= 0x20 && c <= 0x2f) {
				l->esc = ESC_OTHER;	/* intermediate bytes, then one final */
			} else {
				l->esc = ESC_NONE;
			}
			continue;
		case ESC_CSI:
			if (c >= 0x40 && c <= 0x7e) {
				csi_done(l, c);
				l->esc = ESC_NONE;
			} else if (l->esc_len + 1 < sizeof(l->esc_buf)) {
				l->esc_buf[l->esc_len++] = c;
			}
			continue;
		case ESC_OSC:
			if (c == '\a')
				l->esc = ESC_NONE;
			else if (c == '\x1b')
				l->esc = ESC_OSC_ESC;
			else if (c == '\n')
				break;	/* a broken one: do not eat the rest of the log */
			continue;
		case ESC_OSC_ESC:
			l->esc = c == '\\' ? ESC_NONE : ESC_OSC;
			continue;
		case ESC_OTHER:
			if (c >= 0x30 && c <= 0x7e)
				l->esc = ESC_NONE;
			continue;
		default:
			break;
		}
		l->esc = ESC_NONE;
		if (c == '\x1b') {
			l->esc = ESC_START;
		} else if (c == '\n') {
			l->pending_cr = false;
			finish_line(l);
		} else if (c == '\r') {
			l->pending_cr = true;
		} else {
			put_char(l, c);
		}
	}
}

static void
flush_partial(struct build_log *l)
{
	if (l->partial.len > 0 || l->partial_cut)
		finish_line(l);
	l->pending_cr = false;
}

static void
set_failure(struct build_log *l, char *msg, long code)
{
	flush_partial(l);
	l->failed = true;
	l->done = false;
	free(l->error);
	l->error = msg;
	l->error_code = code;
	l->failed_step = l->step;
	free(l->failed_step_text);
	l->failed_step_text = l->step_text ? xstrdup(l->step_text) : NULL;
	add_line(l, BUILD_LINE_ERROR, xstrdup(msg));
}

/* "1f9f8a4a3947: Downloading  1.2MB/2.3MB": a pull of FROM's image, as docker draws it without
 * a terminal; a layer's later status replaces its line while that line is the last. */
static void
status_line(struct build_log *l, const cJSON *j)
{
	const char *status = json_raw_string(j, "status");
	const char *id = json_raw_string(j, "id");
	const char *progress = json_raw_string(j, "progress");
	struct strbuf sb = STRBUF_INIT;
	if (*id)
		sb_printf(&sb, "%s: ", id);
	sb_puts(&sb, status);
	if (*progress)
		sb_printf(&sb, " %s", progress);
	if (sb.len > BUILD_LINE_MAX)
		sb.buf[BUILD_LINE_MAX] = '\0';
	char *text = sanitize(sb.buf ? sb.buf : "");
	sb_free(&sb);
	struct build_line *last = last_line(l);
	if (*id && l->status_id && strcmp(l->status_id, id) == 0 && last && last->kind == BUILD_LINE_STATUS) {
		free(last->text);
		last->text = text;
		return;
	}
	flush_partial(l);
	add_line(l, BUILD_LINE_STATUS, text);
	if (*id)
		l->status_id = xstrndup(id, strnlen(id, 256));
}

bool
build_log_feed(struct build_log *l, const char *line, size_t len)
{
	while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\n'))
		len--;
	if (len == 0)
		return true;
	cJSON *j = json_parse_whole(line, len);
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		flush_partial(l);
		char *raw = xstrndup(line, len > BUILD_LINE_MAX ? BUILD_LINE_MAX : len);
		add_line(l, BUILD_LINE_OUTPUT, sanitize(raw));
		free(raw);
		return true;
	}
	bool ok = true;
	const char *failure = json_stream_error(j);
	const cJSON *stream = cJSON_GetObjectItemCaseSensitive(j, "stream");
	const cJSON *aux = cJSON_GetObjectItemCaseSensitive(j, "aux");
	const cJSON *status = cJSON_GetObjectItemCaseSensitive(j, "status");
	if (failure) {
		char *cut = xstrndup(failure, strnlen(failure, BUILD_LINE_MAX));
		set_failure(l, sanitize(cut), (long)json_int64(cJSON_GetObjectItemCaseSensitive(j, "errorDetail"), "code"));
		free(cut);
		ok = false;
	} else if (cJSON_IsString(stream)) {
		feed_text(l, stream->valuestring, strlen(stream->valuestring));
	} else if (cJSON_IsObject(aux)) {
		const char *id = json_raw_string(aux, "ID");
		if (*id) {
			free(l->image_id);
			l->image_id = json_string(aux, "ID");
		}
	} else if (cJSON_IsString(status)) {
		status_line(l, j);
	} else {
		flush_partial(l);
		char *raw = xstrndup(line, len > BUILD_LINE_MAX ? BUILD_LINE_MAX : len);
		add_line(l, BUILD_LINE_OUTPUT, sanitize(raw));
		free(raw);
	}
	cJSON_Delete(j);
	return ok;
}

void
build_log_finish(struct build_log *l)
{
	flush_partial(l);
	if (!l->failed)
		l->done = true;
}

void
build_log_fail(struct build_log *l, const char *msg)
{
	if (l->failed)
		return;
	set_failure(l, sanitize(msg ? msg : ""), 0);
}
