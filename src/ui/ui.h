/* ui: the ncurses dashboard, a presenter of the engine: the only module
 * that calls ncurses; it renders what the engine tells it and turns keys
 * into engine calls, and holds no rule about tasks. */
#ifndef SUNOTOP_UI_H
#define SUNOTOP_UI_H

#include "api.h"
#include "options.h"
#include "store.h"
#include "tasklist.h"
#include "ui_frame.h"

/* Runs the dashboard until the user quits. Returns the exit status. The
 * store may be read-only (or NULL with --state unusable). `startup_msg`, if
 * non-NULL, is shown in the message line at start (e.g. a store warning). */
int ui_run(const struct options *o, struct api *api, struct store *store,
	   struct tasklist *tl, const char *startup_msg);

/* The dashboard's state around an engine, without a terminal or a loop
 * (ui_run's set-up; tests and the benchmark drive the screens with it). */
void ui_setup(struct ui *ui, const struct options *o, struct engine *eng, bool ascii);
void ui_teardown(struct ui *ui);

#endif
