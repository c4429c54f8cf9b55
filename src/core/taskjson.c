/* taskjson: HTTP response bodies to tasks and error records, and tasks to
 * the --json line shape. Pure, and the only module that touches json-c. */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "backoff.h"
#include "jsonsafe.h"
#include "taskjson.h"
#include "util.h"

/* Deep enough for every shape the server sends (about 4 levels); a deeper
 * body is hostile or broken and is refused rather than recursed into. */
#define TASKJSON_MAX_DEPTH JSON_TOKENER_DEFAULT_DEPTH

#define TASKJSON_HTML "server answered with an HTML page, not JSON (wrong base URL?)"
#define TASKJSON_NOT_JSON "server answered with a broken or truncated body, not JSON"
#define TASKJSON_TOO_DEEP "server answered with JSON nested too deeply to read, not a task list"

/* ---- reading ---------------------------------------------------------- */

static struct json_object *taskjson_get(struct json_object *obj, const char *key)
{
	struct json_object *v = NULL;

	if (!obj || !json_object_is_type(obj, json_type_object))
		return NULL;
	if (!json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

/* A copy of the string at key; NULL when absent, null or not a string. */
static char *taskjson_str(struct json_object *obj, const char *key)
{
	struct json_object *v = taskjson_get(obj, key);

	if (!v || !json_object_is_type(v, json_type_string))
		return NULL;
	return jsonsafe_strndup(json_object_get_string(v), (size_t)json_object_get_string_len(v));
}

static char *taskjson_str_or_empty(struct json_object *obj, const char *key)
{
	char *s = taskjson_str(obj, key);

	return s ? s : xstrdup("");
}

/* Lyrics and some clips carry tags as an array of words. */
static char *taskjson_tags(struct json_object *obj, const char *key)
{
	struct json_object *v = taskjson_get(obj, key);
	struct strbuf sb;
	size_t i, n;

	if (!v)
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return taskjson_str(obj, key);
	if (!json_object_is_type(v, json_type_array))
		return NULL;
	strbuf_init(&sb);
	strbuf_adds(&sb, "");
	n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(v, i);

		if (!e || !json_object_is_type(e, json_type_string))
			continue;
		if (sb.len)
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, json_object_get_string(e));
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

/* Clip fields live under metadata in the API and at the top level in newer
 * clips and in our own --json shape: metadata wins when it has a string. */
static char *taskjson_clip_field(struct json_object *clip, struct json_object *meta,
				 const char *key)
{
	char *s = taskjson_str(meta, key);

	return s ? s : taskjson_str(clip, key);
}

static bool taskjson_true(struct json_object *obj, const char *key)
{
	struct json_object *v = taskjson_get(obj, key);

	return v && json_object_is_type(v, json_type_boolean) && json_object_get_boolean(v);
}

static void taskjson_clip_parse(struct json_object *o, struct clip *c)
{
	struct json_object *meta = taskjson_get(o, "metadata");

	if (meta && !json_object_is_type(meta, json_type_object))
		meta = NULL;
	c->id = taskjson_str(o, "id");
	c->title = taskjson_str(o, "title");
	c->status = taskjson_str(o, "status");
	if (!c->status)
		c->status = taskjson_str(o, "state");
	c->audio_url = taskjson_str(o, "audio_url");
	c->video_url = taskjson_str(o, "video_url");
	c->image_url = taskjson_str(o, "image_url");
	c->image_large_url = taskjson_str(o, "image_large_url");
	c->model_name = taskjson_str(o, "model_name");
	c->major_model_version = taskjson_str(o, "major_model_version");
	c->created_at = taskjson_str(o, "created_at");
	c->tags = taskjson_tags(meta, "tags");
	if (!c->tags)
		c->tags = taskjson_tags(o, "tags");
	c->prompt = taskjson_clip_field(o, meta, "prompt");
	c->gpt_description_prompt = taskjson_clip_field(o, meta, "gpt_description_prompt");
	c->type = taskjson_clip_field(o, meta, "type");
	c->error_type = taskjson_clip_field(o, meta, "error_type");
	c->error_message = taskjson_clip_field(o, meta, "error_message");
	c->negative_tags = taskjson_clip_field(o, meta, "negative_tags");
	c->make_instrumental = taskjson_true(meta, "make_instrumental") ||
			       taskjson_true(o, "make_instrumental");
	c->duration = taskjson_duration(taskjson_get(meta, "duration"));
	if (c->duration < 0)
		c->duration = taskjson_duration(taskjson_get(o, "duration"));
}

static void taskjson_clips_parse(struct task *t, struct json_object *arr)
{
	size_t i, n = json_object_array_length(arr);

	t->clips = n ? xcalloc(n, sizeof(*t->clips)) : NULL;
	t->n_clips = 0;
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(arr, i);

		if (!e || !json_object_is_type(e, json_type_object))
			continue;
		taskjson_clip_parse(e, &t->clips[t->n_clips++]);
	}
	if (!t->n_clips) {
		free(t->clips);
		t->clips = NULL;
	}
}

static struct lyrics *taskjson_lyrics_parse(struct json_object *o)
{
	struct lyrics *l = xcalloc(1, sizeof(*l));

	l->id = taskjson_str(o, "id");
	l->title = taskjson_str(o, "title");
	l->text = taskjson_str(o, "text");
	l->status = taskjson_str(o, "status");
	return l;
}

struct task *task_from_json_object(const void *json_object)
{
	struct json_object *o = (struct json_object *)json_object;
	struct json_object *data, *v;
	struct task *t;
	char *id;

	if (!o || !json_object_is_type(o, json_type_object))
		return NULL;
	id = taskjson_str(o, "task_id");
	if (!id || !*id) {
		free(id);
		return NULL;
	}
	t = task_new(id);
	free(id);
	free(t->action);
	t->action = taskjson_str_or_empty(o, "action");
	free(t->status);
	t->status = taskjson_str_or_empty(o, "status");
	free(t->fail_reason);
	t->fail_reason = taskjson_str_or_empty(o, "fail_reason");
	t->notify_hook = taskjson_str(o, "notify_hook");
	t->state = task_state_from_status(t->status, &t->finished);
	t->progress = taskjson_progress(taskjson_get(o, "progress"));
	t->submit_time = taskjson_time(taskjson_get(o, "submit_time"));
	t->start_time = taskjson_time(taskjson_get(o, "start_time"));
	t->finish_time = taskjson_time(taskjson_get(o, "finish_time"));

	/* The API's "data": its JSON type says what it holds, not "action". */
	data = taskjson_get(o, "data");
	if (data && json_object_is_type(data, json_type_array))
		taskjson_clips_parse(t, data);
	else if (data && json_object_is_type(data, json_type_object))
		t->lyrics = taskjson_lyrics_parse(data);
	else if (data && json_object_is_type(data, json_type_string))
		t->data_text = taskjson_str(o, "data");

	/* Our own --json / state shape. */
	v = taskjson_get(o, "clips");
	if (!t->n_clips && v && json_object_is_type(v, json_type_array))
		taskjson_clips_parse(t, v);
	v = taskjson_get(o, "lyrics");
	if (!t->lyrics && v && json_object_is_type(v, json_type_object))
		t->lyrics = taskjson_lyrics_parse(v);
	t->error = taskjson_str(o, "error");
	return t;
}

/* Whole-body parse: NULL unless the entire input is one JSON value (plus
 * whitespace) within the nesting limit; *too_deep (if given) says the limit
 * was the reason. */
static struct json_object *taskjson_tokenize(const char *text, size_t len, bool *too_deep)
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

static struct json_object *taskjson_clip_object(const struct clip *c)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "id", taskjson_new_str(c->id));
	json_object_object_add(o, "title", taskjson_new_str(c->title));
	json_object_object_add(o, "status", taskjson_new_str(c->status));
	json_object_object_add(o, "duration", taskjson_new_duration(c->duration));
	json_object_object_add(o, "tags", taskjson_new_str(c->tags));
	json_object_object_add(o, "model_name", taskjson_new_str(c->model_name));
	json_object_object_add(o, "audio_url", taskjson_new_str(c->audio_url));
	json_object_object_add(o, "video_url", taskjson_new_str(c->video_url));
	json_object_object_add(o, "image_url", taskjson_new_str(c->image_url));
	json_object_object_add(o, "error_message", taskjson_new_str(c->error_message));
	return o;
}

/* The server's status upper-cased (ASCII only, other bytes untouched). */
static char *taskjson_status_word(const struct task *t)
{
	char *s, *p;

	if (t->state == TASK_NOT_FOUND || !t->status || !*t->status)
		return xstrdup(task_state_name(t->state));
	s = xstrdup(t->status);
	for (p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

void *task_to_json_object(const struct task *t)
{
	struct json_object *o = json_object_new_object();
	struct json_object *clips = json_object_new_array();
	struct json_object *lyrics = NULL;
	char *status = taskjson_status_word(t);
	size_t i;

	json_object_object_add(o, "task_id", json_object_new_string(t->task_id ? t->task_id : ""));
	json_object_object_add(o, "action", json_object_new_string(t->action ? t->action : ""));
	json_object_object_add(o, "status", json_object_new_string(status));
	free(status);
	json_object_object_add(o, "progress", json_object_new_int(t->progress < 0 ? 0 : t->progress));
	json_object_object_add(o, "fail_reason",
			       json_object_new_string(t->fail_reason ? t->fail_reason : ""));
	json_object_object_add(o, "submit_time", taskjson_new_time(t->submit_time));
	json_object_object_add(o, "start_time", taskjson_new_time(t->start_time));
	json_object_object_add(o, "finish_time", taskjson_new_time(t->finish_time));
	for (i = 0; i < t->n_clips; i++)
		json_object_array_add(clips, taskjson_clip_object(&t->clips[i]));
	json_object_object_add(o, "clips", clips);
	if (t->lyrics) {
		lyrics = json_object_new_object();
		json_object_object_add(lyrics, "id", taskjson_new_str(t->lyrics->id));
		json_object_object_add(lyrics, "title", taskjson_new_str(t->lyrics->title));
		json_object_object_add(lyrics, "text", taskjson_new_str(t->lyrics->text));
		json_object_object_add(lyrics, "status", taskjson_new_str(t->lyrics->status));
	}
	json_object_object_add(o, "lyrics", lyrics);
	json_object_object_add(o, "error", taskjson_new_str(t->error));
	return o;
}

char *task_to_json(const struct task *t)
{
	struct json_object *o = task_to_json_object(t);
	char *s = jsonsafe_text(json_object_to_json_string_ext(o,
			JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));

	json_object_put(o);
	return s;
}

/* ---- responses -------------------------------------------------------- */

/* Code and message from either envelope: the task layer's
 * {"code","message","data"} or the gateway's {"error":{...}}. */
static void taskjson_envelope(struct json_object *root, struct reply *out)
{
	struct json_object *err = taskjson_get(root, "error");
	char *code = taskjson_str(root, "code");
	char *message = taskjson_str(root, "message");

	if (err && json_object_is_type(err, json_type_object)) {
		char *ecode = taskjson_str(err, "code");
		char *emsg = taskjson_str(err, "message");

		if (ecode && *ecode) {
			free(code);
			code = ecode;
		} else {
			free(ecode);
		}
		if (emsg && *emsg) {
			free(message);
			message = emsg;
		} else {
			free(emsg);
		}
	} else if (err && json_object_is_type(err, json_type_string) && !message) {
		message = taskjson_str(root, "error");
	}
	if (code && !*code) {
		free(code);
		code = NULL;
	}
	if (message && !*message) {
		free(message);
		message = NULL;
	}
	out->code = code;
	out->message = message;
}

static void taskjson_add_task(struct reply *out, struct json_object *o, size_t *cap)
{
	struct task *t = task_from_json_object(o);

	if (!t)
		return;
	if (out->n_tasks == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		out->tasks = xrealloc(out->tasks, *cap * sizeof(*out->tasks));
	}
	out->tasks[out->n_tasks++] = t;
}

static void taskjson_data(struct json_object *root, struct reply *out)
{
	struct json_object *data = NULL;
	size_t i, n, cap = 0;

	if (!json_object_object_get_ex(root, "data", &data))
		return;
	if (!data) {
		out->data_null = true;
		return;
	}
	if (json_object_is_type(data, json_type_object)) {
		taskjson_add_task(out, data, &cap);
	} else if (json_object_is_type(data, json_type_array)) {
		n = json_object_array_length(data);
		for (i = 0; i < n; i++) {
			struct json_object *e = json_object_array_get_idx(data, i);

			if (e && json_object_is_type(e, json_type_object))
				taskjson_add_task(out, e, &cap);
		}
	}
	/* A string (the submit answer) or a scalar holds no task. */
}

static enum reply_class taskjson_classify(long http, struct json_object *root,
					  bool html, bool deep, bool batch, struct reply *out)
{
	size_t cap = 0;

	if (http == 401 || http == 403)
		return REPLY_KEY_REJECTED;
	if (http == 400 && out->code && strcmp(out->code, "task_not_exist") == 0)
		return REPLY_NOT_FOUND;
	if (batch && (http == 404 || http == 405))
		return REPLY_NO_BATCH;
	if (http == 500)
		return out->code && strcmp(out->code, "invalid_request") == 0
			? REPLY_FATAL : REPLY_RETRY;
	if (http == 0 || http == 429 || (http >= 500 && http <= 599))
		return REPLY_RETRY;
	if (http >= 400 && http <= 499)
		return REPLY_FATAL;
	if (http < 200 || http > 299)
		return REPLY_FATAL;

	/* 2xx from here: only a JSON success envelope is good news. A wrong
	 * path can answer 200 with the web UI's HTML. */
	if (!root || !json_object_is_type(root, json_type_object)) {
		/* An HTML page from the batch path means the endpoint is not
		 * there (fall back to GET); a broken body is a hiccup. */
		free(out->message);
		out->message = xstrdup(html ? TASKJSON_HTML : deep ? TASKJSON_TOO_DEEP : TASKJSON_NOT_JSON);
		return html && batch ? REPLY_NO_BATCH : REPLY_RETRY;
	}
	if (!out->code && !taskjson_get(root, "code") && taskjson_get(root, "task_id")) {
		/* A bare task without the envelope, as some relays send. */
		taskjson_add_task(out, root, &cap);
		return REPLY_OK;
	}
	if (!out->code || strcasecmp(out->code, "success") != 0)
		return REPLY_RETRY;
	taskjson_data(root, out);
	return REPLY_OK;
}

/* True when the first thing in the body is markup. */
static bool taskjson_looks_html(const char *body, size_t len)
{
	size_t i = 0;

	while (i < len && isspace((unsigned char)body[i]))
		i++;
	return i < len && body[i] == '<';
}

void reply_parse(long http_status, const char *body, size_t len,
		 const char *retry_after, bool batch, struct reply *out)
{
	reply_parse_secret(http_status, body, len, retry_after, batch, NULL, out);
}

void reply_parse_secret(long http_status, const char *body, size_t len,
			const char *retry_after, bool batch, const char *secret,
			struct reply *out)
{
	struct json_object *root;
	bool deep = false;

	memset(out, 0, sizeof(*out));
	out->http_status = http_status;
	out->retry_after = retry_after ? backoff_parse_retry_after(retry_after, now_wall()) : -1;
	root = taskjson_tokenize(body, len, &deep);
	jsonsafe_scrub(root, secret);
	if (root && json_object_is_type(root, json_type_object))
		taskjson_envelope(root, out);
	out->cls = taskjson_classify(http_status, root, taskjson_looks_html(body, len), deep, batch,
				     out);
	json_object_put(root);
}

void reply_free(struct reply *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_tasks; i++)
		task_free(r->tasks[i]);
	free(r->tasks);
	free(r->code);
	free(r->message);
	r->tasks = NULL;
	r->n_tasks = 0;
	r->code = NULL;
	r->message = NULL;
}
