/* fuzz_text: libFuzzer target over the string rules with oracles: the
 * sanitizer never lets a control, C1, bidi or invalid byte through; the
 * JSON writer always writes valid UTF-8 that reads back to the same
 * string; the key given to the reply parser never survives into any
 * string it keeps. Aborts on a broken rule. Must never do I/O. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonsafe.h"
#include "task.h"
#include "taskjson.h"
#include "text.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Strict UTF-8, no NUL. */
static bool fuzz_valid_utf8(const char *s)
{
	size_t n;

	for (; *s; s += n)
		if (text_utf8_char(s, &n) < 0)
			return false;
	return true;
}

/* What text_sanitize promises (the C0 80 NUL marker shows as "^@"). */
static void fuzz_check_clean(const char *s, int flags)
{
	size_t n;
	long cp, prev = -1;

	for (; *s; s += n, prev = cp) {
		cp = text_utf8_char(s, &n);
		if (cp < 0 || (cp < 0x20 && !(cp == '\n' && (flags & TEXT_KEEP_NEWLINES))) ||
		    (cp >= 0x7f && cp <= 0x9f) || cp == 0x61c || cp == 0x200e || cp == 0x200f ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp == 0xfeff || cp == 0x200b)
			abort();
		if ((flags & TEXT_ASCII) && cp >= 0x80)
			abort();
		/* a kept joiner sits between pictographs (or after VS16) */
		if (cp == 0x200d && (prev < 0x2300 || (prev >= 0xfe00 && prev < 0xfe0f)))
			abort();
	}
}

static void fuzz_reply_secret(const uint8_t *data, size_t size)
{
	/* lowercase and digits: no transformation of ours can make it up */
	static const char secret[] = "sk-abcdefgh";
	char *line;
	struct reply r;
	size_t i;

	reply_parse_secret(200, (const char *)data, size, NULL, (size & 1) != 0, secret, &r);
	if ((r.message && strstr(r.message, secret)) || (r.code && strstr(r.code, secret)))
		abort();
	for (i = 0; i < r.n_tasks; i++) {
		line = task_to_json(r.tasks[i]);
		if (strstr(line, secret) || !fuzz_valid_utf8(line))
			abort();
		free(line);
	}
	reply_free(&r);
}

/* A title of any bytes (NULs included) through the writer and back. */
static void fuzz_writer(const uint8_t *data, size_t size)
{
	struct task *t = task_new("fuzz-task-id");
	struct task *back;
	char *line, *raw, *text;

	t->clips = xcalloc(1, sizeof(*t->clips));
	t->n_clips = 1;
	t->clips[0].title = jsonsafe_strndup((const char *)data, size);
	t->clips[0].id = xstrdup("clip");
	line = task_to_json(t);
	if (!fuzz_valid_utf8(line))
		abort();
	back = task_from_json_text(line, strlen(line));
	if (!back || back->n_clips != 1 || !back->clips[0].title ||
	    strcmp(back->clips[0].title, t->clips[0].title) != 0)
		abort();
	task_free(back);
	free(line);
	task_free(t);

	/* and any text json-c could have written */
	raw = xstrndup((const char *)data, size);
	text = jsonsafe_text(raw);
	if (!fuzz_valid_utf8(text))
		abort();
	free(text);
	free(raw);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *clean;
	int flags;

	if (size < 1)
		return 0;
	flags = (data[0] & 1 ? TEXT_KEEP_NEWLINES : 0) | (data[0] & 2 ? TEXT_ASCII : 0);
	text = xstrndup((const char *)data + 1, size - 1);
	clean = text_sanitize(text, flags);
	fuzz_check_clean(clean, flags);
	free(clean);
	/* the copy/open/download rule never accepts what the sanitizer changes */
	if (!text_url_refusal(text)) {
		clean = text_sanitize(text, 0);
		if (strcmp(clean, text) != 0)
			abort();
		free(clean);
	}
	free(text);
	fuzz_writer(data + 1, size - 1);
	fuzz_reply_secret(data + 1, size - 1);
	return 0;
}
