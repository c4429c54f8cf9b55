/* script_fmt: how --once and --watch show a task in words: the status word
 * (coloured by the dashboard's roles only when asked), the summary --watch
 * ends with. Writes only to the FILE it is given. */
#ifndef SUNOTOP_SCRIPT_FMT_H
#define SUNOTOP_SCRIPT_FMT_H

#include <stdbool.h>
#include <stdio.h>

#include "tasklist.h"

/* Prints `word` left-aligned in `width` columns; with `color`, wrapped in
 * the SGR colour of the entry's role (as in the dashboard: waiting yellow,
 * running cyan, done green, failed, not found and no answer red). */
void script_fmt_status(FILE *f, const struct entry *e, const char *word, int width, bool color);

/* Indented lines under a row: the failure reason, the error; for an id
 * without an answer its own error, else `why` (the run's reason), so every
 * NO ANSWER row says why. Sanitized. */
void script_fmt_detail(FILE *f, const struct entry *e, const char *why);

/* The line --watch ends with: "summary: N succeeded, N failed, N not found"
 * and, when there are any, unknown, unfinished and unanswered tasks. With
 * `json` the line goes to stderr style ("sunotop: summary: ..."), since
 * stdout then holds task objects only. */
void script_fmt_summary(FILE *f, const struct tasklist *tl, bool json);

#endif
