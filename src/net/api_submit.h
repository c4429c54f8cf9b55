/* api_submit: one POST of a new generation to the API, and what its outcome
 * means. A generation costs money: this never sends a request twice; the
 * caller decides, from api_submit_retry_in, whether another try is safe. */
#ifndef SUNOTOP_API_SUBMIT_H
#define SUNOTOP_API_SUBMIT_H

#include <stdbool.h>
#include <stddef.h>
#include "api.h"

#define SUBMIT_MAX_ATTEMPTS 4          /* tries in all, when each is safe */
#define SUBMIT_MAX_WAIT 60.0           /* seconds; a longer Retry-After is not waited for */

enum submit_verdict {
	SUBMIT_ACCEPTED,       /* the server made the task: task_id is set */
	SUBMIT_NOT_ACCEPTED,   /* no task was made (see retry and key_rejected) */
	SUBMIT_UNKNOWN,        /* sent, but no usable answer: the task may or may not exist */
};

struct api_submit_result {
	enum submit_verdict verdict;
	bool retry;            /* NOT_ACCEPTED and safe to send again by itself:
				* nothing reached the server, or it said 429 */
	bool key_rejected;     /* 401/403: not accepted; the same key again is pointless */
	char *task_id;         /* ACCEPTED: the new id */
	long http_status;      /* 0 when nothing was answered */
	char *code;            /* the server's error code, or NULL */
	char *message;         /* for people; raw (sanitize before showing), never the key */
	double retry_after;    /* seconds from Retry-After, < 0 when absent */
};

/* How a transfer ended before any HTTP status is looked at. */
enum submit_transport {
	SUBMIT_TRANSPORT_OK,        /* an HTTP answer arrived in full */
	SUBMIT_TRANSPORT_NOT_SENT,  /* name not resolved, connection refused or not made */
	SUBMIT_TRANSPORT_TLS,       /* the TLS handshake failed: nothing was sent */
	SUBMIT_TRANSPORT_BROKEN,    /* sent (or maybe sent), then a timeout, reset or cut answer */
};

/* Pure: the verdict from how the transfer ended, the HTTP status, the
 * body and the raw Retry-After value (or NULL). `why` is the transport's
 * own words for a failure (or NULL); `host` names the server in messages. */
void api_submit_classify(enum submit_transport tr, const char *why, const char *host,
			 long status, const char *body, size_t len, const char *retry_after,
			 struct api_submit_result *out);

/* How a finished transfer on `easy` (a CURL *) ended, from libcurl's result
 * `code` (a CURLcode): whether any of the request can have left. */
enum submit_transport api_submit_transport(int code, void *easy);

/* One POST of `body` (JSON) to `path` ("/suno/submit/music"), waited for.
 * Owner thread of `a` only, as api_fetch. Never resends. */
void api_submit(struct api *a, const char *path, const char *body,
		struct api_submit_result *out);

/* Seconds to wait before try number `attempt` + 1 after this result (1 =
 * the first try just ended), or < 0 when it must not be sent again by
 * itself: accepted, unknown, refused, a rejected key, too many tries, or a
 * Retry-After beyond SUBMIT_MAX_WAIT. rand01 in [0, 1) is the jitter. */
double api_submit_retry_in(const struct api_submit_result *r, int attempt, double rand01);

void api_submit_result_free(struct api_submit_result *r);

#endif
