/* queue: owned records from the worker to the UI under a mutex, plus a
 * non-blocking wake pipe the UI poll()s on. Never blocks the pusher. */
#ifndef SUNOTOP_QUEUE_H
#define SUNOTOP_QUEUE_H

#include <stdint.h>
#include "task.h"

enum event_kind {
	EV_TASK,          /* task (owned): new data for task->task_id */
	EV_TASK_ERROR,    /* id, message, http_status: a per-task failure */
	EV_FETCH_BEGIN,   /* count: ids in the round that starts */
	EV_FETCH_END,     /* ok: whether the API answered at all */
	EV_API_ERROR,     /* message, http_status, retry_in, attempt: backing off */
	EV_KEY_REJECTED,  /* message: polling paused until a refresh (R) */
	EV_ROUND_DONE,    /* once mode: every id has a final answer */
	EV_GAVE_UP,       /* once mode: retries exhausted; message */
	EV_FATAL,         /* message: an error that is not retried (TLS, invalid request) */
	EV_DOWNLOAD,      /* id, clip, dl_what, dl_state, bytes, total, message, http_status */
	EV_SUBMIT,        /* ok: verdict, count: key rejected, attempt, http_status, id, message */
};

struct event {
	enum event_kind kind;
	char *id;                /* owned or NULL */
	struct task *task;       /* owned or NULL */
	char *message;           /* owned or NULL; raw server text, sanitize before display */
	long http_status;
	double retry_in;         /* seconds until the next attempt */
	double retry_after;      /* EV_API_ERROR: the longest wait a server asked for (Retry-After), 0 none */
	int attempt;
	int count;
	int ok;
	int64_t time;            /* Unix seconds when created */
	int clip;                /* EV_DOWNLOAD: clip index in the task */
	int dl_what;             /* EV_DOWNLOAD: enum download_what */
	int dl_state;            /* EV_DOWNLOAD: enum download_state */
	int64_t bytes, total;    /* EV_DOWNLOAD: received so far; expected (< 0 unknown) */
	struct event *next;
};

struct event *event_new(enum event_kind kind);
void event_free(struct event *ev);          /* one record */
void event_free_list(struct event *ev);     /* a popped list */

struct queue;

struct queue *queue_new(void);              /* dies if the pipe cannot be made */
void queue_free(struct queue *q);           /* frees pending records, closes the pipe */
void queue_push(struct queue *q, struct event *ev);   /* takes ownership, wakes */
struct event *queue_pop_all(struct queue *q);          /* in push order, or NULL */
int queue_fd(const struct queue *q);        /* read end, for poll() */
void queue_drain(struct queue *q);          /* empty the pipe */
/* Write end, for a signal handler that writes one byte (async-signal-safe). */
int queue_wake_fd(const struct queue *q);

#endif
