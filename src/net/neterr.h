/* neterr: a failed transfer said in words a user knows ("connection
 * refused", "could not resolve host") instead of a code. */
#ifndef SUNOTOP_NETERR_H
#define SUNOTOP_NETERR_H

#include <stdbool.h>
#include <curl/curl.h>

/* The words for libcurl's code `c`, sharpened by the system's errno of the
 * failed socket call (CURLINFO_OS_ERRNO; 0 when unknown). TLS failures
 * start with "TLS: ". Never NULL: an unnamed code gives curl's own text. */
const char *neterr_words(CURLcode c, long os_errno);

/* The code is about TLS: trust, handshake or certificates. */
bool neterr_is_tls(CURLcode c);

#endif
