#include "config.h"
/* download_name: safe file names for saved clips, and the URL check. Pure;
 * must never let a '/', a control character or a leading dot into a name. */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "download.h"
#include "text.h"
#include "util.h"

/* One code point from s (len bytes); returns its length, or 0 for a byte
 * that does not start a valid, shortest-form UTF-8 sequence. */
static size_t download_name_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Characters a file manager or a terminal would hide or misdraw. */
static bool download_name_invisible(uint32_t c)
{
	return (c >= 0x80 && c <= 0x9f) || c == 0xad || c == 0x61c ||
	       (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2060 && c <= 0x2069) || c == 0xfeff ||
	       (c >= 0xfff9 && c <= 0xfffb) || c == 0x2028 || c == 0x2029;
}

/* The title cleaned: controls become spaces, runs of spaces one space,
 * '/' and '\' a dash, invisible characters and bad bytes dropped; leading
 * dots and spaces and trailing spaces removed. */
static void download_name_title(const char *title, struct strbuf *sb)
{
	const unsigned char *s = (const unsigned char *)(title ? title : "");
	size_t len = strlen((const char *)s), i = 0, n;
	bool space = false;
	uint32_t c;

	while (i < len) {
		n = download_name_decode(s + i, len - i, &c);
		if (!n) {
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f || c == ' ' || c == 0xa0 || c == 0x3000) {
			space = sb->len > 0;
		} else if (!download_name_invisible(c)) {
			/* no leading dot (hidden) or dash (read as an option) */
			if (sb->len == 0 && (c == '.' || c == '-' || c == '/' || c == '\\'))
				goto next;
			if (space)
				strbuf_addc(sb, ' ');
			space = false;
			if (c == '/' || c == '\\')
				strbuf_addc(sb, '-');
			else
				strbuf_add(sb, (const char *)s + i, n);
		}
next:
		i += n;
	}
}

/* Longest prefix of s no longer than max bytes that ends on a character. */
static size_t download_name_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

char *download_file_name(const char *title, const char *clip_id, const char *ext)
{
	struct strbuf base, out;
	char id[9];
	size_t n = 0, suffix, keep;
	const char *p;

	for (p = clip_id ? clip_id : ""; *p && n < 8; p++)
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || *p == '_' || (*p == '-' && n > 0))
			id[n++] = *p;
	id[n] = '\0';
	if (!n)
		snprintf(id, sizeof(id), "clip");
	strbuf_init(&base);
	download_name_title(title, &base);
	if (!base.len)
		strbuf_adds(&base, "untitled");
	/* " - " + id + "." + ext must fit, so the title is what gets cut. */
	suffix = 3 + strlen(id) + 1 + strlen(ext);
	keep = download_name_cut(base.buf, base.len, DOWNLOAD_NAME_MAX - suffix);
	while (keep > 0 && (base.buf[keep - 1] == ' ' || base.buf[keep - 1] == '.'))
		keep--;
	strbuf_init(&out);
	if (keep)
		strbuf_add(&out, base.buf, keep);
	else
		strbuf_adds(&out, "untitled");
	strbuf_addf(&out, " - %s.%s", id, ext);
	strbuf_release(&base);
	return strbuf_detach(&out);
}

bool download_url_ok(const char *url)
{
	/* Nothing the server sent may end up in a request line or a header,
	 * nor on the clipboard or a command line: one rule for all three. */
	return text_url_refusal(url) == NULL;
}

const char *download_state_name(enum download_state s)
{
	switch (s) {
	case DL_QUEUED: return "queued";
	case DL_ACTIVE: return "downloading";
	case DL_DONE: return "saved";
	case DL_EXISTS: return "already saved";
	case DL_FAILED: return "failed";
	}
	return "?";
}

char *download_clip_file_name(const struct clip *c, enum download_what what)
{
	return download_file_name(c->title, c->id, what == DOWNLOAD_VIDEO ? "mp4" : "mp3");
}

const char *download_what_name(enum download_what what)
{
	return what == DOWNLOAD_VIDEO ? "video" : "audio";
}

const char *download_clip_url(const struct clip *c, enum download_what what)
{
	const char *url = what == DOWNLOAD_VIDEO ? c->video_url : c->audio_url;

	if (!c->status || strcasecmp(c->status, "complete") != 0 || !url || !*url)
		return NULL;
	return url;
}
