/* poller: the worker thread. Owns the API client while running; decides which
 * ids are due, fetches them in batches, backs off on errors and posts owned
 * records to the queue. Never draws, never touches the tasklist. */
#ifndef SUNOTOP_POLLER_H
#define SUNOTOP_POLLER_H

#include <stdbool.h>
#include "api.h"
#include "queue.h"

struct poller_config {
	struct api *api;         /* used only by the worker until poller_stop */
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
 * Also lifts a key-rejected pause. */
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
