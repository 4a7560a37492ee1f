/* Streaming an image's archive (GET /images/{id}/get, doc/engine-api.md §13) through libarchive
 * for the Files tab: the outer tar, and each layer as a nested archive read from the outer
 * entry's data (plain, or gzip/zstd/xz-compressed OCI blobs), in either layout (legacy
 * "<id>/layer.tar", layers stored as symlinks to identical ones included; OCI "blobs/sha256/…",
 * with manifest.json or only index.json). manifest.json may come first or last. Nothing is
 * written to disk and no layer is held: only what struct layer_tree keeps, plus the small JSON
 * files (manifest, index, config: at most 16 MiB together).
 *
 * Threads: every function here blocks; call it on a worker (the UI thread never). Each starts
 * one more thread of its own for the parse (libarchive pulls bytes, the engine's transfer pushes
 * them: a 4 MiB ring between the two keeps memory flat), joined before it returns. Callbacks
 * (post, progress) run on that parse thread, but for the last update (the end), which the
 * calling thread posts once the parse thread is gone: never two at once, never on the UI
 * thread. They must only hand things on (worker_send() to the UI thread, see worker.h). A struct cancel stops any of them from any
 * thread: the connection is closed, which makes the engine stop its export.
 *
 * The Files tab's order of calls:
 *   UI thread:  t = layer_tree_new(); post a job with the image ID and t's address as context.
 *   worker:     layer_stream_read(src, opts) with opts.post forwarding each update:
 *                 worker_send(w, apply_done, update)
 *   UI thread:  apply_done: layer_tree_apply(t, update) (or layer_update_free(update) when the
 *               view is gone), redraw what the returned bits say.
 *   UI thread:  browse with layer_tree_children() etc. at any time, during the stream too.
 *   Pager:      p = layer_tree_pick(t, q, node) on the UI thread; on a worker
 *               layer_stream_content(src, p, max, …); layer_pick_free(p) after.
 *   Extract:    the same with layer_stream_extract().
 * The last update of a stream always says how it ended (LAYER_TREE_CHANGED_END), also when the
 * function fails before any data came: the tree then shows the error. Updates are posted in
 * order; a layer's entries come in parts (every ~20,000 entries or 200 ms) so that a large layer
 * is browsable while it streams.
 *
 * Cost: about the engine's own pace: the archive is copied once (into the ring) and never
 * decompressed twice; layer data is skipped without copies. Memory: the ring, libarchive's
 * buffers (a few 64 KiB blocks per archive level, a decompressor's window), the entries of the
 * part being prepared, and the path table of the stream (about 60 bytes a path, freed at the
 * end).
 */
#ifndef BUDU_LAYER_STREAM_H
#define BUDU_LAYER_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "archive_stream.h"	/* enum archive_result */
#include "layer_tree.h"

struct engine;
struct cancel;

/* Where the image archive comes from. */
struct layer_source {
	struct engine *engine;	/* GET /images/{image}/get on this engine; or NULL: */
	const char *image;	/* an image ID ("sha256:…") or a reference; with several images
				 * in the archive, the one whose config is this ID, else the first */
	int fd;			/* with engine NULL: an image archive file (plain or compressed:
				 * gzip, zstd, xz, bzip2), read from where it is, not closed */
};

struct layer_progress {
	uint64_t bytes;		/* of the image archive so far (as it comes: compressed if it is) */
	uint64_t total;		/* opts.expected; 0 unknown */
	size_t layers_done;	/* layer blobs read whole */
	size_t layers;		/* layers the manifest names; 0 until it is read */
	double elapsed;		/* seconds */
	double rate;		/* bytes a second, smoothed; 0 at first */
};

/* Takes ownership of u: hand it to the UI thread, which applies or frees it. */
typedef void (*layer_post_fn)(struct layer_update *u, void *ctx);
/* At most every ARCHIVE_PROGRESS_INTERVAL_MS, and once at the end. */
typedef void (*layer_progress_fn)(const struct layer_progress *p, void *ctx);

struct layer_stream_opts {
	layer_post_fn post;		/* required */
	layer_progress_fn progress;	/* may be NULL: the tree gets the same numbers anyway */
	void *ctx;			/* for both */
	uint64_t expected;		/* the archive's size if known (the image's Size), for a total */
	struct cancel *cancel;		/* may be NULL */
};

/* Reads the whole archive and posts the tree's updates. Returns ARCHIVE_RESULT_DONE,
 * ARCHIVE_RESULT_CANCELLED, or ARCHIVE_RESULT_FAILED with *err (translated, caller frees): the
 * engine's message ("No such image: x"), "cannot reach the engine…", "damaged image archive: …"
 * (libarchive's words), "not an image archive: no manifest.json or index.json", "the image
 * archive names a layer it does not hold: …". What was read before a failure has been posted
 * (and stays browsable). *err is NULL unless FAILED. */
enum archive_result layer_stream_read(const struct layer_source *src, const struct layer_stream_opts *o,
				      char **err);

/* ---- reading again: a file for the pager, a folder to disk ----------------------------- */

/* A file's content, for the pager: at most max bytes of it (the stream stops once it has them). */
struct layer_content {
	char *data;		/* NUL-terminated (the NUL not counted); raw bytes */
	size_t len;
	uint64_t size;		/* the file's whole size */
	bool cut;		/* size > len: only the start was read */
	bool binary;		/* it holds a NUL or is not valid UTF-8 in its first 8 KiB: not text */
};
#define LAYER_CONTENT_MAX (1024 * 1024)	/* a sensible max for the pager */

/* Reads the one file a pick names (a regular file, or a hard link: its target's content).
 * Returns DONE with *out filled (free with layer_content_free), CANCELLED, or FAILED with *err
 * ("… is a directory, not a file", "… was not found in the image's archive": the image changed
 * since the tree was read). */
enum archive_result layer_stream_content(const struct layer_source *src, const struct layer_pick *p,
					 size_t max, struct layer_content *out, struct cancel *c,
					 char **err);
void layer_content_free(struct layer_content *c);

struct layer_extract_opts {
	const char *dest;	/* an existing directory; the pick's top is created in it under its
				 * own name ("/etc/ssl" into /tmp/x gives /tmp/x/ssl/…) */
	bool overwrite;		/* replace what exists; else an existing top refuses the whole
				 * extraction before the engine is asked, and an existing file below
				 * is skipped (reported), as tar -k does */
	bool owners;		/* restore uid:gid too; only honoured for root (as tar does); else
				 * files are the caller's, with the image's permissions except
				 * setuid/setgid (dropped, as tar does for non-root) */
	layer_progress_fn progress;	/* may be NULL */
	void *ctx;
	uint64_t expected;
	struct cancel *cancel;	/* may be NULL: a cancel leaves what was written so far */
};

/* What an extraction wrote. */
struct layer_extract_result {
	size_t files, dirs, links;	/* links: symlinks and hard links */
	uint64_t bytes;			/* of file content */
	size_t skipped;			/* entries refused or failed: see report */
	char *report;			/* one line per skipped entry ("PATH: why", sanitized),
					 * NULL when none; caller frees */
	char *top;			/* the path written for the pick's top (dest/NAME) */
};

/* Extracts the pick into o->dest with the safety of tar: a name that is absolute or holds
 * ".." is refused, nothing is written through a symlink (on disk or extracted before:
 * libarchive's ARCHIVE_EXTRACT_SECURE_SYMLINKS and _NODOTDOT), devices and FIFOs are skipped
 * for non-root, permissions and times are kept. Returns DONE (res filled; some entries may have
 * been skipped: see res->report), ARCHIVE_RESULT_EXISTS (the top exists and overwrite is not
 * set: nothing was written), CANCELLED, or FAILED with *err (dest is not a directory, the
 * engine failed, the archive broke; what was written stays). Free res with
 * layer_extract_result_free. */
enum archive_result layer_stream_extract(const struct layer_source *src, const struct layer_pick *p,
					 const struct layer_extract_opts *o,
					 struct layer_extract_result *res, char **err);
void layer_extract_result_free(struct layer_extract_result *r);

#endif
