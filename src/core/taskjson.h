/* taskjson: maps HTTP response bodies to tasks and error records, and tasks
 * to JSON. The json-c tree never leaves these functions. Pure: no I/O. */
#ifndef SUNOTOP_TASKJSON_H
#define SUNOTOP_TASKJSON_H

#include <stddef.h>
#include "task.h"

/* What a response means to the client (API.md "Errors", "Retry policy"). */
enum reply_class {
	REPLY_OK,            /* code "success": tasks[] filled (possibly empty) */
	REPLY_NOT_FOUND,     /* 400 task_not_exist */
	REPLY_KEY_REJECTED,  /* 401, 403 */
	REPLY_RETRY,         /* 429, 500, 502, 503, 504, 524, non-JSON/HTML 200, code != success on 200, network */
	REPLY_FATAL,         /* do not retry: other 4xx, 500 invalid_request, TLS failure */
	REPLY_NO_BATCH,      /* batch endpoint unusable (HTML, 404, 405): fall back to GET */
};

struct reply {
	enum reply_class cls;
	long http_status;
	struct task **tasks;     /* REPLY_OK: owned; data:null and [] give n_tasks 0 */
	size_t n_tasks;
	bool data_null;          /* REPLY_OK with "data": null */
	char *code;              /* server's code (either envelope), NULL if none */
	char *message;           /* server's message, NULL if none (raw, unsanitized) */
	double retry_after;      /* seconds from Retry-After, < 0 when absent */
};

/* Map one HTTP response. `batch` selects batch semantics (HTML/404/405 mean
 * REPLY_NO_BATCH). `retry_after` is the raw header value or NULL. Never
 * fails: anything unusable becomes an error class with a message. Bodies
 * deeper than the nesting limit or longer than INT_MAX are errors too. */
void reply_parse(long http_status, const char *body, size_t len,
		 const char *retry_after, bool batch, struct reply *out);
/* The same, with every copy of `secret` (the API key; NULL or "" for none)
 * in every string of the body replaced by "***" before anything is read
 * from it: a server that echoes the key cannot get it kept anywhere. */
void reply_parse_secret(long http_status, const char *body, size_t len,
			const char *retry_after, bool batch, const char *secret,
			struct reply *out);
void reply_free(struct reply *r);

/* Parse one task object given as JSON text (the API's TASK shape or our own
 * --json / state shape). NULL on error. */
struct task *task_from_json_text(const char *text, size_t len);

/* One task in the PRODUCT.md --json shape, no trailing newline.
 * Strings are the server's, JSON-escaped. Caller frees. */
char *task_to_json(const struct task *t);

/* Internal helpers shared with the state store: json_object in/out. Declared
 * with void * so callers need not include json-c. */
struct task *task_from_json_object(const void *json_object);
void *task_to_json_object(const struct task *t);   /* returns json_object * (refcount 1) */
/* The state file's shape: the --json keys plus every other field of the
 * table that is set, the status as the server sent it and an unknown
 * progress as null, so that a task loads back exactly as it was saved. */
void *task_to_state_object(const struct task *t);

#endif
