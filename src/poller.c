/* poller: the worker thread. Chooses the ids that are due, fetches them in
 * rounds through the API client, backs off on errors and posts owned records
 * to the queue. Never draws and never touches the UI's tasklist.
 * Lock order: poller lock, then (inside queue_push) the queue lock. */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "backoff.h"
#include "log.h"
#include "poller.h"
#include "util.h"

#define POLLER_IDLE_WAIT 3600.0

struct poller_id {
	char *id;
	double next_due;         /* monotonic seconds; INFINITY = not scheduled */
	int attempts;            /* consecutive failures of this id */
	bool finished;           /* no more polls until forced */
	bool forced;             /* a refresh asked for it, finished or not */
	bool removed;            /* untracked; outcomes for it are dropped */
	bool resolved;           /* once mode: has its final answer */
	struct poller_id *hnext; /* hash chain */
};

/* Per round, touched only by the worker. */
struct poller_round {
	bool any_answer;         /* some id got OK or NOT_FOUND */
	bool retry;              /* some id got a retryable error */
	bool fatal_posted;
	bool key_posted;
	double retry_after;      /* largest Retry-After seen, < 0 when none */
	long http_status;        /* of the first retryable error */
	char *message;           /* of the first retryable error, owned */
	double now;
};

struct poller {
	struct poller_config cfg;   /* read-only after start */
	pthread_t thread;
	pthread_mutex_t lock;
	/* The id table: written by the UI (add, remove, refresh) and by the
	 * worker (scheduling), always under lock. */
	struct poller_id **ids;
	size_t n_ids, cap_ids;
	struct poller_id **buckets;
	size_t n_buckets;
	/* Flags, under lock. stop/paused are written by the UI; key_rejected
	 * by the worker (set) and the UI (cleared by a refresh). */
	bool stop, paused, key_rejected, round_done_posted;
	double global_until;     /* worker and refresh: no request before this */
	int streak;              /* worker: consecutive failing rounds */
	double next_at;          /* worker: when it next plans to poll; INFINITY = idle */
	unsigned seed;           /* worker only */
	struct poller_round round;  /* worker only */
};

static void poller_check(int rc, const char *what)
{
	if (rc != 0)
		die("%s failed: %s", what, strerror(rc));
}

static void poller_lock(struct poller *p)
{
	poller_check(pthread_mutex_lock(&p->lock), "pthread_mutex_lock");
}

static void poller_unlock(struct poller *p)
{
	poller_check(pthread_mutex_unlock(&p->lock), "pthread_mutex_unlock");
}

static size_t poller_hash(const char *s)
{
	size_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static struct poller_id *poller_find_locked(const struct poller *p, const char *id)
{
	struct poller_id *e;

	if (!p->n_buckets)
		return NULL;
	for (e = p->buckets[poller_hash(id) & (p->n_buckets - 1)]; e; e = e->hnext)
		if (strcmp(e->id, id) == 0)
			return e;
	return NULL;
}

static void poller_rehash_locked(struct poller *p)
{
	size_t i, n = p->n_buckets ? p->n_buckets * 2 : 256;

	free(p->buckets);
	p->buckets = xcalloc(n, sizeof(*p->buckets));
	p->n_buckets = n;
	for (i = 0; i < p->n_ids; i++) {
		struct poller_id *e = p->ids[i];
		size_t b = poller_hash(e->id) & (n - 1);
		e->hnext = p->buckets[b];
		p->buckets[b] = e;
	}
}

static struct poller_id *poller_insert_locked(struct poller *p, const char *id)
{
	struct poller_id *e = xcalloc(1, sizeof(*e));
	size_t b;

	e->id = xstrdup(id);
	if (p->n_ids == p->cap_ids) {
		p->cap_ids = p->cap_ids ? p->cap_ids * 2 : 64;
		p->ids = xrealloc(p->ids, p->cap_ids * sizeof(*p->ids));
	}
	p->ids[p->n_ids++] = e;
	if (p->n_ids > p->n_buckets) {
		poller_rehash_locked(p);
	} else {
		b = poller_hash(id) & (p->n_buckets - 1);
		e->hnext = p->buckets[b];
		p->buckets[b] = e;
	}
	return e;
}

static void poller_post(struct poller *p, enum event_kind kind, const char *id,
			const char *message, long http_status)
{
	struct event *ev = event_new(kind);

	ev->id = xstrdup(id);
	ev->message = xstrdup(message);
	ev->http_status = http_status;
	queue_push(p->cfg.queue, ev);
}

static double poller_rand01(struct poller *p)
{
	return (double)rand_r(&p->seed) / ((double)RAND_MAX + 1.0);
}

static bool poller_eligible(const struct poller *p, const struct poller_id *e)
{
	if (e->removed)
		return false;
	if (p->cfg.once)
		return !e->resolved;
	return !e->finished || e->forced;
}

/* ---- outcomes (worker thread, called from inside api_fetch) ---------- */

static void poller_on_answer(struct poller *p, struct poller_id *e, struct api_outcome *o)
{
	struct task *t = o->task;
	struct event *ev;

	o->task = NULL;
	p->round.any_answer = true;
	e->attempts = 0;
	e->resolved = true;
	e->forced = false;
	e->finished = t->finished;
	e->next_due = t->finished ? INFINITY : p->round.now + p->cfg.interval;
	ev = event_new(EV_TASK);
	ev->task = t;
	ev->id = xstrdup(o->id);
	queue_push(p->cfg.queue, ev);
}

static void poller_on_retry(struct poller *p, struct poller_id *e, struct api_outcome *o)
{
	struct poller_round *r = &p->round;
	const char *msg = o->message ? o->message : o->code;

	e->attempts++;
	if (!r->retry) {
		r->retry = true;
		r->http_status = o->http_status;
		r->message = msg ? xstrdup(msg) : xasprintf("HTTP %ld", o->http_status);
	}
	if (o->retry_after > r->retry_after)
		r->retry_after = o->retry_after;
	e->next_due = r->now + backoff_delay(e->attempts, o->retry_after, poller_rand01(p));
	if (p->cfg.once && e->attempts >= p->cfg.max_attempts) {
		struct event *ev = event_new(EV_GAVE_UP);
		e->resolved = true;
		ev->id = xstrdup(o->id);
		ev->message = xstrdup(msg ? msg : r->message);
		ev->http_status = o->http_status;
		ev->attempt = e->attempts;
		queue_push(p->cfg.queue, ev);
	}
}

static void poller_outcome(void *ctx, struct api_outcome *o)
{
	struct poller *p = ctx;
	struct poller_id *e;
	const char *msg = o->message ? o->message : o->code;

	poller_lock(p);
	e = poller_find_locked(p, o->id);
	if (!e || e->removed) {
		poller_unlock(p);
		return;           /* api_fetch frees o->task */
	}
	switch (o->cls) {
	case REPLY_OK:
	case REPLY_NOT_FOUND:
		/* An answer without a task is a broken answer: try again. */
		if (o->task)
			poller_on_answer(p, e, o);
		else
			poller_on_retry(p, e, o);
		break;
	case REPLY_RETRY:
	case REPLY_NO_BATCH:
		poller_on_retry(p, e, o);
		break;
	case REPLY_KEY_REJECTED:
		p->key_rejected = true;
		e->next_due = 0;
		if (!p->round.key_posted) {
			p->round.key_posted = true;
			poller_post(p, EV_KEY_REJECTED, NULL, msg ? msg : "the API key was rejected",
				    o->http_status);
		}
		break;
	case REPLY_FATAL:
		e->resolved = true;
		e->next_due = p->round.now + fmax(60.0, 10.0 * p->cfg.interval);
		poller_post(p, EV_TASK_ERROR, o->id, msg ? msg : "request refused", o->http_status);
		if (!p->round.fatal_posted) {
			p->round.fatal_posted = true;
			poller_post(p, EV_FATAL, NULL, msg ? msg : "request refused", o->http_status);
		}
		break;
	}
	poller_unlock(p);
}

static bool poller_should_abort(void *ctx)
{
	struct poller *p = ctx;
	bool stop;

	poller_lock(p);
	stop = p->stop;
	poller_unlock(p);
	return stop;
}

/* ---- the worker ------------------------------------------------------- */

/* Collects due ids (copies) and the earliest future due time. */
static char **poller_collect_locked(struct poller *p, double now, size_t *n, double *earliest)
{
	char **due = NULL;
	size_t i, cap = 0;

	*n = 0;
	*earliest = INFINITY;
	for (i = 0; i < p->n_ids; i++) {
		struct poller_id *e = p->ids[i];

		if (!poller_eligible(p, e))
			continue;
		if (e->forced || (e->next_due <= now && now >= p->global_until)) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				due = xrealloc(due, cap * sizeof(*due));
			}
			due[(*n)++] = xstrdup(e->id);
			e->forced = false;
		} else {
			double at = fmax(e->next_due, p->global_until);
			if (at < *earliest)
				*earliest = at;
		}
	}
	return due;
}

static bool poller_all_resolved_locked(const struct poller *p)
{
	size_t i;

	for (i = 0; i < p->n_ids; i++)
		if (!p->ids[i]->removed && !p->ids[i]->resolved)
			return false;
	return true;
}

/* After a round: the global back-off and the records about the round. */
static void poller_finish_round_locked(struct poller *p, size_t n)
{
	struct poller_round *r = &p->round;
	struct event *ev;

	if (r->retry) {
		double delay;

		p->streak++;
		delay = backoff_delay(p->streak, r->retry_after, poller_rand01(p));
		p->global_until = now_mono() + delay;
		ev = event_new(EV_API_ERROR);
		ev->message = r->message;
		r->message = NULL;
		ev->http_status = r->http_status;
		ev->retry_in = delay;
		ev->attempt = p->streak;
		queue_push(p->cfg.queue, ev);
		log_write("round of %zu ids: retryable error, attempt %d, next in %.1f s",
			  n, p->streak, delay);
	} else if (r->any_answer) {
		p->streak = 0;
	}
	ev = event_new(EV_FETCH_END);
	ev->ok = r->any_answer;
	ev->count = (int)n;
	queue_push(p->cfg.queue, ev);
	free(r->message);
	r->message = NULL;
}

static void *poller_main(void *arg)
{
	struct poller *p = arg;

	poller_lock(p);
	while (!p->stop) {
		double now = now_mono(), earliest, wait;
		size_t i, n;
		char **due;
		struct event *ev;

		if (p->paused || p->key_rejected || p->round_done_posted) {
			p->next_at = INFINITY;
			poller_unlock(p);
			api_wait(p->cfg.api, POLLER_IDLE_WAIT);
			poller_lock(p);
			continue;
		}
		due = poller_collect_locked(p, now, &n, &earliest);
		if (n == 0) {
			if (p->cfg.once && poller_all_resolved_locked(p)) {
				p->round_done_posted = true;
				queue_push(p->cfg.queue, event_new(EV_ROUND_DONE));
				continue;
			}
			p->next_at = earliest;
			wait = isinf(earliest) ? POLLER_IDLE_WAIT : earliest - now;
			poller_unlock(p);
			if (wait > 0)
				api_wait(p->cfg.api, wait);
			poller_lock(p);
			continue;
		}
		p->next_at = now;
		memset(&p->round, 0, sizeof(p->round));
		p->round.retry_after = -1;
		p->round.now = now;
		poller_unlock(p);

		ev = event_new(EV_FETCH_BEGIN);
		ev->count = (int)n;
		queue_push(p->cfg.queue, ev);
		api_fetch(p->cfg.api, (const char *const *)due, n, poller_outcome,
			  poller_should_abort, p);

		poller_lock(p);
		p->round.now = now_mono();
		/* Ids the round left without an answer are tried again later. */
		for (i = 0; i < n; i++) {
			struct poller_id *e = poller_find_locked(p, due[i]);
			if (e && e->next_due <= now && !e->resolved && !p->key_rejected)
				e->next_due = p->round.now + p->cfg.interval;
			free(due[i]);
		}
		free(due);
		poller_finish_round_locked(p, n);
	}
	poller_unlock(p);
	return NULL;
}

struct poller *poller_start(const struct poller_config *cfg)
{
	struct poller *p = xcalloc(1, sizeof(*p));
	sigset_t all, old;

	p->cfg = *cfg;
	if (p->cfg.interval < 1)
		p->cfg.interval = 1;
	if (p->cfg.max_attempts < 1)
		p->cfg.max_attempts = BACKOFF_MAX_ATTEMPTS;
	p->seed = cfg->seed;
	p->next_at = INFINITY;
	poller_check(pthread_mutex_init(&p->lock, NULL), "pthread_mutex_init");
	/* Signals belong to the UI thread: the worker starts with all blocked. */
	sigfillset(&all);
	poller_check(pthread_sigmask(SIG_SETMASK, &all, &old), "pthread_sigmask");
	poller_check(pthread_create(&p->thread, NULL, poller_main, p), "pthread_create");
	poller_check(pthread_sigmask(SIG_SETMASK, &old, NULL), "pthread_sigmask");
	return p;
}

void poller_add(struct poller *p, const char *id, bool finished)
{
	struct poller_id *e;

	poller_lock(p);
	e = poller_find_locked(p, id);
	if (e && !e->removed) {
		poller_unlock(p);
		return;
	}
	if (!e)
		e = poller_insert_locked(p, id);
	e->removed = false;
	e->finished = finished;
	e->resolved = false;
	e->attempts = 0;
	e->forced = false;
	e->next_due = finished ? INFINITY : 0;
	poller_unlock(p);
	if (!finished)
		api_wakeup(p->cfg.api);
}

void poller_remove(struct poller *p, const char *id)
{
	struct poller_id *e;

	poller_lock(p);
	e = poller_find_locked(p, id);
	if (e)
		e->removed = true;
	poller_unlock(p);
}

void poller_refresh(struct poller *p, const char *id)
{
	size_t i;

	poller_lock(p);
	for (i = 0; i < p->n_ids; i++) {
		struct poller_id *e = p->ids[i];
		if (e->removed || (id && strcmp(e->id, id) != 0))
			continue;
		e->forced = true;
		e->resolved = false;
		e->attempts = 0;
	}
	if (!id) {
		/* The user asked for everything now: lift the pauses. */
		p->key_rejected = false;
		p->global_until = 0;
		p->streak = 0;
	}
	poller_unlock(p);
	api_wakeup(p->cfg.api);
}

void poller_pause(struct poller *p, bool paused)
{
	poller_lock(p);
	p->paused = paused;
	poller_unlock(p);
	api_wakeup(p->cfg.api);
}

double poller_next_in(struct poller *p)
{
	double at;

	poller_lock(p);
	at = p->next_at;
	poller_unlock(p);
	if (isinf(at))
		return -1;
	at -= now_mono();
	return at > 0 ? at : 0;
}

void poller_stop(struct poller *p)
{
	size_t i;

	if (!p)
		return;
	poller_lock(p);
	p->stop = true;
	poller_unlock(p);
	api_wakeup(p->cfg.api);
	poller_check(pthread_join(p->thread, NULL), "pthread_join");
	for (i = 0; i < p->n_ids; i++) {
		free(p->ids[i]->id);
		free(p->ids[i]);
	}
	free(p->ids);
	free(p->buckets);
	free(p->round.message);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
