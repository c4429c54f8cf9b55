#include "config.h"
/* queue: owned records from the worker to the UI, a mutex-guarded list plus
 * a non-blocking wake pipe. It must never block the pusher on the reader. */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "queue.h"
#include "task.h"
#include "util.h"

struct queue {
	pthread_mutex_t lock;
	struct event *head;     /* written by pushers (worker) and the popper (UI), under lock */
	struct event *tail;     /* same; valid only when head != NULL */
	int pipe_rd;            /* set once in queue_new; read by the UI */
	int pipe_wr;            /* set once in queue_new; written to by pushers and signal handlers */
};

struct event *event_new(enum event_kind kind)
{
	struct event *ev = xcalloc(1, sizeof(*ev));

	ev->kind = kind;
	ev->time = now_wall();
	return ev;
}

void event_free(struct event *ev)
{
	if (!ev)
		return;
	free(ev->id);
	task_free(ev->task);
	free(ev->message);
	free(ev);
}

void event_free_list(struct event *ev)
{
	while (ev) {
		struct event *next = ev->next;
		event_free(ev);
		ev = next;
	}
}

static void queue_check(int rc, const char *what)
{
	if (rc != 0)
		die("%s: %s", what, strerror(rc));
}

struct queue *queue_new(void)
{
	struct queue *q = xcalloc(1, sizeof(*q));
	int fds[2];

	if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) < 0)
		die("cannot create the wake pipe: %s", strerror(errno));
	q->pipe_rd = fds[0];
	q->pipe_wr = fds[1];
	queue_check(pthread_mutex_init(&q->lock, NULL), "pthread_mutex_init");
	return q;
}

void queue_free(struct queue *q)
{
	if (!q)
		return;
	/* No other thread may use q any more, so the list is ours. */
	event_free_list(q->head);
	queue_check(pthread_mutex_destroy(&q->lock), "pthread_mutex_destroy");
	close(q->pipe_rd);
	close(q->pipe_wr);
	free(q);
}

static void queue_lock(struct queue *q)
{
	queue_check(pthread_mutex_lock(&q->lock), "pthread_mutex_lock");
}

static void queue_unlock(struct queue *q)
{
	queue_check(pthread_mutex_unlock(&q->lock), "pthread_mutex_unlock");
}

void queue_push(struct queue *q, struct event *ev)
{
	static const char byte = 'e';

	ev->next = NULL;
	queue_lock(q);
	if (q->head)
		q->tail->next = ev;
	else
		q->head = ev;
	q->tail = ev;
	queue_unlock(q);

	/* A full pipe (EAGAIN) already guarantees the reader wakes up; any
	 * other failure cannot be helped and must not stop the worker. */
	while (write(q->pipe_wr, &byte, 1) < 0 && errno == EINTR)
		;
}

struct event *queue_pop_all(struct queue *q)
{
	struct event *list;

	queue_lock(q);
	list = q->head;
	q->head = NULL;
	q->tail = NULL;
	queue_unlock(q);
	return list;
}

int queue_fd(const struct queue *q)
{
	return q->pipe_rd;
}

int queue_wake_fd(const struct queue *q)
{
	return q->pipe_wr;
}

void queue_drain(struct queue *q)
{
	char buf[256];
	ssize_t n;

	/* Stop at EAGAIN (empty), at 0 (cannot happen while we hold the write
	 * end) and at any other error. */
	for (;;) {
		n = read(q->pipe_rd, buf, sizeof(buf));
		if (n > 0)
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		break;
	}
}
