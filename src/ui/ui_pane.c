/* ui_pane: the side pane's drawing, scrolling and links; its lines come
 * from ui_pane_build.c, rebuilt when the selection, its data or the width
 * change. Must never put server text on screen unsanitized. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"
#include "timefmt.h"
#include "taskrule.h"
#include "ui_dl.h"
#include "ui_pane_impl.h"
#include "ui_view.h"
#include "util.h"

void ui_pane_invalidate(struct ui *ui)
{
	ui->pane->needs_build = true;
	ui->dirty |= UI_DIRTY_PANE;
}

/* "QUEUED 12m03s slow, typical 40s": the time is drawn, not built, as it
 * grows every second. */
static void ui_pane_stage(struct ui *ui, struct ui_pen *p, const struct entry *e)
{
	enum task_stage st = task_stage(e->task);
	int64_t since = engine_stage_since(ui->eng, e);
	double typical = engine_stage_typical(ui->eng, st);
	char in[32], typ[32], buf[128];

	if (st == TASK_STAGE_NONE || since <= 0)
		return;
	timefmt_elapsed(ui->now > since ? ui->now - since : 0, in, sizeof(in));
	if (typical > 0)
		timefmt_elapsed((int64_t)typical, typ, sizeof(typ));
	snprintf(buf, sizeof(buf), "%s %s", task_stage_name(st), in);
	ui_put(&ui->style, p, UI_ROLE_NORMAL, buf);
	if (e->slow)
		ui_put(&ui->style, p, UI_ROLE_FAILED, " slow");
	/* "?" while nothing is learned: three tasks must have left the stage. */
	snprintf(buf, sizeof(buf), ", typical %s", typical > 0 ? typ : "?");
	ui_put(&ui->style, p, UI_ROLE_NORMAL, buf);
}

static void ui_pane_draw_line(struct ui *ui, const struct ui_pane_line *l, int y, int x, int w)
{
	struct ui_pen p;
	char buf[96], age[32];
	const struct entry *e;

	ui_pen_at(&p, y, x, w, 0);
	if (l->label) {
		ui_pad(&ui->style, &p, UI_ROLE_NORMAL, l->indent - UI_PANE_LABEL_W);
		ui_put_field(&ui->style, &p, UI_ROLE_LABEL, l->label, UI_PANE_LABEL_W, false);
	} else {
		ui_pad(&ui->style, &p, UI_ROLE_NORMAL, l->indent);
	}
	switch (l->kind) {
	case UI_PANE_HEAD:
		ui_put(&ui->style, &p, l->role, l->text);
		break;
	case UI_PANE_TEXT:
		ui_put(&ui->style, &p, l->role, l->text);
		break;
	case UI_PANE_URL:
		if (p.right > p.x && l->url && ui->pane->n_links < UI_PANE_LINKS_MAX)
			ui->pane->links[ui->pane->n_links++] = (struct ui_pane_link){ y, p.x, p.right - p.x, l };
		if (p.right > p.x)
			ui_put_field(&ui->style, &p, l->role, l->text, p.right - p.x, false);
		break;
	case UI_PANE_TIME:
		timefmt_full(l->when, buf, sizeof(buf));
		ui_age(ui, l->when, age, sizeof(age));
		ui_put(&ui->style, &p, UI_ROLE_NORMAL, buf);
		ui_put(&ui->style, &p, UI_ROLE_STALE, " (");
		ui_put(&ui->style, &p, UI_ROLE_STALE, age);
		ui_put(&ui->style, &p, UI_ROLE_STALE, ")");
		break;
	case UI_PANE_AGE:
		ui_age(ui, l->when, age, sizeof(age));
		ui_put(&ui->style, &p, UI_ROLE_NORMAL, age);
		break;
	case UI_PANE_RUN:
		e = ui_view_selected(ui);
		if (e && task_run_time(e->task, ui->now) >= 0) {
			timefmt_elapsed(task_run_time(e->task, ui->now), buf, sizeof(buf));
			ui_put(&ui->style, &p, UI_ROLE_NORMAL, buf);
		}
		break;
	case UI_PANE_BAR:
		e = ui_view_selected(ui);
		if (e)
			ui_entry_bar(ui, &p, e, p.right - p.x > 25 ? 20 : 8);
		break;
	case UI_PANE_STAGE:
		e = ui_view_selected(ui);
		if (e)
			ui_pane_stage(ui, &p, e);
		break;
	}
	ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
}

static void ui_pane_draw(struct ui *ui)
{
	struct ui_pane *pn = ui->pane;
	const struct ui_rect *r = &ui->r_pane;
	const struct entry *e = ui_view_selected(ui);
	bool focused = ui->focus == ui->pane_screen;
	struct ui_pen p;
	int x = r->x, w = r->w, i, rows;
	char title[96];

	if (!ui->pane_shown || r->h <= 0 || r->w <= 0)
		return;
	if (ui->pane_right) {
		/* The rule and the gap after it: every cell of the region is
		 * drawn, so nothing an overlay left there survives. */
		for (i = 0; i < r->h; i++) {
			attrset(A_NORMAL);
			mvaddstr(r->y + i, r->x, ui->style.ascii ? "| " : "\u2502 ");
		}
		x += 2;
		w -= 2;
	}
	if (pn->needs_build || pn->built_for != e || pn->built_width != w) {
		ui_pane_build(ui, e, w);
		pn->scroll = 0;
	}
	pn->n_links = 0;
	rows = r->h - 1;
	if (pn->n > (size_t)rows && pn->scroll > pn->n - (size_t)rows)
		pn->scroll = pn->n - (size_t)rows;
	if (pn->n <= (size_t)rows)
		pn->scroll = 0;
	if (pn->n > (size_t)rows)
		snprintf(title, sizeof(title), "Details %zu-%zu/%zu%s", pn->scroll + 1,
			 pn->scroll + (size_t)rows, pn->n, focused ? "  (Tab/Esc back)" : "  (Enter to scroll)");
	else
		snprintf(title, sizeof(title), "Details%s", focused ? "  (Tab/Esc back)" : "");
	ui_pen_at(&p, r->y, x, w, 0);
	ui_put(&ui->style, &p, focused ? UI_ROLE_HEADER : UI_ROLE_LABEL, title);
	ui_pad_to_end(&ui->style, &p, focused ? UI_ROLE_HEADER : UI_ROLE_NORMAL);
	for (i = 0; i < rows; i++) {
		size_t li = pn->scroll + (size_t)i;
		if (li < pn->n) {
			ui_pane_draw_line(ui, &pn->lines[li], r->y + 1 + i, x, w);
		} else {
			ui_pen_at(&p, r->y + 1 + i, x, w, 0);
			ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
		}
	}
}

void ui_pane_links(struct ui *ui)
{
	struct ui_pane *pn = ui->pane;
	const char *cup = tigetstr((char *)"cup"), *sgr0 = tigetstr((char *)"sgr0");
	char shown[UI_LINE_BYTES];
	struct strbuf sb;
	size_t i;
	int cy, cx;

	if (!ui->style.links || !pn->n_links || !ui->pane_shown || ui->modal ||
	    !cup || cup == (char *)-1)
		return;
	/* The same cells again, inside OSC 8: the screen does not change. */
	strbuf_init(&sb);
	if (sgr0 && sgr0 != (char *)-1)
		strbuf_adds(&sb, sgr0);
	for (i = 0; i < pn->n_links; i++) {
		const struct ui_pane_link *k = &pn->links[i];

		text_fit(k->line->text, k->w, ui->style.ascii, shown, sizeof(shown));
		strbuf_adds(&sb, tiparm(cup, k->y, k->x));
		strbuf_addf(&sb, "\033]8;;%s\033\\%s\033]8;;\033\\", k->line->url, shown);
	}
	getyx(curscr, cy, cx);
	strbuf_adds(&sb, tiparm(cup, cy, cx));
	if (write(STDOUT_FILENO, sb.buf, sb.len) < 0)
		ui->style.links = false;
	free(sb.buf);
}

/* Movement scrolls; every other action is the dashboard's. */
static bool ui_pane_act(struct ui *ui, enum ui_action a)
{
	struct ui_pane *pn = ui->pane;
	size_t rows = ui->r_pane.h > 1 ? (size_t)ui->r_pane.h - 1 : 1;
	size_t max = pn->n > rows ? pn->n - rows : 0;

	if (!ui_keys_move(&pn->scroll, max + 1, rows > 1 ? rows - 1 : 1, a))
		return false;
	ui->dirty |= UI_DIRTY_PANE;
	return true;
}

static void ui_pane_resize(struct ui *ui)
{
	ui_pane_invalidate(ui);
}

const struct ui_screen ui_pane_screen = {
	.name = "pane", .where = UI_WHERE_PANE, .draw = ui_pane_draw, .act = ui_pane_act,
	.resize = ui_pane_resize,
};
