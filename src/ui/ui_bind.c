/* ui_bind: `bind KEY ACTION` lines applied to the key table at start, key
 * names read back, and --list-actions. Changes the table only before the
 * dashboard starts; never draws. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui_keys.h"

/* The lowest code ui_keys_name can name: function keys are negative. */
#define UI_BIND_LOWEST (-(KEY_MAX + 2))

/* One UTF-8 character making the whole of s, as its code point; 0 if not. */
static int ui_bind_utf8(const unsigned char *s)
{
	int c, n, i;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] >= 0xf0 ? 3 : s[0] >= 0xe0 ? 2 : 1;
	c = s[0] & (0x3f >> n);
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (s[n + 1] || c < 160 || (c >= 0xd800 && c < 0xe000) || c > 0x10ffff ||
	    (n == 2 && c < 0x800) || (n == 3 && c < 0x10000))
		return 0;
	return c;
}

bool ui_keys_parse(const char *name, int *key)
{
	char buf[16], alias[16];
	int k;

	if (!name || !*name)
		return false;
	if (name[0] > 32 && name[0] < 127 && !name[1]) {
		*key = name[0];
		return true;
	}
	if ((k = ui_bind_utf8((const unsigned char *)name)) > 0) {
		*key = k;
		return true;
	}
	/* "^X" and "C-x" are other spellings of "Ctrl-X". */
	if ((name[0] == '^' && name[1] && !name[2]) ||
	    ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3])) {
		snprintf(alias, sizeof(alias), "Ctrl-%c", name[name[0] == '^' ? 1 : 2]);
		name = alias;
	}
	/* Down from the characters, so Enter is '\r' rather than KEY_ENTER. */
	for (k = 127; k >= UI_BIND_LOWEST; k--) {
		const char *s = ui_keys_name(k, buf, sizeof(buf));

		if (s && strcasecmp(s, name) == 0) {
			*key = k;
			return true;
		}
	}
	return false;
}

/* The first row named action that a key can be bound to. */
static struct ui_key *ui_bind_row(const char *action)
{
	size_t i;

	if (strcmp(action, "paste") == 0)
		return NULL;      /* a bracketed paste, not a key */
	for (i = 0; i < ui_keys_count; i++)
		if (strcmp(ui_keys[i].name, action) == 0)
			return &ui_keys[i];
	return NULL;
}

static void ui_bind_drop(struct ui_key *row, int key)
{
	size_t k, j;

	for (k = 0, j = 0; k < UI_KEYS_MAX && row->keys[k]; k++)
		if (row->keys[k] != key)
			row->keys[j++] = row->keys[k];
	for (; j < UI_KEYS_MAX; j++)
		row->keys[j] = 0;
}

/* Adds key to row, or to a later row of the same action with room. */
static enum ui_bind_result ui_bind_add(struct ui_key *row, int key)
{
	struct ui_key *r;
	size_t i, k;

	/* Where the action applies, the key means it alone. */
	for (i = 0; i < ui_keys_count; i++)
		if (ui_keys[i].where & row->where && ui_keys[i].action != row->action)
			ui_bind_drop(&ui_keys[i], key);
	for (r = row; r < ui_keys + ui_keys_count; r++) {
		if (r->action != row->action)
			continue;
		for (k = 0; k < UI_KEYS_MAX && r->keys[k] && r->keys[k] != key; k++)
			;
		if (k < UI_KEYS_MAX) {
			r->keys[k] = key;
			return UI_BIND_OK;
		}
	}
	return UI_BIND_FULL;
}

enum ui_bind_result ui_keys_bind(const char *keyname, const char *action)
{
	struct ui_key *row = ui_bind_row(action);
	enum ui_bind_result res;
	size_t i;
	int key;

	if (!ui_keys_parse(keyname, &key))
		return UI_BIND_BAD_KEY;
	if (!row)
		return UI_BIND_BAD_ACTION;
	res = ui_bind_add(row, key);
	/* Enter is three codes: the keyboard's two and the keypad's. */
	if (res == UI_BIND_OK && key == '\r')
		res = ui_bind_add(row, '\n');
	if (res == UI_BIND_OK && key == '\r')
		res = ui_bind_add(row, UI_FN(KEY_ENTER));
	if (res != UI_BIND_OK)
		return res;
	/* The help and the footer now name the keys the table holds. */
	for (i = 0; i < ui_keys_count; i++)
		ui_keys[i].help_keys = ui_keys[i].hint_keys = NULL;
	return UI_BIND_OK;
}

void ui_keys_list(FILE *out)
{
	const char *help = "";
	size_t i, j, k, off;
	char keys[96], name[16];

	for (i = 0; i < ui_keys_count; i++) {
		const struct ui_key *row = &ui_keys[i];

		if (row->help && *row->help)
			help = row->help;
		if (strcmp(row->name, "paste") == 0)
			continue;
		for (j = 0; j < i && strcmp(ui_keys[j].name, row->name) != 0; j++)
			;
		if (j < i)
			continue;      /* listed with its first row */
		keys[0] = '\0';
		off = 0;
		for (j = i; j < ui_keys_count; j++) {
			if (strcmp(ui_keys[j].name, row->name) != 0)
				continue;
			for (k = 0; k < UI_KEYS_MAX && ui_keys[j].keys[k] && off < sizeof(keys); k++) {
				const char *s = ui_keys_name(ui_keys[j].keys[k], name, sizeof(name));

				if (s && !ui_keys_listed(keys, s))
					off += (size_t)snprintf(keys + off, sizeof(keys) - off, "%s%s",
								off ? ", " : "", s);
			}
		}
		fprintf(out, "%-14s %-28s %s\n", row->name, keys, help);
	}
}
