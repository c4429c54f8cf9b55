/* options: the command line and the environment laid over the config file and
 * the defaults, and --help. Never opens a file itself; never shows the API key. */
#include "config.h"

#include <ctype.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "options_impl.h"
#include "util.h"

enum {
	OPT_STATE = 256, OPT_ONCE, OPT_WATCH, OPT_EXIT_STATUS, OPT_JSON, OPT_COLOR,
	OPT_ASCII, OPT_CACERT, OPT_DOWNLOAD_DIR, OPT_ON_COMPLETE, OPT_LOG, OPT_NO_KEY,
	OPT_DOWNLOAD, OPT_TIMEOUT, OPT_COMPLETE_IDS, OPT_LIST_ACTIONS, OPT_NO_MOUSE,
};

static const struct option options_long[] = {
	{ "base-url", required_argument, NULL, 'u' },
	{ "key-file", required_argument, NULL, 'K' },
	{ "interval", required_argument, NULL, 'i' },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "file", required_argument, NULL, 'f' },
	{ "config", required_argument, NULL, 'c' },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "once", no_argument, NULL, OPT_ONCE },
	{ "watch", no_argument, NULL, OPT_WATCH },
	{ "exit-status", no_argument, NULL, OPT_EXIT_STATUS },
	{ "json", optional_argument, NULL, OPT_JSON },
	{ "list-actions", no_argument, NULL, OPT_LIST_ACTIONS },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "cacert", required_argument, NULL, OPT_CACERT },
	{ "download", no_argument, NULL, OPT_DOWNLOAD },
	{ "download-dir", required_argument, NULL, OPT_DOWNLOAD_DIR },
	{ "on-complete", required_argument, NULL, OPT_ON_COMPLETE },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	/* For the shell completions only, so not in --help. */
	{ "complete-ids", no_argument, NULL, OPT_COMPLETE_IDS },
	/* Not an option: it is here so that "--key" is refused outright instead
	 * of being taken as an abbreviation of --key-file, which would quote
	 * the key back in "cannot read key file ...". */
	{ "key", optional_argument, NULL, OPT_NO_KEY },
	{ NULL, 0, NULL, 0 },
};

/* What the command line said, kept apart so that it can be laid over the
 * config file and the environment afterwards. Strings point into argv. */
struct options_cli {
	const char *base_url, *key_file, *config_path, *state_path;
	const char *cacert, *download_dir, *on_complete, *log_path;
	int interval;            /* 0 = not given */
	int color;               /* -1 = not given */
	bool ascii;
	bool no_mouse;
};

static const char options_usage_text[] =
	"Usage: sunotop [OPTION]... [TASK_ID]...\n"
	"  or:  sunotop submit [SUBMIT OPTION]... (see 'sunotop submit --help')\n"
	"Watch Suno music-generation tasks through the CometAPI aggregator.\n"
	"TASK_IDs are added to the tracked list, then the dashboard opens.\n"
	"\n"
	"  -u, --base-url URL      API root (default " DEFAULT_BASE_URL ")\n"
	"  -K, --key-file FILE     read the API key from the first line of FILE\n"
	"                          (must not be readable by group or others)\n"
	"  -i, --interval SECS     seconds between polls of an unfinished task\n"
	"                          (default 5, minimum 1)\n"
	"  -f, --file FILE         read task ids from FILE ('-' = standard input),\n"
	"                          separated by whitespace or commas (full-width\n"
	"                          ones too); repeatable\n"
	"  -c, --config FILE       config file of 'key = value' lines\n"
	"                          (default $XDG_CONFIG_HOME/sunotop/config)\n"
	"      --state FILE        tracked-task file\n"
	"                          (default $XDG_STATE_HOME/sunotop/tasks.json)\n"
	"      --once              poll each given (or tracked) task once, print, exit\n"
	"      --watch             poll until every task is finished, printing one\n"
	"                          line per status change; no dashboard\n"
	"      --exit-status       with --once/--watch: exit 1 if any task failed\n"
	"                          or was not found\n"
	"      --json[=timeline]   with --once/--watch: JSON Lines, one task per line;\n"
	"                          =timeline adds each task's timeline of events\n"
	"      --timeout SECS      with --once/--watch: give up after SECS in all\n"
	"                          (default 120 for --once, none for --watch)\n"
	"      --color WHEN        auto (default), always or never; --once/--watch\n"
	"                          colour their status words only with always\n"
	"      --ascii             draw bars and borders with ASCII only (text stays)\n"
	"      --no-mouse          leave the mouse to the terminal (as mouse = no)\n"
	"      --cacert FILE       also trust the CA certificates in this PEM file\n"
	"      --download          save the audio of every task that succeeds (as\n"
	"                          auto_download = yes); --once/--watch wait for it\n"
	"      --download-dir DIR  where audio is saved\n"
	"                          (default $XDG_MUSIC_DIR/sunotop, else ~/Music/sunotop)\n"
	"      --on-complete CMD   run CMD when a task finishes (no shell\n"
	"                          interpolation of server text)\n"
	"      --log FILE          write a debug log to FILE (never contains the key)\n"
	"      --list-actions      print every dashboard action with its default keys\n"
	"                          (for 'bind KEY ACTION' lines in the config) and exit\n"
	"  -h, --help              show this help and exit\n"
	"  -V, --version           show the version and exit\n"
	"\n"
	"There is no option that takes the key itself: use COMETAPI_KEY or a key file.\n"
	"With --once/--watch and TASK_IDs, only those are polled and the state file\n"
	"is left alone; without TASK_IDs the tracked list is used.\n"
	"\n"
	"Environment:\n"
	"  COMETAPI_KEY            the API key (a --key-file given on the command\n"
	"                          line takes precedence)\n"
	"  COMETAPI_BASE_URL       API root, unless --base-url is given\n"
	"  NO_COLOR                when set and non-empty, no colour unless --color\n"
	"  SUNOTOP_HYPERLINKS      1: URLs in the pane are OSC 8 hyperlinks, 0: never\n"
	"                          (unset: on terminals known to take them)\n"
	"  XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_MUSIC_DIR   default locations\n"
	"  TERM                    the dashboard needs one that can move the cursor\n"
	"                          (not dumb); otherwise it exits with status 2\n"
	"\n"
	"Config keys: base_url, key_file, interval, color, ascii, state, cacert,\n"
	"download_dir, on_complete, log, auto_download, download_video, bell, notify,\n"
	"notify_slow, mouse; and 'bind KEY ACTION' lines.\n"
	"\n"
	"Exit status: 0 success; 1 with --exit-status, a task failed or was not\n"
	"found (or a --download failed); 2 usage or configuration error; 3 the API\n"
	"could not be used (or --timeout passed); 4 standard output could not be\n"
	"written; 141 its reader went away (as if killed by SIGPIPE); 128+N killed\n"
	"by signal N (SIGHUP 129, SIGINT 130, SIGTERM 143), dashboard and scripts.\n"
	"\n"
	"Keys in the dashboard: press ? for help.\n";

const char *options_usage(void)
{
	return options_usage_text;
}

void options_init(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->base_url = xstrdup(DEFAULT_BASE_URL);
	o->interval = DEFAULT_INTERVAL;
	o->color = COLOR_AUTO;
	o->bell = true;
	o->notify = true;
	o->notify_slow = true;
	o->mouse = true;
}

static void options_free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void options_free(struct options *o)
{
	free(o->base_url);
	free(o->key_file);
	xfree_secret(o->api_key);
	free(o->config_path);
	free(o->state_path);
	free(o->cacert);
	free(o->download_dir);
	free(o->on_complete);
	free(o->log_path);
	options_free_list(o->ids, o->n_ids);
	options_free_list(o->id_files, o->n_id_files);
	options_free_binds(o);
	memset(o, 0, sizeof(*o));
}

static void options_append(char ***list, size_t *n, const char *value)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = xstrdup(value);
}

/* --- the command line ----------------------------------------------- */

/* The option as the user wrote it, without any "=value". */
static char *options_argv_name(int argc, char **argv, int index, int optopt_char)
{
	const char *a;

	if (optopt_char > 0 && optopt_char < 256 && isalnum(optopt_char) &&
	    index > 0 && index <= argc && argv[index - 1][0] == '-' && argv[index - 1][1] != '-')
		return xasprintf("-%c", optopt_char);
	if (index < 1 || index > argc)
		return xstrdup("?");
	a = argv[index - 1];
	return options_shown(a, strcspn(a, "="));
}

static int options_parse_argv(int argc, char **argv, struct options *o,
			      struct options_cli *cli, char **err)
{
	int c, v;

	memset(cli, 0, sizeof(*cli));
	cli->color = -1;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":u:K:i:f:c:hV", options_long, NULL)) != -1) {
		switch (c) {
		case 'u': cli->base_url = optarg; break;
		case 'K': cli->key_file = optarg; break;
		case 'c': cli->config_path = optarg; break;
		case 'f': options_append(&o->id_files, &o->n_id_files, optarg); break;
		case OPT_STATE: cli->state_path = optarg; break;
		case OPT_CACERT: cli->cacert = optarg; break;
		case OPT_DOWNLOAD_DIR: cli->download_dir = optarg; break;
		case OPT_ON_COMPLETE: cli->on_complete = optarg; break;
		case OPT_LOG: cli->log_path = optarg; break;
		case OPT_ONCE: o->once = true; break;
		case OPT_WATCH: o->watch = true; break;
		case OPT_EXIT_STATUS: o->exit_status = true; break;
		case OPT_JSON:
			o->json = true;
			if (optarg && strcmp(optarg, "timeline") == 0) {
				o->json_timeline = true;
			} else if (optarg) {
				char *shown = options_shown(optarg, strlen(optarg));
				*err = xasprintf("invalid --json value '%s': the only one is --json=timeline",
						 shown);
				free(shown);
				return 2;
			}
			break;
		case OPT_LIST_ACTIONS: o->list_actions = true; break;
		case OPT_NO_MOUSE: cli->no_mouse = true; break;
		case OPT_DOWNLOAD: o->download = true; break;
		case OPT_ASCII: cli->ascii = true; break;
		case 'h': o->help = true; break;
		case OPT_COMPLETE_IDS: o->complete_ids = true; break;
		case OPT_NO_KEY:
			*err = xstrdup("there is no option that takes the key: set COMETAPI_KEY or use --key-file FILE");
			return 2;
		case 'V': o->version = true; break;
		case 'i':
			v = options_parse_interval(optarg);
			if (v <= 0) {
				char *shown = options_shown(optarg, strlen(optarg));
				*err = v < 0 ?
					xasprintf("invalid interval '%s': at most %d seconds", shown,
						  OPTIONS_MAX_INTERVAL) :
					xasprintf("invalid interval '%s': must be a whole number of seconds >= 1",
						  shown);
				free(shown);
				return 2;
			}
			cli->interval = v;
			break;
		case OPT_TIMEOUT:
			o->timeout = options_parse_interval(optarg);
			if (o->timeout <= 0) {
				char *shown = options_shown(optarg, strlen(optarg));
				*err = xasprintf("invalid --timeout '%s': a whole number of seconds from 1 to %d",
						 shown, OPTIONS_MAX_INTERVAL);
				free(shown);
				return 2;
			}
			break;
		case OPT_COLOR:
			v = options_parse_color(optarg);
			if (v < 0) {
				char *shown = options_shown(optarg, strlen(optarg));
				*err = xasprintf("invalid --color '%s': use auto, always or never", shown);
				free(shown);
				return 2;
			}
			cli->color = v;
			break;
		case ':': {
			char *name = options_argv_name(argc, argv, optind, optopt);
			*err = xasprintf("option '%s' needs a value; see 'sunotop --help'", name);
			free(name);
			return 2;
		}
		default: {
			/* optopt is the option's value when a flag was given "=value",
			 * 0 for an unknown or ambiguous long option. */
			bool known = optopt != 0 && optopt != '?' &&
				     (optopt >= 256 || strchr("uKifchV", optopt));
			char *name = options_argv_name(argc, argv, optind, known ? optopt : 0);
			if (!known && optopt > 0 && optopt < 256 && isgraph(optopt)) {
				free(name);
				name = xasprintf("-%c", optopt);
			}
			*err = known ?
				xasprintf("option '%s' takes no value; see 'sunotop --help'", name) :
				xasprintf("unknown option '%s'; see 'sunotop --help'", name);
			free(name);
			return 2;
		}
		}
	}
	for (; optind < argc; optind++)
		options_append(&o->ids, &o->n_ids, argv[optind]);
	return 0;
}

static int options_check_modes(const struct options *o, char **err)
{
	if (o->once && o->watch) {
		*err = xstrdup("--once and --watch cannot be used together");
		return 2;
	}
	if (o->exit_status && !o->once && !o->watch) {
		*err = xstrdup("--exit-status needs --once or --watch");
		return 2;
	}
	if (o->json && !o->once && !o->watch) {
		*err = xstrdup("--json needs --once or --watch");
		return 2;
	}
	if (o->timeout && !o->once && !o->watch) {
		*err = xstrdup("--timeout needs --once or --watch");
		return 2;
	}
	return 0;
}

static void options_apply_cli(struct options *o, const struct options_cli *cli)
{
	const struct { const char *value; char **slot; } map[] = {
		{ cli->base_url, &o->base_url },
		{ cli->key_file, &o->key_file },
		{ cli->state_path, &o->state_path },
		{ cli->cacert, &o->cacert },
		{ cli->download_dir, &o->download_dir },
		{ cli->on_complete, &o->on_complete },
		{ cli->log_path, &o->log_path },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].value)
			options_set(map[i].slot, map[i].value);
	if (cli->interval)
		o->interval = cli->interval;
	if (cli->color >= 0)
		o->color = (enum color_mode)cli->color;
	if (cli->ascii)
		o->ascii = true;
	if (cli->no_mouse)
		o->mouse = false;
}

static int options_load_config(struct options *o, const struct options_cli *cli,
			       char *(*getenv_fn)(const char *), char **err)
{
	char *path, *text = NULL;
	int rc;

	if (cli->config_path) {
		options_set(&o->config_path, cli->config_path);
		options_expand_home(&o->config_path, getenv_fn);
		path = xstrdup(o->config_path);
	} else {
		path = options_default_config_path(getenv_fn);
		if (!path)
			return 0;
	}
	rc = options_read_small(path, "config file", cli->config_path == NULL, &text, err);
	if (!rc && text)
		rc = options_apply_config(o, text, path, err);
	free(text);
	free(path);
	return rc;
}

int options_resolve(int argc, char **argv, char *(*getenv_fn)(const char *),
		   struct options *o, char **err)
{
	struct options_cli cli;
	const char *env;
	char **paths[] = { &o->key_file, &o->state_path, &o->cacert, &o->download_dir,
			   &o->log_path };
	size_t i;
	int rc;

	if (!getenv_fn)
		getenv_fn = getenv;
	*err = NULL;
	rc = options_parse_argv(argc, argv, o, &cli, err);
	if (rc || o->help || o->version || o->list_actions)
		return rc;
	rc = options_check_modes(o, err);
	if (!rc)
		rc = options_load_config(o, &cli, getenv_fn, err);
	if (rc)
		return rc;

	env = options_env(getenv_fn, "COMETAPI_BASE_URL");
	if (env)
		options_set(&o->base_url, env);
	if (options_env(getenv_fn, "NO_COLOR"))
		o->color = COLOR_NEVER;
	/* The key from the environment outranks a key file named in the config
	 * file; one named on the command line outranks both (options_load_key
	 * takes a key file first). */
	if (options_env(getenv_fn, "COMETAPI_KEY")) {
		free(o->key_file);
		o->key_file = NULL;
	}
	options_apply_cli(o, &cli);
	if (o->download)
		o->auto_download = true;

	if (!o->state_path)
		o->state_path = options_default_state_path(getenv_fn);
	if (!o->download_dir)
		o->download_dir = options_default_download_dir(getenv_fn);
	if (!o->state_path || !o->download_dir) {
		*err = xstrdup("cannot tell where your home directory is: set HOME, or give --state and --download-dir");
		return 2;
	}
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		options_expand_home(paths[i], getenv_fn);
	return 0;
}
