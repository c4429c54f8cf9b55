/* ui_act: what the key table's actions do on the dashboard: engine calls,
 * screens opened, and the words that report them. UI thread only; never
 * waits for the network or the disk. */
#ifndef SUNOTOP_UI_ACT_H
#define SUNOTOP_UI_ACT_H

#include "ui_frame.h"

/* A key where the focus is: its action from the key table, offered to the
 * focused screen first (movement), else run here. */
void ui_act_key(struct ui *ui, int key);
/* The same for an action chosen otherwise (a click on a footer hint). */
void ui_act_do(struct ui *ui, enum ui_action a);
void ui_act_run(struct ui *ui, enum ui_action a);

#endif
