/* options_file: the config file, the key file and the default paths of sunotop.
 * Reads files but never writes them, and never puts the API key in a message. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
#include "options_impl.h"
#include "util.h"

#define OPTIONS_MAX_CONFIG (1u << 20)
#define OPTIONS_MAX_KEY_FILE 8192
#define OPTIONS_MAX_KEY_LEN 4096

/* --- default paths -------------------------------------------------- */

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
void options_expand_home(char **slot, char *(*getenv_fn)(const char *))
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
	{ "notify_slow", OPTK_BOOL, offsetof(struct options, notify_slow) },
	{ "mouse", OPTK_BOOL, offsetof(struct options, mouse) },
};

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

void options_free_binds(struct options *o)
{
	size_t i;

	for (i = 0; i < o->n_binds; i++) {
		free(o->binds[i].key);
		free(o->binds[i].action);
		free(o->binds[i].at);
	}
	free(o->binds);
	o->binds = NULL;
	o->n_binds = 0;
}

/* "bind KEY ACTION": true when line is one (a `bind = ...` line is not);
 * *msg says what is wrong with it. What KEY and ACTION mean is the key
 * table's to check. */
static bool options_config_bind(struct options *o, const char *line, const char *origin,
				unsigned lineno, char **msg)
{
	const char *p = line + strspn(line, " \t\r\f\v"), *w[3];
	size_t len[3], n = 0;
	struct options_bind *b;

	if (strncmp(p, "bind", 4) != 0 || !p[4] || !strchr(" \t", p[4]))
		return false;
	p += 4;
	for (;;) {
		p += strspn(p, " \t\r\f\v");
		/* "bind # quit" binds '#'; after the two words it is a comment. */
		if (!*p || (*p == '#' && n >= 2))
			break;
		if (n == 3)
			break;
		w[n] = p;
		len[n] = strcspn(p, " \t\r\f\v");
		p += len[n++];
	}
	if (n > 0 && len[0] == 1 && *w[0] == '=')
		return false;
	if (n != 2) {
		*msg = xstrdup("expected 'bind KEY ACTION'");
		return true;
	}
	o->binds = xrealloc(o->binds, (o->n_binds + 1) * sizeof(*o->binds));
	b = &o->binds[o->n_binds++];
	b->key = xstrndup(w[0], len[0]);
	b->action = xstrndup(w[1], len[1]);
	b->at = xasprintf("%s:%u", origin, lineno);
	return true;
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
		value = NULL;
		key = NULL;
		msg = NULL;
		if (!options_config_bind(o, line, origin, lineno, &msg))
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
int options_read_small(const char *path, const char *what, bool missing_ok,
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

/* The key on the first line of the file at path into *out (caller wipes and
 * frees). Returns 0, or 2 with *err set. */
static int options_key_from_file(const char *path, char **out, char **err)
{
	const char *key;
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
		*out = xstrndup(key, len);
	explicit_bzero(buf, sizeof(buf));
	return *err ? 2 : 0;
}

int options_reread_key(const struct options *o, char **key, char **err)
{
	*key = NULL;
	*err = NULL;
	if (!o->key_file)
		return 1;
	return options_key_from_file(o->key_file, key, err);
}

int options_load_key(struct options *o, char *(*getenv_fn)(const char *), char **err)
{
	const char *env;
	size_t len;

	if (!getenv_fn)
		getenv_fn = getenv;
	*err = NULL;
	xfree_secret(o->api_key);
	o->api_key = NULL;
	if (o->key_file)
		return options_key_from_file(o->key_file, &o->api_key, err);
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
