/* Which engine, as the CLI decides (src/context.h), ssh:// addresses (src/host.h) and what the
 * ssh transport runs and says (src/ssh.h). The store is a scratch DOCKER_CONFIG written as
 * docker context create writes it (engine-api.md §2.3). */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "context.h"
#include "host.h"
#include "ssh.h"
#include "xalloc.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define assert_opt_str(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (!w_) \
		ck_assert_msg(g_ == NULL, "expected NULL, got \"%s\"", g_ ? g_ : ""); \
	else \
		ck_assert_msg(g_ && strcmp(g_, w_) == 0, "expected \"%s\", got \"%s\"", w_, \
			g_ ? g_ : "(null)"); \
} while (0)

/* ---- ssh:// addresses ---- */

static const struct {
	const char *spec, *display, *user, *host, *port, *path;
} ssh_rows[] = {
	{ "ssh://host", "ssh://host", NULL, "host", NULL, NULL },
	{ "ssh://alice@build.example.com:2222", "ssh://alice@build.example.com:2222", "alice",
	  "build.example.com", "2222", NULL },
	{ "ssh://bob@host:2222/var/run/docker.sock", "ssh://bob@host:2222/var/run/docker.sock", "bob",
	  "host", "2222", "/var/run/docker.sock" },
	{ "ssh://build.example.com/run/docker.sock", "ssh://build.example.com/run/docker.sock", NULL,
	  "build.example.com", NULL, "/run/docker.sock" },
	{ " ssh://h:22 \n", "ssh://h:22", NULL, "h", "22", NULL },
	{ "ssh://root@[::1]:22/", "ssh://root@[::1]:22", "root", "::1", "22", NULL },
	{ "ssh://a%40b@h", "ssh://a@b@h", "a@b", "h", NULL, NULL },
	{ "ssh://h:", "ssh://h", NULL, "h", NULL, NULL },
};

START_TEST(test_ssh_parse)
{
	struct host h;
	char *err = NULL;
	ck_assert_msg(host_parse(ssh_rows[_i].spec, true, "/nonexistent", &h, &err), "%s: %s",
		ssh_rows[_i].spec, err ? err : "");
	ck_assert_int_eq(h.kind, HOST_SSH);
	assert_opt_str(h.display, ssh_rows[_i].display);
	assert_opt_str(h.ssh_user, ssh_rows[_i].user);
	assert_opt_str(h.ssh_host, ssh_rows[_i].host);
	assert_opt_str(h.ssh_port, ssh_rows[_i].port);
	assert_opt_str(h.ssh_path, ssh_rows[_i].path);
	/* TLS never applies over ssh, and nothing is started by parsing */
	ck_assert(!h.tls && h.ca_file == NULL && h.ssh == NULL && h.socket_path == NULL);
	ck_assert_str_eq(h.base_url, "http://docker.example.com");
	host_free(&h);
}
END_TEST

static const struct {
	const char *spec, *needle;
} ssh_reject[] = {
	{ "ssh://bob:secret@host", "invalid ssh URL: plain-text password is not supported" },
	{ "ssh://", "invalid ssh URL: hostname is empty" },
	{ "ssh://bob@", "invalid ssh URL: hostname is empty" },
	{ "ssh://:22", "invalid ssh URL: hostname is empty" },
	{ "ssh://host?x=1", "invalid ssh URL: query parameters are not allowed: \"x=1\"" },
	{ "ssh://host#frag", "invalid ssh URL: fragments are not allowed: \"frag\"" },
	{ "ssh://host:2x", "invalid port" },
	{ "ssh://ho st", "invalid ssh URL" },
};

START_TEST(test_ssh_reject)
{
	struct host h;
	char *err = NULL;
	ck_assert(!host_parse(ssh_reject[_i].spec, false, NULL, &h, &err));
	ck_assert_ptr_ne(err, NULL);
	ck_assert_msg(strstr(err, ssh_reject[_i].needle), "%s: \"%s\" lacks \"%s\"", ssh_reject[_i].spec, err,
		ssh_reject[_i].needle);
	/* a password never comes back in the message */
	ck_assert(!strstr(err, "secret"));
	ck_assert(h.display == NULL && h.ssh_host == NULL);
	free(err);
}
END_TEST

static char *
join(char **argv)
{
	size_t n = 1;
	for (char **p = argv; *p; p++)
		n += strlen(*p) + 3;
	char *s = malloc(n);
	s[0] = '\0';
	for (char **p = argv; *p; p++) {
		strcat(s, "[");
		strcat(s, *p);
		strcat(s, "]");
	}
	return s;
}

START_TEST(test_ssh_argv)
{
	struct host h;
	char *err = NULL;
	ck_assert(host_parse("ssh://alice@build.example.com:2222", false, NULL, &h, &err));
	char **v = ssh_argv(&h, "/tmp/d/cm", false, true);
	char *s = join(v);
	/* the CLI's flags and order (connhelper: -l, -p, then options, -- host, the command) */
	ck_assert_str_eq(s, "[ssh][-l][alice][-p][2222][-o][ConnectTimeout=30][-T][-o][ControlPath=/tmp/d/cm]"
			    "[-o][ControlMaster=no][-o][BatchMode=yes][--][build.example.com]"
			    "[docker system dial-stdio]");
	free(s);
	ssh_argv_free(v);
	v = ssh_argv(&h, "/tmp/d/cm", true, false);
	s = join(v);
	ck_assert_str_eq(s, "[ssh][-l][alice][-p][2222][-o][ConnectTimeout=30][-T][-o][ControlPath=/tmp/d/cm]"
			    "[-o][ControlMaster=yes][-o][ControlPersist=no][-N][--][build.example.com]");
	free(s);
	ssh_argv_free(v);
	/* a Podman connection's key file: -i first */
	h.ssh_identity = xstrdup("/home/u/.ssh/podman key");
	v = ssh_argv(&h, "/tmp/d/cm", false, true);
	s = join(v);
	ck_assert_str_eq(s, "[ssh][-i][/home/u/.ssh/podman key][-l][alice][-p][2222][-o][ConnectTimeout=30][-T]"
			    "[-o][ControlPath=/tmp/d/cm][-o][ControlMaster=no][-o][BatchMode=yes][--][build.example.com]"
			    "[docker system dial-stdio]");
	free(s);
	ssh_argv_free(v);
	char *target = host_ssh_target(&h);
	ck_assert_str_eq(target, "-p 2222 alice@build.example.com");
	free(target);
	host_free(&h);

	/* a path the far side's shell would split is quoted */
	ck_assert(host_parse("ssh://h/run/my%20docker.sock", false, NULL, &h, &err));
	v = ssh_argv(&h, "/c", false, true);
	ck_assert_str_eq(v[12], "docker --host 'unix:///run/my docker.sock' system dial-stdio");
	ck_assert_ptr_eq(v[13], NULL);
	ssh_argv_free(v);
	host_free(&h);
	ck_assert(host_parse("ssh://h/run/docker.sock", false, NULL, &h, &err));
	v = ssh_argv(&h, "none", false, true);
	s = join(v);
	ck_assert_str_eq(s, "[ssh][-o][ConnectTimeout=30][-T][-o][ControlPath=none][-o][ControlMaster=no]"
			    "[-o][BatchMode=yes][--][h][docker --host unix:///run/docker.sock system dial-stdio]");
	free(s);
	ssh_argv_free(v);
	target = host_ssh_target(&h);
	ck_assert_str_eq(target, "h");
	free(target);
	host_free(&h);
}
END_TEST

static const struct {
	int status;
	const char *stderr_text;
	bool master;
	const char *needle;
} failure_rows[] = {
	{ 255, "Host key verification failed.\n", true,
	  "the host key of 127.0.0.1 is not known: run `ssh -p 2222 root@127.0.0.1` once" },
	{ 255, "No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\n"
	       "Host key verification failed.\n", false, "the host key of 127.0.0.1 is not known" },
	{ 255, "@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@@@@\n"
	       "Host key verification failed.\n", true, "ssh-keygen -R 127.0.0.1" },
	{ 255, "root@127.0.0.1: Permission denied (publickey).\n", true,
	  "ssh could not log in to 127.0.0.1: authentication failed" },
	{ 255, "ssh: connect to host 127.0.0.1 port 2222: Connection refused\n", true,
	  "ssh could not connect to 127.0.0.1 (ssh: ssh: connect to host 127.0.0.1 port 2222: Connection refused)" },
	{ 255, "ssh: Could not resolve hostname nosuch: Name or service not known\n", true,
	  "ssh could not connect to 127.0.0.1" },
	{ 127, "bash: line 1: docker: command not found\n", false, "docker not found on 127.0.0.1" },
	{ 127, "sh: 1: docker: not found\n", false, "docker not found on 127.0.0.1" },
	{ 1, "permission denied while trying to connect to the Docker daemon socket at "
	     "unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/_ping\": dial unix "
	     "/var/run/docker.sock: connect: permission denied\n", false,
	  "permission denied on the Docker engine's socket on 127.0.0.1" },
	{ 1, "failed to open the raw stream connection: dial unix /nonexist: connect: no such file or directory\n",
	  false, "docker on 127.0.0.1 cannot reach its engine" },
	{ 1, "docker: 'system' is not a docker command.\n", false, "too old for ssh://" },
	{ 3, "something odd\n", false, "docker system dial-stdio on 127.0.0.1 failed with exit status 3 (something odd)" },
	{ 255, "Warning: Permanently added '[127.0.0.1]:2222' (ED25519) to the list of known hosts.\n"
	       "mux_client_request_session: session request failed\n", false, "ssh to 127.0.0.1 failed" },
	{ 1, "\x1b[31mevil\x1b[0m\n", false, "\\e[31mevil" },
};

START_TEST(test_ssh_failures)
{
	struct host h;
	char *err = NULL;
	ck_assert(host_parse("ssh://root@127.0.0.1:2222", false, NULL, &h, &err));
	char *msg = ssh_failure_message(&h, failure_rows[_i].status, 0, failure_rows[_i].stderr_text,
					failure_rows[_i].master);
	ck_assert_msg(strstr(msg, failure_rows[_i].needle), "\"%s\" lacks \"%s\"", msg, failure_rows[_i].needle);
	ck_assert(!strchr(msg, '\x1b'));
	free(msg);
	host_free(&h);
}
END_TEST

/* ---- the context store ---- */

static char cfg[256];

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_ne(f, NULL);
	fputs(text, f);
	fclose(f);
}

static void
make_dirs(const char *path)
{
	char buf[512];
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0700);
			*p = '/';
		}
	}
	mkdir(buf, 0700);
}

/* A context as docker context create stores it. */
static void
add_context(const char *name, const char *json, bool tls_ca)
{
	char *id = context_store_id(name);
	char dir[512], path[600];
	snprintf(dir, sizeof(dir), "%s/contexts/meta/%s", cfg, id);
	make_dirs(dir);
	snprintf(path, sizeof(path), "%s/meta.json", dir);
	write_file(path, json);
	if (tls_ca) {
		snprintf(dir, sizeof(dir), "%s/contexts/tls/%s/docker", cfg, id);
		make_dirs(dir);
		snprintf(path, sizeof(path), "%s/ca.pem", dir);
		write_file(path, "x\n");
	}
	free(id);
}

static void
setup_store(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(cfg, sizeof(cfg), "%s/budu-ctx-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_ptr_ne(mkdtemp(cfg), NULL);
	add_context("remote-ssh", "{\"Name\":\"remote-ssh\",\"Metadata\":{\"Description\":\"ssh box\"},"
		    "\"Endpoints\":{\"docker\":{\"Host\":\"ssh://alice@build.example.com:2222\","
		    "\"SkipTLSVerify\":false}}}", false);
	add_context("tlsbox", "{\"Name\":\"tlsbox\",\"Metadata\":{},\"Endpoints\":{\"docker\":"
		    "{\"Host\":\"tcp://10.0.0.5:2376\",\"SkipTLSVerify\":false}}}", true);
	add_context("insecure", "{\"Name\":\"insecure\",\"Metadata\":{},\"Endpoints\":{\"docker\":"
		    "{\"Host\":\"tcp://10.0.0.6:2376\",\"SkipTLSVerify\":true}}}", false);
	add_context("plain", "{\"name\":\"plain\",\"metadata\":{\"description\":\"lower case keys\"},"
		    "\"endpoints\":{\"docker\":{\"host\":\"tcp://10.0.0.7:2375\"}}}", false);
	add_context("sock", "{\"Name\":\"sock\",\"Metadata\":{},\"Endpoints\":{\"docker\":"
		    "{\"Host\":\"unix:///run/other.sock\",\"SkipTLSVerify\":false}}}", false);
	add_context("k8s-only", "{\"Name\":\"k8s-only\",\"Metadata\":{},\"Endpoints\":{\"kubernetes\":{}}}", false);
}

static void
teardown_store(void)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", cfg);
	ck_assert_int_eq(system(cmd), 0);
}

static void
set_current(const char *name)
{
	char path[600], text[256];
	snprintf(path, sizeof(path), "%s/config.json", cfg);
	if (name)
		snprintf(text, sizeof(text), "{\"auths\":{},\"currentContext\":\"%s\"}", name);
	else
		snprintf(text, sizeof(text), "{\"auths\":{}}");
	write_file(path, text);
}

START_TEST(test_store_id)
{
	char *id = context_store_id("remote-ssh");
	ck_assert_int_eq(strlen(id), 64);
	ck_assert(strncmp(id, "d15305d4", 8) == 0);
	ck_assert(strcmp(id + 60, "63f3") == 0);
	free(id);
}
END_TEST

/* in: options and environment; want: the winning context and its address, or an error. */
static const struct {
	const char *opt_host, *opt_context, *env_host, *env_context, *current;
	const char *name, *display, *error, *warning;
} precedence_rows[] = {
	/* nothing: the default socket */
	{ NULL, NULL, NULL, NULL, NULL, "default", "unix:///var/run/docker.sock", NULL, NULL },
	/* currentContext */
	{ NULL, NULL, NULL, NULL, "remote-ssh", "remote-ssh", "ssh://alice@build.example.com:2222", NULL, NULL },
	/* DOCKER_CONTEXT over currentContext */
	{ NULL, NULL, NULL, "tlsbox", "remote-ssh", "tlsbox", "tcp://10.0.0.5:2376", NULL, NULL },
	/* DOCKER_HOST over DOCKER_CONTEXT and currentContext, with the CLI's warning */
	{ NULL, NULL, "unix:///tmp/x.sock", "tlsbox", "remote-ssh", "default", "unix:///tmp/x.sock", NULL,
	  "Warning: DOCKER_HOST environment variable overrides the active context. To use \"tlsbox\"" },
	{ NULL, NULL, "unix:///tmp/x.sock", NULL, "remote-ssh", "default", "unix:///tmp/x.sock", NULL,
	  "To use \"remote-ssh\", either set the --context option, or unset DOCKER_HOST environment variable." },
	{ NULL, NULL, "unix:///tmp/x.sock", NULL, "default", "default", "unix:///tmp/x.sock", NULL, NULL },
	/* -c over DOCKER_CONTEXT and DOCKER_HOST */
	{ NULL, "sock", "unix:///tmp/x.sock", "tlsbox", NULL, "sock", "unix:///run/other.sock", NULL, NULL },
	/* -H over DOCKER_HOST, DOCKER_CONTEXT, currentContext */
	{ "tcp://1.2.3.4:5", NULL, "unix:///tmp/x.sock", "tlsbox", "remote-ssh", "default", "tcp://1.2.3.4:5", NULL,
	  NULL },
	/* -c default: the environment's address */
	{ NULL, "default", "ssh://h", NULL, "remote-ssh", "default", "ssh://h", NULL, NULL },
	/* -H with -c */
	{ "tcp://1.2.3.4:5", "sock", NULL, NULL, NULL, NULL, NULL,
	  "conflicting options: either specify --host or --context, not both", NULL },
	/* an unknown context, by each way of naming one */
	{ NULL, "nosuch", NULL, NULL, NULL, NULL, NULL,
	  "unable to resolve docker endpoint: context \"nosuch\": context not found: open ", NULL },
	{ NULL, NULL, NULL, "nosuch", NULL, NULL, NULL, "context \"nosuch\": context not found", NULL },
	{ NULL, NULL, NULL, NULL, "nosuch", NULL, NULL,
	  "/contexts/meta/9e62f93eb7d2499903ac66232f187c56fc050eb74c765f90eb214360b21f0e96/meta.json: "
	  "no such file or directory", NULL },
	/* a context without a docker endpoint */
	{ NULL, "k8s-only", NULL, NULL, NULL, NULL, NULL, "context \"k8s-only\" has no docker endpoint", NULL },
	/* keys in any case, as Go reads them */
	{ NULL, "plain", NULL, NULL, NULL, "plain", "tcp://10.0.0.7:2375", NULL, NULL },
	/* empty values are not given */
	{ "", "", "", "", NULL, "default", "unix:///var/run/docker.sock", NULL, NULL },
};

START_TEST(test_precedence)
{
	setup_store();
	set_current(precedence_rows[_i].current);
	struct context_inputs in = {
		.opt_host = precedence_rows[_i].opt_host,
		.opt_context = precedence_rows[_i].opt_context,
		.env_host = precedence_rows[_i].env_host,
		.env_context = precedence_rows[_i].env_context,
		.config_dir = cfg,
	};
	struct host h;
	char *warning = NULL, *err = NULL;
	bool ok = context_resolve(&in, &h, &warning, &err);
	if (precedence_rows[_i].error) {
		ck_assert_msg(!ok, "row %d resolved", _i);
		ck_assert_msg(strstr(err, precedence_rows[_i].error), "\"%s\" lacks \"%s\"", err,
			precedence_rows[_i].error);
		free(err);
	} else {
		ck_assert_msg(ok, "row %d: %s", _i, err ? err : "");
		ck_assert_str_eq(h.context, precedence_rows[_i].name);
		ck_assert_str_eq(h.display, precedence_rows[_i].display);
		if (precedence_rows[_i].warning)
			ck_assert_msg(warning && strstr(warning, precedence_rows[_i].warning), "warning \"%s\"",
				warning ? warning : "(none)");
		else
			ck_assert_msg(!warning, "unexpected warning \"%s\"", warning);
		host_free(&h);
	}
	free(warning);
	teardown_store();
}
END_TEST

START_TEST(test_context_tls)
{
	setup_store();
	struct context_inputs in = { .config_dir = cfg };
	struct host h;
	char *err = NULL;
	/* TLS files: https, verified, with the store's ca.pem and no client certificate */
	ck_assert(context_host(&in, "tlsbox", &h, &err));
	ck_assert(h.tls && h.tls_verify);
	ck_assert_str_eq(h.base_url, "https://10.0.0.5:2376");
	ck_assert_ptr_ne(strstr(h.ca_file, "/contexts/tls/"), NULL);
	ck_assert_ptr_ne(strstr(h.ca_file, "/docker/ca.pem"), NULL);
	ck_assert(h.cert_file == NULL && h.key_file == NULL);
	host_free(&h);
	/* SkipTLSVerify without files: TLS, unverified, the system's CAs */
	ck_assert(context_host(&in, "insecure", &h, &err));
	ck_assert(h.tls && !h.tls_verify && h.ca_file == NULL);
	ck_assert_str_eq(h.base_url, "https://10.0.0.6:2376");
	host_free(&h);
	/* neither: plain HTTP, even on 2376 */
	ck_assert(context_host(&in, "plain", &h, &err));
	ck_assert(!h.tls);
	ck_assert_str_eq(h.base_url, "http://10.0.0.7:2375");
	host_free(&h);
	/* DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are for "default" only */
	in.tls_verify = true;
	in.cert_path = "/nonexistent";
	ck_assert(context_host(&in, "plain", &h, &err));
	ck_assert(!h.tls);
	host_free(&h);
	ck_assert(!context_host(&in, "default", &h, &err));
	ck_assert_ptr_ne(strstr(err, "/nonexistent/ca.pem"), NULL);
	free(err);
	teardown_store();
}
END_TEST

START_TEST(test_list)
{
	setup_store();
	set_current("tlsbox");
	struct context_inputs in = { .config_dir = cfg };
	struct context_list l;
	char *err = NULL;
	ck_assert(context_list(&in, &l, &err));
	ck_assert_int_eq(l.n, 7);
	static const char *const names[] = { "default", "insecure", "k8s-only", "plain", "remote-ssh", "sock",
					     "tlsbox" };
	for (size_t i = 0; i < l.n; i++) {
		ck_assert_str_eq(l.v[i].name, names[i]);
		ck_assert_int_eq(l.v[i].current, strcmp(names[i], "tlsbox") == 0);
	}
	ck_assert_str_eq(l.v[0].host, "unix:///var/run/docker.sock");
	ck_assert_ptr_eq(l.v[0].meta_path, NULL);
	ck_assert_str_eq(l.v[4].description, "ssh box");
	ck_assert_str_eq(l.v[4].host, "ssh://alice@build.example.com:2222");
	ck_assert_ptr_ne(l.v[6].tls_dir, NULL);
	ck_assert_ptr_ne(l.v[2].error, NULL);
	ck_assert_ptr_eq(l.v[4].error, NULL);
	context_list_free(&l);

	/* DOCKER_HOST: "default" is current and shows that address */
	in.env_host = "tcp://9.9.9.9:1";
	ck_assert(context_list(&in, &l, &err));
	ck_assert(l.v[0].current);
	ck_assert_str_eq(l.v[0].host, "tcp://9.9.9.9:1");
	context_list_free(&l);
	teardown_store();

	/* no store at all */
	in.config_dir = "/nonexistent";
	in.env_host = NULL;
	ck_assert(context_list(&in, &l, &err));
	ck_assert_int_eq(l.n, 1);
	ck_assert(l.v[0].current);
	context_list_free(&l);
}
END_TEST

static Suite *
context_suite(void)
{
	Suite *s = suite_create("context");
	TCase *tc = tcase_create("ssh-url");
	tcase_add_loop_test(tc, test_ssh_parse, 0, (int)ARRAY_LEN(ssh_rows));
	tcase_add_loop_test(tc, test_ssh_reject, 0, (int)ARRAY_LEN(ssh_reject));
	tcase_add_test(tc, test_ssh_argv);
	tcase_add_loop_test(tc, test_ssh_failures, 0, (int)ARRAY_LEN(failure_rows));
	suite_add_tcase(s, tc);
	tc = tcase_create("store");
	tcase_add_test(tc, test_store_id);
	tcase_add_loop_test(tc, test_precedence, 0, (int)ARRAY_LEN(precedence_rows));
	tcase_add_test(tc, test_context_tls);
	tcase_add_test(tc, test_list);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C");
	SRunner *sr = srunner_create(context_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
