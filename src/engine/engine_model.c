/* engine_model: the engine's bookkeeping that every part of it uses: the
 * counts and the learned run time, the link's state and how the front end
 * hears of it, messages, and saves scheduled off the key path. Front-end
 * thread only; calls no other part of the engine. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_impl.h"
#include "log.h"
#include "notify.h"
#include "taskrule.h"
#include "text.h"
#include "util.h"

#define ENGINE_SAVE_RETRY 10.0       /* after a failed save */

void engine_message(struct engine *eng, enum engine_msg kind, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (eng->cfg.view && eng->cfg.view->message)
		eng->cfg.view->message(eng->cfg.ctx, kind, buf);
}

void engine_save_now(struct engine *eng)
{
	char *err = NULL, clean[256];

	eng->save_due = 0;
	if (!eng->cfg.store)
		return;
	if (store_save(eng->cfg.store, eng->tl, &err) < 0) {
		text_sanitize_buf(err ? err : "unknown error", eng->cfg.text_flags, clean, sizeof(clean));
		engine_message(eng, ENGINE_MSG_WARN, "warning: cannot save the task list: %s", clean);
		log_write("save failed: %s", clean);
		free(err);
		eng->save_due = now_mono() + ENGINE_SAVE_RETRY;
	}
}

/* A user's edit is written by the loop's next timer run, before the screen
 * shows it (what is shown is on disk), never inside the key handler. */
void engine_save_soon(struct engine *eng, double delay)
{
	double at = now_mono() + delay;

	if (!eng->save_due || at < eng->save_due)
		eng->save_due = at;
}

bool engine_save_pending(const struct engine *eng)
{
	return eng->save_due > 0;
}

bool engine_read_only(const struct engine *eng)
{
	return !eng->cfg.store || store_readonly(eng->cfg.store);
}

/* Adds (d = 1) or removes (d = -1) one task's share of the counts, so an
 * answer costs O(1) instead of a walk over every task. Each count is one
 * category: no answer yet is not "queued", NOT_FOUND is not "failed". */
void engine_count(struct engine *eng, const struct task *t, size_t d)
{
	struct engine_counts *c = &eng->counts;
	size_t *const by_category[TASK_CAT_COUNT] = {
		[TASK_CAT_QUEUED] = &c->waiting, [TASK_CAT_RUNNING] = &c->running,
		[TASK_CAT_SUCCEEDED] = &c->done, [TASK_CAT_FAILED] = &c->failed,
	};
	size_t *slot = by_category[task_category(t)];

	if (!task_is_finished(t))
		c->active += d;
	if (slot)
		*slot += d;
}

void engine_recount(struct engine *eng)
{
	size_t n = tasklist_count(eng->tl), i;

	memset(&eng->counts, 0, sizeof(eng->counts));
	for (i = 0; i < n; i++) {
		const struct entry *e = tasklist_at(eng->tl, i);

		engine_count(eng, e->task, 1);
		eng->counts.slow += e->slow;
		eng->counts.marked += e->marked;
	}
}

void engine_learn_typical(struct engine *eng)
{
	eng->typical = estimate_learn(eng->tl);
}

void engine_set_link(struct engine *eng, enum engine_link link, const char *raw)
{
	eng->conn.link = link;
	free(eng->link_message);
	eng->link_message = raw ? xstrdup(raw) : NULL;
	eng->conn.link_message = eng->link_message;
}

void engine_tell_conn(struct engine *eng, enum engine_cause cause, const struct event *ev)
{
	struct engine_conn *c = &eng->conn;

	c->cause = cause;
	c->message = ev ? ev->message : NULL;
	c->id = ev ? ev->id : NULL;
	c->http_status = ev ? ev->http_status : 0;
	c->attempt = ev ? ev->attempt : 0;
	c->retry_in = ev ? ev->retry_in : 0;
	c->retry_after = ev ? ev->retry_after : 0;
	if (eng->cfg.view && eng->cfg.view->connection)
		eng->cfg.view->connection(eng->cfg.ctx, c);
	c->message = c->id = NULL;
}

const struct tasklist *engine_tasks(const struct engine *eng)
{
	return eng->tl;
}

const struct engine_conn *engine_connection(const struct engine *eng)
{
	return &eng->conn;
}

const struct engine_counts *engine_counts(const struct engine *eng)
{
	return &eng->counts;
}

struct estimate engine_estimate(const struct engine *eng, const struct task *t, int64_t now)
{
	return estimate_progress(t, now, eng->typical);
}

