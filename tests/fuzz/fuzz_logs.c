/* A container's log body (src/logs.c): stdcopy frames or a TTY's raw bytes, with or without
 * timestamps, fed in chunks of any size as curl gives them, into the log pane's ring. The
 * first byte picks the mode, the line cap and the chunk size. */
#include <stdbool.h>

#include "fuzz.h"
#include "logs.h"

struct sink {
	size_t max_line;
	size_t lines;
	struct log_ring ring;
};

static volatile unsigned touched;

static void
emit(const struct log_line *line, void *ctx)
{
	struct sink *s = ctx;
	FUZZ_ASSERT(line->len <= s->max_line, "a line of %zu bytes over the cap of %zu", line->len,
		    s->max_line);
	FUZZ_ASSERT(line->stream >= LOG_STDOUT && line->stream <= LOG_SYSTEM, "stream %d",
		    (int)line->stream);
	FUZZ_ASSERT(memchr(line->time, '\0', LOG_TIME_MAX) != NULL, "an unterminated time");
	/* Touch every byte: ASan sees a line that points past what it holds. */
	for (size_t i = 0; i < line->len; i++)
		touched += (unsigned char)line->text[i];
	s->lines++;
	log_ring_push(&s->ring, line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned mode = data[0];
	data++;
	size--;
	bool tty = mode & 1, timestamps = mode & 2;
	size_t max_line = (mode & 4) ? 16 : LOG_DEFAULT_MAX_LINE;
	size_t chunk = 1 + (mode >> 3);		/* 1..32 bytes a read */
	struct sink sink = { .max_line = max_line };
	log_ring_init(&sink.ring, 8, 256);
	struct log_parser p;
	log_parser_init(&p, tty, timestamps, max_line, emit, &sink);
	for (size_t off = 0; off < size; off += chunk) {
		size_t n = size - off < chunk ? size - off : chunk;
		char *piece = malloc(n);	/* its own allocation: ASan sees a read past it */
		memcpy(piece, data + off, n);
		log_parser_feed(&p, piece, n);
		free(piece);
	}
	log_parser_finish(&p);
	log_parser_free(&p);
	log_ring_free(&sink.ring);
	return 0;
}
