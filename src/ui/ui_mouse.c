/* ui_mouse: mouse events read from curses, kept in order with the keys
 * read in the same batch, and turned into the dashboard's actions. Holds
 * no rule about tasks; must never act on a click while a modal screen (a
 * prompt, a question, the help) has the keyboard. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui_act.h"
#include "ui_list.h"
#include "ui_mouse.h"
#include "ui_view.h"
#include "util.h"

#define UI_MOUSE_QUEUE 64
#define UI_MOUSE_WHEEL 3           /* rows per wheel notch */

struct ui_mouse {
	MEVENT ev[UI_MOUSE_QUEUE];
	size_t head, n;
	bool pressed;                  /* the last event was a press of button 1 */
};

bool ui_mouse_start(struct ui *ui)
{
	mmask_t want = BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED | BUTTON4_PRESSED |
		       BUTTON5_PRESSED;

	if (!ui->mouse)
		ui->mouse = xcalloc(1, sizeof(*ui->mouse));
	/* No click resolution: a click is acted on when pressed, never held
	 * back to see whether a second one follows. */
	mouseinterval(0);
	return mousemask(want, NULL) != 0;
}

void ui_mouse_free(struct ui *ui)
{
	free(ui->mouse);
	ui->mouse = NULL;
}

void ui_mouse_take(struct ui *ui)
{
	struct ui_mouse *m = ui->mouse;
	MEVENT ev;

	if (getmouse(&ev) != OK || !m)
		return;
	if (m->n == UI_MOUSE_QUEUE) {      /* a flood: keep the newest */
		m->head = (m->head + 1) % UI_MOUSE_QUEUE;
		m->n--;
	}
	m->ev[(m->head + m->n++) % UI_MOUSE_QUEUE] = ev;
}

static bool ui_mouse_in(const struct ui_rect *r, int y, int x)
{
	return r->h > 0 && r->w > 0 && y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

static void ui_mouse_wheel(struct ui *ui, int y, int x, bool down)
{
	const struct ui_screen *s = ui->pane_shown && ui_mouse_in(&ui->r_pane, y, x) ?
				    ui->pane_screen : ui->list_screen;
	int i;

	for (i = 0; i < UI_MOUSE_WHEEL; i++)
		s->act(ui, down ? UI_ACTION_DOWN : UI_ACTION_UP);
}

static void ui_mouse_list(struct ui *ui, int y, int x)
{
	struct ui_view *v = ui->view;
	size_t row;
	int sort;

	if (y == ui->r_list.y) {
		if (ui_list_heading_at(ui, x, &sort))
			ui_view_sort_by(ui, (enum ui_sort)sort);
		return;
	}
	row = v->top + (size_t)(y - ui->r_list.y - 1);
	if (row >= v->n)
		return;
	if (row == v->sel && ui->focus == ui->list_screen) {
		ui_act_do(ui, UI_ACTION_FOCUS_PANE);
		return;
	}
	if (ui->focus != ui->list_screen)
		ui_act_run(ui, UI_ACTION_FOCUS_LIST);
	ui_view_select_row(ui, row);
}

static void ui_mouse_click(struct ui *ui, int y, int x)
{
	enum ui_action a;

	if (ui_mouse_in(&ui->r_list, y, x)) {
		ui_mouse_list(ui, y, x);
	} else if (ui->pane_shown && ui_mouse_in(&ui->r_pane, y, x)) {
		if (ui->focus != ui->pane_screen)
			ui_act_run(ui, UI_ACTION_FOCUS_PANE);
	} else if (ui_mouse_in(&ui->r_hint, y, x)) {
		a = ui_keys_hint_at(ui->focus->where, x - ui->r_hint.x);
		ui_act_do(ui, a);
	} else if (ui_mouse_in(&ui->r_head, y, x) && x >= ui->head_slow_x0 && x < ui->head_slow_x1) {
		ui_view_sort_by(ui, UI_SORT_SLOWEST);
	}
}

void ui_mouse_dispatch(struct ui *ui)
{
	struct ui_mouse *m = ui->mouse;
	MEVENT ev;

	if (!m || !m->n)
		return;
	ev = m->ev[m->head];
	m->head = (m->head + 1) % UI_MOUSE_QUEUE;
	m->n--;
	if (ui->modal || ui->too_small)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		ui_mouse_wheel(ui, ev.y, ev.x, false);
	else if (ev.bstate & BUTTON5_PRESSED)
		ui_mouse_wheel(ui, ev.y, ev.x, true);
	else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		ui_mouse_click(ui, ev.y, ev.x);
	else if ((ev.bstate & BUTTON1_RELEASED) && !m->pressed)
		ui_mouse_click(ui, ev.y, ev.x);
	/* A release after its press is the same click; curses may also hand
	 * over the release alone. */
	m->pressed = (ev.bstate & BUTTON1_PRESSED) != 0;
	ui->dirty |= UI_DIRTY_FOOT;
}
