/* ui_marks: Space marks or unmarks the selected task and moves down, *
 * marks every task shown, Esc clears the marks; with marks, d untracks
 * them all after one question (one undo), w downloads, r refreshes and y
 * copies their ids. Holds no rule about tasks: the engine keeps the marks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui_confirm.h"
#include "ui_dl.h"
#include "ui_marks.h"
#include "ui_view.h"

static size_t ui_marks_count(const struct ui *ui)
{
	return engine_counts(ui->eng)->marked;
}

static void ui_marks_untrack(struct ui *ui, const char *what, bool yes)
{
	size_t n;

	(void)what;
	if (!yes) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "kept the %zu marked tasks", ui_marks_count(ui));
		return;
	}
	n = engine_untrack_marked(ui->eng);
	ui_message(ui, UI_ROLE_NORMAL, 6, "untracked %zu task%s (u undoes)", n, n == 1 ? "" : "s");
}

static void ui_marks_mark(struct ui *ui)
{
	struct entry *e = ui_view_selected(ui);

	if (!e) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
		return;
	}
	engine_mark_toggle(ui->eng, e->id);
	ui_view_move(ui, UI_ACTION_DOWN, 1);
	ui_message(ui, UI_ROLE_NORMAL, 3, "%zu marked (Esc clears)", ui_marks_count(ui));
}

static void ui_marks_bulk(struct ui *ui, enum ui_action a, size_t n)
{
	char what[48], *ids;
	size_t asked = 0, ready;

	switch (a) {
	case UI_ACTION_UNTRACK:
		snprintf(what, sizeof(what), "%zu marked task%s", n, n == 1 ? "" : "s");
		ui_confirm_open(ui, "untrack", what, ui_marks_untrack);
		break;
	case UI_ACTION_REFRESH:
		engine_refresh_marked(ui->eng);
		ui_message(ui, UI_ROLE_NORMAL, 3, "refreshing %zu marked task%s", n, n == 1 ? "" : "s");
		break;
	case UI_ACTION_DOWNLOAD:
		ready = engine_download_marked(ui->eng, ENGINE_FILES_CONFIGURED, &asked);
		if (asked)
			ui_message(ui, UI_ROLE_NORMAL, 6, "downloading %zu file%s of %zu marked task%s",
				   asked, asked == 1 ? "" : "s", ready, ready == 1 ? "" : "s");
		else
			ui_message(ui, UI_ROLE_NORMAL, 4, "nothing new to download among %zu marked", n);
		ui->dirty |= UI_DIRTY_LIST;
		break;
	default:      /* UI_ACTION_COPY_ID */
		ids = engine_marked_text(ui->eng);
		snprintf(what, sizeof(what), "%zu task id%s", n, n == 1 ? "" : "s");
		ui_dl_copy_lines(ui, what, ids);
		free(ids);
		break;
	}
}

bool ui_marks_act(struct ui *ui, enum ui_action a)
{
	size_t n = ui_marks_count(ui);

	switch (a) {
	case UI_ACTION_MARK:
		ui_marks_mark(ui);
		return true;
	case UI_ACTION_MARK_ALL:
		if (ui->view->stale)
			ui_view_rebuild(ui);
		engine_mark_all(ui->eng, ui->view->rows, ui->view->n);
		ui_message(ui, UI_ROLE_NORMAL, 4, "%zu marked (d untracks, w downloads, r refreshes, "
			   "y copies the ids; Esc clears)", ui_marks_count(ui));
		return true;
	case UI_ACTION_CLEAR_FILTER:
		if (!n)
			return false;     /* no marks: Esc clears the filters */
		engine_marks_clear(ui->eng);
		ui_message(ui, UI_ROLE_NORMAL, 3, "cleared %zu mark%s", n, n == 1 ? "" : "s");
		return true;
	case UI_ACTION_UNTRACK:
	case UI_ACTION_REFRESH:
	case UI_ACTION_DOWNLOAD:
	case UI_ACTION_COPY_ID:
		if (!n)
			return false;
		ui_marks_bulk(ui, a, n);
		return true;
	default:
		return false;
	}
}
