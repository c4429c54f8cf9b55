/* timeline: what the program saw happen to one task, with the local time it
 * saw it (added, each status and clip change, errors fetching it, downloads,
 * turning slow), bounded to the last TIMELINE_MAX events, kept in the state
 * file and in --json=timeline. Pure data: no I/O; texts are raw server or
 * program text, sanitized by whoever shows them. */
#ifndef SUNOTOP_TIMELINE_H
#define SUNOTOP_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lineage.h"
#include "task.h"

#define TIMELINE_MAX 50
#define TIMELINE_TEXT_MAX 200    /* bytes kept of an event's text */

enum timeline_kind {
	TIMELINE_ADDED,          /* text: NULL */
	TIMELINE_STATUS,         /* text: the status as the server sent it */
	TIMELINE_CLIP,           /* clip: its index; text: the clip's status */
	TIMELINE_ERROR,          /* text: why fetching it failed */
	TIMELINE_DOWNLOAD,       /* clip; text: "audio saved", "video failed: ..." */
	TIMELINE_SLOW,           /* text: the stage it turned slow in */
	TIMELINE_KIND_COUNT
};

struct timeline_event {
	int64_t time;            /* Unix seconds */
	enum timeline_kind kind;
	int clip;                /* -1 when it is about no clip */
	char *text;              /* owned, or NULL */
};

struct timeline {
	struct timeline_event *ev;   /* oldest first */
	size_t n, cap;
};

/* Appends an event to *tl (made on first use); past TIMELINE_MAX the
 * oldest goes. text may be NULL; it is cut to TIMELINE_TEXT_MAX bytes. */
void timeline_add(struct timeline **tl, int64_t time, enum timeline_kind kind, int clip,
		  const char *text);
void timeline_free(struct timeline *tl);
size_t timeline_count(const struct timeline *tl);
/* The newest event of kind (any kind for TIMELINE_KIND_COUNT), or NULL. */
const struct timeline_event *timeline_last(const struct timeline *tl, enum timeline_kind kind);
/* "added", "status", "clip", "error", "download", "slow". */
const char *timeline_kind_name(enum timeline_kind kind);

/* The changes from old (NULL: no answer before) to new worth an event:
 * the status, and each clip's status. */
void timeline_note_task(struct timeline **tl, int64_t time, const struct task *old,
			const struct task *fresh);

/* When the task entered the stage it is in (task_stage), as far as is
 * known: the server's submit or start time, else the first event of the
 * latest run of status events in that stage, else `added`. 0 when the
 * task is in no stage (no answer, finished, a word we do not know). */
int64_t timeline_stage_since(const struct timeline *tl, const struct task *t, int64_t added);
/* How long each stage (enum task_stage) lasted for this task, where the
 * timeline saw it enter and leave it (the running stage: the run time of
 * a task that succeeded); -1 where unknown. */
void timeline_stage_durations(const struct timeline *tl, const struct task *t,
			      double out[]);

/* The state file's and --json's "timeline" array (json_object *, refcount 1):
 * [{"time": T, "event": "status", "text": "QUEUED"}, {"time": T,
 * "event": "clip", "clip": 0, "text": "streaming"}, ...]; and back (NULL
 * for anything that is not such an array; bad items are skipped). */
void *timeline_to_json_object(const struct timeline *tl);
struct timeline *timeline_from_json_object(const void *json_array);
/* One --json=timeline line: lineage_task_json's object plus "timeline"
 * (an empty array when tl is NULL). Caller frees. */
char *timeline_task_json(const struct task *t, const struct lineage *l,
			 const struct timeline *tl);

#endif
