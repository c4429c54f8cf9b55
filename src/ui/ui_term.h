/* ui_term: whether the terminal can show the dashboard, asked before curses
 * starts so that an unusable one gets a message instead of a broken screen. */
#ifndef SUNOTOP_UI_TERM_H
#define SUNOTOP_UI_TERM_H

/* NULL when $TERM names a terminal that can address the cursor; otherwise
 * an owned message saying why not and what to do instead. Writes nothing
 * to the terminal. */
char *ui_term_unusable(void);

#endif
