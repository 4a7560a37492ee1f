/* The Files tab's reader of an image archive (src/layer_stream.c: libarchive, nested layer
 * archives plain or compressed, manifest.json or index.json) over the bytes as a file, its
 * updates applied to a layer tree (src/layer_tree.c) that is then browsed. Slow (a thread and a
 * ring per run): a few dozen runs a second. */
#define _GNU_SOURCE	/* memfd_create */
#include <stdbool.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "layer_stream.h"
#include "layer_tree.h"

FUZZ_UTF8_INITIALIZE

static void
post(struct layer_update *u, void *ctx)
{
	layer_tree_apply(ctx, u);
}

static void
browse(struct layer_tree *t)
{
	size_t layers = layer_tree_layers(t);
	for (size_t l = 0; l < layers && l < 4; l++) {
		struct layer_query q = { .layer = l };
		struct layer_entry *e = NULL;
		size_t n = layer_tree_children(t, &q, LAYER_NODE_ROOT, &e);
		for (size_t i = 0; i < n && i < 16; i++) {
			free(layer_tree_path(t, e[i].node));
			char *label = layer_tree_path_label(t, e[i].node);
			fuzz_check_clean(label);
			free(label);
		}
		free(e);
		struct layer_totals tot;
		layer_tree_totals(t, &q, &tot);
		(void)layer_tree_largest(t, &q);
	}
	struct layer_efficiency eff;
	layer_tree_efficiency(t, &eff);
	layer_efficiency_free(&eff);
}

static void
image_archive(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz-archive", 0);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size) || lseek(fd, 0, SEEK_SET) != 0)
		abort();
	struct layer_tree *t = layer_tree_new();
	struct layer_source src = { .engine = NULL, .image = NULL, .fd = fd };
	struct layer_stream_opts o = { .post = post, .ctx = t };
	char *err = NULL;
	enum archive_result r = layer_stream_read(&src, &o, &err);
	if (r == ARCHIVE_RESULT_FAILED) {
		FUZZ_ASSERT(err != NULL, "a failed read without a message");
		fuzz_check_clean(err);
	}
	free(err);
	browse(t);
	layer_tree_free(t);
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	image_archive(data, size);
	return 0;
}
