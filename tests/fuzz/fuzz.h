/* What the libFuzzer targets of tests/fuzz share (built by ./configure --enable-fuzz, run by
 * make fuzz; see tests/fuzz/run.sh). Each target feeds one parser of outside input (engine,
 * registry, archive, or what the user types) with the fuzzer's bytes, checks what the parser
 * promises, and frees everything (LeakSanitizer runs too). Single-threaded, no I/O except the
 * fixed documents read once from tests/fixtures. */
#ifndef BUDU_FUZZ_H
#define BUDU_FUZZ_H

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linesplit.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* data[0..size) as a NUL-terminated string (the caller frees); an inner NUL ends it early,
 * as it would in every C string the program handles. */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Widths are measured with wcwidth, which needs a UTF-8 LC_CTYPE, as the UI sets up. */
static inline void
fuzz_utf8_locale(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8"))
		setlocale(LC_ALL, "en_US.UTF-8");
}

/* A check failed: say which, and crash so that libFuzzer keeps the input. */
/* The target's LLVMFuzzerInitialize: UTF-8 as budu's UI reads it, nothing else. */
#define FUZZ_UTF8_INITIALIZE \
	int LLVMFuzzerInitialize(int *argc, char ***argv) \
	{ \
		(void)argc; \
		(void)argv; \
		fuzz_utf8_locale(); \
		return 0; \
	}

#define FUZZ_ASSERT(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

/* Valid UTF-8, no C0, DEL, C1 or bidirectional control: what may go to the terminal (what
 * src/sanitize.h promises of sanitize()); with lines, '\n' between lines of a text. */
static inline void
fuzz_check_clean_lines(const char *s, bool lines)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		FUZZ_ASSERT(n > 0, "invalid UTF-8 at byte %zu of \"%s\"", i, s);
		if (lines && cp == '\n') {
			i++;
			continue;
		}
		FUZZ_ASSERT(cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp <= 0x9f)
			    && !(cp >= 0x202a && cp <= 0x202e) && !(cp >= 0x2066 && cp <= 0x2069),
			    "control U+%04X at byte %zu of \"%s\"", (unsigned)cp, i, s);
		i += n;
	}
}

/* One line: no line break either. */
static inline void
fuzz_check_clean(const char *s)
{
	fuzz_check_clean_lines(s, false);
}

/* A stream body as the engine's stream reader (src/engine.c) hands it on: through its line
 * splitter (src/linesplit.c, capped here at 4 KiB so that overlong lines come too), fed in
 * chunks of a size the input picks, each line a copy of its own (ASan sees a read past it).
 * The last line counts as terminated. Stops when fn returns false. */
struct fuzz_lines {
	bool (*fn)(const char *line, size_t len, void *ctx);
	void *ctx;
};

static inline bool
fuzz_line_copy(const char *line, size_t len, void *ctx)
{
	struct fuzz_lines *fl = ctx;
	char *copy = malloc(len ? len : 1);
	if (!copy)
		abort();
	memcpy(copy, line, len);
	bool go = fl->fn(copy, len, fl->ctx);
	free(copy);
	return go;
}

static inline void
fuzz_lines(const uint8_t *data, size_t size, bool (*fn)(const char *line, size_t len, void *ctx),
	   void *ctx)
{
	struct fuzz_lines fl = { fn, ctx };
	struct linesplit ls = { .max = 4096 };
	size_t chunk = 1 + size % 61;
	bool go = true;
	for (size_t off = 0; go && off < size; off += chunk) {
		size_t n = size - off < chunk ? size - off : chunk;
		char *piece = malloc(n);
		if (!piece)
			abort();
		memcpy(piece, data + off, n);
		go = linesplit_feed(&ls, piece, n, fuzz_line_copy, &fl);
		free(piece);
	}
	if (go)
		linesplit_feed(&ls, "\n", 1, fuzz_line_copy, &fl);
	linesplit_free(&ls);
}

#endif
