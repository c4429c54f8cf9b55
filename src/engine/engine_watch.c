/* engine_watch: each entry's timeline recorded as answers, errors and
 * downloads come in, the typical duration of each stage learned, and the
 * slow rule kept true as time passes (one check at the next moment a task
 * can turn slow, never a timer per second; tasks already slow at start are
 * not rung). Front-end thread only; never
 * draws, prints or writes a file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_impl.h"
#include "log.h"
#include "notify.h"
#include "taskrule.h"
#include "util.h"

#define ENGINE_WATCH_SAVE_DELAY 10.0

int64_t engine_clock(const struct engine *eng)
{
	return eng->cfg.clock ? eng->cfg.clock() : now_wall();
}

int64_t engine_now(const struct engine *eng)
{
	return engine_clock(eng);
}

int64_t engine_stage_since(const struct engine *eng, const struct entry *e)
{
	(void)eng;
	return timeline_stage_since(e->timeline, e->task, e->added);
}

double engine_stage_typical(const struct engine *eng, enum task_stage s)
{
	return s < TASK_STAGE_COUNT ? eng->stage_typical[s] : 0;
}

void engine_sort_ctx(const struct engine *eng, int64_t now, struct task_sort_ctx *ctx)
{
	ctx->now = now;
	ctx->typical_run = eng->typical;
	ctx->stage_typical = eng->stage_typical;
}

static void engine_watch_tell(struct engine *eng, struct entry *e, unsigned what)
{
	if (eng->cfg.view && eng->cfg.view->task_changed)
		eng->cfg.view->task_changed(eng->cfg.ctx, e, what);
}

/* Once per task: a task that turned slow before (its timeline says so)
 * does not ring again, across restarts too. */
static void engine_watch_ring(struct engine *eng, const struct entry *e)
{
	const struct options *o = eng->cfg.o;
	char *seq;

	log_write("task %s is slow in %s", e->id, task_stage_name(task_stage(e->task)));
	if (!eng->cfg.notify || !o->notify_slow || !eng->cfg.ring)
		return;
	seq = notify_sequence_as(e->task, "slow: ", o->bell, o->notify);
	if (*seq) {
		fputs(seq, eng->cfg.ring);
		fflush(eng->cfg.ring);
	}
	free(seq);
}

/* Sets e->slow for now; keeps slow_due at the earliest moment a task
 * that is not slow yet would be. True when e->slow changed. `quiet`: the
 * first look after start, where a task found slow was slow already while
 * the dashboard was closed; it is recorded, never rung. */
static bool engine_watch_check(struct engine *eng, struct entry *e, int64_t now, bool quiet)
{
	int64_t since = engine_stage_since(eng, e), due;
	enum task_stage s = task_stage(e->task);
	bool slow = task_is_slow(e->task, since, now, eng->stage_typical), told;

	if (!slow && s != TASK_STAGE_NONE && since > 0) {
		due = since + task_slow_limit(eng->stage_typical[s]) + 1;
		if (!eng->slow_due || due < eng->slow_due)
			eng->slow_due = due;
	}
	if (slow == e->slow)
		return false;
	e->slow = slow;
	if (!slow) {
		eng->counts.slow--;
		return true;
	}
	eng->counts.slow++;
	told = timeline_last(e->timeline, TIMELINE_SLOW) != NULL;
	timeline_add(&e->timeline, now, TIMELINE_SLOW, -1, task_stage_name(s));
	engine_save_soon(eng, ENGINE_WATCH_SAVE_DELAY);
	if (!told && !quiet)
		engine_watch_ring(eng, e);
	return true;
}

static void engine_watch_scan(struct engine *eng)
{
	size_t i, n = tasklist_count(eng->tl), found = 0;
	int64_t now = engine_clock(eng);
	bool first = !eng->slow_scanned;

	eng->slow_scanned = true;
	eng->slow_due = 0;
	for (i = 0; i < n; i++) {
		struct entry *e = tasklist_at(eng->tl, i);

		if (engine_watch_check(eng, e, now, first)) {
			found += e->slow;
			engine_watch_tell(eng, e, ENGINE_CH_SLOW);
		}
	}
	if (first && found)
		log_write("%zu tasks already slow at start", found);
}

void engine_watch_learn(struct engine *eng)
{
	estimate_learn_stages(eng->tl, eng->stage_typical);
	if (eng->slow_scanned)
		engine_watch_scan(eng);
}

void engine_watch_begin(struct engine *eng)
{
	engine_watch_scan(eng);
}

void engine_watch_start(struct engine *eng)
{
	size_t i, n = tasklist_count(eng->tl);

	/* A list saved before timelines existed, or ids given on the
	 * command line: what is known of them so far. Which are slow is
	 * first looked at by engine_start, once the front end listens. */
	for (i = 0; i < n; i++) {
		struct entry *e = tasklist_at(eng->tl, i);

		if (e->timeline)
			continue;
		if (e->added > 0)
			timeline_add(&e->timeline, e->added, TIMELINE_ADDED, -1, NULL);
		if (e->task && e->fetched > 0)
			timeline_note_task(&e->timeline, e->fetched, NULL, e->task);
	}
	engine_watch_learn(eng);
}

void engine_watch_task(struct engine *eng, struct entry *e, const struct task *fresh,
		       int64_t time)
{
	(void)eng;
	timeline_note_task(&e->timeline, time, e->task, fresh);
}

unsigned engine_watch_slow(struct engine *eng, struct entry *e)
{
	return engine_watch_check(eng, e, engine_clock(eng), !eng->slow_scanned) ? ENGINE_CH_SLOW : 0;
}

/* The same error every round is one event: a timeline of fifty copies of
 * "timed out" would push out everything worth seeing. */
void engine_watch_error(struct engine *eng, struct entry *e, const char *raw, int64_t time)
{
	const struct timeline_event *last = timeline_last(e->timeline, TIMELINE_KIND_COUNT);

	if (!raw)
		raw = "error";
	if (last && last->kind == TIMELINE_ERROR && last->text && strncmp(last->text, raw, TIMELINE_TEXT_MAX) == 0)
		return;
	timeline_add(&e->timeline, time, TIMELINE_ERROR, -1, raw);
	engine_save_soon(eng, ENGINE_WATCH_SAVE_DELAY);
}

void engine_watch_download(struct engine *eng, struct entry *e, const struct event *ev)
{
	const char *what = download_what_name((enum download_what)ev->dl_what);
	char *text;

	switch ((enum download_state)ev->dl_state) {
	case DL_DONE:
	case DL_EXISTS:
		text = xasprintf("%s saved", what);
		break;
	case DL_FAILED:
		text = xasprintf("%s failed: %s", what, ev->message ? ev->message : "error");
		break;
	default:
		return;
	}
	timeline_add(&e->timeline, ev->time ? ev->time : engine_clock(eng), TIMELINE_DOWNLOAD,
		     ev->clip, text);
	free(text);
	engine_save_soon(eng, ENGINE_WATCH_SAVE_DELAY);
}

double engine_watch_next(const struct engine *eng)
{
	int64_t left;

	if (!eng->slow_due)
		return 0;
	left = eng->slow_due - engine_clock(eng);
	return now_mono() + (double)(left > 0 ? left : 0);
}

void engine_watch_due(struct engine *eng)
{
	if (!eng->slow_scanned || (eng->slow_due && engine_clock(eng) >= eng->slow_due))
		engine_watch_scan(eng);
}
