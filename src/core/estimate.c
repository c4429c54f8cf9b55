#include "config.h"
/* estimate: progress shown for a task, since the API only says 0% or 100%.
 * Pure: must never claim 100% for a task that has not succeeded. */

#include <math.h>
#include <stdlib.h>
#include <strings.h>

#include "estimate.h"
#include "util.h"

/* The running estimate, with f = elapsed / typical:
 *
 *   f <= 1:  base = 5 + 85 f                     (5% at start, 90% at typical)
 *   f >  1:  base = 90 + 9 (1 - e^-(f - 1))      (creeps toward 99, never there)
 *
 * Clip states then set floors: any "streaming" clip means audio exists, so
 * at least 30%; c of n clips "complete" (c > 0) means at least 50 + 45 c / n.
 * The result is rounded down and clamped to [1, 99]: a running task is never
 * shown as not started nor as done. base is non-decreasing in f, so the bar
 * never moves backwards while nothing else changes. */
static int estimate_running(const struct task *t, int64_t now, double typical)
{
	int64_t from = t->start_time ? t->start_time : t->submit_time;
	double elapsed = 0, f, pct;
	size_t i, complete = 0, streaming = 0;

	if (from && now > from)
		elapsed = (double)(now - from);
	if (!(typical > 0))
		typical = ESTIMATE_DEFAULT_SECS;
	f = elapsed / typical;
	if (f <= 1)
		pct = 5 + 85 * f;
	else
		pct = 90 + 9 * (1 - exp(-(f - 1)));

	for (i = 0; i < t->n_clips; i++) {
		const char *st = t->clips[i].status;

		if (!st)
			continue;
		if (strcasecmp(st, "complete") == 0)
			complete++;
		else if (strcasecmp(st, "streaming") == 0)
			streaming++;
	}
	if (streaming && pct < 30)
		pct = 30;
	if (complete && pct < 50 + 45.0 * (double)complete / (double)t->n_clips)
		pct = 50 + 45.0 * (double)complete / (double)t->n_clips;

	pct = floor(pct);
	if (!(pct >= 1))
		pct = 1;
	if (pct > 99)
		pct = 99;
	return (int)pct;
}

struct estimate estimate_progress(const struct task *t, int64_t now, double typical_secs)
{
	struct estimate e = { 0, false, false };

	if (t->state == TASK_SUCCEEDED) {
		e.percent = 100;
		return e;
	}
	/* Finished without success: whatever the server last said, but the
	 * bar must not read as complete. */
	if (t->finished || t->state == TASK_FAILED || t->state == TASK_NOT_FOUND) {
		e.percent = t->progress < 0 ? 0 : t->progress > 99 ? 99 : t->progress;
		return e;
	}
	/* A real intermediate value from the API beats any guess. */
	if (t->progress > 0 && t->progress < 100) {
		e.percent = t->progress;
		return e;
	}
	if (t->state == TASK_WAITING) {
		e.estimated = true;
		e.indeterminate = true;
		return e;
	}
	e.percent = estimate_running(t, now, typical_secs);
	e.estimated = true;
	return e;
}

static int estimate_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double estimate_typical(const double *durations, size_t n)
{
	double *v, mid;
	size_t i, m = 0;

	if (n == 0 || !durations)
		return ESTIMATE_DEFAULT_SECS;
	v = xmalloc(n * sizeof(*v));
	/* Zero, negative and NaN durations come from clock skew or missing
	 * timestamps; they say nothing about how long generation takes. */
	for (i = 0; i < n; i++)
		if (durations[i] > 0)
			v[m++] = durations[i];
	if (m == 0) {
		free(v);
		return ESTIMATE_DEFAULT_SECS;
	}
	qsort(v, m, sizeof(*v), estimate_cmp);
	mid = m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
	free(v);
	if (mid < 20)
		mid = 20;
	if (mid > 1800)
		mid = 1800;
	return mid;
}
