/* queue: owned records from the worker to the UI under a mutex, and a
 * non-blocking wake pipe. Pushing never blocks on the reader. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "queue.h"
#include "util.h"

struct queue {
	pthread_mutex_t lock;
	struct event *head;      /* written by pushers and the popper, under lock */
	struct event *tail;      /* same */
	int pipe_rd;             /* set once at creation */
	int pipe_wr;
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
	free(ev->message);
	task_free(ev->task);
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
		die("%s failed: %s", what, strerror(rc));
}

struct queue *queue_new(void)
{
	struct queue *q = xcalloc(1, sizeof(*q));
	int fds[2];

	if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) < 0)
		die("cannot create a pipe: %s", strerror(errno));
	q->pipe_rd = fds[0];
	q->pipe_wr = fds[1];
	queue_check(pthread_mutex_init(&q->lock, NULL), "pthread_mutex_init");
	return q;
}

void queue_free(struct queue *q)
{
	if (!q)
		return;
	event_free_list(q->head);
	pthread_mutex_destroy(&q->lock);
	close(q->pipe_rd);
	close(q->pipe_wr);
	free(q);
}

static void queue_wake(struct queue *q)
{
	char c = 'e';

	for (;;) {
		if (write(q->pipe_wr, &c, 1) >= 0 || errno == EAGAIN)
			return;       /* EAGAIN: the reader has bytes waiting already */
		if (errno != EINTR)
			return;
	}
}

void queue_push(struct queue *q, struct event *ev)
{
	ev->next = NULL;
	queue_check(pthread_mutex_lock(&q->lock), "pthread_mutex_lock");
	if (q->tail)
		q->tail->next = ev;
	else
		q->head = ev;
	q->tail = ev;
	queue_check(pthread_mutex_unlock(&q->lock), "pthread_mutex_unlock");
	queue_wake(q);
}

struct event *queue_pop_all(struct queue *q)
{
	struct event *list;

	queue_check(pthread_mutex_lock(&q->lock), "pthread_mutex_lock");
	list = q->head;
	q->head = q->tail = NULL;
	queue_check(pthread_mutex_unlock(&q->lock), "pthread_mutex_unlock");
	return list;
}

int queue_fd(const struct queue *q)
{
	return q->pipe_rd;
}

void queue_drain(struct queue *q)
{
	char buf[256];

	for (;;) {
		ssize_t n = read(q->pipe_rd, buf, sizeof(buf));
		if (n > 0)
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		return;       /* EAGAIN (empty) or EOF */
	}
}

int queue_wake_fd(const struct queue *q)
{
	return q->pipe_wr;
}
