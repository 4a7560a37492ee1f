/* POST /commit (doc §8): a container's filesystem and config into a new image, optionally
 * tagged, with Dockerfile instructions applied on top (`docker commit -c`).
 * Pure: any thread; cost linear in the input. */
#ifndef BUDU_COMMIT_H
#define BUDU_COMMIT_H

#include <stdbool.h>
#include <stddef.h>

struct commit_input {
	const char *container;	/* ID or name; required */
	const char *reference;	/* "repo[:tag]" as typed; NULL or "" for an untagged image */
	const char *message;	/* -m, may be NULL */
	const char *author;	/* -a, may be NULL */
	const char *const *changes;	/* -c lines: "ENV A=1", "CMD [\"sh\"]", … */
	size_t nchanges;
	bool no_pause;		/* --pause=false: the engine pauses a running container otherwise */
};

/* The request path for engine_request("POST", path, NULL): the query as the CLI sends it (keys
 * sorted, one `changes` per line, empty author/comment/repo/tag kept, the repository
 * normalized: "docker.io/library/committed"), e.g.
 *   /commit?author=Jane+%3Cj%40example.com%3E&changes=ENV+A%3D1&comment=my+msg&container=c&
 *   repo=docker.io%2Flibrary%2Fcommitted&tag=v1
 * True with *path set (caller frees), or false with *err a translated message (caller frees):
 * "no container to commit", the reference's own error, "refusing to create a tag with a digest
 * reference", "BOGUS is not a valid change command: CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK,
 * LABEL, ONBUILD, USER, VOLUME or WORKDIR", "ENV needs a value". Blank change lines are
 * skipped. */
bool commit_path(const struct commit_input *in, char **path, char **err);

#endif
