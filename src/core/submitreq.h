/* submitreq: a request for a new generation (a song in custom, inspiration
 * or extend mode, or lyrics), the checks made before anything is sent, the
 * exact JSON body, and a request filled from what a task tells. Pure: no I/O. */
#ifndef SUNOTOP_SUBMITREQ_H
#define SUNOTOP_SUBMITREQ_H

#include <stdbool.h>
#include <stddef.h>
#include "task.h"

#define SUBMIT_PATH_MUSIC "/suno/submit/music"
#define SUBMIT_PATH_LYRICS "/suno/submit/lyrics"

/* Limits in characters (Unicode code points), checked before sending. The
 * lyrics and style limits depend on the model (see the model table). */
#define SUBMIT_MAX_TITLE 100
#define SUBMIT_MAX_DESCRIPTION 500     /* gpt_description_prompt */
#define SUBMIT_MAX_LYRICS_PROMPT 500   /* what the lyrics writer is asked */
#define SUBMIT_MAX_NEGATIVE_TAGS 1000
#define SUBMIT_MAX_MODEL 64            /* custom:NAME, NAME in bytes */
#define SUBMIT_MAX_CONTINUE_AT 3600.0  /* seconds */
#define SUBMIT_CUSTOM_PREFIX "custom:"

enum submit_mode {
	SUBMIT_CUSTOM,        /* lyrics, style tags, title */
	SUBMIT_INSPIRATION,   /* a description; the server writes the rest */
	SUBMIT_EXTEND,        /* custom fields plus a clip to continue */
	SUBMIT_LYRICS,        /* lyrics only, on the lyrics endpoint */
};

/* One known `mv` value: the only list of models in the program. */
struct submit_model {
	const char *mv;          /* what the API takes: "chirp-crow" */
	const char *label;       /* what people call it: "v5" */
	unsigned max_lyrics;     /* characters of prompt in custom mode */
	unsigned max_tags;       /* characters of style tags */
};

/* Strings are owned (NULL = not given). */
struct submit_req {
	enum submit_mode mode;
	char *title, *tags, *negative_tags;
	char *model;             /* an mv, a label, or "custom:NAME"; NULL = server default */
	char *lyrics;            /* custom and extend: the prompt */
	char *description;       /* inspiration: gpt_description_prompt; lyrics mode: the prompt */
	bool instrumental;
	char *continue_clip;     /* extend: the clip to continue */
	double continue_at;      /* extend: seconds into it; < 0 = not given */
	char *task_id;           /* extend: the task that made the clip, NULL when unknown */
};

/* The model table, in the order a picker shows it (oldest first). */
const struct submit_model *submit_models(size_t *n);
/* By mv or label (exact); NULL when unknown. */
const struct submit_model *submit_model_find(const char *name);
/* The mv a clip was made with, from its model_name or major_model_version;
 * NULL when neither names a known model. */
const char *submit_model_of_clip(const struct clip *c);

/* Text as people's editors save it, made what a request holds: a leading
 * byte order mark, carriage returns before newlines and trailing newlines
 * go. In place. */
void submit_text_tidy(char *s);

void submit_req_init(struct submit_req *r);
void submit_req_free(struct submit_req *r);
void submit_req_copy(struct submit_req *dst, const struct submit_req *src);

/* NULL when the request may be sent; otherwise why not, naming the field
 * as the command line does (caller frees). */
char *submit_req_check(const struct submit_req *r);
/* The endpoint, relative to the base URL. */
const char *submit_req_path(const struct submit_req *r);
/* The JSON body exactly as it is sent (one line). Only for a request that
 * passed submit_req_check. Caller frees. */
char *submit_req_body(const struct submit_req *r);

/* Fill r from a body this program sent to `path` (the exact request). False,
 * with r reset, when the body is not one it could have sent. */
bool submit_req_from_body(struct submit_req *r, const char *path, const char *body);
/* Fill r for a retry from what the task tells: its first clip's metadata
 * (prompt, tags, negative_tags, gpt_description_prompt, make_instrumental),
 * title and model; a LYRICS task gives lyrics mode. */
void submit_req_from_task(struct submit_req *r, const struct task *t);
/* Fill r to extend clip `clip` of t: its fields as for a retry, in extend
 * mode, continuing at the clip's length when known. */
void submit_req_extend(struct submit_req *r, const struct task *t, size_t clip);

#endif
