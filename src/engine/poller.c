#include "config.h"
/* poller: the worker thread that decides which ids are due, fetches them
 * through the API client and posts owned records. Never draws, never blocks
 * the UI thread longer than a table update, never holds the lock during I/O. */

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "backoff.h"
#include "log.h"
#include "poller.h"
#include "pollset.h"
#include "util.h"

#define POLLER_IDLE 3600.0        /* nothing due: sleep until a command */
#define POLLER_SETTLE 0.05        /* adds arrive in bursts: let one settle into one round */
#define POLLER_LOST_DELAY 5.0     /* an id the round gave no outcome for (aborted) */
#define POLLER_MIN_RETRY 1.0      /* a Retry-After of 0 must not become a busy loop */
#define POLLER_FATAL_MIN 60.0

/* Every field of a struct pollset_entry is guarded by poller.lock. Who
 * writes them: next_due the worker (outcomes) and the UI (add, refresh);
 * attempts, in_round and resolved the worker; finished the worker and the
 * UI on add; refresh and removed the UI sets, the worker clears (refresh)
 * or frees the entry (removed). */

/* What one round saw, for the records posted after it. Worker only. */
struct poller_round {
	bool answered;               /* some request got an HTTP answer, or a non-RETRY outcome */
	bool retry_seen;
	int retry_scheduled;         /* RETRY ids that will be tried again */
	int max_attempt;
	long retry_status;
	double retry_after;          /* longest Retry-After of the round, 0 none */
	char *retry_msg;
	bool key_rejected;
	long key_status;
	char *key_msg;
	bool fatal;
	long fatal_status;
	char *fatal_msg;
};

struct poller {
	struct poller_config cfg;    /* copied at start, read only */
	pthread_t thread;
	pthread_mutex_t lock;        /* guards everything down to the worker-only part */

	/* id -> entry, and the entries that want a fetch (see poller_wants)
	 * by next_due; UI adds, removes and reschedules, the worker too and
	 * frees entries removed mid-round */
	struct pollset set;

	bool wake_pending;           /* a wake-up is on its way to the worker; UI sets, worker clears */
	bool stop;                   /* UI (poller_stop) */
	bool paused;                 /* UI (poller_pause) */
	bool key_rejected;           /* worker sets, UI clears with a refresh */
	char *new_key;               /* UI sets (owned), worker hands it to the api */
	double global_until;         /* no fetch before this (monotonic); worker sets, UI clears */
	double last_add;             /* monotonic time of the latest poller_add; UI */
	bool any_added;              /* UI */
	size_t n_unresolved;         /* once mode: live entries without a final answer; both */
	bool round_done;             /* once mode: EV_ROUND_DONE posted; worker */

	/* Worker only: no lock. */
	unsigned seed;
	int streak;                  /* consecutive rounds with a RETRY outcome */
	double round_start;          /* monotonic time the current round began */
	struct poller_round round;
};

static void poller_check(int rc, const char *what)
{
	if (rc != 0)
		die("%s: %s", what, strerror(rc));
}

static void poller_lock(struct poller *p)
{
	poller_check(pthread_mutex_lock(&p->lock), "pthread_mutex_lock");
}

static void poller_unlock(struct poller *p)
{
	poller_check(pthread_mutex_unlock(&p->lock), "pthread_mutex_unlock");
}

static double poller_interval(const struct poller *p)
{
	return p->cfg.interval > 0 ? p->cfg.interval : 1;
}

/* ---- scheduling ---- */

static struct pollset_entry *poller_find_locked(struct poller *p, const char *id)
{
	return pollset_find(&p->set, id);
}

static bool poller_wants(const struct poller *p, const struct pollset_entry *e)
{
	if (e->removed || e->in_round || e->resolved)
		return false;
	return p->cfg.once || e->refresh || !e->finished;
}

/* Put e where its flags and next_due say: in the heap at the right place,
 * or out of it. Call after changing either. */
static void poller_sched_locked(struct poller *p, struct pollset_entry *e)
{
	pollset_queue(&p->set, e, poller_wants(p, e));
}

/* Unlink and free an entry that is in no round. */
static void poller_delete_locked(struct poller *p, struct pollset_entry *e)
{
	pollset_delete(&p->set, e);
}

static void poller_resolve_locked(struct poller *p, struct pollset_entry *e)
{
	if (!e->resolved) {
		e->resolved = true;
		p->n_unresolved--;
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
		api_wakeup(p->cfg.api);
}

void poller_add(struct poller *p, const char *id, bool finished)
{
	struct pollset_entry *e;
	double now = now_mono();

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
	struct poller_refresh_all ra = { .p = p, .now = now_mono() };
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
	double due = -1, now = now_mono();
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

/* ---- the worker ---- */

static void poller_post(struct poller *p, struct event *ev)
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
	delay = backoff_delay(attempt, o->retry_after, (double)rand_r(&p->seed) / RAND_MAX);
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
	double now = now_mono();
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

/* Take every id due by now (and those due within a moment, so ids that
 * were fetched together stay together). Returns the count; *out owns
 * copies of the ids. */
static size_t poller_collect_locked(struct poller *p, double now, char ***out)
{
	double limit = now + fmin(0.1 * poller_interval(p), 2.0);
	struct pollset_entry *e;
	char **ids = NULL;
	size_t n = 0, cap = 0;

	if (now < p->global_until)
		return 0;
	while ((e = pollset_first(&p->set)) && e->next_due <= limit) {
		pollset_queue(&p->set, e, false);
		e->in_round = true;
		e->refresh = false;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = xstrdup(e->id);
	}
	*out = ids;
	return n;
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
		ev->attempt = r->max_attempt;
		ev->retry_after = r->retry_after;
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
static void poller_round_locked(struct poller *p, char **ids, size_t n)
{
	struct event *ev = event_new(EV_FETCH_BEGIN);
	double now;
	size_t i;

	ev->count = (int)n;
	poller_post(p, ev);
	memset(&p->round, 0, sizeof(p->round));
	p->round_start = now_mono();
	poller_unlock(p);
	log_write("poller: fetching %zu ids", n);
	api_fetch(p->cfg.api, (const char *const *)ids, n, poller_on_outcome,
		  poller_should_abort, p);
	poller_lock(p);

	now = now_mono();
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
		double now = now_mono(), wait;
		bool settling = now - p->last_add < POLLER_SETTLE;
		char **ids;
		size_t n;

		/* Everything commanded so far is seen below; later commands wake
		 * us again. */
		p->wake_pending = false;
		if (p->new_key) {
			/* The api is ours between rounds; a tiny job under the lock. */
			api_set_key(p->cfg.api, p->new_key);
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
			wait = POLLER_IDLE;
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
		api_wait(p->cfg.api, wait);
		poller_lock(p);
	}
	poller_unlock(p);
	return NULL;
}

struct poller *poller_start(const struct poller_config *cfg)
{
	struct poller *p = xcalloc(1, sizeof(*p));
	sigset_t all, old;

	p->cfg = *cfg;
	p->seed = cfg->seed;
	pollset_init(&p->set);
	p->last_add = -1e9;
	poller_check(pthread_mutex_init(&p->lock, NULL), "pthread_mutex_init");

	/* Signals belong to the UI thread: the worker inherits a full mask. */
	sigfillset(&all);
	poller_check(pthread_sigmask(SIG_SETMASK, &all, &old), "pthread_sigmask");
	poller_check(pthread_create(&p->thread, NULL, poller_main, p), "pthread_create");
	poller_check(pthread_sigmask(SIG_SETMASK, &old, NULL), "pthread_sigmask");
	return p;
}

void poller_stop(struct poller *p)
{
	if (!p)
		return;
	poller_lock(p);
	p->stop = true;
	poller_unlock(p);
	api_wakeup(p->cfg.api);
	poller_check(pthread_join(p->thread, NULL), "pthread_join");

	pollset_free(&p->set);
	free(p->round.retry_msg);
	free(p->round.key_msg);
	free(p->round.fatal_msg);
	xfree_secret(p->new_key);
	poller_check(pthread_mutex_destroy(&p->lock), "pthread_mutex_destroy");
	free(p);
}
