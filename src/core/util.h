/* util: allocation wrappers that never return NULL, a growable string buffer,
 * and die(). Must never touch the terminal itself: die() calls the hook. */
#ifndef SUNOTOP_UTIL_H
#define SUNOTOP_UTIL_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);          /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Overwrites a string that held a secret (the API key), then frees it. */
void xfree_secret(char *s);

/* Called by die() before it prints, so the front end can restore the
 * terminal (endwin). Set once by the UI; NULL otherwise. */
void util_set_die_hook(void (*hook)(void));
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Growable NUL-terminated byte buffer. */
struct strbuf {
	char *buf;      /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};
void strbuf_init(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *strbuf_detach(struct strbuf *sb);   /* caller frees; sb is reset */
void strbuf_reset(struct strbuf *sb);     /* len = 0, keeps memory */
void strbuf_release(struct strbuf *sb);

/* Names the calling thread (at most 15 bytes show) for ps, top and
 * /proc/PID/task; a no-op where the system has no such thing. */
void util_name_thread(const char *name);

/* Starts fn(arg) on a new thread that takes no signal (they stay with the
 * front end, whose handlers only set flags). Returns pthread_create's code. */
int util_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg);

/* Monotonic and wall clocks, in seconds. */
double now_mono(void);
long long now_wall(void);

#endif
