/* Lifecycle requests for one container: start, stop, restart, kill, pause, unpause, rename,
 * remove; what each answer means for the user; and the docker command that does the same, for
 * a confirmation.
 *
 * Each request blocks (stop and restart for up to their timeout, kill without a signal until
 * the container is gone): call them on a worker thread only. The engine is shared; nothing
 * here keeps state. Pass the full ID (an ambiguous prefix is a 500) and the name for messages,
 * both copied out of the list before the job starts: the list may be replaced meanwhile.
 *
 * Outcomes follow dockerd 20.10 (containers-api.md sections 2.1 to 2.3): a 304 from start or
 * stop, pausing a paused container, killing or pausing one that is not running, unpausing
 * one that is not paused and removing one that is gone are NOTHING_TO_DO, a notice and not an
 * error; the 409s that depend on the state (start while paused, remove while running without
 * force, a name in use, a removal already under way) are REFUSED with a sentence that says
 * what to do; the rest FAILED with the engine's message. */
#ifndef BUDU_CONTAINER_OPS_H
#define BUDU_CONTAINER_OPS_H

#include <stdbool.h>

#include "engine.h"

enum container_op {
	CONTAINER_OP_START,
	CONTAINER_OP_STOP,
	CONTAINER_OP_RESTART,
	CONTAINER_OP_KILL,
	CONTAINER_OP_PAUSE,
	CONTAINER_OP_UNPAUSE,
	CONTAINER_OP_RENAME,
	CONTAINER_OP_REMOVE,
	CONTAINER_OP_COUNT
};

enum container_outcome {
	CONTAINER_DONE,			/* 204: it happened */
	CONTAINER_NOTHING_TO_DO,	/* already so (see above): a notice */
	CONTAINER_REFUSED,		/* a state conflict (409); message says what to do */
	CONTAINER_FAILED,		/* anything else, the engine unreachable included */
};

/* Stop and restart without ?t=: the engine's own (Config.StopTimeout, else 10 s). */
#define CONTAINER_TIMEOUT_DEFAULT (-2)
/* t=-1: wait for the container however long it takes. */
#define CONTAINER_TIMEOUT_FOREVER (-1)

struct container_op_args {
	int timeout;		/* stop, restart: seconds, or one of the two above */
	const char *signal;	/* kill: "HUP", "SIGHUP", "1"...; NULL or "" for the engine's KILL */
	const char *new_name;	/* rename */
	bool force;		/* remove: kill it first if it runs (-f) */
	bool volumes;		/* remove: its anonymous volumes too (-v); named ones stay */
};

struct container_result {
	enum container_op op;
	enum container_outcome outcome;
	enum engine_status status;	/* ENGINE_OK when an HTTP answer came */
	long http_status;		/* 204, 304, 409...; 0 without an answer */
	bool ok;			/* DONE or NOTHING_TO_DO */
	bool needs_force;		/* remove refused because it runs or is paused: -f would do it */
	/* What the user reads, translated, sanitized, always set: "Started web", "web is already
	 * running", "web is running: remove it with force (-f)", "Cannot stop web: <why>". */
	char *message;
	char *error;			/* the engine's own message, sanitized; NULL when none */
};

/* One request (see the table in containers-api.md section 2.1). name may be NULL (the short ID
 * is used). Returns result->ok; *result is filled either way (free with
 * container_result_free). */
bool container_op_run(struct engine *e, enum container_op op, const char *id, const char *name,
		      const struct container_op_args *args, struct cancel *c,
		      struct container_result *result);

/* The same as one call each. */
bool container_start(struct engine *e, const char *id, const char *name, struct cancel *c,
		     struct container_result *out);
bool container_stop(struct engine *e, const char *id, const char *name, int timeout,
		    struct cancel *c, struct container_result *out);
bool container_restart(struct engine *e, const char *id, const char *name, int timeout,
		       struct cancel *c, struct container_result *out);
bool container_kill(struct engine *e, const char *id, const char *name, const char *signal,
		    struct cancel *c, struct container_result *out);
bool container_pause(struct engine *e, const char *id, const char *name, struct cancel *c,
		     struct container_result *out);
bool container_unpause(struct engine *e, const char *id, const char *name, struct cancel *c,
		       struct container_result *out);
bool container_rename(struct engine *e, const char *id, const char *name, const char *new_name,
		      struct cancel *c, struct container_result *out);
bool container_remove(struct engine *e, const char *id, const char *name, bool force,
		      bool volumes, struct cancel *c, struct container_result *out);

void container_result_free(struct container_result *r);

/* The request's method and path (versionless), e.g. "DELETE", "/containers/<id>?force=1&v=1".
 * New string in *path. Pure; exposed for tests. */
const char *container_op_request(enum container_op op, const char *id,
				 const struct container_op_args *args, char **path);

/* Classifies an answer (http_status, the engine's message or NULL) into result->outcome, ok,
 * needs_force and message. Pure; exposed for tests. */
void container_op_judge(enum container_op op, const char *name, long http_status,
			const char *engine_message, const struct container_op_args *args,
			struct container_result *result);

/* The docker command that does the same, for a confirmation: "docker container rm -f -v web",
 * "docker container stop -t 5 web", "docker container kill -s HUP web",
 * "docker container rename web web2". Names are shell-quoted when needed ('a b' -> "'a b'").
 * New string. */
char *container_op_command(enum container_op op, const char *name,
			   const struct container_op_args *args);

/* Whether the engine would accept name for a container: [a-zA-Z0-9][a-zA-Z0-9_.-]+ (two
 * characters at least), an optional leading '/'. */
bool container_name_valid(const char *name);

/* Translated verb for a menu or a job title: "start", "stop", "restart", "kill", "pause",
 * "unpause", "rename", "remove". */
const char *container_op_name(enum container_op op);

#endif
