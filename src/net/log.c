#include "config.h"
/* log: the optional --log debug file, one timestamped line per event.
 * It must never write the API key: anything after "Bearer " is masked. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int log_fd = -1;

int log_open(const char *path)
{
	int fd;

	if (!path)
		return 0;
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	pthread_mutex_lock(&log_lock);
	if (log_fd >= 0)
		close(log_fd);
	log_fd = fd;
	pthread_mutex_unlock(&log_lock);
	return 0;
}

void log_close(void)
{
	pthread_mutex_lock(&log_lock);
	if (log_fd >= 0)
		close(log_fd);
	log_fd = -1;
	pthread_mutex_unlock(&log_lock);
}

/* Callers are not supposed to pass credentials, but a header dumped by
 * mistake must still not reach the disk. */
static void log_mask_bearer(struct strbuf *out, const char *s)
{
	static const char tag[] = "Bearer ";
	const char *p;

	while ((p = strstr(s, tag))) {
		p += sizeof(tag) - 1;
		strbuf_add(out, s, (size_t)(p - s));
		if (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			strbuf_adds(out, "***");
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		s = p;
	}
	strbuf_adds(out, s);
}

static void log_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += w;
		len -= (size_t)w;
	}
}

void log_write(const char *fmt, ...)
{
	struct strbuf line;
	struct timespec ts;
	struct tm tm;
	char stamp[32];
	char *msg;
	va_list ap;
	int n;

	pthread_mutex_lock(&log_lock);
	if (log_fd < 0) {
		pthread_mutex_unlock(&log_lock);
		return;
	}
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0) {
		pthread_mutex_unlock(&log_lock);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	strbuf_init(&line);
	strbuf_addf(&line, "%s.%03ld ", stamp, ts.tv_nsec / 1000000);
	log_mask_bearer(&line, msg);
	strbuf_addc(&line, '\n');
	log_write_all(log_fd, line.buf, line.len);
	pthread_mutex_unlock(&log_lock);
	strbuf_release(&line);
	free(msg);
}
