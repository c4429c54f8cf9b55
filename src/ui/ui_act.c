/* ui_act: what the key table's actions do on the dashboard, each an engine
 * call or a screen opened, and the words that report them. Holds no rule
 * about tasks; never blocks on the network or the disk. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "taskrule.h"
#include "ui_act.h"
#include "ui_confirm.h"
#include "ui_form.h"
#include "ui_dl.h"
#include "ui_help.h"
#include "ui_marks.h"
#include "ui_pane.h"
#include "ui_prompt.h"
#include "ui_view.h"
#include "util.h"

#define UI_ACT_W_AGAIN 2.0     /* seconds: a second `w` adds the videos */

/* After an edit: another sunotop holds the state file, so say this one
 * is not kept (the header's read-only mark says it all along). */
static void ui_act_unsaved(struct ui *ui)
{
	char said[sizeof(ui->msg)];

	if (!engine_read_only(ui->eng))
		return;
	/* First, so a narrow message line keeps it. */
	static const char head[] = "read-only, not saved: ";

	memcpy(said, ui->msg, sizeof(said));
	memcpy(ui->msg, head, sizeof(head) - 1);
	memcpy(ui->msg + sizeof(head) - 1, said, sizeof(ui->msg) - sizeof(head));
	ui->msg[sizeof(ui->msg) - 1] = '\0';
	ui->msg_role = UI_ROLE_FAILED;
	ui->msg_until = now_mono() + 8;
}

static void ui_act_add_ids(struct ui *ui, const char *text)
{
	struct engine_add_report r;
	char msg[400];
	size_t off;

	engine_add_text(ui->eng, text, &r);
	if (!r.added && !r.dup && !r.invalid) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "no task ids given");
		return;
	}
	if (r.added)
		ui_view_select_id(ui, r.last);
	off = (size_t)snprintf(msg, sizeof(msg), "added %zu", r.added);
	if (r.dup && off < sizeof(msg))
		off += (size_t)snprintf(msg + off, sizeof(msg) - off, "; %zu duplicate%s",
					r.dup, r.dup == 1 ? "" : "s");
	if (r.invalid && off < sizeof(msg))
		snprintf(msg + off, sizeof(msg) - off, "; %zu invalid: '%s'%s (%s)", r.invalid,
			 r.bad, r.invalid > 1 ? " and others" : "", r.reason);
	ui_message(ui, r.invalid ? UI_ROLE_FAILED : UI_ROLE_NORMAL, r.invalid ? 12 : 5, "%s", msg);
	if (r.added)
		ui_act_unsaved(ui);
}

static void ui_act_untrack(struct ui *ui, const char *id, bool yes)
{
	if (!yes)
		ui_message(ui, UI_ROLE_NORMAL, 3, "kept %s", id);
	else if (!engine_untrack(ui->eng, &id, 1))
		ui_message(ui, UI_ROLE_NORMAL, 3, "%s is not tracked", id);
	else {
		ui_message(ui, UI_ROLE_NORMAL, 6, "untracked %s (u undoes)", id);
		ui_act_unsaved(ui);
	}
}

static void ui_act_add_cancel(struct ui *ui)
{
	ui_message(ui, UI_ROLE_NORMAL, 2, "cancelled");
}

static void ui_act_filter_changed(struct ui *ui, const char *text)
{
	/* Live filtering: the list follows each keystroke. */
	ui_view_set_filter(ui, text);
}

static void ui_act_filter_submit(struct ui *ui, const char *text)
{
	(void)text;
	if (ui->view->filter)
		ui_message(ui, UI_ROLE_NORMAL, 4, "%zu of %zu tasks match (Esc clears the filter)",
			   ui->view->n, tasklist_count(ui->tl));
}

static void ui_act_filter_cancel(struct ui *ui)
{
	ui_view_set_filter(ui, NULL);
	ui_message(ui, UI_ROLE_NORMAL, 2, "filter cleared");
}

static const struct ui_prompt_spec ui_act_add_prompt = {
	"add ids: ", NULL, ui_act_add_ids, ui_act_add_cancel,
};
static const struct ui_prompt_spec ui_act_filter_prompt = {
	"filter /", ui_act_filter_changed, ui_act_filter_submit, ui_act_filter_cancel,
};

/* `w`: the task's files; a second `w` within 2 s adds the videos. */
static void ui_act_download(struct ui *ui, const struct entry *e)
{
	struct engine_dl_summary sum;
	double now = now_mono();
	bool again;
	size_t n;

	if (!e) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
		return;
	}
	again = strcmp(ui->w_id, e->id) == 0 && now - ui->w_at <= UI_ACT_W_AGAIN;
	switch (engine_download(ui->eng, e->id, again ? ENGINE_FILES_VIDEO :
				ENGINE_FILES_CONFIGURED, &n)) {
	case ENGINE_DL_NOT_READY:
		if (e->task && task_unsuccessful(e->task))
			ui_message(ui, UI_ROLE_NORMAL, 4, "nothing to download: the task ended without audio");
		else
			ui_message(ui, UI_ROLE_NORMAL, 4, "nothing to download: no finished audio yet");
		return;
	case ENGINE_DL_OFF:
		ui_message(ui, UI_ROLE_FAILED, 4, "downloads are off: no download directory");
		return;
	case ENGINE_DL_ASKED:
		break;
	}
	snprintf(ui->w_id, sizeof(ui->w_id), "%s", e->id);
	ui->w_at = again ? 0 : now;
	engine_dl_summary(ui->eng, e->id, &sum);
	if (again && n)
		ui_message(ui, UI_ROLE_NORMAL, 5, "downloading %zu video%s too", n, n == 1 ? "" : "s");
	else if (again)
		ui_message(ui, UI_ROLE_NORMAL, 4, "no video to download");
	else if (n)
		ui_message(ui, UI_ROLE_NORMAL, 6, "downloading %zu file%s%s", n, n == 1 ? "" : "s",
			   ui->o->download_video ? "" : " (w again within 2 s adds the videos)");
	else if (sum.busy)
		ui_message(ui, UI_ROLE_NORMAL, 4, "already downloading this task");
	else
		ui_message(ui, UI_ROLE_FAILED, 5, "nothing to download: no http(s) URL");
	ui->dirty |= UI_DIRTY_LIST;
	ui_pane_invalidate(ui);
}

/* O: the task this one came from (a retry's original, an extend's clip's
 * task), when it is tracked. */
static void ui_act_origin(struct ui *ui, const struct entry *e)
{
	const struct lineage *l = e ? e->lineage : NULL;

	if (!l || !l->from_task) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "%s", l && l->relation == LINEAGE_EXTEND ?
			   "the extended clip's task is not known" : "this task was not made from another");
		return;
	}
	if (!tasklist_find(ui->tl, l->from_task)) {
		ui_message(ui, UI_ROLE_NORMAL, 4, "%s is not tracked (a adds it)", l->from_task);
		return;
	}
	if (ui->view->filter || ui->view->show != UI_SHOW_ALL) {
		ui_view_set_filter(ui, NULL);
		ui->view->show = UI_SHOW_ALL;
		ui_view_rebuild(ui);
	}
	ui_view_select_id(ui, l->from_task);
	ui_message(ui, UI_ROLE_NORMAL, 3, "went to %s", l->from_task);
}

static void ui_act_undo(struct ui *ui)
{
	struct engine_undo_report r;

	engine_undo(ui->eng, &r);
	if (r.kind == 0) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "nothing to undo");
	} else if (r.kind == 2) {
		if (r.n == 1)
			ui_message(ui, UI_ROLE_NORMAL, 4, "undid adding %s", r.first);
		else
			ui_message(ui, UI_ROLE_NORMAL, 4, "undid adding %zu tasks", r.n);
	} else if (r.n == 0) {
		ui_message(ui, UI_ROLE_NORMAL, 4, "%s is tracked again already", r.first);
	} else {
		ui_view_select_id(ui, r.first);
		if (r.n == 1)
			ui_message(ui, UI_ROLE_NORMAL, 4, "restored %s", r.first);
		else
			ui_message(ui, UI_ROLE_NORMAL, 4, "restored %zu tasks", r.n);
	}
	if (r.kind != 0)
		ui_act_unsaved(ui);
}

/* r and R: one fetch now, also while polling is paused (it stays paused). */
static void ui_act_refresh(struct ui *ui, const struct entry *e, bool all)
{
	const char *paused = engine_connection(ui->eng)->paused ?
		" once (polling stays paused; p resumes)" : "";

	if (!all && !e) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
	} else if (!all) {
		engine_refresh(ui->eng, e->id);
		ui_message(ui, UI_ROLE_NORMAL, 4, "refreshing %s%s", e->id, paused);
	} else if (!tasklist_count(ui->tl)) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "no tasks to refresh (a adds some)");
	} else if (engine_refresh(ui->eng, NULL)) {
		ui_message(ui, UI_ROLE_NORMAL, 4, "refreshing all %zu tasks%s",
			   tasklist_count(ui->tl), paused);
	}
}

static void ui_act_cycle_message(struct ui *ui, const char *what, const char *value)
{
	ui_message(ui, UI_ROLE_NORMAL, 3, "%s: %s (%zu of %zu shown)", what, value,
		   ui->view->n, tasklist_count(ui->tl));
}

static void ui_act_focus(struct ui *ui, const struct ui_screen *to)
{
	ui->focus = to;
	ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_PANE | UI_DIRTY_FOOT;
}

static void ui_act_clear_filter(struct ui *ui)
{
	if (ui->view->filter || ui->view->show != UI_SHOW_ALL) {
		ui->view->show = UI_SHOW_ALL;
		ui_view_set_filter(ui, NULL);
		ui_message(ui, UI_ROLE_NORMAL, 3, "filter cleared");
	}
}

/* v and z: the pane hidden, beside or below the list, or full screen. */
static void ui_act_pane(struct ui *ui, enum ui_pane_mode m)
{
	static const char *const said[] = {
		[UI_PANE_AUTO] = "details pane shown", [UI_PANE_HIDDEN] = "details pane hidden (v shows it)",
		[UI_PANE_FULL] = "details full screen (z or Esc: back)",
	};

	ui->pane_mode = m;
	if (m != UI_PANE_FULL && ui->focus == ui->pane_screen)
		ui->focus = ui->list_screen;
	ui_relayout(ui);
	ui_message(ui, UI_ROLE_NORMAL, 3, "%s", said[m]);
}

/* y, Y and o: what there is to copy or open. */
static void ui_act_copy_open(struct ui *ui, enum ui_action a, const struct entry *e)
{
	if (a == UI_ACTION_COPY_ID) {
		if (e)
			ui_dl_copy(ui, "task id", e->id);
		else
			ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
	} else if (!e) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
	} else if (!e->task || !task_first_audio(e->task)) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "%s", e->task && task_unsuccessful(e->task) ?
			   "the task ended without audio: there is no URL" :
			   "no audio URL for this task yet");
	} else if (a == UI_ACTION_COPY_URL) {
		ui_dl_copy_url(ui, "audio URL", task_first_audio(e->task));
	} else {
		ui_dl_open(ui, task_first_audio(e->task));
	}
}

/* The three that cycle how the list is shown. */
static void ui_act_cycle(struct ui *ui, enum ui_action a)
{
	if (a == UI_ACTION_SHOW)
		ui->view->show = (ui->view->show + 1) % UI_SHOW_COUNT;
	else if (a == UI_ACTION_SORT)
		ui->view->sort = (ui->view->sort + 1) % UI_SORT_COUNT;
	else
		ui->view->reverse = !ui->view->reverse;
	ui_view_rebuild(ui);
	if (a == UI_ACTION_SHOW)
		ui_act_cycle_message(ui, "show", ui_view_show_name(ui->view->show));
	else if (a == UI_ACTION_SORT)
		ui_act_cycle_message(ui, "sort", ui_view_sort_name(ui->view->sort));
	else
		ui_act_cycle_message(ui, "order", ui->view->reverse ? "reversed" : "normal");
}

void ui_act_run(struct ui *ui, enum ui_action a)
{
	struct entry *e = ui_view_selected(ui);
	bool paused;

	if (ui_marks_act(ui, a))
		return;
	switch (a) {
	case UI_ACTION_QUIT:
		ui->quit = true;
		break;
	case UI_ACTION_HELP:
		ui->modal = &ui_help_screen;
		ui->dirty |= UI_DIRTY_ALL;
		break;
	case UI_ACTION_FOCUS_PANE:
		if (ui->pane_shown)
			ui_act_focus(ui, ui->pane_screen);
		break;
	case UI_ACTION_FOCUS_LIST:
		if (ui->pane_mode == UI_PANE_FULL)
			ui_act_pane(ui, UI_PANE_AUTO);
		ui_act_focus(ui, ui->list_screen);
		break;
	case UI_ACTION_PANE:
		ui_act_pane(ui, ui->pane_mode == UI_PANE_AUTO ? UI_PANE_HIDDEN : UI_PANE_AUTO);
		break;
	case UI_ACTION_ZOOM:
		ui_act_pane(ui, ui->pane_mode == UI_PANE_FULL ? UI_PANE_AUTO : UI_PANE_FULL);
		break;
	case UI_ACTION_ADD:
		ui_prompt_open(ui, &ui_act_add_prompt, NULL, false);
		break;
	case UI_ACTION_PASTE:
		/* Pasting on the list opens the add prompt with the paste in it. */
		ui_prompt_open(ui, &ui_act_add_prompt, NULL, true);
		break;
	case UI_ACTION_FILTER:
		ui_prompt_open(ui, &ui_act_filter_prompt, ui->view->filter, false);
		break;
	case UI_ACTION_CLEAR_FILTER:
		ui_act_clear_filter(ui);
		break;
	case UI_ACTION_UNTRACK:
		if (e)
			ui_confirm_open(ui, "untrack", e->id, ui_act_untrack);
		else
			ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
		break;
	case UI_ACTION_UNDO:
		ui_act_undo(ui);
		break;
	case UI_ACTION_REFRESH:
	case UI_ACTION_REFRESH_ALL:
		ui_act_refresh(ui, a == UI_ACTION_REFRESH ? e : NULL, a == UI_ACTION_REFRESH_ALL);
		break;
	case UI_ACTION_PAUSE:
		paused = !engine_connection(ui->eng)->paused;
		engine_pause(ui->eng, paused);
		ui_message(ui, UI_ROLE_NORMAL, 3, "%s", paused ? "polling paused (p resumes)" :
			   "polling resumed");
		break;
	case UI_ACTION_SHOW:
	case UI_ACTION_SORT:
	case UI_ACTION_REVERSE:
		ui_act_cycle(ui, a);
		break;
	case UI_ACTION_COPY_ID:
	case UI_ACTION_COPY_URL:
	case UI_ACTION_OPEN:
		ui_act_copy_open(ui, a, e);
		break;
	case UI_ACTION_DOWNLOAD:
		ui_act_download(ui, e);
		break;
	case UI_ACTION_NEW:
	case UI_ACTION_RETRY:
	case UI_ACTION_EXTEND:
		if (a == UI_ACTION_NEW)
			ui_form_open_new(ui);
		else if (!e)
			ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
		else if (a == UI_ACTION_RETRY)
			ui_form_open_retry(ui, e);
		else
			ui_form_open_extend(ui, e);
		break;
	case UI_ACTION_ORIGIN:
		ui_act_origin(ui, e);
		break;
	case UI_ACTION_REDRAW:
		/* Everything again: our own picture and the terminal's. */
		erase();
		clearok(curscr, TRUE);
		ui->dirty |= UI_DIRTY_ALL;
		break;
	default:
		/* Movement with a screen that does not move (none today). */
		break;
	}
}

void ui_act_do(struct ui *ui, enum ui_action a)
{
	if (a == UI_ACTION_NONE)
		return;
	if (ui->focus->act && ui->focus->act(ui, a))
		return;
	ui_act_run(ui, a);
}

void ui_act_key(struct ui *ui, int key)
{
	enum ui_action a = ui_keys_action(ui->focus->where, key);
	char name[16];

	if (a == UI_ACTION_NONE) {
		/* A key that does nothing says so, once it has a name. */
		if (key != UI_FN(UI_KEY_PASTE_END) && key != UI_FN(KEY_MOUSE) &&
		    ui_keys_name(key, name, sizeof(name)))
			ui_message(ui, UI_ROLE_NORMAL, 3, "unknown key %s %s ? for help", name,
				   ui->style.ascii ? "-" : "\u2014");
		return;
	}
	ui_act_do(ui, a);
}
