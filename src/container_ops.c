#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container_ops.h"
#include "format.h"
#include "i18n.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xalloc.h"

const char *
container_op_name(enum container_op op)
{
	static const char *const names[CONTAINER_OP_COUNT] = {
		[CONTAINER_OP_START] = N_("start"),
		[CONTAINER_OP_STOP] = N_("stop"),
		[CONTAINER_OP_RESTART] = N_("restart"),
		[CONTAINER_OP_KILL] = N_("kill"),
		[CONTAINER_OP_PAUSE] = N_("pause"),
		[CONTAINER_OP_UNPAUSE] = N_("unpause"),
		[CONTAINER_OP_RENAME] = N_("rename"),
		[CONTAINER_OP_REMOVE] = N_("remove"),
	};
	if ((unsigned)op >= CONTAINER_OP_COUNT)
		return "";
	return _(names[op]);
}

bool
container_name_valid(const char *name)
{
	if (!name)
		return false;
	if (*name == '/')
		name++;
	size_t n = strlen(name);
	if (n < 2)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = name[i];
		bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
		if (!alnum && (i == 0 || !strchr("_.-", ch)))
			return false;
	}
	return true;
}

/* ---- the request ---------------------------------------------------------------- */

static const struct container_op_args no_args = { .timeout = CONTAINER_TIMEOUT_DEFAULT };

/* An ID or name as a path segment: the bytes a name may hold stay, the rest is escaped. */
static void
put_segment(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("._-", *p))
			sb_putc(sb, (char)*p);
		else
			sb_printf(sb, "%%%02X", *p);
	}
}

static void
put_query(struct strbuf *sb, const char *key, const char *value)
{
	char *esc = engine_escape(value);
	sb_printf(sb, "%c%s=%s", strchr(sb->buf, '?') ? '&' : '?', key, esc);
	free(esc);
}

const char *
container_op_request(enum container_op op, const char *id, const struct container_op_args *args,
		     char **path)
{
	static const char *const verbs[CONTAINER_OP_COUNT] = {
		[CONTAINER_OP_START] = "start", [CONTAINER_OP_STOP] = "stop",
		[CONTAINER_OP_RESTART] = "restart", [CONTAINER_OP_KILL] = "kill",
		[CONTAINER_OP_PAUSE] = "pause", [CONTAINER_OP_UNPAUSE] = "unpause",
		[CONTAINER_OP_RENAME] = "rename",
	};
	if (!args)
		args = &no_args;
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "/containers/");
	put_segment(&sb, id ? id : "");
	const char *method = "POST";
	if (op == CONTAINER_OP_REMOVE) {
		method = "DELETE";
		/* link=1 would remove a legacy link name, not the container: never sent. */
		if (args->force)
			put_query(&sb, "force", "1");
		if (args->volumes)
			put_query(&sb, "v", "1");
	} else if ((unsigned)op < CONTAINER_OP_COUNT) {
		sb_printf(&sb, "/%s", verbs[op]);
	}
	if ((op == CONTAINER_OP_STOP || op == CONTAINER_OP_RESTART) &&
	    args->timeout >= CONTAINER_TIMEOUT_FOREVER) {
		char t[16];
		snprintf(t, sizeof(t), "%d", args->timeout);
		put_query(&sb, "t", t);
	}
	if (op == CONTAINER_OP_KILL && args->signal && *args->signal)
		put_query(&sb, "signal", args->signal);
	if (op == CONTAINER_OP_RENAME)
		put_query(&sb, "name", args->new_name ? args->new_name : "");
	*path = sb_detach(&sb);
	return method;
}

/* ---- what the answer means --------------------------------------------------------- */

static bool
says(const char *msg, const char *what)
{
	return msg && strstr(msg, what);
}

static void
judge_done(enum container_op op, const char *name, const struct container_op_args *args,
	   struct container_result *r)
{
	switch (op) {
	case CONTAINER_OP_START:
		r->message = xasprintf(_("Started %s"), name);
		break;
	case CONTAINER_OP_STOP:
		r->message = xasprintf(_("Stopped %s"), name);
		break;
	case CONTAINER_OP_RESTART:
		r->message = xasprintf(_("Restarted %s"), name);
		break;
	case CONTAINER_OP_KILL:
		if (args->signal && *args->signal) {
			char *sig = sanitize(args->signal);
			/* TRANSLATORS: first %s is a signal ("HUP"), second a container name. */
			r->message = xasprintf(_("Sent %s to %s"), sig, name);
			free(sig);
		} else {
			r->message = xasprintf(_("Killed %s"), name);
		}
		break;
	case CONTAINER_OP_PAUSE:
		r->message = xasprintf(_("Paused %s"), name);
		break;
	case CONTAINER_OP_UNPAUSE:
		r->message = xasprintf(_("Unpaused %s"), name);
		break;
	case CONTAINER_OP_RENAME: {
		char *to = sanitize(args->new_name);
		/* TRANSLATORS: the old name, then the new one. */
		r->message = xasprintf(_("Renamed %s to %s"), name, to);
		free(to);
		break;
	}
	case CONTAINER_OP_REMOVE:
		r->message = xasprintf(_("Removed %s"), name);
		break;
	case CONTAINER_OP_COUNT:
		r->message = xstrdup("");
		break;
	}
}

/* The answers that say the container is already as asked. Podman sends 500 for most. */
static char *
nothing_to_do(enum container_op op, const char *name, long http, const char *msg)
{
	switch (op) {
	case CONTAINER_OP_START:
		if (http == 304)
			return xasprintf(_("%s is already running"), name);
		break;
	case CONTAINER_OP_STOP:
		if (http == 304)
			return xasprintf(_("%s is not running"), name);
		break;
	case CONTAINER_OP_KILL:
		if (says(msg, "is not running"))
			return xasprintf(_("%s is not running"), name);
		break;
	case CONTAINER_OP_PAUSE:
		if (says(msg, "is already paused"))
			return xasprintf(_("%s is already paused"), name);
		if (says(msg, "is not running"))
			return xasprintf(_("%s is not running"), name);
		break;
	case CONTAINER_OP_UNPAUSE:
		if (says(msg, "is not paused"))
			return xasprintf(_("%s is not paused"), name);
		break;
	case CONTAINER_OP_REMOVE:
		if (http == 404)
			return xasprintf(_("%s is gone already"), name);
		break;
	default:
		break;
	}
	return NULL;
}

/* The 409s a user can act on, and what to do. */
static char *
refused(enum container_op op, const char *name, long http, const char *msg,
	const struct container_op_args *args, bool *needs_force)
{
	if (http != 409)
		return NULL;
	switch (op) {
	case CONTAINER_OP_START:
		if (says(msg, "paused"))
			return xasprintf(_("%s is paused: unpause it instead"), name);
		if (says(msg, "marked for removal"))
			return xasprintf(_("%s is being removed"), name);
		break;
	case CONTAINER_OP_REMOVE:
		if (says(msg, "running container") || says(msg, "paused container")) {
			*needs_force = true;
			return xasprintf(says(msg, "paused container")
						 ? _("%s is paused: remove it with force (-f)")
						 : _("%s is running: remove it with force (-f)"),
					 name);
		}
		if (says(msg, "already in progress"))
			return xasprintf(_("%s is being removed"), name);
		break;
	case CONTAINER_OP_RENAME:
		if (says(msg, "already in use")) {
			char *to = sanitize(args->new_name);
			char *s = xasprintf(_("The name %s is already in use by another container"), to);
			free(to);
			return s;
		}
		break;
	default:
		break;
	}
	/* Another state conflict: the engine's words are the best we have. */
	char *why = sanitize(msg ? msg : "");
	/* TRANSLATORS: %s (first) is a verb such as "stop", then a container name, then the
	 * engine's reason. */
	char *s = xasprintf(_("Cannot %s %s: %s"), container_op_name(op), name, why);
	free(why);
	return s;
}

void
container_op_judge(enum container_op op, const char *name, long http_status,
		   const char *engine_message, const struct container_op_args *args,
		   struct container_result *r)
{
	if (!args)
		args = &no_args;
	char *safe = sanitize(name && *name ? name : "");
	r->op = op;
	r->http_status = http_status;
	r->needs_force = false;
	free(r->message);
	r->message = NULL;
	if (http_status >= 200 && http_status < 300) {
		r->outcome = CONTAINER_DONE;
		judge_done(op, safe, args, r);
	} else if ((r->message = nothing_to_do(op, safe, http_status, engine_message))) {
		r->outcome = CONTAINER_NOTHING_TO_DO;
	} else if ((r->message = refused(op, safe, http_status, engine_message, args,
					 &r->needs_force))) {
		r->outcome = CONTAINER_REFUSED;
	} else {
		r->outcome = CONTAINER_FAILED;
		char *why = sanitize(engine_message && *engine_message ? engine_message
						       : _("the engine did not say why"));
		r->message = xasprintf(_("Cannot %s %s: %s"), container_op_name(op), safe, why);
		free(why);
	}
	r->ok = r->outcome == CONTAINER_DONE || r->outcome == CONTAINER_NOTHING_TO_DO;
	free(safe);
}

bool
container_op_run(struct engine *e, enum container_op op, const char *id, const char *name,
		 const struct container_op_args *args, struct cancel *c, struct container_result *out)
{
	memset(out, 0, sizeof(*out));
	if (!args)
		args = &no_args;
	char shortid[32];
	format_short_id(shortid, sizeof(shortid), id ? id : "");
	if (!name || !*name)
		name = shortid;
	char *path;
	const char *method = container_op_request(op, id, args, &path);
	struct engine_response r = engine_request(e, method, path, NULL, c);
	free(path);
	out->status = r.status;
	if (r.status == ENGINE_OK) {
		if (r.http_status >= 400)
			out->error = sanitize(r.error ? r.error : "");
		container_op_judge(op, name, r.http_status, out->error, args, out);
	} else {
		/* Unreachable, lost or cancelled: engine.c's sentence says which. */
		out->op = op;
		out->outcome = CONTAINER_FAILED;
		out->error = sanitize(r.error ? r.error : _("The engine did not answer"));
		char *safe = sanitize(name);
		out->message = xasprintf(_("Cannot %s %s: %s"), container_op_name(op), safe, out->error);
		free(safe);
	}
	engine_response_free(&r);
	return out->ok;
}

bool
container_start(struct engine *e, const char *id, const char *name, struct cancel *c,
		struct container_result *out)
{
	return container_op_run(e, CONTAINER_OP_START, id, name, NULL, c, out);
}

bool
container_stop(struct engine *e, const char *id, const char *name, int timeout, struct cancel *c,
	       struct container_result *out)
{
	struct container_op_args a = { .timeout = timeout };
	return container_op_run(e, CONTAINER_OP_STOP, id, name, &a, c, out);
}

bool
container_restart(struct engine *e, const char *id, const char *name, int timeout,
		  struct cancel *c, struct container_result *out)
{
	struct container_op_args a = { .timeout = timeout };
	return container_op_run(e, CONTAINER_OP_RESTART, id, name, &a, c, out);
}

bool
container_kill(struct engine *e, const char *id, const char *name, const char *signal,
	       struct cancel *c, struct container_result *out)
{
	struct container_op_args a = { .timeout = CONTAINER_TIMEOUT_DEFAULT, .signal = signal };
	return container_op_run(e, CONTAINER_OP_KILL, id, name, &a, c, out);
}

bool
container_pause(struct engine *e, const char *id, const char *name, struct cancel *c,
		struct container_result *out)
{
	return container_op_run(e, CONTAINER_OP_PAUSE, id, name, NULL, c, out);
}

bool
container_unpause(struct engine *e, const char *id, const char *name, struct cancel *c,
		  struct container_result *out)
{
	return container_op_run(e, CONTAINER_OP_UNPAUSE, id, name, NULL, c, out);
}

bool
container_rename(struct engine *e, const char *id, const char *name, const char *new_name,
		 struct cancel *c, struct container_result *out)
{
	struct container_op_args a = { .timeout = CONTAINER_TIMEOUT_DEFAULT, .new_name = new_name };
	return container_op_run(e, CONTAINER_OP_RENAME, id, name, &a, c, out);
}

bool
container_remove(struct engine *e, const char *id, const char *name, bool force, bool volumes,
		 struct cancel *c, struct container_result *out)
{
	struct container_op_args a = {
		.timeout = CONTAINER_TIMEOUT_DEFAULT, .force = force, .volumes = volumes,
	};
	return container_op_run(e, CONTAINER_OP_REMOVE, id, name, &a, c, out);
}

void
container_result_free(struct container_result *r)
{
	free(r->message);
	free(r->error);
	memset(r, 0, sizeof(*r));
}

/* ---- the command line ---------------------------------------------------------------- */

/* Bytes a shell takes as they are in an argument. */
static bool
shell_safe(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/:@+-=,", *s))
			return false;
	return true;
}

static void
put_shell_arg(struct strbuf *sb, const char *s)
{
	sb_putc(sb, ' ');
	if (shell_safe(s)) {
		sb_puts(sb, s);
		return;
	}
	sb_putc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_puts(sb, "'\\''");
		else
			sb_putc(sb, *s);
	}
	sb_putc(sb, '\'');
}

char *
container_op_command(enum container_op op, const char *name, const struct container_op_args *args)
{
	static const char *const words[CONTAINER_OP_COUNT] = {
		[CONTAINER_OP_START] = "start", [CONTAINER_OP_STOP] = "stop",
		[CONTAINER_OP_RESTART] = "restart", [CONTAINER_OP_KILL] = "kill",
		[CONTAINER_OP_PAUSE] = "pause", [CONTAINER_OP_UNPAUSE] = "unpause",
		[CONTAINER_OP_RENAME] = "rename", [CONTAINER_OP_REMOVE] = "rm",
	};
	if (!args)
		args = &no_args;
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "docker container %s", (unsigned)op < CONTAINER_OP_COUNT ? words[op] : "");
	if ((op == CONTAINER_OP_STOP || op == CONTAINER_OP_RESTART) &&
	    args->timeout >= CONTAINER_TIMEOUT_FOREVER)
		sb_printf(&sb, " -t %d", args->timeout);
	if (op == CONTAINER_OP_KILL && args->signal && *args->signal) {
		sb_puts(&sb, " -s");
		put_shell_arg(&sb, args->signal);
	}
	if (op == CONTAINER_OP_REMOVE) {
		if (args->force)
			sb_puts(&sb, " -f");
		if (args->volumes)
			sb_puts(&sb, " -v");
	}
	put_shell_arg(&sb, name ? name : "");
	if (op == CONTAINER_OP_RENAME)
		put_shell_arg(&sb, args->new_name ? args->new_name : "");
	/* What the user reads: a hostile byte is shown escaped, never sent to the terminal. */
	char *raw = sb_detach(&sb);
	char *out = sanitize(raw);
	free(raw);
	return out;
}
