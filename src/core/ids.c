/* ids: what a task id may look like, and splitting pasted or filed lists.
 * Pure. An id that passes here is safe to put in a URL path after escaping. */
#include "config.h"

#include <string.h>

#include "ids.h"

static bool ids_is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool ids_all(const char *s, size_t len, bool (*ok)(unsigned char))
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!ok((unsigned char)s[i]))
			return false;
	return true;
}

static bool ids_char_ok(unsigned char c)
{
	return ids_is_alnum(c) || c == '-' || c == '_';
}

static bool ids_char_ok_old(unsigned char c)
{
	return ids_char_ok(c) || c == '.';
}

bool id_valid(const char *s, size_t len, const char **reason)
{
	const char *why = NULL;

	/* The API's own ids (dashed UUIDs, 32 hex digits, task_ + 32 letters
	 * or digits) are all 32 or more of these characters; anything shorter
	 * than 8 is a word or a number from the text around them. */
	if (len == 0)
		why = "empty";
	else if (len > ID_MAX_LEN)
		why = "too long (task ids are at most 191 characters)";
	else if (s[0] == '-' || s[0] == '.')
		why = "must not start with '-' or '.'";
	else if (!ids_all(s, len, ids_char_ok))
		why = "contains a character task ids do not use (only letters, digits, '-' and '_')";
	else if (len < ID_MIN_LEN)
		why = "too short (task ids are UUIDs, 32 hex digits, or at least 8 characters)";
	if (reason)
		*reason = why;
	return why == NULL;
}

bool id_safe(const char *s, size_t len)
{
	return len > 0 && len <= ID_MAX_LEN && s[0] != '-' && s[0] != '.' &&
	       ids_all(s, len, ids_char_ok_old);
}

/* Bytes of separator at text[i], 0 if none: ASCII white space and commas,
 * and in UTF-8 the full-width comma, colon and semicolon, the ideographic
 * comma and the ideographic space, which text copied from Chinese or
 * Japanese pages puts between ids and their labels. */
static size_t ids_separator_len(const char *text, size_t len, size_t i)
{
	static const char *const wide[] = {
		"\xef\xbc\x8c",   /* U+FF0C FULLWIDTH COMMA */
		"\xe3\x80\x81",   /* U+3001 IDEOGRAPHIC COMMA */
		"\xef\xbc\x9a",   /* U+FF1A FULLWIDTH COLON */
		"\xef\xbc\x9b",   /* U+FF1B FULLWIDTH SEMICOLON */
		"\xe3\x80\x80",   /* U+3000 IDEOGRAPHIC SPACE */
	};
	char c = text[i];
	size_t k;

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f' || c == ',')
		return 1;
	if (len - i < 3)
		return 0;
	for (k = 0; k < sizeof(wide) / sizeof(wide[0]); k++)
		if (memcmp(text + i, wide[k], 3) == 0)
			return 3;
	return 0;
}

size_t ids_split(const char *text, size_t len,
		 void (*fn)(void *ctx, const char *tok, size_t toklen), void *ctx)
{
	size_t i = 0, count = 0, sep;

	while (i < len) {
		size_t start;

		while (i < len && (sep = ids_separator_len(text, len, i)) > 0)
			i += sep;
		start = i;
		while (i < len && ids_separator_len(text, len, i) == 0)
			i++;
		if (i > start) {
			fn(ctx, text + start, i - start);
			count++;
		}
	}
	return count;
}
