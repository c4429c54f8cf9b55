/* ui_act: what the dashboard does: adding, untracking and restoring ids,
 * saving the list, applying the worker's events, the global keys. Must
 * never block on the network: the worker is only told through poller calls. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>      /* malloc_trim */
#endif

#include "log.h"
#include "text.h"
#include "ui_act.h"
#include "ui_dl.h"
#include "ui_list.h"
#include "ui_pane.h"
#include "ui_prompt.h"
#include "util.h"

/* Task data: a round of 1,000 answers must not rewrite megabytes each
 * time, and what changed is written at quit anyway. */
#define UI_SAVE_DELAY 10.0
#define UI_SAVE_RETRY 10.0       /* after a failed save */
#define UI_TRIM_TASKS 500        /* a round this large leaves pages to give back */

struct ui_act_add {
	struct ui *ui;
	size_t added, dup, invalid;
	char bad[64];
	const char *reason;
	char last[ID_MAX_LEN + 1];
	int64_t now;
};

void ui_act_save_now(struct ui *ui)
{
	char *err = NULL, clean[256];

	ui->save_due = 0;
	if (!ui->store)
		return;
	if (store_save(ui->store, ui->tl, &err) < 0) {
		text_sanitize_buf(err ? err : "unknown error", ui->ascii ? TEXT_ASCII : 0,
				  clean, sizeof(clean));
		ui_message(ui, UI_ROLE_FAILED, 15, "warning: cannot save the task list: %s", clean);
		log_write("save failed: %s", clean);
		free(err);
		ui->save_due = now_mono() + UI_SAVE_RETRY;
	}
}

static void ui_act_save_soon(struct ui *ui)
{
	if (!ui->save_due)
		ui->save_due = now_mono() + UI_SAVE_DELAY;
}

/* Adds (d = 1) or removes (d = -1) one task's share of the header counts,
 * so an answer costs O(1) instead of a walk over every task. */
static void ui_act_count(struct ui *ui, const struct task *t, size_t d)
{
	if (!t || !t->finished)
		ui->n_active += d;
	if (!t || t->state == TASK_WAITING)
		ui->n_waiting += d;
	else if (t->state == TASK_RUNNING)
		ui->n_running += d;
	else if (t->state == TASK_SUCCEEDED)
		ui->n_done += d;
	else if (t->state == TASK_FAILED || t->state == TASK_NOT_FOUND)
		ui->n_failed += d;
}

/* Counts for the header and the run time learned from finished tasks. */
void ui_act_recount(struct ui *ui)
{
	size_t n = tasklist_count(ui->tl), i;

	ui->n_running = ui->n_waiting = ui->n_done = ui->n_failed = ui->n_active = 0;
	for (i = 0; i < n; i++)
		ui_act_count(ui, tasklist_at(ui->tl, i)->task, 1);
	ui->dirty |= UI_DIRTY_HEAD;
}

void ui_act_learn_typical(struct ui *ui)
{
	size_t n = tasklist_count(ui->tl), i, k = 0;
	double *d = xmalloc((n ? n : 1) * sizeof(*d));

	for (i = 0; i < n; i++) {
		const struct task *t = tasklist_at(ui->tl, i)->task;
		if (t && t->state == TASK_SUCCEEDED && t->submit_time > 0 &&
		    t->finish_time > t->submit_time)
			d[k++] = (double)(t->finish_time - t->submit_time);
	}
	ui->typical = estimate_typical(d, k);
	free(d);
}

static void ui_act_add_token(void *ctx, const char *tok, size_t len)
{
	struct ui_act_add *a = ctx;
	const char *reason = NULL;
	char *id;

	if (!id_valid(tok, len, &reason)) {
		if (a->invalid++ == 0) {
			char *raw = xstrndup(tok, len > 40 ? 40 : len);
			text_sanitize_buf(raw, a->ui->ascii ? TEXT_ASCII : 0, a->bad, sizeof(a->bad));
			a->reason = reason ? reason : "not a task id";
			free(raw);
		}
		return;
	}
	id = xstrndup(tok, len);
	if (tasklist_add(a->ui->tl, id, a->now)) {
		a->added++;
		poller_add(a->ui->poller, id, false);
		snprintf(a->last, sizeof(a->last), "%s", id);
	} else {
		a->dup++;
	}
	free(id);
}

void ui_act_add_ids(struct ui *ui, const char *text)
{
	struct ui_act_add a = { .ui = ui, .now = now_wall() };
	char msg[400];
	size_t off;

	ids_split(text, strlen(text), ui_act_add_token, &a);
	if (!a.added && !a.dup && !a.invalid) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "no task ids given");
		return;
	}
	if (a.added) {
		ui->view.stale = true;
		ui_view_select_id(ui, a.last);
		ui_act_recount(ui);
	}
	off = (size_t)snprintf(msg, sizeof(msg), "added %zu", a.added);
	if (a.dup && off < sizeof(msg))
		off += (size_t)snprintf(msg + off, sizeof(msg) - off, "; %zu duplicate%s",
					a.dup, a.dup == 1 ? "" : "s");
	if (a.invalid && off < sizeof(msg))
		snprintf(msg + off, sizeof(msg) - off, "; %zu invalid: '%s'%s (%s)", a.invalid,
			 a.bad, a.invalid > 1 ? " and others" : "", a.reason);
	ui_message(ui, a.invalid ? UI_ROLE_FAILED : UI_ROLE_NORMAL, a.invalid ? 12 : 5, "%s", msg);
	/* After the report, so a failed save's warning is what stays visible. */
	if (a.added)
		ui_act_save_now(ui);
}

void ui_act_untrack(struct ui *ui, const char *id)
{
	struct entry *e = tasklist_take(ui->tl, id);

	if (!e) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "%s is not tracked", id);
		return;
	}
	poller_remove(ui->poller, id);
	if (ui->n_undo == UI_UNDO_MAX) {
		tasklist_entry_free(ui->undo[0]);
		memmove(&ui->undo[0], &ui->undo[1], (UI_UNDO_MAX - 1) * sizeof(ui->undo[0]));
		ui->n_undo--;
	}
	ui->undo[ui->n_undo++] = e;
	ui->view.stale = true;
	ui_pane_invalidate(ui);
	ui_act_recount(ui);
	ui_message(ui, UI_ROLE_NORMAL, 6, "untracked %s (u undoes)", e->id);
	ui_act_save_now(ui);
}

void ui_act_undo(struct ui *ui)
{
	struct entry *e;

	if (!ui->n_undo) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "nothing to undo");
		return;
	}
	e = ui->undo[--ui->n_undo];
	if (!tasklist_put(ui->tl, e)) {
		ui_message(ui, UI_ROLE_NORMAL, 4, "%s is tracked again already", e->id);
		tasklist_entry_free(e);
		return;
	}
	poller_add(ui->poller, e->id, e->task && e->task->finished);
	ui->view.stale = true;
	ui_view_select_id(ui, e->id);
	ui_act_recount(ui);
	ui_message(ui, UI_ROLE_NORMAL, 4, "restored %s", e->id);
	ui_act_save_now(ui);
}

static void ui_act_set_banner(struct ui *ui, enum ui_banner b, const char *raw)
{
	bool relayout = (ui->banner == UI_BANNER_NONE) != (b == UI_BANNER_NONE);

	ui->banner = b;
	text_sanitize_buf(raw ? raw : "", ui->ascii ? TEXT_ASCII : 0,
			  ui->banner_msg, sizeof(ui->banner_msg));
	if (relayout)
		ui_relayout(ui);
	ui->dirty |= UI_DIRTY_ALL;
}

static bool ui_act_str_differs(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
}

/* Whether new data is worth a write of the state file: what --watch would
 * print, plus what the list and pane show that can change without it. An
 * unchanged answer (most of them, polling every few seconds) is not. */
static bool ui_act_worth_saving(const struct task *a, const struct task *b)
{
	if (!a || task_changed(a, b))
		return true;
	return a->submit_time != b->submit_time || a->start_time != b->start_time ||
	       a->finish_time != b->finish_time ||
	       ui_act_str_differs(task_title(a), task_title(b)) ||
	       ui_act_str_differs(task_first_audio(a), task_first_audio(b));
}

static void ui_act_drop(char **s)
{
	free(*s);
	*s = NULL;
}

/* What the dashboard neither shows nor saves (the lyrics prompt, large
 * image links, ...) is dropped on arrival: with 10,000 tasks it is half of
 * their memory, and a task loaded from the state file lacks it anyway. */
static void ui_act_slim(struct task *t)
{
	size_t i;

	ui_act_drop(&t->notify_hook);
	for (i = 0; i < t->n_clips; i++) {
		struct clip *c = &t->clips[i];

		ui_act_drop(&c->prompt);
		ui_act_drop(&c->gpt_description_prompt);
		ui_act_drop(&c->image_large_url);
		ui_act_drop(&c->major_model_version);
		ui_act_drop(&c->created_at);
		ui_act_drop(&c->type);
	}
}

static bool ui_act_clip_same(const struct clip *a, const struct clip *b)
{
	return a->duration == b->duration && !ui_act_str_differs(a->id, b->id) &&
	       !ui_act_str_differs(a->title, b->title) && !ui_act_str_differs(a->status, b->status) &&
	       !ui_act_str_differs(a->audio_url, b->audio_url) &&
	       !ui_act_str_differs(a->video_url, b->video_url) &&
	       !ui_act_str_differs(a->image_url, b->image_url) &&
	       !ui_act_str_differs(a->model_name, b->model_name) &&
	       !ui_act_str_differs(a->tags, b->tags) &&
	       !ui_act_str_differs(a->error_type, b->error_type) &&
	       !ui_act_str_differs(a->error_message, b->error_message);
}

/* Every field a slimmed task keeps is equal. */
static bool ui_act_same(const struct task *a, const struct task *b)
{
	const struct lyrics *la = a->lyrics, *lb = b->lyrics;
	size_t i;

	if (a->state != b->state || a->finished != b->finished || a->progress != b->progress ||
	    a->submit_time != b->submit_time || a->start_time != b->start_time ||
	    a->finish_time != b->finish_time || a->n_clips != b->n_clips ||
	    ui_act_str_differs(a->action, b->action) || ui_act_str_differs(a->status, b->status) ||
	    ui_act_str_differs(a->fail_reason, b->fail_reason) ||
	    ui_act_str_differs(a->data_text, b->data_text) || ui_act_str_differs(a->error, b->error))
		return false;
	for (i = 0; i < a->n_clips; i++)
		if (!ui_act_clip_same(&a->clips[i], &b->clips[i]))
			return false;
	if (!la || !lb)
		return la == lb;
	return !ui_act_str_differs(la->id, lb->id) && !ui_act_str_differs(la->title, lb->title) &&
	       !ui_act_str_differs(la->text, lb->text) && !ui_act_str_differs(la->status, lb->status);
}

/* The task to keep for e: the one it has when nothing changed (most
 * answers), else a copy made here. The worker's records come from its own
 * malloc arena, mixed with its parse trees; keeping them would pin that
 * arena's pages for as long as the task is tracked. */
static struct task *ui_act_keep(struct entry *e, struct task *fresh)
{
	struct task *t;

	ui_act_slim(fresh);
	if (e->task && ui_act_same(e->task, fresh)) {
		task_free(fresh);
		t = e->task;
		e->task = NULL;     /* tasklist_update frees the old one */
		return t;
	}
	t = task_clone(fresh);
	task_free(fresh);
	return t;
}

static void ui_act_apply_task(struct ui *ui, struct event *ev, bool *data, bool *finished,
			      bool *changed)
{
	struct entry *e = tasklist_find(ui->tl, ev->task->task_id);
	struct task *fresh;
	bool was_finished, seen_unfinished;

	if (!e)
		return;   /* untracked meanwhile; event_free frees the task */
	/* Seen unfinished before: a task that was finished when it was loaded
	 * or first fetched does not ring. */
	was_finished = e->task && e->task->finished;
	seen_unfinished = e->task && !e->task->finished;
	ui_act_slim(ev->task);
	if (!*changed && ui_act_worth_saving(e->task, ev->task))
		*changed = true;
	ui_act_count(ui, e->task, (size_t)-1);
	fresh = ev->task;
	ev->task = NULL;
	tasklist_update(ui->tl, ui_act_keep(e, fresh), ev->time ? ev->time : now_wall());
	ui_act_count(ui, e->task, 1);
	if (e->task->finished != was_finished)
		*finished = true;
	ui_dl_task_updated(ui, e, seen_unfinished && e->task->finished);
	if (e == ui_view_selected(ui))
		ui_pane_invalidate(ui);
	*data = true;
}

/* After a large round every answer has been copied or dropped: the
 * worker's parse trees and records are free, but their pages stay with the
 * process until given back. A few milliseconds once per such round keep
 * the resident size near what is really held (10,000 tasks: about a third
 * less). */
static void ui_act_trim(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

void ui_act_apply_events(struct ui *ui)
{
	struct event *list = queue_pop_all(ui->queue), *ev;
	bool data = false, finished = false, changed = false, trim = false;
	struct entry *e;

	for (ev = list; ev; ev = ev->next) {
		switch (ev->kind) {
		case EV_TASK:
			if (ev->task) {
				ui_act_apply_task(ui, ev, &data, &finished, &changed);
				ui->round_tasks++;
			}
			break;
		case EV_TASK_ERROR:
			if (ev->id && (e = tasklist_find(ui->tl, ev->id))) {
				free(e->error);
				e->error = xstrdup(ev->message ? ev->message : "error");
				if (e == ui_view_selected(ui))
					ui_pane_invalidate(ui);
				data = true;
			}
			break;
		case EV_FETCH_BEGIN:
			ui->inflight = true;
			ui->round_tasks = 0;
			ui->dirty |= UI_DIRTY_HEAD;
			break;
		case EV_FETCH_END:
			ui->inflight = false;
			if (ui->round_tasks >= UI_TRIM_TASKS)
				trim = true;
			if (ev->ok) {
				ui->last_ok = ev->time ? ev->time : now_wall();
				/* An answer with no task in it may be the 401 itself. */
				if (ui->banner != UI_BANNER_KEY || ui->round_tasks > 0)
					ui_act_set_banner(ui, UI_BANNER_NONE, NULL);
			}
			ui->dirty |= UI_DIRTY_HEAD;
			break;
		case EV_API_ERROR:
			ui->retry_at = now_mono() + (ev->retry_in > 0 ? ev->retry_in : 0);
			ui_act_set_banner(ui, UI_BANNER_UNREACHABLE, ev->message);
			break;
		case EV_KEY_REJECTED:
			ui_act_set_banner(ui, UI_BANNER_KEY, ev->message);
			break;
		case EV_FATAL:
			ui_act_set_banner(ui, UI_BANNER_FATAL, ev->message);
			break;
		case EV_DOWNLOAD:
			ui_dl_event(ui, ev);
			break;
		case EV_ROUND_DONE:
		case EV_GAVE_UP:
			break;
		}
	}
	event_free_list(list);
	if (trim)
		ui_act_trim();
	/* Batches of one round wake us one after another: their rows are
	 * painted together with the spinner's next tick. */
	ui->paint_held = data && ui->inflight;
	if (!data)
		return;
	ui->dirty |= UI_DIRTY_HEAD;
	if (finished)
		ui_act_learn_typical(ui);
	/* Filter and sort depend on the data only when it changed; the
	 * progress estimate moves with time too. */
	if ((changed && (ui->view.filter || ui->view.show != UI_SHOW_ALL ||
			 ui->view.sort != UI_SORT_ADDED || ui->view.reverse)) ||
	    ui->view.sort == UI_SORT_PROGRESS)
		ui->view.stale = true;
	ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_PANE;
	if (changed)
		ui_act_save_soon(ui);
}

/* R under a key-rejected banner: read the key file again, so fixing the file
 * is enough. False when the file is unusable (the banner stays, nothing is
 * sent with a key we know is stale). */
static bool ui_act_reload_key(struct ui *ui)
{
	char *key = NULL, *err = NULL, clean[256];

	switch (options_reread_key(ui->o, &key, &err)) {
	case 0:
		poller_set_key(ui->poller, key);
		log_write("key file read again after the key was rejected");
		return true;
	case 1:
		return true;
	default:
		text_sanitize_buf(err ? err : "unknown error", ui->ascii ? TEXT_ASCII : 0,
				  clean, sizeof(clean));
		ui_message(ui, UI_ROLE_FAILED, 10, "%s", clean);
		free(err);
		return false;
	}
}

static void ui_act_cycle_message(struct ui *ui, const char *what, const char *value)
{
	ui_message(ui, UI_ROLE_NORMAL, 3, "%s: %s (%zu of %zu shown)", what, value,
		   ui->view.n, tasklist_count(ui->tl));
}

void ui_act_global_key(struct ui *ui, int key)
{
	static const char *const show_names[] = { "all", "active", "failed", "done" };
	static const char *const sort_names[] = { "added", "submitted", "status", "progress", "title" };
	struct entry *e = ui_view_selected(ui);

	switch (key) {
	case 'q':
		ui->quit = true;
		break;
	case '?':
	case UI_FN(KEY_F(1)):
		ui->modal = &ui_help_screen;
		ui->dirty |= UI_DIRTY_ALL;
		break;
	case 'a':
		ui_prompt_open(ui, UI_PROMPT_ADD, NULL);
		break;
	case UI_FN(UI_KEY_PASTE_BEGIN):
		/* Pasting on the list opens the add prompt with the paste in it. */
		ui_prompt_open(ui, UI_PROMPT_ADD, NULL);
		ui->prompt.pasting = true;
		break;
	case '/':
		ui_prompt_open(ui, UI_PROMPT_FILTER, ui->view.filter);
		break;
	case 'd':
	case UI_FN(KEY_DC):
		if (e)
			ui_confirm_open(ui, e->id);
		else
			ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
		break;
	case 'u':
		ui_act_undo(ui);
		break;
	case 'r':
		if (e) {
			poller_refresh(ui->poller, e->id);
			ui_message(ui, UI_ROLE_NORMAL, 3, "refreshing %s", e->id);
		}
		break;
	case 'R':
		if (ui->banner == UI_BANNER_KEY && !ui_act_reload_key(ui))
			break;
		poller_refresh(ui->poller, NULL);
		if (ui->banner == UI_BANNER_KEY || ui->banner == UI_BANNER_FATAL)
			ui_act_set_banner(ui, UI_BANNER_NONE, NULL);
		ui_message(ui, UI_ROLE_NORMAL, 3, "refreshing all %zu tasks", tasklist_count(ui->tl));
		break;
	case 'p':
		ui->paused = !ui->paused;
		poller_pause(ui->poller, ui->paused);
		ui_message(ui, UI_ROLE_NORMAL, 3, "%s", ui->paused ? "polling paused (p resumes)" :
			   "polling resumed");
		ui->dirty |= UI_DIRTY_HEAD;
		break;
	case 'f':
		ui->view.show = (ui->view.show + 1) % UI_SHOW_COUNT;
		ui_view_rebuild(ui);
		ui_act_cycle_message(ui, "show", show_names[ui->view.show]);
		break;
	case 's':
		ui->view.sort = (ui->view.sort + 1) % UI_SORT_COUNT;
		ui_view_rebuild(ui);
		ui_act_cycle_message(ui, "sort", sort_names[ui->view.sort]);
		break;
	case 'S':
		ui->view.reverse = !ui->view.reverse;
		ui_view_rebuild(ui);
		ui_act_cycle_message(ui, "order", ui->view.reverse ? "reversed" : "normal");
		break;
	case 'y':
		if (e)
			ui_dl_copy(ui, "task id", e->id);
		else
			ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
		break;
	case 'Y':
	case 'o':
		if (!e || !e->task || !task_first_audio(e->task))
			ui_message(ui, UI_ROLE_NORMAL, 3, "no audio URL for this task yet");
		else if (key == 'Y')
			ui_dl_copy_url(ui, "audio URL", task_first_audio(e->task));
		else
			ui_dl_open(ui, task_first_audio(e->task));
		break;
	case 'w':
		ui_dl_key(ui, e);
		break;
	case UI_CTRL('l'):
		clearok(curscr, TRUE);
		ui->dirty |= UI_DIRTY_ALL;
		break;
	default:
		break;
	}
}

