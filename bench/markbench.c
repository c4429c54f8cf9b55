/* markbench: the time a bulk action over marks takes in the engine, for
 * bench/run.sh: N tracked tasks (half running), every other one marked,
 * untracked in one step and restored by one undo, with the poller thread
 * running (against a closed loopback port) as in the dashboard. Prints
 * milliseconds of CPU (the whole process) and of wall time for each. Not
 * part of the program or check. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "options.h"
#include "tasklist.h"
#include "util.h"

static double markbench_clock(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* What a front end does per removed or added task: find it by id. */
static void markbench_removed(void *ctx, const char *id)
{
	(void)ctx;
	(void)id;
}

static const struct engine_view markbench_view = {
	.task_removed = markbench_removed,
};

static struct task *markbench_task(const char *id, bool done, int64_t now)
{
	struct task *t = task_new(id);

	free(t->status);
	t->status = xstrdup(done ? "SUCCESS" : "IN_PROGRESS");
	t->state = task_state_from_status(t->status, &t->finished);
	t->submit_time = now - 300;
	t->start_time = now - 290;
	t->finish_time = done ? now - 100 : 0;
	t->n_clips = 2;
	t->clips = xcalloc(2, sizeof(*t->clips));
	t->clips[0].title = xstrdup("A song");
	t->clips[1].title = xstrdup("A song");
	t->clips[0].status = xstrdup(done ? "complete" : "streaming");
	t->clips[1].status = xstrdup(done ? "complete" : "streaming");
	t->clips[0].duration = t->clips[1].duration = -1;
	return t;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000, i, marked, k;
	struct api_config ac = { .base_url = "http://127.0.0.1:9", .key = "bench" };
	struct engine_config ec = { 0 };
	struct engine_undo_report u;
	struct options o;
	struct tasklist *tl = tasklist_new();
	struct engine *eng;
	struct api *api;
	char *err = NULL;
	int64_t now = now_wall();
	double c0, w0, cpu[2], wall[2];

	options_init(&o);
	for (i = 0; i < n; i++) {
		char id[40];

		snprintf(id, sizeof(id), "5d0c%04zx-0000-4000-8000-%012zx", i % 65536, i);
		tasklist_add(tl, id, now - 600);
		tasklist_update(tl, markbench_task(id, i % 2 == 0, now), now);
	}
	api = api_new(&ac, &err);
	if (!api)
		die("api: %s", err);
	ec.o = &o;
	ec.api = api;
	ec.tl = tl;
	ec.view = &markbench_view;
	eng = engine_new(&ec, &err);
	free(err);
	engine_start(eng);
	engine_pause(eng, true);
	for (i = 0; i < n; i += 2)
		engine_mark(eng, tasklist_at(tl, i)->id, true);
	marked = engine_counts(eng)->marked;

	c0 = markbench_clock(CLOCK_PROCESS_CPUTIME_ID);
	w0 = markbench_clock(CLOCK_MONOTONIC);
	k = engine_untrack_marked(eng);
	cpu[0] = markbench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0;
	wall[0] = markbench_clock(CLOCK_MONOTONIC) - w0;
	if (k != marked || tasklist_count(tl) != n - marked)
		die("untracked %zu of %zu", k, marked);

	c0 = markbench_clock(CLOCK_PROCESS_CPUTIME_ID);
	w0 = markbench_clock(CLOCK_MONOTONIC);
	engine_undo(eng, &u);
	cpu[1] = markbench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0;
	wall[1] = markbench_clock(CLOCK_MONOTONIC) - w0;
	if (u.n != marked || tasklist_count(tl) != n || engine_counts(eng)->marked != marked)
		die("undo restored %zu of %zu", u.n, marked);

	printf("tasks %zu marked %zu untrack cpu %.2f ms wall %.2f ms undo cpu %.2f ms wall %.2f ms\n",
	       n, marked, cpu[0], wall[0], cpu[1], wall[1]);
	if (engine_stop(eng, &err) < 0)
		free(err);
	engine_free(eng);
	api_free(api);
	tasklist_free(tl);
	options_free(&o);
	return 0;
}
