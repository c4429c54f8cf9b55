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
 * and invalid UTF-8 bytes become U+FFFD (or '?' with TEXT_ASCII).
 * NULL in gives "". Caller frees. */
char *text_sanitize(const char *s, int flags);
/* Same, appending into a caller buffer; returns bytes written (<= cap-1),
 * always NUL-terminates, never splits a character. */
size_t text_sanitize_buf(const char *s, int flags, char *out, size_t cap);

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

#endif
