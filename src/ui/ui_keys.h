/* ui_keys: the dashboard's key table. Every key of the list and the pane is
 * one row {action, name, where, keys, help, footer hint}; dispatch, the help
 * overlay and the footer are built from it, and a test holds the README and
 * the man page to it. Pure data and lookups: never draws, never acts. */
#ifndef SUNOTOP_UI_KEYS_H
#define SUNOTOP_UI_KEYS_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Keys: characters are positive, curses function keys negative, so one int
 * carries both without a wide character colliding with a KEY_ code. */
#define UI_FN(k) (-(k))
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_KEY_ESC 27
#define UI_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define UI_KEY_PASTE_END (KEY_MAX + 2)

/* Where a row applies: the screen that has the focus. */
#define UI_WHERE_LIST 1u
#define UI_WHERE_PANE 2u
#define UI_WHERE_BOTH (UI_WHERE_LIST | UI_WHERE_PANE)

/* The key table, in the order of the help overlay: one row per action.
 * X(ID, name, where, help_keys, help, hint_keys, hint, list_rank, pane_rank,
 *   keys...): name is what `bind KEY ACTION` will take; help_keys NULL
 * means the keys' names; help NULL means the row above says it; hint NULL
 * keeps it out of the footers, ranks place it in the list's and the pane's
 * footer (0: absent). A new key is one row here and its case in
 * ui_act_run (src/ui/ui_act.c). */
#define UI_KEY_TABLE(X) \
	X(DOWN, "down", UI_WHERE_BOTH, "j/k, Up/Down", "move the selection", \
	  "j/k", "scroll", 0, 2, 'j', UI_FN(KEY_DOWN)) \
	X(UP, "up", UI_WHERE_BOTH, NULL, NULL, NULL, NULL, 0, 0, 'k', UI_FN(KEY_UP)) \
	X(FIRST, "first", UI_WHERE_BOTH, "g/G, Home/End", "first / last task", \
	  NULL, NULL, 0, 0, 'g', UI_FN(KEY_HOME)) \
	X(LAST, "last", UI_WHERE_BOTH, NULL, NULL, NULL, NULL, 0, 0, 'G', UI_FN(KEY_END)) \
	X(PAGE_DOWN, "page-down", UI_WHERE_BOTH, "PgUp/PgDn, ^B/^F", "one page up / down", \
	  "PgUp/PgDn", "", 0, 3, UI_FN(KEY_NPAGE), UI_CTRL('f')) \
	X(PAGE_UP, "page-up", UI_WHERE_BOTH, NULL, NULL, \
	  NULL, NULL, 0, 0, UI_FN(KEY_PPAGE), UI_CTRL('b')) \
	/* Enter is three codes: '\r' and '\n' from the keyboard, KEY_ENTER from a keypad. */ \
	X(FOCUS_PANE, "focus-pane", UI_WHERE_LIST, "Enter, Tab", "focus the details pane (scroll it); Tab/Esc back", \
	  NULL, NULL, 0, 0, '\r', '\n', UI_FN(KEY_ENTER), '\t') \
	X(FOCUS_LIST, "focus-list", UI_WHERE_PANE, NULL, NULL, \
	  "Tab/Esc", "back", 0, 1, '\t', '\r', '\n', UI_FN(KEY_ENTER), UI_KEY_ESC, 'h', UI_FN(KEY_LEFT)) \
	X(ADD, "add", UI_WHERE_BOTH, NULL, "add task ids (paste many: spaces, commas, newlines)", \
	  NULL, "add", 3, 0, 'a') \
	/* A bracketed paste on the list opens the add prompt with it. */ \
	X(PASTE, "paste", UI_WHERE_BOTH, NULL, NULL, NULL, NULL, 0, 0, UI_FN(UI_KEY_PASTE_BEGIN)) \
	X(UNTRACK, "untrack", UI_WHERE_BOTH, NULL, "untrack the selected task (asks y/n)", \
	  "d", "untrack", 4, 0, 'd', UI_FN(KEY_DC)) \
	X(UNDO, "undo", UI_WHERE_BOTH, NULL, "undo the last add or untrack", NULL, "undo", 5, 0, 'u') \
	X(REFRESH, "refresh", UI_WHERE_BOTH, "r / R", "refresh the selected task / every task now", \
	  "r/R", "refresh", 6, 0, 'r') \
	X(REFRESH_ALL, "refresh-all", UI_WHERE_BOTH, "", "(R after a rejected key reads the key file again)", \
	  NULL, NULL, 0, 0, 'R') \
	X(FILTER, "filter", UI_WHERE_BOTH, NULL, "filter by text (id, title, tags, status, reason)", \
	  NULL, "filter", 7, 0, '/') \
	X(CLEAR_FILTER, "clear-filter", UI_WHERE_LIST, NULL, "clear the marks, else the filters", \
	  NULL, NULL, 0, 0, UI_KEY_ESC) \
	X(SHOW, "show", UI_WHERE_BOTH, NULL, "show: all -> active -> failed -> done -> slow", \
	  NULL, "show", 8, 0, 'f') \
	X(SORT, "sort", UI_WHERE_BOTH, "s / S", "cycle the sort key / reverse the order", \
	  "s/S", "sort", 9, 0, 's') \
	X(REVERSE, "reverse", UI_WHERE_BOTH, NULL, NULL, NULL, NULL, 0, 0, 'S') \
	X(PAUSE, "pause", UI_WHERE_BOTH, NULL, "pause or resume polling", NULL, "pause", 10, 0, 'p') \
	X(COPY_ID, "copy-id", UI_WHERE_BOTH, "y / Y", "copy the task id / the audio URL (OSC 52)", \
	  NULL, NULL, 0, 0, 'y') \
	X(COPY_URL, "copy-url", UI_WHERE_BOTH, NULL, NULL, NULL, NULL, 0, 0, 'Y') \
	X(OPEN, "open", UI_WHERE_BOTH, NULL, "open the audio URL ($BROWSER or xdg-open)", \
	  NULL, NULL, 0, 0, 'o') \
	X(DOWNLOAD, "download", UI_WHERE_BOTH, NULL, "download the clips' audio (w twice: the videos too)", \
	  NULL, NULL, 0, 0, 'w') \
	X(NEW, "new", UI_WHERE_BOTH, "n / e / x", "new generation / retry the task with edits / extend its clip", \
	  NULL, NULL, 0, 0, 'n') \
	X(RETRY, "retry", UI_WHERE_BOTH, NULL, NULL, NULL, NULL, 0, 0, 'e') \
	X(EXTEND, "extend", UI_WHERE_BOTH, NULL, NULL, NULL, NULL, 0, 0, 'x') \
	X(ORIGIN, "origin", UI_WHERE_BOTH, NULL, "go to the task this one was retried or extended from", \
	  NULL, NULL, 0, 0, 'O') \
	X(MARK, "mark", UI_WHERE_LIST, "Space / *", \
	  "mark (and move down) / mark all shown; d w r y act on marks", NULL, NULL, 0, 0, ' ') \
	X(MARK_ALL, "mark-all", UI_WHERE_LIST, NULL, NULL, NULL, NULL, 0, 0, '*') \
	X(PANE, "pane", UI_WHERE_BOTH, "v / z", "hide / show the details pane; the pane full screen (again: back)", \
	  NULL, NULL, 0, 0, 'v') \
	X(ZOOM, "zoom", UI_WHERE_BOTH, NULL, NULL, NULL, NULL, 0, 0, 'z') \
	X(REDRAW, "redraw", UI_WHERE_BOTH, NULL, "redraw the screen", NULL, NULL, 0, 0, UI_CTRL('l')) \
	X(HELP, "help", UI_WHERE_BOTH, "?, F1", "this help", NULL, "help", 2, 4, '?', UI_FN(KEY_F(1))) \
	/* Ctrl-C arrives as SIGINT, which quits the same way. */ \
	X(QUIT, "quit", UI_WHERE_BOTH, NULL, "quit (the list is saved)", \
	  NULL, "quit", 1, 5, 'q', UI_CTRL('c'), UI_FN(KEY_F(10))) \
	/* the end */

#define UI_ACTION_ENUM(id, ...) UI_ACTION_##id,
enum ui_action {
	UI_ACTION_NONE,
	UI_KEY_TABLE(UI_ACTION_ENUM)
	UI_ACTION_COUNT
};
#undef UI_ACTION_ENUM

#define UI_KEYS_MAX 8

struct ui_key {
	enum ui_action action;
	const char *name;              /* for `bind KEY ACTION`: "refresh-all" */
	unsigned where;
	int keys[UI_KEYS_MAX];         /* 0 ends the list */
	const char *help_keys;         /* the help's key column; NULL: the keys' names */
	const char *help;              /* the help line; NULL: said on the row above */
	const char *hint_keys;         /* the footer's keys; NULL: the first key's name */
	const char *hint;              /* the footer's word; NULL: not in the footer */
	unsigned char rank[2];         /* place in the list's and the pane's footer; 0: absent */
};

/* The defaults, changed at start by ui_keys_bind and never after. */
extern struct ui_key ui_keys[];
extern const size_t ui_keys_count;

/* The action key runs where the focus is (one UI_WHERE_ bit), or NONE. */
enum ui_action ui_keys_action(unsigned where, int key);
/* The row of an action. */
const struct ui_key *ui_keys_row(enum ui_action a);
/* The name people read for a key ("j", "Down", "Ctrl-L", "Esc", "F1"), or
 * NULL for one that is not typed (a bracketed paste). */
const char *ui_keys_name(int key, char *buf, size_t n);
/* Whether name is one of the names in list ("j, Down / k, Up"). */
bool ui_keys_listed(const char *list, const char *name);
/* The key a name means: "x", "Space", "Enter", "Esc", "Tab", "Up", "PgDn",
 * "F5", "Ctrl-X" (or "^X"), one UTF-8 character. False for anything else. */
bool ui_keys_parse(const char *name, int *key);
/* `bind KEY ACTION`: KEY runs ACTION where ACTION applies, instead of what
 * it ran there before; the help and the footer follow. */
enum ui_bind_result { UI_BIND_OK, UI_BIND_BAD_KEY, UI_BIND_BAD_ACTION, UI_BIND_FULL };
enum ui_bind_result ui_keys_bind(const char *key, const char *action);
/* Every action by name with its keys and help, one per line. */
void ui_keys_list(FILE *out);
/* A movement action applied to *pos within [0, n), a page being `page`
 * rows; false (nothing moved) for any other action. */
bool ui_keys_move(size_t *pos, size_t n, size_t page, enum ui_action a);
/* The footer's hint line for where: "q quit  ? help  a add ...". */
void ui_keys_hint(unsigned where, char *buf, size_t n);
/* The action whose footer hint covers column col (0 = the first), or NONE. */
enum ui_action ui_keys_hint_at(unsigned where, int col);
/* Help line i (0, 1, ...): its key column and text; false after the last. */
bool ui_keys_help_line(size_t i, char *keys, size_t n, const char **text);

#endif
