/* store_stream: reading the state file's entries (store.c only). */
#ifndef SUNOTOP_STORE_STREAM_H
#define SUNOTOP_STORE_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include "tasklist.h"

/* Adds one saved entry (a tree). False when it has no usable id; an id
 * tracked already keeps the caller's entry. */
bool store_load_entry(struct tasklist *tl, json_object *item);

/* The layout store_save writes, read one entry at a time (a large file in
 * two halves at once): no tree of the whole file is ever built, which keeps
 * a 10,000-task start quick and its memory flat. Returns false, with tl as
 * it was, on anything else (a file edited by hand, damage): the caller then
 * parses the whole tree, which also decides whether the file is corrupt.
 * *skipped: entries without a usable id. */
bool store_load_stream(struct tasklist *tl, const char *buf, size_t len, size_t *skipped);

#endif
