/* ui_confirm: a y/n question on the message line as a modal screen with
 * its own state; the opener's callback gets the answer. */
#ifndef SUNOTOP_UI_CONFIRM_H
#define SUNOTOP_UI_CONFIRM_H

#include "ui_frame.h"

extern const struct ui_screen ui_confirm_screen;

struct ui_confirm *ui_confirm_new(void);
void ui_confirm_free(struct ui_confirm *c);
/* Ask "VERB ID? y/n"; answer(ui, id, yes) is called with the reply. */
void ui_confirm_open(struct ui *ui, const char *verb, const char *id,
		     void (*answer)(struct ui *ui, const char *id, bool yes));

#endif
