/* What the pull and push progress models (pull.h, push.h) share to read the engine's JSON
 * message stream: the limits a hostile stream meets, the layer-status table lookup, texts cut
 * and sanitized, byte counts, the bounded log of other lines and the rows' growth. Pure, any
 * thread (one model per thread), O(length of the text) per call. */
#ifndef BUDU_PROGRESS_STREAM_H
#define BUDU_PROGRESS_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* A hostile stream cannot make a model grow without end: rows past PROGRESS_ROWS_MAX are not
 * added, a log keeps its newest PROGRESS_LOG_MAX lines, and a text is cut at PROGRESS_TEXT_MAX
 * bytes before it is sanitized. */
#define PROGRESS_ROWS_MAX 4096
#define PROGRESS_LOG_MAX 64
#define PROGRESS_TEXT_MAX 1024

/* One layer status the engine writes: the exact text, or with prefix a text it starts
 * ("Retrying in 5 seconds", "Mounted from demo/x": something must follow), and the model's
 * phase for it. */
struct progress_status {
	const char *text;
	bool prefix;
	int phase;
};

/* The phase of status in table[0..n), false when it is not there. */
bool progress_status_phase(const struct progress_status *table, size_t n, const char *status, int *phase);

/* Up to PROGRESS_TEXT_MAX bytes of s[0..len), never cutting a UTF-8 sequence, sanitized (new
 * string). */
char *progress_text(const char *s, size_t len);
char *progress_text_dup(const char *s);
/* *dst = progress_text_dup(s), unless *dst holds that text already (no allocation then). */
void progress_text_replace(char **dst, const char *s);

/* obj[key] as a byte count: whole, >= 0, 0 when absent; hostile values (negative, 1e300)
 * must not make a cast undefined. */
int64_t progress_json_bytes(const cJSON *obj, const char *key);

/* Appends text (taken) to the log of at most PROGRESS_LOG_MAX lines, the oldest going first
 * (counted in *dropped). */
void progress_log_add(char ***log, size_t *nlog, size_t *dropped, char *text);

/* rows (n of elem bytes in use) with room for one more: capacity 16, then the next power of
 * two, so that it is full whenever n is one of them. */
void *progress_grow(void *rows, size_t n, size_t elem);

static inline int64_t
progress_min(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

#endif
