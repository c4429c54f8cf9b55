/* Unit tests of the state store: round trips, corrupt and foreign files kept
 * aside byte for byte, the lock, failed saves that leave the old file intact. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "taskjson.h"
#include "tasklist.h"
#include "util.h"

static char test_dir[4096];

static int test_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int test_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(test_dir, sizeof(test_dir), "%s/test_store.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(test_dir) ? 0 : -1;
}

static int test_teardown(void **state)
{
	(void)state;
	chmod(test_dir, 0700);
	return nftw(test_dir, test_rm, 16, FTW_DEPTH | FTW_PHYS);
}

static char *test_path(const char *name)
{
	return xasprintf("%s/%s", test_dir, name);
}

/* Whole file, or NULL when it does not exist. */
static char *test_slurp(const char *path, size_t *len)
{
	struct strbuf sb;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	strbuf_init(&sb);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static void test_spew(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The first task of a sample body from tests/data. */
static struct task *test_sample(const char *name)
{
	const char *srcdir = getenv("SRCDIR");
	char *path, *body;
	struct reply r;
	struct task *t;
	size_t len = 0;

	assert_non_null(srcdir);
	path = xasprintf("%s/tests/data/%s", srcdir, name);
	body = test_slurp(path, &len);
	assert_non_null(body);
	reply_parse(200, body, len, NULL, false, &r);
	assert_int_equal(r.cls, REPLY_OK);
	assert_int_equal(r.n_tasks, 1);
	t = task_clone(r.tasks[0]);
	reply_free(&r);
	free(body);
	free(path);
	return t;
}

/* Names in test_dir, sorted, joined by spaces. */
static char *test_listing(void)
{
	struct dirent **names;
	struct strbuf sb;
	int n, i;

	n = scandir(test_dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	strbuf_init(&sb);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..")) {
			if (sb.len)
				strbuf_addc(&sb, ' ');
			strbuf_adds(&sb, names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	return strbuf_detach(&sb);
}

static struct store *test_open(const char *path)
{
	char *warn = NULL, *err = NULL;
	struct store *s = store_open(path, &warn, &err);

	assert_non_null(s);
	assert_null(warn);
	assert_null(err);
	return s;
}

static void test_open_creates_dirs(void **state)
{
	char *path = test_path("a/b/tasks.json"), *dir = test_path("a/b"), *lock;
	struct store *s;
	struct stat st;
	struct tasklist *tl = tasklist_new();
	char *warn, *err;

	(void)state;
	s = test_open(path);
	assert_false(store_readonly(s));
	assert_string_equal(store_path(s), path);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	lock = xasprintf("%s.lock", path);
	assert_int_equal(stat(lock, &st), 0);
	/* A missing file is an empty list, quietly. */
	assert_int_equal(store_load(s, tl, &warn, &err), 0);
	assert_null(warn);
	assert_null(err);
	assert_int_equal(tasklist_count(tl), 0);
	store_close(s);
	tasklist_free(tl);
	free(lock);
	free(dir);
	free(path);
}

static void test_round_trip(void **state)
{
	char *path = test_path("tasks.json"), *warn, *err, *listing, *text;
	struct task *music = test_sample("get-success-music.json");
	struct task *failure = test_sample("get-failure.json");
	struct task *lyrics = test_sample("get-lyrics-success.json");
	struct tasklist *tl = tasklist_new(), *back = tasklist_new();
	struct task *originals[3] = { music, failure, lyrics };
	struct store *s = test_open(path);
	struct entry *e;
	struct stat st;
	size_t i, len;

	(void)state;
	for (i = 0; i < 3; i++) {
		e = tasklist_add(tl, originals[i]->task_id, 1700000000 + (int64_t)i);
		e->task = task_clone(originals[i]);
		e->fetched = 1700000100 + (int64_t)i;
	}
	tasklist_add(tl, "task_unanswered0123456789abcdefABCDEF", 1700000009);
	/* An id already tracked keeps its own entry. */
	e = tasklist_add(back, failure->task_id, 42);
	assert_non_null(e);

	assert_int_equal(store_save(s, tl, &err), 0);
	assert_null(err);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	listing = test_listing();
	assert_string_equal(listing, "tasks.json tasks.json.lock");
	free(listing);
	text = test_slurp(path, &len);
	assert_memory_equal(text, "{\"version\":1,\"tasks\":[\n{\"id\":\"", 30);
	free(text);

	assert_int_equal(store_load(s, back, &warn, &err), 0);
	assert_null(warn);
	assert_null(err);
	assert_int_equal(tasklist_count(back), 4);
	e = tasklist_at(back, 0);
	assert_string_equal(e->id, failure->task_id);
	assert_int_equal(e->added, 42);
	assert_null(e->task);
	for (i = 0; i < 3; i++) {
		char *want, *got;

		if (originals[i] == failure)
			continue;
		e = tasklist_find(back, originals[i]->task_id);
		assert_non_null(e);
		assert_int_equal(e->added, 1700000000 + (int64_t)i);
		assert_int_equal(e->fetched, 1700000100 + (int64_t)i);
		assert_non_null(e->task);
		want = task_to_json(originals[i]);
		got = task_to_json(e->task);
		assert_string_equal(got, want);
		free(want);
		free(got);
	}
	e = tasklist_find(back, music->task_id);
	assert_true(e->task->n_clips > 0);
	assert_string_equal(e->task->clips[0].title, music->clips[0].title);
	assert_int_equal(e->task->state, TASK_SUCCEEDED);
	e = tasklist_find(back, lyrics->task_id);
	assert_non_null(e->task->lyrics);
	e = tasklist_at(back, 3);
	assert_string_equal(e->id, "task_unanswered0123456789abcdefABCDEF");
	assert_int_equal(e->added, 1700000009);
	assert_null(e->task);
	assert_int_equal(e->fetched, 0);

	/* The saved failure reason survives when nothing shadows it. */
	tasklist_free(back);
	back = tasklist_new();
	assert_int_equal(store_load(s, back, &warn, &err), 0);
	e = tasklist_find(back, failure->task_id);
	assert_non_null(e->task);
	assert_string_equal(e->task->fail_reason, failure->fail_reason);
	assert_int_equal(e->task->state, TASK_FAILED);

	store_close(s);
	tasklist_free(tl);
	tasklist_free(back);
	for (i = 0; i < 3; i++)
		task_free(originals[i]);
	free(path);
}

/* Loads text from a fresh file and expects it moved aside unchanged. */
static void test_expect_moved(const char *text, size_t len)
{
	char *path = test_path("tasks.json"), *warn, *err, *aside, *kept, *want;
	struct tasklist *tl = tasklist_new();
	struct store *s;
	long long before = now_wall(), t;
	size_t kept_len = 0;

	test_spew(path, text, len);
	s = test_open(path);
	assert_int_equal(store_load(s, tl, &warn, &err), 0);
	assert_null(err);
	assert_non_null(warn);
	assert_int_equal(tasklist_count(tl), 0);
	assert_int_equal(access(path, F_OK), -1);
	aside = strstr(warn, " as ");
	assert_non_null(aside);
	aside = xstrndup(aside + 4, strcspn(aside + 4, " "));
	t = strtoll(aside + strlen(path) + strlen(".corrupt-"), NULL, 10);
	assert_true(t >= before && t <= now_wall());
	want = xasprintf("state file was unreadable; kept it as %s.corrupt-%lld and started empty",
			 path, t);
	assert_string_equal(warn, want);
	kept = test_slurp(aside, &kept_len);
	assert_non_null(kept);
	assert_int_equal(kept_len, len);
	assert_memory_equal(kept, text, len);
	assert_int_equal(unlink(aside), 0);
	store_close(s);
	tasklist_free(tl);
	free(kept);
	free(want);
	free(aside);
	free(warn);
	free(path);
}

static void test_corrupt_and_foreign(void **state)
{
	static const char *const bodies[] = {
		"{\"version\":1,\"tasks\":[{\"id\":\"abc\"",     /* truncated */
		"[1,2,3]\n",                                       /* foreign */
		"{\"version\":2,\"tasks\":[]}",                    /* newer */
		"{\"tasks\":[]}",                                  /* no version */
		"{\"version\":1,\"tasks\":{}}",                    /* wrong shape */
		"{\"version\":1,\"tasks\":[]} trailing",           /* damaged */
		"",                                                /* empty */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++)
		test_expect_moved(bodies[i], strlen(bodies[i]));
	/* Bytes that are not text at all. */
	test_expect_moved("\xff\x00\x01garbage", 10);
}

/* An existing "<path>.corrupt-T" is never replaced. */
static void test_corrupt_never_overwrites(void **state)
{
	char *path = test_path("tasks.json"), *warn, *err, *old, *want, *kept;
	struct tasklist *tl = tasklist_new();
	long long now = now_wall();
	struct store *s;
	size_t len;
	int d;

	(void)state;
	/* Occupy the names for this second and the next two. */
	for (d = 0; d <= 2; d++) {
		old = xasprintf("%s.corrupt-%lld", path, now + d);
		test_spew(old, "older copy", 10);
		free(old);
	}
	test_spew(path, "not json", 8);
	s = test_open(path);
	assert_int_equal(store_load(s, tl, &warn, &err), 0);
	assert_non_null(warn);
	assert_non_null(strstr(warn, ".corrupt-"));
	assert_non_null(strstr(strstr(warn, ".corrupt-") + 9, "-1 and started empty"));
	for (d = 0; d <= 2; d++) {
		old = xasprintf("%s.corrupt-%lld", path, now + d);
		kept = test_slurp(old, &len);
		assert_non_null(kept);
		assert_string_equal(kept, "older copy");
		free(kept);
		free(old);
	}
	want = xstrndup(strstr(warn, " as ") + 4, strcspn(strstr(warn, " as ") + 4, " "));
	kept = test_slurp(want, &len);
	assert_string_equal(kept, "not json");
	free(kept);
	free(want);
	free(warn);
	store_close(s);
	tasklist_free(tl);
	free(path);
}

static void test_invalid_ids_skipped(void **state)
{
	const char *text =
		"{\"version\":1,\"tasks\":["
		"{\"id\":\"bad id\",\"added\":1},"
		"{\"id\":\"-dash\",\"added\":2},"
		"{\"id\":42},"
		"\"just a string\","
		"{\"id\":\"good-1\",\"added\":5,\"fetched\":6,\"task\":null},"
		"{\"id\":\"good-2\",\"added\":7,\"fetched\":8,"
		"\"task\":{\"task_id\":\"other\",\"status\":\"SUCCESS\"}}"
		"]}";
	char *path = test_path("tasks.json"), *warn, *err, *want;
	struct tasklist *tl = tasklist_new();
	struct store *s;
	struct entry *e;

	(void)state;
	test_spew(path, text, strlen(text));
	s = test_open(path);
	assert_int_equal(store_load(s, tl, &warn, &err), 0);
	assert_null(err);
	want = xasprintf("skipped 4 saved entries without a valid task id in %s", path);
	assert_string_equal(warn, want);
	assert_int_equal(tasklist_count(tl), 2);
	e = tasklist_at(tl, 0);
	assert_string_equal(e->id, "good-1");
	assert_int_equal(e->added, 5);
	assert_null(e->task);
	e = tasklist_at(tl, 1);
	assert_string_equal(e->id, "good-2");
	/* A task saved under another id is dropped, the entry kept. */
	assert_null(e->task);
	assert_int_equal(e->fetched, 0);
	/* The file itself is left alone. */
	assert_int_equal(access(path, F_OK), 0);
	store_close(s);
	tasklist_free(tl);
	free(want);
	free(warn);
	free(path);
}

static void test_lock(void **state)
{
	char *path = test_path("tasks.json"), *warn, *err, *want;
	struct tasklist *tl = tasklist_new();
	struct store *first = test_open(path), *second, *third;

	(void)state;
	tasklist_add(tl, "abc", 1);
	second = store_open(path, &warn, &err);
	assert_non_null(second);
	assert_null(err);
	assert_true(store_readonly(second));
	want = xasprintf("another sunotop is using %s; this one will not save changes", path);
	assert_string_equal(warn, want);
	free(want);
	free(warn);
	/* A read-only store writes nothing and says so by success. */
	assert_int_equal(store_save(second, tl, &err), 0);
	assert_null(err);
	assert_int_equal(access(path, F_OK), -1);
	store_close(second);
	store_close(first);
	/* Once the holder is gone, the lock is free again. */
	third = test_open(path);
	assert_false(store_readonly(third));
	store_close(third);
	tasklist_free(tl);
	free(path);
}

static void test_unusable_path(void **state)
{
	char *file = test_path("plain"), *path = test_path("plain/sub/tasks.json"), *want;
	char *warn, *err;

	(void)state;
	test_spew(file, "x", 1);
	assert_null(store_open(path, &warn, &err));
	want = xasprintf("cannot use %s for the state file: %s is not a directory", path, file);
	assert_string_equal(err, want);
	free(want);
	free(err);
	/* The state path itself is a directory. */
	assert_null(store_open(test_dir, &warn, &err));
	want = xasprintf("cannot use %s as the state file: not a regular file", test_dir);
	assert_string_equal(err, want);
	free(want);
	free(err);
	free(path);
	free(file);
}

/* A failed save reports why and leaves the old file exactly as it was. */
static void test_failed_save_keeps_old(void **state)
{
	char *path = test_path("tasks.json"), *err, *old, *now, *tmp, *want, *listing;
	struct tasklist *tl = tasklist_new();
	struct store *s = test_open(path);
	size_t old_len, now_len;

	(void)state;
	tasklist_add(tl, "first", 1);
	assert_int_equal(store_save(s, tl, &err), 0);
	old = test_slurp(path, &old_len);
	tasklist_add(tl, "second", 2);

	/* Something squats the temp name (works even for root). */
	tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	assert_int_equal(mkdir(tmp, 0700), 0);
	assert_int_equal(store_save(s, tl, &err), -1);
	want = xasprintf("cannot save %s: cannot create %s: Is a directory", path, tmp);
	assert_string_equal(err, want);
	free(want);
	free(err);
	now = test_slurp(path, &now_len);
	assert_int_equal(now_len, old_len);
	assert_memory_equal(now, old, old_len);
	free(now);
	assert_int_equal(rmdir(tmp), 0);

	/* A directory that cannot be written (root is exempt from that). */
	if (geteuid() != 0) {
		assert_int_equal(chmod(test_dir, 0500), 0);
		assert_int_equal(store_save(s, tl, &err), -1);
		want = xasprintf("cannot save %s: cannot create %s: Permission denied", path, tmp);
		assert_string_equal(err, want);
		free(want);
		free(err);
		assert_int_equal(chmod(test_dir, 0700), 0);
		now = test_slurp(path, &now_len);
		assert_int_equal(now_len, old_len);
		assert_memory_equal(now, old, old_len);
		free(now);
	}
	listing = test_listing();
	assert_string_equal(listing, "tasks.json tasks.json.lock");
	free(listing);
	/* And the next save works again. */
	assert_int_equal(store_save(s, tl, &err), 0);
	now = test_slurp(path, &now_len);
	assert_non_null(strstr(now, "\"second\""));
	free(now);
	store_close(s);
	tasklist_free(tl);
	free(tmp);
	free(old);
	free(path);
}

static void test_too_large(void **state)
{
	char *path = test_path("tasks.json"), *warn, *err, *want;
	struct tasklist *tl = tasklist_new();
	struct store *s;
	int fd;

	(void)state;
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)257 << 20), 0);   /* sparse */
	close(fd);
	s = test_open(path);
	assert_int_equal(store_load(s, tl, &warn, &err), -1);
	want = xasprintf("%s is larger than 256 MiB; refusing to load it", path);
	assert_string_equal(err, want);
	assert_null(warn);
	assert_int_equal(access(path, F_OK), 0);
	free(want);
	free(err);
	store_close(s);
	tasklist_free(tl);
	free(path);
}

static void test_ten_thousand(void **state)
{
	char *path = test_path("tasks.json"), *warn, *err, *id;
	struct tasklist *tl = tasklist_new(), *back = tasklist_new();
	struct store *s = test_open(path);
	struct task *music = test_sample("get-success-music.json");
	double start;
	size_t i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		struct entry *e;

		id = xasprintf("task_%032zu", i);
		e = tasklist_add(tl, id, (int64_t)i);
		e->task = task_clone(music);
		free(e->task->task_id);
		e->task->task_id = id;
		e->fetched = (int64_t)i + 1;
	}
	start = now_mono();
	assert_int_equal(store_save(s, tl, &err), 0);
	assert_int_equal(store_load(s, back, &warn, &err), 0);
	/* Loose: natively well under a second; valgrind is ~30 times slower. */
	assert_true(now_mono() - start < 60.0);
	assert_null(warn);
	assert_int_equal(tasklist_count(back), 10000);
	assert_string_equal(tasklist_at(back, 9999)->id, "task_00000000000000000000000000009999");
	assert_int_equal(tasklist_at(back, 9999)->fetched, 10000);
	assert_string_equal(tasklist_at(back, 9999)->task->task_id, tasklist_at(back, 9999)->id);
	store_close(s);
	task_free(music);
	tasklist_free(tl);
	tasklist_free(back);
	free(path);
}

/* A large file laid out by hand (each entry's task object on a line of its
 * own, so a line starting with '{' past the middle is not an entry) is
 * still read whole and in order; one with a comma missing between two
 * entries is unreadable, not half read. */
static void test_large_hand_layout(void **state)
{
	char *path = test_path("tasks.json"), *warn, *err;
	struct tasklist *back = tasklist_new();
	struct store *s;
	FILE *f;
	size_t i, n = 12000;

	(void)state;
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"version\":1,\"tasks\":[\n", f);
	for (i = 0; i < n; i++)
		fprintf(f, "%s{\"id\":\"task_%06zu\",\"added\":%zu,\"task\":\n"
			"{\"task_id\":\"task_%06zu\",\"status\":\"SUCCESS\",\"title\":\"padding padding padding padding padding\"}}\n",
			i ? "," : "", i, i + 1, i);
	fputs("]}\n", f);
	fclose(f);
	s = test_open(path);
	assert_int_equal(store_load(s, back, &warn, &err), 0);
	assert_null(warn);
	assert_int_equal(tasklist_count(back), n);
	assert_string_equal(tasklist_at(back, n - 1)->id, "task_011999");
	assert_int_equal(tasklist_at(back, n - 1)->added, (int64_t)n);
	assert_non_null(tasklist_at(back, n - 1)->task);
	store_close(s);
	tasklist_free(back);
	back = tasklist_new();

	f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"version\":1,\"tasks\":[\n", f);
	for (i = 0; i < n; i++)
		fprintf(f, "%s{\"id\":\"task_%06zu\",\"task\":{\"task_id\":\"task_%06zu\",\"title\":\"padding padding padding padding padding padding\"}}\n",
			i && i != n / 2 + 7 ? "," : "", i, i);
	fputs("]}\n", f);
	fclose(f);
	s = test_open(path);
	assert_int_equal(store_load(s, back, &warn, &err), 0);
	assert_non_null(warn);           /* moved aside, started empty */
	assert_int_equal(tasklist_count(back), 0);
	free(warn);
	store_close(s);
	tasklist_free(back);
	free(path);
}

/* A state path that is a symbolic link (relative, through a second link,
 * to a file that does not exist yet): loads and saves go to the real file
 * and the links stay links. */
static void test_symlink(void **state)
{
	char *real_dir = test_path("real"), *real = test_path("real/tasks.json");
	char *link1 = test_path("link.json"), *link2 = test_path("link2.json");
	char *warn, *err, *lock = test_path("real/tasks.json.lock"), *text;
	struct tasklist *tl = tasklist_new(), *back = tasklist_new();
	struct store *s;
	struct stat st;
	size_t len;

	(void)state;
	assert_int_equal(mkdir(real_dir, 0700), 0);
	assert_int_equal(symlink("real/tasks.json", link2), 0);
	assert_int_equal(symlink("link2.json", link1), 0);
	s = test_open(link1);
	assert_string_equal(store_path(s), real);
	tasklist_add(tl, "abc-1", 1);
	assert_int_equal(store_save(s, tl, &err), 0);
	store_close(s);
	assert_int_equal(lstat(link1, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat(link2, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat(lock, &st), 0);
	text = test_slurp(real, &len);
	assert_non_null(text);
	assert_non_null(strstr(text, "abc-1"));
	free(text);
	/* and it loads back through the link */
	s = test_open(link1);
	assert_int_equal(store_load(s, back, &warn, &err), 0);
	assert_int_equal(tasklist_count(back), 1);
	store_close(s);
	/* a loop is refused with a clear message */
	unlink(link2);
	assert_int_equal(symlink("link.json", link2), 0);
	assert_null(store_open(link1, &warn, &err));
	assert_non_null(strstr(err, "too many levels of symbolic links"));
	free(err);
	tasklist_free(tl);
	tasklist_free(back);
	free(real_dir);
	free(real);
	free(link1);
	free(link2);
	free(lock);
}

/* The read-only store of --once/--watch leaves an unreadable or newer file
 * where it is, byte for byte, and creates nothing. */
static void test_readonly_leaves_file(void **state)
{
	static const char body[] = "{\"version\":2,\"tasks\":[]}";
	char *path = test_path("tasks.json"), *lock = test_path("tasks.json.lock");
	char *warn = NULL, *err = NULL, *text, *listing;
	struct tasklist *tl = tasklist_new();
	struct store *s;
	struct stat st;
	size_t len;

	(void)state;
	test_spew(path, body, strlen(body));
	s = store_open_readonly(path, &err);
	assert_non_null(s);
	assert_true(store_readonly(s));
	assert_int_equal(store_load(s, tl, &warn, &err), 0);
	assert_non_null(warn);
	assert_non_null(strstr(warn, "left as it is"));
	assert_int_equal(store_save(s, tl, &err), 0);
	store_close(s);
	text = test_slurp(path, &len);
	assert_int_equal(len, strlen(body));
	assert_memory_equal(text, body, len);
	assert_int_not_equal(stat(lock, &st), 0);
	listing = test_listing();
	assert_string_equal(listing, "tasks.json");
	free(listing);
	free(text);
	free(warn);
	tasklist_free(tl);
	free(path);
	free(lock);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_creates_dirs, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_and_foreign, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_never_overwrites, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_invalid_ids_skipped, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_lock, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_unusable_path, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_failed_save_keeps_old, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_too_large, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_ten_thousand, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_large_hand_layout, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_symlink, test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_readonly_leaves_file, test_setup, test_teardown),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
