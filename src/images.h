/* The local image list (GET /images/json) and the rows `docker image ls` would print for it. */
#ifndef BUDU_IMAGES_H
#define BUDU_IMAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct image {
	char *id;		/* "sha256:<hex>", sanitized */
	char *parent_id;	/* "" unless built locally with the classic builder */
	char **tags;		/* RepoTags, "<none>:<none>" dropped, sanitized */
	size_t ntags;
	char **digests;		/* RepoDigests, "<none>@<none>" dropped, sanitized */
	size_t ndigests;
	int64_t created;	/* Unix seconds */
	int64_t size;		/* bytes */
};

struct image_list {
	struct image *images;
	size_t nimages;
	int64_t total_size;	/* sum of sizes (each image once) */
};

/* Parses the body of GET /images/json. On failure returns false and a translated message
 * in *err (caller frees). Every string is sanitized here, off the UI thread. */
bool images_parse(const char *json, size_t len, struct image_list *out, char **err);
void image_list_free(struct image_list *list);
/* A deep copy of images[0..n) into *out (a head of a list, kept past the list's own life). */
void image_list_copy(const struct image *images, size_t n, struct image_list *out);

/* The same body read as it arrives (issue 16: the first screen before the last byte). Feed
 * the bytes in any pieces; r->list grows an image at a time, in the engine's order. */
enum images_reader_state {
	IMAGES_READER_OPEN, IMAGES_READER_FIRST, IMAGES_READER_ELEMENT, IMAGES_READER_AFTER,
	IMAGES_READER_NEXT, IMAGES_READER_DONE, IMAGES_READER_FAILED
};
struct images_reader {
	struct image_list list;		/* the images so far */
	size_t cap;
	char *buf;			/* the element not yet whole, when it spans pieces */
	size_t len, bufcap;
	int depth;
	bool in_string, escaped;
	bool unordered;			/* an image newer than the one before it came */
	enum images_reader_state state;
};
void images_reader_init(struct images_reader *r);
/* False once the body is not the array expected (more bytes change nothing then). */
bool images_reader_feed(struct images_reader *r, const char *data, size_t len);
/* How many images at the head of r->list no later image can come before in the default
 * order (the engine sends them newest first): those older than the last one read, or all of
 * them at the end; none before the end once an image came out of that order. */
size_t images_reader_settled(const struct images_reader *r);
/* The end of the body: *out as images_parse gives it (r is freed either way). */
bool images_reader_end(struct images_reader *r, struct image_list *out, char **err);
void images_reader_free(struct images_reader *r);
struct cJSON;
/* One image object of an answer into *im, as images_parse reads each (GET /system/df's Images
 * too). Strings sanitized. */
void image_from_json(const struct cJSON *item, struct image *im);

struct engine;
struct cancel;
/* GET /images/json (with all=1 for intermediate images) and parse it, on a worker. Returns ENGINE_OK with *out filled; otherwise the failure
 * (ENGINE_BAD_ANSWER for an HTTP error or an answer that does not parse) with a translated
 * message in *err (caller frees) and *out empty. */
int images_fetch(struct engine *e, bool all, struct cancel *c, struct image_list *out, char **err);
/* images_fetch, read as it arrives: once the first `first` images are settled
 * (images_reader_settled), head(ctx, images, n) is called once, on the caller's thread, with
 * the n images read so far (valid during the call only; copy what you keep). */
typedef void (*images_head_fn)(void *ctx, const struct image *images, size_t n);
int images_fetch_head(struct engine *e, bool all, struct cancel *c, struct image_list *out, char **err,
		      size_t first, images_head_fn head, void *ctx);

/* One row as `docker image ls` prints it. Strings point into the row's own storage: one block
 * that repo starts (image_rows_free frees it). */
struct image_row {
	const struct image *image;
	char *repo;	/* familiar repository, "<none>" for dangling */
	char *tag;	/* "<none>" when untagged */
	char *digest;	/* "sha256:..." or "<none>"; rows carry it even when the column is hidden */
	uint32_t order;	/* position in the engine's answer: the last tie-break of every sort */
	uint32_t containers;	/* containers created from it: set by the caller before sorting by
				 * IMAGE_SORT_CONTAINERS (the list of containers is not the core's) */
};

/* Rows for the list: one per tag; a dangling image gives one "<none> <none>" row; a repo with
 * digests but no tag gives "repo <none>". With digests, one row per tag x digest of the same
 * repository, as `--digests` prints. *rows is a new array; free with image_rows_free. */
size_t image_rows_build(const struct image_list *list, bool digests, struct image_row **rows);
void image_rows_free(struct image_row *rows, size_t n);

enum image_sort {
	IMAGE_SORT_CREATED,	/* newest first; same second: repository, then tag (default) */
	IMAGE_SORT_REPOSITORY,	/* repository, then tag, ascending */
	IMAGE_SORT_SIZE,	/* largest first; same size: repository, then tag */
	IMAGE_SORT_TAG,		/* tag (numbers as numbers: 2 before 10), then repository */
	IMAGE_SORT_DIGEST,	/* digest, then repository and tag */
	IMAGE_SORT_ID,		/* image ID, then repository and tag */
	IMAGE_SORT_CONTAINERS,	/* most containers first (row.containers), then repository, tag */
	IMAGE_SORT_COUNT
};
/* Sorts rows; every order ends with the engine's order, so it is total and a reload never
 * swaps rows. */
void image_rows_sort(struct image_row *rows, size_t n, enum image_sort sort);
/* The same, reversed when reverse (the exact reverse order, ties included). */
void image_rows_sort_dir(struct image_row *rows, size_t n, enum image_sort sort, bool reverse);
/* Translated name of a sort order for the header: "created", "repository", "size". */
const char *image_sort_name(enum image_sort sort);

/* Case-insensitive substring match of `needle` over repository, tag and ID (full or short).
 * An empty needle matches everything. */
bool image_row_matches(const struct image_row *row, const char *needle);

#endif
