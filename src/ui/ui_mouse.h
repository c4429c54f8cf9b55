/* ui_mouse: the mouse as in htop: a click selects a row, a click on the
 * selected row (so a double click) focuses the pane, the wheel scrolls the
 * list or the pane under the pointer, a click on a column heading sorts by
 * it (again: reversed), on the header's slow count sorts slowest first, on
 * a footer hint runs it. Every action goes through the key table's
 * actions; the terminal's own encoding (SGR 1006 or the older one) is
 * curses' to read. UI thread only. */
#ifndef SUNOTOP_UI_MOUSE_H
#define SUNOTOP_UI_MOUSE_H

#include "ui_frame.h"

/* Turns reporting on (press, release, wheel: no motion, so Shift-drag
 * still selects text in the terminal). False when curses cannot. */
bool ui_mouse_start(struct ui *ui);
void ui_mouse_free(struct ui *ui);
/* After get_wch gave KEY_MOUSE: takes curses' event, for ui_mouse_dispatch. */
void ui_mouse_take(struct ui *ui);
/* Acts on the oldest event taken. */
void ui_mouse_dispatch(struct ui *ui);

#endif
