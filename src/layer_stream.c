/* Streaming an image archive for the Files tab: stub while the implementation lands. */
#include "config.h"

#include <string.h>

#include "layer_stream.h"
#include "xalloc.h"

enum archive_result layer_stream_read(const struct layer_source *src, const struct layer_stream_opts *o, char **err) { (void)src; (void)o; *err = xstrdup("not yet"); return ARCHIVE_RESULT_FAILED; }
enum archive_result layer_stream_content(const struct layer_source *src, const struct layer_pick *p, size_t max, struct layer_content *out, struct cancel *c, char **err) { (void)src; (void)p; (void)max; (void)c; memset(out, 0, sizeof(*out)); *err = xstrdup("not yet"); return ARCHIVE_RESULT_FAILED; }
void layer_content_free(struct layer_content *c) { (void)c; }
enum archive_result layer_stream_extract(const struct layer_source *src, const struct layer_pick *p, const struct layer_extract_opts *o, struct layer_extract_result *res, char **err) { (void)src; (void)p; (void)o; memset(res, 0, sizeof(*res)); *err = xstrdup("not yet"); return ARCHIVE_RESULT_FAILED; }
void layer_extract_result_free(struct layer_extract_result *r) { (void)r; }
