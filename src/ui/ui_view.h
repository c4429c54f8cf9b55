/* ui_view: the list screen's state: the filtered, sorted rows of the
 * tracked list and the selection, which follows the task id. The pane and
 * the actions read the selection here; never draws. UI thread only. */
#ifndef SUNOTOP_UI_VIEW_H
#define SUNOTOP_UI_VIEW_H

#include "ui_frame.h"

enum ui_show { UI_SHOW_ALL, UI_SHOW_ACTIVE, UI_SHOW_FAILED, UI_SHOW_DONE, UI_SHOW_SLOW,
	       UI_SHOW_COUNT };
/* In the order `s` cycles them; each is a tasksort order (ui_view_order). */
enum ui_sort { UI_SORT_ADDED, UI_SORT_SUBMITTED, UI_SORT_STATUS, UI_SORT_PROGRESS,
	       UI_SORT_TITLE, UI_SORT_RUN, UI_SORT_SLOWEST, UI_SORT_COUNT };

/* Rebuilt only when membership, filter or sort (or data a filter or sort
 * depends on) changes; drawing only reads it. */
struct ui_view {
	struct entry **rows;
	size_t n, cap;
	size_t sel, top;               /* selected row, first row on screen */
	char sel_id[ID_MAX_LEN + 1];   /* selection follows this id */
	bool stale;                    /* rebuild before the next paint */
	enum ui_show show;
	enum ui_sort sort;
	bool reverse;
	char *filter;                  /* owned; NULL = no text filter */
	int id_width;                  /* widest id in the view */
};

struct ui_view *ui_view_new(void);
void ui_view_free(struct ui_view *v);
/* Re-apply filter and sort over the tasklist; the selection keeps its id. */
void ui_view_rebuild(struct ui *ui);
struct entry *ui_view_selected(const struct ui *ui);
/* Select row i of the view (a click). */
void ui_view_select_row(struct ui *ui, size_t i);
/* Whether the current order shows as descending (the heading's arrow). */
bool ui_view_descending(const struct ui_view *v);
/* Select the row holding id (if shown). */
void ui_view_select_id(struct ui *ui, const char *id);
/* Text filter; NULL or "" clears it. */
void ui_view_set_filter(struct ui *ui, const char *text);
/* A movement action on the selection; false for any other action. */
bool ui_view_move(struct ui *ui, enum ui_action a, size_t page);
const char *ui_view_show_name(enum ui_show s);
const char *ui_view_sort_name(enum ui_sort s);
/* Sort by s: a new key sorts in its own direction, the same key again
 * reverses (a click on a column heading). */
void ui_view_sort_by(struct ui *ui, enum ui_sort s);
/* The footer's "3/6 · sort:added show:failed /text". */
void ui_view_info(const struct ui *ui, char *buf, size_t n);

#endif
