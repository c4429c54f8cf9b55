/* lineage: the request a submitted task was made from and where it came
 * from, to and from the state file and the --json line. Pure: no I/O; the
 * strings are the user's and the server's, never sanitized here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "ids.h"
#include "jsonsafe.h"
#include "lineage.h"
#include "taskjson.h"
#include "util.h"

static const char *const lineage_names[] = {
	[LINEAGE_NEW] = "new", [LINEAGE_RETRY] = "retry", [LINEAGE_EXTEND] = "extend",
};

/* Ids already tracked (or read back from the state file), so the rule
 * for saved ids, not the stricter one for typed ones. */
static char *lineage_id(const char *id)
{
	return id && id_safe(id, strlen(id)) ? xstrdup(id) : NULL;
}

struct lineage *lineage_new(const char *path, const char *body, enum lineage_relation rel,
			    const char *from_task, const char *from_clip)
{
	struct lineage *l = xcalloc(1, sizeof(*l));

	l->path = xstrdup(path ? path : "");
	l->body = xstrdup(body ? body : "");
	l->relation = rel;
	if (rel != LINEAGE_NEW)
		l->from_task = lineage_id(from_task);
	if (rel == LINEAGE_EXTEND)
		l->from_clip = lineage_id(from_clip);
	/* a retry of nothing known, or an extend of no clip, is just new */
	if ((rel == LINEAGE_RETRY && !l->from_task) || (rel == LINEAGE_EXTEND && !l->from_clip)) {
		free(l->from_task);
		l->from_task = NULL;
		l->relation = LINEAGE_NEW;
	}
	return l;
}

void lineage_free(struct lineage *l)
{
	if (!l)
		return;
	free(l->path);
	free(l->body);
	free(l->from_task);
	free(l->from_clip);
	free(l);
}

struct lineage *lineage_clone(const struct lineage *l)
{
	return l ? lineage_new(l->path, l->body, l->relation, l->from_task, l->from_clip) : NULL;
}

char *lineage_describe(const struct lineage *l)
{
	if (!l || l->relation == LINEAGE_NEW)
		return NULL;
	if (l->relation == LINEAGE_RETRY)
		return xasprintf("retry of %s", l->from_task);
	if (l->from_task)
		return xasprintf("extends clip %s of %s", l->from_clip, l->from_task);
	return xasprintf("extends clip %s", l->from_clip);
}

static json_object *lineage_str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

void *lineage_to_json_object(const struct lineage *l)
{
	json_object *o;

	if (!l)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "path", json_object_new_string(l->path));
	json_object_object_add(o, "body", json_object_new_string(l->body));
	json_object_object_add(o, "relation", json_object_new_string(lineage_names[l->relation]));
	json_object_object_add(o, "from_task", lineage_str(l->from_task));
	json_object_object_add(o, "from_clip", lineage_str(l->from_clip));
	return o;
}

static const char *lineage_get(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	/* an embedded NUL would cut the text short: not ours */
	if (strlen(json_object_get_string(v)) != (size_t)json_object_get_string_len(v))
		return NULL;
	return json_object_get_string(v);
}

struct lineage *lineage_from_json_object(const void *obj)
{
	json_object *o = (json_object *)obj;
	const char *path, *body, *rel;
	enum lineage_relation r = LINEAGE_NEW;
	size_t i;

	if (!o || !json_object_is_type(o, json_type_object))
		return NULL;
	path = lineage_get(o, "path");
	body = lineage_get(o, "body");
	rel = lineage_get(o, "relation");
	if (!path || !body)
		return NULL;
	for (i = 0; rel && i < sizeof(lineage_names) / sizeof(lineage_names[0]); i++)
		if (strcmp(rel, lineage_names[i]) == 0)
			r = (enum lineage_relation)i;
	return lineage_new(path, body, r, lineage_get(o, "from_task"), lineage_get(o, "from_clip"));
}

void *lineage_origin_json(const struct lineage *l)
{
	json_object *o;

	if (!l || l->relation == LINEAGE_NEW)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "relation", json_object_new_string(lineage_names[l->relation]));
	json_object_object_add(o, "task_id", lineage_str(l->from_task));
	json_object_object_add(o, "clip_id", lineage_str(l->from_clip));
	return o;
}

char *lineage_submit_json(const struct lineage *l, const char *task_id, const char *outcome,
			  long http_status, int attempts, const char *error)
{
	json_object *o = json_object_new_object();
	struct strbuf sb;
	const char *text;

	json_object_object_add(o, "task_id", lineage_str(task_id));
	json_object_object_add(o, "outcome", json_object_new_string(outcome));
	json_object_object_add(o, "http_status", http_status > 0 ? json_object_new_int64(http_status) : NULL);
	json_object_object_add(o, "attempts", json_object_new_int(attempts));
	json_object_object_add(o, "error", lineage_str(error));
	json_object_object_add(o, "path", json_object_new_string(l->path));
	json_object_object_add(o, "origin", lineage_origin_json(l));
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	/* the body as sent, byte for byte, in place of the closing brace */
	strbuf_init(&sb);
	strbuf_add(&sb, text, strlen(text) - 1);
	strbuf_addf(&sb, ",\"request\":%s}", *l->body ? l->body : "null");
	json_object_put(o);
	return strbuf_detach(&sb);
}

char *lineage_task_json(const struct task *t, const struct lineage *l)
{
	json_object *o = task_to_json_object(t);
	char *s;

	json_object_object_add(o, "origin", lineage_origin_json(l));
	/* the --json line: valid UTF-8, C1 and bidi escaped, NULs kept */
	s = jsonsafe_text(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							 JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}
