/* submit: `sunotop submit`: options to a checked request, one POST at a
 * time, tried again only when nothing can have been made, the new task
 * tracked and saved before its id is printed. A generation costs money:
 * never resend after an unclear outcome, never send for --dry-run. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api_submit.h"
#include "lineage.h"
#include "script.h"
#include "submit.h"
#include "text.h"
#include "util.h"

#define SUBMIT_MAX_FILE (1u << 20)

enum { SUBMIT_FLAG_INSTRUMENTAL = SUBMIT_OPT_N_VALUES, SUBMIT_FLAG_WAIT, SUBMIT_FLAG_JSON,
       SUBMIT_FLAG_DRY_RUN, SUBMIT_FLAG_HELP };

static const struct {
	const char *name;
	int id;
} submit_cli_opts[] = {
	{ "title", SUBMIT_OPT_TITLE },
	{ "tags", SUBMIT_OPT_TAGS },
	{ "negative-tags", SUBMIT_OPT_NEGATIVE_TAGS },
	{ "model", SUBMIT_OPT_MODEL },
	{ "lyrics", SUBMIT_OPT_LYRICS },
	{ "lyrics-file", SUBMIT_OPT_LYRICS_FILE },
	{ "describe", SUBMIT_OPT_DESCRIBE },
	{ "extend", SUBMIT_OPT_EXTEND },
	{ "at", SUBMIT_OPT_AT },
	{ "write-lyrics", SUBMIT_OPT_WRITE_LYRICS },
	{ "instrumental", SUBMIT_FLAG_INSTRUMENTAL },
	{ "wait", SUBMIT_FLAG_WAIT },
	{ "json", SUBMIT_FLAG_JSON },
	{ "dry-run", SUBMIT_FLAG_DRY_RUN },
	{ "help", SUBMIT_FLAG_HELP },
};

static const char submit_cli_usage_text[] =
	"Usage: sunotop submit [--title T] [--tags T] [--negative-tags T] [--model MV]\n"
	"                      [--lyrics TEXT | --lyrics-file FILE | --describe TEXT]\n"
	"                      [--instrumental] [--extend CLIP_ID --at SECONDS]\n"
	"                      [--wait] [--json] [--dry-run] [OPTION]...\n"
	"   or: sunotop submit --write-lyrics TEXT [--wait] [--json] [--dry-run] [OPTION]...\n"
	"Submit a Suno generation, print the new task id and track it.\n"
	"\n"
	"  --lyrics TEXT        custom mode: your lyrics ([Verse], [Chorus]...), with\n"
	"  --lyrics-file FILE     --tags and --title; FILE '-' is standard input\n"
	"  --describe TEXT      inspiration mode: what the song is about; the server\n"
	"                       writes lyrics, style and title\n"
	"  --title T            the song's title (custom mode)\n"
	"  --tags T             style, comma-separated (custom mode)\n"
	"  --negative-tags T    styles to avoid (custom mode)\n"
	"  --model MV           chirp-v3-0 (v3), chirp-v3-5 (v3.5), chirp-v4 (v4),\n"
	"                       chirp-auk (v4.5), chirp-bluejay (v4.5+), chirp-crow (v5),\n"
	"                       or custom:NAME for any other; default: the server's\n"
	"  --instrumental       no vocals\n"
	"  --extend CLIP_ID     continue a clip from --at SECONDS into it (custom mode);\n"
	"  --at SECONDS           the clip's task is sent too when it is tracked\n"
	"  --write-lyrics TEXT  ask the lyrics writer for lyrics about TEXT\n"
	"  --wait               then watch the task like --watch --exit-status\n"
	"  --json               print a JSON line (and JSON Lines with --wait)\n"
	"  --dry-run            print the request body; send nothing\n"
	"\n"
	"Give exactly one of --lyrics, --lyrics-file and --describe. Limits, in\n"
	"characters: title 100; description 500; text for --write-lyrics 500;\n"
	"negative tags 1000; lyrics 3000 and tags 200 for v3, v3.5 and v4, 5000 and\n"
	"1000 for v4.5, v4.5+, v5, custom models and the server's default.\n"
	"The program's own options (-u, -K, -c, --state, --cacert, --log, -i) may\n"
	"be given too.\n"
	"\n"
	"A request is tried again by itself only when nothing can have been made:\n"
	"the server could not be reached or answered 429 (up to 4 tries). After a\n"
	"timeout, a reset, a 5xx or an unreadable answer the task may or may not\n"
	"exist: it is never sent again by itself.\n"
	"\n"
	"Exit status: 0 submitted (with --wait: as --watch --exit-status); 2 bad\n"
	"input, refused before anything is sent; 3 not submitted, or the outcome\n"
	"is unknown.\n";

const char *submit_cli_usage(void)
{
	return submit_cli_usage_text;
}

/* ---- the command line ------------------------------------------------ */

static int submit_cli_find(const char *arg, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(submit_cli_opts) / sizeof(submit_cli_opts[0]); i++)
		if (strlen(submit_cli_opts[i].name) == len &&
		    strncmp(arg, submit_cli_opts[i].name, len) == 0)
			return submit_cli_opts[i].id;
	return -1;
}

static bool *submit_cli_flag(struct submit_cli *c, int id)
{
	switch (id) {
	case SUBMIT_FLAG_INSTRUMENTAL: return &c->instrumental;
	case SUBMIT_FLAG_WAIT: return &c->wait;
	case SUBMIT_FLAG_JSON: return &c->json;
	case SUBMIT_FLAG_DRY_RUN: return &c->dry_run;
	default: return &c->help;
	}
}

/* One argument at argv[*i]: 1 when it was ours (and *i moved past it and
 * its value), 0 when it is not, 2 with *err. */
static int submit_cli_take(int argc, char **argv, int *i, struct submit_cli *c, char **err)
{
	const char *arg = argv[*i], *eq, *value;
	size_t len;
	int id;

	if (strcmp(arg, "-h") == 0) {
		c->help = true;
		return 1;
	}
	if (strncmp(arg, "--", 2) != 0)
		return 0;
	eq = strchr(arg + 2, '=');
	len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
	id = submit_cli_find(arg + 2, len);
	if (id < 0)
		return 0;
	if (id >= SUBMIT_OPT_N_VALUES) {
		if (eq) {
			*err = xasprintf("option '--%.*s' takes no value; see 'sunotop submit --help'",
					 (int)len, arg + 2);
			return 2;
		}
		*submit_cli_flag(c, id) = true;
		return 1;
	}
	if (eq) {
		value = eq + 1;
	} else if (*i + 1 < argc) {
		value = argv[++*i];
	} else {
		*err = xasprintf("option '--%s' needs a value; see 'sunotop submit --help'", arg + 2);
		return 2;
	}
	if (c->value[id]) {
		*err = xasprintf("option '--%.*s' is given twice", (int)len, arg + 2);
		return 2;
	}
	c->value[id] = value;
	return 1;
}

int submit_cli_parse(int argc, char **argv, struct submit_cli *c,
		     int *rest_argc, char ***rest, char **err)
{
	int i, n = 0;

	memset(c, 0, sizeof(*c));
	submit_req_init(&c->req);
	*err = NULL;
	*rest = xcalloc((size_t)argc + 2, sizeof(**rest));
	(*rest)[n++] = (char *)"sunotop";
	for (i = 1; i < argc; i++) {
		int rc;

		if (strcmp(argv[i], "--") == 0) {
			/* no operands: anything after "--" is refused by the caller */
			while (i < argc)
				(*rest)[n++] = argv[i++];
			break;
		}
		rc = submit_cli_take(argc, argv, &i, c, err);
		if (rc == 2) {
			free(*rest);
			*rest = NULL;
			return 2;
		}
		if (rc == 0)
			(*rest)[n++] = argv[i];
	}
	(*rest)[n] = NULL;
	*rest_argc = n;
	return 0;
}

/* ---- the request ----------------------------------------------------- */

/* Lyrics from a file (or standard input): a BOM, CR before LF and the
 * trailing newlines are what editors add, not lyrics. */
static char *submit_cli_read_lyrics(const char *path, char **err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct strbuf sb;
	char chunk[8192];
	size_t n;
	char *s;

	if (!f) {
		*err = xasprintf("cannot read lyrics from %s: %s", path, strerror(errno));
		return NULL;
	}
	strbuf_init(&sb);
	strbuf_adds(&sb, "");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && sb.len <= SUBMIT_MAX_FILE)
		strbuf_add(&sb, chunk, n);
	if (ferror(f))
		*err = xasprintf("cannot read lyrics from %s: %s", path, strerror(errno));
	else if (sb.len > SUBMIT_MAX_FILE || memchr(sb.buf, '\0', sb.len))
		*err = xasprintf("%s is not a text file of lyrics (over 1 MiB or binary)", path);
	if (f != stdin)
		fclose(f);
	s = strbuf_detach(&sb);
	if (*err) {
		free(s);
		return NULL;
	}
	submit_text_tidy(s);
	return s;
}

/* The task that made clip `clip`, among the tracked ones; NULL if none. */
static const char *submit_cli_clip_task(const struct tasklist *tl, const char *clip)
{
	size_t i, j, n = tasklist_count(tl);

	for (i = 0; i < n; i++) {
		const struct entry *e = tasklist_at(tl, i);

		for (j = 0; e->task && j < e->task->n_clips; j++)
			if (e->task->clips[j].id && strcmp(e->task->clips[j].id, clip) == 0)
				return e->id;
	}
	return NULL;
}

static int submit_cli_seconds(const char *s, double *out, char **err)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(s, &end);
	if (end == s || *end || errno || !isfinite(d)) {
		char *shown = text_sanitize(s, 0);
		*err = xasprintf("invalid --at '%.40s': give a number of seconds", shown);
		free(shown);
		return 2;
	}
	*out = d;
	return 0;
}

int submit_cli_prepare(struct submit_cli *c, const struct tasklist *tl, char **err)
{
	struct submit_req *r = &c->req;
	const char *const *v = c->value;

	*err = NULL;
	if (v[SUBMIT_OPT_LYRICS] && v[SUBMIT_OPT_LYRICS_FILE]) {
		*err = xstrdup("give --lyrics or --lyrics-file, not both");
		return 2;
	}
	submit_req_free(r);
	r->title = xstrdup(v[SUBMIT_OPT_TITLE]);
	r->tags = xstrdup(v[SUBMIT_OPT_TAGS]);
	r->negative_tags = xstrdup(v[SUBMIT_OPT_NEGATIVE_TAGS]);
	r->model = xstrdup(v[SUBMIT_OPT_MODEL]);
	r->instrumental = c->instrumental;
	r->lyrics = xstrdup(v[SUBMIT_OPT_LYRICS]);
	if (v[SUBMIT_OPT_LYRICS_FILE] && !(r->lyrics = submit_cli_read_lyrics(v[SUBMIT_OPT_LYRICS_FILE], err)))
		return 2;
	r->description = xstrdup(v[SUBMIT_OPT_WRITE_LYRICS] ? v[SUBMIT_OPT_WRITE_LYRICS] :
				 v[SUBMIT_OPT_DESCRIBE]);
	if (v[SUBMIT_OPT_WRITE_LYRICS] && v[SUBMIT_OPT_DESCRIBE]) {
		*err = xstrdup("a lyrics request (--write-lyrics) takes only its text");
		return 2;
	}
	if (v[SUBMIT_OPT_AT] && submit_cli_seconds(v[SUBMIT_OPT_AT], &r->continue_at, err))
		return 2;
	r->continue_clip = xstrdup(v[SUBMIT_OPT_EXTEND]);
	r->mode = v[SUBMIT_OPT_WRITE_LYRICS] ? SUBMIT_LYRICS :
		  r->continue_clip ? SUBMIT_EXTEND :
		  r->description && !r->lyrics ? SUBMIT_INSPIRATION : SUBMIT_CUSTOM;
	if (r->continue_clip) {
		const char *task = submit_cli_clip_task(tl, r->continue_clip);

		r->task_id = xstrdup(task);
		free(c->origin_task);
		c->origin_task = xstrdup(task);
	}
	*err = submit_req_check(r);
	return *err ? 2 : 0;
}

void submit_cli_dry_run(const struct submit_cli *c, const char *base_url, FILE *out, FILE *err)
{
	char *body = submit_req_body(&c->req);
	char *url = text_sanitize(base_url, 0);

	fprintf(err, "sunotop: dry run: would POST to %s%s; nothing sent\n", url,
		submit_req_path(&c->req));
	fprintf(out, "%s\n", body);
	fflush(out);
	free(url);
	free(body);
}

/* ---- sending ---------------------------------------------------------- */

static void submit_cli_sleep(double secs)
{
	struct timespec ts = { .tv_sec = (time_t)secs,
			       .tv_nsec = (long)((secs - floor(secs)) * 1e9) };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void submit_cli_say(FILE *err, const char *prefix, const char *raw, const char *suffix)
{
	char *text = text_sanitize(raw ? raw : "", 0);

	fprintf(err, "sunotop: %s%s%s\n", prefix, text, suffix);
	free(text);
}

/* POSTs until accepted, or until another try would not be safe. */
static int submit_cli_send(struct api *api, const char *path, const char *body, FILE *err,
			   struct api_submit_result *res)
{
	int attempt;

	for (attempt = 1;; attempt++) {
		double wait;

		api_submit(api, path, body, res);
		wait = api_submit_retry_in(res, attempt, (double)rand() / ((double)RAND_MAX + 1));
		if (wait < 0)
			return attempt;
		submit_cli_say(err, "", res->message, "");
		fprintf(err, "sunotop: nothing was made; trying again in %.0f s (try %d of %d)\n",
			ceil(wait), attempt + 1, SUBMIT_MAX_ATTEMPTS);
		submit_cli_sleep(wait);
		api_submit_result_free(res);
	}
}

/* Tracks the new task with its request and origin; saved before its id
 * is printed, so an id on the screen is an id in the state file. */
static struct entry *submit_cli_track(struct store *store, struct tasklist *tl, const char *id,
				      struct lineage *l, FILE *err)
{
	struct entry *e = tasklist_add(tl, id, now_wall());
	char *why = NULL;

	if (!e) {
		lineage_free(l);
		return tasklist_find(tl, id);
	}
	e->lineage = l;
	if (store_save(store, tl, &why) < 0) {
		submit_cli_say(err, "", why, "; the task was submitted: keep its id");
		free(why);
	}
	return e;
}

/* --wait: the new task alone, watched as --watch --exit-status does; its
 * last state is saved too. */
static int submit_cli_wait(struct options *o, struct api *api, struct store *store,
			   struct tasklist *tl, struct entry *e, bool json, FILE *out, FILE *err)
{
	struct tasklist *one = tasklist_new();
	struct entry *w = tasklist_add(one, e->id, e->added);
	char *why = NULL;
	int rc;

	w->lineage = lineage_clone(e->lineage);
	o->once = false;
	o->watch = true;
	o->exit_status = true;
	o->json = json;
	rc = script_run(o, api, one, out, err);
	if (w->task) {
		tasklist_update(tl, task_clone(w->task), w->fetched);
		if (store_save(store, tl, &why) < 0) {
			submit_cli_say(err, "", why, "");
			free(why);
		}
	}
	tasklist_free(one);
	return rc;
}

static const char *submit_cli_outcome(const struct api_submit_result *r)
{
	return r->verdict == SUBMIT_ACCEPTED ? "accepted" :
	       r->verdict == SUBMIT_UNKNOWN ? "unknown" : "not_accepted";
}

int submit_cli_run(struct submit_cli *c, struct options *o, struct api *api,
		   struct store *store, struct tasklist *tl, FILE *out, FILE *err)
{
	const char *path = submit_req_path(&c->req);
	char *body = submit_req_body(&c->req);
	struct api_submit_result res;
	struct lineage *l;
	struct entry *e = NULL;
	int attempts, rc = 3;

	srand((unsigned)getpid() ^ (unsigned)now_wall());
	l = lineage_new(path, body, c->req.mode == SUBMIT_EXTEND ? LINEAGE_EXTEND : LINEAGE_NEW,
			c->origin_task, c->req.continue_clip);
	attempts = submit_cli_send(api, path, body, err, &res);
	if (res.verdict == SUBMIT_ACCEPTED) {
		e = submit_cli_track(store, tl, res.task_id, lineage_clone(l), err);
		rc = 0;
	} else if (res.verdict == SUBMIT_UNKNOWN) {
		submit_cli_say(err, "", res.message,
			       ". Look for it in the dashboard or your CometAPI usage before submitting again.");
	} else if (res.retry && res.retry_after > SUBMIT_MAX_WAIT) {
		char *later = xasprintf("; it asks to wait %.0f s: submit again later", res.retry_after);
		submit_cli_say(err, "", res.message, later);
		free(later);
	} else {
		submit_cli_say(err, "", res.message,
			       res.key_rejected ? "; check COMETAPI_KEY or --key-file" :
			       res.retry ? "; gave up" : "");
	}
	if (c->json) {
		char *line = lineage_submit_json(l, res.task_id, submit_cli_outcome(&res),
						 res.http_status, attempts,
						 res.verdict == SUBMIT_ACCEPTED ? NULL : res.message);
		fprintf(out, "%s\n", line);
		free(line);
	} else if (e) {
		fprintf(out, "%s\n", e->id);
	}
	fflush(out);
	if (e && c->wait)
		rc = submit_cli_wait(o, api, store, tl, e, c->json, out, err);
	lineage_free(l);
	api_submit_result_free(&res);
	free(body);
	return rc;
}

void submit_cli_free(struct submit_cli *c)
{
	submit_req_free(&c->req);
	free(c->origin_task);
	c->origin_task = NULL;
}
