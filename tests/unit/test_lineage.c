/* Unit tests of lineage: the relation told to people and in --json, and the
 * request and relation kept with an entry across a save and a load. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "lineage.h"
#include "store.h"
#include "tasklist.h"
#include "util.h"

#define BODY "{\"prompt\":\"[Verse]\\nla\",\"tags\":\"rock\",\"title\":\"T\",\"make_instrumental\":false}"

static void test_describe(void **state)
{
	struct lineage *l;
	char *s;

	(void)state;
	l = lineage_new("/suno/submit/music", BODY, LINEAGE_NEW, "t0", "c0");
	assert_null(lineage_describe(l));
	/* a new request names no origin even when given one */
	assert_null(l->from_task);
	assert_null(l->from_clip);
	lineage_free(l);

	l = lineage_new("/suno/submit/music", BODY, LINEAGE_RETRY, "t1", "c1");
	s = lineage_describe(l);
	assert_string_equal(s, "retry of t1");
	assert_null(l->from_clip);
	free(s);
	lineage_free(l);

	l = lineage_new("/suno/submit/music", BODY, LINEAGE_EXTEND, "t1", "c1");
	s = lineage_describe(l);
	assert_string_equal(s, "extends clip c1 of t1");
	free(s);
	lineage_free(l);

	l = lineage_new("/suno/submit/music", BODY, LINEAGE_EXTEND, NULL, "c1");
	s = lineage_describe(l);
	assert_string_equal(s, "extends clip c1");
	free(s);
	lineage_free(l);

	/* ids that are not ids are dropped; a relation without its origin is none */
	l = lineage_new("/suno/submit/music", BODY, LINEAGE_RETRY, "bad\nid", NULL);
	assert_int_equal(l->relation, LINEAGE_NEW);
	assert_null(lineage_describe(l));
	lineage_free(l);
	l = lineage_new("/suno/submit/music", BODY, LINEAGE_EXTEND, "t1", "\x1b[2J");
	assert_int_equal(l->relation, LINEAGE_NEW);
	assert_null(l->from_task);
	lineage_free(l);
	assert_null(lineage_describe(NULL));
}

static char *origin_text(const struct lineage *l)
{
	json_object *o = lineage_origin_json(l);
	char *s = xstrdup(o ? json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN) : "null");

	json_object_put(o);
	return s;
}

static void test_origin_json(void **state)
{
	struct lineage *l;
	struct task *t = task_new("new1");
	char *s;

	(void)state;
	s = origin_text(NULL);
	assert_string_equal(s, "null");
	free(s);
	l = lineage_new("/suno/submit/music", BODY, LINEAGE_EXTEND, NULL, "c1");
	s = origin_text(l);
	assert_string_equal(s, "{\"relation\":\"extend\",\"task_id\":null,\"clip_id\":\"c1\"}");
	free(s);
	lineage_free(l);
	l = lineage_new("/suno/submit/music", BODY, LINEAGE_RETRY, "t1", NULL);
	s = origin_text(l);
	assert_string_equal(s, "{\"relation\":\"retry\",\"task_id\":\"t1\",\"clip_id\":null}");
	free(s);

	/* the --json line: the task's keys, then "origin" */
	s = lineage_task_json(t, l);
	assert_non_null(strstr(s, "{\"task_id\":\"new1\","));
	assert_non_null(strstr(s, ",\"error\":null,\"origin\":{\"relation\":\"retry\",\"task_id\":\"t1\",\"clip_id\":null}}"));
	free(s);
	s = lineage_task_json(t, NULL);
	assert_non_null(strstr(s, ",\"error\":null,\"origin\":null}"));
	free(s);
	lineage_free(l);
	task_free(t);
}

static void test_json_round_trip(void **state)
{
	enum lineage_relation rels[] = { LINEAGE_NEW, LINEAGE_RETRY, LINEAGE_EXTEND };
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct lineage *l = lineage_new("/suno/submit/music", BODY, rels[i], "t1", "c1");
		json_object *o = lineage_to_json_object(l);
		struct lineage *back = lineage_from_json_object(o);

		assert_non_null(back);
		assert_string_equal(back->path, l->path);
		assert_string_equal(back->body, BODY);
		assert_int_equal(back->relation, l->relation);
		assert_true((!back->from_task && !l->from_task) ||
			    strcmp(back->from_task, l->from_task) == 0);
		assert_true((!back->from_clip && !l->from_clip) ||
			    strcmp(back->from_clip, l->from_clip) == 0);
		json_object_put(o);
		lineage_free(back);
		lineage_free(l);
	}
	/* what is not such an object gives nothing */
	{
		const char *bad[] = { "[]", "{}", "{\"path\":1,\"body\":\"x\"}",
				      "{\"path\":\"/p\"}", "{\"path\":\"/p\",\"body\":\"a\\u0000b\"}" };
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			json_object *o = json_tokener_parse(bad[i]);
			assert_null(lineage_from_json_object(o));
			json_object_put(o);
		}
		assert_null(lineage_from_json_object(NULL));
	}
	/* an unknown relation is read as new */
	{
		json_object *o = json_tokener_parse(
			"{\"path\":\"/p\",\"body\":\"{}\",\"relation\":\"fork\",\"from_task\":\"t\"}");
		struct lineage *l = lineage_from_json_object(o);

		assert_non_null(l);
		assert_int_equal(l->relation, LINEAGE_NEW);
		assert_null(l->from_task);
		lineage_free(l);
		json_object_put(o);
	}
}

static void test_clone(void **state)
{
	struct lineage *l = lineage_new("/suno/submit/lyrics", "{\"prompt\":\"x\"}", LINEAGE_EXTEND,
					"t1", "c1");
	struct lineage *c = lineage_clone(l);

	(void)state;
	lineage_free(l);
	assert_string_equal(c->path, "/suno/submit/lyrics");
	assert_string_equal(c->body, "{\"prompt\":\"x\"}");
	assert_string_equal(c->from_task, "t1");
	assert_string_equal(c->from_clip, "c1");
	lineage_free(c);
	assert_null(lineage_clone(NULL));
}

/* Kept with the entry in the state file: survives a save and a load. */
static void test_store_keeps_lineage(void **state)
{
	char dir[] = "/tmp/test_lineage.XXXXXX";
	char *path, *warn = NULL, *err = NULL, *text;
	struct tasklist *tl = tasklist_new();
	struct store *s;
	struct entry *e;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/tasks.json", dir);
	e = tasklist_add(tl, "retry-1", 1700000000);
	e->lineage = lineage_new("/suno/submit/music", BODY, LINEAGE_RETRY, "orig-1", NULL);
	e = tasklist_add(tl, "extend-1", 1700000001);
	e->lineage = lineage_new("/suno/submit/music", BODY, LINEAGE_EXTEND, "orig-1", "clip-1");
	tasklist_add(tl, "plain-1", 1700000002);
	s = store_open(path, &warn, &err);
	assert_non_null(s);
	assert_int_equal(store_save(s, tl, &err), 0);
	store_close(s);
	tasklist_free(tl);

	tl = tasklist_new();
	s = store_open(path, &warn, &err);
	assert_non_null(s);
	assert_int_equal(store_load(s, tl, &warn, &err), 0);
	assert_null(warn);
	assert_int_equal(tasklist_count(tl), 3);
	e = tasklist_find(tl, "retry-1");
	assert_non_null(e->lineage);
	assert_string_equal(e->lineage->body, BODY);
	text = lineage_describe(e->lineage);
	assert_string_equal(text, "retry of orig-1");
	free(text);
	e = tasklist_find(tl, "extend-1");
	text = lineage_describe(e->lineage);
	assert_string_equal(text, "extends clip clip-1 of orig-1");
	free(text);
	assert_null(tasklist_find(tl, "plain-1")->lineage);
	store_close(s);
	tasklist_free(tl);

	unlink(path);
	free(path);
	path = xasprintf("%s/tasks.json.lock", dir);
	unlink(path);
	free(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_origin_json),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_clone),
		cmocka_unit_test(test_store_keeps_lineage),
	};

	return cmocka_run_group_tests_name("lineage", tests, NULL, NULL);
}
