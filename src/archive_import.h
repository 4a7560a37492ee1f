/* docker import: a root file system into a new one-layer image (POST /images/create?fromSrc=-,
 * doc §10.3), from a tarball (any compression libarchive reads: sent as a plain tar, checked
 * to be one, and aborted if it is truncated, so the engine makes no image of half a file
 * system) or from a directory, made into a tar as it is sent (archive_dir.h). Optionally tagged,
 * with a commit message and Dockerfile instructions applied to its config (--change).
 *
 * Threads: archive_import() blocks (a worker); its progress callback runs on that worker; a
 * struct cancel stops it from any thread (during the upload: no image is made). archive_import_path and the answer model are pure.
 * Cost: a chunk or two in memory; the source is read once (a directory's metadata twice). */
#ifndef BUDU_ARCHIVE_IMPORT_H
#define BUDU_ARCHIVE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "archive_stream.h"

struct engine;
struct cancel;

struct archive_import_opts {
	const char *source;		/* a tarball or a directory */
	const char *reference;		/* "repo[:tag]" as typed; NULL or "" for an untagged image */
	const char *message;		/* -m: the history's comment; NULL for none */
	const char *const *changes;	/* -c lines: "CMD [\"/bin/sh\"]", "ENV A=1"; blank ones are
					 * skipped */
	size_t nchanges;
	archive_progress_fn progress;	/* may be NULL */
	void *progress_ctx;
	struct cancel *cancel;		/* may be NULL */
};

/* The request path, as the CLI's query (keys sorted, a `changes` per line):
 *   /images/create?changes=CMD%20%5B%22%2Fbin%2Fsh%22%5D&fromSrc=-&message=m&
 *   repo=docker.io%2Flibrary%2Fx&tag=1
 * (repo and tag are empty for an untagged image; tag "latest" when only a repository is given).
 * The reference and each change are checked first, as the engine would: false with *err
 * (translated, caller frees): the reference's error ("invalid reference format", "repository
 * name must be lowercase"), "cannot import digest reference", "RUN is not a valid change
 * command: CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, USER, VOLUME or WORKDIR",
 * "ENV needs a value". */
bool archive_import_path(const struct archive_import_opts *o, char **path, char **err);

/* The engine's answer: {"status":"sha256:<id>"} ends it, errorDetail fails it. */
struct archive_imported {
	char *id;		/* "sha256:…", sanitized, or NULL */
	bool failed;
	char *error;		/* sanitized, when failed */
};
void archive_imported_init(struct archive_imported *im);
void archive_imported_free(struct archive_imported *im);
/* One answer line; false on an error line. */
bool archive_imported_feed(struct archive_imported *im, const char *line, size_t len);

/* Imports: ARCHIVE_RESULT_DONE with *id ("sha256:…", caller frees), ARCHIVE_RESULT_CANCELLED, or
 * ARCHIVE_RESULT_FAILED with *err (translated, caller frees): archive_import_path's messages, "x is not
 * a tar archive (plain or compressed)", "truncated archive: …", "cannot read …", the engine's
 * message. */
enum archive_result archive_import(struct engine *e, const struct archive_import_opts *o, char **id,
				   char **err);

#endif
