/* task: the project's own record of one CometAPI task and its clips, and the
 * one table of their fields. Pure data, no I/O, no json-c: parsing lives in
 * taskjson, what a task means to a person (failed? run time?) in taskrule. */
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

/* ---- the field table -------------------------------------------------
 *
 * Every field of a clip, of a lyrics record and of a task is one line
 * X(KIND, member, "json key", flags) below. The structs are declared from
 * these lists, and free, clone, equality, "did it change", JSON parse,
 * JSON emit and the state file all walk them: a new API field is one line
 * here (plus the pane, if it is to be shown). Order is the --json order.
 *
 * Kinds:
 *   STR       char *, NULL when absent
 *   TEXT      char *, "" when absent, never NULL
 *   STATUS    TEXT holding the server's status; `state` and `finished` follow
 *             it, and --json upper-cases it
 *   TAGS      STR that the server may send as an array of words
 *   PROGRESS  int 0..100, -1 when the server sent nothing usable
 *   TIME      int64_t Unix seconds (milliseconds converted), 0 = not yet
 *   SECS      double seconds, < 0 when unknown
 *   BOOL      bool, true only when the server said so
 *   CLIPS     struct clip *member with size_t n_member (the API's "data"
 *             array, "clips" in our shape)
 *   LYRICS    struct lyrics * or NULL (the API's "data" object, "lyrics" in
 *             our shape)
 * Flags:
 *   TF_JSON   part of the --json line (a contract: sunotop(1), OUTPUT);
 *             the state file carries every field, the others when set
 *   TF_META   the API sends it under the clip's "metadata" (read there
 *             first, then at the top level, where our shape writes it)
 *   TF_WATCH  a change of it is a change --watch prints
 *   TF_SLIM   shown nowhere: the dashboard drops it on arrival (task_slim) */
#define TF_JSON  1u
#define TF_META  2u
#define TF_WATCH 4u
#define TF_SLIM  8u

#define CLIP_FIELDS(X) \
	X(STR,  id,                     "id",                     TF_JSON) \
	X(STR,  title,                  "title",                  TF_JSON) \
	X(STR,  status,                 "status",                 TF_JSON | TF_WATCH) \
	X(SECS, duration,               "duration",               TF_JSON | TF_META) \
	X(TAGS, tags,                   "tags",                   TF_JSON | TF_META) \
	X(STR,  model_name,             "model_name",             TF_JSON) \
	X(STR,  audio_url,              "audio_url",              TF_JSON) \
	X(STR,  video_url,              "video_url",              TF_JSON) \
	X(STR,  image_url,              "image_url",              TF_JSON) \
	X(STR,  error_message,          "error_message",          TF_JSON | TF_META) \
	X(STR,  error_type,             "error_type",             TF_META) \
	X(STR,  image_large_url,        "image_large_url",        TF_SLIM) \
	X(STR,  major_model_version,    "major_model_version",    TF_SLIM) \
	X(STR,  created_at,             "created_at",             TF_SLIM) \
	X(STR,  prompt,                 "prompt",                 TF_META | TF_SLIM) \
	X(STR,  gpt_description_prompt, "gpt_description_prompt", TF_META | TF_SLIM) \
	X(STR,  type,                   "type",                   TF_META | TF_SLIM) \
	X(STR,  negative_tags,          "negative_tags",          TF_META) \
	X(BOOL, make_instrumental,      "make_instrumental",      TF_META)

#define LYRICS_FIELDS(X) \
	X(STR,  id,                     "id",                     TF_JSON) \
	X(STR,  title,                  "title",                  TF_JSON) \
	X(STR,  text,                   "text",                   TF_JSON) \
	X(STR,  status,                 "status",                 TF_JSON)

/* "data" holds a plain string only when the API's data was one. */
#define TASK_FIELDS(X) \
	X(TEXT,     task_id,            "task_id",                TF_JSON) \
	X(TEXT,     action,             "action",                 TF_JSON) \
	X(STATUS,   status,             "status",                 TF_JSON | TF_WATCH) \
	X(PROGRESS, progress,           "progress",               TF_JSON | TF_WATCH) \
	X(TEXT,     fail_reason,        "fail_reason",            TF_JSON | TF_WATCH) \
	X(TIME,     submit_time,        "submit_time",            TF_JSON) \
	X(TIME,     start_time,         "start_time",             TF_JSON) \
	X(TIME,     finish_time,        "finish_time",            TF_JSON) \
	X(CLIPS,    clips,              "clips",                  TF_JSON | TF_WATCH) \
	X(LYRICS,   lyrics,             "lyrics",                 TF_JSON) \
	X(STR,      error,              "error",                  TF_JSON | TF_WATCH) \
	X(STR,      notify_hook,        "notify_hook",            TF_SLIM) \
	X(STR,      data_text,          "data",                   0)

#define TASK_DECL_STR(m)      char *m;
#define TASK_DECL_TEXT(m)     char *m;
#define TASK_DECL_STATUS(m)   char *m;
#define TASK_DECL_TAGS(m)     char *m;
#define TASK_DECL_PROGRESS(m) int m;
#define TASK_DECL_TIME(m)     int64_t m;
#define TASK_DECL_SECS(m)     double m;
#define TASK_DECL_BOOL(m)     bool m;
#define TASK_DECL_CLIPS(m)    struct clip *m; size_t n_##m;
#define TASK_DECL_LYRICS(m)   struct lyrics *m;
#define TASK_DECL(kind, m, key, flags) TASK_DECL_##kind(m)

struct clip {
	CLIP_FIELDS(TASK_DECL)
};

struct lyrics {
	LYRICS_FIELDS(TASK_DECL)
};

struct task {
	TASK_FIELDS(TASK_DECL)
	/* Derived from status (task_state_from_status); not in the table. */
	enum task_state state;
	bool finished;              /* see the rule above */
};

enum task_field_kind {
	TFK_STR, TFK_TEXT, TFK_STATUS, TFK_TAGS, TFK_PROGRESS, TFK_TIME, TFK_SECS,
	TFK_BOOL, TFK_CLIPS, TFK_LYRICS,
};

struct task_field {
	const char *key;            /* JSON key */
	enum task_field_kind kind;
	size_t offset;              /* of the member in its struct */
	unsigned flags;             /* TF_* */
};

struct task_fields {
	const struct task_field *field;
	size_t n;
};

/* The tables generated from the lists above. */
extern const struct task_fields task_field_table, clip_field_table, lyrics_field_table;

/* The member a field describes, in rec (a struct task, clip or lyrics). */
#define TASK_FIELD_PTR(type, rec, f) ((type *)(void *)((char *)(rec) + (f)->offset))
#define TASK_FIELD_CPTR(type, rec, f) ((const type *)(const void *)((const char *)(rec) + (f)->offset))

struct task *task_new(const char *task_id);
void task_free(struct task *t);
struct task *task_clone(const struct task *t);
/* Every field equal (state and finished too). NULL equals only NULL. */
bool task_equal(const struct task *a, const struct task *b);
/* True when the two records would print differently in --watch: a TF_WATCH
 * field differs (status, progress, fail_reason, error, clip states). */
bool task_changed(const struct task *a, const struct task *b);
/* Frees the TF_SLIM fields (shown nowhere; half the memory of 10,000
 * tasks). A slimmed task still saves and loads as itself. */
void task_slim(struct task *t);

/* Classify a raw status string (case-insensitive). Sets *finished. */
enum task_state task_state_from_status(const char *status, bool *finished);
/* Our name for a state: "SUCCESS", "IN_PROGRESS", "NOT_FOUND", ... */
const char *task_state_name(enum task_state s);
/* A NOT_FOUND task synthesized for an id the API does not know. */
struct task *task_new_not_found(const char *task_id, const char *code);

/* First clip's title, or the lyrics title, or NULL. */
const char *task_title(const struct task *t);
/* First non-empty audio URL of a complete clip, or NULL. */
const char *task_first_audio(const struct task *t);

#endif
