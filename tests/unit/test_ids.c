/* Unit tests for task id validation and list splitting. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ids.h"
#include "util.h"

static bool valid(const char *s)
{
	const char *reason = "unset";
	bool ok = id_valid(s, strlen(s), &reason);

	if (ok)
		assert_null(reason);
	else
		assert_non_null(reason);
	return ok;
}

static void test_real_ids(void **state)
{
	(void)state;
	assert_true(valid("2a145658-3342-4228-b779-b8323a2b77df"));
	assert_true(valid("bee8f32e1994417ba8d7485d1aaf3b26"));
	assert_true(valid("task_0123456789abcdefABCDEF0123456789"));
	assert_true(valid("a"));
	assert_true(valid("syn-000001"));
}

static void test_bad_ids(void **state)
{
	const char *reason;

	(void)state;
	assert_false(valid(""));
	assert_false(valid("../etc/passwd"));
	assert_false(valid("a/b"));
	assert_false(valid("-rf"));
	assert_false(valid(".hidden"));
	assert_false(valid("id with space"));
	assert_false(valid("id?x=1"));
	assert_false(valid("id#frag"));
	assert_false(valid("caf\xc3\xa9"));
	assert_false(valid("a\x1b[2J"));
	assert_false(id_valid("ab\0cd", 5, &reason));
	assert_string_equal(reason, "contains a character task ids do not use (only letters, digits, '-', '_' and '.')");
	assert_false(id_valid("", 0, &reason));
	assert_string_equal(reason, "empty");
}

static void test_length_limit(void **state)
{
	char buf[ID_MAX_LEN + 2];
	const char *reason;

	(void)state;
	memset(buf, 'a', sizeof(buf));
	assert_true(id_valid(buf, ID_MAX_LEN, NULL));
	assert_false(id_valid(buf, ID_MAX_LEN + 1, &reason));
	assert_non_null(strstr(reason, "too long"));
}

struct collected {
	char toks[16][64];
	size_t n;
};

static void collect(void *ctx, const char *tok, size_t len)
{
	struct collected *c = ctx;

	assert_true(c->n < 16 && len < 64);
	memcpy(c->toks[c->n], tok, len);
	c->toks[c->n][len] = '\0';
	c->n++;
}

static void test_split(void **state)
{
	const char *text = "  id1,id2 ,, id3\n\nid4\r\n\tid5,";
	struct collected c = { .n = 0 };

	(void)state;
	assert_int_equal(ids_split(text, strlen(text), collect, &c), 5);
	assert_int_equal(c.n, 5);
	assert_string_equal(c.toks[0], "id1");
	assert_string_equal(c.toks[1], "id2");
	assert_string_equal(c.toks[2], "id3");
	assert_string_equal(c.toks[3], "id4");
	assert_string_equal(c.toks[4], "id5");
	c.n = 0;
	assert_int_equal(ids_split(" ,\n, ", 5, collect, &c), 0);
	/* The length bounds the scan: nothing past it is read. */
	c.n = 0;
	assert_int_equal(ids_split("abc def", 5, collect, &c), 2);
	assert_string_equal(c.toks[1], "d");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_ids),
		cmocka_unit_test(test_bad_ids),
		cmocka_unit_test(test_length_limit),
		cmocka_unit_test(test_split),
	};
	return cmocka_run_group_tests_name("ids", tests, NULL, NULL);
}
