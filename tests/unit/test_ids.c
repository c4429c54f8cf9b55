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
	assert_true(valid("2A145658-3342-4228-B779-B8323A2B77DF"));
	/* Other shapes: 8 or more of [A-Za-z0-9_-]. */
	assert_true(valid("syn-000001"));
	assert_true(valid("abcd_123"));
	assert_true(valid("12345678"));
}

static const char *reason_of(const char *s)
{
	const char *reason = NULL;

	assert_false(id_valid(s, strlen(s), &reason));
	assert_non_null(reason);
	return reason;
}

/* Words and numbers around ids are not ids (issue: a paste tracked `rm`). */
static void test_short_and_junk(void **state)
{
	const char *shortr = "too short (task ids are UUIDs, 32 hex digits, or at least 8 characters)";
	const char *charr = "contains a character task ids do not use (only letters, digits, '-' and '_')";

	(void)state;
	assert_string_equal(reason_of("a"), shortr);
	assert_string_equal(reason_of("12"), shortr);
	assert_string_equal(reason_of("rm"), shortr);
	assert_string_equal(reason_of("junk1"), shortr);
	assert_string_equal(reason_of("abcd_12"), shortr);
	assert_string_equal(reason_of("hello;"), charr);
	assert_string_equal(reason_of("$(x)"), charr);
	assert_string_equal(reason_of("/"), charr);
	assert_string_equal(reason_of("a.b.c.d.e"), charr);
	assert_string_equal(reason_of("-rf"), "must not start with '-' or '.'");
	assert_string_equal(reason_of("../../etc/passwd"), "must not start with '-' or '.'");
	assert_string_equal(reason_of("task_\xe4\xbb\xbb"), charr);
}

/* Ids saved by earlier versions keep loading. */
static void test_safe(void **state)
{
	(void)state;
	assert_true(id_safe("a", 1));
	assert_true(id_safe("junk1", 5));
	assert_true(id_safe("v1.2", 4));
	assert_true(id_safe("2a145658-3342-4228-b779-b8323a2b77df", 36));
	assert_false(id_safe("", 0));
	assert_false(id_safe("-rf", 3));
	assert_false(id_safe(".x", 2));
	assert_false(id_safe("a/b", 3));
	assert_false(id_safe("ab\0cd", 5));
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
	assert_string_equal(reason, "contains a character task ids do not use (only letters, digits, '-' and '_')");
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

#define U1 "2a145658-3342-4228-b779-b8323a2b77df"
#define U2 "bee8f32e1994417ba8d7485d1aaf3b26"

/* Text copied from Chinese pages: full-width comma, colon, semicolon, the
 * ideographic comma and space separate too. */
static void test_split_fullwidth(void **state)
{
	const char *label = "\xe4\xbb\xbb\xe5\x8a\xa1ID";   /* 任务ID */
	const char *text = "\xe4\xbb\xbb\xe5\x8a\xa1ID\xef\xbc\x9a" U1 "\xef\xbc\x8c" U2;
	const char *more = U1 "\xe3\x80\x81" U2 "\xef\xbc\x9b" U1 "\xe3\x80\x80" U2;
	struct collected c = { .n = 0 };

	(void)state;
	assert_int_equal(ids_split(text, strlen(text), collect, &c), 3);
	assert_string_equal(c.toks[0], label);
	assert_string_equal(c.toks[1], U1);
	assert_string_equal(c.toks[2], U2);
	assert_false(id_valid(c.toks[0], strlen(c.toks[0]), NULL));
	assert_true(id_valid(c.toks[1], strlen(c.toks[1]), NULL));
	assert_true(id_valid(c.toks[2], strlen(c.toks[2]), NULL));
	c.n = 0;
	assert_int_equal(ids_split(more, strlen(more), collect, &c), 4);
	assert_string_equal(c.toks[0], U1);
	assert_string_equal(c.toks[1], U2);
	assert_string_equal(c.toks[2], U1);
	assert_string_equal(c.toks[3], U2);
	/* Other CJK punctuation is part of a token (and so refused). */
	c.n = 0;
	assert_int_equal(ids_split("abcdefgh\xe3\x80\x82ijklmnop", 19, collect, &c), 1);
	assert_false(id_valid(c.toks[0], strlen(c.toks[0]), NULL));
	/* A separator cut by the length is not read past it. */
	c.n = 0;
	assert_int_equal(ids_split("abc\xef\xbc\x8c", 5, collect, &c), 1);
	assert_int_equal(strlen(c.toks[0]), 5);
}

/* The paste: every token is refused, each with a reason. */
static void test_split_junk(void **state)
{
	const char *text = "hello; rm -rf / $(x) 12 ../../etc/passwd";
	struct collected c = { .n = 0 };
	size_t i;

	(void)state;
	assert_int_equal(ids_split(text, strlen(text), collect, &c), 7);
	for (i = 0; i < c.n; i++) {
		const char *reason = NULL;
		assert_false(id_valid(c.toks[i], strlen(c.toks[i]), &reason));
		assert_non_null(reason);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_ids),
		cmocka_unit_test(test_bad_ids),
		cmocka_unit_test(test_length_limit),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_short_and_junk),
		cmocka_unit_test(test_safe),
		cmocka_unit_test(test_split_fullwidth),
		cmocka_unit_test(test_split_junk),
	};
	return cmocka_run_group_tests_name("ids", tests, NULL, NULL);
}
