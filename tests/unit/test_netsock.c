/* Unit tests of netsock's address rule for downloads: link-local and cloud
 * metadata always refused, private and loopback only when the API itself
 * is on such an address. Addresses only: nothing here connects anywhere. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <string.h>

#include "netsock.h"

static bool test_allowed(const char *addr, bool allow_private)
{
	struct sockaddr_in in4 = { .sin_family = AF_INET };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
	char why[96] = "";

	if (inet_pton(AF_INET, addr, &in4.sin_addr) == 1)
		return netsock_allowed((struct sockaddr *)&in4, sizeof(in4), allow_private,
				       why, sizeof(why));
	assert_int_equal(inet_pton(AF_INET6, addr, &in6.sin6_addr), 1);
	return netsock_allowed((struct sockaddr *)&in6, sizeof(in6), allow_private, why, sizeof(why));
}

static void test_never(void **state)
{
	static const char *never[] = {
		"169.254.169.254", "169.254.0.1", "169.254.255.255", "fe80::1", "febf::1",
		"::ffff:169.254.169.254", "fd00:ec2::254",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(never) / sizeof(never[0]); i++) {
		assert_false(test_allowed(never[i], false));
		assert_false(test_allowed(never[i], true));
	}
}

static void test_private(void **state)
{
	static const char *priv[] = {
		"10.0.0.1", "172.16.0.1", "172.31.255.254", "192.168.1.1", "100.64.0.1",
		"127.0.0.1", "127.8.9.10", "0.0.0.0", "::1", "::", "fc00::1", "fd12:3456::1",
		"::ffff:10.1.2.3", "::ffff:127.0.0.1", "224.0.0.1",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(priv) / sizeof(priv[0]); i++) {
		assert_false(test_allowed(priv[i], false));
		assert_true(test_allowed(priv[i], true));
	}
}

static void test_public(void **state)
{
	static const char *pub[] = {
		"1.1.1.1", "172.15.255.255", "172.32.0.1", "192.169.0.1", "100.128.0.1",
		"169.253.1.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pub) / sizeof(pub[0]); i++) {
		assert_true(test_allowed(pub[i], false));
		assert_true(test_allowed(pub[i], true));
	}
}

static void test_reason(void **state)
{
	struct sockaddr_in in4 = { .sin_family = AF_INET };
	char why[96];

	(void)state;
	inet_pton(AF_INET, "169.254.169.254", &in4.sin_addr);
	assert_false(netsock_allowed((struct sockaddr *)&in4, sizeof(in4), true, why, sizeof(why)));
	assert_string_equal(why, "refused to connect to 169.254.169.254, a link-local address");
}

static void test_api_host(void **state)
{
	(void)state;
	assert_true(netsock_url_is_private("http://127.0.0.1:8080"));
	assert_true(netsock_url_is_private("http://localhost/x"));
	assert_true(netsock_url_is_private("https://[::1]:443/"));
	assert_true(netsock_url_is_private("https://user@10.1.2.3/api"));
	assert_true(netsock_url_is_private("http://192.168.0.10"));
	assert_false(netsock_url_is_private("https://api.cometapi.com"));
	assert_false(netsock_url_is_private("https://8.8.8.8"));
	assert_false(netsock_url_is_private("https://169.254.169.254"));
	assert_false(netsock_url_is_private("https://localhost.example"));
	assert_false(netsock_url_is_private("nonsense"));
	assert_false(netsock_url_is_private(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_never),
		cmocka_unit_test(test_private),
		cmocka_unit_test(test_public),
		cmocka_unit_test(test_reason),
		cmocka_unit_test(test_api_host),
	};

	return cmocka_run_group_tests_name("netsock", tests, NULL, NULL);
}
