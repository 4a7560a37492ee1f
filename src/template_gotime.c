/* Go's time.Time and time.Duration as the engine writes and Go prints them. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "gojson.h"
#include "i18n.h"
#include "strbuf.h"
#include "template_internal.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * time.Time and time.Duration
 */

static bool
digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return false;
		v = v * 10 + (s[k] - '0');
	}
	*out = v;
	return true;
}

/* RFC 3339 as the engine writes time.Time (RFC3339Nano); a missing value is Go's zero time. */
bool
time_parse(const char *s, struct gotime *t)
{
	memset(t, 0, sizeof(*t));
	if (s == NULL || *s == '\0') {
		t->year = t->mon = t->day = 1;
		t->utc = true;
		return true;
	}
	if (strlen(s) < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
	    s[16] != ':' || !digits(s, 4, &t->year) || !digits(s + 5, 2, &t->mon) ||
	    !digits(s + 8, 2, &t->day) || !digits(s + 11, 2, &t->hour) || !digits(s + 14, 2, &t->min) ||
	    !digits(s + 17, 2, &t->sec))
		return false;
	const char *p = s + 19;
	if (*p == '.') {
		size_t k = 0;
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (k < 9)
				t->frac[k++] = *p;
		while (k > 0 && t->frac[k - 1] == '0')
			k--;
		t->frac[k] = '\0';
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		t->utc = true;
		return true;
	}
	int oh, om;
	if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':' && digits(p + 1, 2, &oh) &&
	    digits(p + 4, 2, &om)) {
		t->offset = (*p == '-' ? -1 : 1) * (oh * 60 + om);
		return true;
	}
	return false;
}

/* time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST". A fixed offset that is not
 * UTC has no zone name, so Go prints the offset twice (unless it is the local zone of the
 * machine running docker, which budu cannot know). */
void
time_string(struct strbuf *sb, const char *s)
{
	struct gotime t;
	if (!time_parse(s, &t)) {
		sb_puts(sb, s);
		return;
	}
	sb_printf(sb, "%04d-%02d-%02d %02d:%02d:%02d", t.year, t.mon, t.day, t.hour, t.min, t.sec);
	if (t.frac[0])
		sb_printf(sb, ".%s", t.frac);
	if (t.utc) {
		sb_puts(sb, " +0000 UTC");
	} else {
		int a = t.offset < 0 ? -t.offset : t.offset;
		char sign = t.offset < 0 ? '-' : '+';
		sb_printf(sb, " %c%02d%02d %c%02d%02d", sign, a / 60, a % 60, sign, a / 60, a % 60);
	}
}

static int64_t
days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t
time_unix(const struct gotime *t)
{
	return days_from_civil(t->year, t->mon, t->day) * 86400 + t->hour * 3600 + t->min * 60 + t->sec -
	       (int64_t)t->offset * 60;
}

const char *
time_text(struct val v)
{
	return (v.n && cJSON_IsString(v.n)) ? v.n->valuestring : "";
}

/* Appends the digits of v / 10^prec's fraction, without trailing zeros (and no dot if 0). */
static void
frac_digits(struct strbuf *sb, uint64_t frac, int prec)
{
	char d[20];
	int n = prec;
	for (int k = prec - 1; k >= 0; k--) {
		d[k] = (char)('0' + frac % 10);
		frac /= 10;
	}
	while (n > 0 && d[n - 1] == '0')
		n--;
	if (n > 0) {
		sb_putc(sb, '.');
		sb_append(sb, d, (size_t)n);
	}
}

/* time.Duration.String(): "1m30s", "500ms", "2h0m0s", "0s". */
void
duration_string(struct strbuf *sb, int64_t d)
{
	if (d == 0) {
		sb_puts(sb, "0s");
		return;
	}
	uint64_t u = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
	if (d < 0)
		sb_putc(sb, '-');
	if (u < 1000000000ULL) {
		uint64_t div = 1;
		int prec = 0;
		const char *unit = "ns";
		if (u >= 1000000ULL) {
			div = 1000000ULL;
			prec = 6;
			unit = "ms";
		} else if (u >= 1000ULL) {
			div = 1000ULL;
			prec = 3;
			unit = "\xc2\xb5s";	/* µs */
		}
		sb_printf(sb, "%llu", (unsigned long long)(u / div));
		frac_digits(sb, u % div, prec);
		sb_puts(sb, unit);
		return;
	}
	uint64_t secs = u / 1000000000ULL, mins = secs / 60, hours = mins / 60;
	if (hours > 0)
		sb_printf(sb, "%lluh", (unsigned long long)hours);
	if (mins > 0)
		sb_printf(sb, "%llum", (unsigned long long)(mins % 60));
	sb_printf(sb, "%llu", (unsigned long long)(secs % 60));
	frac_digits(sb, u % 1000000000ULL, 9);
	sb_putc(sb, 's');
}
