#include "config.h"
/* estimate: the progress shown for a task, since the API only says 0% or
 * 100%. Pure: must never claim 100%, nor almost, for a task that has not
 * succeeded. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "estimate.h"
#include "taskrule.h"
#include "tasklist.h"
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
	int64_t run = task_run_time(t, now);
	double elapsed = run > 0 ? (double)run : 0, f, pct;
	size_t i, complete = 0, streaming = 0;

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
	struct estimate e = { 0, false, false, false };

	if (!t) {
		e.none = e.indeterminate = true;
		return e;
	}
	if (task_succeeded(t)) {
		e.percent = 100;
		return e;
	}
	/* Whatever the server last said (FAILURE often comes with 100), a
	 * task that ended without success has no progress to show. */
	if (t->finished || task_unsuccessful(t)) {
		e.none = true;
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

const char *estimate_text(const struct estimate *e, char *buf, size_t n)
{
	if (e->none)
		return "-";
	snprintf(buf, n, "%s%d%%", e->estimated ? "~" : "", e->percent);
	return buf;
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

double estimate_learn(const struct tasklist *tl)
{
	size_t n = tasklist_count(tl), i, k = 0;
	double *d = xmalloc((n ? n : 1) * sizeof(*d)), typical;

	for (i = 0; i < n; i++) {
		const struct task *t = tasklist_at(tl, i)->task;
		int64_t run = task_run_time(t, 0);

		if (task_succeeded(t) && run > 0)
			d[k++] = (double)run;
	}
	typical = estimate_typical(d, k);
	free(d);
	return typical;
}
