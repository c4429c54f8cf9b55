#include "config.h"
/* download_record: which clip each saved file belongs to. A line per file
 * in the record next to the state file ("downloads", lines of
 * "TASK_ID<TAB>CLIP<TAB>audio|video<TAB>PATH"), appended when a clip claims
 * a path; a file is "already there" only for the clip that claimed it.
 * Files from before the record (no line) are taken as they are and claimed
 * by the first clip that asks for the name. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "download_impl.h"
#include "log.h"
#include "util.h"

#define RECORD_MAX (8u << 20)
#define RECORD_ALT_MAX 100

/* The record's text, or "" when there is none. */
static char *record_read(const char *path)
{
	char chunk[16384];
	struct strbuf sb;
	ssize_t n;
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY) : -1;

	strbuf_init(&sb);
	strbuf_adds(&sb, "");
	while (fd >= 0 && sb.len < RECORD_MAX) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		strbuf_add(&sb, chunk, (size_t)n);
	}
	if (fd >= 0)
		close(fd);
	return strbuf_detach(&sb);
}

/* The key of a clip's file: "TASK_ID<TAB>CLIP<TAB>WHAT<TAB>". */
static char *record_key(const struct download_job *j)
{
	return xasprintf("%s\t%d\t%s\t", j->task_id, j->clip, download_what_name(j->what));
}

/* From the record text: the name in the latest line for key, or NULL. */
static char *record_name_of(const char *text, const char *key)
{
	const char *line = text, *nl;
	char *found = NULL;
	size_t klen = strlen(key);

	for (; *line; line = *nl ? nl + 1 : nl) {
		nl = line + strcspn(line, "\n");
		if ((size_t)(nl - line) > klen && strncmp(line, key, klen) == 0) {
			free(found);
			found = xstrndup(line + klen, (size_t)(nl - line) - klen);
		}
	}
	return found;
}

/* Whether the latest line for name is key's (1), another clip's (-1), or
 * missing (0). */
static int record_owner(const char *text, const char *name, const char *key)
{
	const char *line = text, *nl, *tab;
	size_t nlen = strlen(name), klen = strlen(key);
	int owner = 0;

	for (; *line; line = *nl ? nl + 1 : nl) {
		nl = line + strcspn(line, "\n");
		tab = line;
		/* the name is after the third tab */
		for (int t = 0; t < 3 && tab && tab < nl; t++) {
			tab = memchr(tab, '\t', (size_t)(nl - tab));
			if (tab)
				tab++;
		}
		if (!tab || tab > nl || (size_t)(nl - tab) != nlen || memcmp(tab, name, nlen) != 0)
			continue;
		owner = (size_t)(tab - line) == klen && strncmp(line, key, klen) == 0 ? 1 : -1;
	}
	return owner;
}

static void record_add(const char *path, const char *key, const char *file)
{
	char *line = xasprintf("%s%s\n", key, file);
	int fd;

	if (!path)
		return;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == ENOENT) {
		/* the state directory of a first run */
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');

		if (slash && slash != dir) {
			*slash = '\0';
			if (download_mkdirs(dir, 0700) == 0)
				fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		}
		free(dir);
	}

	/* One write of a short line with O_APPEND: two instances appending
	 * at once do not interleave their lines. */
	if (fd < 0 || write(fd, line, strlen(line)) != (ssize_t)strlen(line))
		log_write("download: cannot record %s in %s: %s", file, path, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(line);
}

/* "NAME (n).EXT" from "NAME.EXT". */
static char *record_alt_name(const char *name, int n)
{
	const char *dot = strrchr(name, '.');
	size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);

	return xasprintf("%.*s (%d)%s", (int)stem, name, n, name + stem);
}

/* mkdir -p with mode for the parts that are missing. */
int download_mkdirs(const char *dir, mode_t mode)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, mode) < 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

char *download_record_path(const char *state_path)
{
	const char *slash = state_path ? strrchr(state_path, '/') : NULL;

	if (!state_path)
		return NULL;
	return slash ? xasprintf("%.*s/downloads", (int)(slash - state_path), state_path) :
		       xstrdup("downloads");
}

static bool record_file_there(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

static void record_set_name(const struct downloader *d, struct download_job *j, char *name)
{
	free(j->name);
	free(j->path);
	free(j->part);
	j->name = name;
	j->path = xasprintf("%s/%s", d->dir, name);
	j->part = xasprintf("%s.part", j->path);
}

bool download_record_pick(const struct downloader *d, struct download_job *j)
{
	char *text = record_read(d->record), *key = record_key(j), *name, *path;
	const char *slash;
	int n, owner;
	bool there = false;

	path = record_name_of(text, key);
	slash = path ? strrchr(path, '/') : NULL;
	if (slash && (size_t)(slash - path) == strlen(d->dir) &&
	    strncmp(path, d->dir, (size_t)(slash - path)) == 0) {
		/* this clip has a file here already: it, or its .part to resume */
		record_set_name(d, j, xstrdup(slash + 1));
		there = record_file_there(j->path);
		free(path);
		goto out;
	}
	free(path);
	for (n = 1; n <= RECORD_ALT_MAX; n++) {
		name = n == 1 ? xstrdup(j->name) : record_alt_name(j->name, n);
		path = xasprintf("%s/%s", d->dir, name);
		owner = record_owner(text, path, key);
		free(path);
		if (owner < 0) {
			free(name);
			continue;
		}
		record_set_name(d, j, name);
		/* a file without a line is from before the record: take it */
		there = record_file_there(j->path);
		if (!there && n > 1 && access(j->part, F_OK) == 0 && owner == 0)
			continue;
		break;
	}
	record_add(d->record, key, j->path);
out:
	free(key);
	free(text);
	return there;
}
