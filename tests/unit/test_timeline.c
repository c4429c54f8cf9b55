/* test_timeline: a task's timeline (events, the bound of 50, what a new
 * answer adds), the stage a task is in and since when, what each stage
 * lasted, the slow rule on a fake clock, the typical stage durations
 * learned, and the timeline surviving a save and a load of the state file. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "estimate.h"
#include "store.h"
#include "tasklist.h"
#include "taskrule.h"
#include "timeline.h"
#include "util.h"

#define T0 1764424000

static struct task *test_task(const char *id, const char *status)
{
	struct task *t = task_new(id);

	free(t->status);
	t->status = xstrdup(status);
	t->state = task_state_from_status(status, &t->finished);
	return t;
}

static void test_clip(struct task *t, const char *status)
{
	t->clips = xrealloc(t->clips, (t->n_clips + 1) * sizeof(*t->clips));
	memset(&t->clips[t->n_clips], 0, sizeof(*t->clips));
	t->clips[t->n_clips].status = xstrdup(status);
	t->clips[t->n_clips].duration = -1;
	t->n_clips++;
}

static void test_bounded(void **state)
{
	struct timeline *tl = NULL;
	int i;

	(void)state;
	assert_null(timeline_last(tl, TIMELINE_KIND_COUNT));
	timeline_add(&tl, T0, TIMELINE_ADDED, -1, NULL);
	for (i = 1; i < 70; i++)
		timeline_add(&tl, T0 + i, TIMELINE_ERROR, -1, "timed out");
	assert_int_equal(timeline_count(tl), TIMELINE_MAX);
	/* The oldest went: the first left is the 21st event. */
	assert_int_equal(tl->ev[0].time, T0 + 20);
	assert_int_equal(timeline_last(tl, TIMELINE_KIND_COUNT)->time, T0 + 69);
	assert_null(timeline_last(tl, TIMELINE_ADDED));
	timeline_free(tl);

	/* A long text is cut. */
	tl = NULL;
	{
		char big[1000];
		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		timeline_add(&tl, T0, TIMELINE_ERROR, -1, big);
		assert_int_equal(strlen(tl->ev[0].text), TIMELINE_TEXT_MAX);
	}
	timeline_free(tl);
}

static void test_note_task(void **state)
{
	struct timeline *tl = NULL;
	struct task *a = test_task("id-1", "NOT_START"), *b = test_task("id-1", "NOT_START");
	struct task *c = test_task("id-1", "IN_PROGRESS"), *d = test_task("id-1", "SUCCESS");

	(void)state;
	timeline_note_task(&tl, T0, NULL, a);          /* first answer: NOT_START */
	timeline_note_task(&tl, T0 + 5, a, b);         /* the same: nothing */
	assert_int_equal(timeline_count(tl), 1);
	test_clip(c, "submitted");
	test_clip(c, "streaming");
	timeline_note_task(&tl, T0 + 10, b, c);        /* status and two clips */
	assert_int_equal(timeline_count(tl), 4);
	test_clip(d, "complete");
	test_clip(d, "streaming");
	timeline_note_task(&tl, T0 + 20, c, d);        /* status and clip 0 only */
	assert_int_equal(timeline_count(tl), 6);
	assert_int_equal(tl->ev[0].kind, TIMELINE_STATUS);
	assert_string_equal(tl->ev[0].text, "NOT_START");
	assert_int_equal(tl->ev[2].kind, TIMELINE_CLIP);
	assert_int_equal(tl->ev[2].clip, 0);
	assert_string_equal(tl->ev[3].text, "streaming");
	assert_int_equal(tl->ev[3].clip, 1);
	assert_string_equal(tl->ev[4].text, "SUCCESS");
	assert_int_equal(tl->ev[5].clip, 0);
	assert_string_equal(tl->ev[5].text, "complete");
	task_free(a);
	task_free(b);
	task_free(c);
	task_free(d);
	timeline_free(tl);
}

static void test_stages(void **state)
{
	struct timeline *tl = NULL;
	struct task *t = test_task("id-1", "QUEUED");
	double d[TASK_STAGE_COUNT];

	(void)state;
	assert_int_equal(task_stage(NULL), TASK_STAGE_NONE);
	assert_int_equal(task_stage_of_status("NOT_START"), TASK_STAGE_SUBMITTED);
	assert_int_equal(task_stage_of_status("submitted"), TASK_STAGE_SUBMITTED);
	assert_int_equal(task_stage_of_status("queued"), TASK_STAGE_QUEUED);
	assert_int_equal(task_stage_of_status("IN_PROGRESS"), TASK_STAGE_RUNNING);
	assert_int_equal(task_stage_of_status("streaming"), TASK_STAGE_RUNNING);
	assert_int_equal(task_stage_of_status("SUCCESS"), TASK_STAGE_NONE);
	assert_int_equal(task_stage_of_status("new-word"), TASK_STAGE_NONE);

	/* Seen SUBMITTED from T0, QUEUED from T0 + 30 (and again at + 35). */
	t->submit_time = T0 - 10;
	timeline_add(&tl, T0 - 5, TIMELINE_ADDED, -1, NULL);
	timeline_add(&tl, T0, TIMELINE_STATUS, -1, "SUBMITTED");
	timeline_add(&tl, T0 + 30, TIMELINE_STATUS, -1, "QUEUED");
	timeline_add(&tl, T0 + 32, TIMELINE_CLIP, 0, "queued");
	timeline_add(&tl, T0 + 35, TIMELINE_STATUS, -1, "queued");
	assert_int_equal(task_stage(t), TASK_STAGE_QUEUED);
	assert_int_equal(timeline_stage_since(tl, t, T0 - 5), T0 + 30);
	/* The submitted stage counts from the server's submit time. */
	timeline_stage_durations(tl, t, d);
	assert_true(d[TASK_STAGE_SUBMITTED] == 40);
	assert_true(d[TASK_STAGE_QUEUED] < 0);            /* not left yet */
	assert_true(d[TASK_STAGE_RUNNING] < 0);

	/* Running: from the server's start time. */
	timeline_add(&tl, T0 + 90, TIMELINE_STATUS, -1, "IN_PROGRESS");
	free(t->status);
	t->status = xstrdup("IN_PROGRESS");
	t->state = TASK_RUNNING;
	assert_int_equal(timeline_stage_since(tl, t, 0), T0 + 90);
	t->start_time = T0 + 85;
	assert_int_equal(timeline_stage_since(tl, t, 0), T0 + 85);
	timeline_stage_durations(tl, t, d);
	assert_true(d[TASK_STAGE_QUEUED] == 60);

	/* Succeeded: the running stage lasted its run time. */
	timeline_add(&tl, T0 + 200, TIMELINE_STATUS, -1, "SUCCESS");
	free(t->status);
	t->status = xstrdup("SUCCESS");
	t->state = task_state_from_status("SUCCESS", &t->finished);
	t->finish_time = T0 + 185;
	assert_int_equal(timeline_stage_since(tl, t, 0), 0);
	timeline_stage_durations(tl, t, d);
	assert_true(d[TASK_STAGE_RUNNING] == 100);

	/* Without a timeline or server times: from when it was added. */
	task_free(t);
	t = test_task("id-2", "QUEUED");
	assert_int_equal(timeline_stage_since(NULL, t, T0), T0);
	task_free(t);
	timeline_free(tl);
}

/* Slow, on a clock the test moves: 3x typical, 10 minutes unlearned,
 * never under a minute; a finished task is never slow. */
static void test_slow_rule(void **state)
{
	struct task *t = test_task("id-1", "QUEUED");
	double typical[TASK_STAGE_COUNT] = { 0, 0, 40, 0 };
	int64_t now;

	(void)state;
	assert_int_equal(task_slow_limit(0), TASK_SLOW_DEFAULT);
	assert_int_equal(task_slow_limit(40), 120);
	assert_int_equal(task_slow_limit(5), TASK_SLOW_FLOOR);
	for (now = T0; now <= T0 + 120; now++)
		assert_false(task_is_slow(t, T0, now, typical));
	assert_true(task_is_slow(t, T0, T0 + 121, typical));
	/* Running: nothing learned, so ten minutes. */
	free(t->status);
	t->status = xstrdup("IN_PROGRESS");
	t->state = TASK_RUNNING;
	assert_false(task_is_slow(t, T0, T0 + 600, typical));
	assert_true(task_is_slow(t, T0, T0 + 601, typical));
	assert_true(task_is_slow(t, T0, T0 + 601, NULL));
	assert_false(task_is_slow(t, 0, T0 + 10000, typical));
	free(t->status);
	t->status = xstrdup("SUCCESS");
	t->state = task_state_from_status("SUCCESS", &t->finished);
	assert_false(task_is_slow(t, T0, T0 + 100000, typical));
	assert_false(task_is_slow(NULL, T0, T0 + 100000, typical));
	task_free(t);
}

/* Typical stage durations need three tasks that tell. */
static void test_learn_stages(void **state)
{
	struct tasklist *tl = tasklist_new();
	double typical[TASK_STAGE_COUNT];
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		char id[16];
		struct entry *e;
		struct task *t;

		snprintf(id, sizeof(id), "id-%d", i);
		e = tasklist_add(tl, id, T0);
		t = test_task(id, "SUCCESS");
		t->submit_time = T0;
		t->start_time = T0 + 100;
		t->finish_time = T0 + 100 + 60 * (i + 1);
		tasklist_update(tl, t, T0);
		if (i == 3)
			timeline_add(&e->timeline, T0 + 2, TIMELINE_STATUS, -1, "SUBMITTED");
		timeline_add(&e->timeline, T0 + 10, TIMELINE_STATUS, -1, "QUEUED");
		timeline_add(&e->timeline, T0 + 10 + 10 * (i + 1), TIMELINE_STATUS, -1, "IN_PROGRESS");
		estimate_learn_stages(tl, typical);
		if (i < 2) {
			assert_true(typical[TASK_STAGE_QUEUED] == 0);
			assert_true(typical[TASK_STAGE_RUNNING] == 0);
		}
	}
	/* Queued 10, 20, 30, 40 s; running 60 .. 240 s; submitted seen once. */
	assert_true(typical[TASK_STAGE_QUEUED] == 25);
	assert_true(typical[TASK_STAGE_RUNNING] == 150);
	assert_true(typical[TASK_STAGE_SUBMITTED] == 0);
	tasklist_free(tl);
}

/* The timeline is in the state file and comes back as it was. */
static void test_survives_save_and_load(void **state)
{
	char dir[] = "/tmp/test_timeline.XXXXXX", *path, *warn = NULL, *err = NULL;
	struct tasklist *tl = tasklist_new(), *back = tasklist_new();
	struct store *s;
	struct entry *e, *b;
	size_t i;
	int k;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/tasks.json", dir);
	s = store_open(path, &warn, &err);
	assert_non_null(s);
	e = tasklist_add(tl, "id-1", T0);
	tasklist_add(tl, "id-2", T0);
	for (k = 0; k < 60; k++)
		timeline_add(&e->timeline, T0 + k, (enum timeline_kind)(k % TIMELINE_KIND_COUNT),
			     k % 3 ? -1 : k % 4, k % 2 ? NULL : "text \"quoted\" ✓");
	assert_int_equal(store_save(s, tl, &err), 0);
	assert_int_equal(store_load(s, back, &warn, &err), 0);
	assert_null(warn);
	b = tasklist_find(back, "id-1");
	assert_non_null(b);
	assert_int_equal(timeline_count(b->timeline), TIMELINE_MAX);
	for (i = 0; i < TIMELINE_MAX; i++) {
		const struct timeline_event *x = &e->timeline->ev[i], *y = &b->timeline->ev[i];

		assert_int_equal(x->time, y->time);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->clip, y->clip);
		if (x->text)
			assert_string_equal(x->text, y->text);
		else
			assert_null(y->text);
	}
	assert_null(tasklist_find(back, "id-2")->timeline);
	store_close(s);
	unlink(path);
	rmdir(dir);
	free(path);
	tasklist_free(tl);
	tasklist_free(back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_note_task),
		cmocka_unit_test(test_stages),
		cmocka_unit_test(test_slow_rule),
		cmocka_unit_test(test_learn_stages),
		cmocka_unit_test(test_survives_save_and_load),
	};

	return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
