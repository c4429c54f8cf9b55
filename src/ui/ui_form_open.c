/* ui_form_open: the generation form opened empty (n), for a retry from the
 * exact request sent or from what the task tells (e), or on a finished clip
 * (x); its fields and how choices read. Never sends anything. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "taskrule.h"
#include "text.h"
#include "ui_form_impl.h"
#include "util.h"

static void ui_form_destroy(struct ui_form *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < UI_FORM_F_COUNT; i++)
		free(f->text[i]);
	for (i = 0; i < f->n_clips; i++)
		free(f->clips[i].id);
	free(f->clips);
	free(f->model_custom);
	free(f->from_task);
	free(f->reason);
	free(f->body);
	free(f->note);
	free(f);
}

void ui_form_free(struct ui *ui)
{
	ui_form_destroy(ui->form);
	ui->form = NULL;
}

bool ui_form_has(const struct ui_form *f, int field)
{
	bool song = f->mode == SUBMIT_CUSTOM || f->mode == SUBMIT_EXTEND;

	switch (field) {
	case UI_FORM_F_MODE: return f->mode != SUBMIT_EXTEND;
	case UI_FORM_F_CLIP: return f->mode == SUBMIT_EXTEND && f->n_clips > 1;
	case UI_FORM_F_TITLE:
	case UI_FORM_F_TAGS:
	case UI_FORM_F_NEGATIVE:
	case UI_FORM_F_LYRICS: return song;
	case UI_FORM_F_MODEL:
	case UI_FORM_F_INSTRUMENTAL: return f->mode != SUBMIT_LYRICS;
	case UI_FORM_F_DESCRIPTION: return f->mode == SUBMIT_INSPIRATION || f->mode == SUBMIT_LYRICS;
	case UI_FORM_F_AT: return f->mode == SUBMIT_EXTEND;
	default: return true;
	}
}

const char *ui_form_label(int field)
{
	static const char *const labels[UI_FORM_F_COUNT] = {
		"Mode", "Clip", "Title", "Style tags", "Negative tags", "Model", "Instrumental",
		"Lyrics", "Description", "Continue at", "",
	};

	return labels[field];
}

const char *ui_form_choice(const struct ui_form *f, int field, char *buf, size_t n)
{
	static const char *const modes[] = {
		[SUBMIT_CUSTOM] = "< custom: your lyrics >",
		[SUBMIT_INSPIRATION] = "< description: the server writes the song >",
		[SUBMIT_EXTEND] = "extend",
		[SUBMIT_LYRICS] = "< lyrics only: the lyrics writer >",
	};
	size_t nm;
	const struct submit_model *m = submit_models(&nm);

	switch (field) {
	case UI_FORM_F_MODE:
		return modes[f->mode];
	case UI_FORM_F_CLIP:
		snprintf(buf, n, "< %s (%zu of %zu) >", f->clips[f->clip].id, f->clip + 1, f->n_clips);
		return buf;
	case UI_FORM_F_MODEL:
		if (f->model < 0)
			return "< the server's default >";
		if ((size_t)f->model < nm)
			snprintf(buf, n, "< %s (%s) >", m[f->model].mv, m[f->model].label);
		else
			snprintf(buf, n, "< %s >", f->model_custom);
		return buf;
	case UI_FORM_F_INSTRUMENTAL:
		return f->instrumental ? "[x] no vocals" : "[ ] no vocals";
	default:
		return NULL;
	}
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
			f->reason = text_sanitize(e->task->fail_reason, ui->ascii ? TEXT_ASCII : 0);
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
