/* Unit tests of options: every option, the precedence of command line,
 * environment, config file and defaults, config errors, and the key file. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
#include "util.h"

/* The fake environment: NULL-terminated name/value pairs. */
static const char *const *test_env;
static char test_dir[4096];

/* Out of line so the compiler does not take a fake environment on the caller's
 * stack for a dangling pointer: every test resets it in test_setup. */
__attribute__((noinline)) static void test_set_env(const char *const *env)
{
	test_env = env;
}

static char *test_getenv(const char *name)
{
	size_t i;

	for (i = 0; test_env && test_env[i]; i += 2)
		if (strcmp(test_env[i], name) == 0)
			return (char *)test_env[i + 1];
	return NULL;
}

static int test_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int test_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(test_dir, sizeof(test_dir), "%s/test_options.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(test_dir))
		return -1;
	test_set_env(NULL);
	return 0;
}

static int test_teardown(void **state)
{
	(void)state;
	test_set_env(NULL);
	return nftw(test_dir, test_rm, 16, FTW_DEPTH | FTW_PHYS);
}

static char *test_path(const char *name)
{
	return xasprintf("%s/%s", test_dir, name);
}

static char *test_write(const char *name, const char *text, mode_t mode)
{
	char *path = test_path(name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

/* Resolves argv (NULL-terminated) with the fake environment. */
static int test_resolve(struct options *o, char **err, const char **args)
{
	char *argv[64];
	int argc = 0;

	argv[argc++] = (char *)"sunotop";
	while (*args)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	options_init(o);
	*err = NULL;
	return options_resolve(argc, argv, test_getenv, o, err);
}

#define RESOLVE(o, err, ...) test_resolve(o, err, (const char *[]){ __VA_ARGS__, NULL })

/* Expects a usage error with exactly this message. */
static void test_fails(const char *msg, const char **args)
{
	struct options o;
	char *err;

	assert_int_equal(test_resolve(&o, &err, args), 2);
	assert_non_null(err);
	assert_string_equal(err, msg);
	free(err);
	options_free(&o);
}

#define FAILS(msg, ...) test_fails(msg, (const char *[]){ __VA_ARGS__, NULL })

static void test_defaults(void **state)
{
	const char *env[] = { "HOME", test_dir, NULL };
	struct options o;
	char *err, *want;

	(void)state;
	test_set_env(env);
	assert_int_equal(test_resolve(&o, &err, (const char *[]){ NULL }), 0);
	assert_null(err);
	assert_string_equal(o.base_url, "https://api.cometapi.com");
	assert_int_equal(o.interval, 5);
	assert_int_equal(o.color, COLOR_AUTO);
	assert_false(o.ascii || o.once || o.watch || o.json || o.exit_status || o.auto_download);
	assert_true(o.bell && o.notify);
	assert_null(o.config_path);
	assert_null(o.key_file);
	assert_null(o.cacert);
	assert_null(o.on_complete);
	assert_null(o.log_path);
	assert_int_equal(o.n_ids, 0);
	assert_int_equal(o.n_id_files, 0);
	want = xasprintf("%s/.local/state/sunotop/tasks.json", test_dir);
	assert_string_equal(o.state_path, want);
	free(want);
	want = xasprintf("%s/Music/sunotop", test_dir);
	assert_string_equal(o.download_dir, want);
	free(want);
	options_free(&o);
}

static void test_every_long_option(void **state)
{
	const char *env[] = { "HOME", test_dir, NULL };
	struct options o;
	char *err, *cfg = test_write("empty.conf", "", 0644);

	(void)state;
	test_set_env(env);
	assert_int_equal(RESOLVE(&o, &err, "--base-url", "http://127.0.0.1:9", "--key-file=/k",
				 "--interval", "7", "--file", "ids.txt", "--config", cfg,
				 "--state", "/s.json", "--watch", "--exit-status", "--json",
				 "--color", "always", "--ascii", "--cacert", "/ca.pem",
				 "--download-dir", "/dl", "--download", "--on-complete", "notify-send done",
				 "--log", "/l.log", "abc-1", "def_2"), 0);
	assert_null(err);
	assert_string_equal(o.base_url, "http://127.0.0.1:9");
	assert_string_equal(o.key_file, "/k");
	assert_int_equal(o.interval, 7);
	assert_int_equal(o.n_id_files, 1);
	assert_string_equal(o.id_files[0], "ids.txt");
	assert_string_equal(o.config_path, cfg);
	assert_string_equal(o.state_path, "/s.json");
	assert_true(o.watch && o.exit_status && o.json && o.ascii);
	assert_true(o.download && o.auto_download);
	assert_false(o.once);
	assert_int_equal(o.color, COLOR_ALWAYS);
	assert_string_equal(o.cacert, "/ca.pem");
	assert_string_equal(o.download_dir, "/dl");
	assert_string_equal(o.on_complete, "notify-send done");
	assert_string_equal(o.log_path, "/l.log");
	assert_int_equal(o.n_ids, 2);
	assert_string_equal(o.ids[0], "abc-1");
	assert_string_equal(o.ids[1], "def_2");
	options_free(&o);
	free(cfg);
}

static void test_short_options(void **state)
{
	const char *env[] = { "HOME", test_dir, NULL };
	struct options o;
	char *err, *cfg = test_write("short.conf", "# nothing\n", 0600);

	(void)state;
	test_set_env(env);
	assert_int_equal(RESOLVE(&o, &err, "-u", "https://x.example", "-K", "/key", "-i12",
				 "-f", "a.txt", "-f", "-", "-c", cfg, "--once", "id1", "--",
				 "-not-an-option"), 0);
	assert_string_equal(o.base_url, "https://x.example");
	assert_string_equal(o.key_file, "/key");
	assert_int_equal(o.interval, 12);
	assert_int_equal(o.n_id_files, 2);
	assert_string_equal(o.id_files[0], "a.txt");
	assert_string_equal(o.id_files[1], "-");
	assert_true(o.once);
	assert_int_equal(o.n_ids, 2);
	assert_string_equal(o.ids[0], "id1");
	assert_string_equal(o.ids[1], "-not-an-option");
	options_free(&o);
	free(cfg);

	assert_int_equal(RESOLVE(&o, &err, "-h"), 0);
	assert_true(o.help);
	options_free(&o);
	assert_int_equal(RESOLVE(&o, &err, "--version"), 0);
	assert_true(o.version);
	options_free(&o);
	/* Help wins even over a combination that is otherwise an error. */
	assert_int_equal(RESOLVE(&o, &err, "--help", "--json"), 0);
	assert_true(o.help);
	options_free(&o);
}

static void test_usage_errors(void **state)
{
	const char *env[] = { "HOME", test_dir, NULL };

	(void)state;
	test_set_env(env);
	FAILS("unknown option '--bogus'; see 'sunotop --help'", "--bogus");
	FAILS("unknown option '--bogus'; see 'sunotop --help'", "--bogus=1");
	FAILS("unknown option '-x'; see 'sunotop --help'", "-x");
	FAILS("unknown option '-k'; see 'sunotop --help'", "-k", "secret");
	FAILS("there is no option that takes the key: set COMETAPI_KEY or use --key-file FILE",
	      "--key=sk-secret");
	FAILS("there is no option that takes the key: set COMETAPI_KEY or use --key-file FILE",
	      "--key", "sk-secret");
	FAILS("unknown option '--ke'; see 'sunotop --help'", "--ke=sk-secret");
	FAILS("unknown option '--api-key'; see 'sunotop --help'", "--api-key", "sk-secret");
	FAILS("option '--once' takes no value; see 'sunotop --help'", "--once=3");
	FAILS("option '-i' needs a value; see 'sunotop --help'", "-i");
	FAILS("option '--base-url' needs a value; see 'sunotop --help'", "--base-url");
	FAILS("option '--color' needs a value; see 'sunotop --help'", "--color");
	FAILS("invalid interval '0': must be a whole number of seconds >= 1", "-i", "0");
	FAILS("invalid interval 'abc': must be a whole number of seconds >= 1", "--interval=abc");
	FAILS("invalid interval '-3': must be a whole number of seconds >= 1", "-i", "-3");
	FAILS("invalid interval '': must be a whole number of seconds >= 1", "--interval=");
	FAILS("invalid interval '2.5': must be a whole number of seconds >= 1", "-i", "2.5");
	FAILS("invalid interval '99999999999': at most 86400 seconds", "-i", "99999999999");
	FAILS("invalid --color 'sometimes': use auto, always or never", "--color", "sometimes");
	FAILS("--once and --watch cannot be used together", "--once", "--watch");
	FAILS("--exit-status needs --once or --watch", "--exit-status");
	FAILS("--json needs --once or --watch", "--json", "id1");
}

/* The same option parsed twice in a row: getopt state is reset each time. */
static void test_repeatable(void **state)
{
	const char *env[] = { "HOME", test_dir, NULL };
	struct options o;
	char *err;
	int round;

	(void)state;
	test_set_env(env);
	for (round = 0; round < 2; round++) {
		assert_int_equal(RESOLVE(&o, &err, "-i", "3", "--ascii", "x1"), 0);
		assert_int_equal(o.interval, 3);
		assert_true(o.ascii);
		assert_int_equal(o.n_ids, 1);
		assert_string_equal(o.ids[0], "x1");
		options_free(&o);
	}
}

static void test_base_url_precedence(void **state)
{
	char *cfg = test_write("url.conf", "base_url = http://config.example\n", 0644);
	const char *home[] = { "HOME", test_dir, NULL };
	const char *with_env[] = { "HOME", test_dir, "COMETAPI_BASE_URL", "http://env.example", NULL };
	const char *empty_env[] = { "HOME", test_dir, "COMETAPI_BASE_URL", "", NULL };
	struct options o;
	char *err;

	(void)state;
	test_set_env(home);
	assert_int_equal(RESOLVE(&o, &err, "-i", "5"), 0);
	assert_string_equal(o.base_url, "https://api.cometapi.com");
	options_free(&o);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg), 0);
	assert_string_equal(o.base_url, "http://config.example");
	options_free(&o);
	test_set_env(with_env);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg), 0);
	assert_string_equal(o.base_url, "http://env.example");
	options_free(&o);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg, "-u", "http://cli.example"), 0);
	assert_string_equal(o.base_url, "http://cli.example");
	options_free(&o);
	test_set_env(empty_env);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg), 0);
	assert_string_equal(o.base_url, "http://config.example");
	options_free(&o);
	free(cfg);
}

static void test_color_precedence(void **state)
{
	char *cfg = test_write("color.conf", "color = always\n", 0644);
	const char *home[] = { "HOME", test_dir, NULL };
	const char *no_color[] = { "HOME", test_dir, "NO_COLOR", "1", NULL };
	const char *empty[] = { "HOME", test_dir, "NO_COLOR", "", NULL };
	struct options o;
	char *err;

	(void)state;
	test_set_env(home);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg), 0);
	assert_int_equal(o.color, COLOR_ALWAYS);
	options_free(&o);
	test_set_env(no_color);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg), 0);
	assert_int_equal(o.color, COLOR_NEVER);
	options_free(&o);
	assert_int_equal(RESOLVE(&o, &err, "--color", "always"), 0);
	assert_int_equal(o.color, COLOR_ALWAYS);
	options_free(&o);
	assert_int_equal(RESOLVE(&o, &err, "--color=auto"), 0);
	assert_int_equal(o.color, COLOR_AUTO);
	options_free(&o);
	test_set_env(empty);
	assert_int_equal(RESOLVE(&o, &err, "-i", "5"), 0);
	assert_int_equal(o.color, COLOR_AUTO);
	options_free(&o);
	free(cfg);
}

static void test_config_all_keys(void **state)
{
	const char *text =
		"# sunotop config\n"
		"\n"
		"  base_url = \"http://127.0.0.1:8080\"  # quoted\n"
		"key_file='~/.config/sunotop/key'\n"
		"interval = 30   # seconds\n"
		"color = never\n"
		"ascii = yes\n"
		"state = ~/tasks.json\n"
		"cacert = /etc/ca.pem\r\n"
		"download_dir = ~/songs\n"
		"on_complete = notify-send \"#1 done\"\n"
		"log = /tmp/sunotop.log\n"
		"auto_download = TRUE\n"
		"bell = 0\n"
		"notify = off\n";
	char *cfg = test_write("all.conf", text, 0600);
	const char *env[] = { "HOME", "/home/u", NULL };
	struct options o;
	char *err;

	(void)state;
	test_set_env(env);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg), 0);
	assert_null(err);
	assert_string_equal(o.base_url, "http://127.0.0.1:8080");
	assert_string_equal(o.key_file, "/home/u/.config/sunotop/key");
	assert_int_equal(o.interval, 30);
	assert_int_equal(o.color, COLOR_NEVER);
	assert_true(o.ascii);
	assert_string_equal(o.state_path, "/home/u/tasks.json");
	assert_string_equal(o.cacert, "/etc/ca.pem");
	assert_string_equal(o.download_dir, "/home/u/songs");
	assert_string_equal(o.on_complete, "notify-send \"#1 done\"");
	assert_string_equal(o.log_path, "/tmp/sunotop.log");
	assert_true(o.auto_download);
	assert_false(o.bell);
	assert_false(o.notify);
	options_free(&o);

	/* The command line still wins over every key. */
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg, "-i", "2", "--state", "/x", "--color", "always",
				 "--download-dir", "/d"), 0);
	assert_int_equal(o.interval, 2);
	assert_string_equal(o.state_path, "/x");
	assert_string_equal(o.download_dir, "/d");
	assert_int_equal(o.color, COLOR_ALWAYS);
	options_free(&o);
	free(cfg);
}

static void test_config_errors(void **state)
{
	static const struct { const char *text, *msg; } cases[] = {
		{ "interval = 5\n\nfoo = 1\n", "C:3: unknown key 'foo'" },
		{ "# c\ninterval = 0\n", "C:2: interval must be a whole number of seconds >= 1" },
		{ "interval = soon\n", "C:1: interval must be a whole number of seconds >= 1" },
		{ "interval = 100000\n", "C:1: interval must be at most 86400 seconds" },
		{ "ascii = maybe\n", "C:1: ascii must be yes or no" },
		{ "color = pink\n", "C:1: color must be auto, always or never" },
		{ "just words\n", "C:1: expected 'key = value'" },
		{ " = 3\n", "C:1: expected 'key = value'" },
		{ "log = \"/tmp/x\n", "C:1: missing closing quote" },
		{ "log = \"/tmp/x\" y\n", "C:1: unexpected text after the closing quote" },
		{ "base_url =\n", "C:1: base_url needs a value" },
		{ "api_key = sk-123\n", "C:1: unknown key 'api_key'" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct options o;
		char *err = NULL;

		options_init(&o);
		assert_int_equal(options_apply_config(&o, cases[i].text, "C", &err), 2);
		assert_non_null(err);
		assert_string_equal(err, cases[i].msg);
		free(err);
		options_free(&o);
	}
}

/* bind lines, mouse, notify_slow, --no-mouse, --json=timeline,
 * --list-actions. What a bind means is the key table's to check. */
static void test_power_options(void **state)
{
	const char *text =
		"mouse = no\n"
		"notify_slow = no\n"
		"  bind x quit   # a comment\n"
		"bind\tCtrl-R refresh-all\n"
		"bind # untrack\n";
	char *cfg = test_write("power.conf", text, 0600);
	const char *env[] = { "HOME", test_dir, NULL };
	struct options o;
	char *err, *at;

	(void)state;
	test_set_env(env);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg), 0);
	assert_null(err);
	assert_false(o.mouse);
	assert_false(o.notify_slow);
	assert_int_equal(o.n_binds, 3);
	assert_string_equal(o.binds[0].key, "x");
	assert_string_equal(o.binds[0].action, "quit");
	at = xasprintf("%s:3", cfg);
	assert_string_equal(o.binds[0].at, at);
	free(at);
	assert_string_equal(o.binds[1].key, "Ctrl-R");
	assert_string_equal(o.binds[1].action, "refresh-all");
	assert_string_equal(o.binds[2].key, "#");
	options_free(&o);
	free(cfg);

	assert_int_equal(RESOLVE(&o, &err, "--once", "--json=timeline", "--no-mouse", "id-1"), 0);
	assert_true(o.json && o.json_timeline && !o.mouse && o.notify_slow);
	options_free(&o);
	assert_int_equal(RESOLVE(&o, &err, "--watch", "--json", "id-1"), 0);
	assert_true(o.json && !o.json_timeline && o.mouse);
	options_free(&o);
	assert_int_equal(RESOLVE(&o, &err, "--list-actions"), 0);
	assert_true(o.list_actions);
	options_free(&o);
	FAILS("invalid --json value 'lines': the only one is --json=timeline",
	      "--once", "--json=lines", "id-1");
	{
		static const struct { const char *text, *msg; } bad[] = {
			{ "bind x\n", "C:1: expected 'bind KEY ACTION'" },
			{ "\nbind x quit extra\n", "C:2: expected 'bind KEY ACTION'" },
			{ "bind = x\n", "C:1: unknown key 'bind'" },
			{ "mouse = sometimes\n", "C:1: mouse must be yes or no" },
		};
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			options_init(&o);
			err = NULL;
			assert_int_equal(options_apply_config(&o, bad[i].text, "C", &err), 2);
			assert_string_equal(err, bad[i].msg);
			free(err);
			options_free(&o);
		}
	}
}

static void test_config_files(void **state)
{
	const char *env[] = { "HOME", test_dir, NULL };
	char *missing = test_path("missing.conf"), *msg, *path;
	char *xdg = test_path("xdg");
	const char *xdg_env[] = { "HOME", test_dir, "XDG_CONFIG_HOME", xdg, NULL };
	const char *rel_env[] = { "HOME", test_dir, "XDG_CONFIG_HOME", "relative", NULL };
	struct options o;
	char *err;

	(void)state;
	test_set_env(env);
	msg = xasprintf("cannot read config file %s: No such file or directory", missing);
	FAILS(msg, "-c", missing);
	free(msg);
	msg = xasprintf("cannot read config file %s: it is a directory", test_dir);
	FAILS(msg, "--config", test_dir);
	free(msg);

	/* The default config, named through XDG_CONFIG_HOME, with an error in it. */
	assert_int_equal(mkdir(xdg, 0700), 0);
	path = test_path("xdg/sunotop");
	assert_int_equal(mkdir(path, 0700), 0);
	free(path);
	path = test_write("xdg/sunotop/config", "interval = 9\nbell = sometimes\n", 0644);
	test_set_env(xdg_env);
	msg = xasprintf("%s:2: bell must be yes or no", path);
	FAILS(msg, "-i", "3");
	free(msg);
	free(path);
	/* A relative XDG_CONFIG_HOME is ignored: $HOME/.config has no file. */
	test_set_env(rel_env);
	assert_int_equal(RESOLVE(&o, &err, "-i", "3"), 0);
	options_free(&o);
	path = options_default_config_path(test_getenv);
	msg = xasprintf("%s/.config/sunotop/config", test_dir);
	assert_string_equal(path, msg);
	free(path);
	free(msg);
	free(xdg);
	free(missing);
}

static void test_default_paths(void **state)
{
	const char *env[] = { "HOME", "/h", "XDG_STATE_HOME", "/st", "XDG_MUSIC_DIR", "/mu",
			      "XDG_CONFIG_HOME", "/cf", NULL };
	char *p;

	(void)state;
	test_set_env(env);
	p = options_default_config_path(test_getenv);
	assert_string_equal(p, "/cf/sunotop/config");
	free(p);
	p = options_default_state_path(test_getenv);
	assert_string_equal(p, "/st/sunotop/tasks.json");
	free(p);
	p = options_default_download_dir(test_getenv);
	assert_string_equal(p, "/mu/sunotop");
	free(p);
}

static void test_key_env_and_missing(void **state)
{
	const char *with_key[] = { "HOME", test_dir, "COMETAPI_KEY", "  sk-env123\n", NULL };
	const char *spaced[] = { "HOME", test_dir, "COMETAPI_KEY", "sk a", NULL };
	const char *empty[] = { "HOME", test_dir, "COMETAPI_KEY", "", NULL };
	struct options o;
	char *err;

	(void)state;
	options_init(&o);
	test_set_env(with_key);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 0);
	assert_null(err);
	assert_string_equal(o.api_key, "sk-env123");
	test_set_env(spaced);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 2);
	assert_string_equal(err, "COMETAPI_KEY must hold the key alone (printable characters, no spaces)");
	assert_null(o.api_key);
	free(err);
	test_set_env(empty);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 2);
	assert_string_equal(err, "no API key: set COMETAPI_KEY or put the key in a file and pass --key-file FILE (or key_file in the config)");
	free(err);
	options_free(&o);
}

static void test_key_file_modes(void **state)
{
	const char *env[] = { "HOME", test_dir, NULL };
	char *key = test_write("key", "sk-file456  \nsecond line\n", 0644), *msg;
	struct options o;
	char *err;

	(void)state;
	test_set_env(env);
	options_init(&o);
	o.key_file = xstrdup(key);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 2);
	msg = xasprintf("key file %s is accessible by others (mode 0644); run: chmod 600 %s", key, key);
	assert_string_equal(err, msg);
	assert_null(o.api_key);
	free(msg);
	free(err);

	assert_int_equal(chmod(key, 0640), 0);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 2);
	msg = xasprintf("key file %s is accessible by others (mode 0640); run: chmod 600 %s", key, key);
	assert_string_equal(err, msg);
	free(msg);
	free(err);

	assert_int_equal(chmod(key, 0600), 0);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 0);
	assert_null(err);
	assert_string_equal(o.api_key, "sk-file456");
	options_free(&o);
	free(key);

	/* Empty first line, a key with a space, a directory, a missing file. */
	key = test_write("key-empty", "\nsk-second\n", 0600);
	options_init(&o);
	o.key_file = key;
	assert_int_equal(options_load_key(&o, test_getenv, &err), 2);
	msg = xasprintf("key file %s has no key on its first line", key);
	assert_string_equal(err, msg);
	free(msg);
	free(err);
	options_free(&o);

	key = test_write("key-space", "sk abc\n", 0600);
	options_init(&o);
	o.key_file = key;
	assert_int_equal(options_load_key(&o, test_getenv, &err), 2);
	msg = xasprintf("key file %s: the first line must hold the key alone (printable characters, no spaces)", key);
	assert_string_equal(err, msg);
	free(msg);
	free(err);
	options_free(&o);

	options_init(&o);
	o.key_file = xstrdup(test_dir);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 2);
	msg = xasprintf("key file %s is not a regular file", test_dir);
	assert_string_equal(err, msg);
	free(msg);
	free(err);
	free(o.key_file);
	o.key_file = test_path("nope");
	assert_int_equal(options_load_key(&o, test_getenv, &err), 2);
	msg = xasprintf("cannot read key file %s: No such file or directory", o.key_file);
	assert_string_equal(err, msg);
	free(msg);
	free(err);
	options_free(&o);
}

/* -K beats COMETAPI_KEY, which beats key_file from the config. */
static void test_key_precedence(void **state)
{
	char *key = test_write("k600", "sk-from-file\n", 0600);
	char *cfg_text = xasprintf("key_file = %s\n", key);
	char *cfg = test_write("key.conf", cfg_text, 0644);
	const char *env[] = { "HOME", test_dir, "COMETAPI_KEY", "sk-from-env", NULL };
	const char *no_env[] = { "HOME", test_dir, NULL };
	struct options o;
	char *err;

	(void)state;
	test_set_env(env);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg), 0);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 0);
	assert_string_equal(o.api_key, "sk-from-env");
	options_free(&o);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg, "-K", key), 0);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 0);
	assert_string_equal(o.api_key, "sk-from-file");
	options_free(&o);
	test_set_env(no_env);
	assert_int_equal(RESOLVE(&o, &err, "-c", cfg), 0);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 0);
	assert_string_equal(o.api_key, "sk-from-file");
	options_free(&o);
	free(cfg);
	free(cfg_text);
	free(key);
}

/* After a 401 the key file is read again; the options keep the old key. */
static void test_key_reread(void **state)
{
	const char *env[] = { "HOME", test_dir, "COMETAPI_KEY", "sk-env", NULL };
	char *key = test_write("k-re", "sk-old\n", 0600), *msg, *nk, *err;
	struct options o;

	(void)state;
	test_set_env(env);
	options_init(&o);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 0);
	assert_int_equal(options_reread_key(&o, &nk, &err), 1);
	assert_null(nk);
	assert_null(err);
	o.key_file = xstrdup(key);
	assert_int_equal(options_load_key(&o, test_getenv, &err), 0);
	assert_string_equal(o.api_key, "sk-old");
	free(test_write("k-re", "  sk-new \n", 0600));
	assert_int_equal(options_reread_key(&o, &nk, &err), 0);
	assert_null(err);
	assert_string_equal(nk, "sk-new");
	assert_string_equal(o.api_key, "sk-old");
	free(nk);
	assert_int_equal(chmod(key, 0604), 0);
	assert_int_equal(options_reread_key(&o, &nk, &err), 2);
	assert_null(nk);
	msg = xasprintf("key file %s is accessible by others (mode 0604); run: chmod 600 %s", key, key);
	assert_string_equal(err, msg);
	free(msg);
	free(err);
	assert_int_equal(unlink(key), 0);
	assert_int_equal(options_reread_key(&o, &nk, &err), 2);
	assert_null(nk);
	assert_non_null(strstr(err, "No such file or directory"));
	free(err);
	options_free(&o);
	free(key);
}

static void test_usage_text(void **state)
{
	static const char *const names[] = {
		"--base-url", "--key-file", "--interval", "--file", "--config", "--state",
		"--once", "--watch", "--exit-status", "--json", "--color", "--ascii",
		"--cacert", "--download", "--download-dir", "--on-complete", "--log", "--help", "--version",
		"COMETAPI_KEY", "COMETAPI_BASE_URL", "NO_COLOR", "Keys in the dashboard: press ? for help.",
	};
	const char *u = options_usage();
	size_t i;

	(void)state;
	assert_memory_equal(u, "Usage: sunotop [OPTION]... [TASK_ID]...\n", 40);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_non_null(strstr(u, names[i]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_every_long_option, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_short_options, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_usage_errors, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_repeatable, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_base_url_precedence, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_color_precedence, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_config_all_keys, test_setup, test_teardown),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test_setup_teardown(test_power_options, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_config_files, test_setup, test_teardown),
		cmocka_unit_test(test_default_paths),
		cmocka_unit_test_setup_teardown(test_key_env_and_missing, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_key_file_modes, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_key_precedence, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_key_reread, test_setup, test_teardown),
		cmocka_unit_test(test_usage_text),
	};

	return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
