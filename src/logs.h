/* A container's logs (GET /containers/{id}/logs, doc §4): the request path, a parser that turns
 * the response body into lines, and a bounded ring of the last lines for the log pane.
 *
 * The body is stdcopy frames (8-byte header: stream, 0, 0, 0, big-endian length) unless the
 * container has a TTY (Config.Tty), then raw bytes. Frames and headers span reads; both forms
 * are split into lines here ("\n", a "\r" before it dropped), a line's unterminated tail
 * carried to the next read, per stream. With timestamps=1 each line starts with an RFC3339Nano
 * time and a space: it is split off into the line's own field.
 *
 * Thread model: a parser and a ring belong to one thread each (the worker feeding the body;
 * whoever draws); nothing is shared or locked. Cost: linear in the bytes fed; a line is capped
 * (max_line_bytes, the rest dropped and the line marked) and the ring holds at most max_lines
 * lines and max_bytes of text, so millions of lines pass in bounded memory. */
#ifndef BUDU_LOGS_H
#define BUDU_LOGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

enum log_stream {
	LOG_STDOUT = 1,		/* also stdin (0) and everything of a TTY container */
	LOG_STDERR = 2,
	LOG_SYSTEM = 3,		/* the daemon's own error text ("Error grabbing logs: …") */
	LOG_STEP = 4,		/* not from a container: a build's step ("Step 2/5 : RUN …") */
};

/* A time as the engine prints it: "2026-12-05T14:27:36.380927272Z" (30 bytes); longer with an
 * offset. */
#define LOG_TIME_MAX 40

struct log_line {
	const char *text;	/* without the line break; raw engine bytes, may hold NUL and
				 * escapes: sanitize before drawing */
	size_t len;
	enum log_stream stream;
	bool truncated;		/* longer than max_line_bytes: the rest was dropped */
	char time[LOG_TIME_MAX];	/* the timestamp split off, "" when none */
};

/* Called for each complete line; line and its text are valid during the call only. */
typedef void (*log_line_fn)(const struct log_line *line, void *ctx);

#define LOG_DEFAULT_MAX_LINE 16384	/* docker's json-file splits messages at 16 KiB too */

struct log_parser {
	bool tty, timestamps;
	size_t max_line;
	log_line_fn emit;
	void *ctx;
	bool desync;		/* a header that cannot be one came: the rest is read as raw */
	/* demultiplexer */
	unsigned char hdr[8];
	size_t hlen;
	uint32_t left;		/* payload bytes left in the current frame */
	int stream;		/* of the current frame, 1..3 */
	/* per stream (index stream - 1): the unterminated line, and a timestamp being read */
	struct {
		struct strbuf line;
		bool truncated;
		bool at_start;		/* the next bytes start a line (or a frame) */
		char ts[LOG_TIME_MAX];	/* the time of the line in `line` */
		char pre[LOG_TIME_MAX + 1];	/* bytes of a possible timestamp, at_start only */
		size_t npre;
	} s[3];
};

/* tty: Config.Tty of the container; timestamps: the request asked for them; max_line_bytes 0
 * for LOG_DEFAULT_MAX_LINE. */
void log_parser_init(struct log_parser *p, bool tty, bool timestamps, size_t max_line_bytes,
		     log_line_fn emit, void *ctx);
/* Any chunk of the body, as http's on_data gets it. */
void log_parser_feed(struct log_parser *p, const char *data, size_t len);
/* The body ended: the unterminated last line of each stream is emitted. */
void log_parser_finish(struct log_parser *p);
void log_parser_free(struct log_parser *p);

/* The last lines, oldest first. */
struct log_ring {
	struct log_ring_item {
		char *text;	/* NUL-terminated too */
		size_t len;
		enum log_stream stream;
		bool truncated;
		char time[LOG_TIME_MAX];
	} *items;
	size_t cap, head, count;
	size_t max_bytes, bytes;
	uint64_t total;		/* lines ever pushed: line i of the ring is number total-count+i */
};

/* max_lines >= 1; max_bytes 0 for no byte budget (then max_lines * max_line_bytes bounds it). */
void log_ring_init(struct log_ring *r, size_t max_lines, size_t max_bytes);
/* Copies line in, dropping the oldest lines beyond the limits. Fits log_line_fn with the ring
 * as ctx: log_parser_init(&p, tty, ts, 0, log_ring_push_fn, &ring). */
void log_ring_push(struct log_ring *r, const struct log_line *line);
void log_ring_push_fn(const struct log_line *line, void *ring);
/* Line i, 0 the oldest held; NULL past the end. */
const struct log_ring_item *log_ring_get(const struct log_ring *r, size_t i);
void log_ring_clear(struct log_ring *r);
void log_ring_free(struct log_ring *r);

struct logs_query {
	bool follow;
	bool timestamps;
	bool no_stdout, no_stderr;	/* both false: both streams (at least one is required) */
	long tail;		/* lines from the end; < 0 for all */
	const char *since;	/* as the engine takes it (Unix seconds[.nanoseconds], see
				 * logs_time_value), NULL for none */
	const char *until;
};

/* "/containers/<id>/logs?stdout=1&stderr=1&tail=500&follow=1&timestamps=1&since=…", id escaped;
 * for engine_stream or engine_request (which add the version). New string. */
char *logs_path(const char *id, const struct logs_query *q);

/* What `docker logs --since/--until` takes, as the engine wants it: a Go duration before now
 * ("10m", "1h30m", "2.5s"), an RFC3339 time ("2026-12-05T14:30:00Z", with fraction or offset;
 * without a zone, local time), a date ("2026-12-05"), or Unix seconds[.fraction] (passed on).
 * now: Unix seconds (the engine's clock when known). True with *out a new string
 * ("1796480278.000000000"), or false. */
bool logs_time_value(const char *s, long long now, char **out);

#endif
