/* test_perf: structural guards of the dashboard's cost with many tasks, no
 * timing: a redraw or a move never touches a row off the screen. (That an
 * answer that changes nothing keeps the task and schedules no save is in
 * test_engine.) */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "options.h"
#include "engine.h"
#include "tasklist.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

#define TEST_TASKS 10000

struct test_env {
	struct options o;
	struct tasklist *tl;
	struct ui ui;
	SCREEN *scr;
	FILE *out, *in;
};

static struct task *test_task(const char *id, const char *status, int64_t submit)
{
	struct task *t = task_new(id);

	free(t->status);
	t->status = xstrdup(status);
	free(t->action);
	t->action = xstrdup("MUSIC");
	t->state = task_state_from_status(status, &t->finished);
	t->progress = t->finished ? 100 : 0;
	t->submit_time = submit;
	t->n_clips = 1;
	t->clips = xcalloc(1, sizeof(*t->clips));
	t->clips[0].id = xstrdup("clip-1");
	t->clips[0].title = xasprintf("Song %s", id);
	t->clips[0].status = xstrdup(t->finished ? "complete" : "streaming");
	t->clips[0].duration = -1;
	return t;
}

static int test_setup(void **state)
{
	struct test_env *env = xcalloc(1, sizeof(*env));
	int64_t now = now_wall();
	size_t i;

	env->out = fopen("/dev/null", "w");
	env->in = fopen("/dev/null", "r");
	setenv("LINES", "40", 1);
	setenv("COLUMNS", "120", 1);
	env->scr = env->out && env->in ? newterm("xterm", env->out, env->in) : NULL;
	if (!env->scr)
		return -1;
	options_init(&env->o);
	env->o.bell = env->o.notify = false;   /* nothing may reach stdout (TAP) */
	env->tl = tasklist_new();
	for (i = 0; i < TEST_TASKS; i++) {
		char id[32];

		snprintf(id, sizeof(id), "syn-%06zu", i + 1);
		tasklist_add(env->tl, id, now - TEST_TASKS + (int64_t)i);
		tasklist_update(env->tl, test_task(id, i % 2 ? "IN_PROGRESS" : "SUCCESS",
						   now - 100), now);
	}
	{
		struct engine_config ec = { .o = &env->o, .tl = env->tl };
		char *err = NULL;

		struct engine *eng = engine_new(&ec, &err);

		assert_null(err);
		ui_setup(&env->ui, &env->o, eng, false);
	}
	ui_relayout(&env->ui);
	ui_view_rebuild(&env->ui);
	*state = env;
	return 0;
}

static int test_teardown(void **state)
{
	struct test_env *env = *state;

	endwin();
	delscreen(env->scr);
	fclose(env->out);
	fclose(env->in);
	engine_free(env->ui.eng);
	ui_teardown(&env->ui);
	tasklist_free(env->tl);
	options_free(&env->o);
	free(env);
	return 0;
}

static void test_paint(struct ui *ui)
{
	ui->now = now_wall();
	ui->list_screen->draw(ui);
	ui->pane_screen->draw(ui);
	ui_frame_footer(ui);
	wnoutrefresh(stdscr);
	ui->dirty = 0;
}

/* Screen line y as text (ASCII part is enough for the ids). */
static void test_line(int y, char *buf, int n)
{
	mvinnstr(y, 0, buf, n - 1);
	buf[n - 1] = '\0';
}

/* Rows [first, first + shown) are what the screen can show around the
 * selection; every other row of the view is replaced by a pointer into a
 * page that cannot be read, so touching one ends the test. */
static void test_redraw_touches_visible_rows_only(void **state)
{
	struct test_env *env = *state;
	struct ui *ui = &env->ui;
	struct ui_view *v = ui->view;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), shown, i;
	struct entry **saved;
	void *guard;
	char line[256];

	assert_int_equal(v->n, TEST_TASKS);
	test_paint(ui);     /* places the window: top 0, selection 0 */
	shown = (size_t)ui->r_list.h - 1;
	assert_true(shown > 2 && shown < 100);
	guard = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(guard != MAP_FAILED);
	saved = xmalloc(v->n * sizeof(*saved));
	memcpy(saved, v->rows, v->n * sizeof(*saved));
	for (i = shown; i < v->n; i++)
		v->rows[i] = guard;

	test_paint(ui);
	test_line(ui->r_list.y + 1, line, sizeof(line));
	assert_non_null(strstr(line, "syn-000001"));
	test_line(ui->r_list.y + (int)shown, line, sizeof(line));
	assert_non_null(strstr(line, "syn-0000"));
	/* A move within the window, and back. */
	assert_true(ui->list_screen->act(ui, UI_ACTION_DOWN));
	test_paint(ui);
	assert_int_equal(v->sel, 1);
	assert_string_equal(v->sel_id, "syn-000002");
	assert_true(ui->list_screen->act(ui, UI_ACTION_UP));
	test_paint(ui);
	assert_int_equal(v->top, 0);

	memcpy(v->rows, saved, v->n * sizeof(*saved));
	free(saved);
	munmap(guard, page);
	/* The same at the far end: only the last page of rows is read. */
	assert_true(ui->list_screen->act(ui, UI_ACTION_LAST));
	test_paint(ui);
	assert_int_equal(v->sel, TEST_TASKS - 1);
	assert_int_equal(v->top, TEST_TASKS - shown);
	test_line(ui->r_list.y + (int)shown, line, sizeof(line));
	assert_non_null(strstr(line, "syn-010000"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_redraw_touches_visible_rows_only,
						test_setup, test_teardown),
	};

	return cmocka_run_group_tests_name("perf", tests, NULL, NULL);
}
