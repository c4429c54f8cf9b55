/* ui_prompt: the line editor (add ids, filter) as a modal screen with its
 * own state; the opener's spec says what the text does. Must never echo a
 * control or format character typed or pasted by the user. */
#ifndef SUNOTOP_UI_PROMPT_H
#define SUNOTOP_UI_PROMPT_H

#include "ui_frame.h"

struct ui_prompt_spec {
	const char *label;                                  /* "add ids: " */
	void (*changed)(struct ui *ui, const char *text);   /* after each edit; may be NULL */
	void (*submit)(struct ui *ui, const char *text);    /* Enter (the prompt is closed) */
	void (*cancel)(struct ui *ui);                      /* Esc (the prompt is closed) */
};

extern const struct ui_screen ui_prompt_screen;

struct ui_prompt *ui_prompt_new(void);
void ui_prompt_free(struct ui_prompt *pr);
/* Open the editor; `initial` (may be NULL) is its first text, pasting: a
 * bracketed paste is under way. */
void ui_prompt_open(struct ui *ui, const struct ui_prompt_spec *spec, const char *initial,
		    bool pasting);
bool ui_prompt_is_open(const struct ui *ui);

#endif
