/* log: the optional --log debug file. Thread-safe. Callers must never pass
 * the API key; log_write also masks anything after "Bearer ". */
#ifndef SUNOTOP_LOG_H
#define SUNOTOP_LOG_H

int log_open(const char *path);   /* 0 or -1 (errno set); NULL path = no log */
void log_close(void);
void log_write(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
