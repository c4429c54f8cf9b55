/* task: the field tables, and the constructors, copies and comparisons that
 * walk them. Pure data: must never do I/O or know about JSON (taskjson's job). */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "task.h"
#include "util.h"

#define TASK_ROW_TASK(kind, m, key, flags) { key, TFK_##kind, offsetof(struct task, m), flags },
#define TASK_ROW_CLIP(kind, m, key, flags) { key, TFK_##kind, offsetof(struct clip, m), flags },
#define TASK_ROW_LYRICS(kind, m, key, flags) { key, TFK_##kind, offsetof(struct lyrics, m), flags },

static const struct task_field task_fields[] = { TASK_FIELDS(TASK_ROW_TASK) };
static const struct task_field clip_fields[] = { CLIP_FIELDS(TASK_ROW_CLIP) };
static const struct task_field lyrics_fields[] = { LYRICS_FIELDS(TASK_ROW_LYRICS) };

#define TASK_TABLE(a) { a, sizeof(a) / sizeof(a[0]) }
const struct task_fields task_field_table = TASK_TABLE(task_fields);
const struct task_fields clip_field_table = TASK_TABLE(clip_fields);
const struct task_fields lyrics_field_table = TASK_TABLE(lyrics_fields);

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

static bool task_kind_is_text(enum task_field_kind k)
{
	return k == TFK_STR || k == TFK_TEXT || k == TFK_STATUS || k == TFK_TAGS;
}

/* Frees what the fields of rec point to (not rec itself). With only_flags,
 * only the fields carrying one of them, and those are set to NULL. */
static void task_record_release(const struct task_fields *tab, void *rec, unsigned only_flags)
{
	size_t i, j;

	for (i = 0; i < tab->n; i++) {
		const struct task_field *f = &tab->field[i];

		if (task_kind_is_text(f->kind)) {
			if (only_flags && !(f->flags & only_flags))
				continue;
			free(*TASK_FIELD_PTR(char *, rec, f));
			*TASK_FIELD_PTR(char *, rec, f) = NULL;
		} else if (f->kind == TFK_CLIPS) {
			struct clip *clips = *TASK_FIELD_PTR(struct clip *, rec, f);
			size_t n = ((struct task *)rec)->n_clips;

			for (j = 0; j < n; j++)
				task_record_release(&clip_field_table, &clips[j], only_flags);
			if (!only_flags) {
				free(clips);
				*TASK_FIELD_PTR(struct clip *, rec, f) = NULL;
			}
		} else if (f->kind == TFK_LYRICS) {
			struct lyrics *l = *TASK_FIELD_PTR(struct lyrics *, rec, f);

			if (!l)
				continue;
			task_record_release(&lyrics_field_table, l, only_flags);
			if (!only_flags) {
				free(l);
				*TASK_FIELD_PTR(struct lyrics *, rec, f) = NULL;
			}
		}
	}
}

void task_free(struct task *t)
{
	if (!t)
		return;
	task_record_release(&task_field_table, t, 0);
	free(t);
}

void task_slim(struct task *t)
{
	if (t)
		task_record_release(&task_field_table, t, TF_SLIM);
}

static void *task_memdup(const void *p, size_t n)
{
	void *c = xmalloc(n);

	memcpy(c, p, n);
	return c;
}

/* dst is a bitwise copy of src: give it copies of everything pointed to. */
static void task_record_deepen(const struct task_fields *tab, void *dst)
{
	size_t i, j;

	for (i = 0; i < tab->n; i++) {
		const struct task_field *f = &tab->field[i];

		if (task_kind_is_text(f->kind)) {
			char **s = TASK_FIELD_PTR(char *, dst, f);
			*s = xstrdup(*s);
		} else if (f->kind == TFK_CLIPS) {
			struct clip **clips = TASK_FIELD_PTR(struct clip *, dst, f);
			size_t n = ((struct task *)dst)->n_clips;

			if (!n) {
				*clips = NULL;
				continue;
			}
			*clips = task_memdup(*clips, n * sizeof(**clips));
			for (j = 0; j < n; j++)
				task_record_deepen(&clip_field_table, &(*clips)[j]);
		} else if (f->kind == TFK_LYRICS) {
			struct lyrics **l = TASK_FIELD_PTR(struct lyrics *, dst, f);

			if (!*l)
				continue;
			*l = task_memdup(*l, sizeof(**l));
			task_record_deepen(&lyrics_field_table, *l);
		}
	}
}

struct task *task_clone(const struct task *t)
{
	struct task *c;

	if (!t)
		return NULL;
	c = task_memdup(t, sizeof(*t));
	task_record_deepen(&task_field_table, c);
	return c;
}

static bool task_str_same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Fields of a and b equal: every one, or with mask only those flagged so
 * (and the nested records' fields flagged so). */
static bool task_record_same(const struct task_fields *tab, const void *a, const void *b,
			     unsigned mask)
{
	size_t i, j;

	for (i = 0; i < tab->n; i++) {
		const struct task_field *f = &tab->field[i];
		bool same = true;

		if (mask && !(f->flags & mask))
			continue;
		switch (f->kind) {
		case TFK_STR:
		case TFK_TEXT:
		case TFK_STATUS:
		case TFK_TAGS:
			same = task_str_same(*TASK_FIELD_CPTR(char *, a, f), *TASK_FIELD_CPTR(char *, b, f));
			break;
		case TFK_PROGRESS:
			same = *TASK_FIELD_CPTR(int, a, f) == *TASK_FIELD_CPTR(int, b, f);
			break;
		case TFK_TIME:
			same = *TASK_FIELD_CPTR(int64_t, a, f) == *TASK_FIELD_CPTR(int64_t, b, f);
			break;
		case TFK_SECS:
			same = *TASK_FIELD_CPTR(double, a, f) == *TASK_FIELD_CPTR(double, b, f);
			break;
		case TFK_BOOL:
			same = *TASK_FIELD_CPTR(bool, a, f) == *TASK_FIELD_CPTR(bool, b, f);
			break;
		case TFK_CLIPS: {
			const struct task *ta = a, *tb = b;

			same = ta->n_clips == tb->n_clips;
			for (j = 0; same && j < ta->n_clips; j++)
				same = task_record_same(&clip_field_table, &ta->clips[j], &tb->clips[j], mask);
			break;
		}
		case TFK_LYRICS: {
			const struct lyrics *la = *TASK_FIELD_CPTR(struct lyrics *, a, f);
			const struct lyrics *lb = *TASK_FIELD_CPTR(struct lyrics *, b, f);

			same = !la || !lb ? la == lb : task_record_same(&lyrics_field_table, la, lb, mask);
			break;
		}
		}
		if (!same)
			return false;
	}
	return true;
}

bool task_equal(const struct task *a, const struct task *b)
{
	if (!a || !b)
		return a == b;
	return a->state == b->state && a->finished == b->finished &&
	       task_record_same(&task_field_table, a, b, 0);
}

bool task_changed(const struct task *a, const struct task *b)
{
	if (!a || !b)
		return a != b;
	return a->state != b->state || a->finished != b->finished ||
	       !task_record_same(&task_field_table, a, b, TF_WATCH);
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
