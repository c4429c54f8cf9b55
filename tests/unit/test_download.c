/* Unit tests for saved file names, the download URL check, --on-complete
 * word splitting and the notification and clipboard bytes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "download.h"
#include "notify.h"
#include "download_impl.h"
#include "task.h"
#include "util.h"

#define CLIP "3435e194-aaaa-4bbb-8ccc-000000000001"

static void name_is(const char *title, const char *want)
{
	char *got = download_file_name(title, CLIP, "mp3");

	assert_string_equal(got, want);
	free(got);
}

static void test_names(void **state)
{
	(void)state;
	name_is("快乐周末", "快乐周末 - 3435e194.mp3");
	name_is("AC/DC \\ live", "AC-DC - live - 3435e194.mp3");
	name_is("..hidden", "hidden - 3435e194.mp3");
	name_is(". . .", "untitled - 3435e194.mp3");
	name_is("", "untitled - 3435e194.mp3");
	name_is(NULL, "untitled - 3435e194.mp3");
	name_is("a\tb\n\033[31mred\x7f", "a b [31mred - 3435e194.mp3");
	name_is("bidi\xe2\x80\xae" "evil\xe2\x80\x8b", "bidievil - 3435e194.mp3");
	name_is("bad\xff\xc0 bytes", "bad bytes - 3435e194.mp3");
	name_is("  spaced   out  ", "spaced out - 3435e194.mp3");
	/* never a leading '-', which a command would read as an option */
	name_is("-rf --help", "rf --help - 3435e194.mp3");
	name_is("--", "untitled - 3435e194.mp3");
	name_is("/-x", "x - 3435e194.mp3");
	name_is(" -.-a", "a - 3435e194.mp3");
}

/* The pace rule: nothing in the first 30 s; then a known size that would
 * take over 15 minutes at the rate of the last minute, or an unknown size
 * under 16 KiB/s for a full minute, ends the attempt. */
static void test_pace(void **state)
{
	struct download_pace p;
	char why[160] = "";
	double t;
	bool ok = true;

	(void)state;
	/* 400 B/s of an announced 100 MB: stopped at 30 s, not before */
	download_pace_start(&p, 1000);
	for (t = 1; t < 30 && ok; t += 1)
		ok = download_pace_ok(&p, 1000 + t, (int64_t)(400 * t), 100000000 - (int64_t)(400 * t),
				      why, sizeof(why));
	assert_true(ok);
	assert_false(download_pace_ok(&p, 1030.5, 12200, 100000000 - 12200, why, sizeof(why)));
	assert_non_null(strstr(why, "would take over 15 minutes"));

	/* 200 KiB/s of 100 MB (8.5 minutes): never stopped */
	download_pace_start(&p, 0);
	for (t = 1, ok = true; t < 500 && ok; t += 0.5)
		ok = download_pace_ok(&p, t, (int64_t)(t * 204800), 104857600 - (int64_t)(t * 204800),
				      why, sizeof(why));
	assert_true(ok);

	/* fast, then stalled with much to go: stopped once the minute's rate
	 * says the rest would take too long */
	download_pace_start(&p, 0);
	for (t = 1, ok = true; t <= 40 && ok; t += 1)
		ok = download_pace_ok(&p, t, (int64_t)(t * 204800), 104857600 - (int64_t)(t * 204800),
				      why, sizeof(why));
	assert_true(ok);
	for (; t <= 200 && ok; t += 1)
		ok = download_pace_ok(&p, t, 40 * 204800 + (int64_t)(t - 40) * 100,
				      104857600 - 40 * 204800, why, sizeof(why));
	assert_false(ok);
	assert_true(t < 110);

	/* unknown size at 8 KiB/s: stopped after 30 s + a minute */
	download_pace_start(&p, 0);
	for (t = 1, ok = true; t <= 200 && ok; t += 1)
		ok = download_pace_ok(&p, t, (int64_t)(t * 8192), -1, why, sizeof(why));
	assert_false(ok);
	assert_true(t >= 90 && t <= 93);
	assert_non_null(strstr(why, "over the last minute"));

	/* unknown size at 64 KiB/s: never */
	download_pace_start(&p, 0);
	for (t = 1, ok = true; t <= 300 && ok; t += 1)
		ok = download_pace_ok(&p, t, (int64_t)(t * 65536), -1, why, sizeof(why));
	assert_true(ok);
}

/* What a download may be saved from: audio, video, octet streams, or no
 * Content-Type at all; never a page. */
static void test_types(void **state)
{
	(void)state;
	assert_true(download_type_ok("audio/mpeg"));
	assert_true(download_type_ok("Audio/MPEG; charset=binary"));
	assert_true(download_type_ok("video/mp4"));
	assert_true(download_type_ok("application/octet-stream"));
	assert_true(download_type_ok(NULL));
	assert_true(download_type_ok(""));
	assert_false(download_type_ok("text/html; charset=utf-8"));
	assert_false(download_type_ok("application/json"));
	assert_false(download_type_ok("image/svg+xml"));
	assert_false(download_type_ok("text/plain"));
}

static void test_name_length(void **state)
{
	char title[400], *got;
	size_t i, len;

	(void)state;
	/* 130 three-byte characters: cut to fit, never inside a character. */
	title[0] = '\0';
	for (i = 0; i < 130; i++)
		strcat(title, "乐");
	got = download_file_name(title, CLIP, "mp3");
	len = strlen(got);
	assert_true(len <= DOWNLOAD_NAME_MAX);
	assert_true(len > DOWNLOAD_NAME_MAX - 3);
	assert_string_equal(got + len - strlen(" - 3435e194.mp3"), " - 3435e194.mp3");
	assert_int_equal((len - strlen(" - 3435e194.mp3")) % 3, 0);
	assert_memory_equal(got, "乐乐", 6);
	free(got);

	memset(title, 'x', 300);
	title[300] = '\0';
	got = download_file_name(title, "../../etc", "mp4");
	assert_int_equal(strlen(got), DOWNLOAD_NAME_MAX);
	assert_string_equal(got + DOWNLOAD_NAME_MAX - strlen(" - etc.mp4"), " - etc.mp4");
	assert_null(strchr(got, '/'));
	free(got);
}

static void test_urls(void **state)
{
	(void)state;
	assert_true(download_url_ok("https://cdn1.suno.ai/abc.mp3"));
	assert_true(download_url_ok("http://127.0.0.1:8080/audio/x.mp3"));
	assert_true(download_url_ok("HTTPS://cdn1.suno.ai/x"));
	assert_false(download_url_ok("file:///etc/passwd"));
	assert_false(download_url_ok("ftp://example.com/x"));
	assert_false(download_url_ok("https://"));
	assert_false(download_url_ok("https:///x"));
	assert_false(download_url_ok("https://a/b c"));
	assert_false(download_url_ok("https://a/b\r\nX-Evil: 1"));
	assert_false(download_url_ok(""));
	assert_false(download_url_ok(NULL));
}

static char **split_ok(const char *cmd, size_t want_n)
{
	char *err = NULL, **w = notify_split(cmd, &err);
	size_t n = 0;

	assert_non_null(w);
	assert_null(err);
	while (w[n])
		n++;
	assert_int_equal(n, want_n);
	return w;
}

static void test_split(void **state)
{
	char **w, *err = NULL;

	(void)state;
	w = split_ok("notify-send  -u low\t'sunotop done'", 4);
	assert_string_equal(w[0], "notify-send");
	assert_string_equal(w[1], "-u");
	assert_string_equal(w[2], "low");
	assert_string_equal(w[3], "sunotop done");
	notify_free_words(w);

	w = split_ok("cmd \"a \\\"b\\\" \\$HOME \\n\" a\\ b '' $(rm -rf /) ;", 8);
	assert_string_equal(w[1], "a \"b\" $HOME \\n");
	assert_string_equal(w[2], "a b");
	assert_string_equal(w[3], "");
	assert_string_equal(w[4], "$(rm");
	assert_string_equal(w[5], "-rf");
	assert_string_equal(w[6], "/)");
	assert_string_equal(w[7], ";");
	notify_free_words(w);

	w = split_ok("x'y'\"z\"", 1);
	assert_string_equal(w[0], "xyz");
	notify_free_words(w);

	assert_null(notify_split("cmd 'open", &err));
	assert_string_equal(err, "unterminated single quote in the command");
	free(err);
	err = NULL;
	assert_null(notify_split("cmd \"open", &err));
	assert_string_equal(err, "unterminated double quote in the command");
	free(err);
	err = NULL;
	assert_null(notify_split("  \t ", &err));
	assert_string_equal(err, "the command is empty");
	free(err);
}

static void test_sequences(void **state)
{
	struct task *t = task_new("abc");
	char *s;

	(void)state;
	t->state = TASK_FAILED;
	t->finished = true;
	free(t->fail_reason);
	t->fail_reason = xstrdup("bad; \033]52;c;evil\a words");
	s = notify_sequence(t, true, true);
	assert_string_equal(s, "\a\033]777;notify;sunotop;abc: FAILURE (bad, ^[]52,c,evil^G words)\033\\"
			    "\033]9;sunotop: abc: FAILURE (bad, ^[]52,c,evil^G words)\033\\");
	free(s);
	s = notify_sequence(t, true, false);
	assert_string_equal(s, "\a");
	free(s);
	s = notify_sequence(t, false, false);
	assert_string_equal(s, "");
	free(s);
	task_free(t);

	s = notify_osc52("abc-1", false);
	assert_string_equal(s, "\033]52;c;YWJjLTE=\a");
	free(s);
	s = notify_osc52("ab", true);
	assert_string_equal(s, "\033Ptmux;\033\033]52;c;YWI=\a\033\\");
	free(s);
}

/* Only a complete clip with the URL is saved; the status is compared
 * without regard to case, as servers vary. */
static void test_clip_url(void **state)
{
	struct clip c = { .status = (char *)"streaming", .audio_url = (char *)"https://cdn.example/a.mp3",
			  .video_url = (char *)"" };

	(void)state;
	assert_null(download_clip_url(&c, DOWNLOAD_AUDIO));
	c.status = (char *)"Complete";
	assert_string_equal(download_clip_url(&c, DOWNLOAD_AUDIO), "https://cdn.example/a.mp3");
	assert_null(download_clip_url(&c, DOWNLOAD_VIDEO));
	c.video_url = (char *)"https://cdn.example/a.mp4";
	assert_string_equal(download_clip_url(&c, DOWNLOAD_VIDEO), "https://cdn.example/a.mp4");
	c.status = NULL;
	assert_null(download_clip_url(&c, DOWNLOAD_VIDEO));
	c.status = (char *)"error";
	assert_null(download_clip_url(&c, DOWNLOAD_AUDIO));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_pace),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_name_length),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_clip_url),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_sequences),
	};

	return cmocka_run_group_tests_name("download", tests, NULL, NULL);
}
