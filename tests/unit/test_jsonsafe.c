/* Unit tests of jsonsafe and its use at the JSON boundaries: the key
 * scrubbed from every string of a reply (escaped or not), NULs inside
 * strings kept through parse, --json and the state shape, and the JSON we
 * write always valid UTF-8 with C1 and bidi characters escaped. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "jsonsafe.h"
#include "task.h"
#include "taskjson.h"
#include "util.h"

static void test_text_expect(const char *in, const char *want)
{
	char *got = jsonsafe_text(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_writer(void **state)
{
	(void)state;
	test_text_expect("{\"a\":\"plain \xc3\xa9\xe5\xbf\xab\"}", "{\"a\":\"plain \xc3\xa9\xe5\xbf\xab\"}");
	test_text_expect("\"\xff\xc3(\"", "\"\xef\xbf\xbd\xef\xbf\xbd(\"");
	test_text_expect("\"\xed\xa0\x80\"", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	test_text_expect("\"\xc2\x9b" "31m\"", "\"\\u009b31m\"");
	test_text_expect("\"a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xe2\x80\xa8\"",
			 "\"a\\u202eb\\u2066c\\u2028\"");
	test_text_expect("\"x\xc0\x80y\"", "\"x\\u0000y\"");
	test_text_expect("", "");
	test_text_expect(NULL, "");
	/* family emoji untouched */
	test_text_expect("\"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\"",
			 "\"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\"");
}

static const char reply_body[] =
	"{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"t1\",\"status\":\"FAILURE\","
	"\"action\":\"MUSIC\",\"fail_reason\":\"Bearer sk-SECRET and sk-\\u0053ECRET\","
	"\"data\":[{\"id\":\"c1\",\"title\":\"a\\u0000b\",\"status\":\"complete\","
	"\"audio_url\":\"https://x/a.mp3?k=sk-SECRET\",\"metadata\":{\"tags\":\"sk-SECRET\"}}]}}";

static void test_scrub_and_nul(void **state)
{
	struct reply r;
	char *line;

	(void)state;
	reply_parse_secret(200, reply_body, strlen(reply_body), NULL, false, "sk-SECRET", &r);
	assert_int_equal(r.cls, REPLY_OK);
	assert_int_equal(r.n_tasks, 1);
	assert_string_equal(r.tasks[0]->fail_reason, "Bearer *** and ***");
	assert_string_equal(r.tasks[0]->clips[0].audio_url, "https://x/a.mp3?k=***");
	assert_string_equal(r.tasks[0]->clips[0].tags, "***");
	/* the NUL is carried, not cut */
	assert_string_equal(r.tasks[0]->clips[0].title, "a\xc0\x80" "b");
	line = task_to_json(r.tasks[0]);
	assert_non_null(strstr(line, "\"title\":\"a\\u0000b\""));
	assert_null(strstr(line, "SECRET"));
	{
		/* and it reads back the same */
		struct task *back = task_from_json_text(line, strlen(line));

		assert_non_null(back);
		assert_string_equal(back->clips[0].title, "a\xc0\x80" "b");
		task_free(back);
	}
	free(line);
	reply_free(&r);

	/* without a secret nothing changes; an empty secret is no secret */
	reply_parse_secret(200, reply_body, strlen(reply_body), NULL, false, "", &r);
	assert_string_equal(r.tasks[0]->fail_reason, "Bearer sk-SECRET and sk-SECRET");
	reply_free(&r);
	reply_parse(200, reply_body, strlen(reply_body), NULL, false, &r);
	assert_string_equal(r.tasks[0]->clips[0].audio_url, "https://x/a.mp3?k=sk-SECRET");
	reply_free(&r);
}

static void test_scrub_envelope(void **state)
{
	static const char body[] =
		"{\"error\":{\"code\":\"bad sk-SECRET\",\"message\":\"token sk-SECRETsk-SECRET refused\"}}";
	struct reply r;

	(void)state;
	reply_parse_secret(401, body, strlen(body), NULL, false, "sk-SECRET", &r);
	assert_int_equal(r.cls, REPLY_KEY_REJECTED);
	assert_string_equal(r.code, "bad ***");
	assert_string_equal(r.message, "token ****** refused");
	reply_free(&r);
}

/* What is kept is valid UTF-8 but for the NUL marker: raw invalid bytes
 * from the server (C0 80 among them) become U+FFFD when read. */
static void test_read_invalid(void **state)
{
	char *got;

	(void)state;
	got = jsonsafe_strndup("a\xff" "b\xc0\x80" "c", 6);
	assert_string_equal(got, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c");
	free(got);
	got = jsonsafe_strndup("x\0y", 3);
	assert_string_equal(got, "x\xc0\x80y");
	free(got);
	got = jsonsafe_strndup("plain \xc3\xa9", 8);
	assert_string_equal(got, "plain \xc3\xa9");
	free(got);
	/* never a byte past len (found by fuzz_text): a character cut by the
	 * length is a bad byte, not read whole */
	got = jsonsafe_strndup("x\xe2\x82\xac", 2);
	assert_string_equal(got, "x\xef\xbf\xbd");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_scrub_and_nul),
		cmocka_unit_test(test_scrub_envelope),
		cmocka_unit_test(test_read_invalid),
	};

	return cmocka_run_group_tests_name("jsonsafe", tests, NULL, NULL);
}
