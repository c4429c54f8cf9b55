/* tasksort: one comparator per order of the task list. Pure: must never
 * allocate or do I/O (it runs inside qsort over 10,000 entries). */
#include "config.h"

#include <strings.h>

#include "estimate.h"
#include "tasksort.h"
#include "timeline.h"

const char *task_sort_name(enum task_sort key)
{
	static const char *const names[TASK_SORT_COUNT] = {
		[TASK_SORT_ADDED] = "added", [TASK_SORT_AGE] = "age",
		[TASK_SORT_STATUS] = "status", [TASK_SORT_PROGRESS] = "progress",
		[TASK_SORT_RUNTIME] = "run time", [TASK_SORT_TITLE] = "title",
		[TASK_SORT_SLOWEST] = "slowest",
	};

	return key < TASK_SORT_COUNT ? names[key] : "";
}

static int tasksort_num(double a, double b)
{
	return (a > b) - (a < b);
}

static int tasksort_status_rank(const struct entry *e)
{
	static const int rank[TASK_CAT_COUNT] = {
		[TASK_CAT_RUNNING] = 0, [TASK_CAT_QUEUED] = 1, [TASK_CAT_NEW] = 2,
		[TASK_CAT_FAILED] = 3, [TASK_CAT_NOT_FOUND] = 4, [TASK_CAT_UNKNOWN] = 5,
		[TASK_CAT_SUCCEEDED] = 6,
	};

	return rank[task_category(e->task)];
}

static int64_t tasksort_submitted(const struct entry *e)
{
	return e->task && e->task->submit_time ? e->task->submit_time : e->added;
}

double task_sort_slowness(const struct entry *e, const struct task_sort_ctx *ctx)
{
	enum task_stage s = task_stage(e->task);
	int64_t since;

	if (s == TASK_STAGE_NONE)
		return -1;
	since = timeline_stage_since(e->timeline, e->task, e->added);
	if (since <= 0)
		return -1;
	return (double)(ctx->now - since) /
	       (double)task_slow_limit(ctx->stage_typical ? ctx->stage_typical[s] : 0);
}

static int tasksort_title(const struct entry *a, const struct entry *b)
{
	const char *ta = a->task ? task_title(a->task) : NULL;
	const char *tb = b->task ? task_title(b->task) : NULL;

	if (ta && !*ta)
		ta = NULL;
	if (tb && !*tb)
		tb = NULL;
	if (!ta || !tb)
		return (ta == NULL) - (tb == NULL);
	return strcasecmp(ta, tb);
}

int task_sort_compare(enum task_sort key, const struct entry *a, const struct entry *b,
		      const struct task_sort_ctx *ctx)
{
	int c = 0;

	switch (key) {
	case TASK_SORT_AGE:
		c = tasksort_num((double)tasksort_submitted(a), (double)tasksort_submitted(b));
		break;
	case TASK_SORT_STATUS:
		c = tasksort_status_rank(a) - tasksort_status_rank(b);
		break;
	case TASK_SORT_PROGRESS:
		c = estimate_progress(b->task, ctx->now, ctx->typical_run).percent -
		    estimate_progress(a->task, ctx->now, ctx->typical_run).percent;
		break;
	case TASK_SORT_RUNTIME:
		c = tasksort_num((double)task_run_time(b->task, ctx->now),
				 (double)task_run_time(a->task, ctx->now));
		break;
	case TASK_SORT_TITLE:
		c = tasksort_title(a, b);
		break;
	case TASK_SORT_SLOWEST:
		c = tasksort_num(task_sort_slowness(b, ctx), task_sort_slowness(a, ctx));
		break;
	case TASK_SORT_ADDED:
	case TASK_SORT_COUNT:
		break;
	}
	return c ? c : tasksort_num((double)a->seq, (double)b->seq);
}
