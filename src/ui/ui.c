/* ui: the dashboard's main loop: layout, one poll() over the terminal and
 * the engine's wake pipe, timers, key dispatch, painting. Must never block
 * on the network or write to stderr while curses is up. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "text.h"
#include "timefmt.h"
#include "ui.h"
#include "ui_act.h"
#include "ui_confirm.h"
#include "ui_events.h"
#include "ui_form.h"
#include "ui_list.h"
#include "ui_mouse.h"
#include "ui_pane.h"
#include "ui_prompt.h"
#include "ui_term.h"
#include "ui_view.h"
#include "util.h"

/* The loop's own: keys read in one go, whether the cursor is shown. */
struct ui_input {
	int *keys;
	size_t cap;
	bool cursor_on;
};

#define UI_SPIN_SECS 0.1

static void ui_paint(struct ui *ui, struct ui_input *in)
{
	bool cursor = ui_prompt_is_open(ui) && !ui->too_small;

	if (ui->painted_modal && ui->painted_modal != ui->modal) {
		/* An overlay or prompt closed (or gave way to another): start
		 * from a blank screen, so what follows is a fresh redraw. */
		erase();
		ui->dirty |= UI_DIRTY_ALL;
	}
	ui->painted_modal = ui->modal;
	if (!ui->dirty && !ui->view->stale && cursor == in->cursor_on)
		return;      /* nothing changed: the terminal gets nothing */
	ui->now = now_wall();
	if (ui->view->stale)
		ui_view_rebuild(ui);
	if (ui->too_small) {
		if (ui->dirty)
			ui_frame_too_small(ui);
	} else {
		if (ui->dirty & UI_DIRTY_HEAD) {
			ui_frame_header(ui);
			ui_frame_banner(ui);
		}
		if (ui->dirty & UI_DIRTY_LIST)
			ui->list_screen->draw(ui);
		if (ui->dirty & UI_DIRTY_PANE)
			ui->pane_screen->draw(ui);
		if (ui->dirty & UI_DIRTY_FOOT)
			ui_frame_footer(ui);
		if (ui->modal)
			ui->modal->draw(ui);
	}
	if (cursor != in->cursor_on) {
		curs_set(cursor ? 1 : 0);
		in->cursor_on = cursor;
	}
	attrset(A_NORMAL);
	wnoutrefresh(stdscr);
	doupdate();
	if (!ui->too_small)
		ui_pane_links(ui);
	ui->dirty = 0;
}

static void ui_dispatch_key(struct ui *ui, int key)
{
	if (key == UI_FN(KEY_RESIZE)) {
		ui_relayout(ui);
		return;
	}
	if (key == UI_FN(KEY_MOUSE)) {
		ui_mouse_dispatch(ui);
		return;
	}
	if (ui->too_small) {
		if (ui_keys_action(UI_WHERE_BOTH, key) == UI_ACTION_QUIT)
			ui->quit = true;
		return;
	}
	if (ui->modal) {
		ui->modal->key(ui, key);
		return;
	}
	ui_act_key(ui, key);
}

static bool ui_inflight(const struct ui *ui)
{
	return engine_connection(ui->eng)->inflight;
}

/* Nothing on screen counts seconds: every task is finished, no poll is
 * scheduled, no retry counts down. */
static bool ui_is_resting(struct ui *ui)
{
	return engine_counts(ui->eng)->active == 0 && !ui_inflight(ui) &&
	       ui->banner != UI_BANNER_UNREACHABLE && engine_next_poll_in(ui->eng) < 0;
}

/* Seconds until any relative time on screen would change. */
static double ui_tick_wait(struct ui *ui)
{
	const struct entry *e = ui_view_selected(ui);
	int64_t now = now_wall();
	struct timespec ts;
	int wait = 60, w;
	int64_t times[6] = { engine_connection(ui->eng)->last_ok, 0, 0, 0, 0, 0 };
	size_t i;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (ui->resting) {
		/* Ages are drawn to the minute now (ui_age): one wake a minute,
		 * however many timestamps are on screen. */
		return 60.0;
	}
	if (engine_counts(ui->eng)->active > 0 || ui->banner == UI_BANNER_UNREACHABLE ||
	    engine_next_poll_in(ui->eng) >= 0)
		return 1.0 - ts.tv_nsec / 1e9;
	if (e) {
		times[1] = e->added;
		times[2] = e->fetched;
		if (e->task) {
			times[3] = e->task->submit_time;
			times[4] = e->task->start_time;
			times[5] = e->task->finish_time;
		}
	}
	for (i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		if (!times[i])
			continue;
		w = timefmt_age_next_change(now - times[i] >= 0 ? now - times[i] : 0);
		if (w >= 1 && w < wait)
			wait = w;
	}
	return wait - ts.tv_nsec / 1e9;
}

/* Reads every key already waiting, then dispatches them; knowing how many
 * follow lets a pasted newline in the add prompt act as a separator. */
static void ui_read_keys(struct ui *ui, struct ui_input *in)
{
	size_t n = 0, i;
	wint_t ch;
	int r;

	while ((r = get_wch(&ch)) != ERR) {
		ui->paint_held = false;      /* a key is answered at once */
		if (n == in->cap) {
			in->cap = in->cap ? in->cap * 2 : 256;
			in->keys = xrealloc(in->keys, in->cap * sizeof(*in->keys));
		}
		in->keys[n++] = r == KEY_CODE_YES ? UI_FN((int)ch) : (int)ch;
		if (r == KEY_CODE_YES && ch == KEY_MOUSE)
			ui_mouse_take(ui);
	}
	for (i = 0; i < n && !ui->quit; i++) {
		ui->keys_left = n - i - 1;
		ui_dispatch_key(ui, in->keys[i]);
	}
	ui->keys_left = 0;
	if (in->cap > 4096) {
		/* A huge paste: give the memory back. */
		free(in->keys);
		in->keys = NULL;
		in->cap = 0;
	}
}

static void ui_check_size(struct ui *ui)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
	    (ws.ws_row != LINES || ws.ws_col != COLS))
		resize_term(ws.ws_row, ws.ws_col);
	ui_relayout(ui);
}

struct ui_timers {
	double spin, tick;
};

/* Milliseconds until the next deadline, -1 when nothing is due. */
static int ui_timeout(struct ui *ui, const struct ui_timers *t)
{
	double now = now_mono(), next = -1, d;
	double due[4] = { ui_inflight(ui) ? t->spin : 0, t->tick, engine_due(ui->eng), ui->msg_until };
	size_t i;

	for (i = 0; i < 4; i++)
		if (due[i] > 0 && (next < 0 || due[i] < next))
			next = due[i];
	if (next < 0)
		return -1;
	d = (next - now) * 1000.0;
	if (d <= 0)
		return 0;
	return d > 600000 ? 600000 : (int)d + 1;
}

static void ui_run_timers(struct ui *ui, struct ui_timers *t)
{
	double now = now_mono();

	if (ui_inflight(ui) && now >= t->spin) {
		ui->spin++;
		t->spin = now + UI_SPIN_SECS;
		ui->dirty |= UI_DIRTY_HEAD;
		ui->paint_held = false;
	}
	if (now >= t->tick) {
		ui->paint_held = false;
		ui->dirty |= UI_DIRTY_HEAD | UI_DIRTY_LIST | UI_DIRTY_PANE;
		t->tick = now + ui_tick_wait(ui);
	}
	engine_run_due(ui->eng);
	if (ui->msg_until > 0 && now >= ui->msg_until) {
		ui->msg_until = 0;
		ui->msg[0] = '\0';
		ui->dirty |= UI_DIRTY_FOOT;
	}
}

static void ui_loop(struct ui *ui)
{
	struct ui_input in = { NULL, 0, false };
	struct ui_timers timers = { 0, 0 };
	struct pollfd fds[2];
	bool was_inflight = false, rest, started = false;

	while (!ui->quit && !ui_term_take_quit()) {
		if (ui_inflight(ui) && !was_inflight)
			timers.spin = now_mono() + UI_SPIN_SECS;
		was_inflight = ui_inflight(ui);
		rest = ui_is_resting(ui);
		if (ui->resting != rest) {
			/* Clocks change pace: seconds again, or minutes from now. */
			ui->resting = rest;
			ui->dirty |= UI_DIRTY_HEAD | UI_DIRTY_PANE;
			timers.tick = rest ? now_mono() + 60.0 : now_mono();
		}
		if (!ui->paint_held)
			ui_paint(ui, &in);
		if (!started) {
			/* A long list's first round of answers would compete
			 * with the first frame for the processors. */
			engine_start(ui->eng);
			started = true;
		}
		fds[0] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		fds[1] = (struct pollfd){ .fd = engine_fd(ui->eng), .events = POLLIN };
		if (poll(fds, 2, ui_timeout(ui, &timers)) < 0 && errno != EINTR)
			break;
		if (fds[1].revents)
			ui_events_pump(ui);
		if (ui_term_take_cont()) {
			/* Back from ^Z: the shell may have changed the terminal. */
			ui_term_paste_set(true);
			clearok(curscr, TRUE);
			ui->dirty |= UI_DIRTY_ALL;
		}
		if (ui_term_take_winch())
			ui_check_size(ui);
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break;       /* the terminal is gone */
		ui_read_keys(ui, &in);
		ui_run_timers(ui, &timers);
	}
	if (engine_submit_busy(ui->eng)) {
		/* Quitting joins the submit thread; its answer says whether a
		 * paid task was made, so it is waited for, and the user told. */
		ui_message(ui, UI_ROLE_FAILED, 60, "waiting for the submit to be answered before quitting "
			   "(the task may already exist)");
		ui_paint(ui, &in);
	}
	free(in.keys);
}

void ui_setup(struct ui *ui, const struct options *o, struct engine *eng, bool ascii)
{
	memset(ui, 0, sizeof(*ui));
	ui->o = o;
	ui->eng = eng;
	ui->tl = engine_tasks(eng);
	ui->style.ascii = ascii;
	ui->list_screen = &ui_list_screen;
	ui->pane_screen = &ui_pane_screen;
	ui->focus = &ui_list_screen;
	ui->view = ui_view_new();
	ui->view->stale = true;
	ui->pane = ui_pane_new();
	ui->prompt = ui_prompt_new();
	ui->confirm = ui_confirm_new();
}

void ui_teardown(struct ui *ui)
{
	ui_view_free(ui->view);
	ui_pane_free(ui->pane);
	ui_prompt_free(ui->prompt);
	ui_confirm_free(ui->confirm);
	ui_form_free(ui);
	ui_mouse_free(ui);
	ui->view = NULL;
	ui->pane = NULL;
	ui->prompt = NULL;
	ui->confirm = NULL;
}

int ui_run(const struct options *o, struct api *api, struct store *store,
	   struct tasklist *tl, const char *startup_msg)
{
	struct ui ui;
	struct engine_config ec = {
		.o = o,
		.api = api,
		.store = store,
		.tl = tl,
		.view = &ui_events_view,
		.ctx = &ui,
		.notify = true,
		.ring = stdout,
		.downloads = true,
		.auto_download = o->auto_download,
	};
	bool ascii = o->ascii || !ui_term_utf8();
	struct engine *eng;
	SCREEN *scr;
	char *err = NULL;
	int rc = 0;

	ec.text_flags = ui_term_utf8() ? 0 : TEXT_ASCII;
	eng = engine_new(&ec, &err);
	ui_setup(&ui, o, eng, ascii);
	ui.style.text_flags = ec.text_flags;
	ui.host = api_host(api);
	ui_term_signals_install(engine_wake_fd(ui.eng));
	scr = ui_term_start();
	if (!scr) {
		ui_term_signals_restore();
		engine_free(ui.eng);
		ui_teardown(&ui);
		free(err);
		fprintf(stderr, "sunotop: cannot start the terminal interface (TERM=%s)\n",
			getenv("TERM") ? getenv("TERM") : "unset");
		return 2;
	}

	if (o->mouse && ui_mouse_start(&ui))
		ui_term_mouse_on();
	ui.style.color = o->color != COLOR_NEVER && has_colors();
	ui.style.links = ui_term_hyperlinks();
	ui_draw_init_colors(&ui.style);
	engine_begin(ui.eng);       /* the workers start after the first frame */
	ui_relayout(&ui);
	if (err) {
		ui_message(&ui, UI_ROLE_FAILED, 15, "--on-complete is not used: %s", err);
		free(err);
		err = NULL;
	}
	if (startup_msg) {
		char clean[400];
		text_sanitize_buf(startup_msg, ui.style.text_flags, clean, sizeof(clean));
		ui_message(&ui, UI_ROLE_FAILED, 20, "%s", clean);
	}
	log_write("dashboard started with %zu tasks", tasklist_count(tl));

	ui_loop(&ui);

	/* Shutdown: stop and join the workers, apply what they left, save,
	 * then hand the terminal back. */
	if (engine_stop(ui.eng, &err) < 0)
		rc = 2;         /* a file problem, not a failed task */
	ui_term_end();
	util_set_die_hook(NULL);
	delscreen(scr);
	ui_term_signals_restore();
	engine_free(ui.eng);
	ui_teardown(&ui);
	if (err) {
		char clean[400];
		text_sanitize_buf(err, 0, clean, sizeof(clean));
		fprintf(stderr, "sunotop: cannot save the task list: %s\n", clean);
		free(err);
	}
	log_write("dashboard stopped");
	/* Ended by a signal (after saving): 128 + its number, as scripts do. */
	return rc ? rc : ui_term_take_quit() ? 128 + ui_term_take_quit() : 0;
}
