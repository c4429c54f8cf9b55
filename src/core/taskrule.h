/* taskrule: what a task means to a person, decided once for every front end:
 * its category (counts, filters, colours), whether it finished, failed or
 * succeeded, the status word shown, its run time and its age. Pure. */
#ifndef SUNOTOP_TASKRULE_H
#define SUNOTOP_TASKRULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "task.h"

/* What a row is, for the header's counts, the filters and the colours.
 * Each tracked id is in exactly one category. */
enum task_category {
	TASK_CAT_NEW,        /* no answer yet (no task record) */
	TASK_CAT_QUEUED,     /* waiting to start: NOT_START, SUBMITTED, QUEUED, ... */
	TASK_CAT_RUNNING,    /* IN_PROGRESS and the like */
	TASK_CAT_SUCCEEDED,  /* SUCCESS and the like */
	TASK_CAT_FAILED,     /* FAILURE and the error-like words (error, failed, fail) */
	TASK_CAT_NOT_FOUND,  /* the API does not know the id: not a failure of the task */
	TASK_CAT_UNKNOWN,    /* the literal UNKNOWN (finished), or a word we do not know
			      * (polled again: it may be a new stage) */
	TASK_CAT_COUNT
};

/* t may be NULL (no answer yet) in all of these. */
enum task_category task_category(const struct task *t);
/* Not polled again unless refreshed: SUCCESS, FAILURE, UNKNOWN, NOT_FOUND
 * and their synonyms (task.h). */
bool task_is_finished(const struct task *t);
bool task_succeeded(const struct task *t);
/* The task itself failed: category FAILED. NOT_FOUND and UNKNOWN are not. */
bool task_failed(const struct task *t);
/* Finished without success: failed, not found, or a finished UNKNOWN.
 * This is what --exit-status reports as 1, what the "failed" filter shows
 * and what is drawn in the failure colour; such a task shows no progress. */
bool task_unsuccessful(const struct task *t);

/* The status word people see (list, pane, --once, --watch): "NEW" with no
 * answer yet, "NOT_FOUND" for an unknown id, else the server's status in
 * upper case (ASCII letters only) when it is a plain word of letters,
 * digits, '_', '-' and spaces that fits in buf; otherwise our name for the
 * state. Always safe to print as is. Returns buf or a constant. */
#define TASK_WORD_MAX 24
const char *task_status_word(const struct task *t, char *buf, size_t n);
/* The status for --json: the server's status with ASCII letters
 * upper-cased and every other byte kept; our state name when it sent
 * none, and "NOT_FOUND" for an unknown id. Caller frees. */
char *task_status_upper(const struct task *t);

/* Run time, in seconds: from start_time to finish_time once finished, or
 * to now while unfinished. A task past waiting whose server sent no start
 * time counts from submit_time. -1 when there is none: no answer, still
 * waiting to start, or finished without a usable finish time. */
int64_t task_run_time(const struct task *t, int64_t now);
/* Age, in seconds: from submit_time to now; -1 without a submit time. */
int64_t task_age(const struct task *t, int64_t now);

/* The stage an unfinished task waits or runs in, each with its own learned
 * typical duration (estimate_learn_stages) and slow limit. */
enum task_stage {
	TASK_STAGE_NONE,       /* no answer, finished, or a word we do not know */
	TASK_STAGE_SUBMITTED,  /* NOT_START, SUBMITTED, pending: not yet queued */
	TASK_STAGE_QUEUED,     /* QUEUED */
	TASK_STAGE_RUNNING,    /* IN_PROGRESS and the like */
	TASK_STAGE_COUNT
};
enum task_stage task_stage(const struct task *t);
/* The stage a raw status word means (as task_stage for an unfinished task). */
enum task_stage task_stage_of_status(const char *status);
/* "SUBMITTED", "QUEUED", "IN_PROGRESS"; "" for none. */
const char *task_stage_name(enum task_stage s);

/* Slow: longer in its stage than TASK_SLOW_FACTOR times the typical
 * duration learned for that stage, or TASK_SLOW_DEFAULT seconds while
 * nothing is learned (typical <= 0); never under TASK_SLOW_FLOOR seconds,
 * as shorter stages are within the polling interval's noise. */
#define TASK_SLOW_FACTOR 3
#define TASK_SLOW_DEFAULT 600
#define TASK_SLOW_FLOOR 60
/* Seconds in a stage after which a task is slow. */
int64_t task_slow_limit(double typical);
/* typical: per stage (TASK_STAGE_COUNT entries, <= 0 = nothing learned);
 * since: when it entered its stage (timeline_stage_since). */
bool task_is_slow(const struct task *t, int64_t since, int64_t now, const double *typical);

#endif
