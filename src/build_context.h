/* The build context as the docker CLI sends it to POST /build: a tar of a directory, made
 * through libarchive as it is sent, chunk by chunk, never whole in memory.
 *
 * What goes in, and how, follows the CLI (20.10's archive.TarWithOptions with ChownOpts 0:0):
 * - the directory is walked depth first, each directory's names in byte order (Go's
 *   filepath.Walk); the root itself is not an entry; paths are relative ("sub/a.txt",
 *   directories "sub/");
 * - .dockerignore (dockerignore.h, with the build files kept) decides; an excluded directory
 *   that may be skipped is never opened, however large or unreadable;
 * - symbolic links are sent as links, never followed; hard links within the context as tar hard
 *   links to the first name; FIFOs as FIFOs; sockets are left out (the CLI cannot tar them);
 * - owner 0:0 but the owner's user and group names (the CLI resets the ids, Go still looks the
 *   names up); mtime in whole seconds; no atime or ctime; of the extended attributes only
 *   security.capability;
 * - the mode field keeps the file type bits (0100644, 040755: Go 1.8's, which docker 20.10
 *   restores). libarchive writes only 07777 there, so each header is rewritten as it is made.
 *   It matters: the engine hashes the headers into COPY's cache key, the "COPY dir:<hash>" that
 *   `docker history` shows, and budu's build must give docker's.
 * - A Dockerfile from outside the context is added at the end under extra_name (the CLI's
 *   ".dockerfile.<20 hex>", mode 0600), and that name appended to .dockerignore's text (sent
 *   in place of the file, or added when there is none), so that the engine drops it again.
 *
 * Errors are the CLI's ("error checking context: can't stat '/abs/path'", "... no permission to
 * read from '...'"), translated, with the path sanitized. The CLI checks the whole tree before
 * sending; budu finds them as it goes, so such a build stops with the upload (the engine has
 * not started it: it reads the whole context first).
 *
 * Threads: one struct build_context is used by one thread (the worker inside engine_upload,
 * whose body callback build_context_read is); build_context_stats may be called from any
 * thread meanwhile.
 * Cost: memory is the directory stack (each open directory's sorted names) plus one 64 KiB
 * read buffer and the tar header being made; every file sent is read once; excluded files are
 * not even stat()ed. */
#ifndef BUDU_BUILD_CONTEXT_H
#define BUDU_BUILD_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockerignore.h"

struct build_context;

struct build_context_opts {
	const char *root;		/* the context directory, absolute, symlinks resolved */
	const struct dockerignore *ignore;	/* borrowed until build_context_free; NULL: none */
	/* A Dockerfile from outside the context, or extra_name NULL: */
	const char *extra_name;		/* ".dockerfile.<20 hex>" (build_random_dockerfile_name) */
	const char *extra_data;		/* its text */
	size_t extra_len;
	const char *ignore_text;	/* the context's .dockerignore as read (NULL: none) */
	size_t ignore_len;
};

struct build_context_stats {
	uint64_t entries;	/* tar entries made: files, directories, links */
	uint64_t files;		/* regular files (and hard links to them) among them */
	uint64_t data_bytes;	/* the files' bytes read so far */
	uint64_t tar_bytes;	/* the tar handed out so far: "Sending build context ... 9.728kB" */
	uint64_t skipped_dirs;	/* excluded directories left unread */
	bool done;		/* the whole tar was handed out */
	bool failed;		/* build_context_error says why */
};

/* Opens the root and reads its names; NULL with a translated *err when it cannot. Any thread. */
struct build_context *build_context_new(const struct build_context_opts *o, char **err);

/* engine_upload's body callback (engine_body_fn): up to size bytes of the tar, 0 at its end,
 * -1 on an error (build_context_error). Runs on the uploading worker. */
long build_context_read(char *buf, size_t size, void *bc);

/* Why build_context_read returned -1, translated; NULL when it did not. */
const char *build_context_error(const struct build_context *bc);

/* Counters so far; any thread. */
void build_context_stats(const struct build_context *bc, struct build_context_stats *out);

void build_context_free(struct build_context *bc);

#endif
