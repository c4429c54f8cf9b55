/* test_taskjson: response mapping, task parsing and the --json writer over
 * the sample bodies in tests/data and hand-written hostile ones. */
#include "config.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backoff.h"
#include "task.h"
#include "taskjson.h"
#include "util.h"

/* Used only until the backoff module provides the real parser: a weak
 * definition yields to it as soon as it is linked. Delta-seconds only. */
__attribute__((weak)) double backoff_parse_retry_after(const char *value, long long now_unix)
{
	char *end;
	double d;

	(void)now_unix;
	if (!value)
		return -1;
	d = strtod(value, &end);
	return end != value && !*end && d >= 0 ? d : -1;
}

static char *test_read_sample(const char *name, size_t *len)
{
	const char *dir = getenv("SRCDIR");
	char *path, *buf;
	FILE *f;
	long n;

	assert_non_null(dir);
	path = xasprintf("%s/tests/data/%s", dir, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	free(path);
	*len = (size_t)n;
	return buf;
}

static void test_parse_sample(const char *name, long http, bool batch, struct reply *r)
{
	size_t len;
	char *body = test_read_sample(name, &len);

	reply_parse(http, body, len, NULL, batch, r);
	free(body);
}

static void test_parse_str(const char *body, long http, bool batch, struct reply *r)
{
	reply_parse(http, body, strlen(body), NULL, batch, r);
}

/* One task from an inline TASK object wrapped in the success envelope. */
static struct task *test_one_task(const char *task_json)
{
	char *body = xasprintf("{\"code\":\"success\",\"message\":\"\",\"data\":%s}", task_json);
	struct reply r;
	struct task *t;

	test_parse_str(body, 200, false, &r);
	free(body);
	assert_int_equal(r.cls, REPLY_OK);
	assert_int_equal(r.n_tasks, 1);
	t = r.tasks[0];
	r.tasks[0] = NULL;
	r.n_tasks = 0;
	reply_free(&r);
	return t;
}

static void test_status_words(void **state)
{
	static const struct {
		const char *s;
		enum task_state st;
		bool fin;
	} cases[] = {
		{ "NOT_START", TASK_WAITING, false }, { "SUBMITTED", TASK_WAITING, false },
		{ "QUEUED", TASK_WAITING, false }, { "pending", TASK_WAITING, false },
		{ "queued", TASK_WAITING, false }, { "submitted", TASK_WAITING, false },
		{ "IN_PROGRESS", TASK_RUNNING, false }, { "processing", TASK_RUNNING, false },
		{ "running", TASK_RUNNING, false }, { "Streaming", TASK_RUNNING, false },
		{ "SUCCESS", TASK_SUCCEEDED, true }, { "complete", TASK_SUCCEEDED, true },
		{ "completed", TASK_SUCCEEDED, true }, { "succeeded", TASK_SUCCEEDED, true },
		{ "success", TASK_SUCCEEDED, true }, { "FAILURE", TASK_FAILED, true },
		{ "error", TASK_FAILED, true }, { "failed", TASK_FAILED, true },
		{ "fail", TASK_FAILED, true }, { "UNKNOWN", TASK_UNKNOWN, true },
		{ "NOT_FOUND", TASK_NOT_FOUND, true }, { "MODERATING", TASK_UNKNOWN, false },
		{ "", TASK_WAITING, false },
	};
	size_t i;
	bool fin;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fin = !cases[i].fin;
		assert_int_equal(task_state_from_status(cases[i].s, &fin), cases[i].st);
		assert_int_equal(fin, cases[i].fin);
	}
	assert_int_equal(task_state_from_status(NULL, &fin), TASK_WAITING);
	assert_false(fin);
	assert_string_equal(task_state_name(TASK_RUNNING), "IN_PROGRESS");
	assert_string_equal(task_state_name(TASK_NOT_FOUND), "NOT_FOUND");
}

static void test_success_music(void **state)
{
	struct reply r;
	struct task *t;

	(void)state;
	test_parse_sample("get-success-music.json", 200, false, &r);
	assert_int_equal(r.cls, REPLY_OK);
	assert_int_equal(r.http_status, 200);
	assert_string_equal(r.code, "success");
	assert_null(r.message);
	assert_false(r.data_null);
	assert_true(r.retry_after < 0);
	assert_int_equal(r.n_tasks, 1);
	t = r.tasks[0];
	assert_string_equal(t->task_id, "2a145658-3342-4228-b779-b8323a2b77df");
	assert_string_equal(t->action, "MUSIC");
	assert_string_equal(t->status, "SUCCESS");
	assert_int_equal(t->state, TASK_SUCCEEDED);
	assert_true(t->finished);
	assert_int_equal(t->progress, 100);
	assert_string_equal(t->fail_reason, "");
	assert_string_equal(t->notify_hook, "");
	assert_int_equal(t->submit_time, 1726911801);
	assert_int_equal(t->start_time, 1726911812);
	assert_int_equal(t->finish_time, 1726911897);
	assert_int_equal(t->n_clips, 2);
	assert_string_equal(t->clips[0].id, "3435e194-50e7-4edc-9442-bffe072fccfc");
	assert_string_equal(t->clips[0].title, "快乐周末");
	assert_string_equal(t->clips[0].status, "complete");
	assert_true(t->clips[0].duration == 128.92);
	assert_true(t->clips[1].duration == 131.4);
	assert_string_equal(t->clips[0].tags, "heartfelt salsa");
	assert_string_equal(t->clips[0].type, "gen");
	assert_string_equal(t->clips[0].model_name, "chirp-v3");
	assert_string_equal(t->clips[0].major_model_version, "v3");
	assert_string_equal(t->clips[0].created_at, "2024-09-21T09:43:21.637Z");
	assert_string_equal(t->clips[0].gpt_description_prompt, "一首关于周末的欢快歌曲");
	assert_string_equal(t->clips[0].audio_url,
			    "https://cdn1.suno.ai/3435e194-50e7-4edc-9442-bffe072fccfc.mp3");
	assert_string_equal(t->clips[1].image_large_url,
			    "https://cdn2.suno.ai/image_large_8c2d7e51-4b9a-4f6e-a0d3-6e1f2b7c9a48.jpeg");
	assert_null(t->clips[0].error_type);
	assert_null(t->clips[0].error_message);
	assert_null(t->lyrics);
	assert_null(t->data_text);
	assert_null(t->error);
	assert_string_equal(task_title(t), "快乐周末");
	assert_string_equal(task_first_audio(t),
			    "https://cdn1.suno.ai/3435e194-50e7-4edc-9442-bffe072fccfc.mp3");
	reply_free(&r);
}

static void test_failure(void **state)
{
	struct reply r;
	struct task *t;

	(void)state;
	test_parse_sample("get-failure.json", 200, false, &r);
	assert_int_equal(r.cls, REPLY_OK);
	assert_int_equal(r.n_tasks, 1);
	t = r.tasks[0];
	assert_int_equal(t->state, TASK_FAILED);
	assert_true(t->finished);
	assert_string_equal(t->fail_reason, "Song Description contained artist name: metallica");
	assert_int_equal(t->n_clips, 2);
	assert_string_equal(t->clips[0].error_type, "moderation");
	assert_null(t->clips[1].error_type);
	assert_string_equal(t->clips[1].error_message,
			    "Song Description contained artist name: metallica");
	assert_string_equal(t->clips[0].status, "error");
	assert_string_equal(t->clips[0].title, "");
	assert_string_equal(t->clips[0].tags, "");
	assert_string_equal(t->clips[0].audio_url, "");
	assert_null(t->clips[0].image_url);
	assert_true(t->clips[0].duration < 0);
	assert_null(task_title(t));
	assert_null(task_first_audio(t));
	reply_free(&r);

	test_parse_sample("get-failure-timeout.json", 200, false, &r);
	assert_int_equal(r.cls, REPLY_OK);
	t = r.tasks[0];
	assert_string_equal(t->fail_reason, "time out");
	assert_int_equal(t->state, TASK_FAILED);
	assert_int_equal(t->finish_time, 1730000612);
	assert_string_equal(t->clips[1].status, "streaming");
	assert_string_equal(t->clips[1].video_url, "");
	assert_null(task_first_audio(t));
	reply_free(&r);
}

static void test_in_progress_and_waiting(void **state)
{
	struct reply r;
	struct task *t;

	(void)state;
	test_parse_sample("get-in-progress.json", 200, false, &r);
	t = r.tasks[0];
	assert_int_equal(t->state, TASK_RUNNING);
	assert_false(t->finished);
	assert_int_equal(t->progress, 0);
	assert_int_equal(t->finish_time, 0);
	assert_int_equal(t->n_clips, 2);
	assert_string_equal(t->clips[1].audio_url,
			    "https://audiopipe.suno.ai/?item_id=fe69611b-fc72-4f6e-b476-5eef0b88c2e3");
	assert_true(t->clips[1].duration < 0);
	assert_null(task_first_audio(t));
	reply_free(&r);

	test_parse_sample("get-not-start.json", 200, false, &r);
	assert_int_equal(r.cls, REPLY_OK);
	t = r.tasks[0];
	assert_string_equal(t->status, "NOT_START");
	assert_int_equal(t->state, TASK_WAITING);
	assert_null(t->notify_hook);
	assert_int_equal(t->n_clips, 0);
	assert_null(t->lyrics);
	assert_null(t->data_text);
	reply_free(&r);

	test_parse_sample("get-queued.json", 200, false, &r);
	t = r.tasks[0];
	assert_int_equal(t->state, TASK_WAITING);
	assert_int_equal(t->start_time, 0);
	assert_string_equal(t->clips[0].status, "queued");
	assert_string_equal(t->clips[1].tags, "synthwave, dreamy");
	assert_string_equal(t->clips[0].major_model_version, "v3.5");
	assert_string_equal(task_title(t), "Electric Dreams");
	reply_free(&r);
}

static void test_lyrics(void **state)
{
	struct reply r;
	struct task *t;

	(void)state;
	test_parse_sample("get-lyrics-success.json", 200, false, &r);
	t = r.tasks[0];
	assert_string_equal(t->action, "LYRICS");
	assert_int_equal(t->n_clips, 0);
	assert_non_null(t->lyrics);
	assert_string_equal(t->lyrics->title, "喵星摇滚");
	assert_string_equal(t->lyrics->id, "b85c241a-4d97-4ee4-1111-68c053509b24");
	assert_string_equal(t->lyrics->status, "complete");
	assert_true(strncmp(t->lyrics->text, "[Verse]\n喵星人 爬上墙\n", 25) == 0);
	assert_string_equal(task_title(t), "喵星摇滚");
	reply_free(&r);
}

static void test_batches(void **state)
{
	struct reply r;

	(void)state;
	test_parse_sample("batch-mixed.json", 200, true, &r);
	assert_int_equal(r.cls, REPLY_OK);
	assert_int_equal(r.n_tasks, 3);
	assert_string_equal(r.tasks[0]->task_id, "b85c241a-4d97-4ee4-1111-68c053509b24");
	assert_string_equal(r.tasks[1]->task_id, "bee8f32e1994417ba8d7485d1aaf3b26");
	assert_string_equal(r.tasks[2]->task_id, "346c5d10-a4a1-4f49-a851-66a7dae6cfaf");
	assert_non_null(r.tasks[0]->lyrics);
	assert_true(r.tasks[1]->clips[0].duration == 132.76);
	assert_int_equal(r.tasks[2]->state, TASK_RUNNING);
	reply_free(&r);

	test_parse_sample("batch-empty-ids.json", 200, true, &r);
	assert_int_equal(r.cls, REPLY_OK);
	assert_int_equal(r.n_tasks, 0);
	assert_false(r.data_null);
	reply_free(&r);

	test_parse_str("{\"code\":\"success\",\"message\":\"\",\"data\":null}", 200, true, &r);
	assert_int_equal(r.cls, REPLY_OK);
	assert_int_equal(r.n_tasks, 0);
	assert_true(r.data_null);
	reply_free(&r);

	/* Non-objects and objects without a task_id are skipped. */
	test_parse_str("{\"code\":\"success\",\"data\":[1,\"x\",null,{\"status\":\"SUCCESS\"},"
		       "{\"task_id\":7},{\"task_id\":\"a\"}]}", 200, true, &r);
	assert_int_equal(r.cls, REPLY_OK);
	assert_int_equal(r.n_tasks, 1);
	assert_string_equal(r.tasks[0]->task_id, "a");
	assert_string_equal(r.tasks[0]->status, "");
	assert_int_equal(r.tasks[0]->progress, -1);
	reply_free(&r);

	test_parse_sample("submit-music-success.json", 200, false, &r);
	assert_int_equal(r.cls, REPLY_OK);
	assert_int_equal(r.n_tasks, 0);
	assert_false(r.data_null);
	reply_free(&r);
}

static void test_errors(void **state)
{
	struct reply r;

	(void)state;
	test_parse_sample("err-task-not-exist.json", 400, false, &r);
	assert_int_equal(r.cls, REPLY_NOT_FOUND);
	assert_string_equal(r.code, "task_not_exist");
	assert_string_equal(r.message, "task_not_exist");
	assert_int_equal(r.n_tasks, 0);
	assert_false(r.data_null);     /* only meaningful for REPLY_OK */
	reply_free(&r);

	test_parse_sample("err-unauthorized.json", 401, false, &r);
	assert_int_equal(r.cls, REPLY_KEY_REJECTED);
	assert_null(r.code);
	assert_non_null(strstr(r.message, "invalid token"));
	reply_free(&r);
	test_parse_sample("err-unauthorized.json", 403, true, &r);
	assert_int_equal(r.cls, REPLY_KEY_REJECTED);
	reply_free(&r);

	reply_parse(429, "", 0, NULL, false, &r);
	assert_int_equal(r.cls, REPLY_RETRY);
	assert_null(r.code);
	assert_null(r.message);
	assert_true(r.retry_after < 0);
	reply_free(&r);
	test_parse_sample("err-rate-limited-empty-body.txt", 429, true, &r);
	assert_int_equal(r.cls, REPLY_RETRY);
	reply_free(&r);
	reply_parse(429, NULL, 0, "2", false, &r);
	assert_int_equal(r.cls, REPLY_RETRY);
	assert_true(r.retry_after == 2.0);
	reply_free(&r);

	test_parse_str("{\"error\":{\"code\":\"invalid_request\",\"message\":\"bad\","
		       "\"type\":\"comet_api_error\"}}", 500, false, &r);
	assert_int_equal(r.cls, REPLY_FATAL);
	assert_string_equal(r.code, "invalid_request");
	assert_string_equal(r.message, "bad");
	reply_free(&r);
	test_parse_str("{\"code\":\"get_task_failed\",\"message\":\"db\",\"data\":null}", 500, true, &r);
	assert_int_equal(r.cls, REPLY_RETRY);
	assert_string_equal(r.code, "get_task_failed");
	reply_free(&r);
	test_parse_sample("err-batch-bad-json.json", 400, true, &r);
	assert_int_equal(r.cls, REPLY_FATAL);
	assert_string_equal(r.code, "invalid_request");
	reply_free(&r);

	test_parse_str("<html><body>Bad gateway</body></html>", 502, false, &r);
	assert_int_equal(r.cls, REPLY_RETRY);
	reply_free(&r);
	reply_parse(524, "", 0, NULL, true, &r);
	assert_int_equal(r.cls, REPLY_RETRY);
	reply_free(&r);
	reply_parse(503, "", 0, NULL, false, &r);
	assert_int_equal(r.cls, REPLY_RETRY);
	reply_free(&r);
	reply_parse(404, "", 0, NULL, false, &r);
	assert_int_equal(r.cls, REPLY_FATAL);
	reply_free(&r);
	test_parse_str("<html>404</html>", 404, true, &r);
	assert_int_equal(r.cls, REPLY_NO_BATCH);
	reply_free(&r);
	reply_parse(405, "", 0, NULL, true, &r);
	assert_int_equal(r.cls, REPLY_NO_BATCH);
	reply_free(&r);
	reply_parse(302, "", 0, NULL, false, &r);
	assert_int_equal(r.cls, REPLY_FATAL);
	reply_free(&r);
}

static void test_bad_success_bodies(void **state)
{
	static const char *bodies[] = {
		"<!doctype html><html><head><title>CometAPI</title></head></html>",
		"",
		"{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"x\"",
		"{\"code\":\"success\",\"data\":[]} trailing",
		"{\"code\":\"success\",\"data\":[]}{}",
		"[1,2,3]",
		"\"success\"",
	};
	/* A NUL right after a good body is garbage, not an end. */
	static const char nul_tail[] = "{\"code\":\"success\",\"data\":[]}\0 ";
	struct reply r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		size_t len = strlen(bodies[i]);

		bool html = bodies[i][0] == '<';

		reply_parse(200, bodies[i], len, NULL, false, &r);
		assert_int_equal(r.cls, REPLY_RETRY);
		assert_string_equal(r.message, html ?
				    "server answered with an HTML page, not JSON (wrong base URL?)" :
				    "server answered with a broken or truncated body, not JSON");
		assert_int_equal(r.n_tasks, 0);
		reply_free(&r);
		/* Only an HTML page means the batch endpoint is missing. */
		reply_parse(200, bodies[i], len, NULL, true, &r);
		assert_int_equal(r.cls, html ? REPLY_NO_BATCH : REPLY_RETRY);
		reply_free(&r);
	}

	reply_parse(200, nul_tail, sizeof(nul_tail) - 1, NULL, false, &r);
	assert_int_equal(r.cls, REPLY_RETRY);
	reply_free(&r);

	/* Whitespace around a good body is fine. */
	test_parse_str(" \n{\"code\":\"success\",\"data\":[]}\r\n\t ", 200, true, &r);
	assert_int_equal(r.cls, REPLY_OK);
	reply_free(&r);

	/* JSON, but not a success. */
	test_parse_str("{\"code\":\"get_task_failed\",\"message\":\"later\",\"data\":null}",
		       200, false, &r);
	assert_int_equal(r.cls, REPLY_RETRY);
	assert_string_equal(r.code, "get_task_failed");
	assert_string_equal(r.message, "later");
	reply_free(&r);

	/* The length check comes before the body is read. */
	reply_parse(200, "{}", (size_t)INT_MAX + 1, NULL, false, &r);
	assert_int_equal(r.cls, REPLY_RETRY);
	reply_free(&r);
}

/* Nesting beyond json-c's limit (and far beyond) is named as such, not as a
 * broken body; nesting within it still parses. */
static void test_nesting_limit(void **state)
{
	static const int depths[] = { 40, 5000, 4 };
	struct strbuf sb;
	struct reply r;
	size_t k;
	int i;

	(void)state;
	strbuf_init(&sb);
	for (k = 0; k < sizeof(depths) / sizeof(depths[0]); k++) {
		strbuf_reset(&sb);
		strbuf_adds(&sb, "{\"code\":\"success\",\"data\":");
		for (i = 0; i < depths[k]; i++)
			strbuf_addc(&sb, '[');
		for (i = 0; i < depths[k]; i++)
			strbuf_addc(&sb, ']');
		strbuf_addc(&sb, '}');
		reply_parse(200, sb.buf, sb.len, NULL, false, &r);
		if (depths[k] > 32) {
			assert_int_equal(r.cls, REPLY_RETRY);
			assert_string_equal(r.message,
					    "server answered with JSON nested too deeply to read, not a task list");
		} else {
			assert_int_equal(r.cls, REPLY_OK);
		}
		reply_free(&r);
	}
	strbuf_release(&sb);
}

static void test_text_escapes(void **state)
{
	struct task *t;

	(void)state;
	t = test_one_task("{\"task_id\":\"e\",\"status\":\"SUCCESS\",\"data\":[{\"title\":"
			  "\"\\u003cb\\u003e \\u0026 \\ud83c\\udfb5\"}]}");
	assert_string_equal(t->clips[0].title, "<b> & \xF0\x9F\x8E\xB5");
	task_free(t);

	/* Invalid UTF-8 inside a string must not crash; each bad byte is
	 * kept as U+FFFD, so what is stored and written is valid UTF-8. */
	t = test_one_task("{\"task_id\":\"u\",\"status\":\"SUCCESS\",\"data\":[{\"title\":"
			  "\"a\xff\xc3(b\"}]}");
	assert_string_equal(t->clips[0].title, "a\xef\xbf\xbd\xef\xbf\xbd(b");
	task_free(t);

	/* A lone surrogate does not crash either. */
	t = test_one_task("{\"task_id\":\"s\",\"data\":[{\"title\":\"x\\ud83c\"}]}");
	assert_non_null(t->clips[0].title);
	task_free(t);
}

static void test_tolerant_fields(void **state)
{
	struct task *t;

	(void)state;
	/* Milliseconds, strings of digits, null, keys in another order,
	 * extra keys, lower-case status, numeric progress. */
	t = test_one_task("{\"data\":null,\"progress\":57,\"finish_time\":null,"
			  "\"start_time\":\"1726911812\",\"submit_time\":1726911801123,"
			  "\"status\":\"complete\",\"task_id\":\"m\",\"platform\":\"suno\","
			  "\"properties\":{\"x\":[1,2]},\"action\":\"\"}");
	assert_int_equal(t->submit_time, 1726911801);
	assert_int_equal(t->start_time, 1726911812);
	assert_int_equal(t->finish_time, 0);
	assert_int_equal(t->progress, 57);
	assert_int_equal(t->state, TASK_SUCCEEDED);
	assert_true(t->finished);
	assert_string_equal(t->action, "");
	assert_null(t->notify_hook);
	task_free(t);

	t = test_one_task("{\"task_id\":\"p\",\"progress\":\"42.5%\",\"status\":\"processing\","
			  "\"data\":\"a plain answer\"}");
	assert_int_equal(t->progress, 42);
	assert_int_equal(t->state, TASK_RUNNING);
	assert_string_equal(t->data_text, "a plain answer");
	assert_int_equal(t->n_clips, 0);
	task_free(t);

	t = test_one_task("{\"task_id\":\"g\",\"progress\":\"lots\",\"status\":\"WEIRD\","
			  "\"submit_time\":\"soon\",\"fail_reason\":null}");
	assert_int_equal(t->progress, -1);
	assert_int_equal(t->state, TASK_UNKNOWN);
	assert_false(t->finished);
	assert_int_equal(t->submit_time, 0);
	assert_string_equal(t->fail_reason, "");
	task_free(t);

	t = test_one_task("{\"task_id\":\"q\",\"progress\":\"100%\"}");
	assert_int_equal(t->progress, 100);
	task_free(t);
	t = test_one_task("{\"task_id\":\"q\",\"progress\":99.9}");
	assert_int_equal(t->progress, 99);
	task_free(t);
	t = test_one_task("{\"task_id\":\"q\",\"progress\":\" 0% \"}");
	assert_int_equal(t->progress, 0);
	task_free(t);

	/* Newer clips: top-level duration/tags, "state", wrong types. */
	t = test_one_task("{\"task_id\":\"c\",\"status\":\"SUCCESS\",\"data\":[{\"id\":\"c1\","
			  "\"state\":\"succeeded\",\"duration\":95,\"tags\":[\"rock\",\"pop\"],"
			  "\"title\":42,\"metadata\":{\"duration\":\"abc\"},\"audio_url\":\"u\"},"
			  "{\"id\":\"c2\",\"audio_url\":\"v\",\"metadata\":null}]}");
	assert_int_equal(t->n_clips, 2);
	assert_string_equal(t->clips[0].status, "succeeded");
	assert_true(t->clips[0].duration == 95.0);
	assert_string_equal(t->clips[0].tags, "rock, pop");
	assert_null(t->clips[0].title);
	assert_null(t->clips[1].status);
	assert_true(t->clips[1].duration < 0);
	assert_string_equal(task_first_audio(t), "u");
	task_free(t);

	/* Lyrics with tags as an array; sparse clip of a successful task. */
	t = test_one_task("{\"task_id\":\"l\",\"status\":\"SUCCESS\",\"data\":{\"id\":\"l1\","
			  "\"title\":\"T\",\"text\":\"x\",\"status\":\"complete\",\"tags\":[\"a\"]}}");
	assert_string_equal(t->lyrics->title, "T");
	task_free(t);
	t = test_one_task("{\"task_id\":\"s\",\"status\":\"SUCCESS\",\"data\":[{\"id\":\"1\","
			  "\"audio_url\":\"https://cdn1.suno.ai/1.mp3\"}]}");
	assert_string_equal(task_first_audio(t), "https://cdn1.suno.ai/1.mp3");
	task_free(t);

	assert_null(task_from_json_text("{\"status\":\"SUCCESS\"}", 20));
	assert_null(task_from_json_text("not json", 8));
	assert_null(task_from_json_text("[]", 2));
}

static void test_json_output(void **state)
{
	struct task *t = task_new("t-1");
	char *s;

	(void)state;
	free(t->action);
	t->action = xstrdup("MUSIC");
	free(t->status);
	t->status = xstrdup("complete");
	t->state = task_state_from_status(t->status, &t->finished);
	t->progress = 100;
	t->submit_time = 1726911801;
	t->start_time = 1726911812;
	t->clips = xcalloc(1, sizeof(*t->clips));
	t->n_clips = 1;
	t->clips[0].id = xstrdup("c/1");
	t->clips[0].title = xstrdup("快乐 \"周末\"\n");
	t->clips[0].status = xstrdup("complete");
	t->clips[0].duration = 128.92;
	t->clips[0].audio_url = xstrdup("https://cdn1.suno.ai/c1.mp3");
	s = task_to_json(t);
	assert_string_equal(s,
		"{\"task_id\":\"t-1\",\"action\":\"MUSIC\",\"status\":\"COMPLETE\",\"progress\":100,"
		"\"fail_reason\":\"\",\"submit_time\":1726911801,\"start_time\":1726911812,"
		"\"finish_time\":null,\"clips\":[{\"id\":\"c/1\",\"title\":\"快乐 \\\"周末\\\"\\n\","
		"\"status\":\"complete\",\"duration\":128.92,\"tags\":null,\"model_name\":null,"
		"\"audio_url\":\"https://cdn1.suno.ai/c1.mp3\",\"video_url\":null,\"image_url\":null,"
		"\"error_message\":null}],\"lyrics\":null,\"error\":null}");
	free(s);
	task_free(t);

	t = task_new_not_found("gone", "task_not_exist");
	assert_int_equal(t->state, TASK_NOT_FOUND);
	assert_true(t->finished);
	s = task_to_json(t);
	assert_string_equal(s,
		"{\"task_id\":\"gone\",\"action\":\"\",\"status\":\"NOT_FOUND\",\"progress\":0,"
		"\"fail_reason\":\"\",\"submit_time\":null,\"start_time\":null,\"finish_time\":null,"
		"\"clips\":[],\"lyrics\":null,\"error\":\"task_not_exist\"}");
	free(s);
	task_free(t);

	t = task_new("w");
	s = task_to_json(t);
	assert_non_null(strstr(s, "\"status\":\"QUEUED\""));
	free(s);
	task_free(t);
}

/* parse -> print -> parse -> print is stable, and clones print the same. */
static void test_round_trip(void **state)
{
	static const char *samples[] = {
		"get-success-music.json", "get-failure.json", "get-failure-timeout.json",
		"get-in-progress.json", "get-lyrics-success.json", "get-not-start.json",
		"get-queued.json", "batch-mixed.json",
	};
	size_t i, j, total = 0;

	(void)state;
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		struct reply r;

		test_parse_sample(samples[i], 200, false, &r);
		assert_int_equal(r.cls, REPLY_OK);
		for (j = 0; j < r.n_tasks; j++) {
			char *first = task_to_json(r.tasks[j]);
			struct task *back = task_from_json_text(first, strlen(first));
			struct task *copy = task_clone(r.tasks[j]);
			char *second, *third;

			assert_non_null(back);
			second = task_to_json(back);
			third = task_to_json(copy);
			assert_string_equal(first, second);
			assert_string_equal(first, third);
			assert_false(task_changed(r.tasks[j], back));
			assert_int_equal(back->state, r.tasks[j]->state);
			assert_int_equal(back->n_clips, r.tasks[j]->n_clips);
			free(first);
			free(second);
			free(third);
			task_free(back);
			task_free(copy);
			total++;
		}
		reply_free(&r);
	}
	assert_int_equal(total, 10);
}

/* Every cut of every sample is refused cleanly; only the whole body is OK. */
static void test_truncations(void **state)
{
	static const char *samples[] = {
		"get-success-music.json", "get-failure.json", "get-lyrics-success.json",
		"batch-mixed.json", "err-unauthorized.json",
	};
	size_t i, cut, len;

	(void)state;
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char *body = test_read_sample(samples[i], &len);

		while (len && (body[len - 1] == '\n' || body[len - 1] == ' '))
			len--;
		for (cut = 0; cut < len; cut++) {
			/* A copy of exactly `cut` bytes so ASan sees any overread. */
			char *part = xmalloc(cut ? cut : 1);
			struct reply r;

			memcpy(part, body, cut);
			reply_parse(200, part, cut, NULL, false, &r);
			assert_int_equal(r.cls, REPLY_RETRY);
			assert_int_equal(r.n_tasks, 0);
			reply_free(&r);
			free(part);
		}
		free(body);
	}
}

static void test_changed(void **state)
{
	struct task *a = test_one_task("{\"task_id\":\"x\",\"status\":\"IN_PROGRESS\","
				       "\"progress\":\"0%\",\"data\":[{\"status\":\"streaming\"}]}");
	struct task *b = task_clone(a);

	(void)state;
	assert_false(task_changed(a, b));
	b->submit_time = 5;     /* not something --watch prints */
	assert_false(task_changed(a, b));
	free(b->clips[0].status);
	b->clips[0].status = xstrdup("complete");
	assert_true(task_changed(a, b));
	task_free(b);
	b = task_clone(a);
	free(b->fail_reason);
	b->fail_reason = xstrdup("time out");
	assert_true(task_changed(a, b));
	task_free(b);
	b = task_clone(a);
	b->progress = 100;
	assert_true(task_changed(a, b));
	task_free(b);
	task_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_words),
		cmocka_unit_test(test_success_music),
		cmocka_unit_test(test_failure),
		cmocka_unit_test(test_in_progress_and_waiting),
		cmocka_unit_test(test_lyrics),
		cmocka_unit_test(test_batches),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_bad_success_bodies),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_text_escapes),
		cmocka_unit_test(test_tolerant_fields),
		cmocka_unit_test(test_json_output),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_changed),
	};

	return cmocka_run_group_tests_name("taskjson", tests, NULL, NULL);
}
