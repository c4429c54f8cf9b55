/* pollset: the poller's table of tracked ids (hash from id to entry) and its
 * heap of entries waiting for a fetch, ordered by when they are due. A plain
 * data structure: no locking, no clock, no threads; the poller holds its
 * lock around every call. */
#ifndef SUNOTOP_POLLSET_H
#define SUNOTOP_POLLSET_H

#include <stdbool.h>
#include <stddef.h>

#define POLLSET_NOT_QUEUED ((size_t)-1)

/* One tracked id. The flags belong to the poller, which says in
 * poller.c which thread writes each. */
struct pollset_entry {
	char *id;
	struct pollset_entry *hnext; /* hash chain */
	double next_due;             /* monotonic seconds: the heap's order */
	size_t heap_pos;             /* index in the heap or POLLSET_NOT_QUEUED */
	int attempts;                /* consecutive RETRY outcomes */
	bool finished;               /* not scheduled unless refreshed */
	bool refresh;                /* fetch once even if finished */
	bool removed;                /* untracked while in a round */
	bool in_round;               /* handed to the API client, no outcome yet */
	bool resolved;               /* once mode: has a final answer */
};

struct pollset {
	struct pollset_entry **buckets;
	size_t n_buckets, n_entries;
	struct pollset_entry **heap;
	size_t heap_len, heap_cap;
};

void pollset_init(struct pollset *s);
/* Frees every entry. */
void pollset_free(struct pollset *s);

struct pollset_entry *pollset_find(const struct pollset *s, const char *id);
/* A new zeroed entry for id (not yet tracked: check with pollset_find). */
struct pollset_entry *pollset_insert(struct pollset *s, const char *id);
/* Takes e out of the heap if it is there, unlinks and frees it. */
void pollset_delete(struct pollset *s, struct pollset_entry *e);

/* Put e in the heap at the place its next_due says (want) or take it out
 * (!want). Call again after changing next_due. */
void pollset_queue(struct pollset *s, struct pollset_entry *e, bool want);
/* The entry due first, or NULL when the heap is empty. */
struct pollset_entry *pollset_first(const struct pollset *s);

/* Calls fn on every entry (fn must not insert or delete). */
void pollset_each(struct pollset *s, void (*fn)(struct pollset_entry *e, void *ctx), void *ctx);

#endif
