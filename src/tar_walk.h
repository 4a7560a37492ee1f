/* A tar stream followed header by header as its bytes go by, without keeping it: what an upload
 * (load, import) or a save checks before the engine or the disk may take the archive as whole.
 * It reads what Go's archive/tar (the engine's reader) reads: ustar, pax ('x', 'g': path and
 * size records), GNU long names ('L', 'K'), old GNU sparse extension blocks, base-256 sizes,
 * and gives header-only types (links, devices, directories, FIFOs) no data, as Go does.
 *
 * As a filter it passes every byte on except the end-of-archive: data goes on as it comes, a
 * header once its 512 bytes are in and valid, and the zero blocks that end the archive are
 * held back; tar_walk_finish() adds them (1024 zero bytes) only when the archive was whole (and
 * held an image manifest, when one is wanted). A receiver that sees the stream stop before
 * that never sees a complete archive.
 *
 * Pure: no I/O, any thread, one walk per stream. Cost: O(bytes fed); memory: one block, plus a
 * pax or GNU long-name record (at most TAR_WALK_META_MAX bytes, as Go caps them). */
#ifndef BUDU_TAR_WALK_H
#define BUDU_TAR_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define TAR_WALK_META_MAX (1024 * 1024)

struct tar_walk {
	uint64_t offset;	/* bytes fed so far */
	uint64_t left;		/* data and padding of the current entry still to come */
	unsigned char block[512];	/* the header being read */
	size_t have;		/* bytes of it so far */
	int meta;		/* what the current entry's data is: TAR_META_* in tar_walk.c */
	struct strbuf meta_buf;	/* a pax record set or a GNU long name, while it comes */
	uint64_t meta_left;	/* its bytes still to come (then padding, in left) */
	char *next_path;	/* the path a pax or 'L' header gave the next entry, or NULL */
	int64_t next_size;	/* a pax "size" for the next entry, -1 when none */
	bool sparse_ext;	/* old GNU sparse: an extension block comes next */
	uint64_t sparse_data;	/* then this many bytes of data and padding */
	char *path;		/* the current (last) entry's path, for messages; NULL before any */
	size_t entries;		/* entries seen (pax and long-name headers not counted) */
	int zeros;		/* zero blocks seen where a header was due (held back) */
	bool ended;		/* two zero blocks came: the archive is whole; later bytes are ignored */
	bool manifest;		/* a regular file "manifest.json" at the top */
	bool index;		/* a regular file "index.json" at the top (OCI layout) */
	bool failed;
	char *error;		/* translated, when failed */
	uint64_t error_offset;	/* where the bad header began, when failed */
};

void tar_walk_init(struct tar_walk *w);
void tar_walk_free(struct tar_walk *w);

/* Follows data[0..len). With out, appends what may go on (see above). False, with error set,
 * when a header is not one ("not a tar archive" when it is the first, else "corrupt archive:
 * invalid tar header at byte N"); nothing more is passed on then and later calls return false.
 * Bytes after the end-of-archive are taken and dropped. */
bool tar_walk_feed(struct tar_walk *w, const void *data, size_t len, struct strbuf *out);

/* The input ended. True when the archive was whole: it ended with its end-of-archive (one zero
 * block is enough, as for Go), not inside an entry or a header; and, with need_manifest, it
 * held manifest.json or index.json at the top. Then, with out, the end-of-archive is appended
 * (1024 zero bytes). Else false with error: "truncated archive: it ends inside PATH",
 * "truncated archive: no end-of-archive marker after N entries", "not an image archive: no
 * manifest.json", or "empty archive". */
bool tar_walk_finish(struct tar_walk *w, bool need_manifest, struct strbuf *out);

/* The bytes of the header block that failed, or of the incomplete header at the end (after a
 * failed finish): what a save shows when the engine appended an error to the archive. */
const unsigned char *tar_walk_rejected(const struct tar_walk *w, size_t *len);

/* Whether b[0..512) is a valid tar header (checksum, unsigned or signed as Go allows). */
bool tar_header_valid(const unsigned char *b);

#endif
