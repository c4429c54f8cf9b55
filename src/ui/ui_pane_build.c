/* ui_pane_build: the side pane's lines for the selected task (times, fail
 * reason, clips, their files, lyrics, timeline), sanitized and wrapped once
 * per change. Never draws; never keeps raw server text. */
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

struct ui_pane_wrap {
	struct ui_pane *pn;
	const char *label;
	enum ui_role role;
	int indent;
};

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

void ui_pane_build(struct ui *ui, const struct entry *e, int width)
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

