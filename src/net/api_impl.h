/* api_impl: what the API client's files share (api.c runs rounds,
 * api_xfer.c sets up and reads transfers, api_submit.c posts new tasks).
 * Include it nowhere else; the key lives in struct api's key_header only. */
#ifndef SUNOTOP_API_IMPL_H
#define SUNOTOP_API_IMPL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

#include "api.h"
#include "util.h"

#define API_POOL_MAX 8

/* One request still to be made: indexes into the round's id array. */
struct api_req {
	bool batch;
	size_t *idx;
	size_t n;
};

/* One running transfer. */
struct api_xfer {
	struct api_req req;
	CURL *easy;
	struct curl_slist *hdrs;
	char *url;
	char *post;
	char *path;                 /* for the log, relative to the base URL */
	struct strbuf body;
	bool too_large;
	size_t max_body;
	char *retry_after;
	char errbuf[CURL_ERROR_SIZE];
	double t0;
};

/* State of one api_fetch call. */
struct api_round {
	const char *const *ids;
	size_t n;
	bool *done;
	api_outcome_fn fn;
	void *ctx;
	size_t delivered;
	struct api_req *queue;
	size_t q_head, q_len, q_cap;
	struct api_xfer **active;
	size_t n_active;
	bool key_rejected;
};

struct api {
	char *base;
	char *host;
	char *key_header;
	char *cacert;                /* the user's extra CA file, or NULL */
	char *ca_blob;               /* system bundle + cacert, when libcurl takes blobs */
	size_t ca_blob_len;
	long connect_timeout_ms, total_timeout_ms, low_speed_secs;
	size_t max_body;
	int batch_size, max_inflight;
	CURLM *multi;
	CURL *pool[API_POOL_MAX];
	int n_pool;
	bool batch_broken;
	bool is_https;
	atomic_bool woken;
	struct api_stats stats;
};

/* A transfer of `path` (relative to the base URL) with the options every
 * request shares: a POST of `post` (owned by the transfer from now on) or a
 * GET when it is NULL. Redirects are not followed unless the caller says so. */
struct api_xfer *api_xfer_new(struct api *a, const char *path, char *post);
/* Every server string shown to people goes through this: copies of the key
 * in s become "***". */
void api_scrub_key(const struct api *a, char *s);
/* The failures that mean the TLS handshake, not the server, went wrong. */
bool api_is_tls_error(CURLcode c);
/* Start the transfer for req (owned by the transfer from now on) and add it
 * to the round's active list. */
void api_xfer_start(struct api *a, struct api_round *rd, struct api_req req);
/* Take a finished or abandoned transfer apart; its easy handle goes back to
 * the pool. */
void api_xfer_free(struct api *a, struct api_xfer *x);
/* The host a 3xx answer pointed to (caller frees); "?" when none. */
char *api_xfer_redirect_host(CURL *e);
/* A failed transfer in words ("cannot reach HOST: connection refused"),
 * with its class and status (0 for network errors); *detail gets curl's
 * own wording for the log (caller frees both). c is CURLE_OK for a 3xx:
 * the API does not redirect, so that is not its answer. */
char *api_xfer_failure(struct api *a, struct api_xfer *x, CURLcode c,
		       enum reply_class *cls, long *status, char **detail);

#endif
