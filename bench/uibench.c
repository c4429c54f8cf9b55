/* uibench: the dashboard's work per key press and per redraw over N tracked
 * tasks, driven directly through the ui modules for bench/run.sh (which
 * counts instructions under callgrind). Not part of the program or check. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options.h"
#include "taskjson.h"
#include "tasklist.h"
#include "engine.h"
#include "ui.h"
#include "ui_act.h"
#include "ui_view.h"
#include "util.h"

#define UIBENCH_NOINLINE __attribute__((noinline))

static struct task *uibench_sample(const char *srcdir, const char *name)
{
	char *path = xasprintf("%s/tests/data/%s", srcdir, name);
	struct strbuf sb;
	struct reply r;
	struct task *t;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		die("cannot read %s", path);
	strbuf_init(&sb);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, n);
	fclose(f);
	reply_parse(200, sb.buf, sb.len, NULL, false, &r);
	if (r.cls != REPLY_OK || r.n_tasks != 1)
		die("%s is not one task", path);
	t = r.tasks[0];
	r.tasks[0] = NULL;
	reply_free(&r);
	strbuf_release(&sb);
	free(path);
	return t;
}

/* N tasks like bench/run.sh's fake server makes: half finished (every 20th
 * of those failed), half running, every one with its clips. */
static struct tasklist *uibench_tasks(const char *srcdir, size_t n)
{
	struct task *ok = uibench_sample(srcdir, "get-success-music.json");
	struct task *run = uibench_sample(srcdir, "get-in-progress.json");
	struct task *bad = uibench_sample(srcdir, "get-failure.json");
	struct tasklist *tl = tasklist_new();
	int64_t now = now_wall();
	size_t i;

	for (i = 0; i < n; i++) {
		char id[32];
		struct task *t;

		snprintf(id, sizeof(id), "syn-%06zu", i + 1);
		t = task_clone(i % 2 ? run : (i / 2) % 20 == 19 ? bad : ok);
		free(t->task_id);
		t->task_id = xstrdup(id);
		t->submit_time = now - 600 + (int64_t)(i % 500);
		tasklist_add(tl, id, now - (int64_t)(n - i));
		tasklist_update(tl, t, now);
	}
	task_free(ok);
	task_free(run);
	task_free(bad);
	return tl;
}

/* What ui.c's paint does for the list, pane and footer. */
static void uibench_paint(struct ui *ui)
{
	ui->now = now_wall();
	if (ui->view->stale)
		ui_view_rebuild(ui);
	if (ui->dirty & UI_DIRTY_LIST)
		ui->list_screen->draw(ui);
	if (ui->dirty & UI_DIRTY_PANE)
		ui->pane_screen->draw(ui);
	if (ui->dirty & UI_DIRTY_FOOT)
		ui_frame_footer(ui);
	wnoutrefresh(stdscr);
	doupdate();
	ui->dirty = 0;
}

/* The measured actions: callgrind collects inside these only. */
UIBENCH_NOINLINE void bench_op_redraw(struct ui *ui)
{
	ui->dirty |= UI_DIRTY_LIST | UI_DIRTY_PANE | UI_DIRTY_FOOT;
	uibench_paint(ui);
}

UIBENCH_NOINLINE void bench_op_move(struct ui *ui, int key)
{
	ui_act_key(ui, key);
	uibench_paint(ui);
}

UIBENCH_NOINLINE void bench_op_sort(struct ui *ui)
{
	ui_act_key(ui, 's');
	uibench_paint(ui);
}

UIBENCH_NOINLINE void bench_op_filter(struct ui *ui, const char *text)
{
	ui_view_set_filter(ui, text);
	uibench_paint(ui);
}

static double uibench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *srcdir = getenv("SRCDIR");
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
	int reps = argc > 2 ? atoi(argv[2]) : 20, i;
	struct options o;
	struct tasklist *tl;
	struct ui ui;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr;
	double t0, t[4];

	if (!srcdir || !out || !in)
		die("usage: SRCDIR=... uibench N [REPS]");
	setenv("LINES", "50", 1);
	setenv("COLUMNS", "160", 1);
	scr = newterm("xterm-256color", out, in);
	if (!scr)
		die("no terminfo entry for xterm-256color");
	options_init(&o);
	tl = uibench_tasks(srcdir, n);
	{
		struct engine_config ec = { .o = &o, .tl = tl };
		char *err = NULL;
		struct engine *eng = engine_new(&ec, &err);

		free(err);
		ui_setup(&ui, &o, eng, false);
	}
	ui_relayout(&ui);
	uibench_paint(&ui);

	t0 = uibench_now();
	for (i = 0; i < reps; i++)
		bench_op_redraw(&ui);
	t[0] = uibench_now() - t0;
	t0 = uibench_now();
	for (i = 0; i < reps; i++)
		bench_op_move(&ui, i % 2 ? 'k' : 'j');
	t[1] = uibench_now() - t0;
	t0 = uibench_now();
	for (i = 0; i < reps; i++)
		bench_op_sort(&ui);
	t[2] = uibench_now() - t0;
	t0 = uibench_now();
	for (i = 0; i < reps; i++)
		bench_op_filter(&ui, i % 2 ? NULL : "salsa");
	t[3] = uibench_now() - t0;
	printf("tasks %zu reps %d us/op redraw %.1f move %.1f sort %.1f filter %.1f\n", n, reps,
	       t[0] * 1e6 / reps, t[1] * 1e6 / reps, t[2] * 1e6 / reps, t[3] * 1e6 / reps);

	endwin();
	delscreen(scr);
	engine_free(ui.eng);
	ui_teardown(&ui);
	tasklist_free(tl);
	options_free(&o);
	fclose(out);
	fclose(in);
	return 0;
}
