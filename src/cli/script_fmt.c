/* script_fmt: status words, detail lines and the closing summary of --once
 * and --watch.
 * Must never colour unless asked (--color=always) nor print server text
 * that has not been sanitized. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "script_fmt.h"
#include "taskrule.h"
#include "text.h"

/* The dashboard's roles (ui_draw.c) as SGR parameters: the same colour and
 * weight for the same state, so a log and the screen read alike. */
static const char *script_fmt_sgr(const struct entry *e)
{
	if (!e->task)
		return e->error ? "1;31" : "2";
	switch (e->task->state) {
	case TASK_WAITING:
		return "33";
	case TASK_RUNNING:
		return "1;36";
	case TASK_SUCCEEDED:
		return "32";
	case TASK_FAILED:
	case TASK_NOT_FOUND:
		return "1;31";
	case TASK_UNKNOWN:
		break;
	}
	return NULL;
}

void script_fmt_status(FILE *f, const struct entry *e, const char *word, int width, bool color)
{
	const char *sgr = color ? script_fmt_sgr(e) : NULL;
	int pad = width - (int)strlen(word);

	/* The padding stays outside the colour, so columns line up either way. */
	if (sgr)
		fprintf(f, "\033[%sm%s\033[0m", sgr, word);
	else
		fputs(word, f);
	if (pad > 0)
		fprintf(f, "%*s", pad, "");
}

void script_fmt_detail(FILE *f, const struct entry *e, const char *why)
{
	const struct task *t = e->task;
	char *text;

	if (t && t->fail_reason && *t->fail_reason) {
		text = text_sanitize(t->fail_reason, 0);
		fprintf(f, "    fail_reason: %s\n", text);
		free(text);
	}
	if (t && t->error) {
		text = text_sanitize(t->error, 0);
		fprintf(f, "    error: %s\n", text);
		free(text);
	}
	if (!t) {
		text = text_sanitize(e->error ? e->error : why ? why : "no answer before the run ended", 0);
		fprintf(f, "    error: %s\n", text);
		free(text);
	}
}

void script_fmt_summary(FILE *f, const struct tasklist *tl, bool json)
{
	size_t i, n = tasklist_count(tl);
	size_t ok = 0, failed = 0, missing = 0, unknown = 0, open = 0, silent = 0;

	for (i = 0; i < n; i++) {
		const struct task *t = tasklist_at(tl, i)->task;

		if (!t)
			silent++;
		else if (t->state == TASK_SUCCEEDED)
			ok++;
		else if (t->state == TASK_FAILED)
			failed++;
		else if (t->state == TASK_NOT_FOUND)
			missing++;
		else if (task_is_finished(t))
			unknown++;
		else
			open++;
	}
	fprintf(f, "%ssummary: %zu succeeded, %zu failed, %zu not found",
		json ? "sunotop: " : "", ok, failed, missing);
	if (unknown)
		fprintf(f, ", %zu finished as UNKNOWN", unknown);
	if (open)
		fprintf(f, ", %zu unfinished", open);
	if (silent)
		fprintf(f, ", %zu without an answer", silent);
	fputc('\n', f);
	fflush(f);
}
