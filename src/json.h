/* Reading the engine's JSON with cJSON: the few rules every parser here follows. */
#ifndef BUDU_JSON_H
#define BUDU_JSON_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* The JSON value in json[0..len), or NULL; bytes after it other than whitespace fail too
 * (cJSON alone would accept them). */
cJSON *json_parse_whole(const char *json, size_t len);
/* cJSON_ParseWithLengthOpts(json, len, end, false) and cJSON_ParseWithLength, except that a lone
 * UTF-16 surrogate escape ("\ud800" without its other half), which cJSON refuses, reads as
 * U+FFFD as Go's decoder takes it: one such string no longer fails a whole document. All
 * parsing of outside JSON goes through these or json_parse_whole. */
cJSON *json_parse_opts(const char *json, size_t len, const char **end);
cJSON *json_parse(const char *json, size_t len);
/* obj[key] as int64: cJSON keeps numbers as doubles and valueint saturates at 2^31, so read
 * valuedouble, clamped so a hostile 1e300 or NaN cannot make the cast undefined. 0 when
 * missing or not a number. */
int64_t json_int64(const cJSON *obj, const char *key);
/* obj[key] as a string, "" when missing or not a string. Raw: still untrusted. */
const char *json_raw_string(const cJSON *obj, const char *key);
/* obj[key] sanitized, in a new string. */
char *json_string(const cJSON *obj, const char *key);
/* Whether a stream line (load, import, build: docker's jsonmessage) is an error line
 * ({"errorDetail":{"message":M,"code":C},"error":E}): then its words, M or else E, raw
 * ("" when it has none); NULL for any other line. */
const char *json_stream_error(const cJSON *msg);

#endif
