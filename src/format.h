/* Numbers and times printed the way the docker CLI prints them (go-units). */
#ifndef BUDU_FORMAT_H
#define BUDU_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* Go's zero time as Unix seconds: docker prints "N/A" for it. */
#define FORMAT_ZERO_TIME (-62135596800LL)

/* HumanSizeWithPrecision(bytes, 3), decimal units: "0B", "999kB", "1.98MB",
 * "1e+03kB" (go-units' own quirk, kept so rows equal `docker image ls`). */
void format_size(char *buf, size_t n, int64_t bytes);
/* Same with another precision (HumanSize uses 4). */
void format_size_prec(char *buf, size_t n, double bytes, int precision);

/* HumanDuration: "Less than a second", "About a minute", "3 hours", "2 weeks"...
 * Translated through gettext (English in the C locale). */
void format_duration(char *buf, size_t n, int64_t seconds);
/* "<duration> ago" for a Unix time `created` seen at `now`; "N/A" for FORMAT_ZERO_TIME. */
void format_created(char *buf, size_t n, int64_t now, int64_t created);
/* The smallest age above `seconds` whose HumanDuration reads differently (an age under a second
 * changes at 1, "5 minutes" at 360, "3 days" when the rounded hours reach 96...). */
int64_t format_duration_next(int64_t seconds);
/* The Unix time, later than now, at which format_created's text changes; INT64_MAX when it never
 * does (N/A). A view that shows an age redraws then (app_wake_at), and not before. */
int64_t format_created_next(int64_t now, int64_t created);
/* The widest format_created text that created, seen at now, can still grow into, in display
 * columns ("About a minute ago" for a new image): a CREATED column this wide is never cut later. */
int format_created_width(int64_t now, int64_t created);

/* TruncateID: drop up to the first ':' and keep 12 characters ("sha256:1f9f8a4a3947..." -> "1f9f8a4a3947"). */
void format_short_id(char *buf, size_t n, const char *id);

#endif
