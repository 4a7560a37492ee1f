/* POST /commit paths: the first three are the requests docker's CLI sent (doc §8, captured). */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "commit.h"

START_TEST(as_the_cli_sends_it)
{
	const char *changes[] = { "ENV A=1", "CMD [\"sh\"]", "EXPOSE 80" };
	struct commit_input in = { "c_diff", "committed:v1", "my msg", "Jane <j@example.com>", changes, 3,
				   false };
	char *path, *err;
	ck_assert(commit_path(&in, &path, &err));
	ck_assert_str_eq(path, "/commit?author=Jane+%3Cj%40example.com%3E&changes=ENV+A%3D1"
			       "&changes=CMD+%5B%22sh%22%5D&changes=EXPOSE+80&comment=my+msg&container=c_diff"
			       "&repo=docker.io%2Flibrary%2Fcommitted&tag=v1");
	free(path);

	in = (struct commit_input){ .container = "c_run", .reference = "committed:v2", .no_pause = true };
	ck_assert(commit_path(&in, &path, &err));
	ck_assert_str_eq(path, "/commit?author=&comment=&container=c_run&pause=0"
			       "&repo=docker.io%2Flibrary%2Fcommitted&tag=v2");
	free(path);

	in = (struct commit_input){ .container = "c_exit0" };
	ck_assert(commit_path(&in, &path, &err));
	ck_assert_str_eq(path, "/commit?author=&comment=&container=c_exit0&repo=&tag=");
	free(path);
}
END_TEST

START_TEST(names_and_changes)
{
	/* A registry with a port, no tag (latest), lower-case instructions, blank lines skipped,
	 * a message over lines and in Korean. */
	const char *changes[] = { "env B=2", "", "  ", " workdir /srv", "LABEL a=b c=\"d e\"" };
	struct commit_input in = { "9e1bd64da79a", "  localhost:5000/team/app ", "줄 1\n~line 2", NULL,
				   changes, 5, false };
	char *path, *err;
	ck_assert(commit_path(&in, &path, &err));
	ck_assert_str_eq(path, "/commit?author=&changes=env+B%3D2&changes=+workdir+%2Fsrv"
			       "&changes=LABEL+a%3Db+c%3D%22d+e%22&comment=%EC%A4%84+1%0A~line+2"
			       "&container=9e1bd64da79a&repo=localhost%3A5000%2Fteam%2Fapp&tag=latest");
	free(path);
}
END_TEST

static const struct {
	const char *container, *reference, *change, *error;
} bad[] = {
	{ "", "x:1", NULL, "no container to commit" },
	{ NULL, "x:1", NULL, "no container to commit" },
	{ "c", "Committed:v1", NULL, "repository name must be lowercase" },
	{ "c", "x:bad tag", NULL, "one image name only" },
	{ "c", "x:-bad", NULL, "invalid tag format" },
	{ "c", "x@sha256:0123456789012345678901234567890123456789012345678901234567890123", NULL,
	  "refusing to create a tag with a digest reference" },
	{ "c", NULL, "bogus A=1", "bogus is not a valid change command" },
	{ "c", NULL, "RUN echo hi", "RUN is not a valid change command" },
	{ "c", NULL, "ENV", "ENV needs a value" },
	{ "c", NULL, "cmd  ", "CMD needs a value" },
};

START_TEST(refused)
{
	const char *changes[] = { bad[_i].change };
	struct commit_input in = { bad[_i].container, bad[_i].reference, NULL, NULL, changes,
				   bad[_i].change ? 1 : 0, false };
	char *path, *err;
	ck_assert(!commit_path(&in, &path, &err));
	ck_assert_ptr_null(path);
	ck_assert_msg(strstr(err, bad[_i].error), "%s", err);
	free(err);
}
END_TEST

static Suite *
commit_suite(void)
{
	Suite *s = suite_create("commit");
	TCase *t = tcase_create("path");
	tcase_add_test(t, as_the_cli_sends_it);
	tcase_add_test(t, names_and_changes);
	tcase_add_loop_test(t, refused, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(commit_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
