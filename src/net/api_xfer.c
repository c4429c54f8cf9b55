/* api_xfer: one HTTP transfer of the API client: the easy handle's options
 * (TLS always verified, http/https only, bounded sizes and times), the body
 * and header callbacks, and the pool of reused handles. Never logs the key. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "api_impl.h"
#include "log.h"
#include "neterr.h"
#include "netsock.h"
#include "util.h"

static size_t api_write_cb(char *data, size_t size, size_t nmemb, void *user)
{
	struct api_xfer *x = user;
	size_t n = size * nmemb;

	if (x->body.len + n > x->max_body) {
		x->too_large = true;
		return 0;   /* abort: a body this big is not an answer we can use */
	}
	strbuf_add(&x->body, data, n);
	return n;
}

static size_t api_header_cb(char *data, size_t size, size_t nmemb, void *user)
{
	struct api_xfer *x = user;
	size_t n = size * nmemb;
	static const char name[] = "retry-after:";
	size_t nl = sizeof(name) - 1;

	/* a new status line (redirect, 100-continue): forget older headers */
	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		free(x->retry_after);
		x->retry_after = NULL;
	} else if (n > nl && strncasecmp(data, name, nl) == 0) {
		const char *s = data + nl, *e = data + n;

		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		free(x->retry_after);
		x->retry_after = xstrndup(s, (size_t)(e - s));
	}
	return n;
}

static CURL *api_easy_get(struct api *a)
{
	CURL *e;

	if (a->n_pool > 0)
		return a->pool[--a->n_pool];
	e = curl_easy_init();
	if (!e)
		die("cannot initialize libcurl");
	return e;
}

static void api_easy_put(struct api *a, CURL *e)
{
	if (a->n_pool < API_POOL_MAX) {
		curl_easy_reset(e);
		a->pool[a->n_pool++] = e;
	} else {
		curl_easy_cleanup(e);
	}
}

static char *api_batch_body(const struct api_round *rd, const struct api_req *req)
{
	json_object *o = json_object_new_object();
	json_object *arr = json_object_new_array();
	char *s;

	for (size_t i = 0; i < req->n; i++)
		json_object_array_add(arr, json_object_new_string(rd->ids[req->idx[i]]));
	json_object_object_add(o, "ids", arr);
	json_object_object_add(o, "action", json_object_new_string("MUSIC"));
	s = xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return s;
}

void api_xfer_free(struct api *a, struct api_xfer *x)
{
	if (x->easy)
		api_easy_put(a, x->easy);
	curl_slist_free_all(x->hdrs);
	free(x->url);
	free(x->post);
	free(x->path);
	free(x->retry_after);
	free(x->req.idx);
	strbuf_release(&x->body);
	free(x);
}

static void api_xfer_setup(struct api *a, struct api_xfer *x)
{
	CURL *e = x->easy;

	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	/* The API never redirects: a 3xx is reported as an API error (see
	 * api_handle_failure), never followed, so no other origin's answer is
	 * ever taken for the API's. */
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	netsock_setup(e, NULL);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, a->connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, a->total_timeout_ms);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, a->low_speed_secs);
	/* A Content-Length beyond the cap is refused before any of the body is
	 * read; chunked bodies are stopped by api_write_cb. */
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max_body);
	/* Waiting for a connection to learn whether it multiplexes only pays
	 * off where HTTP/2 can be negotiated (ALPN); over plain http it would
	 * just hold the other requests back until the first one is answered. */
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, a->is_https ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
#if LIBCURL_VERSION_NUM >= 0x074d00     /* CURLOPT_CAINFO_BLOB: 7.77.0 */
	if (a->ca_blob) {
		struct curl_blob blob = {
			.data = a->ca_blob, .len = a->ca_blob_len, .flags = CURL_BLOB_NOCOPY,
		};
		curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
	}
#endif
	if (a->cacert && !a->ca_blob)
		curl_easy_setopt(e, CURLOPT_CAINFO, a->cacert);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "sunotop/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, api_write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, api_header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
}

static struct api_xfer *api_xfer_make(struct api *a, CURL *e, const char *path, char *post)
{
	struct api_xfer *x = xcalloc(1, sizeof(*x));

	x->easy = e;
	x->max_body = a->max_body;
	strbuf_init(&x->body);
	x->path = xstrdup(path);
	x->post = post;
	x->url = xasprintf("%s%s", a->base, x->path);
	x->hdrs = curl_slist_append(x->hdrs, a->key_header);
	x->hdrs = curl_slist_append(x->hdrs, "Accept: application/json");
	if (post)
		x->hdrs = curl_slist_append(x->hdrs, "Content-Type: application/json");
	if (!x->hdrs)
		die("out of memory");
	api_xfer_setup(a, x);
	if (post) {
		curl_easy_setopt(x->easy, CURLOPT_POSTFIELDSIZE, (long)strlen(post));
		curl_easy_setopt(x->easy, CURLOPT_POSTFIELDS, post);
	} else {
		curl_easy_setopt(x->easy, CURLOPT_HTTPGET, 1L);
	}
	x->t0 = now_mono();
	return x;
}

struct api_xfer *api_xfer_new(struct api *a, const char *path, char *post)
{
	return api_xfer_make(a, api_easy_get(a), path, post);
}

void api_xfer_start(struct api *a, struct api_round *rd, struct api_req req)
{
	CURL *e = api_easy_get(a);
	struct api_xfer *x;
	char *path, *post = NULL;

	if (req.batch) {
		path = xstrdup("/suno/fetch");
		post = api_batch_body(rd, &req);
	} else {
		char *esc = curl_easy_escape(e, rd->ids[req.idx[0]], 0);

		if (!esc)
			die("out of memory");
		path = xasprintf("/suno/fetch/%s", esc);
		curl_free(esc);
	}
	x = api_xfer_make(a, e, path, post);
	free(path);
	x->req = req;

	a->stats.requests++;
	*(req.batch ? &a->stats.batch_requests : &a->stats.get_requests) += 1;
	curl_multi_add_handle(a->multi, x->easy);
	rd->active[rd->n_active++] = x;
}

char *api_xfer_redirect_host(CURL *e)
{
	char *url = NULL;
	CURLU *u = curl_url();
	char *host = NULL, *out;

	curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &url);
	if (u && url && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host) {
		out = xstrdup(host);
		curl_free(host);
	} else {
		out = xstrdup(url && *url ? url : "?");
	}
	curl_url_cleanup(u);
	return out;
}

char *api_xfer_failure(struct api *a, struct api_xfer *x, CURLcode c,
		       enum reply_class *clsp, long *statusp, char **detailp)
{
	const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(c);
	enum reply_class cls = REPLY_RETRY;
	long os_errno = 0, status = *statusp;
	const char *words;
	char *msg, *host;

	curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &os_errno);
	words = neterr_words(c, os_errno);
	if (c == CURLE_FILESIZE_EXCEEDED)
		x->too_large = true;
	if (c == CURLE_OK) {
		cls = REPLY_FATAL;
		host = api_xfer_redirect_host(x->easy);
		msg = xasprintf("the API answered with a redirect to %s (HTTP %ld)", host, status);
		free(host);
	} else if (x->too_large) {
		msg = xasprintf("response larger than %zu bytes", a->max_body);
	} else if (c == CURLE_OUT_OF_MEMORY) {
		/* libcurl refuses a header line over 100 KiB this way; a real
		 * shortage of memory would have stopped us before */
		msg = xasprintf("%s sent an oversized header (over 100 KiB)", a->host);
		status = 0;
	} else if (neterr_is_tls(c)) {
		cls = REPLY_FATAL;
		msg = xasprintf("%s (%s): %s", words, a->host, detail);
		status = 0;
	} else if (c == CURLE_UNSUPPORTED_PROTOCOL) {
		cls = REPLY_FATAL;
		msg = xasprintf("cannot talk to %s: %s", a->host, words);
		status = 0;
	} else if (c == CURLE_OPERATION_TIMEDOUT) {
		curl_off_t connected = 0;
		long secs = (long)(now_mono() - x->t0 + 0.5);

		curl_easy_getinfo(x->easy, CURLINFO_CONNECT_TIME_T, &connected);
		msg = connected > 0 ?
		      xasprintf("timed out waiting for %s: no complete answer after %ld s", a->host, secs) :
		      xasprintf("timed out waiting for %s: could not connect within %ld s", a->host, secs);
		status = 0;
	} else {
		msg = xasprintf("cannot reach %s: %s", a->host, words);
		status = 0;
	}
	*clsp = cls;
	*statusp = status;
	*detailp = xstrdup(c == CURLE_OK ? "not followed" : detail);
	return msg;
}
