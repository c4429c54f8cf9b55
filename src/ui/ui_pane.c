/* ui_pane: the details of the selected task (times, fail reason, clips,
 * lyrics), scrollable. Lines are sanitized and wrapped once per change;
 * must never put server text on screen unsanitized. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"
#include "timefmt.h"
#include "taskrule.h"
#include "ui_dl.h"
#include "ui_pane.h"
#include "ui_view.h"
#include "util.h"

#define UI_PANE_LABEL_W 11

enum {
	UI_PANE_TEXT,      /* label + wrapped text */
	UI_PANE_HEAD,      /* section heading */
	UI_PANE_TIME,      /* full local time + relative age */
	UI_PANE_AGE,       /* relative age only */
	UI_PANE_RUN,       /* the selected task's run time (task_run_time) */
	UI_PANE_BAR,       /* the progress bar of the selected entry */
	UI_PANE_STAGE,     /* how long in its stage, against the typical figure */
	UI_PANE_URL,       /* label + a URL on one line, never wrapped: cut with … */
};

struct ui_pane_line {
	int kind;                      /* UI_PANE_* above */
	char *text;                    /* sanitized, owned, or NULL */
	enum ui_role role;
	int indent;                    /* column where the value starts */
	const char *label;             /* static label left of the value, or NULL */
	int64_t when, until;           /* time and duration lines, formatted when drawn */
	char *url;                     /* URL lines: the URL as `o` would open it, or NULL */
};

#define UI_PANE_LINKS_MAX 64

/* A URL on screen, made an OSC 8 hyperlink after each paint. */
struct ui_pane_link {
	int y, x, w;
	const struct ui_pane_line *line;
};

/* The pane's state: its lines, built once per change of the selected
 * entry, its data or the width, and how far they are scrolled. */
struct ui_pane {
	struct ui_pane_line *lines;
	size_t n, cap;
	size_t scroll;
	const struct entry *built_for; /* entry the lines describe */
	int built_width;
	bool needs_build;
	struct ui_pane_link links[UI_PANE_LINKS_MAX];
	size_t n_links;
};

struct ui_pane_wrap {
	struct ui_pane *pn;
	const char *label;
	enum ui_role role;
	int indent;
};

void ui_pane_invalidate(struct ui *ui)
{
	ui->pane->needs_build = true;
	ui->dirty |= UI_DIRTY_PANE;
}

static void ui_pane_clear(struct ui_pane *pn)
{
	size_t i;

	for (i = 0; i < pn->n; i++) {
		free(pn->lines[i].text);
		free(pn->lines[i].url);
	}
	pn->n = 0;
	pn->n_links = 0;
}

struct ui_pane *ui_pane_new(void)
{
	return xcalloc(1, sizeof(struct ui_pane));
}

void ui_pane_free(struct ui_pane *pn)
{
	if (!pn)
		return;
	ui_pane_clear(pn);
	free(pn->lines);
	free(pn);
}

static struct ui_pane_line *ui_pane_push(struct ui_pane *pn, int kind, const char *label,
					 enum ui_role role, int indent)
{
	struct ui_pane_line *l;

	if (pn->n == pn->cap) {
		pn->cap = pn->cap ? pn->cap * 2 : 64;
		pn->lines = xrealloc(pn->lines, pn->cap * sizeof(*pn->lines));
	}
	l = &pn->lines[pn->n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->label = label;
	l->role = role;
	l->indent = indent;
	return l;
}

static void ui_pane_wrap_line(void *ctx, const char *line, size_t len)
{
	struct ui_pane_wrap *w = ctx;
	struct ui_pane_line *l = ui_pane_push(w->pn, UI_PANE_TEXT, w->label, w->role, w->indent);

	l->text = xstrndup(line, len);
	w->label = NULL;   /* continuation lines sit under the value */
}

/* A labelled value, sanitized and wrapped to the pane. Empty values are skipped. */
static void ui_pane_value(struct ui *ui, int width, int indent, const char *label,
			  const char *raw, enum ui_role role, bool keep_newlines)
{
	struct ui_pane_wrap w = { ui->pane, label, role, indent };
	char *clean;
	int avail;

	if (!raw || !*raw)
		return;
	if (label)
		w.indent = indent + UI_PANE_LABEL_W;
	clean = text_sanitize(raw, (keep_newlines ? TEXT_KEEP_NEWLINES : 0) |
			      (ui->style.text_flags));
	avail = width - w.indent;
	text_wrap(clean, avail > 8 ? avail : 8, ui_pane_wrap_line, &w);
	free(clean);
}

/* A URL on one line: wrapping would put the border and the indentation
 * inside it when it is selected with the mouse. Cut with an ellipsis where
 * it does not fit; y and Y copy it whole. */
static void ui_pane_url(struct ui *ui, const char *label, const char *raw)
{
	struct ui_pane_line *l;

	if (!raw || !*raw)
		return;
	l = ui_pane_push(ui->pane, UI_PANE_URL, label, UI_ROLE_NORMAL, 4 + UI_PANE_LABEL_W);
	l->text = text_sanitize(raw, ui->style.text_flags);
	/* A hyperlink only to what `o` would open: the same check. */
	if (!text_url_refusal(raw))
		l->url = xstrdup(raw);
}

static void ui_pane_time(struct ui_pane *pn, int kind, const char *label, int64_t when, int64_t until)
{
	struct ui_pane_line *l;

	if (!when)
		return;
	l = ui_pane_push(pn, kind, label, UI_ROLE_NORMAL, 2 + UI_PANE_LABEL_W);
	l->when = when;
	l->until = until;
}

static void ui_pane_heading(struct ui_pane *pn, const char *text, enum ui_role role)
{
	struct ui_pane_line *l = ui_pane_push(pn, UI_PANE_HEAD, NULL, role, 0);

	l->text = xstrdup(text);
}

/* Where the clip's files are: saved, on their way, or why they failed. */
static void ui_pane_downloads(struct ui *ui, int width, const struct entry *e, size_t i)
{
	char buf[600];
	enum ui_role role;
	int what;

	for (what = DOWNLOAD_AUDIO; what <= DOWNLOAD_VIDEO; what++)
		if (ui_dl_clip_line(ui, e->id, i, what, buf, sizeof(buf), &role))
			ui_pane_value(ui, width, 4, "Download:", buf, role, false);
}

static void ui_pane_clip(struct ui *ui, int width, const struct entry *e,
			 const struct clip *c, size_t i)
{
	char len[32], *err, *title;

	title = xasprintf("%zu. %s", i + 1, c->title && *c->title ? c->title : "(untitled)");
	ui_pane_value(ui, width, 2, NULL, title, UI_ROLE_LABEL, false);
	free(title);
	ui_pane_value(ui, width, 4, "Status:", c->status, UI_ROLE_NORMAL, false);
	if (c->duration >= 0) {
		timefmt_mss(c->duration, len, sizeof(len));
		ui_pane_value(ui, width, 4, "Length:", len, UI_ROLE_NORMAL, false);
	}
	ui_pane_value(ui, width, 4, "Model:", c->model_name, UI_ROLE_NORMAL, false);
	ui_pane_value(ui, width, 4, "Tags:", c->tags, UI_ROLE_NORMAL, false);
	ui_pane_url(ui, "Audio:", c->audio_url);
	ui_pane_url(ui, "Video:", c->video_url);
	ui_pane_url(ui, "Image:", c->image_url);
	ui_pane_downloads(ui, width, e, i);
	if ((c->error_message && *c->error_message) || (c->error_type && *c->error_type)) {
		err = xasprintf("%s%s%s", c->error_type ? c->error_type : "",
				c->error_type && *c->error_type && c->error_message && *c->error_message ? ": " : "",
				c->error_message ? c->error_message : "");
		ui_pane_value(ui, width, 4, "Error:", err, UI_ROLE_FAILED, true);
		free(err);
	}
}

/* What the program saw happen to the task, oldest first, at local times. */
static void ui_pane_timeline(struct ui *ui, int width, const struct entry *e)
{
	const struct timeline *tl = e->timeline;
	char when[32], what[TIMELINE_TEXT_MAX + 64], head[48];
	size_t i;

	if (!timeline_count(tl))
		return;
	snprintf(head, sizeof(head), "Timeline (%zu)", timeline_count(tl));
	ui_pane_heading(ui->pane, head, UI_ROLE_LABEL);
	for (i = 0; i < tl->n; i++) {
		const struct timeline_event *ev = &tl->ev[i];
		const char *text = ev->text ? ev->text : "";
		enum ui_role role = ev->kind == TIMELINE_ERROR || ev->kind == TIMELINE_SLOW ?
				    UI_ROLE_FAILED : UI_ROLE_NORMAL;

		timefmt_clock(ev->time, ui->now, when, sizeof(when));
		switch (ev->kind) {
		case TIMELINE_CLIP:
		case TIMELINE_DOWNLOAD:
			snprintf(what, sizeof(what), "%s  %s %d: %s", when,
				 ev->kind == TIMELINE_CLIP ? "clip" : "download", ev->clip + 1, text);
			break;
		case TIMELINE_SLOW:
			snprintf(what, sizeof(what), "%s  slow in %s", when, text);
			break;
		default:
			snprintf(what, sizeof(what), "%s  %s%s%s", when, timeline_kind_name(ev->kind),
				 *text ? " " : "", text);
			break;
		}
		ui_pane_value(ui, width, 2, NULL, what, role, false);
	}
}

static void ui_pane_build(struct ui *ui, const struct entry *e, int width)
{
	struct ui_pane *pn = ui->pane;
	const struct task *t = e ? e->task : NULL;
	char word[24], buf[96], *origin;
	size_t i;

	ui_pane_clear(pn);
	pn->built_for = e;
	pn->built_width = width;
	pn->needs_build = false;
	if (!e) {
		ui_pane_heading(pn, "no task selected", UI_ROLE_STALE);
		return;
	}
	/* The full id on a line of its own: a UUID fits beside no label. */
	ui_pane_value(ui, width, 2, NULL, e->id, UI_ROLE_LABEL, false);
	snprintf(buf, sizeof(buf), "%s %s", ui_state_glyph(&ui->style, e), ui_state_word(e, word, sizeof(word)));
	ui_pane_value(ui, width, 2, "Status:", buf, ui_state_role(e), false);
	/* A failed task's reason is what the user came to read: right under
	 * the status, above the fold even at 80x24. */
	if (t && t->fail_reason[0])
		ui_pane_value(ui, width, 2, "Reason:", t->fail_reason, UI_ROLE_FAILED, true);
	if (t) {
		ui_pane_value(ui, width, 2, "Action:", t->action, UI_ROLE_NORMAL, false);
		if (t->status[0] && strcmp(t->status, ui_state_word(e, word, sizeof(word))) != 0)
			ui_pane_value(ui, width, 2, "Raw:", t->status, UI_ROLE_NORMAL, false);
		ui_pane_push(pn, UI_PANE_BAR, "Progress:", UI_ROLE_NORMAL, 2 + UI_PANE_LABEL_W);
		ui_pane_time(pn, UI_PANE_TIME, "Submitted:", t->submit_time, 0);
		ui_pane_time(pn, UI_PANE_TIME, "Started:", t->start_time, 0);
		ui_pane_time(pn, UI_PANE_TIME, "Finished:", t->finish_time, 0);
		if (task_run_time(t, ui->now) >= 0)
			ui_pane_push(pn, UI_PANE_RUN, "Run time:", UI_ROLE_NORMAL, 2 + UI_PANE_LABEL_W);
		if (task_stage(t) != TASK_STAGE_NONE)
			ui_pane_push(pn, UI_PANE_STAGE, "In stage:", UI_ROLE_NORMAL, 2 + UI_PANE_LABEL_W);
		ui_pane_value(ui, width, 2, "Code:", t->error, UI_ROLE_FAILED, false);
	} else {
		ui_pane_value(ui, width, 2, "Data:", e->error ? "none yet (see the error below)" :
			      "none yet, fetching", UI_ROLE_STALE, false);
	}
	ui_pane_time(pn, UI_PANE_TIME, "Added:", e->added, 0);
	ui_pane_time(pn, UI_PANE_AGE, "Fetched:", e->fetched, 0);
	origin = lineage_describe(e->lineage);
	ui_pane_value(ui, width, 2, "Origin:", origin, UI_ROLE_LABEL, true);
	free(origin);
	ui_pane_value(ui, width, 2, "Error:", e->error, UI_ROLE_FAILED, true);
	if (!t)
		return;
	if (t->n_clips) {
		snprintf(buf, sizeof(buf), "Clips (%zu)", t->n_clips);
		ui_pane_heading(pn, buf, UI_ROLE_LABEL);
		for (i = 0; i < t->n_clips; i++)
			ui_pane_clip(ui, width, e, &t->clips[i], i);
	}
	if (t->lyrics) {
		ui_pane_heading(pn, "Lyrics", UI_ROLE_LABEL);
		ui_pane_value(ui, width, 2, "Title:", t->lyrics->title, UI_ROLE_LABEL, false);
		ui_pane_value(ui, width, 2, "Status:", t->lyrics->status, UI_ROLE_NORMAL, false);
		ui_pane_value(ui, width, 2, NULL, t->lyrics->text, UI_ROLE_NORMAL, true);
	}
	if (t->data_text && *t->data_text) {
		ui_pane_heading(pn, "Data", UI_ROLE_LABEL);
		ui_pane_value(ui, width, 2, NULL, t->data_text, UI_ROLE_NORMAL, true);
	}
	ui_pane_timeline(ui, width, e);
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
