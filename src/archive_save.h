/* docker save: images into an archive file (GET /images/get?names=a&names=b, doc §10.1).
 *
 * The archive is written as it arrives, compressed on the way when the file's name asks for it
 * (.tar.gz, .tar.zst, …), into a temporary file beside the destination (".NAME.budu-XXXXXX",
 * mode 0600 as `docker save -o` leaves its file), which is renamed into place only once the
 * whole archive is in and written (not fsynced: as docker save -o, the kernel writes it back). A cancel, an engine error, a write error (a full disk) or an
 * archive that does not end as a tar ends removes the temporary file: nothing is left behind.
 * A destination that exists is never replaced unless overwrite is set (the rename itself
 * refuses: RENAME_NOREPLACE, or link() and unlink() where that is missing).
 *
 * Threads: archive_save() blocks (a worker); the progress callback runs on that worker; a
 * struct cancel stops it from any thread. The helpers are pure. Cost: one chunk in memory
 * (and the compressor's window); the archive is never held whole. */
#ifndef BUDU_ARCHIVE_SAVE_H
#define BUDU_ARCHIVE_SAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "archive_stream.h"

struct engine;
struct cancel;

enum archive_compression {
	ARCHIVE_COMPRESS_NONE,	/* .tar, and any name without a known ending (as docker save -o) */
	ARCHIVE_COMPRESS_GZIP,	/* .tar.gz .tgz .gz */
	ARCHIVE_COMPRESS_ZSTD,	/* .tar.zst .tzst .zst */
	ARCHIVE_COMPRESS_XZ,	/* .tar.xz .txz .xz */
	ARCHIVE_COMPRESS_BZIP2,	/* .tar.bz2 .tbz2 .tbz .bz2 */
};

/* The compression a file name asks for (its ending, any case). Pure. */
enum archive_compression archive_compression_of(const char *path);
/* ".tar", ".tar.gz", ".tar.zst", ".tar.xz", ".tar.bz2". */
const char *archive_compression_suffix(enum archive_compression c);

/* A file name for saving these images (as typed or as RepoTags: "nginx:1.25", an ID), with the
 * suffix of c: "nginx_1.25.tar"; "127.0.0.1_5000_demo_app_1.tar"; "docker.io/library/x" is
 * "x"; a digest reference "app_sha256_0123456789ab"; an image ID "0123456789ab.tar" (12 hex).
 * Several tags of one repository are the repository ("bb.tar"), several repositories the first
 * and a count ("nginx_1.25_and_2_more.tar"). Only [A-Za-z0-9._+-] are kept (others become
 * '_'), a leading '.' or '-' too, at most 200 bytes before the suffix; "image.tar" when
 * nothing is left. New string. Pure. */
char *archive_save_default_name(const char *const *names, size_t n, enum archive_compression c);

/* Whether path names something already (a file, a directory, a dangling link): the caller asks
 * the user before saving with overwrite. */
bool archive_save_exists(const char *path);

struct archive_save_opts {
	const char *const *names;	/* images as the engine takes them: repo:tag, IDs, digests */
	size_t nnames;
	const char *path;		/* the destination; its ending picks the compression */
	bool overwrite;			/* replace path if it exists (the user said so) */
	uint64_t expected;		/* the tar's size if the caller has an idea (the images' sizes),
					 * as the progress total; 0 when unknown */
	archive_progress_fn progress;	/* may be NULL */
	void *progress_ctx;
	struct cancel *cancel;		/* may be NULL */
};

struct archive_save_result {
	uint64_t received;	/* tar bytes from the engine */
	uint64_t written;	/* bytes in the file */
};

/* Saves; returns ARCHIVE_RESULT_DONE (path is in place), ARCHIVE_RESULT_EXISTS (path exists and overwrite is
 * not set: checked before the engine is asked and again by the rename; nothing written),
 * ARCHIVE_RESULT_CANCELLED, or ARCHIVE_RESULT_FAILED with *err (translated, caller frees): the engine's own
 * message ("reference does not exist"), "cannot create …/.x.budu-…: Permission denied",
 * "cannot write …: No space left on device", "the engine's archive is incomplete: …".
 * *err is NULL unless FAILED; res may be NULL. */
enum archive_result archive_save(struct engine *e, const struct archive_save_opts *o,
				 struct archive_save_result *res, char **err);

#endif
