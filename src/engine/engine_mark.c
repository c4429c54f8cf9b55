/* engine_mark: the user's marks on tasks and the bulk actions over them
 * (untrack as one undo step, refresh, download, the ids for the
 * clipboard). Front-end thread only; never draws nor writes a file. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "engine_impl.h"
#include "util.h"

static void engine_mark_set(struct engine *eng, struct entry *e, bool on)
{
	if (e->marked == on)
		return;
	e->marked = on;
	if (on)
		eng->counts.marked++;
	else
		eng->counts.marked--;
	if (eng->cfg.view && eng->cfg.view->task_changed)
		eng->cfg.view->task_changed(eng->cfg.ctx, e, ENGINE_CH_MARK);
}

bool engine_mark(struct engine *eng, const char *id, bool on)
{
	struct entry *e = tasklist_find(eng->tl, id);

	if (!e)
		return false;
	engine_mark_set(eng, e, on);
	return true;
}

bool engine_mark_toggle(struct engine *eng, const char *id)
{
	struct entry *e = tasklist_find(eng->tl, id);

	if (!e)
		return false;
	engine_mark_set(eng, e, !e->marked);
	return e->marked;
}

void engine_mark_all(struct engine *eng, struct entry *const *es, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		engine_mark_set(eng, es[i], true);
}

void engine_marks_clear(struct engine *eng)
{
	size_t i, n = tasklist_count(eng->tl);

	for (i = 0; i < n && eng->counts.marked > 0; i++)
		engine_mark_set(eng, tasklist_at(eng->tl, i), false);
}

const char **engine_marked_ids(const struct engine *eng, size_t *n)
{
	size_t i, k = 0, count = tasklist_count(eng->tl);
	const char **ids = xmalloc((eng->counts.marked ? eng->counts.marked : 1) * sizeof(*ids));

	for (i = 0; i < count && k < eng->counts.marked; i++) {
		const struct entry *e = tasklist_at(eng->tl, i);

		if (e->marked)
			ids[k++] = e->id;
	}
	*n = k;
	return ids;
}

char *engine_marked_text(const struct engine *eng)
{
	size_t n, i;
	const char **ids = engine_marked_ids(eng, &n);
	struct strbuf sb;

	strbuf_init(&sb);
	for (i = 0; i < n; i++) {
		strbuf_adds(&sb, ids[i]);
		strbuf_addc(&sb, '\n');
	}
	free(ids);
	return strbuf_detach(&sb);
}

/* The ids point into the entries, which the untrack keeps for its undo. */
size_t engine_untrack_marked(struct engine *eng)
{
	size_t n, k;
	const char **ids = engine_marked_ids(eng, &n);

	k = engine_untrack(eng, ids, n);
	free(ids);
	return k;
}

size_t engine_refresh_marked(struct engine *eng)
{
	size_t n, i;
	const char **ids = engine_marked_ids(eng, &n);

	for (i = 0; i < n; i++)
		engine_refresh(eng, ids[i]);
	free(ids);
	return n;
}

size_t engine_download_marked(struct engine *eng, unsigned files, size_t *asked)
{
	size_t n, i, ready = 0, got;
	const char **ids = engine_marked_ids(eng, &n);

	*asked = 0;
	for (i = 0; i < n; i++) {
		got = 0;
		if (engine_download(eng, ids[i], files, &got) == ENGINE_DL_ASKED)
			ready++;
		*asked += got;
	}
	free(ids);
	return ready;
}
