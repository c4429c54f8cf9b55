/* taskrule: the one home of each rule about what a task means to a person.
 * Pure: must never do I/O, draw, or hold a rule a front end repeats. */
#include "config.h"

#include <stdlib.h>

#include "taskrule.h"
#include "util.h"

enum task_category task_category(const struct task *t)
{
	if (!t)
		return TASK_CAT_NEW;
	switch (t->state) {
	case TASK_WAITING:
		return TASK_CAT_QUEUED;
	case TASK_RUNNING:
		return TASK_CAT_RUNNING;
	case TASK_SUCCEEDED:
		return TASK_CAT_SUCCEEDED;
	case TASK_FAILED:
		return TASK_CAT_FAILED;
	case TASK_NOT_FOUND:
		return TASK_CAT_NOT_FOUND;
	case TASK_UNKNOWN:
		break;
	}
	return TASK_CAT_UNKNOWN;
}

bool task_is_finished(const struct task *t)
{
	return t && t->finished;
}

bool task_succeeded(const struct task *t)
{
	return task_category(t) == TASK_CAT_SUCCEEDED;
}

bool task_failed(const struct task *t)
{
	return task_category(t) == TASK_CAT_FAILED;
}

bool task_unsuccessful(const struct task *t)
{
	enum task_category c = task_category(t);

	return c == TASK_CAT_FAILED || c == TASK_CAT_NOT_FOUND ||
	       (c == TASK_CAT_UNKNOWN && t->finished);
}

static char taskrule_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static bool taskrule_word_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ' ';
}

const char *task_status_word(const struct task *t, char *buf, size_t n)
{
	const char *s;
	size_t i;

	if (!t)
		return "NEW";
	if (t->state == TASK_NOT_FOUND)
		return "NOT_FOUND";
	s = t->status ? t->status : "";
	for (i = 0; s[i] && i + 1 < n; i++) {
		char c = taskrule_upper(s[i]);

		if (!taskrule_word_char(c))
			break;
		buf[i] = c;
	}
	if (i == 0 || s[i])
		return task_state_name(t->state);
	buf[i] = '\0';
	return buf;
}

char *task_status_upper(const struct task *t)
{
	char *s, *p;

	if (t->state == TASK_NOT_FOUND || !t->status || !*t->status)
		return xstrdup(task_state_name(t->state));
	s = xstrdup(t->status);
	for (p = s; *p; p++)
		*p = taskrule_upper(*p);
	return s;
}

int64_t task_run_time(const struct task *t, int64_t now)
{
	int64_t from, until;

	if (!t)
		return -1;
	from = t->start_time;
	if (!from && t->state != TASK_WAITING)
		from = t->submit_time;
	if (!from)
		return -1;
	if (t->finished) {
		until = t->finish_time;
		return until >= from ? until - from : -1;
	}
	return now > from ? now - from : 0;
}

int64_t task_age(const struct task *t, int64_t now)
{
	if (!t || !t->submit_time)
		return -1;
	return now > t->submit_time ? now - t->submit_time : 0;
}
