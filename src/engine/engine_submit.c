/* engine_submit: a generation submitted from the dashboard. The POST runs on
 * a thread of its own with its own API client, so the screen never waits;
 * the new task is tracked, polled and saved (fsync) before the front end
 * hears of it. One request at a time; never resent after an unclear outcome. */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "api_submit.h"
#include "engine_impl.h"
#include "log.h"
#include "text.h"
#include "util.h"

/* Written by the front-end thread before the thread starts, and read by it
 * after the join; the thread writes only `stop`'s wake-up target and the
 * event it pushes. */
struct engine_sub {
	pthread_t thread;
	struct api *api;             /* the thread's own client */
	struct queue *queue;
	char *path, *body;
	struct lineage *lineage;     /* kept with the entry when accepted */
	atomic_bool stop;
	bool joined;
	unsigned seed;
};

static void engine_sub_free(struct engine_sub *s)
{
	if (!s)
		return;
	api_free(s->api);
	free(s->path);
	free(s->body);
	lineage_free(s->lineage);
	free(s);
}

/* The thread: one POST, again only while api_submit_retry_in says it is
 * safe, then one EV_SUBMIT with the verdict. */
static void *engine_sub_main(void *arg)
{
	struct engine_sub *s = arg;
	struct api_submit_result res;
	struct event *ev = event_new(EV_SUBMIT);
	int attempt;

	util_name_thread("sunotop-submit");
	for (attempt = 1;; attempt++) {
		double wait;

		api_submit(s->api, s->path, s->body, &res);
		wait = api_submit_retry_in(&res, attempt, (double)rand_r(&s->seed) / ((double)RAND_MAX + 1));
		if (wait < 0 || atomic_load(&s->stop))
			break;
		log_write("submit: %s; trying again in %.1f s", res.message ? res.message : "", wait);
		api_wait(s->api, wait);
		if (atomic_load(&s->stop))
			break;
		api_submit_result_free(&res);
	}
	ev->ok = res.verdict;
	ev->count = res.key_rejected;
	ev->attempt = attempt;
	ev->http_status = res.http_status;
	ev->id = res.task_id;
	ev->message = res.message;
	ev->retry_in = res.retry ? (res.retry_after > 0 ? res.retry_after : 0) : -1;
	res.task_id = res.message = NULL;
	api_submit_result_free(&res);
	queue_push(s->queue, ev);
	return NULL;
}

/* The key to send: the key file read again where there is one (it may have
 * been fixed since the start), else the one the program started with. */
static char *engine_sub_key(struct engine *eng, char **err)
{
	char *key = NULL;

	switch (options_reread_key(eng->cfg.o, &key, err)) {
	case 0:
		return key;
	case 1:
		return xstrdup(eng->cfg.o->api_key);
	default:
		return NULL;
	}
}

bool engine_submit_busy(const struct engine *eng)
{
	return eng->sub != NULL;
}

bool engine_submit(struct engine *eng, const struct submit_req *r, enum lineage_relation rel,
		   const char *from_task, const char *from_clip, char **why)
{
	const struct options *o = eng->cfg.o;
	struct engine_sub *s;
	struct api_config ac = { .base_url = o->base_url, .cacert = o->cacert };
	char *key, *err = NULL;

	*why = NULL;
	if (eng->sub) {
		*why = xstrdup("a submit is still in flight");
		return false;
	}
	if ((*why = submit_req_check(r)) != NULL)
		return false;
	if (!eng->cfg.store || store_readonly(eng->cfg.store)) {
		*why = xstrdup("the task list cannot be saved here (read-only), so a new task could not be kept; nothing was sent");
		return false;
	}
	key = engine_sub_key(eng, why);
	if (!key)
		return false;
	ac.key = key;
	s = xcalloc(1, sizeof(*s));
	s->api = api_new(&ac, &err);
	xfree_secret(key);
	if (!s->api) {
		*why = err;
		engine_sub_free(s);
		return false;
	}
	s->queue = eng->queue;
	s->path = xstrdup(submit_req_path(r));
	s->body = submit_req_body(r);
	s->lineage = lineage_new(s->path, s->body, rel, from_task, from_clip);
	s->seed = (unsigned)now_wall() ^ (unsigned)(size_t)s;
	atomic_init(&s->stop, false);
	/* The thread takes no signal: they stay with the front end. */
	if (util_thread_start(&s->thread, engine_sub_main, s) != 0) {
		engine_sub_free(s);
		*why = xstrdup("cannot start a thread to send the request; nothing was sent");
		return false;
	}
	eng->sub = s;
	log_write("submit: POST %s started", s->path);
	return true;
}

/* The thread's verdict, on the front-end thread: an accepted task is
 * tracked with its request and origin and saved before the view hears. */
void engine_submit_event(struct engine *eng, const struct event *ev)
{
	struct engine_sub *s = eng->sub;
	struct engine_submitted rep = {
		.verdict = (enum submit_verdict)ev->ok, .key_rejected = ev->count != 0,
		.attempts = ev->attempt, .http_status = ev->http_status, .message = ev->message,
		.retry_after = ev->retry_in,
	};
	struct entry *e = NULL;

	if (!s)
		return;
	if (!s->joined)
		pthread_join(s->thread, NULL);
	eng->sub = NULL;
	if (rep.verdict == SUBMIT_ACCEPTED && ev->id) {
		e = tasklist_add(eng->tl, ev->id, now_wall());
		if (e) {
			e->lineage = s->lineage;
			s->lineage = NULL;
			timeline_add(&e->timeline, e->added, TIMELINE_ADDED, -1, NULL);
			if (eng->poller)
				poller_add(eng->poller, e->id, false);
			engine_recount(eng);
			engine_save_now(eng);
			rep.saved = !engine_save_pending(eng);
			if (eng->cfg.view && eng->cfg.view->task_added)
				eng->cfg.view->task_added(eng->cfg.ctx, e);
		}
		rep.id = ev->id;
	}
	log_write("submit: %s", rep.verdict == SUBMIT_ACCEPTED ? "accepted" :
		  rep.verdict == SUBMIT_UNKNOWN ? "unknown outcome" : "not accepted");
	if (eng->cfg.view && eng->cfg.view->submitted)
		eng->cfg.view->submitted(eng->cfg.ctx, &rep);
	engine_sub_free(s);
}

/* On the way out: a request in flight is let finish (it may already have
 * made a task, whose id must not be lost); a wait for another try ends. */
void engine_submit_stop(struct engine *eng)
{
	struct engine_sub *s = eng->sub;

	if (!s)
		return;
	atomic_store(&s->stop, true);
	api_wakeup(s->api);
	if (!s->joined)
		pthread_join(s->thread, NULL);
	/* its event is in the queue: the caller's pump applies it */
	s->joined = true;
}

void engine_submit_free(struct engine *eng)
{
	engine_submit_stop(eng);
	engine_sub_free(eng->sub);
	eng->sub = NULL;
}
