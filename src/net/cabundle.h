/* cabundle: --cacert adds to the trusted certificates instead of replacing
 * them. libcurl takes one CA file (or one in-memory bundle), so the system
 * bundle and the user's file are joined into one PEM blob. No network. */
#ifndef SUNOTOP_CABUNDLE_H
#define SUNOTOP_CABUNDLE_H

#include <stddef.h>

#define CABUNDLE_MAX_FILE (16u << 20)   /* larger CA files are refused */

/* The PEM text of system_path (may be NULL or missing: then the user's file
 * alone) followed by the user's file, which must hold at least one PEM
 * certificate. Returns the bundle (caller frees) with *len set, or NULL with
 * *err set (caller frees). */
char *cabundle_join(const char *system_path, const char *user_path, size_t *len, char **err);

/* The CA file libcurl would use by default, or NULL (caller frees). */
char *cabundle_system_path(void);

#endif
