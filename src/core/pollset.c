/* pollset: id table and due heap for the poller. Pure data structure: must
 * never lock, read a clock or know about the API. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pollset.h"
#include "util.h"

#define POLLSET_FIRST_BUCKETS 64
#define POLLSET_FIRST_HEAP 64

void pollset_init(struct pollset *s)
{
	memset(s, 0, sizeof(*s));
	s->n_buckets = POLLSET_FIRST_BUCKETS;
	s->buckets = xcalloc(s->n_buckets, sizeof(*s->buckets));
}

static void pollset_entry_free(struct pollset_entry *e)
{
	free(e->id);
	free(e);
}

void pollset_free(struct pollset *s)
{
	for (size_t i = 0; i < s->n_buckets; i++) {
		struct pollset_entry *e = s->buckets[i], *next;
		for (; e; e = next) {
			next = e->hnext;
			pollset_entry_free(e);
		}
	}
	free(s->buckets);
	free(s->heap);
	memset(s, 0, sizeof(*s));
}

/* ---- id table ---- */

/* FNV-1a: ids are short and already random-looking. */
static size_t pollset_hash(const char *id)
{
	uint64_t h = 14695981039346656037ULL;

	while (*id)
		h = (h ^ (unsigned char)*id++) * 1099511628211ULL;
	return (size_t)h;
}

static struct pollset_entry **pollset_slot(const struct pollset *s, const char *id)
{
	struct pollset_entry **pe = &s->buckets[pollset_hash(id) & (s->n_buckets - 1)];

	while (*pe && strcmp((*pe)->id, id) != 0)
		pe = &(*pe)->hnext;
	return pe;
}

struct pollset_entry *pollset_find(const struct pollset *s, const char *id)
{
	return *pollset_slot(s, id);
}

/* Twice the buckets once there are more entries than buckets: chains stay
 * about one long. */
static void pollset_grow(struct pollset *s)
{
	size_t n = s->n_buckets * 2;
	struct pollset_entry **b = xcalloc(n, sizeof(*b));

	for (size_t i = 0; i < s->n_buckets; i++) {
		struct pollset_entry *e = s->buckets[i], *next;
		for (; e; e = next) {
			size_t k = pollset_hash(e->id) & (n - 1);
			next = e->hnext;
			e->hnext = b[k];
			b[k] = e;
		}
	}
	free(s->buckets);
	s->buckets = b;
	s->n_buckets = n;
}

struct pollset_entry *pollset_insert(struct pollset *s, const char *id)
{
	struct pollset_entry *e = xcalloc(1, sizeof(*e));
	struct pollset_entry **pe;

	e->id = xstrdup(id);
	e->heap_pos = POLLSET_NOT_QUEUED;
	pe = pollset_slot(s, id);
	e->hnext = *pe;
	*pe = e;
	if (++s->n_entries > s->n_buckets)
		pollset_grow(s);
	return e;
}

/* ---- due heap ---- */

static void pollset_heap_set(struct pollset *s, size_t i, struct pollset_entry *e)
{
	s->heap[i] = e;
	e->heap_pos = i;
}

static void pollset_heap_up(struct pollset *s, size_t i)
{
	struct pollset_entry *e = s->heap[i];

	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!(e->next_due < s->heap[parent]->next_due))
			break;
		pollset_heap_set(s, i, s->heap[parent]);
		i = parent;
	}
	pollset_heap_set(s, i, e);
}

static void pollset_heap_down(struct pollset *s, size_t i)
{
	struct pollset_entry *e = s->heap[i];

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= s->heap_len)
			break;
		if (c + 1 < s->heap_len && s->heap[c + 1]->next_due < s->heap[c]->next_due)
			c++;
		if (!(s->heap[c]->next_due < e->next_due))
			break;
		pollset_heap_set(s, i, s->heap[c]);
		i = c;
	}
	pollset_heap_set(s, i, e);
}

static void pollset_heap_remove(struct pollset *s, struct pollset_entry *e)
{
	size_t i = e->heap_pos;
	struct pollset_entry *last = s->heap[--s->heap_len];

	e->heap_pos = POLLSET_NOT_QUEUED;
	if (i < s->heap_len) {
		pollset_heap_set(s, i, last);
		pollset_heap_up(s, i);
		pollset_heap_down(s, last->heap_pos);
	}
}

void pollset_queue(struct pollset *s, struct pollset_entry *e, bool want)
{
	if (e->heap_pos != POLLSET_NOT_QUEUED) {
		if (!want) {
			pollset_heap_remove(s, e);
		} else {
			pollset_heap_up(s, e->heap_pos);
			pollset_heap_down(s, e->heap_pos);
		}
	} else if (want) {
		if (s->heap_len == s->heap_cap) {
			s->heap_cap = s->heap_cap ? 2 * s->heap_cap : POLLSET_FIRST_HEAP;
			s->heap = xrealloc(s->heap, s->heap_cap * sizeof(*s->heap));
		}
		pollset_heap_set(s, s->heap_len++, e);
		pollset_heap_up(s, e->heap_pos);
	}
}

struct pollset_entry *pollset_first(const struct pollset *s)
{
	return s->heap_len > 0 ? s->heap[0] : NULL;
}

void pollset_delete(struct pollset *s, struct pollset_entry *e)
{
	struct pollset_entry **pe;

	if (e->heap_pos != POLLSET_NOT_QUEUED)
		pollset_heap_remove(s, e);
	pe = pollset_slot(s, e->id);
	*pe = e->hnext;
	s->n_entries--;
	pollset_entry_free(e);
}

void pollset_each(struct pollset *s, void (*fn)(struct pollset_entry *e, void *ctx), void *ctx)
{
	for (size_t i = 0; i < s->n_buckets; i++)
		for (struct pollset_entry *e = s->buckets[i]; e; e = e->hnext)
			fn(e, ctx);
}
