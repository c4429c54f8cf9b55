/* ui_events: the dashboard's side of the engine: the callbacks it gives
 * it, and the pump that applies the workers' records and marks what must
 * be painted. UI thread only. */
#ifndef SUNOTOP_UI_EVENTS_H
#define SUNOTOP_UI_EVENTS_H

#include "ui_frame.h"

/* The callbacks the dashboard gives the engine (ctx: the struct ui). */
extern const struct engine_view ui_events_view;

/* Apply what the workers posted, then mark what must be painted. */
void ui_events_pump(struct ui *ui);

#endif
