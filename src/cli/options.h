/* options: options from the command line, environment and config file, with
 * precedence command line > environment > config file > default.
 * Reads files but never writes them; never stores the API key itself except
 * in opts->api_key, which only main and the API client see. */
#ifndef SUNOTOP_OPTIONS_H
#define SUNOTOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#define DEFAULT_BASE_URL "https://api.cometapi.com"
#define DEFAULT_INTERVAL 5

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* A `bind KEY ACTION` line of the config file, checked by the dashboard's
 * key table (ui_keys_bind) at start. */
struct options_bind {
	char *key, *action;
	char *at;                /* "FILE:LINE", for messages */
};

struct options {
	char *base_url;
	char *key_file;
	char *api_key;           /* resolved by options_load_key(); never logged */
	char *config_path;       /* NULL = default path */
	char *state_path;
	char *cacert;
	char *download_dir;
	char *on_complete;
	char *log_path;
	int interval;            /* seconds, >= 1 */
	int timeout;             /* --timeout: seconds for a whole script run, 0 = not given */
	enum color_mode color;
	bool ascii;
	bool once, watch, exit_status, json;
	bool help, version;
	bool complete_ids;       /* hidden --complete-ids: print tracked ids, for shell completion */
	bool auto_download;      /* config, or set by --download */
	bool bell, notify;       /* config-only switches */
	bool download;           /* --download: auto_download, and scripts wait for it */
	bool download_video;     /* config-only: `w` saves the videos too */
	bool notify_slow;        /* config-only: ring/notify when a task turns slow */
	bool mouse;              /* config `mouse`, off with --no-mouse */
	bool json_timeline;      /* --json=timeline: each line carries the timeline */
	bool list_actions;       /* --list-actions */
	struct options_bind *binds;
	size_t n_binds;
	char **ids;              /* TASK_ID arguments, in order */
	size_t n_ids;
	char **id_files;         /* -f FILE arguments ("-" = stdin) */
	size_t n_id_files;
};

void options_init(struct options *o);    /* defaults */
void options_free(struct options *o);

/* Full resolution: parse argv, read the config file (given or default; a
 * missing default file is fine, a missing given one is an error), apply the
 * environment (env lookups go through getenv_fn so tests can fake it; NULL
 * means getenv), then the command line on top. Returns 0, or 2 with *err set
 * (caller frees) for a usage or configuration error. */
int options_resolve(int argc, char **argv, char *(*getenv_fn)(const char *),
		   struct options *o, char **err);

/* Apply one config file's text; `origin` names it in messages
 * ("FILE:LINE: unknown key 'x'"). Returns 0 or 2 with *err set. */
int options_apply_config(struct options *o, const char *text, const char *origin, char **err);

/* Find the API key: COMETAPI_KEY, else the key file (refused when group- or
 * world-readable, like ssh). Returns 0, or 2 with *err set. */
int options_load_key(struct options *o, char *(*getenv_fn)(const char *), char **err);
/* Read the key file again (after the API rejected the key): 0 with *key set
 * (caller wipes and frees), 1 when the key came from the environment and
 * cannot be re-read, 2 with *err set when the file is unusable. */
int options_reread_key(const struct options *o, char **key, char **err);

/* Default paths ($XDG_*_HOME with fallbacks under $HOME). Caller frees. */
char *options_default_config_path(char *(*getenv_fn)(const char *));
char *options_default_state_path(char *(*getenv_fn)(const char *));
char *options_default_download_dir(char *(*getenv_fn)(const char *));

/* The --help text. */
const char *options_usage(void);

#endif
