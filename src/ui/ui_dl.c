#include "config.h"
/* ui_dl: downloads, notifications, --on-complete, clipboard and open, as
 * the dashboard sees them. UI thread only: it asks the download worker and
 * starts children, and must never wait for either. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "log.h"
#include "notify.h"
#include "text.h"
#include "ui_dl.h"
#include "ui_list.h"
#include "ui_pane.h"
#include "util.h"

#define UI_DL_AGAIN 2.0     /* seconds: a second `w` adds the videos */


void ui_dl_start(struct ui *ui)
{
	struct download_config dc = { .queue = ui->queue, .dir = ui->o->download_dir,
				      .api_url = ui->o->base_url, .state_path = ui->o->state_path };
	char *err = NULL;

	if (ui->o->download_dir)
		ui->dl = download_start(&dc);
	if (ui->o->on_complete && *ui->o->on_complete) {
		ui->on_complete = notify_split(ui->o->on_complete, &err);
		if (!ui->on_complete) {
			ui_message(ui, UI_ROLE_FAILED, 15, "--on-complete is not used: %s", err);
			free(err);
		}
	}
}

void ui_dl_stop(struct ui *ui)
{
	size_t i;

	download_stop(ui->dl);
	ui->dl = NULL;
	for (i = 0; i < ui->n_dls; i++) {
		free(ui->dls[i].task_id);
		free(ui->dls[i].message);
	}
	free(ui->dls);
	ui->dls = NULL;
	ui->n_dls = ui->cap_dls = 0;
	notify_free_words(ui->on_complete);
	ui->on_complete = NULL;
	notify_reap();
}

static struct ui_dl_item *ui_dl_find(const struct ui *ui, const char *id, int clip,
				     enum download_what what)
{
	size_t i;

	for (i = 0; i < ui->n_dls; i++)
		if (ui->dls[i].clip == clip && ui->dls[i].what == what &&
		    strcmp(ui->dls[i].task_id, id) == 0)
			return &ui->dls[i];
	return NULL;
}

static bool ui_dl_busy(const struct ui_dl_item *it)
{
	return it && (it->state == DL_QUEUED || it->state == DL_ACTIVE);
}

/* Asks the worker for one file unless it is on its way; true when asked. */
static bool ui_dl_add(struct ui *ui, const struct entry *e, size_t clip, enum download_what what)
{
	const struct clip *c = &e->task->clips[clip];
	const char *url = download_clip_url(c, what);
	struct ui_dl_item *it = ui_dl_find(ui, e->id, (int)clip, what);
	char *name;
	bool ok;

	if (!url || ui_dl_busy(it))
		return false;
	name = download_clip_file_name(c, what);
	ok = download_add(ui->dl, e->id, (int)clip, what, url, name);
	free(name);
	if (!ok)
		return false;
	if (!it) {
		if (ui->n_dls == ui->cap_dls) {
			ui->cap_dls = ui->cap_dls ? ui->cap_dls * 2 : 16;
			ui->dls = xrealloc(ui->dls, ui->cap_dls * sizeof(*ui->dls));
		}
		it = &ui->dls[ui->n_dls++];
		memset(it, 0, sizeof(*it));
		it->task_id = xstrdup(e->id);
		it->clip = (int)clip;
		it->what = what;
	}
	it->state = DL_QUEUED;
	it->bytes = 0;
	it->total = -1;
	free(it->message);
	it->message = NULL;
	return true;
}

static size_t ui_dl_add_all(struct ui *ui, const struct entry *e, enum download_what what)
{
	size_t i, n = 0;

	for (i = 0; i < e->task->n_clips; i++)
		n += ui_dl_add(ui, e, i, what);
	return n;
}

static bool ui_dl_task_busy(const struct ui *ui, const char *id)
{
	size_t i;

	for (i = 0; i < ui->n_dls; i++)
		if (ui_dl_busy(&ui->dls[i]) && strcmp(ui->dls[i].task_id, id) == 0)
			return true;
	return false;
}

void ui_dl_key(struct ui *ui, struct entry *e)
{
	double now = now_mono();
	bool again;
	size_t n;

	if (!e) {
		ui_message(ui, UI_ROLE_NORMAL, 3, "no task selected");
		return;
	}
	if (!e->task || e->task->state != TASK_SUCCEEDED || !task_first_audio(e->task)) {
		ui_message(ui, UI_ROLE_NORMAL, 4, "nothing to download: no finished audio yet");
		return;
	}
	if (!ui->dl) {
		ui_message(ui, UI_ROLE_FAILED, 4, "downloads are off: no download directory");
		return;
	}
	again = strcmp(ui->w_id, e->id) == 0 && now - ui->w_at <= UI_DL_AGAIN;
	snprintf(ui->w_id, sizeof(ui->w_id), "%s", e->id);
	ui->w_at = again ? 0 : now;
	if (again) {
		n = ui_dl_add_all(ui, e, DOWNLOAD_VIDEO);
		if (n)
			ui_message(ui, UI_ROLE_NORMAL, 5, "downloading %zu video%s too", n,
				   n == 1 ? "" : "s");
		else
			ui_message(ui, UI_ROLE_NORMAL, 4, "no video to download");
	} else {
		n = ui_dl_add_all(ui, e, DOWNLOAD_AUDIO);
		if (ui->o->download_video)
			n += ui_dl_add_all(ui, e, DOWNLOAD_VIDEO);
		if (n)
			ui_message(ui, UI_ROLE_NORMAL, 6, "downloading %zu file%s%s", n,
				   n == 1 ? "" : "s", ui->o->download_video ? "" :
				   " (w again within 2 s adds the videos)");
		else if (ui_dl_task_busy(ui, e->id))
			ui_message(ui, UI_ROLE_NORMAL, 4, "already downloading this task");
		else
			ui_message(ui, UI_ROLE_FAILED, 5, "nothing to download: no http(s) URL");
	}
	ui->dirty |= UI_DIRTY_LIST;
	ui_pane_invalidate(ui);
}

static void ui_dl_touch(struct ui *ui, const char *id)
{
	const struct entry *sel = ui_view_selected(ui);

	ui->dirty |= UI_DIRTY_LIST;
	if (sel && strcmp(sel->id, id) == 0)
		ui_pane_invalidate(ui);
}

/* Once nothing of the task is on its way: one line saying how it went. */
static void ui_dl_report(struct ui *ui, const char *id)
{
	size_t i, saved = 0, there = 0, failed = 0;
	char dir[256];

	for (i = 0; i < ui->n_dls; i++) {
		const struct ui_dl_item *it = &ui->dls[i];
		if (strcmp(it->task_id, id) != 0)
			continue;
		if (ui_dl_busy(it))
			return;
		failed += it->state == DL_FAILED;
		saved += it->state == DL_DONE;
		there += it->state == DL_EXISTS;
	}
	if (failed)
		return;   /* the failure's own message stays visible */
	text_sanitize_buf(ui->o->download_dir, ui->ascii ? TEXT_ASCII : 0, dir, sizeof(dir));
	if (!saved)
		ui_message(ui, UI_ROLE_DONE, 6, "%s %zu file%s already in %s", there == 1 ? "the" : "all",
			   there, there == 1 ? " is" : "s are", dir);
	else if (there)
		ui_message(ui, UI_ROLE_DONE, 6, "saved %zu file%s in %s (%zu already there)", saved,
			   saved == 1 ? "" : "s", dir, there);
	else
		ui_message(ui, UI_ROLE_DONE, 6, "saved %zu file%s in %s", saved, saved == 1 ? "" : "s", dir);
}

void ui_dl_event(struct ui *ui, const struct event *ev)
{
	struct ui_dl_item *it;

	if (!ev->id || !(it = ui_dl_find(ui, ev->id, ev->clip, (enum download_what)ev->dl_what)))
		return;
	it->state = (enum download_state)ev->dl_state;
	it->bytes = ev->bytes;
	it->total = ev->total;
	if (ev->message || it->state != DL_ACTIVE) {
		free(it->message);
		it->message = ev->message ? text_sanitize(ev->message, ui->ascii ? TEXT_ASCII : 0) : NULL;
	}
	if (it->state == DL_FAILED)
		ui_message(ui, UI_ROLE_FAILED, 12, "download failed (clip %d %s): %s", it->clip + 1,
			   download_what_name(it->what), it->message ? it->message : "unknown error");
	else if (it->state == DL_DONE || it->state == DL_EXISTS)
		ui_dl_report(ui, it->task_id);
	ui_dl_touch(ui, it->task_id);
}

static void ui_dl_notify(struct ui *ui, const struct task *t)
{
	char *seq = notify_sequence(t, ui->o->bell, ui->o->notify);

	if (*seq) {
		fflush(stdout);
		if (write(STDOUT_FILENO, seq, strlen(seq)) < 0) {
			/* The terminal is gone; the loop notices on its own. */
		}
	}
	free(seq);
	if (ui->on_complete && notify_spawn(ui->on_complete, t) < 0)
		ui_message(ui, UI_ROLE_FAILED, 10, "cannot run the --on-complete command: %s",
			   strerror(errno));
	log_write("task %s finished (%s)", t->task_id, task_state_name(t->state));
}

void ui_dl_task_updated(struct ui *ui, struct entry *e, bool newly_finished)
{
	const struct task *t = e->task;
	size_t i;

	if (!t)
		return;
	if (newly_finished)
		ui_dl_notify(ui, t);
	if (!ui->o->auto_download || !ui->dl || t->state != TASK_SUCCEEDED)
		return;
	/* Once per file: anything asked for before, even a failure, is left alone. */
	for (i = 0; i < t->n_clips; i++) {
		if (!ui_dl_find(ui, e->id, (int)i, DOWNLOAD_AUDIO))
			ui_dl_add(ui, e, i, DOWNLOAD_AUDIO);
		if (ui->o->download_video && !ui_dl_find(ui, e->id, (int)i, DOWNLOAD_VIDEO))
			ui_dl_add(ui, e, i, DOWNLOAD_VIDEO);
	}
	ui_dl_touch(ui, e->id);
}

const char *ui_dl_marker(const struct ui *ui, const struct entry *e, char *buf, size_t n,
			 enum ui_role *role)
{
	const char *arrow = ui->ascii ? "dl" : "\u2193";
	int64_t got = 0, total = 0;
	size_t i, busy = 0, failed = 0, done = 0;

	for (i = 0; i < ui->n_dls; i++) {
		const struct ui_dl_item *it = &ui->dls[i];
		if (strcmp(it->task_id, e->id) != 0)
			continue;
		if (it->state == DL_FAILED) {
			failed++;
			continue;
		}
		busy += ui_dl_busy(it);
		done += !ui_dl_busy(it);
		if (it->total > 0) {
			got += ui_dl_busy(it) ? it->bytes : it->total;
			total += it->total;
		}
	}
	buf[0] = '\0';
	*role = UI_ROLE_NORMAL;
	if (busy && total > 0) {
		*role = UI_ROLE_RUNNING;
		snprintf(buf, n, "%s %d%%", arrow, (int)(got * 100 / total));
	} else if (busy) {
		*role = UI_ROLE_WAITING;
		snprintf(buf, n, "%s %s", arrow, ui->ascii ? "..." : "\u2026");
	} else if (failed) {
		*role = UI_ROLE_FAILED;
		snprintf(buf, n, "%s failed", arrow);
	} else if (done) {
		*role = UI_ROLE_DONE;
		snprintf(buf, n, "%s saved", arrow);
	}
	return buf;
}

bool ui_dl_clip_line(const struct ui *ui, const char *task_id, size_t clip,
		     enum download_what what, char *buf, size_t n, enum ui_role *role)
{
	const struct ui_dl_item *it = ui_dl_find(ui, task_id, (int)clip, what);
	const char *kind = download_what_name(what);

	if (!it)
		return false;
	*role = UI_ROLE_NORMAL;
	switch (it->state) {
	case DL_QUEUED:
		*role = UI_ROLE_WAITING;
		snprintf(buf, n, "%s queued%s%s", kind, it->message ? ": " : "",
			 it->message ? it->message : "");
		break;
	case DL_ACTIVE:
		*role = UI_ROLE_RUNNING;
		if (it->total > 0)
			snprintf(buf, n, "%s %d%% (%lld of %lld KiB)", kind,
				 (int)(it->bytes * 100 / it->total), (long long)(it->bytes >> 10),
				 (long long)(it->total >> 10));
		else
			snprintf(buf, n, "%s %lld KiB", kind, (long long)(it->bytes >> 10));
		break;
	case DL_DONE:
	case DL_EXISTS:
		*role = UI_ROLE_DONE;
		snprintf(buf, n, "%s %s: %s", kind, download_state_name(it->state),
			 it->message ? it->message : "");
		break;
	case DL_FAILED:
		*role = UI_ROLE_FAILED;
		snprintf(buf, n, "%s failed: %s", kind, it->message ? it->message : "");
		break;
	}
	return true;
}

void ui_dl_copy(struct ui *ui, const char *what, const char *text)
{
	char *seq, clean[256], shown[256];
	const char *why = text_copy_refusal(text);

	if (why) {
		ui_message(ui, UI_ROLE_FAILED, 4, "not copying the %s: %s", what, why);
		return;
	}
	if (strlen(text) > 65536) {
		ui_message(ui, UI_ROLE_FAILED, 4, "the %s is too long to copy", what);
		return;
	}
	seq = notify_osc52(text, notify_tmux_needs_wrap());
	fflush(stdout);
	if (write(STDOUT_FILENO, seq, strlen(seq)) < 0) {
		ui_message(ui, UI_ROLE_FAILED, 4, "cannot write to the terminal");
	} else {
		text_sanitize_buf(text, ui->ascii ? TEXT_ASCII : 0, clean, sizeof(clean));
		text_fit(clean, 60, ui->ascii, shown, sizeof(shown));
		ui_message(ui, UI_ROLE_NORMAL, 4, "copied the %s: %s", what, shown);
	}
	free(seq);
}

void ui_dl_copy_url(struct ui *ui, const char *what, const char *url)
{
	const char *why = text_url_refusal(url);

	if (why)
		ui_message(ui, UI_ROLE_FAILED, 4, "not copying the %s: %s", what, why);
	else
		ui_dl_copy(ui, what, url);
}

void ui_dl_open(struct ui *ui, const char *url)
{
	char browser[128], shown[128], *words[3];
	const char *env = getenv("BROWSER");
	const char *why = text_url_refusal(url);
	size_t len;

	if (why) {
		ui_message(ui, UI_ROLE_FAILED, 4, "not opening the URL: %s", why);
		return;
	}
	/* $BROWSER may list several, colon-separated: the first is used. One
	 * with arguments in it is not split: that would need a shell. */
	len = env ? strcspn(env, ":") : 0;
	if (!len || len >= sizeof(browser) || memchr(env, ' ', len))
		snprintf(browser, sizeof(browser), "xdg-open");
	else
		snprintf(browser, sizeof(browser), "%.*s", (int)len, env);
	words[0] = browser;
	words[1] = (char *)url;
	words[2] = NULL;
	text_sanitize_buf(browser, ui->ascii ? TEXT_ASCII : 0, shown, sizeof(shown));
	if (notify_spawn(words, NULL) < 0)
		ui_message(ui, UI_ROLE_FAILED, 5, "cannot start %s: %s", shown, strerror(errno));
	else
		ui_message(ui, UI_ROLE_NORMAL, 4, "opening the audio with %s", shown);
}
