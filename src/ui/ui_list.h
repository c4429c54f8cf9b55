/* ui_list: the task list screen and its view (filter, sort, selection that
 * follows the task id). Draws only visible rows; never allocates per frame. */
#ifndef SUNOTOP_UI_LIST_H
#define SUNOTOP_UI_LIST_H

#include "ui_draw.h"

extern const struct ui_screen ui_list_screen;

void ui_view_free(struct ui_view *v);
/* Re-apply filter and sort over the tasklist; the selection keeps its id. */
void ui_view_rebuild(struct ui *ui);
struct entry *ui_view_selected(const struct ui *ui);
/* Select the row holding id (if shown). */
void ui_view_select_id(struct ui *ui, const char *id);
/* Text filter; NULL or "" clears it. */
void ui_view_set_filter(struct ui *ui, const char *text);

#endif
