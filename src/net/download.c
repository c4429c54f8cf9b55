#include "config.h"
/* download: the download worker thread with its own libcurl multi handle.
 * Writes NAME.part, resumes it with a Range request, renames it when
 * complete. Must never send the API key or block the UI thread. */

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "download.h"
#include "download_impl.h"
#include "log.h"
#include "util.h"

static void download_check(int rc, const char *what)
{
	if (rc != 0)
		die("%s: %s", what, strerror(rc));
}

static void download_job_free(struct download_job *j)
{
	if (j->easy)
		curl_easy_cleanup(j->easy);
	if (j->fd >= 0)
		close(j->fd);
	free(j->task_id);
	free(j->url);
	free(j->name);
	free(j->bad_type);
	free(j->path);
	free(j->part);
	free(j);
}

static void download_post(struct downloader *d, const struct download_job *j,
			  enum download_state st, const char *msg, long status)
{
	struct event *ev = event_new(EV_DOWNLOAD);

	ev->id = xstrdup(j->task_id);
	ev->clip = j->clip;
	ev->dl_what = j->what;
	ev->dl_state = st;
	ev->bytes = j->offset + j->got;
	ev->total = j->total;
	ev->attempt = j->tries;
	ev->message = xstrdup(msg);
	ev->http_status = status;
	queue_push(d->queue, ev);
}

/* Body bytes. The status is checked before the first byte is kept, so an
 * error page never lands in the file; the size cap is enforced here. */
static size_t download_on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct download_job *j = ctx;
	size_t n = size * nmemb, off = 0;
	long status = 0;
	curl_off_t cl = -1;
	ssize_t w;

	if (!j->checked) {
		char *ctype = NULL;

		j->checked = true;
		curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
		if (status != 200 && status != 206)
			return 0;
		/* an HTML page (an error or a login page) is not the audio */
		curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ctype);
		if (!download_type_ok(ctype)) {
			j->bad_type = xstrdup(ctype);
			return 0;
		}
		if (status == 200 && j->offset > 0) {
			/* The whole file after all: start the .part over. */
			if (ftruncate(j->fd, 0) < 0 || lseek(j->fd, 0, SEEK_SET) < 0) {
				j->werr = errno;
				return 0;
			}
			j->offset = 0;
		}
		curl_easy_getinfo(j->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
		j->total = cl >= 0 ? j->offset + (int64_t)cl : -1;
	}
	if (j->offset + j->got + (int64_t)n > j->cap) {
		j->too_big = true;
		return 0;
	}
	while (off < n) {
		w = write(j->fd, data + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			j->werr = w < 0 ? errno : EIO;
			return 0;
		}
		off += (size_t)w;
	}
	j->got += (int64_t)n;
	return n;
}

/* The pace rule, checked as the transfer runs: non-zero abandons it. */
static int download_on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow,
				curl_off_t ultotal, curl_off_t ulnow)
{
	struct download_job *j = ctx;
	int64_t left = j->total >= 0 ? j->total - (j->offset + j->got) : -1;

	(void)dltotal; (void)dlnow; (void)ultotal; (void)ulnow;
	if (j->total >= 0 && left <= 0)
		return 0;
	return download_pace_ok(&j->pace, now_mono(), j->got, left, j->slow, sizeof(j->slow)) ? 0 : 1;
}

/* Opens the .part (resuming what it holds) and adds the transfer. Returns
 * false when the job is over (file there already, or a local error). */
static bool download_begin(struct downloader *d, struct download_job *j)
{
	struct stat st;
	char *why;

	if (download_mkdirs(d->dir, 0755) < 0) {
		why = xasprintf("cannot create %s: %s", d->dir, strerror(errno));
		download_post(d, j, DL_FAILED, why, 0);
		free(why);
		return false;
	}
	if (download_record_pick(d, j)) {
		download_post(d, j, DL_EXISTS, j->path, 0);
		return false;
	}
	j->fd = open(j->part, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (j->fd < 0 || fstat(j->fd, &st) < 0) {
		why = xasprintf("cannot write %s: %s", j->part, strerror(errno));
		download_post(d, j, DL_FAILED, why, 0);
		free(why);
		return false;
	}
	j->offset = st.st_size;
	if (j->offset >= j->cap && ftruncate(j->fd, 0) == 0)
		j->offset = 0;
	j->got = 0;
	j->checked = j->too_big = false;
	j->werr = 0;
	j->errbuf[0] = '\0';
	free(j->bad_type);
	j->bad_type = NULL;
	j->slow[0] = '\0';
	j->policy.refused[0] = '\0';
	j->policy.allow_private = d->allow_private;
	j->tries++;
	j->easy = curl_easy_init();
	if (!j->easy)
		die("cannot create a transfer handle");
	/* A plain handle: no Authorization header, no cookies, no netrc. */
	curl_easy_setopt(j->easy, CURLOPT_URL, j->url);
	curl_easy_setopt(j->easy, CURLOPT_PRIVATE, j);
	curl_easy_setopt(j->easy, CURLOPT_WRITEFUNCTION, download_on_body);
	curl_easy_setopt(j->easy, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(j->easy, CURLOPT_ERRORBUFFER, j->errbuf);
	curl_easy_setopt(j->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(j->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(j->easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(j->easy, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(j->easy, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(j->easy, CURLOPT_USERAGENT, "sunotop/" PACKAGE_VERSION);
	curl_easy_setopt(j->easy, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(j->easy, CURLOPT_LOW_SPEED_LIMIT, 256L);
	curl_easy_setopt(j->easy, CURLOPT_LOW_SPEED_TIME, 30L);
	curl_easy_setopt(j->easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)j->cap);
	/* close-on-exec sockets, and the address rule after name resolution
	 * (redirects included) */
	netsock_setup(j->easy, &j->policy);
	curl_easy_setopt(j->easy, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(j->easy, CURLOPT_XFERINFOFUNCTION, download_on_progress);
	curl_easy_setopt(j->easy, CURLOPT_XFERINFODATA, j);
	if (j->offset > 0)
		curl_easy_setopt(j->easy, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)j->offset);
	curl_multi_add_handle(d->multi, j->easy);
	d->running++;
	j->total = -1;
	download_pace_start(&j->pace, now_mono());
	j->posted = now_mono();
	j->posted_bytes = j->offset;
	log_write("download %s clip %d: start (try %d, from byte %lld)", j->task_id, j->clip,
		  j->tries, (long long)j->offset);
	download_post(d, j, DL_ACTIVE, NULL, 0);
	return true;
}

static void download_end_transfer(struct downloader *d, struct download_job *j)
{
	curl_multi_remove_handle(d->multi, j->easy);
	curl_easy_cleanup(j->easy);
	j->easy = NULL;
	d->running--;
}

/* A transfer ended. Returns true when the job is over (free it). */
static bool download_finish(struct downloader *d, struct download_job *j, CURLcode rc)
{
	long status = 0;
	bool retry;
	char *why;
	double wait;
	int fd = j->fd;

	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
	download_end_transfer(d, j);
	if (rc == CURLE_OK && (status == 200 || status == 206) && !j->werr && !j->too_big) {
		j->fd = -1;
		if (close(fd) < 0) {
			why = xasprintf("cannot write %s: %s", j->part, strerror(errno));
			download_post(d, j, DL_FAILED, why, 0);
			free(why);
			return true;
		}
		if (j->got == 0 && j->offset == 0) {
			download_post(d, j, DL_FAILED, "the server sent an empty file", status);
			unlink(j->part);
			return true;
		}
		if (rename(j->part, j->path) < 0) {
			why = xasprintf("cannot rename %s: %s", j->part, strerror(errno));
			download_post(d, j, DL_FAILED, why, 0);
			free(why);
			return true;
		}
		j->total = j->offset + j->got;
		log_write("download %s clip %d: saved %lld bytes", j->task_id, j->clip,
			  (long long)j->total);
		download_post(d, j, DL_DONE, j->path, status);
		return true;
	}
	why = download_why(j, rc, status, &retry);
	log_write("download %s clip %d: try %d failed: %s", j->task_id, j->clip, j->tries, why);
	/* Nothing worth resuming: leave no empty or oversized .part behind. */
	if (j->too_big || j->offset + j->got == 0)
		unlink(j->part);
	close(fd);
	j->fd = -1;
	if (retry && j->tries < d->tries) {
		wait = d->retry_base * (double)(1 << (j->tries - 1));
		j->next_at = now_mono() + wait;
		free(why);
		why = xasprintf("retrying in %.0f s", wait);
		download_post(d, j, DL_QUEUED, why, status);
		free(why);
		return false;
	}
	download_post(d, j, DL_FAILED, why, status);
	free(why);
	return true;
}

/* Progress for running transfers, at most every DOWNLOAD_POST_EVERY. */
static void download_progress(struct downloader *d, double now)
{
	struct download_job *j;

	for (j = d->jobs; j; j = j->next) {
		if (!j->easy || j->offset + j->got == j->posted_bytes ||
		    now - j->posted < DOWNLOAD_POST_EVERY)
			continue;
		j->posted = now;
		j->posted_bytes = j->offset + j->got;
		download_post(d, j, DL_ACTIVE, NULL, 0);
	}
}

/* Starts what is due; returns milliseconds until the next waiting job is
 * due, or DOWNLOAD_IDLE_MS when none waits (adds and stop wake us). */
static int download_schedule(struct downloader *d, double now)
{
	struct download_job **pp = &d->jobs, *j;
	double next = -1;

	while ((j = *pp)) {
		if (!j->easy && d->running < DOWNLOAD_PARALLEL && j->next_at <= now &&
		    !download_begin(d, j)) {
			*pp = j->next;
			download_job_free(j);
			continue;
		}
		/* With every slot taken, a waiting job can only start when a
		 * transfer ends, and that wakes the poll by itself. */
		if (!j->easy && d->running < DOWNLOAD_PARALLEL && (next < 0 || j->next_at < next))
			next = j->next_at;
		pp = &j->next;
	}
	if (next < 0)
		return DOWNLOAD_IDLE_MS;
	next = (next - now) * 1000.0;
	return next < 1 ? 1 : next > DOWNLOAD_IDLE_MS ? DOWNLOAD_IDLE_MS : (int)next;
}

static void download_reap(struct downloader *d)
{
	struct download_job **pp, *j;
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(d->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		j = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&j);
		if (!j || !download_finish(d, j, m->data.result))
			continue;
		for (pp = &d->jobs; *pp && *pp != j; pp = &(*pp)->next)
			;
		if (*pp)
			*pp = j->next;
		download_job_free(j);
	}
}

static bool download_same_file(const struct download_job *a, const struct download_job *b)
{
	return strcmp(a->task_id, b->task_id) == 0 && a->clip == b->clip && a->what == b->what;
}

static void *download_main(void *arg)
{
	struct downloader *d = arg;
	struct download_job *in;
	int still, wait;
	bool stop;

	util_name_thread("sunotop-dl");
	for (;;) {
		pthread_mutex_lock(&d->lock);
		in = d->incoming;
		d->incoming = NULL;
		stop = d->stop;
		pthread_mutex_unlock(&d->lock);
		while (in) {
			struct download_job *j = in, **pp;
			in = j->next;
			j->next = NULL;
			/* Appended in the order asked for; the same clip asked
			 * twice rides on the first job. Another clip that maps
			 * to the same name gets a name of its own when it starts
			 * (download_record_pick). */
			for (pp = &d->jobs; *pp && !download_same_file(*pp, j); pp = &(*pp)->next)
				;
			if (!*pp)
				*pp = j;
			else
				download_job_free(j);
		}
		if (stop)
			break;
		/* Reap before scheduling: a failed transfer sets its retry
		 * time there, and the wait below must know it. */
		curl_multi_perform(d->multi, &still);
		download_reap(d);
		wait = download_schedule(d, now_mono());
		download_progress(d, now_mono());
		curl_multi_poll(d->multi, NULL, 0, d->running ? (wait < 200 ? wait : 200) : wait, NULL);
	}
	while (d->jobs) {
		struct download_job *j = d->jobs;
		d->jobs = j->next;
		if (j->easy)
			download_end_transfer(d, j);
		download_job_free(j);
	}
	return NULL;
}

struct downloader *download_start(const struct download_config *cfg)
{
	struct downloader *d = xcalloc(1, sizeof(*d));

	d->queue = cfg->queue;
	d->dir = xstrdup(cfg->dir);
	d->record = download_record_path(cfg->state_path);
	d->allow_private = netsock_url_is_private(cfg->api_url);
	d->max_bytes = cfg->max_bytes > 0 ? cfg->max_bytes : DOWNLOAD_MAX_BYTES;
	d->tries = cfg->tries > 0 ? cfg->tries : DOWNLOAD_TRIES;
	d->retry_base = cfg->retry_base > 0 ? cfg->retry_base : 1.0;
	d->multi = curl_multi_init();
	if (!d->multi)
		die("cannot create a transfer handle");
	download_check(pthread_mutex_init(&d->lock, NULL), "pthread_mutex_init");
	download_check(util_thread_start(&d->thread, download_main, d), "pthread_create");
	return d;
}

bool download_add(struct downloader *d, const char *task_id, int clip,
		  enum download_what what, const char *url, const char *name)
{
	struct download_job *j, **pp;

	if (!d || !download_url_ok(url) || !name || !*name || strchr(name, '/'))
		return false;
	j = xcalloc(1, sizeof(*j));
	j->task_id = xstrdup(task_id);
	j->url = xstrdup(url);
	j->clip = clip;
	j->what = what;
	j->fd = -1;
	j->cap = d->max_bytes;
	j->total = -1;
	j->name = xstrdup(name);
	j->path = xasprintf("%s/%s", d->dir, name);
	j->part = xasprintf("%s.part", j->path);
	pthread_mutex_lock(&d->lock);
	for (pp = &d->incoming; *pp; pp = &(*pp)->next)
		;
	*pp = j;
	pthread_mutex_unlock(&d->lock);
	curl_multi_wakeup(d->multi);
	return true;
}

void download_stop(struct downloader *d)
{
	struct download_job *j;

	if (!d)
		return;
	pthread_mutex_lock(&d->lock);
	d->stop = true;
	pthread_mutex_unlock(&d->lock);
	curl_multi_wakeup(d->multi);
	download_check(pthread_join(d->thread, NULL), "pthread_join");
	while ((j = d->incoming)) {
		d->incoming = j->next;
		download_job_free(j);
	}
	curl_multi_cleanup(d->multi);
	pthread_mutex_destroy(&d->lock);
	free(d->dir);
	free(d->record);
	free(d);
}
