/* ui_dl: the dashboard's side of finished tasks: downloads asked for with
 * `w` or automatically, their progress, notifications and --on-complete,
 * the clipboard and opening URLs. UI thread only; never waits for a
 * transfer or a child process. */
#ifndef SUNOTOP_UI_DL_H
#define SUNOTOP_UI_DL_H

#include "download.h"
#include "ui_draw.h"

/* One file asked for. */
struct ui_dl_item {
	char *task_id;
	int clip;
	enum download_what what;
	enum download_state state;
	int64_t bytes, total;
	char *message;          /* sanitized: saved path or why it failed */
};

/* Starts the download worker and splits --on-complete (a bad command is
 * reported on the message line and disabled). */
void ui_dl_start(struct ui *ui);
void ui_dl_stop(struct ui *ui);
/* `w` on entry e (NULL: nothing selected). */
void ui_dl_key(struct ui *ui, struct entry *e);
/* An EV_DOWNLOAD event. */
void ui_dl_event(struct ui *ui, const struct event *ev);
/* New data for e. newly_finished: it was seen unfinished before and is
 * finished now (notify once); auto_download starts here too. */
void ui_dl_task_updated(struct ui *ui, struct entry *e, bool newly_finished);
/* The list's marker for e ("↓ 42%", "↓ saved", "↓ failed"), "" when none. */
const char *ui_dl_marker(const struct ui *ui, const struct entry *e, char *buf, size_t n,
			 enum ui_role *role);
/* The pane's line for one clip's file, false when there is none. */
bool ui_dl_clip_line(const struct ui *ui, const char *task_id, size_t clip,
		     enum download_what what, char *buf, size_t n, enum ui_role *role);
/* y / Y: OSC 52; o: $BROWSER or xdg-open. */
void ui_dl_copy(struct ui *ui, const char *what, const char *text);
/* ui_dl_copy for a URL: only one `o` would open (text_url_refusal). */
void ui_dl_copy_url(struct ui *ui, const char *what, const char *url);
void ui_dl_open(struct ui *ui, const char *url);

#endif
