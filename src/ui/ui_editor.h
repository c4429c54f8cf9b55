/* ui_editor: edit a text in $VISUAL or $EDITOR on a temporary file, as
 * `git commit` does, with curses suspended around the editor. UI thread
 * only; the text goes through a file, never through a command line. */
#ifndef SUNOTOP_UI_EDITOR_H
#define SUNOTOP_UI_EDITOR_H

#include <stdbool.h>

/* The editor command ($VISUAL, else $EDITOR), or NULL when neither is set
 * (the caller then edits in place). */
const char *ui_editor_command(void);

/* Runs the editor on *text (replaced by what was saved, without trailing
 * newlines or carriage returns before newlines). Returns 0, or -1 with *err
 * (caller frees) when the editor could not run or failed; *text is then
 * unchanged. The caller repaints everything afterwards. */
int ui_editor_edit(char **text, char **err);

#endif
