/* timefmt: timestamps, ages and durations as text. Pure (local time zone). */
#ifndef SUNOTOP_TIMEFMT_H
#define SUNOTOP_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

/* "HH:MM:SS" when t is on the same local day as now, else "YYYY-MM-DD";
 * "-" when t == 0. */
void timefmt_clock(int64_t t, int64_t now, char *buf, size_t n);
/* "YYYY-MM-DD HH:MM:SS" local; "-" when t == 0. */
void timefmt_full(int64_t t, char *buf, size_t n);
/* Relative age: "just now", "45s ago", "12m ago", "3h ago", "5d ago";
 * "in 10s" for the future. */
void timefmt_age(int64_t t, int64_t now, char *buf, size_t n);
/* Compact elapsed time: "42s", "3m05s", "1h02m", "2d03h". */
void timefmt_elapsed(int64_t secs, char *buf, size_t n);
/* Clip length "m:ss" (or "h:mm:ss"); "-:--" when secs < 0. */
void timefmt_mss(double secs, char *buf, size_t n);
/* Seconds until the next change of any text timefmt_age() would give for an
 * age of `age` seconds (1 under a minute, up to 60 beyond). */
int timefmt_age_next_change(int64_t age);

#endif
