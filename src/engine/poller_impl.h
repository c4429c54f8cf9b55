/* poller_impl: the poller's state, shared by its files (poller.c: the
 * commands, the worker's loop, start and stop; poller_round.c: one round,
 * from collecting the due ids to the records posted after it;
 * poller_table.c: locking, the clock and the schedule, which calls neither
 * other). Not for other modules. */
#ifndef SUNOTOP_POLLER_IMPL_H
#define SUNOTOP_POLLER_IMPL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "poller.h"
#include "pollset.h"

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
	struct poller_io io;         /* cfg.io with the real members filled in; read only */
	void *net_ctx;               /* what io.fetch, wait, wakeup and set_key take */
	void *rand_ctx;              /* what io.rand01 takes */
	pthread_t thread;
	pthread_mutex_t lock;        /* guards everything down to the worker-only part */

	/* id -> entry, and the entries that want a fetch (see poller_wants)
	 * by next_due; UI adds, removes and reschedules, the worker too and
	 * frees entries removed mid-round */
	struct pollset set;

	bool wake_pending;           /* a wake-up is on its way to the worker; UI sets, worker clears */
	bool stop;                   /* UI (poller_stop) */
	bool paused;                 /* UI (poller_pause) */
	bool refresh_pending;        /* some entry has refresh set; UI sets, worker clears */
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

/* poller_table.c */
/* die() unless a pthread call returned 0. */
void poller_check(int rc, const char *what);
void poller_lock(struct poller *p);
void poller_unlock(struct poller *p);
double poller_interval(const struct poller *p);
/* The poller's clock (io.now): monotonic seconds. */
double poller_now(const struct poller *p);
struct pollset_entry *poller_find_locked(struct poller *p, const char *id);
/* Put e where its flags and next_due say: in the heap or out of it. */
void poller_sched_locked(struct poller *p, struct pollset_entry *e);
/* Unlink and free an entry that is in no round. */
void poller_delete_locked(struct poller *p, struct pollset_entry *e);
void poller_resolve_locked(struct poller *p, struct pollset_entry *e);

/* poller_round.c */
void poller_post(struct poller *p, struct event *ev);
/* The ids due by now (and those due within a moment); the count, with
 * *out owning copies. 0 while a backoff holds every fetch. */
size_t poller_collect_locked(struct poller *p, double now, char ***out);
/* While paused: the ids refreshed since, once. */
size_t poller_collect_refreshed_locked(struct poller *p, double now, char ***out);
/* One round over ids (taken over); drops the lock around the fetch. */
void poller_round_locked(struct poller *p, char **ids, size_t n);

#endif
