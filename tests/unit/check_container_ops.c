/* Container lifecycle: the requests, what each answer means for the user, and the docker
 * command shown for a confirmation. The answers are those of dockerd 20.10 as
 * containers-api.md section 2.1 records them. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container_ops.h"

static const char ID[] = "d58a1cd3e2f0b1137a9d5b8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f";

static void
assert_request(enum container_op op, const struct container_op_args *args, const char *method,
	       const char *path)
{
	char *got;
	const char *m = container_op_request(op, ID, args, &got);
	ck_assert_str_eq(m, method);
	ck_assert_str_eq(got, path);
	free(got);
}

START_TEST(requests)
{
	const char *base = "/containers/d58a1cd3e2f0b1137a9d5b8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f";
	char want[256];
#define PATH(suffix) (snprintf(want, sizeof(want), "%s%s", base, suffix), want)
	assert_request(CONTAINER_OP_START, NULL, "POST", PATH("/start"));
	struct container_op_args a = { .timeout = CONTAINER_TIMEOUT_DEFAULT };
	assert_request(CONTAINER_OP_STOP, &a, "POST", PATH("/stop"));
	a.timeout = 5;
	assert_request(CONTAINER_OP_STOP, &a, "POST", PATH("/stop?t=5"));
	assert_request(CONTAINER_OP_RESTART, &a, "POST", PATH("/restart?t=5"));
	a.timeout = CONTAINER_TIMEOUT_FOREVER;
	assert_request(CONTAINER_OP_STOP, &a, "POST", PATH("/stop?t=-1"));
	a.timeout = 0;
	assert_request(CONTAINER_OP_STOP, &a, "POST", PATH("/stop?t=0"));
	assert_request(CONTAINER_OP_KILL, NULL, "POST", PATH("/kill"));
	struct container_op_args k = { .signal = "HUP" };
	assert_request(CONTAINER_OP_KILL, &k, "POST", PATH("/kill?signal=HUP"));
	assert_request(CONTAINER_OP_PAUSE, NULL, "POST", PATH("/pause"));
	assert_request(CONTAINER_OP_UNPAUSE, NULL, "POST", PATH("/unpause"));
	struct container_op_args r = { .new_name = "web 2&x" };
	assert_request(CONTAINER_OP_RENAME, &r, "POST", PATH("/rename?name=web%202%26x"));
	struct container_op_args rm = { 0 };
	assert_request(CONTAINER_OP_REMOVE, &rm, "DELETE", PATH(""));
	rm.force = true;
	assert_request(CONTAINER_OP_REMOVE, &rm, "DELETE", PATH("?force=1"));
	rm.volumes = true;
	assert_request(CONTAINER_OP_REMOVE, &rm, "DELETE", PATH("?force=1&v=1"));
	rm.force = false;
	assert_request(CONTAINER_OP_REMOVE, &rm, "DELETE", PATH("?v=1"));
#undef PATH
	/* A name in the path cannot end it. */
	char *got;
	container_op_request(CONTAINER_OP_START, "a/b?c", NULL, &got);
	ck_assert_str_eq(got, "/containers/a%2Fb%3Fc/start");
	free(got);
}
END_TEST

struct judged {
	enum container_op op;
	long http;
	const char *engine;
	enum container_outcome outcome;
	const char *message;
	bool needs_force;
};

START_TEST(answers)
{
	static const struct container_op_args force_args = { .force = true }, kill_hup = { .signal = "HUP" },
		rename_args = { .new_name = "c_run" };
	static const struct judged cases[] = {
		{ CONTAINER_OP_START, 204, NULL, CONTAINER_DONE, "Started web", false },
		{ CONTAINER_OP_START, 304, NULL, CONTAINER_NOTHING_TO_DO, "web is already running", false },
		{ CONTAINER_OP_START, 409, "cannot start a paused container, try unpause instead",
		  CONTAINER_REFUSED, "web is paused: unpause it instead", false },
		{ CONTAINER_OP_START, 404, "No such container: web", CONTAINER_FAILED,
		  "Cannot start web: No such container: web", false },
		{ CONTAINER_OP_STOP, 204, NULL, CONTAINER_DONE, "Stopped web", false },
		{ CONTAINER_OP_STOP, 304, NULL, CONTAINER_NOTHING_TO_DO, "web is not running", false },
		{ CONTAINER_OP_RESTART, 500,
		  "Cannot restart container web: container is marked for removal and cannot be started",
		  CONTAINER_FAILED,
		  "Cannot restart web: Cannot restart container web: container is marked for removal and cannot be started",
		  false },
		{ CONTAINER_OP_KILL, 204, NULL, CONTAINER_DONE, "Killed web", false },
		{ CONTAINER_OP_KILL, 409,
		  "Cannot kill container: web: Container 82d3bdb0dc514 is not running",
		  CONTAINER_NOTHING_TO_DO, "web is not running", false },
		{ CONTAINER_OP_KILL, 400, "Invalid signal: SIGFOO", CONTAINER_FAILED,
		  "Cannot kill web: Invalid signal: SIGFOO", false },
		{ CONTAINER_OP_PAUSE, 204, NULL, CONTAINER_DONE, "Paused web", false },
		{ CONTAINER_OP_PAUSE, 409, "Container d58a is already paused", CONTAINER_NOTHING_TO_DO,
		  "web is already paused", false },
		{ CONTAINER_OP_PAUSE, 409, "Container d58a is not running", CONTAINER_NOTHING_TO_DO,
		  "web is not running", false },
		{ CONTAINER_OP_UNPAUSE, 500, "Container d58a is not paused", CONTAINER_NOTHING_TO_DO,
		  "web is not paused", false },
		{ CONTAINER_OP_REMOVE, 204, NULL, CONTAINER_DONE, "Removed web", false },
		{ CONTAINER_OP_REMOVE, 409,
		  "You cannot remove a running container d58a. Stop the container before attempting removal or force remove",
		  CONTAINER_REFUSED, "web is running: remove it with force (-f)", true },
		{ CONTAINER_OP_REMOVE, 409,
		  "You cannot remove a paused container d58a. Unpause and then stop the container before attempting removal or force remove",
		  CONTAINER_REFUSED, "web is paused: remove it with force (-f)", true },
		{ CONTAINER_OP_REMOVE, 409, "removal of container web is already in progress",
		  CONTAINER_REFUSED, "web is being removed", false },
		{ CONTAINER_OP_REMOVE, 404, "No such container: web", CONTAINER_NOTHING_TO_DO,
		  "web is gone already", false },
		{ CONTAINER_OP_RENAME, 409,
		  "Error when allocating new name: Conflict. The container name \"/c_run\" is already in use by container \"d58a\".",
		  CONTAINER_REFUSED, "The name c_run is already in use by another container", false },
		{ CONTAINER_OP_RENAME, 400, "Renaming a container with the same name as its current name",
		  CONTAINER_FAILED, "Cannot rename web: Renaming a container with the same name as its current name",
		  false },
		{ CONTAINER_OP_STOP, 500, NULL, CONTAINER_FAILED,
		  "Cannot stop web: the engine did not say why", false },
		{ CONTAINER_OP_START, 409, "some new conflict", CONTAINER_REFUSED,
		  "Cannot start web: some new conflict", false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct judged *j = &cases[i];
		const struct container_op_args *args = NULL;
		if (j->op == CONTAINER_OP_REMOVE)
			args = &force_args;
		if (j->op == CONTAINER_OP_RENAME)
			args = &rename_args;
		struct container_result r = { 0 };
		container_op_judge(j->op, "web", j->http, j->engine, args, &r);
		ck_assert_msg(r.outcome == j->outcome, "case %zu: outcome %d", i, r.outcome);
		ck_assert_msg(strcmp(r.message, j->message) == 0, "case %zu: \"%s\"", i, r.message);
		ck_assert_msg(r.needs_force == j->needs_force, "case %zu: needs_force", i);
		ck_assert(r.ok == (j->outcome == CONTAINER_DONE || j->outcome == CONTAINER_NOTHING_TO_DO));
		ck_assert_int_eq(r.op, j->op);
		container_result_free(&r);
	}
	struct container_result r = { 0 };
	container_op_judge(CONTAINER_OP_KILL, "web", 204, NULL, &kill_hup, &r);
	ck_assert_str_eq(r.message, "Sent HUP to web");
	container_result_free(&r);
	container_op_judge(CONTAINER_OP_RENAME, "web", 204, NULL, &rename_args, &r);
	ck_assert_str_eq(r.message, "Renamed web to c_run");
	container_result_free(&r);
	/* What the engine says is shown sanitized. */
	container_op_judge(CONTAINER_OP_STOP, "w\x1b[2J", 500, "bad\x1b]0;x\a", NULL, &r);
	ck_assert_str_eq(r.message, "Cannot stop w\\e[2J: bad\\e]0;x\\x07");
	container_result_free(&r);
}
END_TEST

START_TEST(commands)
{
	static const struct {
		enum container_op op;
		struct container_op_args args;
		const char *name, *want;
	} cases[] = {
		{ CONTAINER_OP_START, { .timeout = CONTAINER_TIMEOUT_DEFAULT }, "web", "docker container start web" },
		{ CONTAINER_OP_STOP, { .timeout = CONTAINER_TIMEOUT_DEFAULT }, "web", "docker container stop web" },
		{ CONTAINER_OP_STOP, { .timeout = 5 }, "web", "docker container stop -t 5 web" },
		{ CONTAINER_OP_RESTART, { .timeout = -1 }, "web", "docker container restart -t -1 web" },
		{ CONTAINER_OP_KILL, { .signal = "HUP" }, "web", "docker container kill -s HUP web" },
		{ CONTAINER_OP_KILL, { .signal = "" }, "web", "docker container kill web" },
		{ CONTAINER_OP_PAUSE, { 0 }, "web.1", "docker container pause web.1" },
		{ CONTAINER_OP_UNPAUSE, { 0 }, "web_1", "docker container unpause web_1" },
		{ CONTAINER_OP_RENAME, { .new_name = "new name" }, "web", "docker container rename web 'new name'" },
		{ CONTAINER_OP_REMOVE, { .force = true, .volumes = true }, "web", "docker container rm -f -v web" },
		{ CONTAINER_OP_REMOVE, { 0 }, "it's", "docker container rm 'it'\\''s'" },
		{ CONTAINER_OP_REMOVE, { 0 }, "", "docker container rm ''" },
		{ CONTAINER_OP_REMOVE, { 0 }, "x\x1b[2J", "docker container rm 'x\\e[2J'" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = container_op_command(cases[i].op, cases[i].name, &cases[i].args);
		ck_assert_msg(strcmp(got, cases[i].want) == 0, "case %zu: %s", i, got);
		free(got);
	}
	char *got = container_op_command(CONTAINER_OP_START, "web", NULL);
	ck_assert_str_eq(got, "docker container start web");
	free(got);
}
END_TEST

START_TEST(names)
{
	ck_assert(container_name_valid("web"));
	ck_assert(container_name_valid("/web"));
	ck_assert(container_name_valid("a1"));
	ck_assert(container_name_valid("Web_1.prod-2"));
	ck_assert(!container_name_valid("a"));		/* two characters at least */
	ck_assert(!container_name_valid(""));
	ck_assert(!container_name_valid(NULL));
	ck_assert(!container_name_valid("_web"));
	ck_assert(!container_name_valid("bad name"));
	ck_assert(!container_name_valid("web/db"));
	ck_assert(!container_name_valid("웹서버"));
	ck_assert_str_eq(container_op_name(CONTAINER_OP_REMOVE), "remove");
	ck_assert_str_eq(container_op_name(CONTAINER_OP_COUNT), "");
}
END_TEST

static Suite *
ops_suite(void)
{
	Suite *s = suite_create("container_ops");
	TCase *tc = tcase_create("ops");
	tcase_add_test(tc, requests);
	tcase_add_test(tc, answers);
	tcase_add_test(tc, commands);
	tcase_add_test(tc, names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(ops_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
