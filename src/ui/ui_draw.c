/* ui_draw: colour roles, text pens, fields, bars and glyphs. UI thread
 * only; server text is sanitized before any addstr. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "text.h"
#include "taskrule.h"
#include "ui_draw.h"
#include "util.h"

/* One role each: colours when colour is on, a plain attribute otherwise,
 * so no state is told by colour alone. fg -2 = attribute only, no pair. */
static const struct {
	short fg, bg;
	attr_t color_attr, mono_attr;
} ui_draw_roles[UI_ROLE_COUNT] = {
	[UI_ROLE_NORMAL]    = { -2, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_HEADER]    = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[UI_ROLE_SELECTION] = { -2, -1, A_REVERSE, A_REVERSE },
	[UI_ROLE_BAR_DONE]  = { COLOR_GREEN, -1, A_NORMAL, A_BOLD },
	[UI_ROLE_BAR_REST]  = { -2, -1, A_DIM, A_DIM },
	[UI_ROLE_RUNNING]   = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[UI_ROLE_WAITING]   = { COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_FAILED]    = { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[UI_ROLE_DONE]      = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_STALE]     = { -2, -1, A_DIM, A_DIM },
	[UI_ROLE_BANNER]    = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	[UI_ROLE_LABEL]     = { -2, -1, A_BOLD, A_BOLD },
};

static const char *const ui_draw_eighths[8] = {
	"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589"
};
static const char *const ui_draw_spin_utf8[] = {
	"\u280b", "\u2819", "\u2839", "\u2838", "\u283c", "\u2834", "\u2826", "\u2827", "\u2807", "\u280f"
};
static const char *const ui_draw_spin_ascii[] = { "|", "/", "-", "\\" };

void ui_draw_init_colors(const struct ui_style *st)
{
	int i;
	short bg_default = -1;

	if (!st->color)
		return;
	start_color();
	if (use_default_colors() == ERR)
		bg_default = COLOR_BLACK;
	for (i = 0; i < UI_ROLE_COUNT; i++) {
		short bg = ui_draw_roles[i].bg < 0 ? bg_default : ui_draw_roles[i].bg;
		if (ui_draw_roles[i].fg == -2)
			continue;
		init_pair((short)i, ui_draw_roles[i].fg, bg);
	}
}

attr_t ui_attr(const struct ui_style *st, enum ui_role role)
{
	if (!st->color)
		return ui_draw_roles[role].mono_attr;
	if (ui_draw_roles[role].fg == -2)
		return ui_draw_roles[role].color_attr;
	return ui_draw_roles[role].color_attr | COLOR_PAIR(role);
}

void ui_pen_at(struct ui_pen *p, int y, int x, int w, attr_t extra)
{
	p->y = y;
	p->x = x;
	p->right = x + (w > 0 ? w : 0);
	p->extra = extra;
}

int ui_put(const struct ui_style *st, struct ui_pen *p, enum ui_role role, const char *s)
{
	char buf[UI_LINE_BYTES];
	int avail = p->right - p->x, w;

	if (avail <= 0 || !s || !*s)
		return 0;
	if (avail > UI_LINE_BYTES / 4 - 2)
		avail = UI_LINE_BYTES / 4 - 2;
	w = text_fit(s, avail, st->ascii, buf, sizeof(buf));
	attrset(ui_attr(st, role) | p->extra);
	mvaddstr(p->y, p->x, buf);
	p->x += w;
	return w;
}

int ui_put_server(const struct ui_style *st, struct ui_pen *p, enum ui_role role, const char *s)
{
	char clean[UI_LINE_BYTES];

	text_sanitize_buf(s, st->text_flags, clean, sizeof(clean));
	return ui_put(st, p, role, clean);
}

void ui_pad(const struct ui_style *st, struct ui_pen *p, enum ui_role role, int n)
{
	static const char spaces[] = "                                "
				     "                                ";
	int chunk;

	if (n > p->right - p->x)
		n = p->right - p->x;
	if (n <= 0)
		return;
	attrset(ui_attr(st, role) | p->extra);
	move(p->y, p->x);
	p->x += n;
	while (n > 0) {
		chunk = n < (int)sizeof(spaces) - 1 ? n : (int)sizeof(spaces) - 1;
		addnstr(spaces, chunk);
		n -= chunk;
	}
}

void ui_pad_to_end(const struct ui_style *st, struct ui_pen *p, enum ui_role role)
{
	ui_pad(st, p, role, p->right - p->x);
}

void ui_put_field(const struct ui_style *st, struct ui_pen *p, enum ui_role role,
		  const char *s, int width, bool right)
{
	char buf[UI_LINE_BYTES];
	int w, end = p->x + width;

	if (width <= 0)
		return;
	if (width > UI_LINE_BYTES / 4 - 2)
		width = UI_LINE_BYTES / 4 - 2;
	w = text_fit(s ? s : "", width, st->ascii, buf, sizeof(buf));
	if (right)
		ui_pad(st, p, role, width - w);
	ui_put(st, p, role, buf);
	if (p->x < end)
		ui_pad(st, p, role, end - p->x);
}

void ui_draw_box(const struct ui_style *st, int y, int x, int h, int w)
{
	chtype hl = st->ascii ? '-' : ACS_HLINE, vl = st->ascii ? '|' : ACS_VLINE;

	attrset(ui_attr(st, UI_ROLE_NORMAL));
	mvhline(y, x, hl, w);
	mvhline(y + h - 1, x, hl, w);
	mvvline(y, x, vl, h);
	mvvline(y, x + w - 1, vl, h);
	mvaddch(y, x, st->ascii ? '+' : ACS_ULCORNER);
	mvaddch(y, x + w - 1, st->ascii ? '+' : ACS_URCORNER);
	mvaddch(y + h - 1, x, st->ascii ? '+' : ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, st->ascii ? '+' : ACS_LRCORNER);
}

void ui_fill_rect(const struct ui_style *st, const struct ui_rect *r)
{
	struct ui_pen p;
	int i;

	for (i = 0; i < r->h; i++) {
		ui_pen_at(&p, r->y + i, r->x, r->w, 0);
		ui_pad_to_end(st, &p, UI_ROLE_NORMAL);
	}
}

const char *ui_state_glyph(const struct ui_style *st, const struct entry *e)
{
	static const char *const utf8[TASK_CAT_COUNT] = {
		[TASK_CAT_NEW] = "\u00b7", [TASK_CAT_QUEUED] = "\u2026",
		[TASK_CAT_RUNNING] = "\u25b6", [TASK_CAT_SUCCEEDED] = "\u2714",
		[TASK_CAT_FAILED] = "\u2716", [TASK_CAT_NOT_FOUND] = "?", [TASK_CAT_UNKNOWN] = "?",
	};
	static const char *const ascii[TASK_CAT_COUNT] = {
		[TASK_CAT_NEW] = "-", [TASK_CAT_QUEUED] = ".", [TASK_CAT_RUNNING] = ">",
		[TASK_CAT_SUCCEEDED] = "+", [TASK_CAT_FAILED] = "x", [TASK_CAT_NOT_FOUND] = "?",
		[TASK_CAT_UNKNOWN] = "?",
	};
	enum task_category c = task_category(e->task);

	if (!e->task && e->error)
		return "!";
	return st->ascii ? ascii[c] : utf8[c];
}

/* The core's status word; an id whose fetch failed before any answer is
 * an ERROR (the pane says which). */
const char *ui_state_word(const struct entry *e, char *buf, size_t n)
{
	if (!e->task && e->error)
		return "ERROR";
	return task_status_word(e->task, buf, n);
}

enum ui_role ui_state_role(const struct entry *e)
{
	if (!e->task)
		return e->error ? UI_ROLE_FAILED : UI_ROLE_STALE;
	if (task_unsuccessful(e->task))
		return UI_ROLE_FAILED;
	switch (task_category(e->task)) {
	case TASK_CAT_QUEUED:
		return UI_ROLE_WAITING;
	case TASK_CAT_RUNNING:
		return UI_ROLE_RUNNING;
	case TASK_CAT_SUCCEEDED:
		return UI_ROLE_DONE;
	default:
		break;
	}
	return UI_ROLE_NORMAL;
}

void ui_draw_bar(const struct ui_style *st, struct ui_pen *p, const struct estimate *est,
		 bool failed, int width)
{
	enum ui_role done = failed ? UI_ROLE_FAILED : UI_ROLE_BAR_DONE;
	char num[ESTIMATE_TEXT_MAX];
	int i, eighths, full;

	if (est->indeterminate) {
		/* A static dotted pattern: waiting has no meaningful fraction. */
		for (i = 0; i < width; i++)
			ui_put(st, p, UI_ROLE_BAR_REST, (i % 2) ? " " :
			       (st->ascii ? "." : "\u2591"));
	} else if (st->ascii) {
		full = (est->percent * width + 50) / 100;
		if (est->percent < 100 && full >= width)
			full = width - 1;
		for (i = 0; i < width; i++)
			ui_put(st, p, i < full ? done : UI_ROLE_BAR_REST, i < full ? "#" : "-");
	} else {
		eighths = est->percent * width * 8 / 100;
		full = eighths / 8;
		for (i = 0; i < full; i++)
			ui_put(st, p, done, "\u2588");
		if (full < width && eighths % 8) {
			ui_put(st, p, done, ui_draw_eighths[eighths % 8]);
			full++;
		}
		for (i = full; i < width; i++)
			ui_put(st, p, UI_ROLE_BAR_REST, "\u00b7");
	}
	ui_pad(st, p, UI_ROLE_NORMAL, 1);
	ui_put_field(st, p, UI_ROLE_NORMAL, estimate_text(est, num, sizeof(num)), 4, true);
}

const char *ui_draw_spinner(const struct ui_style *st, unsigned i)
{
	return st->ascii ? ui_draw_spin_ascii[i % 4] : ui_draw_spin_utf8[i % 10];
}
