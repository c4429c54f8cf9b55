/* script: --once and --watch without the dashboard, on the same poller and
 * queue. Human output is sanitized; JSON carries the server's strings. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backoff.h"
#include "download.h"
#include "engine.h"
#include "estimate.h"
#include "lineage.h"
#include "notify.h"
#include "script.h"
#include "script_fmt.h"
#include "script_guard.h"
#include "taskjson.h"
#include "taskrule.h"
#include "text.h"
#include "timefmt.h"
#include "util.h"

struct script {
	const struct options *o;
	struct tasklist *tl;
	FILE *out, *err;
	size_t id_width;         /* widest id, for the human table */
	int api_rc;              /* 3 once the API could not be used */
	const char *why;         /* for ids left without an answer (--json "error") */
	char *why_text;          /* the same in words, for the table */
	bool color;              /* --color=always: status words in the dashboard's colours */
	bool done;               /* nothing more to wait for but downloads */
	struct engine *eng;
	struct script_guard guard;   /* --timeout, and an output that went away */
};

/* --timeout: the run ends now; ids without an answer say why. */
static void script_give_up(struct script *s, double retry_after)
{
	s->why = guard_give_up(&s->guard, s->err, retry_after);
	free(s->why_text);
	s->why_text = xstrdup(s->why);
	s->api_rc = 3;
	s->done = true;
}

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

/* The progress shown, as in the dashboard: "100%", "~42%", "-". */
static void script_print_progress(struct script *s, const struct task *t)
{
	struct estimate est = engine_estimate(s->eng, t, now_wall());
	char buf[ESTIMATE_TEXT_MAX];

	fprintf(s->out, "%4s", estimate_text(&est, buf, sizeof(buf)));
}

static void script_print_row(struct script *s, const struct entry *e, int64_t now)
{
	const struct task *t = e->task;
	char when[32], run[32], word[TASK_WORD_MAX], *title;
	int64_t d;

	if (!t) {
		fprintf(s->out, "%-*s  ", (int)s->id_width, e->id);
		script_fmt_status(s->out, e, "NO ANSWER", 11, s->color);
		fprintf(s->out, "     -  %-19s  %8s  %s\n", "-", "-", "-");
		script_fmt_detail(s->out, e, s->why_text);
		return;
	}
	timefmt_full(t->submit_time, when, sizeof(when));
	d = task_run_time(t, now);
	if (d >= 0)
		timefmt_elapsed(d, run, sizeof(run));
	else
		snprintf(run, sizeof(run), "-");
	title = text_sanitize(task_title(t) ? task_title(t) : "-", 0);
	fprintf(s->out, "%-*s  ", (int)s->id_width, e->id);
	script_fmt_status(s->out, e, task_status_word(t, word, sizeof(word)), 11, s->color);
	fputs("  ", s->out);
	script_print_progress(s, t);
	fprintf(s->out, "  %-19s  %8s  %s\n", when, run, title);
	free(title);
	script_fmt_detail(s->out, e, s->why_text);
}

static void script_print_json(struct script *s, const struct task *t, const struct entry *e)
{
	char *line = s->o->json_timeline ? timeline_task_json(t, e->lineage, e->timeline) :
					   lineage_task_json(t, e->lineage);
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
	script_print_json(s, t, e);
	task_free(t);
}

static void script_print_all(struct script *s)
{
	size_t i, n = tasklist_count(s->tl);
	int64_t now = now_wall();

	if (!s->o->json)
		fprintf(s->out, "%-*s  %-11s  %4s  %-19s  %8s  %s\n", (int)s->id_width, "TASK ID",
			"STATUS", "PROG", "SUBMITTED", "RUN", "TITLE");
	for (i = 0; i < n; i++) {
		const struct entry *e = tasklist_at(s->tl, i);
		if (s->o->json) {
			if (e->task)
				script_print_json(s, e->task, e);
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
	char clock[16], word[TASK_WORD_MAX], *title;

	if (s->o->json) {
		script_print_json(s, t, e);
		fflush(s->out);
		return;
	}
	timefmt_clock(now_wall(), now_wall(), clock, sizeof(clock));
	title = text_sanitize(task_title(t) ? task_title(t) : "", 0);
	fprintf(s->out, "%s  %-*s  ", clock, (int)s->id_width, e->id);
	script_fmt_status(s->out, e, task_status_word(t, word, sizeof(word)), 11, s->color);
	fputs("  ", s->out);
	script_print_progress(s, t);
	fprintf(s->out, "  %s\n", title);
	free(title);
	script_fmt_detail(s->out, e, s->why_text);
	fflush(s->out);
}

static void script_warn(struct script *s, const char *prefix, const char *raw)
{
	char *text = text_sanitize(raw ? raw : "", 0);
	fprintf(s->err, "sunotop: %s%s\n", prefix, text);
	free(text);
}

static void script_on_changed(void *ctx, struct entry *e, unsigned what)
{
	struct script *s = ctx;
	char *prefix;

	if (s->done)
		return;
	if (what & ENGINE_CH_ERROR) {
		prefix = xasprintf("%s: ", e->id);
		script_warn(s, prefix, e->error);
		free(prefix);
	}
	if (!(what & ENGINE_CH_ANSWER))
		return;
	if (s->o->watch && (what & ENGINE_CH_STATUS))
		script_print_change(s, e);
	if (s->o->watch && engine_counts(s->eng)->active == 0)
		s->done = true;
}

static void script_on_connection(void *ctx, const struct engine_conn *c)
{
	struct script *s = ctx;
	char *prefix;

	if (s->done)
		return;
	switch (c->cause) {
	case ENGINE_API_ERROR:
		/* A network failure has no status: the message says it in words. */
		prefix = c->http_status ?
			 xasprintf("attempt %d failed (HTTP %ld): ", c->attempt, c->http_status) :
			 xasprintf("attempt %d failed: ", c->attempt);
		script_warn(s, prefix, c->message);
		free(prefix);
		if (s->o->watch && c->attempt >= BACKOFF_MAX_ATTEMPTS) {
			fprintf(s->err, "sunotop: giving up after %d attempts\n", c->attempt);
			s->api_rc = 3;
			s->done = true;
		} else if (c->retry_in > guard_left(&s->guard)) {
			/* waiting would end after the deadline: stop now */
			script_give_up(s, c->retry_after);
		} else {
			fprintf(s->err, "sunotop: retrying in %.0f s\n", c->retry_in);
		}
		break;
	case ENGINE_GAVE_UP:
		prefix = xasprintf("%s%sgave up after %d attempts: ", c->id ? c->id : "",
				   c->id ? ": " : "", BACKOFF_MAX_ATTEMPTS);
		script_warn(s, prefix, c->message);
		free(prefix);
		s->api_rc = 3;
		break;
	case ENGINE_KEY_REJECTED:
		s->why = "key_rejected";
		free(s->why_text);
		s->why_text = xasprintf("the API rejected the key (HTTP %ld)", c->http_status);
		prefix = xasprintf("the API rejected the key (HTTP %ld); check COMETAPI_KEY or --key-file: ",
				   c->http_status);
		script_warn(s, prefix, c->message);
		free(prefix);
		s->api_rc = 3;
		s->done = true;
		break;
	case ENGINE_FATAL:
		script_warn(s, "", c->message);
		if (!s->why_text)
			s->why_text = xstrdup(c->message ? c->message : "the API could not be used");
		s->api_rc = 3;
		if (s->o->watch)
			s->done = true;
		break;
	case ENGINE_ROUND_DONE:
		if (s->o->once)
			s->done = true;
		break;
	default:
		break;
	}
}

/* Engine messages are trusted or sanitized already. */
static void script_on_message(void *ctx, enum engine_msg kind, const char *text)
{
	struct script *s = ctx;

	(void)kind;
	fprintf(s->err, "sunotop: %s\n", text);
}

static void script_on_download(void *ctx, const struct engine_dl *d)
{
	struct script *s = ctx;
	const char *kind = download_what_name(d->what);
	char *prefix;

	switch (d->state) {
	case DL_DONE:
	case DL_EXISTS:
		prefix = xasprintf("%s: clip %d %s %s ", d->task_id, d->clip + 1, kind,
				   d->state == DL_DONE ? "saved to" : "already in");
		script_warn(s, prefix, d->message);
		break;
	case DL_FAILED:
		prefix = xasprintf("%s: clip %d %s download failed: ", d->task_id, d->clip + 1, kind);
		script_warn(s, prefix, d->message ? d->message : "unknown error");
		break;
	default:
		return;
	}
	free(prefix);
}

static const struct engine_view script_view = {
	.task_changed = script_on_changed,
	.connection = script_on_connection,
	.message = script_on_message,
	.download = script_on_download,
};

static int script_exit_status(const struct script *s)
{
	const struct tasklist *tl = engine_tasks(s->eng);
	size_t i, n = tasklist_count(tl);

	if (s->api_rc)
		return s->api_rc;
	if (!s->o->exit_status)
		return 0;
	if (engine_dl_failed(s->eng))
		return 1;
	for (i = 0; i < n; i++) {
		if (task_unsuccessful(tasklist_at(tl, i)->task))
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
	struct engine_config ec = {
		.o = o,
		.api = api,
		.tl = tl,
		.view = &script_view,
		.ctx = &s,
		.once = o->once,
		.fetch_all = true,
		.keep_all = true,
		.notify = o->watch,
		.ring = o->watch && isatty(fileno(err)) ? err : NULL,
		.downloads = o->download,
		.auto_download = o->download,
	};
	size_t i, n = tasklist_count(tl);
	char *why = NULL;
	int rc;

	s.color = o->color == COLOR_ALWAYS && !o->json;
	s.eng = engine_new(&ec, &why);
	if (why) {
		script_warn(&s, "--on-complete: ", why);
		free(why);
		engine_free(s.eng);
		return 2;
	}
	for (i = 0; i < n; i++) {
		size_t w = strlen(tasklist_at(tl, i)->id);
		if (w > s.id_width)
			s.id_width = w;
	}
	if (s.id_width < 7)
		s.id_width = 7;

	guard_init(&s.guard, o->timeout, o->once, out);
	script_signalled = 0;
	script_wake_fd = engine_wake_fd(s.eng);
	script_signals(script_on_signal);
	engine_start(s.eng);

	/* Once the tasks are done, the downloads they started may still run. */
	while ((!s.done || engine_dl_pending(s.eng) > 0) && !script_signalled) {
		struct pollfd pfd[2] = { { .fd = engine_fd(s.eng), .events = POLLIN } };

		guard_pollfd(&s.guard, &pfd[1]);
		/* queued --on-complete commands start as running ones end */
		if (poll(pfd, 2, guard_poll_ms(&s.guard, notify_pending() ? 100 : -1)) < 0 &&
		    errno != EINTR)
			break;
		notify_reap();
		if (guard_out_broken(&s.guard, out, pfd[1].revents))
			break;
		if (guard_expired(&s.guard)) {
			if (s.done)
				/* every answer is in: only --download files were left */
				fprintf(err, "sunotop: downloads still running at --timeout %d s; "
					"giving up (their .part files are kept for a resume)\n",
					s.guard.timeout);
			else
				script_give_up(&s, 0);
			s.api_rc = s.api_rc ? s.api_rc : 3;
			break;
		}
		engine_pump(s.eng);
	}
	/* A signal leaves partial files (.part) for a later resume. What the
	 * workers post from here on is neither printed nor acted on. */
	engine_halt(s.eng);
	script_signals(SIG_DFL);
	script_wake_fd = -1;
	/* The commands run for finished tasks get a moment to do their work
	 * before the caller sees us exit; they are not killed either way. */
	if (o->watch && o->on_complete && *o->on_complete)
		notify_wait(script_signalled || s.guard.out_gone ? 0 : 10);

	if (o->watch && !guard_out_broken(&s.guard, out, 0))
		script_fmt_summary(o->json ? err : out, engine_tasks(s.eng), o->json);
	if (script_signalled) {
		rc = 128 + script_signalled;
	} else {
		if (o->once && !guard_out_broken(&s.guard, out, 0))
			script_print_all(&s);
		rc = guard_out_broken(&s.guard, out, 0) ? guard_out_status(&s.guard, err) :
		     script_exit_status(&s);
	}
	free(s.why_text);
	engine_free(s.eng);
	return rc;
}
