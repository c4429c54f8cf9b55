/* ui: the ncurses dashboard. The only module that calls ncurses; owns the
 * tasklist while running and talks to the worker only through the poller
 * commands and the queue. */
#ifndef SUNOTOP_UI_H
#define SUNOTOP_UI_H

#include "api.h"
#include "options.h"
#include "store.h"
#include "tasklist.h"

/* Runs the dashboard until the user quits. Returns the exit status. The
 * store may be read-only (or NULL with --state unusable). `startup_msg`, if
 * non-NULL, is shown in the message line at start (e.g. a store warning). */
int ui_run(const struct options *o, struct api *api, struct store *store,
	   struct tasklist *tl, const char *startup_msg);

#endif
