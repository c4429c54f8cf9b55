/* tasklist: tracked ids in insertion order plus an open-addressing hash from
 * id to entry. Pure data, single-threaded: must never lock or do I/O. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tasklist.h"
#include "util.h"

/* A removed slot in the hash: lookups probe past it, inserts may reuse it. */
static char tasklist_tombstone_mark;
#define TASKLIST_TOMBSTONE ((struct entry *)(void *)&tasklist_tombstone_mark)

struct tasklist {
	struct entry **order;    /* insertion order, sorted by seq */
	size_t count, cap;
	struct entry **slots;    /* hash table; NULL = never used */
	size_t n_slots;          /* power of two */
	size_t used;             /* live entries plus tombstones in slots */
	unsigned next_seq;
};

static uint64_t tasklist_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Slot holding id, or NULL. */
static struct entry **tasklist_slot_find(const struct tasklist *tl, const char *id)
{
	size_t mask = tl->n_slots - 1;
	size_t i = (size_t)tasklist_hash(id) & mask;

	for (;;) {
		struct entry *e = tl->slots[i];

		if (!e)
			return NULL;
		if (e != TASKLIST_TOMBSTONE && strcmp(e->id, id) == 0)
			return &tl->slots[i];
		i = (i + 1) & mask;
	}
}

static void tasklist_slot_insert(struct tasklist *tl, struct entry *e)
{
	size_t mask = tl->n_slots - 1;
	size_t i = (size_t)tasklist_hash(e->id) & mask;

	while (tl->slots[i] && tl->slots[i] != TASKLIST_TOMBSTONE)
		i = (i + 1) & mask;
	if (!tl->slots[i])
		tl->used++;
	tl->slots[i] = e;
}

/* Keep the table at most half full (counting tombstones) so probes stay
 * short; rebuilding also clears the tombstones. */
static void tasklist_reserve_slot(struct tasklist *tl)
{
	size_t n = tl->n_slots, i;

	if ((tl->used + 1) * 2 <= tl->n_slots)
		return;
	while ((tl->count + 1) * 4 > n)
		n *= 2;
	tl->slots = xcalloc(n, sizeof(*tl->slots));
	tl->n_slots = n;
	tl->used = 0;
	for (i = 0; i < tl->count; i++)
		tasklist_slot_insert(tl, tl->order[i]);
}

struct tasklist *tasklist_new(void)
{
	struct tasklist *tl = xcalloc(1, sizeof(*tl));

	tl->n_slots = 16;
	tl->slots = xcalloc(tl->n_slots, sizeof(*tl->slots));
	return tl;
}

void tasklist_entry_free(struct entry *e)
{
	if (!e)
		return;
	free(e->id);
	task_free(e->task);
	free(e->error);
	lineage_free(e->lineage);
	timeline_free(e->timeline);
	free(e);
}

void tasklist_free(struct tasklist *tl)
{
	size_t i;

	if (!tl)
		return;
	for (i = 0; i < tl->count; i++)
		tasklist_entry_free(tl->order[i]);
	free(tl->order);
	free(tl->slots);
	free(tl);
}

size_t tasklist_count(const struct tasklist *tl)
{
	return tl->count;
}

struct entry *tasklist_at(const struct tasklist *tl, size_t i)
{
	return i < tl->count ? tl->order[i] : NULL;
}

struct entry *tasklist_find(const struct tasklist *tl, const char *id)
{
	struct entry **slot;

	if (!id)
		return NULL;
	slot = tasklist_slot_find(tl, id);
	return slot ? *slot : NULL;
}

/* Put e into the order array at position pos and into the hash. */
static void tasklist_link(struct tasklist *tl, struct entry *e, size_t pos)
{
	struct entry **old_slots = tl->slots;

	if (tl->count == tl->cap) {
		tl->cap = tl->cap ? tl->cap * 2 : 64;
		tl->order = xrealloc(tl->order, tl->cap * sizeof(*tl->order));
	}
	memmove(&tl->order[pos + 1], &tl->order[pos],
		(tl->count - pos) * sizeof(*tl->order));
	tl->order[pos] = e;
	tl->count++;
	tasklist_reserve_slot(tl);
	if (tl->slots != old_slots) {
		/* The rebuild already hashed every entry in order[], e too. */
		free(old_slots);
		return;
	}
	tasklist_slot_insert(tl, e);
}

struct entry *tasklist_add(struct tasklist *tl, const char *id, int64_t added)
{
	struct entry *e;

	if (!id || !*id || tasklist_find(tl, id))
		return NULL;
	e = xcalloc(1, sizeof(*e));
	e->id = xstrdup(id);
	e->added = added;
	e->seq = tl->next_seq++;
	tasklist_link(tl, e, tl->count);
	return e;
}

struct entry *tasklist_take(struct tasklist *tl, const char *id)
{
	struct entry **slot = id ? tasklist_slot_find(tl, id) : NULL;
	struct entry *e;
	size_t i;

	if (!slot)
		return NULL;
	e = *slot;
	*slot = TASKLIST_TOMBSTONE;
	/* From the end: what is taken is most often what was added last (undo
	 * of an add, a load rolled back), so that stays O(1). */
	for (i = tl->count; i > 0 && tl->order[i - 1] != e; i--)
		;
	i--;
	memmove(&tl->order[i], &tl->order[i + 1],
		(tl->count - i - 1) * sizeof(*tl->order));
	tl->count--;
	return e;
}

bool tasklist_put(struct tasklist *tl, struct entry *e)
{
	size_t lo = 0, hi;

	if (!e || !e->id || tasklist_find(tl, e->id))
		return false;
	/* Back where it was: order[] is sorted by seq. */
	hi = tl->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (tl->order[mid]->seq < e->seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	tasklist_link(tl, e, lo);
	return true;
}

size_t tasklist_take_many(struct tasklist *tl, const char *const *ids, size_t n,
			  struct entry **out)
{
	size_t i, j, k = 0, found = 0;

	for (i = 0; i < n; i++) {
		struct entry **slot = ids[i] ? tasklist_slot_find(tl, ids[i]) : NULL;

		if (slot) {
			*slot = TASKLIST_TOMBSTONE;
			found++;
		}
	}
	if (!found)
		return 0;
	/* What the hash no longer finds is what was taken. */
	for (i = 0, j = 0; i < tl->count; i++) {
		struct entry *e = tl->order[i];

		if (tasklist_slot_find(tl, e->id))
			tl->order[j++] = e;
		else
			out[k++] = e;
	}
	tl->count = j;
	return k;
}

size_t tasklist_put_many(struct tasklist *tl, struct entry **es, size_t n)
{
	struct entry **back = xmalloc((n ? n : 1) * sizeof(*back)), **merged;
	size_t i, a = 0, b = 0, m = 0, kept = 0, slots;

	for (i = 0; i < n; i++) {
		if (tasklist_find(tl, es[i]->id))
			es[kept++] = es[i];          /* tracked again meanwhile */
		else
			back[m++] = es[i];
	}
	merged = xmalloc((tl->count + m + 1) * sizeof(*merged));
	for (i = 0; a < tl->count || b < m; i++) {
		if (b == m || (a < tl->count && tl->order[a]->seq < back[b]->seq))
			merged[i] = tl->order[a++];
		else
			merged[i] = back[b++];
	}
	free(tl->order);
	tl->order = merged;
	tl->count += m;
	tl->cap = tl->count + 1;
	if ((tl->used + m) * 2 > tl->n_slots) {
		for (slots = tl->n_slots; tl->count * 4 > slots; slots *= 2)
			;
		free(tl->slots);
		tl->slots = xcalloc(slots, sizeof(*tl->slots));
		tl->n_slots = slots;
		tl->used = 0;
		for (i = 0; i < tl->count; i++)
			tasklist_slot_insert(tl, tl->order[i]);
	} else {
		for (i = 0; i < m; i++)
			tasklist_slot_insert(tl, back[i]);
	}
	memcpy(&es[kept], back, m * sizeof(*back));
	free(back);
	return m;
}

struct entry *tasklist_update(struct tasklist *tl, struct task *t, int64_t now)
{
	struct entry *e = t ? tasklist_find(tl, t->task_id) : NULL;

	if (!e) {
		task_free(t);
		return NULL;
	}
	task_free(e->task);
	e->task = t;
	e->fetched = now;
	/* A good answer clears the last per-task error. */
	free(e->error);
	e->error = NULL;
	return e;
}
