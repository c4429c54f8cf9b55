/* ui: the dashboard's main loop: curses set-up and teardown, signals, one
 * poll() over the terminal and the worker's queue, timers, painting. Must
 * never block on the network or write to stderr while curses is up. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "notify.h"
#include "text.h"
#include "timefmt.h"
#include "ui.h"
#include "ui_act.h"
#include "ui_dl.h"
#include "ui_list.h"
#include "ui_pane.h"
#include "ui_prompt.h"
#include "util.h"

#define UI_SPIN_SECS 0.1

#define UI_QUIT_SIGS 4
#define UI_PASTE_ON "\033[?2004h"
#define UI_PASTE_OFF "\033[?2004l"

/* Written by signal handlers, read by the loop. */
static volatile sig_atomic_t ui_sig_quit, ui_sig_winch, ui_sig_cont;
static int ui_sig_wake_fd = -1;
static struct sigaction ui_old_winch;
static struct sigaction ui_old_tstp;   /* curses' own SIGTSTP handler */
static bool ui_curses_up;
static bool ui_paste_mode;

/* For die() on another thread, which must not call curses: the terminal
 * modes from before curses and the bytes that leave its screen, both kept
 * by the UI thread at start. */
static pthread_t ui_thread;
static struct termios ui_saved_tio;
static bool ui_saved_tio_ok;
static char ui_leave_seq[256];

void ui_relayout(struct ui *ui)
{
	int rows = LINES, cols = COLS, y = 1, avail, pw, lh;

	ui->too_small = rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
	ui->r_head = (struct ui_rect){ 0, 0, 1, cols };
	ui->r_banner = (struct ui_rect){ 1, 0, ui->banner != UI_BANNER_NONE, cols };
	y += ui->r_banner.h;
	ui->r_msg = (struct ui_rect){ rows - 2, 0, 1, cols };
	ui->r_hint = (struct ui_rect){ rows - 1, 0, 1, cols };
	avail = rows - 2 - y;
	if (avail < 0)
		avail = 0;
	if (cols >= 120) {
		/* Wide: details to the right of the list. */
		pw = cols >= 170 ? cols * 2 / 5 : 48;
		ui->pane_right = true;
		ui->r_list = (struct ui_rect){ y, 0, avail, cols - pw };
		ui->r_pane = (struct ui_rect){ y, cols - pw, avail, pw };
	} else {
		lh = avail >= 8 ? avail / 2 + 1 : avail;
		ui->pane_right = false;
		ui->r_list = (struct ui_rect){ y, 0, lh, cols };
		ui->r_pane = (struct ui_rect){ y + lh, 0, avail - lh, cols };
	}
	ui->pane_shown = ui->r_pane.h >= 2;
	if (!ui->pane_shown && ui->focus == &ui_pane_screen)
		ui->focus = &ui_list_screen;
	ui_list_screen.resize(ui);
	ui_pane_screen.resize(ui);
	if (ui->modal)
		ui->modal->resize(ui);
	erase();
	ui->dirty |= UI_DIRTY_ALL;
}

static void ui_paint(struct ui *ui)
{
	bool cursor = ui->modal == &ui_prompt_screen && !ui->too_small;

	if (!ui->dirty && !ui->view.stale && cursor == ui->cursor_on)
		return;      /* nothing changed: the terminal gets nothing */
	ui->now = now_wall();
	if (ui->view.stale)
		ui_view_rebuild(ui);
	if (ui->too_small) {
		if (ui->dirty)
			ui_draw_too_small(ui);
	} else {
		if (ui->dirty & UI_DIRTY_HEAD) {
			ui_draw_header(ui);
			ui_draw_banner(ui);
		}
		if (ui->dirty & UI_DIRTY_LIST)
			ui_list_screen.draw(ui);
		if (ui->dirty & UI_DIRTY_PANE)
			ui_pane_screen.draw(ui);
		if (ui->dirty & UI_DIRTY_FOOT)
			ui_draw_footer(ui);
		if (ui->modal)
			ui->modal->draw(ui);
	}
	if (cursor != ui->cursor_on) {
		curs_set(cursor ? 1 : 0);
		ui->cursor_on = cursor;
	}
	attrset(A_NORMAL);
	wnoutrefresh(stdscr);
	doupdate();
	ui->dirty = 0;
}

static void ui_dispatch_key(struct ui *ui, int key)
{
	if (key == UI_FN(KEY_RESIZE)) {
		ui_relayout(ui);
		return;
	}
	if (ui->too_small) {
		if (key == 'q')
			ui->quit = true;
		return;
	}
	if (ui->modal) {
		ui->modal->key(ui, key);
		return;
	}
	if (!ui->focus->key(ui, key))
		ui_act_global_key(ui, key);
}

bool ui_input_pending(struct ui *ui)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	if (ui->keys_left > 0)
		return true;
	/* A paste split across reads: the rest follows within milliseconds. */
	return poll(&pfd, 1, 15) > 0 && (pfd.revents & POLLIN);
}

/* Nothing on screen counts seconds: every task is finished, no poll is
 * scheduled, no retry counts down. */
static bool ui_is_resting(struct ui *ui)
{
	return ui->n_active == 0 && !ui->inflight && ui->banner != UI_BANNER_UNREACHABLE &&
	       (ui->paused || poller_next_in(ui->poller) < 0);
}

/* Seconds until any relative time on screen would change. */
static double ui_tick_wait(struct ui *ui)
{
	const struct entry *e = ui_view_selected(ui);
	int64_t now = now_wall();
	struct timespec ts;
	int wait = 60, w;
	int64_t times[6] = { ui->last_ok, 0, 0, 0, 0, 0 };
	size_t i;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (ui->resting) {
		/* Ages are drawn to the minute now (ui_age): one wake a minute,
		 * however many timestamps are on screen. */
		return 60.0;
	}
	if (ui->n_active > 0 || ui->banner == UI_BANNER_UNREACHABLE ||
	    (!ui->paused && poller_next_in(ui->poller) >= 0))
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

static bool ui_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static void ui_wake(void)
{
	char c = 's';

	if (ui_sig_wake_fd >= 0 && write(ui_sig_wake_fd, &c, 1) < 0) {
		/* EAGAIN: the loop is already woken. */
	}
}

static void ui_on_quit_signal(int sig)
{
	int saved = errno;

	ui_sig_quit = sig;
	ui_wake();
	errno = saved;
}

static void ui_on_cont(int sig)
{
	int saved = errno;

	ui_sig_cont = 1;
	ui_wake();
	errno = saved;
}

/* ^Z: hand the shell a terminal without bracketed paste, then let curses'
 * own handler leave curses mode and stop us; SIGCONT turns it back on. */
static void ui_on_tstp(int sig)
{
	static const char off[] = UI_PASTE_OFF;
	int saved = errno;

	if (ui_paste_mode && write(STDOUT_FILENO, off, sizeof(off) - 1) < 0) {
		/* Nothing to do about a terminal that is gone. */
	}
	if (!(ui_old_tstp.sa_flags & SA_SIGINFO) && ui_old_tstp.sa_handler != SIG_DFL &&
	    ui_old_tstp.sa_handler != SIG_IGN) {
		ui_old_tstp.sa_handler(sig);
	} else {
		signal(SIGTSTP, SIG_DFL);
		raise(SIGTSTP);
	}
	errno = saved;
}

/* Runs curses' own SIGWINCH handler (which makes getch return KEY_RESIZE)
 * and then wakes the loop, so a resize arriving just before poll() is not
 * left waiting for the next timeout. */
static void ui_on_winch(int sig)
{
	int saved = errno;

	ui_sig_winch = 1;
	if (!(ui_old_winch.sa_flags & SA_SIGINFO) && ui_old_winch.sa_handler != SIG_DFL &&
	    ui_old_winch.sa_handler != SIG_IGN)
		ui_old_winch.sa_handler(sig);
	ui_wake();
	errno = saved;
}

/* Ctrl-\ (SIGQUIT) quits cleanly too: its default would dump core with the
 * terminal still in curses mode. */
static const int ui_quit_sigs[UI_QUIT_SIGS] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void ui_signals_install(struct sigaction old[UI_QUIT_SIGS])
{
	struct sigaction sa;
	int i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = ui_on_quit_signal;
	/* Installed before curses starts, so curses does not put its own
	 * exit-at-once handlers there. */
	for (i = 0; i < UI_QUIT_SIGS; i++)
		sigaction(ui_quit_sigs[i], &sa, &old[i]);
	signal(SIGPIPE, SIG_IGN);
}

static void ui_signals_after_curses(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, NULL, &ui_old_winch);
	sa.sa_handler = ui_on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = ui_on_cont;
	sigaction(SIGCONT, &sa, NULL);
	sigaction(SIGTSTP, NULL, &ui_old_tstp);
	sa.sa_handler = ui_on_tstp;
	sigaction(SIGTSTP, &sa, NULL);
}

static void ui_signals_restore(struct sigaction old[UI_QUIT_SIGS])
{
	int i;

	signal(SIGCONT, SIG_DFL);
	sigaction(SIGTSTP, &ui_old_tstp, NULL);
	sigaction(SIGWINCH, &ui_old_winch, NULL);
	for (i = 0; i < UI_QUIT_SIGS; i++)
		sigaction(ui_quit_sigs[i], &old[i], NULL);
	ui_sig_wake_fd = -1;
}

static void ui_paste_set(bool on)
{
	/* Bracketed paste: a pasted newline then cannot submit the add prompt. */
	const char *seq = on ? UI_PASTE_ON : UI_PASTE_OFF;

	if (write(STDOUT_FILENO, seq, strlen(seq)) < 0) {
		/* The terminal is gone; nothing to restore. */
	}
	ui_paste_mode = on;
}

static void ui_curses_end(void)
{
	if (!ui_curses_up)
		return;
	ui_curses_up = false;
	if (ui_paste_mode)
		ui_paste_set(false);
	curs_set(1);
	endwin();
}

/* die() restores the terminal before it prints. On the UI thread curses
 * does it; on another (the worker running out of memory) curses may be in
 * the middle of a call, so the saved modes and bytes are put back by hand. */
static void ui_die_hook(void)
{
	if (pthread_equal(pthread_self(), ui_thread)) {
		ui_curses_end();
		return;
	}
	if (!ui_curses_up)
		return;
	if (ui_saved_tio_ok)
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &ui_saved_tio);
	if (write(STDOUT_FILENO, ui_leave_seq, strlen(ui_leave_seq)) < 0) {
		/* The terminal is gone; nothing to restore. */
	}
}

/* Appends s (a terminfo string: NULL or -1 when the terminal lacks it) to
 * ui_leave_seq when it fits. */
static void ui_leave_add(const char *s)
{
	size_t have = strlen(ui_leave_seq);

	if (!s || s == (const char *)-1 || have + strlen(s) >= sizeof(ui_leave_seq))
		return;
	memcpy(ui_leave_seq + have, s, strlen(s) + 1);
}

static SCREEN *ui_curses_start(struct ui *ui)
{
	SCREEN *scr;

	ui_thread = pthread_self();
	ui_saved_tio_ok = tcgetattr(STDIN_FILENO, &ui_saved_tio) == 0;
	scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return NULL;
	/* Attributes off, cursor shown, bracketed paste off, main screen. */
	ui_leave_seq[0] = '\0';
	ui_leave_add(tigetstr("sgr0"));
	ui_leave_add(tigetstr("cnorm"));
	ui_leave_add(UI_PASTE_OFF);
	ui_leave_add(tigetstr("rmcup"));
	ui_curses_up = true;
	util_set_die_hook(ui_die_hook);
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	ui->cursor_on = false;
	ui->color = ui->o->color != COLOR_NEVER && has_colors();
	ui_draw_init_colors(ui);
	define_key("\033[200~", UI_KEY_PASTE_BEGIN);
	define_key("\033[201~", UI_KEY_PASTE_END);
	fflush(stdout);
	ui_paste_set(true);
	ui_signals_after_curses();
	return scr;
}

/* Reads every key already waiting, then dispatches them; knowing how many
 * follow lets a pasted newline in the add prompt act as a separator. */
static void ui_read_keys(struct ui *ui)
{
	size_t n = 0, i;
	wint_t ch;
	int r;

	while ((r = get_wch(&ch)) != ERR) {
		ui->paint_held = false;      /* a key is answered at once */
		if (n == ui->keys_cap) {
			ui->keys_cap = ui->keys_cap ? ui->keys_cap * 2 : 256;
			ui->keys = xrealloc(ui->keys, ui->keys_cap * sizeof(*ui->keys));
		}
		ui->keys[n++] = r == KEY_CODE_YES ? UI_FN((int)ch) : (int)ch;
	}
	for (i = 0; i < n && !ui->quit; i++) {
		ui->keys_left = n - i - 1;
		ui_dispatch_key(ui, ui->keys[i]);
	}
	ui->keys_left = 0;
	if (ui->keys_cap > 4096) {
		/* A huge paste: give the memory back. */
		free(ui->keys);
		ui->keys = NULL;
		ui->keys_cap = 0;
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
	double due[4] = { ui->inflight ? t->spin : 0, t->tick, ui->save_due, ui->msg_until };
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

	if (ui->inflight && now >= t->spin) {
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
	if (ui->save_due > 0 && now >= ui->save_due)
		ui_act_save_now(ui);
	if (ui->msg_until > 0 && now >= ui->msg_until) {
		ui->msg_until = 0;
		ui->msg[0] = '\0';
		ui->dirty |= UI_DIRTY_FOOT;
	}
}

static void ui_loop(struct ui *ui)
{
	struct ui_timers timers = { 0, 0 };
	struct pollfd fds[2];
	bool was_inflight = false, rest;

	while (!ui->quit && !ui_sig_quit) {
		if (ui->inflight && !was_inflight)
			timers.spin = now_mono() + UI_SPIN_SECS;
		was_inflight = ui->inflight;
		rest = ui_is_resting(ui);
		if (ui->resting != rest) {
			/* Clocks change pace: seconds again, or minutes from now. */
			ui->resting = rest;
			ui->dirty |= UI_DIRTY_HEAD | UI_DIRTY_PANE;
			timers.tick = rest ? now_mono() + 60.0 : now_mono();
		}
		if (!ui->paint_held)
			ui_paint(ui);
		fds[0] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		fds[1] = (struct pollfd){ .fd = queue_fd(ui->queue), .events = POLLIN };
		if (poll(fds, 2, ui_timeout(ui, &timers)) < 0 && errno != EINTR)
			break;
		if (fds[1].revents)
			queue_drain(ui->queue);
		ui_act_apply_events(ui);
		if (ui_sig_cont) {
			/* Back from ^Z: the shell may have changed the terminal. */
			ui_sig_cont = 0;
			ui_paste_set(true);
			clearok(curscr, TRUE);
			ui->dirty |= UI_DIRTY_ALL;
		}
		if (ui_sig_winch) {
			ui_sig_winch = 0;
			ui_check_size(ui);
		}
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break;       /* the terminal is gone */
		ui_read_keys(ui);
		ui_run_timers(ui, &timers);
		notify_reap();
	}
}

static void ui_free(struct ui *ui)
{
	size_t i;

	for (i = 0; i < ui->n_undo; i++)
		tasklist_entry_free(ui->undo[i]);
	ui->n_undo = 0;
	ui_view_free(&ui->view);
	ui_pane_free(&ui->pane);
	ui_prompt_free(&ui->prompt);
	free(ui->keys);
}

int ui_run(const struct options *o, struct api *api, struct store *store,
	   struct tasklist *tl, const char *startup_msg)
{
	struct ui ui;
	struct sigaction old[UI_QUIT_SIGS];
	struct poller_config pc;
	SCREEN *scr;
	char *err = NULL;
	size_t i, n;
	int rc = 0;

	memset(&ui, 0, sizeof(ui));
	ui.o = o;
	ui.api = api;
	ui.store = store;
	ui.tl = tl;
	ui.ascii = o->ascii || !ui_locale_utf8();
	ui.focus = &ui_list_screen;
	ui.queue = queue_new();
	ui_sig_quit = ui_sig_winch = ui_sig_cont = 0;
	ui_sig_wake_fd = queue_wake_fd(ui.queue);
	ui_signals_install(old);
	scr = ui_curses_start(&ui);
	if (!scr) {
		ui_signals_restore(old);
		queue_free(ui.queue);
		fprintf(stderr, "sunotop: cannot start the terminal interface (TERM=%s)\n",
			getenv("TERM") ? getenv("TERM") : "unset");
		return 2;
	}

	memset(&pc, 0, sizeof(pc));
	pc.api = api;
	pc.queue = ui.queue;
	pc.interval = o->interval > 0 ? o->interval : DEFAULT_INTERVAL;
	pc.seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	ui.poller = poller_start(&pc);
	ui_dl_start(&ui);
	n = tasklist_count(tl);
	for (i = 0; i < n; i++) {
		struct entry *e = tasklist_at(tl, i);
		poller_add(ui.poller, e->id, e->task && e->task->finished);
	}
	ui_act_recount(&ui);
	ui_act_learn_typical(&ui);
	ui.view.stale = true;
	ui_relayout(&ui);
	if (startup_msg) {
		char clean[400];
		text_sanitize_buf(startup_msg, ui.ascii ? TEXT_ASCII : 0, clean, sizeof(clean));
		ui_message(&ui, UI_ROLE_FAILED, 20, "%s", clean);
	}
	log_write("dashboard started with %zu tasks", n);

	ui_loop(&ui);

	/* Shutdown: stop and join the worker, apply what it left, save, then
	 * hand the terminal back. */
	poller_stop(ui.poller);
	ui.poller = NULL;
	download_stop(ui.dl);
	ui.dl = NULL;
	ui_act_apply_events(&ui);
	ui_dl_stop(&ui);
	if (store && store_save(store, tl, &err) < 0)
		rc = 2;         /* a file problem, not a failed task */
	queue_free(ui.queue);
	ui.queue = NULL;
	ui_curses_end();
	util_set_die_hook(NULL);
	delscreen(scr);
	ui_signals_restore(old);
	ui_free(&ui);
	if (err) {
		char clean[400];
		text_sanitize_buf(err, 0, clean, sizeof(clean));
		fprintf(stderr, "sunotop: cannot save the task list: %s\n", clean);
		free(err);
	}
	log_write("dashboard stopped");
	/* Ended by a signal (after saving): 128 + its number, as scripts do. */
	return rc ? rc : ui_sig_quit ? 128 + ui_sig_quit : 0;
}
