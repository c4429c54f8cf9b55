/* ui_draw: the dashboard's shared state, colour roles and drawing helpers
 * (text pens, bars, glyphs, header and footer). UI thread only; must never
 * put unsanitized server text on the screen. */
#ifndef SUNOTOP_UI_DRAW_H
#define SUNOTOP_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "estimate.h"
#include "ids.h"
#include "options.h"
#include "tasklist.h"
#include "ui_keys.h"
#include "taskrule.h"


#define UI_LINE_BYTES 4096     /* one screen row of UTF-8, generously */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 8

enum ui_role {
	UI_ROLE_NORMAL,
	UI_ROLE_HEADER,
	UI_ROLE_SELECTION,
	UI_ROLE_BAR_DONE,
	UI_ROLE_BAR_REST,
	UI_ROLE_RUNNING,
	UI_ROLE_WAITING,
	UI_ROLE_FAILED,
	UI_ROLE_DONE,
	UI_ROLE_STALE,
	UI_ROLE_BANNER,
	UI_ROLE_LABEL,
	UI_ROLE_COUNT
};

enum {
	UI_DIRTY_HEAD = 1 << 0,
	UI_DIRTY_LIST = 1 << 1,
	UI_DIRTY_PANE = 1 << 2,
	UI_DIRTY_FOOT = 1 << 3,
	UI_DIRTY_ALL = 0xf,
};

enum ui_show { UI_SHOW_ALL, UI_SHOW_ACTIVE, UI_SHOW_FAILED, UI_SHOW_DONE, UI_SHOW_COUNT };
enum ui_sort { UI_SORT_ADDED, UI_SORT_SUBMITTED, UI_SORT_STATUS, UI_SORT_PROGRESS,
	       UI_SORT_TITLE, UI_SORT_COUNT };
enum ui_banner { UI_BANNER_NONE, UI_BANNER_UNREACHABLE, UI_BANNER_KEY, UI_BANNER_FATAL };

struct ui;
struct ui_form;

/* One screen or pane: the loop dispatches through these instead of
 * switching on modes. A modal screen takes every key (key); the list and
 * the pane get the key table's action first (act) and return true when it
 * was theirs. */
struct ui_screen {
	const char *name;
	unsigned where;                  /* UI_WHERE_LIST or _PANE; 0 for a modal */
	void (*draw)(struct ui *ui);
	bool (*key)(struct ui *ui, int key);
	bool (*act)(struct ui *ui, enum ui_action a);
	void (*resize)(struct ui *ui);
};

struct ui_rect {
	int y, x, h, w;
};

/* The filtered, sorted rows. Rebuilt only when membership, filter or sort
 * (or data a filter/sort depends on) changes; drawing only reads it. */
struct ui_view {
	struct entry **rows;
	size_t n, cap;
	size_t sel, top;
	char sel_id[ID_MAX_LEN + 1];   /* selection follows this id */
	bool stale;                    /* rebuild before the next paint */
	enum ui_show show;
	enum ui_sort sort;
	bool reverse;
	char *filter;                  /* owned; NULL = no text filter */
	int id_width;                  /* widest id in the view */
};

struct ui_pane_line {
	int kind;                      /* UI_PANE_* in ui_pane.c */
	char *text;                    /* sanitized, owned, or NULL */
	enum ui_role role;
	int indent;                    /* column where the value starts */
	const char *label;             /* static label left of the value, or NULL */
	int64_t when, until;           /* time and duration lines, formatted when drawn */
};

struct ui_pane {
	struct ui_pane_line *lines;
	size_t n, cap;
	size_t scroll;
	const struct entry *built_for; /* entry the lines describe */
	const struct task *built_task; /* its task at build time */
	const char *built_error;
	int built_width;
	bool needs_build;
};

/* The line editor behind the add and filter prompts. */
struct ui_prompt {
	wchar_t *buf;
	size_t len, cap, cursor;
	size_t first;                  /* first shown character (horizontal scroll) */
	int kind;                      /* UI_PROMPT_ADD or UI_PROMPT_FILTER */
	bool pasting;                  /* inside a bracketed paste */
	const struct ui_screen *back;  /* focus to return to */
};

struct ui {
	const struct options *o;
	struct engine *eng;
	const struct tasklist *tl;       /* the engine's, read only */
	const char *host;                /* the API's host, for the header */
	bool ascii, color;
	int dirty;

	/* Layout; recomputed on resize and when the banner comes or goes. */
	bool too_small, pane_right, pane_shown;
	struct ui_rect r_head, r_banner, r_list, r_pane, r_msg, r_hint;

	const struct ui_screen *focus;   /* list or pane */
	const struct ui_screen *modal;   /* prompt, confirm, help, or NULL */
	struct ui_view view;
	struct ui_pane pane;
	struct ui_prompt prompt;

	unsigned spin;                   /* spinner frame while a round runs */
	enum ui_banner banner;           /* the engine's link, as shown */
	char banner_msg[256];            /* sanitized */

	char msg[512];                   /* message line, trusted or sanitized */
	enum ui_role msg_role;
	double msg_until;                /* monotonic; 0 = no message */

	bool got_data, got_change;       /* set by the engine's callbacks during a pump */
	int *keys;                       /* keys read in one go */
	size_t keys_cap;
	size_t keys_left;                /* keys read but not yet dispatched */
	bool cursor_on;
	bool quit;
	char confirm_id[ID_MAX_LEN + 1];
	int64_t now;                     /* wall seconds for this paint */
	/* Every task finished and nothing scheduled: ages are shown to the
	 * minute and the loop wakes once a minute. */
	bool resting;
	/* Answers of a round in progress: painted with the spinner's next
	 * tick, a key or the round's end, not once per batch. */
	bool paint_held;

	struct ui_form *form;            /* the generation form while it is open (ui_form.c) */
	char w_id[ID_MAX_LEN + 1];       /* task of the last `w`, for a second press */
	double w_at;                     /* monotonic time of that press */
};

/* A cursor that writes left to right and never past `right`. */
struct ui_pen {
	int y, x, right;
	attr_t extra;                    /* OR'd into every role (selection) */
};

void ui_draw_init_colors(struct ui *ui);
attr_t ui_attr(const struct ui *ui, enum ui_role role);
void ui_pen_at(struct ui_pen *p, int y, int x, int w, attr_t extra);
/* Our own text, fitted to what is left. Returns the columns written. */
int ui_put(const struct ui *ui, struct ui_pen *p, enum ui_role role, const char *s);
/* Server text: sanitized first. */
int ui_put_server(const struct ui *ui, struct ui_pen *p, enum ui_role role, const char *s);
/* Exactly `width` columns (cut with an ellipsis or padded); right-aligned on request. */
void ui_put_field(const struct ui *ui, struct ui_pen *p, enum ui_role role,
		  const char *s, int width, bool right);
void ui_pad(const struct ui *ui, struct ui_pen *p, enum ui_role role, int n);
void ui_pad_to_end(const struct ui *ui, struct ui_pen *p, enum ui_role role);
void ui_fill_rect(const struct ui *ui, const struct ui_rect *r);
/* A frame of h rows by w columns at y, x (ASCII with --ascii). */
void ui_draw_box(const struct ui *ui, int y, int x, int h, int w);

/* State glyph, status word and role for an entry's current task. */
const char *ui_state_glyph(const struct ui *ui, const struct entry *e);
const char *ui_state_word(const struct entry *e, char *buf, size_t n);
enum ui_role ui_state_role(const struct entry *e);
/* A progress bar of `width` cells plus " NN%" (5 columns). */
void ui_draw_progress(const struct ui *ui, struct ui_pen *p, const struct entry *e, int width);
struct estimate ui_estimate(const struct ui *ui, const struct entry *e);

void ui_draw_header(struct ui *ui);
void ui_draw_banner(struct ui *ui);
void ui_draw_footer(struct ui *ui);
void ui_draw_too_small(struct ui *ui);
/* "3m ago" for `when`; to the minute while resting ("<1m ago"). */
void ui_age(const struct ui *ui, int64_t when, char *buf, size_t n);
/* Message line text (trusted): shown for `secs` seconds. */
void ui_message(struct ui *ui, enum ui_role role, double secs, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Loop services, implemented in ui.c. */
/* True when more input is already waiting (a paste in progress). */
bool ui_input_pending(struct ui *ui);
/* Recompute the regions (resize, banner shown or gone). */
void ui_relayout(struct ui *ui);

#endif
