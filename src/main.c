/* main: options, configuration, start-up and teardown; nothing else.
 * Must never poll, draw or parse server answers itself. */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>

#include "api.h"
#include "idargs.h"
#include "log.h"
#include "options.h"
#include "script.h"
#include "store.h"
#include "submit.h"
#include "tasklist.h"
#include "text.h"
#include "ui.h"
#include "ui_keys.h"
#include "ui_term.h"
#include "util.h"

static void main_wipe_env_key(void)
{
	char *v = getenv("COMETAPI_KEY");

	if (v)
		explicit_bzero(v, strlen(v));
	unsetenv("COMETAPI_KEY");
}

/* Standard input, output and error that were closed are opened on
 * /dev/null: otherwise the next file or socket we open would take their
 * number, and task text printed to "stdout" would go into it. */
static void main_std_fds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			_exit(2);
	}
}

/* No core files: one would hold the API key (and the environment it came
 * from). Hard limit too, so nothing we start can raise it again. */
static void main_no_core_dumps(void)
{
	struct rlimit none = { 0, 0 };

	(void)setrlimit(RLIMIT_CORE, &none);
}

/* `-f -` fed the ids through a pipe: the dashboard takes its keys from the
 * controlling terminal instead, as pagers do. Quietly does nothing when
 * there is none; the caller then says a terminal is needed. */
static void main_stdin_from_tty(const struct options *o)
{
	size_t i;
	int fd;

	for (i = 0; i < o->n_id_files; i++)
		if (strcmp(o->id_files[i], "-") == 0)
			break;
	if (i == o->n_id_files || isatty(STDIN_FILENO))
		return;
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fd == STDIN_FILENO) {
		(void)fcntl(fd, F_SETFD, 0);
	} else {
		(void)dup2(fd, STDIN_FILENO);
		close(fd);
	}
}

/* True for http:// URLs whose host is not a loopback address. */
static bool main_cleartext_remote(const char *url)
{
	const char *host, *end;
	size_t len, i;

	if (strncasecmp(url, "http://", 7) != 0)
		return false;
	host = url + 7;
	if (strncmp(host, "[::1]", 5) == 0 && strchr(":/", host[5]) != NULL)
		return false;
	/* The whole host, so "localhost.example" or "127.example" still warn. */
	end = host + strcspn(host, ":/?#");
	len = (size_t)(end - host);
	if (len == 9 && strncasecmp(host, "localhost", 9) == 0)
		return false;
	if (len < 4 || strncmp(host, "127.", 4) != 0)
		return true;
	for (i = 4; i < len; i++)
		if (!((host[i] >= '0' && host[i] <= '9') || host[i] == '.'))
			return true;
	return false;
}

/* "a; b" from two optional owned messages. */
static char *main_join(char *a, char *b)
{
	char *both;

	if (!a || !b)
		return a ? a : b;
	both = xasprintf("%s; %s", a, b);
	free(a);
	free(b);
	return both;
}

/* --complete-ids: the tracked ids, one a line, for shell completion. Reads
 * the state file only (no key, no network, no lock, nothing written) and
 * stays silent when there is nothing to offer. The ids passed the id rule
 * when loaded: letters, digits, '-', '_' and '.' only. */
static int main_complete_ids(const struct options *o)
{
	struct tasklist *tl = tasklist_new();
	char *warn = NULL, *err = NULL;
	struct store *store = store_open_readonly(o->state_path, &err);
	size_t i;

	if (store && store_load(store, tl, &warn, &err) == 0)
		for (i = 0; i < tasklist_count(tl); i++)
			printf("%s\n", tasklist_at(tl, i)->id);
	free(warn);
	free(err);
	tasklist_free(tl);
	store_close(store);
	return 0;
}

static int main_fail(int code, char *msg)
{
	fprintf(stderr, "sunotop: %s\n", msg);
	free(msg);
	return code;
}

/* The end of a run: the message (if any), then everything in reverse. */
static int main_teardown(int rc, char *err, char *warn, struct api *api, struct store *store,
			 struct tasklist *tl)
{
	if (err)
		rc = main_fail(rc ? rc : 2, err);
	free(warn);
	if (api)
		api_free(api);
	if (store)
		store_close(store);
	tasklist_free(tl);
	return rc;
}

static int main_run(struct options *o)
{
	struct tasklist *tl = tasklist_new();
	struct store *store = NULL;
	struct api *api = NULL;
	char *err = NULL, *warn = NULL;
	int rc;
	bool script = o->once || o->watch;
	bool cli_ids;

	rc = idargs_collect(o, tl, &err);
	if (rc)
		goto out;
	cli_ids = tasklist_count(tl) > 0;
	rc = options_load_key(o, getenv, &err);
	if (rc)
		goto out;
	/* The key now lives in o->api_key only: no child we start (--on-complete,
	 * the browser, tmux) inherits it, and the copy in the environment block
	 * the process started with (/proc/PID/environ) is wiped. */
	main_wipe_env_key();
	if (!script)
		main_stdin_from_tty(o);
	if (!script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		err = xstrdup("the dashboard needs a terminal; use --once or --watch in scripts");
		rc = 2;
		goto out;
	}
	if (!script && (err = ui_term_unusable()) != NULL) {
		rc = 2;
		goto out;
	}
	if (main_cleartext_remote(o->base_url))
		warn = xasprintf("warning: %s is plain http to a remote host; the API key would travel in clear",
				 o->base_url);
	if (warn && script) {
		fprintf(stderr, "sunotop: %s\n", warn);
		free(warn);
		warn = NULL;
	}

	/* The store: always for the dashboard; for scripts only when no ids were
	 * given, and then only read (the state file is left alone). */
	if (!script || !cli_ids) {
		char *open_warn = NULL, *load_warn = NULL;
		/* A script never moves, locks or rewrites the state file. */
		store = script ? store_open_readonly(o->state_path, &err) :
				 store_open(o->state_path, &open_warn, &err);
		if (!store) {
			rc = 2;
			goto out;
		}
		if (store_load(store, tl, &load_warn, &err) < 0) {
			free(open_warn);
			free(load_warn);
			rc = 2;
			goto out;
		}
		if (script) {
			/* A script only reads the list; a lock held elsewhere is no news. */
			if (load_warn)
				fprintf(stderr, "sunotop: %s\n", load_warn);
			free(open_warn);
			free(load_warn);
		} else {
			warn = main_join(main_join(warn, open_warn), load_warn);
		}
	}
	if (script && tasklist_count(tl) == 0) {
		err = xstrdup("no task ids: give them as arguments or with -f FILE, or track some in the dashboard");
		rc = 2;
		goto out;
	}

	{
		struct api_config ac = {
			.base_url = o->base_url,
			.key = o->api_key,
			.cacert = o->cacert,
		};
		api = api_new(&ac, &err);
		if (!api) {
			rc = 2;
			goto out;
		}
	}

	if (script) {
		rc = script_run(o, api, tl, stdout, stderr);
	} else {
		if (cli_ids && store && store_save(store, tl, &err) < 0) {
			/* Not fatal: the dashboard shows and retries; keep the text. */
			char *m = xasprintf("cannot save %s: %s", o->state_path, err);
			free(err);
			err = NULL;
			free(warn);
			warn = m;
		}
		rc = ui_run(o, api, store, tl, warn);
	}
out:
	return main_teardown(rc, err, warn, api, store, tl);
}

/* `sunotop submit`: the state file is read first (the task of a clip to
 * extend) and must be writable (the new task is saved before its id is
 * printed); the key is needed only when something is to be sent. */
static int main_run_submit(struct options *o, struct submit_cli *sc)
{
	struct tasklist *tl = tasklist_new();
	struct store *store = NULL;
	struct api *api = NULL;
	char *err = NULL, *warn = NULL;
	int rc = 2;

	if (o->n_ids || o->n_id_files || o->once || o->watch) {
		err = xstrdup("submit takes no task ids, -f, --once or --watch; see 'sunotop submit --help'");
		goto out;
	}
	/* A lock held elsewhere is said below, if something was to be sent. */
	store = store_open(o->state_path, &warn, &err);
	free(warn);
	warn = NULL;
	if (store && store_load(store, tl, &warn, &err) == 0 && warn)
		fprintf(stderr, "sunotop: %s\n", warn);
	if (err || submit_cli_prepare(sc, tl, &err))
		goto out;
	if (sc->dry_run) {
		submit_cli_dry_run(sc, o->base_url, stdout, stderr);
		rc = 0;
		goto out;
	}
	if (store_readonly(store)) {
		err = xasprintf("%s is in use by another sunotop or cannot be written, so a new task could not be tracked; nothing was sent",
				o->state_path);
		goto out;
	}
	if (options_load_key(o, getenv, &err))
		goto out;
	main_wipe_env_key();
	if (main_cleartext_remote(o->base_url))
		fprintf(stderr, "sunotop: warning: %s is plain http to a remote host; the API key would travel in clear\n",
			o->base_url);
	{
		struct api_config ac = { .base_url = o->base_url, .key = o->api_key, .cacert = o->cacert };
		api = api_new(&ac, &err);
	}
	if (api)
		rc = submit_cli_run(sc, o, api, store, tl, stdout, stderr);
out:
	return main_teardown(rc, err, warn, api, store, tl);
}

/* argv with `submit` first: its options out, the program's own to resolve. */
static int main_resolve(int argc, char **argv, struct options *o, struct submit_cli *sc,
			bool *submit, char **err)
{
	char **rest = NULL;
	int n = 0, rc;

	*submit = argc > 1 && strcmp(argv[1], "submit") == 0;
	if (!*submit)
		return options_resolve(argc, argv, getenv, o, err);
	rc = submit_cli_parse(argc - 1, argv + 1, sc, &n, &rest, err);
	if (!rc && sc->help)
		o->help = true;
	else if (!rc)
		rc = options_resolve(n, rest, getenv, o, err);
	free(rest);
	return rc;
}

/* The config's `bind` lines, checked at start whatever the mode, so a
 * mistake is found before the dashboard is ever opened. */
static int main_binds(const struct options *o, char **err)
{
	size_t i;

	for (i = 0; i < o->n_binds; i++) {
		const struct options_bind *b = &o->binds[i];
		enum ui_bind_result r = ui_keys_bind(b->key, b->action);
		char *shown;

		if (r == UI_BIND_OK)
			continue;
		shown = text_sanitize(r == UI_BIND_BAD_KEY ? b->key : b->action, 0);
		*err = r == UI_BIND_BAD_KEY ?
			xasprintf("%s: unknown key '%s' (a character, or a name such as Space, Enter, Esc, Tab, Up, PgDn, F5, Ctrl-X)", b->at, shown) :
		       r == UI_BIND_BAD_ACTION ?
			xasprintf("%s: unknown action '%s' (sunotop --list-actions lists them)", b->at, shown) :
			xasprintf("%s: too many keys for '%s'", b->at, shown);
		free(shown);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o;
	struct submit_cli sc;
	char *err = NULL;
	bool submit = false;
	int rc;

	main_std_fds();
	main_no_core_dumps();
	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	options_init(&o);
	memset(&sc, 0, sizeof(sc));
	rc = main_resolve(argc, argv, &o, &sc, &submit, &err);
	if (rc) {
		submit_cli_free(&sc);
		options_free(&o);
		return main_fail(rc, err ? err : xstrdup("invalid usage"));
	}
	if (o.help) {
		fputs(submit ? submit_cli_usage() : options_usage(), stdout);
		submit_cli_free(&sc);
		options_free(&o);
		return 0;
	}
	if (o.version) {
		printf("sunotop %s (%s)\n", PACKAGE_VERSION, curl_version());
		options_free(&o);
		return 0;
	}
	if (o.complete_ids) {
		rc = main_complete_ids(&o);
		submit_cli_free(&sc);
		options_free(&o);
		return rc;
	}
	if (o.list_actions) {
		ui_keys_list(stdout);
		options_free(&o);
		return 0;
	}
	rc = main_binds(&o, &err);
	if (rc) {
		submit_cli_free(&sc);
		options_free(&o);
		return main_fail(rc, err);
	}
	if (o.log_path && log_open(o.log_path) < 0) {
		rc = main_fail(2, xasprintf("cannot open log %s: %s", o.log_path, strerror(errno)));
		options_free(&o);
		return rc;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		options_free(&o);
		return main_fail(3, xstrdup("cannot initialise libcurl"));
	}
	rc = submit ? main_run_submit(&o, &sc) : main_run(&o);
	curl_global_cleanup();
	log_close();
	submit_cli_free(&sc);
	options_free(&o);
	return rc;
}
