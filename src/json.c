#include "config.h"

#include "json.h"
#include "sanitize.h"

cJSON *
json_parse_whole(const char *json, size_t len)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, false);
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
