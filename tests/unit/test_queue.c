#include "config.h"
/* Unit tests of the worker-to-UI queue: order, the wake pipe, concurrent
 * pushers against a popping reader, and freeing what was never popped. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "queue.h"
#include "task.h"
#include "util.h"

#define TEST_PUSHERS 4
#define TEST_PER_PUSHER 10000

static bool test_readable(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int n = poll(&pfd, 1, 0);

	assert_true(n >= 0);
	return n == 1 && (pfd.revents & POLLIN);
}

static void test_push_pop_order(void **state)
{
	struct queue *q = queue_new();
	struct event *list, *ev;
	int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		ev = event_new(EV_FETCH_BEGIN);
		ev->count = i;
		queue_push(q, ev);
	}
	list = queue_pop_all(q);
	for (ev = list, i = 0; ev; ev = ev->next, i++) {
		assert_int_equal(ev->kind, EV_FETCH_BEGIN);
		assert_int_equal(ev->count, i);
		assert_true(ev->time > 1500000000);
	}
	assert_int_equal(i, 5);
	event_free_list(list);
	/* The list is detached: a second pop finds nothing. */
	assert_null(queue_pop_all(q));

	/* Pushing after a pop starts a new list (the tail was reset). */
	queue_push(q, event_new(EV_ROUND_DONE));
	list = queue_pop_all(q);
	assert_non_null(list);
	assert_int_equal(list->kind, EV_ROUND_DONE);
	assert_null(list->next);
	event_free_list(list);
	queue_free(q);
}

static void test_pop_empty(void **state)
{
	struct queue *q = queue_new();

	(void)state;
	assert_null(queue_pop_all(q));
	assert_false(test_readable(queue_fd(q)));
	queue_drain(q);   /* must not block on an empty pipe */
	queue_free(q);
}

static void test_wake_byte(void **state)
{
	struct queue *q = queue_new();
	struct event *ev;
	char byte = 'x';

	(void)state;
	assert_true(queue_fd(q) >= 0);
	assert_true(queue_wake_fd(q) >= 0);
	assert_int_not_equal(queue_fd(q), queue_wake_fd(q));
	assert_false(test_readable(queue_fd(q)));

	ev = event_new(EV_FETCH_END);
	ev->ok = 1;
	queue_push(q, ev);
	assert_true(test_readable(queue_fd(q)));
	queue_drain(q);
	assert_false(test_readable(queue_fd(q)));
	/* Draining does not lose records. */
	ev = queue_pop_all(q);
	assert_non_null(ev);
	assert_int_equal(ev->ok, 1);
	event_free_list(ev);

	/* A signal handler writes to the wake end directly. */
	assert_int_equal(write(queue_wake_fd(q), &byte, 1), 1);
	assert_true(test_readable(queue_fd(q)));
	queue_drain(q);
	assert_false(test_readable(queue_fd(q)));
	queue_free(q);
}

static void test_full_pipe_never_blocks(void **state)
{
	struct queue *q = queue_new();
	struct event *list, *ev;
	int i, n = 0;

	(void)state;
	/* Far more pushes than a pipe holds bytes: the pusher must not block. */
	for (i = 0; i < 100000; i++)
		queue_push(q, event_new(EV_FETCH_BEGIN));
	assert_true(test_readable(queue_fd(q)));
	queue_drain(q);
	assert_false(test_readable(queue_fd(q)));
	list = queue_pop_all(q);
	for (ev = list; ev; ev = ev->next)
		n++;
	assert_int_equal(n, 100000);
	event_free_list(list);
	queue_free(q);
}

struct test_pusher {
	struct queue *q;
	int which;
};

static void *test_pusher_main(void *arg)
{
	struct test_pusher *tp = arg;
	int i;

	for (i = 0; i < TEST_PER_PUSHER; i++) {
		struct event *ev = event_new(EV_TASK_ERROR);
		ev->attempt = tp->which;
		ev->count = i;
		ev->id = xasprintf("%d-%d", tp->which, i);
		queue_push(tp->q, ev);
	}
	return NULL;
}

static void test_concurrent(void **state)
{
	struct queue *q = queue_new();
	struct test_pusher tp[TEST_PUSHERS];
	pthread_t th[TEST_PUSHERS];
	unsigned char *seen = xcalloc(TEST_PUSHERS * TEST_PER_PUSHER, 1);
	int next[TEST_PUSHERS] = { 0 };
	int i, total = 0;

	(void)state;
	for (i = 0; i < TEST_PUSHERS; i++) {
		tp[i] = (struct test_pusher){ .q = q, .which = i };
		assert_int_equal(pthread_create(&th[i], NULL, test_pusher_main, &tp[i]), 0);
	}
	while (total < TEST_PUSHERS * TEST_PER_PUSHER) {
		struct pollfd pfd = { .fd = queue_fd(q), .events = POLLIN };
		struct event *list, *ev;
		char want[32];

		assert_true(poll(&pfd, 1, 10000) == 1);
		queue_drain(q);
		list = queue_pop_all(q);
		for (ev = list; ev; ev = ev->next) {
			int w = ev->attempt;
			assert_int_equal(ev->kind, EV_TASK_ERROR);
			assert_true(w >= 0 && w < TEST_PUSHERS);
			/* Each pusher's records arrive in its own order. */
			assert_int_equal(ev->count, next[w]);
			next[w]++;
			snprintf(want, sizeof(want), "%d-%d", w, ev->count);
			assert_string_equal(ev->id, want);
			assert_int_equal(seen[w * TEST_PER_PUSHER + ev->count], 0);
			seen[w * TEST_PER_PUSHER + ev->count] = 1;
			total++;
		}
		event_free_list(list);
	}
	for (i = 0; i < TEST_PUSHERS; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(next[i], TEST_PER_PUSHER);
	}
	assert_int_equal(total, TEST_PUSHERS * TEST_PER_PUSHER);
	assert_null(queue_pop_all(q));
	free(seen);
	queue_free(q);
}

static void test_free_pending(void **state)
{
	struct queue *q = queue_new();
	struct event *ev;

	(void)state;
	/* Owned members of unpopped records are freed with the queue; the
	 * leak checkers (valgrind, ASan) make this test fail otherwise. */
	ev = event_new(EV_TASK);
	ev->task = task_new("2a145658-3342-4228-b779-b8323a2b77df");
	queue_push(q, ev);
	ev = event_new(EV_API_ERROR);
	ev->message = xstrdup("HTTP 429");
	ev->id = xstrdup("346c5d10-a4a1-4f49-a851-66a7dae6cfaf");
	queue_push(q, ev);
	queue_free(q);

	/* event_free and event_free_list accept NULL. */
	event_free(NULL);
	event_free_list(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_push_pop_order),
		cmocka_unit_test(test_pop_empty),
		cmocka_unit_test(test_wake_byte),
		cmocka_unit_test(test_full_pipe_never_blocks),
		cmocka_unit_test(test_concurrent),
		cmocka_unit_test(test_free_pending),
	};

	return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}
