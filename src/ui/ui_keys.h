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

enum ui_action {
	UI_ACTION_NONE,
	UI_ACTION_DOWN,
	UI_ACTION_UP,
	UI_ACTION_FIRST,
	UI_ACTION_LAST,
	UI_ACTION_PAGE_DOWN,
	UI_ACTION_PAGE_UP,
	UI_ACTION_FOCUS_PANE,
	UI_ACTION_FOCUS_LIST,
	UI_ACTION_ADD,
	UI_ACTION_PASTE,
	UI_ACTION_UNTRACK,
	UI_ACTION_UNDO,
	UI_ACTION_REFRESH,
	UI_ACTION_REFRESH_ALL,
	UI_ACTION_FILTER,
	UI_ACTION_CLEAR_FILTER,
	UI_ACTION_SHOW,
	UI_ACTION_SORT,
	UI_ACTION_REVERSE,
	UI_ACTION_PAUSE,
	UI_ACTION_COPY_ID,
	UI_ACTION_COPY_URL,
	UI_ACTION_OPEN,
	UI_ACTION_DOWNLOAD,
	UI_ACTION_NEW,
	UI_ACTION_RETRY,
	UI_ACTION_EXTEND,
	UI_ACTION_ORIGIN,
	UI_ACTION_REDRAW,
	UI_ACTION_HELP,
	UI_ACTION_QUIT,
	UI_ACTION_COUNT
};

/* Where a row applies: the screen that has the focus. */
#define UI_WHERE_LIST 1u
#define UI_WHERE_PANE 2u
#define UI_WHERE_BOTH (UI_WHERE_LIST | UI_WHERE_PANE)

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
/* Help line i (0, 1, ...): its key column and text; false after the last. */
bool ui_keys_help_line(size_t i, char *keys, size_t n, const char **text);

#endif
