/* taskjson_impl: what the two halves of the taskjson module share (tasks in
 * taskjson.c, HTTP responses in taskjson_reply.c). Not for other modules. */
#ifndef SUNOTOP_TASKJSON_IMPL_H
#define SUNOTOP_TASKJSON_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

/* The member at key of an object, or NULL. */
struct json_object *taskjson_get(struct json_object *obj, const char *key);
/* A copy of the string at key; NULL when absent, null or not a string. */
char *taskjson_str(struct json_object *obj, const char *key);
/* Whole-body parse: NULL unless the entire input is one JSON value (plus
 * whitespace) within the nesting limit; *too_deep (if given) says the
 * limit was the reason. */
struct json_object *taskjson_tokenize(const char *text, size_t len, bool *too_deep);

#endif
