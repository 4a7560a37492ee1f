#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "sanitize.h"
#include "xalloc.h"

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The \uXXXX escape at s[i] (i + 6 <= len), or -1. */
static long
u_escape(const char *s, size_t len, size_t i)
{
	if (i + 6 > len || s[i] != '\\' || s[i + 1] != 'u')
		return -1;
	long v = 0;
	for (int k = 2; k < 6; k++) {
		int h = hexval(s[i + k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* A copy of json whose lone surrogate escapes (\ud800 without its low half, a low half alone)
 * read \ufffd, as Go's decoder takes them; the same length, so offsets carry over. NULL when
 * there is none. */
static char *
fix_surrogates(const char *json, size_t len)
{
	char *copy = NULL;
	for (size_t i = 0; i + 1 < len; i++) {
		if (json[i] != '\\')
			continue;
		long cp = u_escape(json, len, i);
		if (cp < 0xd800 || cp > 0xdfff) {
			i++;	/* another escape, \\ included */
			continue;
		}
		long low = cp < 0xdc00 ? u_escape(json, len, i + 6) : -1;
		if (low >= 0xdc00 && low <= 0xdfff) {
			i += 11;	/* a pair */
			continue;
		}
		if (!copy) {
			copy = xmalloc(len + 1);
			memcpy(copy, json, len);
			copy[len] = '\0';
		}
		memcpy(copy + i + 2, "fffd", 4);
		i += 5;
	}
	return copy;
}

cJSON *
json_parse_opts(const char *json, size_t len, const char **end)
{
	const char *e = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(json, len, &e, false);
	if (!root && json && len) {
		char *copy = fix_surrogates(json, len);
		if (copy) {
			root = cJSON_ParseWithLengthOpts(copy, len, &e, false);
			e = e ? json + (e - copy) : NULL;
			free(copy);
		}
	}
	if (end)
		*end = e;
	return root;
}

cJSON *
json_parse(const char *json, size_t len)
{
	return json_parse_opts(json, len, NULL);
}

cJSON *
json_parse_whole(const char *json, size_t len)
{
	const char *end = NULL;
	cJSON *root = json_parse_opts(json, len, &end);
	if (!root)
		return NULL;
	while (end < json + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (end != json + len) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

int64_t
json_int64(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!cJSON_IsNumber(v))
		return 0;
	double d = v->valuedouble;
	if (d != d)
		return 0;
	if (d >= 9223372036854775807.0)
		return INT64_MAX;
	if (d <= -9223372036854775808.0)
		return INT64_MIN;
	return (int64_t)d;
}

const char *
json_raw_string(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

char *
json_string(const cJSON *obj, const char *key)
{
	return sanitize(json_raw_string(obj, key));
}

const char *
json_stream_error(const cJSON *msg)
{
	const cJSON *detail = cJSON_GetObjectItemCaseSensitive(msg, "errorDetail");
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(msg, "error");
	if (!cJSON_IsObject(detail) && !cJSON_IsString(error))
		return NULL;
	const char *m = json_raw_string(detail, "message");
	return *m ? m : json_raw_string(msg, "error");
}
