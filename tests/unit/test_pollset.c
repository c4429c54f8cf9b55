/* Unit tests for the poller's id table and due heap: lookups across table
 * growth, the heap handing entries out in due order however they were
 * queued and rescheduled, deletion from the middle, and iteration. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "pollset.h"

#define N 5000

static void id_of(char *buf, size_t n, int i)
{
	snprintf(buf, n, "id-%06d", i);
}

/* A scrambled but complete order of 0..N-1 (N and 7919 are coprime). */
static double due_of(int i)
{
	return (double)((i * 7919) % N);
}

static void test_table(void **state)
{
	struct pollset s;
	char id[32];
	int i;

	(void)state;
	pollset_init(&s);
	for (i = 0; i < N; i++) {
		id_of(id, sizeof(id), i);
		assert_null(pollset_find(&s, id));
		pollset_insert(&s, id);
	}
	assert_int_equal(s.n_entries, N);
	assert_true(s.n_buckets >= N);
	for (i = 0; i < N; i++) {
		struct pollset_entry *e;
		id_of(id, sizeof(id), i);
		e = pollset_find(&s, id);
		assert_non_null(e);
		assert_string_equal(e->id, id);
		assert_int_equal(e->heap_pos, POLLSET_NOT_QUEUED);
	}
	assert_null(pollset_find(&s, "id-absent"));
	pollset_free(&s);
}

static void test_heap_order(void **state)
{
	struct pollset s;
	struct pollset_entry *e;
	char id[32];
	double last = -1;
	int i, n = 0;

	(void)state;
	pollset_init(&s);
	assert_null(pollset_first(&s));
	for (i = 0; i < N; i++) {
		id_of(id, sizeof(id), i);
		e = pollset_insert(&s, id);
		e->next_due = due_of(i);
		pollset_queue(&s, e, true);
	}
	/* Reschedule every third one later, drop every fifth from the heap,
	 * delete every seventh outright. */
	for (i = 0; i < N; i++) {
		id_of(id, sizeof(id), i);
		e = pollset_find(&s, id);
		if (i % 7 == 0) {
			pollset_delete(&s, e);
			continue;
		}
		if (i % 3 == 0) {
			e->next_due += N;
			pollset_queue(&s, e, true);
		}
		if (i % 5 == 0)
			pollset_queue(&s, e, false);
	}
	while ((e = pollset_first(&s))) {
		int k = atoi(e->id + 3);
		assert_true(e->next_due >= last);
		assert_true(k % 7 != 0 && k % 5 != 0);
		last = e->next_due;
		pollset_queue(&s, e, false);
		assert_int_equal(e->heap_pos, POLLSET_NOT_QUEUED);
		n++;
	}
	/* Kept: not a multiple of 5 or 7 (4/5 * 6/7 of N, exactly). */
	assert_int_equal(n, N - N / 5 - N / 7 + N / 35);
	pollset_free(&s);
}

static void count_each(struct pollset_entry *e, void *ctx)
{
	(void)e;
	(*(int *)ctx)++;
}

static void test_each(void **state)
{
	struct pollset s;
	char id[32];
	int i, n = 0;

	(void)state;
	pollset_init(&s);
	for (i = 0; i < 300; i++) {
		id_of(id, sizeof(id), i);
		pollset_insert(&s, id);
	}
	pollset_delete(&s, pollset_find(&s, "id-000150"));
	pollset_each(&s, count_each, &n);
	assert_int_equal(n, 299);
	assert_int_equal(s.n_entries, 299);
	pollset_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_heap_order),
		cmocka_unit_test(test_each),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
