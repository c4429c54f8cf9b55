/* test_keys: the key table is what the documentation says: every key it
 * binds is listed in the README's key table and in the man page's
 * DASHBOARD KEYS, neither lists a key the table lacks, and dispatch, help
 * and footer come from the table. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_keys.h"
#include "util.h"

#define TEST_NAMES_MAX 128

struct test_names {
	char *name[TEST_NAMES_MAX];
	size_t n;
};

static void test_names_add(struct test_names *s, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strlen(s->name[i]) == len && strncmp(s->name[i], name, len) == 0)
			return;
	assert_true(s->n < TEST_NAMES_MAX);
	s->name[s->n++] = xstrndup(name, len);
}

static bool test_names_has(const struct test_names *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->name[i], name) == 0)
			return true;
	return false;
}

static void test_names_free(struct test_names *s)
{
	while (s->n)
		free(s->name[--s->n]);
}

static char *test_slurp(const char *rel)
{
	const char *src = getenv("SRCDIR");
	char *path, *text;
	FILE *f;
	long len;

	assert_non_null(src);
	path = xasprintf("%s/%s", src, rel);
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = xmalloc((size_t)len + 1);
	assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
	text[len] = '\0';
	fclose(f);
	free(path);
	return text;
}

/* Every key name the table binds. */
static void test_table_names(struct test_names *s)
{
	char buf[16];
	size_t i, k;

	for (i = 0; i < ui_keys_count; i++)
		for (k = 0; k < UI_KEYS_MAX && ui_keys[i].keys[k]; k++) {
			const char *name = ui_keys_name(ui_keys[i].keys[k], buf, sizeof(buf));
			if (name)
				test_names_add(s, name, strlen(name));
		}
}

/* README: the first cell of each row of the table under "## Keys", every
 * `quoted` word in it. */
static void test_readme_names(struct test_names *s)
{
	char *text = test_slurp("README.md");
	char *p = strstr(text, "\n## Keys\n"), *end, *line, *cell_end, *q, *r;

	assert_non_null(p);
	end = strstr(p + 1, "\n## ");
	assert_non_null(end);
	*end = '\0';
	for (line = p; line; line = strchr(line, '\n')) {
		line++;
		if (strncmp(line, "| ", 2) != 0 || strncmp(line, "| key ", 6) == 0)
			continue;
		cell_end = strstr(line + 2, " | ");
		assert_non_null(cell_end);
		for (q = line; q < cell_end && (q = memchr(q, '`', (size_t)(cell_end - q))); q = r + 1) {
			r = memchr(q + 1, '`', (size_t)(cell_end - q - 1));
			assert_non_null(r);
			test_names_add(s, q + 1, (size_t)(r - q - 1));
		}
	}
	free(text);
}

/* man page: the words of each .It line under DASHBOARD KEYS, less the
 * mdoc macros and separators. */
static void test_man_names(struct test_names *s)
{
	static const char *const macros[] = { "Ic", "No", "Cm", "Ns", NULL };
	char *text = test_slurp("man/sunotop.1");
	char *p = strstr(text, "\n.Sh DASHBOARD KEYS\n"), *end, *line, *save, *w;
	size_t i;

	assert_non_null(p);
	end = strstr(p + 1, "\n.Sh ");
	assert_non_null(end);
	*end = '\0';
	for (line = strtok_r(p, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *words, *wsave;

		if (strncmp(line, ".It ", 4) != 0)
			continue;
		words = line + 4;
		for (w = strtok_r(words, " ,", &wsave); w; w = strtok_r(NULL, " ,", &wsave)) {
			for (i = 0; macros[i] && strcmp(w, macros[i]) != 0; i++)
				;
			if (macros[i])
				continue;
			if (strncmp(w, "\\&", 2) == 0)
				w += 2;
			test_names_add(s, w, strlen(w));
		}
	}
	free(text);
}

static void test_same_keys(const char *what, const struct test_names *table,
			   const struct test_names *doc)
{
	size_t i;
	int missing = 0;

	for (i = 0; i < table->n; i++)
		if (!test_names_has(doc, table->name[i])) {
			print_error("%s does not list the key %s\n", what, table->name[i]);
			missing++;
		}
	for (i = 0; i < doc->n; i++)
		if (!test_names_has(table, doc->name[i])) {
			print_error("%s lists %s, which the key table lacks\n", what, doc->name[i]);
			missing++;
		}
	assert_int_equal(missing, 0);
}

static void test_readme_lists_the_table(void **state)
{
	struct test_names table = { .n = 0 }, doc = { .n = 0 };

	(void)state;
	test_table_names(&table);
	test_readme_names(&doc);
	assert_true(table.n > 30);
	test_same_keys("README.md", &table, &doc);
	test_names_free(&table);
	test_names_free(&doc);
}

static void test_man_lists_the_table(void **state)
{
	struct test_names table = { .n = 0 }, doc = { .n = 0 };

	(void)state;
	test_table_names(&table);
	test_man_names(&doc);
	test_same_keys("man/sunotop.1", &table, &doc);
	test_names_free(&table);
	test_names_free(&doc);
}

/* Each action has a unique name and one key runs one action per screen. */
static void test_table_is_consistent(void **state)
{
	size_t i, j, k, m;

	(void)state;
	for (i = 0; i < ui_keys_count; i++) {
		const struct ui_key *a = &ui_keys[i];

		assert_non_null(a->name);
		assert_ptr_equal(ui_keys_row(a->action)->name, a->name);
		for (j = i + 1; j < ui_keys_count; j++) {
			const struct ui_key *b = &ui_keys[j];

			if (a->action != b->action)
				assert_string_not_equal(a->name, b->name);
			if (!(a->where & b->where))
				continue;
			for (k = 0; k < UI_KEYS_MAX && a->keys[k]; k++)
				for (m = 0; m < UI_KEYS_MAX && b->keys[m]; m++)
					assert_false(a->keys[k] == b->keys[m] && a->action != b->action);
		}
	}
}

static void test_dispatch_help_and_footer_come_from_the_table(void **state)
{
	char keys[64], hint[256];
	const char *text;
	size_t n = 0;

	(void)state;
	assert_int_equal(ui_keys_action(UI_WHERE_LIST, 'R'), UI_ACTION_REFRESH_ALL);
	assert_int_equal(ui_keys_action(UI_WHERE_LIST, UI_KEY_ESC), UI_ACTION_CLEAR_FILTER);
	assert_int_equal(ui_keys_action(UI_WHERE_PANE, UI_KEY_ESC), UI_ACTION_FOCUS_LIST);
	assert_int_equal(ui_keys_action(UI_WHERE_LIST, 'h'), UI_ACTION_NONE);
	assert_int_equal(ui_keys_action(UI_WHERE_PANE, UI_FN(KEY_F(1))), UI_ACTION_HELP);
	while (ui_keys_help_line(n, keys, sizeof(keys), &text))
		n++;
	assert_int_equal(n, 24);     /* 23, and the marks' line */
	assert_int_equal(ui_keys_action(UI_WHERE_LIST, ' '), UI_ACTION_MARK);
	assert_int_equal(ui_keys_action(UI_WHERE_LIST, '*'), UI_ACTION_MARK_ALL);
	assert_true(ui_keys_help_line(5, keys, sizeof(keys), &text));
	assert_string_equal(keys, "d, Delete");
	assert_string_equal(text, "untrack the selected task (asks y/n)");
	ui_keys_hint(UI_WHERE_LIST, hint, sizeof(hint));
	assert_string_equal(hint, "q quit  ? help  a add  d untrack  u undo  r/R refresh  "
			    "/ filter  f show  s/S sort  p pause");
	ui_keys_hint(UI_WHERE_PANE, hint, sizeof(hint));
	assert_string_equal(hint, "Tab/Esc back  j/k scroll  PgUp/PgDn  ? help  q quit");
}

/* Key names read back, `bind` lines applied (last: it changes the table). */
static void test_bind(void **state)
{
	static const struct { const char *name; int key; } names[] = {
		{ "x", 'x' }, { "#", '#' }, { "Space", ' ' }, { "space", ' ' }, { "Enter", '\r' },
		{ "Esc", UI_KEY_ESC }, { "Tab", '\t' }, { "PgDn", UI_FN(KEY_NPAGE) },
		{ "F5", UI_FN(KEY_F(5)) }, { "Ctrl-X", UI_CTRL('x') }, { "^x", UI_CTRL('x') },
		{ "C-x", UI_CTRL('x') }, { "Delete", UI_FN(KEY_DC) }, { "é", 0xe9 }, { "☃", 0x2603 },
	};
	static const char *const bad[] = { "", "xy", "Ctrl", "F99", "\x80", "Hyper-x" };
	char keys[64], hint[256], name[16];
	const char *text;
	size_t i;
	int key;
	FILE *out;
	char *listed = NULL;
	size_t len = 0;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_true(ui_keys_parse(names[i].name, &key));
		assert_int_equal(key, names[i].key);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(ui_keys_parse(bad[i], &key));
	assert_string_equal(ui_keys_name(0x2603, name, sizeof(name)), "☃");

	out = open_memstream(&listed, &len);
	ui_keys_list(out);
	fclose(out);
	assert_non_null(strstr(listed, "refresh-all    R "));
	assert_non_null(strstr(listed, "\nquit           q, Ctrl-C, F10 "));
	assert_null(strstr(listed, "\npaste "));
	free(listed);

	assert_int_equal(ui_keys_bind("xy", "quit"), UI_BIND_BAD_KEY);
	assert_int_equal(ui_keys_bind("x", "nosuch"), UI_BIND_BAD_ACTION);
	assert_int_equal(ui_keys_bind("x", "paste"), UI_BIND_BAD_ACTION);
	assert_int_equal(ui_keys_bind("x", "quit"), UI_BIND_OK);
	assert_int_equal(ui_keys_bind("j", "refresh"), UI_BIND_OK);
	assert_int_equal(ui_keys_action(UI_WHERE_LIST, 'x'), UI_ACTION_QUIT);
	assert_int_equal(ui_keys_action(UI_WHERE_PANE, 'x'), UI_ACTION_QUIT);
	assert_int_equal(ui_keys_action(UI_WHERE_LIST, 'q'), UI_ACTION_QUIT);
	/* j now refreshes, and no longer moves (Down still does). */
	assert_int_equal(ui_keys_action(UI_WHERE_LIST, 'j'), UI_ACTION_REFRESH);
	assert_int_equal(ui_keys_action(UI_WHERE_LIST, UI_FN(KEY_DOWN)), UI_ACTION_DOWN);
	/* The help and the footer say so. */
	assert_true(ui_keys_help_line(0, keys, sizeof(keys), &text));
	assert_string_equal(keys, "Down / k, Up");
	assert_true(ui_keys_help_line(5, keys, sizeof(keys), &text));
	assert_string_equal(keys, "d, Delete");
	for (i = 0; ui_keys_help_line(i, keys, sizeof(keys), &text); i++)
		if (strcmp(text, "quit (the list is saved)") == 0)
			break;
	assert_string_equal(keys, "q, Ctrl-C, F10, x");
	for (i = 0; ui_keys_help_line(i, keys, sizeof(keys), &text); i++)
		if (strncmp(text, "refresh the selected", 20) == 0)
			break;
	assert_string_equal(keys, "r, j");
	ui_keys_hint(UI_WHERE_LIST, hint, sizeof(hint));
	assert_string_equal(hint, "q quit  ? help  a add  d untrack  u undo  r refresh  "
			    "/ filter  f show  s/S sort  p pause");
	ui_keys_hint(UI_WHERE_PANE, hint, sizeof(hint));
	assert_string_equal(hint, "Tab back  Down/k scroll  PgDn/PgUp  ? help  q quit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readme_lists_the_table),
		cmocka_unit_test(test_man_lists_the_table),
		cmocka_unit_test(test_table_is_consistent),
		cmocka_unit_test(test_dispatch_help_and_footer_come_from_the_table),
		cmocka_unit_test(test_bind),
	};

	return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
