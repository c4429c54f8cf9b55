/* Unit tests of the task field table: every field of a task, its clips and
 * its lyrics survives a save and a load through the store; clone, equality,
 * "did it change" and slimming follow the table; --json keeps its keys. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "store.h"
#include "task.h"
#include "taskjson.h"
#include "tasklist.h"
#include "util.h"

#define TEST_ID "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"

static char test_dir[4096];

static int test_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int test_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(test_dir, sizeof(test_dir), "%s/test_fields.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(test_dir) ? 0 : -1;
}

static int test_teardown(void **state)
{
	(void)state;
	return nftw(test_dir, test_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Saves t under its id through the store and loads it back. */
static struct task *test_save_load(const struct task *t)
{
	char *path = xasprintf("%s/tasks.json", test_dir), *warn = NULL, *err = NULL;
	struct tasklist *tl = tasklist_new(), *back = tasklist_new();
	struct store *s = store_open(path, &warn, &err);
	struct entry *e;
	struct task *got;

	assert_non_null(s);
	assert_null(warn);
	e = tasklist_add(tl, t->task_id, 1700000000);
	e->task = task_clone(t);
	e->fetched = 1700000001;
	assert_int_equal(store_save(s, tl, &err), 0);
	assert_int_equal(store_load(s, back, &warn, &err), 0);
	assert_null(warn);
	assert_int_equal(tasklist_count(back), 1);
	e = tasklist_at(back, 0);
	assert_string_equal(e->id, t->task_id);
	assert_non_null(e->task);
	got = e->task;
	e->task = NULL;
	store_close(s);
	tasklist_free(tl);
	tasklist_free(back);
	free(path);
	return got;
}

/* NULL-safe: a field lost on the way names itself instead of crashing. */
#define test_str(got, want) do { \
		const char *test_got_ = (got), *test_want_ = (want); \
		if (!test_want_) { \
			assert_null(test_got_); \
		} else { \
			assert_non_null(test_got_); \
			assert_string_equal(test_got_, test_want_); \
		} \
	} while (0)

static void test_clip_fill(struct clip *c, int k)
{
	c->id = xasprintf("clip-%d-id", k);
	c->title = xasprintf("clip-%d-title", k);
	c->status = xasprintf("clip-%d-status", k);
	c->audio_url = xasprintf("https://example.invalid/%d/audio.mp3", k);
	c->video_url = xasprintf("https://example.invalid/%d/video.mp4", k);
	c->image_url = xasprintf("https://example.invalid/%d/image.png", k);
	c->image_large_url = xasprintf("https://example.invalid/%d/large.png", k);
	c->model_name = xasprintf("clip-%d-model", k);
	c->major_model_version = xasprintf("clip-%d-major", k);
	c->created_at = xasprintf("clip-%d-created", k);
	c->tags = xasprintf("clip-%d-tags", k);
	c->prompt = xasprintf("clip-%d-prompt", k);
	c->gpt_description_prompt = xasprintf("clip-%d-description", k);
	c->type = xasprintf("clip-%d-type", k);
	c->error_type = xasprintf("clip-%d-error-type", k);
	c->error_message = xasprintf("clip-%d-error-message", k);
	c->negative_tags = xasprintf("clip-%d-negative-tags", k);
	c->make_instrumental = k == 1;
	c->duration = 100.25 + k;
}

/* Every field by name, each with a value of its own. */
static struct task *test_full_task(void)
{
	struct task *t = task_new(TEST_ID);

	free(t->action);
	t->action = xstrdup("task-action");
	free(t->status);
	t->status = xstrdup("streaming");     /* as sent: the state file keeps the case */
	t->state = task_state_from_status(t->status, &t->finished);
	free(t->fail_reason);
	t->fail_reason = xstrdup("task-fail-reason");
	t->notify_hook = xstrdup("https://example.invalid/hook");
	t->progress = 37;
	t->submit_time = 1700000011;
	t->start_time = 1700000022;
	t->finish_time = 1700000033;
	t->n_clips = 2;
	t->clips = xcalloc(2, sizeof(*t->clips));
	test_clip_fill(&t->clips[0], 0);
	test_clip_fill(&t->clips[1], 1);
	t->lyrics = xcalloc(1, sizeof(*t->lyrics));
	t->lyrics->id = xstrdup("lyrics-id");
	t->lyrics->title = xstrdup("lyrics-title");
	t->lyrics->text = xstrdup("lyrics-text");
	t->lyrics->status = xstrdup("lyrics-status");
	t->data_text = xstrdup("task-data-text");
	t->error = xstrdup("task-error");
	return t;
}

static void test_clip_same(const struct clip *a, const struct clip *b)
{
	test_str(a->id, b->id);
	test_str(a->title, b->title);
	test_str(a->status, b->status);
	test_str(a->audio_url, b->audio_url);
	test_str(a->video_url, b->video_url);
	test_str(a->image_url, b->image_url);
	test_str(a->image_large_url, b->image_large_url);
	test_str(a->model_name, b->model_name);
	test_str(a->major_model_version, b->major_model_version);
	test_str(a->created_at, b->created_at);
	test_str(a->tags, b->tags);
	test_str(a->prompt, b->prompt);
	test_str(a->gpt_description_prompt, b->gpt_description_prompt);
	test_str(a->type, b->type);
	test_str(a->error_type, b->error_type);
	test_str(a->error_message, b->error_message);
	test_str(a->negative_tags, b->negative_tags);
	assert_int_equal(a->make_instrumental, b->make_instrumental);
	assert_true(a->duration == b->duration);
}

/* By name: fails on a field the state file drops (error_type was one). */
static void test_every_field_by_name(void **state)
{
	struct task *t = test_full_task(), *back;
	size_t i;

	(void)state;
	back = test_save_load(t);
	test_str(back->task_id, t->task_id);
	test_str(back->action, t->action);
	test_str(back->status, t->status);
	assert_int_equal(back->state, t->state);
	assert_int_equal(back->finished, t->finished);
	test_str(back->fail_reason, t->fail_reason);
	test_str(back->notify_hook, t->notify_hook);
	assert_int_equal(back->progress, t->progress);
	assert_int_equal(back->submit_time, t->submit_time);
	assert_int_equal(back->start_time, t->start_time);
	assert_int_equal(back->finish_time, t->finish_time);
	assert_int_equal(back->n_clips, t->n_clips);
	for (i = 0; i < t->n_clips; i++)
		test_clip_same(&back->clips[i], &t->clips[i]);
	assert_non_null(back->lyrics);
	test_str(back->lyrics->id, t->lyrics->id);
	test_str(back->lyrics->title, t->lyrics->title);
	test_str(back->lyrics->text, t->lyrics->text);
	test_str(back->lyrics->status, t->lyrics->status);
	test_str(back->data_text, t->data_text);
	test_str(back->error, t->error);
	task_free(back);

	/* Unset values stay unset: no progress, no times, no duration. */
	t->progress = -1;
	t->submit_time = t->start_time = t->finish_time = 0;
	t->clips[1].duration = -1;
	free(t->clips[1].error_type);
	t->clips[1].error_type = NULL;
	back = test_save_load(t);
	assert_int_equal(back->progress, -1);
	assert_int_equal(back->submit_time, 0);
	assert_int_equal(back->start_time, 0);
	assert_int_equal(back->finish_time, 0);
	assert_true(back->clips[1].duration < 0);
	assert_null(back->clips[1].error_type);
	test_str(back->clips[0].error_type, "clip-0-error-type");
	task_free(back);
	task_free(t);
}

/* Sets every field the table lists to a value of its own (k tells records
 * apart), so a field added to the table is covered here without an edit. */
static void test_fill(const struct task_fields *tab, void *rec, int k)
{
	size_t i;

	for (i = 0; i < tab->n; i++) {
		const struct task_field *f = &tab->field[i];

		switch (f->kind) {
		case TFK_STR:
		case TFK_TEXT:
		case TFK_TAGS:
			free(*TASK_FIELD_PTR(char *, rec, f));
			*TASK_FIELD_PTR(char *, rec, f) = xasprintf("%d-%s-%zu", k, f->key, i);
			break;
		case TFK_STATUS:
			free(*TASK_FIELD_PTR(char *, rec, f));
			*TASK_FIELD_PTR(char *, rec, f) = xstrdup("Processing");
			break;
		case TFK_PROGRESS:
			*TASK_FIELD_PTR(int, rec, f) = 10 + (int)i;
			break;
		case TFK_TIME:
			*TASK_FIELD_PTR(int64_t, rec, f) = 1700000000 + 100 * k + (int64_t)i;
			break;
		case TFK_SECS:
			*TASK_FIELD_PTR(double, rec, f) = 0.5 + k + (double)i;
			break;
		case TFK_BOOL:
			*TASK_FIELD_PTR(bool, rec, f) = true;
			break;
		case TFK_CLIPS: {
			struct task *t = rec;

			t->n_clips = 3;
			t->clips = xcalloc(3, sizeof(*t->clips));
			test_fill(&clip_field_table, &t->clips[0], 1);
			test_fill(&clip_field_table, &t->clips[1], 2);
			test_fill(&clip_field_table, &t->clips[2], 3);
			break;
		}
		case TFK_LYRICS:
			*TASK_FIELD_PTR(struct lyrics *, rec, f) = xcalloc(1, sizeof(struct lyrics));
			test_fill(&lyrics_field_table, *TASK_FIELD_PTR(struct lyrics *, rec, f), 9);
			break;
		}
	}
}

/* Field by field, naming the key that differs. */
static void test_same(const struct task_fields *tab, const void *a, const void *b)
{
	size_t i, j;

	for (i = 0; i < tab->n; i++) {
		const struct task_field *f = &tab->field[i];

		print_message("# field %s\n", f->key);
		switch (f->kind) {
		case TFK_STR:
		case TFK_TEXT:
		case TFK_STATUS:
		case TFK_TAGS:
			test_str(*TASK_FIELD_CPTR(char *, b, f), *TASK_FIELD_CPTR(char *, a, f));
			break;
		case TFK_PROGRESS:
			assert_int_equal(*TASK_FIELD_CPTR(int, a, f), *TASK_FIELD_CPTR(int, b, f));
			break;
		case TFK_TIME:
			assert_int_equal(*TASK_FIELD_CPTR(int64_t, a, f), *TASK_FIELD_CPTR(int64_t, b, f));
			break;
		case TFK_SECS:
			assert_true(*TASK_FIELD_CPTR(double, a, f) == *TASK_FIELD_CPTR(double, b, f));
			break;
		case TFK_BOOL:
			assert_int_equal(*TASK_FIELD_CPTR(bool, a, f), *TASK_FIELD_CPTR(bool, b, f));
			break;
		case TFK_CLIPS: {
			const struct task *ta = a, *tb = b;

			assert_int_equal(ta->n_clips, tb->n_clips);
			for (j = 0; j < ta->n_clips; j++)
				test_same(&clip_field_table, &ta->clips[j], &tb->clips[j]);
			break;
		}
		case TFK_LYRICS:
			assert_non_null(*TASK_FIELD_CPTR(struct lyrics *, a, f));
			assert_non_null(*TASK_FIELD_CPTR(struct lyrics *, b, f));
			test_same(&lyrics_field_table, *TASK_FIELD_CPTR(struct lyrics *, a, f),
				  *TASK_FIELD_CPTR(struct lyrics *, b, f));
			break;
		}
	}
}

static struct task *test_table_task(void)
{
	struct task *t = task_new("");

	test_fill(&task_field_table, t, 0);
	free(t->task_id);
	t->task_id = xstrdup(TEST_ID);
	t->state = task_state_from_status(t->status, &t->finished);
	return t;
}

static void test_every_field_by_table(void **state)
{
	struct task *t = test_table_task(), *back, *copy;

	(void)state;
	back = test_save_load(t);
	test_same(&task_field_table, t, back);
	assert_int_equal(back->state, TASK_RUNNING);
	assert_true(task_equal(t, back));
	copy = task_clone(back);
	test_same(&task_field_table, t, copy);
	assert_true(task_equal(copy, back));
	task_free(copy);
	task_free(back);
	task_free(t);
}

/* Changing any one field makes the records unequal; only the TF_WATCH
 * ones make them "changed" for --watch. */
static void test_equal_and_changed(const struct task_fields *tab, size_t clip_or_all)
{
	size_t i;

	for (i = 0; i < tab->n; i++) {
		const struct task_field *f = &tab->field[i];
		struct task *a = test_table_task(), *b = task_clone(a);
		void *rec = tab == &task_field_table ? (void *)b
			  : tab == &clip_field_table ? (void *)&b->clips[clip_or_all]
			  : (void *)b->lyrics;
		/* Clips are watched (their TF_WATCH fields), lyrics are not. */
		bool watched = (f->flags & TF_WATCH) && tab != &lyrics_field_table;

		print_message("# field %s\n", f->key);
		switch (f->kind) {
		case TFK_STR:
		case TFK_TEXT:
		case TFK_STATUS:
		case TFK_TAGS:
			free(*TASK_FIELD_PTR(char *, rec, f));
			*TASK_FIELD_PTR(char *, rec, f) = xstrdup("other");
			break;
		case TFK_PROGRESS:
			(*TASK_FIELD_PTR(int, rec, f))++;
			break;
		case TFK_TIME:
			(*TASK_FIELD_PTR(int64_t, rec, f))++;
			break;
		case TFK_SECS:
			*TASK_FIELD_PTR(double, rec, f) += 0.25;
			break;
		case TFK_BOOL:
			*TASK_FIELD_PTR(bool, rec, f) = !*TASK_FIELD_PTR(bool, rec, f);
			break;
		case TFK_CLIPS:
			b->n_clips--;   /* one clip fewer; the last is freed with a */
			break;
		case TFK_LYRICS:
			free(b->lyrics->text);
			b->lyrics->text = xstrdup("other");
			break;
		}
		assert_false(task_equal(a, b));
		assert_int_equal(task_changed(a, b), watched);
		if (f->kind == TFK_CLIPS)
			b->n_clips++;
		task_free(a);
		task_free(b);
	}
}

static void test_equality(void **state)
{
	struct task *a = test_table_task(), *b = task_clone(a);

	(void)state;
	assert_true(task_equal(a, b));
	assert_false(task_changed(a, b));
	assert_true(task_equal(NULL, NULL));
	assert_false(task_equal(a, NULL));
	assert_true(task_changed(NULL, a));
	task_free(a);
	task_free(b);
	test_equal_and_changed(&task_field_table, 0);
	test_equal_and_changed(&clip_field_table, 1);
	test_equal_and_changed(&lyrics_field_table, 0);
}

/* Slimming frees exactly the TF_SLIM fields, in the task and every clip. */
static void test_slim(void **state)
{
	struct task *t = test_table_task();
	size_t i, j;

	(void)state;
	task_slim(t);
	for (i = 0; i < task_field_table.n; i++) {
		const struct task_field *f = &task_field_table.field[i];

		if (f->kind == TFK_STR)
			assert_int_equal(*TASK_FIELD_PTR(char *, t, f) == NULL, !!(f->flags & TF_SLIM));
	}
	for (j = 0; j < t->n_clips; j++) {
		for (i = 0; i < clip_field_table.n; i++) {
			const struct task_field *f = &clip_field_table.field[i];

			if (f->kind == TFK_STR || f->kind == TFK_TAGS)
				assert_int_equal(*TASK_FIELD_PTR(char *, &t->clips[j], f) == NULL,
						 !!(f->flags & TF_SLIM));
		}
	}
	assert_non_null(t->clips[0].error_type);
	task_free(t);
}

/* The keys of a JSON object, space-separated, in order. */
static char *test_keys(struct json_object *o)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, "");
	json_object_object_foreach(o, key, val) {
		(void)val;
		if (sb.len)
			strbuf_adds(&sb, " ");
		strbuf_adds(&sb, key);
	}
	return strbuf_detach(&sb);
}

/* --json is a contract (sunotop(1), OUTPUT): these keys, in this order, always. */
static void test_json_keys(void **state)
{
	struct task *t = test_table_task();
	char *line = task_to_json(t), *keys;
	struct json_object *o = json_tokener_parse(line), *v;

	(void)state;
	assert_non_null(o);
	keys = test_keys(o);
	assert_string_equal(keys, "task_id action status progress fail_reason submit_time "
			    "start_time finish_time clips lyrics error");
	free(keys);
	assert_true(json_object_object_get_ex(o, "clips", &v));
	keys = test_keys(json_object_array_get_idx(v, 0));
	assert_string_equal(keys, "id title status duration tags model_name audio_url "
			    "video_url image_url error_message");
	free(keys);
	assert_true(json_object_object_get_ex(o, "lyrics", &v));
	keys = test_keys(v);
	assert_string_equal(keys, "id title text status");
	free(keys);
	assert_true(json_object_object_get_ex(o, "status", &v));
	assert_string_equal(json_object_get_string(v), "PROCESSING");
	json_object_put(o);
	free(line);
	task_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_field_by_name, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_every_field_by_table, test_setup, test_teardown),
		cmocka_unit_test(test_equality),
		cmocka_unit_test(test_slim),
		cmocka_unit_test(test_json_keys),
	};

	return cmocka_run_group_tests_name("fields", tests, NULL, NULL);
}
