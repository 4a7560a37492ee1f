/* docker build: the query from the form, build args, X-Registry-Config, and the build log
 * model on answers of POST /build captured from dockerd 20.10.24 (tests/fixtures/
 * capture-build.sh):
 *   build-ok.jsonl       5 steps, a build arg, RUN output on stdout and stderr (and a tab),
 *                        tagged build/ok:1 and build/ok:extra
 *   build-cached.jsonl   the same again: 4 " ---> Using cache"
 *   build-fail.jsonl     step 3/4 prints on stderr and exits 3
 *   build-target.jsonl   target=base of two stages
 *   build-pull.jsonl     FROM a registry image with pull=1: status lines
 *   build-unknown.jsonl  HTTP 400, a Dockerfile the engine cannot parse
 *   build-noctx.jsonl    HTTP 500, no such Dockerfile in the context */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <cjson/cJSON.h>

#include "build.h"
#include "registry_creds.h"
#include "strbuf.h"
#include "xalloc.h"

#include "fixture.h"

/* ---- query --------------------------------------------------------------------------------- */

START_TEST(query_plain)
{
	const char *tags[] = { "app:1" };
	struct build_form f = { .context = ".", .tags = tags, .ntags = 1 };
	char *err = NULL;
	char *q = build_query(&f, "Dockerfile", &err);
	ck_assert_str_eq(q, "/build?buildargs=%7B%7D&dockerfile=Dockerfile&rm=1&t=app%3A1&version=1");
	free(q);
	f.ntags = 0;
	q = build_query(&f, "sub/Dockerfile.dev", &err);
	ck_assert_str_eq(q, "/build?buildargs=%7B%7D&dockerfile=sub%2FDockerfile.dev&rm=1&version=1");
	free(q);
}
END_TEST

START_TEST(query_everything)
{
	const char *tags[] = { "127.0.0.1:5000/team/app:1.2", "app" };
	const char *args[] = { "A=1", "FROM_ENV", "UNSET_ONE", "A=2", "Q=say \"hi\" & <go>", "EMPTY=" };
	setenv("FROM_ENV", "from the environment", 1);
	unsetenv("UNSET_ONE");
	struct build_form f = { .context = ".", .tags = tags, .ntags = 2, .build_args = args, .nargs = 6,
				.target = "final", .no_cache = true, .pull = true };
	char *err = NULL;
	char *q = build_query(&f, "Dockerfile", &err);
	ck_assert_str_eq(q, "/build?buildargs="
			    "%7B%22A%22%3A%222%22%2C%22EMPTY%22%3A%22%22%2C%22FROM_ENV%22%3A%22from%20the%20environment%22"
			    "%2C%22Q%22%3A%22say%20%5C%22hi%5C%22%20%5Cu0026%20%5Cu003cgo%5Cu003e%22%2C%22UNSET_ONE%22%3Anull%7D"
			    "&dockerfile=Dockerfile&nocache=1&pull=1&rm=1"
			    "&t=127.0.0.1%3A5000%2Fteam%2Fapp%3A1.2&t=app&target=final&version=1");
	free(q);
	char *json = build_args_json(args, 6, &err);
	ck_assert_str_eq(json, "{\"A\":\"2\",\"EMPTY\":\"\",\"FROM_ENV\":\"from the environment\","
			       "\"Q\":\"say \\\"hi\\\" \\u0026 \\u003cgo\\u003e\",\"UNSET_ONE\":null}");
	free(json);
	unsetenv("FROM_ENV");
}
END_TEST

START_TEST(query_refused)
{
	char *err = NULL;
	const char *upper[] = { "App:1" };
	struct build_form f = { .context = ".", .tags = upper, .ntags = 1 };
	ck_assert_ptr_null(build_query(&f, "Dockerfile", &err));
	ck_assert_str_eq(err, "invalid argument \"App:1\" for \"-t, --tag\" flag: invalid reference format: repository name must be lowercase");
	free(err);
	const char *digest[] = { "app@sha256:ebba142a7989d15d266c1739c288c3733ebd7a2e62ed0c03e1fa5b85c4f4220c" };
	f.tags = digest;
	ck_assert_ptr_null(build_query(&f, "Dockerfile", &err));
	ck_assert(strstr(err, "build tag cannot contain a digest") != NULL);
	free(err);
	const char *bad[] = { "a b" };
	f.tags = bad;
	ck_assert_ptr_null(build_query(&f, "Dockerfile", &err));
	ck_assert(strstr(err, "invalid reference format") != NULL);
	free(err);
	const char *args[] = { "=x" };
	struct build_form g = { .context = ".", .build_args = args, .nargs = 1 };
	ck_assert_ptr_null(build_query(&g, "Dockerfile", &err));
	ck_assert_str_eq(err, "invalid argument \"=x\" for \"--build-arg\" flag: invalid environment variable: =x");
	free(err);
}
END_TEST

START_TEST(random_names)
{
	char *a = build_random_dockerfile_name(), *b = build_random_dockerfile_name();
	ck_assert_uint_eq(strlen(a), strlen(".dockerfile.") + 20);
	ck_assert(strncmp(a, ".dockerfile.", 12) == 0);
	ck_assert_uint_eq(strspn(a + 12, "0123456789abcdef"), 20);
	ck_assert_str_ne(a, b);
	free(a);
	free(b);
}
END_TEST

/* ---- X-Registry-Config --------------------------------------------------------------------- */

static char *
decode_url64(const char *s)
{
	char *std = xstrdup(s);
	for (char *p = std; *p; p++)
		*p = *p == '-' ? '+' : *p == '_' ? '/' : *p;
	size_t n;
	char *out = base64_decode(std, &n);
	free(std);
	return out;
}

START_TEST(registry_config)
{
	char dir[] = "/tmp/check_build.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *path = xasprintf("%s/config.json", dir);
	FILE *fp = fopen(path, "w");
	fputs("{}", fp);
	fclose(fp);
	char *line = build_registry_config(dir);
	ck_assert_str_eq(line, "X-Registry-Config: e30=");
	secret_free(line);

	/* alice:s3cr3t and bob:pw */
	fp = fopen(path, "w");
	fputs("{\"auths\":{\"reg.example:5000\":{\"auth\":\"YWxpY2U6czNjcjN0\"},"
	      "\"https://index.docker.io/v1/\":{\"auth\":\"Ym9iOnB3\"}}}", fp);
	fclose(fp);
	line = build_registry_config(dir);
	ck_assert(strncmp(line, "X-Registry-Config: ", 19) == 0);
	ck_assert_msg(strlen(line + 19) % 4 == 0, "padded");
	char *json = decode_url64(line + 19);
	ck_assert_ptr_nonnull(json);
	ck_assert_str_eq(json, "{\"https://index.docker.io/v1/\":{\"username\":\"bob\",\"password\":\"pw\","
			       "\"serveraddress\":\"https://index.docker.io/v1/\"},"
			       "\"reg.example:5000\":{\"username\":\"alice\",\"password\":\"s3cr3t\","
			       "\"serveraddress\":\"reg.example:5000\"}}");
	free(json);
	secret_free(line);
	unlink(path);
	rmdir(dir);
	free(path);
}
END_TEST


/* ---- the context's tar ---------------------------------------------------------------------- */

static void
put(const char *dir, const char *rel, const char *text)
{
	char *p = xasprintf("%s/%s", dir, rel);
	FILE *fp = fopen(p, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	free(p);
}

/* What build_run would send, read back with libarchive: "name mode uid:gid size" lines. */
static char *
tar_listing(const struct build_form *f, char **data_of_dockerignore)
{
	char *err = NULL;
	struct build_job *j = build_prepare(f, &err);
	ck_assert_msg(j != NULL, "prepare: %s", err);
	struct strbuf tar = STRBUF_INIT;
	char buf[1000];	/* small reads: the tar comes in pieces */
	long n;
	while ((n = build_job_read(buf, sizeof(buf), j)) > 0)
		sb_append(&tar, buf, (size_t)n);
	ck_assert_int_eq(n, 0);
	struct build_context_stats st;
	build_job_stats(j, &st);
	ck_assert(st.done);
	ck_assert_uint_eq(st.tar_bytes, tar.len);
	ck_assert_uint_eq(tar.len % 512, 0);
	struct archive *a = archive_read_new();
	archive_read_support_format_tar(a);
	ck_assert_int_eq(archive_read_open_memory(a, tar.buf, tar.len), ARCHIVE_OK);
	struct strbuf out = STRBUF_INIT;
	struct archive_entry *e;
	while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		sb_printf(&out, "%s %o %lld:%lld %lld%s%s\n", name, (unsigned)archive_entry_mode(e),
			  (long long)archive_entry_uid(e), (long long)archive_entry_gid(e),
			  (long long)archive_entry_size(e), archive_entry_symlink(e) ? " -> " : "",
			  archive_entry_symlink(e) ? archive_entry_symlink(e) : "");
		if (strcmp(name, ".dockerignore") == 0 && data_of_dockerignore) {
			struct strbuf d = STRBUF_INIT;
			char b[256];
			la_ssize_t r;
			while ((r = archive_read_data(a, b, sizeof(b))) > 0)
				sb_append(&d, b, (size_t)r);
			*data_of_dockerignore = sb_detach(&d);
		}
	}
	archive_read_free(a);
	sb_free(&tar);
	build_job_free(j);
	return sb_detach(&out);
}

START_TEST(context_tar)
{
	char dir[] = "/tmp/check_build_ctx.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *sub = xasprintf("%s/sub", dir), *nm = xasprintf("%s/node_modules", dir);
	mkdir(sub, 0755);
	mkdir(nm, 0755);
	put(dir, "Dockerfile", "FROM scratch\n");
	put(dir, ".dockerignore", "node_modules\n*.log\nDockerfile\n");
	put(dir, "b.txt", "bb");
	put(dir, "a.log", "log");
	put(dir, "sub/c", "c");
	put(dir, "node_modules/x", "x");
	char *link = xasprintf("%s/l", dir);
	ck_assert_int_eq(symlink("b.txt", link), 0);
	char *cpath = xasprintf("%s/sub/c", dir);
	chmod(cpath, 0640);
	chmod(sub, 0750);
	/* never read: an unreadable file in an excluded directory would fail the build */
	char *x = xasprintf("%s/node_modules/x", dir);
	chmod(x, 0);
	struct build_form f = { .context = dir };
	char *listing = tar_listing(&f, NULL);
	/* sorted as Go walks, the type bits in the mode, owner 0:0, the Dockerfile kept */
	ck_assert_str_eq(listing, ".dockerignore 100644 0:0 30\n"
				  "Dockerfile 100644 0:0 13\n"
				  "b.txt 100644 0:0 2\n"
				  "l 120777 0:0 0 -> b.txt\n"
				  "sub/ 40750 0:0 0\n"
				  "sub/c 100640 0:0 1\n");
	free(listing);

	/* a Dockerfile from outside: added under its random name, and named in .dockerignore */
	char *outside = xasprintf("%s.Dockerfile", dir);
	FILE *fp = fopen(outside, "w");
	fputs("FROM scratch\n", fp);
	fclose(fp);
	struct build_form g = { .context = dir, .dockerfile = outside };
	char *ign = NULL;
	listing = tar_listing(&g, &ign);
	const char *last = strrchr(listing, '\n');
	while (last > listing && last[-1] != '\n')
		last--;
	ck_assert_msg(strncmp(last, ".dockerfile.", 12) == 0, "%s", listing);
	ck_assert_msg(strstr(last, "600 0:0 13\n") != NULL, "%s", last);
	char *name = xstrndup(last, 32);
	char *want = xasprintf("node_modules\n*.log\nDockerfile\n\n%s\n", name);
	ck_assert_str_eq(ign, want);
	free(want);
	free(name);
	free(ign);
	free(listing);
	unlink(outside);
	free(outside);

	chmod(x, 0644);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(x);
	free(cpath);
	free(link);
	free(sub);
	free(nm);
}
END_TEST

START_TEST(prepare_refused)
{
	char *err = NULL;
	struct build_form f = { .context = "/nonexistent/ctx" };
	ck_assert_ptr_null(build_prepare(&f, &err));
	ck_assert_str_eq(err, "unable to prepare context: path \"/nonexistent/ctx\" not found");
	free(err);
	char dir[] = "/tmp/check_build_bad.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	f.context = dir;
	ck_assert_ptr_null(build_prepare(&f, &err));
	ck_assert(strstr(err, "Dockerfile") != NULL);
	free(err);
	put(dir, "Dockerfile", "FROM scratch\n");
	put(dir, ".dockerignore", "[\n");
	ck_assert_ptr_null(build_prepare(&f, &err));
	ck_assert_str_eq(err, "error checking context: syntax error in pattern");
	free(err);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}
END_TEST

/* ---- the log ------------------------------------------------------------------------------- */

static void
feed_fixture(struct build_log *l, const char *name)
{
	size_t len;
	char *text = fixture_read(name, &len);
	const char *s = text, *end = text + len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		build_log_feed(l, s, (size_t)(e - s));
		s = nl ? nl + 1 : end;
	}
	free(text);
}

/* The lines of kind k, joined with '|'. */
static char *
lines_of(const struct build_log *l, enum build_line_kind k)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		const struct build_line *bl = build_log_line(l, i);
		if (bl->kind == k) {
			if (sb.len)
				sb_putc(&sb, '|');
			sb_puts(&sb, bl->text);
		}
	}
	return sb_detach(&sb);
}

static void
assert_lines(const struct build_log *l, enum build_line_kind k, const char *want)
{
	char *got = lines_of(l, k);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(log_ok)
{
	struct build_log l;
	build_log_init(&l);
	feed_fixture(&l, "build-ok.jsonl");
	build_log_finish(&l);
	ck_assert(l.done);
	ck_assert(!l.failed);
	ck_assert_int_eq(l.steps, 5);
	ck_assert_int_eq(l.step, 5);
	ck_assert_str_eq(l.step_text, "CMD [\"/bin/sh\"]");
	ck_assert_uint_eq(l.cache_hits, 0);
	ck_assert(strncmp(l.image_id, "sha256:", 7) == 0 && strlen(l.image_id) == 71);
	ck_assert_uint_eq(l.ntags, 2);
	ck_assert_str_eq(l.tags[0], "build/ok:1");
	ck_assert_str_eq(l.tags[1], "build/ok:extra");
	assert_lines(&l, BUILD_LINE_STEP,
		     "Step 1/5 : FROM bb:1.0|Step 2/5 : ARG GREETING=hello|"
		     "Step 3/5 : RUN echo \"$GREETING from stdout\" && echo \"and a line on stderr\" >&2 && "
		     "printf 'tab\\there\\n'|Step 4/5 : LABEL budu.fixture=\"ok\"|Step 5/5 : CMD [\"/bin/sh\"]");
	assert_lines(&l, BUILD_LINE_OUTPUT, "hi from stdout|tab     here");
	assert_lines(&l, BUILD_LINE_STDERR, "and a line on stderr");
	char *short_id = xstrndup(l.image_id + 7, 12);
	char *want = xasprintf("Successfully built %s|Successfully tagged build/ok:1|Successfully tagged build/ok:extra",
			       short_id);
	assert_lines(&l, BUILD_LINE_SUCCESS, want);
	free(want);
	/* the step each line came in */
	for (size_t i = 0; i < l.n; i++) {
		const struct build_line *bl = build_log_line(&l, i);
		if (bl->kind == BUILD_LINE_STDERR || strcmp(bl->text, "hi from stdout") == 0)
			ck_assert_int_eq(bl->step, 3);
		if (bl->kind == BUILD_LINE_RESULT && i + 1 < l.n &&
		    build_log_line(&l, i + 1)->kind == BUILD_LINE_STEP)
			ck_assert_int_eq(bl->step + 1, build_log_line(&l, i + 1)->step);
		ck_assert(strchr(bl->text, '\x1b') == NULL);
	}
	char *running = lines_of(&l, BUILD_LINE_RUNNING);
	ck_assert(strncmp(running, " ---> Running in ", 17) == 0);
	free(running);
	char *warn = lines_of(&l, BUILD_LINE_WARNING);
	ck_assert(strstr(warn, "IPv4 forwarding is disabled") != NULL);
	free(warn);
	ck_assert_uint_eq(l.dropped, 0);
	free(short_id);
	build_log_free(&l);
}
END_TEST

START_TEST(log_cached)
{
	struct build_log l;
	build_log_init(&l);
	feed_fixture(&l, "build-cached.jsonl");
	build_log_finish(&l);
	ck_assert(l.done);
	ck_assert_uint_eq(l.cache_hits, 4);
	assert_lines(&l, BUILD_LINE_CACHE, " ---> Using cache| ---> Using cache| ---> Using cache| ---> Using cache");
	assert_lines(&l, BUILD_LINE_OUTPUT, "");
	assert_lines(&l, BUILD_LINE_RUNNING, "");
	ck_assert_uint_eq(l.ntags, 1);
	build_log_free(&l);
}
END_TEST

START_TEST(log_failed)
{
	struct build_log l;
	build_log_init(&l);
	feed_fixture(&l, "build-fail.jsonl");
	/* the runner calls finish after the stream: a failure stays one */
	build_log_finish(&l);
	ck_assert(l.failed);
	ck_assert(!l.done);
	ck_assert_int_eq(l.failed_step, 3);
	ck_assert_int_eq(l.steps, 4);
	ck_assert_int_eq(l.error_code, 3);
	ck_assert_str_eq(l.failed_step_text, "RUN echo \"something went wrong\" >&2; exit 3");
	ck_assert_str_eq(l.error, "The command '/bin/sh -c echo \"something went wrong\" >&2; exit 3' "
				  "returned a non-zero code: 3");
	assert_lines(&l, BUILD_LINE_STDERR, "something went wrong");
	assert_lines(&l, BUILD_LINE_OUTPUT, "before");
	const struct build_line *last = build_log_line(&l, l.n - 1);
	ck_assert_int_eq(last->kind, BUILD_LINE_ERROR);
	ck_assert_str_eq(last->text, l.error);
	ck_assert_int_eq(last->step, 3);
	ck_assert_ptr_null(l.image_id);
	ck_assert_uint_eq(l.ntags, 0);
	/* a later failure of the request does not hide the build's */
	build_log_fail(&l, "Cannot connect");
	ck_assert_int_eq(l.error_code, 3);
	build_log_free(&l);
}
END_TEST

START_TEST(log_target_and_pull)
{
	struct build_log l;
	build_log_init(&l);
	feed_fixture(&l, "build-target.jsonl");
	build_log_finish(&l);
	ck_assert(l.done);
	ck_assert_int_eq(l.steps, 2);
	ck_assert_str_eq(l.tags[0], "build/target:1");
	build_log_free(&l);

	build_log_init(&l);
	feed_fixture(&l, "build-pull.jsonl");
	build_log_finish(&l);
	ck_assert(l.done);
	assert_lines(&l, BUILD_LINE_STATUS,
		     "1: Pulling from build/base|Digest: sha256:b80e9b80a03d8d3698aeae8d532cbe9e235a1a38168f08465e981ed3be5ebb53|"
		     "Status: Downloaded newer image for 127.0.0.1:5000/build/base:1");
	assert_lines(&l, BUILD_LINE_OUTPUT, "pulled");
	ck_assert_uint_eq(l.ntags, 0);
	ck_assert_ptr_nonnull(l.image_id);
	build_log_free(&l);
}
END_TEST

/* HTTP errors come as {"message":…} bodies: the runner fails the log with engine_response.error. */
START_TEST(log_http_errors)
{
	static const char *names[][2] = {
		{ "build-unknown", "dockerfile parse error line 2: unknown instruction: FROBNICATE" },
		{ "build-noctx", "Cannot locate specified Dockerfile: Dockerfile" },
	};
	for (size_t i = 0; i < 2; i++) {
		char *f = xasprintf("%s.status", names[i][0]);
		char *status = fixture_read(f, NULL);
		ck_assert(atoi(status) >= 400);
		free(status);
		free(f);
		struct build_log l;
		build_log_init(&l);
		build_log_fail(&l, names[i][1]);
		ck_assert(l.failed);
		ck_assert_int_eq(l.failed_step, 0);
		ck_assert_str_eq(l.error, names[i][1]);
		build_log_free(&l);
	}
}
END_TEST

static void
feed_stream(struct build_log *l, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "{\"stream\":\"");
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' || c == '\\')
			sb_printf(&sb, "\\%c", c);
		else if (c < 0x20)
			sb_printf(&sb, "\\u%04x", c);
		else
			sb_putc(&sb, (char)c);
	}
	sb_puts(&sb, "\"}");
	build_log_feed(l, sb.buf, sb.len);
	sb_free(&sb);
}

/* Chunks split anywhere: one byte a message gives the same lines. */
START_TEST(log_split_anywhere)
{
	size_t len;
	char *text = fixture_read("build-ok.jsonl", &len);
	struct build_log whole, bytes;
	build_log_init(&whole);
	build_log_init(&bytes);
	const char *s = text, *end = text + len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		build_log_feed(&whole, s, (size_t)(e - s));
		cJSON *j = cJSON_ParseWithLength(s, (size_t)(e - s));
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(j, "stream");
		if (cJSON_IsString(st)) {
			for (const char *p = st->valuestring; *p; p++) {
				char one[2] = { *p, 0 };
				feed_stream(&bytes, one);
			}
		} else {
			build_log_feed(&bytes, s, (size_t)(e - s));
		}
		cJSON_Delete(j);
		s = nl ? nl + 1 : end;
	}
	free(text);
	ck_assert_uint_eq(whole.n, bytes.n);
	for (size_t i = 0; i < whole.n; i++) {
		ck_assert_int_eq(build_log_line(&whole, i)->kind, build_log_line(&bytes, i)->kind);
		ck_assert_str_eq(build_log_line(&whole, i)->text, build_log_line(&bytes, i)->text);
	}
	build_log_free(&whole);
	build_log_free(&bytes);
}
END_TEST

START_TEST(log_hostile)
{
	struct build_log l;
	build_log_init(&l);
	feed_stream(&l, "\x1b]0;pwned\x07title gone\x1b[2J\x1b[1;31mred\x1b[0m\n");
	feed_stream(&l, "bell\x07 and \x01 and del\x7f\n");
	feed_stream(&l, "progress 10%\rprogress 50%\rprogress 100%\n");
	feed_stream(&l, "\x1b[91mstderr one\nstderr two\n\x1b[0mstdout\n");
	feed_stream(&l, "Step 1/2 : FROM x\xe2\x80\xae\n");
	feed_stream(&l, "unfinished");
	build_log_finish(&l);
	ck_assert_str_eq(build_log_line(&l, 0)->text, "title gonered");
	ck_assert_str_eq(build_log_line(&l, 1)->text, "bell\\x07 and \\x01 and del\\x7f");
	ck_assert_str_eq(build_log_line(&l, 2)->text, "progress 100%");
	ck_assert_int_eq(build_log_line(&l, 3)->kind, BUILD_LINE_STDERR);
	ck_assert_int_eq(build_log_line(&l, 4)->kind, BUILD_LINE_STDERR);
	ck_assert_str_eq(build_log_line(&l, 4)->text, "stderr two");
	ck_assert_int_eq(build_log_line(&l, 5)->kind, BUILD_LINE_OUTPUT);
	ck_assert_int_eq(build_log_line(&l, 6)->kind, BUILD_LINE_STEP);
	ck_assert_str_eq(l.step_text, "FROM x\\u202e");
	ck_assert_str_eq(build_log_line(&l, 7)->text, "unfinished");
	ck_assert_uint_eq(l.n, 8);
	/* not JSON, or JSON of another shape: kept as text */
	build_log_feed(&l, "garbage \x1b[2J", 12);
	build_log_feed(&l, "{\"other\":1}", 11);
	ck_assert_str_eq(build_log_line(&l, 8)->text, "garbage \\e[2J");
	ck_assert_str_eq(build_log_line(&l, 9)->text, "{\"other\":1}");
	const char *aux = "{\"aux\":{\"ID\":\"sha256:\\u001b[2J\"}}";
	build_log_feed(&l, aux, strlen(aux));
	ck_assert_str_eq(l.image_id, "sha256:\\e[2J");
	build_log_free(&l);
}
END_TEST

START_TEST(log_limits)
{
	struct build_log l;
	build_log_init(&l);
	for (int i = 0; i < BUILD_LOG_MAX + 5; i++) {
		char line[32];
		snprintf(line, sizeof(line), "line %d\n", i);
		feed_stream(&l, line);
	}
	ck_assert_uint_eq(l.n, BUILD_LOG_MAX);
	ck_assert_uint_eq(l.dropped, 5);
	ck_assert_str_eq(build_log_line(&l, 0)->text, "line 5");
	ck_assert_ptr_null(build_log_line(&l, BUILD_LOG_MAX));
	build_log_free(&l);

	/* a line without end is cut, never split in a character */
	build_log_init(&l);
	char *big = xmalloc(3 * BUILD_LINE_MAX + 2);
	for (size_t i = 0; i < 3 * BUILD_LINE_MAX; i += 3)
		memcpy(big + i, "\xed\x95\x9c", 3);	/* 한 */
	big[3 * BUILD_LINE_MAX] = '\n';
	big[3 * BUILD_LINE_MAX + 1] = '\0';
	for (int k = 0; k < 3; k++)
		feed_stream(&l, big);
	ck_assert_uint_eq(l.n, 3);
	const char *t = build_log_line(&l, 0)->text;
	ck_assert_uint_le(strlen(t), BUILD_LINE_MAX + 3);
	ck_assert(strcmp(t + strlen(t) - 3, "…") == 0);
	ck_assert(strstr(t, "\\x") == NULL);
	free(big);
	build_log_free(&l);
}
END_TEST

static Suite *
build_suite(void)
{
	Suite *s = suite_create("build");
	TCase *q = tcase_create("query");
	tcase_add_test(q, query_plain);
	tcase_add_test(q, query_everything);
	tcase_add_test(q, query_refused);
	tcase_add_test(q, random_names);
	tcase_add_test(q, registry_config);
	tcase_add_test(q, context_tar);
	tcase_add_test(q, prepare_refused);
	suite_add_tcase(s, q);
	TCase *l = tcase_create("log");
	tcase_add_test(l, log_ok);
	tcase_add_test(l, log_cached);
	tcase_add_test(l, log_failed);
	tcase_add_test(l, log_target_and_pull);
	tcase_add_test(l, log_http_errors);
	tcase_add_test(l, log_split_anywhere);
	tcase_add_test(l, log_hostile);
	tcase_add_test(l, log_limits);
	suite_add_tcase(s, l);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(build_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
