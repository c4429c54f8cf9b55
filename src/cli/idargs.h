/* idargs: the task ids of the command line and of -f files, validated and
 * added to a tasklist. Never opens the store. */
#ifndef SUNOTOP_IDARGS_H
#define SUNOTOP_IDARGS_H

#include "options.h"
#include "tasklist.h"

/* Adds o's ids and the ids in its -f files to tl, in order, without
 * duplicates. Returns 0, or 2 with *err set (caller frees): an unreadable
 * or oversized file, or the invalid ids, one per line. */
int idargs_collect(const struct options *o, struct tasklist *tl, char **err);

#endif
