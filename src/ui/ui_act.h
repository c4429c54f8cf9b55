/* ui_act: the dashboard's actions (add, untrack, undo, save), the worker's
 * events applied to the tasklist, and the keys every screen shares.
 * UI thread only; never waits for the network. */
#ifndef SUNOTOP_UI_ACT_H
#define SUNOTOP_UI_ACT_H

#include "ui_draw.h"

/* Validate and track every id in text (spaces, commas, newlines); reports
 * "added N; N duplicate; N invalid: 'x' (reason)" on the message line. */
void ui_act_add_ids(struct ui *ui, const char *text);
void ui_act_untrack(struct ui *ui, const char *id);
void ui_act_undo(struct ui *ui);
/* Write the state file now; a failure is a warning on the message line. */
void ui_act_save_now(struct ui *ui);
void ui_act_recount(struct ui *ui);
void ui_act_learn_typical(struct ui *ui);
/* Pop every queued event and apply it outside the queue's lock. */
void ui_act_apply_events(struct ui *ui);
/* Keys not taken by the focused screen. */
void ui_act_global_key(struct ui *ui, int key);

#endif
