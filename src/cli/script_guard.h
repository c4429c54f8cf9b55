/* script_guard: the limits of a --once/--watch run that do not depend on
 * the API: an overall deadline (--timeout) and a standard output whose
 * reader has gone (`| head -1`). Script thread only. */
#ifndef SUNOTOP_SCRIPT_GUARD_H
#define SUNOTOP_SCRIPT_GUARD_H

#include <poll.h>
#include <stdbool.h>
#include <stdio.h>

#define SCRIPT_ONCE_TIMEOUT 120     /* --once without --timeout: seconds */
#define SCRIPT_OUT_GONE 141         /* exit status: as if killed by SIGPIPE */
#define SCRIPT_OUT_FAILED 4         /* exit status: standard output unwritable */

struct script_guard {
	int timeout;                /* seconds, 0 = none */
	double deadline;            /* monotonic, 0 = none */
	int out_fd;
	bool out_gone;              /* the reader went away (EPIPE, POLLERR) */
	int out_errno;              /* another write error on the output */
	char why[160];              /* the reason given by guard_give_up */
};

/* timeout: --timeout (0 = not given); once picks the default. */
void guard_init(struct script_guard *g, int timeout, bool once, FILE *out);
/* Fills pfd to watch the output for its reader going away. */
void guard_pollfd(const struct script_guard *g, struct pollfd *pfd);
/* poll() timeout: until the deadline, at most max_ms (-1: no cap). */
int guard_poll_ms(const struct script_guard *g, int max_ms);
/* Seconds left before the deadline (a large number when there is none). */
double guard_left(const struct script_guard *g);
bool guard_expired(const struct script_guard *g);
/* The deadline is reached, or the next attempt would come after it: says
 * so on err (naming the server's Retry-After when it asked for a wait
 * longer than what is left; retry_after 0 when none) and returns the
 * reason for ids left without an answer (owned by g). */
const char *guard_give_up(struct script_guard *g, FILE *err, double retry_after);
/* After poll and after writing: true when the output is gone or failed
 * (revents of the output's pollfd, 0 when not polled). */
bool guard_out_broken(struct script_guard *g, FILE *out, short revents);
/* The exit status for a broken output, printing why unless the reader
 * simply went away. */
int guard_out_status(const struct script_guard *g, FILE *err);

#endif
