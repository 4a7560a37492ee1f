/* JSON text the way Go's encoding/json writes it (the docker CLI's `json` template function),
 * shared by the Details tree (src/jtree.h) and the --format evaluator (src/template.h). */
#ifndef BUDU_GOJSON_H
#define BUDU_GOJSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

struct strbuf;


/* Appends s (len bytes) as a quoted JSON string, as Go 1.19's encoder with SetEscapeHTML(false)
 * writes it: `"` and `\` escaped, \n \r \t, other bytes below 0x20 as \u00XX (so ESC becomes
 * \u001b), U+2028/U+2029 as \u2028/\u2029, each byte of invalid UTF-8 as \ufffd; `<`, `>`, `&`
 * and DEL stay as they are. */
void gojson_string(struct strbuf *sb, const char *s, size_t len);

/* Appends a number without losing what the double holds: integral values up to 2^53 in
 * magnitude as integers ("5000000000"), anything else in the shortest %.15g..%.17g form that
 * reads back to the same double. NaN and infinities (which JSON cannot hold) become "null". */
void gojson_number(struct strbuf *sb, double d);

/* Appends v as compact JSON: object members in document order, or sorted by key (byte order,
 * as Go marshals a map) when sort_keys is true, and then each key once, with its last value
 * (a map decoded by Go holds no key twice). NULL appends "null". */
void gojson_value(struct strbuf *sb, const cJSON *v, bool sort_keys);

#endif
