/* ui_prompt: the modal screens on top of the list: the line editor (add
 * ids, filter), the untrack confirmation and the help overlay. Must never
 * echo a control or format character typed or pasted by the user. */
#ifndef SUNOTOP_UI_PROMPT_H
#define SUNOTOP_UI_PROMPT_H

#include "ui_draw.h"

enum { UI_PROMPT_ADD, UI_PROMPT_FILTER };

extern const struct ui_screen ui_prompt_screen;
extern const struct ui_screen ui_confirm_screen;
extern const struct ui_screen ui_help_screen;

/* Open the line editor; `initial` (may be NULL) is its first text. */
void ui_prompt_open(struct ui *ui, int kind, const char *initial);
void ui_prompt_free(struct ui_prompt *pr);
/* Ask "untrack ID? y/n" on the message line. */
void ui_confirm_open(struct ui *ui, const char *id);

#endif
