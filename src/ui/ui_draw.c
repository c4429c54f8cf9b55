/* ui_draw: colour roles, text pens, bars, glyphs, the header, banner and
 * footer lines. UI thread only; server text is sanitized before any addstr. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "timefmt.h"
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

void ui_draw_init_colors(struct ui *ui)
{
	int i;
	short bg_default = -1;

	if (!ui->color)
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

attr_t ui_attr(const struct ui *ui, enum ui_role role)
{
	if (!ui->color)
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

int ui_put(const struct ui *ui, struct ui_pen *p, enum ui_role role, const char *s)
{
	char buf[UI_LINE_BYTES];
	int avail = p->right - p->x, w;

	if (avail <= 0 || !s || !*s)
		return 0;
	if (avail > UI_LINE_BYTES / 4 - 2)
		avail = UI_LINE_BYTES / 4 - 2;
	w = text_fit(s, avail, ui->ascii, buf, sizeof(buf));
	attrset(ui_attr(ui, role) | p->extra);
	mvaddstr(p->y, p->x, buf);
	p->x += w;
	return w;
}

int ui_put_server(const struct ui *ui, struct ui_pen *p, enum ui_role role, const char *s)
{
	char clean[UI_LINE_BYTES];

	text_sanitize_buf(s, ui->ascii ? TEXT_ASCII : 0, clean, sizeof(clean));
	return ui_put(ui, p, role, clean);
}

void ui_pad(const struct ui *ui, struct ui_pen *p, enum ui_role role, int n)
{
	static const char spaces[] = "                                "
				     "                                ";
	int chunk;

	if (n > p->right - p->x)
		n = p->right - p->x;
	if (n <= 0)
		return;
	attrset(ui_attr(ui, role) | p->extra);
	move(p->y, p->x);
	p->x += n;
	while (n > 0) {
		chunk = n < (int)sizeof(spaces) - 1 ? n : (int)sizeof(spaces) - 1;
		addnstr(spaces, chunk);
		n -= chunk;
	}
}

void ui_pad_to_end(const struct ui *ui, struct ui_pen *p, enum ui_role role)
{
	ui_pad(ui, p, role, p->right - p->x);
}

void ui_put_field(const struct ui *ui, struct ui_pen *p, enum ui_role role,
		  const char *s, int width, bool right)
{
	char buf[UI_LINE_BYTES];
	int w, end = p->x + width;

	if (width <= 0)
		return;
	if (width > UI_LINE_BYTES / 4 - 2)
		width = UI_LINE_BYTES / 4 - 2;
	w = text_fit(s ? s : "", width, ui->ascii, buf, sizeof(buf));
	if (right)
		ui_pad(ui, p, role, width - w);
	ui_put(ui, p, role, buf);
	if (p->x < end)
		ui_pad(ui, p, role, end - p->x);
}

void ui_draw_box(const struct ui *ui, int y, int x, int h, int w)
{
	chtype hl = ui->ascii ? '-' : ACS_HLINE, vl = ui->ascii ? '|' : ACS_VLINE;

	attrset(ui_attr(ui, UI_ROLE_NORMAL));
	mvhline(y, x, hl, w);
	mvhline(y + h - 1, x, hl, w);
	mvvline(y, x, vl, h);
	mvvline(y, x + w - 1, vl, h);
	mvaddch(y, x, ui->ascii ? '+' : ACS_ULCORNER);
	mvaddch(y, x + w - 1, ui->ascii ? '+' : ACS_URCORNER);
	mvaddch(y + h - 1, x, ui->ascii ? '+' : ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ui->ascii ? '+' : ACS_LRCORNER);
}

void ui_fill_rect(const struct ui *ui, const struct ui_rect *r)
{
	struct ui_pen p;
	int i;

	for (i = 0; i < r->h; i++) {
		ui_pen_at(&p, r->y + i, r->x, r->w, 0);
		ui_pad_to_end(ui, &p, UI_ROLE_NORMAL);
	}
}

const char *ui_state_glyph(const struct ui *ui, const struct entry *e)
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
	return ui->ascii ? ascii[c] : utf8[c];
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

struct estimate ui_estimate(const struct ui *ui, const struct entry *e)
{
	return engine_estimate(ui->eng, e->task, ui->now);
}

void ui_draw_progress(const struct ui *ui, struct ui_pen *p, const struct entry *e, int width)
{
	struct estimate est = ui_estimate(ui, e);
	enum ui_role done = task_unsuccessful(e->task) ? UI_ROLE_FAILED : UI_ROLE_BAR_DONE;
	char num[ESTIMATE_TEXT_MAX];
	int i, eighths, full;

	if (est.indeterminate) {
		/* A static dotted pattern: waiting has no meaningful fraction. */
		for (i = 0; i < width; i++)
			ui_put(ui, p, UI_ROLE_BAR_REST, (i % 2) ? " " :
			       (ui->ascii ? "." : "\u2591"));
	} else if (ui->ascii) {
		full = (est.percent * width + 50) / 100;
		if (est.percent < 100 && full >= width)
			full = width - 1;
		for (i = 0; i < width; i++)
			ui_put(ui, p, i < full ? done : UI_ROLE_BAR_REST, i < full ? "#" : "-");
	} else {
		eighths = est.percent * width * 8 / 100;
		full = eighths / 8;
		for (i = 0; i < full; i++)
			ui_put(ui, p, done, "\u2588");
		if (full < width && eighths % 8) {
			ui_put(ui, p, done, ui_draw_eighths[eighths % 8]);
			full++;
		}
		for (i = full; i < width; i++)
			ui_put(ui, p, UI_ROLE_BAR_REST, "\u00b7");
	}
	ui_pad(ui, p, UI_ROLE_NORMAL, 1);
	ui_put_field(ui, p, UI_ROLE_NORMAL, estimate_text(&est, num, sizeof(num)), 4, true);
}

void ui_message(struct ui *ui, enum ui_role role, double secs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_role = role;
	ui->msg_until = now_mono() + secs;
	ui->dirty |= UI_DIRTY_FOOT;
}

/* "▶ 2 running  … 1 queued ..." or, when that does not fit, "▶2 …1 ✔5 ✖1". */
static void ui_draw_counts(const struct ui *ui, char *buf, size_t n, bool compact)
{
	const struct engine_counts *c = engine_counts(ui->eng);
	const bool a = ui->ascii;

	if (compact)
		snprintf(buf, n, "  %s%zu %s%zu %s%zu %s%zu",
			 a ? ">" : "\u25b6", c->running, a ? "." : "\u2026", c->waiting,
			 a ? "+" : "\u2714", c->done, a ? "x" : "\u2716", c->failed);
	else
		snprintf(buf, n, "  %s %zu running  %s %zu queued  %s %zu done  %s %zu failed",
			 a ? ">" : "\u25b6", c->running, a ? "." : "\u2026", c->waiting,
			 a ? "+" : "\u2714", c->done, a ? "x" : "\u2716", c->failed);
}

void ui_age(const struct ui *ui, int64_t when, char *buf, size_t n)
{
	int64_t d = ui->now - when;

	if (ui->resting && d >= 0 && d < 60)
		snprintf(buf, n, "<1m ago");
	else
		timefmt_age(when, ui->now, buf, n);
}

void ui_draw_header(struct ui *ui)
{
	const struct engine_conn *c = engine_connection(ui->eng);
	struct ui_pen p;
	char right[160], age[32], next[48], counts[160], host[128];
	const char *spin = "";
	double next_in;
	int rw;

	if (ui->r_head.h <= 0)
		return;
	if (c->inflight)
		spin = ui->ascii ? ui_draw_spin_ascii[ui->spin % 4] : ui_draw_spin_utf8[ui->spin % 10];
	if (c->last_ok) {
		ui_age(ui, c->last_ok, age, sizeof(age));
		snprintf(right, sizeof(right), "updated %s", age);
	} else {
		snprintf(right, sizeof(right), "%s", tasklist_count(ui->tl) ? "no data yet" : "no tasks");
	}
	next[0] = '\0';
	if (ui->banner == UI_BANNER_KEY)
		snprintf(next, sizeof(next), " %s paused (key)", ui->ascii ? "-" : "\u00b7");
	else if (c->paused)
		snprintf(next, sizeof(next), " %s paused", ui->ascii ? "-" : "\u00b7");
	else if (c->inflight)
		snprintf(next, sizeof(next), " %s fetching", ui->ascii ? "-" : "\u00b7");
	else if ((next_in = engine_next_poll_in(ui->eng)) >= 0)
		snprintf(next, sizeof(next), " %s next in %.0fs", ui->ascii ? "-" : "\u00b7", ceil(next_in));
	strncat(right, next, sizeof(right) - strlen(right) - 1);
	if (ui->banner != UI_BANNER_NONE)
		strncat(right, " (stale)", sizeof(right) - strlen(right) - 1);
	rw = text_width(right) + 2 + (c->inflight ? 2 : 0);
	if (rw > ui->r_head.w / 2)
		rw = ui->r_head.w / 2;   /* the counts matter more than the clock */

	ui_pen_at(&p, ui->r_head.y, ui->r_head.x, ui->r_head.w - rw, 0);
	text_sanitize_buf(ui->host ? ui->host : "", ui->ascii ? TEXT_ASCII : 0, host, sizeof(host));
	ui_draw_counts(ui, counts, sizeof(counts), false);
	if (8 + text_width(host) + text_width(counts) > p.right - p.x)
		ui_draw_counts(ui, counts, sizeof(counts), true);
	if (8 + text_width(host) + text_width(counts) > p.right - p.x)
		host[0] = '\0';
	ui_put(ui, &p, UI_ROLE_HEADER, "sunotop ");
	ui_put(ui, &p, UI_ROLE_HEADER, host);
	ui_put(ui, &p, UI_ROLE_HEADER, counts);
	ui_pad_to_end(ui, &p, UI_ROLE_HEADER);
	p.right = ui->r_head.x + ui->r_head.w;
	ui_pad(ui, &p, UI_ROLE_HEADER, 2);
	if (c->inflight) {
		ui_put(ui, &p, UI_ROLE_HEADER, spin);
		ui_pad(ui, &p, UI_ROLE_HEADER, 1);
	}
	ui_put(ui, &p, UI_ROLE_HEADER, right);
	ui_pad_to_end(ui, &p, UI_ROLE_HEADER);
}

void ui_draw_banner(struct ui *ui)
{
	struct ui_pen p;
	char buf[512];
	const char *dash = ui->ascii ? "-" : "\u2014";
	double left;

	if (ui->r_banner.h <= 0)
		return;
	switch (ui->banner) {
	case UI_BANNER_UNREACHABLE:
		left = engine_connection(ui->eng)->retry_at - now_mono();
		/* The countdown first: the server's text may be cut. */
		snprintf(buf, sizeof(buf), "API unreachable, retrying in %.0fs %s %s",
			 left > 0 ? ceil(left) : 0.0, dash, ui->banner_msg);
		break;
	case UI_BANNER_KEY:
		/* R reads a key file again; the environment is read once. */
		if (ui->o->key_file)
			snprintf(buf, sizeof(buf), "API key rejected %s fix the key file, then R retries", dash);
		else
			snprintf(buf, sizeof(buf), "API key rejected %s R retries; a new COMETAPI_KEY needs a restart",
				 dash);
		break;
	case UI_BANNER_FATAL:
		snprintf(buf, sizeof(buf), "API error: %s %s press R to retry", ui->banner_msg, dash);
		break;
	case UI_BANNER_NONE:
		buf[0] = '\0';
		break;
	}
	ui_pen_at(&p, ui->r_banner.y, ui->r_banner.x, ui->r_banner.w, 0);
	ui_put(ui, &p, UI_ROLE_BANNER, " ");
	ui_put(ui, &p, UI_ROLE_BANNER, buf);
	ui_pad_to_end(ui, &p, UI_ROLE_BANNER);
}

static const char *ui_draw_show_name(enum ui_show s)
{
	static const char *const names[] = { "all", "active", "failed", "done" };
	return (unsigned)s < UI_SHOW_COUNT ? names[s] : "all";
}

static const char *ui_draw_sort_name(enum ui_sort s)
{
	static const char *const names[] = { "added", "submitted", "status", "progress", "title" };
	return (unsigned)s < UI_SORT_COUNT ? names[s] : "added";
}

void ui_draw_footer(struct ui *ui)
{
	struct ui_pen p;
	char info[300], filter[64], clean[256], keys[256];
	int iw;

	if (ui->r_msg.h > 0) {
		ui_pen_at(&p, ui->r_msg.y, ui->r_msg.x, ui->r_msg.w, 0);
		if (ui->msg_until > 0 && ui->msg[0])
			ui_put(ui, &p, ui->msg_role, ui->msg);
		ui_pad_to_end(ui, &p, UI_ROLE_NORMAL);
	}
	if (ui->r_hint.h <= 0)
		return;
	filter[0] = '\0';
	if (ui->view.filter) {
		text_sanitize_buf(ui->view.filter, ui->ascii ? TEXT_ASCII : 0, clean, sizeof(clean));
		text_fit(clean, 16, ui->ascii, filter, sizeof(filter));
	}
	snprintf(info, sizeof(info), "%zu/%zu %s sort:%s%s%s%s%s%s",
		 ui->view.n, tasklist_count(ui->tl), ui->ascii ? "|" : "\u00b7",
		 ui_draw_sort_name(ui->view.sort), ui->view.reverse ? "(rev)" : "",
		 ui->view.show != UI_SHOW_ALL ? " show:" : "",
		 ui->view.show != UI_SHOW_ALL ? ui_draw_show_name(ui->view.show) : "",
		 ui->view.filter ? " /" : "", filter);
	ui_keys_hint(ui->focus ? ui->focus->where : UI_WHERE_LIST, keys, sizeof(keys));
	iw = text_width(info);
	ui_pen_at(&p, ui->r_hint.y, ui->r_hint.x, ui->r_hint.w - iw - 1, 0);
	ui_put(ui, &p, UI_ROLE_STALE, keys);
	ui_pad_to_end(ui, &p, UI_ROLE_NORMAL);
	p.right = ui->r_hint.x + ui->r_hint.w;
	ui_pad(ui, &p, UI_ROLE_NORMAL, 1);
	ui_put(ui, &p, UI_ROLE_LABEL, info);
	ui_pad_to_end(ui, &p, UI_ROLE_NORMAL);
}

void ui_draw_too_small(struct ui *ui)
{
	const char *msg = "terminal too small";
	int y = LINES / 2, x = (COLS - (int)strlen(msg)) / 2;

	erase();
	attrset(A_BOLD);
	mvaddnstr(y < 0 ? 0 : y, x < 0 ? 0 : x, msg, COLS > 0 ? COLS : 0);
	attrset(A_NORMAL);
}
