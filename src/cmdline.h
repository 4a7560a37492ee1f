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
/* The same with two %s. */
char *cmdline_error2(const char *fmt, const char *a, const char *b);

/* An option a prompt takes, as the docker CLI declares it (pflag). */
struct cmdline_opt {
	const char *name;	/* the long name, without "--" */
	char shorthand;		/* 0: none */
	bool value;		/* takes a value; else a true/false flag */
	int id;			/* the caller's */
};

/* What one option said: value for an option that takes one; on for a flag (--rm, or
 * --rm=false: off). False with *err stops the parse. */
typedef bool (*cmdline_apply_fn)(void *ctx, const struct cmdline_opt *opt, const char *value, bool on,
				 char **err);

/* Reads the option word w->v[*i] (it starts with '-') as pflag does: --name=v and --name v,
 * -abc (flags together), -p80 and -p=80 and -p 80, -d=false; may take the next word (*i
 * moves on). Calls apply for each option found. False with a translated *err: "unknown option
 * --foo", "unknown option -x in -xd", "flag needs an argument: --name", "invalid value for a
 * true/false option: maybe", or apply's. */
bool cmdline_option(const struct words *w, size_t *i, const struct cmdline_opt *opts, size_t nopts,
		    cmdline_apply_fn apply, void *ctx, char **err);

/* A word that is not an option: false with *err refuses it. */
typedef bool (*cmdline_arg_fn)(void *ctx, const char *word, char **err);
/* w->v[start..] as the CLI reads a command that mixes options and arguments (docker commit,
 * import, build): options through cmdline_option, "--" ends them, "-" and every other word
 * go to arg. */
bool cmdline_parse(const struct words *w, size_t start, const struct cmdline_opt *opts, size_t nopts,
		   cmdline_apply_fn apply, cmdline_arg_fn arg, void *ctx, char **err);

#endif
