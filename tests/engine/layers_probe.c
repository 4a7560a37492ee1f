/* A command-line window on src/layer_tree.c and src/layer_stream.c, for tests/engine/87-layers.sh:
 *
 *   layers_probe tree [--file] IMAGE
 *       streams GET /images/IMAGE/get (or, with --file, the archive file IMAGE) into a tree and
 *       prints it: "result done", "image ID", per layer "layer I state=… size=… entries=…
 *       compression=… diff=… created_by=…", per layer its changes ("change I A|M|R PATH"; a
 *       removed folder's contents are not repeated), the file system after the last layer
 *       ("after TYPE MODE UID:GID SIZE PATH[ -> LINK| => HARDLINK]"), dive's figures ("size",
 *       "user", "wasted", "efficiency", "waste BYTES COUNT LAYERS PATH"), and last
 *       "stats elapsed=S bytes=N nodes=N memory=N maxrss_kb=N"
 *   layers_probe list TAR
 *       a tar (docker export's) in the "after" format
 *   layers_probe content IMAGE LAYER PATH [--changes]
 *       "size=N len=N cut=0|1 binary=0|1", then the bytes
 *   layers_probe extract IMAGE LAYER PATH DEST [--changes] [--overwrite]
 *       "extracted files=N dirs=N links=N bytes=N skipped=N top=PATH" and the report, or
 *       "exists" / "error: MESSAGE"
 *   layers_probe cancel IMAGE BYTES
 *       cancels once BYTES of the archive have come: "cancelled bytes=N elapsed=S"
 *   layers_probe oci IN OUT
 *       a docker save archive (legacy layout) rewritten in the OCI layout: gzip'd layer blobs,
 *       index.json and no manifest.json
 *   layers_probe addlayer IN OUT LAYER_TAR TAG CREATED_BY
 *       IN (docker save of one image) with one more layer on top, for docker load
 *   layers_probe gen OUT FILES BYTES
 *       a root file system of FILES files holding BYTES together (in 100 folders), for
 *       docker import: the large image of the timing
 *
 * DOCKER_HOST etc. as engine_probe reads them. Exit 0 when the call succeeded, 1 otherwise. */
#include "config.h"

#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>
#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "engine.h"
#include "host.h"
#include "layer_stream.h"
#include "layer_tree.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xalloc.h"

static struct engine *
connect_engine(void)
{
	struct host host;
	char *err = NULL;
	const char *verify = getenv("DOCKER_TLS_VERIFY");
	if (!host_parse(getenv("DOCKER_HOST"), verify && *verify, getenv("DOCKER_CERT_PATH"), &host, &err)) {
		printf("error: %s\n", err);
		exit(1);
	}
	struct engine *e = engine_new(&host, getenv("DOCKER_API_VERSION"));
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	if (r.status != ENGINE_OK) {
		printf("error: %s\n", r.error ? r.error : "cannot connect");
		exit(1);
	}
	engine_response_free(&r);
	return e;
}

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- streaming into a tree ----------------------------------------------------------------- */

struct ctx {
	struct layer_tree *t;
	pthread_mutex_t mu;
	struct cancel cancel;
	uint64_t cancel_after;
	uint64_t bytes;
};

/* The UI would worker_send() the update; here the stream's thread applies it (nothing else
 * touches the tree meanwhile), under a lock all the same. */
static void
on_post(struct layer_update *u, void *p)
{
	struct ctx *c = p;
	pthread_mutex_lock(&c->mu);
	layer_tree_apply(c->t, u);
	pthread_mutex_unlock(&c->mu);
}

static void
on_progress(const struct layer_progress *p, void *v)
{
	struct ctx *c = v;
	c->bytes = p->bytes;
	if (c->cancel_after && p->bytes >= c->cancel_after)
		cancel_request(&c->cancel);
}

static enum archive_result
stream(struct ctx *c, bool file, const char *image, char **err)
{
	struct layer_source src = { 0 };
	src.fd = -1;
	if (file) {
		src.fd = open(image, O_RDONLY | O_CLOEXEC);
		if (src.fd < 0) {
			perror(image);
			exit(1);
		}
	} else {
		src.engine = connect_engine();
		src.image = image;
	}
	c->t = layer_tree_new();
	pthread_mutex_init(&c->mu, NULL);
	cancel_init(&c->cancel);
	struct layer_stream_opts o = { .post = on_post, .progress = on_progress, .ctx = c,
				       .cancel = &c->cancel };
	enum archive_result r = layer_stream_read(&src, &o, err);
	if (src.fd >= 0)
		close(src.fd);
	if (src.engine)
		engine_free(src.engine);
	return r;
}

static void
ctx_done(struct ctx *c)
{
	layer_tree_free(c->t);
	c->t = NULL;
	pthread_mutex_destroy(&c->mu);
	cancel_destroy(&c->cancel);
}

static char
type_char(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return 'd';
	case S_IFLNK: return 'l';
	case S_IFCHR: return 'c';
	case S_IFBLK: return 'b';
	case S_IFIFO: return 'p';
	default: return '-';
	}
}

static const char change_char[] = { '=', 'A', 'M', 'R' };

static void
print_changes(struct layer_tree *t, size_t layer, uint32_t dir, enum layer_change parent)
{
	struct layer_query q = { layer, LAYER_VIEW_CHANGES, LAYER_SORT_NAME, 0, NULL };
	struct layer_entry *rows;
	size_t n = layer_tree_children(t, &q, dir, &rows);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].change != LAYER_UNCHANGED && !(rows[i].change == LAYER_REMOVED && parent == LAYER_REMOVED)) {
			char *path = layer_tree_path_label(t, rows[i].node);
			printf("change %zu %c %s\n", layer, change_char[rows[i].change], path);
			free(path);
		}
		if (rows[i].children)
			print_changes(t, layer, rows[i].node, rows[i].change);
	}
	free(rows);
}

static void
print_after(struct layer_tree *t, size_t layer, uint32_t dir)
{
	struct layer_query q = { layer, LAYER_VIEW_AFTER, LAYER_SORT_NAME, LAYER_SHOW(LAYER_UNCHANGED)
				 | LAYER_SHOW(LAYER_ADDED) | LAYER_SHOW(LAYER_MODIFIED), NULL };
	struct layer_entry *rows;
	size_t n = layer_tree_children(t, &q, dir, &rows);
	for (size_t i = 0; i < n; i++) {
		const struct layer_entry *e = &rows[i];
		char *path = layer_tree_path_label(t, e->node);
		printf("after %c %04o %u:%u %llu %s", e->hardlink ? 'h' : type_char(e->mode), e->mode & 07777, e->uid,
		       e->gid, S_ISREG(e->mode) ? (unsigned long long)e->size : 0ULL, path + 1);
		if (e->link)
			printf(" %s %s", e->hardlink ? "=>" : "->", e->link_label);
		printf("\n");
		free(path);
		if (S_ISDIR(e->mode) && e->children)
			print_after(t, layer, e->node);
	}
	free(rows);
}

static int
cmd_tree(int argc, char **argv)
{
	bool file = argc > 0 && strcmp(argv[0], "--file") == 0;
	if (file) {
		argc--;
		argv++;
	}
	if (argc != 1)
		return 2;
	struct ctx c = { 0 };
	char *err = NULL;
	double t0 = now();
	enum archive_result r = stream(&c, file, argv[0], &err);
	double elapsed = now() - t0;
	struct layer_tree *t = c.t;
	if (r != ARCHIVE_RESULT_DONE) {
		printf("result %s: %s\n", r == ARCHIVE_RESULT_CANCELLED ? "cancelled" : "failed", err ? err : "");
		free(err);
		ctx_done(&c);
		return 1;
	}
	printf("result done\n");
	struct layer_tree_status st;
	layer_tree_status(t, &st);
	printf("image %s\n", st.image_id);
	size_t n = layer_tree_layers(t);
	for (size_t i = 0; i < n; i++) {
		struct layer_info li;
		layer_tree_layer(t, i, &li);
		static const char *states[] = { "pending", "reading", "done", "failed" };
		printf("layer %zu state=%s size=%llu entries=%zu compression=%s diff=%s created_by=%s\n", i,
		       states[li.state], (unsigned long long)li.size, li.entries, li.compression, li.diff_id,
		       li.created_by);
	}
	for (size_t i = 0; i < n; i++)
		print_changes(t, i, LAYER_NODE_ROOT, LAYER_UNCHANGED);
	if (n > 0)
		print_after(t, n - 1, LAYER_NODE_ROOT);
	struct layer_efficiency e;
	layer_tree_efficiency(t, &e);
	printf("size %llu\nuser %llu\nwasted %llu\nefficiency %.6f\n", (unsigned long long)e.size,
	       (unsigned long long)e.user_size, (unsigned long long)e.wasted, e.score);
	for (size_t i = 0; i < e.nitems; i++) {
		char *path = layer_tree_path_label(t, e.items[i].node);
		struct strbuf layers = STRBUF_INIT;
		for (size_t k = 0; k < e.items[i].count; k++)
			sb_printf(&layers, "%s%zu", k ? "," : "", e.items[i].layers[k]);
		printf("waste %llu %zu %s %s\n", (unsigned long long)e.items[i].bytes, e.items[i].count, layers.buf, path);
		sb_free(&layers);
		free(path);
	}
	layer_efficiency_free(&e);
	layer_tree_status(t, &st);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("stats elapsed=%.3f bytes=%llu nodes=%zu memory=%zu maxrss_kb=%ld\n", elapsed,
	       (unsigned long long)st.bytes, st.nodes, st.memory, ru.ru_maxrss);
	ctx_done(&c);
	return 0;
}

static int
cmd_list(int argc, char **argv)
{
	if (argc != 1)
		return 2;
	struct archive *a = archive_read_new();
	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, argv[0], 65536) != ARCHIVE_OK) {
		printf("error: %s\n", archive_error_string(a));
		return 1;
	}
	struct archive_entry *e;
	int r;
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		const char *raw = archive_entry_pathname(e);
		struct strbuf path = STRBUF_INIT;
		sb_puts(&path, raw);
		while (path.len > 0 && path.buf[path.len - 1] == '/')
			path.buf[--path.len] = '\0';
		const char *p = path.buf ? path.buf : "";
		if (strncmp(p, "./", 2) == 0)
			p += 2;
		if (!*p || strcmp(p, ".") == 0) {
			sb_free(&path);
			continue;
		}
		char *label = sanitize(p);	/* the same escapes as the tree's labels */
		unsigned mode = archive_entry_mode(e);
		const char *hard = archive_entry_hardlink(e);
		printf("after %c %04o %u:%u %llu %s", hard ? 'h' : type_char(mode), mode & 07777,
		       (unsigned)archive_entry_uid(e), (unsigned)archive_entry_gid(e),
		       !hard && S_ISREG(mode) ? (unsigned long long)archive_entry_size(e) : 0ULL, label);
		if (hard) {
			char *h = sanitize(hard);
			printf(" => %s", h);
			free(h);
		} else if (S_ISLNK(mode)) {
			char *l = sanitize(archive_entry_symlink(e));
			printf(" -> %s", l);
			free(l);
		}
		printf("\n");
		free(label);
		sb_free(&path);
	}
	archive_read_free(a);
	return r == ARCHIVE_EOF ? 0 : 1;
}

/* The layer and node a command names: LAYER (a number, or "last") and PATH. */
static struct layer_pick *
pick(struct layer_tree *t, const char *layer, const char *path, bool changes)
{
	size_t n = layer_tree_layers(t);
	size_t l = strcmp(layer, "last") == 0 ? n - 1 : (size_t)strtoul(layer, NULL, 10);
	struct layer_query q = { l, changes ? LAYER_VIEW_CHANGES : LAYER_VIEW_AFTER, LAYER_SORT_NAME, 0, NULL };
	char *err = NULL;
	uint32_t node = layer_tree_lookup(t, path);
	struct layer_pick *p = layer_tree_pick(t, &q, node, &err);
	if (!p) {
		printf("error: %s\n", err);
		free(err);
	}
	return p;
}

static int
cmd_content(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	bool changes = argc > 3 && strcmp(argv[3], "--changes") == 0;
	struct ctx c = { 0 };
	char *err = NULL;
	int rc = 1;
	if (stream(&c, false, argv[0], &err) != ARCHIVE_RESULT_DONE) {
		printf("error: %s\n", err);
		free(err);
		ctx_done(&c);
		return 1;
	}
	struct layer_pick *p = pick(c.t, argv[1], argv[2], changes);
	if (p) {
		struct layer_source src = { .engine = connect_engine(), .image = argv[0], .fd = -1 };
		struct layer_content out;
		if (layer_stream_content(&src, p, LAYER_CONTENT_MAX, &out, NULL, &err) != ARCHIVE_RESULT_DONE) {
			printf("error: %s\n", err);
			free(err);
		} else {
			printf("size=%llu len=%zu cut=%d binary=%d\n", (unsigned long long)out.size, out.len, out.cut,
			       out.binary);
			fwrite(out.data, 1, out.len, stdout);
			layer_content_free(&out);
			rc = 0;
		}
		layer_pick_free(p);
		engine_free(src.engine);
	}
	ctx_done(&c);
	return rc;
}

static int
cmd_extract(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	bool changes = false, overwrite = false;
	for (int i = 4; i < argc; i++) {
		if (strcmp(argv[i], "--changes") == 0)
			changes = true;
		else if (strcmp(argv[i], "--overwrite") == 0)
			overwrite = true;
	}
	struct ctx c = { 0 };
	char *err = NULL;
	if (stream(&c, false, argv[0], &err) != ARCHIVE_RESULT_DONE) {
		printf("error: %s\n", err);
		free(err);
		ctx_done(&c);
		return 1;
	}
	int rc = 1;
	struct layer_pick *p = pick(c.t, argv[1], argv[2], changes);
	if (p) {
		struct layer_source src = { .engine = connect_engine(), .image = argv[0], .fd = -1 };
		struct layer_extract_opts o = { .dest = argv[3], .overwrite = overwrite };
		struct layer_extract_result res;
		enum archive_result r = layer_stream_extract(&src, p, &o, &res, &err);
		if (r == ARCHIVE_RESULT_EXISTS) {
			printf("exists\n");
			rc = 3;
		} else if (r != ARCHIVE_RESULT_DONE) {
			printf("error: %s\n", err);
			free(err);
		} else {
			printf("extracted files=%zu dirs=%zu links=%zu bytes=%llu skipped=%zu top=%s\n", res.files,
			       res.dirs, res.links, (unsigned long long)res.bytes, res.skipped, res.top);
			if (res.report)
				printf("%s", res.report);
			rc = 0;
		}
		layer_extract_result_free(&res);
		layer_pick_free(p);
		engine_free(src.engine);
	}
	ctx_done(&c);
	return rc;
}

static int
cmd_cancel(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	struct ctx c = { 0 };
	c.cancel_after = strtoull(argv[1], NULL, 10);
	char *err = NULL;
	double t0 = now();
	enum archive_result r = stream(&c, false, argv[0], &err);
	if (r != ARCHIVE_RESULT_CANCELLED) {
		printf("not cancelled: %d %s\n", r, err ? err : "");
		free(err);
		ctx_done(&c);
		return 1;
	}
	struct layer_tree_status st;
	layer_tree_status(c.t, &st);
	printf("cancelled bytes=%llu elapsed=%.3f state=%d\n", (unsigned long long)c.bytes, now() - t0, st.state);
	ctx_done(&c);
	return 0;
}

/* ---- archives for the test: OCI layout, one more layer ----------------------------------------- */

struct file {
	char *path;
	struct strbuf data;
	bool symlink;
	char *target;
};

/* Every entry of a (small) archive, in order. */
static struct file *
read_all(const char *path, size_t *n)
{
	struct archive *a = archive_read_new();
	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		fprintf(stderr, "%s: %s\n", path, archive_error_string(a));
		exit(1);
	}
	struct file *f = NULL;
	*n = 0;
	struct archive_entry *e;
	while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		f = xrealloc(f, (*n + 1) * sizeof(*f));
		struct file *x = &f[(*n)++];
		memset(x, 0, sizeof(*x));
		x->path = xstrdup(archive_entry_pathname(e));
		if (archive_entry_filetype(e) == AE_IFLNK) {
			x->symlink = true;
			x->target = xstrdup(archive_entry_symlink(e));
		} else if (archive_entry_filetype(e) == AE_IFREG) {
			char buf[65536];
			la_ssize_t k;
			while ((k = archive_read_data(a, buf, sizeof(buf))) > 0)
				sb_append(&x->data, buf, (size_t)k);
			if (!x->data.buf)
				sb_append(&x->data, "", 0);
		} else {
			x->target = NULL;
			x->data.buf = NULL;
		}
	}
	archive_read_free(a);
	return f;
}

static void
free_all(struct file *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].path);
		free(f[i].target);
		sb_free(&f[i].data);
	}
	free(f);
}

static struct file *
find(struct file *f, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].path, path) == 0)
			return &f[i];
	return NULL;
}

static char *
sha256_hex(const void *data, size_t len)
{
	unsigned char md[32];
	unsigned int mdlen = 0;
	EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
	char *hex = xmalloc(65);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return hex;
}

static void
add_file(struct archive *w, const char *path, const void *data, size_t len)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_copy_pathname(e, path);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_mtime(e, 1700000000, 0);
	archive_write_header(w, e);
	if (len)
		archive_write_data(w, data, len);
	archive_entry_free(e);
}

static la_ssize_t
to_sb(struct archive *a, void *ctx, const void *buf, size_t n)
{
	(void)a;
	sb_append(ctx, buf, n);
	return (la_ssize_t)n;
}

static void
gzip_of(const struct strbuf *in, struct strbuf *out)
{
	struct archive *a = archive_write_new();
	archive_write_add_filter_gzip(a);
	archive_write_set_format_raw(a);
	archive_write_set_bytes_per_block(a, 0);
	archive_write_open(a, out, NULL, to_sb, NULL);
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, "x");
	archive_entry_set_filetype(e, AE_IFREG);
	archive_write_header(a, e);
	archive_write_data(a, in->buf, in->len);
	archive_entry_free(e);
	archive_write_close(a);
	archive_write_free(a);
}

static struct archive *
write_to(const char *path)
{
	struct archive *w = archive_write_new();
	archive_write_set_format_pax_restricted(w);
	if (archive_write_open_filename(w, path) != ARCHIVE_OK) {
		fprintf(stderr, "%s: %s\n", path, archive_error_string(w));
		exit(1);
	}
	return w;
}

/* The regular file a layer path names, through symlinks ("a/layer.tar" -> "../b/layer.tar"). */
static struct file *
layer_file(struct file *f, size_t n, const char *path)
{
	struct file *lf = find(f, n, path);
	for (int hops = 0; lf && lf->symlink && hops < 8; hops++) {
		const char *slash = strrchr(lf->path, '/');
		const char *t = lf->target;
		char *resolved = strncmp(t, "../", 3) == 0 ? xstrdup(t + 3)
							  : xasprintf("%.*s/%s", slash ? (int)(slash - lf->path) : 0, lf->path, t);
		lf = find(f, n, resolved);
		free(resolved);
	}
	return lf;
}

static int
cmd_oci(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	size_t n;
	struct file *f = read_all(argv[0], &n);
	struct file *m = find(f, n, "manifest.json");
	cJSON *man = m ? cJSON_Parse(m->data.buf) : NULL;
	cJSON *item = cJSON_GetArrayItem(man, 0);
	const cJSON *cfgname = cJSON_GetObjectItem(item, "Config");
	struct file *cfg = cJSON_IsString(cfgname) ? find(f, n, cfgname->valuestring) : NULL;
	if (!cfg) {
		cJSON_Delete(man);
		free_all(f, n);
		return 1;
	}
	struct archive *w = write_to(argv[1]);
	struct strbuf layers = STRBUF_INIT;
	const cJSON *l;
	int rc = 0;
	cJSON_ArrayForEach(l, cJSON_GetObjectItem(item, "Layers")) {
		struct file *lf = layer_file(f, n, l->valuestring);
		if (!lf) {
			rc = 1;
			break;
		}
		struct strbuf gz = STRBUF_INIT;
		gzip_of(&lf->data, &gz);
		char *hex = sha256_hex(gz.buf, gz.len);
		char *blob = xasprintf("blobs/sha256/%s", hex);
		add_file(w, blob, gz.buf, gz.len);
		sb_printf(&layers, "%s{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:%s\",\"size\":%zu}",
			  layers.len ? "," : "", hex, gz.len);
		free(blob);
		free(hex);
		sb_free(&gz);
	}
	char *chex = sha256_hex(cfg->data.buf, cfg->data.len);
	char *cblob = xasprintf("blobs/sha256/%s", chex);
	add_file(w, cblob, cfg->data.buf, cfg->data.len);
	char *manifest = xasprintf("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
				   "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:%s\",\"size\":%zu},"
				   "\"layers\":[%s]}",
				   chex, cfg->data.len, layers.buf ? layers.buf : "");
	char *mhex = sha256_hex(manifest, strlen(manifest));
	char *mblob = xasprintf("blobs/sha256/%s", mhex);
	add_file(w, mblob, manifest, strlen(manifest));
	char *index = xasprintf("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
				"\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
				"\"digest\":\"sha256:%s\",\"size\":%zu}]}",
				mhex, strlen(manifest));
	add_file(w, "index.json", index, strlen(index));
	add_file(w, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}", 30);
	archive_write_close(w);
	archive_write_free(w);
	free(chex);
	free(cblob);
	free(manifest);
	free(mhex);
	free(mblob);
	free(index);
	sb_free(&layers);
	cJSON_Delete(man);
	free_all(f, n);
	if (rc == 0)
		printf("oci %s\n", argv[1]);
	return rc;
}

static int
cmd_addlayer(int argc, char **argv)
{
	if (argc != 5)
		return 2;
	size_t n;
	struct file *f = read_all(argv[0], &n);
	/* the layer tar's bytes as they are */
	FILE *lf = fopen(argv[2], "rb");
	struct strbuf ltar = STRBUF_INIT;
	char buf[65536];
	size_t k;
	while (lf && (k = fread(buf, 1, sizeof(buf), lf)) > 0)
		sb_append(&ltar, buf, k);
	if (lf)
		fclose(lf);
	struct file *m = find(f, n, "manifest.json");
	cJSON *man = m ? cJSON_Parse(m->data.buf) : NULL;
	cJSON *item = cJSON_GetArrayItem(man, 0);
	const cJSON *cfgname = cJSON_GetObjectItem(item, "Config");
	char *cfg_path = cJSON_IsString(cfgname) ? xstrdup(cfgname->valuestring) : NULL;
	struct file *cfg = cfg_path ? find(f, n, cfg_path) : NULL;
	cJSON *config = cfg ? cJSON_Parse(cfg->data.buf) : NULL;
	if (!config || !ltar.len) {
		cJSON_Delete(man);
		free(cfg_path);
		sb_free(&ltar);
		free_all(f, n);
		return 1;
	}
	char *lhex = sha256_hex(ltar.buf, ltar.len);
	char *diff = xasprintf("sha256:%s", lhex);
	cJSON_AddItemToArray(cJSON_GetObjectItem(cJSON_GetObjectItem(config, "rootfs"), "diff_ids"),
			     cJSON_CreateString(diff));
	cJSON *h = cJSON_CreateObject();
	cJSON_AddStringToObject(h, "created", "2024-01-01T00:00:00Z");
	cJSON_AddStringToObject(h, "created_by", argv[4]);
	cJSON_AddItemToArray(cJSON_GetObjectItem(config, "history"), h);
	char *cjson = cJSON_PrintUnformatted(config);
	char *chex = sha256_hex(cjson, strlen(cjson));
	char *cname = xasprintf("%s.json", chex);
	char *lname = xasprintf("%s/layer.tar", lhex);
	cJSON_ReplaceItemInObject(item, "Config", cJSON_CreateString(cname));
	cJSON *tags = cJSON_CreateArray();
	cJSON_AddItemToArray(tags, cJSON_CreateString(argv[3]));
	cJSON_ReplaceItemInObject(item, "RepoTags", tags);
	cJSON_AddItemToArray(cJSON_GetObjectItem(item, "Layers"), cJSON_CreateString(lname));
	char *mjson = cJSON_PrintUnformatted(man);
	struct archive *w = write_to(argv[1]);
	for (size_t i = 0; i < n; i++) {
		if (f[i].symlink || !f[i].data.buf || strcmp(f[i].path, "manifest.json") == 0
		    || strcmp(f[i].path, cfg_path) == 0 || strcmp(f[i].path, "repositories") == 0)
			continue;
		add_file(w, f[i].path, f[i].data.buf, f[i].data.len);
	}
	add_file(w, lname, ltar.buf, ltar.len);
	add_file(w, cname, cjson, strlen(cjson));
	add_file(w, "manifest.json", mjson, strlen(mjson));
	archive_write_close(w);
	archive_write_free(w);
	printf("image sha256:%s\n", chex);
	free(lhex);
	free(diff);
	free(cjson);
	free(chex);
	free(cname);
	free(lname);
	free(mjson);
	free(cfg_path);
	cJSON_Delete(config);
	cJSON_Delete(man);
	sb_free(&ltar);
	free_all(f, n);
	return 0;
}

static int
cmd_gen(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	unsigned long files = strtoul(argv[1], NULL, 10);
	unsigned long long bytes = strtoull(argv[2], NULL, 10);
	struct archive *w = write_to(argv[0]);
	unsigned long long each = files ? bytes / files : 0, left = bytes;
	char *chunk = xmalloc(1 << 20);
	for (size_t i = 0; i < (1 << 20); i++)
		chunk[i] = (char)('a' + i % 26);
	for (unsigned long d = 0; d < 100; d++) {
		struct archive_entry *e = archive_entry_new();
		char *path = xasprintf("srv/d%03lu", d);
		archive_entry_copy_pathname(e, path);
		archive_entry_set_filetype(e, AE_IFDIR);
		archive_entry_set_perm(e, 0755);
		archive_write_header(w, e);
		archive_entry_free(e);
		free(path);
	}
	for (unsigned long i = 0; i < files; i++) {
		unsigned long long size = i + 1 == files ? left : each;
		left -= size;
		char *path = xasprintf("srv/d%03lu/file-%06lu.dat", i % 100, i);
		struct archive_entry *e = archive_entry_new();
		archive_entry_copy_pathname(e, path);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)size);
		archive_write_header(w, e);
		for (unsigned long long k = 0; k < size;) {
			size_t n = size - k < (1 << 20) ? (size_t)(size - k) : (1 << 20);
			archive_write_data(w, chunk, n);
			k += n;
		}
		archive_entry_free(e);
		free(path);
	}
	free(chunk);
	archive_write_close(w);
	archive_write_free(w);
	return 0;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	engine_global_init();
	atexit(engine_global_cleanup);
	if (argc < 2) {
		fprintf(stderr, "usage: layers_probe tree|list|content|extract|cancel|oci|addlayer|gen ...\n");
		return 2;
	}
	int rc = 2;
	const char *cmd = argv[1];
	if (strcmp(cmd, "tree") == 0)
		rc = cmd_tree(argc - 2, argv + 2);
	else if (strcmp(cmd, "list") == 0)
		rc = cmd_list(argc - 2, argv + 2);
	else if (strcmp(cmd, "content") == 0)
		rc = cmd_content(argc - 2, argv + 2);
	else if (strcmp(cmd, "extract") == 0)
		rc = cmd_extract(argc - 2, argv + 2);
	else if (strcmp(cmd, "cancel") == 0)
		rc = cmd_cancel(argc - 2, argv + 2);
	else if (strcmp(cmd, "oci") == 0)
		rc = cmd_oci(argc - 2, argv + 2);
	else if (strcmp(cmd, "addlayer") == 0)
		rc = cmd_addlayer(argc - 2, argv + 2);
	else if (strcmp(cmd, "gen") == 0)
		rc = cmd_gen(argc - 2, argv + 2);
	if (rc == 2)
		fprintf(stderr, "layers_probe: bad arguments\n");
	return rc;
}
