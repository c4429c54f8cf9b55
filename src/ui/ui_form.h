/* ui_form: the generation form (n new, e retry with edits, x extend a
 * clip), its confirmation showing exactly what will be sent, and the
 * verdict. One POST per confirmation: keys that arrive while it is out, or
 * a repeated Enter after it, never send again. */
#ifndef SUNOTOP_UI_FORM_H
#define SUNOTOP_UI_FORM_H

#include "engine.h"
#include "ui_frame.h"

extern const struct ui_screen ui_form_screen;

void ui_form_open_new(struct ui *ui);
/* Filled from the exact request when this program sent it, else from what
 * the task tells; a failed task's reason is shown above the form. */
void ui_form_open_retry(struct ui *ui, const struct entry *e);
/* The first complete clip of e (Left/Right on the clip field picks
 * another), continued at its length. */
void ui_form_open_extend(struct ui *ui, const struct entry *e);
/* The engine's verdict on the form's request. */
void ui_form_submitted(struct ui *ui, const struct engine_submitted *s);
void ui_form_free(struct ui *ui);

#endif
