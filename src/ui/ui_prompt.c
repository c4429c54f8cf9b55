/* ui_prompt: the one-line editor behind the add and filter prompts, a modal
 * screen with its own state; whoever opens it says what its text does.
 * Accepts only printable characters of non-zero width, so what is echoed
 * can never move the cursor or reorder text. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "ui_prompt.h"
#include "util.h"

/* The editor's state: the text as wide characters and the cursor. */
struct ui_prompt {
	wchar_t *buf;
	size_t len, cap, cursor;
	size_t first;                  /* first shown character (horizontal scroll) */
	const struct ui_prompt_spec *spec;
	bool pasting;                  /* inside a bracketed paste */
};

struct ui_prompt *ui_prompt_new(void)
{
	return xcalloc(1, sizeof(struct ui_prompt));
}

void ui_prompt_free(struct ui_prompt *pr)
{
	if (!pr)
		return;
	free(pr->buf);
	free(pr);
}

static void ui_prompt_insert(struct ui_prompt *pr, wchar_t c)
{
	if (pr->len + 1 >= pr->cap) {
		pr->cap = pr->cap ? pr->cap * 2 : 256;
		pr->buf = xrealloc(pr->buf, pr->cap * sizeof(*pr->buf));
	}
	memmove(&pr->buf[pr->cursor + 1], &pr->buf[pr->cursor],
		(pr->len - pr->cursor) * sizeof(*pr->buf));
	pr->buf[pr->cursor++] = c;
	pr->len++;
}

static void ui_prompt_delete(struct ui_prompt *pr, size_t from, size_t to)
{
	if (from >= to || to > pr->len)
		return;
	memmove(&pr->buf[from], &pr->buf[to], (pr->len - to) * sizeof(*pr->buf));
	pr->len -= to - from;
	if (pr->cursor > to)
		pr->cursor -= to - from;
	else if (pr->cursor > from)
		pr->cursor = from;
}

/* The buffer as UTF-8. Caller frees. */
static char *ui_prompt_text(const struct ui_prompt *pr)
{
	char *out = xmalloc(pr->len * MB_LEN_MAX + 1);
	mbstate_t st;
	size_t i, o = 0, n;

	memset(&st, 0, sizeof(st));
	for (i = 0; i < pr->len; i++) {
		n = wcrtomb(out + o, pr->buf[i], &st);
		if (n != (size_t)-1)
			o += n;
	}
	out[o] = '\0';
	return out;
}

void ui_prompt_open(struct ui *ui, const struct ui_prompt_spec *spec, const char *initial,
		    bool pasting)
{
	struct ui_prompt *pr = ui->prompt;
	mbstate_t st;
	wchar_t c;
	size_t n;

	pr->len = pr->cursor = pr->first = 0;
	pr->spec = spec;
	pr->pasting = pasting;
	memset(&st, 0, sizeof(st));
	while (initial && *initial && (n = mbrtowc(&c, initial, strlen(initial), &st)) > 0 &&
	       n < (size_t)-2) {
		if (wcwidth(c) >= 1)
			ui_prompt_insert(pr, c);
		initial += n;
	}
	ui->modal = &ui_prompt_screen;
	ui->dirty |= UI_DIRTY_FOOT;
}

static void ui_prompt_close(struct ui *ui)
{
	ui->modal = NULL;
	ui->prompt->pasting = false;
	ui->dirty |= UI_DIRTY_FOOT;
}

static int ui_prompt_cwidth(const struct ui *ui, wchar_t c)
{
	int w;

	if (ui->style.ascii && c > 127)
		return 1;
	w = wcwidth(c);
	return w > 0 ? w : 1;
}

static void ui_prompt_draw(struct ui *ui)
{
	struct ui_prompt *pr = ui->prompt;
	char out[UI_LINE_BYTES];
	struct ui_pen p;
	mbstate_t st;
	size_t i, o = 0;
	int avail, used, cur_x = -1, cw;

	if (ui->r_msg.h <= 0)
		return;
	ui_pen_at(&p, ui->r_msg.y, ui->r_msg.x, ui->r_msg.w, 0);
	ui_put(&ui->style, &p, UI_ROLE_LABEL, pr->spec->label);
	avail = p.right - p.x - 1;
	if (avail > UI_LINE_BYTES / 8)
		avail = UI_LINE_BYTES / 8;
	if (pr->cursor < pr->first)
		pr->first = pr->cursor;
	/* Scroll so the cursor shows: one walk back from it, however long the
	 * paste (a per-step rescan made huge pastes quadratic). */
	for (used = 0, i = pr->cursor; i > pr->first; i--) {
		cw = ui_prompt_cwidth(ui, pr->buf[i - 1]);
		if (used + cw > avail)
			break;
		used += cw;
	}
	pr->first = i;
	memset(&st, 0, sizeof(st));
	for (used = 0, i = pr->first; i < pr->len; i++) {
		if (i == pr->cursor)
			cur_x = p.x + used;
		cw = ui_prompt_cwidth(ui, pr->buf[i]);
		if (used + cw > avail)
			break;
		if (ui->style.ascii && pr->buf[i] > 127) {
			out[o++] = '?';
		} else {
			size_t n = wcrtomb(out + o, pr->buf[i], &st);
			if (n != (size_t)-1)
				o += n;
		}
		used += cw;
	}
	out[o] = '\0';
	if (cur_x < 0)
		cur_x = p.x + used;
	ui_put(&ui->style, &p, UI_ROLE_NORMAL, out);
	ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
	move(ui->r_msg.y, cur_x);
}

static void ui_prompt_submit(struct ui *ui)
{
	struct ui_prompt *pr = ui->prompt;
	char *text = ui_prompt_text(pr);

	ui_prompt_close(ui);
	pr->spec->submit(ui, text);
	free(text);
}

static void ui_prompt_changed(struct ui *ui)
{
	char *text;

	ui->dirty |= UI_DIRTY_FOOT;
	if (!ui->prompt->spec->changed)
		return;
	text = ui_prompt_text(ui->prompt);
	ui->prompt->spec->changed(ui, text);
	free(text);
}

static bool ui_prompt_key(struct ui *ui, int key)
{
	struct ui_prompt *pr = ui->prompt;
	size_t i;

	switch (key) {
	case UI_FN(UI_KEY_PASTE_BEGIN):
		pr->pasting = true;
		return true;
	case UI_FN(UI_KEY_PASTE_END):
		pr->pasting = false;
		return true;
	default:
		/* Pasted text is only text: an ESC or editing key inside a paste
		 * must not cancel the prompt (the rest would run as commands). */
		if (pr->pasting && key != '\n' && key != '\r' && key != '\t' &&
		    key != UI_FN(KEY_ENTER) && (key < 32 || key == 127))
			return true;
		break;
	}

	switch (key) {
	case '\n':
	case '\r':
	case UI_FN(KEY_ENTER):
		/* A newline inside a paste separates ids instead of submitting. */
		if (pr->pasting || ui_input_pending(ui)) {
			if (pr->len && pr->buf[pr->cursor ? pr->cursor - 1 : 0] != L' ')
				ui_prompt_insert(pr, L' ');
			break;
		}
		ui_prompt_submit(ui);
		return true;
	case UI_KEY_ESC:
		ui_prompt_close(ui);
		pr->spec->cancel(ui);
		return true;
	case UI_FN(KEY_LEFT):
	case UI_CTRL('b'):
		if (pr->cursor)
			pr->cursor--;
		break;
	case UI_FN(KEY_RIGHT):
	case UI_CTRL('f'):
		if (pr->cursor < pr->len)
			pr->cursor++;
		break;
	case UI_FN(KEY_HOME):
	case UI_CTRL('a'):
		pr->cursor = 0;
		break;
	case UI_FN(KEY_END):
	case UI_CTRL('e'):
		pr->cursor = pr->len;
		break;
	case UI_FN(KEY_BACKSPACE):
	case 127:
	case UI_CTRL('h'):
		if (pr->cursor)
			ui_prompt_delete(pr, pr->cursor - 1, pr->cursor);
		break;
	case UI_FN(KEY_DC):
	case UI_CTRL('d'):
		ui_prompt_delete(pr, pr->cursor, pr->cursor + 1);
		break;
	case UI_CTRL('u'):
		ui_prompt_delete(pr, 0, pr->cursor);
		break;
	case UI_CTRL('k'):
		ui_prompt_delete(pr, pr->cursor, pr->len);
		break;
	case UI_CTRL('w'):
		for (i = pr->cursor; i > 0 && pr->buf[i - 1] == L' '; i--)
			;
		for (; i > 0 && pr->buf[i - 1] != L' ' && pr->buf[i - 1] != L','; i--)
			;
		ui_prompt_delete(pr, i, pr->cursor);
		break;
	case '\t':
		ui_prompt_insert(pr, L' ');
		break;
	default:
		if (key < 32 || key == 127 || wcwidth((wchar_t)key) < 1)
			return true;    /* controls and invisible characters are dropped */
		ui_prompt_insert(pr, (wchar_t)key);
		break;
	}
	ui_prompt_changed(ui);
	return true;
}

static void ui_prompt_resize(struct ui *ui)
{
	ui->dirty |= UI_DIRTY_FOOT;
}

bool ui_prompt_is_open(const struct ui *ui)
{
	return ui->modal == &ui_prompt_screen;
}

const struct ui_screen ui_prompt_screen = {
	.name = "prompt",
	.draw = ui_prompt_draw,
	.key = ui_prompt_key,
	.resize = ui_prompt_resize,
};

