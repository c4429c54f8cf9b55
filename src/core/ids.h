/* ids: task id validation and splitting of pasted/filed lists. Pure. */
#ifndef SUNOTOP_IDS_H
#define SUNOTOP_IDS_H

#include <stdbool.h>
#include <stddef.h>

#define ID_MAX_LEN 191

/* An id is 1..ID_MAX_LEN bytes of [A-Za-z0-9_.-], not starting with '-' or
 * '.'. On failure *reason (if non-NULL) gets a static English reason. */
bool id_valid(const char *s, size_t len, const char **reason);

/* Split text on whitespace and commas; fn is called for each non-empty token
 * (ptr+len, not NUL-terminated). Returns the number of tokens. */
size_t ids_split(const char *text, size_t len,
		 void (*fn)(void *ctx, const char *tok, size_t toklen), void *ctx);

#endif
