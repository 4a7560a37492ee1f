/* A directory sent as a tar, made as it goes (docker import of a directory): what
 * `tar -C DIR -c .` would make, with libarchive: paths "./…" (the directory itself is "."),
 * owners as numbers only, every mode bit (setuid, setgid, sticky), symbolic links as links
 * (never followed, but DIR itself may be one), hard links as links to the first path, devices
 * and FIFOs; sockets are left out (tar leaves them out too), and so are extended attributes,
 * ACLs and file flags (tar without --xattrs --acls). Mount points below DIR are kept as empty
 * directories: another file system mounted inside (a /proc, a bind mount) is not read.
 * pax format (restricted: extended headers only for long names, big numbers and the like).
 *
 * Threads: one worker thread uses a source from open to close. Cost: open walks the tree once
 * (metadata only) for the size estimate; then every file is read once, 64 KiB at a time; at
 * most a chunk and a tar record (10 KiB) are held; memory for hard links grows with the
 * number of files that have several links. */
#ifndef BUDU_ARCHIVE_DIR_H
#define BUDU_ARCHIVE_DIR_H

#include <stdbool.h>
#include <stdint.h>

struct archive_dir;
struct archive_meter;
struct cancel;

/* Checks that dir is a directory that can be read and estimates the tar's size (see
 * archive_dir_total). NULL with *err (translated, caller frees) when it cannot, or when c was
 * cancelled during the estimate. c may be NULL; it is looked at between files later too. */
struct archive_dir *archive_dir_open(const char *dir, struct cancel *c, char **err);
/* The tar's size as estimated by open (headers, data, padding): a total for progress. */
uint64_t archive_dir_total(const struct archive_dir *d);
/* The meter (archive_stream.h) the stream reports to as it is read: done is tar bytes made. */
void archive_dir_set_meter(struct archive_dir *d, struct archive_meter *m);
/* An engine_body_fn (engine.h): the tar, chunk by chunk; 0 at its end, -1 on an error (see
 * archive_dir_error) or a cancel. */
long archive_dir_read(char *buf, size_t size, void *ctx);
/* Why the stream stopped (translated), or NULL. */
const char *archive_dir_error(const struct archive_dir *d);
/* Sockets left out so far. */
size_t archive_dir_skipped(const struct archive_dir *d);
void archive_dir_close(struct archive_dir *d);

#endif
