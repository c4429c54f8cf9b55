#include "config.h"
/* script_guard: --timeout and a standard output that went away. Quiet when
 * the reader of a pipe stops reading: that is how `| head` ends a run. */

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "script_guard.h"
#include "util.h"

void guard_init(struct script_guard *g, int timeout, bool once, FILE *out)
{
	memset(g, 0, sizeof(*g));
	g->timeout = timeout > 0 ? timeout : once ? SCRIPT_ONCE_TIMEOUT : 0;
	g->deadline = g->timeout ? now_mono() + g->timeout : 0;
	g->out_fd = fileno(out);
}

void guard_pollfd(const struct script_guard *g, struct pollfd *pfd)
{
	/* No events asked: a pipe whose reader is gone reports POLLERR, a
	 * terminal or a file never does. */
	pfd->fd = g->out_fd;
	pfd->events = 0;
	pfd->revents = 0;
}

double guard_left(const struct script_guard *g)
{
	return g->deadline ? g->deadline - now_mono() : 1e12;
}

bool guard_expired(const struct script_guard *g)
{
	return g->deadline && guard_left(g) <= 0;
}

int guard_poll_ms(const struct script_guard *g, int max_ms)
{
	double left;

	if (!g->deadline)
		return max_ms;
	left = guard_left(g);
	if (left <= 0)
		return 0;
	if (left > 3600)
		left = 3600;
	if (max_ms >= 0 && left * 1000 > max_ms)
		return max_ms;
	return (int)(left * 1000) + 1;
}

const char *guard_give_up(struct script_guard *g, FILE *err, double retry_after)
{
	double left = guard_left(g);

	if (left < 0)
		left = 0;
	if (retry_after > left) {
		fprintf(err, "sunotop: the server asked to wait %.0f s, longer than the %.0f s left "
			"of --timeout %d s; giving up\n", retry_after, left, g->timeout);
		snprintf(g->why, sizeof(g->why),
			 "no answer within --timeout %d s: the server asked to wait %.0f s",
			 g->timeout, retry_after);
	} else {
		snprintf(g->why, sizeof(g->why), "no answer within --timeout %d s", g->timeout);
		fprintf(err, "sunotop: %s%s; giving up\n", g->why,
			left > 0 ? " (the next attempt would come after it)" : "");
	}
	return g->why;
}

/* A pipe or socket whose write failed lost its reader; anything else (a
 * file, a full disk, a device) is a real write error. */
static bool guard_is_pipe(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

bool guard_out_broken(struct script_guard *g, FILE *out, short revents)
{
	if (g->out_gone || g->out_errno)
		return true;
	if (revents & POLLERR) {
		g->out_gone = true;
		return true;
	}
	errno = 0;
	if (fflush(out) == 0 && !ferror(out))
		return false;
	if (errno == EPIPE || (errno == 0 && guard_is_pipe(g->out_fd)))
		g->out_gone = true;
	else
		g->out_errno = errno ? errno : EIO;
	return true;
}

int guard_out_status(const struct script_guard *g, FILE *err)
{
	if (g->out_errno) {
		fprintf(err, "sunotop: cannot write the output: %s\n", strerror(g->out_errno));
		return SCRIPT_OUT_FAILED;
	}
	return SCRIPT_OUT_GONE;
}
