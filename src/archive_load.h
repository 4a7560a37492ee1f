/* docker load: an archive file into the engine (POST /images/load?quiet=0, doc §10.2).
 *
 * The file may be a `docker save` archive of either layout (manifest.json; OCI index.json with
 * manifest.json), plain or compressed with anything libarchive reads: it is decompressed here
 * and sent as a plain tar (archive_stream.h), so the engine never needs to know zstd (20.10
 * does not). A file that is no tar fails before anything is sent; a truncated one, a broken
 * compression, or an archive without manifest.json (or index.json) aborts the upload before its
 * end-of-archive is sent, so the engine loads nothing of it.
 *
 * Threads: archive_load() blocks (a worker); its progress callback runs on that worker; a
 * struct cancel stops it from any thread. A cancel during the upload leaves the engine with
 * nothing; once the whole archive is sent (ARCHIVE_STAGE_ENGINE) the engine goes on loading
 * whatever the client does, so the images may still appear. The answer model (archive_loaded_*) is pure plain C
 * data, any thread. Cost: a 64 KiB chunk; the file is read once. */
#ifndef BUDU_ARCHIVE_LOAD_H
#define BUDU_ARCHIVE_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "archive_stream.h"

struct engine;
struct cancel;

/* What the engine answered, line by line. Strings are sanitized (the archive names them). */
struct archive_loaded {
	char **refs;		/* "bb:1.0", from "Loaded image: bb:1.0", in order */
	size_t nrefs;
	char **ids;		/* "sha256:…", from "Loaded image ID: …" (untagged images) */
	size_t nids;
	char **notes;		/* other text: "The image bb:1.0 already exists, renaming the old one
				 * with ID sha256:… to empty string" */
	size_t nnotes;
	size_t layers;		/* "Loading layer" rows seen (distinct ids, in a row) */
	char *layer;		/* the id of the layer loading now, NULL before any */
	int64_t layer_current, layer_total;	/* its progressDetail */
	bool failed;
	char *error;		/* the errorDetail message (HTTP 200 errors), when failed */
};

#define ARCHIVE_LOADED_MAX 4096	/* refs, ids and notes each keep no more */

void archive_loaded_init(struct archive_loaded *l);
void archive_loaded_free(struct archive_loaded *l);
/* One answer line (no newline needed): returns false on an error line, as pull_feed does. */
bool archive_loaded_feed(struct archive_loaded *l, const char *line, size_t len);

struct archive_load_opts {
	const char *path;		/* the archive file */
	archive_progress_fn progress;	/* may be NULL: file bytes read over its size, then the
					 * layers the engine loads (ARCHIVE_STAGE_ENGINE) */
	void *progress_ctx;
	struct cancel *cancel;		/* may be NULL */
};

/* Loads path: ARCHIVE_RESULT_DONE with *out filled (what was loaded: select out->refs and out->ids),
 * ARCHIVE_RESULT_CANCELLED, or ARCHIVE_RESULT_FAILED with *err (translated, caller frees): "x.tar is not a
 * tar archive (plain or compressed)", "truncated archive: it ends inside …", "not an image
 * archive: no manifest.json", "cannot read x.tar.gz: …" (the decompressor's words), the
 * engine's message. out is initialised here; free it
 * with archive_loaded_free whatever the outcome (what loaded before an error line is in it).
 * compression, when not NULL, gets libarchive's name for the file's compression ("gzip", "zstd",
 * "none"): static. */
enum archive_result archive_load(struct engine *e, const struct archive_load_opts *o,
				 struct archive_loaded *out, const char **compression, char **err);

#endif
