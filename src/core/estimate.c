#include "config.h"
/* estimate: the progress shown for a task, since the API only says 0% or
 * 100%. Pure: must never claim 100%, nor almost, for a task that has not
 * succeeded. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* The median of the positive durations, sorting them in place; 0 when
 * there are fewer than min. Zero, negative and NaN durations come from
 * clock skew or missing timestamps; they say nothing about how long
 * generation takes. */
static double estimate_median(double *v, size_t n, size_t min)
{
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (v[i] > 0)
			v[m++] = v[i];
	if (m == 0 || m < min)
		return 0;
	qsort(v, m, sizeof(*v), estimate_cmp);
	return m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
}

double estimate_typical(const double *durations, size_t n)
{
	double *v, mid;

	if (n == 0 || !durations)
		return ESTIMATE_DEFAULT_SECS;
	v = xmalloc(n * sizeof(*v));
	memcpy(v, durations, n * sizeof(*v));
	mid = estimate_median(v, n, 1);
	free(v);
	if (mid <= 0)
		return ESTIMATE_DEFAULT_SECS;
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

void estimate_learn_stages(const struct tasklist *tl, double *typical)
{
	size_t n = tasklist_count(tl), i, k[TASK_STAGE_COUNT] = { 0 }, s;
	double *d[TASK_STAGE_COUNT], got[TASK_STAGE_COUNT];

	for (s = 0; s < TASK_STAGE_COUNT; s++)
		d[s] = xmalloc((n ? n : 1) * sizeof(double));
	for (i = 0; i < n; i++) {
		const struct entry *e = tasklist_at(tl, i);

		timeline_stage_durations(e->timeline, e->task, got);
		for (s = 1; s < TASK_STAGE_COUNT; s++)
			if (got[s] > 0)
				d[s][k[s]++] = got[s];
	}
	typical[TASK_STAGE_NONE] = 0;
	for (s = 0; s < TASK_STAGE_COUNT; s++) {
		if (s)
			typical[s] = estimate_median(d[s], k[s], ESTIMATE_STAGE_MIN);
		free(d[s]);
	}
}
