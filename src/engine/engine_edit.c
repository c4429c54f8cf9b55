/* engine_edit: the user's edits of the tracked list: adding ids, untracking
 * them, and undoing either, each one undo step however many ids it holds.
 * Front-end thread only; the state file is written by the loop's timer
 * (engine_run_due), never here. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_impl.h"
#include "ids.h"
#include "taskrule.h"
#include "text.h"
#include "util.h"

struct engine_edit_add {
	struct engine *eng;
	struct engine_add_report *r;
	char **ids;
	size_t n, cap;
	int64_t now;
};

static void engine_undo_free(struct engine_undo *u)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		if (u->add)
			free(u->ids[i]);
		else
			tasklist_entry_free(u->entries[i]);
	}
	free(u->ids);
	free(u->entries);
	memset(u, 0, sizeof(*u));
}

void engine_undo_free_all(struct engine *eng)
{
	while (eng->n_undo > 0)
		engine_undo_free(&eng->undo[--eng->n_undo]);
}

static struct engine_undo *engine_undo_push(struct engine *eng)
{
	struct engine_undo *u;

	if (eng->n_undo == ENGINE_UNDO_MAX) {
		engine_undo_free(&eng->undo[0]);
		memmove(&eng->undo[0], &eng->undo[1], (ENGINE_UNDO_MAX - 1) * sizeof(eng->undo[0]));
		eng->n_undo--;
	}
	u = &eng->undo[eng->n_undo++];
	memset(u, 0, sizeof(*u));
	return u;
}

/* Tracks an entry in the list (new, or back from an untrack). */
static void engine_track(struct engine *eng, struct entry *e)
{
	if (eng->poller)
		poller_add(eng->poller, e->id, task_is_finished(e->task));
	if (eng->cfg.view && eng->cfg.view->task_added)
		eng->cfg.view->task_added(eng->cfg.ctx, e);
}

/* The poller and the view forget an entry taken out of the list. */
static void engine_forget(struct engine *eng, const char *id)
{
	if (eng->poller)
		poller_remove(eng->poller, id);
	if (eng->cfg.view && eng->cfg.view->task_removed)
		eng->cfg.view->task_removed(eng->cfg.ctx, id);
}

/* Takes id out of the list; the caller owns the entry. */
static struct entry *engine_take(struct engine *eng, const char *id)
{
	struct entry *e = tasklist_take(eng->tl, id);

	if (e)
		engine_forget(eng, id);
	return e;
}

static void engine_edit_token(void *ctx, const char *tok, size_t len)
{
	struct engine_edit_add *a = ctx;
	struct engine_add_report *r = a->r;
	const char *reason = NULL;
	struct entry *e;
	char *id;

	if (!id_valid(tok, len, &reason)) {
		if (r->invalid++ == 0) {
			char *raw = xstrndup(tok, len > 40 ? 40 : len);
			text_sanitize_buf(raw, a->eng->cfg.text_flags, r->bad, sizeof(r->bad));
			r->reason = reason ? reason : "not a task id";
			free(raw);
		}
		return;
	}
	id = xstrndup(tok, len);
	e = tasklist_add(a->eng->tl, id, a->now);
	if (!e) {
		r->dup++;
		free(id);
		return;
	}
	r->added++;
	timeline_add(&e->timeline, a->now, TIMELINE_ADDED, -1, NULL);
	snprintf(r->last, sizeof(r->last), "%s", id);
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->ids = xrealloc(a->ids, a->cap * sizeof(*a->ids));
	}
	a->ids[a->n++] = id;
	engine_track(a->eng, e);
}

void engine_add_text(struct engine *eng, const char *text, struct engine_add_report *r)
{
	struct engine_edit_add a = { .eng = eng, .r = r, .now = engine_clock(eng) };
	struct engine_undo *u;

	memset(r, 0, sizeof(*r));
	ids_split(text, strlen(text), engine_edit_token, &a);
	if (!a.n)
		return;
	u = engine_undo_push(eng);
	u->add = true;
	u->ids = a.ids;
	u->n = a.n;
	engine_recount(eng);
	engine_save_soon(eng, 0);
}

/* One pass over the list however many ids: 5,000 of 10,000 tasks are
 * untracked, and restored by undo, in a few milliseconds. */
size_t engine_untrack(struct engine *eng, const char *const *ids, size_t n)
{
	struct entry **taken = xmalloc((n ? n : 1) * sizeof(*taken));
	struct engine_undo *u;
	struct entry *lead = NULL;
	size_t i, k;

	for (i = 0; i < n && !lead; i++)
		lead = tasklist_find(eng->tl, ids[i]);
	k = tasklist_take_many(eng->tl, ids, n, taken);
	if (!k) {
		free(taken);
		return 0;
	}
	for (i = 0; i < k; i++)
		engine_forget(eng, taken[i]->id);
	u = engine_undo_push(eng);
	u->entries = taken;
	u->n = k;
	u->lead = lead;
	engine_recount(eng);
	engine_save_soon(eng, 0);
	return k;
}

/* Untracks the ids again; r->n counts those still tracked. */
static void engine_undo_add(struct engine *eng, struct engine_undo *u,
			    struct engine_undo_report *r)
{
	struct entry *e;
	size_t i;

	for (i = 0; i < u->n; i++) {
		e = engine_take(eng, u->ids[i]);
		if (!e)
			continue;     /* untracked since */
		if (!r->n++)
			snprintf(r->first, sizeof(r->first), "%s", e->id);
		tasklist_entry_free(e);
	}
}

/* Puts the untracked entries back where they were, marks and all. */
static void engine_undo_untrack(struct engine *eng, struct engine_undo *u,
				struct engine_undo_report *r)
{
	size_t back = tasklist_put_many(eng->tl, u->entries, u->n), i;

	r->skipped = u->n - back;
	r->n = back;
	if (u->n)
		snprintf(r->first, sizeof(r->first), "%s",
			 u->entries[back ? r->skipped : 0]->id);
	for (i = 0; i < u->n; i++) {
		/* Named as the request named them, when it came back. */
		if (u->entries[i] == u->lead && i >= r->skipped)
			snprintf(r->first, sizeof(r->first), "%s", u->lead->id);
		if (i < r->skipped)
			tasklist_entry_free(u->entries[i]);
		else
			engine_track(eng, u->entries[i]);
		u->entries[i] = NULL;
	}
	u->n = 0;      /* the entries moved back or were freed */
}

void engine_undo(struct engine *eng, struct engine_undo_report *r)
{
	struct engine_undo u;

	memset(r, 0, sizeof(*r));
	if (!eng->n_undo)
		return;
	u = eng->undo[--eng->n_undo];
	r->kind = u.add ? 2 : 1;
	if (u.add)
		engine_undo_add(eng, &u, r);
	else
		engine_undo_untrack(eng, &u, r);
	engine_undo_free(&u);
	engine_recount(eng);
	engine_save_soon(eng, 0);
}
