/* text: sanitizing untrusted server text and measuring/cutting UTF-8 by
 * display width. Pure. Must never let a control or format character through. */
#ifndef SUNOTOP_TEXT_H
#define SUNOTOP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum {
	TEXT_KEEP_NEWLINES = 1 << 0,  /* keep '\n' (pane, lyrics); otherwise it becomes a space */
	TEXT_ASCII = 1 << 1,          /* replace every non-ASCII character by '?' */
};

/* Sanitize: C0 controls (except '\n' with TEXT_KEEP_NEWLINES; '\t' becomes a
 * space) and DEL are shown in caret notation ("^[", "^M", "^?"); C1 controls,
 * bidi controls (U+061C, U+200E/F, U+202A-202E, U+2066-2069), zero-width and
 * other invisible format characters (U+200B-200D, U+2060-2064, U+FEFF, U+00AD)
 * and invalid UTF-8 bytes become U+FFFD (or '?' with TEXT_ASCII). A zero-width
 * joiner between two pictographs (an emoji sequence such as a family) is
 * kept; the bytes C0 80 (a NUL from a JSON string, see jsonsafe.h) show as
 * "^@". NULL in gives "". Caller frees. */
char *text_sanitize(const char *s, int flags);
/* Same, appending into a caller buffer; returns bytes written (<= cap-1),
 * always NUL-terminates, never splits a character. */
size_t text_sanitize_buf(const char *s, int flags, char *out, size_t cap);

/* One UTF-8 character at s (NUL-terminated): its code point and byte
 * length, or -1 (length 1) for a byte that does not start a valid,
 * shortest-form sequence. */
long text_utf8_char(const char *s, size_t *len);

/* Display width of sanitized UTF-8 (wcwidth; needs setlocale). */
int text_width(const char *s);
/* Copy the longest prefix of s whose width fits `width` columns into out
 * (cap bytes); if s is cut, the last column(s) become the ellipsis ("…", or
 * "..." when ascii). Returns the width written. Never splits a character
 * or a double-width glyph. */
int text_fit(const char *s, int width, bool ascii, char *out, size_t cap);
/* Wrap s (may contain '\n') to lines of at most `width` columns, breaking at
 * spaces where possible. Calls fn for each line (not NUL-terminated: ptr+len). */
void text_wrap(const char *s, int width,
	       void (*fn)(void *ctx, const char *line, size_t len), void *ctx);

/* Why s must not be copied to the clipboard (controls, C1, bidi or
 * invisible characters, invalid UTF-8, empty), or NULL when it may. A pasted
 * '\r' would run a command; a hidden character would disguise it. */
const char *text_copy_refusal(const char *s);
/* The one rule for URLs we open, copy or download: text_copy_refusal's,
 * and an absolute http:// or https:// URL with a host and no space. NULL
 * when fine, else why not. */
const char *text_url_refusal(const char *url);

#endif
