/* ui_act: the dashboard's side of the engine: its callbacks (what changed
 * becomes dirty regions, a stale view, a banner, a message) and the keys
 * every screen shares, each turned into an engine call. Holds no rule about
 * tasks; never blocks on the network or the disk. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_act.h"
#include "ui_form.h"
#include "ui_dl.h"
#include "ui_list.h"
#include "ui_pane.h"
#include "ui_prompt.h"
#include "util.h"

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

static void ui_act_on_added(void *ctx, struct entry *e)
{
	struct ui *ui = ctx;

	(void)e;
	ui->view.stale = true;
	ui->dirty |= UI_DIRTY_HEAD;
}

static void ui_act_on_removed(void *ctx, const char *id)
{
	struct ui *ui = ctx;

	(void)id;
	ui->view.stale = true;
	ui_pane_invalidate(ui);
	ui->dirty |= UI_DIRTY_HEAD;
}

static void ui_act_on_changed(void *ctx, struct entry *e, unsigned what)
{
	struct ui *ui = ctx;

	if (what & (ENGINE_CH_ANSWER | ENGINE_CH_ERROR))
		ui->got_data = true;
	if (what & ENGINE_CH_SHOWN)
		ui->got_change = true;
	if (what & ENGINE_CH_DOWNLOAD)
		ui->dirty |= UI_DIRTY_LIST;
	if (e == ui_view_selected(ui))
		ui_pane_invalidate(ui);
}

static void ui_act_on_connection(void *ctx, const struct engine_conn *c)
{
	static const enum ui_banner banners[] = {
		[ENGINE_LINK_OK] = UI_BANNER_NONE, [ENGINE_LINK_UNREACHABLE] = UI_BANNER_UNREACHABLE,
		[ENGINE_LINK_KEY] = UI_BANNER_KEY, [ENGINE_LINK_FATAL] = UI_BANNER_FATAL,
	};
	struct ui *ui = ctx;

	ui->dirty |= UI_DIRTY_HEAD;
	switch (c->cause) {
	case ENGINE_API_ERROR:
	case ENGINE_KEY_REJECTED:
	case ENGINE_FATAL:
	case ENGINE_RESUMED:
		ui_act_set_banner(ui, banners[c->link], c->link_message);
		break;
	case ENGINE_ROUND_END:
		if (banners[c->link] != ui->banner)
			ui_act_set_banner(ui, banners[c->link], c->link_message);
		break;
	default:
		break;
	}
}

static void ui_act_on_message(void *ctx, enum engine_msg kind, const char *text)
{
	struct ui *ui = ctx;

	switch (kind) {
	case ENGINE_MSG_INFO:
		ui_message(ui, UI_ROLE_NORMAL, 5, "%s", text);
		break;
	case ENGINE_MSG_DONE:
		ui_message(ui, UI_ROLE_DONE, 6, "%s", text);
		break;
	case ENGINE_MSG_WARN:
		ui_message(ui, UI_ROLE_FAILED, 15, "%s", text);
		break;
	}
}

static void ui_act_on_submitted(void *ctx, const struct engine_submitted *s)
{
	ui_form_submitted(ctx, s);
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
	if (ui->view.filter || ui->view.show != UI_SHOW_ALL) {
		ui_view_set_filter(ui, NULL);
		ui->view.show = UI_SHOW_ALL;
		ui_view_rebuild(ui);
	}
	ui_view_select_id(ui, l->from_task);
	ui_message(ui, UI_ROLE_NORMAL, 3, "went to %s", l->from_task);
}

const struct engine_view ui_act_view = {
	.task_added = ui_act_on_added,
	.task_changed = ui_act_on_changed,
	.task_removed = ui_act_on_removed,
	.connection = ui_act_on_connection,
	.message = ui_act_on_message,
	.download = ui_dl_on_download,
	.submitted = ui_act_on_submitted,
};

void ui_act_pump(struct ui *ui)
{
	bool data, changed;

	ui->got_data = ui->got_change = false;
	engine_pump(ui->eng);
	data = ui->got_data;
	changed = ui->got_change;
	/* Batches of one round wake us one after another: their rows are
	 * painted together with the spinner's next tick. */
	ui->paint_held = data && engine_connection(ui->eng)->inflight;
	if (!data)
		return;
	ui->dirty |= UI_DIRTY_HEAD;
	/* Filter and sort depend on the data only when it changed; the
	 * progress estimate moves with time too. */
	if ((changed && (ui->view.filter || ui->view.show != UI_SHOW_ALL ||
			 ui->view.sort != UI_SORT_ADDED || ui->view.reverse)) ||
	    ui->view.sort == UI_SORT_PROGRESS)
		ui->view.stale = true;
	ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_PANE;
}

void ui_act_add_ids(struct ui *ui, const char *text)
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
}

void ui_act_untrack(struct ui *ui, const char *id)
{
	if (!engine_untrack(ui->eng, &id, 1))
		ui_message(ui, UI_ROLE_NORMAL, 3, "%s is not tracked", id);
	else
		ui_message(ui, UI_ROLE_NORMAL, 6, "untracked %s (u undoes)", id);
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
}

static void ui_act_cycle_message(struct ui *ui, const char *what, const char *value)
{
	ui_message(ui, UI_ROLE_NORMAL, 3, "%s: %s (%zu of %zu shown)", what, value,
		   ui->view.n, tasklist_count(ui->tl));
}

static void ui_act_focus(struct ui *ui, const struct ui_screen *to)
{
	ui->focus = to;
	ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_PANE | UI_DIRTY_FOOT;
}

static void ui_act_clear_filter(struct ui *ui)
{
	if (ui->view.filter || ui->view.show != UI_SHOW_ALL) {
		ui->view.show = UI_SHOW_ALL;
		ui_view_set_filter(ui, NULL);
		ui_message(ui, UI_ROLE_NORMAL, 3, "filter cleared");
	}
}

/* y, Y and o: what there is to copy or open. */
static void ui_act_copy_open(struct ui *ui, enum ui_action a, const struct entry *e)
{
	if (a == UI_ACTION_COPY_ID) {
		if (e)
			ui_dl_copy(ui, "task id", e->id);
		else
			ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
	} else if (!e || !e->task || !task_first_audio(e->task)) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "no audio URL for this task yet");
	} else if (a == UI_ACTION_COPY_URL) {
		ui_dl_copy_url(ui, "audio URL", task_first_audio(e->task));
	} else {
		ui_dl_open(ui, task_first_audio(e->task));
	}
}

/* The three that cycle how the list is shown. */
static void ui_act_cycle(struct ui *ui, enum ui_action a)
{
	static const char *const show_names[] = { "all", "active", "failed", "done" };
	static const char *const sort_names[] = { "added", "submitted", "status", "progress", "title" };

	if (a == UI_ACTION_SHOW)
		ui->view.show = (ui->view.show + 1) % UI_SHOW_COUNT;
	else if (a == UI_ACTION_SORT)
		ui->view.sort = (ui->view.sort + 1) % UI_SORT_COUNT;
	else
		ui->view.reverse = !ui->view.reverse;
	ui_view_rebuild(ui);
	if (a == UI_ACTION_SHOW)
		ui_act_cycle_message(ui, "show", show_names[ui->view.show]);
	else if (a == UI_ACTION_SORT)
		ui_act_cycle_message(ui, "sort", sort_names[ui->view.sort]);
	else
		ui_act_cycle_message(ui, "order", ui->view.reverse ? "reversed" : "normal");
}

void ui_act_run(struct ui *ui, enum ui_action a)
{
	struct entry *e = ui_view_selected(ui);
	bool paused;

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
			ui_act_focus(ui, &ui_pane_screen);
		break;
	case UI_ACTION_FOCUS_LIST:
		ui_act_focus(ui, &ui_list_screen);
		break;
	case UI_ACTION_ADD:
		ui_prompt_open(ui, UI_PROMPT_ADD, NULL);
		break;
	case UI_ACTION_PASTE:
		/* Pasting on the list opens the add prompt with the paste in it. */
		ui_prompt_open(ui, UI_PROMPT_ADD, NULL);
		ui->prompt.pasting = true;
		break;
	case UI_ACTION_FILTER:
		ui_prompt_open(ui, UI_PROMPT_FILTER, ui->view.filter);
		break;
	case UI_ACTION_CLEAR_FILTER:
		ui_act_clear_filter(ui);
		break;
	case UI_ACTION_UNTRACK:
		if (e)
			ui_confirm_open(ui, e->id);
		else
			ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
		break;
	case UI_ACTION_UNDO:
		ui_act_undo(ui);
		break;
	case UI_ACTION_REFRESH:
		if (e) {
			engine_refresh(ui->eng, e->id);
			ui_message(ui, UI_ROLE_NORMAL, 3, "refreshing %s", e->id);
		}
		break;
	case UI_ACTION_REFRESH_ALL:
		if (engine_refresh(ui->eng, NULL))
			ui_message(ui, UI_ROLE_NORMAL, 3, "refreshing all %zu tasks",
				   tasklist_count(ui->tl));
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
		ui_dl_key(ui, e);
		break;
	case UI_ACTION_NEW:
		ui_form_open_new(ui);
		break;
	case UI_ACTION_RETRY:
	case UI_ACTION_EXTEND:
		if (!e)
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
		clearok(curscr, TRUE);
		ui->dirty |= UI_DIRTY_ALL;
		break;
	default:
		/* Movement with a screen that does not move (none today). */
		break;
	}
}

void ui_act_key(struct ui *ui, int key)
{
	enum ui_action a = ui_keys_action(ui->focus->where, key);

	if (a == UI_ACTION_NONE)
		return;
	if (ui->focus->act && ui->focus->act(ui, a))
		return;
	ui_act_run(ui, a);
}
