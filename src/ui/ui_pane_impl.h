/* ui_pane_impl: the side pane's state, shared by ui_pane.c (drawing,
 * keys, links) and ui_pane_build.c (its lines, built once per change; calls
 * nothing in ui_pane.c). Include it nowhere else. */
#ifndef SUNOTOP_UI_PANE_IMPL_H
#define SUNOTOP_UI_PANE_IMPL_H

#include "ui_pane.h"

#define UI_PANE_LABEL_W 11

enum {
	UI_PANE_TEXT,      /* label + wrapped text */
	UI_PANE_HEAD,      /* section heading */
	UI_PANE_TIME,      /* full local time + relative age */
	UI_PANE_AGE,       /* relative age only */
	UI_PANE_RUN,       /* the selected task's run time (task_run_time) */
	UI_PANE_BAR,       /* the progress bar of the selected entry */
	UI_PANE_STAGE,     /* how long in its stage, against the typical figure */
	UI_PANE_URL,       /* label + a URL on one line, never wrapped: cut with … */
};

struct ui_pane_line {
	int kind;                      /* UI_PANE_* above */
	char *text;                    /* sanitized, owned, or NULL */
	enum ui_role role;
	int indent;                    /* column where the value starts */
	const char *label;             /* static label left of the value, or NULL */
	int64_t when, until;           /* time and duration lines, formatted when drawn */
	char *url;                     /* URL lines: the URL as `o` would open it, or NULL */
};

#define UI_PANE_LINKS_MAX 64

/* A URL on screen, made an OSC 8 hyperlink after each paint. */
struct ui_pane_link {
	int y, x, w;
	const struct ui_pane_line *line;
};

/* The pane's state: its lines, built once per change of the selected
 * entry, its data or the width, and how far they are scrolled. */
struct ui_pane {
	struct ui_pane_line *lines;
	size_t n, cap;
	size_t scroll;
	const struct entry *built_for; /* entry the lines describe */
	int built_width;
	bool needs_build;
	struct ui_pane_link links[UI_PANE_LINKS_MAX];
	size_t n_links;
};

/* ui_pane_build.c */
/* Lines for e at width (e NULL: nothing selected); scroll back to the top. */
void ui_pane_build(struct ui *ui, const struct entry *e, int width);

#endif
