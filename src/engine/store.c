/* store: the tracked-task file (tasks.json): locked, loaded, saved atomically
 * (temp file, fsync, rename, fsync of the directory), corrupt files kept aside.
 * Never overwrites or deletes a file it could not read, and never sees the key. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ids.h"
#include "jsonsafe.h"
#include "store.h"
#include "store_file.h"
#include "store_stream.h"
#include "taskjson.h"
#include "util.h"

#define STORE_VERSION 1
#define STORE_MAX_FILE (256u << 20)

struct store {
	char *path;
	int lock_fd;             /* holds the flock while the store is open; -1 if none */
	bool readonly;           /* another instance holds the lock */
};

/* The store for a path that is a symbolic link is the file it names: saves
 * go next to that file, and the link stays. NULL with *err set when there is
 * no usable path. */
static char *store_real_path(const char *path, char **err)
{
	*err = NULL;
	if (!path || !*path) {
		*err = xstrdup("no state file path");
		return NULL;
	}
	return store_resolve_link(path, err);
}

static struct store *store_open_at(const char *path, char **warn, char **err);

struct store *store_open(const char *path, char **warn, char **err)
{
	struct store *s;
	char *real = store_real_path(path, err);

	*warn = NULL;
	if (!real)
		return NULL;
	s = store_open_at(real, warn, err);
	free(real);
	return s;
}

struct store *store_open_readonly(const char *path, char **err)
{
	struct store *s;
	char *real = store_real_path(path, err);

	if (!real)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->path = real;
	s->lock_fd = -1;
	s->readonly = true;
	return s;
}

static struct store *store_open_at(const char *path, char **warn, char **err)
{
	struct store *s;
	struct stat st;
	char *lock_path;
	int fd;

	if (store_make_parents(path, err) < 0)
		return NULL;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		*err = xasprintf("cannot use %s as the state file: not a regular file", path);
		return NULL;
	}
	lock_path = xasprintf("%s.lock", path);
	fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS)) {
		/* A directory we may not write in: the list can still be read and
		 * watched, it just cannot be saved. Refusing to start would be worse. */
		int why = errno;

		free(lock_path);
		s = xcalloc(1, sizeof(*s));
		s->path = xstrdup(path);
		s->lock_fd = -1;
		s->readonly = true;
		*warn = xasprintf("cannot write next to %s (%s); changes will not be saved",
				  path, strerror(why));
		return s;
	}
	if (fd < 0) {
		*err = xasprintf("cannot create lock file %s: %s", lock_path, strerror(errno));
		free(lock_path);
		return NULL;
	}
	free(lock_path);
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->lock_fd = fd;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK) {
			s->readonly = true;
			*warn = xasprintf("another sunotop is using %s; this one will not save changes",
					  path);
		} else {
			/* Locks unsupported here (some network file systems): carry on
			 * unprotected rather than refuse to work. */
			*warn = xasprintf("cannot lock %s (%s); two sunotops at once could lose changes",
					  path, strerror(errno));
		}
	} else {
		store_remove_stale_tmp(path);
	}
	return s;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	free(s->path);
	free(s);
}

bool store_readonly(const struct store *s)
{
	return s->readonly;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

/* Reads the whole file. 1 = read, 0 = missing, -1 = error (*err set). */
static int store_read(const struct store *s, struct strbuf *sb, char **err)
{
	struct stat st;
	char chunk[65536];
	ssize_t n;
	int fd;

	fd = open(s->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		*err = xasprintf("cannot read %s: %s", s->path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0)
		*err = xasprintf("cannot read %s: %s", s->path, strerror(errno));
	else if (st.st_size > (off_t)STORE_MAX_FILE)
		*err = xasprintf("%s is larger than %u MiB; refusing to load it",
				 s->path, STORE_MAX_FILE >> 20);
	if (*err) {
		close(fd);
		return -1;
	}
	/* Sized once from fstat: a large file is read in place, not copied
	 * through a buffer that doubles as it fills. */
	if (st.st_size > 0 && !sb->buf) {
		sb->cap = (size_t)st.st_size + 1;
		sb->buf = xmalloc(sb->cap);
		sb->buf[0] = '\0';
	}
	for (;;) {
		bool direct = sb->cap > sb->len + 1;

		n = direct ? read(fd, sb->buf + sb->len, sb->cap - sb->len - 1)
			   : read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			*err = xasprintf("cannot read %s: %s", s->path, strerror(errno));
		else if (n > 0 && sb->len + (size_t)n > STORE_MAX_FILE)
			*err = xasprintf("%s is larger than %u MiB; refusing to load it",
					 s->path, STORE_MAX_FILE >> 20);
		if (n <= 0 || *err)
			break;
		if (direct) {
			sb->len += (size_t)n;
			sb->buf[sb->len] = '\0';
		} else {
			strbuf_add(sb, chunk, (size_t)n);
		}
	}
	close(fd);
	return *err ? -1 : 1;
}

/* The version-1 shape, or NULL for a foreign or newer file. */
static json_object *store_tasks_array(json_object *root)
{
	json_object *v, *tasks;

	if (!json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "version", &v) ||
	    !json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) != STORE_VERSION ||
	    !json_object_object_get_ex(root, "tasks", &tasks) ||
	    !json_object_is_type(tasks, json_type_array))
		return NULL;
	return tasks;
}

int store_load(struct store *s, struct tasklist *tl, char **warn, char **err)
{
	struct strbuf sb;
	struct json_tokener *tok;
	json_object *root = NULL, *tasks;
	size_t i, n, skipped = 0;
	int rc;

	*warn = NULL;
	*err = NULL;
	strbuf_init(&sb);
	rc = store_read(s, &sb, err);
	if (rc <= 0) {
		strbuf_release(&sb);
		return rc;
	}
	if (store_load_stream(tl, sb.buf, sb.len, &skipped)) {
		strbuf_release(&sb);
		goto done;
	}
	tok = json_tokener_new();
	if (sb.len > 0) {
		root = json_tokener_parse_ex(tok, sb.buf, (int)sb.len);
		/* Trailing bytes after the document mean the file is damaged. */
		if (root && (json_tokener_get_error(tok) != json_tokener_success ||
			     json_tokener_get_parse_end(tok) + strspn(sb.buf + json_tokener_get_parse_end(tok),
								      " \t\r\n") != sb.len)) {
			json_object_put(root);
			root = NULL;
		}
	}
	json_tokener_free(tok);
	strbuf_release(&sb);

	tasks = root ? store_tasks_array(root) : NULL;
	if (!tasks) {
		char *aside;
		json_object_put(root);
		if (s->readonly) {
			/* The lock holder owns the file; leave it where it is. */
			*warn = xasprintf("state file %s is unreadable or from a newer version; left as it is",
					  s->path);
			return 0;
		}
		aside = store_move_aside(s->path, err);
		if (!aside)
			return -1;
		*warn = xasprintf("state file was unreadable; kept it as %s and started empty", aside);
		free(aside);
		return 0;
	}
	n = json_object_array_length(tasks);
	for (i = 0; i < n; i++)
		if (!store_load_entry(tl, json_object_array_get_idx(tasks, i)))
			skipped++;
	json_object_put(root);
done:
	if (skipped)
		*warn = xasprintf("skipped %zu saved %s without a valid task id in %s",
				  skipped, skipped == 1 ? "entry" : "entries", s->path);
	return 0;
}

/* One entry as a line of JSON, streamed so that a large list never becomes
 * one giant tree. */
static int store_write_entry(FILE *f, const struct entry *e, bool first)
{
	json_object *obj = json_object_new_object();
	char *text;
	int rc;

	json_object_object_add(obj, "id", json_object_new_string(e->id));
	json_object_object_add(obj, "added", json_object_new_int64(e->added));
	json_object_object_add(obj, "fetched", json_object_new_int64(e->task ? e->fetched : 0));
	json_object_object_add(obj, "task", e->task ? task_to_state_object(e->task) : NULL);
	if (e->lineage)
		json_object_object_add(obj, "submitted", lineage_to_json_object(e->lineage));
	if (e->timeline)
		json_object_object_add(obj, "timeline", timeline_to_json_object(e->timeline));
	text = jsonsafe_text(json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
							    JSON_C_TO_STRING_NOSLASHESCAPE));
	rc = fprintf(f, "%s%s", first ? "\n" : ",\n", text) < 0 ? -1 : 0;
	free(text);
	json_object_put(obj);
	return rc;
}

int store_save(struct store *s, const struct tasklist *tl, char **err)
{
	char *tmp;
	FILE *f = NULL;
	size_t i, n = tasklist_count(tl);
	int fd, saved_errno = 0;

	*err = NULL;
	if (s->readonly)
		return 0;
	tmp = xasprintf("%s.tmp-%ld", s->path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		*err = xasprintf("cannot save %s: cannot create %s: %s", s->path, tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	/* A temp file left by an earlier process with this pid keeps its mode. */
	if (fchmod(fd, 0600) < 0 || !(f = fdopen(fd, "w"))) {
		saved_errno = errno;
		close(fd);
		goto fail;
	}
	errno = 0;
	if (fprintf(f, "{\"version\":%d,\"tasks\":[", STORE_VERSION) < 0)
		goto fail_stream;
	for (i = 0; i < n; i++)
		if (store_write_entry(f, tasklist_at(tl, i), i == 0) < 0)
			goto fail_stream;
	if (fputs(n ? "\n]}\n" : "]}\n", f) < 0 || fflush(f) != 0 || fsync(fileno(f)) < 0)
		goto fail_stream;
	if (fclose(f) != 0) {
		f = NULL;
		saved_errno = errno;
		goto fail;
	}
	f = NULL;
	if (rename(tmp, s->path) < 0) {
		saved_errno = errno;
		goto fail;
	}
	store_sync_dir(s->path);
	free(tmp);
	return 0;

fail_stream:
	saved_errno = errno ? errno : EIO;
	fclose(f);
fail:
	unlink(tmp);
	*err = xasprintf("cannot save %s: %s", s->path, strerror(saved_errno ? saved_errno : EIO));
	free(tmp);
	return -1;
}
