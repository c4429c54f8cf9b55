/* ui_help: the help overlay, one line per row of the key table that has
 * help text. A modal screen; any key closes it. */
#ifndef SUNOTOP_UI_HELP_H
#define SUNOTOP_UI_HELP_H

#include "ui_frame.h"

extern const struct ui_screen ui_help_screen;

#endif
