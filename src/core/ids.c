/* ids: what a task id may look like, and splitting pasted or filed lists.
 * Pure. An id that passes here is safe to put in a URL path after escaping. */
#include "config.h"

#include "ids.h"

static bool ids_char_ok(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

bool id_valid(const char *s, size_t len, const char **reason)
{
	const char *why = NULL;
	size_t i;

	if (len == 0)
		why = "empty";
	else if (len > ID_MAX_LEN)
		why = "too long (task ids are at most 191 characters)";
	else if (s[0] == '-' || s[0] == '.')
		why = "must not start with '-' or '.'";
	for (i = 0; !why && i < len; i++)
		if (!ids_char_ok((unsigned char)s[i]))
			why = "contains a character task ids do not use (only letters, digits, '-', '_' and '.')";
	if (reason)
		*reason = why;
	return why == NULL;
}

static bool ids_is_separator(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f' || c == ',';
}

size_t ids_split(const char *text, size_t len,
		 void (*fn)(void *ctx, const char *tok, size_t toklen), void *ctx)
{
	size_t i = 0, count = 0;

	while (i < len) {
		size_t start;

		while (i < len && ids_is_separator(text[i]))
			i++;
		start = i;
		while (i < len && !ids_is_separator(text[i]))
			i++;
		if (i > start) {
			fn(ctx, text + start, i - start);
			count++;
		}
	}
	return count;
}
