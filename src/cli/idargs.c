/* idargs: the task ids given on the command line and in -f files (or
 * standard input), validated, in order, without duplicates, into a
 * tasklist; every invalid one named. Reads files; never opens the store. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idargs.h"
#include "ids.h"
#include "text.h"
#include "util.h"

#define IDARGS_MAX_FILE (64u << 20)

/* Invalid ids named one per line, up to this many; then a count. */
#define IDARGS_MAX_BAD_SHOWN 10

struct idargs {
	struct tasklist *tl;
	const char *origin;
	struct strbuf bad;     /* the invalid ids, as messages */
	size_t n_bad;
	long long now;
};

static void idargs_add_token(void *ctx, const char *tok, size_t len)
{
	struct idargs *mi = ctx;
	const char *reason = NULL;
	char *id;

	if (!id_valid(tok, len, &reason)) {
		if (++mi->n_bad <= IDARGS_MAX_BAD_SHOWN) {
			char *raw = xstrndup(tok, len > 80 ? 80 : len);
			char *shown = text_sanitize(raw, 0);
			strbuf_addf(&mi->bad, "%sinvalid task id '%s'%s%s: %s",
				    mi->n_bad > 1 ? "\nsunotop: " : "", shown,
				    len > 80 ? "..." : "", mi->origin,
				    reason ? reason : "not a task id");
			free(shown);
			free(raw);
		}
		return;
	}
	id = xstrndup(tok, len);
	tasklist_add(mi->tl, id, mi->now);
	free(id);
}

/* Reads a whole file (or stdin for "-") into memory, bounded. */
static char *idargs_read_file(const char *path, size_t *len, char **err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "re");
	struct strbuf sb;
	char chunk[65536];
	size_t n;

	if (!f) {
		*err = xasprintf("cannot read task ids from %s: %s", path, strerror(errno));
		return NULL;
	}
	strbuf_init(&sb);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (sb.len + n > IDARGS_MAX_FILE) {
			*err = xasprintf("%s is larger than %u MiB; refusing it as a list of task ids",
					 path, IDARGS_MAX_FILE >> 20);
			break;
		}
		strbuf_add(&sb, chunk, n);
	}
	if (!*err && ferror(f))
		*err = xasprintf("cannot read task ids from %s: %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	if (*err) {
		strbuf_release(&sb);
		return NULL;
	}
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* Command-line ids and -f files, validated, in order, without duplicates. */
int idargs_collect(const struct options *o, struct tasklist *tl, char **err)
{
	struct idargs mi = { .tl = tl, .origin = "", .n_bad = 0, .now = now_wall() };
	size_t i;

	strbuf_init(&mi.bad);
	for (i = 0; i < o->n_ids; i++)
		ids_split(o->ids[i], strlen(o->ids[i]), idargs_add_token, &mi);
	for (i = 0; i < o->n_id_files; i++) {
		size_t len = 0;
		char *origin, *text = idargs_read_file(o->id_files[i], &len, err);
		if (!text) {
			strbuf_release(&mi.bad);
			return 2;
		}
		origin = xasprintf(" in %s", strcmp(o->id_files[i], "-") == 0 ?
				   "standard input" : o->id_files[i]);
		mi.origin = origin;
		ids_split(text, len, idargs_add_token, &mi);
		mi.origin = "";
		free(origin);
		free(text);
	}
	if (mi.n_bad > IDARGS_MAX_BAD_SHOWN)
		strbuf_addf(&mi.bad, "\nsunotop: and %zu more invalid task ids",
			    mi.n_bad - IDARGS_MAX_BAD_SHOWN);
	if (mi.n_bad) {
		*err = strbuf_detach(&mi.bad);
		return 2;
	}
	strbuf_release(&mi.bad);
	return 0;
}

