#include "config.h"
/* poller: the worker thread that decides which ids are due, fetches them
 * through the API client and posts owned records. Never draws, never blocks
 * the UI thread longer than a table update, never holds the lock during I/O.
 * This file: the commands, the worker's loop, start and stop. */

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "poller.h"
#include "poller_impl.h"
#include "util.h"

/* ---- the outside world (struct poller_io) ---- */

static size_t poller_real_fetch(void *ctx, const char *const *ids, size_t n,
				api_outcome_fn fn, api_abort_fn abort_fn, void *fn_ctx)
{
	return api_fetch(ctx, ids, n, fn, abort_fn, fn_ctx);
}

static void poller_real_wait(void *ctx, double seconds)
{
	api_wait(ctx, seconds);
}

static void poller_real_wakeup(void *ctx)
{
	api_wakeup(ctx);
}

static void poller_real_set_key(void *ctx, const char *key)
{
	api_set_key(ctx, key);
}

static double poller_real_now(void *ctx)
{
	(void)ctx;
	return now_mono();
}

/* Worker only: the seed is the worker's. */
static double poller_real_rand01(void *ctx)
{
	struct poller *p = ctx;

	return (double)rand_r(&p->seed) / ((double)RAND_MAX + 1);
}

static void poller_io_resolve(struct poller *p)
{
	p->io = p->cfg.io;
	p->net_ctx = p->io.ctx;
	if (!p->io.fetch) {
		p->io.fetch = poller_real_fetch;
		p->io.wait = poller_real_wait;
		p->io.wakeup = poller_real_wakeup;
		p->io.set_key = poller_real_set_key;
		p->net_ctx = p->cfg.api;
	}
	if (!p->io.now)
		p->io.now = poller_real_now;
	p->rand_ctx = p->io.ctx;
	if (!p->io.rand01) {
		p->io.rand01 = poller_real_rand01;
		p->rand_ctx = p;
	}
}

/* ---- commands (UI thread) ---- */

/* Called with the lock held after a change the worker must see; true when
 * the caller must api_wakeup after unlocking. One wake-up covers every
 * change made before the worker takes the lock again, so adding 10,000
 * ids at start costs one write to the wake pipe, not 10,000. */
static bool poller_want_wake_locked(struct poller *p)
{
	if (p->wake_pending)
		return false;
	p->wake_pending = true;
	return true;
}

static void poller_unlock_wake(struct poller *p)
{
	bool wake = poller_want_wake_locked(p);

	poller_unlock(p);
	if (wake)
		p->io.wakeup(p->net_ctx);
}

void poller_add(struct poller *p, const char *id, bool finished)
{
	struct pollset_entry *e;
	double now = poller_now(p);

	poller_lock(p);
	e = poller_find_locked(p, id);
	if (!e) {
		e = pollset_insert(&p->set, id);
		if (p->cfg.once)
			p->n_unresolved++;
	} else if (e->removed) {
		e->removed = false;
		e->attempts = 0;
		if (p->cfg.once && !e->resolved)
			p->n_unresolved++;
	}
	e->finished = finished;
	if (!finished)
		e->next_due = now;
	p->last_add = now;
	p->any_added = true;
	poller_sched_locked(p, e);
	poller_unlock_wake(p);
}

void poller_remove(struct poller *p, const char *id)
{
	struct pollset_entry *e;

	poller_lock(p);
	e = poller_find_locked(p, id);
	if (e && !e->removed) {
		if (p->cfg.once && !e->resolved)
			p->n_unresolved--;
		if (e->in_round) {
			/* The worker frees it after the round; its outcome is dropped. */
			e->removed = true;
		} else {
			poller_delete_locked(p, e);
		}
	}
	poller_unlock_wake(p);
}

static void poller_refresh_one_locked(struct poller *p, struct pollset_entry *e, double now)
{
	if (e->removed)
		return;
	e->refresh = true;
	e->next_due = now;
	p->refresh_pending = true;
	poller_sched_locked(p, e);
}

struct poller_refresh_all {
	struct poller *p;
	double now;
};

static void poller_refresh_each_locked(struct pollset_entry *e, void *ctx)
{
	struct poller_refresh_all *ra = ctx;

	poller_refresh_one_locked(ra->p, e, ra->now);
}

void poller_refresh(struct poller *p, const char *id)
{
	struct poller_refresh_all ra = { .p = p, .now = poller_now(p) };
	struct pollset_entry *e;

	poller_lock(p);
	p->key_rejected = false;
	if (id) {
		if ((e = poller_find_locked(p, id)))
			poller_refresh_one_locked(p, e, ra.now);
	} else {
		/* The user asked for everything now: that overrides our own
		 * backoff (the server will say again if it still objects). */
		p->global_until = 0;
		/* Rescheduling moves entries in the heap, never in the table. */
		pollset_each(&p->set, poller_refresh_each_locked, &ra);
	}
	poller_unlock_wake(p);
}

void poller_set_key(struct poller *p, char *key)
{
	poller_lock(p);
	xfree_secret(p->new_key);
	p->new_key = key;
	poller_unlock_wake(p);
}

void poller_pause(struct poller *p, bool paused)
{
	poller_lock(p);
	p->paused = paused;
	poller_unlock_wake(p);
}

double poller_next_in(struct poller *p)
{
	double due = -1, now = poller_now(p);
	struct pollset_entry *first;

	poller_lock(p);
	first = pollset_first(&p->set);
	if (!p->paused && !p->key_rejected && !p->round_done && first)
		due = fmax(first->next_due, p->global_until);
	poller_unlock(p);
	if (due < 0)
		return -1;
	return due > now ? due - now : 0;
}


/* Seconds to sleep when nothing is due. */
static double poller_sleep_locked(struct poller *p, double now)
{
	struct pollset_entry *first = pollset_first(&p->set);
	double due;

	if (!first)
		return POLLER_IDLE;
	due = fmax(first->next_due, p->global_until);
	return due > now ? due - now : 0.001;
}

static void *poller_main(void *arg)
{
	struct poller *p = arg;

	util_name_thread("sunotop-poll");
	poller_lock(p);
	while (!p->stop) {
		double now = poller_now(p), wait;
		bool settling = now - p->last_add < POLLER_SETTLE;
		char **ids;
		size_t n;

		/* Everything commanded so far is seen below; later commands wake
		 * us again. */
		p->wake_pending = false;
		if (p->new_key) {
			/* The api is ours between rounds; a tiny job under the lock. */
			p->io.set_key(p->net_ctx, p->new_key);
			xfree_secret(p->new_key);
			p->new_key = NULL;
		}
		if (p->round_done) {
			wait = POLLER_IDLE;
		} else if (p->cfg.once && p->any_added &&
			   (p->key_rejected || p->n_unresolved == 0)) {
			/* Finish only once the caller's burst of adds is over. */
			if (!settling) {
				p->round_done = true;
				poller_post(p, event_new(EV_ROUND_DONE));
				continue;
			}
			wait = POLLER_SETTLE - (now - p->last_add);
		} else if (p->paused || p->key_rejected) {
			if (p->paused && !p->key_rejected && !settling &&
			    (n = poller_collect_refreshed_locked(p, now, &ids)) > 0) {
				poller_round_locked(p, ids, n);
				continue;
			}
			wait = settling ? POLLER_SETTLE - (now - p->last_add)
				: p->refresh_pending && p->global_until > now ? p->global_until - now
				: POLLER_IDLE;
		} else if (settling) {
			wait = POLLER_SETTLE - (now - p->last_add);
		} else if ((n = poller_collect_locked(p, now, &ids)) > 0) {
			poller_round_locked(p, ids, n);
			continue;
		} else {
			wait = poller_sleep_locked(p, now);
		}
		/* A command between unlock and api_wait is not lost: api_wakeup
		 * makes the next wait return at once. */
		poller_unlock(p);
		p->io.wait(p->net_ctx, wait);
		poller_lock(p);
	}
	poller_unlock(p);
	return NULL;
}

struct poller *poller_start(const struct poller_config *cfg)
{
	struct poller *p = xcalloc(1, sizeof(*p));

	p->cfg = *cfg;
	p->seed = cfg->seed;
	poller_io_resolve(p);
	pollset_init(&p->set);
	p->last_add = -1e9;
	poller_check(pthread_mutex_init(&p->lock, NULL), "pthread_mutex_init");

	/* Signals belong to the UI thread: the worker takes none. */
	poller_check(util_thread_start(&p->thread, poller_main, p), "pthread_create");
	return p;
}

void poller_stop(struct poller *p)
{
	if (!p)
		return;
	poller_lock(p);
	p->stop = true;
	poller_unlock(p);
	p->io.wakeup(p->net_ctx);
	poller_check(pthread_join(p->thread, NULL), "pthread_join");

	pollset_free(&p->set);
	free(p->round.retry_msg);
	free(p->round.key_msg);
	free(p->round.fatal_msg);
	xfree_secret(p->new_key);
	poller_check(pthread_mutex_destroy(&p->lock), "pthread_mutex_destroy");
	free(p);
}
