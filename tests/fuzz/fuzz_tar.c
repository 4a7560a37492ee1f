/* The tar follower that checks uploads (load, import) and saves (src/tar_walk.c), fed in chunks
 * of any size; with or without a manifest wanted. The first byte picks the chunk size. */
#include <stdbool.h>

#include "fuzz.h"
#include "strbuf.h"
#include "tar_walk.h"

static void
walk(const uint8_t *data, size_t size, size_t chunk)
{
	struct tar_walk w;
	struct strbuf out = STRBUF_INIT;
	tar_walk_init(&w);
	bool ok = true;
	for (size_t off = 0; ok && off < size; off += chunk) {
		size_t n = size - off < chunk ? size - off : chunk;
		ok = tar_walk_feed(&w, data + off, n, &out);
	}
	if (ok) {
		if (tar_walk_finish(&w, chunk & 1, &out))
			FUZZ_ASSERT(out.len <= size + 1024, "passed on %zu bytes of %zu", out.len, size);
		else
			FUZZ_ASSERT(w.error != NULL, "a failed finish without a message");
	} else {
		FUZZ_ASSERT(w.failed && w.error, "a failed feed without a message");
	}
	FUZZ_ASSERT(out.len <= size + 1024, "passed on %zu bytes of %zu", out.len, size);
	size_t rlen = 0;
	const unsigned char *r = tar_walk_rejected(&w, &rlen);
	FUZZ_ASSERT(rlen <= 512 && (rlen == 0 || r), "rejected %zu bytes", rlen);
	sb_free(&out);
	tar_walk_free(&w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t chunk = data[0] < 128 ? 1 + data[0] * 4 : 65536;
	walk(data + 1, size - 1, chunk);
	return 0;
}
