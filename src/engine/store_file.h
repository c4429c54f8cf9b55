/* store_file: file-system helpers of the state store (store.c only). */
#ifndef SUNOTOP_STORE_FILE_H
#define SUNOTOP_STORE_FILE_H

/* The path a state file path leads to: a symbolic link (or a chain of
 * them, even one whose final target does not exist yet) is followed, so
 * saves replace the real file and the user's link stays a link. Caller
 * frees; NULL with *err set for a loop or an unreadable link. */
char *store_resolve_link(const char *path, char **err);
/* mkdir -p of the directories above path, new ones with mode 0700. */
int store_make_parents(const char *path, char **err);
/* Removes "<path>.tmp-PID" files left by saves that were killed. */
void store_remove_stale_tmp(const char *path);
/* Renames the unreadable file to "<path>.corrupt-<time>[-N]" without ever
 * replacing an existing file. Returns the new name or NULL with *err set. */
char *store_move_aside(const char *path, char **err);
/* Makes a rename in path's directory durable (best effort). */
void store_sync_dir(const char *path);

#endif
