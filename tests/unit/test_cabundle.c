/* Unit tests for --cacert's bundle: the system bundle first, then the
 * user's file; the user's file must exist, be a file and hold a PEM
 * certificate; a missing system bundle leaves the user's file alone. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cabundle.h"
#include "util.h"

#define PEM_A "-----BEGIN CERTIFICATE-----\nQUFBQQ==\n-----END CERTIFICATE-----"
#define PEM_B "-----BEGIN CERTIFICATE-----\nQkJCQg==\n-----END CERTIFICATE-----\n"

static char dir[] = "/tmp/sunotop-cabundle-XXXXXX";

static char *put(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void test_join(void **state)
{
	char *sys = put("system.pem", PEM_A), *user = put("user.pem", PEM_B);
	char *missing = xasprintf("%s/none.pem", dir), *blob, *err;
	size_t len;

	(void)state;
	/* No newline at the end of the system bundle: one is put between. */
	blob = cabundle_join(sys, user, &len, &err);
	assert_null(err);
	assert_non_null(blob);
	assert_int_equal(len, strlen(PEM_A "\n" PEM_B));
	assert_memory_equal(blob, PEM_A "\n" PEM_B, len);
	free(blob);

	blob = cabundle_join(missing, user, &len, &err);
	assert_null(err);
	assert_int_equal(len, strlen(PEM_B));
	assert_memory_equal(blob, PEM_B, len);
	free(blob);

	blob = cabundle_join(NULL, user, &len, &err);
	assert_null(err);
	assert_memory_equal(blob, PEM_B, len);
	free(blob);
	free(sys);
	free(user);
	free(missing);
}

static void test_refused(void **state)
{
	char *sys = put("system.pem", PEM_A), *notpem = put("key.txt", "sk-not-a-cert\n");
	char *missing = xasprintf("%s/none.pem", dir), *want, *err;
	size_t len = 99;

	(void)state;
	assert_null(cabundle_join(sys, missing, &len, &err));
	assert_int_equal(len, 0);
	want = xasprintf("cannot read CA file %s: No such file or directory", missing);
	assert_string_equal(err, want);
	free(want);
	free(err);

	assert_null(cabundle_join(sys, notpem, &len, &err));
	want = xasprintf("CA file %s holds no PEM certificate (\"-----BEGIN CERTIFICATE-----\")", notpem);
	assert_string_equal(err, want);
	free(want);
	free(err);

	/* The system bundle's certificates do not make up for the user's. */
	assert_null(cabundle_join(sys, dir, &len, &err));
	want = xasprintf("CA file %s is not a regular file", dir);
	assert_string_equal(err, want);
	free(want);
	free(err);
	free(sys);
	free(notpem);
	free(missing);
}

/* Where the machine has a system bundle, it is found. */
static void test_system_path(void **state)
{
	char *p = cabundle_system_path();

	(void)state;
	if (!p)
		skip();
	assert_int_equal(access(p, R_OK), 0);
	free(p);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_system_path),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
