#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "progress_stream.h"
#include "sanitize.h"
#include "xalloc.h"

bool
progress_status_phase(const struct progress_status *table, size_t n, const char *status, int *phase)
{
	for (size_t i = 0; i < n; i++) {
		const char *t = table[i].text;
		size_t len = strlen(t);
		bool hit = table[i].prefix ? strncmp(status, t, len) == 0 && status[len] : strcmp(status, t) == 0;
		if (hit) {
			*phase = table[i].phase;
			return true;
		}
	}
	return false;
}

char *
progress_text(const char *s, size_t len)
{
	if (len > PROGRESS_TEXT_MAX) {
		len = PROGRESS_TEXT_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	char *cut = xstrndup(s, len);
	char *clean = sanitize(cut);
	free(cut);
	return clean;
}

char *
progress_text_dup(const char *s)
{
	return progress_text(s, strlen(s));
}

void
progress_text_replace(char **dst, const char *s)
{
	if (*dst && sanitize_is_clean(s) && strlen(s) <= PROGRESS_TEXT_MAX && strcmp(*dst, s) == 0)
		return;
	free(*dst);
	*dst = progress_text_dup(s);
}

int64_t
progress_json_bytes(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!cJSON_IsNumber(v))
		return 0;
	double d = v->valuedouble;
	if (!(d > 0))
		return 0;
	if (d >= 9223372036854775807.0)
		return INT64_MAX;
	return (int64_t)d;
}

void
progress_log_add(char ***log, size_t *nlog, size_t *dropped, char *text)
{
	if (!*log)
		*log = xcalloc(PROGRESS_LOG_MAX, sizeof(**log));
	if (*nlog == PROGRESS_LOG_MAX) {
		free((*log)[0]);
		memmove(*log, *log + 1, (PROGRESS_LOG_MAX - 1) * sizeof(**log));
		(*nlog)--;
		(*dropped)++;
	}
	(*log)[(*nlog)++] = text;
}

void *
progress_grow(void *rows, size_t n, size_t elem)
{
	if (!rows)
		return xmalloc(16 * elem);
	if (n >= 16 && (n & (n - 1)) == 0)
		return xrealloc(rows, 2 * n * elem);
	return rows;
}
