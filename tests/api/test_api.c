#include "config.h"
/* test_api: a command-line driver of src/api.c for tests/api/t-api.sh; it
 * prints one line per outcome and never takes the key from argv (env only). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "api.h"
#include "log.h"
#include "task.h"
#include "util.h"

static const char *const test_api_cls_names[] = {
	"OK", "NOT_FOUND", "KEY_REJECTED", "RETRY", "FATAL", "NO_BATCH",
};

struct test_api_ctx {
	struct api *api;
	atomic_bool abort_now;     /* set by the waker thread */
	double wake_after;
};

static void test_api_print(void *ctx, struct api_outcome *o)
{
	(void)ctx;
	printf("outcome\t%s\t%s\t%ld\t%g\t%s\t%s\t%s\n", o->id,
	       test_api_cls_names[o->cls], o->http_status, o->retry_after,
	       o->code ? o->code : "-",
	       o->task ? (o->task->task_id ? o->task->task_id : "?") : "-",
	       o->message ? o->message : "-");
	/* take one task, leave the others: both ownership paths are used */
	if (o->task && o->task->progress % 2 == 0) {
		task_free(o->task);
		o->task = NULL;
	}
}

static bool test_api_abort(void *ctx)
{
	struct test_api_ctx *c = ctx;

	return atomic_load(&c->abort_now);
}

static void *test_api_waker(void *arg)
{
	struct test_api_ctx *c = arg;

	usleep((useconds_t)(c->wake_after * 1e6));
	atomic_store(&c->abort_now, true);
	api_wakeup(c->api);
	return NULL;
}

static void test_api_usage(void)
{
	fprintf(stderr, "usage: test_api new URL\n"
		"       test_api fetch|wakeup|wait URL [-r ROUNDS] [-t TOTAL_MS] [-l LOG] [ID...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct api_config cfg = { 0 };
	struct test_api_ctx ctx = { .wake_after = 0.3 };
	struct api_stats st;
	struct rusage ru;
	const char *mode, *logpath = NULL;
	char *err = NULL;
	int rounds = 1, opt;
	double t0;

	if (argc < 3)
		test_api_usage();
	mode = argv[1];
	cfg.base_url = argv[2];
	cfg.key = getenv("COMETAPI_KEY");
	cfg.cacert = getenv("TEST_CACERT");
	optind = 3;
	while ((opt = getopt(argc, argv, "r:t:l:")) != -1) {
		switch (opt) {
		case 'r': rounds = atoi(optarg); break;
		case 't': cfg.total_timeout_ms = atol(optarg); break;
		case 'l': logpath = optarg; break;
		default: test_api_usage();
		}
	}
	if (log_open(logpath) != 0) {
		perror(logpath);
		return 1;
	}
	ctx.api = api_new(&cfg, &err);
	if (!ctx.api) {
		printf("error\t%s\n", err);
		free(err);
		return 0;
	}
	if (strcmp(mode, "new") == 0) {
		printf("host\t%s\n", api_host(ctx.api));
		/* log_write must mask a bearer token even when handed one */
		log_write("header Authorization: Bearer %s end; Bearer ", "s3cr3t-token");
	} else if (strcmp(mode, "fetch") == 0) {
		for (int r = 0; r < rounds; r++) {
			size_t n;

			printf("round\t%d\n", r + 1);
			t0 = now_mono();
			n = api_fetch(ctx.api, (const char *const *)argv + optind,
				      (size_t)(argc - optind), test_api_print,
				      test_api_abort, &ctx);
			printf("delivered\t%zu\n", n);
			printf("elapsed\t%.3f\n", now_mono() - t0);
		}
	} else if (strcmp(mode, "wakeup") == 0 || strcmp(mode, "wait") == 0) {
		pthread_t th;
		size_t n = 0;

		pthread_create(&th, NULL, test_api_waker, &ctx);
		t0 = now_mono();
		if (strcmp(mode, "wakeup") == 0)
			n = api_fetch(ctx.api, (const char *const *)argv + optind,
				      (size_t)(argc - optind), test_api_print,
				      test_api_abort, &ctx);
		else
			api_wait(ctx.api, 10);
		printf("delivered\t%zu\n", n);
		printf("elapsed\t%.3f\n", now_mono() - t0);
		pthread_join(th, NULL);
	} else {
		test_api_usage();
	}
	api_get_stats(ctx.api, &st);
	printf("stats\t%lu\t%lu\t%lu\n", st.requests, st.batch_requests, st.get_requests);
	getrusage(RUSAGE_SELF, &ru);
	printf("maxrss_kb\t%ld\n", ru.ru_maxrss);
	api_free(ctx.api);
	log_close();
	return 0;
}
