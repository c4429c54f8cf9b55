/* poller_table: the poller's state under its lock as both of its other
 * files use it: locking, its clock, and where each id sits in the schedule.
 * Calls no other part of the poller; never blocks but on the lock. */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include "poller_impl.h"
#include "util.h"

void poller_check(int rc, const char *what)
{
	if (rc != 0)
		die("%s: %s", what, strerror(rc));
}

void poller_lock(struct poller *p)
{
	poller_check(pthread_mutex_lock(&p->lock), "pthread_mutex_lock");
}

void poller_unlock(struct poller *p)
{
	poller_check(pthread_mutex_unlock(&p->lock), "pthread_mutex_unlock");
}

double poller_interval(const struct poller *p)
{
	return p->cfg.interval > 0 ? p->cfg.interval : 1;
}

double poller_now(const struct poller *p)
{
	return p->io.now(p->io.ctx);
}

/* ---- scheduling ---- */

struct pollset_entry *poller_find_locked(struct poller *p, const char *id)
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
void poller_sched_locked(struct poller *p, struct pollset_entry *e)
{
	pollset_queue(&p->set, e, poller_wants(p, e));
}

/* Unlink and free an entry that is in no round. */
void poller_delete_locked(struct poller *p, struct pollset_entry *e)
{
	pollset_delete(&p->set, e);
}

void poller_resolve_locked(struct poller *p, struct pollset_entry *e)
{
	if (!e->resolved) {
		e->resolved = true;
		p->n_unresolved--;
	}
}

