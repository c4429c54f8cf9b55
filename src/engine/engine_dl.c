/* engine_dl: what happens after a task finishes: the files asked for (by
 * the user or automatically) and their progress, the bell, notification
 * and --on-complete. Front-end thread only: it asks the download worker and
 * starts children, and never waits for either. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_impl.h"
#include "log.h"
#include "notify.h"
#include "taskrule.h"
#include "util.h"

void engine_dl_start(struct engine *eng)
{
	struct download_config dc = { .queue = eng->queue, .dir = eng->cfg.o->download_dir,
				      .api_url = eng->cfg.o->base_url,
				      .state_path = eng->cfg.o->state_path };

	if (eng->cfg.downloads && dc.dir)
		eng->dl = download_start(&dc);
}

void engine_dl_stop_worker(struct engine *eng)
{
	download_stop(eng->dl);
	eng->dl = NULL;
}

void engine_dl_free(struct engine *eng)
{
	size_t i;

	for (i = 0; i < eng->n_dls; i++) {
		free(eng->dls[i].task_id);
		free(eng->dls[i].message);
	}
	free(eng->dls);
	eng->dls = NULL;
	eng->n_dls = eng->cap_dls = 0;
	notify_free_words(eng->on_complete);
	eng->on_complete = NULL;
	notify_reap();
}

static struct engine_dl *engine_dl_lookup(const struct engine *eng, const char *id, int clip,
					  enum download_what what)
{
	size_t i;

	for (i = 0; i < eng->n_dls; i++)
		if (eng->dls[i].clip == clip && eng->dls[i].what == what &&
		    strcmp(eng->dls[i].task_id, id) == 0)
			return &eng->dls[i];
	return NULL;
}

const struct engine_dl *engine_dl_find(const struct engine *eng, const char *id, int clip,
				       enum download_what what)
{
	return engine_dl_lookup(eng, id, clip, what);
}

bool engine_dl_busy(const struct engine_dl *d)
{
	return d && (d->state == DL_QUEUED || d->state == DL_ACTIVE);
}

/* Asks the worker for one file unless it is on its way; true when asked. */
static bool engine_dl_add(struct engine *eng, const struct entry *e, size_t clip,
			  enum download_what what)
{
	const struct clip *c = &e->task->clips[clip];
	const char *url = download_clip_url(c, what);
	struct engine_dl *d = engine_dl_lookup(eng, e->id, (int)clip, what);
	char *name;
	bool ok;

	if (!url || engine_dl_busy(d))
		return false;
	name = download_clip_file_name(c, what);
	ok = download_add(eng->dl, e->id, (int)clip, what, url, name);
	free(name);
	if (!ok)
		return false;
	if (!d) {
		if (eng->n_dls == eng->cap_dls) {
			eng->cap_dls = eng->cap_dls ? eng->cap_dls * 2 : 16;
			eng->dls = xrealloc(eng->dls, eng->cap_dls * sizeof(*eng->dls));
		}
		d = &eng->dls[eng->n_dls++];
		memset(d, 0, sizeof(*d));
		d->task_id = xstrdup(e->id);
		d->clip = (int)clip;
		d->what = what;
	}
	d->state = DL_QUEUED;
	d->bytes = 0;
	d->total = -1;
	free(d->message);
	d->message = NULL;
	return true;
}

static size_t engine_dl_add_all(struct engine *eng, const struct entry *e, enum download_what what)
{
	size_t i, n = 0;

	for (i = 0; i < e->task->n_clips; i++)
		n += engine_dl_add(eng, e, i, what);
	return n;
}

enum engine_dl_result engine_download(struct engine *eng, const char *id, unsigned files,
				      size_t *n)
{
	const struct entry *e = tasklist_find(eng->tl, id);

	*n = 0;
	if (!e || !task_succeeded(e->task) || !task_first_audio(e->task))
		return ENGINE_DL_NOT_READY;
	if (!eng->dl)
		return ENGINE_DL_OFF;
	if (files & ENGINE_FILES_CONFIGURED)
		files = ENGINE_FILES_AUDIO | (eng->cfg.o->download_video ? ENGINE_FILES_VIDEO : 0);
	if (files & ENGINE_FILES_AUDIO)
		*n += engine_dl_add_all(eng, e, DOWNLOAD_AUDIO);
	if (files & ENGINE_FILES_VIDEO)
		*n += engine_dl_add_all(eng, e, DOWNLOAD_VIDEO);
	return ENGINE_DL_ASKED;
}

void engine_dl_summary(const struct engine *eng, const char *id, struct engine_dl_summary *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < eng->n_dls; i++) {
		const struct engine_dl *d = &eng->dls[i];
		if (strcmp(d->task_id, id) != 0)
			continue;
		if (d->state == DL_FAILED) {
			s->failed++;
			continue;
		}
		s->busy += engine_dl_busy(d);
		s->saved += d->state == DL_DONE;
		s->there += d->state == DL_EXISTS;
		if (d->total > 0) {
			s->got += engine_dl_busy(d) ? d->bytes : d->total;
			s->total += d->total;
		}
	}
}

size_t engine_dl_pending(const struct engine *eng)
{
	size_t i, n = 0;

	for (i = 0; i < eng->n_dls; i++)
		n += engine_dl_busy(&eng->dls[i]);
	return n;
}

size_t engine_dl_failed(const struct engine *eng)
{
	size_t i, n = eng->dl_refused;

	for (i = 0; i < eng->n_dls; i++)
		n += eng->dls[i].state == DL_FAILED;
	return n;
}

void engine_dl_event(struct engine *eng, const struct event *ev)
{
	struct engine_dl *d;
	struct entry *e;

	if (!ev->id || !(d = engine_dl_lookup(eng, ev->id, ev->clip, (enum download_what)ev->dl_what)))
		return;
	d->state = (enum download_state)ev->dl_state;
	d->bytes = ev->bytes;
	d->total = ev->total;
	if (ev->message || d->state != DL_ACTIVE) {
		free(d->message);
		d->message = ev->message ? xstrdup(ev->message) : NULL;
	}
	if (eng->cfg.view && eng->cfg.view->download)
		eng->cfg.view->download(eng->cfg.ctx, d);
	if ((e = tasklist_find(eng->tl, ev->id)))
		engine_watch_download(eng, e, ev);
	if (e && eng->cfg.view && eng->cfg.view->task_changed)
		eng->cfg.view->task_changed(eng->cfg.ctx, e, ENGINE_CH_DOWNLOAD);
}

/* Every complete clip's audio (and video when configured) of a task that
 * succeeded, once per task in a run: the answer may come more than once,
 * the state file may have known it already. Files asked for before (`w`)
 * are left alone. */
void engine_dl_auto(struct engine *eng, const struct entry *e)
{
	const struct task *t = e->task;
	size_t i, asked = 0;
	int w;

	if (!eng->cfg.auto_download || !eng->dl || !task_succeeded(t) ||
	    !tasklist_add(eng->auto_asked, e->id, 0))
		return;
	for (i = 0; i < t->n_clips; i++) {
		for (w = DOWNLOAD_AUDIO; w <= DOWNLOAD_VIDEO; w++) {
			if ((w == DOWNLOAD_VIDEO && !eng->cfg.o->download_video) ||
			    !download_clip_url(&t->clips[i], (enum download_what)w))
				continue;
			asked++;
			if (engine_dl_lookup(eng, e->id, (int)i, (enum download_what)w) ||
			    engine_dl_add(eng, e, i, (enum download_what)w))
				continue;
			eng->dl_refused++;
			engine_message(eng, ENGINE_MSG_WARN, "%s: clip %zu: not downloaded: the URL is not http(s)",
				       e->id, i + 1);
		}
	}
	if (asked == 0)
		engine_message(eng, ENGINE_MSG_WARN, "%s: nothing to download (no complete clip with a URL)",
			       e->id);
}

void engine_dl_finished(struct engine *eng, const struct task *t)
{
	const struct options *o = eng->cfg.o;
	char *seq;

	if (!eng->cfg.notify)
		return;
	if (eng->cfg.ring) {
		seq = notify_sequence(t, o->bell, o->notify);
		if (*seq) {
			fputs(seq, eng->cfg.ring);
			fflush(eng->cfg.ring);
		}
		free(seq);
	}
	if (eng->on_complete && notify_spawn(eng->on_complete, t) < 0)
		engine_message(eng, ENGINE_MSG_WARN, "cannot run the --on-complete command: %s",
			       strerror(errno));
	log_write("task %s finished (%s)", t->task_id, task_state_name(t->state));
}
