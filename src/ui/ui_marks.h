/* ui_marks: the marks as the dashboard takes them: Space, * and Esc, and
 * d, w, r and y over every marked task while there are marks. */
#ifndef SUNOTOP_UI_MARKS_H
#define SUNOTOP_UI_MARKS_H

#include "ui_frame.h"

/* True when a was a mark action, or a bulk one over the marks. */
bool ui_marks_act(struct ui *ui, enum ui_action a);

#endif
