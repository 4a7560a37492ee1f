#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <stdatomic.h>

#include <cjson/cJSON.h>

#include "engine.h"
#include "format.h"
#include "i18n.h"
#include "images.h"
#include "reference.h"
#include "json.h"
#include "sanitize.h"
#include "satnum.h"
#include "strv.h"
#include "xalloc.h"

static const char NONE[] = "<none>";

/* distribution/reference's FamiliarString for the names Podman sends fully qualified:
 * "docker.io/library/alpine:latest" is "alpine:latest", "docker.io/foo/bar:1" is "foo/bar:1"
 * (docker's CLI shows them so); every other name, "localhost/…" included, stays. New string. */
static char *
familiar_ref(const char *s)
{
	static const char hub[] = "docker.io/", library[] = "library/";
	if (strncmp(s, hub, sizeof(hub) - 1) != 0)
		return sanitize(s);
	s += sizeof(hub) - 1;
	const char *rest = s + sizeof(library) - 1;
	if (strncmp(s, library, sizeof(library) - 1) == 0 && *rest && !strchr(rest, '/'))
		s = rest;
	return sanitize(s);
}

/* RepoTags/RepoDigests: null, missing and [] are the same; "<none>:<none>" (API <= 1.42) is no entry.
 * Podman's names are made familiar, and its RepoTags may hold digest references ("repo@sha256:…"),
 * which are no tag: dropped, as docker's CLI drops them. */
static char **
json_refs(const cJSON *obj, const char *key, const char *placeholder, size_t *count)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key);
	bool tags = strcmp(key, "RepoTags") == 0;
	int n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
	char **v = NULL;
	size_t k = 0;
	if (n > 0) {
		v = xcalloc((size_t)n, sizeof(*v));
		const cJSON *item;
		cJSON_ArrayForEach(item, arr) {
			if (!cJSON_IsString(item) || strcmp(item->valuestring, placeholder) == 0)
				continue;
			if (tags && strchr(item->valuestring, '@'))
				continue;
			v[k++] = familiar_ref(item->valuestring);
		}
	}
	*count = k;
	return v;
}

void
image_from_json(const cJSON *item, struct image *im)
{
	im->id = json_string(item, "Id");
	im->parent_id = json_string(item, "ParentId");
	im->tags = json_refs(item, "RepoTags", "<none>:<none>", &im->ntags);
	im->digests = json_refs(item, "RepoDigests", "<none>@<none>", &im->ndigests);
	im->created = json_int64(item, "Created");
	im->size = size_nonneg(json_int64(item, "Size"));
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
parse_failed(struct image_list *out, char **err)
{
	image_list_free(out);
	*err = xstrdup(_("The engine's image list is not the JSON array expected"));
	return false;
}

void
images_reader_init(struct images_reader *r)
{
	memset(r, 0, sizeof(*r));
}

void
images_reader_free(struct images_reader *r)
{
	image_list_free(&r->list);
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

/* One whole element, buf[start, end): its image goes on the list. */
static bool
take_element(struct images_reader *r, const char *p, size_t n)
{
	cJSON *item = json_parse(p, n);
	if (!cJSON_IsObject(item)) {
		cJSON_Delete(item);
		return false;
	}
	if (r->list.nimages == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->list.images = xrealloc(r->list.images, r->cap * sizeof(*r->list.images));
	}
	struct image *im = &r->list.images[r->list.nimages++];
	memset(im, 0, sizeof(*im));
	image_from_json(item, im);
	if (r->list.nimages > 1 && im->created > im[-1].created)
		r->unordered = true;
	r->list.total_size = size_add(r->list.total_size, im->size);
	cJSON_Delete(item);
	return true;
}

/* Scans data (len bytes) from where the last call stopped; the bytes of an element not yet
 * whole wait in r->buf. Only brackets outside strings count; escapes inside strings are
 * skipped, across calls too. */
bool
images_reader_feed(struct images_reader *r, const char *data, size_t len)
{
	size_t i = 0;
	while (i < len && r->state != IMAGES_READER_FAILED && r->state != IMAGES_READER_DONE) {
		char c = data[i];
		switch (r->state) {
		case IMAGES_READER_OPEN:
			if (c == '[')
				r->state = IMAGES_READER_FIRST;
			else if (!is_space(c))
				r->state = IMAGES_READER_FAILED;
			i++;
			break;
		case IMAGES_READER_FIRST:
		case IMAGES_READER_NEXT:
			if (c == '{') {
				r->state = IMAGES_READER_ELEMENT;
				r->depth = 0;
				r->in_string = r->escaped = false;
				r->len = 0;
			} else if (c == ']') {
				r->state = IMAGES_READER_DONE;
				i++;
			} else {
				if (!is_space(c))
					r->state = IMAGES_READER_FAILED;
				i++;
			}
			break;
		case IMAGES_READER_ELEMENT: {
			/* to the element's end, or the chunk's */
			size_t from = i;
			bool whole = false;
			for (; i < len && !whole; i++) {
				c = data[i];
				if (r->in_string) {
					if (r->escaped)
						r->escaped = false;
					else if (c == '\\')
						r->escaped = true;
					else if (c == '"')
						r->in_string = false;
				} else if (c == '"') {
					r->in_string = true;
				} else if (c == '{' || c == '[') {
					r->depth++;
				} else if ((c == '}' || c == ']') && --r->depth == 0) {
					whole = true;
				}
			}
			if (!whole || r->len) {
				if (r->len + (i - from) > r->bufcap) {
					r->bufcap = (r->len + (i - from)) * 2;
					r->buf = xrealloc(r->buf, r->bufcap);
				}
				memcpy(r->buf + r->len, data + from, i - from);
				r->len += i - from;
			}
			if (whole) {
				bool ok = r->len ? take_element(r, r->buf, r->len) : take_element(r, data + from, i - from);
				r->len = 0;
				r->state = ok ? IMAGES_READER_AFTER : IMAGES_READER_FAILED;
			}
			break;
		}
		case IMAGES_READER_AFTER:
			if (c == ',')
				r->state = IMAGES_READER_NEXT;
			else if (c == ']')
				r->state = IMAGES_READER_DONE;
			else if (!is_space(c))
				r->state = IMAGES_READER_FAILED;
			i++;
			break;
		default:
			break;
		}
	}
	/* a big buffer from one long element is not kept */
	if (r->state != IMAGES_READER_ELEMENT && r->bufcap > 65536) {
		free(r->buf);
		r->buf = NULL;
		r->bufcap = 0;
	}
	return r->state != IMAGES_READER_FAILED;
}

size_t
images_reader_settled(const struct images_reader *r)
{
	const struct image_list *l = &r->list;
	if (r->state == IMAGES_READER_DONE)
		return l->nimages;
	if (r->unordered)
		return 0;	/* not newest first: nothing is settled before the end */
	size_t n = l->nimages;
	while (n > 0 && l->images[n - 1].created == l->images[l->nimages - 1].created)
		n--;
	return n;
}

bool
images_reader_end(struct images_reader *r, struct image_list *out, char **err)
{
	bool done = r->state == IMAGES_READER_DONE;
	*out = r->list;
	memset(&r->list, 0, sizeof(r->list));
	images_reader_free(r);
	if (!done)
		return parse_failed(out, err);
	if (!out->images)
		out->images = xcalloc(1, sizeof(*out->images));
	return true;
}

/* cJSON parses one image at a time: a tree of the whole list would cost several times the
 * answer's size at 10,000 images, where one image's tree is a few hundred bytes. */
bool
images_parse(const char *json, size_t len, struct image_list *out, char **err)
{
	struct images_reader r;
	images_reader_init(&r);
	images_reader_feed(&r, json, len);
	return images_reader_end(&r, out, err);
}

void
image_list_free(struct image_list *list)
{
	for (size_t i = 0; i < list->nimages; i++) {
		struct image *im = &list->images[i];
		free(im->id);
		free(im->parent_id);
		strv_free(im->tags, im->ntags);
		strv_free(im->digests, im->ndigests);
	}
	free(list->images);
	memset(list, 0, sizeof(*list));
}

static char **
strv_copy(char *const *v, size_t n)
{
	if (!n)
		return NULL;
	char **c = xcalloc(n, sizeof(*c));
	for (size_t i = 0; i < n; i++)
		c[i] = xstrdup(v[i]);
	return c;
}

void
image_list_copy(const struct image *images, size_t n, struct image_list *out)
{
	memset(out, 0, sizeof(*out));
	out->images = xcalloc(n ? n : 1, sizeof(*out->images));
	out->nimages = n;
	for (size_t i = 0; i < n; i++) {
		const struct image *im = &images[i];
		struct image *c = &out->images[i];
		*c = *im;
		c->id = im->id ? xstrdup(im->id) : NULL;
		c->parent_id = im->parent_id ? xstrdup(im->parent_id) : NULL;
		c->tags = strv_copy(im->tags, im->ntags);
		c->digests = strv_copy(im->digests, im->ndigests);
		out->total_size = size_add(out->total_size, im->size);
	}
}

/* ---- rows ---------------------------------------------------------------- */

struct row_builder {
	struct image_row *rows;
	size_t n, cap;
};

static void
add_row(struct row_builder *b, const struct image *im, const char *repo, const char *tag,
	const char *digest)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->rows = xrealloc(b->rows, b->cap * sizeof(*b->rows));
	}
	struct image_row *r = &b->rows[b->n];
	r->image = im;
	/* one block for the three strings (image_rows_free frees repo): a row in 10,000 costs one
	 * allocation, not three (issue 16: peak memory) */
	size_t lr = strlen(repo) + 1, lt = strlen(tag) + 1, ld = strlen(digest) + 1;
	char *p = xmalloc(lr + lt + ld);
	memcpy(p, repo, lr);
	memcpy(p + lr, tag, lt);
	memcpy(p + lr + lt, digest, ld);
	r->repo = p;
	r->tag = p + lr;
	r->digest = p + lr + lt;
	r->order = (uint32_t)b->n;
	r->containers = 0;	/* the caller's to set (valgrind saw it read unset in sort_ties_by_name) */
	b->n++;
}

/* A growable array of strings (doubling: pushes are amortised O(1)). */
struct strvec {
	char **v;
	size_t n, cap;
};

static void
push_string(struct strvec *sv, char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 2;
		sv->v = xrealloc(sv->v, sv->cap * sizeof(*sv->v));
	}
	sv->v[sv->n++] = s;
}

/* A repository's entries in one image: its tags and its digests, in the engine's order. */
struct repo_group {
	char *repo;
	struct strvec tags, digests;
};

/* An image's repositories in first-seen order; past a few, a hash index (open addressing,
 * slot = group index + 1) finds one in O(1): an image tagged in 100,000 repositories took
 * 17.9 s with a linear search. */
struct repo_groups {
	struct repo_group *g;
	size_t n, cap;
	size_t *slot;
	size_t nslots;	/* a power of two, at least twice n; 0 while n is small */
};

#define GROUPS_LINEAR 8

static size_t
hash_repo(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static size_t *
slot_of(struct repo_groups *gs, const char *repo)
{
	size_t mask = gs->nslots - 1;
	for (size_t i = hash_repo(repo) & mask;; i = (i + 1) & mask)
		if (gs->slot[i] == 0 || strcmp(gs->g[gs->slot[i] - 1].repo, repo) == 0)
			return &gs->slot[i];
}

static void
reindex(struct repo_groups *gs)
{
	free(gs->slot);
	gs->nslots = 64;
	while (gs->nslots < 2 * (gs->n + 1))
		gs->nslots *= 2;
	gs->slot = xcalloc(gs->nslots, sizeof(*gs->slot));
	for (size_t i = 0; i < gs->n; i++)
		*slot_of(gs, gs->g[i].repo) = i + 1;
}

/* The group of repo (taken: kept or freed), made when new. */
static struct repo_group *
group_for(struct repo_groups *gs, char *repo)
{
	size_t *slot = NULL;
	if (gs->nslots) {
		slot = slot_of(gs, repo);
		if (*slot) {
			free(repo);
			return &gs->g[*slot - 1];
		}
	} else {
		for (size_t i = 0; i < gs->n; i++) {
			if (strcmp(gs->g[i].repo, repo) == 0) {
				free(repo);
				return &gs->g[i];
			}
		}
	}
	if (gs->n == gs->cap) {
		gs->cap = gs->cap ? gs->cap * 2 : 4;
		gs->g = xrealloc(gs->g, gs->cap * sizeof(*gs->g));
	}
	struct repo_group *g = &gs->g[gs->n++];
	memset(g, 0, sizeof(*g));
	g->repo = repo;
	if (slot && 2 * gs->n <= gs->nslots)
		*slot = gs->n;
	else if (gs->nslots || gs->n > GROUPS_LINEAR)
		reindex(gs);
	return g;
}

/* Mirrors the docker CLI's image formatter: rows per repository, tags first, then
 * repositories known only by digest. Repositories keep first-seen order where docker's
 * Go map order is random. */
static void
add_image_rows(struct row_builder *b, const struct image *im, bool digests)
{
	if (im->ntags == 0 && im->ndigests == 0) {
		add_row(b, im, NONE, NONE, NONE);
		return;
	}
	struct repo_groups gs = { 0 };
	for (size_t i = 0; i < im->ntags; i++) {
		char *repo, *tag;
		reference_split_repo_tag(im->tags[i], &repo, &tag);
		push_string(&group_for(&gs, repo)->tags, tag);
	}
	for (size_t i = 0; i < im->ndigests; i++) {
		char *repo, *digest;
		reference_split_repo_digest(im->digests[i], &repo, &digest);
		push_string(&group_for(&gs, repo)->digests, digest);
	}
	for (size_t i = 0; i < gs.n; i++) {
		struct repo_group *g = &gs.g[i];
		for (size_t t = 0; t < g->tags.n; t++) {
			if (!digests || g->digests.n == 0) {
				add_row(b, im, g->repo, g->tags.v[t], g->digests.n ? g->digests.v[0] : NONE);
				continue;
			}
			for (size_t d = 0; d < g->digests.n; d++)
				add_row(b, im, g->repo, g->tags.v[t], g->digests.v[d]);
		}
	}
	for (size_t i = 0; i < gs.n; i++) {
		struct repo_group *g = &gs.g[i];
		if (g->tags.n > 0)
			continue;
		if (digests)
			for (size_t d = 0; d < g->digests.n; d++)
				add_row(b, im, g->repo, NONE, g->digests.v[d]);
		else
			add_row(b, im, g->repo, NONE, g->digests.v[0]);
	}
	for (size_t i = 0; i < gs.n; i++) {
		free(gs.g[i].repo);
		strv_free(gs.g[i].tags.v, gs.g[i].tags.n);
		strv_free(gs.g[i].digests.v, gs.g[i].digests.n);
	}
	free(gs.g);
	free(gs.slot);
}

size_t
image_rows_build(const struct image_list *list, bool digests, struct image_row **rows)
{
	struct row_builder b = { 0 };
	for (size_t i = 0; i < list->nimages; i++)
		add_image_rows(&b, &list->images[i], digests);
	*rows = b.rows;
	return b.n;
}

void
image_rows_free(struct image_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].repo);	/* tag and digest are in its block */
	free(rows);
}

/* ---- sorting and filtering ----------------------------------------------- */

static int
cmp_order(const struct image_row *a, const struct image_row *b)
{
	return (a->order > b->order) - (a->order < b->order);
}

/* "<none>" sorts after every named repository, as people expect leftovers at the end. */
static int
cmp_name(const char *a, const char *b)
{
	bool an = strcmp(a, NONE) == 0, bn = strcmp(b, NONE) == 0;
	if (an != bn)
		return an ? 1 : -1;
	return strcmp(a, b);
}

/* Newest first. The engine's order for images of the same second changes from one answer to
 * the next, so ties go by repository and tag: rows must not swap places on a reload. */
static int
cmp_created(const void *pa, const void *pb)
{
	const struct image_row *a = pa, *b = pb;
	if (a->image->created != b->image->created)
		return a->image->created > b->image->created ? -1 : 1;
	int c = cmp_name(a->repo, b->repo);
	if (!c)
		c = cmp_name(a->tag, b->tag);
	return c ? c : cmp_order(a, b);
}

static int
cmp_repository(const void *pa, const void *pb)
{
	const struct image_row *a = pa, *b = pb;
	int c = cmp_name(a->repo, b->repo);
	if (!c)
		c = cmp_name(a->tag, b->tag);
	return c ? c : cmp_order(a, b);
}

/* Largest first; ties as in the repository order, so that the tags of one image (or images of
 * one size) keep one order from sort to sort and reload to reload. */
static int
cmp_size(const void *pa, const void *pb)
{
	const struct image_row *a = pa, *b = pb;
	if (a->image->size != b->image->size)
		return a->image->size > b->image->size ? -1 : 1;
	return cmp_repository(a, b);
}

/* Tags as people read them: "1.2" < "1.10" (strverscmp), <none> last. */
static int
cmp_tag(const void *pa, const void *pb)
{
	const struct image_row *a = pa, *b = pb;
	bool an = strcmp(a->tag, NONE) == 0, bn = strcmp(b->tag, NONE) == 0;
	int c = an != bn ? (an ? 1 : -1) : strverscmp(a->tag, b->tag);
	return c ? c : cmp_repository(a, b);
}

static int
cmp_digest(const void *pa, const void *pb)
{
	const struct image_row *a = pa, *b = pb;
	int c = cmp_name(a->digest, b->digest);
	return c ? c : cmp_repository(a, b);
}

static int
cmp_id(const void *pa, const void *pb)
{
	const struct image_row *a = pa, *b = pb;
	int c = strcmp(a->image->id, b->image->id);
	return c ? c : cmp_repository(a, b);
}

static int
cmp_containers(const void *pa, const void *pb)
{
	const struct image_row *a = pa, *b = pb;
	if (a->containers != b->containers)
		return a->containers > b->containers ? -1 : 1;
	return cmp_repository(a, b);
}

void
image_rows_sort_dir(struct image_row *rows, size_t n, enum image_sort sort, bool reverse)
{
	static int (*const cmp[IMAGE_SORT_COUNT])(const void *, const void *) = {
		[IMAGE_SORT_CREATED] = cmp_created,
		[IMAGE_SORT_REPOSITORY] = cmp_repository,
		[IMAGE_SORT_SIZE] = cmp_size,
		[IMAGE_SORT_TAG] = cmp_tag,
		[IMAGE_SORT_DIGEST] = cmp_digest,
		[IMAGE_SORT_ID] = cmp_id,
		[IMAGE_SORT_CONTAINERS] = cmp_containers,
	};
	if (n < 2 || (unsigned)sort >= IMAGE_SORT_COUNT)
		return;
	qsort(rows, n, sizeof(*rows), cmp[sort]);
	/* The order is total (the engine's order ends every tie), so its reverse is exact. */
	for (size_t i = 0; reverse && i < n / 2; i++) {
		struct image_row t = rows[i];
		rows[i] = rows[n - 1 - i];
		rows[n - 1 - i] = t;
	}
}

void
image_rows_sort(struct image_row *rows, size_t n, enum image_sort sort)
{
	image_rows_sort_dir(rows, n, sort, false);
}

const char *
image_sort_name(enum image_sort sort)
{
	static const char *const names[IMAGE_SORT_COUNT] = {
		[IMAGE_SORT_CREATED] = N_("created"),
		[IMAGE_SORT_REPOSITORY] = N_("repository"),
		[IMAGE_SORT_SIZE] = N_("size"),
		[IMAGE_SORT_TAG] = N_("tag"),
		[IMAGE_SORT_DIGEST] = N_("digest"),
		[IMAGE_SORT_ID] = N_("image ID"),
		[IMAGE_SORT_CONTAINERS] = N_("containers"),
	};
	return (unsigned)sort < IMAGE_SORT_COUNT ? _(names[sort]) : "";
}

bool
image_row_matches(const struct image_row *row, const char *needle)
{
	if (!needle || !*needle)
		return true;
	/* The full ID holds the short one, so one search covers both. */
	return strcasestr(row->repo, needle) || strcasestr(row->tag, needle) ||
	       strcasestr(row->image->id, needle);
}

struct head_stream {
	struct images_reader r;
	size_t first;
	images_head_fn head;
	void *ctx;
	bool sent;
};

static bool
head_data(const char *data, size_t len, void *ctx)
{
	struct head_stream *hs = ctx;
	if (!images_reader_feed(&hs->r, data, len))
		return false;
	if (hs->head && !hs->sent) {
		size_t n = images_reader_settled(&hs->r);
		if (n >= hs->first) {
			hs->sent = true;
			hs->head(hs->ctx, hs->r.list.images, n);
		}
	}
	return true;
}

/* The body is read as it arrives, never held whole: the memory is the list's. */
int
images_fetch_head(struct engine *e, bool all, struct cancel *c, struct image_list *out, char **err,
		  size_t first, images_head_fn head, void *ctx)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	struct head_stream hs = { .first = first ? first : 1, .head = head, .ctx = ctx };
	images_reader_init(&hs.r);
	struct engine_response r = engine_stream_raw(e, "GET", all ? "/images/json?all=1" : "/images/json",
						     head_data, &hs, c);
	int status = r.status;
	bool bad_body = hs.r.state == IMAGES_READER_FAILED;
	if (status == ENGINE_CANCELLED && bad_body && !(c && atomic_load(&c->cancelled)))
		status = ENGINE_OK;	/* the reader stopped it: the body was no list */
	if (status == ENGINE_OK && r.http_status != 200) {
		*err = r.error ? r.error : xstrdup(_("The engine did not answer"));
		r.error = NULL;
		status = ENGINE_BAD_ANSWER;
		images_reader_free(&hs.r);
	} else if (status == ENGINE_OK) {
		if (!images_reader_end(&hs.r, out, err))
			status = ENGINE_BAD_ANSWER;
	} else {
		*err = r.error ? r.error : xstrdup(_("The engine did not answer"));
		r.error = NULL;
		images_reader_free(&hs.r);
	}
	engine_response_free(&r);
	return status;
}

int
images_fetch(struct engine *e, bool all, struct cancel *c, struct image_list *out, char **err)
{
	return images_fetch_head(e, all, c, out, err, 0, NULL, NULL);
}
