#include "config.h"
/* timefmt: timestamps, ages and durations as text. Pure (local time zone).
 * Must never read the clock itself: callers pass "now", so tests are exact. */

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "timefmt.h"

static void timefmt_copy(char *buf, size_t n, const char *s)
{
	if (n)
		snprintf(buf, n, "%s", s);
}

/* localtime_r wrapper; false when the value does not fit a struct tm. */
static bool timefmt_local(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	return localtime_r(&tt, tm) != NULL;
}

void timefmt_clock(int64_t t, int64_t now, char *buf, size_t n)
{
	struct tm tm, tn;

	if (t == 0 || !timefmt_local(t, &tm)) {
		timefmt_copy(buf, n, "-");
		return;
	}
	if (timefmt_local(now, &tn) && tm.tm_year == tn.tm_year && tm.tm_yday == tn.tm_yday) {
		if (n && strftime(buf, n, "%H:%M:%S", &tm) == 0)
			buf[0] = '\0';
	} else if (n && strftime(buf, n, "%Y-%m-%d", &tm) == 0) {
		buf[0] = '\0';
	}
}

void timefmt_full(int64_t t, char *buf, size_t n)
{
	struct tm tm;

	if (t == 0 || !timefmt_local(t, &tm)) {
		timefmt_copy(buf, n, "-");
		return;
	}
	if (n && strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		buf[0] = '\0';
}

/* The largest whole unit of d (>= 0) for an age: "45s", "12m", "3h", "5d". */
static void timefmt_unit(int64_t d, char *out, size_t n)
{
	if (d < 60)
		snprintf(out, n, "%llds", (long long)d);
	else if (d < 3600)
		snprintf(out, n, "%lldm", (long long)(d / 60));
	else if (d < 86400)
		snprintf(out, n, "%lldh", (long long)(d / 3600));
	else
		snprintf(out, n, "%lldd", (long long)(d / 86400));
}

void timefmt_age(int64_t t, int64_t now, char *buf, size_t n)
{
	int64_t d = now - t;
	char unit[32];

	if (n == 0)
		return;
	if (d >= 0 && d < 5) {
		timefmt_copy(buf, n, "just now");
	} else if (d >= 0) {
		timefmt_unit(d, unit, sizeof(unit));
		snprintf(buf, n, "%s ago", unit);
	} else {
		timefmt_unit(-d, unit, sizeof(unit));
		snprintf(buf, n, "in %s", unit);
	}
}

void timefmt_elapsed(int64_t secs, char *buf, size_t n)
{
	long long s = secs < 0 ? 0 : (long long)secs;

	if (n == 0)
		return;
	if (s < 60)
		snprintf(buf, n, "%llds", s);
	else if (s < 3600)
		snprintf(buf, n, "%lldm%02llds", s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, n, "%lldh%02lldm", s / 3600, s % 3600 / 60);
	else
		snprintf(buf, n, "%lldd%02lldh", s / 86400, s % 86400 / 3600);
}

void timefmt_mss(double secs, char *buf, size_t n)
{
	long long s;

	if (n == 0)
		return;
	/* NaN and absurd values are "unknown" too. */
	if (!(secs >= 0) || secs > 1e12) {
		timefmt_copy(buf, n, "-:--");
		return;
	}
	/* Round down, as players do: 128.92 s shows as 2:08. */
	s = (long long)secs;
	if (s >= 3600)
		snprintf(buf, n, "%lld:%02lld:%02lld", s / 3600, s % 3600 / 60, s % 60);
	else
		snprintf(buf, n, "%lld:%02lld", s / 60, s % 60);
}

int timefmt_age_next_change(int64_t age)
{
	int64_t left;

	/* Seconds tick every second; "just now" too, so it turns into "5s ago". */
	if (age < 60)
		return 1;
	/* Beyond that the text changes on a minute boundary at the latest; hours
	 * and days change less often, but a minute is a cheap upper bound. */
	left = 60 - age % 60;
	return left > 60 ? 60 : (int)left;
}
