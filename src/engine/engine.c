/* engine: the engine's life (threads started, stopped, joined), refresh,
 * pause and the key file read again after a rejection. Front-end thread
 * only; never draws, prints or waits for the network. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backoff.h"
#include "engine_impl.h"
#include "log.h"
#include "notify.h"
#include "taskrule.h"
#include "text.h"
#include "util.h"

double engine_due(const struct engine *eng)
{
	double slow = engine_watch_next(eng);

	if (!eng->save_due || (slow > 0 && slow < eng->save_due))
		return slow;
	return eng->save_due;
}

void engine_run_due(struct engine *eng)
{
	notify_reap();
	engine_watch_due(eng);
	if (eng->save_due > 0 && now_mono() >= eng->save_due)
		engine_save_now(eng);
}

int engine_fd(const struct engine *eng)
{
	return queue_fd(eng->queue);
}

int engine_wake_fd(const struct engine *eng)
{
	return queue_wake_fd(eng->queue);
}

double engine_next_poll_in(const struct engine *eng)
{
	if (!eng->poller || eng->conn.paused)
		return -1;
	return poller_next_in(eng->poller);
}

/* R after a rejected key: read the key file again, so fixing the file is
 * enough. False when the file is unusable. */
static bool engine_reload_key(struct engine *eng)
{
	char *key = NULL, *err = NULL, clean[256];

	switch (options_reread_key(eng->cfg.o, &key, &err)) {
	case 0:
		if (eng->poller)
			poller_set_key(eng->poller, key);
		else
			xfree_secret(key);
		log_write("key file read again after the key was rejected");
		return true;
	case 1:
		return true;
	default:
		text_sanitize_buf(err ? err : "unknown error", eng->cfg.text_flags, clean, sizeof(clean));
		engine_message(eng, ENGINE_MSG_WARN, "%s", clean);
		free(err);
		return false;
	}
}

bool engine_refresh(struct engine *eng, const char *id)
{
	if (id) {
		if (eng->poller)
			poller_refresh(eng->poller, id);
		return true;
	}
	if (eng->conn.link == ENGINE_LINK_KEY && !engine_reload_key(eng))
		return false;
	if (eng->poller)
		poller_refresh(eng->poller, NULL);
	if (eng->conn.link == ENGINE_LINK_KEY || eng->conn.link == ENGINE_LINK_FATAL) {
		engine_set_link(eng, ENGINE_LINK_OK, NULL);
		engine_tell_conn(eng, ENGINE_RESUMED, NULL);
	}
	return true;
}

void engine_pause(struct engine *eng, bool paused)
{
	eng->conn.paused = paused;
	if (eng->poller)
		poller_pause(eng->poller, paused);
	engine_tell_conn(eng, ENGINE_PAUSED, NULL);
}

struct engine *engine_new(const struct engine_config *cfg, char **err)
{
	struct engine *eng = xcalloc(1, sizeof(*eng));
	const struct options *o = cfg->o;

	eng->cfg = *cfg;
	eng->tl = cfg->tl;
	eng->queue = queue_new();
	eng->auto_asked = tasklist_new();
	*err = NULL;
	if (cfg->notify && o->on_complete && *o->on_complete)
		eng->on_complete = notify_split(o->on_complete, err);
	engine_recount(eng);
	engine_learn_typical(eng);
	engine_watch_start(eng);
	return eng;
}

void engine_begin(struct engine *eng)
{
	if (!eng->slow_scanned)
		engine_watch_begin(eng);
}

void engine_start(struct engine *eng)
{
	const struct options *o = eng->cfg.o;
	struct poller_config pc = {
		.api = eng->cfg.api,
		.queue = eng->queue,
		.interval = o->interval > 0 ? o->interval : DEFAULT_INTERVAL,
		.once = eng->cfg.once,
		.max_attempts = eng->cfg.once ? BACKOFF_MAX_ATTEMPTS : 0,
		.seed = (unsigned)time(NULL) ^ (unsigned)getpid(),
	};
	size_t i, n = tasklist_count(eng->tl);

	engine_begin(eng);
	eng->poller = poller_start(&pc);
	engine_dl_start(eng);
	/* Paused while adding, so a once round cannot end before every id is in. */
	poller_pause(eng->poller, true);
	for (i = 0; i < n; i++) {
		const struct entry *e = tasklist_at(eng->tl, i);
		poller_add(eng->poller, e->id, !eng->cfg.fetch_all && task_is_finished(e->task));
	}
	poller_pause(eng->poller, eng->conn.paused);
}

void engine_halt(struct engine *eng)
{
	if (eng->poller)
		poller_stop(eng->poller);
	eng->poller = NULL;
	engine_dl_stop_worker(eng);
	engine_submit_stop(eng);
}

int engine_stop(struct engine *eng, char **err)
{
	*err = NULL;
	engine_halt(eng);
	engine_pump(eng);
	if (eng->cfg.store && store_save(eng->cfg.store, eng->tl, err) < 0)
		return -1;
	eng->save_due = 0;
	return 0;
}

void engine_free(struct engine *eng)
{
	if (!eng)
		return;
	if (eng->poller)
		poller_stop(eng->poller);
	engine_dl_stop_worker(eng);
	engine_submit_free(eng);
	engine_dl_free(eng);
	engine_undo_free_all(eng);
	event_free_list(queue_pop_all(eng->queue));
	queue_free(eng->queue);
	tasklist_free(eng->auto_asked);
	free(eng->link_message);
	free(eng);
}
