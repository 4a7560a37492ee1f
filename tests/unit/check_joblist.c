/* The job list model: ids, states and times, progress, results, cancel, the status line. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "joblist.h"

static struct joblist jl;

static void
setup(void)
{
	joblist_init(&jl);
}

static void
teardown(void)
{
	joblist_free(&jl);
}

START_TEST(add_gives_stable_ids)
{
	unsigned a = joblist_add(&jl, JOB_PULL, "bb:1.0", 1000);
	unsigned b = joblist_add(&jl, JOB_REMOVE, "2 images", 1001);
	ck_assert_uint_ne(a, 0);
	ck_assert_uint_gt(b, a);
	struct job *ja = joblist_find(&jl, a);
	ck_assert_ptr_nonnull(ja);
	ck_assert_str_eq(ja->target, "bb:1.0");
	ck_assert_int_eq(ja->kind, JOB_PULL);
	ck_assert_int_eq(ja->state, JOB_QUEUED);
	ck_assert_int_eq(ja->percent, -1);
	ck_assert_str_eq(ja->progress, "");
	ck_assert_str_eq(ja->result, "");
	ck_assert_str_eq(ja->error, "");
	ck_assert_int_eq(ja->queued_ms, 1000);
	/* Many more jobs: the first one stays where it was (a worker may hold its cancel). */
	for (int i = 0; i < 100; i++)
		joblist_add(&jl, JOB_TAG, NULL, 2000 + i);
	ck_assert_ptr_eq(joblist_find(&jl, a), ja);
	ck_assert_str_eq(joblist_find(&jl, b)->target, "2 images");
	ck_assert_ptr_null(joblist_find(&jl, 0));
	ck_assert_ptr_null(joblist_find(&jl, 9999));
}
END_TEST

START_TEST(states_and_times)
{
	unsigned id = joblist_add(&jl, JOB_PRUNE, "dangling images", 100);
	struct job *j = joblist_find(&jl, id);
	ck_assert_int_eq(job_elapsed_ms(j, 150), 50);
	ck_assert(joblist_set_state(&jl, id, JOB_RUNNING, 200));
	ck_assert_int_eq(j->started_ms, 200);
	ck_assert_int_eq(job_elapsed_ms(j, 450), 250);
	ck_assert(!job_is_finished(j));
	/* running again keeps the start */
	ck_assert(joblist_set_state(&jl, id, JOB_RUNNING, 300));
	ck_assert_int_eq(j->started_ms, 200);
	ck_assert(!joblist_set_state(&jl, id, JOB_QUEUED, 300));
	ck_assert(joblist_set_state(&jl, id, JOB_DONE, 700));
	ck_assert_int_eq(j->ended_ms, 700);
	ck_assert_int_eq(j->percent, 100);
	ck_assert(job_is_finished(j));
	ck_assert_int_eq(job_elapsed_ms(j, 99999), 500);
	/* finished is final */
	ck_assert(!joblist_set_state(&jl, id, JOB_FAILED, 800));
	ck_assert(!joblist_set_state(&jl, id, JOB_RUNNING, 800));
	ck_assert_int_eq(j->state, JOB_DONE);
	ck_assert(!joblist_set_state(&jl, 4242, JOB_RUNNING, 1));
	ck_assert(!joblist_set_state(&jl, id, (enum job_state)42, 1));
}
END_TEST

START_TEST(failed_before_running_gets_a_start)
{
	unsigned id = joblist_add(&jl, JOB_TAG, "x", 10);
	ck_assert(joblist_set_state(&jl, id, JOB_FAILED, 40));
	struct job *j = joblist_find(&jl, id);
	ck_assert_int_eq(j->started_ms, 40);
	ck_assert_int_eq(j->ended_ms, 40);
	ck_assert_int_eq(j->percent, -1);
	ck_assert_int_eq(job_elapsed_ms(j, 100), 0);
}
END_TEST

START_TEST(progress_result_error)
{
	unsigned id = joblist_add(&jl, JOB_PULL, "bb", 0);
	ck_assert(joblist_set_progress(&jl, id, 45, "Downloading 2 of 5 layers"));
	struct job *j = joblist_find(&jl, id);
	ck_assert_int_eq(j->percent, 45);
	ck_assert_str_eq(j->progress, "Downloading 2 of 5 layers");
	ck_assert(joblist_set_progress(&jl, id, 250, NULL));
	ck_assert_int_eq(j->percent, 100);
	ck_assert_str_eq(j->progress, "Downloading 2 of 5 layers");
	ck_assert(joblist_set_progress(&jl, id, -7, ""));
	ck_assert_int_eq(j->percent, -1);
	ck_assert_str_eq(j->progress, "");

	ck_assert(joblist_append_result(&jl, id, "Untagged: bb:1.0"));
	ck_assert(joblist_append_result(&jl, id, "Deleted: sha256:1"));
	ck_assert_str_eq(j->result, "Untagged: bb:1.0\nDeleted: sha256:1");
	ck_assert(joblist_set_result(&jl, id, "x\ny"));
	ck_assert_str_eq(j->result, "x\ny");
	ck_assert(joblist_set_result(&jl, id, NULL));
	ck_assert_str_eq(j->result, "");
	ck_assert(joblist_set_error(&jl, id, "conflict: unable to remove"));
	ck_assert_str_eq(j->error, "conflict: unable to remove");
	ck_assert(!joblist_set_error(&jl, 777, "x"));
	ck_assert(!joblist_set_result(&jl, 777, "x"));
	ck_assert(!joblist_append_result(&jl, 777, "x"));
	ck_assert(!joblist_set_progress(&jl, 777, 1, "x"));
}
END_TEST

START_TEST(cancel_requests_only)
{
	unsigned id = joblist_add(&jl, JOB_PULL, "bb", 0);
	joblist_set_state(&jl, id, JOB_RUNNING, 1);
	struct job *j = joblist_find(&jl, id);
	ck_assert(!atomic_load(&j->cancel.cancelled));
	ck_assert(joblist_cancel(&jl, id));
	ck_assert(j->cancel_requested);
	ck_assert(atomic_load(&j->cancel.cancelled));
	/* the worker reports; only then the state changes */
	ck_assert_int_eq(j->state, JOB_RUNNING);
	ck_assert(joblist_set_state(&jl, id, JOB_CANCELLED, 5));
	ck_assert(!joblist_cancel(&jl, id));
	ck_assert(!joblist_cancel(&jl, 12345));
}
END_TEST

START_TEST(clear_finished_keeps_the_rest)
{
	unsigned a = joblist_add(&jl, JOB_PULL, "a", 0);
	unsigned b = joblist_add(&jl, JOB_PULL, "b", 0);
	unsigned c = joblist_add(&jl, JOB_PULL, "c", 0);
	unsigned d = joblist_add(&jl, JOB_PULL, "d", 0);
	struct job *jb = joblist_find(&jl, b);
	joblist_set_state(&jl, a, JOB_DONE, 1);
	joblist_set_state(&jl, b, JOB_RUNNING, 1);
	joblist_set_state(&jl, c, JOB_CANCELLED, 1);
	joblist_set_state(&jl, d, JOB_FAILED, 1);
	ck_assert_uint_eq(joblist_clear_finished(&jl), 3);
	ck_assert_uint_eq(jl.njobs, 1);
	ck_assert_ptr_eq(joblist_find(&jl, b), jb);
	ck_assert_ptr_null(joblist_find(&jl, a));
	ck_assert_uint_eq(joblist_clear_finished(&jl), 0);
	/* ids are never reused */
	ck_assert_uint_gt(joblist_add(&jl, JOB_TAG, "e", 2), d);
}
END_TEST

START_TEST(running_count_and_percent)
{
	int pct = 7;
	ck_assert_uint_eq(joblist_count_running(&jl, &pct), 0);
	ck_assert_int_eq(pct, -1);
	ck_assert_ptr_null(joblist_status(&jl));

	unsigned a = joblist_add(&jl, JOB_PULL, "a", 0);
	unsigned b = joblist_add(&jl, JOB_PULL, "b", 0);
	joblist_set_state(&jl, a, JOB_RUNNING, 1);
	joblist_set_state(&jl, b, JOB_RUNNING, 1);
	/* neither knows its percent */
	ck_assert_uint_eq(joblist_count_running(&jl, &pct), 2);
	ck_assert_int_eq(pct, -1);
	char *s = joblist_status(&jl);
	ck_assert_str_eq(s, "2 jobs running");
	free(s);

	joblist_set_progress(&jl, a, 30, NULL);
	joblist_set_progress(&jl, b, 60, NULL);
	s = joblist_status(&jl);
	ck_assert_str_eq(s, "2 jobs running, 45%");
	free(s);

	/* a queued job counts as 0%, a running one of unknown percent not at all */
	unsigned c = joblist_add(&jl, JOB_TAG, "c", 2);
	ck_assert_uint_eq(joblist_count_running(&jl, &pct), 3);
	ck_assert_int_eq(pct, 30);
	joblist_set_state(&jl, c, JOB_RUNNING, 3);
	ck_assert_uint_eq(joblist_count_running(&jl, NULL), 3);
	ck_assert_uint_eq(joblist_count_running(&jl, &pct), 3);
	ck_assert_int_eq(pct, 45);

	joblist_set_state(&jl, a, JOB_DONE, 4);
	joblist_set_state(&jl, c, JOB_FAILED, 4);
	s = joblist_status(&jl);
	ck_assert_str_eq(s, "1 job running, 60%");
	free(s);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(job_kind_name(JOB_PULL), "pull");
	ck_assert_str_eq(job_kind_name(JOB_TAG), "tag");
	ck_assert_str_eq(job_kind_name(JOB_REMOVE), "remove");
	ck_assert_str_eq(job_kind_name(JOB_PRUNE), "prune");
	ck_assert_str_eq(job_kind_name((enum job_kind)99), "?");
	ck_assert_str_eq(job_state_name(JOB_QUEUED), "queued");
	ck_assert_str_eq(job_state_name(JOB_RUNNING), "running");
	ck_assert_str_eq(job_state_name(JOB_DONE), "done");
	ck_assert_str_eq(job_state_name(JOB_FAILED), "failed");
	ck_assert_str_eq(job_state_name(JOB_CANCELLED), "cancelled");
	ck_assert_str_eq(job_state_name((enum job_state)99), "?");
}
END_TEST

START_TEST(free_with_unfinished_jobs)
{
	/* joblist_free releases everything, finished or not (valgrind/ASan check the rest). */
	struct joblist other;
	joblist_init(&other);
	joblist_add(&other, JOB_PULL, "a", 0);
	unsigned b = joblist_add(&other, JOB_PULL, "b", 0);
	joblist_set_result(&other, b, "r");
	joblist_free(&other);
	ck_assert_uint_eq(other.njobs, 0);
	ck_assert_ptr_null(other.jobs);
}
END_TEST

static Suite *
joblist_suite(void)
{
	Suite *s = suite_create("joblist");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, add_gives_stable_ids);
	tcase_add_test(tc, states_and_times);
	tcase_add_test(tc, failed_before_running_gets_a_start);
	tcase_add_test(tc, progress_result_error);
	tcase_add_test(tc, cancel_requests_only);
	tcase_add_test(tc, clear_finished_keeps_the_rest);
	tcase_add_test(tc, running_count_and_percent);
	tcase_add_test(tc, names);
	tcase_add_test(tc, free_with_unfinished_jobs);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(joblist_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
