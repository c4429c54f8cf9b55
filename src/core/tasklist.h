/* tasklist: the tracked ids and their last known tasks, with an id hash.
 * Pure data structure, owned by one thread (the UI or the script front end). */
#ifndef SUNOTOP_TASKLIST_H
#define SUNOTOP_TASKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lineage.h"
#include "task.h"
#include "timeline.h"

struct entry {
	char *id;                /* owned */
	int64_t added;           /* Unix seconds when the user added it */
	struct task *task;       /* last known, owned; NULL before the first answer */
	int64_t fetched;         /* Unix seconds of the last answer, 0 = never */
	char *error;             /* last per-task error message (raw), NULL when fine */
	unsigned seq;            /* insertion order, for the "added" sort */
	struct lineage *lineage; /* owned; the request when this program submitted it, else NULL */
	struct timeline *timeline; /* owned; what the program saw happen to it, or NULL */
	bool marked;             /* marked by the user for a bulk action (engine) */
	bool slow;               /* longer in its stage than is typical (engine) */
};

struct tasklist;

struct tasklist *tasklist_new(void);
void tasklist_free(struct tasklist *tl);
size_t tasklist_count(const struct tasklist *tl);
/* Entries in insertion order; the pointer stays valid until the entry is
 * removed (entries are individually allocated). */
struct entry *tasklist_at(const struct tasklist *tl, size_t i);
struct entry *tasklist_find(const struct tasklist *tl, const char *id);
/* Adds a new entry (copies id); NULL if the id is already tracked. */
struct entry *tasklist_add(struct tasklist *tl, const char *id, int64_t added);
/* Removes and returns the entry (caller frees with tasklist_entry_free),
 * NULL when not tracked. Order of the others is kept. */
struct entry *tasklist_take(struct tasklist *tl, const char *id);
/* Re-inserts a taken entry (undo). False if the id is tracked again. */
bool tasklist_put(struct tasklist *tl, struct entry *e);
void tasklist_entry_free(struct entry *e);
/* Removes the tracked ones of ids[0..n) in one pass over the order, putting
 * them in out (in list order; out holds n); returns how many. */
size_t tasklist_take_many(struct tasklist *tl, const char *const *ids, size_t n,
			  struct entry **out);
/* Puts back taken entries (sorted by seq, as tasklist_take_many gives
 * them) where they were, in one pass. Returns how many went back. es[] is
 * reordered: first, in order, those whose id is tracked again (still the
 * caller's), then those that went back (es[n - returned..n)). */
size_t tasklist_put_many(struct tasklist *tl, struct entry **es, size_t n);
/* Replace the entry's task with t (ownership moves in). Returns the entry, or
 * NULL (and frees t) when the id is not tracked. */
struct entry *tasklist_update(struct tasklist *tl, struct task *t, int64_t now);

#endif
