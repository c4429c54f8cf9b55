/* options: the command line, the environment and the config file, merged with
 * precedence command line > environment > config file > default.
 * Reads files but never writes them, and never puts the API key in a message. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
#include "util.h"

#define OPTIONS_MAX_CONFIG (1u << 20)
#define OPTIONS_MAX_KEY_FILE 8192
#define OPTIONS_MAX_KEY_LEN 4096
#define OPTIONS_MAX_INTERVAL 86400

enum {
	OPT_STATE = 256, OPT_ONCE, OPT_WATCH, OPT_EXIT_STATUS, OPT_JSON, OPT_COLOR,
	OPT_ASCII, OPT_CACERT, OPT_DOWNLOAD_DIR, OPT_ON_COMPLETE, OPT_LOG, OPT_NO_KEY,
};

static const struct option options_long[] = {
	{ "base-url", required_argument, NULL, 'u' },
	{ "key-file", required_argument, NULL, 'K' },
	{ "interval", required_argument, NULL, 'i' },
	{ "file", required_argument, NULL, 'f' },
	{ "config", required_argument, NULL, 'c' },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "once", no_argument, NULL, OPT_ONCE },
	{ "watch", no_argument, NULL, OPT_WATCH },
	{ "exit-status", no_argument, NULL, OPT_EXIT_STATUS },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "cacert", required_argument, NULL, OPT_CACERT },
	{ "download-dir", required_argument, NULL, OPT_DOWNLOAD_DIR },
	{ "on-complete", required_argument, NULL, OPT_ON_COMPLETE },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
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
};

static const char options_usage_text[] =
	"Usage: sunotop [OPTION]... [TASK_ID]...\n"
	"Watch Suno music-generation tasks through the CometAPI aggregator.\n"
	"TASK_IDs are added to the tracked list, then the dashboard opens.\n"
	"\n"
	"  -u, --base-url URL      API root (default " DEFAULT_BASE_URL ")\n"
	"  -K, --key-file FILE     read the API key from the first line of FILE\n"
	"                          (must not be readable by group or others)\n"
	"  -i, --interval SECS     seconds between polls of an unfinished task\n"
	"                          (default 5, minimum 1)\n"
	"  -f, --file FILE         read task ids from FILE ('-' = standard input),\n"
	"                          separated by whitespace or commas; repeatable\n"
	"  -c, --config FILE       config file of 'key = value' lines\n"
	"                          (default $XDG_CONFIG_HOME/sunotop/config)\n"
	"      --state FILE        tracked-task file\n"
	"                          (default $XDG_STATE_HOME/sunotop/tasks.json)\n"
	"      --once              poll each given (or tracked) task once, print, exit\n"
	"      --watch             poll until every task is finished, printing one\n"
	"                          line per status change; no dashboard\n"
	"      --exit-status       with --once/--watch: exit 1 if any task failed\n"
	"                          or was not found\n"
	"      --json              with --once/--watch: JSON Lines, one task per line\n"
	"      --color WHEN        auto (default), always or never\n"
	"      --ascii             draw with ASCII characters only\n"
	"      --cacert FILE       trust this CA bundle for TLS\n"
	"      --download-dir DIR  where audio is saved\n"
	"                          (default $XDG_MUSIC_DIR/sunotop, else ~/Music/sunotop)\n"
	"      --on-complete CMD   run CMD when a task finishes (no shell\n"
	"                          interpolation of server text)\n"
	"      --log FILE          write a debug log to FILE (never contains the key)\n"
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
	"  XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_MUSIC_DIR   default locations\n"
	"\n"
	"Config keys: base_url, key_file, interval, color, ascii, state, cacert,\n"
	"download_dir, on_complete, log, auto_download, download_video, bell, notify.\n"
	"\n"
	"Exit status: 0 success; 1 with --exit-status, a task failed or was not\n"
	"found; 2 usage or configuration error; 3 the API could not be used.\n"
	"\n"
	"Keys in the dashboard: press ? for help.\n";

const char *options_usage(void)
{
	return options_usage_text;
}

static void options_set(char **slot, const char *value)
{
	char *copy = xstrdup(value);

	free(*slot);
	*slot = copy;
}

void options_init(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->base_url = xstrdup(DEFAULT_BASE_URL);
	o->interval = DEFAULT_INTERVAL;
	o->color = COLOR_AUTO;
	o->bell = true;
	o->notify = true;
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
	if (o->api_key) {
		explicit_bzero(o->api_key, strlen(o->api_key));
		free(o->api_key);
	}
	free(o->config_path);
	free(o->state_path);
	free(o->cacert);
	free(o->download_dir);
	free(o->on_complete);
	free(o->log_path);
	options_free_list(o->ids, o->n_ids);
	options_free_list(o->id_files, o->n_id_files);
	memset(o, 0, sizeof(*o));
}

static void options_append(char ***list, size_t *n, const char *value)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = xstrdup(value);
}

/* A value of the environment, NULL when unset or empty. */
static const char *options_env(char *(*getenv_fn)(const char *), const char *name)
{
	const char *v = getenv_fn(name);

	return v && *v ? v : NULL;
}

/* $HOME, or the password database when HOME is unset. */
static const char *options_home(char *(*getenv_fn)(const char *))
{
	const char *home = options_env(getenv_fn, "HOME");
	const struct passwd *pw;

	if (home)
		return home;
	pw = getpwuid(getuid());
	return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

/* XDG says relative values are to be ignored. */
static char *options_xdg_path(char *(*getenv_fn)(const char *), const char *var,
			      const char *fallback, const char *tail)
{
	const char *base = options_env(getenv_fn, var);
	const char *home;

	if (base && base[0] == '/')
		return xasprintf("%s/%s", base, tail);
	home = options_home(getenv_fn);
	if (!home)
		return NULL;
	return xasprintf("%s/%s/%s", home, fallback, tail);
}

char *options_default_config_path(char *(*getenv_fn)(const char *))
{
	return options_xdg_path(getenv_fn ? getenv_fn : getenv, "XDG_CONFIG_HOME",
				".config", "sunotop/config");
}

char *options_default_state_path(char *(*getenv_fn)(const char *))
{
	return options_xdg_path(getenv_fn ? getenv_fn : getenv, "XDG_STATE_HOME",
				".local/state", "sunotop/tasks.json");
}

char *options_default_download_dir(char *(*getenv_fn)(const char *))
{
	return options_xdg_path(getenv_fn ? getenv_fn : getenv, "XDG_MUSIC_DIR",
				"Music", "sunotop");
}

/* "~" and "~/..." become $HOME; anything else is kept. */
static void options_expand_home(char **slot, char *(*getenv_fn)(const char *))
{
	const char *home;
	char *expanded;

	if (!*slot || (*slot)[0] != '~' || ((*slot)[1] != '/' && (*slot)[1] != '\0'))
		return;
	home = options_home(getenv_fn);
	if (!home)
		return;
	expanded = xasprintf("%s%s", home, *slot + 1);
	free(*slot);
	*slot = expanded;
}

/* 0 = not a valid interval, -1 = above the maximum. */
static int options_parse_interval(const char *s)
{
	long v = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return 0;
		v = v * 10 + (*s - '0');
		if (v > OPTIONS_MAX_INTERVAL)
			return -1;
	}
	return (int)v;
}

static int options_parse_color(const char *s)
{
	if (strcmp(s, "auto") == 0)
		return COLOR_AUTO;
	if (strcmp(s, "always") == 0)
		return COLOR_ALWAYS;
	if (strcmp(s, "never") == 0)
		return COLOR_NEVER;
	return -1;
}

static int options_parse_bool(const char *s)
{
	static const char *const yes[] = { "yes", "true", "1", "on" };
	static const char *const no[] = { "no", "false", "0", "off" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* --- the config file ------------------------------------------------ */

enum options_kind { OPTK_STRING, OPTK_REQUIRED, OPTK_BOOL, OPTK_INTERVAL, OPTK_COLOR };

static const struct options_key {
	const char *name;
	enum options_kind kind;
	size_t offset;
} options_keys[] = {
	{ "base_url", OPTK_REQUIRED, offsetof(struct options, base_url) },
	{ "key_file", OPTK_STRING, offsetof(struct options, key_file) },
	{ "interval", OPTK_INTERVAL, 0 },
	{ "color", OPTK_COLOR, 0 },
	{ "ascii", OPTK_BOOL, offsetof(struct options, ascii) },
	{ "state", OPTK_REQUIRED, offsetof(struct options, state_path) },
	{ "cacert", OPTK_STRING, offsetof(struct options, cacert) },
	{ "download_dir", OPTK_REQUIRED, offsetof(struct options, download_dir) },
	{ "on_complete", OPTK_STRING, offsetof(struct options, on_complete) },
	{ "log", OPTK_STRING, offsetof(struct options, log_path) },
	{ "auto_download", OPTK_BOOL, offsetof(struct options, auto_download) },
	{ "bell", OPTK_BOOL, offsetof(struct options, bell) },
	{ "notify", OPTK_BOOL, offsetof(struct options, notify) },
	{ "download_video", OPTK_BOOL, offsetof(struct options, download_video) },
};

/* Key names quoted back in messages: short and without control characters. */
static char *options_shown(const char *s, size_t len)
{
	char *out = xstrndup(s, len > 40 ? 40 : len);
	char *p;

	for (p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return out;
}

/* Sets the value of one line; on error *msg gets the text after "FILE:LINE: ". */
static char *options_config_set(struct options *o, const char *key, size_t keylen,
				const char *value)
{
	const struct options_key *k = NULL;
	size_t i;
	int v;

	for (i = 0; i < sizeof(options_keys) / sizeof(options_keys[0]); i++)
		if (strlen(options_keys[i].name) == keylen &&
		    memcmp(options_keys[i].name, key, keylen) == 0)
			k = &options_keys[i];
	if (!k) {
		char *shown = options_shown(key, keylen);
		char *msg = xasprintf("unknown key '%s'", shown);
		free(shown);
		return msg;
	}
	switch (k->kind) {
	case OPTK_STRING:
		options_set((char **)((char *)o + k->offset), *value ? value : NULL);
		return NULL;
	case OPTK_REQUIRED:
		if (!*value)
			return xasprintf("%s needs a value", k->name);
		options_set((char **)((char *)o + k->offset), value);
		return NULL;
	case OPTK_BOOL:
		v = options_parse_bool(value);
		if (v < 0)
			return xasprintf("%s must be yes or no", k->name);
		*(bool *)((char *)o + k->offset) = v;
		return NULL;
	case OPTK_INTERVAL:
		v = options_parse_interval(value);
		if (v < 0)
			return xasprintf("interval must be at most %d seconds", OPTIONS_MAX_INTERVAL);
		if (v == 0)
			return xstrdup("interval must be a whole number of seconds >= 1");
		o->interval = v;
		return NULL;
	case OPTK_COLOR:
		v = options_parse_color(value);
		if (v < 0)
			return xstrdup("color must be auto, always or never");
		o->color = (enum color_mode)v;
		return NULL;
	}
	return NULL;
}

/* Splits one line into key and value. Returns an error text or NULL; *key is
 * NULL for blank and comment lines. *value is allocated. */
static char *options_config_split(char *line, const char **key, size_t *keylen, char **value)
{
	char *eq, *v, *end;

	*key = NULL;
	*value = NULL;
	line += strspn(line, " \t\r\f\v");
	if (!*line || *line == '#')
		return NULL;
	eq = strchr(line, '=');
	if (!eq)
		return xstrdup("expected 'key = value'");
	end = eq;
	while (end > line && isspace((unsigned char)end[-1]))
		end--;
	if (end == line)
		return xstrdup("expected 'key = value'");
	*key = line;
	*keylen = (size_t)(end - line);
	v = eq + 1 + strspn(eq + 1, " \t\r\f\v");
	if (*v == '"' || *v == '\'') {
		char *close = strchr(v + 1, *v);
		const char *rest;
		if (!close)
			return xstrdup("missing closing quote");
		rest = close + 1 + strspn(close + 1, " \t\r\f\v");
		if (*rest && *rest != '#')
			return xstrdup("unexpected text after the closing quote");
		*value = xstrndup(v + 1, (size_t)(close - v - 1));
		return NULL;
	}
	/* A '#' after whitespace starts a comment; one inside a word (a URL
	 * fragment, "#1" in a command) does not. */
	for (end = v; *end; end++)
		if (*end == '#' && end > v && isspace((unsigned char)end[-1]))
			break;
	while (end > v && isspace((unsigned char)end[-1]))
		end--;
	*value = xstrndup(v, (size_t)(end - v));
	return NULL;
}

int options_apply_config(struct options *o, const char *text, const char *origin, char **err)
{
	char *copy = xstrdup(text), *line = copy, *next;
	unsigned lineno = 0;
	int rc = 0;

	for (; line && !rc; line = next) {
		const char *key;
		size_t keylen = 0;
		char *value, *msg;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		msg = options_config_split(line, &key, &keylen, &value);
		if (!msg && key)
			msg = options_config_set(o, key, keylen, value);
		free(value);
		if (msg) {
			*err = xasprintf("%s:%u: %s", origin, lineno, msg);
			free(msg);
			rc = 2;
		}
	}
	free(copy);
	return rc;
}

/* Reads a small file whole. Returns 0 with *text set, 0 with *text NULL when
 * the file is missing and missing_ok, or 2 with *err set. */
static int options_read_small(const char *path, const char *what, bool missing_ok,
			      char **text, char **err)
{
	struct strbuf sb;
	struct stat st;
	char chunk[4096];
	ssize_t n;
	int fd;

	*text = NULL;
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (missing_ok && (errno == ENOENT || errno == ENOTDIR))
			return 0;
		*err = xasprintf("cannot read %s %s: %s", what, path, strerror(errno));
		return 2;
	}
	if (fstat(fd, &st) < 0) {
		*err = xasprintf("cannot read %s %s: %s", what, path, strerror(errno));
		close(fd);
		return 2;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = xasprintf("cannot read %s %s: %s", what, path,
				 S_ISDIR(st.st_mode) ? "it is a directory" : "not a regular file");
		close(fd);
		return 2;
	}
	strbuf_init(&sb);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			*err = xasprintf("cannot read %s %s: %s", what, path, strerror(errno));
		if (n <= 0)
			break;
		if (sb.len + (size_t)n > OPTIONS_MAX_CONFIG) {
			*err = xasprintf("%s %s is larger than %u KiB", what, path,
					 OPTIONS_MAX_CONFIG >> 10);
			break;
		}
		strbuf_add(&sb, chunk, (size_t)n);
	}
	close(fd);
	if (*err) {
		strbuf_release(&sb);
		return 2;
	}
	*text = strbuf_detach(&sb);
	return 0;
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
		case OPT_JSON: o->json = true; break;
		case OPT_ASCII: cli->ascii = true; break;
		case 'h': o->help = true; break;
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
	if (rc || o->help || o->version)
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

/* --- the key -------------------------------------------------------- */

/* A key is 1..OPTIONS_MAX_KEY_LEN printable ASCII characters without spaces:
 * it goes into an HTTP header, where anything else could split it. */
static bool options_key_ok(const char *k, size_t len)
{
	size_t i;

	if (len == 0 || len > OPTIONS_MAX_KEY_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (k[i] <= 0x20 || k[i] >= 0x7f)
			return false;
	return true;
}

/* ptr/len of s without leading and trailing whitespace. */
static const char *options_trim(const char *s, size_t *len)
{
	while (*len && isspace((unsigned char)*s)) {
		s++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)s[*len - 1]))
		(*len)--;
	return s;
}

static int options_read_key_file(struct options *o, char **err)
{
	const char *path = o->key_file, *key;
	char buf[OPTIONS_MAX_KEY_FILE];
	struct stat st;
	ssize_t n;
	size_t len;
	int fd;

	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*err = xasprintf("cannot read key file %s: %s", path, strerror(errno));
		return 2;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*err = xasprintf("key file %s is not a regular file", path);
		close(fd);
		return 2;
	}
	if (st.st_mode & 077) {
		*err = xasprintf("key file %s is accessible by others (mode %04o); run: chmod 600 %s",
				 path, (unsigned)(st.st_mode & 07777), path);
		close(fd);
		return 2;
	}
	do
		n = read(fd, buf, sizeof(buf) - 1);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n < 0) {
		*err = xasprintf("cannot read key file %s: %s", path, strerror(errno));
		return 2;
	}
	buf[n] = '\0';
	len = strcspn(buf, "\n");
	key = options_trim(buf, &len);
	if (len == 0)
		*err = xasprintf("key file %s has no key on its first line", path);
	else if (!options_key_ok(key, len))
		*err = xasprintf("key file %s: the first line must hold the key alone (printable characters, no spaces)",
				 path);
	else
		o->api_key = xstrndup(key, len);
	explicit_bzero(buf, sizeof(buf));
	return *err ? 2 : 0;
}

int options_load_key(struct options *o, char *(*getenv_fn)(const char *), char **err)
{
	const char *env;
	size_t len;

	if (!getenv_fn)
		getenv_fn = getenv;
	*err = NULL;
	if (o->api_key) {
		explicit_bzero(o->api_key, strlen(o->api_key));
		free(o->api_key);
		o->api_key = NULL;
	}
	if (o->key_file)
		return options_read_key_file(o, err);
	env = options_env(getenv_fn, "COMETAPI_KEY");
	if (env) {
		len = strlen(env);
		env = options_trim(env, &len);
		if (!options_key_ok(env, len)) {
			*err = xstrdup("COMETAPI_KEY must hold the key alone (printable characters, no spaces)");
			return 2;
		}
		o->api_key = xstrndup(env, len);
		return 0;
	}
	*err = xstrdup("no API key: set COMETAPI_KEY or put the key in a file and pass --key-file FILE (or key_file in the config)");
	return 2;
}
