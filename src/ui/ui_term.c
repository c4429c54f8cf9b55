/* ui_term: the terminal under the dashboard: whether $TERM can show it
 * (asked before curses starts), curses started and ended, bracketed paste,
 * signals (quit, resize, stop and continue) and the die() hook that
 * restores the terminal from any thread. Signal handlers only set flags
 * and write a byte to the wake pipe. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "text.h"
#include "ui_keys.h"
#include "ui_term.h"
#include "util.h"
/* Last: its capability macros (bell, lines, ...) would rename our fields. */
#include <term.h>

#define UI_QUIT_SIGS 4
#define UI_PASTE_ON "\033[?2004h"
#define UI_PASTE_OFF "\033[?2004l"

/* Written by signal handlers, read by the loop (ui_term_take_*). */
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

static struct sigaction ui_old_quit[UI_QUIT_SIGS];

bool ui_term_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

bool ui_term_hyperlinks(void)
{
	static const char *const programs[] = { "iTerm.app", "WezTerm", "vscode", "ghostty" };
	static const char *const terms[] = { "foot", "xterm-kitty", "xterm-ghostty", "wezterm" };
	const char *force = getenv("SUNOTOP_HYPERLINKS"), *v;
	const char *term = getenv("TERM") ? getenv("TERM") : "";
	size_t i;

	if (force && *force)
		return strcmp(force, "0") != 0;
	if (getenv("TMUX") || getenv("STY") || strncmp(term, "screen", 6) == 0 ||
	    strncmp(term, "tmux", 4) == 0)
		return false;
	v = getenv("VTE_VERSION");
	if ((v && atoi(v) >= 5000) || getenv("KITTY_WINDOW_ID") || getenv("WT_SESSION"))
		return true;
	v = getenv("TERM_PROGRAM");
	for (i = 0; v && i < sizeof(programs) / sizeof(programs[0]); i++)
		if (strcmp(v, programs[i]) == 0)
			return true;
	for (i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
		if (strncmp(term, terms[i], strlen(terms[i])) == 0)
			return true;
	return false;
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

void ui_term_signals_install(int wake_fd)
{
	struct sigaction *old = ui_old_quit;
	struct sigaction sa;
	int i;

	ui_sig_quit = ui_sig_winch = ui_sig_cont = 0;
	ui_sig_wake_fd = wake_fd;
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

void ui_term_signals_restore(void)
{
	struct sigaction *old = ui_old_quit;
	int i;

	signal(SIGCONT, SIG_DFL);
	sigaction(SIGTSTP, &ui_old_tstp, NULL);
	sigaction(SIGWINCH, &ui_old_winch, NULL);
	for (i = 0; i < UI_QUIT_SIGS; i++)
		sigaction(ui_quit_sigs[i], &old[i], NULL);
	ui_sig_wake_fd = -1;
}

void ui_term_paste_set(bool on)
{
	/* Bracketed paste: a pasted newline then cannot submit the add prompt. */
	const char *seq = on ? UI_PASTE_ON : UI_PASTE_OFF;

	if (write(STDOUT_FILENO, seq, strlen(seq)) < 0) {
		/* The terminal is gone; nothing to restore. */
	}
	ui_paste_mode = on;
}

void ui_term_end(void)
{
	if (!ui_curses_up)
		return;
	ui_curses_up = false;
	if (ui_paste_mode)
		ui_term_paste_set(false);
	curs_set(1);
	endwin();
}

/* die() restores the terminal before it prints. On the UI thread curses
 * does it; on another (the worker running out of memory) curses may be in
 * the middle of a call, so the saved modes and bytes are put back by hand. */
static void ui_die_hook(void)
{
	if (pthread_equal(pthread_self(), ui_thread)) {
		ui_term_end();
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

/* Reporting on: die() on another thread must turn it off too (curses'
 * endwin does on this one). */
void ui_term_mouse_on(void)
{
	ui_leave_add("\033[?1006l\033[?1002l\033[?1000l");
}

SCREEN *ui_term_start(void)
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
	define_key("\033[200~", UI_KEY_PASTE_BEGIN);
	define_key("\033[201~", UI_KEY_PASTE_END);
	fflush(stdout);
	ui_term_paste_set(true);
	ui_signals_after_curses();
	return scr;
}


int ui_term_take_quit(void)
{
	return ui_sig_quit;
}

bool ui_term_take_winch(void)
{
	bool was = ui_sig_winch;

	ui_sig_winch = 0;
	return was;
}

bool ui_term_take_cont(void)
{
	bool was = ui_sig_cont;

	ui_sig_cont = 0;
	return was;
}

#define UI_TERM_INSTEAD "; use --once or --watch for line-by-line output, " \
	"or a terminal such as TERM=xterm-256color"

/* Why the terminal named `shown` will not do, or NULL. Loads its terminfo
 * entry only for the question and unloads it again. */
static char *ui_term_lookup(const char *term, const char *shown)
{
	TERMINAL *before = cur_term;
	char *why = NULL;
	const char *cup;
	int err = 0;

	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		if (err == -1)
			return xasprintf("no terminfo database to look up TERM=%s in" UI_TERM_INSTEAD, shown);
		return xasprintf("unknown terminal type TERM=%s (no terminfo entry)" UI_TERM_INSTEAD, shown);
	}
	/* A terminal that cannot move the cursor (dumb, a printing terminal,
	 * an editor's shell buffer) would get the screen as a stream of
	 * overwritten lines. */
	cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1)
		why = xasprintf("the terminal TERM=%s cannot move the cursor, which the dashboard needs"
				UI_TERM_INSTEAD, shown);
	del_curterm(cur_term);
	set_curterm(before);
	return why;
}

char *ui_term_unusable(void)
{
	const char *term = getenv("TERM");
	char *shown, *why;

	if (!term || !*term)
		return xstrdup("TERM is not set, so the kind of terminal is unknown" UI_TERM_INSTEAD);
	shown = text_sanitize(term, TEXT_ASCII);
	why = ui_term_lookup(term, shown);
	free(shown);
	return why;
}
