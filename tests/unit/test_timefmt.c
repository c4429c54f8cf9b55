/* Unit tests of timefmt: every branch of clock times, full timestamps, ages,
 * elapsed times, clip lengths and the age refresh interval, in UTC. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "timefmt.h"

/* 2023-11-14 22:13:20 UTC */
#define TEST_NOW ((int64_t)1700000000)

static void test_clock(void **state)
{
	char buf[32];

	(void)state;
	timefmt_clock(TEST_NOW - 3600, TEST_NOW, buf, sizeof(buf));
	assert_string_equal(buf, "21:13:20");
	/* Midnight of the same day is still "today". */
	timefmt_clock(1699920000, TEST_NOW, buf, sizeof(buf));
	assert_string_equal(buf, "00:00:00");
	/* One second earlier is yesterday: a date. */
	timefmt_clock(1699919999, TEST_NOW, buf, sizeof(buf));
	assert_string_equal(buf, "2023-11-13");
	timefmt_clock(0, TEST_NOW, buf, sizeof(buf));
	assert_string_equal(buf, "-");
}

static void test_full(void **state)
{
	char buf[32];

	(void)state;
	timefmt_full(TEST_NOW, buf, sizeof(buf));
	assert_string_equal(buf, "2023-11-14 22:13:20");
	timefmt_full(0, buf, sizeof(buf));
	assert_string_equal(buf, "-");
}

static void test_age_expect(int64_t delta, const char *want)
{
	char buf[32];

	timefmt_age(TEST_NOW - delta, TEST_NOW, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_age(void **state)
{
	(void)state;
	test_age_expect(0, "just now");
	test_age_expect(4, "just now");
	test_age_expect(5, "5s ago");
	test_age_expect(45, "45s ago");
	test_age_expect(59, "59s ago");
	test_age_expect(60, "1m ago");
	test_age_expect(12 * 60 + 59, "12m ago");
	test_age_expect(3 * 3600 + 1800, "3h ago");
	test_age_expect(5 * 86400 + 7200, "5d ago");
	test_age_expect(-10, "in 10s");
	test_age_expect(-180, "in 3m");
	test_age_expect(-7200, "in 2h");
}

static void test_elapsed_expect(int64_t secs, const char *want)
{
	char buf[32];

	timefmt_elapsed(secs, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_elapsed(void **state)
{
	(void)state;
	test_elapsed_expect(0, "0s");
	test_elapsed_expect(42, "42s");
	test_elapsed_expect(185, "3m05s");
	test_elapsed_expect(3720, "1h02m");
	test_elapsed_expect(2 * 86400 + 3 * 3600 + 59, "2d03h");
	test_elapsed_expect(-5, "0s");
}

static void test_mss_expect(double secs, const char *want)
{
	char buf[32];

	timefmt_mss(secs, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_mss(void **state)
{
	(void)state;
	test_mss_expect(128.92, "2:08");
	test_mss_expect(0, "0:00");
	test_mss_expect(59.999, "0:59");
	test_mss_expect(3723, "1:02:03");
	test_mss_expect(-1, "-:--");
}

static void test_next_change(void **state)
{
	(void)state;
	assert_int_equal(timefmt_age_next_change(0), 1);
	assert_int_equal(timefmt_age_next_change(59), 1);
	assert_int_equal(timefmt_age_next_change(60), 60);
	assert_int_equal(timefmt_age_next_change(61), 59);
	assert_int_equal(timefmt_age_next_change(119), 1);
	assert_int_equal(timefmt_age_next_change(7201), 59);
	assert_int_equal(timefmt_age_next_change(86400 * 3), 60);
}

static void test_small_buffer(void **state)
{
	char buf[4] = "xxx";

	(void)state;
	timefmt_full(TEST_NOW, buf, sizeof(buf));
	assert_string_equal(buf, "");
	timefmt_age(TEST_NOW - 45, TEST_NOW, buf, sizeof(buf));
	assert_string_equal(buf, "45s");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_elapsed),
		cmocka_unit_test(test_mss),
		cmocka_unit_test(test_next_change),
		cmocka_unit_test(test_small_buffer),
	};

	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests_name("timefmt", tests, NULL, NULL);
}
