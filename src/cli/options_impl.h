/* options_impl: helpers shared by options.c and options_file.c, and nothing else.
 * Never include it outside those two files, and never put the API key in a message. */
#ifndef SUNOTOP_OPTIONS_IMPL_H
#define SUNOTOP_OPTIONS_IMPL_H

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "util.h"

#define OPTIONS_MAX_INTERVAL 86400

static inline void options_set(char **slot, const char *value)
{
	char *copy = xstrdup(value);

	free(*slot);
	*slot = copy;
}

/* A value of the environment, NULL when unset or empty. */
static inline const char *options_env(char *(*getenv_fn)(const char *), const char *name)
{
	const char *v = getenv_fn(name);

	return v && *v ? v : NULL;
}

/* Key names quoted back in messages: short and without control characters. */
static inline char *options_shown(const char *s, size_t len)
{
	char *out = xstrndup(s, len > 40 ? 40 : len);
	char *p;

	for (p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return out;
}

/* 0 = not a valid interval, -1 = above the maximum. */
static inline int options_parse_interval(const char *s)
{
	long v = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return 0;
		v = v * 10 + (*s - '0');
		if (v > OPTIONS_MAX_INTERVAL)
			return -1;
	}
	return (int)v;
}

static inline int options_parse_color(const char *s)
{
	if (strcmp(s, "auto") == 0)
		return COLOR_AUTO;
	if (strcmp(s, "always") == 0)
		return COLOR_ALWAYS;
	if (strcmp(s, "never") == 0)
		return COLOR_NEVER;
	return -1;
}

/* Defined in options_file.c. */
void options_expand_home(char **slot, char *(*getenv_fn)(const char *));
void options_free_binds(struct options *o);
int options_read_small(const char *path, const char *what, bool missing_ok,
		       char **text, char **err);

#endif
