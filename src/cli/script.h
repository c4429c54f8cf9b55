/* script: the --once / --watch front end. Same engine as the dashboard
 * (poller + queue), printing a human table or JSON Lines. Human output is
 * sanitized; JSON keeps the server's strings exactly. */
#ifndef SUNOTOP_SCRIPT_H
#define SUNOTOP_SCRIPT_H

#include <stdio.h>
#include "api.h"
#include "options.h"
#include "tasklist.h"

/* Polls the ids in tl and prints. Returns the exit status (0, 1, 3). */
int script_run(const struct options *o, struct api *api, struct tasklist *tl,
	       FILE *out, FILE *err);

#endif
