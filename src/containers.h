/* The container list (GET /containers/json?all=1): every field `docker container ls` shows, and
 * the "in use" lookups of the Images panel. Rows, cells, sorting and filtering are in
 * container_rows.h; lifecycle requests in container_ops.h; prune in container_prune.h.
 *
 * Parsing runs on a worker: everything a row draws is computed here, sanitized or quoted, so
 * that drawing costs no allocation. The result is read-only and may be shared by threads. */
#ifndef BUDU_CONTAINERS_H
#define BUDU_CONTAINERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One published or exposed port (a ContainerSummary "Ports" entry). */
struct container_port {
	char *ip;		/* "0.0.0.0", "::"; "" when only exposed. Sanitized */
	char *type;		/* "tcp", "udp", "sctp". Sanitized */
	int private_port;	/* 0..65535 */
	int public_port;	/* 0..65535; 0 when not published */
};

struct container_label {
	char *key;		/* sanitized; the engine sends them sorted by key */
	char *value;		/* sanitized */
};

/* Every string is sanitized (or Go-quoted); a field the engine left out is "". */
struct container {
	char *id;		/* 64 hex digits */
	char *name;		/* the first of Names that has no other '/' (else the first),
				 * without its leading '/': "rig-exited" */
	char *image;		/* as created: a tag (maybe moved on since), or an ID */
	char *image_id;		/* "sha256:<hex>", what the container really runs */
	char *command;		/* "sleep 600" */
	char *state;		/* "created", "running", "paused", "restarting", "removing",
				 * "exited", "dead" */
	char *status;		/* "Up 2 hours", "Exited (0) 5 minutes ago", "Created": rendered
				 * by the engine when it answered, so it goes stale */
	int64_t created;	/* Unix seconds */
	int64_t status_at;	/* when status was read (Unix seconds): it counts from then */
	/* Added for the Containers panel. */
	char **names;		/* every name without its leading '/', link aliases ("web/db")
				 * included, in the engine's order */
	size_t nnames;
	char *names_joined;	/* names joined with ',': the NAMES cell of --no-trunc */
	char *image_short;	/* the IMAGE cell as `docker ps` truncates it: "bb:1.0",
				 * "137e1af4cae9" for an ID or a moved tag, "busybox" for
				 * "busybox@sha256:...", "<no image>" */
	char *command_short;	/* the COMMAND cell: Go's strconv.Quote of docker's
				 * Ellipsis(Command, 20), from the engine's raw bytes, quotes included;
				 * control bytes come out as \x1b etc., so it is safe to draw */
	char *command_quoted;	/* the same, not truncated (--no-trunc) */
	struct container_port *ports;	/* the engine's order ([] unless running) */
	size_t nports;
	char *ports_text;	/* the PORTS cell (DisplayablePorts of the 20.10 CLI) */
	struct container_label *labels;
	size_t nlabels;
	size_t nmounts;
	size_t nlocal_volumes;	/* Mounts whose Driver is "local": LOCAL VOLUMES of docker system df -v */
	char *network_mode;	/* HostConfig.NetworkMode: "default", "none", "host"... */
	bool has_size;		/* the answer carried sizes (size=1) */
	int64_t size_rw;	/* bytes written to the container's layer (SizeRw; 0 if omitted) */
	int64_t size_root_fs;	/* SizeRootFs: the image and that layer */
};

struct container_list {
	struct container *containers;	/* the engine's order (newest first) */
	size_t ncontainers;
	size_t *by_image;	/* private: indexes ordered by image ID, then index */
};

/* Parses the body of GET /containers/json?all=1[&size=1]. A body of `null` is an empty list.
 * command_short is measured with the current LC_CTYPE (as the UI sets it). On failure
 * returns false and a translated message in *err (caller frees); *out is then empty. */
bool containers_parse(const char *json, size_t len, struct container_list *out, char **err);
void container_list_free(struct container_list *list);
struct cJSON;
/* One ContainerSummary object into *c, as containers_parse reads each (GET /system/df's
 * Containers too). Free it with the list it goes into. */
void container_from_json(const struct cJSON *item, struct container *c);
/* The by-image index of a list filled item by item (containers_parse makes it itself). */
void containers_index(struct container_list *list);

struct engine;
struct cancel;
/* GET /containers/json?all=1 and parse it, on a worker. Returns ENGINE_OK with *out filled; otherwise the failure
 * (ENGINE_BAD_ANSWER for an HTTP error or an answer that does not parse) with a translated
 * message in *err (caller frees) and *out empty. */
int containers_fetch(struct engine *e, struct cancel *c, struct container_list *out, char **err);
/* The same with size=1 when `size` is true: SizeRw and SizeRootFs filled. That makes the engine
 * measure every container's layer under the request (a directory walk each on overlay2, a diff
 * on vfs: 3 to 5 times slower with 20 small containers, linear in files changed), so call it on
 * demand (a size column, a prune preview), never on a timer or per event. */
int containers_fetch_sized(struct engine *e, bool size, struct cancel *c, struct container_list *out,
			   char **err);

/* The `limit` newest containers (all=1&limit=N), in the engine's order: the top of the full
 * list's default order. The engine stops after them, so on a host with 1,000 containers this
 * costs a tenth of the full list: a first screen while the rest comes. */
int containers_fetch_newest(struct engine *e, int limit, struct cancel *c, struct container_list *out,
			    char **err);

/* State "running" (a paused container is in use but not running). */
bool container_is_running(const struct container *c);
/* State "paused". */
bool container_is_paused(const struct container *c);
/* Whether `docker container prune` removes it: any state but running, paused and restarting
 * (the engine keeps every container whose process is up; created, exited and dead go). */
bool container_is_stopped(const struct container *c);
/* The container with this full ID, or NULL. O(n). */
const struct container *containers_find(const struct container_list *list, const char *id);

/*
 * Events. One GET /events?filters=<CONTAINER_EVENTS_FILTER> stream keeps the panel current.
 * Because "health_status" is in the list, the engine matches every value as a prefix, so it
 * passes "health_status: healthy" and the like, and no exec_* noise of health probes.
 * "remove" is Podman's name for destroy. JSON before URL escaping.
 */
#define CONTAINER_EVENTS_FILTER \
	"{\"type\":[\"container\"],\"event\":[\"create\",\"start\",\"die\",\"destroy\"," \
	"\"remove\",\"pause\",\"unpause\",\"rename\",\"health_status\",\"oom\",\"update\"]}"

enum container_event_effect {
	CONTAINER_EVENT_IGNORE,		/* not a change the list shows */
	CONTAINER_EVENT_ADD,		/* a new container: fetch its row
					 * (filters={"id":["<Actor.ID>"]}, all=1) */
	CONTAINER_EVENT_UPDATE,		/* the row's state, status or name changed: refetch it */
	CONTAINER_EVENT_REMOVE,		/* drop the row with Actor.ID */
	CONTAINER_EVENT_RELOAD,		/* several rows went (prune; Actor.ID is ""): list again */
};
/* What an event's Action means for the list: "create" adds; "destroy"/"remove" remove;
 * "start", "die", "stop", "kill", "restart", "pause", "unpause", "rename", "update", "oom" and
 * "health_status: ..." update; "prune" reloads; anything else (exec_*, attach, top...) is
 * ignored. NULL is ignored. */
enum container_event_effect container_event_effect(const char *action);

/* Image IDs compare with or without the "sha256:" prefix (Podman may leave it out). */

/* The containers whose ImageID is image_id, in the list's order: *out is a new array of
 * pointers into list (caller frees the array only; NULL when none). Returns the count. */
size_t containers_for_image(const struct container_list *list, const char *image_id,
			    const struct container ***out);

/* How many containers use image_id, and in *running (may be NULL) how many of them run.
 * O(log n + matches): fine to call for every row of a long image list. */
size_t containers_count_by_image(const struct container_list *list, const char *image_id,
				 size_t *running);

#endif
