/* estimate: progress shown for a task, since the API only says 0% or 100%.
 * Pure: from stage, clip states and elapsed time against typical durations. */
#ifndef SUNOTOP_ESTIMATE_H
#define SUNOTOP_ESTIMATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "task.h"

#define ESTIMATE_DEFAULT_SECS 120.0

/* The progress shown for a task, the same in the list, the pane, --once
 * and --watch (--json carries the API's own number instead):
 *   SUCCESS                     100, real
 *   finished without success    no figure: an empty bar and "-" (the status
 *                               word says why; never an almost full bar)
 *   no answer yet               no figure, indeterminate
 *   a real 1..99 from the API   that value
 *   waiting to start            ~0, indeterminate
 *   running                     the estimate from run time and clip states */
struct estimate {
	int percent;          /* 0..100; never 100 unless SUCCESS; 0 with none */
	bool estimated;       /* shown as "~NN%" */
	bool indeterminate;   /* waiting stage: draw an indeterminate bar */
	bool none;            /* no figure: drawn as "-" */
};

/* t may be NULL (no answer yet). */
struct estimate estimate_progress(const struct task *t, int64_t now, double typical_secs);
/* The figure as printed: "100%", "37%", "~42%", "-". */
#define ESTIMATE_TEXT_MAX 8
const char *estimate_text(const struct estimate *e, char *buf, size_t n);

/* Typical run time (task_run_time, seconds) of finished successful tasks:
 * a robust middle (median) of the given durations, ESTIMATE_DEFAULT_SECS
 * when n == 0, clamped to [20, 1800]. */
double estimate_typical(const double *durations, size_t n);
/* estimate_typical of the run times of the succeeded tasks in tl. */
struct tasklist;
double estimate_learn(const struct tasklist *tl);

/* A stage's typical duration is learned from at least this many tasks. */
#define ESTIMATE_STAGE_MIN 3
/* The typical duration of each stage (enum task_stage, TASK_STAGE_COUNT
 * entries) over the tasks in tl: the median of what their timelines saw
 * (timeline_stage_durations), unclamped; 0 where fewer than
 * ESTIMATE_STAGE_MIN tasks tell (nothing learned). */
void estimate_learn_stages(const struct tasklist *tl, double *typical);

#endif
