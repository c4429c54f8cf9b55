/* ui_frame: the frame around the screens: the layout of the regions, the
 * header (counts, link, next poll), the banner, the message line and the
 * footer (hints from the key table). UI thread only; never draws a screen's
 * own region and never puts unsanitized server text on the screen. */
#include "config.h"

#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "text.h"
#include "taskrule.h"
#include "timefmt.h"
#include "ui_frame.h"
#include "util.h"

void ui_relayout(struct ui *ui)
{
	int rows = LINES, cols = COLS, y = 1, avail, pw, lh;

	ui->too_small = rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
	ui->r_head = (struct ui_rect){ 0, 0, 1, cols };
	ui->r_banner = (struct ui_rect){ 1, 0, ui->banner != UI_BANNER_NONE, cols };
	y += ui->r_banner.h;
	ui->r_msg = (struct ui_rect){ rows - 2, 0, 1, cols };
	ui->r_hint = (struct ui_rect){ rows - 1, 0, 1, cols };
	avail = rows - 2 - y;
	if (avail < 0)
		avail = 0;
	if (ui->pane_mode == UI_PANE_HIDDEN) {
		ui->pane_right = false;
		ui->r_list = (struct ui_rect){ y, 0, avail, cols };
		ui->r_pane = (struct ui_rect){ y + avail, 0, 0, cols };
	} else if (ui->pane_mode == UI_PANE_FULL) {
		ui->pane_right = false;
		ui->r_list = (struct ui_rect){ y, 0, 0, cols };
		ui->r_pane = (struct ui_rect){ y, 0, avail, cols };
	} else if (cols >= UI_LIST_WANT + UI_PANE_MIN) {
		/* Wide: details to the right of the list, which gets its width
		 * first; the pane takes what is left (at most 2/5). */
		pw = cols - UI_LIST_WANT;
		if (pw > cols * 2 / 5)
			pw = cols * 2 / 5 > UI_PANE_MIN ? cols * 2 / 5 : UI_PANE_MIN;
		ui->pane_right = true;
		ui->r_list = (struct ui_rect){ y, 0, avail, cols - pw };
		ui->r_pane = (struct ui_rect){ y, cols - pw, avail, pw };
	} else {
		lh = avail >= 8 ? avail / 2 + 1 : avail;
		ui->pane_right = false;
		ui->r_list = (struct ui_rect){ y, 0, lh, cols };
		ui->r_pane = (struct ui_rect){ y + lh, 0, avail - lh, cols };
	}
	ui->pane_shown = ui->r_pane.h >= 2;
	if (!ui->pane_shown && ui->focus == ui->pane_screen)
		ui->focus = ui->list_screen;
	if (ui->pane_mode == UI_PANE_FULL && ui->pane_shown && ui->pane_screen)
		ui->focus = ui->pane_screen;
	if (ui->list_screen)
		ui->list_screen->resize(ui);
	if (ui->pane_screen)
		ui->pane_screen->resize(ui);
	if (ui->modal)
		ui->modal->resize(ui);
	erase();
	ui->dirty |= UI_DIRTY_ALL;
}

bool ui_input_pending(struct ui *ui)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	if (ui->keys_left > 0)
		return true;
	/* A paste split across reads: the rest follows within milliseconds. */
	return poll(&pfd, 1, 15) > 0 && (pfd.revents & POLLIN);
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

/* "▶ 2 running  … 1 queued ..." or, when that does not fit, "▶2 …1 ✔5 ✖1",
 * or narrower still "✖1 ▶2 …1 ✔5": the failed count is the last to go. */
static void ui_frame_counts(const struct ui *ui, char *buf, size_t n, int level)
{
	const struct engine_counts *c = engine_counts(ui->eng);
	const bool a = ui->style.ascii;
	bool compact = level > 0;

	if (level > 1)
		snprintf(buf, n, " %s%zu %s%zu %s%zu %s%zu", a ? "x" : "\u2716", c->failed,
			 a ? ">" : "\u25b6", c->running, a ? "." : "\u2026", c->waiting,
			 a ? "+" : "\u2714", c->done);
	else if (compact)
		snprintf(buf, n, "  %s%zu %s%zu %s%zu %s%zu",
			 a ? ">" : "\u25b6", c->running, a ? "." : "\u2026", c->waiting,
			 a ? "+" : "\u2714", c->done, a ? "x" : "\u2716", c->failed);
	else
		snprintf(buf, n, "  %s %zu running  %s %zu queued  %s %zu done  %s %zu failed",
			 a ? ">" : "\u25b6", c->running, a ? "." : "\u2026", c->waiting,
			 a ? "+" : "\u2714", c->done, a ? "x" : "\u2716", c->failed);
}

/* "  3 slow" and "  12 marked" ("  !3 *12" compact), when there are any. */
static void ui_frame_extra(const struct ui *ui, char *slow, char *marked, size_t n, bool compact)
{
	const struct engine_counts *c = engine_counts(ui->eng);

	slow[0] = marked[0] = '\0';
	if (c->slow)
		snprintf(slow, n, compact ? "  !%zu" : "  %zu slow", c->slow);
	if (c->marked)
		snprintf(marked, n, compact ? " *%zu" : "  %zu marked", c->marked);
}

void ui_age(const struct ui *ui, int64_t when, char *buf, size_t n)
{
	int64_t d = ui->now - when;

	if (ui->resting && d >= 0 && d < 60)
		snprintf(buf, n, "<1m ago");
	else
		timefmt_age(when, ui->now, buf, n);
}

void ui_frame_header(struct ui *ui)
{
	const struct engine_conn *c = engine_connection(ui->eng);
	struct ui_pen p;
	char right[160], age[32], next[48], counts[160], host[128], slow[32], marked[32];
	const char *spin = "";
	double next_in;
	int rw, lw;
	bool ro = engine_read_only(ui->eng);

	if (ui->r_head.h <= 0)
		return;
	if (c->inflight)
		spin = ui_draw_spinner(&ui->style, ui->spin);
	if (c->last_ok) {
		ui_age(ui, c->last_ok, age, sizeof(age));
		snprintf(right, sizeof(right), "updated %s", age);
	} else {
		snprintf(right, sizeof(right), "%s", tasklist_count(ui->tl) ? "no data yet" : "no tasks");
	}
	next[0] = '\0';
	if (ui->banner == UI_BANNER_KEY)
		snprintf(next, sizeof(next), " %s paused (key)", ui->style.ascii ? "-" : "\u00b7");
	else if (c->paused)
		snprintf(next, sizeof(next), " %s paused", ui->style.ascii ? "-" : "\u00b7");
	else if (c->inflight)
		snprintf(next, sizeof(next), " %s fetching", ui->style.ascii ? "-" : "\u00b7");
	else if ((next_in = engine_next_poll_in(ui->eng)) >= 0)
		snprintf(next, sizeof(next), " %s next in %.0fs", ui->style.ascii ? "-" : "\u00b7", ceil(next_in));
	strncat(right, next, sizeof(right) - strlen(right) - 1);
	if (ui->banner != UI_BANNER_NONE)
		strncat(right, " (stale)", sizeof(right) - strlen(right) - 1);
	rw = text_width(right) + 2 + (c->inflight ? 2 : 0);
	if (rw > ui->r_head.w / 2)
		rw = ui->r_head.w / 2;   /* the counts matter more than the clock */

	ui_pen_at(&p, ui->r_head.y, ui->r_head.x, ui->r_head.w - rw, 0);
	text_sanitize_buf(ui->host ? ui->host : "", ui->style.text_flags, host, sizeof(host));
	ui_frame_counts(ui, counts, sizeof(counts), 0);
	ui_frame_extra(ui, slow, marked, sizeof(slow), false);
	lw = 8 + (ro ? 10 : 0);    /* "sunotop ", "read-only " */
	lw += text_width(slow) + text_width(marked);
	if (lw + text_width(host) + text_width(counts) > p.right - p.x) {
		ui_frame_counts(ui, counts, sizeof(counts), 1);
		ui_frame_extra(ui, slow, marked, sizeof(slow), true);
		lw = 8 + (ro ? 10 : 0) + text_width(slow) + text_width(marked);
	}
	if (lw + text_width(host) + text_width(counts) > p.right - p.x)
		host[0] = '\0';
	if (lw + text_width(counts) > p.right - p.x)
		ui_frame_counts(ui, counts, sizeof(counts), 2);
	ui_put(&ui->style, &p, UI_ROLE_HEADER, "sunotop ");
	if (ro) {
		/* For as long as it lasts: no edit of this instance is saved. */
		ui_put(&ui->style, &p, UI_ROLE_FAILED, "read-only");
		ui_put(&ui->style, &p, UI_ROLE_HEADER, " ");
	}
	ui_put(&ui->style, &p, UI_ROLE_HEADER, host);
	ui_put(&ui->style, &p, UI_ROLE_HEADER, counts);
	/* A click on the slow count sorts slowest first (ui_mouse.c). */
	ui->head_slow_x0 = p.x;
	ui_put(&ui->style, &p, UI_ROLE_HEADER, slow);
	ui->head_slow_x1 = p.x;
	ui_put(&ui->style, &p, UI_ROLE_HEADER, marked);
	ui_pad_to_end(&ui->style, &p, UI_ROLE_HEADER);
	p.right = ui->r_head.x + ui->r_head.w;
	ui_pad(&ui->style, &p, UI_ROLE_HEADER, 2);
	if (c->inflight) {
		ui_put(&ui->style, &p, UI_ROLE_HEADER, spin);
		ui_pad(&ui->style, &p, UI_ROLE_HEADER, 1);
	}
	ui_put(&ui->style, &p, UI_ROLE_HEADER, right);
	ui_pad_to_end(&ui->style, &p, UI_ROLE_HEADER);
}

void ui_frame_banner(struct ui *ui)
{
	struct ui_pen p;
	char buf[512];
	const char *dash = ui->style.ascii ? "-" : "\u2014";
	double left;

	if (ui->r_banner.h <= 0)
		return;
	switch (ui->banner) {
	case UI_BANNER_UNREACHABLE:
		left = engine_connection(ui->eng)->retry_at - now_mono();
		/* The countdown first: the server's text may be cut. A server
		 * that answered with an error status is not unreachable. */
		if (ui->banner_http > 0)
			snprintf(buf, sizeof(buf), "API error (HTTP %ld), retrying in %.0fs %s %s",
				 ui->banner_http, left > 0 ? ceil(left) : 0.0, dash, ui->banner_msg);
		else
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
	ui_put(&ui->style, &p, UI_ROLE_BANNER, " ");
	ui_put(&ui->style, &p, UI_ROLE_BANNER, buf);
	ui_pad_to_end(&ui->style, &p, UI_ROLE_BANNER);
}

void ui_frame_footer(struct ui *ui)
{
	struct ui_pen p;
	char info[300], keys[256];
	int iw;

	if (ui->r_msg.h > 0) {
		ui_pen_at(&p, ui->r_msg.y, ui->r_msg.x, ui->r_msg.w, 0);
		if (ui->msg_until > 0 && ui->msg[0])
			ui_put(&ui->style, &p, ui->msg_role, ui->msg);
		ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
	}
	if (ui->r_hint.h <= 0)
		return;
	info[0] = '\0';
	if (ui->list_screen && ui->list_screen->info)
		ui->list_screen->info(ui, info, sizeof(info));
	ui_keys_hint(ui->focus ? ui->focus->where : UI_WHERE_LIST, keys, sizeof(keys));
	iw = text_width(info);
	ui_pen_at(&p, ui->r_hint.y, ui->r_hint.x, ui->r_hint.w - iw - 1, 0);
	ui_put(&ui->style, &p, UI_ROLE_STALE, keys);
	ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
	p.right = ui->r_hint.x + ui->r_hint.w;
	ui_pad(&ui->style, &p, UI_ROLE_NORMAL, 1);
	ui_put(&ui->style, &p, UI_ROLE_LABEL, info);
	ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
}

void ui_frame_too_small(struct ui *ui)
{
	const char *msg = "terminal too small";
	int y = LINES / 2, x = (COLS - (int)strlen(msg)) / 2;

	erase();
	attrset(A_BOLD);
	mvaddnstr(y < 0 ? 0 : y, x < 0 ? 0 : x, msg, COLS > 0 ? COLS : 0);
	attrset(A_NORMAL);
}

void ui_entry_bar(const struct ui *ui, struct ui_pen *p, const struct entry *e, int width)
{
	struct estimate est = engine_estimate(ui->eng, e->task, ui->now);

	ui_draw_bar(&ui->style, p, &est, task_unsuccessful(e->task), width);
}
