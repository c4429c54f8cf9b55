/* ui_dl: downloads as the dashboard shows them, the clipboard and opening
 * URLs. UI thread only; never waits for a transfer or a child
 * process, and leaves every decision about a download to the engine. */
#ifndef SUNOTOP_UI_DL_H
#define SUNOTOP_UI_DL_H

#include "download.h"
#include "ui_frame.h"

/* The engine's download callback: a message when a file failed, or when
 * the last file of a task is in. */
void ui_dl_on_download(void *ctx, const struct engine_dl *d);
/* The list's marker for e: "↓ 42%" while it downloads, then a narrow
 * mark beside the title ("↓✓" saved, "↓✗" failed), "" when none. */
const char *ui_dl_marker(const struct ui *ui, const struct entry *e, char *buf, size_t n,
			 enum ui_role *role);
/* The pane's line for one clip's file, false when there is none. */
bool ui_dl_clip_line(const struct ui *ui, const char *task_id, size_t clip,
		     enum download_what what, char *buf, size_t n, enum ui_role *role);
/* y / Y: OSC 52; o: $BROWSER or xdg-open. */
void ui_dl_copy(struct ui *ui, const char *what, const char *text);
/* ui_dl_copy for lines (ids one per line): each line is held to the rule. */
void ui_dl_copy_lines(struct ui *ui, const char *what, const char *text);
/* ui_dl_copy for a URL: only one `o` would open (text_url_refusal). */
void ui_dl_copy_url(struct ui *ui, const char *what, const char *url);
void ui_dl_open(struct ui *ui, const char *url);

#endif
