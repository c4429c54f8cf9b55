/* taskjson: task JSON (the API's TASK shape, our --json and state shapes)
 * to tasks and back, by walking the field table; HTTP responses are in
 * taskjson_reply.c. Pure, and the only module that touches json-c trees. */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "jsonsafe.h"
#include "taskjson.h"
#include "taskjson_impl.h"
#include "taskrule.h"
#include "util.h"

/* Deep enough for every shape the server sends (about 4 levels); a deeper
 * body is hostile or broken and is refused rather than recursed into. */
#define TASKJSON_MAX_DEPTH JSON_TOKENER_DEFAULT_DEPTH

/* ---- reading ---------------------------------------------------------- */

struct json_object *taskjson_get(struct json_object *obj, const char *key)
{
	struct json_object *v = NULL;

	if (!obj || !json_object_is_type(obj, json_type_object))
		return NULL;
	if (!json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

/* A copy of the string at key; NULL when absent, null or not a string. */
char *taskjson_str(struct json_object *obj, const char *key)
{
	struct json_object *v = taskjson_get(obj, key);

	if (!v || !json_object_is_type(v, json_type_string))
		return NULL;
	return jsonsafe_strndup(json_object_get_string(v), (size_t)json_object_get_string_len(v));
}

/* Lyrics and some clips carry tags as an array of words. */
static char *taskjson_tags(struct json_object *v)
{
	struct strbuf sb;
	size_t i, n;

	if (!v)
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return jsonsafe_strndup(json_object_get_string(v), (size_t)json_object_get_string_len(v));
	if (!json_object_is_type(v, json_type_array))
		return NULL;
	strbuf_init(&sb);
	strbuf_adds(&sb, "");
	n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(v, i);
		char *word;

		if (!e || !json_object_is_type(e, json_type_string))
			continue;
		word = jsonsafe_strndup(json_object_get_string(e), (size_t)json_object_get_string_len(e));
		if (sb.len)
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, word);
		free(word);
	}
	return strbuf_detach(&sb);
}

/* A number from a JSON number or a numeric string ("42", "42.5%" with
 * allow_percent). False for anything else. */
static bool taskjson_number(struct json_object *v, bool allow_percent, double *out)
{
	const char *s;
	char *end;
	double d;

	if (!v)
		return false;
	switch (json_object_get_type(v)) {
	case json_type_int:
		*out = (double)json_object_get_int64(v);
		return true;
	case json_type_double:
		d = json_object_get_double(v);
		if (!isfinite(d))
			return false;
		*out = d;
		return true;
	case json_type_string:
		s = json_object_get_string(v);
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			return false;
		d = strtod(s, &end);
		if (end == s || !isfinite(d))
			return false;
		while (isspace((unsigned char)*end))
			end++;
		if (allow_percent && *end == '%')
			end++;
		while (isspace((unsigned char)*end))
			end++;
		if (*end)
			return false;
		*out = d;
		return true;
	default:
		return false;
	}
}

/* "0%", "100%", 42, "42.5%": truncated so 100 only ever means done. */
static int taskjson_progress(struct json_object *v)
{
	double d;

	if (!taskjson_number(v, true, &d))
		return -1;
	if (d <= 0)
		return 0;
	if (d >= 100)
		return 100;
	return (int)d;
}

/* Unix seconds; some servers send milliseconds (anything above 10^12). */
static int64_t taskjson_time(struct json_object *v)
{
	double d;

	if (!taskjson_number(v, false, &d) || d <= 0)
		return 0;
	while (d > 1e12)
		d /= 1000;
	return (int64_t)d;
}

static double taskjson_duration(struct json_object *v)
{
	double d;

	if (!taskjson_number(v, false, &d) || d < 0)
		return -1;
	return d;
}

static void taskjson_records_parse(const struct task_fields *tab, void *rec,
				   struct json_object *o, struct json_object *meta);

/* An array of clips: the API's "data" or our "clips". */
static void taskjson_clips_parse(struct task *t, struct json_object *arr)
{
	size_t i, n = json_object_array_length(arr);

	t->clips = n ? xcalloc(n, sizeof(*t->clips)) : NULL;
	t->n_clips = 0;
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(arr, i);
		struct json_object *meta;
		struct clip *c;

		if (!e || !json_object_is_type(e, json_type_object))
			continue;
		meta = taskjson_get(e, "metadata");
		if (meta && !json_object_is_type(meta, json_type_object))
			meta = NULL;
		c = &t->clips[t->n_clips++];
		taskjson_records_parse(&clip_field_table, c, e, meta);
		if (!c->status)
			c->status = taskjson_str(e, "state");
	}
	if (!t->n_clips) {
		free(t->clips);
		t->clips = NULL;
	}
}

static bool taskjson_is_text(enum task_field_kind k)
{
	return k == TFK_STR || k == TFK_TEXT || k == TFK_STATUS || k == TFK_TAGS;
}

/* Sets a plain (not nested) field from v; false when v held nothing
 * usable (the field is then unset: NULL, "", -1 or 0 as its kind says). */
static bool taskjson_value_parse(const struct task_field *f, void *rec, struct json_object *v)
{
	char **str = TASK_FIELD_PTR(char *, rec, f);
	bool is_str = v && json_object_is_type(v, json_type_string);

	switch (f->kind) {
	case TFK_STR:
	case TFK_TEXT:
	case TFK_STATUS:
		free(*str);
		*str = is_str ? jsonsafe_strndup(json_object_get_string(v),
						 (size_t)json_object_get_string_len(v))
			      : f->kind == TFK_STR ? NULL : xstrdup("");
		return is_str;
	case TFK_TAGS:
		free(*str);
		*str = taskjson_tags(v);
		return *str != NULL;
	case TFK_PROGRESS:
		return (*TASK_FIELD_PTR(int, rec, f) = taskjson_progress(v)) >= 0;
	case TFK_TIME:
		return (*TASK_FIELD_PTR(int64_t, rec, f) = taskjson_time(v)) > 0;
	case TFK_SECS:
		return (*TASK_FIELD_PTR(double, rec, f) = taskjson_duration(v)) >= 0;
	case TFK_BOOL:
		return (*TASK_FIELD_PTR(bool, rec, f) = v && json_object_is_type(v, json_type_boolean) &&
							json_object_get_boolean(v));
	case TFK_CLIPS:
	case TFK_LYRICS:
		break;
	}
	return false;
}

/* Every field of the table from o; TF_META fields from meta when it has
 * them. Text fields of rec must be NULL or hold a default to be freed. The
 * API's "data" says by its JSON type what it holds (clips, lyrics, or a
 * string), whatever the action; our own shape says "clips" and "lyrics". */
static void taskjson_records_parse(const struct task_fields *tab, void *rec,
				   struct json_object *o, struct json_object *meta)
{
	struct json_object *data = taskjson_get(o, "data");
	size_t i;

	for (i = 0; i < tab->n; i++) {
		const struct task_field *f = &tab->field[i];
		struct json_object *v = taskjson_get(o, f->key);

		switch (f->kind) {
		case TFK_CLIPS:
			if (data && json_object_is_type(data, json_type_array))
				taskjson_clips_parse(rec, data);
			if (!((struct task *)rec)->n_clips && v && json_object_is_type(v, json_type_array))
				taskjson_clips_parse(rec, v);
			break;
		case TFK_LYRICS: {
			struct json_object *src = data && json_object_is_type(data, json_type_object)
				? data : v && json_object_is_type(v, json_type_object) ? v : NULL;
			struct lyrics *l;

			if (!src)
				break;
			l = xcalloc(1, sizeof(*l));
			taskjson_records_parse(&lyrics_field_table, l, src, NULL);
			*TASK_FIELD_PTR(struct lyrics *, rec, f) = l;
			break;
		}
		default:
			if (!((f->flags & TF_META) && meta &&
			      taskjson_value_parse(f, rec, taskjson_get(meta, f->key))))
				taskjson_value_parse(f, rec, v);
			break;
		}
	}
}

struct task *task_from_json_object(const void *json_object)
{
	struct json_object *o = (struct json_object *)json_object;
	struct task *t;
	char *id;

	if (!o || !json_object_is_type(o, json_type_object))
		return NULL;
	id = taskjson_str(o, "task_id");
	if (!id || !*id) {
		free(id);
		return NULL;
	}
	free(id);
	t = task_new("");
	taskjson_records_parse(&task_field_table, t, o, NULL);
	t->state = task_state_from_status(t->status, &t->finished);
	return t;
}

/* Whole-body parse: NULL unless the entire input is one JSON value (plus
 * whitespace) within the nesting limit; *too_deep (if given) says the limit
 * was the reason. */
struct json_object *taskjson_tokenize(const char *text, size_t len, bool *too_deep)
{
	struct json_tokener *tok;
	struct json_object *root;
	size_t end;

	if (!text || len == 0 || len > INT_MAX)
		return NULL;
	tok = json_tokener_new_ex(TASKJSON_MAX_DEPTH);
	if (!tok)
		return NULL;
	/* A truncated body leaves the tokener waiting (NULL, continue): that
	 * is as unusable as a syntax error. */
	root = json_tokener_parse_ex(tok, text, (int)len);
	if (too_deep)
		*too_deep = json_tokener_get_error(tok) == json_tokener_error_depth;
	if (root && json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(root);
		root = NULL;
	}
	end = root ? json_tokener_get_parse_end(tok) : 0;
	json_tokener_free(tok);
	if (!root)
		return NULL;
	for (; end < len; end++) {
		if (!isspace((unsigned char)text[end])) {
			json_object_put(root);
			return NULL;
		}
	}
	return root;
}

struct task *task_from_json_text(const char *text, size_t len)
{
	struct json_object *root = taskjson_tokenize(text, len, NULL);
	struct task *t = task_from_json_object(root);

	json_object_put(root);
	return t;
}

/* ---- writing ---------------------------------------------------------- */

static struct json_object *taskjson_new_str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static struct json_object *taskjson_new_time(int64_t t)
{
	return t > 0 ? json_object_new_int64(t) : NULL;
}

/* Shortest text that reads back as the same double: 128.92, not
 * 128.91999999999999. */
static struct json_object *taskjson_new_duration(double d)
{
	char buf[40];
	int prec;

	if (!(d >= 0) || !isfinite(d))
		return NULL;
	for (prec = 1; prec < 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	snprintf(buf, sizeof(buf), "%.*g", prec, d);
	return json_object_new_double_s(d, buf);
}

static struct json_object *taskjson_new_text(const char *s)
{
	return json_object_new_string(s ? s : "");
}

static struct json_object *taskjson_record_object(const struct task_fields *tab, const void *rec,
						  bool state);

/* Whether a field outside --json holds anything worth a place in the
 * state file (absent reads back as unset). */
static bool taskjson_is_set(const struct task_field *f, const void *rec)
{
	if (taskjson_is_text(f->kind))
		return *TASK_FIELD_CPTR(char *, rec, f) != NULL;
	if (f->kind == TFK_BOOL)
		return *TASK_FIELD_CPTR(bool, rec, f);
	return true;
}

/* One field's JSON value; *skip when the field has no place in this shape
 * (not in --json, or unset in the state file, where absent reads as unset). */
static struct json_object *taskjson_field_object(const struct task_field *f, const void *rec,
						 bool state, bool *skip)
{
	const char *str = taskjson_is_text(f->kind) ? *TASK_FIELD_CPTR(char *, rec, f) : NULL;
	struct json_object *arr;
	const struct task *t = rec;
	const struct lyrics *l;
	char *word;
	int pct;
	size_t i;

	*skip = state ? !(f->flags & TF_JSON) && !taskjson_is_set(f, rec)
		      : !(f->flags & TF_JSON);
	if (*skip)
		return NULL;
	switch (f->kind) {
	case TFK_STR:
	case TFK_TAGS:
		return taskjson_new_str(str);
	case TFK_TEXT:
		return taskjson_new_text(str);
	case TFK_STATUS:
		if (state)
			return taskjson_new_text(str);
		word = task_status_upper(rec);
		arr = json_object_new_string(word);
		free(word);
		return arr;
	case TFK_PROGRESS:
		/* --json has a number always; the state file keeps "none". */
		pct = *TASK_FIELD_CPTR(int, rec, f);
		if (pct < 0)
			return state ? NULL : json_object_new_int(0);
		return json_object_new_int(pct);
	case TFK_TIME:
		return taskjson_new_time(*TASK_FIELD_CPTR(int64_t, rec, f));
	case TFK_SECS:
		return taskjson_new_duration(*TASK_FIELD_CPTR(double, rec, f));
	case TFK_BOOL:
		return json_object_new_boolean(*TASK_FIELD_CPTR(bool, rec, f));
	case TFK_CLIPS:
		arr = json_object_new_array();
		for (i = 0; i < t->n_clips; i++)
			json_object_array_add(arr, taskjson_record_object(&clip_field_table,
									  &t->clips[i], state));
		return arr;
	case TFK_LYRICS:
		l = *TASK_FIELD_CPTR(struct lyrics *, rec, f);
		return l ? taskjson_record_object(&lyrics_field_table, l, state) : NULL;
	}
	return NULL;
}

static struct json_object *taskjson_record_object(const struct task_fields *tab, const void *rec,
						  bool state)
{
	struct json_object *o = json_object_new_object();
	size_t i;

	for (i = 0; i < tab->n; i++) {
		bool skip;
		struct json_object *v = taskjson_field_object(&tab->field[i], rec, state, &skip);

		if (!skip)
			json_object_object_add(o, tab->field[i].key, v);
	}
	return o;
}

void *task_to_json_object(const struct task *t)
{
	return taskjson_record_object(&task_field_table, t, false);
}

void *task_to_state_object(const struct task *t)
{
	return taskjson_record_object(&task_field_table, t, true);
}

char *task_to_json(const struct task *t)
{
	struct json_object *o = task_to_json_object(t);
	char *s = jsonsafe_text(json_object_to_json_string_ext(o,
			JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));

	json_object_put(o);
	return s;
}
