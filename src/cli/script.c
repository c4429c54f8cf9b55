/* script: --once and --watch without the dashboard, on the same poller and
 * queue. Human output is sanitized; JSON carries the server's strings. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backoff.h"
#include "download.h"
#include "lineage.h"
#include "notify.h"
#include "poller.h"
#include "queue.h"
#include "script.h"
#include "script_guard.h"
#include "taskjson.h"
#include "text.h"
#include "timefmt.h"
#include "util.h"

struct script {
	const struct options *o;
	struct tasklist *tl;
	FILE *out, *err;
	size_t id_width;         /* widest id, for the human table */
	char **on_complete;      /* --on-complete in words, or NULL */
	bool ring;               /* stderr is a terminal: bell and notifications go there */
	int api_rc;              /* 3 once the API could not be used */
	const char *why;         /* for ids left without an answer */
	bool done;
	struct downloader *dl;   /* --download: saves the clips of tasks that succeed */
	struct tasklist *dl_asked; /* ids whose clips were asked for in this run */
	size_t dl_pending;       /* files asked for and not yet saved or given up */
	size_t dl_failed;
	struct script_guard guard;   /* --timeout, and an output that went away */
};

/* Written by the signal handler, read by the loop. */
static volatile sig_atomic_t script_signalled;
static int script_wake_fd = -1;

static void script_on_signal(int sig)
{
	int saved = errno;
	char c = 's';

	script_signalled = sig;
	if (script_wake_fd >= 0 && write(script_wake_fd, &c, 1) < 0) {
		/* The pipe is full: the loop is already awake. */
	}
	errno = saved;
}

/* Status word for people: the server's status upper-cased, sanitized. */
static char *script_status_word(const struct task *t)
{
	char *s, *p;

	if (!t->status || !*t->status || t->state == TASK_NOT_FOUND)
		return xstrdup(task_state_name(t->state));
	s = text_sanitize(t->status, 0);
	for (p = s; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

static int64_t script_duration(const struct task *t, int64_t now)
{
	int64_t from = t->start_time ? t->start_time : t->submit_time;

	if (!from)
		return -1;
	if (t->finished)
		return t->finish_time >= from ? t->finish_time - from : -1;
	return now >= from ? now - from : 0;
}

static void script_print_progress(FILE *f, const struct task *t)
{
	if (t->progress >= 0)
		fprintf(f, "%3d%%", t->progress);
	else
		fputs("   -", f);
}

/* Indented detail lines under a row: failure reason or error code. */
static void script_print_detail(struct script *s, const struct entry *e)
{
	const struct task *t = e->task;
	char *text;

	if (t && t->fail_reason && *t->fail_reason) {
		text = text_sanitize(t->fail_reason, 0);
		fprintf(s->out, "    fail_reason: %s\n", text);
		free(text);
	}
	if (t && t->error) {
		text = text_sanitize(t->error, 0);
		fprintf(s->out, "    error: %s\n", text);
		free(text);
	}
	if (!t && e->error) {
		text = text_sanitize(e->error, 0);
		fprintf(s->out, "    error: %s\n", text);
		free(text);
	}
}

static void script_print_row(struct script *s, const struct entry *e, int64_t now)
{
	const struct task *t = e->task;
	char when[32], dur[32], *word, *title;
	int64_t d;

	if (!t) {
		fprintf(s->out, "%-*s  %-11s     -  %-19s  %8s  %s\n", (int)s->id_width, e->id,
			"NO ANSWER", "-", "-", "-");
		script_print_detail(s, e);
		return;
	}
	word = script_status_word(t);
	timefmt_full(t->submit_time, when, sizeof(when));
	d = script_duration(t, now);
	if (d >= 0)
		timefmt_elapsed(d, dur, sizeof(dur));
	else
		snprintf(dur, sizeof(dur), "-");
	title = text_sanitize(task_title(t) ? task_title(t) : "-", 0);
	fprintf(s->out, "%-*s  %-11s  ", (int)s->id_width, e->id, word);
	script_print_progress(s->out, t);
	fprintf(s->out, "  %-19s  %8s  %s\n", when, dur, title);
	free(title);
	free(word);
	script_print_detail(s, e);
}

static void script_print_json(struct script *s, const struct task *t, const struct lineage *l)
{
	char *line = lineage_task_json(t, l);
	fprintf(s->out, "%s\n", line);
	free(line);
}

/* Every requested id gets a line: one the API never answered (gave up,
 * refused, key rejected) is "NO_ANSWER" with the reason in "error". */
static void script_print_no_answer(struct script *s, const struct entry *e)
{
	struct task *t = task_new(e->id);

	free(t->status);
	t->status = xstrdup("NO_ANSWER");
	t->state = TASK_UNKNOWN;
	t->error = xstrdup(e->error ? e->error : s->why ? s->why : "no answer");
	script_print_json(s, t, e->lineage);
	task_free(t);
}

static void script_print_all(struct script *s)
{
	size_t i, n = tasklist_count(s->tl);
	int64_t now = now_wall();

	if (!s->o->json)
		fprintf(s->out, "%-*s  %-11s  %4s  %-19s  %8s  %s\n", (int)s->id_width, "TASK ID",
			"STATUS", "PROG", "SUBMITTED", "DURATION", "TITLE");
	for (i = 0; i < n; i++) {
		const struct entry *e = tasklist_at(s->tl, i);
		if (s->o->json) {
			if (e->task)
				script_print_json(s, e->task, e->lineage);
			else
				script_print_no_answer(s, e);
		} else {
			script_print_row(s, e, now);
		}
	}
	fflush(s->out);
}

/* One --watch line: time, id, status, progress, title, reason. */
static void script_print_change(struct script *s, const struct entry *e)
{
	const struct task *t = e->task;
	char clock[16], *word, *title;

	if (s->o->json) {
		script_print_json(s, t, e->lineage);
		fflush(s->out);
		return;
	}
	timefmt_clock(now_wall(), now_wall(), clock, sizeof(clock));
	word = script_status_word(t);
	title = text_sanitize(task_title(t) ? task_title(t) : "", 0);
	fprintf(s->out, "%s  %-*s  %-11s  ", clock, (int)s->id_width, e->id, word);
	script_print_progress(s->out, t);
	fprintf(s->out, "  %s\n", title);
	free(title);
	free(word);
	script_print_detail(s, e);
	fflush(s->out);
}

static void script_warn(struct script *s, const char *prefix, const char *raw)
{
	char *text = text_sanitize(raw ? raw : "", 0);
	fprintf(s->err, "sunotop: %s%s\n", prefix, text);
	free(text);
}

static bool script_all_finished(const struct script *s)
{
	size_t i, n = tasklist_count(s->tl);

	for (i = 0; i < n; i++) {
		const struct entry *e = tasklist_at(s->tl, i);
		if (!e->task || !e->task->finished)
			return false;
	}
	return true;
}

static void script_set_error(struct script *s, const char *id, const char *msg)
{
	struct entry *e = id ? tasklist_find(s->tl, id) : NULL;

	if (!e)
		return;
	free(e->error);
	e->error = xstrdup(msg ? msg : "no answer");
}

/* A task seen unfinished has finished: bell, notification, command. */
static void script_notify(struct script *s, const struct task *t)
{
	char *seq;

	if (s->ring) {
		seq = notify_sequence(t, s->o->bell, s->o->notify);
		fputs(seq, s->err);
		fflush(s->err);
		free(seq);
	}
	if (s->on_complete && notify_spawn(s->on_complete, t) < 0)
		fprintf(s->err, "sunotop: cannot run the --on-complete command: %s\n", strerror(errno));
}

/* --download: every complete clip's audio (and video with download_video)
 * of a task answered as succeeded, once per task in a run: the answer may
 * come more than once, the state file may have known it already. */
static void script_download(struct script *s, const struct task *t)
{
	size_t i, asked = 0;
	int w;

	if (!tasklist_add(s->dl_asked, t->task_id, 0))
		return;
	for (i = 0; i < t->n_clips; i++) {
		const struct clip *c = &t->clips[i];
		for (w = DOWNLOAD_AUDIO; w <= DOWNLOAD_VIDEO; w++) {
			const char *url = download_clip_url(c, (enum download_what)w);
			char *name, *prefix;

			if ((w == DOWNLOAD_VIDEO && !s->o->download_video) || !url)
				continue;
			asked++;
			name = download_clip_file_name(c, (enum download_what)w);
			if (download_add(s->dl, t->task_id, (int)i, (enum download_what)w, url, name)) {
				s->dl_pending++;
			} else {
				prefix = xasprintf("%s: clip %zu: not downloaded: ", t->task_id, i + 1);
				script_warn(s, prefix, "the URL is not http(s)");
				free(prefix);
				s->dl_failed++;
			}
			free(name);
		}
	}
	if (asked == 0)
		script_warn(s, t->task_id, ": nothing to download (no complete clip with a URL)");
}

static void script_download_event(struct script *s, const struct event *ev)
{
	const char *kind = download_what_name((enum download_what)ev->dl_what);
	char *prefix;

	switch ((enum download_state)ev->dl_state) {
	case DL_DONE:
	case DL_EXISTS:
		prefix = xasprintf("%s: clip %d %s %s ", ev->id ? ev->id : "?", ev->clip + 1, kind,
				   ev->dl_state == DL_DONE ? "saved to" : "already in");
		script_warn(s, prefix, ev->message);
		break;
	case DL_FAILED:
		prefix = xasprintf("%s: clip %d %s download failed: ", ev->id ? ev->id : "?",
				   ev->clip + 1, kind);
		script_warn(s, prefix, ev->message ? ev->message : "unknown error");
		s->dl_failed++;
		break;
	default:
		return;
	}
	free(prefix);
	if (s->dl_pending > 0)
		s->dl_pending--;
}

static void script_apply(struct script *s, struct event *ev)
{
	struct entry *e;
	char *prefix;

	switch (ev->kind) {
	case EV_TASK:
		e = tasklist_find(s->tl, ev->task->task_id);
		if (!e)
			break;
		{
			bool changed = !e->task || task_changed(e->task, ev->task);
			bool seen_unfinished = e->task && !e->task->finished;
			tasklist_update(s->tl, ev->task, ev->time);
			ev->task = NULL;
			if (s->dl && e->task->state == TASK_SUCCEEDED)
				script_download(s, e->task);
			if (s->o->watch && changed)
				script_print_change(s, e);
			if (s->o->watch && seen_unfinished && e->task->finished)
				script_notify(s, e->task);
		}
		if (s->o->watch && script_all_finished(s))
			s->done = true;
		break;
	case EV_TASK_ERROR:
		script_set_error(s, ev->id, ev->message);
		prefix = xasprintf("%s: ", ev->id ? ev->id : "?");
		script_warn(s, prefix, ev->message);
		free(prefix);
		break;
	case EV_API_ERROR:
		prefix = xasprintf("attempt %d failed (%s%ld): ", ev->attempt,
				   ev->http_status ? "HTTP " : "status ", ev->http_status);
		script_warn(s, prefix, ev->message);
		free(prefix);
		if (s->o->watch && ev->attempt >= BACKOFF_MAX_ATTEMPTS) {
			fprintf(s->err, "sunotop: giving up after %d attempts\n", ev->attempt);
			s->api_rc = 3;
			s->done = true;
		} else if (ev->retry_in > guard_left(&s->guard)) {
			/* waiting would end after the deadline: stop now */
			s->why = guard_give_up(&s->guard, s->err, ev->retry_after);
			s->api_rc = 3;
			s->done = true;
		} else {
			fprintf(s->err, "sunotop: retrying in %.0f s\n", ev->retry_in);
		}
		break;
	case EV_GAVE_UP:
		script_set_error(s, ev->id, ev->message);
		prefix = xasprintf("%s%sgave up after %d attempts: ", ev->id ? ev->id : "",
				   ev->id ? ": " : "", BACKOFF_MAX_ATTEMPTS);
		script_warn(s, prefix, ev->message);
		free(prefix);
		s->api_rc = 3;
		break;
	case EV_KEY_REJECTED:
		s->why = "key_rejected";
		prefix = xasprintf("the API rejected the key (HTTP %ld); check COMETAPI_KEY or --key-file: ",
				   ev->http_status);
		script_warn(s, prefix, ev->message);
		free(prefix);
		s->api_rc = 3;
		s->done = true;
		break;
	case EV_FATAL:
		script_warn(s, "", ev->message);
		s->api_rc = 3;
		if (s->o->watch)
			s->done = true;
		break;
	case EV_ROUND_DONE:
		if (s->o->once)
			s->done = true;
		break;
	case EV_DOWNLOAD:
		script_download_event(s, ev);
		break;
	case EV_FETCH_BEGIN:
	case EV_FETCH_END:
		break;
	}
}

static int script_exit_status(const struct script *s)
{
	size_t i, n = tasklist_count(s->tl);

	if (s->api_rc)
		return s->api_rc;
	if (!s->o->exit_status)
		return 0;
	if (s->dl_failed)
		return 1;
	for (i = 0; i < n; i++) {
		const struct task *t = tasklist_at(s->tl, i)->task;
		if (t && (t->state == TASK_FAILED || t->state == TASK_NOT_FOUND ||
			  (t->state == TASK_UNKNOWN && t->finished)))
			return 1;
	}
	return 0;
}

static void script_signals(void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int script_run(const struct options *o, struct api *api, struct tasklist *tl,
	       FILE *out, FILE *err)
{
	struct script s = { .o = o, .tl = tl, .out = out, .err = err };
	struct queue *q = queue_new();
	struct poller_config pc = {
		.api = api,
		.queue = q,
		.interval = o->interval,
		.once = o->once,
		.max_attempts = BACKOFF_MAX_ATTEMPTS,
		.seed = (unsigned)getpid() ^ (unsigned)now_wall(),
	};
	struct poller *p;
	size_t i, n = tasklist_count(tl);
	int rc;

	if (o->watch && o->on_complete && *o->on_complete) {
		char *why = NULL;
		s.on_complete = notify_split(o->on_complete, &why);
		if (!s.on_complete) {
			script_warn(&s, "--on-complete: ", why);
			free(why);
			queue_free(q);
			return 2;
		}
	}
	s.ring = o->watch && isatty(fileno(err));
	guard_init(&s.guard, o->timeout, o->once, out);
	if (o->download) {
		/* options_resolve always sets download_dir (or fails). */
		struct download_config dc = { .queue = q, .dir = o->download_dir,
					      .api_url = o->base_url, .state_path = o->state_path };
		s.dl = download_start(&dc);
		s.dl_asked = tasklist_new();
	}
	for (i = 0; i < n; i++) {
		size_t w = strlen(tasklist_at(tl, i)->id);
		if (w > s.id_width)
			s.id_width = w;
	}
	if (s.id_width < 7)
		s.id_width = 7;

	script_signalled = 0;
	script_wake_fd = queue_wake_fd(q);
	script_signals(script_on_signal);
	p = poller_start(&pc);
	/* Paused while adding, so a once round cannot end before every id is in. */
	poller_pause(p, true);
	for (i = 0; i < n; i++)
		poller_add(p, tasklist_at(tl, i)->id, false);
	poller_pause(p, false);

	/* Once the tasks are done, the downloads they started may still run. */
	while ((!s.done || s.dl_pending > 0) && !script_signalled) {
		struct pollfd pfd[2] = { { .fd = queue_fd(q), .events = POLLIN } };
		struct event *ev, *next;

		guard_pollfd(&s.guard, &pfd[1]);
		/* queued --on-complete commands start as running ones end */
		if (poll(pfd, 2, guard_poll_ms(&s.guard, notify_pending() ? 100 : -1)) < 0 &&
		    errno != EINTR)
			break;
		notify_reap();
		if (guard_out_broken(&s.guard, out, pfd[1].revents))
			break;
		if (guard_expired(&s.guard)) {
			s.why = guard_give_up(&s.guard, err, 0);
			s.api_rc = 3;
			break;
		}
		queue_drain(q);
		for (ev = queue_pop_all(q); ev; ev = next) {
			next = ev->next;
			if (!s.done || ev->kind == EV_DOWNLOAD)
				script_apply(&s, ev);
			event_free(ev);
		}
	}
	poller_stop(p);
	/* A signal leaves partial files (.part) for a later resume. */
	download_stop(s.dl);
	if (s.dl_asked)
		tasklist_free(s.dl_asked);
	event_free_list(queue_pop_all(q));
	script_signals(SIG_DFL);
	script_wake_fd = -1;
	queue_free(q);
	/* The commands run for finished tasks get a moment to do their work
	 * before the caller sees us exit; they are not killed either way. */
	if (s.on_complete)
		notify_wait(script_signalled || s.guard.out_gone ? 0 : 10);
	notify_free_words(s.on_complete);

	if (script_signalled)
		return 128 + script_signalled;
	if (o->once && !guard_out_broken(&s.guard, out, 0))
		script_print_all(&s);
	if (guard_out_broken(&s.guard, out, 0))
		return guard_out_status(&s.guard, err);
	rc = script_exit_status(&s);
	return rc;
}
