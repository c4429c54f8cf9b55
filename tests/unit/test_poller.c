/* Unit tests of the poller, the real worker thread driven through a fake
 * fetch and a fake clock (struct poller_io): due times, backoff,
 * Retry-After, pause and resume, refresh while paused, a key change, an id
 * removed in the middle of a round, and the end of a --once run. Nothing
 * sleeps: the test moves the clock and answers the fetches, and waits
 * (bounded) until the worker is parked again in its wait or in a fetch
 * with no wake-up pending. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "poller.h"
#include "queue.h"
#include "task.h"
#include "util.h"

#define TEST_INTERVAL 5
#define TEST_IDLE 3600.0            /* the worker's sleep with nothing due */
#define TEST_SETTLE 0.05            /* its pause after an add */
#define TEST_JITTER 0.5             /* what the fake rand01 always says */
#define TEST_PARK_SECS 10           /* real time: a worker that never parks is a failure */

enum fake_state { FAKE_RUNNING, FAKE_WAITING, FAKE_FETCHING };

/* How the fake answers one id of a round. */
struct fake_answer {
	const char *id;
	enum reply_class cls;
	long http_status;
	double retry_after;          /* < 0: none */
	const char *status;          /* REPLY_OK: the task's status */
};

/* Every field under lock; the worker and the test both use it. */
struct fake {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	double now;                  /* the clock the poller reads */
	enum fake_state state;
	unsigned parks;              /* times the worker parked (wait or fetch) */
	unsigned seen;               /* the test has looked at parks up to here */
	bool woken;                  /* a wake-up no wait or fetch has taken yet */
	double wait_for;             /* the parked wait's length */
	char ids[256];               /* the parked fetch's ids, sorted, space-separated */
	const struct fake_answer *answer;
	size_t n_answer;
	bool answered;
	char key[32];                /* the last key handed over */
	unsigned n_keys;
};

/* What the test sees of a parked worker. */
struct fake_view {
	enum fake_state state;
	double wait_for;
	char ids[256];
	char key[32];
	unsigned n_keys;
};

static void fake_lock(struct fake *f)
{
	assert_int_equal(pthread_mutex_lock(&f->lock), 0);
}

static void fake_unlock(struct fake *f)
{
	assert_int_equal(pthread_mutex_unlock(&f->lock), 0);
}

static int fake_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void fake_join_ids(struct fake *f, const char *const *ids, size_t n)
{
	const char **sorted = xmalloc((n ? n : 1) * sizeof(*sorted));
	size_t i;

	memcpy(sorted, ids, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), fake_cmp);
	f->ids[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strncat(f->ids, " ", sizeof(f->ids) - strlen(f->ids) - 1);
		strncat(f->ids, sorted[i], sizeof(f->ids) - strlen(f->ids) - 1);
	}
	free(sorted);
}

static struct task *fake_task(const struct fake_answer *a)
{
	struct task *t;

	if (a->cls == REPLY_NOT_FOUND)
		return task_new_not_found(a->id, NULL);
	t = task_new(a->id);
	free(t->status);
	t->status = xstrdup(a->status ? a->status : "IN_PROGRESS");
	t->state = task_state_from_status(t->status, &t->finished);
	return t;
}

/* The worker's fetch: parks until the test answers (or a stop aborts). */
static size_t fake_fetch(void *ctx, const char *const *ids, size_t n,
			 api_outcome_fn fn, api_abort_fn abort_fn, void *fn_ctx)
{
	struct fake *f = ctx;
	const struct fake_answer *answer;
	size_t i, n_answer;

	fake_lock(f);
	fake_join_ids(f, ids, n);
	f->state = FAKE_FETCHING;
	f->parks++;
	pthread_cond_broadcast(&f->cond);
	while (!f->answered) {
		if (f->woken) {
			/* Like the real client: a wake-up makes the round ask
			 * whether to give up (only a stop does). The poller's
			 * lock is taken there: never under ours. */
			f->woken = false;
			fake_unlock(f);
			if (abort_fn(fn_ctx)) {
				fake_lock(f);
				f->state = FAKE_RUNNING;
				fake_unlock(f);
				return 0;
			}
			fake_lock(f);
			pthread_cond_broadcast(&f->cond);
			continue;
		}
		pthread_cond_wait(&f->cond, &f->lock);
	}
	f->answered = false;
	answer = f->answer;
	n_answer = f->n_answer;
	f->state = FAKE_RUNNING;
	fake_unlock(f);

	for (i = 0; i < n_answer; i++) {
		struct api_outcome o = {
			.id = answer[i].id,
			.cls = answer[i].cls,
			.http_status = answer[i].http_status,
			.retry_after = answer[i].retry_after,
		};

		if (o.cls == REPLY_OK || o.cls == REPLY_NOT_FOUND)
			o.task = fake_task(&answer[i]);
		fn(fn_ctx, &o);
		task_free(o.task);
	}
	return n_answer;
}

/* The worker's sleep: parks until the clock reaches its end or a wake-up.
 * A wait too short to matter passes at once, moving the clock: it only
 * absorbs the rounding of `due - now`. */
static void fake_wait(void *ctx, double seconds)
{
	struct fake *f = ctx;
	double deadline;

	fake_lock(f);
	if (f->woken) {
		f->woken = false;
		fake_unlock(f);
		return;
	}
	if (seconds < 1e-6) {
		/* At least one step of the clock, or a wait shorter than
		 * its resolution would never end. */
		f->now = fmax(f->now + seconds, nextafter(f->now, INFINITY));
		fake_unlock(f);
		return;
	}
	deadline = f->now + seconds;
	f->wait_for = seconds;
	f->state = FAKE_WAITING;
	f->parks++;
	pthread_cond_broadcast(&f->cond);
	/* The end as the worker computed it may lie an ulp beyond the
	 * clock the test moved to it. */
	while (!f->woken && f->now < deadline - 1e-9)
		pthread_cond_wait(&f->cond, &f->lock);
	f->woken = false;
	f->state = FAKE_RUNNING;
	pthread_cond_broadcast(&f->cond);
	fake_unlock(f);
}

static void fake_wakeup(void *ctx)
{
	struct fake *f = ctx;

	fake_lock(f);
	f->woken = true;
	pthread_cond_broadcast(&f->cond);
	fake_unlock(f);
}

static void fake_set_key(void *ctx, const char *key)
{
	struct fake *f = ctx;

	fake_lock(f);
	snprintf(f->key, sizeof(f->key), "%s", key);
	f->n_keys++;
	fake_unlock(f);
}

static double fake_now(void *ctx)
{
	struct fake *f = ctx;
	double now;

	fake_lock(f);
	now = f->now;
	fake_unlock(f);
	return now;
}

static double fake_rand01(void *ctx)
{
	(void)ctx;
	return TEST_JITTER;
}

/* Until the worker has parked again since the last look, with no wake-up
 * left to take: every command made before is then seen. */
static struct fake_view fake_park(struct fake *f)
{
	struct fake_view v;
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += TEST_PARK_SECS;
	fake_lock(f);
	while (!(f->parks > f->seen && f->state != FAKE_RUNNING && !f->woken)) {
		int rc = pthread_cond_timedwait(&f->cond, &f->lock, &until);

		if (rc == ETIMEDOUT) {
			fake_unlock(f);
			fail_msg("the worker did not park within %d s", TEST_PARK_SECS);
		}
	}
	f->seen = f->parks;
	v.state = f->state;
	v.wait_for = f->wait_for;
	memcpy(v.ids, f->ids, sizeof(v.ids));
	memcpy(v.key, f->key, sizeof(v.key));
	v.n_keys = f->n_keys;
	fake_unlock(f);
	return v;
}

/* Move the clock; a wait that ends by then returns. */
static void fake_advance(struct fake *f, double seconds)
{
	fake_lock(f);
	f->now += seconds;
	pthread_cond_broadcast(&f->cond);
	fake_unlock(f);
}

/* Answer the parked fetch (the array must live until the next park). */
static void fake_reply(struct fake *f, const struct fake_answer *a, size_t n)
{
	fake_lock(f);
	assert_int_equal(f->state, FAKE_FETCHING);
	f->answer = a;
	f->n_answer = n;
	f->answered = true;
	pthread_cond_broadcast(&f->cond);
	fake_unlock(f);
}

struct harness {
	struct fake fake;
	struct queue *queue;
	struct poller *poller;
};

static int test_setup_mode(void **state, bool once)
{
	struct harness *h = xcalloc(1, sizeof(*h));
	struct poller_config cfg = { 0 };

	pthread_mutex_init(&h->fake.lock, NULL);
	pthread_cond_init(&h->fake.cond, NULL);
	h->fake.now = 1000;
	h->queue = queue_new();
	cfg.queue = h->queue;
	cfg.interval = TEST_INTERVAL;
	cfg.once = once;
	cfg.max_attempts = 3;
	cfg.io = (struct poller_io){
		.fetch = fake_fetch, .wait = fake_wait, .wakeup = fake_wakeup,
		.set_key = fake_set_key, .now = fake_now, .rand01 = fake_rand01,
		.ctx = &h->fake,
	};
	h->poller = poller_start(&cfg);
	*state = h;
	return 0;
}

static int test_setup(void **state)
{
	return test_setup_mode(state, false);
}

static int test_setup_once(void **state)
{
	return test_setup_mode(state, true);
}

static int test_teardown(void **state)
{
	struct harness *h = *state;

	poller_stop(h->poller);
	event_free_list(queue_pop_all(h->queue));
	queue_free(h->queue);
	pthread_cond_destroy(&h->fake.cond);
	pthread_mutex_destroy(&h->fake.lock);
	free(h);
	return 0;
}

#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-6)

/* The parked worker waits `secs`. */
static void test_waits(struct harness *h, double secs)
{
	struct fake_view v = fake_park(&h->fake);

	assert_int_equal(v.state, FAKE_WAITING);
	if (fabs(v.wait_for - secs) >= 1e-6)
		fail_msg("waits %.6f s, not %.6f s", v.wait_for, secs);
}

/* The parked worker fetches exactly ids (sorted, space-separated). */
static void test_fetches(struct harness *h, const char *ids)
{
	struct fake_view v = fake_park(&h->fake);

	assert_int_equal(v.state, FAKE_FETCHING);
	assert_string_equal(v.ids, ids);
}

/* Let the parked wait run out. */
static void test_pass(struct harness *h, double secs)
{
	fake_advance(&h->fake, secs);
}

/* Records posted so far: counts by kind, and the ids of EV_TASK ones. */
struct test_events {
	int n[EV_DOWNLOAD + 1];
	char tasks[128];
	double retry_in;
	int attempt;
};

static struct test_events test_take_events(struct harness *h)
{
	struct test_events te;
	struct event *list = queue_pop_all(h->queue), *ev;

	memset(&te, 0, sizeof(te));
	for (ev = list; ev; ev = ev->next) {
		te.n[ev->kind]++;
		if (ev->kind == EV_TASK) {
			if (te.tasks[0])
				strncat(te.tasks, " ", sizeof(te.tasks) - strlen(te.tasks) - 1);
			strncat(te.tasks, ev->task->task_id, sizeof(te.tasks) - strlen(te.tasks) - 1);
		}
		if (ev->kind == EV_API_ERROR) {
			te.retry_in = ev->retry_in;
			te.attempt = ev->attempt;
		}
	}
	event_free_list(list);
	return te;
}

static void test_start(struct harness *h)
{
	/* Nothing tracked: the worker sleeps until a command. */
	test_waits(h, TEST_IDLE);
	assert_true(poller_next_in(h->poller) < 0);
}

/* Adds the ids as unfinished and lets the burst settle into one round. */
static void test_add_and_settle(struct harness *h, const char *const *ids, const char *joined)
{
	size_t i;

	for (i = 0; ids[i]; i++)
		poller_add(h->poller, ids[i], false);
	test_waits(h, TEST_SETTLE);
	test_pass(h, TEST_SETTLE);
	test_fetches(h, joined);
}

static const char *const test_ab[] = { "aaaaaaaa", "bbbbbbbb", NULL };
static const char *const test_a[] = { "aaaaaaaa", NULL };
/* Both ids answered as running. */
static const struct fake_answer both[] = {
	{ "aaaaaaaa", REPLY_OK, 200, -1, "IN_PROGRESS" },
	{ "bbbbbbbb", REPLY_OK, 200, -1, "IN_PROGRESS" },
};

static void test_due_times(void **state)
{
	struct harness *h = *state;
	static const struct fake_answer running[] = { { "aaaaaaaa", REPLY_OK, 200, -1, "IN_PROGRESS" } };
	static const struct fake_answer done[] = { { "aaaaaaaa", REPLY_OK, 200, -1, "SUCCESS" } };
	static const struct fake_answer b_done[] = { { "bbbbbbbb", REPLY_OK, 200, -1, "SUCCESS" } };
	struct test_events te;

	test_start(h);
	/* An unfinished id is fetched at once (after the settle), a finished
	 * one not at all. */
	poller_add(h->poller, "bbbbbbbb", true);
	test_add_and_settle(h, test_a, "aaaaaaaa");
	fake_reply(&h->fake, running, 1);
	/* Unfinished: due again one interval after the round began. */
	test_waits(h, TEST_INTERVAL);
	te = test_take_events(h);
	assert_int_equal(te.n[EV_FETCH_BEGIN], 1);
	assert_int_equal(te.n[EV_FETCH_END], 1);
	assert_string_equal(te.tasks, "aaaaaaaa");
	assert_int_equal(te.n[EV_API_ERROR], 0);
	assert_near(poller_next_in(h->poller), TEST_INTERVAL);
	test_pass(h, 4);
	assert_near(poller_next_in(h->poller), 1);
	test_pass(h, 1);
	test_fetches(h, "aaaaaaaa");
	fake_reply(&h->fake, done, 1);
	/* Finished: never polled again, nothing is due. */
	test_waits(h, TEST_IDLE);
	assert_true(poller_next_in(h->poller) < 0);
	te = test_take_events(h);
	assert_string_equal(te.tasks, "aaaaaaaa");
	/* ... unless refreshed: once, finished or not. */
	poller_refresh(h->poller, "bbbbbbbb");
	test_fetches(h, "bbbbbbbb");
	fake_reply(&h->fake, b_done, 1);
	test_waits(h, TEST_IDLE);
	poller_refresh(h->poller, NULL);
	test_fetches(h, "aaaaaaaa bbbbbbbb");
	fake_reply(&h->fake, (const struct fake_answer[]){ done[0], b_done[0] }, 2);
	test_waits(h, TEST_IDLE);
}

static void test_backoff(void **state)
{
	struct harness *h = *state;
	static const struct fake_answer busy[] = { { "aaaaaaaa", REPLY_RETRY, 503, -1, NULL } };
	static const struct fake_answer fine[] = { { "aaaaaaaa", REPLY_OK, 200, -1, "IN_PROGRESS" } };
	static const double delay[] = { 2, 4, 8, 16, 30, 30 };   /* min(30, 2^n), plus jitter */
	struct test_events te;
	size_t i;

	test_start(h);
	test_add_and_settle(h, test_a, "aaaaaaaa");
	for (i = 0; i < sizeof(delay) / sizeof(delay[0]); i++) {
		fake_reply(&h->fake, busy, 1);
		test_waits(h, delay[i] + TEST_JITTER);
		te = test_take_events(h);
		assert_int_equal(te.n[EV_API_ERROR], 1);
		assert_int_equal(te.attempt, (int)i + 1);
		assert_near(te.retry_in, delay[i] + TEST_JITTER);
		assert_int_equal(te.n[EV_TASK], 0);
		test_pass(h, delay[i] + TEST_JITTER);
		test_fetches(h, "aaaaaaaa");
	}
	/* An answer ends the backoff: the interval again, no error. */
	fake_reply(&h->fake, fine, 1);
	test_waits(h, TEST_INTERVAL);
	te = test_take_events(h);
	assert_int_equal(te.n[EV_API_ERROR], 0);
	assert_string_equal(te.tasks, "aaaaaaaa");
	test_pass(h, TEST_INTERVAL);
	test_fetches(h, "aaaaaaaa");
	fake_reply(&h->fake, busy, 1);
	test_waits(h, delay[0] + TEST_JITTER);
}

static void test_retry_after(void **state)
{
	struct harness *h = *state;
	static const struct fake_answer limited[] = {
		{ "aaaaaaaa", REPLY_RETRY, 429, 7, NULL },
		{ "bbbbbbbb", REPLY_OK, 200, -1, "IN_PROGRESS" },
	};
	static const struct fake_answer zero[] = {
		{ "aaaaaaaa", REPLY_RETRY, 429, 0, NULL },
		{ "bbbbbbbb", REPLY_OK, 200, -1, "IN_PROGRESS" },
	};
	struct test_events te;

	test_start(h);
	test_add_and_settle(h, test_ab, "aaaaaaaa bbbbbbbb");
	fake_reply(&h->fake, limited, 2);
	/* The limit is the key's, not the id's: b (due in 5 s) waits for it too. */
	test_waits(h, 7);
	te = test_take_events(h);
	assert_int_equal(te.n[EV_API_ERROR], 1);
	assert_near(te.retry_in, 7);
	assert_string_equal(te.tasks, "bbbbbbbb");
	assert_near(poller_next_in(h->poller), 7);
	test_pass(h, 7);
	test_fetches(h, "aaaaaaaa bbbbbbbb");
	/* Retry-After: 0 is not a busy loop: one second at least. */
	fake_reply(&h->fake, zero, 2);
	test_waits(h, 1);
	test_pass(h, 1);
	test_fetches(h, "aaaaaaaa");
}

static void test_pause_resume(void **state)
{
	struct harness *h = *state;
	static const struct fake_answer running[] = { { "aaaaaaaa", REPLY_OK, 200, -1, "IN_PROGRESS" } };

	test_start(h);
	test_add_and_settle(h, test_a, "aaaaaaaa");
	fake_reply(&h->fake, running, 1);
	test_waits(h, TEST_INTERVAL);
	poller_pause(h->poller, true);
	/* Paused: no deadline, however long. */
	test_waits(h, TEST_IDLE);
	assert_true(poller_next_in(h->poller) < 0);
	test_pass(h, 60);
	assert_true(poller_next_in(h->poller) < 0);
	/* Resumed: what fell due meanwhile goes out at once. */
	poller_pause(h->poller, false);
	test_fetches(h, "aaaaaaaa");
	fake_reply(&h->fake, running, 1);
	test_waits(h, TEST_INTERVAL);
	/* An add while paused waits for the resume too. */
	poller_pause(h->poller, true);
	test_waits(h, TEST_IDLE);
	poller_add(h->poller, "cccccccc", false);
	test_waits(h, TEST_SETTLE);
	test_pass(h, TEST_SETTLE);
	test_waits(h, TEST_IDLE);
	poller_pause(h->poller, false);
	test_fetches(h, "cccccccc");
	fake_reply(&h->fake, (const struct fake_answer[]){ { "cccccccc", REPLY_OK, 200, -1, "SUCCESS" } }, 1);
	test_waits(h, TEST_INTERVAL - TEST_SETTLE);
}

static void test_refresh_while_paused(void **state)
{
	struct harness *h = *state;
	struct test_events te;

	test_start(h);
	test_add_and_settle(h, test_ab, "aaaaaaaa bbbbbbbb");
	fake_reply(&h->fake, both, 2);
	test_waits(h, TEST_INTERVAL);
	poller_pause(h->poller, true);
	test_waits(h, TEST_IDLE);
	test_take_events(h);
	/* r while paused: that one id, once; polling stays paused. */
	poller_refresh(h->poller, "aaaaaaaa");
	test_fetches(h, "aaaaaaaa");
	fake_reply(&h->fake, both, 1);
	test_waits(h, TEST_IDLE);
	te = test_take_events(h);
	assert_string_equal(te.tasks, "aaaaaaaa");
	test_pass(h, 60);
	assert_true(poller_next_in(h->poller) < 0);
	/* R while paused: every id, once. */
	poller_refresh(h->poller, NULL);
	test_fetches(h, "aaaaaaaa bbbbbbbb");
	fake_reply(&h->fake, both, 2);
	test_waits(h, TEST_IDLE);
	te = test_take_events(h);
	assert_string_equal(te.tasks, "aaaaaaaa bbbbbbbb");
	/* Resumed: the regular schedule, an interval after that round. */
	poller_pause(h->poller, false);
	test_waits(h, TEST_INTERVAL);
}

static void test_key_change(void **state)
{
	struct harness *h = *state;
	static const struct fake_answer rejected[] = { { "aaaaaaaa", REPLY_KEY_REJECTED, 401, -1, NULL } };
	static const struct fake_answer running[] = { { "aaaaaaaa", REPLY_OK, 200, -1, "IN_PROGRESS" } };
	struct fake_view v;
	struct test_events te;

	test_start(h);
	test_add_and_settle(h, test_a, "aaaaaaaa");
	/* A rejected key pauses polling and says so once. */
	fake_reply(&h->fake, rejected, 1);
	test_waits(h, TEST_IDLE);
	te = test_take_events(h);
	assert_int_equal(te.n[EV_KEY_REJECTED], 1);
	assert_true(poller_next_in(h->poller) < 0);
	/* A new key goes to the client between rounds; a refresh lifts the
	 * pause and the id goes out with it. */
	poller_set_key(h->poller, xstrdup("second-key"));
	v = fake_park(&h->fake);
	assert_int_equal(v.state, FAKE_WAITING);
	assert_int_equal(v.n_keys, 1);
	assert_string_equal(v.key, "second-key");
	poller_refresh(h->poller, NULL);
	test_fetches(h, "aaaaaaaa");
	fake_reply(&h->fake, running, 1);
	test_waits(h, TEST_INTERVAL);
	te = test_take_events(h);
	assert_int_equal(te.n[EV_KEY_REJECTED], 0);
	assert_string_equal(te.tasks, "aaaaaaaa");

	/* A key handed over while a round runs makes its 401s old news: no
	 * pause, and the id goes out again at once with the new key. */
	test_pass(h, TEST_INTERVAL);
	test_fetches(h, "aaaaaaaa");
	poller_set_key(h->poller, xstrdup("third-key"));
	fake_reply(&h->fake, rejected, 1);
	v = fake_park(&h->fake);
	assert_int_equal(v.state, FAKE_FETCHING);
	assert_string_equal(v.ids, "aaaaaaaa");
	assert_int_equal(v.n_keys, 2);
	assert_string_equal(v.key, "third-key");
	te = test_take_events(h);
	assert_int_equal(te.n[EV_KEY_REJECTED], 0);
	fake_reply(&h->fake, running, 1);
	test_waits(h, TEST_INTERVAL);
}

static void test_removed_mid_round(void **state)
{
	struct harness *h = *state;
	struct test_events te;

	test_start(h);
	test_add_and_settle(h, test_ab, "aaaaaaaa bbbbbbbb");
	/* a is untracked while its fetch is out: its answer is dropped and
	 * it is never asked for again. */
	poller_remove(h->poller, "aaaaaaaa");
	fake_reply(&h->fake, both, 2);
	test_waits(h, TEST_INTERVAL);
	te = test_take_events(h);
	assert_string_equal(te.tasks, "bbbbbbbb");
	poller_refresh(h->poller, NULL);
	test_fetches(h, "bbbbbbbb");
	fake_reply(&h->fake, both + 1, 1);
	test_waits(h, TEST_INTERVAL);
	te = test_take_events(h);
	assert_string_equal(te.tasks, "bbbbbbbb");

	/* Untracked and tracked again within one round: the answer counts. */
	test_pass(h, TEST_INTERVAL);
	test_fetches(h, "bbbbbbbb");
	poller_remove(h->poller, "bbbbbbbb");
	poller_add(h->poller, "bbbbbbbb", false);
	fake_reply(&h->fake, both + 1, 1);
	test_waits(h, TEST_SETTLE);
	te = test_take_events(h);
	assert_string_equal(te.tasks, "bbbbbbbb");
	test_pass(h, TEST_SETTLE);
	test_waits(h, TEST_INTERVAL - TEST_SETTLE);
}

/* --once: every id until it has a final answer, giving up after
 * max_attempts failed tries, then EV_ROUND_DONE once and nothing more. */
static void test_once(void **state)
{
	struct harness *h = *state;
	static const struct fake_answer first[] = {
		{ "aaaaaaaa", REPLY_OK, 200, -1, "IN_PROGRESS" },
		{ "bbbbbbbb", REPLY_RETRY, 502, -1, NULL },
	};
	static const struct fake_answer busy[] = { { "bbbbbbbb", REPLY_RETRY, 502, -1, NULL } };
	struct test_events te;

	test_start(h);
	test_add_and_settle(h, test_ab, "aaaaaaaa bbbbbbbb");
	/* An unfinished answer is final for --once: a is not asked again. */
	fake_reply(&h->fake, first, 2);
	test_waits(h, 2 + TEST_JITTER);
	te = test_take_events(h);
	assert_string_equal(te.tasks, "aaaaaaaa");
	assert_int_equal(te.n[EV_ROUND_DONE], 0);
	test_pass(h, 2 + TEST_JITTER);
	test_fetches(h, "bbbbbbbb");
	fake_reply(&h->fake, busy, 1);
	test_waits(h, 4 + TEST_JITTER);
	test_pass(h, 4 + TEST_JITTER);
	test_fetches(h, "bbbbbbbb");
	/* The third failed try is the last: b is given up, the run is done. */
	fake_reply(&h->fake, busy, 1);
	test_waits(h, TEST_IDLE);
	te = test_take_events(h);
	assert_int_equal(te.n[EV_GAVE_UP], 1);
	assert_int_equal(te.n[EV_ROUND_DONE], 1);
	assert_int_equal(te.n[EV_TASK], 0);
	assert_true(poller_next_in(h->poller) < 0);
	/* Done is done: a refresh does not start another run. */
	poller_refresh(h->poller, NULL);
	test_waits(h, TEST_IDLE);
	te = test_take_events(h);
	assert_int_equal(te.n[EV_ROUND_DONE], 0);
	assert_int_equal(te.n[EV_FETCH_BEGIN], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_due_times, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_backoff, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_retry_after, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_pause_resume, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_refresh_while_paused, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_key_change, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_removed_mid_round, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_once, test_setup_once, test_teardown),
	};

	return cmocka_run_group_tests_name("poller", tests, NULL, NULL);
}
