/* engine: the model both front ends drive. While it lives it is the only
 * code that changes the tracked list and the store, and it runs the poller,
 * the queue and the download worker; front ends render what it tells them
 * through a table of callbacks. Front-end thread only; never draws, prints
 * or waits for the network. */
#ifndef SUNOTOP_ENGINE_H
#define SUNOTOP_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "api.h"
#include "api_submit.h"
#include "download.h"
#include "estimate.h"
#include "options.h"
#include "queue.h"
#include "store.h"
#include "submitreq.h"
#include "taskrule.h"
#include "tasksort.h"
#include "tasklist.h"

/* What changed about a task, for engine_view.task_changed. */
enum {
	ENGINE_CH_ANSWER = 1 << 0,     /* a new answer was stored, maybe the same data */
	ENGINE_CH_SHOWN = 1 << 1,      /* something the dashboard shows or saves changed */
	ENGINE_CH_STATUS = 1 << 2,     /* what --watch prints changed (task_changed) */
	ENGINE_CH_FINISHED = 1 << 3,   /* seen unfinished before, finished now */
	ENGINE_CH_ERROR = 1 << 4,      /* entry.error was set */
	ENGINE_CH_DOWNLOAD = 1 << 5,   /* one of its files moved on */
	ENGINE_CH_SLOW = 1 << 6,       /* entry.slow turned on or off */
	ENGINE_CH_MARK = 1 << 7,       /* entry.marked changed */
};

/* The link to the API as the front ends show it. */
enum engine_link {
	ENGINE_LINK_OK,
	ENGINE_LINK_UNREACHABLE,       /* backing off; retry_at says when */
	ENGINE_LINK_KEY,               /* key rejected: polling paused until a refresh */
	ENGINE_LINK_FATAL,             /* not retried until a refresh */
};

/* Why engine_view.connection was called. */
enum engine_cause {
	ENGINE_ROUND_BEGIN,            /* a round starts (spinner on) */
	ENGINE_ROUND_END,              /* the round ended */
	ENGINE_API_ERROR,              /* message, http_status, attempt, retry_in */
	ENGINE_KEY_REJECTED,           /* message, http_status */
	ENGINE_FATAL,                  /* message */
	ENGINE_ROUND_DONE,             /* once mode: every id has a final answer */
	ENGINE_GAVE_UP,                /* once mode: id (may be NULL), message, attempt */
	ENGINE_RESUMED,                /* a refresh lifted a key or fatal stop */
	ENGINE_PAUSED,                 /* engine_pause changed `paused` */
};

struct engine_conn {
	enum engine_link link;
	bool inflight;                 /* a round is running */
	bool paused;                   /* by the user */
	int64_t last_ok;               /* wall time of the last answer, 0 = none yet */
	double retry_at;               /* monotonic: next try while UNREACHABLE */
	const char *link_message;      /* raw text behind link (owned by the engine) */
	/* The event that caused the call; valid during the callback only. */
	enum engine_cause cause;
	const char *message;           /* raw server text or NULL: sanitize it */
	const char *id;
	long http_status;
	int attempt;
	double retry_in;
	double retry_after;            /* ENGINE_API_ERROR: the longest wait a server asked for, 0 none */
};

enum engine_msg {
	ENGINE_MSG_INFO,
	ENGINE_MSG_DONE,               /* something finished well (downloads) */
	ENGINE_MSG_WARN,               /* something went wrong */
};

/* One file asked for (engine_dl.c). */
struct engine_dl {
	char *task_id;
	int clip;
	enum download_what what;
	enum download_state state;
	int64_t bytes, total;          /* total < 0: unknown */
	char *message;                 /* raw: saved path or why it failed, or NULL */
};

/* How a submit from the front end ended (engine_submit). */
struct engine_submitted {
	enum submit_verdict verdict;
	bool key_rejected;             /* not accepted: the key was rejected */
	int attempts;                  /* POSTs sent */
	long http_status;              /* 0: nothing was answered */
	const char *id;                /* accepted: the new task, tracked */
	bool saved;                    /* accepted: the state file holds it */
	const char *message;           /* raw (sanitize it), NULL when accepted */
	double retry_after;            /* a 429 that asked for longer than is waited, or < 0 */
};

/* The front end's side: every pointer may be NULL. Entries passed are the
 * tasklist's and stay valid until task_removed for their id. */
struct engine_view {
	void (*task_added)(void *ctx, struct entry *e);
	void (*task_changed)(void *ctx, struct entry *e, unsigned what);
	void (*task_removed)(void *ctx, const char *id);
	void (*connection)(void *ctx, const struct engine_conn *c);
	/* Text is trusted or already sanitized with the configured flags. */
	void (*message)(void *ctx, enum engine_msg kind, const char *text);
	void (*download)(void *ctx, const struct engine_dl *d);
	/* A submit ended; for an accepted one, task_added came first. */
	void (*submitted)(void *ctx, const struct engine_submitted *s);
};

struct engine_config {
	const struct options *o;       /* interval, key file, downloads, notifications */
	struct api *api;               /* the poller's while the engine runs; may be NULL unstarted */
	struct store *store;           /* NULL: nothing is saved */
	struct tasklist *tl;           /* the tracked ids; only the engine changes it */
	const struct engine_view *view;
	void *ctx;
	unsigned text_flags;           /* text_sanitize flags for messages (TEXT_ASCII) */
	bool once;                     /* poll each id to a final answer, then ROUND_DONE */
	bool fetch_all;                /* fetch every id at start, finished ones too */
	bool keep_all;                 /* keep every field of an answer (--json prints them) */
	bool notify;                   /* bell, notification and --on-complete on finishing */
	FILE *ring;                    /* where bell and notification bytes go, or NULL */
	bool downloads;                /* start the download worker */
	bool auto_download;            /* save the files of each task that succeeds */
	/* Wall clock (Unix seconds) of timelines and the slow rule; NULL:
	 * now_wall. Tests move a fake one. */
	int64_t (*clock)(void);
};

struct engine_counts {
	size_t running, waiting, done, failed, active;
	size_t slow;                   /* entries with entry.slow */
	size_t marked;                 /* entries with entry.marked */
};

struct engine;

/* No thread yet. *err (caller frees) says why --on-complete is not used,
 * if it is not; the engine works without it. */
struct engine *engine_new(const struct engine_config *cfg, char **err);
/* The first look at which tasks are slow, with no thread started: what a
 * first frame needs. engine_start does it if it was not done. */
void engine_begin(struct engine *eng);
/* Starts the poller (and download worker) and hands it every tracked id. */
void engine_start(struct engine *eng);
/* Stops and joins the workers, applies what they left, writes a pending
 * save. Returns -1 when that save failed (*err set, caller frees). */
int engine_stop(struct engine *eng, char **err);
/* Stops and joins the workers; what they left is dropped unapplied and
 * nothing is saved (a script that is done or was stopped by a signal). */
void engine_halt(struct engine *eng);
void engine_free(struct engine *eng);

/* The loop's side: poll engine_fd for reading; call engine_pump after a
 * wake (it drains, pops every record and applies it, calling the view),
 * and engine_run_due once engine_due (monotonic, 0 = nothing) has come. */
int engine_fd(const struct engine *eng);
int engine_wake_fd(const struct engine *eng);   /* for a signal handler */
void engine_pump(struct engine *eng);
/* Applies a popped list of records (taken over); engine_pump uses it. */
void engine_apply(struct engine *eng, struct event *list);
double engine_due(const struct engine *eng);
void engine_run_due(struct engine *eng);

/* What the front ends read. */
const struct tasklist *engine_tasks(const struct engine *eng);
const struct engine_conn *engine_connection(const struct engine *eng);
const struct engine_counts *engine_counts(const struct engine *eng);
/* The progress shown for a task (NULL: no answer yet) at wall time now. */
struct estimate engine_estimate(const struct engine *eng, const struct task *t, int64_t now);
/* Seconds until the next scheduled poll, < 0 when none. */
double engine_next_poll_in(const struct engine *eng);
/* True while a save is scheduled and not yet written. */
bool engine_save_pending(const struct engine *eng);
/* True when edits are never saved: another sunotop holds the state file,
 * or there is none. */
bool engine_read_only(const struct engine *eng);

/* Actions. Ids are validated task ids. */
struct engine_add_report {
	size_t added, dup, invalid;
	char bad[64];                  /* the first invalid token, sanitized */
	const char *reason;            /* why it is invalid */
	char last[128];                /* the last id added */
};
/* Tracks every id in text (spaces, commas, newlines) as one undo step. */
void engine_add_text(struct engine *eng, const char *text, struct engine_add_report *r);
/* Untracks the ids that are tracked, as one undo step; returns how many. */
size_t engine_untrack(struct engine *eng, const char *const *ids, size_t n);
struct engine_undo_report {
	int kind;                      /* 0 nothing to undo, 1 untrack undone, 2 add undone */
	size_t n;                      /* ids restored or untracked again */
	size_t skipped;                /* restored ids tracked again meanwhile */
	char first[128];
};
void engine_undo(struct engine *eng, struct engine_undo_report *r);
/* Fetch one id now, or every id (finished too) for NULL. Refreshing all
 * after a rejected key reads the key file again first; false (and a
 * message) when it is unusable: nothing is sent with a key known bad. */
bool engine_refresh(struct engine *eng, const char *id);
void engine_pause(struct engine *eng, bool paused);

/* Timelines and slow tasks (engine_watch.c). The engine records each
 * entry's timeline and keeps entry.slow and counts.slow true as time
 * passes (engine_due covers it); a task that turns slow rings or notifies
 * once (with notifications on and notify_slow). */
/* When e entered its current stage (0: it is in none). */
int64_t engine_stage_since(const struct engine *eng, const struct entry *e);
/* The typical duration learned for a stage, 0 while nothing is learned. */
double engine_stage_typical(const struct engine *eng, enum task_stage s);
/* The wall clock the engine uses. */
int64_t engine_now(const struct engine *eng);
/* What the list's orders need at wall time now (tasksort.h). */
void engine_sort_ctx(const struct engine *eng, int64_t now, struct task_sort_ctx *ctx);

/* Marks (engine_mark.c): the user's selection for bulk actions. */
bool engine_mark(struct engine *eng, const char *id, bool on);     /* false: not tracked */
bool engine_mark_toggle(struct engine *eng, const char *id);       /* the new state */
/* Marks every entry of es (those the front end shows). */
void engine_mark_all(struct engine *eng, struct entry *const *es, size_t n);
void engine_marks_clear(struct engine *eng);
/* The marked ids in list order (pointers into the entries; caller frees
 * the array only); *n how many. */
const char **engine_marked_ids(const struct engine *eng, size_t *n);
/* The marked ids, one per line (for the clipboard). Caller frees. */
char *engine_marked_text(const struct engine *eng);
/* Untracks every marked task as one undo step (undo restores them, marked). */
size_t engine_untrack_marked(struct engine *eng);
size_t engine_refresh_marked(struct engine *eng);
/* engine_download on each marked task; *asked files asked for in all. */
size_t engine_download_marked(struct engine *eng, unsigned files, size_t *asked);

/* Submitting (engine_submit.c). Checks r, then sends it on a thread of its
 * own: once, and again by itself only when nothing can have been made
 * (api_submit_retry_in). The view's submitted() tells how it ended; an
 * accepted task is tracked with its request and origin and saved first.
 * False, with *why (caller frees), when nothing was sent: bad input, a
 * read-only state file, no usable key, or a submit still in flight. */
bool engine_submit(struct engine *eng, const struct submit_req *r, enum lineage_relation rel,
		   const char *from_task, const char *from_clip, char **why);
bool engine_submit_busy(const struct engine *eng);

/* Downloads (engine_dl.c). */
enum { ENGINE_FILES_AUDIO = 1, ENGINE_FILES_VIDEO = 2, ENGINE_FILES_CONFIGURED = 4 };
enum engine_dl_result { ENGINE_DL_ASKED, ENGINE_DL_NOT_READY, ENGINE_DL_OFF };
/* Asks for the task's files (ENGINE_FILES_CONFIGURED: audio, and video when
 * the configuration says so); *n is how many were asked for now. */
enum engine_dl_result engine_download(struct engine *eng, const char *id, unsigned files,
				      size_t *n);
const struct engine_dl *engine_dl_find(const struct engine *eng, const char *id, int clip,
				       enum download_what what);
struct engine_dl_summary {
	size_t busy, failed, saved, there;
	int64_t got, total;            /* bytes over the files of known size */
};
void engine_dl_summary(const struct engine *eng, const char *id, struct engine_dl_summary *s);
bool engine_dl_busy(const struct engine_dl *d);
/* Files asked for and not yet saved or given up. */
size_t engine_dl_pending(const struct engine *eng);
/* Files that failed or were refused (not http(s)). */
size_t engine_dl_failed(const struct engine *eng);

#endif
