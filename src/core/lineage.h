/* lineage: what this program knows of a task it submitted: the exact request
 * it sent, and the task or clip the new one came from (a retry, an extend).
 * Kept with the tracked entry in the state file. Pure: no I/O. */
#ifndef SUNOTOP_LINEAGE_H
#define SUNOTOP_LINEAGE_H

#include "task.h"

enum lineage_relation {
	LINEAGE_NEW,      /* submitted from scratch */
	LINEAGE_RETRY,    /* a retry (with edits) of from_task */
	LINEAGE_EXTEND,   /* continues from_clip (of from_task, when known) */
};

struct lineage {
	char *path;                     /* the endpoint: "/suno/submit/music" */
	char *body;                     /* the JSON body exactly as sent */
	enum lineage_relation relation;
	char *from_task;                /* NULL for LINEAGE_NEW, or an extend of an unknown task */
	char *from_clip;                /* LINEAGE_EXTEND only */
};

/* Copies every string; ids that are not valid ids are dropped. */
struct lineage *lineage_new(const char *path, const char *body, enum lineage_relation rel,
			    const char *from_task, const char *from_clip);
void lineage_free(struct lineage *l);
struct lineage *lineage_clone(const struct lineage *l);

/* The relation for people, raw (sanitize before drawing): "retry of ID",
 * "extends clip CLIP of ID", "extends clip CLIP"; NULL when there is none
 * to tell. Caller frees. */
char *lineage_describe(const struct lineage *l);

/* The state file's "submitted" object (json_object *, refcount 1) and back;
 * from_json gives NULL for anything that is not such an object. */
void *lineage_to_json_object(const struct lineage *l);
struct lineage *lineage_from_json_object(const void *json_object);

/* The --json "origin" value: NULL (JSON null) without a relation, else
 * {"relation": "retry"|"extend", "task_id": ID|null, "clip_id": CLIP|null}. */
void *lineage_origin_json(const struct lineage *l);

/* The line `sunotop submit --json` prints for one outcome: {"task_id": ID
 * or null, "outcome", "http_status" (null when nothing was answered),
 * "attempts", "error" (null or why), "path", "origin", "request" (the body
 * exactly as sent)}. Caller frees. */
char *lineage_submit_json(const struct lineage *l, const char *task_id, const char *outcome,
			  long http_status, int attempts, const char *error);

/* One --json line: the task's PRODUCT.md shape plus "origin". Caller frees. */
char *lineage_task_json(const struct task *t, const struct lineage *l);

#endif
