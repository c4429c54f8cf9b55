#include "config.h"
/* jsonsafe: key scrubbing on the parsed tree, NUL-carrying string copies,
 * and the UTF-8 clean-up of the JSON we write. Pure. */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "jsonsafe.h"
#include "text.h"
#include "util.h"

/* A string with every copy of secret replaced by "***", or NULL when it
 * holds none. */
static char *jsonsafe_scrubbed(const char *s, size_t len, const char *secret, size_t slen,
			       size_t *out_len)
{
	struct strbuf sb;
	const char *p = s, *end = s + len, *hit;

	if (!memmem(s, len, secret, slen))
		return NULL;
	strbuf_init(&sb);
	while ((hit = memmem(p, (size_t)(end - p), secret, slen)) != NULL) {
		strbuf_add(&sb, p, (size_t)(hit - p));
		strbuf_adds(&sb, "***");
		p = hit + slen;
	}
	strbuf_add(&sb, p, (size_t)(end - p));
	*out_len = sb.len;
	return strbuf_detach(&sb);
}

void jsonsafe_scrub(void *root, const char *secret)
{
	struct json_object **stack = NULL, *o;
	size_t n = 0, cap = 0, slen = secret ? strlen(secret) : 0, i, len;
	char *clean;

	if (!root || slen == 0)
		return;
	/* A list of nodes still to visit rather than recursion: the depth is
	 * bounded by the parser anyway, the stack by the number of nodes. */
	stack = xrealloc(stack, (cap = 64) * sizeof(*stack));
	stack[n++] = root;
	while (n > 0) {
		o = stack[--n];
		if (json_object_is_type(o, json_type_string)) {
			clean = jsonsafe_scrubbed(json_object_get_string(o),
						  (size_t)json_object_get_string_len(o), secret, slen, &len);
			if (clean)
				json_object_set_string_len(o, clean, (int)len);
			free(clean);
			continue;
		}
		if (json_object_is_type(o, json_type_array)) {
			size_t m = json_object_array_length(o);

			for (i = 0; i < m; i++) {
				struct json_object *e = json_object_array_get_idx(o, i);

				if (!e)
					continue;
				if (n == cap)
					stack = xrealloc(stack, (cap *= 2) * sizeof(*stack));
				stack[n++] = e;
			}
		} else if (json_object_is_type(o, json_type_object)) {
			json_object_object_foreach(o, key, val) {
				(void)key;
				if (!val)
					continue;
				if (n == cap)
					stack = xrealloc(stack, (cap *= 2) * sizeof(*stack));
				stack[n++] = val;
			}
		}
	}
	free(stack);
}

char *jsonsafe_strndup(const char *s, size_t len)
{
	struct strbuf sb;
	size_t i, n;
	bool plain;
	long cp;
	/* A terminated copy: the decoder never reads past len (a NUL, in the
	 * copy or at its end, is no continuation byte). */
	char *t = xmalloc(len + 1);

	memcpy(t, s, len);
	t[len] = '\0';
	/* the common case: valid UTF-8 without a NUL is kept as it is */
	plain = !memchr(t, '\0', len);
	for (i = 0; plain && i < len; i += n) {
		n = 1;
		if ((unsigned char)t[i] >= 0x80)   /* ASCII needs no decoding */
			plain = text_utf8_char(t + i, &n) >= 0;
	}
	if (plain)
		return t;
	strbuf_init(&sb);
	for (i = 0; i < len; i += n) {
		n = 1;
		if (t[i] == '\0') {
			strbuf_add(&sb, "\xc0\x80", 2);
			continue;
		}
		cp = text_utf8_char(t + i, &n);
		if (cp < 0) {
			strbuf_add(&sb, "\xef\xbf\xbd", 3);
			n = 1;
		} else {
			strbuf_add(&sb, t + i, n);
		}
	}
	free(t);
	return strbuf_detach(&sb);
}

/* Characters written as \u escapes: a terminal or editor showing the JSON
 * would act on them or reorder the text around them. */
static bool jsonsafe_escaped(long cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x61c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

char *jsonsafe_text(const char *json)
{
	const unsigned char *p = (const unsigned char *)(json ? json : "");
	struct strbuf sb;
	size_t len;
	long cp;

	strbuf_init(&sb);
	while (*p) {
		if (*p < 0x80) {
			size_t run = 1;

			while (p[run] && p[run] < 0x80)
				run++;
			strbuf_add(&sb, (const char *)p, run);
			p += run;
			continue;
		}
		if (p[0] == 0xc0 && p[1] == 0x80) {
			strbuf_adds(&sb, "\\u0000");
			p += 2;
			continue;
		}
		cp = text_utf8_char((const char *)p, &len);
		if (cp < 0)
			strbuf_adds(&sb, "\xef\xbf\xbd");
		else if (jsonsafe_escaped(cp))
			strbuf_addf(&sb, "\\u%04lx", cp);
		else
			strbuf_add(&sb, (const char *)p, len);
		p += len;
	}
	return strbuf_detach(&sb);
}
