/* ui_form_impl: the form's own state, shared by ui_form.c (opening, keys,
 * sending), ui_form_fields.c (fields and choices; calls neither other) and
 * ui_form_draw.c (drawing). Include it nowhere else. */
#ifndef SUNOTOP_UI_FORM_IMPL_H
#define SUNOTOP_UI_FORM_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "lineage.h"
#include "submitreq.h"
#include "ui_form.h"

enum ui_form_phase {
	UI_FORM_EDIT,        /* fields */
	UI_FORM_CONFIRM,     /* the body as it will be sent; y sends */
	UI_FORM_SENDING,     /* one POST out: every key is ignored */
	UI_FORM_RESULT,      /* not accepted or unknown: what happened */
};

enum ui_form_field {
	UI_FORM_F_MODE, UI_FORM_F_CLIP, UI_FORM_F_TITLE, UI_FORM_F_TAGS, UI_FORM_F_NEGATIVE,
	UI_FORM_F_MODEL, UI_FORM_F_INSTRUMENTAL, UI_FORM_F_LYRICS, UI_FORM_F_DESCRIPTION,
	UI_FORM_F_AT, UI_FORM_F_SEND, UI_FORM_F_COUNT
};

/* A clip that can be extended. */
struct ui_form_clip {
	char *id;
	double duration;             /* < 0 unknown */
};

struct ui_form {
	enum lineage_relation relation;
	enum ui_form_phase phase;
	enum submit_mode mode;
	char *from_task;             /* retry or extend: the origin task */
	char *reason;                /* the origin's fail reason, sanitized, or NULL */
	/* The fields, kept across mode switches; the request is built from
	 * the ones the mode takes. Text is UTF-8 as typed. */
	char *text[UI_FORM_F_COUNT];
	int model;                   /* -1 server default, 0..n-1 known, n custom */
	char *model_custom;          /* "custom:NAME" from a prefill, or NULL */
	bool instrumental;
	struct ui_form_clip *clips;
	size_t n_clips, clip;
	int field;                   /* focused field */
	bool pasting;
	char *body;                  /* CONFIRM and later: exactly what is sent */
	const char *path;
	char *note;                  /* a refusal or a verdict, sanitized */
	bool unknown;                /* an earlier send's task may exist: only y sends */
	bool last_unknown;           /* RESULT: the last send's outcome is unknown */
	size_t scroll;               /* CONFIRM: first body line shown */
};

/* Whether field is typed text (not a choice). */
bool ui_form_is_text(int field);
/* Whether field f is part of the form in its mode. */
bool ui_form_has(const struct ui_form *f, int field);
/* The label, and the shown value of a choice field (static or into buf). */
const char *ui_form_label(int field);
const char *ui_form_choice(const struct ui_form *f, int field, char *buf, size_t n);
/* ui_form_draw.c */
void ui_form_draw(struct ui *ui);

#endif
