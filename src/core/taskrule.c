/* taskrule: the one home of each rule about what a task means to a person.
 * Pure: must never do I/O, draw, or hold a rule a front end repeats. */
#include "config.h"

#include <stdlib.h>
#include <strings.h>

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

enum task_stage task_stage_of_status(const char *status)
{
	bool finished;

	switch (task_state_from_status(status ? status : "", &finished)) {
	case TASK_WAITING:
		return status && strcasecmp(status, "queued") == 0 ? TASK_STAGE_QUEUED
								  : TASK_STAGE_SUBMITTED;
	case TASK_RUNNING:
		return TASK_STAGE_RUNNING;
	default:
		return TASK_STAGE_NONE;
	}
}

enum task_stage task_stage(const struct task *t)
{
	if (!t || t->finished)
		return TASK_STAGE_NONE;
	return task_stage_of_status(t->status);
}

const char *task_stage_name(enum task_stage s)
{
	static const char *const names[TASK_STAGE_COUNT] = {
		[TASK_STAGE_NONE] = "", [TASK_STAGE_SUBMITTED] = "SUBMITTED",
		[TASK_STAGE_QUEUED] = "QUEUED", [TASK_STAGE_RUNNING] = "IN_PROGRESS",
	};

	return s < TASK_STAGE_COUNT ? names[s] : "";
}

int64_t task_slow_limit(double typical)
{
	double limit = typical > 0 ? TASK_SLOW_FACTOR * typical : TASK_SLOW_DEFAULT;

	return limit < TASK_SLOW_FLOOR ? TASK_SLOW_FLOOR : (int64_t)limit;
}

bool task_is_slow(const struct task *t, int64_t since, int64_t now, const double *typical)
{
	enum task_stage s = task_stage(t);

	if (s == TASK_STAGE_NONE || since <= 0)
		return false;
	return now - since > task_slow_limit(typical ? typical[s] : 0);
}
