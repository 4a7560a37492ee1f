#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "i18n.h"
#include "sanitize.h"

static const char *const size_units[] = {
	"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB",
};

void
format_size(char *buf, size_t n, int64_t bytes)
{
	format_size_prec(buf, n, (double)bytes, 3);
}

void
format_size_prec(char *buf, size_t n, double bytes, int precision)
{
	if (n == 0)
		return;
	if (!(bytes > 0))
		bytes = 0;	/* a hostile negative (or NaN) size shows as 0B, never "-2B" */
	size_t unit = 0;
	size_t last = sizeof(size_units) / sizeof(size_units[0]) - 1;
	/* go-units divides before rounding, so 999500 stays in kB and prints as 1e+03kB;
	 * C's %.*g rounds and switches to exponent form exactly like Go's strconv does. */
	while (bytes >= 1000.0 && unit < last) {
		bytes /= 1000.0;
		unit++;
	}
	if (precision < 1)
		precision = 1;
	snprintf(buf, n, "%.*g%s", precision, bytes, size_units[unit]);
}

/* Counts beyond INT_MAX only happen for absurd timestamps; "%d" keeps the msgids simple. */
static int
clamp_int(int64_t v)
{
	return v > INT_MAX ? INT_MAX : (int)v;
}

void
format_duration(char *buf, size_t n, int64_t seconds)
{
	if (n == 0)
		return;
	if (seconds < 1) {
		snprintf(buf, n, "%s", _("Less than a second"));
		return;
	}
	if (seconds == 1) {
		snprintf(buf, n, "%s", _("1 second"));
		return;
	}
	if (seconds < 60) {
		int v = (int)seconds;
		snprintf(buf, n, ngettext("%d second", "%d seconds", (unsigned long)v), v);
		return;
	}
	int64_t minutes = seconds / 60;
	if (minutes == 1) {
		snprintf(buf, n, "%s", _("About a minute"));
		return;
	}
	if (minutes < 60) {
		int v = (int)minutes;
		snprintf(buf, n, ngettext("%d minute", "%d minutes", (unsigned long)v), v);
		return;
	}
	/* Go rounds hours here (d.Hours() + 0.5) but floors them for years below. */
	int64_t hours = seconds / 3600 + (seconds % 3600 >= 1800);
	if (hours == 1) {
		snprintf(buf, n, "%s", _("About an hour"));
		return;
	}
	if (hours < 48) {
		int v = (int)hours;
		snprintf(buf, n, ngettext("%d hour", "%d hours", (unsigned long)v), v);
		return;
	}
	if (hours < 24 * 7 * 2) {
		int v = (int)(hours / 24);
		snprintf(buf, n, ngettext("%d day", "%d days", (unsigned long)v), v);
		return;
	}
	if (hours < 24 * 30 * 2) {
		int v = (int)(hours / 24 / 7);
		snprintf(buf, n, ngettext("%d week", "%d weeks", (unsigned long)v), v);
		return;
	}
	if (hours < 24 * 365 * 2) {
		int v = (int)(hours / 24 / 30);
		snprintf(buf, n, ngettext("%d month", "%d months", (unsigned long)v), v);
		return;
	}
	int v = clamp_int(seconds / 3600 / 24 / 365);
	snprintf(buf, n, ngettext("%d year", "%d years", (unsigned long)v), v);
}

/* Go's time.Sub saturates at its longest Duration (2^63-1 ns, about 292 years): docker prints
 * "292 years ago" for any older time. */
#define GO_MAX_AGE 9223372036LL

/* now - created as Go sees it: saturated at GO_MAX_AGE either way, so a hostile "Created"
 * neither overflows the subtraction nor reads "2147483647 years ago". */
static int64_t
age_of(int64_t now, int64_t created)
{
	if (created < 0 && now > INT64_MAX + created)
		return GO_MAX_AGE;
	if (created > 0 && now < INT64_MIN + created)
		return -GO_MAX_AGE;
	int64_t age = now - created;
	return age > GO_MAX_AGE ? GO_MAX_AGE : age < -GO_MAX_AGE ? -GO_MAX_AGE : age;
}

void
format_created(char *buf, size_t n, int64_t now, int64_t created)
{
	if (n == 0)
		return;
	if (created == FORMAT_ZERO_TIME) {
		snprintf(buf, n, "%s", _("N/A"));
		return;
	}
	char dur[128];
	format_duration(dur, sizeof(dur), age_of(now, created));
	/* TRANSLATORS: %s is a duration such as "3 hours"; the image was created that long ago. */
	snprintf(buf, n, _("%s ago"), dur);
}

#define HOUR 3600LL
#define YEAR (HOUR * 24 * 365)

int64_t
format_duration_next(int64_t seconds)
{
	if (seconds < 1)
		return 1;
	if (seconds < 60)
		return seconds + 1;
	if (seconds < HOUR)
		return (seconds / 60 + 1) * 60;
	if (seconds >= HOUR * 24 * 365 * 2 - HOUR / 2) {
		/* Years are floored from the exact hours, as format_duration does. */
		int64_t years = seconds / YEAR;
		return years >= INT64_MAX / YEAR - 1 ? INT64_MAX : (years + 1) * YEAR;
	}
	/* The rounded hours of format_duration, and the next count whose text differs: the
	 * next hour, day, week or month, or the start of the next unit. */
	int64_t hours = (seconds + HOUR / 2) / HOUR, next;
	if (hours < 48)
		next = hours + 1;
	else if (hours < 24 * 7 * 2)
		next = (hours / 24 + 1) * 24;
	else if (hours < 24 * 30 * 2)
		next = (hours / (24 * 7) + 1) * (24 * 7);
	else
		next = (hours / (24 * 30) + 1) * (24 * 30);
	static const int64_t unit_ends[] = { 24 * 7 * 2, 24 * 30 * 2, 24 * 365 * 2 };
	for (size_t i = 0; i < sizeof(unit_ends) / sizeof(unit_ends[0]); i++)
		if (hours < unit_ends[i] && next > unit_ends[i])
			next = unit_ends[i];
	return next * HOUR - HOUR / 2;
}

int64_t
format_created_next(int64_t now, int64_t created)
{
	if (created == FORMAT_ZERO_TIME)
		return INT64_MAX;
	int64_t next = format_duration_next(age_of(now, created));
	if (next > GO_MAX_AGE || (created > 0 && next > INT64_MAX - created))
		return INT64_MAX;
	return created + next;
}

int
format_created_width(int64_t now, int64_t created)
{
	char buf[128];
	format_created(buf, sizeof(buf), now, created);
	int width = text_width(buf);
	if (created == FORMAT_ZERO_TIME)
		return width;
	int64_t seconds = age_of(now, created);
	/* The longest text of each unit (its widest count); with the age's own text, the widest
	 * of those it has not passed yet. */
	static const int64_t longest[] = {
		0, 1, 59, 119, HOUR - 1, HOUR * 3 / 2 - 1, HOUR * 47 + HOUR / 2 - 1,
		HOUR * 335 + HOUR / 2 - 1, HOUR * 1439 + HOUR / 2 - 1, HOUR * 17519 + HOUR / 2 - 1, YEAR * 10,
	};
	for (size_t i = 0; i < sizeof(longest) / sizeof(longest[0]); i++) {
		if (longest[i] < seconds)
			continue;
		format_created(buf, sizeof(buf), longest[i], 0);
		int w = text_width(buf);
		if (w > width)
			width = w;
	}
	return width;
}

void
format_short_id(char *buf, size_t n, const char *id)
{
	if (n == 0)
		return;
	if (!id)
		id = "";
	const char *colon = strchr(id, ':');
	if (colon)
		id = colon + 1;
	size_t len = strlen(id);
	if (len > 12)
		len = 12;
	if (len > n - 1)
		len = n - 1;
	/* Never leave half a UTF-8 sequence for the screen ("<missing>" and hex are ASCII anyway). */
	if (id[len] != '\0')
		while (len > 0 && ((unsigned char)id[len] & 0xc0) == 0x80)
			len--;
	memcpy(buf, id, len);
	buf[len] = '\0';
}
