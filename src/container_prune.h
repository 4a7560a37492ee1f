/* `docker container prune [--filter until=...]`: the preview (which containers POST
 * /containers/prune would remove, from the list, without calling prune) and the prune.
 *
 * The preview follows dockerd 20.10's daemon/prune.go: every container that is not running,
 * paused or restarting goes (created, exited, dead, and one being removed), unless until keeps
 * it (created after now - until, on the engine's clock). The list gives Created in seconds and
 * the engine compares nanoseconds, so a container created in the very second of the limit may
 * go either way. Anonymous volumes stay (prune removes without -v).
 *
 * Space: the engine reports the sum of the removed containers' SizeRw, which the list carries
 * only with size=1, and size=1 makes the engine measure every container's layer under the
 * request (containers.h). So the panel polls without sizes, and the prune dialog fetches the
 * list once with containers_fetch_sized(e, true, ...) when it opens: one measured list per
 * prune the user asks for. From a list without sizes the preview says space_known false. */
#ifndef BUDU_CONTAINER_PRUNE_H
#define BUDU_CONTAINER_PRUNE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "containers.h"
#include "engine.h"

/* No until filter. */
#define CONTAINER_PRUNE_NO_UNTIL ((int64_t)-1)

struct container_prune_preview {
	const struct container **containers;	/* into the list, in its order (newest first) */
	size_t ncontainers;
	size_t nkept_until;		/* stopped containers that until keeps */
	size_t nkept_running;		/* running, paused or restarting: never pruned */
	bool space_known;		/* the list had sizes (size=1) */
	int64_t space;			/* the sum of SizeRw: the SpaceReclaimed to expect (0 when
					 * !space_known) */
};

/* until: seconds (a Go duration, e.g. from prune_parse_duration) or CONTAINER_PRUNE_NO_UNTIL;
 * now: the engine's clock (engine_info.server_time, or the local time). The preview points into
 * list: free it first (container_prune_preview_free). */
void container_prune_preview(const struct container_list *list, int64_t until, int64_t now,
			     struct container_prune_preview *out);
void container_prune_preview_free(struct container_prune_preview *p);

struct container_prune_result {
	enum engine_status status;
	long http_status;
	char **deleted;		/* ContainersDeleted: full IDs in the engine's order. Sanitized */
	size_t ndeleted;
	int64_t reclaimed;	/* SpaceReclaimed, bytes */
	/* What `docker container prune` prints: "Deleted Containers:\n<id>\n...\n\nTotal reclaimed
	 * space: 64kB", or only the total when nothing went. Translated. "" on failure. */
	char *text;
	char *error;		/* NULL on success, else what the user reads. Sanitized */
	bool busy;		/* 409: another prune is running */
};

/* POST /containers/prune[?filters={"until":{"<until>s":true}}]. Runs on a worker thread.
 * Returns true on success; *out is filled either way (free with container_prune_result_free). */
bool container_prune_run(struct engine *e, int64_t until, struct cancel *c,
			 struct container_prune_result *out);
/* Parses the answer of a successful prune ({"ContainersDeleted":[...]|null,"SpaceReclaimed":N}).
 * On failure sets out->error and returns false. */
bool container_prune_parse(const char *json, size_t len, struct container_prune_result *out);
void container_prune_result_free(struct container_prune_result *r);

/* POST path for any prune that answers {"<list_key>":[IDs]|null,"SpaceReclaimed":N} (the build
 * cache's too: src/builder_prune.h), into the same result; heading titles the list in text as
 * the CLI does ("Deleted Containers:"). Worker thread. */
bool prune_report_run(struct engine *e, const char *path, const char *list_key, const char *heading,
		      struct cancel *c, struct container_prune_result *out);

/* The filters value container_prune_run sends, JSON before URL escaping, or NULL without until.
 * New string. */
char *container_prune_filters(int64_t until);

/* The command, for the confirmation: "docker container prune -f", "... --filter until=3600s".
 * New string. */
char *container_prune_command(int64_t until);

/* The CLI's question, translated: "WARNING! This will remove all stopped containers." */
const char *container_prune_warning(void);

#endif
