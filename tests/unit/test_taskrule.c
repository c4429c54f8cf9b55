/* Unit tests of taskrule: categories and the finished / failed / succeeded
 * predicates for every status word, the status word shown, run time, age. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "task.h"
#include "taskrule.h"
#include "util.h"

#define TEST_T0 ((int64_t)1700000000)

static struct task *test_task(const char *status)
{
	struct task *t = task_new("task-1");

	free(t->status);
	t->status = xstrdup(status);
	t->state = task_state_from_status(status, &t->finished);
	return t;
}

static void test_categories(void **state)
{
	static const struct {
		const char *status;
		enum task_category cat;
		bool finished, succeeded, failed, unsuccessful;
	} rows[] = {
		{ "NOT_START", TASK_CAT_QUEUED, false, false, false, false },
		{ "submitted", TASK_CAT_QUEUED, false, false, false, false },
		{ "", TASK_CAT_QUEUED, false, false, false, false },
		{ "IN_PROGRESS", TASK_CAT_RUNNING, false, false, false, false },
		{ "streaming", TASK_CAT_RUNNING, false, false, false, false },
		{ "SUCCESS", TASK_CAT_SUCCEEDED, true, true, false, false },
		{ "complete", TASK_CAT_SUCCEEDED, true, true, false, false },
		{ "FAILURE", TASK_CAT_FAILED, true, false, true, true },
		{ "error", TASK_CAT_FAILED, true, false, true, true },
		{ "Failed", TASK_CAT_FAILED, true, false, true, true },
		{ "fail", TASK_CAT_FAILED, true, false, true, true },
		{ "UNKNOWN", TASK_CAT_UNKNOWN, true, false, false, true },
		{ "REVIEWING", TASK_CAT_UNKNOWN, false, false, false, false },
	};
	struct task *t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t = test_task(rows[i].status);

		assert_int_equal(task_category(t), rows[i].cat);
		assert_int_equal(task_is_finished(t), rows[i].finished);
		assert_int_equal(task_succeeded(t), rows[i].succeeded);
		assert_int_equal(task_failed(t), rows[i].failed);
		assert_int_equal(task_unsuccessful(t), rows[i].unsuccessful);
		task_free(t);
	}

	/* Not found: finished, unsuccessful, but not a failure of the task. */
	t = task_new_not_found("gone", NULL);
	assert_int_equal(task_category(t), TASK_CAT_NOT_FOUND);
	assert_true(task_is_finished(t));
	assert_false(task_failed(t));
	assert_false(task_succeeded(t));
	assert_true(task_unsuccessful(t));
	task_free(t);

	/* No answer yet: NEW, which is not queued, and nothing is decided. */
	assert_int_equal(task_category(NULL), TASK_CAT_NEW);
	assert_false(task_is_finished(NULL));
	assert_false(task_failed(NULL));
	assert_false(task_succeeded(NULL));
	assert_false(task_unsuccessful(NULL));
}

static void test_status_word(void **state)
{
	static const struct {
		const char *status, *word, *json;
	} rows[] = {
		{ "SUCCESS", "SUCCESS", "SUCCESS" },
		{ "in_progress", "IN_PROGRESS", "IN_PROGRESS" },
		{ "Not-Start 2", "NOT-START 2", "NOT-START 2" },
		{ "", "QUEUED", "QUEUED" },
		/* Not a plain word: our name for the state, safe to print; --json
		 * keeps the server's bytes, upper-casing only ASCII letters. */
		{ "fail\x1b[2J", "UNKNOWN", "FAIL\x1b[2J" },
		{ "\xc3\xa9tat", "UNKNOWN", "\xc3\xa9TAT" },
		{ "a_very_long_status_word_that_does_not_fit", "UNKNOWN",
		  "A_VERY_LONG_STATUS_WORD_THAT_DOES_NOT_FIT" },
	};
	char buf[TASK_WORD_MAX], *json;
	struct task *t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t = test_task(rows[i].status);
		assert_string_equal(task_status_word(t, buf, sizeof(buf)), rows[i].word);
		json = task_status_upper(t);
		assert_string_equal(json, rows[i].json);
		free(json);
		task_free(t);
	}
	assert_string_equal(task_status_word(NULL, buf, sizeof(buf)), "NEW");
	t = task_new_not_found("gone", NULL);
	assert_string_equal(task_status_word(t, buf, sizeof(buf)), "NOT_FOUND");
	json = task_status_upper(t);
	assert_string_equal(json, "NOT_FOUND");
	free(json);
	task_free(t);
}

static void test_run_time(void **state)
{
	struct task *t = test_task("IN_PROGRESS");

	(void)state;
	assert_int_equal(task_run_time(NULL, TEST_T0), -1);
	assert_int_equal(task_age(NULL, TEST_T0), -1);
	/* No timestamps at all. */
	assert_int_equal(task_run_time(t, TEST_T0), -1);
	assert_int_equal(task_age(t, TEST_T0), -1);

	t->submit_time = TEST_T0;
	t->start_time = TEST_T0 + 11;
	/* Running: from the start to now; the age from the submit. */
	assert_int_equal(task_run_time(t, TEST_T0 + 96), 85);
	assert_int_equal(task_age(t, TEST_T0 + 96), 96);
	/* A clock behind the start is no time, not negative. */
	assert_int_equal(task_run_time(t, TEST_T0), 0);
	assert_int_equal(task_age(t, TEST_T0 - 5), 0);

	/* Finished: from the start to the finish, whatever now is. */
	free(t->status);
	t->status = xstrdup("SUCCESS");
	t->state = task_state_from_status(t->status, &t->finished);
	t->finish_time = TEST_T0 + 96;
	assert_int_equal(task_run_time(t, TEST_T0 + 5000), 85);
	assert_int_equal(task_age(t, TEST_T0 + 5000), 5000);
	/* A finish before the start, or none, is no run time. */
	t->finish_time = TEST_T0 + 5;
	assert_int_equal(task_run_time(t, TEST_T0 + 5000), -1);
	t->finish_time = 0;
	assert_int_equal(task_run_time(t, TEST_T0 + 5000), -1);

	/* No start time from the server: the submit time stands in ... */
	t->start_time = 0;
	t->finish_time = TEST_T0 + 96;
	assert_int_equal(task_run_time(t, TEST_T0 + 5000), 96);
	task_free(t);

	/* ... except while still waiting to start: it has not run at all. */
	t = test_task("QUEUED");
	t->submit_time = TEST_T0;
	assert_int_equal(task_run_time(t, TEST_T0 + 30), -1);
	assert_int_equal(task_age(t, TEST_T0 + 30), 30);
	t->start_time = TEST_T0 + 20;
	assert_int_equal(task_run_time(t, TEST_T0 + 30), 10);
	task_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_status_word),
		cmocka_unit_test(test_run_time),
	};

	return cmocka_run_group_tests_name("taskrule", tests, NULL, NULL);
}
