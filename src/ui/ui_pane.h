/* ui_pane: the side pane with everything about the selected task.
 * Builds its lines only when the task or width changes; never draws raw
 * server text. */
#ifndef SUNOTOP_UI_PANE_H
#define SUNOTOP_UI_PANE_H

#include "ui_draw.h"

extern const struct ui_screen ui_pane_screen;

/* The selected task or its data changed: rebuild before the next draw. */
void ui_pane_invalidate(struct ui *ui);
void ui_pane_free(struct ui_pane *pn);

#endif
