/* download: the download worker. Its own thread and libcurl multi handle
 * save clip audio and video into the download directory, posting progress
 * to the queue. Never sends the API key, never touches the tasklist. */
#ifndef SUNOTOP_DOWNLOAD_H
#define SUNOTOP_DOWNLOAD_H

#include <stdbool.h>
#include <stdint.h>
#include "queue.h"
#include "task.h"

#define DOWNLOAD_MAX_BYTES (200LL * 1024 * 1024)
#define DOWNLOAD_TRIES 3
#define DOWNLOAD_NAME_MAX 120      /* bytes of a file name, extension included */

enum download_what { DOWNLOAD_AUDIO, DOWNLOAD_VIDEO };

/* EV_DOWNLOAD carries one of these in event.dl_state. */
enum download_state {
	DL_QUEUED,      /* accepted, waiting for a slot or a retry */
	DL_ACTIVE,      /* bytes / total (total < 0 when unknown) */
	DL_DONE,        /* saved; message = file path */
	DL_EXISTS,      /* the file was there already, complete; message = path */
	DL_FAILED,      /* message = why, http_status when the server answered */
};

struct download_config {
	struct queue *queue;       /* EV_DOWNLOAD events go here */
	const char *dir;           /* created (0755) when missing */
	const char *api_url;       /* the API's base URL: downloads may reach private
				    * addresses only when it is on one itself */
	const char *state_path;    /* the record of which clip each file is goes
				    * next to it ("downloads"); NULL: none */
	int64_t max_bytes;         /* <= 0: DOWNLOAD_MAX_BYTES */
	int tries;                 /* <= 0: DOWNLOAD_TRIES */
	double retry_base;         /* seconds before the 2nd try, doubling; <= 0: 1 */
};

struct downloader;

/* Starts the thread (signals blocked in it). Dies on pthread failure. */
struct downloader *download_start(const struct download_config *cfg);
/* Queue one file; name is a safe file name (see download_file_name). The
 * worker answers with EV_DOWNLOAD events for (task_id, clip, what). Returns
 * false, posting nothing, when the URL is not http(s). */
bool download_add(struct downloader *d, const char *task_id, int clip,
		  enum download_what what, const char *url, const char *name);
/* Cancels what is running (keeping .part files for a resume), joins, frees. */
void download_stop(struct downloader *d);

/* "TITLE - CLIPID8.EXT" made safe for a file name: no '/', no control or
 * invisible characters, no leading dots, at most DOWNLOAD_NAME_MAX bytes
 * without cutting a UTF-8 character. Caller frees. */
char *download_file_name(const char *title, const char *clip_id, const char *ext);
/* True for an absolute http:// or https:// URL. */
bool download_url_ok(const char *url);
/* The URL to save for a clip, or NULL when there is nothing to save yet:
 * only a clip whose status is "complete" and that has the URL. */
const char *download_clip_url(const struct clip *c, enum download_what what);
/* download_file_name for a clip's audio (.mp3) or video (.mp4). */
char *download_clip_file_name(const struct clip *c, enum download_what what);
/* "audio" or "video", for messages. */
const char *download_what_name(enum download_what what);
/* Short words for a state, for messages. */
const char *download_state_name(enum download_state s);

#endif
