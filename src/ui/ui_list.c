/* ui_list: the task list screen. Keeps a view array of entry pointers that
 * is rebuilt only when filter, sort or membership change; must never walk
 * the whole tasklist or allocate while drawing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "timefmt.h"
#include "ui_dl.h"
#include "ui_list.h"
#include "ui_pane.h"
#include "util.h"

#define UI_LIST_STATE_W 13    /* glyph, space, "IN_PROGRESS" */
#define UI_LIST_ID_MIN 10
#define UI_LIST_RUN_W 6
#define UI_LIST_SUBMITTED_W 10
#define UI_LIST_ACTION_W 6
#define UI_LIST_PCT_W 5       /* " ~42%" after the bar */

struct ui_list_cols {
	int id, action, bar, submitted, title;
};

void ui_view_free(struct ui_view *v)
{
	free(v->rows);
	free(v->filter);
	v->rows = NULL;
	v->filter = NULL;
	v->n = v->cap = 0;
}

static bool ui_list_has(const char *hay, const char *needle)
{
	return hay && *hay && strcasestr(hay, needle) != NULL;
}

static bool ui_list_text_match(const struct entry *e, const char *f)
{
	const struct task *t = e->task;
	size_t i;

	if (ui_list_has(e->id, f))
		return true;
	if (!t)
		return false;
	if (ui_list_has(t->status, f) || ui_list_has(t->fail_reason, f) ||
	    ui_list_has(task_state_name(t->state), f))
		return true;
	for (i = 0; i < t->n_clips; i++)
		if (ui_list_has(t->clips[i].title, f) || ui_list_has(t->clips[i].tags, f))
			return true;
	return t->lyrics && ui_list_has(t->lyrics->title, f);
}

static bool ui_list_keep(const struct ui_view *v, const struct entry *e)
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
	case UI_SHOW_ALL:
	case UI_SHOW_COUNT:
		break;
	}
	return !v->filter || ui_list_text_match(e, v->filter);
}

static int ui_list_status_rank(const struct entry *e)
{
	static const int rank[TASK_CAT_COUNT] = {
		[TASK_CAT_RUNNING] = 0, [TASK_CAT_QUEUED] = 1, [TASK_CAT_NEW] = 2,
		[TASK_CAT_FAILED] = 3, [TASK_CAT_NOT_FOUND] = 4, [TASK_CAT_UNKNOWN] = 5,
		[TASK_CAT_SUCCEEDED] = 6,
	};

	return rank[task_category(e->task)];
}

static int ui_list_cmp_num(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

static int ui_list_compare(const void *pa, const void *pb, void *ctx)
{
	const struct ui *ui = ctx;
	const struct entry *a = *(struct entry *const *)pa, *b = *(struct entry *const *)pb;
	const char *ta, *tb;
	int c = 0;

	switch (ui->view.sort) {
	case UI_SORT_SUBMITTED:
		c = ui_list_cmp_num(a->task && a->task->submit_time ? a->task->submit_time : a->added,
				    b->task && b->task->submit_time ? b->task->submit_time : b->added);
		break;
	case UI_SORT_STATUS:
		c = ui_list_status_rank(a) - ui_list_status_rank(b);
		break;
	case UI_SORT_PROGRESS:
		c = ui_estimate(ui, b).percent - ui_estimate(ui, a).percent;
		break;
	case UI_SORT_TITLE:
		ta = a->task ? task_title(a->task) : NULL;
		tb = b->task ? task_title(b->task) : NULL;
		if (!ta || !tb)
			c = (ta == NULL) - (tb == NULL);
		else
			c = strcasecmp(ta, tb);
		break;
	case UI_SORT_ADDED:
	case UI_SORT_COUNT:
		break;
	}
	if (c == 0)
		c = ui_list_cmp_num(a->seq, b->seq);
	return ui->view.reverse ? -c : c;
}

void ui_view_rebuild(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	size_t n = tasklist_count(ui->tl), i;
	struct entry *want = tasklist_find(ui->tl, v->sel_id);

	if (v->cap < n) {
		v->cap = n + n / 2 + 16;
		v->rows = xrealloc(v->rows, v->cap * sizeof(*v->rows));
	}
	v->n = 0;
	v->id_width = UI_LIST_ID_MIN;
	for (i = 0; i < n; i++) {
		struct entry *e = tasklist_at(ui->tl, i);
		if (!ui_list_keep(v, e))
			continue;
		v->rows[v->n++] = e;
		if ((int)strlen(e->id) > v->id_width)
			v->id_width = (int)strlen(e->id);
	}
	if (v->sort != UI_SORT_ADDED || v->reverse)
		qsort_r(v->rows, v->n, sizeof(*v->rows), ui_list_compare, ui);
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
	if (!want || v->n == 0 || v->rows[v->sel] != want)
		ui_pane_invalidate(ui);
	v->stale = false;
	ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_PANE | UI_DIRTY_FOOT;
}

struct entry *ui_view_selected(const struct ui *ui)
{
	const struct ui_view *v = &ui->view;

	return v->sel < v->n ? v->rows[v->sel] : NULL;
}

static void ui_list_selected_changed(struct ui *ui)
{
	struct ui_view *v = &ui->view;

	if (v->sel < v->n)
		snprintf(v->sel_id, sizeof(v->sel_id), "%s", v->rows[v->sel]->id);
	ui_pane_invalidate(ui);
	ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_PANE;
}

void ui_view_select_id(struct ui *ui, const char *id)
{
	struct ui_view *v = &ui->view;
	size_t i;

	if (v->stale)
		ui_view_rebuild(ui);
	for (i = 0; i < v->n; i++) {
		if (strcmp(v->rows[i]->id, id) == 0) {
			v->sel = i;
			ui_list_selected_changed(ui);
			return;
		}
	}
}

void ui_view_set_filter(struct ui *ui, const char *text)
{
	struct ui_view *v = &ui->view;

	free(v->filter);
	v->filter = text && *text ? xstrdup(text) : NULL;
	ui_view_rebuild(ui);
}

/* Movement moves the selection; every other action is the dashboard's. */
static bool ui_list_act(struct ui *ui, enum ui_action a)
{
	struct ui_view *v = &ui->view;
	size_t page = ui->r_list.h > 2 ? (size_t)ui->r_list.h - 2 : 1;

	if (!ui_keys_move(&v->sel, v->n, page, a))
		return false;
	ui_list_selected_changed(ui);
	return true;
}

/* Which columns fit: title goes first, then action, then submitted. */
static void ui_list_columns(const struct ui *ui, int w, struct ui_list_cols *c)
{
	int rest, grow;

	memset(c, 0, sizeof(*c));
	c->id = UI_LIST_ID_MIN;
	c->bar = 8;
	rest = w - (UI_LIST_STATE_W + 1 + c->id + 1 + c->bar + UI_LIST_PCT_W + 1 + UI_LIST_RUN_W);
	if (rest < 0) {
		c->bar = c->bar + rest > 0 ? c->bar + rest : 0;
		rest = 0;
	}
	if (rest >= UI_LIST_SUBMITTED_W + 1) {
		c->submitted = UI_LIST_SUBMITTED_W;
		rest -= UI_LIST_SUBMITTED_W + 1;
	}
	if (rest >= UI_LIST_ACTION_W + 1) {
		c->action = UI_LIST_ACTION_W;
		rest -= UI_LIST_ACTION_W + 1;
	}
	grow = ui->view.id_width - c->id;
	if (grow > rest - 21)
		grow = rest - 21;
	if (grow > 0) {
		c->id += grow;
		rest -= grow;
	}
	grow = rest - 41;
	if (grow > 12)
		grow = 12;
	if (grow > 0) {
		c->bar += grow;
		rest -= grow;
	}
	if (rest >= 9)
		c->title = rest - 1;
}

static void ui_list_server_field(const struct ui *ui, struct ui_pen *p, enum ui_role role,
				 const char *s, int width)
{
	char clean[UI_LINE_BYTES];

	text_sanitize_buf(s, ui->ascii ? TEXT_ASCII : 0, clean, sizeof(clean));
	ui_put_field(ui, p, role, clean, width, false);
}

/* Ids are cut in the middle: ids of one batch often share a prefix, and the
 * end tells them apart. Ids are validated ASCII, so bytes are columns. */
static void ui_list_id(const struct ui *ui, struct ui_pen *p, const char *id, int width)
{
	char buf[ID_MAX_LEN + 8];
	size_t len = strlen(id), head, tail;

	if (len <= (size_t)width || width < 5 || len > ID_MAX_LEN) {
		ui_put_field(ui, p, UI_ROLE_NORMAL, id, width, false);
		return;
	}
	head = (size_t)(width - 1) / 2 + (size_t)(width - 1) % 2;
	tail = (size_t)width - 1 - head;
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)head, id, ui->ascii ? "~" : "\u2026",
		 id + len - tail);
	ui_put_field(ui, p, UI_ROLE_NORMAL, buf, width, false);
}

static void ui_list_headings(const struct ui *ui, const struct ui_list_cols *c, int y)
{
	struct ui_pen p;

	ui_pen_at(&p, y, ui->r_list.x, ui->r_list.w, 0);
	ui_put_field(ui, &p, UI_ROLE_LABEL, "STATUS", UI_LIST_STATE_W + 1, false);
	ui_put_field(ui, &p, UI_ROLE_LABEL, "ID", c->id + 1, false);
	if (c->action)
		ui_put_field(ui, &p, UI_ROLE_LABEL, "ACTION", c->action + 1, false);
	ui_put_field(ui, &p, UI_ROLE_LABEL, "PROGRESS", c->bar + UI_LIST_PCT_W + 1, false);
	if (c->submitted)
		ui_put_field(ui, &p, UI_ROLE_LABEL, "SUBMITTED", c->submitted + 1, false);
	ui_put_field(ui, &p, UI_ROLE_LABEL, "RUN", UI_LIST_RUN_W + 1, false);
	if (c->title)
		ui_put(ui, &p, UI_ROLE_LABEL, "TITLE");
	ui_pad_to_end(ui, &p, UI_ROLE_NORMAL);
}

static void ui_list_row(const struct ui *ui, const struct ui_list_cols *c,
			const struct entry *e, int y, attr_t extra)
{
	struct ui_pen p;
	const struct task *t = e->task;
	char word[24], cell[64], buf[96];
	int64_t run = task_run_time(t, ui->now);
	enum ui_role dl_role;

	if (ui->banner != UI_BANNER_NONE)
		extra |= A_DIM;
	ui_pen_at(&p, y, ui->r_list.x, ui->r_list.w, extra);
	snprintf(buf, sizeof(buf), "%s %s", ui_state_glyph(ui, e), ui_state_word(e, word, sizeof(word)));
	ui_put_field(ui, &p, ui_state_role(e), buf, UI_LIST_STATE_W, false);
	ui_pad(ui, &p, UI_ROLE_NORMAL, 1);
	ui_list_id(ui, &p, e->id, c->id);
	ui_pad(ui, &p, UI_ROLE_NORMAL, 1);
	if (c->action) {
		ui_list_server_field(ui, &p, UI_ROLE_NORMAL, t ? t->action : "", c->action);
		ui_pad(ui, &p, UI_ROLE_NORMAL, 1);
	}
	ui_draw_progress(ui, &p, e, c->bar);
	ui_pad(ui, &p, UI_ROLE_NORMAL, 1);
	if (c->submitted) {
		timefmt_clock(t ? t->submit_time : 0, ui->now, cell, sizeof(cell));
		ui_put_field(ui, &p, UI_ROLE_NORMAL, cell, c->submitted, false);
		ui_pad(ui, &p, UI_ROLE_NORMAL, 1);
	}
	if (run >= 0)
		timefmt_elapsed(run, cell, sizeof(cell));
	else
		snprintf(cell, sizeof(cell), "-");
	ui_put_field(ui, &p, UI_ROLE_NORMAL, cell, UI_LIST_RUN_W, true);
	ui_pad(ui, &p, UI_ROLE_NORMAL, 1);
	if (*ui_dl_marker(ui, e, buf, sizeof(buf), &dl_role)) {
		ui_put(ui, &p, dl_role, buf);
		ui_pad(ui, &p, UI_ROLE_NORMAL, 1);
	}
	if (c->title && t && task_title(t))
		ui_put_server(ui, &p, UI_ROLE_NORMAL, task_title(t));
	ui_pad_to_end(ui, &p, UI_ROLE_NORMAL);
}

static void ui_list_draw(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	struct ui_list_cols c;
	struct ui_pen p;
	size_t rows, i;
	attr_t sel_attr;
	int y;

	if (ui->r_list.h <= 0)
		return;
	ui_list_columns(ui, ui->r_list.w, &c);
	ui_list_headings(ui, &c, ui->r_list.y);
	rows = ui->r_list.h > 1 ? (size_t)ui->r_list.h - 1 : 0;
	if (v->sel < v->top)
		v->top = v->sel;
	if (rows && v->sel >= v->top + rows)
		v->top = v->sel - rows + 1;
	if (v->top + rows > v->n)
		v->top = v->n > rows ? v->n - rows : 0;
	/* With the pane focused the selected row stays marked, less loudly. */
	sel_attr = ui->focus == &ui_list_screen ? ui_attr(ui, UI_ROLE_SELECTION) : A_BOLD | A_UNDERLINE;
	for (i = 0; i < rows; i++) {
		y = ui->r_list.y + 1 + (int)i;
		if (v->top + i < v->n) {
			ui_list_row(ui, &c, v->rows[v->top + i], y,
				    v->top + i == v->sel ? sel_attr : 0);
			continue;
		}
		ui_pen_at(&p, y, ui->r_list.x, ui->r_list.w, 0);
		if (i == 0 && v->n == 0)
			ui_put(ui, &p, UI_ROLE_STALE, tasklist_count(ui->tl) ?
			       "  no task matches the filter (Esc clears it)" :
			       "  no tasks yet: press a to add task ids");
		ui_pad_to_end(ui, &p, UI_ROLE_NORMAL);
	}
}

static void ui_list_resize(struct ui *ui)
{
	ui->dirty |= UI_DIRTY_LIST;
}

const struct ui_screen ui_list_screen = {
	.name = "list",
	.draw = ui_list_draw,
	.where = UI_WHERE_LIST,
	.act = ui_list_act,
	.resize = ui_list_resize,
};
