/* `docker image inspect --format` templates, evaluated on an image's inspect document
 * (GET /images/{id}/json), or on another document given its schema, the way Debian's docker
 * 20.10 CLI (Go 1.19 text/template) prints them.
 *
 * How the CLI does it, and so how this does it: the template runs first on the typed Go value
 * (types.ImageInspect of API 1.41: struct fields print with fmt's %v, e.g. a nil map as
 * "map[]", a nil *HealthConfig as "<nil>", time.Duration as "1m30s", nat.PortSet as
 * "map[8080/tcp:{}]", a missing map key as "<no value>"). If that execution fails anywhere
 * (e.g. `.Id`, which is `ID` in Go, or `.Config.Nope`), the whole template runs again on the
 * raw JSON decoded into map[string]interface{} with missingkey=error: then objects print as
 * map[...] with sorted keys, null as "<no value>" (or "<nil>" inside a container), numbers as
 * written, and `json` sorts keys. The second error, if any, is the one reported. In both, a
 * key the document gives twice has its last value (Go's encoding/json; cJSON would find the
 * first).
 *
 * Language: text, {{pipeline}} actions with `|`, {{- and -}} trimming, comments, if/else
 * if/else/end, range (with $i, $e := and else), with, break, continue, variables ($, $x :=,
 * $x =), parenthesised pipelines and (pipeline).Field chains, string/raw/char/number/bool
 * literals. Functions: Go's and, or, not, eq, ne, lt, le, gt, ge, index, slice, len, print,
 * printf, println, html, js, urlquery; docker's json, join, split, lower, upper, title, pad,
 * truncate. Methods on Go values: nat.Port's Port, Proto and Int; time.Time's Unix, Year,
 * IsZero and String; time.Duration's String, Seconds, Milliseconds and Nanoseconds;
 * json.Number's String, Int64 and Float64.
 *
 * Not supported (a clear error, never a wrong answer): {{template}}, {{define}}, {{block}},
 * `call`, other methods (e.g. time.Time's Format), printf's %#v and %p, and values whose Go
 * printing shows a memory address (a struct holding a non-nil pointer, e.g. {{.Config}} of an
 * image with a HEALTHCHECK, or {{.}} in typed form).
 *
 * Budu's own leniency: input without "{{" is taken as one action: ".Config.Cmd",
 * "Config.Cmd" (a missing leading dot is added), "json .Config", "index .RepoTags 0".
 * (docker would print such text literally.) */
#ifndef BUDU_TEMPLATE_H
#define BUDU_TEMPLATE_H

#include <stdbool.h>

#include <cjson/cJSON.h>

struct template_result {
	/* The output, WITHOUT the "\n" the CLI writes after it; NULL on failure. Raw engine
	 * text: the UI sanitizes it before drawing. */
	char *text;
	/* For a template that is a single path (`.Config.Cmd`, `index .RepoTags 0`,
	 * `(index .RootFS.Layers 0)`, `$.Os`) or `json` of one: the document node it names,
	 * for jumping the tree there (src/jtree.h jtree_reveal). NULL otherwise, and when the
	 * path names nothing (a missing map key); a JSON null the path leads to is a node, even
	 * where it prints "<no value>". Also set when the path resolved but printing
	 * its value is "not supported" (the call then fails). */
	const cJSON *node;
	/* On failure: a translated message, e.g. "no such path: .Config.Nope",
	 * "syntax error at column 5: unclosed action". NULL on success. */
	char *error;
	/* On failure, the 1-based byte column in `input` the error points at; 0 if none. */
	int error_column;
};

/* The Go type docker decodes a document into, for the typed first run (template_schema_*.c). */
struct template_schema;
/* types.ImageInspect: GET /images/{id}/json, `docker image inspect`. */
extern const struct template_schema template_schema_image;
/* types.ContainerJSON: GET /containers/{id}/json, `docker container inspect`. */
extern const struct template_schema template_schema_container;

/* Evaluates `input` on `doc` (not modified), typed as `schema` first, then as raw JSON. schema
 * NULL: the raw run only (for a document budu has no schema for). Returns true with res->text
 * set, or false with res->error set. Always call template_result_free.
 * Pure: any thread, no shared state; cost linear in the template and the values it prints. */
bool template_eval_schema(const char *input, const cJSON *doc, const struct template_schema *schema,
			  struct template_result *res);
/* template_eval_schema with template_schema_image. */
bool template_eval(const char *input, const cJSON *doc, struct template_result *res);
void template_result_free(struct template_result *res);

#endif
