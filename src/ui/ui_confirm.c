/* ui_confirm: the y/n question on the message line ("untrack ID? y/n"), a
 * modal screen with its own state; the opener says what the answer does.
 * Any key answers: only y or Y is a yes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui_confirm.h"
#include "util.h"

struct ui_confirm {
	char verb[32];                 /* "untrack " */
	char id[ID_MAX_LEN + 1];
	void (*answer)(struct ui *ui, const char *id, bool yes);
};

static void ui_confirm_resize(struct ui *ui)
{
	ui->dirty |= UI_DIRTY_FOOT;
}

struct ui_confirm *ui_confirm_new(void)
{
	return xcalloc(1, sizeof(struct ui_confirm));
}

void ui_confirm_free(struct ui_confirm *c)
{
	free(c);
}

void ui_confirm_open(struct ui *ui, const char *verb, const char *id,
		     void (*answer)(struct ui *ui, const char *id, bool yes))
{
	struct ui_confirm *c = ui->confirm;

	snprintf(c->verb, sizeof(c->verb), "%s ", verb);
	snprintf(c->id, sizeof(c->id), "%s", id);
	c->answer = answer;
	ui->modal = &ui_confirm_screen;
	ui->dirty |= UI_DIRTY_FOOT;
}

static void ui_confirm_draw(struct ui *ui)
{
	struct ui_pen p;

	if (ui->r_msg.h <= 0)
		return;
	ui_pen_at(&p, ui->r_msg.y, ui->r_msg.x, ui->r_msg.w, 0);
	ui_put(&ui->style, &p, UI_ROLE_FAILED, ui->confirm->verb);
	ui_put(&ui->style, &p, UI_ROLE_LABEL, ui->confirm->id);
	ui_put(&ui->style, &p, UI_ROLE_FAILED, "? y/n");
	ui_pad_to_end(&ui->style, &p, UI_ROLE_NORMAL);
}

static bool ui_confirm_key(struct ui *ui, int key)
{
	ui->modal = NULL;
	ui->dirty |= UI_DIRTY_FOOT;
	ui->confirm->answer(ui, ui->confirm->id, key == 'y' || key == 'Y');
	return true;
}

const struct ui_screen ui_confirm_screen = {
	.name = "confirm",
	.draw = ui_confirm_draw,
	.key = ui_confirm_key,
	.resize = ui_confirm_resize,
};

