/* The new-container prompt: `docker run` words into POST /containers/create. The expected
 * bodies follow what docker 20.10's CLI sends for these flags (doc §3.3) and nat.ParsePortSpec,
 * go-units RAMInBytes and the daemon's volume and name checks. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run_args.h"
#include "xalloc.h"

/* Each check is "Path>To>Key=JSON": the node at the path ('>' between keys, as keys hold '/'
 * and '.') must equal JSON; "Key=!" means absent. */
struct run_case {
	const char *input;
	const char *error;	/* a substring of the message; NULL: must parse */
	const char *checks[6];
};

static const struct run_case cases[] = {
	{ "nginx", NULL, { "Image=\"nginx\"", "Cmd=null", "AttachStdout=true", "AttachStdin=false",
			   "HostConfig>RestartPolicy={\"Name\":\"no\",\"MaximumRetryCount\":0}",
			   "HostConfig>NetworkMode=\"default\"" } },
	{ "docker run -d nginx:1.25", NULL, { "Image=\"nginx:1.25\"", "AttachStdout=false",
					      "AttachStderr=false" } },
	{ "docker container run -d bb:1 sleep 60", NULL, { "Cmd=[\"sleep\",\"60\"]" } },
	{ "$ sudo docker run --rm -it alpine sh", NULL,
	  { "Tty=true", "OpenStdin=true", "AttachStdin=true", "StdinOnce=true",
	    "HostConfig>AutoRemove=true", "Cmd=[\"sh\"]" } },
	{ "-dit bb:1", NULL, { "Tty=true", "OpenStdin=true", "AttachStdin=false", "StdinOnce=false" } },
	{ "-p 8080:80 nginx", NULL,
	  { "ExposedPorts={\"80/tcp\":{}}",
	    "HostConfig>PortBindings={\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}" } },
	{ "-p 127.0.0.1:9000-9002:9000-9002/udp bb", NULL,
	  { "ExposedPorts={\"9000/udp\":{},\"9001/udp\":{},\"9002/udp\":{}}",
	    "HostConfig>PortBindings>9001/udp=[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"9001\"}]",
	    "HostConfig>PortBindings>9002/udp=[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"9002\"}]" } },
	{ "-p80 bb", NULL, { "HostConfig>PortBindings={\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}]}" } },
	{ "-p=80:81 bb", NULL, { "HostConfig>PortBindings>81/tcp=[{\"HostIp\":\"\",\"HostPort\":\"80\"}]" } },
	{ "-p 127.0.0.1::80 bb", NULL,
	  { "HostConfig>PortBindings>80/tcp=[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}]" } },
	{ "-p [::1]:8080:80 bb", NULL,
	  { "HostConfig>PortBindings>80/tcp=[{\"HostIp\":\"::1\",\"HostPort\":\"8080\"}]" } },
	{ "-p ::1:8080:80 bb", NULL,
	  { "HostConfig>PortBindings>80/tcp=[{\"HostIp\":\"::1\",\"HostPort\":\"8080\"}]" } },
	{ "-p 8000-8010:80 bb", NULL,
	  { "HostConfig>PortBindings>80/tcp=[{\"HostIp\":\"\",\"HostPort\":\"8000-8010\"}]" } },
	{ "-p 80-82 bb", NULL,
	  { "ExposedPorts={\"80/tcp\":{},\"81/tcp\":{},\"82/tcp\":{}}",
	    "HostConfig>PortBindings>82/tcp=[{\"HostIp\":\"\",\"HostPort\":\"\"}]" } },
	{ "-p published=8080,target=80,protocol=udp bb", NULL,
	  { "HostConfig>PortBindings={\"80/udp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}" } },
	{ "-p 8080:80 -p 0.0.0.0:8081:80 bb", NULL,
	  { "HostConfig>PortBindings>80/tcp=[{\"HostIp\":\"\",\"HostPort\":\"8080\"},"
	    "{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8081\"}]" } },
	{ "-p 53/SCTP bb", NULL, { "ExposedPorts={\"53/sctp\":{}}" } },
	{ "-P --expose 80 --expose 90-91/udp bb", NULL,
	  { "ExposedPorts={\"80/tcp\":{},\"90/udp\":{},\"91/udp\":{}}",
	    "HostConfig>PublishAllPorts=true", "HostConfig>PortBindings={}" } },
	{ "-p 8080:99999 bb", "invalid port \"99999\" in -p 8080:99999", { NULL } },
	{ "-p 80/tcpx bb", "invalid protocol \"tcpx\"", { NULL } },
	{ "-p 8000-8001:80-82 bb", "port ranges of different sizes in -p 8000-8001:80-82", { NULL } },
	{ "-p 1.2.3:80:80 bb", "invalid IP address \"1.2.3\"", { NULL } },
	{ "-p 8080: bb", "no container port in -p 8080:", { NULL } },
	{ "-p 82-80 bb", "invalid port \"82-80\"", { NULL } },
	{ "-p target=80,foo bb", "invalid publish option \"foo\"", { NULL } },
	{ "--expose 1:2 bb", "invalid port for --expose: 1:2", { NULL } },
	{ "--foo bb", "unknown option --foo", { NULL } },
	{ "--env-file=x bb", "unknown option --env-file", { NULL } },
	{ "-dx bb", "unknown option -x in -dx", { NULL } },
	{ "bb --name", NULL, { "Cmd=[\"--name\"]", "Image=\"bb\"" } },
	{ "--name", "flag needs an argument: --name", { NULL } },
	{ "-p", "flag needs an argument: -p", { NULL } },
	{ "-d", "no image", { NULL } },
	{ "docker run", "no image", { NULL } },
	{ "--name x bb", "invalid container name \"x\"", { NULL } },
	{ "--name -web bb", "invalid container name \"-web\"", { NULL } },
	{ "NGINX", "must be lowercase", { NULL } },
	{ "-e FOO=bar -e A= --env=B=2 -eC=3 bb", NULL, { "Env=[\"FOO=bar\",\"A=\",\"B=2\",\"C=3\"]" } },
	{ "-e BUDU_TEST_SET -e BUDU_TEST_UNSET bb", NULL,
	  { "Env=[\"BUDU_TEST_SET=from env\",\"BUDU_TEST_UNSET\"]" } },
	{ "-e =x bb", "invalid environment variable: =x", { NULL } },
	{ "-v /data -v data1:/data -v /tmp/x:/mnt:ro,z bb", NULL,
	  { "Volumes={\"/data\":{}}", "HostConfig>Binds=[\"data1:/data\",\"/tmp/x:/mnt:ro,z\"]" } },
	{ "-v /data:ro bb", NULL, { "HostConfig>Binds=[\"/data:ro\"]", "Volumes=!" } },
	{ "-v ./rel:/x bb", "\"./rel\" is neither an absolute host path nor a volume name", { NULL } },
	{ "-v a:b:c:d bb", "invalid volume specification: 'a:b:c:d'", { NULL } },
	{ "-v /x:rel bb", "must be absolute", { NULL } },
	{ "-v /x:/y:bogus bb", "invalid volume specification: '/x:/y:bogus'", { NULL } },
	{ "-v /x:/y:ro,rw bb", "invalid volume specification", { NULL } },
	{ "--restart on-failure:3 bb", NULL,
	  { "HostConfig>RestartPolicy={\"Name\":\"on-failure\",\"MaximumRetryCount\":3}" } },
	{ "--restart=unless-stopped bb", NULL, { "HostConfig>RestartPolicy>Name=\"unless-stopped\"" } },
	{ "--restart bogus bb", "invalid restart policy \"bogus\"", { NULL } },
	{ "--restart on-failure:x bb", "must be an integer", { NULL } },
	{ "--restart always:3 bb", "only on-failure takes", { NULL } },
	{ "--restart always --rm bb", "cannot specify both --restart and --rm", { NULL } },
	{ "--restart=no --rm bb", NULL, { "HostConfig>AutoRemove=true" } },
	{ "-w /tmp -u 0:0 bb", NULL, { "WorkingDir=\"/tmp\"", "User=\"0:0\"" } },
	{ "-w tmp bb", "the working directory \"tmp\" must be an absolute path", { NULL } },
	{ "--entrypoint /bin/sh bb -c 'echo hi'", NULL,
	  { "Entrypoint=[\"/bin/sh\"]", "Cmd=[\"-c\",\"echo hi\"]" } },
	{ "--entrypoint '' bb", NULL, { "Entrypoint=[\"\"]" } },
	{ "bb", NULL, { "Entrypoint=null", "Labels=!", "Env=!", "ExposedPorts=!" } },
	{ "-l app=demo --label=b= -l app=x bb", NULL, { "Labels={\"app\":\"x\",\"b\":\"\"}" } },
	{ "-l foo bb", "invalid label \"foo\"", { NULL } },
	{ "--network none --hostname web -h other bb", NULL,
	  { "HostConfig>NetworkMode=\"none\"", "Hostname=\"other\"" } },
	{ "--net=host bb", NULL, { "HostConfig>NetworkMode=\"host\"" } },
	{ "-m 512m --cpus 1.5 bb", NULL, { "HostConfig>Memory=536870912", "HostConfig>NanoCpus=1500000000" } },
	{ "--memory=2GiB --cpus=.25 bb", NULL, { "HostConfig>Memory=2147483648", "HostConfig>NanoCpus=250000000" } },
	{ "-m 1.5g bb", NULL, { "HostConfig>Memory=1610612736" } },
	{ "-m 1k bb", "minimum memory limit allowed is 6MB", { NULL } },
	{ "-m 12q bb", "invalid size: '12q'", { NULL } },
	{ "-m 1.2.3m bb", "invalid size", { NULL } },
	{ "--cpus 1.x bb", "invalid value for --cpus: 1.x", { NULL } },
	{ "--cpus 0.0000000001 bb", "invalid value for --cpus", { NULL } },
	{ "--cpus -1 bb", "invalid value for --cpus", { NULL } },
	{ "bb -d", NULL, { "Cmd=[\"-d\"]", "AttachStdout=true" } },
	{ "-- bb -x", NULL, { "Image=\"bb\"", "Cmd=[\"-x\"]" } },
	{ "-d=false --rm=true bb", NULL, { "AttachStdout=true", "HostConfig>AutoRemove=true" } },
	{ "--rm=maybe bb", "invalid value for a true/false option: maybe", { NULL } },
	{ "bb 'x", "unterminated quote", { NULL } },
	{ "-p 8080:80\xc2\xa0nginx", NULL, { "Image=\"nginx\"" } },
};

static const cJSON *
at_path(const cJSON *doc, const char *path)
{
	const cJSON *n = doc;
	char *copy = xstrdup(path);
	for (char *save = NULL, *k = strtok_r(copy, ">", &save); k && n; k = strtok_r(NULL, ">", &save))
		n = cJSON_GetObjectItemCaseSensitive(n, k);
	free(copy);
	return n;
}

START_TEST(run_inputs)
{
	const struct run_case *c = &cases[_i];
	struct run_args a;
	char *err = NULL;
	setenv("BUDU_TEST_SET", "from env", 1);
	unsetenv("BUDU_TEST_UNSET");
	bool ok = run_args_parse(c->input, &a, &err);
	if (c->error) {
		ck_assert_msg(!ok, "%s: parsed", c->input);
		ck_assert_ptr_nonnull(err);
		ck_assert_msg(strstr(err, c->error), "%s: error \"%s\", want \"%s\"", c->input, err, c->error);
		ck_assert_ptr_null(a.config);
		free(err);
		return;
	}
	ck_assert_msg(ok, "%s: %s", c->input, err ? err : "");
	ck_assert_ptr_null(err);
	/* The body is the config, as text. */
	cJSON *body = cJSON_Parse(a.body);
	ck_assert(cJSON_Compare(body, a.config, true));
	cJSON_Delete(body);
	for (size_t i = 0; i < 6 && c->checks[i]; i++) {
		const char *eq = strchr(c->checks[i], '=');
		char *path = xstrndup(c->checks[i], (size_t)(eq - c->checks[i]));
		const cJSON *got = at_path(a.config, path);
		if (strcmp(eq + 1, "!") == 0) {
			ck_assert_msg(got == NULL, "%s: %s present", c->input, path);
		} else {
			cJSON *want = cJSON_Parse(eq + 1);
			ck_assert_msg(want != NULL, "bad test JSON %s", eq + 1);
			char *text = got ? cJSON_PrintUnformatted(got) : NULL;
			ck_assert_msg(got && cJSON_Compare(got, want, true), "%s: %s is %s, want %s", c->input,
				      path, text ? text : "missing", eq + 1);
			free(text);
			cJSON_Delete(want);
		}
		free(path);
	}
	run_args_free(&a);
}
END_TEST

START_TEST(query_and_attach)
{
	struct run_args a;
	char *err = NULL;
	ck_assert(run_args_parse("docker run --name /web --platform Linux/ARM64 -it bb:1", &a, &err));
	ck_assert_str_eq(a.name, "web");
	ck_assert_str_eq(a.platform, "linux/arm64");
	ck_assert_str_eq(a.path, "/containers/create?name=web&platform=linux%2Farm64");
	ck_assert(a.attach && a.attach_stdin && a.tty && !a.detach && !a.auto_remove);
	ck_assert_str_eq(a.wait_condition, "next-exit");
	run_args_free(&a);

	ck_assert(run_args_parse("--rm -d bb", &a, &err));
	ck_assert_ptr_null(a.name);
	ck_assert_ptr_null(a.platform);
	ck_assert_str_eq(a.path, "/containers/create");
	ck_assert(!a.attach && !a.attach_stdin && a.detach && a.auto_remove);
	ck_assert_str_eq(a.wait_condition, "removed");
	run_args_free(&a);

	ck_assert(run_args_parse("-i --platform linux bb", &a, &err));
	ck_assert_str_eq(a.path, "/containers/create?platform=linux");
	ck_assert(a.attach && a.attach_stdin && !a.tty);
	run_args_free(&a);
	run_args_free(NULL);
}
END_TEST

/* Hostile text in a message is sanitized; a huge range is fine. */
START_TEST(limits)
{
	struct run_args a;
	char *err = NULL;
	ck_assert(!run_args_parse("--\x1b[2Jx bb", &a, &err));
	ck_assert_ptr_null(strchr(err, '\x1b'));
	free(err);
	ck_assert(run_args_parse("-p 1-65535 bb", &a, &err));
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(a.config, "ExposedPorts")), 65535);
	run_args_free(&a);
	ck_assert(!run_args_parse(NULL, &a, &err));
	free(err);
}
END_TEST

static Suite *
run_args_suite(void)
{
	Suite *s = suite_create("run_args");
	TCase *t = tcase_create("parse");
	tcase_add_loop_test(t, run_inputs, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(t, query_and_attach);
	tcase_add_test(t, limits);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(run_args_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
