/* ui_act: the dashboard's engine callbacks and the keys every screen
 * shares, each an engine call. UI thread only; never waits for the network
 * or the disk. */
#ifndef SUNOTOP_UI_ACT_H
#define SUNOTOP_UI_ACT_H

#include "ui_draw.h"

/* The callbacks the dashboard gives the engine (ctx: the struct ui). */
extern const struct engine_view ui_act_view;

/* Apply what the workers posted, then mark what must be painted. */
void ui_act_pump(struct ui *ui);
/* Validate and track every id in text (spaces, commas, newlines); reports
 * "added N; N duplicate; N invalid: 'x' (reason)" on the message line. */
void ui_act_add_ids(struct ui *ui, const char *text);
void ui_act_untrack(struct ui *ui, const char *id);
/* A key where the focus is: its action from the key table, offered to the
 * focused screen first (movement), else run here. */
void ui_act_key(struct ui *ui, int key);
void ui_act_run(struct ui *ui, enum ui_action a);

#endif
