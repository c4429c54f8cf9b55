/* ui_draw: colour roles and drawing helpers (text pens, fields, bars,
 * glyphs) that every screen shares. Knows colours and roles only, never the
 * engine, the store or the options; must never put unsanitized server text
 * on the screen. UI thread only. */
#ifndef SUNOTOP_UI_DRAW_H
#define SUNOTOP_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "estimate.h"
#include "tasklist.h"

#define UI_LINE_BYTES 4096     /* one screen row of UTF-8, generously */

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

/* How text is drawn: ASCII glyphs only (--ascii or a locale without
 * UTF-8), colours or attributes only; text_flags are the text_sanitize
 * flags for words (TEXT_ASCII only when the locale cannot show more:
 * --ascii changes the drawing characters, not the text). */
struct ui_style {
	bool ascii, color;
	bool links;                      /* OSC 8 hyperlinks (ui_term_hyperlinks) */
	unsigned text_flags;
};

struct ui_rect {
	int y, x, h, w;
};

/* A cursor that writes left to right and never past `right`. */
struct ui_pen {
	int y, x, right;
	attr_t extra;                    /* OR'd into every role (selection) */
};

void ui_draw_init_colors(const struct ui_style *st);
attr_t ui_attr(const struct ui_style *st, enum ui_role role);
void ui_pen_at(struct ui_pen *p, int y, int x, int w, attr_t extra);
/* Our own text, fitted to what is left. Returns the columns written. */
int ui_put(const struct ui_style *st, struct ui_pen *p, enum ui_role role, const char *s);
/* Server text: sanitized first. */
int ui_put_server(const struct ui_style *st, struct ui_pen *p, enum ui_role role, const char *s);
/* Exactly `width` columns (cut with an ellipsis or padded); right-aligned on request. */
void ui_put_field(const struct ui_style *st, struct ui_pen *p, enum ui_role role,
		  const char *s, int width, bool right);
void ui_pad(const struct ui_style *st, struct ui_pen *p, enum ui_role role, int n);
void ui_pad_to_end(const struct ui_style *st, struct ui_pen *p, enum ui_role role);
void ui_fill_rect(const struct ui_style *st, const struct ui_rect *r);
/* A frame of h rows by w columns at y, x (ASCII with --ascii). */
void ui_draw_box(const struct ui_style *st, int y, int x, int h, int w);

/* State glyph, status word and role for an entry's current task. */
const char *ui_state_glyph(const struct ui_style *st, const struct entry *e);
const char *ui_state_word(const struct entry *e, char *buf, size_t n);
enum ui_role ui_state_role(const struct entry *e);
/* A progress bar of `width` cells plus " NN%" (5 columns); failed: drawn
 * in the failure colour. */
void ui_draw_bar(const struct ui_style *st, struct ui_pen *p, const struct estimate *est,
		 bool failed, int width);
/* The spinner's frame i. */
const char *ui_draw_spinner(const struct ui_style *st, unsigned i);

#endif
