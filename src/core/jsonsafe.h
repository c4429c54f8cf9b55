/* jsonsafe: the string-level rules of the JSON we read and write. Every
 * server string has the API key scrubbed at the parse boundary; a NUL
 * inside a string is carried as the two bytes C0 80 (our strings are
 * NUL-terminated) and written back as \u0000; what we write is always
 * valid UTF-8 with C1, bidi and line-separator characters as \u escapes.
 * Pure. */
#ifndef SUNOTOP_JSONSAFE_H
#define SUNOTOP_JSONSAFE_H

#include <stddef.h>

/* Replaces every copy of secret in every string value of the json-c tree
 * (a json_object *) by "***". NULL root or empty secret: nothing. */
void jsonsafe_scrub(void *root, const char *secret);

/* A copy of a JSON string value of len bytes, with each NUL as C0 80 and
 * each invalid UTF-8 byte as U+FFFD: a string we keep is valid UTF-8 but
 * for that one marker. Caller frees. */
char *jsonsafe_strndup(const char *s, size_t len);

/* JSON text as json-c wrote it made safe to hand on: invalid UTF-8 bytes
 * become U+FFFD, C1 controls, bidi controls and U+2028/U+2029 become \uXXXX,
 * and C0 80 becomes \u0000. The rest (ASCII structure, json-c's own
 * escapes, valid characters) is unchanged. Caller frees. */
char *jsonsafe_text(const char *json);

#endif
