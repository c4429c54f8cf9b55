/* cabundle: the system CA bundle plus the user's --cacert file, in memory. */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cabundle.h"
#include "util.h"

#define CABUNDLE_PEM_MARK "-----BEGIN CERTIFICATE-----"

/* Appends the whole regular file at path to sb. 0, or -1 with errno set
 * (EFBIG for a file over the limit, EINVAL for something not a file). */
static int cabundle_read(const char *path, struct strbuf *sb)
{
	char chunk[65536];
	struct stat st;
	size_t start = sb->len;
	ssize_t n;
	int fd, saved;

	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (sb->len - start + (size_t)n > CABUNDLE_MAX_FILE) {
			n = -1;
			errno = EFBIG;
			break;
		}
		strbuf_add(sb, chunk, (size_t)n);
	}
	saved = errno;
	close(fd);
	if (n < 0) {
		sb->len = start;
		errno = saved;
		return -1;
	}
	return 0;
}

static bool cabundle_has_pem(const char *s, size_t len)
{
	size_t m = strlen(CABUNDLE_PEM_MARK);

	for (size_t i = 0; i + m <= len; i++)
		if (s[i] == '-' && memcmp(s + i, CABUNDLE_PEM_MARK, m) == 0)
			return true;
	return false;
}

char *cabundle_join(const char *system_path, const char *user_path, size_t *len, char **err)
{
	struct strbuf sb;
	size_t user_start;

	*err = NULL;
	*len = 0;
	strbuf_init(&sb);
	/* A missing or unreadable system bundle is not the user's problem:
	 * the user's CA alone is then what is trusted. */
	if (system_path && cabundle_read(system_path, &sb) == 0 && sb.len > 0 &&
	    sb.buf[sb.len - 1] != '\n')
		strbuf_addc(&sb, '\n');
	user_start = sb.len;
	if (cabundle_read(user_path, &sb) < 0) {
		*err = errno == EFBIG ?
			xasprintf("CA file %s is larger than %u MiB", user_path, CABUNDLE_MAX_FILE >> 20) :
			errno == EINVAL ? xasprintf("CA file %s is not a regular file", user_path) :
			xasprintf("cannot read CA file %s: %s", user_path, strerror(errno));
	} else if (!cabundle_has_pem(sb.buf + user_start, sb.len - user_start)) {
		*err = xasprintf("CA file %s holds no PEM certificate (\"%s\")", user_path,
				 CABUNDLE_PEM_MARK);
	}
	if (*err) {
		strbuf_release(&sb);
		return NULL;
	}
	*len = sb.len;
	return strbuf_detach(&sb);
}

char *cabundle_system_path(void)
{
	/* Where distributions keep the bundle, for a libcurl that cannot say. */
	static const char *const known[] = {
		"/etc/ssl/certs/ca-certificates.crt",   /* Debian, Ubuntu, Arch */
		"/etc/pki/tls/certs/ca-bundle.crt",     /* Fedora, RHEL */
		"/etc/ssl/ca-bundle.pem",               /* openSUSE */
		"/etc/ssl/cert.pem",                    /* Alpine, macOS, BSDs */
	};
	char *path = NULL;
#if LIBCURL_VERSION_NUM >= 0x075400     /* CURLINFO_CAINFO: 7.84.0 */
	CURL *e = curl_easy_init();
	char *p = NULL;

	if (e && curl_easy_getinfo(e, CURLINFO_CAINFO, &p) == CURLE_OK && p)
		path = xstrdup(p);
	if (e)
		curl_easy_cleanup(e);
#endif
	for (size_t i = 0; !path && i < sizeof(known) / sizeof(known[0]); i++)
		if (access(known[i], R_OK) == 0)
			path = xstrdup(known[i]);
	return path;
}
