/* ui_term: can $TERM show the dashboard? Looked up in terminfo before curses
 * starts. Must never write to the terminal or leave terminfo loaded. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

#include "text.h"
#include "ui_term.h"
#include "util.h"

#define UI_TERM_INSTEAD "; use --once or --watch for line-by-line output, " \
	"or a terminal such as TERM=xterm-256color"

/* Why the terminal named `shown` will not do, or NULL. Loads its terminfo
 * entry only for the question and unloads it again. */
static char *ui_term_lookup(const char *term, const char *shown)
{
	TERMINAL *before = cur_term;
	char *why = NULL;
	const char *cup;
	int err = 0;

	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		if (err == -1)
			return xasprintf("no terminfo database to look up TERM=%s in" UI_TERM_INSTEAD, shown);
		return xasprintf("unknown terminal type TERM=%s (no terminfo entry)" UI_TERM_INSTEAD, shown);
	}
	/* A terminal that cannot move the cursor (dumb, a printing terminal,
	 * an editor's shell buffer) would get the screen as a stream of
	 * overwritten lines. */
	cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1)
		why = xasprintf("the terminal TERM=%s cannot move the cursor, which the dashboard needs"
				UI_TERM_INSTEAD, shown);
	del_curterm(cur_term);
	set_curterm(before);
	return why;
}

char *ui_term_unusable(void)
{
	const char *term = getenv("TERM");
	char *shown, *why;

	if (!term || !*term)
		return xstrdup("TERM is not set, so the kind of terminal is unknown" UI_TERM_INSTEAD);
	shown = text_sanitize(term, TEXT_ASCII);
	why = ui_term_lookup(term, shown);
	free(shown);
	return why;
}
