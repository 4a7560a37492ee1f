/* Registry credentials: config.json read and written as docker does (unknown keys kept, mode,
 * atomic rename), the server names docker files logins under, which store serves a server,
 * X-Registry-Auth and Basic encodings (against engine-api.md §14's captured values), the
 * credential-helper protocol's wire formats, and the Basic challenge.
 * Helpers themselves run only in tests/engine/80-credentials.sh, against the real
 * docker-credential-pass: no fake helper programs here. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "credhelper.h"
#include "docker_config.h"
#include "registry.h"
#include "registry_auth.h"
#include "registry_creds.h"
#include "strv.h"

#include "fixture.h"

/* Credentials over string literals, never freed. */
#define CREDS(u, s, tok) { .username = (char *)(u), .secret = (char *)(s), .identity_token = (tok) }

/* ---- helpers ---------------------------------------------------------------------------- */

static char *
temp_dir(void)
{
	char *d = strdup("/tmp/budu-auth-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	ck_assert_int_eq(chmod(path, mode), 0);
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_append(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

static void
rm_rf(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *p = xasprintf("%s/%s", dir, e->d_name);
			struct stat st;
			if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
				rm_rf(p);
			else
				unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(dir);
}

static size_t
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* A config dir holding the fixture config.json with the given mode. */
static char *
fixture_dir(mode_t mode)
{
	char *dir = temp_dir();
	char *text = fixture_read("docker-config.json", NULL);
	char *path = xasprintf("%s/config.json", dir);
	write_file(path, text, mode);
	free(path);
	free(text);
	return dir;
}

/* ---- names and stores --------------------------------------------------------------------- */

START_TEST(server_keys)
{
	static const char *const table[][2] = {
		{ "", DOCKER_HUB_KEY },
		{ "docker.io", DOCKER_HUB_KEY },
		{ "index.docker.io", DOCKER_HUB_KEY },
		{ "registry-1.docker.io", DOCKER_HUB_KEY },
		{ "https://index.docker.io/v1/", DOCKER_HUB_KEY },
		{ "https://registry-1.docker.io/v2/", DOCKER_HUB_KEY },
		{ "http://docker.io", DOCKER_HUB_KEY },
		{ "Docker.IO", DOCKER_HUB_KEY },
		{ "127.0.0.1:5000", "127.0.0.1:5000" },
		{ "https://127.0.0.1:5000/v2/", "127.0.0.1:5000" },
		{ "http://reg.example.com/", "reg.example.com" },
		{ "https://reg.example.com/v1/", "reg.example.com" },
		{ "reg.example.com/team/app", "reg.example.com" },
		{ "[::1]:5000", "[::1]:5000" },
		{ "localhost:5000", "localhost:5000" },
		{ "ghcr.io", "ghcr.io" },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		char *k = docker_server_key(table[i][0]);
		ck_assert_msg(strcmp(k, table[i][1]) == 0, "%s -> %s, not %s", table[i][0], k, table[i][1]);
		free(k);
	}
	char *h = registry_auth_host("docker.io");
	ck_assert_str_eq(h, "registry-1.docker.io");
	free(h);
	h = registry_auth_host("https://127.0.0.1:5000/");
	ck_assert_str_eq(h, "127.0.0.1:5000");
	free(h);
}
END_TEST

START_TEST(store_choice)
{
	char *dir = fixture_dir(0600);
	struct docker_config cfg;
	char *err = NULL;
	ck_assert(docker_config_load(&cfg, dir, &err));
	ck_assert_ptr_null(err);
	/* credHelpers[server] first */
	ck_assert_str_eq(docker_config_helper(&cfg, "gcr.io"), "gcloud");
	ck_assert_str_eq(docker_config_helper(&cfg, "https://gcr.io"), "gcloud");
	ck_assert_ptr_null(docker_config_helper(&cfg, "127.0.0.1:5000"));
	ck_assert(!docker_config_is_blank(&cfg));
	/* then credsStore, for everything else */
	docker_config_set_store(&cfg, "pass");
	ck_assert_str_eq(docker_config_helper(&cfg, "127.0.0.1:5000"), "pass");
	ck_assert_str_eq(docker_config_helper(&cfg, "gcr.io"), "gcloud");
	ck_assert_str_eq(registry_auth_store(&cfg, "docker.io"), "pass");
	docker_config_free(&cfg);
	rm_rf(dir);
	free(dir);

	/* a file without any login is blank: docker would pick its platform store */
	dir = temp_dir();
	char *path = xasprintf("%s/config.json", dir);
	write_file(path, "{\"auths\":{},\"psFormat\":\"x\"}", 0600);
	ck_assert(docker_config_load(&cfg, dir, &err));
	ck_assert(docker_config_is_blank(&cfg));
	ck_assert_ptr_null(docker_config_helper(&cfg, "docker.io"));
	docker_config_free(&cfg);
	free(path);
	rm_rf(dir);
	free(dir);
}
END_TEST

/* ---- reading ------------------------------------------------------------------------------ */

START_TEST(get_from_file)
{
	char *dir = fixture_dir(0600);
	struct docker_config cfg;
	char *err = NULL;
	ck_assert(docker_config_load(&cfg, dir, &err));
	struct registry_creds c;

	/* Docker Hub under every name, from the §14.2 example entry */
	static const char *const hub[] = { "docker.io", "registry-1.docker.io", DOCKER_HUB_KEY, "" };
	for (size_t i = 0; i < 4; i++) {
		ck_assert_int_eq(docker_config_get(&cfg, hub[i], &c, &err), CREDS_FOUND);
		ck_assert_str_eq(c.username, "alice");
		ck_assert_str_eq(c.secret, "s3cr3t");
		ck_assert(!c.identity_token);
		registry_creds_free(&c);
		ck_assert_ptr_null(c.secret);
	}
	/* a legacy key found by its host; the password split at the first colon only */
	ck_assert_int_eq(docker_config_get(&cfg, "reg.example.com", &c, &err), CREDS_FOUND);
	ck_assert_str_eq(c.username, "bob");
	ck_assert_str_eq(c.secret, "pw:with:colons");
	registry_creds_free(&c);
	/* "{}" beside a helper, and no entry at all: not logged in */
	ck_assert_int_eq(docker_config_get(&cfg, "127.0.0.1:5000", &c, &err), CREDS_NONE);
	ck_assert_int_eq(docker_config_get(&cfg, "nowhere.example.com", &c, &err), CREDS_NONE);
	ck_assert_ptr_null(err);
	/* an identity token wins over the password */
	ck_assert_int_eq(docker_config_get(&cfg, "tok.example.com", &c, &err), CREDS_FOUND);
	ck_assert_str_eq(c.username, "carol");
	ck_assert_str_eq(c.secret, "idtok-123");
	ck_assert(c.identity_token);
	registry_creds_free(&c);
	/* damaged: an error that names the server, not the entry */
	ck_assert_int_eq(docker_config_get(&cfg, "bad.example.com", &c, &err), CREDS_BAD);
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(strstr(err, "bad.example.com"));
	ck_assert_ptr_null(strstr(err, "base64"));
	free(err);
	docker_config_free(&cfg);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(load_missing_empty_and_garbage)
{
	char *dir = temp_dir();
	char *sub = xasprintf("%s/not-yet", dir);
	struct docker_config cfg;
	char *err = NULL;
	/* missing: an empty document; the directory is made (0700) by the first save */
	ck_assert(docker_config_load(&cfg, sub, &err));
	ck_assert(!cfg.exists);
	ck_assert(docker_config_is_blank(&cfg));
	struct registry_creds c = CREDS("u", "p", false);
	docker_config_put(&cfg, "127.0.0.1:5000", &c);
	ck_assert(docker_config_save(&cfg, &err));
	struct stat st;
	ck_assert_int_eq(stat(sub, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0700);
	char *path = xasprintf("%s/config.json", sub);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	docker_config_free(&cfg);

	/* empty file: fine */
	write_file(path, "  \n", 0600);
	ck_assert(docker_config_load(&cfg, sub, &err));
	ck_assert(cfg.exists);
	docker_config_free(&cfg);
	/* not JSON, or not an object: refused, and so never written over */
	write_file(path, "{\"auths\":", 0600);
	ck_assert(!docker_config_load(&cfg, sub, &err));
	ck_assert_ptr_nonnull(strstr(err, "config.json"));
	free(err);
	write_file(path, "[1]", 0600);
	ck_assert(!docker_config_load(&cfg, sub, &err));
	free(err);
	free(path);
	free(sub);
	rm_rf(dir);
	free(dir);
}
END_TEST

/* ---- writing ------------------------------------------------------------------------------ */

START_TEST(round_trip_keeps_unknown_keys)
{
	char *dir = fixture_dir(0600);
	char *path = xasprintf("%s/config.json", dir);
	char *before = read_file(path);
	cJSON *orig = cJSON_Parse(before);
	ck_assert_ptr_nonnull(orig);

	struct docker_config cfg;
	char *err = NULL;
	ck_assert(docker_config_load(&cfg, dir, &err));
	struct registry_creds c = CREDS("dave", "pa:ss", false);
	docker_config_put(&cfg, "https://127.0.0.1:5000/", &c);
	ck_assert(docker_config_erase(&cfg, "reg.example.com"));
	ck_assert(!docker_config_erase(&cfg, "never.example.com"));
	ck_assert(docker_config_save(&cfg, &err));
	docker_config_free(&cfg);

	char *after = read_file(path);
	cJSON *now = cJSON_Parse(after);
	ck_assert_ptr_nonnull(now);
	/* every top-level key but auths is as it was */
	const cJSON *m;
	cJSON_ArrayForEach(m, orig) {
		if (strcmp(m->string, "auths") == 0)
			continue;
		ck_assert_msg(cJSON_Compare(m, cJSON_GetObjectItemCaseSensitive(now, m->string), true),
			      "%s changed", m->string);
	}
	ck_assert_int_eq(cJSON_GetArraySize(now), cJSON_GetArraySize(orig));
	const cJSON *auths = cJSON_GetObjectItemCaseSensitive(now, "auths");
	const cJSON *oauths = cJSON_GetObjectItemCaseSensitive(orig, "auths");
	/* the entries not touched are as they were */
	static const char *const kept[] = { DOCKER_HUB_KEY, "tok.example.com", "bad.example.com" };
	for (size_t i = 0; i < 3; i++)
		ck_assert(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(oauths, kept[i]),
					cJSON_GetObjectItemCaseSensitive(auths, kept[i]), true));
	/* the legacy spelling went with the erase; the new login replaced "{}", as docker writes it */
	ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(auths, "https://reg.example.com/v1/"));
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(auths, "127.0.0.1:5000");
	ck_assert_int_eq(cJSON_GetArraySize(e), 1);
	ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(e, "auth")->valuestring, "ZGF2ZTpwYTpzcw==");

	/* and it reads back */
	ck_assert(docker_config_load(&cfg, dir, &err));
	struct registry_creds back;
	ck_assert_int_eq(docker_config_get(&cfg, "127.0.0.1:5000", &back, &err), CREDS_FOUND);
	ck_assert_str_eq(back.username, "dave");
	ck_assert_str_eq(back.secret, "pa:ss");
	registry_creds_free(&back);
	/* an identity token is written with the user beside it, no password */
	struct registry_creds t = CREDS("erin", "rt-1", true);
	docker_config_put(&cfg, "tok2.example.com", &t);
	ck_assert(docker_config_save(&cfg, &err));
	docker_config_free(&cfg);
	ck_assert(docker_config_load(&cfg, dir, &err));
	ck_assert_int_eq(docker_config_get(&cfg, "tok2.example.com", &back, &err), CREDS_FOUND);
	ck_assert_str_eq(back.username, "erin");
	ck_assert_str_eq(back.secret, "rt-1");
	ck_assert(back.identity_token);
	registry_creds_free(&back);
	docker_config_free(&cfg);

	cJSON_Delete(orig);
	cJSON_Delete(now);
	free(before);
	free(after);
	free(path);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(mode_and_atomic_rename)
{
	/* a new file is 0600; an existing file keeps its mode, as docker copies it */
	static const mode_t modes[] = { 0600, 0640, 0400 };
	for (size_t i = 0; i < 3; i++) {
		char *dir = fixture_dir(modes[i]);
		char *path = xasprintf("%s/config.json", dir);
		char *hard = xasprintf("%s/old-inode", dir);
		/* a hard link to the old file: an in-place rewrite would change it too */
		ck_assert_int_eq(link(path, hard), 0);
		struct stat before, after;
		ck_assert_int_eq(stat(path, &before), 0);
		char *old_text = read_file(path);

		struct docker_config cfg;
		char *err = NULL;
		ck_assert(docker_config_load(&cfg, dir, &err));
		ck_assert_int_eq(cfg.mode, modes[i]);
		struct registry_creds c = CREDS("u", "p", false);
		docker_config_put(&cfg, "r.example.com", &c);
		ck_assert_msg(docker_config_save(&cfg, &err), "%s", err ? err : "");
		docker_config_free(&cfg);

		ck_assert_int_eq(stat(path, &after), 0);
		ck_assert_int_eq(after.st_mode & 07777, modes[i]);
		ck_assert_msg(after.st_ino != before.st_ino, "config.json was rewritten in place");
		char *linked = read_file(hard);
		ck_assert_str_eq(linked, old_text);
		/* no temporary file left beside it: config.json and our link only */
		ck_assert_int_eq(count_entries(dir), 2);
		free(linked);
		free(old_text);
		free(hard);
		free(path);
		rm_rf(dir);
		free(dir);
	}
}
END_TEST

START_TEST(save_through_symlink)
{
	/* docker writes the link's target and keeps the link */
	char *dir = temp_dir();
	char *real = xasprintf("%s/real.json", dir);
	char *path = xasprintf("%s/config.json", dir);
	write_file(real, "{\"psFormat\":\"x\"}", 0600);
	ck_assert_int_eq(symlink("real.json", path), 0);
	struct docker_config cfg;
	char *err = NULL;
	ck_assert(docker_config_load(&cfg, dir, &err));
	struct registry_creds c = CREDS("u", "p", false);
	docker_config_put(&cfg, "r.example.com", &c);
	ck_assert(docker_config_save(&cfg, &err));
	docker_config_free(&cfg);
	struct stat st;
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	char *text = read_file(real);
	ck_assert_ptr_nonnull(strstr(text, "r.example.com"));
	ck_assert_ptr_nonnull(strstr(text, "psFormat"));
	free(text);
	free(real);
	free(path);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(logins_list)
{
	char *dir = fixture_dir(0600);
	struct docker_config cfg;
	char *err = NULL;
	ck_assert(docker_config_load(&cfg, dir, &err));
	struct docker_login *v;
	size_t n;
	docker_config_logins(&cfg, &v, &n);
	ck_assert_uint_eq(n, 7);
	ck_assert_str_eq(v[0].server, DOCKER_HUB_KEY);
	ck_assert_str_eq(v[0].username, "alice");
	ck_assert_ptr_null(v[0].helper);
	ck_assert_str_eq(v[1].server, "https://reg.example.com/v1/");
	ck_assert_str_eq(v[1].username, "bob");
	ck_assert_str_eq(v[2].server, "127.0.0.1:5000");
	ck_assert_ptr_null(v[2].username);
	ck_assert_str_eq(v[3].username, "carol");
	ck_assert_ptr_null(v[4].username);	/* damaged */
	ck_assert_str_eq(v[5].server, "gcr.io");
	ck_assert_str_eq(v[5].helper, "gcloud");
	ck_assert_ptr_null(v[5].username);
	ck_assert_str_eq(v[6].helper, "ecr-login");
	docker_logins_free(v, n);
	docker_config_free(&cfg);
	rm_rf(dir);
	free(dir);
}
END_TEST

/* ---- encodings ---------------------------------------------------------------------------- */

START_TEST(x_registry_auth)
{
	/* captured from CLI 28.2.2 (engine-api.md §14.1) */
	struct registry_creds c = CREDS("alice", "s3cr3t", false);
	char *h = registry_auth_header(&c, "127.0.0.1:5000");
	ck_assert_str_eq(h, "eyJ1c2VybmFtZSI6ImFsaWNlIiwicGFzc3dvcmQiOiJzM2NyM3QiLCJzZXJ2ZXJhZGRyZXNzIjoiMTI3LjAuMC4xOjUwMDAifQ==");
	secret_free(h);
	/* the identity-token form of §14.1 */
	struct registry_creds t = CREDS("", "idtok-123", true);
	h = registry_auth_header(&t, DOCKER_HUB_KEY);
	ck_assert_str_eq(h, "eyJzZXJ2ZXJhZGRyZXNzIjoiaHR0cHM6Ly9pbmRleC5kb2NrZXIuaW8vdjEvIiwiaWRlbnRpdHl0b2tlbiI6ImlkdG9rLTEyMyJ9");
	secret_free(h);
	/* no credentials: {} */
	h = registry_auth_header(NULL, "ghcr.io");
	ck_assert_str_eq(h, "e30=");
	free(h);
	struct registry_creds empty = CREDS("x", "", false);
	h = registry_auth_header(&empty, "ghcr.io");
	ck_assert_str_eq(h, "e30=");
	free(h);
	/* url-safe alphabet with padding, and Go's escaping of > (\u003e) */
	struct registry_creds u = CREDS("u", "~~~??\?>>>", false);
	h = registry_auth_header(&u, "r.example.com");
	ck_assert_str_eq(h, "eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6In5-fj8_P1x1MDAzZVx1MDAzZVx1MDAzZSIsInNlcnZlcmFkZHJlc3MiOiJyLmV4YW1wbGUuY29tIn0=");
	secret_free(h);
	/* quotes, backslashes, control characters and & */
	struct registry_creds q = CREDS("u\"q", "a\\b\nc&", false);
	h = registry_auth_header(&q, "h");
	ck_assert_str_eq(h, "eyJ1c2VybmFtZSI6InVcInEiLCJwYXNzd29yZCI6ImFcXGJcbmNcdTAwMjYiLCJzZXJ2ZXJhZGRyZXNzIjoiaCJ9");
	secret_free(h);
}
END_TEST

START_TEST(basic_header_and_base64)
{
	struct registry_creds c = CREDS("alice", "s3cr3t", false);
	char *h = registry_basic_header(&c);
	/* base64std("alice:s3cr3t") is §14.2's example "auth" */
	ck_assert_str_eq(h, "Authorization: Basic YWxpY2U6czNjcjN0");
	secret_free(h);
	struct registry_creds t = CREDS("", "tok", true);
	ck_assert_ptr_null(registry_basic_header(&t));
	ck_assert_ptr_null(registry_basic_header(NULL));

	size_t n;
	char *d = base64_decode(" YWxpY2U6czNjcjN0\n", &n);
	ck_assert_uint_eq(n, 12);
	ck_assert_mem_eq(d, "alice:s3cr3t", 12);
	free(d);
	d = base64_decode("Y2Fyb2w6", &n);
	ck_assert_uint_eq(n, 6);
	free(d);
	d = base64_decode("YQ==", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(d[0], 'a');
	free(d);
	ck_assert_ptr_null(base64_decode("YQ", &n));	/* unpadded: Go's StdEncoding refuses */
	ck_assert_ptr_null(base64_decode("Y-8_", &n));	/* url alphabet */
	ck_assert_ptr_null(base64_decode("not base64!", &n));
	char *e = base64_encode("\xfb\xff", 2, true);
	ck_assert_str_eq(e, "-_8=");
	free(e);
	e = base64_encode("\xfb\xff", 2, false);
	ck_assert_str_eq(e, "+/8=");
	free(e);

	/* freeing clears and resets */
	struct registry_creds k;
	registry_creds_copy(&k, &c);
	ck_assert_str_eq(k.secret, "s3cr3t");
	registry_creds_free(&k);
	ck_assert_ptr_null(k.username);
	ck_assert_ptr_null(k.secret);
	char buf[] = "secret";
	secret_clear(buf, sizeof(buf) - 1);
	ck_assert_mem_eq(buf, "\0\0\0\0\0\0", 6);
}
END_TEST

START_TEST(basic_challenges)
{
	ck_assert(registry_challenge_basic("Basic realm=\"Registry Realm\""));
	ck_assert(registry_challenge_basic("basic realm=x"));
	ck_assert(registry_challenge_basic("Bearer realm=\"https://a/t\",service=\"s\", Basic realm=\"r\""));
	ck_assert(!registry_challenge_basic("Bearer realm=\"https://a/t\",service=\"Basic\""));
	ck_assert(!registry_challenge_basic("Bearer realm=\"Basic\""));
	ck_assert(!registry_challenge_basic(""));
	ck_assert(!registry_challenge_basic(NULL));
	/* what distribution's htpasswd answers, captured (distribution 2.8) */
	ck_assert(registry_challenge_basic("Basic realm=\"basic-realm\""));
}
END_TEST

/* ---- the helper protocol's wire formats -------------------------------------------------- */

START_TEST(helper_get_answers)
{
	struct registry_creds c;
	char *err = NULL;
	/* docker-credential-pass get, success */
	const char *ok = "{\"ServerURL\":\"127.0.0.1:5000\",\"Username\":\"alice\",\"Secret\":\"s3cr3t\"}\n";
	ck_assert_int_eq(credhelper_parse_get(ok, strlen(ok), true, &c, &err), CREDHELPER_OK);
	ck_assert_str_eq(c.username, "alice");
	ck_assert_str_eq(c.secret, "s3cr3t");
	ck_assert(!c.identity_token);
	registry_creds_free(&c);
	/* "<token>" means an identity token */
	const char *tok = "{\"ServerURL\":\"https://index.docker.io/v1/\",\"Username\":\"<token>\",\"Secret\":\"idtok\"}";
	ck_assert_int_eq(credhelper_parse_get(tok, strlen(tok), true, &c, &err), CREDHELPER_OK);
	ck_assert(c.identity_token);
	ck_assert_str_eq(c.username, "");
	ck_assert_str_eq(c.secret, "idtok");
	registry_creds_free(&c);
	/* not found: written to stdout with a failing exit; not an error */
	const char *nf = "credentials not found in native keychain\n";
	ck_assert_int_eq(credhelper_parse_get(nf, strlen(nf), false, &c, &err), CREDHELPER_NOT_FOUND);
	ck_assert_ptr_null(err);
	/* Debian 12's docker-credential-pass 0.6.4: exit 0 with an empty user and secret */
	const char *old = "{\"ServerURL\":\"127.0.0.1:5000\",\"Username\":\"\",\"Secret\":\"\"}";
	ck_assert_int_eq(credhelper_parse_get(old, strlen(old), true, &c, &err), CREDHELPER_NOT_FOUND);
	ck_assert_ptr_null(err);
	ck_assert_int_eq(credhelper_parse_get("", 0, false, &c, &err), CREDHELPER_ERROR);
	ck_assert_int_eq(credhelper_parse_get("garbage", 7, true, &c, &err), CREDHELPER_ERROR);
	ck_assert_ptr_nonnull(err);
	free(err);
	ck_assert(credhelper_is_not_found(nf, strlen(nf)));
	ck_assert(!credhelper_is_not_found("no credentials server URL", 25));
	/* docker-credential-pass 0.6.4's erase of a login it does not hold */
	const char *gone = "exit status 1: Error: docker-credential-helpers/aHR0cHM6Ly8xMjcuMC4wLjE6NTk5OQ== is not in the password store.\n";
	ck_assert(credhelper_is_not_found(gone, strlen(gone)));
}
END_TEST

START_TEST(helper_store_list_words)
{
	struct registry_creds c = CREDS("alice", "s3\"cr3t", false);
	char *in = credhelper_store_input("127.0.0.1:5000", &c);
	cJSON *j = cJSON_Parse(in);
	ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(j, "ServerURL")->valuestring, "127.0.0.1:5000");
	ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(j, "Username")->valuestring, "alice");
	ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(j, "Secret")->valuestring, "s3\"cr3t");
	cJSON_Delete(j);
	secret_free(in);
	struct registry_creds t = CREDS("", "idtok", true);
	in = credhelper_store_input(DOCKER_HUB_KEY, &t);
	j = cJSON_Parse(in);
	ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(j, "Username")->valuestring, "<token>");
	cJSON_Delete(j);
	secret_free(in);

	char **servers, **users, *err = NULL;
	size_t n;
	const char *list = "{\"127.0.0.1:5000\":\"alice\",\"https://index.docker.io/v1/\":\"<token>\",\"x\":\"\\u001b[31m\"}";
	ck_assert(credhelper_parse_list(list, strlen(list), &servers, &users, &n, &err));
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(servers[0], "127.0.0.1:5000");
	ck_assert_str_eq(users[0], "alice");
	ck_assert_str_eq(users[1], "");
	ck_assert_ptr_null(strchr(users[2], '\033'));	/* sanitized */
	strv_free(servers, n);
	strv_free(users, n);
	ck_assert(credhelper_parse_list("{}", 2, &servers, &users, &n, &err));
	ck_assert_uint_eq(n, 0);
	strv_free(servers, n);
	strv_free(users, n);
	ck_assert(!credhelper_parse_list("[]", 2, &servers, &users, &n, &err));
	free(err);

	/* a helper's words, and never the secret in them */
	const char *said = "error storing credentials - err: exit status 1, out: `gpg: decryption failed`\n";
	char *w = credhelper_error_words("pass", "store", said, strlen(said), "s3cr3t");
	ck_assert_str_eq(w, "docker-credential-pass store: error storing credentials - err: exit status 1, out: `gpg: decryption failed`");
	free(w);
	const char *leak = "bad secret s3cr3t here";
	w = credhelper_error_words("pass", "store", leak, strlen(leak), "s3cr3t");
	ck_assert_ptr_null(strstr(w, "s3cr3t"));
	ck_assert_str_eq(w, "docker-credential-pass store failed");
	free(w);

	ck_assert(credhelper_name_valid("pass"));
	ck_assert(credhelper_name_valid("ecr-login"));
	ck_assert(!credhelper_name_valid(""));
	ck_assert(!credhelper_name_valid("../x"));
	ck_assert(!credhelper_name_valid("a b"));
	ck_assert(!credhelper_available("surely-not-installed-budu"));
	/* a missing helper is an error with a clear message, no crash */
	struct registry_creds got;
	ck_assert_int_eq(credhelper_get("surely-not-installed-budu", "x", &got, &err), CREDHELPER_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "docker-credential-surely-not-installed-budu"));
	free(err);
}
END_TEST

static Suite *
auth_suite(void)
{
	Suite *s = suite_create("registry_auth");
	TCase *tc = tcase_create("config");
	tcase_add_test(tc, server_keys);
	tcase_add_test(tc, store_choice);
	tcase_add_test(tc, get_from_file);
	tcase_add_test(tc, load_missing_empty_and_garbage);
	tcase_add_test(tc, round_trip_keeps_unknown_keys);
	tcase_add_test(tc, mode_and_atomic_rename);
	tcase_add_test(tc, save_through_symlink);
	tcase_add_test(tc, logins_list);
	suite_add_tcase(s, tc);
	tc = tcase_create("encodings");
	tcase_add_test(tc, x_registry_auth);
	tcase_add_test(tc, basic_header_and_base64);
	tcase_add_test(tc, basic_challenges);
	suite_add_tcase(s, tc);
	tc = tcase_create("helpers");
	tcase_add_test(tc, helper_get_answers);
	tcase_add_test(tc, helper_store_list_words);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(auth_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
