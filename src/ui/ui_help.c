/* ui_help: the help overlay, built from the key table. A modal screen
 * whose only state is how far it is scrolled (ui->help_scroll): the
 * movement keys scroll it when it does not fit, any other key closes it. */
#include "config.h"

#include <stdio.h>

#include "text.h"
#include "ui_help.h"

static void ui_help_draw(struct ui *ui)
{
	char keys[64], line[UI_LINE_BYTES];
	const char *text;
	size_t n = 0, i, rows;
	int top = ui->r_head.y + 1, bottom = ui->r_msg.y;   /* rows [top, bottom) */
	int w = 74, h, x, y;
	struct ui_pen p;

	/* As wide as the widest line (keys, a space, the text, the borders),
	 * so nothing is cut where the terminal has room. */
	while (ui_keys_help_line(n, keys, sizeof(keys), &text)) {
		int need = 1 + 17 + 1 + text_width(text) + 2;

		if (need > w)
			w = need;
		n++;
	}
	if (w > COLS - 4)
		w = COLS - 4;
	h = (int)n + 4;
	if (h > bottom - top)
		h = bottom - top;
	if (w < 10 || h < 3)
		return;
	x = (COLS - w) / 2;
	y = top + (bottom - top - h) / 2;
	rows = (size_t)(h - 3);
	ui->help_rows = rows;
	ui->help_lines = n;
	if (n <= rows)
		ui->help_scroll = 0;
	else if (ui->help_scroll > n - rows)
		ui->help_scroll = n - rows;
	ui_draw_box(&ui->style, y, x, h, w);
	ui_pen_at(&p, y + 1, x + 1, w - 2, 0);
	if (n > rows)
		snprintf(line, sizeof(line), " sunotop keys %zu-%zu/%zu (j/k, PgDn scroll; any other key closes)",
			 ui->help_scroll + 1, ui->help_scroll + rows, n);
	else
		snprintf(line, sizeof(line), " sunotop keys (any key closes this)");
	ui_put(&ui->style, &p, UI_ROLE_HEADER, line);
	ui_pad_to_end(&ui->style, &p, UI_ROLE_HEADER);
	for (i = 0; i < rows; i++) {
		size_t li = ui->help_scroll + i;

		ui_pen_at(&p, y + 2 + (int)i, x + 1, w - 2, 0);
		ui_pad(&ui->style, &p, UI_ROLE_NORMAL, 1);
		if (li < n && ui_keys_help_line(li, keys, sizeof(keys), &text)) {
			snprintf(line, sizeof(line), "%-17s %s", keys, text);
			ui_put(&ui->style, &p, UI_ROLE_NORMAL, line);
		}
		ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
	}
}

static bool ui_help_key(struct ui *ui, int key)
{
	size_t max = ui->help_lines > ui->help_rows ? ui->help_lines - ui->help_rows : 0;

	/* Scrolling only when there is somewhere to scroll to. */
	if (max && ui_keys_move(&ui->help_scroll, max + 1, ui->help_rows > 1 ? ui->help_rows - 1 : 1,
				ui_keys_action(UI_WHERE_LIST, key))) {
		ui->dirty |= UI_DIRTY_ALL;
		return true;
	}
	ui->help_scroll = 0;
	ui->modal = NULL;
	ui->dirty |= UI_DIRTY_ALL;
	return true;
}

static void ui_help_resize(struct ui *ui)
{
	ui->dirty |= UI_DIRTY_ALL;
}

const struct ui_screen ui_help_screen = {
	.name = "help", .draw = ui_help_draw, .key = ui_help_key, .resize = ui_help_resize,
};
