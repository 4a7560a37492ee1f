#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http.h"
#include "logs.h"
#include "xalloc.h"

void
log_parser_init(struct log_parser *p, bool tty, bool timestamps, size_t max_line_bytes,
		log_line_fn emit, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->tty = tty;
	p->timestamps = timestamps;
	p->max_line = max_line_bytes ? max_line_bytes : LOG_DEFAULT_MAX_LINE;
	p->emit = emit;
	p->ctx = ctx;
	for (int k = 0; k < 3; k++)
		p->s[k].at_start = true;
}

static bool
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* RFC3339 with an optional fraction: "2026-12-05T14:27:36.380927272Z", "…+09:00". */
static bool
is_timestamp(const char *s, size_t n)
{
	if (n < 20 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-'
	    || !digits(s + 8, 2) || s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':'
	    || !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
		return false;
	size_t i = 19;
	if (s[i] == '.') {
		size_t start = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == start)
			return false;
	}
	if (i < n && s[i] == 'Z')
		return i + 1 == n;
	return i + 6 == n && (s[i] == '+' || s[i] == '-') && digits(s + i + 1, 2) && s[i + 3] == ':'
	       && digits(s + i + 4, 2);
}

/* Bytes of a UTF-8 sequence cut at the end of s[0..n), to drop with a truncated line. */
static size_t
cut_sequence(const char *s, size_t n)
{
	for (size_t back = 1; back <= 4 && back <= n; back++) {
		unsigned char c = (unsigned char)s[n - back];
		if ((c & 0xC0) == 0x80)
			continue;	/* a continuation byte: look further back */
		size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return need > back ? back : 0;
	}
	return 0;
}

static void
append(struct log_parser *p, int k, const char *data, size_t n)
{
	struct strbuf *line = &p->s[k].line;
	if (line->len + n > p->max_line) {
		p->s[k].truncated = true;
		n = p->max_line > line->len ? p->max_line - line->len : 0;
	}
	if (n)
		sb_append(line, data, n);
}

static void
emit_line(struct log_parser *p, int k)
{
	struct strbuf *line = &p->s[k].line;
	size_t len = line->len;
	if (p->s[k].truncated)
		len -= cut_sequence(line->buf, len);
	else if (len && line->buf[len - 1] == '\r')
		len--;
	struct log_line l = {
		.text = line->buf ? line->buf : "",
		.len = len,
		.stream = (enum log_stream)(k + 1),
		.truncated = p->s[k].truncated,
	};
	if (line->buf)
		line->buf[len] = '\0';
	memcpy(l.time, p->s[k].ts, sizeof(l.time));
	if (p->emit)
		p->emit(&l, p->ctx);
	line->len = 0;
	if (line->buf)
		line->buf[0] = '\0';
	p->s[k].truncated = false;
	p->s[k].ts[0] = '\0';
	p->s[k].at_start = true;
}

/* The bytes held as a possible timestamp were not one: they are text. */
static void
flush_pre(struct log_parser *p, int k)
{
	append(p, k, p->s[k].pre, p->s[k].npre);
	p->s[k].npre = 0;
	p->s[k].at_start = false;
}

/* Payload bytes of stream k (0 stdout, 1 stderr, 2 system). */
static void
feed_stream(struct log_parser *p, int k, const char *data, size_t n)
{
	while (n) {
		if (p->s[k].at_start && p->timestamps) {
			char c = *data;
			if (c == ' ') {
				if (is_timestamp(p->s[k].pre, p->s[k].npre)) {
					/* A continuation frame of a split message repeats the time:
					 * the line keeps its first. */
					if (p->s[k].line.len == 0) {
						memcpy(p->s[k].ts, p->s[k].pre, p->s[k].npre);
						p->s[k].ts[p->s[k].npre] = '\0';
					}
					p->s[k].npre = 0;
					p->s[k].at_start = false;
					data++, n--;
				} else {
					flush_pre(p, k);
				}
			} else if (c == '\n' || p->s[k].npre == LOG_TIME_MAX - 1) {
				flush_pre(p, k);
			} else {
				p->s[k].pre[p->s[k].npre++] = c;
				data++, n--;
			}
			continue;
		}
		p->s[k].at_start = false;
		const char *nl = memchr(data, '\n', n);
		size_t chunk = nl ? (size_t)(nl - data) : n;
		append(p, k, data, chunk);
		data += chunk, n -= chunk;
		if (nl) {
			emit_line(p, k);
			data++, n--;
		}
	}
}

void
log_parser_feed(struct log_parser *p, const char *data, size_t len)
{
	while (len) {
		if (p->tty || p->desync) {
			feed_stream(p, 0, data, len);
			return;
		}
		if (p->left == 0) {
			size_t k = 8 - p->hlen;
			if (k > len)
				k = len;
			memcpy(p->hdr + p->hlen, data, k);
			p->hlen += k, data += k, len -= k;
			if (p->hlen < 8)
				return;
			p->hlen = 0;
			if (p->hdr[0] > 3 || p->hdr[1] || p->hdr[2] || p->hdr[3]) {
				/* Not a frame: a TTY container taken for one without, or junk. Show
				 * the bytes rather than lose them. */
				p->desync = true;
				feed_stream(p, 0, (const char *)p->hdr, 8);
				continue;
			}
			p->stream = p->hdr[0] ? p->hdr[0] : 1;
			p->left = (uint32_t)p->hdr[4] << 24 | (uint32_t)p->hdr[5] << 16
				  | (uint32_t)p->hdr[6] << 8 | p->hdr[7];
			int s = p->stream - 1;
			if (p->s[s].npre == 0 && p->left)
				p->s[s].at_start = true;	/* a frame is a message */
			continue;
		}
		size_t k = p->left < len ? p->left : len;
		feed_stream(p, p->stream - 1, data, k);
		p->left -= (uint32_t)k, data += k, len -= k;
	}
}

void
log_parser_finish(struct log_parser *p)
{
	for (int k = 0; k < 3; k++) {
		if (p->s[k].npre)
			flush_pre(p, k);
		if (p->s[k].line.len || p->s[k].truncated)
			emit_line(p, k);
	}
	p->hlen = 0;
	p->left = 0;
}

void
log_parser_free(struct log_parser *p)
{
	for (int k = 0; k < 3; k++)
		sb_free(&p->s[k].line);
}

void
log_ring_init(struct log_ring *r, size_t max_lines, size_t max_bytes)
{
	memset(r, 0, sizeof(*r));
	r->cap = max_lines ? max_lines : 1;
	r->max_bytes = max_bytes;
	r->items = xcalloc(r->cap, sizeof(*r->items));
}

static void
drop_oldest(struct log_ring *r)
{
	struct log_ring_item *it = &r->items[r->head];
	r->bytes -= it->len;
	free(it->text);
	it->text = NULL;
	r->head = (r->head + 1) % r->cap;
	r->count--;
}

void
log_ring_push(struct log_ring *r, const struct log_line *line)
{
	if (r->count == r->cap)
		drop_oldest(r);
	while (r->max_bytes && r->count && r->bytes + line->len > r->max_bytes)
		drop_oldest(r);
	struct log_ring_item *it = &r->items[(r->head + r->count) % r->cap];
	it->text = xstrndup(line->text, line->len);
	/* xstrndup stops at a NUL; the text keeps its length and bytes. */
	if (memchr(line->text, '\0', line->len)) {
		free(it->text);
		it->text = xmalloc(line->len + 1);
		memcpy(it->text, line->text, line->len);
		it->text[line->len] = '\0';
	}
	it->len = line->len;
	it->stream = line->stream;
	it->truncated = line->truncated;
	memcpy(it->time, line->time, sizeof(it->time));
	r->count++;
	r->bytes += line->len;
	r->total++;
}

void
log_ring_push_fn(const struct log_line *line, void *ring)
{
	log_ring_push(ring, line);
}

const struct log_ring_item *
log_ring_get(const struct log_ring *r, size_t i)
{
	return i < r->count ? &r->items[(r->head + i) % r->cap] : NULL;
}

void
log_ring_clear(struct log_ring *r)
{
	while (r->count)
		drop_oldest(r);
	r->head = 0;
	r->total = 0;
}

void
log_ring_free(struct log_ring *r)
{
	log_ring_clear(r);
	free(r->items);
	memset(r, 0, sizeof(*r));
}

char *
logs_path(const char *id, const struct logs_query *q)
{
	char *eid = http_escape(id);
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "/containers/%s/logs?", eid);
	free(eid);
	bool out = !q->no_stdout, err = !q->no_stderr;
	if (!out && !err)
		out = err = true;	/* the engine refuses neither: 400 */
	sb_printf(&sb, "stdout=%d&stderr=%d", out, err);
	if (q->follow)
		sb_puts(&sb, "&follow=1");
	if (q->timestamps)
		sb_puts(&sb, "&timestamps=1");
	if (q->tail >= 0)
		sb_printf(&sb, "&tail=%ld", q->tail);
	const char *names[2] = { "since", "until" };
	const char *vals[2] = { q->since, q->until };
	for (int i = 0; i < 2; i++) {
		if (!vals[i] || !*vals[i])
			continue;
		char *v = http_escape(vals[i]);
		sb_printf(&sb, "&%s=%s", names[i], v);
		free(v);
	}
	return sb_detach(&sb);
}

/* Go's time.ParseDuration, in nanoseconds (as a double: a log window needs no more). */
static bool
go_duration(const char *s, double *ns)
{
	static const struct { const char *u; double ns; } units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "\xc2\xb5s", 1e3 }, { "\xce\xbcs", 1e3 }, { "ms", 1e6 },
		{ "s", 1e9 }, { "m", 60e9 }, { "h", 3600e9 },
	};
	double sign = 1, total = 0;
	if (*s == '-' || *s == '+')
		sign = *s++ == '-' ? -1 : 1;
	if (!*s)
		return false;
	while (*s) {
		char *end;
		if (!((*s >= '0' && *s <= '9') || *s == '.'))
			return false;
		double v = strtod(s, &end);
		if (end == s)
			return false;
		s = end;
		size_t best = 0;
		double mult = 0;
		for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
			size_t n = strlen(units[i].u);
			if (strncmp(s, units[i].u, n) == 0 && n > best)
				best = n, mult = units[i].ns;
		}
		if (!best)
			return false;
		s += best;
		total += v * mult;
	}
	*ns = sign * total;
	return true;
}

bool
logs_time_value(const char *s, long long now, char **out)
{
	*out = NULL;
	if (!s || !*s)
		return false;
	double ns;
	if (strcmp(s, "0") != 0 && go_duration(s, &ns)) {
		/* The CLI sends whole seconds for a duration. */
		*out = xasprintf("%lld", now - (long long)(ns / 1e9));
		return true;
	}
	size_t n = strlen(s);
	size_t d = strspn(s, "0123456789");
	if (d > 0 && (d == n || (s[d] == '.' && strspn(s + d + 1, "0123456789") == n - d - 1 && n > d + 1))) {
		*out = xstrdup(s);
		return true;
	}
	/* 2006-01-02[T15:04[:05[.999999999]]][Z|±07:00] */
	if (n < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return false;
	struct tm tm = { 0 };
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	const char *p = s + 10;
	long nanos = 0;
	if (*p == 'T') {
		if (!digits(p + 1, 2) || p[3] != ':' || !digits(p + 4, 2))
			return false;
		tm.tm_hour = atoi(p + 1);
		tm.tm_min = atoi(p + 4);
		p += 6;
		if (*p == ':') {
			if (!digits(p + 1, 2))
				return false;
			tm.tm_sec = atoi(p + 1);
			p += 3;
			if (*p == '.') {
				int places = 0;
				for (p++; *p >= '0' && *p <= '9'; p++)
					if (places++ < 9)
						nanos = nanos * 10 + (*p - '0');
				if (!places)
					return false;
				for (; places < 9; places++)
					nanos *= 10;
			}
		}
	}
	if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59
	    || tm.tm_sec > 60)
		return false;
	long long t;
	if (*p == 'Z' && !p[1]) {
		t = (long long)timegm(&tm);
	} else if ((*p == '+' || *p == '-') && digits(p + 1, 2) && p[3] == ':' && digits(p + 4, 2) && !p[6]) {
		int off = atoi(p + 1) * 3600 + atoi(p + 4) * 60;
		t = (long long)timegm(&tm) - (*p == '+' ? off : -off);
	} else if (!*p) {
		tm.tm_isdst = -1;
		t = (long long)mktime(&tm);
	} else {
		return false;
	}
	*out = xasprintf("%lld.%09ld", t, nanos);
	return true;
}
