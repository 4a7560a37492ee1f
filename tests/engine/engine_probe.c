/* A command-line window on the core engine client, for the integration tests:
 * they compare what it prints with what the docker CLI prints on the same engine.
 *
 *   engine_probe version                 api=<negotiated> engine=<version> product=Docker|Podman
 *   engine_probe pull IMAGE TAG           POST /images/create through the pull model (src/pull.h):
 *                                         "progress: SUMMARY" whenever the summary changes,
 *                                         then "layers=N done=N existing=N bytes=N percent=N
 *                                         image_id=ID|-", or "error: MESSAGE"
 *   engine_probe images [-a] [--digests] [--no-trunc]
 *                                         one row per line: repo TAB tag [TAB digest] TAB id TAB size
 *   engine_probe get PATH                 http=<status> then the error message, if any
 *   engine_probe rm [-f] [--no-prune] REF...
 *                                         the plan (src/remove.h): its command line, one
 *                                         "plan:" line per item; then each removal's lines as
 *                                         docker image rm prints them ("Untagged: x",
 *                                         "Deleted: sha256:..."), or "Error: <message>".
 *                                         REF: repo:tag, repo@digest, or an ID (full, or a
 *                                         hex prefix) of a <none> image. Exit 3 on a conflict.
 *   engine_probe prune-preview [--all] [--until DUR]
 *                                         what prune would do (src/prune.h), the space exact
 *                                         from every image's layers: "untagged: REF"
 *                                         and "deleted: ID" lines, then
 *                                         "total images=N size=BYTES reclaim_max=BYTES
 *                                         reclaim=BYTES unknown=N" (unknown: images whose
 *                                         layers could not be read; reclaim is then a bound)
 *   engine_probe prune [--all] [--until DUR] [--bytes]
 *                                         POST /images/prune, printed as docker image prune -f
 *                                         prints it; --bytes adds "SpaceReclaimed: N"
 *   engine_probe search [docker search options...] TERM
 *                                         the words, quoted, go through search_query_parse
 *                                         as one line (src/search.h); then one row per result,
 *                                         by stars as docker 20.10 prints them: name TAB
 *                                         description cell TAB stars TAB [OK]-or-empty (official)
 *                                         TAB [OK]-or-empty (automated)
 *   engine_probe search-query LINE        what the search prompt makes of LINE: "command: ..."
 *                                         (search_query_command) and "path: ..."
 *   engine_probe tags [--secure] [--cancel-after MS] NAME
 *                                         the tags of repository NAME (as typed: "nginx",
 *                                         "127.0.0.1:5000/demo/app") from its registry
 *                                         (src/registry.h), one a line; plain HTTP as /info
 *                                         allows (registry_is_insecure), never with --secure;
 *                                         --cancel-after: cancel_request() from another thread;
 *                                         "cut: the first N" last when the list was capped
 *   engine_probe manifest [--secure] [--cancel-after MS] NAME REF
 *                                         the manifest of NAME:REF (a tag or a digest):
 *                                         "kind=index|image", "digest=", "media_type=", then
 *                                         "platform OS/ARCH[/VARIANT] DIGEST SIZE MEDIATYPE"
 *                                         lines, or "config DIGEST SIZE", "layer DIGEST SIZE
 *                                         MEDIATYPE" lines and "total=BYTES".
 *                                         A failed registry call prints "http=N" (0: no
 *                                         answer) and "error: MESSAGE".
 *
 * DOCKER_HOST, DOCKER_API_VERSION, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH apply as in budu.
 * Exit 0 on success, 1 when the engine call failed (the message goes to stdout), 2 on usage. */
#include "config.h"

#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "containers.h"
#include "engine.h"
#include "format.h"
#include "host.h"
#include "images.h"
#include "image_layers.h"
#include "prune.h"
#include "pull.h"
#include "registry.h"
#include "remove.h"
#include "search.h"
#include "strbuf.h"
#include "xalloc.h"

static int
fail(struct engine_response *r)
{
	printf("error: %s\n", r->error ? r->error : "(none)");
	engine_response_free(r);
	return 1;
}

struct pull_watch {
	struct pull p;
	char last[256];
};

static bool
pull_line(const char *line, size_t len, void *ctx)
{
	struct pull_watch *w = ctx;
	bool ok = pull_feed(&w->p, line, len);
	char now[256];
	pull_summary(&w->p, now, sizeof(now));
	if (strcmp(now, w->last) != 0) {
		printf("progress: %s\n", now);
		snprintf(w->last, sizeof(w->last), "%s", now);
	}
	return ok;
}

static int
cmd_pull(struct engine *e, const char *image, const char *tag)
{
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	if (r.status != ENGINE_OK || r.http_status >= 400)
		return fail(&r);
	engine_response_free(&r);
	char *from = engine_escape(image), *t = engine_escape(tag);
	char *path = xasprintf("/images/create?fromImage=%s&tag=%s", from, t);
	free(from);
	free(t);
	struct pull_watch w = { .last = "" };
	pull_init(&w.p);
	r = engine_stream(e, "POST", path, pull_line, &w, NULL);
	free(path);
	int rc = 0;
	if (r.status != ENGINE_OK || r.http_status >= 400 || w.p.failed) {
		if (!w.p.failed)
			pull_fail(&w.p, r.error ? r.error : "no answer");
		printf("error: %s\n", w.p.error);
		rc = 1;
	} else {
		pull_finish(&w.p);
		struct pull_totals tot;
		pull_totals(&w.p, &tot);
		printf("layers=%zu done=%zu existing=%zu bytes=%lld percent=%d image_id=%s\n", tot.layers,
		       tot.layers_done, tot.layers_existing, (long long)tot.bytes_total, pull_percent(&w.p),
		       w.p.image_id ? w.p.image_id : "-");
	}
	engine_response_free(&r);
	pull_free(&w.p);
	return rc;
}

static int
cmd_images(struct engine *e, int argc, char **argv)
{
	bool all = false, digests = false, no_trunc = false;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-a"))
			all = true;
		else if (!strcmp(argv[i], "--digests"))
			digests = true;
		else if (!strcmp(argv[i], "--no-trunc"))
			no_trunc = true;
		else
			return 2;
	}
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	if (r.status != ENGINE_OK || r.http_status >= 400)
		return fail(&r);
	engine_response_free(&r);
	r = engine_request(e, "GET", all ? "/images/json?all=1" : "/images/json", NULL, NULL);
	if (r.status != ENGINE_OK || r.http_status != 200)
		return fail(&r);
	struct image_list list;
	char *err = NULL;
	if (!images_parse(r.body, r.len, &list, &err)) {
		printf("error: %s\n", err);
		free(err);
		engine_response_free(&r);
		return 1;
	}
	engine_response_free(&r);
	struct image_row *rows;
	size_t n = image_rows_build(&list, digests, &rows);
	for (size_t i = 0; i < n; i++) {
		char id[80], size[32];
		if (no_trunc)
			snprintf(id, sizeof(id), "%s", rows[i].image->id);
		else
			format_short_id(id, sizeof(id), rows[i].image->id);
		format_size(size, sizeof(size), rows[i].image->size);
		if (digests)
			printf("%s\t%s\t%s\t%s\t%s\n", rows[i].repo, rows[i].tag, rows[i].digest, id, size);
		else
			printf("%s\t%s\t%s\t%s\n", rows[i].repo, rows[i].tag, id, size);
	}
	image_rows_free(rows, n);
	image_list_free(&list);
	return 0;
}

/* The image list (all=1) and the containers, after a connect; the engine's clock in *now. */
static int
load_lists(struct engine *e, struct image_list *list, struct container_list *containers, int64_t *now)
{
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	if (r.status != ENGINE_OK || r.http_status >= 400)
		return fail(&r);
	engine_response_free(&r);
	*now = info.server_time ? info.server_time : (int64_t)time(NULL);
	char *err = NULL;
	r = engine_request(e, "GET", "/images/json?all=1", NULL, NULL);
	if (r.status != ENGINE_OK || r.http_status != 200)
		return fail(&r);
	if (!images_parse(r.body, r.len, list, &err)) {
		printf("error: %s\n", err);
		free(err);
		engine_response_free(&r);
		return 1;
	}
	engine_response_free(&r);
	r = engine_request(e, "GET", "/containers/json?all=1", NULL, NULL);
	if (r.status != ENGINE_OK || r.http_status != 200) {
		image_list_free(list);
		return fail(&r);
	}
	if (!containers_parse(r.body, r.len, containers, &err)) {
		printf("error: %s\n", err);
		free(err);
		engine_response_free(&r);
		image_list_free(list);
		return 1;
	}
	engine_response_free(&r);
	return 0;
}

/* The row a command-line reference names: repo:tag, repo@digest, or an ID of a <none> image. */
static const struct image_row *
find_row(const struct image_row *rows, size_t n, const char *ref)
{
	for (size_t i = 0; i < n; i++) {
		const struct image_row *row = &rows[i];
		char *tagged = xasprintf("%s:%s", row->repo, row->tag);
		char *digested = xasprintf("%s@%s", row->repo, row->digest);
		bool hit = (strcmp(row->tag, "<none>") != 0 && strcmp(tagged, ref) == 0) ||
			   (strcmp(row->tag, "<none>") == 0 && strcmp(digested, ref) == 0);
		free(tagged);
		free(digested);
		if (hit)
			return row;
	}
	size_t len = strlen(ref);
	for (size_t i = 0; i < n && len >= 4; i++) {
		const struct image_row *row = &rows[i];
		if (strcmp(row->repo, "<none>") != 0)
			continue;
		const char *id = row->image->id;
		if (strncmp(id, ref, len) == 0 || (strncmp(id, "sha256:", 7) == 0 && strncmp(id + 7, ref, len) == 0))
			return row;
	}
	return NULL;
}

static const char *
effect_name(const struct remove_item *item)
{
	static const char *const blocks[] = { "", " needs-force", " cannot" };
	static char buf[64];
	snprintf(buf, sizeof(buf), "%s%s", item->effect == REMOVE_DELETE ? "delete" : "untag",
		 blocks[item->block]);
	return buf;
}

static int
cmd_rm(struct engine *e, int argc, char **argv)
{
	bool force = false, noprune = false;
	int i = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-f"))
			force = true;
		else if (!strcmp(argv[i], "--no-prune"))
			noprune = true;
		else
			return 2;
	}
	if (i == argc)
		return 2;
	struct image_list list;
	struct container_list containers;
	int64_t now;
	int rc = load_lists(e, &list, &containers, &now);
	if (rc)
		return rc;
	struct image_row *rows;
	size_t nrows = image_rows_build(&list, false, &rows);
	const struct image_row **sel = xcalloc((size_t)(argc - i), sizeof(*sel));
	size_t nsel = 0;
	for (; i < argc; i++) {
		sel[nsel] = find_row(rows, nrows, argv[i]);
		if (!sel[nsel]) {
			printf("error: no row for %s\n", argv[i]);
			rc = 1;
		} else {
			nsel++;
		}
	}
	struct remove_plan plan;
	remove_plan(&list, sel, nsel, &containers, force, noprune, &plan);
	printf("%s\n", plan.command);
	for (size_t k = 0; k < plan.nitems; k++) {
		const struct remove_item *item = &plan.items[k];
		printf("plan: %s %s", item->ref, effect_name(item));
		for (size_t a = 0; a < item->nalso_untagged; a++)
			printf(" +%s", item->also_untagged[a]);
		if (item->parents_deleted)
			printf(" parents=%zu", item->parents_deleted);
		for (size_t u = 0; u < item->nusers; u++)
			printf(" user=%s(%s)", item->users[u].name, item->users[u].state);
		printf("\n");
	}
	for (size_t k = 0; k < plan.nitems; k++) {
		struct remove_result res;
		if (remove_run(e, plan.items[k].ref, force, noprune, NULL, &res)) {
			if (*res.text)
				printf("%s\n", res.text);
		} else {
			printf("Error: %s\n", res.error);
			if (rc != 3)
				rc = res.conflict ? 3 : 1;
		}
		remove_result_free(&res);
	}
	remove_plan_free(&plan);
	free(sel);
	image_rows_free(rows, nrows);
	container_list_free(&containers);
	image_list_free(&list);
	return rc;
}

static int
prune_args(int argc, char **argv, enum prune_mode *mode, int64_t *until, bool *bytes)
{
	*mode = PRUNE_DANGLING;
	*until = PRUNE_NO_UNTIL;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--all") || !strcmp(argv[i], "-a"))
			*mode = PRUNE_ALL;
		else if (!strcmp(argv[i], "--until") && i + 1 < argc && prune_parse_duration(argv[i + 1], until))
			i++;
		else if (bytes && !strcmp(argv[i], "--bytes"))
			*bytes = true;
		else
			return 2;
	}
	return 0;
}

static int
cmd_prune_preview(struct engine *e, int argc, char **argv)
{
	enum prune_mode mode;
	int64_t until, now;
	if (prune_args(argc, argv, &mode, &until, NULL))
		return 2;
	struct image_list list;
	struct container_list containers;
	int rc = load_lists(e, &list, &containers, &now);
	if (rc)
		return rc;
	struct prune_preview p;
	prune_preview(&list, &containers, mode, until, now, &p);
	/* The exact space: every image's layers, as budu learns them. */
	struct layer_index *x = layer_index_new();
	for (size_t i = 0; i < list.nimages; i++) {
		struct image_layers l;
		char *err = NULL;
		if (image_layers_fetch(e, list.images[i].id, list.images[i].size, NULL, &l, &err) == ENGINE_OK)
			layer_index_put(x, list.images[i].id, &l);
		free(err);
	}
	prune_preview_reclaim(&p, &list, x);
	layer_index_free(x);
	for (size_t i = 0; i < p.nimages; i++) {
		for (size_t k = 0; k < p.images[i].nuntagged; k++)
			printf("untagged: %s\n", p.images[i].untagged[k]);
		if (p.images[i].deleted)
			printf("deleted: %s\n", p.images[i].id);
	}
	printf("total images=%zu size=%lld reclaim_max=%lld reclaim=%lld unknown=%zu\n", p.ndeleted,
	       (long long)p.size_total, (long long)p.reclaim_max, (long long)p.reclaim, p.reclaim_unknown);
	prune_preview_free(&p);
	container_list_free(&containers);
	image_list_free(&list);
	return 0;
}

static int
cmd_prune(struct engine *e, int argc, char **argv)
{
	enum prune_mode mode;
	int64_t until;
	bool bytes = false;
	if (prune_args(argc, argv, &mode, &until, &bytes))
		return 2;
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	if (r.status != ENGINE_OK || r.http_status >= 400)
		return fail(&r);
	engine_response_free(&r);
	struct prune_result res;
	int rc = 0;
	if (prune_run(e, mode, until, NULL, &res)) {
		/* docker: "Deleted Images:" and the lines, a blank line, then the total. */
		if (*res.text)
			printf("Deleted Images:\n%s\n\n", res.text);
		char *line = prune_reclaimed_line(res.reclaimed);
		printf("%s\n", line);
		free(line);
		if (bytes)
			printf("SpaceReclaimed: %lld\n", (long long)res.reclaimed);
	} else {
		printf("Error: %s\n", res.error);
		rc = 1;
	}
	prune_result_free(&res);
	return rc;
}

/* The words as one shell line: each quoted unless it is plainly one word. */
static char *
join_words(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		bool plain = *w != '\0';
		for (const char *p = w; *p; p++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/:@%+=,-", *p))
				plain = false;
		if (i)
			sb_putc(&sb, ' ');
		if (plain) {
			sb_puts(&sb, w);
			continue;
		}
		sb_putc(&sb, '\'');
		for (const char *p = w; *p; p++) {
			if (*p == '\'')
				sb_puts(&sb, "'\\''");
			else
				sb_putc(&sb, *p);
		}
		sb_putc(&sb, '\'');
	}
	return sb_detach(&sb);
}

static int
cmd_search_query(const char *line)
{
	struct search_query q;
	search_query_init(&q);
	char *err;
	if (!search_query_parse(line, &q, &err)) {
		printf("error: %s\n", err);
		free(err);
		return 1;
	}
	char *cmd = search_query_command(&q);
	char *path = search_query_path(&q);
	printf("command: %s\npath: %s\n", cmd, path);
	free(cmd);
	free(path);
	search_query_free(&q);
	return 0;
}

static int
cmd_search(struct engine *e, int argc, char **argv)
{
	/* text_width, for the description cell, needs a UTF-8 LC_CTYPE. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	char *line = join_words(argc, argv);
	struct search_query q;
	search_query_init(&q);
	char *err;
	bool ok = search_query_parse(line, &q, &err);
	free(line);
	if (!ok) {
		printf("error: %s\n", err);
		free(err);
		return 1;
	}
	struct engine_info info;
	struct engine_response r = engine_connect(e, &info, NULL);
	if (r.status != ENGINE_OK || r.http_status >= 400) {
		search_query_free(&q);
		return fail(&r);
	}
	engine_response_free(&r);
	char *path = search_query_path(&q);
	r = engine_request(e, "GET", path, NULL, NULL);
	free(path);
	if (r.status != ENGINE_OK || r.http_status != 200) {
		search_query_free(&q);
		return fail(&r);
	}
	struct search_results res;
	if (!search_parse(r.body, r.len, &res, &err)) {
		printf("error: %s\n", err);
		free(err);
		engine_response_free(&r);
		search_query_free(&q);
		return 1;
	}
	engine_response_free(&r);
	search_sort(&res, SEARCH_SORT_STARS);
	for (size_t i = 0; i < res.n; i++) {
		char *tmp;
		const char *cell = search_description_cell(&res.v[i], q.no_trunc, &tmp);
		printf("%s\t%s\t%lld\t%s\t%s\n", res.v[i].name, cell, res.v[i].stars,
		       res.v[i].official ? "[OK]" : "", res.v[i].automated ? "[OK]" : "");
		free(tmp);
	}
	search_results_free(&res);
	search_query_free(&q);
	return 0;
}

struct canceller {
	struct cancel *c;
	long ms;
};

static void *
cancel_later(void *arg)
{
	struct canceller *k = arg;
	struct timespec ts = { k->ms / 1000, (k->ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
	cancel_request(k->c);
	return NULL;
}

static void
print_manifest(const struct manifest *m)
{
	printf("kind=%s\ndigest=%s\nmedia_type=%s\n", m->kind == MANIFEST_INDEX ? "index" : "image",
	       m->digest, m->media_type);
	for (size_t i = 0; i < m->nplatforms; i++) {
		const struct manifest_platform *p = &m->platforms[i];
		printf("platform %s/%s%s%s %s %lld %s\n", p->os, p->architecture, *p->variant ? "/" : "",
		       p->variant, p->digest, p->size, p->media_type);
	}
	if (m->kind == MANIFEST_IMAGE) {
		printf("config %s %lld\n", m->config_digest, m->config_size);
		for (size_t i = 0; i < m->nlayers; i++)
			printf("layer %s %lld %s\n", m->layers[i].digest, m->layers[i].size, m->layers[i].media_type);
		printf("total=%lld\n", m->total_size);
	}
}

/* tags and manifest: the registry client, insecure as the engine's /info says. */
static int
cmd_registry(struct engine *e, int argc, char **argv, bool manifest)
{
	bool secure = false;
	long cancel_ms = -1;
	int i = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--secure"))
			secure = true;
		else if (!strcmp(argv[i], "--cancel-after") && i + 1 < argc)
			cancel_ms = atol(argv[++i]);
		else
			return 2;
	}
	if (argc - i != (manifest ? 2 : 1))
		return 2;
	struct registry_ref ref;
	char *err;
	if (!registry_ref_parse(argv[i], &ref, &err)) {
		printf("error: %s\n", err);
		free(err);
		return 1;
	}
	bool insecure = false;
	if (!secure) {
		struct engine_info info;
		struct engine_response r = engine_connect(e, &info, NULL);
		if (r.status == ENGINE_OK && r.http_status < 400) {
			engine_response_free(&r);
			r = engine_request(e, "GET", "/info", NULL, NULL);
		}
		insecure = registry_is_insecure(ref.host, r.status == ENGINE_OK && r.http_status == 200 ? r.body : NULL);
		engine_response_free(&r);
	}
	struct cancel c;
	cancel_init(&c);
	struct canceller k = { &c, cancel_ms };
	pthread_t t;
	bool timer = cancel_ms >= 0 && pthread_create(&t, NULL, cancel_later, &k) == 0;
	struct registry_error rerr;
	int rc = 0;
	if (manifest) {
		struct manifest m;
		if (registry_manifest(&ref, argv[i + 1], insecure, &c, &m, &rerr)) {
			print_manifest(&m);
			manifest_free(&m);
		} else {
			rc = 1;
		}
	} else {
		char **tags;
		size_t n;
		bool cut;
		if (registry_tags_auth(&ref, insecure, NULL, &c, &tags, &n, &cut, &rerr)) {
			for (size_t j = 0; j < n; j++) {
				printf("%s\n", tags[j]);
				free(tags[j]);
			}
			free(tags);
			if (cut)
				printf("cut: the first %zu\n", n);
		} else {
			rc = 1;
		}
	}
	if (rc) {
		printf("http=%ld\nerror: %s\n", rerr.http_status, rerr.message);
		registry_error_free(&rerr);
	}
	fflush(stdout);
	if (timer)
		pthread_join(t, NULL);
	cancel_destroy(&c);
	registry_ref_free(&ref);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	const char *verify = getenv("DOCKER_TLS_VERIFY");
	struct host host;
	char *err = NULL;
	if (!host_parse(getenv("DOCKER_HOST"), verify && *verify, getenv("DOCKER_CERT_PATH"), &host, &err)) {
		printf("error: %s\n", err);
		free(err);
		return 1;
	}
	engine_global_init();
	struct engine *e = engine_new(&host, getenv("DOCKER_API_VERSION"));
	int rc = 2;
	if (!strcmp(argv[1], "version")) {
		struct engine_info info;
		struct engine_response r = engine_connect(e, &info, NULL);
		if (r.status != ENGINE_OK || r.http_status >= 400) {
			rc = fail(&r);
		} else {
			printf("api=%s engine=%s product=%s\n", info.api_version, info.engine_version, info.product);
			engine_response_free(&r);
			rc = 0;
		}
	} else if (!strcmp(argv[1], "images")) {
		rc = cmd_images(e, argc - 2, argv + 2);
	} else if (!strcmp(argv[1], "pull") && argc == 4) {
		rc = cmd_pull(e, argv[2], argv[3]);
	} else if (!strcmp(argv[1], "rm")) {
		rc = cmd_rm(e, argc - 2, argv + 2);
	} else if (!strcmp(argv[1], "prune-preview")) {
		rc = cmd_prune_preview(e, argc - 2, argv + 2);
	} else if (!strcmp(argv[1], "prune")) {
		rc = cmd_prune(e, argc - 2, argv + 2);
	} else if (!strcmp(argv[1], "search")) {
		rc = cmd_search(e, argc - 2, argv + 2);
	} else if (!strcmp(argv[1], "search-query") && argc == 3) {
		rc = cmd_search_query(argv[2]);
	} else if (!strcmp(argv[1], "tags") || !strcmp(argv[1], "manifest")) {
		rc = cmd_registry(e, argc - 2, argv + 2, !strcmp(argv[1], "manifest"));
	} else if (!strcmp(argv[1], "get") && argc == 3) {
		struct engine_info info;
		struct engine_response r = engine_connect(e, &info, NULL);
		if (r.status != ENGINE_OK) {
			rc = fail(&r);
		} else {
			engine_response_free(&r);
			r = engine_request(e, "GET", argv[2], NULL, NULL);
			printf("http=%ld\n", r.http_status);
			if (r.error)
				printf("error: %s\n", r.error);
			rc = r.status == ENGINE_OK && r.http_status < 400 ? 0 : 1;
			engine_response_free(&r);
		}
	}
	engine_free(e);
	engine_global_cleanup();
	return rc;
}
