/* test_tasklist: the tracked-id list: order, hash lookups, undo, updates,
 * and 100,000 entries. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "task.h"
#include "tasklist.h"
#include "util.h"

static void test_add_find(void **state)
{
	struct tasklist *tl = tasklist_new();
	struct entry *a, *b;

	(void)state;
	assert_int_equal(tasklist_count(tl), 0);
	assert_null(tasklist_at(tl, 0));
	assert_null(tasklist_find(tl, "a"));
	a = tasklist_add(tl, "a", 100);
	b = tasklist_add(tl, "b", 200);
	assert_non_null(a);
	assert_non_null(b);
	assert_null(tasklist_add(tl, "a", 300));     /* duplicate */
	assert_null(tasklist_add(tl, "", 300));
	assert_null(tasklist_add(tl, NULL, 300));
	assert_int_equal(tasklist_count(tl), 2);
	assert_ptr_equal(tasklist_find(tl, "a"), a);
	assert_ptr_equal(tasklist_find(tl, "b"), b);
	assert_null(tasklist_find(tl, "c"));
	assert_null(tasklist_find(tl, NULL));
	assert_string_equal(a->id, "a");
	assert_int_equal(a->added, 100);
	assert_int_equal(a->fetched, 0);
	assert_null(a->task);
	assert_null(a->error);
	assert_true(a->seq < b->seq);
	assert_ptr_equal(tasklist_at(tl, 0), a);
	assert_ptr_equal(tasklist_at(tl, 1), b);
	assert_null(tasklist_at(tl, 2));
	tasklist_free(tl);
}

static void test_take_put(void **state)
{
	struct tasklist *tl = tasklist_new();
	struct entry *b, *again;

	(void)state;
	tasklist_add(tl, "a", 1);
	tasklist_add(tl, "b", 2);
	tasklist_add(tl, "c", 3);
	b = tasklist_take(tl, "b");
	assert_non_null(b);
	assert_string_equal(b->id, "b");
	assert_null(tasklist_take(tl, "b"));
	assert_null(tasklist_take(tl, "zz"));
	assert_int_equal(tasklist_count(tl), 2);
	assert_null(tasklist_find(tl, "b"));
	assert_string_equal(tasklist_at(tl, 0)->id, "a");
	assert_string_equal(tasklist_at(tl, 1)->id, "c");
	assert_non_null(tasklist_find(tl, "c"));

	/* Undo puts it back where it was. */
	assert_true(tasklist_put(tl, b));
	assert_int_equal(tasklist_count(tl), 3);
	assert_string_equal(tasklist_at(tl, 1)->id, "b");
	assert_ptr_equal(tasklist_find(tl, "b"), b);

	/* Taken, then added again by hand: the undo is refused. */
	b = tasklist_take(tl, "b");
	again = tasklist_add(tl, "b", 9);
	assert_non_null(again);
	assert_false(tasklist_put(tl, b));
	tasklist_entry_free(b);
	assert_string_equal(tasklist_at(tl, 2)->id, "b");
	assert_int_equal(tasklist_at(tl, 2)->added, 9);

	/* Take the first and the last. */
	tasklist_entry_free(tasklist_take(tl, "a"));
	tasklist_entry_free(tasklist_take(tl, "b"));
	assert_int_equal(tasklist_count(tl), 1);
	assert_string_equal(tasklist_at(tl, 0)->id, "c");
	tasklist_free(tl);
}

static void test_update(void **state)
{
	struct tasklist *tl = tasklist_new();
	struct entry *e = tasklist_add(tl, "t1", 1);
	struct task *t;

	(void)state;
	e->error = xstrdup("HTTP 502");
	t = task_new("t1");
	assert_ptr_equal(tasklist_update(tl, t, 50), e);
	assert_ptr_equal(e->task, t);
	assert_int_equal(e->fetched, 50);
	assert_null(e->error);
	t = task_new("t1");
	assert_ptr_equal(tasklist_update(tl, t, 60), e);   /* old one freed */
	assert_ptr_equal(e->task, t);
	assert_int_equal(e->fetched, 60);
	assert_null(tasklist_update(tl, task_new("other"), 70));  /* freed */
	assert_null(tasklist_update(tl, NULL, 70));
	tasklist_free(tl);
}

/* Many ids, with takes mixed in so the hash sees removed slots. */
static void test_many(void **state)
{
	enum { N = 100000 };
	struct tasklist *tl = tasklist_new();
	char id[64];
	size_t i;

	(void)state;
	for (i = 0; i < N; i++) {
		snprintf(id, sizeof(id), "task_%032zu", i);
		assert_non_null(tasklist_add(tl, id, (int64_t)i));
	}
	assert_int_equal(tasklist_count(tl), N);
	for (i = 0; i < N; i++) {
		struct entry *e;

		snprintf(id, sizeof(id), "task_%032zu", i);
		e = tasklist_find(tl, id);
		assert_non_null(e);
		assert_int_equal(e->added, (int64_t)i);
	}
	snprintf(id, sizeof(id), "task_%032zu", (size_t)N);
	assert_null(tasklist_find(tl, id));
	assert_string_equal(tasklist_at(tl, N - 1)->id, "task_00000000000000000000000000099999");

	/* Take and re-add the last few thousand: tombstones then rebuilds. */
	for (i = N - 2000; i < N; i++) {
		snprintf(id, sizeof(id), "task_%032zu", i);
		tasklist_entry_free(tasklist_take(tl, id));
	}
	assert_int_equal(tasklist_count(tl), N - 2000);
	for (i = N - 2000; i < N; i++) {
		snprintf(id, sizeof(id), "task_%032zu", i);
		assert_null(tasklist_find(tl, id));
		assert_non_null(tasklist_add(tl, id, 0));
	}
	assert_int_equal(tasklist_count(tl), N);
	for (i = 0; i < N; i += 997) {
		snprintf(id, sizeof(id), "task_%032zu", i);
		assert_ptr_equal(tasklist_find(tl, id), tasklist_at(tl, i));
	}
	tasklist_free(tl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_find),
		cmocka_unit_test(test_take_put),
		cmocka_unit_test(test_update),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests_name("tasklist", tests, NULL, NULL);
}
