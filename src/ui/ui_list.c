/* ui_list: the task list screen: draws the rows of its view (ui_view.c)
 * that are on screen and moves the selection. Must never walk the whole
 * tasklist or allocate while drawing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "taskrule.h"
#include "text.h"
#include "timefmt.h"
#include "ui_dl.h"
#include "ui_list.h"
#include "ui_view.h"
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

/* Movement moves the selection; every other action is the dashboard's. */
static bool ui_list_act(struct ui *ui, enum ui_action a)
{
	return ui_view_move(ui, a, ui->r_list.h > 2 ? (size_t)ui->r_list.h - 2 : 1);
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
	grow = ui->view->id_width - c->id;
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

	text_sanitize_buf(s, ui->style.text_flags, clean, sizeof(clean));
	ui_put_field(&ui->style, p, role, clean, width, false);
}

/* Ids are cut in the middle: ids of one batch often share a prefix, and the
 * end tells them apart. Ids are validated ASCII, so bytes are columns. */
static void ui_list_id(const struct ui *ui, struct ui_pen *p, const char *id, int width)
{
	char buf[ID_MAX_LEN + 8];
	size_t len = strlen(id), head, tail;

	if (len <= (size_t)width || width < 5 || len > ID_MAX_LEN) {
		ui_put_field(&ui->style, p, UI_ROLE_NORMAL, id, width, false);
		return;
	}
	head = (size_t)(width - 1) / 2 + (size_t)(width - 1) % 2;
	tail = (size_t)width - 1 - head;
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)head, id, ui->style.ascii ? "~" : "\u2026",
		 id + len - tail);
	ui_put_field(&ui->style, p, UI_ROLE_NORMAL, buf, width, false);
}

/* The headings, each with the order a click on it sorts by. */
struct ui_list_heading {
	const char *name;
	int width;                     /* with the space after it; 0: not shown */
	int sort;                      /* enum ui_sort, -1: none */
};

#define UI_LIST_HEADINGS 7

static void ui_list_heading_spans(const struct ui *ui, const struct ui_list_cols *c,
				  struct ui_list_heading *h)
{
	const struct ui_list_heading all[UI_LIST_HEADINGS] = {
		{ ui->view->sort == UI_SORT_SLOWEST ? "SLOWEST" : "STATUS", UI_LIST_STATE_W + 1,
		  ui->view->sort == UI_SORT_SLOWEST ? UI_SORT_SLOWEST : UI_SORT_STATUS },
		{ "ID", c->id + 1, UI_SORT_ADDED },
		{ "ACTION", c->action ? c->action + 1 : 0, -1 },
		{ "PROGRESS", c->bar + UI_LIST_PCT_W + 1, UI_SORT_PROGRESS },
		{ "SUBMITTED", c->submitted ? c->submitted + 1 : 0, UI_SORT_SUBMITTED },
		{ "RUN", UI_LIST_RUN_W + 1, UI_SORT_RUN },
		{ "TITLE", c->title ? ui->r_list.w : 0, UI_SORT_TITLE },
	};

	memcpy(h, all, sizeof(all));
}

bool ui_list_heading_at(const struct ui *ui, int x, int *sort)
{
	struct ui_list_heading h[UI_LIST_HEADINGS];
	struct ui_list_cols c;
	int i, at = ui->r_list.x;

	ui_list_columns(ui, ui->r_list.w, &c);
	ui_list_heading_spans(ui, &c, h);
	for (i = 0; i < UI_LIST_HEADINGS; i++) {
		if (x >= at && x < at + h[i].width && h[i].sort >= 0) {
			*sort = h[i].sort;
			return true;
		}
		at += h[i].width;
	}
	return false;
}

/* The sorted column's heading ends in an arrow: the way it runs. */
static void ui_list_headings(const struct ui *ui, const struct ui_list_cols *c, int y)
{
	struct ui_list_heading h[UI_LIST_HEADINGS];
	const struct ui_view *v = ui->view;
	bool down = ui_view_descending(v);
	struct ui_pen p;
	char text[32];
	int i;

	ui_list_heading_spans(ui, c, h);
	ui_pen_at(&p, y, ui->r_list.x, ui->r_list.w, 0);
	for (i = 0; i < UI_LIST_HEADINGS; i++) {
		if (!h[i].width)
			continue;
		if (h[i].sort == (int)v->sort && (v->sort != UI_SORT_ADDED || v->reverse))
			snprintf(text, sizeof(text), "%s%s", h[i].name, ui->style.ascii ?
				 (down ? "v" : "^") : (down ? "\u25bc" : "\u25b2"));
		else
			snprintf(text, sizeof(text), "%s", h[i].name);
		if (i == UI_LIST_HEADINGS - 1)
			ui_put(&ui->style, &p, UI_ROLE_LABEL, text);
		else
			ui_put_field(&ui->style, &p, UI_ROLE_LABEL, text, h[i].width, false);
	}
	ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
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
	/* A mark takes the glyph's place: the word still says the state. */
	snprintf(buf, sizeof(buf), "%s %s", e->marked ? "*" : ui_state_glyph(&ui->style, e),
		 ui_state_word(e, word, sizeof(word)));
	ui_put_field(&ui->style, &p, ui_state_role(e), buf, UI_LIST_STATE_W, false);
	ui_pad(&ui->style, &p, UI_ROLE_NORMAL, 1);
	ui_list_id(ui, &p, e->id, c->id);
	ui_pad(&ui->style, &p, UI_ROLE_NORMAL, 1);
	if (c->action) {
		ui_list_server_field(ui, &p, UI_ROLE_NORMAL, t ? t->action : "", c->action);
		ui_pad(&ui->style, &p, UI_ROLE_NORMAL, 1);
	}
	ui_entry_bar(ui, &p, e, c->bar);
	ui_pad(&ui->style, &p, UI_ROLE_NORMAL, 1);
	if (c->submitted) {
		timefmt_clock(t ? t->submit_time : 0, ui->now, cell, sizeof(cell));
		ui_put_field(&ui->style, &p, UI_ROLE_NORMAL, cell, c->submitted, false);
		ui_pad(&ui->style, &p, UI_ROLE_NORMAL, 1);
	}
	if (run >= 0)
		timefmt_elapsed(run, cell, sizeof(cell));
	else
		snprintf(cell, sizeof(cell), "-");
	ui_put_field(&ui->style, &p, UI_ROLE_NORMAL, cell, UI_LIST_RUN_W, true);
	ui_pad(&ui->style, &p, UI_ROLE_NORMAL, 1);
	if (e->slow) {
		ui_put(&ui->style, &p, UI_ROLE_FAILED, "slow");
		ui_pad(&ui->style, &p, UI_ROLE_NORMAL, 1);
	}
	if (*ui_dl_marker(ui, e, buf, sizeof(buf), &dl_role)) {
		ui_put(&ui->style, &p, dl_role, buf);
		ui_pad(&ui->style, &p, UI_ROLE_NORMAL, 1);
	}
	if (c->title && t && task_title(t))
		ui_put_server(&ui->style, &p, UI_ROLE_NORMAL, task_title(t));
	ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
}

static void ui_list_draw(struct ui *ui)
{
	struct ui_view *v = ui->view;
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
	sel_attr = ui->focus == ui->list_screen ? ui_attr(&ui->style, UI_ROLE_SELECTION) : A_BOLD | A_UNDERLINE;
	for (i = 0; i < rows; i++) {
		y = ui->r_list.y + 1 + (int)i;
		if (v->top + i < v->n) {
			ui_list_row(ui, &c, v->rows[v->top + i], y,
				    v->top + i == v->sel ? sel_attr : 0);
			continue;
		}
		ui_pen_at(&p, y, ui->r_list.x, ui->r_list.w, 0);
		if (i == 0 && v->n == 0)
			ui_put(&ui->style, &p, UI_ROLE_STALE, tasklist_count(ui->tl) ?
			       "  no task matches the filter (Esc clears it)" :
			       "  no tasks yet: press a to add task ids");
		ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
	}
}

static void ui_list_resize(struct ui *ui)
{
	ui->dirty |= UI_DIRTY_LIST;
}

const struct ui_screen ui_list_screen = {
	.name = "list", .where = UI_WHERE_LIST, .draw = ui_list_draw, .act = ui_list_act,
	.resize = ui_list_resize, .info = ui_view_info,
};
