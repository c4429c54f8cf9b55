#include "config.h"
/* download_rules: why a download attempt failed and whether to try again,
 * the pace rule (a download that cannot finish in reasonable time is
 * abandoned and retried later) and the content types saved. Pure but for
 * the .part truncation a refused resume asks for. */

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "download_impl.h"
#include "util.h"

void download_pace_start(struct download_pace *p, double now)
{
	memset(p, 0, sizeof(*p));
	p->t0 = now;
	p->t[0] = now;
	p->n = p->head = 1;
}

bool download_pace_ok(struct download_pace *p, double now, int64_t bytes, int64_t left,
		      char *why, size_t cap)
{
	int i, k, last = (p->head + DOWNLOAD_PACE_SLOTS - 1) % DOWNLOAD_PACE_SLOTS;
	double rate = 0;

	/* a sample every few seconds; the ring holds a little over a minute */
	if (now - p->t[last] >= DOWNLOAD_WINDOW / (DOWNLOAD_PACE_SLOTS - 1)) {
		p->t[p->head] = now;
		p->b[p->head] = bytes;
		p->head = (p->head + 1) % DOWNLOAD_PACE_SLOTS;
		if (p->n < DOWNLOAD_PACE_SLOTS)
			p->n++;
	}
	if (now - p->t0 < DOWNLOAD_GRACE)
		return true;
	/* the rate since the oldest sample of the last minute */
	for (i = 0; i < p->n; i++) {
		k = (p->head + DOWNLOAD_PACE_SLOTS - p->n + i) % DOWNLOAD_PACE_SLOTS;
		if (now - p->t[k] <= DOWNLOAD_WINDOW && now > p->t[k]) {
			rate = (double)(bytes - p->b[k]) / (now - p->t[k]);
			break;
		}
	}
	/* With a known size: can it end within DOWNLOAD_MAX_LEFT at this rate? */
	if (left > 0 && (rate <= 0 || (double)left / rate > DOWNLOAD_MAX_LEFT)) {
		snprintf(why, cap, "too slow: %.1f KiB/s with %lld KiB to go would take over %.0f minutes",
			 rate / 1024, (long long)(left >> 10), DOWNLOAD_MAX_LEFT / 60);
		return false;
	}
	/* Without one: a full minute after the grace under the floor. */
	if (left < 0 && now - p->t0 >= DOWNLOAD_GRACE + DOWNLOAD_WINDOW && rate < DOWNLOAD_MIN_RATE) {
		snprintf(why, cap, "too slow: %.1f KiB/s over the last minute (under %d KiB/s)",
			 rate / 1024, DOWNLOAD_MIN_RATE / 1024);
		return false;
	}
	return true;
}

bool download_type_ok(const char *ctype)
{
	static const char *const ok[] = {
		"audio/", "video/", "application/octet-stream", "binary/octet-stream",
	};
	size_t i;

	if (!ctype || !*ctype)
		return true;
	while (*ctype == ' ' || *ctype == '\t')
		ctype++;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strncasecmp(ctype, ok[i], strlen(ok[i])) == 0)
			return true;
	return false;
}

/* Why an attempt failed, and whether another try can help. */
char *download_why(struct download_job *j, CURLcode rc, long status, bool *retry)
{
	*retry = false;
	if (j->policy.refused[0])
		return xstrdup(j->policy.refused);
	if (j->bad_type) {
		char *shown = xstrndup(j->bad_type, 60);
		char *why = xasprintf("the server sent %s, not audio or video; not saved", shown);

		free(shown);
		return why;
	}
	if (j->slow[0]) {
		/* abandoned by the pace rule: a later try may find a faster path */
		*retry = true;
		return xstrdup(j->slow);
	}
	if (j->werr)
		return xasprintf("cannot write %s: %s", j->part,
				 j->werr == ENOSPC ? "disk full" : strerror(j->werr));
	if (j->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		return xasprintf("larger than %lld MiB, not saved", (long long)(j->cap >> 20));
	if (status == 403 || status == 410)
		return xasprintf("HTTP %ld: the link has probably expired (r refreshes the task)", status);
	if (status == 416 || rc == CURLE_RANGE_ERROR) {
		/* The .part does not fit what the server has now: start over. */
		if (ftruncate(j->fd, 0) == 0)
			j->offset = 0;
		*retry = true;
		return xasprintf("the server would not resume; starting over");
	}
	if (status >= 400) {
		*retry = status == 408 || status == 429 || status >= 500;
		return xasprintf("HTTP %ld", status);
	}
	if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		return xasprintf("redirected to a URL that is not http(s)");
	if (rc == CURLE_OK)
		return xasprintf("unexpected HTTP status %ld", status);
	*retry = rc != CURLE_TOO_MANY_REDIRECTS && rc != CURLE_URL_MALFORMAT;
	return xstrdup(j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc));
}

