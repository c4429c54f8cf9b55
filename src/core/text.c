#include "config.h"
/* text: sanitizing untrusted server text and measuring/cutting UTF-8 by
 * display width. Pure. Must never let a control or format character through. */

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "text.h"
#include "util.h"

#define TEXT_BAD (-1L)

/* Decode one UTF-8 character at s (NUL-terminated). Returns the code point,
 * or TEXT_BAD for an invalid byte; *len is the bytes consumed (1 when bad,
 * so each bad byte is replaced on its own and decoding resynchronizes).
 * Overlong forms, surrogates, values above U+10FFFF and truncated sequences
 * are all invalid: terminals disagree about them, so none may pass. */
static long text_decode(const unsigned char *s, size_t *len)
{
	unsigned char c = s[0];
	long cp, min;
	size_t need, i;

	*len = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1; cp = c & 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2; cp = c & 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3; cp = c & 0x07; min = 0x10000;
	} else {
		return TEXT_BAD;
	}
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return TEXT_BAD;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return TEXT_BAD;
	*len = need + 1;
	return cp;
}

long text_utf8_char(const char *s, size_t *len)
{
	return text_decode((const unsigned char *)s, len);
}

/* Characters a terminal would act on or hide rather than show: C1 controls,
 * bidi overrides and isolates, zero-width and other invisible format
 * characters, line/paragraph separators and tag characters. They could
 * reorder or disguise what the user reads, so they become U+FFFD. The
 * blank "fillers" (combining grapheme joiner, Hangul and Khmer fillers,
 * musical-symbol format characters) print nothing visible either and are
 * a known way to make two titles or ids look the same. */
static bool text_is_hidden(long cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0xad || cp == 0x34f ||
	       cp == 0x61c || cp == 0x115f || cp == 0x1160 ||
	       cp == 0x17b4 || cp == 0x17b5 || cp == 0x180e ||
	       (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206f) ||
	       cp == 0x3164 || cp == 0xfeff || cp == 0xffa0 ||
	       (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0x1d173 && cp <= 0x1d17a) ||
	       (cp >= 0xe0000 && cp <= 0xe007f);
}

/* Pictographs that join into one emoji (a family, a profession): the
 * joiner U+200D between two of them is part of the picture, not a hidden
 * character, and is kept. prev may also be a variation selector or a skin
 * tone, which come between a pictograph and the joiner. */
static bool text_is_pictograph(long cp)
{
	return (cp >= 0x2300 && cp <= 0x23ff) || (cp >= 0x2600 && cp <= 0x27bf) ||
	       (cp >= 0x2b00 && cp <= 0x2bff) || (cp >= 0x1f000 && cp <= 0x1faff);
}

static bool text_keeps_joiner(long prev, const unsigned char *next)
{
	size_t n;

	return (text_is_pictograph(prev) || prev == 0xfe0f) &&
	       text_is_pictograph(text_decode(next, &n));
}

/* What to print for the character at s (prev: the code point before it,
 * -1 at the start): fills rep (at most 4 bytes) and returns its length;
 * *len gets the input bytes consumed, *cp the code point. */
static size_t text_replace(const unsigned char *s, long prev, int flags, char *rep,
			   size_t *len, long *cpp)
{
	long cp = text_decode(s, len);

	*cpp = cp;
	if (s[0] == 0xc0 && s[1] == 0x80) {
		/* a NUL the server put inside a string (see jsonsafe.h) */
		*len = 2;
		memcpy(rep, "^@", 2);
		return 2;
	}
	if (cp == 0x200d && text_keeps_joiner(prev, s + *len) && !(flags & TEXT_ASCII)) {
		memcpy(rep, s, *len);
		return *len;
	}
	if (cp == TEXT_BAD || text_is_hidden(cp)) {
		if (flags & TEXT_ASCII) {
			rep[0] = '?';
			return 1;
		}
		memcpy(rep, "\xef\xbf\xbd", 3);
		return 3;
	}
	if (cp == '\n' && (flags & TEXT_KEEP_NEWLINES)) {
		rep[0] = '\n';
		return 1;
	}
	if (cp == '\n' || cp == '\t') {
		rep[0] = ' ';
		return 1;
	}
	if (cp < 0x20 || cp == 0x7f) {
		rep[0] = '^';
		rep[1] = cp == 0x7f ? '?' : (char)(cp + 0x40);
		return 2;
	}
	if (cp >= 0x80 && (flags & TEXT_ASCII)) {
		rep[0] = '?';
		return 1;
	}
	memcpy(rep, s, *len);
	return *len;
}

char *text_sanitize(const char *s, int flags)
{
	struct strbuf sb;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	char rep[4];
	size_t len, n;
	long prev = -1;

	strbuf_init(&sb);
	while (*p) {
		n = text_replace(p, prev, flags, rep, &len, &prev);
		strbuf_add(&sb, rep, n);
		p += len;
	}
	return strbuf_detach(&sb);
}

size_t text_sanitize_buf(const char *s, int flags, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	char rep[4];
	size_t len, n, used = 0;
	long prev = -1;

	if (cap == 0)
		return 0;
	while (*p) {
		n = text_replace(p, prev, flags, rep, &len, &prev);
		if (used + n > cap - 1)
			break;
		memcpy(out + used, rep, n);
		used += n;
		p += len;
	}
	out[used] = '\0';
	return used;
}

/* One character of s (at most `avail` bytes): its byte length (>= 1) and
 * display width in *w. Undecodable or non-printable input counts as one
 * column so that a cursor never stalls on it. */
static size_t text_char(const char *s, size_t avail, int *w)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int cw;

	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, avail, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*w = 1;
		return 1;
	}
	cw = wcwidth(wc);
	*w = cw < 0 ? 1 : cw;
	return n;
}

int text_width(const char *s)
{
	size_t len, i = 0, n;
	int w, total = 0;

	if (!s)
		return 0;
	len = strlen(s);
	while (i < len) {
		n = text_char(s + i, len - i, &w);
		total += w;
		i += n;
	}
	return total;
}

/* Longest prefix of s (len bytes) of at most `width` columns and `maxbytes`
 * bytes; stops before a glyph that would straddle the edge. */
static size_t text_prefix(const char *s, size_t len, int width, size_t maxbytes, int *used)
{
	size_t i = 0, n;
	int w;

	*used = 0;
	while (i < len) {
		n = text_char(s + i, len - i, &w);
		if (*used + w > width || i + n > maxbytes)
			break;
		*used += w;
		i += n;
	}
	return i;
}

int text_fit(const char *s, int width, bool ascii, char *out, size_t cap)
{
	const char *ell = ascii ? "..." : "\xe2\x80\xa6";
	size_t len, keep, ell_len;
	int used, ell_w;

	if (cap == 0)
		return 0;
	out[0] = '\0';
	if (!s || width <= 0)
		return 0;
	len = strlen(s);
	keep = text_prefix(s, len, width, cap - 1, &used);
	if (keep == len) {
		memcpy(out, s, len);
		out[len] = '\0';
		return used;
	}
	/* Cut: give the ellipsis its columns first. In ASCII a column too
	 * narrow for "..." gets as many dots as fit. */
	ell_w = ascii ? (width < 3 ? width : 3) : 1;
	ell_len = ascii ? (size_t)ell_w : strlen(ell);
	if (ell_len > cap - 1)
		return 0;
	keep = text_prefix(s, len, width - ell_w, cap - 1 - ell_len, &used);
	memcpy(out, s, keep);
	memcpy(out + keep, ell, ell_len);
	out[keep + ell_len] = '\0';
	return used + ell_w;
}

/* Wrap one line without '\n'. Greedy: take characters while they fit,
 * remembering the last space; on overflow break there, or hard-break the
 * word by display width when the line has no space. */
static void text_wrap_line(const char *s, size_t len, int width,
			   void (*fn)(void *ctx, const char *line, size_t len), void *ctx)
{
	size_t start = 0, i, n, space, end;
	bool have_space;
	int used, w;

	if (len == 0) {
		fn(ctx, s, 0);
		return;
	}
	while (start < len) {
		i = start;
		used = 0;
		have_space = false;
		space = start;
		while (i < len) {
			n = text_char(s + i, len - i, &w);
			if (used + w > width && i > start)
				break;
			if (s[i] == ' ' && i > start) {
				have_space = true;
				space = i;
			}
			used += w;
			i += n;
		}
		if (i >= len) {
			fn(ctx, s + start, len - start);
			return;
		}
		end = i;
		if (have_space && s[i] != ' ')
			end = i = space;
		/* A soft break drops the spaces on both sides of it. */
		while (end > start && s[end - 1] == ' ' && s[i] == ' ')
			end--;
		if (end > start)
			fn(ctx, s + start, end - start);
		/* The spaces at a break are the break itself. */
		while (i < len && s[i] == ' ')
			i++;
		start = i;
	}
}

void text_wrap(const char *s, int width,
	       void (*fn)(void *ctx, const char *line, size_t len), void *ctx)
{
	const char *nl;

	if (!s || !*s)
		return;
	if (width < 1)
		width = 1;
	while (*s) {
		nl = strchr(s, '\n');
		if (!nl) {
			text_wrap_line(s, strlen(s), width, fn, ctx);
			return;
		}
		text_wrap_line(s, (size_t)(nl - s), width, fn, ctx);
		s = nl + 1;
	}
}

const char *text_copy_refusal(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len;
	long cp;

	if (!s || !*s)
		return "there is nothing to copy";
	for (; *p; p += len) {
		cp = text_decode(p, &len);
		if (cp == TEXT_BAD)
			return "it is not valid UTF-8";
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
			return "it holds control characters";
		if (text_is_hidden(cp))
			return "it holds invisible or bidi characters";
	}
	return NULL;
}

const char *text_url_refusal(const char *url)
{
	const char *why = text_copy_refusal(url), *host;

	if (why)
		return why;
	if (strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else
		return "it is not an http(s) URL";
	if (!*host || *host == '/' || strchr(url, ' '))
		return "it is not a well-formed http(s) URL";
	return NULL;
}
