/* download_impl: what the download worker's files share (download.c runs
 * the worker, download_rules.c decides why an attempt failed and when one is
 * too slow, download_record.c knows which clip each file belongs to).
 * Include it nowhere else. */
#ifndef SUNOTOP_DOWNLOAD_IMPL_H
#define SUNOTOP_DOWNLOAD_IMPL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <curl/curl.h>

#include "download.h"
#include "netsock.h"

#define DOWNLOAD_PARALLEL 3
#define DOWNLOAD_POST_EVERY 0.2     /* seconds between progress events per file */
#define DOWNLOAD_IDLE_MS 3600000    /* nothing to do: sleep until an add or stop wakes us */

/* The pace rule: after DOWNLOAD_GRACE seconds, an attempt of known size
 * whose end, at its rate over the last minute, is more than
 * DOWNLOAD_MAX_LEFT seconds away is abandoned; one of unknown size, when
 * that rate stays under DOWNLOAD_MIN_RATE for a full minute. */
#define DOWNLOAD_GRACE 30.0
#define DOWNLOAD_WINDOW 60.0
#define DOWNLOAD_MIN_RATE (16 * 1024)
#define DOWNLOAD_MAX_LEFT 900.0
#define DOWNLOAD_PACE_SLOTS 16

/* Bytes seen at moments of one attempt, a sample every few seconds. */
struct download_pace {
	double t0;
	double t[DOWNLOAD_PACE_SLOTS];
	int64_t b[DOWNLOAD_PACE_SLOTS];
	int n, head;
};

struct download_job {
	char *task_id, *url, *name, *path, *part;
	int clip;
	enum download_what what;
	int tries;                  /* attempts started */
	double next_at;             /* monotonic; when it may (re)start */
	CURL *easy;                 /* NULL while waiting */
	int fd;                     /* the .part file while running, else -1 */
	int64_t offset;             /* bytes the .part held when this attempt began */
	int64_t got;                /* bytes written by this attempt */
	int64_t total;              /* whole file, < 0 unknown */
	int64_t cap;                /* size limit */
	bool checked;               /* status looked at on the first body bytes */
	bool too_big;
	int werr;                   /* errno of a failed write, 0 when fine */
	char *bad_type;             /* a Content-Type that is not audio or video */
	char slow[160];             /* why the pace rule abandoned the attempt */
	struct download_pace pace;
	struct netsock_policy policy;
	double posted;              /* monotonic time of the last progress event */
	int64_t posted_bytes;
	char errbuf[CURL_ERROR_SIZE];
	struct download_job *next;
};

struct downloader {
	pthread_t thread;
	pthread_mutex_t lock;
	struct download_job *incoming;   /* under lock: added, not yet seen by the worker */
	bool stop;                       /* under lock */
	CURLM *multi;                    /* worker only, but for curl_multi_wakeup */
	struct queue *queue;
	char *dir;
	char *record;                    /* which clip each file is; NULL: none kept */
	bool allow_private;              /* the API is on a private or loopback address */
	int64_t max_bytes;
	int tries;
	double retry_base;
	struct download_job *jobs;       /* worker only */
	int running;                     /* worker only */
};

/* mkdir -p of dir, missing parts with mode. 0 or -1 (errno set). */
int download_mkdirs(const char *dir, mode_t mode);
/* Why an attempt failed (caller frees), and whether another try can help. */
char *download_why(struct download_job *j, CURLcode rc, long status, bool *retry);
/* Starts the pace of an attempt. */
void download_pace_start(struct download_pace *p, double now);
/* Adds a sample; false (why filled) when the attempt is too slow to go on.
 * bytes: what this attempt got; left: bytes still to come, < 0 unknown. */
bool download_pace_ok(struct download_pace *p, double now, int64_t bytes, int64_t left,
		      char *why, size_t cap);
/* True for a Content-Type a clip's audio or video may come as (audio/...,
 * video/..., an octet stream, or none at all). */
bool download_type_ok(const char *ctype);

/* The file for j in the download directory, by the record of which clip
 * each file belongs to ("downloads" next to the state file): the file this
 * clip had before, or the asked name, or, when another clip has it, the
 * first free "NAME (2).EXT"... The file is claimed for the clip at once. Sets j->name, path and part. Returns true when the file is there
 * already and complete (nothing to fetch). */
bool download_record_pick(const struct downloader *d, struct download_job *j);
/* The record's path for a state file path (caller frees), NULL for NULL. */
char *download_record_path(const char *state_path);

#endif
