/* poller: the worker thread. Owns the API client while running; decides which
 * ids are due, fetches them in batches, backs off on errors and posts owned
 * records to the queue. Never draws, never touches the tasklist. */
#ifndef SUNOTOP_POLLER_H
#define SUNOTOP_POLLER_H

#include <stdbool.h>
#include "api.h"
#include "queue.h"

/* The worker's view of the outside world, so that unit tests can drive it
 * with a fake fetch and a fake clock. With fetch NULL, fetch, wait, wakeup
 * and set_key are the API client's (api_fetch, api_wait, api_wakeup,
 * api_set_key on cfg.api); with now NULL the clock is now_mono(); with
 * rand01 NULL the backoff jitter comes from rand_r seeded with cfg.seed.
 * ctx is passed to every member that is given. Called from the worker,
 * except wakeup and now, which the front end's commands call too. */
struct poller_io {
	size_t (*fetch)(void *ctx, const char *const *ids, size_t n,
			api_outcome_fn fn, api_abort_fn abort_fn, void *fn_ctx);
	/* Return after `seconds` or at once after a wakeup (one made before
	 * the wait began counts). */
	void (*wait)(void *ctx, double seconds);
	void (*wakeup)(void *ctx);                  /* thread-safe */
	void (*set_key)(void *ctx, const char *key);
	double (*now)(void *ctx);                   /* monotonic seconds; thread-safe */
	double (*rand01)(void *ctx);                /* in [0, 1) */
	void *ctx;
};

struct poller_config {
	struct api *api;         /* used only by the worker until poller_stop */
	struct poller_io io;     /* zeroed: the real API client and clock */
	struct queue *queue;
	int interval;            /* seconds between polls of an unfinished task */
	bool once;               /* each id until it has a final answer, then EV_ROUND_DONE */
	int max_attempts;        /* once mode: give up after this many failed tries */
	unsigned seed;           /* for backoff jitter */
};

struct poller;

/* Starts the worker with signals blocked in it. Dies on pthread failure. */
struct poller *poller_start(const struct poller_config *cfg);
/* Track id. finished: already known to be finished (not polled until a
 * refresh). A new unfinished id is fetched at once. */
void poller_add(struct poller *p, const char *id, bool finished);
void poller_remove(struct poller *p, const char *id);
/* Fetch now: one id, or every tracked id (finished too) when id is NULL.
 * Also lifts a key-rejected pause. While paused, the refreshed ids are
 * fetched once and polling stays paused. */
void poller_refresh(struct poller *p, const char *id);
void poller_pause(struct poller *p, bool paused);
/* Hand the worker a new API key (taken over: wiped and freed by the poller);
 * used from the next request on. */
void poller_set_key(struct poller *p, char *key);
/* Seconds until the next scheduled poll (for the header), < 0 when none. */
double poller_next_in(struct poller *p);
/* Stop flag, wake, join, free. The api is the caller's again afterwards. */
void poller_stop(struct poller *p);

#endif
