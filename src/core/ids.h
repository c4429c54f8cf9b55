/* ids: task id validation and splitting of pasted/filed lists. Pure. */
#ifndef SUNOTOP_IDS_H
#define SUNOTOP_IDS_H

#include <stdbool.h>
#include <stddef.h>

#define ID_MAX_LEN 191
#define ID_MIN_LEN 8

/* What a new id (typed, pasted, given or filed) must look like:
 * ID_MIN_LEN..ID_MAX_LEN bytes of [A-Za-z0-9_-], not starting with '-'. The
 * API's shapes (a dashed UUID, 32 hex digits, task_ + 32 letters or digits)
 * all qualify; words and numbers from the text around ids do not.
 * On failure *reason (if non-NULL) gets a static English reason. */
bool id_valid(const char *s, size_t len, const char **reason);

/* The older, looser rule (1..ID_MAX_LEN bytes of [A-Za-z0-9_.-], not starting
 * with '-' or '.'): still safe in a URL path, and what an id saved by an
 * earlier version may look like. Only for ids already tracked. */
bool id_safe(const char *s, size_t len);

/* Split text on white space, commas and the full-width separators of CJK
 * text (，、：； and the ideographic space); fn is called for each non-empty
 * token (ptr+len, not NUL-terminated). Returns the number of tokens. */
size_t ids_split(const char *text, size_t len,
		 void (*fn)(void *ctx, const char *tok, size_t toklen), void *ctx);

#endif
