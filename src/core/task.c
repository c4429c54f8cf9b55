/* task: constructors, copies and questions about one task record.
 * Pure data: must never do I/O or know about JSON (that is taskjson's job). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "task.h"
#include "util.h"

struct task *task_new(const char *task_id)
{
	struct task *t = xcalloc(1, sizeof(*t));

	t->task_id = xstrdup(task_id ? task_id : "");
	t->action = xstrdup("");
	t->status = xstrdup("");
	t->fail_reason = xstrdup("");
	t->state = TASK_WAITING;
	t->progress = -1;
	return t;
}

static void task_clip_release(struct clip *c)
{
	free(c->id);
	free(c->title);
	free(c->status);
	free(c->audio_url);
	free(c->video_url);
	free(c->image_url);
	free(c->image_large_url);
	free(c->model_name);
	free(c->major_model_version);
	free(c->created_at);
	free(c->tags);
	free(c->prompt);
	free(c->gpt_description_prompt);
	free(c->type);
	free(c->error_type);
	free(c->error_message);
	free(c->negative_tags);
}

static void task_lyrics_free(struct lyrics *l)
{
	if (!l)
		return;
	free(l->id);
	free(l->title);
	free(l->text);
	free(l->status);
	free(l);
}

void task_free(struct task *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n_clips; i++)
		task_clip_release(&t->clips[i]);
	free(t->clips);
	task_lyrics_free(t->lyrics);
	free(t->task_id);
	free(t->action);
	free(t->status);
	free(t->fail_reason);
	free(t->notify_hook);
	free(t->data_text);
	free(t->error);
	free(t);
}

static void task_clip_copy(struct clip *dst, const struct clip *src)
{
	dst->id = xstrdup(src->id);
	dst->title = xstrdup(src->title);
	dst->status = xstrdup(src->status);
	dst->audio_url = xstrdup(src->audio_url);
	dst->video_url = xstrdup(src->video_url);
	dst->image_url = xstrdup(src->image_url);
	dst->image_large_url = xstrdup(src->image_large_url);
	dst->model_name = xstrdup(src->model_name);
	dst->major_model_version = xstrdup(src->major_model_version);
	dst->created_at = xstrdup(src->created_at);
	dst->tags = xstrdup(src->tags);
	dst->prompt = xstrdup(src->prompt);
	dst->gpt_description_prompt = xstrdup(src->gpt_description_prompt);
	dst->type = xstrdup(src->type);
	dst->error_type = xstrdup(src->error_type);
	dst->error_message = xstrdup(src->error_message);
	dst->negative_tags = xstrdup(src->negative_tags);
	dst->make_instrumental = src->make_instrumental;
	dst->duration = src->duration;
}

struct task *task_clone(const struct task *t)
{
	struct task *c;
	size_t i;

	if (!t)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->task_id = xstrdup(t->task_id);
	c->action = xstrdup(t->action);
	c->status = xstrdup(t->status);
	c->fail_reason = xstrdup(t->fail_reason);
	c->notify_hook = xstrdup(t->notify_hook);
	c->state = t->state;
	c->finished = t->finished;
	c->progress = t->progress;
	c->submit_time = t->submit_time;
	c->start_time = t->start_time;
	c->finish_time = t->finish_time;
	if (t->n_clips) {
		c->clips = xcalloc(t->n_clips, sizeof(*c->clips));
		for (i = 0; i < t->n_clips; i++)
			task_clip_copy(&c->clips[i], &t->clips[i]);
		c->n_clips = t->n_clips;
	}
	if (t->lyrics) {
		c->lyrics = xcalloc(1, sizeof(*c->lyrics));
		c->lyrics->id = xstrdup(t->lyrics->id);
		c->lyrics->title = xstrdup(t->lyrics->title);
		c->lyrics->text = xstrdup(t->lyrics->text);
		c->lyrics->status = xstrdup(t->lyrics->status);
	}
	c->data_text = xstrdup(t->data_text);
	c->error = xstrdup(t->error);
	return c;
}

/* Status words seen from the server family and from other relays. The
 * server passes upstream strings through, so matching ignores case. */
static const struct {
	const char *word;
	enum task_state state;
	bool finished;
} task_status_words[] = {
	{ "NOT_START", TASK_WAITING, false },
	{ "SUBMITTED", TASK_WAITING, false },
	{ "QUEUED", TASK_WAITING, false },
	{ "PENDING", TASK_WAITING, false },
	{ "IN_PROGRESS", TASK_RUNNING, false },
	{ "PROCESSING", TASK_RUNNING, false },
	{ "RUNNING", TASK_RUNNING, false },
	{ "STREAMING", TASK_RUNNING, false },
	{ "SUCCESS", TASK_SUCCEEDED, true },
	{ "COMPLETE", TASK_SUCCEEDED, true },
	{ "COMPLETED", TASK_SUCCEEDED, true },
	{ "SUCCEEDED", TASK_SUCCEEDED, true },
	{ "FAILURE", TASK_FAILED, true },
	{ "ERROR", TASK_FAILED, true },
	{ "FAILED", TASK_FAILED, true },
	{ "FAIL", TASK_FAILED, true },
	{ "UNKNOWN", TASK_UNKNOWN, true },
	{ "NOT_FOUND", TASK_NOT_FOUND, true },
};

enum task_state task_state_from_status(const char *status, bool *finished)
{
	size_t i;
	bool dummy;

	if (!finished)
		finished = &dummy;
	*finished = false;
	if (!status || !*status)
		return TASK_WAITING;
	for (i = 0; i < sizeof(task_status_words) / sizeof(task_status_words[0]); i++) {
		if (strcasecmp(status, task_status_words[i].word) == 0) {
			*finished = task_status_words[i].finished;
			return task_status_words[i].state;
		}
	}
	/* An unrecognized word is shown as is and polled again: it may be a
	 * new intermediate stage. */
	return TASK_UNKNOWN;
}

const char *task_state_name(enum task_state s)
{
	switch (s) {
	case TASK_WAITING:
		return "QUEUED";
	case TASK_RUNNING:
		return "IN_PROGRESS";
	case TASK_SUCCEEDED:
		return "SUCCESS";
	case TASK_FAILED:
		return "FAILURE";
	case TASK_UNKNOWN:
		return "UNKNOWN";
	case TASK_NOT_FOUND:
		return "NOT_FOUND";
	}
	return "UNKNOWN";
}

struct task *task_new_not_found(const char *task_id, const char *code)
{
	struct task *t = task_new(task_id);

	free(t->status);
	t->status = xstrdup("NOT_FOUND");
	t->state = TASK_NOT_FOUND;
	t->finished = true;
	t->error = xstrdup(code && *code ? code : "task_not_exist");
	return t;
}

const char *task_title(const struct task *t)
{
	size_t i;

	if (!t)
		return NULL;
	for (i = 0; i < t->n_clips; i++)
		if (t->clips[i].title && *t->clips[i].title)
			return t->clips[i].title;
	if (t->lyrics && t->lyrics->title && *t->lyrics->title)
		return t->lyrics->title;
	return NULL;
}

const char *task_first_audio(const struct task *t)
{
	size_t i;

	if (!t)
		return NULL;
	for (i = 0; i < t->n_clips; i++) {
		const struct clip *c = &t->clips[i];
		bool done;

		if (!c->audio_url || !*c->audio_url)
			continue;
		/* Sparse clips carry no status: trust the task's own. */
		if (c->status && *c->status)
			done = task_state_from_status(c->status, NULL) == TASK_SUCCEEDED;
		else
			done = t->state == TASK_SUCCEEDED;
		if (done)
			return c->audio_url;
	}
	return NULL;
}

static bool task_str_differs(const char *a, const char *b)
{
	if (!a || !b)
		return a != b;
	return strcmp(a, b) != 0;
}

bool task_changed(const struct task *a, const struct task *b)
{
	size_t i;

	if (!a || !b)
		return a != b;
	if (a->state != b->state || a->progress != b->progress ||
	    a->finished != b->finished)
		return true;
	if (task_str_differs(a->status, b->status) ||
	    task_str_differs(a->fail_reason, b->fail_reason) ||
	    task_str_differs(a->error, b->error))
		return true;
	if (a->n_clips != b->n_clips)
		return true;
	for (i = 0; i < a->n_clips; i++)
		if (task_str_differs(a->clips[i].status, b->clips[i].status))
			return true;
	return false;
}
