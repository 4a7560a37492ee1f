/* Unit tests read JSON captured from the real engine: tests/fixtures, or $FIXTURES (make sets
 * it to the source tree's, so a VPATH build and distcheck find them). */
#ifndef BUDU_TEST_FIXTURE_H
#define BUDU_TEST_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "strbuf.h"
#include "xalloc.h"

/* The whole file, NUL-terminated; its length in *len when len is not NULL. Fails the test when
 * the file cannot be read. The caller frees. */
static char *
fixture_read(const char *name, size_t *len)
{
	const char *dir = getenv("FIXTURES");
	char *path = xasprintf("%s/%s", dir && *dir ? dir : "tests/fixtures", name);
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open fixture %s", path);
	struct strbuf sb = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sb_append(&sb, chunk, n);
	fclose(f);
	free(path);
	if (len)
		*len = sb.len;
	return sb_detach(&sb);
}

#endif
