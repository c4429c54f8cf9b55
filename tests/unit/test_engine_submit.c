/* test_engine_submit: a submit from the front end through the engine, against
 * a one-connection HTTP responder on loopback: the POST leaves once, an
 * accepted task is tracked with its lineage and on disk before the view
 * hears of it, an unclear outcome tracks nothing and is not resent, and a
 * second submit is refused while one is in flight. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>

#include "engine.h"
#include "options.h"
#include "store.h"
#include "tasklist.h"
#include "util.h"

#define NEW_ID "736a6f88-bd29-4b1e-b110-37132a5325ac"

/* The responder: answers each connection with `answer` (NULL: closes
 * without a word), after `delay_ms`; counts requests and keeps the last. */
struct responder {
	int fd;
	int port;
	const char *answer;
	int delay_ms;
	atomic_int requests;         /* read by the test while the thread runs */
	char last[8192];
	pthread_t thread;
	atomic_int stop;
};

static void *responder_main(void *arg)
{
	struct responder *r = arg;

	while (!r->stop) {
		struct pollfd p = { .fd = r->fd, .events = POLLIN };
		char buf[8192];
		size_t got = 0;
		int c;

		if (poll(&p, 1, 100) <= 0)
			continue;
		c = accept(r->fd, NULL, NULL);
		if (c < 0)
			continue;
		/* headers, then the body by Content-Length */
		for (;;) {
			ssize_t n = read(c, buf + got, sizeof(buf) - 1 - got);
			char *hdr_end, *cl;

			if (n <= 0)
				break;
			got += (size_t)n;
			buf[got] = '\0';
			hdr_end = strstr(buf, "\r\n\r\n");
			cl = strcasestr(buf, "Content-Length:");
			if (hdr_end && (!cl || got >= (size_t)(hdr_end + 4 - buf) + (size_t)atoi(cl + 15)))
				break;
		}
		memcpy(r->last, buf, got + 1);
		r->requests++;         /* after `last`: reading the count orders it */
		usleep((useconds_t)r->delay_ms * 1000);
		if (r->answer && write(c, r->answer, strlen(r->answer)) < 0) {
			/* the client went away: nothing to do */
		}
		close(c);
	}
	return NULL;
}

static void responder_start(struct responder *r, const char *answer, int delay_ms)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);

	memset(r, 0, sizeof(*r));
	r->answer = answer;
	r->delay_ms = delay_ms;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(r->fd >= 0);
	assert_int_equal(bind(r->fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(r->fd, 4), 0);
	assert_int_equal(getsockname(r->fd, (struct sockaddr *)&sa, &len), 0);
	r->port = ntohs(sa.sin_port);
	assert_int_equal(pthread_create(&r->thread, NULL, responder_main, r), 0);
}

static void responder_stop(struct responder *r)
{
	r->stop = 1;
	pthread_join(r->thread, NULL);
	close(r->fd);
}

struct env {
	struct options o;
	struct tasklist *tl;
	struct store *store;
	struct engine *eng;
	char dir[64];
	char *state;
	int added, submitted;
	struct engine_submitted rep;
	char rep_id[64];
	char rep_message[512];
	bool on_disk_when_added;     /* the state file held the id when the view heard */
};

static bool env_file_has(const char *path, const char *text)
{
	char buf[65536];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

static void env_on_added(void *ctx, struct entry *e)
{
	struct env *env = ctx;

	env->added++;
	env->on_disk_when_added = env_file_has(env->state, e->id);
}

static void env_on_submitted(void *ctx, const struct engine_submitted *s)
{
	struct env *env = ctx;

	env->submitted++;
	env->rep = *s;
	snprintf(env->rep_id, sizeof(env->rep_id), "%s", s->id ? s->id : "");
	snprintf(env->rep_message, sizeof(env->rep_message), "%s", s->message ? s->message : "");
	env->rep.id = NULL;
	env->rep.message = NULL;
}

static const struct engine_view env_view = {
	.task_added = env_on_added,
	.submitted = env_on_submitted,
};

static struct env *env_new(int port)
{
	struct env *env = xcalloc(1, sizeof(*env));
	struct engine_config ec = { 0 };
	char *warn = NULL, *err = NULL;

	options_init(&env->o);
	free(env->o.base_url);
	env->o.base_url = xasprintf("http://127.0.0.1:%d", port);
	env->o.api_key = xstrdup("test-key");
	env->tl = tasklist_new();
	snprintf(env->dir, sizeof(env->dir), "/tmp/test_engine_submit.XXXXXX");
	assert_non_null(mkdtemp(env->dir));
	env->state = xasprintf("%s/tasks.json", env->dir);
	env->store = store_open(env->state, &warn, &err);
	assert_non_null(env->store);
	ec.o = &env->o;
	ec.tl = env->tl;
	ec.store = env->store;
	ec.view = &env_view;
	ec.ctx = env;
	env->eng = engine_new(&ec, &err);
	free(err);
	assert_non_null(env->eng);
	return env;
}

/* Pumps the engine until the submit has ended (at most 10 s). */
static void env_wait(struct env *env)
{
	double end = now_mono() + 10;

	while (!env->submitted && now_mono() < end) {
		struct pollfd p = { .fd = engine_fd(env->eng), .events = POLLIN };

		if (poll(&p, 1, 100) > 0)
			engine_pump(env->eng);
	}
	assert_int_equal(env->submitted, 1);
	assert_false(engine_submit_busy(env->eng));
}

static void env_free(struct env *env)
{
	char *err = NULL, *lock;

	assert_int_equal(engine_stop(env->eng, &err), 0);
	engine_free(env->eng);
	store_close(env->store);
	tasklist_free(env->tl);
	unlink(env->state);
	lock = xasprintf("%s.lock", env->state);
	unlink(lock);
	free(lock);
	rmdir(env->dir);
	free(env->state);
	options_free(&env->o);
	free(env);
}

static void req_song(struct submit_req *r)
{
	submit_req_init(r);
	r->lyrics = xstrdup("[Verse]\nla");
	r->tags = xstrdup("rock");
	r->title = xstrdup("Song");
}

static void test_accepted(void **state)
{
	static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
		"Content-Length: 77\r\nConnection: close\r\n\r\n"
		"{\"code\":\"success\",\"message\":\"\",\"data\":\"" NEW_ID "\"}";
	struct responder srv;
	struct submit_req r;
	struct env *env;
	struct entry *e;
	char *why = NULL;

	(void)state;
	responder_start(&srv, ok, 300);
	env = env_new(srv.port);
	req_song(&r);
	assert_true(engine_submit(env->eng, &r, LINEAGE_RETRY, "orig-task-0001", NULL, &why));
	assert_null(why);
	/* one at a time: a second confirmation while the first is out */
	assert_true(engine_submit_busy(env->eng));
	assert_false(engine_submit(env->eng, &r, LINEAGE_NEW, NULL, NULL, &why));
	assert_non_null(strstr(why, "still in flight"));
	free(why);
	env_wait(env);
	assert_int_equal(atomic_load(&srv.requests), 1);
	assert_non_null(strstr(srv.last, "POST /suno/submit/music HTTP/1.1"));
	assert_non_null(strstr(srv.last, "Authorization: Bearer test-key"));
	assert_non_null(strstr(srv.last, "{\"prompt\":\"[Verse]\\nla\",\"tags\":\"rock\",\"title\":\"Song\",\"make_instrumental\":false}"));
	assert_int_equal(env->rep.verdict, SUBMIT_ACCEPTED);
	assert_string_equal(env->rep_id, NEW_ID);
	assert_true(env->rep.saved);
	assert_int_equal(env->rep.attempts, 1);
	/* tracked, with its lineage, and on disk before the view heard */
	assert_int_equal(env->added, 1);
	assert_true(env->on_disk_when_added);
	e = tasklist_find(env->tl, NEW_ID);
	assert_non_null(e);
	assert_non_null(e->lineage);
	assert_int_equal(e->lineage->relation, LINEAGE_RETRY);
	assert_string_equal(e->lineage->from_task, "orig-task-0001");
	assert_true(env_file_has(env->state, "\"relation\":\"retry\""));
	submit_req_free(&r);
	env_free(env);
	responder_stop(&srv);
}

static void test_unknown_not_resent(void **state)
{
	struct responder srv;
	struct submit_req r;
	struct env *env;
	char *why = NULL;

	(void)state;
	responder_start(&srv, NULL, 0);    /* reads the request, closes: no answer */
	env = env_new(srv.port);
	req_song(&r);
	assert_true(engine_submit(env->eng, &r, LINEAGE_NEW, NULL, NULL, &why));
	env_wait(env);
	usleep(200 * 1000);
	assert_int_equal(atomic_load(&srv.requests), 1);
	assert_int_equal(env->rep.verdict, SUBMIT_UNKNOWN);
	assert_non_null(strstr(env->rep_message, "may or may not exist"));
	assert_int_equal(env->added, 0);
	assert_int_equal(tasklist_count(env->tl), 0);
	submit_req_free(&r);
	env_free(env);
	responder_stop(&srv);
}

static void test_refused_before_sending(void **state)
{
	struct responder srv;
	struct submit_req r;
	struct env *env;
	char *why = NULL;

	(void)state;
	responder_start(&srv, NULL, 0);
	env = env_new(srv.port);
	submit_req_init(&r);               /* neither lyrics nor a description */
	assert_false(engine_submit(env->eng, &r, LINEAGE_NEW, NULL, NULL, &why));
	assert_non_null(strstr(why, "give lyrics"));
	free(why);
	assert_false(engine_submit_busy(env->eng));
	usleep(100 * 1000);
	assert_int_equal(atomic_load(&srv.requests), 0);
	submit_req_free(&r);
	env_free(env);
	responder_stop(&srv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_unknown_not_resent),
		cmocka_unit_test(test_refused_before_sending),
	};
	int rc;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests_name("engine_submit", tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
