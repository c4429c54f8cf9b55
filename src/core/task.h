/* task: the project's own record of one CometAPI task and its clips.
 * Pure data, no I/O, no json-c: parsing lives in taskjson. */
#ifndef SUNOTOP_TASK_H
#define SUNOTOP_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Normalized state. The raw status string is kept beside it.
 * Rule for terminal states: SUCCESS (and "complete"/"succeeded"/"success"),
 * FAILURE (and "error"/"failed"/"fail"), the literal UNKNOWN, and our own
 * NOT_FOUND are finished; everything else is polled again. */
enum task_state {
	TASK_WAITING,      /* NOT_START, SUBMITTED, QUEUED, "pending", "queued", ... */
	TASK_RUNNING,      /* IN_PROGRESS, "processing", "streaming", "running" */
	TASK_SUCCEEDED,    /* SUCCESS */
	TASK_FAILED,       /* FAILURE */
	TASK_UNKNOWN,      /* the literal UNKNOWN (finished) or an unrecognized string (not finished) */
	TASK_NOT_FOUND,    /* the API does not know the id (task_not_exist) */
};

struct clip {
	char *id, *title, *status;
	char *audio_url, *video_url, *image_url, *image_large_url;
	char *model_name, *major_model_version, *created_at;
	char *tags, *prompt, *gpt_description_prompt, *type;
	char *error_type, *error_message;
	char *negative_tags;        /* metadata: what the style was to avoid */
	bool make_instrumental;     /* metadata: true only when told so */
	double duration;            /* seconds; < 0 when unknown (null) */
};

struct lyrics {
	char *id, *title, *text, *status;
};

struct task {
	char *task_id;              /* never NULL */
	char *action;               /* "" when absent */
	char *status;               /* as the server sent it, "" when absent */
	char *fail_reason;          /* "" when none */
	char *notify_hook;          /* NULL when absent */
	enum task_state state;
	bool finished;              /* see the rule above */
	int progress;               /* 0..100; -1 when the server sent nothing usable */
	int64_t submit_time, start_time, finish_time;   /* Unix seconds, 0 = not yet */
	struct clip *clips;
	size_t n_clips;
	struct lyrics *lyrics;      /* NULL unless data was an object */
	char *data_text;            /* data was a plain string; NULL otherwise */
	char *error;                /* our error code, e.g. "task_not_exist"; NULL when none */
};

struct task *task_new(const char *task_id);
void task_free(struct task *t);
struct task *task_clone(const struct task *t);

/* Classify a raw status string (case-insensitive). Sets *finished. */
enum task_state task_state_from_status(const char *status, bool *finished);
/* Upper-cased status for output: "SUCCESS", "IN_PROGRESS", "NOT_FOUND", ... */
const char *task_state_name(enum task_state s);
/* A NOT_FOUND task synthesized for an id the API does not know. */
struct task *task_new_not_found(const char *task_id, const char *code);

/* First clip's title, or the lyrics title, or NULL. */
const char *task_title(const struct task *t);
/* First non-empty audio URL of a complete clip, or NULL. */
const char *task_first_audio(const struct task *t);
/* True when the two records would print differently in --watch
 * (status, progress, fail_reason, clip states). */
bool task_changed(const struct task *a, const struct task *b);

#endif
