/* test_engine: the engine without its threads: records applied to the
 * model (change flags, counts, what is kept, when a save is due), edits and
 * their undo, and what the front end is told through its callbacks. */
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

#include "engine.h"
#include "options.h"
#include "store.h"
#include "tasklist.h"
#include "util.h"

#define TEST_TASKS 10000

struct test_env {
	struct options o;
	struct tasklist *tl;
	struct engine *eng;
	char dir[64];
	struct store *store;
	/* what the callbacks saw */
	size_t added, removed, changed;
	unsigned last_what;
	char last_id[64];
};

static struct task *test_task(const char *id, const char *status, int64_t submit)
{
	struct task *t = task_new(id);

	free(t->status);
	t->status = xstrdup(status);
	free(t->action);
	t->action = xstrdup("MUSIC");
	t->state = task_state_from_status(status, &t->finished);
	t->progress = t->finished ? 100 : 0;
	t->submit_time = submit;
	t->n_clips = 1;
	t->clips = xcalloc(1, sizeof(*t->clips));
	t->clips[0].id = xstrdup("clip-1");
	t->clips[0].title = xasprintf("Song %s", id);
	t->clips[0].status = xstrdup(t->finished ? "complete" : "streaming");
	t->clips[0].duration = -1;
	return t;
}

static void test_on_added(void *ctx, struct entry *e)
{
	struct test_env *env = ctx;

	env->added++;
	snprintf(env->last_id, sizeof(env->last_id), "%s", e->id);
}

static void test_on_removed(void *ctx, const char *id)
{
	struct test_env *env = ctx;

	env->removed++;
	snprintf(env->last_id, sizeof(env->last_id), "%s", id);
}

static void test_on_changed(void *ctx, struct entry *e, unsigned what)
{
	struct test_env *env = ctx;

	env->changed++;
	env->last_what = what;
	snprintf(env->last_id, sizeof(env->last_id), "%s", e->id);
}

static const struct engine_view test_view = {
	.task_added = test_on_added,
	.task_changed = test_on_changed,
	.task_removed = test_on_removed,
};

static struct test_env *test_env_new(size_t n, bool keep_all, bool with_store)
{
	struct test_env *env = xcalloc(1, sizeof(*env));
	struct engine_config ec = { 0 };
	int64_t now = now_wall();
	char *err = NULL, *warn = NULL, *path;
	size_t i;

	options_init(&env->o);
	env->o.bell = env->o.notify = false;
	env->tl = tasklist_new();
	for (i = 0; i < n; i++) {
		char id[32];

		snprintf(id, sizeof(id), "syn-%06zu", i + 1);
		tasklist_add(env->tl, id, now - (int64_t)n + (int64_t)i);
		tasklist_update(env->tl, test_task(id, i % 2 ? "IN_PROGRESS" : "SUCCESS",
						   now - 100), now);
	}
	if (with_store) {
		snprintf(env->dir, sizeof(env->dir), "/tmp/test_engine.XXXXXX");
		assert_non_null(mkdtemp(env->dir));
		path = xasprintf("%s/tasks.json", env->dir);
		env->store = store_open(path, &warn, &err);
		free(path);
		assert_non_null(env->store);
		assert_null(warn);
	}
	ec.o = &env->o;
	ec.tl = env->tl;
	ec.store = env->store;
	ec.view = &test_view;
	ec.ctx = env;
	ec.keep_all = keep_all;
	env->eng = engine_new(&ec, &err);
	assert_null(err);
	return env;
}

static void test_env_free(struct test_env *env)
{
	char *cmd;

	engine_free(env->eng);
	if (env->store) {
		store_close(env->store);
		cmd = xasprintf("rm -rf '%s'", env->dir);
		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
	tasklist_free(env->tl);
	options_free(&env->o);
	free(env);
}

static void test_apply_task(struct engine *eng, struct task *t)
{
	struct event *ev = event_new(EV_TASK);

	ev->id = xstrdup(t->task_id);
	ev->task = t;
	ev->time = now_wall();
	engine_apply(eng, ev);
}

/* The state file on disk names id. */
static bool test_saved(struct test_env *env, const char *id)
{
	char *path = xasprintf("%s/tasks.json", env->dir);
	FILE *f = fopen(path, "r");
	char buf[16384];
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	free(path);
	buf[n] = '\0';
	return strstr(buf, id) != NULL;
}

static void test_unchanged_answer_saves_nothing(void **state)
{
	struct test_env *env = test_env_new(TEST_TASKS, false, false);
	struct entry *e = tasklist_find(env->tl, "syn-000002");
	const struct engine_counts *c = engine_counts(env->eng);
	const struct task *before;
	size_t active;

	(void)state;
	assert_non_null(e);
	before = e->task;
	active = c->active;
	assert_int_equal(active, TEST_TASKS / 2);

	/* The same data again: the task is kept, nothing is to be saved. */
	test_apply_task(env->eng, test_task("syn-000002", "IN_PROGRESS", e->task->submit_time));
	assert_ptr_equal(e->task, before);
	assert_false(engine_save_pending(env->eng));
	assert_int_equal(c->active, active);
	assert_int_equal(env->last_what, ENGINE_CH_ANSWER);

	/* A real change: replaced, counted, and saved after a while. */
	test_apply_task(env->eng, test_task("syn-000002", "SUCCESS", e->task->submit_time));
	assert_ptr_not_equal(e->task, before);
	assert_string_equal(e->task->status, "SUCCESS");
	assert_true(engine_save_pending(env->eng));
	assert_true(engine_due(env->eng) > now_mono() + 5);
	assert_int_equal(c->active, active - 1);
	assert_int_equal(c->done, TEST_TASKS / 2 + 1);
	assert_true(env->last_what & ENGINE_CH_SHOWN);
	assert_true(env->last_what & ENGINE_CH_STATUS);
	assert_true(env->last_what & ENGINE_CH_FINISHED);

	/* What the dashboard neither shows nor saves is not kept. */
	{
		struct task *t = test_task("syn-000004", "IN_PROGRESS", 1);

		t->clips[0].prompt = xstrdup("[Verse] a long lyrics prompt");
		t->clips[0].image_large_url = xstrdup("https://example.invalid/large.png");
		test_apply_task(env->eng, t);
		e = tasklist_find(env->tl, "syn-000004");
		assert_null(e->task->clips[0].prompt);
		assert_null(e->task->clips[0].image_large_url);
		assert_string_equal(e->task->clips[0].title, "Song syn-000004");
		assert_int_equal(e->task->submit_time, 1);
	}
	test_env_free(env);
}

/* Scripts print --json: every field of the answer stays. */
static void test_keep_all_keeps_every_field(void **state)
{
	struct test_env *env = test_env_new(4, true, false);
	struct task *t = test_task("syn-000002", "IN_PROGRESS", 1);
	struct entry *e;

	(void)state;
	t->clips[0].prompt = xstrdup("[Verse] a long lyrics prompt");
	test_apply_task(env->eng, t);
	e = tasklist_find(env->tl, "syn-000002");
	assert_string_equal(e->task->clips[0].prompt, "[Verse] a long lyrics prompt");
	/* The same answer again is no change, a different prompt is one. */
	t = test_task("syn-000002", "IN_PROGRESS", 1);
	t->clips[0].prompt = xstrdup("[Verse] a long lyrics prompt");
	test_apply_task(env->eng, t);
	assert_int_equal(env->last_what, ENGINE_CH_ANSWER);
	test_env_free(env);
}

/* Seen finished at load: finishing again rings nothing. */
static void test_finished_only_when_seen_unfinished(void **state)
{
	struct test_env *env = test_env_new(4, false, false);

	(void)state;
	test_apply_task(env->eng, test_task("syn-000001", "SUCCESS", 5));
	assert_false(env->last_what & ENGINE_CH_FINISHED);
	test_apply_task(env->eng, test_task("syn-000002", "FAILURE", 5));
	assert_true(env->last_what & ENGINE_CH_FINISHED);
	assert_int_equal(engine_counts(env->eng)->failed, 1);
	test_env_free(env);
}

static void test_edits_are_saved_by_the_timer(void **state)
{
	const char *id1 = "2a145658-3342-4228-b779-b8323a2b77df";
	const char *id2 = "346c5d10-a4a1-4f49-a851-66a7dae6cfaf";
	struct test_env *env = test_env_new(2, false, true);
	struct engine_add_report r;
	const char *ids[3] = { id1, "syn-000001", "not-tracked" };

	(void)state;
	engine_add_text(env->eng, "2a145658-3342-4228-b779-b8323a2b77df, bad/id\n"
			"346c5d10-a4a1-4f49-a851-66a7dae6cfaf syn-000001", &r);
	assert_int_equal(r.added, 2);
	assert_int_equal(r.dup, 1);
	assert_int_equal(r.invalid, 1);
	assert_string_equal(r.bad, "bad/id");
	assert_string_equal(r.last, id2);
	assert_int_equal(env->added, 2);
	assert_int_equal(tasklist_count(env->tl), 4);
	assert_int_equal(engine_counts(env->eng)->active, 3);
	/* Not written by the edit itself: by the loop's timer, right after. */
	assert_true(engine_save_pending(env->eng));
	assert_false(test_saved(env, id1));
	engine_run_due(env->eng);
	assert_false(engine_save_pending(env->eng));
	assert_true(test_saved(env, id1));
	assert_true(test_saved(env, id2));

	/* Untrack two (and one that is not tracked) as one step. */
	assert_int_equal(engine_untrack(env->eng, ids, 3), 2);
	assert_int_equal(env->removed, 2);
	assert_int_equal(tasklist_count(env->tl), 2);
	engine_run_due(env->eng);
	assert_false(test_saved(env, id1));
	assert_true(test_saved(env, id2));

	/* Undo brings both back, with what they knew. */
	{
		struct engine_undo_report u;

		engine_undo(env->eng, &u);
		assert_int_equal(u.kind, 1);
		assert_int_equal(u.n, 2);
		assert_string_equal(u.first, id1);
		assert_int_equal(tasklist_count(env->tl), 4);
		assert_non_null(tasklist_find(env->tl, "syn-000001")->task);
		engine_run_due(env->eng);
		assert_true(test_saved(env, id1));

		/* The next undo takes back the add. */
		engine_undo(env->eng, &u);
		assert_int_equal(u.kind, 2);
		assert_int_equal(u.n, 2);
		assert_null(tasklist_find(env->tl, id1));
		assert_null(tasklist_find(env->tl, id2));
		assert_int_equal(tasklist_count(env->tl), 2);
		assert_int_equal(engine_counts(env->eng)->active, 1);
		engine_run_due(env->eng);
		assert_false(test_saved(env, id2));

		engine_undo(env->eng, &u);
		assert_int_equal(u.kind, 0);
	}
	test_env_free(env);
}

static void test_errors_and_link(void **state)
{
	struct test_env *env = test_env_new(2, false, false);
	const struct engine_conn *c = engine_connection(env->eng);
	struct event *ev;

	(void)state;
	ev = event_new(EV_TASK_ERROR);
	ev->id = xstrdup("syn-000002");
	ev->message = xstrdup("boom");
	engine_apply(env->eng, ev);
	assert_int_equal(env->last_what, ENGINE_CH_ERROR);
	assert_string_equal(tasklist_find(env->tl, "syn-000002")->error, "boom");

	ev = event_new(EV_KEY_REJECTED);
	ev->message = xstrdup("invalid key");
	engine_apply(env->eng, ev);
	assert_int_equal(c->link, ENGINE_LINK_KEY);
	assert_string_equal(c->link_message, "invalid key");
	/* A round that answered nothing keeps the key banner... */
	ev = event_new(EV_FETCH_BEGIN);
	ev->next = event_new(EV_FETCH_END);
	ev->next->ok = 1;
	engine_apply(env->eng, ev);
	assert_int_equal(c->link, ENGINE_LINK_KEY);
	/* ...one with an answer lifts it. */
	ev = event_new(EV_FETCH_BEGIN);
	ev->next = event_new(EV_TASK);
	ev->next->task = test_task("syn-000001", "SUCCESS", 5);
	ev->next->next = event_new(EV_FETCH_END);
	ev->next->next->ok = 1;
	engine_apply(env->eng, ev);
	assert_int_equal(c->link, ENGINE_LINK_OK);
	assert_true(c->last_ok > 0);
	assert_false(c->inflight);
	test_env_free(env);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unchanged_answer_saves_nothing),
		cmocka_unit_test(test_keep_all_keeps_every_field),
		cmocka_unit_test(test_finished_only_when_seen_unfinished),
		cmocka_unit_test(test_edits_are_saved_by_the_timer),
		cmocka_unit_test(test_errors_and_link),
	};

	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
