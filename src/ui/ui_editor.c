/* ui_editor: $VISUAL / $EDITOR on a temporary file (mode 600, removed
 * after), with curses suspended while it owns the terminal. Must never put
 * the text on a command line or leave a descriptor open in the editor. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "submitreq.h"
#include "ui_editor.h"
#include "ui_term.h"
#include "util.h"

#define UI_EDITOR_MAX (1u << 20)     /* more than any lyrics limit */

const char *ui_editor_command(void)
{
	const char *v = getenv("VISUAL");

	if (!v || !*v)
		v = getenv("EDITOR");
	return v && *v ? v : NULL;
}

static int ui_editor_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
	size_t len = strlen(text), off = 0;

	if (fd < 0)
		return -1;
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	if (len && text[len - 1] != '\n' && write(fd, "\n", 1) != 1) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* What was saved, as the form keeps it: no CR before LF, no trailing
 * newlines. NULL when unreadable, too large or binary. */
static char *ui_editor_read(const char *path)
{
	FILE *f = fopen(path, "re");
	struct strbuf sb;
	char chunk[8192];
	size_t n;
	char *s;

	if (!f)
		return NULL;
	strbuf_init(&sb);
	strbuf_adds(&sb, "");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && sb.len <= UI_EDITOR_MAX)
		strbuf_add(&sb, chunk, n);
	fclose(f);
	if (sb.len > UI_EDITOR_MAX || memchr(sb.buf, '\0', sb.len)) {
		strbuf_release(&sb);
		return NULL;
	}
	s = strbuf_detach(&sb);
	submit_text_tidy(s);
	return s;
}

/* The editor in the foreground, as the shell would run "$EDITOR file":
 * ^C goes to it, not to us, while it runs. */
static int ui_editor_run(const char *editor, const char *path, char **err)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	char *cmd = xasprintf("%s \"$@\"", editor);
	char *argv[] = { (char *)"sh", (char *)"-c", cmd, (char *)editor, (char *)path, NULL };
	int status = 0;
	pid_t pid;

	sigemptyset(&ign.sa_mask);
	/* As git does: the user's command through the shell, the file as "$1".
	 * Between fork and exec only async-signal-safe calls (threads run). */
	pid = fork();
	if (pid == 0) {
		/* the editor gets the terminal and nothing else of ours */
		closefrom(3);
		execv("/bin/sh", argv);
		_exit(127);
	}
	free(cmd);
	if (pid < 0) {
		*err = xasprintf("cannot start the editor: %s", strerror(errno));
		return -1;
	}
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		*err = WIFEXITED(status) && WEXITSTATUS(status) == 127 ?
			xstrdup("the editor could not be run ($VISUAL / $EDITOR)") :
			xstrdup("the editor failed; the text is unchanged");
		return -1;
	}
	return 0;
}

int ui_editor_edit(char **text, char **err)
{
	const char *editor = ui_editor_command();
	const char *tmpdir = getenv("TMPDIR");
	char *path, *got;
	int fd, rc;

	*err = NULL;
	if (!editor) {
		*err = xstrdup("no editor: set VISUAL or EDITOR");
		return -1;
	}
	path = xasprintf("%s/sunotop-lyrics-XXXXXX.txt", tmpdir && *tmpdir ? tmpdir : "/tmp");
	fd = mkstemps(path, 4);
	if (fd < 0 || fchmod(fd, 0600) < 0) {
		*err = xasprintf("cannot make a temporary file for the editor: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		return -1;
	}
	close(fd);
	if (ui_editor_write(path, *text ? *text : "") < 0) {
		*err = xasprintf("cannot write %s: %s", path, strerror(errno));
		unlink(path);
		free(path);
		return -1;
	}
	/* Curses off while the editor owns the terminal; the caller repaints. */
	def_prog_mode();
	ui_term_paste_set(false);
	endwin();
	rc = ui_editor_run(editor, path, err);
	reset_prog_mode();
	ui_term_paste_set(true);
	clearok(curscr, TRUE);
	refresh();
	if (rc == 0) {
		got = ui_editor_read(path);
		if (!got) {
			*err = xstrdup("the edited text is not text (binary, or over 1 MiB); unchanged");
			rc = -1;
		} else {
			free(*text);
			*text = got;
		}
	}
	unlink(path);
	free(path);
	return rc;
}
