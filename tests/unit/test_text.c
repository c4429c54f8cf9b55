/* Unit tests of text: every class the sanitizer must neutralize, display
 * widths, fitting with an ellipsis and wrapping by display width. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

#define TEST_FFFD "\xef\xbf\xbd"

static void test_expect(const char *in, int flags, const char *want)
{
	char *got = text_sanitize(in, flags);

	assert_string_equal(got, want);
	free(got);
}

static void test_escape_sequences(void **state)
{
	(void)state;
	test_expect("a\x1b[2Jb", 0, "a^[[2Jb");
	test_expect("\x1b]0;title\x07x", 0, "^[]0;title^Gx");
	test_expect("\x1b]52;c;aGk=\x07", 0, "^[]52;c;aGk=^G");
	test_expect("over\rwrite", 0, "over^Mwrite");
	test_expect("ab\bc", 0, "ab^Hc");
	test_expect("del\x7f", 0, "del^?");
	test_expect(NULL, 0, "");
	test_expect("", 0, "");
}

static void test_c1_and_invalid(void **state)
{
	(void)state;
	test_expect("a\xc2\x9b" "31mb", 0, "a" TEST_FFFD "31mb");
	test_expect("a\x9b" "31mb", 0, "a" TEST_FFFD "31mb");
	test_expect("\xc0\xaf", 0, TEST_FFFD TEST_FFFD);
	test_expect("\xed\xa0\x80", 0, TEST_FFFD TEST_FFFD TEST_FFFD);
	test_expect("\xf4\x90\x80\x80", 0, TEST_FFFD TEST_FFFD TEST_FFFD TEST_FFFD);
	test_expect("x\xe4\xb8", 0, "x" TEST_FFFD TEST_FFFD);
	test_expect("\xe4\xb8x", TEXT_ASCII, "??x");
}

static void test_bidi_and_invisible(void **state)
{
	(void)state;
	test_expect("abc\xe2\x80\xae" "def", 0, "abc" TEST_FFFD "def");
	test_expect("a\xe2\x80\x8b" "b", 0, "a" TEST_FFFD "b");
	test_expect("\xef\xbb\xbfhi", 0, TEST_FFFD "hi");
	test_expect("\xc2\xad", 0, TEST_FFFD);
	test_expect("\xd8\x9c", 0, TEST_FFFD);
	test_expect("\xe2\x81\xa6x\xe2\x81\xa9", 0, TEST_FFFD "x" TEST_FFFD);
	test_expect("\xe2\x80\xa8", 0, TEST_FFFD);
	test_expect("\xf3\xa0\x80\x81", 0, TEST_FFFD);
	test_expect("abc\xe2\x80\xae", TEXT_ASCII, "abc?");
	/* The rest of the bidi and invisible set, each on its own. */
	test_expect("\xe2\x80\x8e\xe2\x80\x8f", 0, TEST_FFFD TEST_FFFD);
	test_expect("\xe2\x80\xaa\xe2\x80\xac", 0, TEST_FFFD TEST_FFFD);
	test_expect("\xe2\x81\xa0\xe2\x81\xa4", 0, TEST_FFFD TEST_FFFD);
	test_expect("\xe2\x80\x8d\xe2\x80\xa9", 0, TEST_FFFD TEST_FFFD);   /* ZWJ with no emoji */
	test_expect("\xe1\xa0\x8e", 0, TEST_FFFD);
	test_expect("\xf3\xa0\x81\xbf", 0, TEST_FFFD);
	/* Blank fillers: CGJ, Hangul fillers, Khmer vowels, deprecated
	 * format characters, musical-symbol format characters. */
	test_expect("a\xcd\x8f" "b", 0, "a" TEST_FFFD "b");
	test_expect("\xe1\x85\x9f\xe1\x85\xa0\xe3\x85\xa4\xef\xbe\xa0", 0,
		    TEST_FFFD TEST_FFFD TEST_FFFD TEST_FFFD);
	test_expect("\xe1\x9e\xb4\xe1\x9e\xb5", 0, TEST_FFFD TEST_FFFD);
	test_expect("\xe2\x81\xaa\xe2\x81\xaf", 0, TEST_FFFD TEST_FFFD);
	test_expect("\xf0\x9d\x85\xb3\xf0\x9d\x85\xba", 0, TEST_FFFD TEST_FFFD);
	/* Visible neighbours of those ranges pass untouched. */
	test_expect("\xe2\x80\xa7\xe2\x80\xaf\xe2\x81\xb0\xe2\x80\x94", 0,
		    "\xe2\x80\xa7\xe2\x80\xaf\xe2\x81\xb0\xe2\x80\x94");
	test_expect("\xef\xbf\xbd\xf0\x9d\x85\x9e", 0, TEST_FFFD "\xf0\x9d\x85\x9e");
}

static void test_bad_utf8(void **state)
{
	(void)state;
	/* Overlong forms of '/', NUL and U+FFFF; one U+FFFD per byte. */
	test_expect("\xe0\x80\xaf", 0, TEST_FFFD TEST_FFFD TEST_FFFD);
	test_expect("\xc1\xbf", 0, TEST_FFFD TEST_FFFD);
	test_expect("\xf0\x8f\xbf\xbf", 0, TEST_FFFD TEST_FFFD TEST_FFFD TEST_FFFD);
	/* Five-byte, 0xfe/0xff and a lone continuation byte. */
	test_expect("\xf8\x88\x80\x80\x80", 0,
		    TEST_FFFD TEST_FFFD TEST_FFFD TEST_FFFD TEST_FFFD);
	test_expect("\xfe\xff\x80", 0, TEST_FFFD TEST_FFFD TEST_FFFD);
	/* The last valid code point and the edges of the surrogate block. */
	test_expect("\xf4\x8f\xbf\xbf", 0, "\xf4\x8f\xbf\xbf");
	test_expect("\xed\x9f\xbf", 0, "\xed\x9f\xbf");
	test_expect("\xed\xbf\xbf", 0, TEST_FFFD TEST_FFFD TEST_FFFD);
	test_expect("\xee\x80\x80", 0, "\xee\x80\x80");
	/* A truncated sequence resynchronizes on the next ASCII byte. */
	test_expect("\xf0\x9f\x8e" "a\xe2\x80", 0, TEST_FFFD TEST_FFFD TEST_FFFD "a" TEST_FFFD TEST_FFFD);
	test_expect("\xc3\xa9\xc3", TEXT_ASCII, "??");
}

static void test_tab_newline(void **state)
{
	(void)state;
	test_expect("a\tb\nc", 0, "a b c");
	test_expect("a\tb\nc", TEXT_KEEP_NEWLINES, "a b\nc");
	test_expect("a\r\nb", TEXT_KEEP_NEWLINES, "a^M\nb");
}

static void test_ascii_mode(void **state)
{
	(void)state;
	test_expect("caf\xc3\xa9 \xe5\xbf\xab\xf0\x9f\x8e\xb5", TEXT_ASCII, "caf? ??");
	test_expect("caf\xc3\xa9 \xe5\xbf\xab", 0, "caf\xc3\xa9 \xe5\xbf\xab");
	test_expect("\x1b[0m", TEXT_ASCII, "^[[0m");
}

static void test_sanitize_buf(void **state)
{
	char out[8];

	(void)state;
	/* "ab" + "快" (3 bytes) + "乐" would need 8 bytes plus the NUL. */
	assert_int_equal(text_sanitize_buf("ab\xe5\xbf\xab\xe4\xb9\x90", 0, out, sizeof(out)), 5);
	assert_string_equal(out, "ab\xe5\xbf\xab");
	/* A caret pair is never split either. */
	assert_int_equal(text_sanitize_buf("abcdef\x1b", 0, out, sizeof(out)), 6);
	assert_string_equal(out, "abcdef");
	assert_int_equal(text_sanitize_buf("abc", 0, out, 1), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_sanitize_buf(NULL, 0, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_sanitize_buf("a\xc2\x9b", TEXT_ASCII, out, sizeof(out)), 2);
	assert_string_equal(out, "a?");
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("\xe5\xbf\xab\xe4\xb9\x90\xe5\x91\xa8\xe6\x9c\xab"), 8);
	assert_int_equal(text_width("\xf0\x9f\x8e\xb5"), 2);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width("caf\xc3\xa9"), 4);
	assert_int_equal(text_width("\xe2\x80\xa6"), 1);
}

static void test_fit(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(text_fit("hello world", 8, false, out, sizeof(out)), 8);
	assert_string_equal(out, "hello w\xe2\x80\xa6");
	assert_int_equal(text_fit("hello world", 8, true, out, sizeof(out)), 8);
	assert_string_equal(out, "hello...");
	/* Exact fit: no ellipsis. */
	assert_int_equal(text_fit("hello", 5, false, out, sizeof(out)), 5);
	assert_string_equal(out, "hello");
	assert_int_equal(text_fit("hi", 10, true, out, sizeof(out)), 2);
	assert_string_equal(out, "hi");
	/* "快乐周末" in 6 columns: 5 left for text, only two glyphs fit, one
	 * column stays empty rather than half a glyph. */
	assert_int_equal(text_fit("\xe5\xbf\xab\xe4\xb9\x90\xe5\x91\xa8\xe6\x9c\xab", 6, false,
				  out, sizeof(out)), 5);
	assert_string_equal(out, "\xe5\xbf\xab\xe4\xb9\x90\xe2\x80\xa6");
	assert_int_equal(text_fit("\xe5\xbf\xab\xe4\xb9\x90\xe5\x91\xa8\xe6\x9c\xab", 8, false,
				  out, sizeof(out)), 8);
	assert_int_equal(text_fit("abc", 0, false, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_fit("abc", -3, true, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_fit("abcdef", 1, false, out, sizeof(out)), 1);
	assert_string_equal(out, "\xe2\x80\xa6");
	assert_int_equal(text_fit("abcdef", 2, true, out, sizeof(out)), 2);
	assert_string_equal(out, "..");
	/* A small buffer cuts too, and still NUL-terminates. */
	assert_int_equal(text_fit("abcdefgh", 20, true, out, 6), 5);
	assert_string_equal(out, "ab...");
}

struct test_lines {
	char text[512];
	int count;
};

static void test_collect(void *ctx, const char *line, size_t len)
{
	struct test_lines *l = ctx;
	size_t used = strlen(l->text);

	assert_true(used + len + 2 < sizeof(l->text));
	memcpy(l->text + used, line, len);
	l->text[used + len] = '|';
	l->text[used + len + 1] = '\0';
	l->count++;
}

static void test_wrap_expect(const char *in, int width, const char *want, int count)
{
	struct test_lines l = { "", 0 };

	text_wrap(in, width, test_collect, &l);
	assert_string_equal(l.text, want);
	assert_int_equal(l.count, count);
}

static void test_wrap(void **state)
{
	(void)state;
	test_wrap_expect("the quick brown fox", 10, "the quick|brown fox|", 2);
	test_wrap_expect("abcdefghijkl", 5, "abcde|fghij|kl|", 3);
	test_wrap_expect("ab abcdefghijkl", 5, "ab|abcde|fghij|kl|", 4);
	test_wrap_expect("one\n\ntwo", 10, "one||two|", 3);
	test_wrap_expect("one\n", 10, "one|", 1);
	test_wrap_expect("\xe5\xbf\xab\xe4\xb9\x90\xe5\x91\xa8\xe6\x9c\xab", 5,
			 "\xe5\xbf\xab\xe4\xb9\x90|\xe5\x91\xa8\xe6\x9c\xab|", 2);
	test_wrap_expect("abc", 0, "a|b|c|", 3);
	test_wrap_expect("\xe5\xbf\xab", 1, "\xe5\xbf\xab|", 1);
	test_wrap_expect("exactly10!", 10, "exactly10!|", 1);
	test_wrap_expect("", 10, "", 0);
}

/* U+200D between two pictographs is part of an emoji (a family, a
 * profession) and is kept; anywhere else it is hidden and replaced. */
static void test_emoji_joiner(void **state)
{
	/* man ZWJ woman ZWJ girl */
	const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";
	/* eye VS16 ZWJ speech bubble VS16 */
	const char *eye = "\xf0\x9f\x91\x81\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x97\xa8\xef\xb8\x8f";

	(void)state;
	test_expect(family, 0, family);
	test_expect(eye, 0, eye);
	test_expect("a\xe2\x80\x8d" "b", 0, "a" TEST_FFFD "b");
	test_expect("\xe2\x80\x8d\xf0\x9f\x91\xa9", 0, TEST_FFFD "\xf0\x9f\x91\xa9");
	test_expect("\xf0\x9f\x91\xa8\xe2\x80\x8d", 0, "\xf0\x9f\x91\xa8" TEST_FFFD);
	/* a bidi override next to an emoji is still replaced */
	test_expect("\xf0\x9f\x91\xa8\xe2\x80\xae\xf0\x9f\x91\xa9", 0,
		    "\xf0\x9f\x91\xa8" TEST_FFFD "\xf0\x9f\x91\xa9");
	/* a NUL carried from a JSON string shows as ^@ */
	test_expect("a\xc0\x80" "b", 0, "a^@b");
}

/* One rule for what is copied, opened or downloaded. */
static void test_url_rule(void **state)
{
	(void)state;
	assert_null(text_url_refusal("https://cdn1.suno.ai/a.mp3"));
	assert_null(text_url_refusal("http://127.0.0.1:8080/audio/x.mp3?a=1&b=%20"));
	assert_non_null(text_url_refusal("https://cdn1.suno.ai/a.mp3\x1b]52;c;ZXZpbA==\x07"));
	assert_non_null(text_url_refusal("https://x/a\rrm -rf ~\r"));
	assert_non_null(text_url_refusal("https://x/a\bb"));
	assert_non_null(text_url_refusal("https://x/a\xc2\x9b" "31m"));
	assert_non_null(text_url_refusal("https://x/\xe2\x80\xae" "3pm.exe"));
	assert_non_null(text_url_refusal("https://x/a\xe2\x80\x8b"));
	assert_non_null(text_url_refusal("https://x/\xff"));
	assert_non_null(text_url_refusal("file:///etc/passwd"));
	assert_non_null(text_url_refusal("javascript:alert(1)"));
	assert_non_null(text_url_refusal("https:///nohost"));
	assert_non_null(text_url_refusal("https://x/a b"));
	assert_non_null(text_url_refusal(""));
	assert_non_null(text_url_refusal(NULL));
	assert_string_equal(text_url_refusal("https://x/a\rb"), "it holds control characters");
	assert_null(text_copy_refusal("0badc0de-0000-4000-8000-000000000001"));
	assert_non_null(text_copy_refusal("id\r"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_sequences),
		cmocka_unit_test(test_c1_and_invalid),
		cmocka_unit_test(test_bidi_and_invisible),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_tab_newline),
		cmocka_unit_test(test_ascii_mode),
		cmocka_unit_test(test_sanitize_buf),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_emoji_joiner),
		cmocka_unit_test(test_url_rule),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
