/* engine_impl: the engine's state, shared by engine.c (life, timers,
 * refresh, pause), engine_model.c (counts, link, messages, saves; calls no
 * other part), engine_apply.c (the worker's records), engine_edit.c (add,
 * untrack, undo), engine_dl.c (downloads, notifications), engine_submit.c
 * (submitting), engine_watch.c (timelines, slow tasks; calls only the
 * model) and engine_mark.c (marks, bulk actions). Nothing outside
 * src/engine includes it. */
#ifndef SUNOTOP_ENGINE_IMPL_H
#define SUNOTOP_ENGINE_IMPL_H

#include "engine.h"
#include "poller.h"

#define ENGINE_UNDO_MAX 32

/* One undo step: entries taken by an untrack, or ids an add tracked. */
struct engine_undo {
	bool add;
	struct entry **entries;      /* untrack: the taken entries (owned) */
	char **ids;                  /* add: the ids (owned) */
	struct entry *lead;          /* untrack: the first entry the request named */
	size_t n;
};

/* Everything is written by the front-end thread only. */
struct engine {
	struct engine_config cfg;
	struct tasklist *tl;
	struct queue *queue;
	struct poller *poller;       /* NULL until engine_start */
	struct downloader *dl;       /* NULL when downloads are off */
	char **on_complete;          /* --on-complete in words, or NULL */

	struct engine_counts counts;
	double typical;              /* learned typical run time */
	struct engine_conn conn;
	char *link_message;          /* owned copy behind conn.link_message */
	size_t round_tasks;          /* answers in the current round */
	int64_t last_ok_before;      /* conn.last_ok before the round that just ended */
	double save_due;             /* monotonic; 0 = nothing pending */

	struct engine_undo undo[ENGINE_UNDO_MAX];
	size_t n_undo;

	struct engine_dl *dls;       /* one per file asked for, in order */
	size_t n_dls, cap_dls;
	struct tasklist *auto_asked; /* ids whose files auto-download asked for */
	size_t dl_refused;           /* files not asked for: the URL is not http(s) */
	struct engine_sub *sub;      /* a submit in flight (engine_submit.c), or NULL */

	double stage_typical[TASK_STAGE_COUNT];   /* learned; 0 = nothing yet */
	int64_t slow_due;            /* wall: when an entry may turn slow next; 0 = none */
	bool slow_scanned;           /* entries checked since engine_start (or a timer) */
};

/* engine_model.c: calls no other part of the engine. */
void engine_save_soon(struct engine *eng, double delay);
/* Writes the list now (fsync); on failure a retry is scheduled and said. */
void engine_save_now(struct engine *eng);
void engine_message(struct engine *eng, enum engine_msg kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Adds (d = 1) or removes (d = (size_t)-1) one task's share of the counts. */
void engine_count(struct engine *eng, const struct task *t, size_t d);
void engine_recount(struct engine *eng);
void engine_learn_typical(struct engine *eng);
void engine_set_link(struct engine *eng, enum engine_link link, const char *raw);
/* Calls the view's connection callback for cause (ev: its details, or NULL). */
void engine_tell_conn(struct engine *eng, enum engine_cause cause, const struct event *ev);

/* engine_edit.c */
void engine_undo_free_all(struct engine *eng);

/* engine_watch.c: timelines and the slow rule. */
int64_t engine_clock(const struct engine *eng);
/* At engine_new: an "added" event for entries without a timeline, the
 * stages learned, every entry's slow state. */
void engine_watch_start(struct engine *eng);
/* Before e's task becomes fresh: the changes worth a timeline event. */
void engine_watch_task(struct engine *eng, struct entry *e, const struct task *fresh,
		       int64_t time);
/* After e changed: its slow state; returns ENGINE_CH_SLOW when it moved. */
unsigned engine_watch_slow(struct engine *eng, struct entry *e);
void engine_watch_error(struct engine *eng, struct entry *e, const char *raw, int64_t time);
void engine_watch_download(struct engine *eng, struct entry *e, const struct event *ev);
/* Learns the stages again and rechecks every entry (after a finish). */
void engine_watch_learn(struct engine *eng);
/* From engine_start: every entry checked, the view told. */
void engine_watch_begin(struct engine *eng);
/* From engine_run_due: entries whose time came turn slow. */
void engine_watch_due(struct engine *eng);
/* Monotonic time of the next slow check, 0 = none. */
double engine_watch_next(const struct engine *eng);

/* engine_submit.c */
void engine_submit_event(struct engine *eng, const struct event *ev);
void engine_submit_stop(struct engine *eng);
void engine_submit_free(struct engine *eng);

/* engine_dl.c */
void engine_dl_start(struct engine *eng);
void engine_dl_stop_worker(struct engine *eng);
void engine_dl_free(struct engine *eng);
void engine_dl_event(struct engine *eng, const struct event *ev);
/* New data for e: with auto-download, a task that succeeded has its files
 * asked for, once per run. */
void engine_dl_auto(struct engine *eng, const struct entry *e);
/* A task seen unfinished has finished: bell, notification, --on-complete. */
void engine_dl_finished(struct engine *eng, const struct task *t);

#endif
