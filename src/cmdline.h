/* Prompts take what people type or paste, often a whole docker command line: this splits it
 * into words as a shell would, and reads option values the way the docker CLI (Go) does. */
#ifndef BUDU_CMDLINE_H
#define BUDU_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

struct words {
	char **v;
	size_t n, cap;
};

/* Splits s as a POSIX shell splits words (no expansion): '…' keeps everything, "…" lets a
 * backslash escape " \ $ ` and a line break, a backslash outside quotes escapes any byte, and
 * a backslash-newline joins lines. Blanks include U+00A0 and U+3000 (pasted from web pages
 * and Korean input methods). False, with no words, on an unterminated quote. */
bool words_split(const char *s, struct words *w);
void words_free(struct words *w);
bool word_is(const struct words *w, size_t i, const char *s);

/* The index of the first word after a pasted command: an optional "$" or "#" prompt, "sudo",
 * then "docker" or "podman" with `sub` ("pull", "search") or "image sub". "docker" alone is
 * not a command (an image can be named so). *pasted (may be NULL) tells whether one was there. */
size_t words_skip_command(const struct words *w, const char *sub, bool *pasted);

/* Bytes of the blank at s (space, tab, line breaks, U+00A0, U+3000), 0 when none. */
size_t cmdline_blank_len(const char *s);
/* Go's strconv.ParseBool, which the CLI's flags use for "--all-tags=false". */
bool cmdline_parse_bool(const char *s, bool *v);
/* fmt with the sanitized word in its one %s: error messages quote what was typed. New string. */
char *cmdline_error(const char *fmt, const char *word);

#endif
