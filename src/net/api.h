/* api: the CometAPI client over libcurl's multi interface (batch POST and
 * per-id GET, several transfers in flight, connection reuse). Used by one
 * thread at a time; only api_wakeup may be called from another thread.
 * Never logs or prints the key. */
#ifndef SUNOTOP_API_H
#define SUNOTOP_API_H

#include <stdbool.h>
#include <stddef.h>
#include "taskjson.h"

#define API_BATCH_SIZE 50
#define API_MAX_INFLIGHT 4
#define API_MAX_BODY (8u << 20)      /* bodies beyond 8 MiB are refused */

struct api_config {
	const char *base_url;        /* no trailing slash needed */
	const char *key;             /* sent as "Authorization: Bearer KEY" only */
	const char *cacert;          /* extra CA bundle, or NULL */
	long connect_timeout_ms;     /* default 10000 when 0 */
	long total_timeout_ms;       /* per transfer; default 30000 when 0 */
	long low_speed_secs;         /* abort a transfer slower than 1 B/s for this long; default 15 */
	size_t max_body;             /* default API_MAX_BODY when 0 */
	int batch_size;              /* default API_BATCH_SIZE when 0 */
	int max_inflight;            /* default API_MAX_INFLIGHT when 0 */
};

/* The answer for one requested id. Valid only during the callback, except
 * `task`, which the callback takes (set it to NULL) or leaves to be freed. */
struct api_outcome {
	const char *id;
	enum reply_class cls;        /* REPLY_OK, NOT_FOUND, KEY_REJECTED, RETRY, FATAL */
	struct task *task;           /* OK and NOT_FOUND: the task (NOT_FOUND is synthesized) */
	long http_status;            /* 0 for network errors */
	const char *code;            /* server's error code or NULL */
	const char *message;         /* human text (server's, raw; or curl's) or NULL */
	double retry_after;          /* seconds, < 0 when absent */
};

typedef void (*api_outcome_fn)(void *ctx, struct api_outcome *o);
/* Polled while transfers run; returning true abandons the round (remaining
 * ids get no outcome). */
typedef bool (*api_abort_fn)(void *ctx);

struct api_stats {
	unsigned long requests;      /* HTTP requests started */
	unsigned long batch_requests;
	unsigned long get_requests;
};

struct api;

/* NULL with *err set (caller frees) when the configuration is unusable. */
struct api *api_new(const struct api_config *cfg, char **err);
void api_free(struct api *a);
/* Use a new key from the next request on (owner thread only; key copied). */
void api_set_key(struct api *a, const char *key);

/* One round: ids in chunks of batch_size by POST /suno/fetch (a single id by
 * GET), ids missing from a batch answer confirmed by GET, per-id GET when the
 * batch endpoint is unusable (remembered for later rounds). Calls fn once per
 * id (in no particular order) unless aborted. Returns the number of outcomes
 * delivered. */
size_t api_fetch(struct api *a, const char *const *ids, size_t n,
		 api_outcome_fn fn, api_abort_fn abort_fn, void *ctx);

/* Thread-safe: make a running api_fetch check abort_fn now. */
void api_wakeup(struct api *a);
/* Wait up to `seconds` (fractional) or until api_wakeup; thread-safe wakeup. */
void api_wait(struct api *a, double seconds);

void api_get_stats(const struct api *a, struct api_stats *out);
/* Host part of the base URL, for the header line. */
const char *api_host(const struct api *a);

#endif
