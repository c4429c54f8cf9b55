/* tasksort: the orders the task list can be sorted in, each a comparator
 * over entries, the same wherever a list is sorted. Pure. */
#ifndef SUNOTOP_TASKSORT_H
#define SUNOTOP_TASKSORT_H

#include <stdint.h>

#include "tasklist.h"
#include "taskrule.h"

/* Each in its most useful direction; reversing flips it. */
enum task_sort {
	TASK_SORT_ADDED,      /* the order they were added in */
	TASK_SORT_AGE,        /* oldest first: by submit time (else when added) */
	TASK_SORT_STATUS,     /* running, queued, new, failed, not found, unknown, done */
	TASK_SORT_PROGRESS,   /* furthest first (the progress shown) */
	TASK_SORT_RUNTIME,    /* longest run time first; none last */
	TASK_SORT_TITLE,      /* A to Z, case-insensitive; untitled last */
	TASK_SORT_SLOWEST,    /* longest in its stage against its slow limit first */
	TASK_SORT_COUNT
};

/* What some orders need besides the entries. */
struct task_sort_ctx {
	int64_t now;                  /* wall clock */
	double typical_run;           /* the estimate's typical run time */
	const double *stage_typical;  /* TASK_STAGE_COUNT entries, or NULL */
};

/* The sort's name ("status", "age", ...), for the heading and messages. */
const char *task_sort_name(enum task_sort key);
/* < 0, 0, > 0 as a sorts before b; ties go in the order added, so the
 * result is never 0 for two different entries. */
int task_sort_compare(enum task_sort key, const struct entry *a, const struct entry *b,
		      const struct task_sort_ctx *ctx);
/* How far into its slow limit a task is in its stage: 1.0 = turning slow
 * now; < 0 for a task in no stage. */
double task_sort_slowness(const struct entry *e, const struct task_sort_ctx *ctx);

#endif
