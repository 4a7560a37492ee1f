#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container_status.h"
#include "format.h"

/* The span of status, [*at, *at + *len), that is a HumanDuration, and the least age in seconds
 * that reads so (HumanDuration: seconds floor, minutes floor, hours rounded, days floor...). */
static int
find_duration(const char *status, size_t *at, size_t *len, int64_t *least)
{
	static const struct { const char *text; int64_t least; } fixed[] = {
		{ "Less than a second", 0 }, { "About a minute", 60 }, { "About an hour", 46 * 60 },
		{ "1 second", 1 },
	};
	static const struct { const char *unit; int64_t seconds, shift; } units[] = {
		{ " seconds", 1, 0 }, { " minutes", 60, 0 }, { " hours", 3600, -1800 },
		{ " days", 86400, 0 }, { " weeks", 7 * 86400, 0 }, { " months", 30 * 86400, 0 },
		{ " years", 365 * 86400, 0 },
	};
	/* after "Up ", or after "Exited (N) " / "Restarting (N) " */
	const char *p = NULL;
	if (strncmp(status, "Up ", 3) == 0)
		p = status + 3;
	else if (strncmp(status, "Exited (", 8) == 0 || strncmp(status, "Restarting (", 12) == 0) {
		const char *close = strstr(status, ") ");
		p = close ? close + 2 : NULL;
	}
	if (!p)
		return 0;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		size_t l = strlen(fixed[i].text);
		if (strncmp(p, fixed[i].text, l) == 0) {
			*at = (size_t)(p - status);
			*len = l;
			*least = fixed[i].least;
			return 1;
		}
	}
	char *end;
	long long v = strtoll(p, &end, 10);
	if (end == p || v < 0 || v > 1000000)
		return 0;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t l = strlen(units[i].unit);
		if (strncmp(end, units[i].unit, l) == 0) {
			*at = (size_t)(p - status);
			*len = (size_t)(end - p) + l;
			*least = v * units[i].seconds + units[i].shift;
			return 1;
		}
	}
	return 0;
}

int
container_status_since(const char *status, int64_t answered, int64_t *since)
{
	size_t at, len;
	int64_t least;
	if (!status || !find_duration(status, &at, &len, &least))
		return 0;
	*since = answered - least;
	return 1;
}

const char *
container_status_at(const char *status, int64_t answered, int64_t now, char *buf, size_t n, int64_t *next)
{
	size_t at, len;
	int64_t least;
	if (next)
		*next = INT64_MAX;
	if (!status || !find_duration(status, &at, &len, &least))
		return status ? status : "";
	int64_t since = answered - least, age = now - since;
	if (age < least)
		age = least;	/* a clock set back: never younger than the engine said */
	char d[64];
	format_duration(d, sizeof(d), age);
	snprintf(buf, n, "%.*s%s%s", (int)at, status, d, status + at + len);
	if (next)
		*next = since + format_duration_next(age);
	return buf;
}
