/* ui_dl: downloads as the dashboard shows them (the list's marker, the
 * pane's lines, messages), the `w` key, the clipboard and opening a URL.
 * UI thread only; the engine owns the downloads, this never decides one. */
#include "config.h"

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
#include "util.h"

/* Once nothing of the task is on its way: one line saying how it went. */
static void ui_dl_report(struct ui *ui, const char *id)
{
	struct engine_dl_summary sum;
	char dir[256];

	engine_dl_summary(ui->eng, id, &sum);
	if (sum.busy || sum.failed)
		return;   /* a failure's own message stays visible */
	text_sanitize_buf(ui->o->download_dir, ui->style.text_flags, dir, sizeof(dir));
	if (!sum.saved)
		ui_message(ui, UI_ROLE_DONE, 6, "%s %zu file%s already in %s",
			   sum.there == 1 ? "the" : "all", sum.there, sum.there == 1 ? " is" : "s are", dir);
	else if (sum.there)
		ui_message(ui, UI_ROLE_DONE, 6, "saved %zu file%s in %s (%zu already there)", sum.saved,
			   sum.saved == 1 ? "" : "s", dir, sum.there);
	else
		ui_message(ui, UI_ROLE_DONE, 6, "saved %zu file%s in %s", sum.saved,
			   sum.saved == 1 ? "" : "s", dir);
}

void ui_dl_on_download(void *ctx, const struct engine_dl *d)
{
	struct ui *ui = ctx;
	char clean[300];

	if (d->state == DL_FAILED) {
		text_sanitize_buf(d->message ? d->message : "unknown error", ui->style.text_flags,
				  clean, sizeof(clean));
		ui_message(ui, UI_ROLE_FAILED, 12, "download failed (clip %d %s): %s", d->clip + 1,
			   download_what_name(d->what), clean);
	} else if (d->state == DL_DONE || d->state == DL_EXISTS) {
		ui_dl_report(ui, d->task_id);
	}
}

const char *ui_dl_marker(const struct ui *ui, const struct entry *e, char *buf, size_t n,
			 enum ui_role *role)
{
	const char *arrow = ui->style.ascii ? "dl" : "\u2193";
	struct engine_dl_summary sum;

	engine_dl_summary(ui->eng, e->id, &sum);
	buf[0] = '\0';
	*role = UI_ROLE_NORMAL;
	if (sum.busy && sum.total > 0) {
		*role = UI_ROLE_RUNNING;
		snprintf(buf, n, "%s %d%%", arrow, (int)(sum.got * 100 / sum.total));
	} else if (sum.busy) {
		*role = UI_ROLE_WAITING;
		snprintf(buf, n, "%s %s", arrow, ui->style.ascii ? "..." : "\u2026");
	} else if (sum.failed) {
		/* Once done, a narrow mark of its own: the title stays. */
		*role = UI_ROLE_FAILED;
		snprintf(buf, n, "%s", ui->style.ascii ? "v!" : "\u2193\u2717");
	} else if (sum.saved || sum.there) {
		*role = UI_ROLE_DONE;
		snprintf(buf, n, "%s", ui->style.ascii ? "v+" : "\u2193\u2713");
	}
	return buf;
}

bool ui_dl_clip_line(const struct ui *ui, const char *task_id, size_t clip,
		     enum download_what what, char *buf, size_t n, enum ui_role *role)
{
	const struct engine_dl *it = engine_dl_find(ui->eng, task_id, (int)clip, what);
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

/* Whether terminfo says the terminal takes OSC 52 (the Ms capability). */
static bool ui_dl_term_has_ms(void)
{
	char *ms = tigetstr((char *)"Ms");

	return ms && ms != (char *)-1;
}

static void ui_dl_copy_checked(struct ui *ui, const char *what, const char *text);

/* Copies text unless a rule refused it (why != NULL), which is then said. */
static void ui_dl_copy_unless(struct ui *ui, const char *what, const char *text, const char *why)
{
	if (why)
		ui_message(ui, UI_ROLE_FAILED, 4, "not copying the %s: %s", what, why);
	else
		ui_dl_copy_checked(ui, what, text);
}

void ui_dl_copy(struct ui *ui, const char *what, const char *text)
{
	ui_dl_copy_unless(ui, what, text, text_copy_refusal(text));
}

void ui_dl_copy_lines(struct ui *ui, const char *what, const char *text)
{
	char *copy = xstrdup(text), *line, *save = NULL;
	const char *why = NULL;

	for (line = strtok_r(copy, "\n", &save); line && !why; line = strtok_r(NULL, "\n", &save))
		why = text_copy_refusal(line);
	free(copy);
	ui_dl_copy_unless(ui, what, text, why);
}

static void ui_dl_copy_checked(struct ui *ui, const char *what, const char *text)
{
	char *seq, clean[256], shown[256];
	bool wrap;

	if (strlen(text) > 65536) {
		ui_message(ui, UI_ROLE_FAILED, 4, "the %s is too long to copy", what);
		return;
	}
	wrap = notify_tmux_needs_wrap();
	seq = notify_osc52(text, wrap);
	fflush(stdout);
	if (write(STDOUT_FILENO, seq, strlen(seq)) < 0) {
		ui_message(ui, UI_ROLE_FAILED, 4, "cannot write to the terminal");
	} else if (wrap) {
		/* tmux keeps OSC 52 from programs to itself unless told. */
		ui_message(ui, UI_ROLE_FAILED, 10, "sent the %s to the terminal's clipboard (OSC 52), "
			   "but tmux may drop it: tmux set -g set-clipboard on", what);
	} else if (!getenv("TMUX") && !ui_dl_term_has_ms()) {
		ui_message(ui, UI_ROLE_FAILED, 10, "sent the %s to the terminal's clipboard (OSC 52), "
			   "which this terminal may not take (no Ms in terminfo): enable OSC 52 in its settings",
			   what);
	} else {
		text_sanitize_buf(text, ui->style.text_flags, clean, sizeof(clean));
		text_fit(clean, 60, ui->style.ascii, shown, sizeof(shown));
		ui_message(ui, UI_ROLE_NORMAL, 5, "sent the %s to the terminal's clipboard (OSC 52): %s",
			   what, shown);
	}
	free(seq);
}

void ui_dl_copy_url(struct ui *ui, const char *what, const char *url)
{
	const char *why = text_url_refusal(url);

	ui_dl_copy_unless(ui, what, url, why ? why : text_copy_refusal(url));
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
	text_sanitize_buf(browser, ui->style.text_flags, shown, sizeof(shown));
	if (notify_spawn(words, NULL) < 0)
		ui_message(ui, UI_ROLE_FAILED, 5, "cannot start %s: %s", shown, strerror(errno));
	else
		ui_message(ui, UI_ROLE_NORMAL, 4, "opening the audio with %s", shown);
}
