/* Unit tests of the submit verdict: accepted, not accepted (and whether it
 * may be sent again by itself), unknown, for every way a POST can end; and
 * the schedule of automatic tries. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>

#include "api_submit.h"

#define ID "736a6f88-bd29-4b1e-b110-37132a5325ac"
#define OK_BODY "{\"code\":\"success\",\"message\":\"\",\"data\":\"" ID "\"}"

/* A listening socket on loopback that accepts (the kernel does) and never
 * answers; its URL in url. */
static int test_listen(int fd[2], char *url, size_t n)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd[0] = socket(AF_INET, SOCK_STREAM, 0);
	if (fd[0] < 0 || bind(fd[0], (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd[0], 4) < 0 ||
	    getsockname(fd[0], (struct sockaddr *)&sa, &len) < 0)
		return -1;
	snprintf(url, n, "http://127.0.0.1:%d/suno/submit/music", ntohs(sa.sin_port));
	return 0;
}

struct want {
	enum submit_verdict verdict;
	bool retry, key_rejected;
	const char *message_part;    /* NULL: no message */
};

static void check(enum submit_transport tr, long status, const char *body, const char *retry_after,
		  struct want w, struct api_submit_result *r)
{
	api_submit_classify(tr, "curl says why", "api.example", status, body,
			    body ? strlen(body) : 0, retry_after, r);
	assert_int_equal(r->verdict, w.verdict);
	assert_int_equal(r->retry, w.retry);
	assert_int_equal(r->key_rejected, w.key_rejected);
	if (!w.message_part) {
		assert_null(r->message);
	} else if (!r->message || !strstr(r->message, w.message_part)) {
		fail_msg("message '%s' lacks '%s'", r->message ? r->message : "(null)", w.message_part);
	}
}

static void test_accepted(void **state)
{
	struct api_submit_result r;

	(void)state;
	check(SUBMIT_TRANSPORT_OK, 200, OK_BODY, NULL,
	      (struct want){ SUBMIT_ACCEPTED, false, false, NULL }, &r);
	assert_string_equal(r.task_id, ID);
	assert_int_equal(r.http_status, 200);
	api_submit_result_free(&r);
	/* trailing whitespace is fine; the code is not case-sensitive */
	check(SUBMIT_TRANSPORT_OK, 200, "{\"code\":\"SUCCESS\",\"data\":\"task_8KxQ2mZr7TbW4nYc1VfL9sHd3GjP6aEu\"}\r\n", NULL,
	      (struct want){ SUBMIT_ACCEPTED, false, false, NULL }, &r);
	assert_string_equal(r.task_id, "task_8KxQ2mZr7TbW4nYc1VfL9sHd3GjP6aEu");
	api_submit_result_free(&r);
}

static void test_not_sent(void **state)
{
	struct api_submit_result r;

	(void)state;
	check(SUBMIT_TRANSPORT_NOT_SENT, 0, NULL, NULL,
	      (struct want){ SUBMIT_NOT_ACCEPTED, true, false, "not sent: cannot reach api.example: curl says why" },
	      &r);
	assert_int_equal(r.http_status, 0);
	assert_null(r.task_id);
	api_submit_result_free(&r);
	/* a TLS failure sends nothing either, but another try would fail alike */
	check(SUBMIT_TRANSPORT_TLS, 0, NULL, NULL,
	      (struct want){ SUBMIT_NOT_ACCEPTED, false, false, "not sent: TLS failure talking to api.example" },
	      &r);
	api_submit_result_free(&r);
}

static void test_busy(void **state)
{
	struct api_submit_result r;

	(void)state;
	check(SUBMIT_TRANSPORT_OK, 429, "", "7",
	      (struct want){ SUBMIT_NOT_ACCEPTED, true, false, "not accepted: the server is busy" }, &r);
	assert_true(r.retry_after == 7);
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 429, "{\"error\":{\"code\":\"\",\"message\":\"saturated\"}}", NULL,
	      (struct want){ SUBMIT_NOT_ACCEPTED, true, false, "HTTP 429: saturated" }, &r);
	assert_true(r.retry_after < 0);
	api_submit_result_free(&r);
}

static void test_key_rejected(void **state)
{
	struct api_submit_result r;

	(void)state;
	check(SUBMIT_TRANSPORT_OK, 401,
	      "{\"error\":{\"code\":\"\",\"message\":\"invalid token\",\"type\":\"comet_api_error\"}}", NULL,
	      (struct want){ SUBMIT_NOT_ACCEPTED, false, true, "the API rejected the key (HTTP 401: invalid token)" },
	      &r);
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 403, "", NULL,
	      (struct want){ SUBMIT_NOT_ACCEPTED, false, true, "rejected the key" }, &r);
	api_submit_result_free(&r);
}

static void test_refused(void **state)
{
	struct api_submit_result r;

	(void)state;
	check(SUBMIT_TRANSPORT_OK, 400,
	      "{\"code\":\"invalid_request\",\"message\":\"prompt too long\",\"data\":null}", NULL,
	      (struct want){ SUBMIT_NOT_ACCEPTED, false, false, "not accepted: HTTP 400 invalid_request: prompt too long" },
	      &r);
	assert_string_equal(r.code, "invalid_request");
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 500,
	      "{\"error\":{\"code\":\"invalid_request\",\"message\":\"bad body\"}}", NULL,
	      (struct want){ SUBMIT_NOT_ACCEPTED, false, false, "HTTP 500 invalid_request: bad body" }, &r);
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 503,
	      "{\"error\":{\"code\":\"model_not_found\",\"message\":\"no such model\"}}", NULL,
	      (struct want){ SUBMIT_NOT_ACCEPTED, false, false, "HTTP 503 model_not_found" }, &r);
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 404, "<html>", NULL,
	      (struct want){ SUBMIT_NOT_ACCEPTED, false, false, "not accepted: HTTP 404" }, &r);
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 302, "", NULL,
	      (struct want){ SUBMIT_NOT_ACCEPTED, false, false, "a redirect: check the base URL" }, &r);
	api_submit_result_free(&r);
	/* a 200 whose envelope says no */
	check(SUBMIT_TRANSPORT_OK, 200, "{\"code\":\"quota_exceeded\",\"message\":\"no credits\",\"data\":null}",
	      NULL, (struct want){ SUBMIT_NOT_ACCEPTED, false, false, "HTTP 200 quota_exceeded: no credits" },
	      &r);
	api_submit_result_free(&r);
}

static void test_unknown(void **state)
{
	struct api_submit_result r;
	const char *may = "the task may or may not exist, and it was not sent again";
	const long fives[] = { 500, 502, 503, 504, 524 };

	(void)state;
	check(SUBMIT_TRANSPORT_BROKEN, 0, NULL, NULL,
	      (struct want){ SUBMIT_UNKNOWN, false, false, may }, &r);
	assert_non_null(strstr(r.message, "sent to api.example, but no full answer came back (curl says why)"));
	api_submit_result_free(&r);
	for (size_t i = 0; i < sizeof(fives) / sizeof(fives[0]); i++) {
		check(SUBMIT_TRANSPORT_OK, fives[i], "<html>edge</html>", NULL,
		      (struct want){ SUBMIT_UNKNOWN, false, false, "the server failed" }, &r);
		assert_non_null(strstr(r.message, may));
		api_submit_result_free(&r);
	}
	check(SUBMIT_TRANSPORT_OK, 500, "{\"code\":\"get_task_failed\",\"message\":\"x\"}", NULL,
	      (struct want){ SUBMIT_UNKNOWN, false, false, may }, &r);
	api_submit_result_free(&r);
	/* 200 but unreadable, cut short, or without an id */
	check(SUBMIT_TRANSPORT_OK, 200, "<!doctype html>", NULL,
	      (struct want){ SUBMIT_UNKNOWN, false, false, "the answer could not be read" }, &r);
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 200, "{\"code\":\"success\",\"data\":\"73", NULL,
	      (struct want){ SUBMIT_UNKNOWN, false, false, "could not be read" }, &r);
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 200, "{\"code\":\"success\",\"data\":null}", NULL,
	      (struct want){ SUBMIT_UNKNOWN, false, false, "the answer held no task id" }, &r);
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 200, "{\"code\":\"success\",\"data\":\"not an id\"}", NULL,
	      (struct want){ SUBMIT_UNKNOWN, false, false, "held no task id" }, &r);
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 200, "{\"data\":\"" ID "\"}", NULL,
	      (struct want){ SUBMIT_UNKNOWN, false, false, "held no task id" }, &r);
	api_submit_result_free(&r);
	check(SUBMIT_TRANSPORT_OK, 200, "", NULL,
	      (struct want){ SUBMIT_UNKNOWN, false, false, "could not be read" }, &r);
	api_submit_result_free(&r);
}

static void test_long_message_cut(void **state)
{
	struct api_submit_result r;
	char body[2000];
	size_t n;

	(void)state;

	strcpy(body, "{\"code\":\"invalid_request\",\"message\":\"");
	n = strlen(body);
	memset(body + n, 'x', 1000);
	strcpy(body + n + 1000, "\"}");
	api_submit_classify(SUBMIT_TRANSPORT_OK, NULL, "h", 400, body, strlen(body), NULL, &r);
	assert_non_null(r.message);
	assert_true(strlen(r.message) < 400);
	assert_non_null(strstr(r.message, "x..."));
	api_submit_result_free(&r);
}

static void test_retry_schedule(void **state)
{
	struct api_submit_result r;
	double d;

	(void)state;
	api_submit_classify(SUBMIT_TRANSPORT_NOT_SENT, "refused", "h", 0, NULL, 0, NULL, &r);
	d = api_submit_retry_in(&r, 1, 0.5);
	assert_true(d >= 2 && d < 3);
	d = api_submit_retry_in(&r, 3, 0);
	assert_true(d >= 8 && d < 9);
	/* four tries in all */
	assert_true(api_submit_retry_in(&r, SUBMIT_MAX_ATTEMPTS, 0) < 0);
	api_submit_result_free(&r);

	api_submit_classify(SUBMIT_TRANSPORT_OK, NULL, "h", 429, "", 0, "1", &r);
	assert_true(api_submit_retry_in(&r, 1, 0.9) == 1);
	api_submit_result_free(&r);
	api_submit_classify(SUBMIT_TRANSPORT_OK, NULL, "h", 429, "", 0, "120", &r);
	assert_true(api_submit_retry_in(&r, 1, 0) < 0);      /* longer than we wait */
	api_submit_result_free(&r);

	/* never again by itself: accepted, unknown, refused, key rejected */
	api_submit_classify(SUBMIT_TRANSPORT_OK, NULL, "h", 200, OK_BODY, strlen(OK_BODY), NULL, &r);
	assert_true(api_submit_retry_in(&r, 1, 0) < 0);
	api_submit_result_free(&r);
	api_submit_classify(SUBMIT_TRANSPORT_BROKEN, "reset", "h", 0, NULL, 0, NULL, &r);
	assert_true(api_submit_retry_in(&r, 1, 0) < 0);
	api_submit_result_free(&r);
	api_submit_classify(SUBMIT_TRANSPORT_OK, NULL, "h", 502, "", 0, "1", &r);
	assert_true(api_submit_retry_in(&r, 1, 0) < 0);
	api_submit_result_free(&r);
	api_submit_classify(SUBMIT_TRANSPORT_OK, NULL, "h", 400, "", 0, NULL, &r);
	assert_true(api_submit_retry_in(&r, 1, 0) < 0);
	api_submit_result_free(&r);
	api_submit_classify(SUBMIT_TRANSPORT_OK, NULL, "h", 401, "", 0, NULL, &r);
	assert_true(api_submit_retry_in(&r, 1, 0) < 0);
	api_submit_result_free(&r);
	api_submit_classify(SUBMIT_TRANSPORT_TLS, "bad cert", "h", 0, NULL, 0, NULL, &r);
	assert_true(api_submit_retry_in(&r, 1, 0) < 0);
	api_submit_result_free(&r);
}

/* Not resolved, refused, or cut before anything of the request left: not
 * sent; a TLS failure: not sent, and not worth another try; anything once
 * the request may have left: broken. */
static void test_transport(void **state)
{
	CURL *fresh = curl_easy_init();

	(void)state;
	assert_non_null(fresh);
	assert_int_equal(api_submit_transport(CURLE_OK, fresh), SUBMIT_TRANSPORT_OK);
	assert_int_equal(api_submit_transport(CURLE_COULDNT_RESOLVE_HOST, fresh), SUBMIT_TRANSPORT_NOT_SENT);
	assert_int_equal(api_submit_transport(CURLE_COULDNT_RESOLVE_PROXY, fresh), SUBMIT_TRANSPORT_NOT_SENT);
	assert_int_equal(api_submit_transport(CURLE_COULDNT_CONNECT, fresh), SUBMIT_TRANSPORT_NOT_SENT);
	assert_int_equal(api_submit_transport(CURLE_PEER_FAILED_VERIFICATION, fresh), SUBMIT_TRANSPORT_TLS);
	assert_int_equal(api_submit_transport(CURLE_SSL_CONNECT_ERROR, fresh), SUBMIT_TRANSPORT_TLS);
	/* a timeout before the connection was made: nothing left */
	assert_int_equal(api_submit_transport(CURLE_OPERATION_TIMEDOUT, fresh), SUBMIT_TRANSPORT_NOT_SENT);
	curl_easy_cleanup(fresh);
}

static void test_transport_after_sending(void **state)
{
	CURL *e = curl_easy_init();
	char url[64];
	int fd[2];

	(void)state;
	/* a request that went out (to a local listener that never answers
	 * in time): every failure after that is broken, never "not sent" */
	assert_non_null(e);
	assert_int_equal(test_listen(fd, url, sizeof(url)), 0);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, "{}");
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 300L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	assert_int_equal(curl_easy_perform(e), CURLE_OPERATION_TIMEDOUT);
	assert_int_equal(api_submit_transport(CURLE_OPERATION_TIMEDOUT, e), SUBMIT_TRANSPORT_BROKEN);
	assert_int_equal(api_submit_transport(CURLE_RECV_ERROR, e), SUBMIT_TRANSPORT_BROKEN);
	assert_int_equal(api_submit_transport(CURLE_GOT_NOTHING, e), SUBMIT_TRANSPORT_BROKEN);
	curl_easy_cleanup(e);
	close(fd[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_not_sent),
		cmocka_unit_test(test_busy),
		cmocka_unit_test(test_key_rejected),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_long_message_cut),
		cmocka_unit_test(test_retry_schedule),
		cmocka_unit_test(test_transport),
		cmocka_unit_test(test_transport_after_sending),
	};

	return cmocka_run_group_tests_name("api_submit", tests, NULL, NULL);
}
