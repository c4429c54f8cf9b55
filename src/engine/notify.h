/* notify: what happens when a task finishes, outside the dashboard's
 * drawing: bell and OSC 777/OSC 9 notification bytes, the --on-complete
 * command, opening a URL, OSC 52 clipboard bytes. Never runs a shell, never
 * puts server text on a command line or unsanitized into a terminal. */
#ifndef SUNOTOP_NOTIFY_H
#define SUNOTOP_NOTIFY_H

#include <stdbool.h>
#include <sys/types.h>
#include "task.h"

/* Split a command into words: blanks separate, '...' is literal, "..."
 * allows \" \\ \$ \` escapes, a backslash outside quotes escapes the next
 * character. No expansion of any kind. Returns a NULL-terminated vector
 * (free with notify_free_words), or NULL with *err set (caller frees). */
char **notify_split(const char *cmd, char **err);
void notify_free_words(char **words);

/* Starts words[0] (found on PATH) with words as its arguments and, for a
 * task, SUNOTOP_TASK_ID, SUNOTOP_STATUS, SUNOTOP_TITLE, SUNOTOP_FAIL_REASON
 * and SUNOTOP_AUDIO_URL in its environment (exact server text). stdio is
 * /dev/null, no other descriptor is inherited; the child gets its own
 * process group. Never waits. At most NOTIFY_MAX_KIDS (4) run at once: a
 * command beyond that is queued (environment taken now) and started by
 * notify_reap when one ends; none is ever dropped (at exit, the queue is
 * started). Returns the pid, 0 when queued, or -1 (errno set). */
pid_t notify_spawn(char *const words[], const struct task *t);
/* Collects children that have exited, without waiting, and starts queued
 * commands in their place. */
void notify_reap(void);
/* Children running plus commands queued. */
size_t notify_pending(void);
/* Waits up to secs for the children still running and the queue (script
 * mode's exit); what is still queued then is started at once. */
void notify_wait(double secs);

/* Short, sanitized text about a finished task ("Title: SUCCESS"). Caller frees. */
char *notify_text(const struct task *t);
/* Bytes announcing a finished task: BEL when bell, OSC 777 and OSC 9 when
 * osc. Caller frees; "" when both are off. */
char *notify_sequence(const struct task *t, bool bell, bool osc);
/* The same about an unfinished task, the text after prefix (trusted,
 * without ';'): "slow: Title: QUEUED". */
char *notify_sequence_as(const struct task *t, const char *prefix, bool bell, bool osc);

/* OSC 52 setting the clipboard to text (base64), wrapped for tmux's
 * passthrough when wrap is true. Caller frees. */
char *notify_osc52(const char *text, bool wrap);
/* Inside tmux, true when tmux does not take OSC 52 from programs itself
 * (set-clipboard is not "on"), so the sequence must be passed through.
 * Asks tmux (bounded to a second). */
bool notify_tmux_needs_wrap(void);

#endif
