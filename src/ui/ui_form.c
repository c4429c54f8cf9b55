/* ui_form: the generation form opened empty (n), for a retry (e) or on a
 * finished clip (x); its keys: fields edited, the request checked and
 * confirmed, one engine_submit per confirmation, and the verdict. Typed
 * and pasted text keeps only printable characters (and newlines in lyrics). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "taskrule.h"
#include "text.h"
#include "ui_editor.h"
#include "ui_form_impl.h"
#include "ui_view.h"
#include "util.h"

#define UI_FORM_MAX_TEXT 20000       /* bytes per field: beyond any limit */

/* ---- editing ---------------------------------------------------------- */

static void ui_form_append(struct ui_form *f, int key)
{
	char **slot = &f->text[f->field];
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n, len = strlen(*slot);

	if (key == '\n' && f->field != UI_FORM_F_LYRICS && f->field != UI_FORM_F_DESCRIPTION)
		key = ' ';
	if (key == '\n') {
		mb[0] = '\n';
		n = 1;
	} else {
		if (key < 32 || key == 127 || wcwidth((wchar_t)key) < 1)
			return;    /* controls and invisible characters are dropped */
		memset(&st, 0, sizeof(st));
		n = wcrtomb(mb, (wchar_t)key, &st);
		if (n == (size_t)-1)
			return;
	}
	if (len + n > UI_FORM_MAX_TEXT)
		return;
	*slot = xrealloc(*slot, len + n + 1);
	memcpy(*slot + len, mb, n);
	(*slot)[len + n] = '\0';
}

static void ui_form_backspace(struct ui_form *f)
{
	char *s = f->text[f->field];
	size_t len = strlen(s);

	while (len > 0 && ((unsigned char)s[len - 1] & 0xc0) == 0x80)
		len--;
	if (len > 0)
		len--;
	s[len] = '\0';
}

static void ui_form_cycle(struct ui_form *f, int dir)
{
	size_t nm;

	submit_models(&nm);
	switch (f->field) {
	case UI_FORM_F_MODE: {
		/* custom -> description -> lyrics writer */
		static const enum submit_mode order[] = { SUBMIT_CUSTOM, SUBMIT_INSPIRATION, SUBMIT_LYRICS };
		int i = f->mode == SUBMIT_INSPIRATION ? 1 : f->mode == SUBMIT_LYRICS ? 2 : 0;

		f->mode = order[(i + 3 + dir) % 3];
		break;
	}
	case UI_FORM_F_CLIP:
		f->clip = (f->clip + f->n_clips + (size_t)(dir > 0 ? 1 : f->n_clips - 1)) % f->n_clips;
		free(f->text[UI_FORM_F_AT]);
		f->text[UI_FORM_F_AT] = f->clips[f->clip].duration > 0 ?
			xasprintf("%.2f", f->clips[f->clip].duration) : xstrdup("");
		break;
	case UI_FORM_F_MODEL: {
		int last = f->model_custom ? (int)nm : (int)nm - 1;

		f->model += dir;
		if (f->model > last)
			f->model = -1;
		if (f->model < -1)
			f->model = last;
		break;
	}
	case UI_FORM_F_INSTRUMENTAL:
		f->instrumental = !f->instrumental;
		break;
	default:
		break;
	}
}

static void ui_form_move(struct ui_form *f, int dir)
{
	int i = f->field;

	do
		i = (i + UI_FORM_F_COUNT + dir) % UI_FORM_F_COUNT;
	while (!ui_form_has(f, i));
	f->field = i;
}

/* The request from the fields the mode takes. */
static void ui_form_request(const struct ui_form *f, struct submit_req *r)
{
	size_t nm;
	const struct submit_model *m = submit_models(&nm);
	bool song = f->mode == SUBMIT_CUSTOM || f->mode == SUBMIT_EXTEND;
	char *end;

	submit_req_init(r);
	r->mode = f->mode;
	if (song) {
		r->lyrics = xstrdup(f->text[UI_FORM_F_LYRICS]);
		if (*f->text[UI_FORM_F_TITLE])
			r->title = xstrdup(f->text[UI_FORM_F_TITLE]);
		if (*f->text[UI_FORM_F_TAGS])
			r->tags = xstrdup(f->text[UI_FORM_F_TAGS]);
		if (*f->text[UI_FORM_F_NEGATIVE])
			r->negative_tags = xstrdup(f->text[UI_FORM_F_NEGATIVE]);
	} else {
		r->description = xstrdup(f->text[UI_FORM_F_DESCRIPTION]);
	}
	if (f->mode != SUBMIT_LYRICS) {
		r->instrumental = f->instrumental;
		if (f->model >= 0)
			r->model = xstrdup((size_t)f->model < nm ? m[f->model].mv : f->model_custom);
	}
	if (f->mode == SUBMIT_EXTEND) {
		r->continue_clip = xstrdup(f->clips ? f->clips[f->clip].id : NULL);
		r->continue_at = strtod(f->text[UI_FORM_F_AT], &end);
		if (end == f->text[UI_FORM_F_AT] || *end)
			r->continue_at = 0;   /* refused by the check with its reason */
		r->task_id = xstrdup(f->from_task);
	}
}

static void ui_form_note(struct ui *ui, const char *raw)
{
	struct ui_form *f = ui->form;

	free(f->note);
	f->note = raw ? text_sanitize(raw, ui->style.text_flags) : NULL;
}

/* F2: checked, then the body to confirm. */
static void ui_form_review(struct ui *ui)
{
	struct ui_form *f = ui->form;
	struct submit_req r;
	char *why;

	ui_form_request(f, &r);
	why = submit_req_check(&r);
	ui_form_note(ui, why);
	if (!why) {
		free(f->body);
		f->body = submit_req_body(&r);
		f->path = submit_req_path(&r);
		f->phase = UI_FORM_CONFIRM;
		f->scroll = 0;
	}
	free(why);
	submit_req_free(&r);
}

/* y in the confirmation: the one POST of this confirmation. */
static void ui_form_send(struct ui *ui)
{
	struct ui_form *f = ui->form;
	struct submit_req r;
	char *why = NULL;

	ui_form_request(f, &r);
	if (engine_submit(ui->eng, &r, f->relation, f->from_task,
			  f->mode == SUBMIT_EXTEND && f->clips ? f->clips[f->clip].id : NULL, &why)) {
		f->phase = UI_FORM_SENDING;
		ui_form_note(ui, NULL);
	} else {
		f->phase = UI_FORM_EDIT;
		ui_form_note(ui, why);
	}
	free(why);
	submit_req_free(&r);
}

void ui_form_submitted(struct ui *ui, const struct engine_submitted *s)
{
	struct ui_form *f = ui->form;

	if (!f || f->phase != UI_FORM_SENDING)
		return;
	if (s->verdict == SUBMIT_ACCEPTED) {
		ui->modal = NULL;
		ui_form_free(ui);
		erase();     /* the box goes; every region is painted again */
		if (s->id)
			ui_view_select_id(ui, s->id);
		ui_message(ui, s->saved ? UI_ROLE_DONE : UI_ROLE_FAILED, 6, "submitted %s%s", s->id,
			   s->saved ? "; tracked and saved" : "; tracked, but NOT saved yet");
		ui->dirty |= UI_DIRTY_ALL;
		return;
	}
	f->phase = UI_FORM_RESULT;
	f->unknown |= s->verdict == SUBMIT_UNKNOWN;
	f->last_unknown = s->verdict == SUBMIT_UNKNOWN;
	ui_form_note(ui, s->message ? s->message : "not accepted");
	ui->dirty |= UI_DIRTY_ALL;
}

/* ---- keys ------------------------------------------------------------- */

static void ui_form_close(struct ui *ui, const char *why)
{
	ui->modal = NULL;
	ui_form_free(ui);
	erase();
	ui_message(ui, UI_ROLE_NORMAL, 3, "%s", why);
	ui->dirty |= UI_DIRTY_ALL;
}

static void ui_form_lyrics_editor(struct ui *ui)
{
	struct ui_form *f = ui->form;
	char *err = NULL;

	if (ui_editor_edit(&f->text[f->field], &err) < 0)
		ui_form_note(ui, err);
	free(err);
	ui->dirty |= UI_DIRTY_ALL;
}

static bool ui_form_edit_key(struct ui *ui, int key)
{
	struct ui_form *f = ui->form;
	bool enter = key == '\n' || key == '\r' || key == UI_FN(KEY_ENTER);

	if (key == UI_FN(UI_KEY_PASTE_BEGIN) || key == UI_FN(UI_KEY_PASTE_END)) {
		f->pasting = key == UI_FN(UI_KEY_PASTE_BEGIN);
		return true;
	}
	if (f->pasting) {
		/* pasted text is text: a newline is a newline, never Enter */
		if (ui_form_is_text(f->field))
			ui_form_append(f, enter ? '\n' : key == '\t' ? ' ' : key);
		return true;
	}
	if (key == UI_KEY_ESC) {
		ui_form_close(ui, "cancelled: nothing was sent");
		return true;
	}
	if (key == UI_FN(KEY_F(2)) || key == UI_CTRL('s') || (enter && f->field == UI_FORM_F_SEND)) {
		ui_form_review(ui);
		return true;
	}
	if (key == '\t' || key == UI_FN(KEY_DOWN) || key == UI_CTRL('n') ||
	    (enter && f->field != UI_FORM_F_LYRICS)) {
		ui_form_move(f, 1);
	} else if (key == UI_FN(KEY_BTAB) || key == UI_FN(KEY_UP) || key == UI_CTRL('p')) {
		ui_form_move(f, -1);
	} else if (!ui_form_is_text(f->field) &&
		   (key == UI_FN(KEY_LEFT) || key == UI_FN(KEY_RIGHT) || key == ' ')) {
		ui_form_cycle(f, key == UI_FN(KEY_LEFT) ? -1 : 1);
	} else if (enter && ui_editor_command()) {
		ui_form_lyrics_editor(ui);
	} else if (enter) {
		ui_form_append(f, '\n');
	} else if (ui_form_is_text(f->field) &&
		   (key == 127 || key == UI_FN(KEY_BACKSPACE) || key == UI_CTRL('h'))) {
		ui_form_backspace(f);
	} else if (ui_form_is_text(f->field) && key == UI_CTRL('u')) {
		f->text[f->field][0] = '\0';
	} else if (ui_form_is_text(f->field) && key > 0) {
		ui_form_append(f, key);
	}
	return true;
}

static bool ui_form_key(struct ui *ui, int key)
{
	struct ui_form *f = ui->form;

	if (!f)
		return false;
	ui->dirty |= UI_DIRTY_ALL;
	switch (f->phase) {
	case UI_FORM_EDIT:
		return ui_form_edit_key(ui, key);
	case UI_FORM_CONFIRM:
		/* after an unclear outcome only an explicit y sends again */
		if (key == 'y' || key == 'Y' || (!f->unknown && (key == '\n' || key == '\r' ||
							    key == UI_FN(KEY_ENTER))))
			ui_form_send(ui);
		else if (key == UI_FN(KEY_DOWN) || key == 'j')
			f->scroll++;
		else if ((key == UI_FN(KEY_UP) || key == 'k') && f->scroll > 0)
			f->scroll--;
		else if (key == 'n' || key == 'N' || key == UI_KEY_ESC || key == 127 ||
			 key == UI_FN(KEY_BACKSPACE))
			f->phase = UI_FORM_EDIT;
		return true;
	case UI_FORM_SENDING:
		/* one request per confirmation: a double press, a repeated
		 * Enter or a resize sends nothing more */
		return true;
	case UI_FORM_RESULT:
		if (f->last_unknown && key == 'S')
			f->phase = UI_FORM_CONFIRM;
		else if (key == '\n' || key == '\r' || key == UI_FN(KEY_ENTER) || key == UI_KEY_ESC) {
			f->phase = UI_FORM_EDIT;
		}
		return true;
	}
	return true;
}

static void ui_form_resize(struct ui *ui)
{
	ui->dirty |= UI_DIRTY_ALL;
}

/* ---- opening ---------------------------------------------------------- */

static struct ui_form *ui_form_new(struct ui *ui, enum lineage_relation rel,
				   const struct submit_req *r, const struct entry *e)
{
	struct ui_form *f = xcalloc(1, sizeof(*f));
	const struct submit_model *m;
	size_t nm, i;

	ui_form_free(ui);
	f->relation = rel;
	f->mode = r->mode;
	f->text[UI_FORM_F_TITLE] = xstrdup(r->title ? r->title : "");
	f->text[UI_FORM_F_TAGS] = xstrdup(r->tags ? r->tags : "");
	f->text[UI_FORM_F_NEGATIVE] = xstrdup(r->negative_tags ? r->negative_tags : "");
	f->text[UI_FORM_F_LYRICS] = xstrdup(r->lyrics ? r->lyrics : "");
	f->text[UI_FORM_F_DESCRIPTION] = xstrdup(r->description ? r->description : "");
	f->text[UI_FORM_F_AT] = r->continue_at >= 0 ? xasprintf("%.2f", r->continue_at) : xstrdup("");
	f->instrumental = r->instrumental;
	f->model = -1;
	m = submit_models(&nm);
	for (i = 0; r->model && i < nm; i++)
		if (strcmp(r->model, m[i].mv) == 0 || strcmp(r->model, m[i].label) == 0)
			f->model = (int)i;
	if (r->model && f->model < 0) {
		f->model_custom = xstrdup(r->model);
		f->model = (int)nm;
	}
	if (e) {
		f->from_task = xstrdup(e->id);
		if (e->task && task_failed(e->task) && e->task->fail_reason && *e->task->fail_reason)
			f->reason = text_sanitize(e->task->fail_reason, ui->style.text_flags);
	}
	f->field = UI_FORM_F_MODE;
	while (!ui_form_has(f, f->field))
		f->field++;
	ui->form = f;
	ui->modal = &ui_form_screen;
	ui->dirty |= UI_DIRTY_ALL;
	return f;
}

void ui_form_open_new(struct ui *ui)
{
	struct submit_req r;

	submit_req_init(&r);
	ui_form_new(ui, LINEAGE_NEW, &r, NULL);
}

void ui_form_open_retry(struct ui *ui, const struct entry *e)
{
	struct submit_req r;

	bool exact = e->lineage && submit_req_from_body(&r, e->lineage->path, e->lineage->body);
	bool slim = false;

	if (!exact && e->task) {
		submit_req_from_task(&r, e->task);
		slim = e->task->n_clips && !e->task->clips[0].prompt &&
		       !e->task->clips[0].gpt_description_prompt;
	} else if (!exact) {
		submit_req_init(&r);
	}
	/* a retry of an extend is a new extend of the same clip */
	ui_form_new(ui, r.mode == SUBMIT_EXTEND ? LINEAGE_EXTEND : LINEAGE_RETRY, &r, e);
	if (r.mode == SUBMIT_EXTEND && r.continue_clip) {
		ui->form->clips = xcalloc(1, sizeof(*ui->form->clips));
		ui->form->clips[0].id = xstrdup(r.continue_clip);
		ui->form->clips[0].duration = r.continue_at;
		ui->form->n_clips = 1;
		free(ui->form->from_task);
		ui->form->from_task = xstrdup(r.task_id);
	}
	if (slim)
		ui->form->note = xstrdup("The lyrics and description of a task that did not fail are not kept: type them.");
	submit_req_free(&r);
}

void ui_form_open_extend(struct ui *ui, const struct entry *e)
{
	struct ui_form *f;
	struct submit_req r;
	size_t i, first = 0;
	bool found = false;

	for (i = 0; e->task && i < e->task->n_clips; i++) {
		const struct clip *c = &e->task->clips[i];

		if (c->id && c->status && strcmp(c->status, "complete") == 0 && !found) {
			first = i;
			found = true;
		}
	}
	if (!found) {
		ui_message(ui, UI_ROLE_FAILED, 4, "x extends a finished clip: this task has none yet");
		return;
	}
	submit_req_extend(&r, e->task, first);
	f = ui_form_new(ui, LINEAGE_EXTEND, &r, e);
	submit_req_free(&r);
	for (i = 0; i < e->task->n_clips; i++) {
		const struct clip *c = &e->task->clips[i];

		if (!c->id || !c->status || strcmp(c->status, "complete") != 0)
			continue;
		f->clips = xrealloc(f->clips, (f->n_clips + 1) * sizeof(*f->clips));
		f->clips[f->n_clips].id = xstrdup(c->id);
		f->clips[f->n_clips++].duration = c->duration;
	}
	f->field = ui_form_has(f, UI_FORM_F_CLIP) ? UI_FORM_F_CLIP : UI_FORM_F_TITLE;
}

const struct ui_screen ui_form_screen = {
	.name = "form",
	.draw = ui_form_draw,
	.key = ui_form_key,
	.resize = ui_form_resize,
};
