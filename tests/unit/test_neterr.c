/* Unit tests for naming failed transfers in words. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "neterr.h"

static void test_connect(void **state)
{
	(void)state;
	assert_string_equal(neterr_words(CURLE_COULDNT_CONNECT, ECONNREFUSED), "connection refused");
	assert_string_equal(neterr_words(CURLE_COULDNT_CONNECT, ENETUNREACH), "network unreachable");
	assert_string_equal(neterr_words(CURLE_COULDNT_CONNECT, EHOSTUNREACH), "host unreachable");
	assert_string_equal(neterr_words(CURLE_COULDNT_CONNECT, ETIMEDOUT), "timed out connecting");
	assert_string_equal(neterr_words(CURLE_COULDNT_CONNECT, 0), "could not connect");
	assert_string_equal(neterr_words(CURLE_COULDNT_RESOLVE_HOST, 0), "could not resolve host");
	assert_string_equal(neterr_words(CURLE_OPERATION_TIMEDOUT, 0), "timed out");
}

static void test_lost(void **state)
{
	(void)state;
	assert_string_equal(neterr_words(CURLE_RECV_ERROR, ECONNRESET), "connection reset by the server");
	assert_string_equal(neterr_words(CURLE_SEND_ERROR, EPIPE), "connection closed by the server");
	assert_string_equal(neterr_words(CURLE_RECV_ERROR, 0), "connection lost");
	assert_string_equal(neterr_words(CURLE_GOT_NOTHING, 0),
			    "the server closed the connection without answering");
	assert_string_equal(neterr_words(CURLE_PARTIAL_FILE, 0), "the answer was cut short");
}

static void test_tls(void **state)
{
	(void)state;
	assert_true(neterr_is_tls(CURLE_PEER_FAILED_VERIFICATION));
	assert_true(neterr_is_tls(CURLE_SSL_CONNECT_ERROR));
	assert_false(neterr_is_tls(CURLE_COULDNT_CONNECT));
	assert_string_equal(neterr_words(CURLE_PEER_FAILED_VERIFICATION, 0),
			    "TLS: the server's certificate is not trusted");
	assert_string_equal(neterr_words(CURLE_SSL_CONNECT_ERROR, ECONNRESET), "TLS: the handshake failed");
	assert_string_equal(neterr_words(CURLE_SSL_CACERT_BADFILE, 0), "TLS: cannot read the CA certificates");
}

/* A code without words of its own still says something, never NULL or "". */
static void test_unnamed(void **state)
{
	const char *w = neterr_words(CURLE_BAD_FUNCTION_ARGUMENT, 0);

	(void)state;
	assert_non_null(w);
	assert_string_equal(w, curl_easy_strerror(CURLE_BAD_FUNCTION_ARGUMENT));
	assert_true(strlen(w) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_connect),
		cmocka_unit_test(test_lost),
		cmocka_unit_test(test_tls),
		cmocka_unit_test(test_unnamed),
	};
	return cmocka_run_group_tests_name("neterr", tests, NULL, NULL);
}
