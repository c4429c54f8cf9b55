/* Unit tests for the worker -> UI queue: order, wake pipe, and many
 * concurrent pushers against one popper. */
#include "config.h"

#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "queue.h"
#include "util.h"

static bool readable(struct queue *q)
{
	struct pollfd pfd = { .fd = queue_fd(q), .events = POLLIN };

	return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN);
}

static void test_order_and_wake(void **state)
{
	struct queue *q = queue_new();
	struct event *list, *ev;
	int i;

	(void)state;
	assert_null(queue_pop_all(q));
	assert_false(readable(q));
	for (i = 0; i < 3; i++) {
		ev = event_new(EV_TASK_ERROR);
		ev->count = i;
		ev->message = xasprintf("m%d", i);
		queue_push(q, ev);
	}
	assert_true(readable(q));
	queue_drain(q);
	assert_false(readable(q));
	list = queue_pop_all(q);
	for (i = 0, ev = list; ev; ev = ev->next, i++) {
		assert_int_equal(ev->count, i);
		assert_int_equal(ev->kind, EV_TASK_ERROR);
		assert_true(ev->time > 0);
	}
	assert_int_equal(i, 3);
	assert_null(queue_pop_all(q));
	event_free_list(list);
	/* Pending records (with owned tasks) are freed with the queue. */
	ev = event_new(EV_TASK);
	ev->task = task_new("x");
	queue_push(q, ev);
	queue_free(q);
}

#define PUSHERS 4
#define PER_PUSHER 10000

struct pusher {
	struct queue *q;
	int base;
};

static void *pusher_main(void *arg)
{
	struct pusher *pu = arg;
	int i;

	for (i = 0; i < PER_PUSHER; i++) {
		struct event *ev = event_new(EV_FETCH_END);
		ev->count = pu->base + i;
		queue_push(pu->q, ev);
	}
	return NULL;
}

static void test_concurrent(void **state)
{
	struct queue *q = queue_new();
	pthread_t th[PUSHERS];
	struct pusher pu[PUSHERS];
	unsigned char *seen = calloc(PUSHERS * PER_PUSHER, 1);
	int last[PUSHERS];
	size_t got = 0;
	int i;

	(void)state;
	for (i = 0; i < PUSHERS; i++) {
		pu[i].q = q;
		pu[i].base = i * PER_PUSHER;
		last[i] = -1;
		assert_int_equal(pthread_create(&th[i], NULL, pusher_main, &pu[i]), 0);
	}
	while (got < PUSHERS * PER_PUSHER) {
		struct pollfd pfd = { .fd = queue_fd(q), .events = POLLIN };
		struct event *list, *ev;

		assert_true(poll(&pfd, 1, 5000) >= 0);
		queue_drain(q);
		list = queue_pop_all(q);
		for (ev = list; ev; ev = ev->next) {
			int who = ev->count / PER_PUSHER;
			assert_int_equal(seen[ev->count], 0);
			seen[ev->count] = 1;
			/* Each pusher's records arrive in its own order. */
			assert_true(ev->count > last[who]);
			last[who] = ev->count;
			got++;
		}
		event_free_list(list);
	}
	for (i = 0; i < PUSHERS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	assert_int_equal(got, PUSHERS * PER_PUSHER);
	assert_null(queue_pop_all(q));
	free(seen);
	queue_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_wake),
		cmocka_unit_test(test_concurrent),
	};
	return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}
