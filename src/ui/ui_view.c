/* ui_view: the list screen's state: the filtered, sorted rows of the
 * tracked list and the selection, which follows the task id. Rebuilt only
 * when filter, sort or membership change (or data they depend on); never
 * draws. UI thread only. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "taskrule.h"
#include "text.h"
#include "ui_view.h"
#include "util.h"

#define UI_VIEW_ID_MIN 10

static const char *const ui_view_show_names[UI_SHOW_COUNT] = {
	"all", "active", "failed", "done", "slow"
};
static const char *const ui_view_sort_names[UI_SORT_COUNT] = {
	"added", "submitted", "status", "progress", "title", "run", "slowest"
};
static const enum task_sort ui_view_orders[UI_SORT_COUNT] = {
	TASK_SORT_ADDED, TASK_SORT_AGE, TASK_SORT_STATUS, TASK_SORT_PROGRESS, TASK_SORT_TITLE,
	TASK_SORT_RUNTIME, TASK_SORT_SLOWEST,
};

struct ui_view *ui_view_new(void)
{
	return xcalloc(1, sizeof(struct ui_view));
}

const char *ui_view_show_name(enum ui_show s)
{
	return (unsigned)s < UI_SHOW_COUNT ? ui_view_show_names[s] : "all";
}

const char *ui_view_sort_name(enum ui_sort s)
{
	return (unsigned)s < UI_SORT_COUNT ? ui_view_sort_names[s] : "added";
}

void ui_view_free(struct ui_view *v)
{
	if (!v)
		return;
	free(v->rows);
	free(v->filter);
	free(v);
}

static bool ui_view_has(const char *hay, const char *needle)
{
	return hay && *hay && strcasestr(hay, needle) != NULL;
}

static bool ui_view_text_match(const struct entry *e, const char *f)
{
	const struct task *t = e->task;
	size_t i;

	if (ui_view_has(e->id, f))
		return true;
	if (!t)
		return false;
	if (ui_view_has(t->status, f) || ui_view_has(t->fail_reason, f) ||
	    ui_view_has(task_state_name(t->state), f))
		return true;
	for (i = 0; i < t->n_clips; i++)
		if (ui_view_has(t->clips[i].title, f) || ui_view_has(t->clips[i].tags, f))
			return true;
	return t->lyrics && ui_view_has(t->lyrics->title, f);
}

static bool ui_view_keep(const struct ui_view *v, const struct entry *e)
{
	const struct task *t = e->task;

	switch (v->show) {
	case UI_SHOW_ACTIVE:
		if (task_is_finished(t))
			return false;
		break;
	case UI_SHOW_FAILED:
		if (!task_unsuccessful(t))
			return false;
		break;
	case UI_SHOW_DONE:
		if (!task_succeeded(t))
			return false;
		break;
	case UI_SHOW_SLOW:
		if (!e->slow)
			return false;
		break;
	case UI_SHOW_ALL:
	case UI_SHOW_COUNT:
		break;
	}
	return !v->filter || ui_view_text_match(e, v->filter);
}

struct ui_view_sorting {
	enum task_sort key;
	bool reverse;
	struct task_sort_ctx ctx;
};

static int ui_view_compare(const void *pa, const void *pb, void *arg)
{
	const struct ui_view_sorting *s = arg;
	int c = task_sort_compare(s->key, *(struct entry *const *)pa, *(struct entry *const *)pb,
				  &s->ctx);

	return s->reverse ? -c : c;
}

void ui_view_rebuild(struct ui *ui)
{
	struct ui_view *v = ui->view;
	size_t n = tasklist_count(ui->tl), i;
	struct entry *want = tasklist_find(ui->tl, v->sel_id);

	if (v->cap < n) {
		v->cap = n + n / 2 + 16;
		v->rows = xrealloc(v->rows, v->cap * sizeof(*v->rows));
	}
	v->n = 0;
	v->id_width = UI_VIEW_ID_MIN;
	for (i = 0; i < n; i++) {
		struct entry *e = tasklist_at(ui->tl, i);
		if (!ui_view_keep(v, e))
			continue;
		v->rows[v->n++] = e;
		if ((int)strlen(e->id) > v->id_width)
			v->id_width = (int)strlen(e->id);
	}
	if (v->sort != UI_SORT_ADDED || v->reverse) {
		struct ui_view_sorting sorting = { ui_view_orders[v->sort], v->reverse, { 0, 0, NULL } };

		engine_sort_ctx(ui->eng, ui->now, &sorting.ctx);
		qsort_r(v->rows, v->n, sizeof(*v->rows), ui_view_compare, &sorting);
	}
	if (want) {
		for (i = 0; i < v->n && v->rows[i] != want; i++)
			;
		if (i < v->n)
			v->sel = i;
	}
	if (v->sel >= v->n)
		v->sel = v->n ? v->n - 1 : 0;
	if (v->n)
		snprintf(v->sel_id, sizeof(v->sel_id), "%s", v->rows[v->sel]->id);
	else
		v->sel_id[0] = '\0';
	v->stale = false;
	ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_PANE | UI_DIRTY_FOOT;
}

struct entry *ui_view_selected(const struct ui *ui)
{
	const struct ui_view *v = ui->view;

	return v->sel < v->n ? v->rows[v->sel] : NULL;
}

static void ui_view_selected_changed(struct ui *ui)
{
	struct ui_view *v = ui->view;

	if (v->sel < v->n)
		snprintf(v->sel_id, sizeof(v->sel_id), "%s", v->rows[v->sel]->id);
	ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_PANE;
}

void ui_view_select_row(struct ui *ui, size_t i)
{
	if (i >= ui->view->n)
		return;
	ui->view->sel = i;
	ui_view_selected_changed(ui);
}

/* Progress, run time and slowest go biggest first; the others smallest
 * (or A) first. */
bool ui_view_descending(const struct ui_view *v)
{
	bool down = v->sort == UI_SORT_PROGRESS || v->sort == UI_SORT_RUN ||
		    v->sort == UI_SORT_SLOWEST;

	return down != v->reverse;
}

void ui_view_select_id(struct ui *ui, const char *id)
{
	struct ui_view *v = ui->view;
	size_t i;

	if (v->stale)
		ui_view_rebuild(ui);
	for (i = 0; i < v->n; i++) {
		if (strcmp(v->rows[i]->id, id) == 0) {
			v->sel = i;
			ui_view_selected_changed(ui);
			return;
		}
	}
}

void ui_view_set_filter(struct ui *ui, const char *text)
{
	struct ui_view *v = ui->view;

	free(v->filter);
	v->filter = text && *text ? xstrdup(text) : NULL;
	ui_view_rebuild(ui);
}


void ui_view_sort_by(struct ui *ui, enum ui_sort s)
{
	struct ui_view *v = ui->view;

	if (v->sort == s) {
		v->reverse = !v->reverse;
	} else {
		v->sort = s;
		v->reverse = false;
	}
	ui_view_rebuild(ui);
}

bool ui_view_move(struct ui *ui, enum ui_action a, size_t page)
{
	struct ui_view *v = ui->view;

	if (!ui_keys_move(&v->sel, v->n, page, a))
		return false;
	ui_view_selected_changed(ui);
	return true;
}

/* "3/6 · sort:added show:failed /text" for the footer. */
void ui_view_info(const struct ui *ui, char *buf, size_t n)
{
	const struct ui_view *v = ui->view;
	char filter[64], clean[256];

	filter[0] = '\0';
	if (v->filter) {
		text_sanitize_buf(v->filter, ui->style.text_flags, clean, sizeof(clean));
		text_fit(clean, 16, ui->style.ascii, filter, sizeof(filter));
	}
	snprintf(buf, n, "%zu/%zu %s sort:%s%s%s%s%s%s",
		 v->n, tasklist_count(ui->tl), ui->style.ascii ? "|" : "\u00b7",
		 ui_view_sort_name(v->sort), v->reverse ? "(rev)" : "",
		 v->show != UI_SHOW_ALL ? " show:" : "",
		 v->show != UI_SHOW_ALL ? ui_view_show_name(v->show) : "",
		 v->filter ? " /" : "", filter);
}
