/* ui_keys: what is built from the key table (UI_KEY_TABLE in ui_keys.h):
 * the action a key runs where the focus is, key names, the footer's hints
 * and the help's lines. Never draws, never acts. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "ui_keys.h"

#define UI_KEYS_ROW(id, name, where, hk, help, hint_keys, hint, rank_list, rank_pane, ...) \
	{ UI_ACTION_##id, name, where, { __VA_ARGS__ }, hk, help, hint_keys, hint, \
	  { rank_list, rank_pane } },

struct ui_key ui_keys[] = {
	UI_KEY_TABLE(UI_KEYS_ROW)
};

#undef UI_KEYS_ROW

const size_t ui_keys_count = sizeof(ui_keys) / sizeof(ui_keys[0]);

enum ui_action ui_keys_action(unsigned where, int key)
{
	size_t i, k;

	for (i = 0; i < ui_keys_count; i++) {
		if (!(ui_keys[i].where & where))
			continue;
		for (k = 0; k < UI_KEYS_MAX && ui_keys[i].keys[k]; k++)
			if (ui_keys[i].keys[k] == key)
				return ui_keys[i].action;
	}
	return UI_ACTION_NONE;
}

const struct ui_key *ui_keys_row(enum ui_action a)
{
	size_t i;

	for (i = 0; i < ui_keys_count; i++)
		if (ui_keys[i].action == a)
			return &ui_keys[i];
	return NULL;
}

/* A code point as UTF-8 in buf (5 bytes at least). */
static bool ui_keys_utf8(int c, char *buf)
{
	if (c < 0x800) {
		buf[0] = (char)(0xc0 | (c >> 6));
		buf[1] = (char)(0x80 | (c & 0x3f));
		buf[2] = '\0';
	} else if (c < 0x10000) {
		buf[0] = (char)(0xe0 | (c >> 12));
		buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (c & 0x3f));
		buf[3] = '\0';
	} else if (c < 0x110000) {
		buf[0] = (char)(0xf0 | (c >> 18));
		buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		buf[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[3] = (char)(0x80 | (c & 0x3f));
		buf[4] = '\0';
	} else {
		return false;
	}
	return true;
}

const char *ui_keys_name(int key, char *buf, size_t n)
{
	static const struct { int key; const char *name; } named[] = {
		{ '\r', "Enter" }, { '\n', "Enter" }, { UI_FN(KEY_ENTER), "Enter" },
		{ '\t', "Tab" }, { UI_KEY_ESC, "Esc" }, { ' ', "Space" }, { 127, "Backspace" },
		{ UI_FN(KEY_BACKSPACE), "Backspace" }, { UI_FN(KEY_DOWN), "Down" },
		{ UI_FN(KEY_UP), "Up" }, { UI_FN(KEY_LEFT), "Left" }, { UI_FN(KEY_RIGHT), "Right" },
		{ UI_FN(KEY_HOME), "Home" }, { UI_FN(KEY_END), "End" }, { UI_FN(KEY_NPAGE), "PgDn" },
		{ UI_FN(KEY_PPAGE), "PgUp" }, { UI_FN(KEY_DC), "Delete" },
		{ UI_FN(UI_KEY_PASTE_BEGIN), NULL }, { UI_FN(UI_KEY_PASTE_END), NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (named[i].key == key)
			return named[i].name;
	if (key <= UI_FN(KEY_F(1)) && key >= UI_FN(KEY_F(12)))
		snprintf(buf, n, "F%d", -key - KEY_F0);
	else if (key > 0 && key < 32)
		snprintf(buf, n, "Ctrl-%c", 'A' + key - 1);
	else if (key > 32 && key < 127)
		snprintf(buf, n, "%c", key);
	else if (key >= 160 && n > 4 && ui_keys_utf8(key, buf))
		return buf;
	else
		return NULL;
	return buf;
}

/* The footer's keys of row r, when the table gives none: its first key's
 * name, and that of each row below that belongs to it (no help line and
 * no hint of its own): "j/k". */
static void ui_keys_hint_keys(size_t r, char *buf, size_t n)
{
	size_t i, off = 0;
	char name[16];

	buf[0] = '\0';
	for (i = r; i < ui_keys_count && off < n; i++) {
		const char *s = ui_keys[i].keys[0] ? ui_keys_name(ui_keys[i].keys[0], name, sizeof(name)) : NULL;

		if (i > r && (ui_keys[i].help || ui_keys[i].hint))
			break;
		if (s)
			off += (size_t)snprintf(buf + off, n - off, "%s%s", off ? "/" : "", s);
	}
}

/* The footer's hints one by one: calls each(row, text, ctx) in order. */
static void ui_keys_hints(unsigned where, void (*each)(const struct ui_key *k, const char *text,
						       void *ctx), void *ctx)
{
	unsigned side = where == UI_WHERE_PANE ? 1 : 0, rank;
	char made[32], text[96];
	size_t i;

	for (rank = 1; rank < 256; rank++) {
		bool found = false;

		for (i = 0; i < ui_keys_count; i++) {
			const struct ui_key *k = &ui_keys[i];
			const char *keys = k->hint_keys;

			if (k->rank[side] != rank || !k->hint)
				continue;
			if (!keys) {
				ui_keys_hint_keys(i, made, sizeof(made));
				keys = made;
			}
			snprintf(text, sizeof(text), "%s%s%s", keys, *k->hint ? " " : "", k->hint);
			each(k, text, ctx);
			found = true;
		}
		if (!found)
			break;
	}
}

struct ui_keys_hint_buf {
	char *buf;
	size_t n, off;
	int col, at;                   /* ui_keys_hint_at: the column asked, the hint's start */
	enum ui_action found;
};

static void ui_keys_hint_append(const struct ui_key *k, const char *text, void *ctx)
{
	struct ui_keys_hint_buf *h = ctx;

	(void)k;
	if (h->off < h->n)
		h->off += (size_t)snprintf(h->buf + h->off, h->n - h->off, "%s%s",
					   h->off ? "  " : "", text);
}

void ui_keys_hint(unsigned where, char *buf, size_t n)
{
	struct ui_keys_hint_buf h = { buf, n, 0, 0, 0, UI_ACTION_NONE };

	buf[0] = '\0';
	ui_keys_hints(where, ui_keys_hint_append, &h);
}

/* Hints are ASCII key names and words: bytes are columns. */
static void ui_keys_hint_find(const struct ui_key *k, const char *text, void *ctx)
{
	struct ui_keys_hint_buf *h = ctx;
	int len = (int)strlen(text);

	if (h->at > 0)
		h->at += 2;
	if (h->found == UI_ACTION_NONE && h->col >= h->at && h->col < h->at + len)
		h->found = k->action;
	h->at += len;
}

enum ui_action ui_keys_hint_at(unsigned where, int col)
{
	struct ui_keys_hint_buf h = { NULL, 0, 0, col, 0, UI_ACTION_NONE };

	ui_keys_hints(where, ui_keys_hint_find, &h);
	return h.found;
}

bool ui_keys_listed(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *at;

	for (at = strstr(list, name); at; at = strstr(at + 1, name))
		if ((at == list || at[-1] == ' ') && (!at[len] || at[len] == ',' || at[len] == ' '))
			return true;
	return false;
}

/* The help's key column for row r, when the table gives none: the names
 * of its keys, then " / " and those of each row below that belongs to it
 * (no help line of its own), each name once: "j, Down / k, Up". */
static void ui_keys_help_keys(size_t r, char *keys, size_t n)
{
	size_t i, k, off = 0, start;
	char name[16];

	keys[0] = '\0';
	for (i = r; i < ui_keys_count && off < n; i++) {
		if (i > r && ui_keys[i].help)
			break;
		start = off;
		for (k = 0; k < UI_KEYS_MAX && ui_keys[i].keys[k] && off < n; k++) {
			const char *s = ui_keys_name(ui_keys[i].keys[k], name, sizeof(name));
			/* once each: "Enter" is three codes */
			if (!s || ui_keys_listed(keys, s))
				continue;
			off += (size_t)snprintf(keys + off, n - off, "%s%s",
						off == start ? (off ? " / " : "") : ", ", s);
		}
	}
}

bool ui_keys_help_line(size_t i, char *keys, size_t n, const char **text)
{
	size_t r;

	for (r = 0; r < ui_keys_count; r++) {
		const struct ui_key *row = &ui_keys[r];

		if (!row->help || i-- > 0)
			continue;
		*text = row->help;
		if (row->help_keys)
			snprintf(keys, n, "%s", row->help_keys);
		else
			ui_keys_help_keys(r, keys, n);
		return true;
	}
	return false;
}

bool ui_keys_move(size_t *pos, size_t n, size_t page, enum ui_action a)
{
	size_t p = *pos, last = n ? n - 1 : 0;

	if (page < 1)
		page = 1;
	switch (a) {
	case UI_ACTION_DOWN:
		p = p < last ? p + 1 : p;
		break;
	case UI_ACTION_UP:
		p = p > 0 ? p - 1 : 0;
		break;
	case UI_ACTION_FIRST:
		p = 0;
		break;
	case UI_ACTION_LAST:
		p = last;
		break;
	case UI_ACTION_PAGE_DOWN:
		p = p + page < n ? p + page : last;
		break;
	case UI_ACTION_PAGE_UP:
		p = p > page ? p - page : 0;
		break;
	default:
		return false;
	}
	*pos = p;
	return true;
}
