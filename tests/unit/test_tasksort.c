/* test_tasksort: every order of the task list on the same five tasks, on a
 * fixed clock: status, age, progress, run time, title, slowest first;
 * ties in the order added. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tasksort.h"
#include "util.h"

#define T0 1764424000

static struct task_sort_ctx test_ctx;
static enum task_sort test_key;

static int test_cmp(const void *a, const void *b)
{
	return task_sort_compare(test_key, *(struct entry *const *)a, *(struct entry *const *)b,
				 &test_ctx);
}

static void test_add(struct tasklist *tl, const char *id, const char *status, int64_t submit,
		     int64_t start, int64_t finish, const char *title)
{
	struct task *t = task_new(id);

	tasklist_add(tl, id, T0 - 1000);
	free(t->status);
	t->status = xstrdup(status);
	t->state = task_state_from_status(status, &t->finished);
	t->submit_time = submit;
	t->start_time = start;
	t->finish_time = finish;
	if (title) {
		t->n_clips = 1;
		t->clips = xcalloc(1, sizeof(*t->clips));
		t->clips[0].title = xstrdup(title);
		t->clips[0].duration = -1;
	}
	tasklist_update(tl, t, T0);
}

/* The ids in the order key sorts them, as "a b c". */
static void test_order(struct tasklist *tl, enum task_sort key, const char *want)
{
	struct entry *v[8];
	char got[64] = "";
	size_t i, n = tasklist_count(tl);

	for (i = 0; i < n; i++)
		v[i] = tasklist_at(tl, i);
	test_key = key;
	qsort(v, n, sizeof(v[0]), test_cmp);
	for (i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", i ? " " : "", v[i]->id);
	assert_string_equal(got, want);
}

static void test_every_order(void **state)
{
	struct tasklist *tl = tasklist_new();
	double typical[TASK_STAGE_COUNT] = { 0, 0, 30, 0 };

	(void)state;
	test_ctx.now = T0;
	test_ctx.typical_run = 120;
	test_ctx.stage_typical = typical;
	test_add(tl, "a", "SUCCESS", T0 - 500, T0 - 400, T0 - 100, "Zebra");
	test_add(tl, "b", "IN_PROGRESS", T0 - 300, T0 - 200, 0, "apple");
	test_add(tl, "c", "QUEUED", T0 - 100, 0, 0, NULL);   /* no timeline: queued since submit */
	test_add(tl, "d", "FAILURE", T0 - 900, T0 - 800, T0 - 790, "Mango");
	test_add(tl, "e", "IN_PROGRESS", T0 - 50, T0 - 40, 0, "mango");

	test_order(tl, TASK_SORT_ADDED, "a b c d e");
	test_order(tl, TASK_SORT_AGE, "d a b c e");
	test_order(tl, TASK_SORT_STATUS, "b e c d a");
	test_order(tl, TASK_SORT_RUNTIME, "a b e d c");
	test_order(tl, TASK_SORT_TITLE, "b d e a c");
	/* c: 100 s queued of a 90 s limit (floor 60: 3 x 30) = 1.1; b: 200 of
	 * 600 unlearned = 0.33; e: 40 of 600; finished ones last. */
	test_order(tl, TASK_SORT_SLOWEST, "c b e a d");
	test_order(tl, TASK_SORT_PROGRESS, "a b e c d");
	assert_string_equal(task_sort_name(TASK_SORT_SLOWEST), "slowest");
	assert_true(task_sort_slowness(tasklist_at(tl, 0), &test_ctx) < 0);
	tasklist_free(tl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_order),
	};

	return cmocka_run_group_tests_name("tasksort", tests, NULL, NULL);
}
