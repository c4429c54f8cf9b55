#include "config.h"
/* poller_round: one round of the poller's worker: the due ids taken, the
 * fetch, each outcome applied to the schedule (backoff, Retry-After, key
 * rejected) and the records posted. Never draws; no lock held in fetch. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backoff.h"
#include "log.h"
#include "poller_impl.h"
#include "util.h"

/* ---- the worker ---- */

void poller_post(struct poller *p, struct event *ev)
{
	queue_push(p->cfg.queue, ev);
}

static struct event *poller_event(enum event_kind kind, const char *id,
				  const char *message, long http_status)
{
	struct event *ev = event_new(kind);

	ev->id = xstrdup(id);
	ev->message = xstrdup(message);
	ev->http_status = http_status;
	return ev;
}

/* Server text first; a bare status or "no answer" when there is none. */
static char *poller_error_text(const struct api_outcome *o)
{
	if (o->message && *o->message)
		return xstrdup(o->message);
	if (o->code && *o->code)
		return xstrdup(o->code);
	if (o->http_status)
		return xasprintf("HTTP %ld", o->http_status);
	return xstrdup("no answer from the server");
}

static void poller_outcome_retry_locked(struct poller *p, struct pollset_entry *e,
					const struct api_outcome *o, double now)
{
	struct poller_round *r = &p->round;
	int max_attempts = p->cfg.max_attempts > 0 ? p->cfg.max_attempts : BACKOFF_MAX_ATTEMPTS;
	int attempt;
	double delay;

	e->attempts++;
	if (!r->retry_seen) {
		r->retry_seen = true;
		p->streak++;
	}
	attempt = e->attempts > p->streak ? e->attempts : p->streak;
	if (p->cfg.once && e->attempts >= max_attempts) {
		struct event *ev = event_new(EV_GAVE_UP);
		ev->id = xstrdup(e->id);
		ev->message = poller_error_text(o);
		ev->http_status = o->http_status;
		ev->attempt = e->attempts;
		poller_post(p, ev);
		poller_resolve_locked(p, e);
		return;
	}
	delay = backoff_delay(attempt, o->retry_after, p->io.rand01(p->rand_ctx));
	e->next_due = now + fmax(delay, POLLER_MIN_RETRY);
	/* The server's limit is per key, not per id: nothing goes out before
	 * the longest delay any id of the round was told to wait. */
	if (e->next_due > p->global_until)
		p->global_until = e->next_due;
	if (!r->retry_msg) {
		r->retry_msg = poller_error_text(o);
		r->retry_status = o->http_status;
	}
	if (attempt > r->max_attempt)
		r->max_attempt = attempt;
	if (o->retry_after > r->retry_after)
		r->retry_after = o->retry_after;
	r->retry_scheduled++;
}

static void poller_on_outcome(void *ctx, struct api_outcome *o)
{
	struct poller *p = ctx;
	struct poller_round *r = &p->round;
	struct pollset_entry *e;
	double now = poller_now(p);
	struct event *ev;

	if (o->cls != REPLY_RETRY || o->http_status != 0)
		r->answered = true;
	poller_lock(p);
	e = poller_find_locked(p, o->id);
	if (!e || !e->in_round) {
		poller_unlock(p);
		return;   /* not asked for in this round; api_fetch frees the task */
	}
	e->in_round = false;
	if (e->removed) {
		poller_unlock(p);
		return;   /* untracked meanwhile; freed after the round */
	}
	switch (o->cls) {
	case REPLY_OK:
	case REPLY_NOT_FOUND:
		e->attempts = 0;
		if (o->task) {
			e->finished = o->task->finished;
			ev = event_new(EV_TASK);
			ev->id = xstrdup(e->id);
			ev->task = o->task;
			o->task = NULL;
			poller_post(p, ev);
		}
		if (p->cfg.once)
			poller_resolve_locked(p, e);
		else if (!e->finished)
			/* From the round's start, so a long round's ids stay in
			 * one round next time instead of drifting apart. */
			e->next_due = fmax(p->round_start + poller_interval(p), now);
		break;
	case REPLY_KEY_REJECTED:
		if (!r->key_rejected) {
			r->key_rejected = true;
			r->key_msg = poller_error_text(o);
			r->key_status = o->http_status;
		}
		e->next_due = now;   /* due as soon as the pause is lifted */
		break;
	case REPLY_FATAL: {
		char *msg = poller_error_text(o);
		poller_post(p, poller_event(EV_TASK_ERROR, e->id, msg, o->http_status));
		if (!r->fatal) {
			r->fatal = true;
			r->fatal_msg = msg;
			r->fatal_status = o->http_status;
		} else {
			free(msg);
		}
		if (p->cfg.once)
			poller_resolve_locked(p, e);
		else
			e->next_due = now + fmax(10 * poller_interval(p), POLLER_FATAL_MIN);
		break;
	}
	default:   /* REPLY_RETRY; anything else the client let through is no answer */
		poller_outcome_retry_locked(p, e, o, now);
		break;
	}
	if (e->refresh)
		e->next_due = now;   /* refreshed while in flight: fetch again */
	poller_sched_locked(p, e);
	poller_unlock(p);
}

static bool poller_should_abort(void *ctx)
{
	struct poller *p = ctx;
	bool stop;

	/* Only stopping abandons a round: commands wait for its end. */
	poller_lock(p);
	stop = p->stop;
	poller_unlock(p);
	return stop;
}

struct poller_collect {
	struct poller *p;
	char **ids;
	size_t n, cap;
};

static void poller_take_locked(struct poller_collect *c, struct pollset_entry *e)
{
	pollset_queue(&c->p->set, e, false);
	e->in_round = true;
	e->refresh = false;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->ids = xrealloc(c->ids, c->cap * sizeof(*c->ids));
	}
	c->ids[c->n++] = xstrdup(e->id);
}

/* Take every id due by now (and those due within a moment, so ids that
 * were fetched together stay together). Returns the count; *out owns
 * copies of the ids. */
size_t poller_collect_locked(struct poller *p, double now, char ***out)
{
	double limit = now + fmin(0.1 * poller_interval(p), 2.0);
	struct poller_collect c = { .p = p };
	struct pollset_entry *e;

	if (now < p->global_until)
		return 0;
	while ((e = pollset_first(&p->set)) && e->next_due <= limit)
		poller_take_locked(&c, e);
	*out = c.ids;
	return c.n;
}

static void poller_take_refreshed_locked(struct pollset_entry *e, void *ctx)
{
	if (e->refresh && e->heap_pos != POLLSET_NOT_QUEUED)
		poller_take_locked(ctx, e);
}

/* While paused: only the ids the user asked to refresh, once. A full
 * scan, but only after a refresh command. */
size_t poller_collect_refreshed_locked(struct poller *p, double now, char ***out)
{
	struct poller_collect c = { .p = p };

	if (!p->refresh_pending || now < p->global_until)
		return 0;
	p->refresh_pending = false;
	pollset_each(&p->set, poller_take_refreshed_locked, &c);
	*out = c.ids;
	return c.n;
}

static void poller_round_post_locked(struct poller *p, double now)
{
	struct poller_round *r = &p->round;
	struct event *ev;

	if (!r->retry_seen)
		p->streak = 0;
	ev = event_new(EV_FETCH_END);
	ev->ok = r->answered;
	poller_post(p, ev);
	if (r->retry_scheduled > 0) {
		ev = poller_event(EV_API_ERROR, NULL, r->retry_msg, r->retry_status);
		ev->retry_in = p->global_until > now ? p->global_until - now : 0;
		ev->retry_after = r->retry_after;
		ev->attempt = r->max_attempt;
		log_write("poller: round failed (%ld), retry %d in %.1f s",
			  r->retry_status, ev->attempt, ev->retry_in);
		poller_post(p, ev);
	}
	/* A key handed over during the round makes its 401s old news: the ids
	 * are due now and go out with the new key. */
	if (r->key_rejected && !p->key_rejected && !p->new_key) {
		p->key_rejected = true;
		poller_post(p, poller_event(EV_KEY_REJECTED, NULL, r->key_msg, r->key_status));
	}
	if (r->fatal)
		poller_post(p, poller_event(EV_FATAL, NULL, r->fatal_msg, r->fatal_status));
	free(r->retry_msg);
	free(r->key_msg);
	free(r->fatal_msg);
	memset(r, 0, sizeof(*r));
}

/* Called and returns with the lock held; drops it around api_fetch. */
void poller_round_locked(struct poller *p, char **ids, size_t n)
{
	struct event *ev = event_new(EV_FETCH_BEGIN);
	double now;
	size_t i;

	ev->count = (int)n;
	poller_post(p, ev);
	memset(&p->round, 0, sizeof(p->round));
	p->round_start = poller_now(p);
	poller_unlock(p);
	log_write("poller: fetching %zu ids", n);
	p->io.fetch(p->net_ctx, (const char *const *)ids, n, poller_on_outcome,
		    poller_should_abort, p);
	poller_lock(p);

	now = poller_now(p);
	for (i = 0; i < n; i++) {
		struct pollset_entry *e = poller_find_locked(p, ids[i]);
		if (e && e->in_round) {
			/* Aborted or unanswered: try again later, not at once. */
			e->in_round = false;
			e->next_due = now + fmin(POLLER_LOST_DELAY, poller_interval(p));
		}
		if (e && e->removed)
			poller_delete_locked(p, e);
		else if (e)
			poller_sched_locked(p, e);
		free(ids[i]);
	}
	free(ids);
	if (!p->stop)
		poller_round_post_locked(p, now);
}
