/* estimate: progress shown for a task, since the API only says 0% or 100%.
 * Pure: from stage, clip states and elapsed time against typical durations. */
#ifndef SUNOTOP_ESTIMATE_H
#define SUNOTOP_ESTIMATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "task.h"

#define ESTIMATE_DEFAULT_SECS 120.0

struct estimate {
	int percent;          /* 0..100; never 100 unless SUCCESS */
	bool estimated;       /* shown as "~NN%" */
	bool indeterminate;   /* waiting stage: draw an indeterminate bar */
};

struct estimate estimate_progress(const struct task *t, int64_t now, double typical_secs);

/* Typical run time (submit -> finish, seconds) of finished successful tasks:
 * a robust middle (median) of the given durations, ESTIMATE_DEFAULT_SECS
 * when n == 0, clamped to [20, 1800]. */
double estimate_typical(const double *durations, size_t n);

#endif
