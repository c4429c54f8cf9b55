/* submitreq: what a generation request holds, when it may be sent, the body
 * that goes on the wire (API.md "Submitting") and requests filled from a
 * task. Pure: no I/O; never sends anything itself. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "ids.h"
#include "submitreq.h"
#include "text.h"
#include "util.h"

/* The one list of models. Limits as documented for each generation: v3.x
 * and v4 take 3000 characters of lyrics and 200 of style, v4.5 and later
 * 5000 and 1000. New models appear often: a line here, or custom:NAME. */
static const struct submit_model submitreq_models[] = {
	{ "chirp-v3-0", "v3", 3000, 200 },
	{ "chirp-v3-5", "v3.5", 3000, 200 },
	{ "chirp-v4", "v4", 3000, 200 },
	{ "chirp-auk", "v4.5", 5000, 1000 },
	{ "chirp-bluejay", "v4.5+", 5000, 1000 },
	{ "chirp-crow", "v5", 5000, 1000 },
};
#define SUBMITREQ_N_MODELS (sizeof(submitreq_models) / sizeof(submitreq_models[0]))
/* Server default or a custom model: the largest limits any model takes. */
#define SUBMITREQ_MAX_LYRICS 5000u
#define SUBMITREQ_MAX_TAGS 1000u

const struct submit_model *submit_models(size_t *n)
{
	*n = SUBMITREQ_N_MODELS;
	return submitreq_models;
}

const struct submit_model *submit_model_find(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < SUBMITREQ_N_MODELS; i++)
		if (strcmp(name, submitreq_models[i].mv) == 0 ||
		    strcmp(name, submitreq_models[i].label) == 0)
			return &submitreq_models[i];
	return NULL;
}

const char *submit_model_of_clip(const struct clip *c)
{
	const struct submit_model *m = submit_model_find(c->model_name);

	/* "chirp-v3" is not an mv, but its major version "v3" is a label */
	if (!m)
		m = submit_model_find(c->major_model_version);
	return m ? m->mv : NULL;
}

void submit_text_tidy(char *s)
{
	size_t r = strncmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0, w;

	for (w = 0; s[r]; r++)
		if (!(s[r] == '\r' && s[r + 1] == '\n'))
			s[w++] = s[r];
	while (w > 0 && (s[w - 1] == '\n' || s[w - 1] == '\r'))
		w--;
	s[w] = '\0';
}

void submit_req_init(struct submit_req *r)
{
	memset(r, 0, sizeof(*r));
	r->mode = SUBMIT_CUSTOM;
	r->continue_at = -1;
}

void submit_req_free(struct submit_req *r)
{
	free(r->title);
	free(r->tags);
	free(r->negative_tags);
	free(r->model);
	free(r->lyrics);
	free(r->description);
	free(r->continue_clip);
	free(r->task_id);
	submit_req_init(r);
}

void submit_req_copy(struct submit_req *dst, const struct submit_req *src)
{
	*dst = *src;
	dst->title = xstrdup(src->title);
	dst->tags = xstrdup(src->tags);
	dst->negative_tags = xstrdup(src->negative_tags);
	dst->model = xstrdup(src->model);
	dst->lyrics = xstrdup(src->lyrics);
	dst->description = xstrdup(src->description);
	dst->continue_clip = xstrdup(src->continue_clip);
	dst->task_id = xstrdup(src->task_id);
}

/* ---- checks ----------------------------------------------------------- */

/* Code points in s; -1 when s is not valid UTF-8 (overlong forms,
 * surrogates and values above U+10FFFF included). */
static long submitreq_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		unsigned char c = *p;
		int len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
			  (c & 0xf8) == 0xf0 ? 4 : 0;
		unsigned long cp = len == 1 ? c : len == 2 ? c & 0x1fu : len == 3 ? c & 0x0fu : c & 0x07u;
		int i;

		if (!len)
			return -1;
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return -1;
			cp = (cp << 6) | (p[i] & 0x3fu);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return -1;
		p += len;
		n++;
	}
	return n;
}

/* Why the text of field `what` cannot be sent, or NULL. `multiline` lets
 * newlines and tabs through (lyrics, descriptions); no other control
 * character is ever sent. */
static char *submitreq_check_text(const char *s, const char *what, unsigned max, bool multiline)
{
	const unsigned char *p;
	long n;

	if (!s)
		return NULL;
	n = submitreq_chars(s);
	if (n < 0)
		return xasprintf("%s is not valid UTF-8 text", what);
	for (p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t'))) || *p == 0x7f)
			return xasprintf("%s contains a control character (byte 0x%02x)%s", what, *p,
					 multiline ? "" : "; it must be one line");
	if ((unsigned long)n > max)
		return xasprintf("%s is %ld characters long; the limit is %u", what, n, max);
	return NULL;
}

/* Why the model cannot be used, or NULL; *m is the known model or NULL. */
static char *submitreq_check_model(const char *model, const struct submit_model **m)
{
	size_t plen = strlen(SUBMIT_CUSTOM_PREFIX), i;
	char *name;
	struct strbuf sb;

	*m = NULL;
	if (!model)
		return NULL;
	if (strncmp(model, SUBMIT_CUSTOM_PREFIX, plen) == 0) {
		const char *custom = model + plen;

		if (!*custom || strlen(custom) > SUBMIT_MAX_MODEL)
			return xasprintf("a custom model needs a name of 1 to %d characters: custom:NAME",
					 SUBMIT_MAX_MODEL);
		for (i = 0; custom[i]; i++)
			if ((unsigned char)custom[i] <= 0x20 || (unsigned char)custom[i] >= 0x7f)
				return xstrdup("a custom model name is printable ASCII without spaces");
		return NULL;
	}
	*m = submit_model_find(model);
	if (*m)
		return NULL;
	name = text_sanitize(model, 0);
	strbuf_init(&sb);
	strbuf_addf(&sb, "unknown model '%.40s%s' (--model); the known ones are", name,
		    strlen(name) > 40 ? "..." : "");
	free(name);
	for (i = 0; i < SUBMITREQ_N_MODELS; i++)
		strbuf_addf(&sb, "%s %s (%s)", i ? "," : "", submitreq_models[i].mv,
			    submitreq_models[i].label);
	strbuf_adds(&sb, "; give custom:NAME for another");
	return strbuf_detach(&sb);
}

/* Fields that only some modes take. */
static char *submitreq_check_mode(const struct submit_req *r)
{
	bool extend = r->mode == SUBMIT_EXTEND;

	if (r->mode == SUBMIT_LYRICS) {
		if (r->title || r->tags || r->negative_tags || r->model || r->lyrics ||
		    r->instrumental || r->continue_clip || r->continue_at >= 0 || r->task_id)
			return xstrdup("a lyrics request (--write-lyrics) takes only its text");
		if (!r->description || !*r->description)
			return xstrdup("the text for the lyrics writer (--write-lyrics) is empty");
		return NULL;
	}
	if (r->lyrics && r->description)
		return xstrdup("give either lyrics (--lyrics, --lyrics-file) or a description (--describe), not both");
	if (!r->lyrics && !r->description)
		return xstrdup("give lyrics (--lyrics, --lyrics-file) or a description (--describe)");
	if (r->continue_at >= 0 && !r->continue_clip)
		return xstrdup("--at needs --extend CLIP_ID");
	if (r->continue_clip && !extend)
		return xstrdup("a clip to continue (--extend) is only for extend mode");
	if (extend && !r->continue_clip)
		return xstrdup("extend mode needs the clip to continue (--extend CLIP_ID)");
	if (extend && r->continue_at < 0)
		return xstrdup("--extend needs --at SECONDS, where in the clip to continue");
	if (extend && r->description)
		return xstrdup("extending a clip takes lyrics (--lyrics, --lyrics-file), not a description");
	if (r->task_id && !extend)
		return xstrdup("a task id is only sent with a clip to continue (--extend)");
	if (r->mode == SUBMIT_INSPIRATION) {
		if (!r->description)
			return xstrdup("inspiration mode needs a description (--describe)");
		if (r->title || r->tags || r->negative_tags)
			return xstrdup("a description (--describe) takes no title or tags: the server writes them; use --lyrics for your own");
		if (!*r->description)
			return xstrdup("the description (--describe) is empty");
	} else if (!r->lyrics) {
		return xstrdup("custom mode needs lyrics (--lyrics, --lyrics-file)");
	} else if (!*r->lyrics && !r->instrumental) {
		return xstrdup("the lyrics are empty; give some, or --instrumental for a song without words");
	}
	return NULL;
}

static char *submitreq_check_extend(const struct submit_req *r)
{
	const char *why = NULL;

	if (r->mode != SUBMIT_EXTEND)
		return NULL;
	if (!id_valid(r->continue_clip, strlen(r->continue_clip), &why))
		return xasprintf("the clip to continue (--extend) is not a clip id: %s", why);
	if (r->task_id && !id_valid(r->task_id, strlen(r->task_id), &why))
		return xasprintf("the task of the clip is not a task id: %s", why);
	if (!isfinite(r->continue_at) || r->continue_at <= 0 || r->continue_at > SUBMIT_MAX_CONTINUE_AT)
		return xasprintf("--at must be a number of seconds above 0 and at most %.0f",
				 SUBMIT_MAX_CONTINUE_AT);
	return NULL;
}

char *submit_req_check(const struct submit_req *r)
{
	const struct submit_model *m = NULL;
	char *why = submitreq_check_mode(r);
	unsigned max_lyrics, max_tags;

	if (!why)
		why = submitreq_check_model(r->model, &m);
	if (!why)
		why = submitreq_check_extend(r);
	if (why)
		return why;
	max_lyrics = m ? m->max_lyrics : SUBMITREQ_MAX_LYRICS;
	max_tags = m ? m->max_tags : SUBMITREQ_MAX_TAGS;
	if (!why)
		why = submitreq_check_text(r->title, "the title (--title)", SUBMIT_MAX_TITLE, false);
	if (!why)
		why = submitreq_check_text(r->tags, "the style tags (--tags)", max_tags, false);
	if (!why)
		why = submitreq_check_text(r->negative_tags, "the negative tags (--negative-tags)",
					   SUBMIT_MAX_NEGATIVE_TAGS, false);
	if (!why)
		why = submitreq_check_text(r->lyrics, "the lyrics", max_lyrics, true);
	if (!why)
		why = submitreq_check_text(r->description,
					   r->mode == SUBMIT_LYRICS ? "the text for the lyrics writer" :
					   "the description (--describe)",
					   r->mode == SUBMIT_LYRICS ? SUBMIT_MAX_LYRICS_PROMPT :
					   SUBMIT_MAX_DESCRIPTION, true);
	return why;
}

/* ---- the body --------------------------------------------------------- */

const char *submit_req_path(const struct submit_req *r)
{
	return r->mode == SUBMIT_LYRICS ? SUBMIT_PATH_LYRICS : SUBMIT_PATH_MUSIC;
}

static void submitreq_put(json_object *o, const char *key, const char *value)
{
	json_object_object_add(o, key, json_object_new_string(value ? value : ""));
}

/* Seconds as the shortest decimal to the hundredth: 128.92, 60, 12.5. */
static json_object *submitreq_seconds(double d)
{
	char buf[32];
	size_t n;

	snprintf(buf, sizeof(buf), "%.2f", d);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return json_object_new_double_s(strtod(buf, NULL), buf);
}

char *submit_req_body(const struct submit_req *r)
{
	json_object *o = json_object_new_object();
	const struct submit_model *m = submit_model_find(r->model);
	char *s;

	if (r->mode == SUBMIT_LYRICS) {
		submitreq_put(o, "prompt", r->description);
	} else if (r->mode == SUBMIT_INSPIRATION) {
		submitreq_put(o, "gpt_description_prompt", r->description);
		submitreq_put(o, "prompt", "");
	} else {
		submitreq_put(o, "prompt", r->lyrics);
		submitreq_put(o, "tags", r->tags);
		submitreq_put(o, "title", r->title);
		if (r->negative_tags && *r->negative_tags)
			submitreq_put(o, "negative_tags", r->negative_tags);
	}
	if (r->mode != SUBMIT_LYRICS) {
		if (m)
			submitreq_put(o, "mv", m->mv);
		else if (r->model)
			submitreq_put(o, "mv", r->model + strlen(SUBMIT_CUSTOM_PREFIX));
		json_object_object_add(o, "make_instrumental", json_object_new_boolean(r->instrumental));
	}
	if (r->mode == SUBMIT_EXTEND) {
		submitreq_put(o, "continue_clip_id", r->continue_clip);
		json_object_object_add(o, "continue_at", submitreq_seconds(r->continue_at));
		if (r->task_id)
			submitreq_put(o, "task_id", r->task_id);
	}
	s = xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						   JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

/* ---- filled from what is known ---------------------------------------- */

static char *submitreq_get_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return xstrndup(json_object_get_string(v), (size_t)json_object_get_string_len(v));
}

/* An mv we sent: a known one as is, any other as custom:NAME. */
static char *submitreq_model_from_mv(const char *mv)
{
	if (!mv)
		return NULL;
	return submit_model_find(mv) ? xstrdup(mv) : xasprintf(SUBMIT_CUSTOM_PREFIX "%s", mv);
}

bool submit_req_from_body(struct submit_req *r, const char *path, const char *body)
{
	json_object *o = body ? json_tokener_parse(body) : NULL, *v;
	char *mv;

	submit_req_init(r);
	if (!o || !json_object_is_type(o, json_type_object) || !path) {
		json_object_put(o);
		return false;
	}
	if (strcmp(path, SUBMIT_PATH_LYRICS) == 0) {
		r->mode = SUBMIT_LYRICS;
		r->description = submitreq_get_str(o, "prompt");
	} else if (strcmp(path, SUBMIT_PATH_MUSIC) == 0) {
		r->continue_clip = submitreq_get_str(o, "continue_clip_id");
		r->description = submitreq_get_str(o, "gpt_description_prompt");
		r->mode = r->continue_clip ? SUBMIT_EXTEND :
			  r->description ? SUBMIT_INSPIRATION : SUBMIT_CUSTOM;
		if (r->mode != SUBMIT_INSPIRATION) {
			r->lyrics = submitreq_get_str(o, "prompt");
			r->tags = submitreq_get_str(o, "tags");
			r->title = submitreq_get_str(o, "title");
			r->negative_tags = submitreq_get_str(o, "negative_tags");
		}
		mv = submitreq_get_str(o, "mv");
		r->model = submitreq_model_from_mv(mv);
		free(mv);
		if (json_object_object_get_ex(o, "make_instrumental", &v))
			r->instrumental = json_object_get_boolean(v);
		if (json_object_object_get_ex(o, "continue_at", &v) &&
		    (json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int)))
			r->continue_at = json_object_get_double(v);
		r->task_id = submitreq_get_str(o, "task_id");
	} else {
		json_object_put(o);
		return false;
	}
	json_object_put(o);
	return true;
}

/* The fields of a clip that a new request can start from. */
static void submitreq_from_clip(struct submit_req *r, const struct clip *c, bool custom)
{
	const char *mv = submit_model_of_clip(c);

	if (!custom && c->gpt_description_prompt && *c->gpt_description_prompt) {
		r->mode = SUBMIT_INSPIRATION;
		r->description = xstrdup(c->gpt_description_prompt);
	} else {
		r->lyrics = xstrdup(c->prompt ? c->prompt : "");
		if (c->tags && *c->tags)
			r->tags = xstrdup(c->tags);
		if (c->title && *c->title)
			r->title = xstrdup(c->title);
		if (c->negative_tags && *c->negative_tags)
			r->negative_tags = xstrdup(c->negative_tags);
	}
	r->instrumental = c->make_instrumental;
	r->model = xstrdup(mv);
}

void submit_req_from_task(struct submit_req *r, const struct task *t)
{
	submit_req_init(r);
	if (t->lyrics || (t->action && strcmp(t->action, "LYRICS") == 0)) {
		r->mode = SUBMIT_LYRICS;
		r->description = xstrdup("");
		return;
	}
	if (t->n_clips == 0) {
		r->lyrics = xstrdup("");
		return;
	}
	submitreq_from_clip(r, &t->clips[0], false);
}

void submit_req_extend(struct submit_req *r, const struct task *t, size_t clip)
{
	const struct clip *c;

	submit_req_init(r);
	r->mode = SUBMIT_EXTEND;
	r->task_id = xstrdup(t->task_id);
	if (clip >= t->n_clips) {
		r->lyrics = xstrdup("");
		return;
	}
	c = &t->clips[clip];
	submitreq_from_clip(r, c, true);
	r->continue_clip = xstrdup(c->id);
	r->continue_at = c->duration > 0 ? c->duration : -1;
}
