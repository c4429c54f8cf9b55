/* store_file: the file-system chores of the state store: parent
 * directories, a symbolic link resolved to the file it names, temp files
 * left by killed saves, unreadable files moved aside, directory sync.
 * Never deletes or replaces a file it did not write. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_file.h"
#include "util.h"

#define STORE_MAX_LINKS 40

/* The target of the link at path, relative to the link's directory. */
static char *store_link_target(const char *path)
{
	char buf[PATH_MAX], *dir, *slash, *out;
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n < 0)
		return NULL;
	buf[n] = '\0';
	if (buf[0] == '/')
		return xstrdup(buf);
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash) {
		slash[1] = '\0';
		out = xasprintf("%s%s", dir, buf);
	} else {
		out = xstrdup(buf);
	}
	free(dir);
	return out;
}

char *store_resolve_link(const char *path, char **err)
{
	char *cur = xstrdup(path), *next;
	struct stat st;
	int hops;

	for (hops = 0; hops < STORE_MAX_LINKS; hops++) {
		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			return cur;
		next = store_link_target(cur);
		if (!next) {
			*err = xasprintf("cannot read the link %s: %s", cur, strerror(errno));
			free(cur);
			return NULL;
		}
		free(cur);
		cur = next;
	}
	*err = xasprintf("cannot use %s as the state file: too many levels of symbolic links", path);
	free(cur);
	return NULL;
}

/* mkdir -p of the directories above path, new ones with mode 0700. */
int store_make_parents(const char *path, char **err)
{
	char *dir = xstrdup(path), *p;
	struct stat st;
	int rc = 0;

	p = strrchr(dir, '/');
	if (!p || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		char saved = *p;
		if (saved != '/' && saved != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			*err = xasprintf("cannot create directory %s: %s", dir, strerror(errno));
			rc = -1;
		} else if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			*err = xasprintf("cannot use %s for the state file: %s is not a directory",
					 path, dir);
			rc = -1;
		}
		*p = saved;
		if (rc || saved == '\0')
			break;
	}
	free(dir);
	return rc;
}

/* Temp files named "<path>.tmp-PID" are ours. One left by a process that was
 * killed mid-save is garbage; only the lock holder saves, so once we hold
 * the lock every such file is stale. */
void store_remove_stale_tmp(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	char *prefix;
	size_t plen;
	struct dirent *d;
	DIR *dh;

	if (slash)
		*slash = '\0';
	prefix = xasprintf("%s.tmp-", slash ? slash + 1 : path);
	plen = strlen(prefix);
	dh = opendir(slash ? (*dir ? dir : "/") : ".");
	while (dh && (d = readdir(dh)) != NULL) {
		if (strncmp(d->d_name, prefix, plen) == 0 && d->d_name[plen] &&
		    strspn(d->d_name + plen, "0123456789") == strlen(d->d_name + plen)) {
			char *victim = slash ? xasprintf("%s/%s", dir, d->d_name) : xstrdup(d->d_name);
			unlink(victim);
			free(victim);
		}
	}
	if (dh)
		closedir(dh);
	free(prefix);
	free(dir);
}

/* Renames the unreadable file to "<path>.corrupt-<time>[-N]" without ever
 * replacing an existing file. Returns the new name or NULL with *err set. */
char *store_move_aside(const char *path, char **err)
{
	long long now = now_wall();
	unsigned n;

	for (n = 0; n < 1000; n++) {
		char *aside = n ? xasprintf("%s.corrupt-%lld-%u", path, now, n) :
				  xasprintf("%s.corrupt-%lld", path, now);
		struct stat st;

		/* link() refuses to replace; where the file system has no hard
		 * links, fall back to a rename after checking the name is free. */
		if (link(path, aside) == 0) {
			unlink(path);
			return aside;
		}
		if (errno == EEXIST || lstat(aside, &st) == 0) {
			free(aside);
			continue;
		}
		if (rename(path, aside) == 0)
			return aside;
		*err = xasprintf("cannot move the unreadable state file %s aside: %s",
				 path, strerror(errno));
		free(aside);
		return NULL;
	}
	*err = xasprintf("cannot move the unreadable state file %s aside: too many old copies",
			 path);
	return NULL;
}

/* Makes the rename durable; best effort, the new file is already in place. */
void store_sync_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

