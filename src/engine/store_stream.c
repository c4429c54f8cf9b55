/* store_stream: the state file in the layout store_save writes, read one
 * entry at a time (no tree of the whole file). A large file is read in two
 * halves at once, the second on a thread of its own: every entry's JSON
 * tree is built, converted and freed where it was read, and only the
 * finished entries are added to the list, in file order, by the caller's
 * thread. store.c only. */
#include "config.h"

#include <json-c/json.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ids.h"
#include "store_stream.h"
#include "taskjson.h"
#include "util.h"

/* Below this size one thread reads the file faster than two start. */
#define STORE_STREAM_SPLIT (1u << 20)

/* One saved entry, read but not yet in a list. */
struct store_item {
	char *id;                /* NULL: no usable id (skipped) */
	int64_t added, fetched;
	struct lineage *lineage;
	struct timeline *timeline;
	struct task *task;
};

/* Entries between p and limit (a boundary or the end of the file). */
struct store_part {
	const char *p, *limit;
	struct store_item *items;
	size_t n, cap;
	bool closed;             /* stopped at an entry with no ',' after it */
};

static int64_t store_item_int(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_int))
		return 0;
	return json_object_get_int64(v);
}

/* Touches no list and no shared state: safe on any thread. */
static void store_item_read(json_object *item, struct store_item *it)
{
	json_object *jid, *jsub;
	const char *id;

	memset(it, 0, sizeof(*it));
	if (!json_object_is_type(item, json_type_object) ||
	    !json_object_object_get_ex(item, "id", &jid) ||
	    !json_object_is_type(jid, json_type_string))
		return;
	id = json_object_get_string(jid);
	if (!id_safe(id, (size_t)json_object_get_string_len(jid)) ||
	    strlen(id) != (size_t)json_object_get_string_len(jid))
		return;
	it->id = xstrdup(id);
	it->added = store_item_int(item, "added");
	it->fetched = store_item_int(item, "fetched");
	if (json_object_object_get_ex(item, "submitted", &jsub))
		it->lineage = lineage_from_json_object(jsub);
	if (json_object_object_get_ex(item, "timeline", &jsub))
		it->timeline = timeline_from_json_object(jsub);
	if (json_object_object_get_ex(item, "task", &jsub) &&
	    json_object_is_type(jsub, json_type_object))
		it->task = task_from_json_object(jsub);
	/* A task saved under another id is not this entry's. */
	if (it->task && strcmp(it->task->task_id, id) != 0) {
		task_free(it->task);
		it->task = NULL;
	}
}

static void store_item_release(struct store_item *it)
{
	free(it->id);
	lineage_free(it->lineage);
	timeline_free(it->timeline);
	task_free(it->task);
}

/* False when the item has no usable id. An id tracked already keeps the
 * caller's entry. The item's parts move into the list or are freed. */
static bool store_item_add(struct tasklist *tl, struct store_item *it)
{
	struct entry *e;

	if (!it->id)
		return false;
	e = tasklist_add(tl, it->id, it->added);
	if (e) {
		e->lineage = it->lineage;
		e->timeline = it->timeline;
		it->lineage = NULL;
		it->timeline = NULL;
		if (it->task)
			tasklist_update(tl, it->task, it->fetched);
		it->task = NULL;
	}
	store_item_release(it);
	return true;
}

bool store_load_entry(struct tasklist *tl, json_object *item)
{
	struct store_item it;

	store_item_read(item, &it);
	return store_item_add(tl, &it);
}

static const char *store_skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* value (',' value)* up to part->limit; part->p ends where reading stopped. */
static void *store_part_read(void *arg)
{
	struct store_part *part = arg;
	const char *p = part->p, *end = part->limit;
	struct json_tokener *tok = json_tokener_new();

	while (p < end && *p == '{' && end - p <= INT_MAX) {
		json_object *item;

		json_tokener_reset(tok);
		item = json_tokener_parse_ex(tok, p, (int)(end - p));
		if (!item || json_tokener_get_error(tok) != json_tokener_success) {
			json_object_put(item);
			break;
		}
		p += json_tokener_get_parse_end(tok);
		if (part->n == part->cap) {
			part->cap = part->cap ? 2 * part->cap : 256;
			part->items = xrealloc(part->items, part->cap * sizeof(*part->items));
		}
		store_item_read(item, &part->items[part->n++]);
		json_object_put(item);
		p = store_skip_space(p, end);
		if (p >= end || *p != ',') {
			part->closed = true;
			break;
		}
		p = store_skip_space(p + 1, end);
	}
	json_tokener_free(tok);
	part->p = p;
	return NULL;
}

static void store_part_release(struct store_part *part)
{
	size_t i;

	for (i = 0; i < part->n; i++)
		store_item_release(&part->items[i]);
	free(part->items);
}

/* Where the second half starts: an entry's '{' at the start of a line past
 * the middle (store_save writes one entry a line). The first half must end
 * exactly there, after a ','; otherwise the file is read again as a tree. */
static const char *store_split_point(const char *p, const char *end)
{
	const char *mid = p + (end - p) / 2, *nl;

	if ((size_t)(end - p) < STORE_STREAM_SPLIT)
		return NULL;
	nl = memmem(mid, (size_t)(end - mid), "\n{", 2);
	return nl ? nl + 1 : NULL;
}

bool store_load_stream(struct tasklist *tl, const char *buf, size_t len, size_t *skipped)
{
	static const char head[] = "{\"version\":1,\"tasks\":[";
	struct store_part part[2], *last;
	const char *end, *p, *split;
	pthread_t th;
	bool ok, threaded = false;
	size_t i, k, n_skipped = 0;

	/* an empty file has no buffer at all */
	if (!buf || len < sizeof(head) - 1 || memcmp(buf, head, sizeof(head) - 1) != 0)
		return false;
	end = buf + len;
	p = store_skip_space(buf + sizeof(head) - 1, end);
	split = store_split_point(p, end);
	memset(part, 0, sizeof(part));
	part[0].p = p;
	part[0].limit = split ? split : end;
	part[1].p = split ? split : end;
	part[1].limit = end;
	if (split)
		threaded = util_thread_start(&th, store_part_read, &part[1]) == 0;
	store_part_read(&part[0]);
	if (threaded)
		pthread_join(th, NULL);
	else if (split)
		store_part_read(&part[1]);
	/* The first half ran into the split point after a ','; the second
	 * (or the only one) ends with "]}" and the file with it. */
	ok = !split || (!part[0].closed && part[0].p == split);
	last = split ? &part[1] : &part[0];
	p = last->p;
	if (ok && p < end && *p == ']') {
		p = store_skip_space(p + 1, end);
		ok = p < end && *p == '}' && store_skip_space(p + 1, end) == end;
	} else {
		ok = false;
	}
	for (k = 0; ok && k < 2; k++)
		for (i = 0; i < part[k].n; i++)
			if (!store_item_add(tl, &part[k].items[i]))
				n_skipped++;
	if (ok) {
		free(part[0].items);
		free(part[1].items);
		*skipped = n_skipped;
	} else {
		store_part_release(&part[0]);
		store_part_release(&part[1]);
	}
	return ok;
}
