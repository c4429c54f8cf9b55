/* api_submit: POST /suno/submit/music or /suno/submit/lyrics, once, and the
 * verdict on what came back. Must never resend by itself (libcurl's own
 * retry on a reused connection included) and never show the key. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "api_impl.h"
#include "api_submit.h"
#include "backoff.h"
#include "ids.h"
#include "log.h"
#include "neterr.h"
#include "util.h"

#define API_SUBMIT_MAX_SHOWN 300    /* characters of a server message quoted */

/* The parts of an answer that matter: code, message and data (a string). */
struct api_submit_answer {
	bool json;              /* a JSON object */
	char *code, *message, *data;
};

static char *api_submit_str(json_object *o, const char *key)
{
	json_object *v;

	if (!o || !json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	if (json_object_get_string_len(v) == 0)
		return NULL;
	return xstrndup(json_object_get_string(v), (size_t)json_object_get_string_len(v));
}

/* Either envelope: {"code","message","data"} or the gateway's {"error":{...}}. */
static void api_submit_read(const char *body, size_t len, struct api_submit_answer *a)
{
	json_tokener *tok;
	json_object *root, *err = NULL;

	memset(a, 0, sizeof(*a));
	if (!body || len == 0 || len > INT_MAX)
		return;
	tok = json_tokener_new();
	root = json_tokener_parse_ex(tok, body, (int)len);
	if (root && json_tokener_get_parse_end(tok) + strspn(body + json_tokener_get_parse_end(tok),
							      " \t\r\n") != len) {
		json_object_put(root);
		root = NULL;
	}
	json_tokener_free(tok);
	if (!root || !json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		return;
	}
	a->json = true;
	json_object_object_get_ex(root, "error", &err);
	a->code = api_submit_str(err, "code");
	a->message = api_submit_str(err, "message");
	if (!a->code)
		a->code = api_submit_str(root, "code");
	if (!a->message)
		a->message = api_submit_str(root, "message");
	a->data = api_submit_str(root, "data");
	json_object_put(root);
}

static bool api_submit_code_is(const struct api_submit_answer *a, const char *code)
{
	return a->code && strcasecmp(a->code, code) == 0;
}

/* "HTTP 400 invalid_request: the server's words" (cut short). */
static char *api_submit_detail(long status, const struct api_submit_answer *a)
{
	char *msg = a->message ? xstrndup(a->message, API_SUBMIT_MAX_SHOWN) : NULL;
	char *s = xasprintf("HTTP %ld%s%s%s%s%s", status, a->code ? " " : "", a->code ? a->code : "",
			    msg ? ": " : "", msg ? msg : "",
			    a->message && strlen(a->message) > API_SUBMIT_MAX_SHOWN ? "..." : "");

	free(msg);
	return s;
}

static void api_submit_verdict_of(long status, struct api_submit_answer *a, const char *retry_after,
				  struct api_submit_result *out)
{
	char *detail = api_submit_detail(status, a);

	out->verdict = SUBMIT_NOT_ACCEPTED;
	if (status >= 200 && status <= 299 && api_submit_code_is(a, "success") && a->data &&
	    id_valid(a->data, strlen(a->data), NULL)) {
		out->verdict = SUBMIT_ACCEPTED;
		out->task_id = a->data;
		a->data = NULL;
	} else if (status >= 200 && status <= 299 && a->json && a->code &&
		   !api_submit_code_is(a, "success")) {
		out->message = xasprintf("not accepted: %s", detail);
	} else if (status == 401 || status == 403) {
		out->key_rejected = true;
		out->message = xasprintf("not accepted: the API rejected the key (%s)", detail);
	} else if (status == 429) {
		out->retry = true;
		out->retry_after = retry_after ? backoff_parse_retry_after(retry_after, now_wall()) : -1;
		out->message = xasprintf("not accepted: the server is busy or the requests too fast (%s)",
					 detail);
	} else if (status >= 300 && status <= 499) {
		out->message = xasprintf("not accepted: %s%s", detail, status < 400 ?
					 " (a redirect: check the base URL)" : "");
	} else if (status >= 500 && status <= 599 && (api_submit_code_is(a, "invalid_request") ||
						      api_submit_code_is(a, "model_not_found"))) {
		out->message = xasprintf("not accepted: %s", detail);
	} else {
		out->verdict = SUBMIT_UNKNOWN;
		out->message = xasprintf("%s: %s; the task may or may not exist, and it was not sent again",
					 status >= 500 ? "the server failed" :
					 !a->json ? "the answer could not be read" :
					 "the answer held no task id", detail);
	}
	free(detail);
}

void api_submit_classify(enum submit_transport tr, const char *why, const char *host,
			 long status, const char *body, size_t len, const char *retry_after,
			 struct api_submit_result *out)
{
	struct api_submit_answer a;

	memset(out, 0, sizeof(*out));
	out->retry_after = -1;
	out->http_status = tr == SUBMIT_TRANSPORT_OK ? status : 0;
	if (!why)
		why = "no details";
	switch (tr) {
	case SUBMIT_TRANSPORT_NOT_SENT:
		out->verdict = SUBMIT_NOT_ACCEPTED;
		out->retry = true;
		out->message = xasprintf("not sent: cannot reach %s: %s", host, why);
		return;
	case SUBMIT_TRANSPORT_TLS:
		out->verdict = SUBMIT_NOT_ACCEPTED;
		out->message = xasprintf("not sent: TLS failure talking to %s: %s", host, why);
		return;
	case SUBMIT_TRANSPORT_BROKEN:
		out->verdict = SUBMIT_UNKNOWN;
		out->message = xasprintf("sent to %s, but no full answer came back (%s); "
					 "the task may or may not exist, and it was not sent again",
					 host, why);
		return;
	case SUBMIT_TRANSPORT_OK:
		break;
	}
	api_submit_read(body, len, &a);
	api_submit_verdict_of(status, &a, retry_after, out);
	out->code = a.code;
	free(a.message);
	free(a.data);
}

/* Whether any of the request can have left: nothing was connected, or
 * nothing of the request was written. */
enum submit_transport api_submit_transport(int code, void *easy)
{
	CURLcode c = (CURLcode)code;
	CURL *e = easy;
	curl_off_t pre = 0;
	long sent = 0;

	if (c == CURLE_OK)
		return SUBMIT_TRANSPORT_OK;
	if (api_is_tls_error(c))
		return SUBMIT_TRANSPORT_TLS;
	if (c == CURLE_COULDNT_RESOLVE_HOST || c == CURLE_COULDNT_RESOLVE_PROXY ||
	    c == CURLE_COULDNT_CONNECT)
		return SUBMIT_TRANSPORT_NOT_SENT;
	curl_easy_getinfo(e, CURLINFO_PRETRANSFER_TIME_T, &pre);
	curl_easy_getinfo(e, CURLINFO_REQUEST_SIZE, &sent);
	return pre == 0 && sent == 0 ? SUBMIT_TRANSPORT_NOT_SENT : SUBMIT_TRANSPORT_BROKEN;
}

/* The errno of the socket call that failed, for naming it in words. */
static long api_submit_os_errno(CURL *e)
{
	long os_errno = 0;

	curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &os_errno);
	return os_errno;
}

static const char *api_submit_word(const struct api_submit_result *r)
{
	return r->verdict == SUBMIT_ACCEPTED ? "accepted" :
	       r->verdict == SUBMIT_UNKNOWN ? "unknown outcome" :
	       r->retry ? "not accepted, may be sent again" : "not accepted";
}

void api_submit(struct api *a, const char *path, const char *body,
		struct api_submit_result *out)
{
	struct api_xfer *x = api_xfer_new(a, path, xstrdup(body));
	enum submit_transport tr;
	char *why = NULL;
	long status = 0;
	CURLcode c;

	/* One request on its own connection: libcurl resends a request whose
	 * reused connection turns out dead, and that could be a second
	 * generation. No redirects (a POST would become a GET), no
	 * "Expect: 100-continue" round trip. */
	curl_easy_setopt(x->easy, CURLOPT_FRESH_CONNECT, 1L);
	curl_easy_setopt(x->easy, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(x->easy, CURLOPT_FOLLOWLOCATION, 0L);
	if (!curl_slist_append(x->hdrs, "Expect:"))
		die("out of memory");
	a->stats.requests++;
	c = curl_easy_perform(x->easy);
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	tr = api_submit_transport((int)c, x->easy);
	if (x->too_large)
		why = xasprintf("an answer larger than %zu bytes", a->max_body);
	else if (c != CURLE_OK && !neterr_is_tls(c))
		why = xstrdup(neterr_words(c, api_submit_os_errno(x->easy)));
	else if (c != CURLE_OK)
		why = xstrdup(x->errbuf[0] ? x->errbuf : curl_easy_strerror(c));
	if (x->too_large)
		tr = SUBMIT_TRANSPORT_BROKEN;
	api_submit_classify(tr, why, a->host, status, x->body.buf, x->body.len, x->retry_after, out);
	api_scrub_key(a, out->message);
	api_scrub_key(a, out->code);
	log_write("POST %s -> %ld in %ld ms, %zu bytes: %s", path, out->http_status,
		  (long)((now_mono() - x->t0) * 1000), x->body.len, api_submit_word(out));
	free(why);
	api_xfer_free(a, x);
}

double api_submit_retry_in(const struct api_submit_result *r, int attempt, double rand01)
{
	double d;

	if (r->verdict != SUBMIT_NOT_ACCEPTED || !r->retry || attempt >= SUBMIT_MAX_ATTEMPTS)
		return -1;
	d = backoff_delay(attempt, r->retry_after, rand01);
	return d > SUBMIT_MAX_WAIT ? -1 : d;
}

void api_submit_result_free(struct api_submit_result *r)
{
	free(r->task_id);
	free(r->code);
	free(r->message);
	memset(r, 0, sizeof(*r));
	r->retry_after = -1;
}
