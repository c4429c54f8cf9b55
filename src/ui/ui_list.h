/* ui_list: the task list screen: the visible rows of its view, headings
 * that fit the width, and the selection moved by the movement keys. Draws
 * only visible rows; never allocates per frame. */
#ifndef SUNOTOP_UI_LIST_H
#define SUNOTOP_UI_LIST_H

#include "ui_frame.h"

extern const struct ui_screen ui_list_screen;

/* The order a click on the heading row at column x sorts by (enum ui_sort). */
bool ui_list_heading_at(const struct ui *ui, int x, int *sort);

#endif
