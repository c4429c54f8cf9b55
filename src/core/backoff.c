/* backoff: how long to wait before the next try (API.md's retry policy).
 * Pure: randomness comes in as a number, time as an argument. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backoff.h"

double backoff_delay(int attempt, double retry_after, double rand01)
{
	double base;

	if (retry_after >= 0)
		return retry_after > BACKOFF_RETRY_AFTER_CAP ? BACKOFF_RETRY_AFTER_CAP : retry_after;
	if (attempt < 1)
		attempt = 1;
	base = attempt >= 5 ? BACKOFF_CAP : fmin(BACKOFF_CAP, ldexp(1.0, attempt));
	if (!(rand01 >= 0))     /* also NaN */
		rand01 = 0;
	if (rand01 >= 1)
		rand01 = 0.999;
	return base + rand01;
}

double backoff_parse_retry_after(const char *value, long long now_unix)
{
	const char *p;
	struct tm tm;
	char *end;

	if (!value)
		return -1;
	while (isspace((unsigned char)*value))
		value++;
	if (!*value)
		return -1;
	if (isdigit((unsigned char)*value)) {
		/* delta-seconds is digits only (RFC 9110): no sign, fraction,
		 * exponent or hex, which strtod would all accept. */
		double secs = 0;
		for (p = value; isdigit((unsigned char)*p); p++)
			if (secs < 1e9)
				secs = secs * 10 + (*p - '0');
		while (isspace((unsigned char)*p))
			p++;
		if (*p)
			return -1;
		return secs > 1e9 ? 1e9 : secs;
	}
	/* An HTTP-date: "Sun, 06 Nov 1994 08:49:37 GMT". */
	memset(&tm, 0, sizeof(tm));
	end = strptime(value, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (!end)
		return -1;
	for (p = end; isspace((unsigned char)*p); p++)
		;
	if (*p)
		return -1;
	{
		long long when = (long long)timegm(&tm);
		return when > now_unix ? (double)(when - now_unix) : 0;
	}
}
