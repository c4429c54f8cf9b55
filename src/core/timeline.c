/* timeline: each task's events as the program saw them, bounded, to and
 * from the state file and --json. Pure: must never do I/O nor sanitize
 * (texts stay raw until shown). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "jsonsafe.h"
#include "taskjson.h"
#include "taskrule.h"
#include "timeline.h"
#include "util.h"

static const char *const timeline_names[TIMELINE_KIND_COUNT] = {
	[TIMELINE_ADDED] = "added", [TIMELINE_STATUS] = "status", [TIMELINE_CLIP] = "clip",
	[TIMELINE_ERROR] = "error", [TIMELINE_DOWNLOAD] = "download", [TIMELINE_SLOW] = "slow",
};

const char *timeline_kind_name(enum timeline_kind kind)
{
	return kind < TIMELINE_KIND_COUNT ? timeline_names[kind] : "";
}

void timeline_add(struct timeline **tlp, int64_t time, enum timeline_kind kind, int clip,
		  const char *text)
{
	struct timeline *tl = *tlp;
	struct timeline_event *ev;

	if (!tl)
		tl = *tlp = xcalloc(1, sizeof(*tl));
	if (tl->n == TIMELINE_MAX) {
		free(tl->ev[0].text);
		memmove(&tl->ev[0], &tl->ev[1], (TIMELINE_MAX - 1) * sizeof(tl->ev[0]));
		tl->n--;
	}
	if (tl->n == tl->cap) {
		tl->cap = tl->cap ? 2 * tl->cap : 4;
		if (tl->cap > TIMELINE_MAX)
			tl->cap = TIMELINE_MAX;
		tl->ev = xrealloc(tl->ev, tl->cap * sizeof(*tl->ev));
	}
	ev = &tl->ev[tl->n++];
	ev->time = time;
	ev->kind = kind;
	ev->clip = clip;
	ev->text = text ? xstrndup(text, strnlen(text, TIMELINE_TEXT_MAX)) : NULL;
}

void timeline_free(struct timeline *tl)
{
	size_t i;

	if (!tl)
		return;
	for (i = 0; i < tl->n; i++)
		free(tl->ev[i].text);
	free(tl->ev);
	free(tl);
}

size_t timeline_count(const struct timeline *tl)
{
	return tl ? tl->n : 0;
}

const struct timeline_event *timeline_last(const struct timeline *tl, enum timeline_kind kind)
{
	size_t i;

	for (i = timeline_count(tl); i > 0; i--)
		if (kind == TIMELINE_KIND_COUNT || tl->ev[i - 1].kind == kind)
			return &tl->ev[i - 1];
	return NULL;
}

static bool timeline_same(const char *a, const char *b)
{
	return strcasecmp(a ? a : "", b ? b : "") == 0;
}

void timeline_note_task(struct timeline **tl, int64_t time, const struct task *old,
			const struct task *fresh)
{
	size_t i;

	if (!fresh)
		return;
	if (!old || !timeline_same(old->status, fresh->status) || old->state != fresh->state)
		timeline_add(tl, time, TIMELINE_STATUS, -1,
			     fresh->state == TASK_NOT_FOUND ? "NOT_FOUND" : fresh->status);
	for (i = 0; i < fresh->n_clips; i++) {
		const char *was = old && i < old->n_clips ? old->clips[i].status : NULL;
		const char *now = fresh->clips[i].status;

		if (now && *now && (!was || !timeline_same(was, now)))
			timeline_add(tl, time, TIMELINE_CLIP, (int)i, now);
	}
}

/* The index of the first status event of the latest run of status events
 * in stage s, or -1 when the newest status event is in another stage. */
static long timeline_run_start(const struct timeline *tl, enum task_stage s)
{
	long i, first = -1;

	for (i = (long)timeline_count(tl) - 1; i >= 0; i--) {
		if (tl->ev[i].kind != TIMELINE_STATUS)
			continue;
		if (task_stage_of_status(tl->ev[i].text) != s)
			break;
		first = i;
	}
	return first;
}

int64_t timeline_stage_since(const struct timeline *tl, const struct task *t, int64_t added)
{
	enum task_stage s = task_stage(t);
	long first;

	if (s == TASK_STAGE_NONE)
		return 0;
	if (s == TASK_STAGE_RUNNING && t->start_time > 0)
		return t->start_time;
	if (s == TASK_STAGE_SUBMITTED && t->submit_time > 0)
		return t->submit_time;
	first = timeline_run_start(tl, s);
	if (first >= 0)
		return tl->ev[first].time;
	return t->submit_time > 0 ? t->submit_time : added;
}

void timeline_stage_durations(const struct timeline *tl, const struct task *t, double out[])
{
	enum task_stage cur = TASK_STAGE_NONE;
	int64_t began = 0, run;
	size_t i;

	for (i = 0; i < TASK_STAGE_COUNT; i++)
		out[i] = -1;
	for (i = 0; i < timeline_count(tl); i++) {
		const struct timeline_event *ev = &tl->ev[i];
		enum task_stage s;

		if (ev->kind != TIMELINE_STATUS)
			continue;
		s = task_stage_of_status(ev->text);
		if (s == cur)
			continue;
		/* Left a stage it was seen entering; the running stage is
		 * measured by the server's times below. */
		if (cur == TASK_STAGE_SUBMITTED || cur == TASK_STAGE_QUEUED)
			if (ev->time > began)
				out[cur] = (double)(ev->time - began);
		cur = s;
		began = ev->time;
		if (s == TASK_STAGE_SUBMITTED && t && t->submit_time > 0 && t->submit_time < began)
			began = t->submit_time;
	}
	run = task_run_time(t, 0);
	if (task_succeeded(t) && run > 0)
		out[TASK_STAGE_RUNNING] = (double)run;
}

void *timeline_to_json_object(const struct timeline *tl)
{
	json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < timeline_count(tl); i++) {
		const struct timeline_event *ev = &tl->ev[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "time", json_object_new_int64(ev->time));
		json_object_object_add(o, "event", json_object_new_string(timeline_kind_name(ev->kind)));
		if (ev->clip >= 0)
			json_object_object_add(o, "clip", json_object_new_int(ev->clip));
		if (ev->text)
			json_object_object_add(o, "text", json_object_new_string(ev->text));
		json_object_array_add(arr, o);
	}
	return arr;
}

static bool timeline_item(json_object *o, struct timeline **tl)
{
	json_object *v;
	int64_t time;
	int clip = -1;
	const char *kind, *text = NULL;
	size_t k;

	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, "time", &v) || !json_object_is_type(v, json_type_int))
		return false;
	time = json_object_get_int64(v);
	if (!json_object_object_get_ex(o, "event", &v) || !json_object_is_type(v, json_type_string))
		return false;
	kind = json_object_get_string(v);
	for (k = 0; k < TIMELINE_KIND_COUNT; k++)
		if (strcmp(kind, timeline_names[k]) == 0)
			break;
	if (k == TIMELINE_KIND_COUNT)
		return false;
	if (json_object_object_get_ex(o, "clip", &v) && json_object_is_type(v, json_type_int)) {
		int64_t c = json_object_get_int64(v);
		clip = c >= 0 && c < 1000 ? (int)c : -1;
	}
	if (json_object_object_get_ex(o, "text", &v) && json_object_is_type(v, json_type_string))
		text = json_object_get_string(v);
	timeline_add(tl, time, (enum timeline_kind)k, clip, text);
	return true;
}

struct timeline *timeline_from_json_object(const void *json_array)
{
	json_object *arr = (json_object *)json_array;
	struct timeline *tl = NULL;
	size_t i, n;

	if (!arr || !json_object_is_type(arr, json_type_array))
		return NULL;
	n = json_object_array_length(arr);
	/* Only the newest TIMELINE_MAX can stay. */
	for (i = n > TIMELINE_MAX ? n - TIMELINE_MAX : 0; i < n; i++)
		timeline_item(json_object_array_get_idx(arr, i), &tl);
	return tl;
}

char *timeline_task_json(const struct task *t, const struct lineage *l,
			 const struct timeline *tl)
{
	json_object *o = task_to_json_object(t);
	char *s;

	json_object_object_add(o, "origin", lineage_origin_json(l));
	json_object_object_add(o, "timeline", timeline_to_json_object(tl));
	/* as every --json line: valid UTF-8, C1 and bidi escaped */
	s = jsonsafe_text(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							 JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}
