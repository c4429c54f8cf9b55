/* submit: the `sunotop submit` command: its options, the request they make,
 * one POST (tried again only when that is safe), the new task tracked and
 * saved, and --wait. Never sends anything for --dry-run or bad input. */
#ifndef SUNOTOP_SUBMIT_H
#define SUNOTOP_SUBMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "api.h"
#include "options.h"
#include "store.h"
#include "submitreq.h"
#include "tasklist.h"

enum submit_cli_opt {
	SUBMIT_OPT_TITLE, SUBMIT_OPT_TAGS, SUBMIT_OPT_NEGATIVE_TAGS, SUBMIT_OPT_MODEL,
	SUBMIT_OPT_LYRICS, SUBMIT_OPT_LYRICS_FILE, SUBMIT_OPT_DESCRIBE, SUBMIT_OPT_EXTEND,
	SUBMIT_OPT_AT, SUBMIT_OPT_WRITE_LYRICS,
	SUBMIT_OPT_N_VALUES,
};

struct submit_cli {
	const char *value[SUBMIT_OPT_N_VALUES];   /* point into argv; NULL = not given */
	bool instrumental, wait, json, dry_run, help;
	struct submit_req req;                    /* made by submit_cli_prepare */
	char *origin_task;                        /* --extend: the clip's task, when tracked */
};

/* Takes the submit options out of argv (argv[0] is "submit"); everything
 * else (the program's own options) goes to *rest, which starts with
 * "sunotop" and is NULL-terminated (caller frees the array, not the
 * strings). Returns 0, or 2 with *err set. */
int submit_cli_parse(int argc, char **argv, struct submit_cli *c,
		     int *rest_argc, char ***rest, char **err);
/* The request from the options (reading --lyrics-file) and the tracked
 * list (the task of the clip to extend), checked. 0, or 2 with *err set. */
int submit_cli_prepare(struct submit_cli *c, const struct tasklist *tl, char **err);
/* --dry-run: the body on `out`, where it would go on `err`. */
void submit_cli_dry_run(const struct submit_cli *c, const char *base_url, FILE *out, FILE *err);
/* Sends, tracks the new task in tl and saves the store before printing its
 * id; then --wait. Returns the exit status: 0 submitted, 3 not submitted or
 * unknown, or --wait's. */
int submit_cli_run(struct submit_cli *c, struct options *o, struct api *api,
		   struct store *store, struct tasklist *tl, FILE *out, FILE *err);
void submit_cli_free(struct submit_cli *c);
const char *submit_cli_usage(void);

#endif
