/* Unit tests of submit requests: every field of every body, every refusal,
 * the model table, and requests filled from a sent body, from a failed
 * task's clip and for an extend. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "submitreq.h"
#include "taskjson.h"
#include "util.h"

#define CLIP "3435e194-50e7-4edc-9442-bffe072fccfc"
#define TASK "2a145658-3342-4228-b779-b8323a2b77df"

static void req_custom(struct submit_req *r)
{
	submit_req_init(r);
	r->lyrics = xstrdup("[Verse]\nline one\n\"quoted\"\tand tab");
	r->tags = xstrdup("synthwave, dreamy");
	r->title = xstrdup("Neon Harbor");
}

/* The body is the expected text exactly, and passes the check first. */
static void assert_body(const struct submit_req *r, const char *path, const char *want)
{
	char *why = submit_req_check(r);
	char *body;

	if (why)
		fail_msg("refused: %s", why);
	body = submit_req_body(r);
	assert_string_equal(submit_req_path(r), path);
	assert_string_equal(body, want);
	free(body);
}

/* Refused, with a reason containing `part`. */
static void assert_refused(const struct submit_req *r, const char *part)
{
	char *why = submit_req_check(r);

	if (!why)
		fail_msg("accepted, but should be refused for '%s'", part);
	if (!strstr(why, part))
		fail_msg("reason '%s' lacks '%s'", why, part);
	free(why);
}

static void test_body_custom(void **state)
{
	struct submit_req r;

	(void)state;
	req_custom(&r);
	assert_body(&r, SUBMIT_PATH_MUSIC,
		    "{\"prompt\":\"[Verse]\\nline one\\n\\\"quoted\\\"\\tand tab\","
		    "\"tags\":\"synthwave, dreamy\",\"title\":\"Neon Harbor\",\"make_instrumental\":false}");
	r.negative_tags = xstrdup("metal, screaming");
	r.model = xstrdup("chirp-v4");
	r.instrumental = true;
	assert_body(&r, SUBMIT_PATH_MUSIC,
		    "{\"prompt\":\"[Verse]\\nline one\\n\\\"quoted\\\"\\tand tab\","
		    "\"tags\":\"synthwave, dreamy\",\"title\":\"Neon Harbor\","
		    "\"negative_tags\":\"metal, screaming\",\"mv\":\"chirp-v4\",\"make_instrumental\":true}");
	submit_req_free(&r);
}

static void test_body_custom_defaults(void **state)
{
	struct submit_req r;

	(void)state;
	submit_req_init(&r);
	/* no tags, no title: sent empty; an empty negative list is left out;
	 * an instrumental song may have no words at all */
	r.lyrics = xstrdup("");
	r.negative_tags = xstrdup("");
	r.instrumental = true;
	assert_body(&r, SUBMIT_PATH_MUSIC,
		    "{\"prompt\":\"\",\"tags\":\"\",\"title\":\"\",\"make_instrumental\":true}");
	submit_req_free(&r);
}

static void test_body_inspiration(void **state)
{
	struct submit_req r;

	(void)state;
	submit_req_init(&r);
	r.mode = SUBMIT_INSPIRATION;
	r.description = xstrdup("一首关于周末的欢快歌曲 / with <html> & slashes");
	r.model = xstrdup("v5");   /* a label gives its mv */
	assert_body(&r, SUBMIT_PATH_MUSIC,
		    "{\"gpt_description_prompt\":\"一首关于周末的欢快歌曲 / with <html> & slashes\","
		    "\"prompt\":\"\",\"mv\":\"chirp-crow\",\"make_instrumental\":false}");
	r.instrumental = true;
	free(r.model);
	r.model = xstrdup("custom:chirp-v3-5-upload");
	assert_body(&r, SUBMIT_PATH_MUSIC,
		    "{\"gpt_description_prompt\":\"一首关于周末的欢快歌曲 / with <html> & slashes\","
		    "\"prompt\":\"\",\"mv\":\"chirp-v3-5-upload\",\"make_instrumental\":true}");
	submit_req_free(&r);
}

static void test_body_extend(void **state)
{
	struct submit_req r;

	(void)state;
	req_custom(&r);
	r.mode = SUBMIT_EXTEND;
	r.model = xstrdup("chirp-bluejay");
	r.continue_clip = xstrdup(CLIP);
	r.continue_at = 128.92;
	r.task_id = xstrdup(TASK);
	assert_body(&r, SUBMIT_PATH_MUSIC,
		    "{\"prompt\":\"[Verse]\\nline one\\n\\\"quoted\\\"\\tand tab\","
		    "\"tags\":\"synthwave, dreamy\",\"title\":\"Neon Harbor\",\"mv\":\"chirp-bluejay\","
		    "\"make_instrumental\":false,\"continue_clip_id\":\"" CLIP "\","
		    "\"continue_at\":128.92,\"task_id\":\"" TASK "\"}");
	/* whole seconds print as an integer; an unknown task is left out */
	r.continue_at = 60;
	free(r.task_id);
	r.task_id = NULL;
	assert_body(&r, SUBMIT_PATH_MUSIC,
		    "{\"prompt\":\"[Verse]\\nline one\\n\\\"quoted\\\"\\tand tab\","
		    "\"tags\":\"synthwave, dreamy\",\"title\":\"Neon Harbor\",\"mv\":\"chirp-bluejay\","
		    "\"make_instrumental\":false,\"continue_clip_id\":\"" CLIP "\",\"continue_at\":60}");
	r.continue_at = 12.5;
	assert_body(&r, SUBMIT_PATH_MUSIC,
		    "{\"prompt\":\"[Verse]\\nline one\\n\\\"quoted\\\"\\tand tab\","
		    "\"tags\":\"synthwave, dreamy\",\"title\":\"Neon Harbor\",\"mv\":\"chirp-bluejay\","
		    "\"make_instrumental\":false,\"continue_clip_id\":\"" CLIP "\",\"continue_at\":12.5}");
	submit_req_free(&r);
}

static void test_body_lyrics(void **state)
{
	struct submit_req r;

	(void)state;
	submit_req_init(&r);
	r.mode = SUBMIT_LYRICS;
	r.description = xstrdup("a song about rain on a tin roof");
	assert_body(&r, SUBMIT_PATH_LYRICS, "{\"prompt\":\"a song about rain on a tin roof\"}");
	submit_req_free(&r);
}

static void test_models(void **state)
{
	const struct submit_model *m;
	size_t n, i;
	const char *mvs[] = { "chirp-v3-0", "chirp-v3-5", "chirp-v4", "chirp-auk", "chirp-bluejay",
			      "chirp-crow" };

	(void)state;
	m = submit_models(&n);
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++) {
		assert_string_equal(m[i].mv, mvs[i]);
		assert_ptr_equal(submit_model_find(m[i].label), &m[i]);
		assert_ptr_equal(submit_model_find(m[i].mv), &m[i]);
	}
	assert_string_equal(submit_model_find("v4.5")->mv, "chirp-auk");
	assert_string_equal(submit_model_find("v4.5+")->mv, "chirp-bluejay");
	assert_null(submit_model_find("chirp-v9"));
	assert_null(submit_model_find(NULL));
}

static void test_refusals_mode(void **state)
{
	struct submit_req r;

	(void)state;
	submit_req_init(&r);
	assert_refused(&r, "give lyrics (--lyrics, --lyrics-file) or a description (--describe)");
	r.lyrics = xstrdup("la");
	r.description = xstrdup("about");
	assert_refused(&r, "not both");
	free(r.description);
	r.description = NULL;
	r.continue_at = 30;
	assert_refused(&r, "--at needs --extend CLIP_ID");
	r.continue_at = -1;
	r.continue_clip = xstrdup(CLIP);
	assert_refused(&r, "only for extend mode");
	r.mode = SUBMIT_EXTEND;
	assert_refused(&r, "--extend needs --at SECONDS");
	free(r.continue_clip);
	r.continue_clip = NULL;
	r.continue_at = 30;
	assert_refused(&r, "--at needs --extend");
	submit_req_free(&r);

	submit_req_init(&r);
	r.mode = SUBMIT_EXTEND;
	r.description = xstrdup("about");
	r.continue_clip = xstrdup(CLIP);
	r.continue_at = 30;
	assert_refused(&r, "takes lyrics");
	submit_req_free(&r);

	req_custom(&r);
	r.task_id = xstrdup(TASK);
	assert_refused(&r, "only sent with a clip to continue");
	submit_req_free(&r);

	submit_req_init(&r);
	r.lyrics = xstrdup("");
	assert_refused(&r, "--instrumental for a song without words");
	submit_req_free(&r);

	submit_req_init(&r);
	r.mode = SUBMIT_INSPIRATION;
	r.description = xstrdup("");
	assert_refused(&r, "the description (--describe) is empty");
	r.tags = xstrdup("rock");
	assert_refused(&r, "takes no title or tags");
	free(r.tags);
	r.tags = NULL;
	r.title = xstrdup("t");
	assert_refused(&r, "takes no title or tags");
	free(r.title);
	r.title = NULL;
	r.negative_tags = xstrdup("t");
	assert_refused(&r, "takes no title or tags");
	free(r.description);
	r.description = NULL;
	r.lyrics = xstrdup("la");
	assert_refused(&r, "inspiration mode needs a description");
	submit_req_free(&r);

	submit_req_init(&r);
	r.mode = SUBMIT_INSPIRATION;
	r.lyrics = xstrdup("la");
	assert_refused(&r, "inspiration mode needs a description");
	submit_req_free(&r);

	submit_req_init(&r);
	r.description = xstrdup("about");
	assert_refused(&r, "custom mode needs lyrics");
	submit_req_free(&r);
}

static void test_refusals_lyrics_mode(void **state)
{
	struct submit_req r;

	(void)state;
	submit_req_init(&r);
	r.mode = SUBMIT_LYRICS;
	assert_refused(&r, "(--write-lyrics) is empty");
	r.description = xstrdup("");
	assert_refused(&r, "(--write-lyrics) is empty");
	free(r.description);
	r.description = xstrdup("rain");
	r.title = xstrdup("t");
	assert_refused(&r, "takes only its text");
	free(r.title);
	r.title = NULL;
	r.instrumental = true;
	assert_refused(&r, "takes only its text");
	r.instrumental = false;
	r.model = xstrdup("v5");
	assert_refused(&r, "takes only its text");
	free(r.model);
	r.model = NULL;
	r.continue_at = 3;
	assert_refused(&r, "takes only its text");
	r.continue_at = -1;
	r.description = xrealloc(r.description, SUBMIT_MAX_LYRICS_PROMPT + 2);
	memset(r.description, 'a', SUBMIT_MAX_LYRICS_PROMPT + 1);
	r.description[SUBMIT_MAX_LYRICS_PROMPT + 1] = '\0';
	assert_refused(&r, "the text for the lyrics writer is 501 characters long; the limit is 500");
	r.description[SUBMIT_MAX_LYRICS_PROMPT] = '\0';
	assert_null(submit_req_check(&r));
	submit_req_free(&r);
}

static void test_refusals_model(void **state)
{
	struct submit_req r;
	char *why;

	(void)state;
	req_custom(&r);
	r.model = xstrdup("chirp-v9");
	why = submit_req_check(&r);
	assert_non_null(why);
	/* the message lists every known model and the way out */
	assert_non_null(strstr(why, "unknown model 'chirp-v9' (--model)"));
	assert_non_null(strstr(why, "chirp-v3-0 (v3), chirp-v3-5 (v3.5), chirp-v4 (v4), chirp-auk (v4.5), chirp-bluejay (v4.5+), chirp-crow (v5)"));
	assert_non_null(strstr(why, "custom:NAME"));
	free(why);
	free(r.model);
	r.model = xstrdup("custom:");
	assert_refused(&r, "needs a name of 1 to 64 characters");
	free(r.model);
	r.model = xstrdup("custom:has space");
	assert_refused(&r, "printable ASCII without spaces");
	free(r.model);
	r.model = xstrdup("custom:chirp-v9");
	assert_null(submit_req_check(&r));
	submit_req_free(&r);
}

/* A string of n copies of the UTF-8 character ch. */
static char *repeat(const char *ch, size_t n)
{
	size_t l = strlen(ch), i;
	char *s = xmalloc(l * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * l, ch, l);
	s[l * n] = '\0';
	return s;
}

/* Field `slot` of r at the limit passes, one character more is refused. */
static void assert_limit(struct submit_req *r, char **slot, size_t limit, const char *what)
{
	char *why, *want;

	free(*slot);
	*slot = repeat("é", limit);        /* characters, not bytes */
	why = submit_req_check(r);
	if (why)
		fail_msg("%s at its limit %zu refused: %s", what, limit, why);
	free(*slot);
	*slot = repeat("é", limit + 1);
	want = xasprintf("%s is %zu characters long; the limit is %zu", what, limit + 1, limit);
	assert_refused(r, want);
	free(want);
	free(*slot);
	*slot = xstrdup("ok");
}

static void test_refusals_limits(void **state)
{
	struct submit_req r;

	(void)state;
	req_custom(&r);
	assert_limit(&r, &r.title, SUBMIT_MAX_TITLE, "the title (--title)");
	assert_limit(&r, &r.tags, 1000, "the style tags (--tags)");
	assert_limit(&r, &r.negative_tags, SUBMIT_MAX_NEGATIVE_TAGS, "the negative tags (--negative-tags)");
	assert_limit(&r, &r.lyrics, 5000, "the lyrics");
	/* older models take less */
	r.model = xstrdup("chirp-v3-5");
	assert_limit(&r, &r.lyrics, 3000, "the lyrics");
	assert_limit(&r, &r.tags, 200, "the style tags (--tags)");
	free(r.model);
	r.model = xstrdup("v4.5+");
	assert_limit(&r, &r.lyrics, 5000, "the lyrics");
	submit_req_free(&r);

	submit_req_init(&r);
	r.mode = SUBMIT_INSPIRATION;
	assert_limit(&r, &r.description, SUBMIT_MAX_DESCRIPTION, "the description (--describe)");
	submit_req_free(&r);
}

static void test_refusals_text(void **state)
{
	struct submit_req r;

	(void)state;
	req_custom(&r);
	free(r.title);
	r.title = xstrdup("two\nlines");
	assert_refused(&r, "the title (--title) contains a control character (byte 0x0a); it must be one line");
	free(r.title);
	r.title = xstrdup("bell\a");
	assert_refused(&r, "byte 0x07");
	free(r.title);
	r.title = xstrdup("del\x7f");
	assert_refused(&r, "byte 0x7f");
	free(r.title);
	r.title = xstrdup("bad \xc3\x28 utf8");
	assert_refused(&r, "the title (--title) is not valid UTF-8");
	free(r.title);
	r.title = xstrdup("overlong \xc0\xaf");
	assert_refused(&r, "not valid UTF-8");
	free(r.title);
	r.title = xstrdup("surrogate \xed\xa0\x80");
	assert_refused(&r, "not valid UTF-8");
	free(r.title);
	r.title = xstrdup("fine 🚋");
	free(r.tags);
	r.tags = xstrdup("tab\there");
	assert_refused(&r, "the style tags (--tags) contains a control character (byte 0x09)");
	free(r.tags);
	r.tags = xstrdup("rock");
	free(r.lyrics);
	r.lyrics = xstrdup("carriage\r\nreturn");
	assert_refused(&r, "the lyrics contains a control character (byte 0x0d)");
	free(r.lyrics);
	r.lyrics = xstrdup("escape \x1b[31m");
	assert_refused(&r, "byte 0x1b");
	free(r.lyrics);
	r.lyrics = xstrdup("new\nlines\tand tabs are fine");
	assert_null(submit_req_check(&r));
	submit_req_free(&r);
}

static void test_refusals_extend(void **state)
{
	struct submit_req r;

	(void)state;
	req_custom(&r);
	r.mode = SUBMIT_EXTEND;
	r.continue_clip = xstrdup("not a clip!");
	r.continue_at = 30;
	assert_refused(&r, "the clip to continue (--extend) is not a clip id");
	free(r.continue_clip);
	r.continue_clip = xstrdup(CLIP);
	r.task_id = xstrdup("bad id");
	assert_refused(&r, "the task of the clip is not a task id");
	free(r.task_id);
	r.task_id = NULL;
	r.continue_at = 0;
	assert_refused(&r, "--at must be a number of seconds above 0 and at most 3600");
	r.continue_at = 3600.5;
	assert_refused(&r, "--at must be");
	r.continue_at = NAN;
	assert_refused(&r, "--at must be");
	r.continue_at = 3600;
	assert_null(submit_req_check(&r));
	submit_req_free(&r);
}

/* A body parsed back gives the same request, and the same body again. */
static void assert_round_trip(const struct submit_req *r)
{
	struct submit_req back;
	char *body = submit_req_body(r), *again;

	assert_true(submit_req_from_body(&back, submit_req_path(r), body));
	assert_int_equal(back.mode, r->mode);
	assert_null(submit_req_check(&back));
	again = submit_req_body(&back);
	assert_string_equal(again, body);
	free(again);
	free(body);
	submit_req_free(&back);
}

static void test_from_body(void **state)
{
	struct submit_req r;

	(void)state;
	req_custom(&r);
	r.negative_tags = xstrdup("metal");
	r.model = xstrdup("custom:chirp-v9");
	r.instrumental = true;
	assert_round_trip(&r);
	r.mode = SUBMIT_EXTEND;
	r.continue_clip = xstrdup(CLIP);
	r.continue_at = 99.25;
	r.task_id = xstrdup(TASK);
	assert_round_trip(&r);
	submit_req_free(&r);

	submit_req_init(&r);
	r.mode = SUBMIT_INSPIRATION;
	r.description = xstrdup("a heavy song");
	r.model = xstrdup("chirp-auk");
	assert_round_trip(&r);
	submit_req_free(&r);

	submit_req_init(&r);
	r.mode = SUBMIT_LYRICS;
	r.description = xstrdup("rain");
	assert_round_trip(&r);
	submit_req_free(&r);

	assert_false(submit_req_from_body(&r, SUBMIT_PATH_MUSIC, "not json"));
	assert_false(submit_req_from_body(&r, SUBMIT_PATH_MUSIC, "[1]"));
	assert_false(submit_req_from_body(&r, "/elsewhere", "{}"));
	assert_false(submit_req_from_body(&r, NULL, "{}"));
	submit_req_free(&r);
}

static char *read_sample(const char *name)
{
	const char *dir = getenv("SRCDIR");
	char *path, chunk[4096];
	struct strbuf sb;
	FILE *f;
	size_t n;

	assert_non_null(dir);
	path = xasprintf("%s/tests/data/%s", dir, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	strbuf_init(&sb);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, n);
	fclose(f);
	free(path);
	return strbuf_detach(&sb);
}

/* The one task in a sample's envelope. */
static struct task *sample_task(const char *name)
{
	char *body = read_sample(name);
	struct reply rp;
	struct task *t;

	reply_parse(200, body, strlen(body), NULL, false, &rp);
	free(body);
	assert_int_equal(rp.cls, REPLY_OK);
	assert_int_equal(rp.n_tasks, 1);
	t = rp.tasks[0];
	rp.tasks[0] = NULL;
	reply_free(&rp);
	return t;
}

static void test_from_failed_task(void **state)
{
	struct task *t = sample_task("get-failure.json");
	struct submit_req r;

	(void)state;
	submit_req_from_task(&r, t);
	/* the failed clip was made from a description: that is what to fix */
	assert_int_equal(r.mode, SUBMIT_INSPIRATION);
	assert_string_equal(r.description, "a heavy song like metallica");
	assert_string_equal(r.model, "chirp-v3-5");
	assert_null(r.lyrics);
	assert_null(r.tags);
	assert_null(r.title);
	assert_false(r.instrumental);
	assert_null(submit_req_check(&r));
	submit_req_free(&r);
	task_free(t);
}

static const char custom_task[] =
	"{\"task_id\":\"task-0001\",\"action\":\"MUSIC\",\"status\":\"SUCCESS\",\"data\":[{"
	"\"id\":\"clip-0001\",\"title\":\"Heavy Weather\",\"model_name\":\"chirp-v3\","
	"\"major_model_version\":\"v3\",\"metadata\":{\"prompt\":\"[Verse]\\nstorm\","
	"\"tags\":\"thrash metal\",\"negative_tags\":\"pop\",\"make_instrumental\":true,"
	"\"gpt_description_prompt\":null,\"duration\":61.5}}]}";

static void test_from_custom_clip(void **state)
{
	struct task *t = task_from_json_text(custom_task, strlen(custom_task));
	struct submit_req r;

	(void)state;
	assert_non_null(t);
	submit_req_from_task(&r, t);
	assert_int_equal(r.mode, SUBMIT_CUSTOM);
	assert_string_equal(r.lyrics, "[Verse]\nstorm");
	assert_string_equal(r.tags, "thrash metal");
	assert_string_equal(r.negative_tags, "pop");
	assert_string_equal(r.title, "Heavy Weather");
	assert_true(r.instrumental);
	/* "chirp-v3" is not an mv; its major version names one */
	assert_string_equal(r.model, "chirp-v3-0");
	assert_null(submit_req_check(&r));
	submit_req_free(&r);

	submit_req_extend(&r, t, 0);
	assert_int_equal(r.mode, SUBMIT_EXTEND);
	assert_string_equal(r.continue_clip, "clip-0001");
	assert_true(r.continue_at == 61.5);
	assert_string_equal(r.task_id, "task-0001");
	assert_string_equal(r.lyrics, "[Verse]\nstorm");
	assert_null(submit_req_check(&r));
	submit_req_free(&r);

	/* no such clip: extend mode, nothing to continue yet */
	submit_req_extend(&r, t, 5);
	assert_int_equal(r.mode, SUBMIT_EXTEND);
	assert_null(r.continue_clip);
	assert_refused(&r, "extend mode needs the clip to continue");
	submit_req_free(&r);
	task_free(t);
}

static void test_from_other_tasks(void **state)
{
	struct task *t = sample_task("get-success-music.json");
	struct submit_req r;

	(void)state;
	/* made from a description: a retry keeps the description */
	submit_req_from_task(&r, t);
	assert_int_equal(r.mode, SUBMIT_INSPIRATION);
	assert_string_equal(r.description, "一首关于周末的欢快歌曲");
	submit_req_free(&r);
	/* an extend takes the clip's lyrics and style instead */
	submit_req_extend(&r, t, 1);
	assert_int_equal(r.mode, SUBMIT_EXTEND);
	assert_string_equal(r.continue_clip, t->clips[1].id);
	assert_string_equal(r.tags, "heartfelt salsa");
	assert_non_null(strstr(r.lyrics, "[Chorus]"));
	assert_null(r.description);
	submit_req_free(&r);
	task_free(t);

	t = sample_task("get-lyrics-success.json");
	submit_req_from_task(&r, t);
	assert_int_equal(r.mode, SUBMIT_LYRICS);
	assert_string_equal(r.description, "");
	submit_req_free(&r);
	task_free(t);

	t = task_new("nothing-yet");
	submit_req_from_task(&r, t);
	assert_int_equal(r.mode, SUBMIT_CUSTOM);
	assert_string_equal(r.lyrics, "");
	submit_req_free(&r);
	task_free(t);
}

static void test_copy(void **state)
{
	struct submit_req a, b;
	char *ba, *bb;

	(void)state;
	req_custom(&a);
	a.mode = SUBMIT_EXTEND;
	a.negative_tags = xstrdup("x");
	a.model = xstrdup("v4");
	a.continue_clip = xstrdup(CLIP);
	a.continue_at = 10;
	a.task_id = xstrdup(TASK);
	submit_req_copy(&b, &a);
	ba = submit_req_body(&a);
	submit_req_free(&a);
	bb = submit_req_body(&b);
	assert_string_equal(ba, bb);
	free(ba);
	free(bb);
	submit_req_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_custom),
		cmocka_unit_test(test_body_custom_defaults),
		cmocka_unit_test(test_body_inspiration),
		cmocka_unit_test(test_body_extend),
		cmocka_unit_test(test_body_lyrics),
		cmocka_unit_test(test_models),
		cmocka_unit_test(test_refusals_mode),
		cmocka_unit_test(test_refusals_lyrics_mode),
		cmocka_unit_test(test_refusals_model),
		cmocka_unit_test(test_refusals_limits),
		cmocka_unit_test(test_refusals_text),
		cmocka_unit_test(test_refusals_extend),
		cmocka_unit_test(test_from_body),
		cmocka_unit_test(test_from_failed_task),
		cmocka_unit_test(test_from_custom_clip),
		cmocka_unit_test(test_from_other_tasks),
		cmocka_unit_test(test_copy),
	};

	return cmocka_run_group_tests_name("submitreq", tests, NULL, NULL);
}
