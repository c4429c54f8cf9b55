/* backoff: the retry schedule (API.md "Retry policy"). Pure. */
#ifndef SUNOTOP_BACKOFF_H
#define SUNOTOP_BACKOFF_H

#define BACKOFF_MAX_ATTEMPTS 5     /* script mode gives up after this many */
#define BACKOFF_CAP 30.0
#define BACKOFF_RETRY_AFTER_CAP 600.0

/* Delay in seconds before retry number `attempt` (1 = first retry):
 * Retry-After when given (>= 0, capped at BACKOFF_RETRY_AFTER_CAP), else
 * min(BACKOFF_CAP, 2^attempt) plus jitter in [0, 1) seconds from rand01. */
double backoff_delay(int attempt, double retry_after, double rand01);

/* Parse a Retry-After header value: delta-seconds or an HTTP-date (relative
 * to now_unix). Returns seconds >= 0, or -1 when absent/unparseable. */
double backoff_parse_retry_after(const char *value, long long now_unix);

#endif
