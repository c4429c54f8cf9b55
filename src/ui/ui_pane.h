/* ui_pane: the side pane with everything about the selected task. Its
 * state (lines, scroll) is its own; builds the lines only when the task,
 * its data or the width change; never draws raw server text. */
#ifndef SUNOTOP_UI_PANE_H
#define SUNOTOP_UI_PANE_H

#include "ui_frame.h"

extern const struct ui_screen ui_pane_screen;

struct ui_pane *ui_pane_new(void);
void ui_pane_free(struct ui_pane *pn);
/* The selected task or its data changed: rebuild before the next draw. */
void ui_pane_invalidate(struct ui *ui);

/* After a paint: the URLs on screen made OSC 8 hyperlinks (when the
 * terminal takes them), by writing their cells again. */
void ui_pane_links(struct ui *ui);

#endif
