/* taskjson_reply: HTTP responses (status, body, Retry-After) to a struct
 * reply, part of the taskjson module. Pure: no I/O; json-c stays inside. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "backoff.h"
#include "jsonsafe.h"
#include "taskjson.h"
#include "taskjson_impl.h"
#include "util.h"

#define TASKJSON_HTML "server answered with an HTML page, not JSON (wrong base URL?)"
#define TASKJSON_NOT_JSON "server answered with a broken or truncated body, not JSON"
#define TASKJSON_TOO_DEEP "server answered with JSON nested too deeply to read, not a task list"

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
