/* store: the tracked-task state file (tasks.json): load, atomic save (temp
 * file, fsync, rename), an advisory lock so two instances do not corrupt it,
 * and corrupt files moved aside. Never writes the API key. */
#ifndef SUNOTOP_STORE_H
#define SUNOTOP_STORE_H

#include <stdbool.h>
#include "tasklist.h"

struct store;

/* Opens (creating parent directories) and locks the state file. When another
 * instance holds the lock, the store is read-only and *warn says so.
 * A path that is a symbolic link is resolved once here: the file it names
 * is the one loaded and replaced by saves; the link is never replaced.
 * Returns NULL with *err set only when the path is unusable. */
struct store *store_open(const char *path, char **warn, char **err);
/* For --once/--watch: reads only. Nothing is created, locked, moved aside
 * or saved; an unreadable file is left as it is (store_load warns). NULL
 * with *err set only for an unusable link. */
struct store *store_open_readonly(const char *path, char **err);
void store_close(struct store *s);
bool store_readonly(const struct store *s);
const char *store_path(const struct store *s);

/* Adds the saved entries to tl (ids already in tl keep theirs). A missing
 * file is an empty list. A corrupt or foreign file is renamed to
 * "<path>.corrupt-<unix time>" and *warn says so. Returns 0, -1 on I/O error
 * with *err set. */
int store_load(struct store *s, struct tasklist *tl, char **warn, char **err);

/* Writes every entry of tl atomically. Returns 0, or -1 with *err set (the
 * old file is then intact). A read-only store returns 0 and writes nothing. */
int store_save(struct store *s, const struct tasklist *tl, char **err);

#endif
