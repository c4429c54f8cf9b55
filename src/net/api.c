#include "config.h"
/* api: the CometAPI client (batch POST /suno/fetch, per-id GET fallback)
 * over libcurl's multi interface. Never logs, prints or stores the key
 * anywhere but the Authorization header. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "api.h"
#include "api_impl.h"
#include "cabundle.h"
#include "log.h"
#include "neterr.h"
#include "task.h"
#include "util.h"

/* --cacert adds a CA: libcurl gets the system bundle and the user's file as
 * one in-memory bundle. The file is checked here, so a typo is a clear
 * message at start rather than a TLS error on every request. */
static bool api_load_ca(struct api *a, char **err)
{
	char *sys = cabundle_system_path();

	a->ca_blob = cabundle_join(sys, a->cacert, &a->ca_blob_len, err);
	free(sys);
	if (!a->ca_blob)
		return false;
#if LIBCURL_VERSION_NUM >= 0x074d00     /* CURLOPT_CAINFO_BLOB: 7.77.0 */
	{
		/* Only some TLS back ends take a blob (OpenSSL does, GnuTLS
		 * does not): ask once rather than fail every request. */
		struct curl_blob blob = {
			.data = a->ca_blob, .len = a->ca_blob_len, .flags = CURL_BLOB_NOCOPY,
		};
		CURL *probe = curl_easy_init();
		bool ok = probe && curl_easy_setopt(probe, CURLOPT_CAINFO_BLOB, &blob) == CURLE_OK;

		if (probe)
			curl_easy_cleanup(probe);
		if (ok)
			return true;
	}
#endif
	/* No blobs: the user's file as the CA file (system certificates still
	 * come from the CA directory, where libcurl has one). */
	log_write("api: this libcurl takes no in-memory CA bundle; --cacert is the CA file");
	free(a->ca_blob);
	a->ca_blob = NULL;
	return true;
}

struct api *api_new(const struct api_config *cfg, char **err)
{
	struct api *a;
	const char *u = cfg->base_url ? cfg->base_url : "";
	const char *h, *end, *at;
	size_t len;

	*err = NULL;
	if (strncasecmp(u, "http://", 7) != 0 && strncasecmp(u, "https://", 8) != 0) {
		*err = xasprintf("base URL must start with http:// or https://: %s", u);
		return NULL;
	}
	a = xcalloc(1, sizeof(*a));
	len = strlen(u);
	while (len > 0 && u[len - 1] == '/')
		len--;
	a->base = xstrndup(u, len);
	a->is_https = strncasecmp(u, "https://", 8) == 0;
	h = strstr(a->base, "://") + 3;
	end = h + strcspn(h, "/?#");
	/* userinfo is not part of what we show */
	at = memchr(h, '@', (size_t)(end - h));
	if (at)
		h = at + 1;
	a->host = xstrndup(h, (size_t)(end - h));
	a->key_header = xasprintf("Authorization: Bearer %s", cfg->key ? cfg->key : "");
	a->cacert = xstrdup(cfg->cacert);
	a->connect_timeout_ms = cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : 10000;
	a->total_timeout_ms = cfg->total_timeout_ms > 0 ? cfg->total_timeout_ms : 30000;
	a->low_speed_secs = cfg->low_speed_secs > 0 ? cfg->low_speed_secs : 15;
	a->max_body = cfg->max_body > 0 ? cfg->max_body : API_MAX_BODY;
	a->batch_size = cfg->batch_size > 0 ? cfg->batch_size : API_BATCH_SIZE;
	a->max_inflight = cfg->max_inflight > 0 ? cfg->max_inflight : API_MAX_INFLIGHT;
	atomic_init(&a->woken, false);
	a->multi = curl_multi_init();
	if (!a->multi)
		die("cannot initialize libcurl");
	curl_multi_setopt(a->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	curl_multi_setopt(a->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)a->max_inflight);
	if (a->cacert && !api_load_ca(a, err)) {
		api_free(a);
		return NULL;
	}
	return a;
}

void api_set_key(struct api *a, const char *key)
{
	char *old = a->key_header;

	a->key_header = xasprintf("Authorization: Bearer %s", key ? key : "");
	xfree_secret(old);
}

void api_free(struct api *a)
{
	if (!a)
		return;
	for (int i = 0; i < a->n_pool; i++)
		curl_easy_cleanup(a->pool[i]);
	curl_multi_cleanup(a->multi);
	/* the header held the key: clear it before giving the memory back */
	xfree_secret(a->key_header);
	free(a->base);
	free(a->host);
	free(a->cacert);
	free(a->ca_blob);
	free(a);
}

const char *api_host(const struct api *a)
{
	return a->host;
}

void api_get_stats(const struct api *a, struct api_stats *out)
{
	*out = a->stats;
}

void api_wakeup(struct api *a)
{
	atomic_store(&a->woken, true);
	curl_multi_wakeup(a->multi);
}

void api_wait(struct api *a, double seconds)
{
	double deadline = now_mono() + seconds;

	for (;;) {
		double left = deadline - now_mono();

		if (left <= 0)
			return;
		/* At most a minute per poll: no int overflow on long waits, and
		 * an idle worker wakes once a minute, not once a second. A
		 * wakeup is not lost: curl keeps it until the next poll. */
		curl_multi_poll(a->multi, NULL, 0, left < 60 ? (int)(left * 1000) + 1 : 60000, NULL);
		if (atomic_exchange(&a->woken, false))
			return;
	}
}

/* ---- the round ------------------------------------------------------- */

static void api_enqueue(struct api_round *rd, bool batch, const size_t *idx, size_t n)
{
	struct api_req *r;

	/* a round queues at most n GETs plus its batches: no need to reuse
	 * the consumed head of the queue */
	if (rd->q_len == rd->q_cap) {
		rd->q_cap = rd->q_cap ? rd->q_cap * 2 : 16;
		rd->queue = xrealloc(rd->queue, rd->q_cap * sizeof(*rd->queue));
	}
	r = &rd->queue[rd->q_len++];
	r->batch = batch;
	r->n = n;
	r->idx = xmalloc(n * sizeof(*idx));
	memcpy(r->idx, idx, n * sizeof(*idx));
}

static void api_enqueue_gets(struct api_round *rd, const size_t *idx, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!rd->done[idx[i]])
			api_enqueue(rd, false, &idx[i], 1);
}

static void api_deliver(struct api_round *rd, size_t i, struct api_outcome *o)
{
	if (rd->done[i]) {
		task_free(o->task);
		return;
	}
	rd->done[i] = true;
	o->id = rd->ids[i];
	rd->fn(rd->ctx, o);
	task_free(o->task);
	rd->delivered++;
}

static void api_deliver_error(struct api_round *rd, const struct api_req *req,
			      enum reply_class cls, long status, const char *code,
			      const char *msg, double retry_after)
{
	for (size_t i = 0; i < req->n; i++) {
		struct api_outcome o = {
			.cls = cls, .http_status = status, .code = code,
			.message = msg, .retry_after = retry_after,
		};
		api_deliver(rd, req->idx[i], &o);
	}
}

static void api_deliver_not_found(struct api_round *rd, size_t i, long status, const char *code)
{
	struct api_outcome o = {
		.cls = REPLY_NOT_FOUND, .http_status = status, .code = code,
		.retry_after = -1,
	};

	o.task = task_new_not_found(rd->ids[i], code);
	api_deliver(rd, i, &o);
}

static void api_handle_batch_ok(struct api_round *rd, struct api_xfer *x, struct reply *r)
{
	const struct api_req *req = &x->req;

	for (size_t t = 0; t < r->n_tasks; t++) {
		struct task *tk = r->tasks[t];

		for (size_t i = 0; i < req->n; i++) {
			size_t k = req->idx[i];
			struct api_outcome o = {
				.cls = REPLY_OK, .http_status = r->http_status,
				.retry_after = -1,
			};

			if (rd->done[k] || strcmp(rd->ids[k], tk->task_id) != 0)
				continue;
			o.task = task_clone(tk);
			api_deliver(rd, k, &o);
		}
	}
	/* a batch silently drops ids it does not know: ask for each one */
	api_enqueue_gets(rd, req->idx, req->n);
}

static void api_handle_get(struct api_round *rd, struct api_xfer *x, struct reply *r)
{
	size_t k = x->req.idx[0];
	const char *id = rd->ids[k];

	if (r->cls == REPLY_OK && r->n_tasks > 0) {
		struct api_outcome o = {
			.cls = REPLY_OK, .http_status = r->http_status, .retry_after = -1,
		};

		o.task = r->tasks[0];
		r->tasks[0] = NULL;
		if (strcmp(o.task->task_id, id) != 0) {
			free(o.task->task_id);
			o.task->task_id = xstrdup(id);
		}
		api_deliver(rd, k, &o);
	} else if (r->cls == REPLY_OK) {
		api_deliver_not_found(rd, k, r->http_status, "task_not_exist");
	} else if (r->cls == REPLY_NOT_FOUND) {
		api_deliver_not_found(rd, k, r->http_status,
				      r->code ? r->code : "task_not_exist");
	} else {
		enum reply_class cls = r->cls == REPLY_NO_BATCH ? REPLY_RETRY : r->cls;

		api_deliver_error(rd, &x->req, cls, r->http_status, r->code,
				  r->message, r->retry_after);
	}
}

static void api_log_done(struct api_xfer *x, long status, const char *what)
{
	long ms = (long)((now_mono() - x->t0) * 1000);

	char *count = x->req.batch ? xasprintf(" (%zu ids)", x->req.n) : xstrdup("");

	log_write("%s %s%s -> %ld in %ld ms, %zu bytes%s%s", x->req.batch ? "POST" : "GET",
		  x->path, count, status, ms, x->body.len, what ? ": " : "", what ? what : "");
	free(count);
}

/* Shared with api_submit.c; the list lives with the words for it. */
bool api_is_tls_error(CURLcode c)
{
	return neterr_is_tls(c);
}

/* A batch whose answer was too large is split in two (a half of one id is
 * a GET), so only the id whose own answer is too large gets the error. */
static bool api_split_batch(struct api_round *rd, struct api_xfer *x)
{
	size_t half = x->req.n / 2;

	if (!x->req.batch || x->req.n < 2 || !x->too_large)
		return false;
	api_enqueue(rd, half > 1, x->req.idx, half);
	api_enqueue(rd, x->req.n - half > 1, x->req.idx + half, x->req.n - half);
	return true;
}

/* A failed transfer: its message (api_xfer_failure), logged with curl's
 * own wording; an oversized batch is split instead of failing its ids. */
static void api_handle_failure(struct api *a, struct api_round *rd, struct api_xfer *x,
			       CURLcode c, long status)
{
	enum reply_class cls;
	char *detail, *logged;
	char *msg = api_xfer_failure(a, x, c, &cls, &status, &detail);

	logged = xasprintf("%s [%s]", msg, detail);
	api_log_done(x, status, logged);
	free(logged);
	free(detail);
	if (api_split_batch(rd, x))
		log_write("split the batch of %zu ids: its answer was too large", x->req.n);
	else
		api_deliver_error(rd, &x->req, cls, status, NULL, msg, -1);
	free(msg);
}

/* A gateway may quote the token it refused; server text goes to the screen,
 * stderr and logs, so every copy of the key in it becomes "***". */
void api_scrub_key(const struct api *a, char *s)
{
	const char *key = strchr(a->key_header, ':');
	size_t klen;
	char *p;

	if (!s || !key)
		return;
	key += strlen(": Bearer ");
	klen = strlen(key);
	if (klen == 0)
		return;
	while ((p = strstr(s, key)) != NULL) {
		size_t keep = klen >= 3 ? 3 : klen;

		memset(p, '*', keep);
		memmove(p + keep, p + klen, strlen(p + klen) + 1);
		s = p + keep;
	}
}

static void api_handle_done(struct api *a, struct api_round *rd, struct api_xfer *x, CURLcode c)
{
	struct reply r;
	long status = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (c == CURLE_OK && status >= 300 && status <= 399 && x->req.batch) {
		/* Not followed. A batch path that redirects (a static server's
		 * directory) is no batch endpoint: ask each id by GET, where a
		 * redirect is the API error. */
		api_log_done(x, status, "redirect not followed; using one GET per id");
		a->batch_broken = true;
		api_enqueue_gets(rd, x->req.idx, x->req.n);
		return;
	}
	if (c != CURLE_OK || (status >= 300 && status <= 399)) {
		api_handle_failure(a, rd, x, c, status);
		return;
	}
	api_log_done(x, status, NULL);
	/* Every string the server sent has the key scrubbed before anything
	 * keeps, prints, logs or saves it. */
	reply_parse_secret(status, x->body.buf ? x->body.buf : "", x->body.len,
			   x->retry_after, x->req.batch,
			   a->key_header + strlen("Authorization: Bearer "), &r);
	if (r.cls == REPLY_KEY_REJECTED) {
		rd->key_rejected = true;
		api_deliver_error(rd, &x->req, r.cls, r.http_status, r.code,
				  r.message, r.retry_after);
		/* every id still unanswered gets the same verdict */
		for (size_t i = 0; i < rd->n; i++) {
			struct api_req one = { .batch = false, .idx = &i, .n = 1 };

			if (!rd->done[i])
				api_deliver_error(rd, &one, r.cls, r.http_status, r.code,
						  r.message, r.retry_after);
		}
	} else if (!x->req.batch) {
		api_handle_get(rd, x, &r);
	} else if (r.cls == REPLY_OK) {
		api_handle_batch_ok(rd, x, &r);
	} else if (r.cls == REPLY_NO_BATCH || r.cls == REPLY_NOT_FOUND) {
		if (r.cls == REPLY_NO_BATCH && !a->batch_broken) {
			a->batch_broken = true;
			log_write("batch endpoint unusable (HTTP %ld); using one GET per id", status);
		}
		api_enqueue_gets(rd, x->req.idx, x->req.n);
	} else {
		api_deliver_error(rd, &x->req, r.cls, r.http_status, r.code,
				  r.message, r.retry_after);
	}
	reply_free(&r);
}

static void api_remove(struct api *a, struct api_round *rd, struct api_xfer *x)
{
	for (size_t i = 0; i < rd->n_active; i++) {
		if (rd->active[i] == x) {
			rd->active[i] = rd->active[--rd->n_active];
			break;
		}
	}
	curl_multi_remove_handle(a->multi, x->easy);
	api_xfer_free(a, x);
}

static void api_round_end(struct api *a, struct api_round *rd)
{
	while (rd->n_active > 0)
		api_remove(a, rd, rd->active[rd->n_active - 1]);
	for (size_t i = rd->q_head; i < rd->q_len; i++)
		free(rd->queue[i].idx);
	free(rd->queue);
	free(rd->active);
	free(rd->done);
}

static void api_round_plan(struct api *a, struct api_round *rd)
{
	size_t *idx = xmalloc((rd->n ? rd->n : 1) * sizeof(*idx));

	for (size_t i = 0; i < rd->n; i++)
		idx[i] = i;
	if (rd->n == 1 || a->batch_broken) {
		api_enqueue_gets(rd, idx, rd->n);
	} else {
		for (size_t i = 0; i < rd->n; i += (size_t)a->batch_size) {
			size_t m = rd->n - i;

			if (m > (size_t)a->batch_size)
				m = (size_t)a->batch_size;
			api_enqueue(rd, true, idx + i, m);
		}
	}
	free(idx);
}

/* Pick up finished transfers; false once the key was rejected. */
static bool api_collect(struct api *a, struct api_round *rd)
{
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(a->multi, &left))) {
		struct api_xfer *x;
		char *priv = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
		x = (struct api_xfer *)(void *)priv;
		api_handle_done(a, rd, x, m->data.result);
		api_remove(a, rd, x);
		if (rd->key_rejected)
			return false;
	}
	return true;
}

size_t api_fetch(struct api *a, const char *const *ids, size_t n,
		 api_outcome_fn fn, api_abort_fn abort_fn, void *ctx)
{
	struct api_round rd = { .ids = ids, .n = n, .fn = fn, .ctx = ctx };
	int running;

	if (n == 0)
		return 0;
	rd.done = xcalloc(n, sizeof(*rd.done));
	rd.active = xcalloc((size_t)a->max_inflight, sizeof(*rd.active));
	api_round_plan(a, &rd);
	for (;;) {
		while (rd.n_active < (size_t)a->max_inflight && rd.q_head < rd.q_len)
			api_xfer_start(a, &rd, rd.queue[rd.q_head++]);
		curl_multi_perform(a->multi, &running);
		if (!api_collect(a, &rd))
			break;
		if (rd.n_active == 0 && rd.q_head == rd.q_len)
			break;
		if (rd.n_active < (size_t)a->max_inflight && rd.q_head < rd.q_len)
			continue;
		curl_multi_poll(a->multi, NULL, 0, 1000, NULL);
		atomic_store(&a->woken, false);
		if (abort_fn && abort_fn(ctx))
			break;
	}
	api_round_end(a, &rd);
	return rd.delivered;
}
