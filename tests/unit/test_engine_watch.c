/* test_engine_watch: the engine's timelines, slow tasks and marks without
 * its threads, on a wall clock the test moves: what an answer, an error and
 * a download add to a timeline; a task turning slow is counted, told to
 * the view and rung once (never again, nor with notify_slow = no); marks,
 * and a bulk untrack of marked tasks undone in one step, marks and all. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "options.h"
#include "tasklist.h"
#include "util.h"

#define T0 1764424000

static int64_t test_clock_now = T0;

static int64_t test_clock(void)
{
	return test_clock_now;
}

struct test_env {
	struct options o;
	struct tasklist *tl;
	struct engine *eng;
	FILE *ring;
	char *rung;
	size_t rung_len;
	size_t slow_told, mark_told, removed, added;
};

static void test_on_changed(void *ctx, struct entry *e, unsigned what)
{
	struct test_env *env = ctx;

	(void)e;
	env->slow_told += !!(what & ENGINE_CH_SLOW);
	env->mark_told += !!(what & ENGINE_CH_MARK);
}

static void test_on_removed(void *ctx, const char *id)
{
	(void)id;
	((struct test_env *)ctx)->removed++;
}

static void test_on_added(void *ctx, struct entry *e)
{
	(void)e;
	((struct test_env *)ctx)->added++;
}

static const struct engine_view test_view = {
	.task_changed = test_on_changed,
	.task_removed = test_on_removed,
	.task_added = test_on_added,
};

static struct task *test_task(const char *id, const char *status, int64_t submit)
{
	struct task *t = task_new(id);

	free(t->status);
	t->status = xstrdup(status);
	t->state = task_state_from_status(status, &t->finished);
	t->submit_time = submit;
	return t;
}

/* n tasks: the first `waiting` QUEUED, the rest SUCCESS. */
static struct test_env *test_env_new(size_t n, size_t waiting, bool notify_slow)
{
	struct test_env *env = xcalloc(1, sizeof(*env));
	struct engine_config ec = { 0 };
	char *err = NULL;
	size_t i;

	test_clock_now = T0;
	options_init(&env->o);
	env->o.bell = true;
	env->o.notify = false;
	env->o.notify_slow = notify_slow;
	env->tl = tasklist_new();
	for (i = 0; i < n; i++) {
		char id[32];

		snprintf(id, sizeof(id), "syn-%06zu", i + 1);
		tasklist_add(env->tl, id, T0 - 10);
		tasklist_update(env->tl, test_task(id, i < waiting ? "QUEUED" : "SUCCESS", T0 - 5), T0);
	}
	env->ring = open_memstream(&env->rung, &env->rung_len);
	ec.o = &env->o;
	ec.tl = env->tl;
	ec.view = &test_view;
	ec.ctx = env;
	ec.notify = true;
	ec.ring = env->ring;
	ec.clock = test_clock;
	env->eng = engine_new(&ec, &err);
	assert_null(err);
	return env;
}

static void test_env_free(struct test_env *env)
{
	engine_free(env->eng);
	fclose(env->ring);
	free(env->rung);
	tasklist_free(env->tl);
	options_free(&env->o);
	free(env);
}

static void test_apply(struct engine *eng, struct task *t)
{
	struct event *ev = event_new(EV_TASK);

	ev->id = xstrdup(t->task_id);
	ev->task = t;
	ev->time = test_clock_now;
	engine_apply(eng, ev);
}

static void test_error(struct engine *eng, const char *id, const char *msg)
{
	struct event *ev = event_new(EV_TASK_ERROR);

	ev->id = xstrdup(id);
	ev->message = xstrdup(msg);
	ev->time = test_clock_now;
	engine_apply(eng, ev);
}

static size_t test_bells(struct test_env *env)
{
	size_t i, n = 0;

	fflush(env->ring);
	for (i = 0; i < env->rung_len; i++)
		n += env->rung[i] == '\a';
	return n;
}

static void test_timeline_recorded(void **state)
{
	struct test_env *env = test_env_new(1, 1, true);
	struct entry *e = tasklist_find(env->tl, "syn-000001");
	const struct timeline *tl;

	(void)state;
	/* Loaded without a timeline: it starts with what is known. */
	assert_int_equal(timeline_count(e->timeline), 2);
	assert_int_equal(e->timeline->ev[0].kind, TIMELINE_ADDED);
	assert_int_equal(e->timeline->ev[0].time, T0 - 10);
	assert_int_equal(e->timeline->ev[1].kind, TIMELINE_STATUS);
	assert_int_equal(e->timeline->ev[1].time, T0);
	test_clock_now = T0 + 20;
	test_apply(env->eng, test_task("syn-000001", "IN_PROGRESS", T0 - 5));
	test_clock_now = T0 + 25;
	test_error(env->eng, "syn-000001", "timed out");
	test_clock_now = T0 + 30;
	test_error(env->eng, "syn-000001", "timed out");      /* the same again: one event */
	test_clock_now = T0 + 40;
	test_apply(env->eng, test_task("syn-000001", "SUCCESS", T0 - 5));
	tl = e->timeline;
	assert_int_equal(timeline_count(tl), 5);
	assert_int_equal(tl->ev[2].kind, TIMELINE_STATUS);
	assert_string_equal(tl->ev[2].text, "IN_PROGRESS");
	assert_int_equal(tl->ev[2].time, T0 + 20);
	assert_int_equal(tl->ev[3].kind, TIMELINE_ERROR);
	assert_int_equal(tl->ev[3].time, T0 + 25);
	assert_string_equal(tl->ev[4].text, "SUCCESS");
	assert_int_equal(tl->ev[4].time, T0 + 40);
	{
		struct engine_add_report r;

		engine_add_text(env->eng, "2a145658-3342-4228-b779-b8323a2b77df", &r);
		e = tasklist_find(env->tl, "2a145658-3342-4228-b779-b8323a2b77df");
		assert_int_equal(timeline_count(e->timeline), 1);
		assert_int_equal(e->timeline->ev[0].kind, TIMELINE_ADDED);
		assert_int_equal(e->timeline->ev[0].time, T0 + 40);
	}
	test_env_free(env);
}

/* Tasks already slow when the dashboard starts (a saved list reopened
 * late) are counted and shown, but ring nothing: no burst of thousands of
 * bells at start. One turning slow afterwards still rings. */
static void test_slow_at_start_not_rung(void **state)
{
	struct test_env *env = test_env_new(50, 40, true);
	const struct engine_counts *c = engine_counts(env->eng);
	struct entry *e = tasklist_find(env->tl, "syn-000050");

	(void)state;
	test_clock_now = T0 + 1000;
	engine_run_due(env->eng);            /* the first look, as engine_start does */
	assert_int_equal(c->slow, 40);
	assert_int_equal(env->slow_told, 40);
	assert_int_equal(test_bells(env), 0);
	assert_int_equal(env->rung_len, 0);
	/* Still slow later: no ring either. */
	test_clock_now = T0 + 5000;
	engine_run_due(env->eng);
	assert_int_equal(test_bells(env), 0);
	/* A finished one polled back to queued turns slow after start: rung. */
	test_apply(env->eng, test_task("syn-000050", "QUEUED", T0 - 5));
	assert_false(e->slow);
	test_clock_now = T0 + 5000 + 601;
	engine_run_due(env->eng);
	assert_true(e->slow);
	assert_int_equal(test_bells(env), 1);
	test_env_free(env);
}

/* Queued since T0 (its answer) with nothing learned: slow after ten minutes, told
 * once, rung once; still slow an hour later without a second ring; no
 * longer slow once it moves on. */
static void test_slow_counted_and_rung_once(void **state)
{
	struct test_env *env = test_env_new(3, 2, true);
	const struct engine_counts *c = engine_counts(env->eng);
	struct entry *e = tasklist_find(env->tl, "syn-000001");
	double due;

	(void)state;
	assert_int_equal(c->slow, 0);
	engine_run_due(env->eng);            /* the first look, as engine_start does */
	assert_int_equal(c->slow, 0);
	due = engine_due(env->eng);
	/* The loop is woken when the first can turn slow, not every second. */
	assert_true(due > now_mono() + 600 - 2 && due < now_mono() + 600 + 2);
	test_clock_now = T0 + 600;
	engine_run_due(env->eng);
	assert_int_equal(c->slow, 0);
	test_clock_now = T0 + 601;
	engine_run_due(env->eng);
	assert_int_equal(c->slow, 2);
	assert_true(e->slow);
	assert_int_equal(env->slow_told, 2);
	assert_int_equal(test_bells(env), 2);
	assert_int_equal(timeline_last(e->timeline, TIMELINE_SLOW)->time, T0 + 601);
	assert_string_equal(timeline_last(e->timeline, TIMELINE_SLOW)->text, "QUEUED");

	test_clock_now = T0 + 3600;
	engine_run_due(env->eng);
	assert_int_equal(test_bells(env), 2);

	/* Moving on to running clears it; turning slow there again does not ring. */
	test_apply(env->eng, test_task("syn-000001", "IN_PROGRESS", T0 - 5));
	assert_false(e->slow);
	assert_int_equal(c->slow, 1);
	test_clock_now = T0 + 3600 + 601;
	engine_run_due(env->eng);
	assert_true(e->slow);
	assert_int_equal(c->slow, 2);
	assert_int_equal(test_bells(env), 2);
	test_apply(env->eng, test_task("syn-000001", "SUCCESS", T0 - 5));
	assert_int_equal(c->slow, 1);
	test_env_free(env);

	/* notify_slow = no: counted, never rung. */
	env = test_env_new(1, 1, false);
	test_clock_now = T0 + 1000;
	engine_run_due(env->eng);
	assert_int_equal(engine_counts(env->eng)->slow, 1);
	assert_int_equal(test_bells(env), 0);
	test_env_free(env);
}

/* What was learned sets the limit: queued typically 20 s, so 60 s (the
 * floor) makes a task slow. */
static void test_slow_uses_learned_stage(void **state)
{
	struct test_env *env = test_env_new(4, 4, true);
	int i;

	(void)state;
	for (i = 1; i <= 3; i++) {
		char id[32];

		snprintf(id, sizeof(id), "syn-%06d", i);
		test_clock_now = T0 + 20;
		test_apply(env->eng, test_task(id, "IN_PROGRESS", T0 - 5));
		test_clock_now = T0 + 30;
		test_apply(env->eng, test_task(id, "SUCCESS", T0 - 5));
	}
	/* The first answers came at T0 + 20: queued at T0 (loaded), left at + 20. */
	assert_true(engine_stage_typical(env->eng, TASK_STAGE_QUEUED) == 20);
	test_clock_now = T0 + 60;
	engine_run_due(env->eng);
	assert_int_equal(engine_counts(env->eng)->slow, 0);
	test_clock_now = T0 + 61;
	engine_run_due(env->eng);
	assert_int_equal(engine_counts(env->eng)->slow, 1);
	test_env_free(env);
}

static void test_marks_and_bulk_undo(void **state)
{
	struct test_env *env = test_env_new(10, 5, true);
	const struct engine_counts *c = engine_counts(env->eng);
	struct entry *shown[3];
	struct engine_undo_report u;
	char *text;
	size_t i;

	(void)state;
	assert_true(engine_mark_toggle(env->eng, "syn-000002"));
	assert_false(engine_mark_toggle(env->eng, "syn-000002"));
	assert_false(engine_mark(env->eng, "not-tracked", true));
	assert_true(engine_mark(env->eng, "syn-000009", true));
	for (i = 0; i < 3; i++)
		shown[i] = tasklist_at(env->tl, 2 * i);       /* 1, 3, 5 */
	engine_mark_all(env->eng, shown, 3);
	assert_int_equal(c->marked, 4);
	assert_int_equal(env->mark_told, 6);
	text = engine_marked_text(env->eng);
	assert_string_equal(text, "syn-000001\nsyn-000003\nsyn-000005\nsyn-000009\n");
	free(text);

	assert_int_equal(engine_untrack_marked(env->eng), 4);
	assert_int_equal(tasklist_count(env->tl), 6);
	assert_int_equal(c->marked, 0);
	assert_int_equal(env->removed, 4);
	assert_int_equal(c->waiting, 2);                      /* 2 and 4 are left */
	engine_undo(env->eng, &u);
	assert_int_equal(u.kind, 1);
	assert_int_equal(u.n, 4);
	assert_int_equal(tasklist_count(env->tl), 10);
	assert_int_equal(c->marked, 4);
	assert_int_equal(c->waiting, 5);
	for (i = 0; i < 10; i++)
		assert_int_equal(tasklist_at(env->tl, i)->seq, i);   /* back where they were */
	engine_marks_clear(env->eng);
	assert_int_equal(c->marked, 0);
	assert_int_equal(tasklist_at(env->tl, 8)->marked, false);
	test_env_free(env);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timeline_recorded),
		cmocka_unit_test(test_slow_counted_and_rung_once),
		cmocka_unit_test(test_slow_at_start_not_rung),
		cmocka_unit_test(test_slow_uses_learned_stage),
		cmocka_unit_test(test_marks_and_bulk_undo),
	};

	return cmocka_run_group_tests_name("engine_watch", tests, NULL, NULL);
}
