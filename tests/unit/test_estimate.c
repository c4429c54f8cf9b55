/* Unit tests of estimate: finished tasks, the waiting stage, the running
 * curve (monotone, within [1, 99]), clip-state floors and typical durations. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "estimate.h"
#include "task.h"
#include "tasklist.h"
#include "util.h"

#define TEST_T0 ((int64_t)1700000000)

static struct task *test_task(enum task_state state, bool finished, int progress)
{
	struct task *t = task_new("task-1");

	t->state = state;
	t->finished = finished;
	t->progress = progress;
	t->submit_time = TEST_T0;
	return t;
}

/* Gives t n clips with the given statuses (NULL-terminated list). */
static void test_clips(struct task *t, const char *const *statuses)
{
	size_t n = 0, i;

	while (statuses[n])
		n++;
	t->clips = xcalloc(n, sizeof(*t->clips));
	t->n_clips = n;
	for (i = 0; i < n; i++) {
		t->clips[i].status = xstrdup(statuses[i]);
		t->clips[i].duration = -1;
	}
}

static void test_success(void **state)
{
	struct task *t = test_task(TASK_SUCCEEDED, true, 100);
	struct estimate e;

	(void)state;
	e = estimate_progress(t, TEST_T0 + 10, 120);
	assert_int_equal(e.percent, 100);
	assert_false(e.estimated);
	assert_false(e.indeterminate);
	t->progress = -1;
	e = estimate_progress(t, TEST_T0 + 10, 120);
	assert_int_equal(e.percent, 100);
	task_free(t);
}

/* A task that ended without success shows no figure, whatever progress
 * the server last sent: never an almost full bar, never 100%. */
static void test_finished_failure(void **state)
{
	static const int progress[] = { 40, -1, 0, 99, 100 };
	struct task *t = test_task(TASK_FAILED, true, 40);
	struct estimate e;
	char buf[ESTIMATE_TEXT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(progress) / sizeof(progress[0]); i++) {
		t->progress = progress[i];
		e = estimate_progress(t, TEST_T0 + 500, 120);
		assert_true(e.none);
		assert_int_equal(e.percent, 0);
		assert_false(e.estimated);
		assert_false(e.indeterminate);
		assert_string_equal(estimate_text(&e, buf, sizeof(buf)), "-");
	}
	/* A finished UNKNOWN is not a success either. */
	t->state = TASK_UNKNOWN;
	t->progress = 100;
	e = estimate_progress(t, TEST_T0 + 500, 120);
	assert_true(e.none);
	assert_int_equal(e.percent, 0);
	assert_false(e.estimated);
	task_free(t);

	t = task_new_not_found("gone", "task_not_exist");
	e = estimate_progress(t, TEST_T0, 120);
	assert_true(e.none);
	assert_int_equal(e.percent, 0);
	assert_false(e.estimated);
	task_free(t);

	/* No answer yet: no figure, and nothing to measure. */
	e = estimate_progress(NULL, TEST_T0, 120);
	assert_true(e.none);
	assert_true(e.indeterminate);
	assert_string_equal(estimate_text(&e, buf, sizeof(buf)), "-");
}

/* The printed figure, the same in every front end. */
static void test_text(void **state)
{
	struct estimate e = { 100, false, false, false };
	char buf[ESTIMATE_TEXT_MAX];

	(void)state;
	assert_string_equal(estimate_text(&e, buf, sizeof(buf)), "100%");
	e.percent = 42;
	e.estimated = true;
	assert_string_equal(estimate_text(&e, buf, sizeof(buf)), "~42%");
	e.percent = 0;
	e.indeterminate = true;
	assert_string_equal(estimate_text(&e, buf, sizeof(buf)), "~0%");
	e.estimated = false;
	e.percent = 7;
	assert_string_equal(estimate_text(&e, buf, sizeof(buf)), "7%");
}

static void test_real_value(void **state)
{
	struct task *t = test_task(TASK_RUNNING, false, 37);
	struct estimate e;

	(void)state;
	e = estimate_progress(t, TEST_T0 + 1000, 120);
	assert_int_equal(e.percent, 37);
	assert_false(e.estimated);
	task_free(t);
}

static void test_waiting(void **state)
{
	struct task *t = test_task(TASK_WAITING, false, 0);
	struct estimate e;

	(void)state;
	e = estimate_progress(t, TEST_T0 + 30, 120);
	assert_int_equal(e.percent, 0);
	assert_true(e.estimated);
	assert_true(e.indeterminate);
	task_free(t);
}

static void test_running_curve(void **state)
{
	struct task *t = test_task(TASK_RUNNING, false, 0);
	struct estimate e;
	int64_t s;
	int last = 0;

	(void)state;
	/* Exact points: 5% at the start, 47% at half, 90% at typical. */
	e = estimate_progress(t, TEST_T0, 120);
	assert_int_equal(e.percent, 5);
	assert_true(e.estimated);
	assert_false(e.indeterminate);
	assert_int_equal(estimate_progress(t, TEST_T0 + 60, 120).percent, 47);
	assert_int_equal(estimate_progress(t, TEST_T0 + 120, 120).percent, 90);
	/* A clock behind the submit time is no progress, not negative. */
	assert_int_equal(estimate_progress(t, TEST_T0 - 50, 120).percent, 5);

	for (s = 0; s <= 100 * 120; s += 7) {
		e = estimate_progress(t, TEST_T0 + s, 120);
		assert_in_range(e.percent, 1, 99);
		assert_true(e.percent >= last);
		last = e.percent;
	}
	assert_true(last >= 98);
	assert_int_equal(estimate_progress(t, TEST_T0 + 100000000, 120).percent, 99);

	/* The start time wins over the submit time. */
	t->start_time = TEST_T0 + 60;
	assert_int_equal(estimate_progress(t, TEST_T0 + 60, 120).percent, 5);
	/* No timestamps at all: elapsed 0. */
	t->start_time = 0;
	t->submit_time = 0;
	assert_int_equal(estimate_progress(t, TEST_T0, 120).percent, 5);
	/* Unfinished UNKNOWN is treated as running; no typical uses the default. */
	t->state = TASK_UNKNOWN;
	t->submit_time = TEST_T0;
	assert_int_equal(estimate_progress(t, TEST_T0 + 120, 0).percent, 90);
	task_free(t);
}

static void test_clip_floors(void **state)
{
	static const char *const half[] = { "complete", "streaming", NULL };
	static const char *const stream[] = { "queued", "STREAMING", NULL };
	static const char *const all[] = { "Complete", "complete", NULL };
	struct task *t = test_task(TASK_RUNNING, false, 0);
	struct estimate e;

	(void)state;
	test_clips(t, half);
	e = estimate_progress(t, TEST_T0 + 1, 120);
	assert_int_equal(e.percent, 72);
	assert_true(e.estimated);
	/* Time beyond the floor still counts. */
	assert_int_equal(estimate_progress(t, TEST_T0 + 120, 120).percent, 90);
	task_free(t);

	t = test_task(TASK_RUNNING, false, 0);
	test_clips(t, stream);
	assert_int_equal(estimate_progress(t, TEST_T0, 120).percent, 30);
	task_free(t);

	t = test_task(TASK_RUNNING, false, 0);
	test_clips(t, all);
	assert_int_equal(estimate_progress(t, TEST_T0, 120).percent, 95);
	task_free(t);
}

static void test_typical(void **state)
{
	static const double odd[] = { 300, 60, 90 };
	static const double even[] = { 100, 40, 80, 60 };
	static const double junk[] = { 0, -5, 200 };
	static const double none[] = { 0, -1 };
	static const double fast[] = { 3, 5 };
	static const double slow[] = { 5000, 9000 };

	(void)state;
	assert_true(estimate_typical(odd, 3) == 90.0);
	assert_true(estimate_typical(even, 4) == 70.0);
	assert_true(estimate_typical(junk, 3) == 200.0);
	assert_true(estimate_typical(none, 2) == ESTIMATE_DEFAULT_SECS);
	assert_true(estimate_typical(NULL, 0) == ESTIMATE_DEFAULT_SECS);
	assert_true(estimate_typical(fast, 2) == 20.0);
	assert_true(estimate_typical(slow, 2) == 1800.0);
}

/* The typical run time is learned from succeeded tasks, start to finish
 * (submit when the server gave no start), and nothing else. */
static void test_learn(void **state)
{
	struct tasklist *tl = tasklist_new();
	static const struct {
		enum task_state state;
		bool finished;
		int64_t start, finish;
	} rows[] = {
		{ TASK_SUCCEEDED, true, TEST_T0 + 10, TEST_T0 + 70 },   /* 60 */
		{ TASK_SUCCEEDED, true, 0, TEST_T0 + 100 },             /* 100 from submit */
		{ TASK_SUCCEEDED, true, TEST_T0 + 20, TEST_T0 + 110 },  /* 90 */
		{ TASK_FAILED, true, TEST_T0, TEST_T0 + 5 },            /* not a success */
		{ TASK_RUNNING, false, TEST_T0, 0 },                    /* not finished */
		{ TASK_SUCCEEDED, true, TEST_T0 + 50, 0 },              /* no finish time */
	};
	char id[16];
	size_t i;

	(void)state;
	assert_true(estimate_learn(tl) == ESTIMATE_DEFAULT_SECS);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct task *t = test_task(rows[i].state, rows[i].finished, 0);

		snprintf(id, sizeof(id), "task-%zu", i);
		t->start_time = rows[i].start;
		t->finish_time = rows[i].finish;
		free(t->task_id);
		t->task_id = xstrdup(id);
		assert_non_null(tasklist_add(tl, id, 0));
		assert_non_null(tasklist_update(tl, t, 0));
	}
	assert_true(estimate_learn(tl) == 90.0);
	tasklist_free(tl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_success),
		cmocka_unit_test(test_finished_failure),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_real_value),
		cmocka_unit_test(test_waiting),
		cmocka_unit_test(test_running_curve),
		cmocka_unit_test(test_clip_floors),
		cmocka_unit_test(test_typical),
		cmocka_unit_test(test_learn),
	};

	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests_name("estimate", tests, NULL, NULL);
}
