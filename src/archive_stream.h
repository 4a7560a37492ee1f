/* What save, load and import share: the outcome of a run, the progress they report, and an
 * archive file read as a plain tar for an upload.
 *
 * Threads: everything here runs on the worker thread that runs the save, load or import; the
 * progress callback is called there too (from inside the transfer), so it must be cheap: copy
 * the numbers and post them to the UI. Cost: a source holds one 64 KiB chunk and the tar walk's
 * block; nothing here holds an archive whole. */
#ifndef BUDU_ARCHIVE_STREAM_H
#define BUDU_ARCHIVE_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"
#include "tar_walk.h"

struct archive;
struct cancel;

/* How a save, load or import ended. */
enum archive_result {
	ARCHIVE_RESULT_DONE = 0,
	ARCHIVE_RESULT_FAILED,		/* see the error message */
	ARCHIVE_RESULT_CANCELLED,	/* cancel_request(): nothing was left behind */
	ARCHIVE_RESULT_EXISTS,		/* save only: the destination exists and overwrite was not set */
};

enum archive_stage {
	ARCHIVE_STAGE_TRANSFER,	/* bytes go to or come from the engine */
	ARCHIVE_STAGE_ENGINE,	/* the body is sent; the engine works (load: "Loading layer") */
};

/* What a progress callback gets. Bytes are those of the transfer: received from the engine
 * (save), read from the file, compressed as it is on disk (load and import of a file), or
 * put into the tar (import of a directory). */
struct archive_progress {
	enum archive_stage stage;
	uint64_t done;
	uint64_t total;		/* 0 when unknown; for a directory an estimate made before */
	uint64_t written;	/* save: bytes written to the file (compressed); else what was sent */
	double rate;		/* bytes a second of done, smoothed over about two seconds; 0 at first */
	double elapsed;		/* seconds since the start */
	/* ARCHIVE_STAGE_ENGINE of a load: the layer being loaded and how far, from the engine */
	size_t layers;		/* layers the engine has started loading */
	int64_t layer_current, layer_total;
};

/* Called at most every ARCHIVE_PROGRESS_INTERVAL_MS (and once at the start of each stage and
 * at the end). */
typedef void (*archive_progress_fn)(const struct archive_progress *p, void *ctx);
#define ARCHIVE_PROGRESS_INTERVAL_MS 100

/* The throttle behind the callback (for save.c, load.c, import.c). */
struct archive_meter {
	archive_progress_fn fn;
	void *ctx;
	struct archive_progress p;
	double start, last, rate_at;	/* monotonic seconds */
	uint64_t rate_done;		/* done at rate_at */
	bool reported;
};
void archive_meter_init(struct archive_meter *m, archive_progress_fn fn, void *ctx, uint64_t total);
/* Sets done (and written); calls fn when the interval has passed or force is set. */
void archive_meter_update(struct archive_meter *m, uint64_t done, uint64_t written, bool force);
/* Moves to the engine stage and reports at once. */
void archive_meter_stage(struct archive_meter *m, enum archive_stage stage);
/* Reports the layer numbers of a load (throttled as update). */
void archive_meter_layer(struct archive_meter *m, size_t layers, int64_t current, int64_t total);

/* An archive file as a plain tar: any compression libarchive reads (gzip, bzip2, xz, zstd, …)
 * is undone here, so the engine always gets an uncompressed tar (20.10 reads no zstd), and the
 * stream goes through a tar walk (tar_walk.h) so that a truncated or broken file, or with
 * need_manifest one without manifest.json, aborts the upload before the engine could take it. */
struct archive_source {
	struct archive *a;
	int fd;
	char *path;
	uint64_t size;		/* of the file */
	bool need_manifest;
	struct tar_walk walk;
	struct strbuf out;	/* walked bytes not yet handed to the transfer */
	size_t out_pos;
	char *chunk;		/* ARCHIVE_CHUNK bytes */
	bool eof;		/* the decompressed input ended and the walk finished */
	char *error;		/* translated, why the upload was aborted (or NULL) */
	const char *filter;	/* libarchive's name of the compression, "none" when plain */
	struct archive_meter *meter;	/* may be NULL */
	struct cancel *cancel;	/* may be NULL */
};

#define ARCHIVE_CHUNK (64 * 1024)

/* Opens path and reads its start: false, with *err a translated message naming the file and
 * nothing to send, when it cannot be read, is empty, cannot be decompressed, or does not begin
 * with a tar header ("… is not a tar archive (plain or compressed)"). */
bool archive_source_open(struct archive_source *s, const char *path, bool need_manifest, char **err);
/* An engine_body_fn (engine.h): the plain tar, chunk by chunk; -1 aborts the upload, with
 * s->error set ("truncated archive: …", the decompressor's words) unless it was a cancel. */
long archive_source_read(char *buf, size_t size, void *ctx);
void archive_source_close(struct archive_source *s);

/* A message for a failed system call on a file: "cannot write /x/y.tar: No space left on
 * device". New string. */
char *archive_errno_message(const char *fmt, const char *path, int errnum);

#endif
