#include "config.h"

#include <check.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reference.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define H32 "d712fd96543b974df5aa574453ca57ff"
#define H64 H32 "d0c14ddd04871d12ac47a9c124480769"
#define H64_UPPER "D712FD96543B974DF5AA574453CA57FFD0C14DDD04871D12AC47A9C124480769"
#define H128 H64 H64
#define H96 H64 H32
/* 128 characters: the longest tag the grammar allows. */
#define T32 "abcdefghijklmnopqrstuvwxyz012345"
#define TAG128 T32 T32 T32 T32

/* NULL-safe string comparison for optional fields. */
#define assert_opt_str(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (!w_) \
		ck_assert_msg(g_ == NULL, "expected NULL, got \"%s\"", g_ ? g_ : ""); \
	else \
		ck_assert_msg(g_ && strcmp(g_, w_) == 0, "expected \"%s\", got \"%s\"", w_, \
			g_ ? g_ : "(null)"); \
} while (0)

static const struct {
	const char *in;
	const char *domain;
	const char *path;
	const char *tag;
	const char *digest;
	const char *familiar;	/* familiar name */
} valid_rows[] = {
	/* engine-api.md §15 table. */
	{ "ubuntu", "docker.io", "library/ubuntu", NULL, NULL, "ubuntu" },
	{ "ubuntu:22.04", "docker.io", "library/ubuntu", "22.04", NULL, "ubuntu" },
	{ "docker.io/ubuntu", "docker.io", "library/ubuntu", NULL, NULL, "ubuntu" },
	{ "index.docker.io/foo/bar", "docker.io", "foo/bar", NULL, NULL, "foo/bar" },
	{ "localhost/foo", "localhost", "foo", NULL, NULL, "localhost/foo" },
	{ "localhost:5000/foo", "localhost:5000", "foo", NULL, NULL, "localhost:5000/foo" },
	{ "127.0.0.1:5000/demo/app:1", "127.0.0.1:5000", "demo/app", "1", NULL,
		"127.0.0.1:5000/demo/app" },
	{ "[::1]:5000/repo", "[::1]:5000", "repo", NULL, NULL, "[::1]:5000/repo" },
	{ "test.com:5000", "docker.io", "library/test.com", "5000", NULL, "test.com" },
	{ "example.com", "docker.io", "library/example.com", NULL, NULL, "example.com" },
	{ "b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io",
		"test.example.com/my-app", "test.example.com", NULL,
		"b.gcr.io/test.example.com/my-app" },
	{ "foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", NULL, "foo_bar.com" },
	{ "dock__er/docker", "docker.io", "dock__er/docker", NULL, NULL, "dock__er/docker" },
	{ "docker---rules/docker", "docker.io", "docker---rules/docker", NULL, NULL,
		"docker---rules/docker" },
	{ "lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", NULL, "lowercase" },
	{ "bb@sha256:" H64, "docker.io", "library/bb", NULL, "sha256:" H64, "bb" },
	{ "bb:1.0@sha256:" H64, "docker.io", "library/bb", "1.0", "sha256:" H64, "bb" },
	/* More. */
	{ "foo/bar", "docker.io", "foo/bar", NULL, NULL, "foo/bar" },
	{ "docker.io/library/nginx:latest", "docker.io", "library/nginx", "latest", NULL, "nginx" },
	{ "index.docker.io/nginx", "docker.io", "library/nginx", NULL, NULL, "nginx" },
	{ "docker.io/library/a/b", "docker.io", "library/a/b", NULL, NULL, "library/a/b" },
	{ "registry.example.com/a/b/c:v1.2.3", "registry.example.com", "a/b/c", "v1.2.3", NULL,
		"registry.example.com/a/b/c" },
	{ "my-registry:5000/team/app", "my-registry:5000", "team/app", NULL, NULL,
		"my-registry:5000/team/app" },
	{ "localhost:5000/foo:bar", "localhost:5000", "foo", "bar", NULL, "localhost:5000/foo" },
	{ "localhost:5000", "docker.io", "library/localhost", "5000", NULL, "localhost" },
	{ "localhost", "docker.io", "library/localhost", NULL, NULL, "localhost" },
	{ "Registry.Example.COM/x", "Registry.Example.COM", "x", NULL, NULL,
		"Registry.Example.COM/x" },
	{ "sub-domain.example.com/x", "sub-domain.example.com", "x", NULL, NULL,
		"sub-domain.example.com/x" },
	{ "[2001:db8::1]/repo", "[2001:db8::1]", "repo", NULL, NULL, "[2001:db8::1]/repo" },
	{ "foo.com/bar:_tag", "foo.com", "bar", "_tag", NULL, "foo.com/bar" },
	{ "user123/app-1.2_x", "docker.io", "user123/app-1.2_x", NULL, NULL, "user123/app-1.2_x" },
	{ "x", "docker.io", "library/x", NULL, NULL, "x" },
	{ "a.b.c.d/e/f/g/h", "a.b.c.d", "e/f/g/h", NULL, NULL, "a.b.c.d/e/f/g/h" },
	{ "foo:" TAG128, "docker.io", "library/foo", TAG128, NULL, "foo" },
	{ "foo@sha512:" H128, "docker.io", "library/foo", NULL, "sha512:" H128, "foo" },
	{ "foo@sha384:" H96, "docker.io", "library/foo", NULL, "sha384:" H96, "foo" },
	/* A bare "sha256:<hex>" is a repository named sha256 with a 64-character tag. */
	{ "sha256:" H64, "docker.io", "library/sha256", H64, NULL, "sha256" },
	/* Go quirk kept: the first part looks like a domain but is not one, so it stays in the path. */
	{ "a_b.com/foo", "", "a_b.com/foo", NULL, NULL, "a_b.com/foo" },
};

START_TEST(test_valid)
{
	struct reference ref;
	enum ref_error err = reference_parse(valid_rows[_i].in, &ref);
	ck_assert_msg(err == REF_OK, "%s: %s", valid_rows[_i].in, reference_strerror(err));
	assert_opt_str(ref.domain, valid_rows[_i].domain);
	assert_opt_str(ref.path, valid_rows[_i].path);
	assert_opt_str(ref.tag, valid_rows[_i].tag);
	assert_opt_str(ref.digest, valid_rows[_i].digest);
	char *fam = reference_familiar_name(&ref);
	ck_assert_str_eq(fam, valid_rows[_i].familiar);

	/* The normalised string parses back to the same reference. */
	char *str = reference_string(&ref, false);
	struct reference again;
	ck_assert_int_eq(reference_parse(str, &again), REF_OK);
	assert_opt_str(again.domain, ref.domain);
	assert_opt_str(again.path, ref.path);
	assert_opt_str(again.tag, ref.tag);
	assert_opt_str(again.digest, ref.digest);
	reference_free(&again);
	/* And so does the familiar name (dropping tag and digest). */
	ck_assert_int_eq(reference_parse(fam, &again), REF_OK);
	assert_opt_str(again.path, ref.path);
	reference_free(&again);

	free(str);
	free(fam);
	reference_free(&ref);
	ck_assert(ref.domain == NULL && ref.path == NULL);
}
END_TEST

static const struct {
	const char *in;
	enum ref_error err;
} invalid_rows[] = {
	/* engine-api.md §15 table. */
	{ "Uppercase:tag", REF_NOT_LOWERCASE },
	{ "docker/Docker", REF_NOT_LOWERCASE },
	{ ":justtag", REF_INVALID_FORMAT },
	{ "@sha256:" H64, REF_INVALID_FORMAT },
	{ "aa/asdf$$^/aa", REF_INVALID_FORMAT },
	{ "docker///docker", REF_INVALID_FORMAT },
	{ "-docker/docker", REF_INVALID_FORMAT },
	{ "a/b-/c", REF_INVALID_FORMAT },
	{ "dock..er/docker", REF_INVALID_FORMAT },
	{ "dock_.er/docker", REF_INVALID_FORMAT },
	{ "[2001:db8::1]", REF_INVALID_FORMAT },
	{ "[fe80::1%eth0]:5000/repo", REF_INVALID_FORMAT },
	{ "repo@sha256:ffffffffffffffffffffffffffffffffff", REF_DIGEST_INVALID },
	{ "foo:bar:baz", REF_INVALID_FORMAT },
	{ H64, REF_IDENTIFIER },
	/* 20.10: an uppercase first component is not a domain. */
	{ "Docker/docker", REF_NOT_LOWERCASE },
	{ "LOCALDOMAIN/x", REF_NOT_LOWERCASE },
	/* More. */
	{ "", REF_EMPTY },
	{ NULL, REF_EMPTY },
	{ "foo:-bad", REF_TAG_INVALID },
	{ "foo:.bad", REF_TAG_INVALID },
	{ "foo:", REF_TAG_INVALID },
	{ "foo:a" TAG128, REF_TAG_INVALID },
	{ "foo:bad/tag", REF_INVALID_FORMAT },
	{ "foo@sha256:" H64_UPPER, REF_DIGEST_INVALID },
	{ "foo@sha256:" H64 "00", REF_DIGEST_INVALID },
	{ "foo@md5:" H32, REF_DIGEST_INVALID },
	{ "foo@sha256:xyz", REF_DIGEST_INVALID },
	{ "foo@sha256:" H32 "zz", REF_DIGEST_INVALID },
	{ "foo@", REF_DIGEST_INVALID },
	{ "foo@sha256:" H64 "@x", REF_DIGEST_INVALID },
	{ "ubuntu/", REF_INVALID_FORMAT },
	{ "/ubuntu", REF_INVALID_FORMAT },
	{ "foo bar", REF_INVALID_FORMAT },
	{ "-foo.com/bar", REF_INVALID_FORMAT },
	{ "foo.com:port/bar", REF_INVALID_FORMAT },
	{ "foo.com:/bar", REF_INVALID_FORMAT },
	{ "foo..com/bar", REF_INVALID_FORMAT },
	{ "[]/bar", REF_INVALID_FORMAT },
	{ "localhost:5000/Foo", REF_NOT_LOWERCASE },
	{ "UPPER", REF_NOT_LOWERCASE },
	{ "A_B.com/foo", REF_NOT_LOWERCASE },	/* Parse's own lowercase retry */
	{ "foo/bar__", REF_INVALID_FORMAT },
	{ "foo/b___ar", REF_INVALID_FORMAT },
	{ "\xc3\xa9t\xc3\xa9", REF_INVALID_FORMAT },
	{ "foo\n", REF_INVALID_FORMAT },
};

START_TEST(test_invalid)
{
	struct reference ref;
	memset(&ref, 0xff, sizeof(ref));
	enum ref_error err = reference_parse(invalid_rows[_i].in, &ref);
	ck_assert_msg(err == invalid_rows[_i].err, "%s: got %d (%s), want %d",
		invalid_rows[_i].in ? invalid_rows[_i].in : "(null)", err, reference_strerror(err),
		invalid_rows[_i].err);
	/* Nothing to free on failure, and freeing anyway is safe. */
	ck_assert(ref.domain == NULL && ref.path == NULL && ref.tag == NULL && ref.digest == NULL);
	reference_free(&ref);
}
END_TEST

static char *
repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	ck_assert_ptr_ne(s, NULL);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

START_TEST(test_name_length)
{
	/* 20.10 counts "domain/path": "a.com/" is 6 characters. */
	char *path = repeat('x', 249);
	char *in = malloc(300);
	snprintf(in, 300, "a.com/%s:tag", path);
	struct reference ref;
	ck_assert_int_eq(reference_parse(in, &ref), REF_OK);
	reference_free(&ref);
	free(path);

	path = repeat('x', 250);
	snprintf(in, 300, "a.com/%s", path);
	ck_assert_int_eq(reference_parse(in, &ref), REF_NAME_TOO_LONG);
	free(path);

	/* The implicit "docker.io/library/" counts too. */
	path = repeat('x', 255 - 18);
	ck_assert_int_eq(reference_parse(path, &ref), REF_OK);
	reference_free(&ref);
	free(path);
	path = repeat('x', 255 - 17);
	ck_assert_int_eq(reference_parse(path, &ref), REF_NAME_TOO_LONG);
	free(path);
	free(in);
}
END_TEST

START_TEST(test_strerror)
{
	ck_assert_str_eq(reference_strerror(REF_INVALID_FORMAT), "invalid reference format");
	ck_assert_str_eq(reference_strerror(REF_NOT_LOWERCASE),
		"invalid reference format: repository name must be lowercase");
	ck_assert_str_eq(reference_strerror(REF_NAME_TOO_LONG),
		"repository name must not be more than 255 characters");
	ck_assert(strstr(reference_strerror(REF_IDENTIFIER),
		"cannot specify 64-byte hexadecimal strings") != NULL);
	ck_assert_str_eq(reference_strerror(REF_DIGEST_INVALID), "invalid checksum digest format");
	for (int e = REF_OK; e <= REF_IDENTIFIER; e++)
		ck_assert(reference_strerror((enum ref_error)e)[0] != '\0');
}
END_TEST

START_TEST(test_strings)
{
	static const struct {
		const char *in;
		const char *name;
		const char *plain;
		const char *latest;
	} rows[] = {
		{ "ubuntu", "docker.io/library/ubuntu", "docker.io/library/ubuntu",
			"docker.io/library/ubuntu:latest" },
		{ "foo:1", "docker.io/library/foo", "docker.io/library/foo:1",
			"docker.io/library/foo:1" },
		{ "bb@sha256:" H64, "docker.io/library/bb", "docker.io/library/bb@sha256:" H64,
			"docker.io/library/bb@sha256:" H64 },
		{ "bb:1.0@sha256:" H64, "docker.io/library/bb", "docker.io/library/bb:1.0@sha256:" H64,
			"docker.io/library/bb:1.0@sha256:" H64 },
		{ "127.0.0.1:5000/demo/app", "127.0.0.1:5000/demo/app", "127.0.0.1:5000/demo/app",
			"127.0.0.1:5000/demo/app:latest" },
		{ "index.docker.io/foo/bar:x", "docker.io/foo/bar", "docker.io/foo/bar:x",
			"docker.io/foo/bar:x" },
		{ "a_b.com/foo", "a_b.com/foo", "a_b.com/foo", "a_b.com/foo:latest" },
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct reference ref;
		ck_assert_int_eq(reference_parse(rows[i].in, &ref), REF_OK);
		char *s = reference_name(&ref);
		ck_assert_str_eq(s, rows[i].name);
		free(s);
		s = reference_string(&ref, false);
		ck_assert_str_eq(s, rows[i].plain);
		free(s);
		s = reference_string(&ref, true);
		ck_assert_str_eq(s, rows[i].latest);
		free(s);
		reference_free(&ref);
	}
}
END_TEST

static const struct {
	const char *in;
	const char *repo;
	const char *tag;
} split_tag_rows[] = {
	{ "127.0.0.1:5000/demo/app:1", "127.0.0.1:5000/demo/app", "1" },
	{ "localhost:5000/x", "localhost:5000/x", "<none>" },
	{ "<none>:<none>", "<none>", "<none>" },
	{ "nginx:latest", "nginx", "latest" },
	{ "nginx", "nginx", "<none>" },
	{ "foo/bar:1.0", "foo/bar", "1.0" },
	{ "[::1]:5000/repo:tag", "[::1]:5000/repo", "tag" },
	{ "[::1]:5000/repo", "[::1]:5000/repo", "<none>" },
	{ "foo:", "foo", "<none>" },
	{ "", "<none>", "<none>" },
	{ NULL, "<none>", "<none>" },
};

START_TEST(test_split_tag)
{
	char *repo = NULL, *tag = NULL;
	reference_split_repo_tag(split_tag_rows[_i].in, &repo, &tag);
	ck_assert_str_eq(repo, split_tag_rows[_i].repo);
	ck_assert_str_eq(tag, split_tag_rows[_i].tag);
	free(repo);
	free(tag);
}
END_TEST

static const struct {
	const char *in;
	const char *repo;
	const char *digest;
} split_digest_rows[] = {
	{ "127.0.0.1:5000/demo/app@sha256:" H64, "127.0.0.1:5000/demo/app", "sha256:" H64 },
	{ "<none>@<none>", "<none>", "<none>" },
	{ "nginx@sha256:" H64, "nginx", "sha256:" H64 },
	{ "nginx", "nginx", "<none>" },
	{ "", "<none>", "<none>" },
	{ NULL, "<none>", "<none>" },
};

START_TEST(test_split_digest)
{
	char *repo = NULL, *digest = NULL;
	reference_split_repo_digest(split_digest_rows[_i].in, &repo, &digest);
	ck_assert_str_eq(repo, split_digest_rows[_i].repo);
	ck_assert_str_eq(digest, split_digest_rows[_i].digest);
	free(repo);
	free(digest);
}
END_TEST

/* splitDockerDomain's rule, on the first component only (len bounds it: no NUL needed). */
static const struct {
	const char *in;
	size_t len;
	bool domain;
} domain_rows[] = {
	{ "localhost", 9, true },
	{ "localhost:5000", 14, true },
	{ "localhost/app", 9, true },
	{ "a.b/c", 3, true },
	{ "a.b", 3, true },
	{ "[::1]:5000", 10, true },
	{ "127.0.0.1:5000/demo/app", 14, true },
	{ "registry-1.docker.io", 20, true },
	{ "nginx", 5, false },
	{ "library/nginx", 7, false },
	{ "Localhost", 9, false },
	{ "localhost2", 10, false },
	{ "localhos", 8, false },
	{ "localhost", 5, false },
	{ "a.b/c", 0, false },
	{ "", 0, false },
};

START_TEST(test_is_domain)
{
	ck_assert_msg(reference_is_domain(domain_rows[_i].in, domain_rows[_i].len) == domain_rows[_i].domain,
		      "%.*s", (int)domain_rows[_i].len, domain_rows[_i].in);
}
END_TEST

/* The worker threads parse concurrently: no shared state may be touched. */
static void *
parse_many(void *arg)
{
	(void)arg;
	for (int i = 0; i < 2000; i++) {
		for (size_t k = 0; k < ARRAY_LEN(valid_rows); k++) {
			struct reference ref;
			if (reference_parse(valid_rows[k].in, &ref) != REF_OK)
				return (void *)1;
			char *fam = reference_familiar_name(&ref);
			int bad = strcmp(fam, valid_rows[k].familiar) != 0;
			free(fam);
			reference_free(&ref);
			if (bad)
				return (void *)1;
		}
	}
	return NULL;
}

START_TEST(test_threads)
{
	pthread_t th[4];
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, parse_many, NULL), 0);
	for (int i = 0; i < 4; i++) {
		void *ret;
		pthread_join(th[i], &ret);
		ck_assert(ret == NULL);
	}
}
END_TEST

static Suite *
reference_suite(void)
{
	Suite *s = suite_create("reference");
	TCase *tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_valid, 0, (int)ARRAY_LEN(valid_rows));
	tcase_add_loop_test(tc, test_invalid, 0, (int)ARRAY_LEN(invalid_rows));
	tcase_add_test(tc, test_name_length);
	tcase_add_test(tc, test_strerror);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_threads);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("split");
	tcase_add_loop_test(tc, test_split_tag, 0, (int)ARRAY_LEN(split_tag_rows));
	tcase_add_loop_test(tc, test_split_digest, 0, (int)ARRAY_LEN(split_digest_rows));
	tcase_add_loop_test(tc, test_is_domain, 0, (int)ARRAY_LEN(domain_rows));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C");
	SRunner *sr = srunner_create(reference_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
