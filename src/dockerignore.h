/* .dockerignore as the docker CLI reads and applies it to a build context (docker 20.10-24:
 * buildkit's dockerignore.ReadAll, moby/patternmatcher, the CLI's TrimBuildFilesFromExcludes
 * and the tar walk of pkg/archive.TarWithOptions):
 *
 * - Reading: a UTF-8 BOM is dropped from the first line; lines end at '\n' (a '\r' before it is
 *   dropped); a line starting with '#' is a comment; the rest is trimmed of white space; a
 *   leading '!' makes an exception (trimmed again); the pattern is cleaned as Go's
 *   filepath.Clean and one leading '/' is dropped ("/build" is "build").
 * - A pattern: '*' is any run of characters but '/', '?' one character but '/', "[...]" a
 *   class ('^' negates, ranges, '\' escapes), '\' makes the next character literal, "**" any
 *   number of directories (alone it is everything; after "a/" it is all below a; before
 *   "/x.log" it is x.log anywhere); as patternmatcher does, a pattern that starts with "**" and has no other
 *   wildcard is a suffix test ("**foo" matches "barfoo"). A malformed class or a trailing '\'
 *   is a syntax error, as for the CLI ("syntax error in pattern").
 * - Matching a path ("a/b/c", relative, '/'-separated): every pattern is tried against the
 *   path and each of its parent directories; the last pattern that matches decides (excluded,
 *   or kept when it is an exception). So a pattern that matches a directory excludes all below
 *   it, and "!dir/keep" brings one file back.
 * - Skipping: an excluded directory is not read at all, unless an exception pattern's text
 *   begins with the directory's path and '/' (docker's rule: "!node_modules/keep" keeps
 *   node_modules open, "!**" then "/keep" does not, in docker as here). An excluded directory that is
 *   read is not sent itself; what is kept below it is.
 *
 * Where docker differs between its versions budu follows 23-24 (patternmatcher): '+', '(', ')',
 * '{', '}', '|' are literal (20.10 handed them to its regexp), and a path's every parent is
 * tried (20.10 tried only the one as deep as the pattern, which differs for "**" patterns
 * reopened by an exception). Inside a class and after '\' docker hands the text to Go's
 * regexp; budu reads it as Go's filepath.Match does, which agrees but for RE2-only syntax
 * ("[[:alpha:]]", "\d").
 *
 * Plain data, no I/O: any thread, one thread per struct dockerignore at a time.
 * Cost: matching is O(patterns x path length) per path with the walk's parent state
 * (dockerignore_match_walk), O(patterns x depth x length) without it. */
#ifndef BUDU_DOCKERIGNORE_H
#define BUDU_DOCKERIGNORE_H

#include <stdbool.h>
#include <stddef.h>

struct ignore_pattern;

struct dockerignore {
	struct ignore_pattern *pats;
	size_t n;
	bool exceptions;	/* some pattern is an exception ('!') */
};

#define DOCKERIGNORE_INIT { NULL, 0, false }

/* Reads the text of a .dockerignore (text[0..len), no NUL needed) into its pattern lines, as
 * the CLI does: comments and blank lines dropped, each line trimmed and cleaned ("!x" for an
 * exception). *lines is a new array of new strings (strv_free). False with a translated *err
 * only for a line of 64 KiB or more (Go's bufio.Scanner refuses it, and so does docker). */
bool dockerignore_read(const char *text, size_t len, char ***lines, size_t *n, char **err);

/* Compiles the pattern lines (dockerignore_read's, or any list docker would take) into di,
 * which must be DOCKERIGNORE_INIT or emptied by dockerignore_free. False with a translated
 * *err: "illegal exclusion pattern: \"!\"" or "syntax error in pattern" (the CLI's words);
 * di is left empty then. */
bool dockerignore_compile(struct dockerignore *di, char *const *lines, size_t n, char **err);

/* Appends one pattern line ("!Dockerfile"); false with *err as dockerignore_compile. */
bool dockerignore_add(struct dockerignore *di, const char *line, char **err);

void dockerignore_free(struct dockerignore *di);

/* Whether path ("a/b/c": relative to the context, '/'-separated; it is cleaned first, and
 * "." is never excluded) is excluded: patternmatcher's MatchesOrParentMatches. */
bool dockerignore_matches(const struct dockerignore *di, const char *path);

/* The same for a walker that goes down the tree: parent is the state of path's directory
 * (NULL for an entry of the context root), state receives path's own (dockerignore_state_size
 * bytes; keep it while walking below path). path must be clean. */
size_t dockerignore_state_size(const struct dockerignore *di);
bool dockerignore_match_walk(const struct dockerignore *di, const char *path,
			     const unsigned char *parent, unsigned char *state);

/* Whether an excluded directory dir can be left unread (see Skipping above). */
bool dockerignore_can_skip_dir(const struct dockerignore *di, const char *dir);

/* The CLI's TrimBuildFilesFromExcludes: when .dockerignore or the Dockerfile (its path in the
 * context, '/'-separated; NULL for none) is excluded, an exception for it is appended, so that
 * both are always sent (the engine drops them from the context itself). As in the CLI the test
 * is the older Matches, which tries only the parent as deep as each pattern. */
void dockerignore_keep_build_files(struct dockerignore *di, const char *dockerfile);

/* Go's filepath.Clean for a '/'-separated path: "" is ".", "a//b/./c/.." is "a/b", "/../x" is
 * "/x", no trailing '/' but for "/". New string. */
char *path_clean(const char *path);

#endif
