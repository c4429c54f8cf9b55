/* ui_form_fields: the generation form's fields: which a form shows, their
 * labels, how a choice reads, which take typed text, and freeing a form.
 * Calls no other part of the form; never sends anything. */
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

bool ui_form_is_text(int field)
{
	return field == UI_FORM_F_TITLE || field == UI_FORM_F_TAGS || field == UI_FORM_F_NEGATIVE ||
	       field == UI_FORM_F_LYRICS || field == UI_FORM_F_DESCRIPTION || field == UI_FORM_F_AT;
}
