/* ui_term: whether the terminal can show the dashboard (asked before curses
 * starts, so an unusable one gets a message instead of a broken screen),
 * curses started and ended, bracketed paste, the dashboard's signals and
 * the die() hook that gives the terminal back from any thread. UI thread
 * only, except the hook and the handlers it installs. */
#ifndef SUNOTOP_UI_TERM_H
#define SUNOTOP_UI_TERM_H

#include <curses.h>
#include <stdbool.h>

/* NULL when $TERM names a terminal that can address the cursor; otherwise
 * an owned message saying why not and what to do instead. Writes nothing
 * to the terminal. */
char *ui_term_unusable(void);
/* The locale's character set is UTF-8. */
bool ui_term_utf8(void);
/* Whether to make URLs OSC 8 hyperlinks: SUNOTOP_HYPERLINKS=1 or 0 says
 * so; otherwise terminals known to take them, never inside tmux or screen
 * (which may not pass them on). */
bool ui_term_hyperlinks(void);
/* Before curses: quit signals set a flag and write a byte to wake_fd. */
void ui_term_signals_install(int wake_fd);
void ui_term_signals_restore(void);
/* Curses up with our modes, bracketed paste on, resize and ^Z handled;
 * NULL when the terminal cannot be used. */
SCREEN *ui_term_start(void);
void ui_term_end(void);
void ui_term_paste_set(bool on);
/* Mouse reporting is on: the bytes that turn it off join those die() writes. */
void ui_term_mouse_on(void);
/* The quit signal received (0 = none), and whether a resize or a return
 * from ^Z happened since the last call. */
int ui_term_take_quit(void);
bool ui_term_take_winch(void);
bool ui_term_take_cont(void);

#endif
