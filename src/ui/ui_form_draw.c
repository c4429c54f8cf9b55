/* ui_form_draw: the form, its confirmation and its verdict, in a box over
 * the list. Everything typed or received is sanitized before it is drawn;
 * the body shown is the body sent, wrapped. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "ui_editor.h"
#include "ui_form_impl.h"
#include "util.h"

#define UI_FORM_LABEL 15

/* Rows being written inside the box. */
struct ui_form_rows {
	struct ui *ui;
	int y, x, w, end;            /* next row, left column, inner width, first row past */
	enum ui_role role;
	int indent;
	size_t skip;                 /* wrapped lines still to skip (scrolling) */
};

static void ui_form_row(struct ui_form_rows *r, enum ui_role role, const char *s)
{
	struct ui_pen p;

	if (r->y >= r->end)
		return;
	ui_pen_at(&p, r->y++, r->x, r->w, 0);
	ui_pad(&r->ui->style, &p, UI_ROLE_NORMAL, 1);
	ui_put(&r->ui->style, &p, role, s);
	ui_pad_to_end(&r->ui->style, &p, UI_ROLE_NORMAL);
}

static void ui_form_wrap_line(void *ctx, const char *line, size_t len)
{
	struct ui_form_rows *r = ctx;
	char *s;
	char *pad;

	if (r->skip > 0) {
		r->skip--;
		return;
	}
	s = xstrndup(line, len);
	pad = xasprintf("%*s%s", r->indent, "", s);
	ui_form_row(r, r->role, pad);
	free(pad);
	free(s);
}

/* Sanitized text, wrapped to the box (newlines kept). */
static void ui_form_wrapped(struct ui_form_rows *r, enum ui_role role, const char *raw, int indent)
{
	char *clean = text_sanitize(raw, TEXT_KEEP_NEWLINES | (r->ui->style.text_flags));

	r->role = role;
	r->indent = indent;
	text_wrap(clean, r->w - 2 - indent > 8 ? r->w - 2 - indent : 8, ui_form_wrap_line, r);
	free(clean);
}

/* The end of s that fits `avail` columns: what is being typed shows. */
static const char *ui_form_tail(const char *s, int avail)
{
	int total = text_width(s);
	mbstate_t st;
	wchar_t c;
	size_t n;

	memset(&st, 0, sizeof(st));
	while (*s && total > avail && (n = mbrtowc(&c, s, strlen(s), &st)) > 0 && n < (size_t)-2) {
		total -= wcwidth(c) > 0 ? wcwidth(c) : 1;
		s += n;
	}
	return s;
}

/* One field: its label, then its value (the end of a long text when it has
 * the focus, so what is typed shows). */
static void ui_form_field(struct ui_form_rows *r, const struct ui_form *f, int field)
{
	bool focus = f->field == field, typed = ui_form_is_text(field);
	char buf[256], *clean;
	const char *v = ui_form_choice(f, field, buf, sizeof(buf));
	struct ui_pen p;

	if (r->y >= r->end)
		return;
	ui_pen_at(&p, r->y++, r->x, r->w, 0);
	ui_pad(&r->ui->style, &p, UI_ROLE_NORMAL, 1);
	if (field == UI_FORM_F_SEND) {
		ui_put(&r->ui->style, &p, focus ? UI_ROLE_SELECTION : UI_ROLE_LABEL, "[ Review and send (F2) ]");
		ui_pad_to_end(&r->ui->style, &p, UI_ROLE_NORMAL);
		return;
	}
	ui_put_field(&r->ui->style, &p, focus ? UI_ROLE_SELECTION : UI_ROLE_LABEL, ui_form_label(field),
		     UI_FORM_LABEL - 1, false);
	ui_pad(&r->ui->style, &p, UI_ROLE_NORMAL, 1);
	clean = text_sanitize(v ? v : f->text[field], r->ui->style.text_flags);
	ui_put(&r->ui->style, &p, UI_ROLE_NORMAL, focus && typed ? ui_form_tail(clean, p.right - p.x - 2) : clean);
	if (focus && typed)
		ui_put(&r->ui->style, &p, UI_ROLE_SELECTION, " ");    /* where typing goes */
	ui_pad_to_end(&r->ui->style, &p, UI_ROLE_NORMAL);
	free(clean);
}

/* The lyrics: their first lines under the label, as many as fit. */
static void ui_form_lyrics(struct ui_form_rows *r, const struct ui_form *f, int room)
{
	const char *lyr = f->text[UI_FORM_F_LYRICS];
	bool focus = f->field == UI_FORM_F_LYRICS;
	struct ui_form_rows sub = *r;
	struct ui_pen p;

	ui_pen_at(&p, r->y, r->x, r->w, 0);
	ui_pad(&r->ui->style, &p, UI_ROLE_NORMAL, 1);
	ui_put_field(&r->ui->style, &p, focus ? UI_ROLE_SELECTION : UI_ROLE_LABEL, "Lyrics", UI_FORM_LABEL - 1, false);
	ui_pad(&r->ui->style, &p, UI_ROLE_NORMAL, 1);
	ui_put(&r->ui->style, &p, UI_ROLE_STALE, ui_editor_command() ? "(Enter: edit in $VISUAL/$EDITOR)" :
	       "(type; Enter: a new line)");
	ui_pad_to_end(&r->ui->style, &p, UI_ROLE_NORMAL);
	r->y++;
	sub.y = r->y;
	sub.end = r->y + (room > 1 ? room : 1);
	if (sub.end > r->end)
		sub.end = r->end;
	if (*lyr)
		ui_form_wrapped(&sub, UI_ROLE_NORMAL, lyr, UI_FORM_LABEL);
	else
		ui_form_row(&sub, UI_ROLE_STALE, "               (empty)");
	r->y = sub.y;
}

static void ui_form_draw_edit(struct ui_form_rows *r, const struct ui_form *f)
{
	int field, fixed = 0;

	for (field = 0; field < UI_FORM_F_COUNT; field++)
		if (ui_form_has(f, field))
			fixed++;
	fixed += 3 + (f->note ? 2 : 0);
	for (field = 0; field < UI_FORM_F_COUNT; field++) {
		if (!ui_form_has(f, field))
			continue;
		if (field == UI_FORM_F_LYRICS)
			ui_form_lyrics(r, f, r->end - r->y - fixed);
		else
			ui_form_field(r, f, field);
		fixed--;
	}
	if (f->note) {
		r->y++;
		ui_form_wrapped(r, UI_ROLE_FAILED, f->note, 0);
	}
	r->y = r->end - 1;
	ui_form_row(r, UI_ROLE_STALE, "Tab/Down next  Up back  Left/Right/Space choose  F2 review  Esc cancel");
}

static void ui_form_draw_body(struct ui_form_rows *r, const struct ui_form *f)
{
	char *line = xasprintf("POST %s%s", r->ui->o->base_url, f->path);

	ui_form_wrapped(r, UI_ROLE_LABEL, line, 0);
	free(line);
	r->skip = f->scroll;
	ui_form_wrapped(r, UI_ROLE_NORMAL, f->body, 2);
	r->skip = 0;
}

void ui_form_draw(struct ui *ui)
{
	struct ui_form *f = ui->form;
	int top = ui->r_head.y + 1, bottom = ui->r_msg.y;
	int w = COLS - 2 < 100 ? COLS - 2 : 100, h = bottom - top, x;
	struct ui_form_rows r;
	char *title;

	if (!f || w < 20 || h < 6)
		return;
	x = (COLS - w) / 2;
	ui_draw_box(&ui->style, top, x, h, w);
	{
		struct ui_rect inside = { .y = top + 1, .x = x + 1, .h = h - 2, .w = w - 2 };

		ui_fill_rect(&ui->style, &inside);
	}
	r = (struct ui_form_rows){ .ui = ui, .y = top + 1, .x = x + 1, .w = w - 2, .end = top + h - 1 };
	title = f->relation == LINEAGE_RETRY ? xasprintf("Retry of %s, with edits", f->from_task) :
		f->relation == LINEAGE_EXTEND && f->clips ?
		xasprintf("Extend clip %s%s%s", f->clips[f->clip].id, f->from_task ? " of " : "",
			  f->from_task ? f->from_task : "") :
		xstrdup("New generation");
	ui_form_row(&r, UI_ROLE_HEADER, title);
	free(title);
	if (f->reason) {
		char *why = xasprintf("It failed: %s", f->reason);

		ui_form_wrapped(&r, UI_ROLE_FAILED, why, 0);
		free(why);
	}
	r.y++;
	switch (f->phase) {
	case UI_FORM_EDIT:
		ui_form_draw_edit(&r, f);
		break;
	case UI_FORM_CONFIRM:
	case UI_FORM_SENDING:
		ui_form_row(&r, UI_ROLE_LABEL, f->phase == UI_FORM_SENDING ?
			    "Sending: one request; keys are ignored until the server answers." :
			    "Send exactly this? A generation costs money.");
		if (f->unknown && f->phase == UI_FORM_CONFIRM)
			ui_form_row(&r, UI_ROLE_FAILED,
				    "An earlier request may have made a task already: y sends another one.");
		r.y++;
		ui_form_draw_body(&r, f);
		r.y = r.end - 1;
		if (f->phase == UI_FORM_CONFIRM)
			ui_form_row(&r, UI_ROLE_STALE, f->unknown ? "y send again  n/Esc back to the form  Up/Down scroll" :
				    "y/Enter send  n/Esc back to the form  Up/Down scroll");
		break;
	case UI_FORM_RESULT:
		ui_form_wrapped(&r, UI_ROLE_FAILED, f->note ? f->note : "", 0);
		r.y = r.end - 1;
		ui_form_row(&r, UI_ROLE_STALE, f->last_unknown ?
			    "Enter back to the form  S send it again (asks first)" : "Enter back to the form");
		break;
	}
	while (r.y < r.end)
		ui_form_row(&r, UI_ROLE_NORMAL, "");
}
