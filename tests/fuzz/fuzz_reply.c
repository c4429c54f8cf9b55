/* fuzz_reply: libFuzzer target over the response mapping (body -> tasks or
 * error record), the JSON writer and the sanitizer. Must never do I/O. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "taskjson.h"
#include "text.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long statuses[] = { 200, 400, 401, 429, 500, 404 };
	struct reply r;
	char *text, *clean, fitted[64];
	size_t i;

	if (size < 1)
		return 0;
	/* First byte picks the HTTP status and batch mode. */
	reply_parse(statuses[data[0] % 6], (const char *)data + 1, size - 1,
		    (data[0] & 0x80) ? "3" : NULL, (data[0] & 0x40) != 0, &r);
	for (i = 0; i < r.n_tasks; i++) {
		char *line = task_to_json(r.tasks[i]);
		struct task *back = task_from_json_text(line, strlen(line));
		free(line);
		task_free(back);
	}
	reply_free(&r);

	text = xstrndup((const char *)data, size);
	clean = text_sanitize(text, (data[0] & 1) ? TEXT_KEEP_NEWLINES : 0);
	text_fit(clean, data[0] % 40, (data[0] & 2) != 0, fitted, sizeof(fitted));
	free(clean);
	free(text);
	return 0;
}
