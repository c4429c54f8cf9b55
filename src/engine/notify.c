#include "config.h"
/* notify: bell and desktop-notification bytes, the --on-complete command,
 * opening URLs, clipboard bytes. Must never run a shell or let server text
 * reach an argument vector or a terminal unsanitized. */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "notify.h"
#include "text.h"
#include "util.h"

#define NOTIFY_TEXT_COLS 80
#define NOTIFY_MAX_KIDS 4        /* --on-complete commands running at once */

extern char **environ;

/* Children we started and have not collected, and the commands waiting
 * for one of them to end. UI or script thread only. */
static pid_t *notify_kids;
static size_t notify_n_kids, notify_cap_kids;

struct notify_job {
	char **words, **env;
	struct notify_job *next;
};
static struct notify_job *notify_queue, **notify_queue_tail = &notify_queue;
static size_t notify_n_queued;

static void notify_words_push(char ***v, size_t *n, char *w)
{
	*v = xrealloc(*v, (*n + 2) * sizeof(**v));
	(*v)[(*n)++] = w;
	(*v)[*n] = NULL;
}

char **notify_split(const char *cmd, char **err)
{
	char **words = NULL;
	size_t n = 0;
	struct strbuf w;
	const char *p = cmd ? cmd : "";
	bool in_word = false;
	char q = 0;

	strbuf_init(&w);
	for (; *p; p++) {
		if (q == '\'') {
			if (*p == '\'')
				q = 0;
			else
				strbuf_addc(&w, *p);
		} else if (q == '"') {
			if (*p == '"')
				q = 0;
			else if (*p == '\\' && p[1] && strchr("\"\\$`", p[1]))
				strbuf_addc(&w, *++p);
			else
				strbuf_addc(&w, *p);
		} else if (*p == ' ' || *p == '\t' || *p == '\n') {
			if (in_word)
				notify_words_push(&words, &n, strbuf_detach(&w));
			in_word = false;
			continue;
		} else if (*p == '\'' || *p == '"') {
			q = *p;
		} else if (*p == '\\' && p[1]) {
			strbuf_addc(&w, *++p);
		} else {
			strbuf_addc(&w, *p);
		}
		in_word = true;
	}
	if (q) {
		*err = xasprintf("unterminated %s quote in the command", q == '"' ? "double" : "single");
		strbuf_release(&w);
		notify_free_words(words);
		return NULL;
	}
	if (in_word)
		notify_words_push(&words, &n, strbuf_detach(&w));
	strbuf_release(&w);
	if (!n) {
		*err = xstrdup("the command is empty");
		return NULL;
	}
	return words;
}

void notify_free_words(char **words)
{
	size_t i;

	for (i = 0; words && words[i]; i++)
		free(words[i]);
	free(words);
}

/* The environment for a child: ours without any SUNOTOP_* variable, plus
 * the task's. The values are the server's text exactly; they are data in
 * the environment, never part of a command line. */
static char **notify_env(const struct task *t)
{
	char **env = NULL;
	size_t n = 0, i;
	const char *audio;

	for (i = 0; environ && environ[i]; i++)
		if (strncmp(environ[i], "SUNOTOP_", 8) != 0)
			notify_words_push(&env, &n, xstrdup(environ[i]));
	if (t) {
		audio = task_first_audio(t);
		notify_words_push(&env, &n, xasprintf("SUNOTOP_TASK_ID=%s", t->task_id));
		notify_words_push(&env, &n, xasprintf("SUNOTOP_STATUS=%s", task_state_name(t->state)));
		notify_words_push(&env, &n, xasprintf("SUNOTOP_TITLE=%s", task_title(t) ? task_title(t) : ""));
		notify_words_push(&env, &n, xasprintf("SUNOTOP_FAIL_REASON=%s", t->fail_reason ? t->fail_reason : ""));
		notify_words_push(&env, &n, xasprintf("SUNOTOP_AUDIO_URL=%s", audio ? audio : ""));
	}
	if (!env)
		notify_words_push(&env, &n, xstrdup("SUNOTOP_=1"));
	return env;
}

/* A child's descriptors: whatever the program has open (libcurl's sockets
 * and wake-up pair included) stays with the program. Each of ours is
 * close-on-exec already; closing from 3 up in the child covers any a
 * library opened without the flag. */
static void notify_close_extra(posix_spawn_file_actions_t *fa)
{
#ifdef HAVE_POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM_NP
	posix_spawn_file_actions_addclosefrom_np(fa, 3);
#else
	(void)fa;
#endif
}

/* Starts one command now. 0 or an errno value. */
static int notify_start(char *const words[], char *const env[], pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, defs;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	notify_close_extra(&fa);
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	sigemptyset(&defs);
	sigaddset(&defs, SIGPIPE);
	sigaddset(&defs, SIGINT);
	sigaddset(&defs, SIGTERM);
	sigaddset(&defs, SIGHUP);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &defs);
	/* Its own process group: ^C meant for us does not reach it, and it
	 * cannot take the terminal away from the dashboard. */
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
				 POSIX_SPAWN_SETPGROUP);
	rc = posix_spawnp(pid, words[0], &fa, &at, words, env);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return rc;
	if (notify_n_kids == notify_cap_kids) {
		notify_cap_kids = notify_cap_kids ? notify_cap_kids * 2 : 8;
		notify_kids = xrealloc(notify_kids, notify_cap_kids * sizeof(*notify_kids));
	}
	notify_kids[notify_n_kids++] = *pid;
	log_write("started %s (pid %ld)", words[0], (long)*pid);
	return 0;
}

static char **notify_copy_words(char *const words[])
{
	char **v = NULL;
	size_t n = 0, i;

	for (i = 0; words[i]; i++)
		notify_words_push(&v, &n, xstrdup(words[i]));
	return v;
}

/* Starts queued commands while there is room; all of them with force. */
static void notify_start_queued(bool force)
{
	struct notify_job *j;
	pid_t pid;
	int rc;

	while (notify_queue && (force || notify_n_kids < NOTIFY_MAX_KIDS)) {
		j = notify_queue;
		notify_queue = j->next;
		if (!notify_queue)
			notify_queue_tail = &notify_queue;
		notify_n_queued--;
		rc = notify_start(j->words, j->env, &pid);
		if (rc != 0)
			log_write("cannot start %s: %s", j->words[0], strerror(rc));
		notify_free_words(j->words);
		notify_free_words(j->env);
		free(j);
	}
}

/* At exit, nothing queued is dropped: what is left starts now. */
static void notify_at_exit(void)
{
	notify_start_queued(true);
}

pid_t notify_spawn(char *const words[], const struct task *t)
{
	static bool exit_hook;
	char **env = notify_env(t);
	struct notify_job *j;
	pid_t pid = -1;
	int rc;

	notify_reap();
	if (notify_n_kids >= NOTIFY_MAX_KIDS) {
		j = xcalloc(1, sizeof(*j));
		j->words = notify_copy_words(words);
		j->env = env;
		*notify_queue_tail = j;
		notify_queue_tail = &j->next;
		notify_n_queued++;
		if (!exit_hook)
			exit_hook = atexit(notify_at_exit) == 0;
		return 0;
	}
	rc = notify_start(words, env, &pid);
	notify_free_words(env);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	return pid;
}

size_t notify_pending(void)
{
	return notify_n_kids + notify_n_queued;
}

void notify_reap(void)
{
	size_t i = 0;
	pid_t r;

	while (i < notify_n_kids) {
		r = waitpid(notify_kids[i], NULL, WNOHANG);
		if (r == 0 || (r < 0 && errno == EINTR)) {
			i++;
			continue;
		}
		notify_kids[i] = notify_kids[--notify_n_kids];
	}
	notify_start_queued(false);
	if (!notify_n_kids) {
		free(notify_kids);
		notify_kids = NULL;
		notify_cap_kids = 0;
	}
}

void notify_wait(double secs)
{
	double end = now_mono() + secs;

	for (;;) {
		notify_reap();
		if (!notify_n_kids && !notify_queue)
			return;
		if (now_mono() >= end) {
			notify_start_queued(true);
			return;
		}
		poll(NULL, 0, 20);
	}
}

char *notify_text(const struct task *t)
{
	const char *title = task_title(t);
	char *raw, *clean, *p, out[NOTIFY_TEXT_COLS * 4 + 8];

	if (t->fail_reason && *t->fail_reason)
		raw = xasprintf("%s: %s (%s)", title && *title ? title : t->task_id,
				task_state_name(t->state), t->fail_reason);
	else
		raw = xasprintf("%s: %s", title && *title ? title : t->task_id,
				task_state_name(t->state));
	clean = text_sanitize(raw, 0);
	/* ';' separates the fields of OSC 777. */
	for (p = clean; *p; p++)
		if (*p == ';')
			*p = ',';
	text_fit(clean, NOTIFY_TEXT_COLS, false, out, sizeof(out));
	free(clean);
	free(raw);
	return xstrdup(out);
}

char *notify_sequence(const struct task *t, bool bell, bool osc)
{
	return notify_sequence_as(t, "", bell, osc);
}

char *notify_sequence_as(const struct task *t, const char *prefix, bool bell, bool osc)
{
	struct strbuf sb;
	char *text;

	strbuf_init(&sb);
	if (bell)
		strbuf_addc(&sb, '\a');
	if (osc) {
		text = notify_text(t);
		strbuf_addf(&sb, "\033]777;notify;sunotop;%s%s\033\\", prefix, text);
		strbuf_addf(&sb, "\033]9;sunotop: %s%s\033\\", prefix, text);
		free(text);
	}
	return strbuf_detach(&sb);
}

char *notify_osc52(const char *text, bool wrap)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(text), i;
	struct strbuf sb;
	const char *esc = wrap ? "\033\033" : "\033";

	strbuf_init(&sb);
	if (wrap)
		strbuf_adds(&sb, "\033Ptmux;");
	strbuf_adds(&sb, esc);
	strbuf_adds(&sb, "]52;c;");
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)(unsigned char)text[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)(unsigned char)text[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)text[i + 2];
		strbuf_addc(&sb, b64[(v >> 18) & 63]);
		strbuf_addc(&sb, b64[(v >> 12) & 63]);
		strbuf_addc(&sb, i + 1 < n ? b64[(v >> 6) & 63] : '=');
		strbuf_addc(&sb, i + 2 < n ? b64[v & 63] : '=');
	}
	strbuf_addc(&sb, '\a');
	if (wrap)
		strbuf_adds(&sb, "\033\\");
	return strbuf_detach(&sb);
}

/* Runs `tmux show-options -gv set-clipboard` (bounded to a second) and
 * reads its one word. */
static bool notify_ask_tmux(void)
{
	char *words[] = { "tmux", "show-options", "-gv", "set-clipboard", NULL };
	posix_spawn_file_actions_t fa;
	struct pollfd pfd;
	char buf[32];
	size_t len = 0;
	ssize_t r;
	double end = now_mono() + 1.0;
	int fds[2], status;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return false;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	notify_close_extra(&fa);
	if (posix_spawnp(&pid, words[0], &fa, NULL, words, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	while (pid > 0 && len < sizeof(buf) - 1 && now_mono() < end) {
		pfd = (struct pollfd){ .fd = fds[0], .events = POLLIN };
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		r = read(fds[0], buf + len, sizeof(buf) - 1 - len);
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fds[0]);
	buf[len] = '\0';
	while (pid > 0 && waitpid(pid, &status, WNOHANG) == 0) {
		if (now_mono() >= end) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		poll(NULL, 0, 10);
	}
	/* "on" takes OSC 52 itself; "external", "off" or no answer: pass it on. */
	return strncmp(buf, "on", 2) != 0 && len > 0;
}

bool notify_tmux_needs_wrap(void)
{
	const char *tmux = getenv("TMUX");

	/* Asked at every copy: the option can change while we run, and a
	 * copy is a key press, not something done in a loop. */
	if (!tmux || !*tmux)
		return false;
	return notify_ask_tmux();
}
