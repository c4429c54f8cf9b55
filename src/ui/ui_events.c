/* ui_events: the engine's callbacks as the dashboard takes them: what
 * changed becomes dirty regions, a stale view, a banner or a message.
 * Holds no rule about tasks; never blocks on the network or the disk. */
#include "config.h"

#include "text.h"
#include "ui_dl.h"
#include "ui_events.h"
#include "ui_form.h"
#include "ui_pane.h"
#include "ui_view.h"

static void ui_events_set_banner(struct ui *ui, enum ui_banner b, const char *raw)
{
	bool relayout = (ui->banner == UI_BANNER_NONE) != (b == UI_BANNER_NONE);

	ui->banner = b;
	text_sanitize_buf(raw ? raw : "", ui->style.text_flags,
			  ui->banner_msg, sizeof(ui->banner_msg));
	if (relayout)
		ui_relayout(ui);
	ui->dirty |= UI_DIRTY_ALL;
}

static void ui_events_on_added(void *ctx, struct entry *e)
{
	struct ui *ui = ctx;

	(void)e;
	ui->view->stale = true;
	ui->dirty |= UI_DIRTY_HEAD;
}

static void ui_events_on_removed(void *ctx, const char *id)
{
	struct ui *ui = ctx;

	(void)id;
	ui->view->stale = true;
	ui_pane_invalidate(ui);
	ui->dirty |= UI_DIRTY_HEAD;
}

static void ui_events_on_changed(void *ctx, struct entry *e, unsigned what)
{
	struct ui *ui = ctx;

	if (what & (ENGINE_CH_ANSWER | ENGINE_CH_ERROR))
		ui->got_data = true;
	if (what & ENGINE_CH_SHOWN)
		ui->got_change = true;
	if (what & ENGINE_CH_DOWNLOAD)
		ui->dirty |= UI_DIRTY_LIST;
	/* Marks and slowness change with a key or the clock, outside a pump. */
	if (what & (ENGINE_CH_SLOW | ENGINE_CH_MARK))
		ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_HEAD;
	if ((what & ENGINE_CH_SLOW) &&
	    (ui->view->show == UI_SHOW_SLOW || ui->view->sort == UI_SORT_SLOWEST))
		ui->view->stale = true;
	if (e == ui_view_selected(ui))
		ui_pane_invalidate(ui);
}

static void ui_events_on_connection(void *ctx, const struct engine_conn *c)
{
	static const enum ui_banner banners[] = {
		[ENGINE_LINK_OK] = UI_BANNER_NONE, [ENGINE_LINK_UNREACHABLE] = UI_BANNER_UNREACHABLE,
		[ENGINE_LINK_KEY] = UI_BANNER_KEY, [ENGINE_LINK_FATAL] = UI_BANNER_FATAL,
	};
	struct ui *ui = ctx;

	ui->dirty |= UI_DIRTY_HEAD;
	switch (c->cause) {
	case ENGINE_API_ERROR:
		/* The server answered with an error: not "unreachable". */
		ui->banner_http = c->http_status;
		ui_events_set_banner(ui, banners[c->link], c->link_message);
		break;
	case ENGINE_KEY_REJECTED:
	case ENGINE_FATAL:
	case ENGINE_RESUMED:
		ui_events_set_banner(ui, banners[c->link], c->link_message);
		break;
	case ENGINE_ROUND_END:
		if (banners[c->link] != ui->banner)
			ui_events_set_banner(ui, banners[c->link], c->link_message);
		break;
	default:
		break;
	}
}

static void ui_events_on_message(void *ctx, enum engine_msg kind, const char *text)
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

static void ui_events_on_submitted(void *ctx, const struct engine_submitted *s)
{
	ui_form_submitted(ctx, s);
}

const struct engine_view ui_events_view = {
	.task_added = ui_events_on_added,
	.task_changed = ui_events_on_changed,
	.task_removed = ui_events_on_removed,
	.connection = ui_events_on_connection,
	.message = ui_events_on_message,
	.download = ui_dl_on_download,
	.submitted = ui_events_on_submitted,
};

void ui_events_pump(struct ui *ui)
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
	if ((changed && (ui->view->filter || ui->view->show != UI_SHOW_ALL ||
			 ui->view->sort != UI_SORT_ADDED || ui->view->reverse)) ||
	    ui->view->sort == UI_SORT_PROGRESS || ui->view->sort == UI_SORT_RUN ||
	    ui->view->sort == UI_SORT_SLOWEST)
		ui->view->stale = true;
	ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_PANE;
}

