#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define assert_opt_str(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (!w_) \
		ck_assert_msg(g_ == NULL, "expected NULL, got \"%s\"", g_ ? g_ : ""); \
	else \
		ck_assert_msg(g_ && strcmp(g_, w_) == 0, "expected \"%s\", got \"%s\"", w_, \
			g_ ? g_ : "(null)"); \
} while (0)

/* engine-api.md §2.2 rows and the forms host.h promises, without TLS. */
static const struct {
	const char *spec;
	enum host_kind kind;
	const char *display;
	const char *socket;
	const char *base_url;
} plain_rows[] = {
	{ NULL, HOST_UNIX, "unix:///var/run/docker.sock", "/var/run/docker.sock", "http://localhost" },
	{ "", HOST_UNIX, "unix:///var/run/docker.sock", "/var/run/docker.sock", "http://localhost" },
	{ "  \t", HOST_UNIX, "unix:///var/run/docker.sock", "/var/run/docker.sock", "http://localhost" },
	{ "unix:///run/user/1000/docker.sock", HOST_UNIX, "unix:///run/user/1000/docker.sock",
		"/run/user/1000/docker.sock", "http://localhost" },
	{ "unix://", HOST_UNIX, "unix:///var/run/docker.sock", "/var/run/docker.sock",
		"http://localhost" },
	{ " unix:///run/docker.sock\n", HOST_UNIX, "unix:///run/docker.sock", "/run/docker.sock",
		"http://localhost" },
	{ "tcp://10.0.0.1", HOST_TCP, "tcp://10.0.0.1:2375", NULL, "http://10.0.0.1:2375" },
	{ "10.0.0.1", HOST_TCP, "tcp://10.0.0.1:2375", NULL, "http://10.0.0.1:2375" },
	{ "10.0.0.1:1234", HOST_TCP, "tcp://10.0.0.1:1234", NULL, "http://10.0.0.1:1234" },
	{ "docker.example.com:2376", HOST_TCP, "tcp://docker.example.com:2376", NULL,
		"http://docker.example.com:2376" },
	{ "tcp://:2376", HOST_TCP, "tcp://localhost:2376", NULL, "http://localhost:2376" },
	{ "tcp://", HOST_TCP, "tcp://localhost:2375", NULL, "http://localhost:2375" },
	{ "tcp://h:", HOST_TCP, "tcp://h:2375", NULL, "http://h:2375" },
	{ "tcp://h:2375/prefix", HOST_TCP, "tcp://h:2375/prefix", NULL, "http://h:2375/prefix" },
	{ "tcp://h/a/b/", HOST_TCP, "tcp://h:2375/a/b/", NULL, "http://h:2375/a/b" },
	{ "tcp://h:2375?x=1", HOST_TCP, "tcp://h:2375", NULL, "http://h:2375" },
	{ "tcp://[::1]:2375", HOST_TCP, "tcp://[::1]:2375", NULL, "http://[::1]:2375" },
	{ "tcp://[::1]", HOST_TCP, "tcp://[::1]:2375", NULL, "http://[::1]:2375" },
	{ "tcp://[::1]:", HOST_TCP, "tcp://[::1]:2375", NULL, "http://[::1]:2375" },
};

START_TEST(test_plain)
{
	struct host h;
	char *err = NULL;
	bool ok = host_parse(plain_rows[_i].spec, false, "/nonexistent", &h, &err);
	ck_assert_msg(ok, "%s: %s", plain_rows[_i].spec ? plain_rows[_i].spec : "(null)",
		err ? err : "");
	ck_assert(err == NULL);
	ck_assert_int_eq(h.kind, plain_rows[_i].kind);
	assert_opt_str(h.display, plain_rows[_i].display);
	assert_opt_str(h.socket_path, plain_rows[_i].socket);
	assert_opt_str(h.base_url, plain_rows[_i].base_url);
	ck_assert(!h.tls && !h.tls_verify);
	ck_assert(h.ca_file == NULL && h.cert_file == NULL && h.key_file == NULL);
	host_free(&h);
	ck_assert(h.display == NULL);
}
END_TEST

static const struct {
	const char *spec;
	const char *needle;	/* in the message */
} reject_rows[] = {
	{ "fd://", "fd://" },
	{ "fd://3", "fd://" },
	{ "npipe:////./pipe/docker_engine", "npipe://" },
	{ "http://10.0.0.1:2375", "invalid bind address format" },
	{ "https://10.0.0.1:2376", "invalid bind address format" },
	{ "ssh://bob:pw@host:2222/var/run/docker.sock", "plain-text password is not supported" },
	{ "ssh://", "hostname is empty" },
	{ "tcp://h:abc", "invalid bind address format: tcp://h:abc" },
	{ "tcp://h:99999", "invalid bind address format" },
	{ "tcp://h:123456", "invalid bind address format" },
	{ "tcp://a b", "invalid bind address format" },
	{ "tcp://h:1:2", "invalid bind address format" },
	{ "tcp://[::1", "invalid bind address format" },
	{ "tcp://[]:2375", "invalid bind address format" },
	{ "tcp://[::1]x", "invalid bind address format" },
	{ "tcp://tcp://x", "invalid proto, expected tcp" },
	{ "unix:///a://b", "invalid proto, expected unix" },
	{ "/var/run/docker.sock", "unix:///var/run/docker.sock" },
	{ "TCP://h", "invalid bind address format" },
};

START_TEST(test_reject)
{
	struct host h;
	char *err = NULL;
	memset(&h, 0xff, sizeof(h));
	ck_assert(!host_parse(reject_rows[_i].spec, false, NULL, &h, &err));
	ck_assert_ptr_ne(err, NULL);
	ck_assert_msg(strstr(err, reject_rows[_i].needle) != NULL, "%s: \"%s\" lacks \"%s\"",
		reject_rows[_i].spec, err, reject_rows[_i].needle);
	ck_assert(h.display == NULL && h.base_url == NULL && h.socket_path == NULL);
	host_free(&h);
	free(err);
}
END_TEST

/* A scratch cert dir holding the given files. */
static char tmpdir[256];

static void
make_cert_dir(bool ca, bool cert, bool key)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/budu-host-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_ptr_ne(mkdtemp(tmpdir), NULL);
	const char *names[] = { "ca.pem", "cert.pem", "key.pem" };
	bool want[] = { ca, cert, key };
	for (int i = 0; i < 3; i++) {
		if (!want[i])
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
		FILE *f = fopen(path, "w");
		ck_assert_ptr_ne(f, NULL);
		fputs("x\n", f);
		fclose(f);
	}
}

static void
remove_cert_dir(void)
{
	const char *names[] = { "ca.pem", "cert.pem", "key.pem" };
	for (int i = 0; i < 3; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	rmdir(tmpdir);
}

static char *
in_dir(const char *name)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

START_TEST(test_tls_default)
{
	make_cert_dir(true, true, true);
	struct host h;
	char *err = NULL;
	/* Unset host with TLS: the only case that defaults to 2376. */
	ck_assert(host_parse(NULL, true, tmpdir, &h, &err));
	ck_assert_int_eq(h.kind, HOST_TCP);
	ck_assert_str_eq(h.display, "tcp://localhost:2376");
	ck_assert_str_eq(h.base_url, "https://localhost:2376");
	ck_assert(h.tls && h.tls_verify);
	ck_assert(h.socket_path == NULL);
	ck_assert_str_eq(h.ca_file, in_dir("ca.pem"));
	ck_assert_str_eq(h.cert_file, in_dir("cert.pem"));
	ck_assert_str_eq(h.key_file, in_dir("key.pem"));
	host_free(&h);
	remove_cert_dir();
}
END_TEST

START_TEST(test_tls_port_stays_2375)
{
	make_cert_dir(true, true, true);
	struct host h;
	char *err = NULL;
	ck_assert(host_parse("tcp://10.0.0.1", true, tmpdir, &h, &err));
	ck_assert_str_eq(h.display, "tcp://10.0.0.1:2375");
	ck_assert_str_eq(h.base_url, "https://10.0.0.1:2375");
	host_free(&h);
	ck_assert(host_parse("10.0.0.1:2376/base", true, tmpdir, &h, &err));
	ck_assert_str_eq(h.display, "tcp://10.0.0.1:2376/base");
	ck_assert_str_eq(h.base_url, "https://10.0.0.1:2376/base");
	host_free(&h);
	remove_cert_dir();
}
END_TEST

START_TEST(test_tls_missing_ca)
{
	make_cert_dir(false, true, true);
	struct host h;
	char *err = NULL;
	ck_assert(!host_parse("tcp://h:2376", true, tmpdir, &h, &err));
	ck_assert_ptr_ne(err, NULL);
	char want[600];
	snprintf(want, sizeof(want), "open %s:", in_dir("ca.pem"));
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "got \"%s\"", err);
	ck_assert(h.display == NULL && h.ca_file == NULL);
	free(err);
	remove_cert_dir();
}
END_TEST

START_TEST(test_tls_only_ca)
{
	make_cert_dir(true, false, false);
	struct host h;
	char *err = NULL;
	ck_assert(host_parse("tcp://h:2376", true, tmpdir, &h, &err));
	ck_assert_str_eq(h.ca_file, in_dir("ca.pem"));
	ck_assert(h.cert_file == NULL && h.key_file == NULL);
	host_free(&h);
	remove_cert_dir();
}
END_TEST

START_TEST(test_tls_home_default)
{
	/* cert_dir NULL means $HOME/.docker. */
	make_cert_dir(false, false, false);
	char docker[512], ca[600];
	snprintf(docker, sizeof(docker), "%s/.docker", tmpdir);
	ck_assert_int_eq(mkdir(docker, 0700), 0);
	snprintf(ca, sizeof(ca), "%s/ca.pem", docker);
	FILE *f = fopen(ca, "w");
	ck_assert_ptr_ne(f, NULL);
	fclose(f);
	setenv("HOME", tmpdir, 1);

	struct host h;
	char *err = NULL;
	ck_assert(host_parse("tcp://h:2376", true, NULL, &h, &err));
	ck_assert_str_eq(h.ca_file, ca);
	ck_assert(h.cert_file == NULL && h.key_file == NULL);
	host_free(&h);
	ck_assert(host_parse("tcp://h:2376", true, "", &h, &err));
	ck_assert_str_eq(h.ca_file, ca);
	host_free(&h);

	unlink(ca);
	rmdir(docker);
	/* Gone: the error names the default path. */
	ck_assert(!host_parse("tcp://h:2376", true, NULL, &h, &err));
	ck_assert(strstr(err, ca) != NULL);
	free(err);
	remove_cert_dir();
}
END_TEST

START_TEST(test_tls_unix_ignored)
{
	/* TLS is never set up for a socket, so a missing ca.pem does not matter. */
	struct host h;
	char *err = NULL;
	ck_assert(host_parse("unix:///run/docker.sock", true, "/nonexistent", &h, &err));
	ck_assert_int_eq(h.kind, HOST_UNIX);
	ck_assert(!h.tls && !h.tls_verify);
	ck_assert(h.ca_file == NULL);
	ck_assert_str_eq(h.base_url, "http://localhost");
	host_free(&h);
}
END_TEST

static Suite *
host_suite(void)
{
	Suite *s = suite_create("host");
	TCase *tc = tcase_create("forms");
	tcase_add_loop_test(tc, test_plain, 0, (int)ARRAY_LEN(plain_rows));
	tcase_add_loop_test(tc, test_reject, 0, (int)ARRAY_LEN(reject_rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("tls");
	tcase_add_test(tc, test_tls_default);
	tcase_add_test(tc, test_tls_port_stays_2375);
	tcase_add_test(tc, test_tls_missing_ca);
	tcase_add_test(tc, test_tls_only_ca);
	tcase_add_test(tc, test_tls_home_default);
	tcase_add_test(tc, test_tls_unix_ignored);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C");
	SRunner *sr = srunner_create(host_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
