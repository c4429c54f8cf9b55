/* ui_frame: what the dashboard's screens share: the frame around them
 * (layout, header, banner, message line, footer), the dirty regions, which
 * screen has the focus, and the engine to ask. Each screen keeps its own
 * state behind its own type (ui_view.h, ui_pane.c, ui_prompt.c,
 * ui_confirm.c). UI thread only. */
#ifndef SUNOTOP_UI_FRAME_H
#define SUNOTOP_UI_FRAME_H

#include <stdbool.h>
#include <stdint.h>

#include "engine.h"
#include "ids.h"
#include "options.h"
#include "ui_draw.h"
#include "ui_keys.h"

#define UI_MIN_COLS 40
#define UI_MIN_ROWS 8
/* The list gets this width first; the pane sits beside it only when at
 * least UI_PANE_MIN columns are left, else below it. */
#define UI_LIST_WANT 96
#define UI_PANE_MIN 40

/* The side pane as the user set it (v hides it, z makes it full screen). */
enum ui_pane_mode { UI_PANE_AUTO, UI_PANE_HIDDEN, UI_PANE_FULL };

enum {
	UI_DIRTY_HEAD = 1 << 0,
	UI_DIRTY_LIST = 1 << 1,
	UI_DIRTY_PANE = 1 << 2,
	UI_DIRTY_FOOT = 1 << 3,
	UI_DIRTY_ALL = 0xf,
};

enum ui_banner { UI_BANNER_NONE, UI_BANNER_UNREACHABLE, UI_BANNER_KEY, UI_BANNER_FATAL };

struct ui;
struct ui_view;
struct ui_pane;
struct ui_prompt;
struct ui_confirm;
struct ui_form;
struct ui_mouse;

/* One screen or pane: the loop dispatches through these instead of
 * switching on modes. A modal screen takes every key (key); the list and
 * the pane get the key table's action first (act) and return true when it
 * was theirs. info, when set, is the footer's right-hand text. */
struct ui_screen {
	const char *name;
	unsigned where;                  /* UI_WHERE_LIST or _PANE; 0 for a modal */
	void (*draw)(struct ui *ui);
	bool (*key)(struct ui *ui, int key);
	bool (*act)(struct ui *ui, enum ui_action a);
	void (*resize)(struct ui *ui);
	void (*info)(const struct ui *ui, char *buf, size_t n);
};

struct ui {
	const struct options *o;
	struct engine *eng;
	const struct tasklist *tl;       /* the engine's, read only */
	const char *host;                /* the API's host, for the header */
	struct ui_style style;
	int dirty;

	/* Layout; recomputed on resize and when the banner comes or goes. */
	bool too_small, pane_right, pane_shown;
	enum ui_pane_mode pane_mode;
	struct ui_rect r_head, r_banner, r_list, r_pane, r_msg, r_hint;

	/* The screens, and the state each keeps to itself. */
	const struct ui_screen *list_screen, *pane_screen;
	const struct ui_screen *focus;   /* list or pane */
	const struct ui_screen *modal;   /* prompt, confirm, help, or NULL */
	const struct ui_screen *painted_modal;  /* the modal of the last paint */
	size_t help_scroll, help_rows, help_lines;   /* the help overlay, as last drawn */
	struct ui_view *view;            /* the list's rows and selection */
	struct ui_pane *pane;
	struct ui_prompt *prompt;
	struct ui_confirm *confirm;

	unsigned spin;                   /* spinner frame while a round runs */
	enum ui_banner banner;           /* the engine's link, as shown */
	char banner_msg[256];            /* sanitized */
	long banner_http;                /* UNREACHABLE: the HTTP status the server answered, 0 none */

	char msg[512];                   /* message line, trusted or sanitized */
	enum ui_role msg_role;
	double msg_until;                /* monotonic; 0 = no message */

	size_t keys_left;                /* keys read but not yet dispatched */
	bool quit;
	bool got_data, got_change;       /* set by the engine's callbacks during a pump */
	/* Answers of a round in progress: painted with the spinner's next
	 * tick, a key or the round's end, not once per batch. */
	bool paint_held;
	struct ui_form *form;            /* the generation form while it is open (ui_form.c) */
	struct ui_mouse *mouse;          /* clicks read, not yet dispatched (ui_mouse.c) */
	int head_slow_x0, head_slow_x1;  /* where the header drew "N slow"; a click sorts by it */
	char w_id[ID_MAX_LEN + 1];       /* task of the last `w`, for a second press */
	double w_at;                     /* monotonic time of that press */
	int64_t now;                     /* wall seconds for this paint */
	/* Every task finished and nothing scheduled: ages are shown to the
	 * minute and the loop wakes once a minute. */
	bool resting;
};

/* Recompute the regions (resize, banner shown or gone). */
void ui_relayout(struct ui *ui);
/* True when more input is already waiting (a paste in progress). */
bool ui_input_pending(struct ui *ui);
/* Message line text (trusted): shown for `secs` seconds. */
void ui_message(struct ui *ui, enum ui_role role, double secs, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "3m ago" for `when`; to the minute while resting ("<1m ago"). */
void ui_age(const struct ui *ui, int64_t when, char *buf, size_t n);
/* The progress bar of e, as every screen draws it. */
void ui_entry_bar(const struct ui *ui, struct ui_pen *p, const struct entry *e, int width);
void ui_frame_header(struct ui *ui);
void ui_frame_banner(struct ui *ui);
void ui_frame_footer(struct ui *ui);
void ui_frame_too_small(struct ui *ui);

#endif
