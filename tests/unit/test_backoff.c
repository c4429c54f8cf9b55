/* Unit tests for the retry schedule and Retry-After parsing. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "backoff.h"

static void test_schedule(void **state)
{
	(void)state;
	/* min(30, 2^attempt) + jitter in [0, 1). */
	assert_float_equal(backoff_delay(1, -1, 0), 2.0, 1e-9);
	assert_float_equal(backoff_delay(2, -1, 0), 4.0, 1e-9);
	assert_float_equal(backoff_delay(3, -1, 0), 8.0, 1e-9);
	assert_float_equal(backoff_delay(4, -1, 0), 16.0, 1e-9);
	assert_float_equal(backoff_delay(5, -1, 0), 30.0, 1e-9);
	assert_float_equal(backoff_delay(6, -1, 0), 30.0, 1e-9);
	assert_float_equal(backoff_delay(1000, -1, 0), 30.0, 1e-9);
	assert_float_equal(backoff_delay(3, -1, 0.5), 8.5, 1e-9);
	assert_true(backoff_delay(5, -1, 0.999999) < 31.0);
	/* Nonsense in gives a sane wait. */
	assert_float_equal(backoff_delay(0, -1, 0), 2.0, 1e-9);
	assert_float_equal(backoff_delay(-7, -1, 2.0), 2.999, 1e-9);
	assert_float_equal(backoff_delay(2, -1, NAN), 4.0, 1e-9);
}

/* The whole schedule at both ends of the jitter range. */
static void test_schedule_table(void **state)
{
	static const double base[] = { 2, 4, 8, 16, 30, 30 };
	int attempt;

	(void)state;
	for (attempt = 1; attempt <= 6; attempt++) {
		assert_float_equal(backoff_delay(attempt, -1, 0), base[attempt - 1], 1e-9);
		assert_float_equal(backoff_delay(attempt, -1, 0.999), base[attempt - 1] + 0.999, 1e-9);
	}
	assert_int_equal(BACKOFF_MAX_ATTEMPTS, 5);
}

static void test_retry_after_wins(void **state)
{
	(void)state;
	assert_float_equal(backoff_delay(1, 2.0, 0.7), 2.0, 1e-9);
	assert_float_equal(backoff_delay(5, 0.0, 0.7), 0.0, 1e-9);
	assert_float_equal(backoff_delay(1, 1e6, 0), BACKOFF_RETRY_AFTER_CAP, 1e-9);
}

static void test_parse(void **state)
{
	const long long now = 784111777;   /* Sun, 06 Nov 1994 08:49:37 GMT */

	(void)state;
	assert_float_equal(backoff_parse_retry_after("2", now), 2.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after(" 120 ", now), 120.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("0", now), 0.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after(NULL, now), -1.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("", now), -1.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("soon", now), -1.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("5x", now), -1.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("-3", now), -1.0, 1e-9);
	/* Only plain digits are delta-seconds. */
	assert_float_equal(backoff_parse_retry_after("0x10", now), -1.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("1e3", now), -1.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("1.5", now), -1.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("1 2", now), -1.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("\t45\r\n", now), 45.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("99999999999999999999", now), 1e9, 1e-9);
	/* An HTTP-date is relative to now, whatever the Retry-After cap. */
	assert_float_equal(backoff_parse_retry_after("Sun, 06 Nov 1994 09:49:37 GMT", now), 3600.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), 0.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("Sun, 32 Nov 1994 08:49:37 GMT", now), -1.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("Sun, 06 Nov 1994 08:49:37", now), -1.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now), 30.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), 0.0, 1e-9);
	assert_float_equal(backoff_parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT junk", now), -1.0, 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schedule),
		cmocka_unit_test(test_schedule_table),
		cmocka_unit_test(test_retry_after_wins),
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests_name("backoff", tests, NULL, NULL);
}
