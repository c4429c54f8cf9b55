/* engine_apply: the worker's records applied to the model: what changed
 * and whether it is worth a save, the counts, the learned run time, the
 * link's state; the front end is told through its callbacks. Front-end
 * thread only; never draws, prints or writes a file. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>      /* malloc_trim */
#endif

#include "engine_impl.h"
#include "taskrule.h"
#include "util.h"

/* Task data: a round of 1,000 answers must not rewrite megabytes each
 * time, and what changed is written at the end anyway. */
#define ENGINE_SAVE_DELAY 10.0
#define ENGINE_TRIM_TASKS 500        /* a round this large leaves pages to give back */

/* The task to keep for e: the one it has when nothing changed (most
 * answers), else a copy made here. The worker's records come from its own
 * malloc arena, mixed with its parse trees; keeping them would pin that
 * arena's pages for as long as the task is tracked. */
static struct task *engine_keep(struct entry *e, struct task *fresh)
{
	struct task *t;

	if (e->task && task_equal(e->task, fresh)) {
		task_free(fresh);
		t = e->task;
		e->task = NULL;     /* tasklist_update frees the old one */
		return t;
	}
	t = task_clone(fresh);
	task_free(fresh);
	return t;
}

static void engine_changed(struct engine *eng, struct entry *e, unsigned what)
{
	if (eng->cfg.view && eng->cfg.view->task_changed)
		eng->cfg.view->task_changed(eng->cfg.ctx, e, what);
}

/* Returns whether a finished state changed. */
static bool engine_apply_task(struct engine *eng, struct event *ev, bool *worth_saving)
{
	struct entry *e = tasklist_find(eng->tl, ev->task->task_id);
	unsigned what = ENGINE_CH_ANSWER;
	bool was_finished, seen_unfinished;
	struct task *fresh;

	if (!e)
		return false;   /* untracked meanwhile; event_free frees the task */
	/* Seen unfinished before: a task that was finished when it was loaded
	 * or first fetched does not ring. */
	was_finished = task_is_finished(e->task);
	seen_unfinished = e->task && !task_is_finished(e->task);
	/* A failed task keeps what it was made from: e retries it with edits. */
	if (!eng->cfg.keep_all && !task_failed(ev->task))
		task_slim(ev->task);
	if (!e->task || task_changed(e->task, ev->task))
		what |= ENGINE_CH_STATUS;
	/* Worth a write of the state file: anything it holds changed. An
	 * unchanged answer (most of them, polling every few seconds) is not. */
	if (!task_equal(e->task, ev->task)) {
		what |= ENGINE_CH_SHOWN;
		*worth_saving = true;
	}
	engine_count(eng, e->task, (size_t)-1);
	fresh = ev->task;
	ev->task = NULL;
	engine_watch_task(eng, e, fresh, ev->time ? ev->time : engine_clock(eng));
	tasklist_update(eng->tl, engine_keep(e, fresh), ev->time ? ev->time : now_wall());
	engine_count(eng, e->task, 1);
	if (seen_unfinished && task_is_finished(e->task))
		what |= ENGINE_CH_FINISHED;
	what |= engine_watch_slow(eng, e);
	engine_dl_auto(eng, e);
	engine_changed(eng, e, what);
	if (what & ENGINE_CH_FINISHED)
		engine_dl_finished(eng, e->task);
	return task_is_finished(e->task) != was_finished;
}

static void engine_task_error(struct engine *eng, const struct event *ev)
{
	struct entry *e = ev->id ? tasklist_find(eng->tl, ev->id) : NULL;

	if (!e)
		return;
	free(e->error);
	e->error = xstrdup(ev->message ? ev->message : "error");
	engine_watch_error(eng, e, ev->message, ev->time ? ev->time : engine_clock(eng));
	engine_changed(eng, e, ENGINE_CH_ERROR);
}

static void engine_fetch_end(struct engine *eng, const struct event *ev, bool *trim)
{
	eng->conn.inflight = false;
	if (eng->round_tasks >= ENGINE_TRIM_TASKS)
		*trim = true;
	eng->last_ok_before = eng->conn.last_ok;
	if (ev->ok) {
		eng->conn.last_ok = ev->time ? ev->time : now_wall();
		/* An answer with no task in it may be the 401 itself. */
		if (eng->conn.link != ENGINE_LINK_KEY || eng->round_tasks > 0)
			engine_set_link(eng, ENGINE_LINK_OK, NULL);
	}
	engine_tell_conn(eng, ENGINE_ROUND_END, ev);
}

/* The API failed (backing off), rejected the key or failed for good. */
static void engine_link_down(struct engine *eng, const struct event *ev)
{
	bool backoff = ev->kind == EV_API_ERROR, key = ev->kind == EV_KEY_REJECTED;

	/* "Updated" is the last successful answer: a round whose failure
	 * follows its end (a 503 every time, a rejected key) with no task in
	 * it answered nothing. */
	if (eng->round_tasks == 0)
		eng->conn.last_ok = eng->last_ok_before;
	if (backoff)
		eng->conn.retry_at = now_mono() + (ev->retry_in > 0 ? ev->retry_in : 0);
	engine_set_link(eng, backoff ? ENGINE_LINK_UNREACHABLE : key ? ENGINE_LINK_KEY :
			ENGINE_LINK_FATAL, ev->message);
	engine_tell_conn(eng, backoff ? ENGINE_API_ERROR : key ? ENGINE_KEY_REJECTED : ENGINE_FATAL, ev);
}

static void engine_apply_one(struct engine *eng, struct event *ev, bool *finished,
			     bool *worth_saving, bool *trim)
{
	switch (ev->kind) {
	case EV_TASK:
		if (ev->task) {
			*finished |= engine_apply_task(eng, ev, worth_saving);
			eng->round_tasks++;
		}
		break;
	case EV_TASK_ERROR:
		engine_task_error(eng, ev);
		break;
	case EV_FETCH_BEGIN:
		eng->conn.inflight = true;
		eng->round_tasks = 0;
		engine_tell_conn(eng, ENGINE_ROUND_BEGIN, ev);
		break;
	case EV_FETCH_END:
		engine_fetch_end(eng, ev, trim);
		break;
	case EV_API_ERROR:
	case EV_KEY_REJECTED:
	case EV_FATAL:
		engine_link_down(eng, ev);
		break;
	case EV_ROUND_DONE:
		engine_tell_conn(eng, ENGINE_ROUND_DONE, ev);
		break;
	case EV_GAVE_UP:
		if (ev->id) {
			struct entry *e = tasklist_find(eng->tl, ev->id);
			if (e) {
				free(e->error);
				e->error = xstrdup(ev->message ? ev->message : "no answer");
				engine_watch_error(eng, e, e->error,
						   ev->time ? ev->time : engine_clock(eng));
			}
		}
		engine_tell_conn(eng, ENGINE_GAVE_UP, ev);
		break;
	case EV_DOWNLOAD:     /* the other workers' records: their own parts */
	case EV_SUBMIT:
		(ev->kind == EV_DOWNLOAD ? engine_dl_event : engine_submit_event)(eng, ev);
		break;
	}
}

void engine_apply(struct engine *eng, struct event *list)
{
	bool finished = false, worth_saving = false, trim = false;
	struct event *ev;

	for (ev = list; ev; ev = ev->next)
		engine_apply_one(eng, ev, &finished, &worth_saving, &trim);
	event_free_list(list);
	/* After a large round every answer has been copied or dropped: the
	 * worker's parse trees and records are free, but their pages stay
	 * with the process until given back. A few milliseconds once per such
	 * round keep the resident size near what is really held. */
#ifdef __GLIBC__
	if (trim)
		malloc_trim(0);
#endif
	if (finished) {
		engine_learn_typical(eng);
		engine_watch_learn(eng);
	}
	if (worth_saving)
		engine_save_soon(eng, ENGINE_SAVE_DELAY);
}

void engine_pump(struct engine *eng)
{
	queue_drain(eng->queue);
	engine_apply(eng, queue_pop_all(eng->queue));
}

