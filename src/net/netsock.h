/* netsock: the sockets libcurl opens for us. Every one is close-on-exec (no
 * child we start inherits a connection), and download connections are
 * checked against the address rule after name resolution. Pure but for the
 * socket() call. */
#ifndef SUNOTOP_NETSOCK_H
#define SUNOTOP_NETSOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include <curl/curl.h>

enum netsock_class {
	NETSOCK_PUBLIC,
	NETSOCK_PRIVATE,      /* RFC 1918, 100.64/10, fc00::/7, 0/8, unspecified */
	NETSOCK_LOOPBACK,     /* 127/8, ::1 */
	NETSOCK_LINK_LOCAL,   /* 169.254/16 (cloud metadata lives there), fe80::/10 */
	NETSOCK_METADATA,     /* other cloud metadata addresses (fd00:ec2::254) */
};

/* What a download connection may reach. `refused` gets the reason when the
 * socket callback refuses an address (for the failure message). */
struct netsock_policy {
	bool allow_private;   /* the API itself is on a private or loopback address */
	char refused[96];
};

/* The class of an IPv4 or IPv6 address (IPv4-mapped IPv6 as its IPv4). */
enum netsock_class netsock_classify(const struct sockaddr *sa, size_t len);
/* The download rule: link-local and metadata never; private and loopback
 * only with allow_private. On refusal, why (cap bytes) says so. */
bool netsock_allowed(const struct sockaddr *sa, size_t len, bool allow_private,
		     char *why, size_t cap);
/* True when host (a URL's host part, IPv6 in brackets or not) is an
 * address literal in a private or loopback range, or "localhost". */
bool netsock_host_is_private(const char *host);
/* The base URL's host, by netsock_host_is_private. */
bool netsock_url_is_private(const char *url);

/* CURLOPT_OPENSOCKETFUNCTION: a close-on-exec socket. clientp is NULL (any
 * address) or a struct netsock_policy (the download rule). */
curl_socket_t netsock_open(void *clientp, curlsocktype purpose, struct curl_sockaddr *addr);
/* Sets the callback (and its policy, or NULL) on an easy handle. */
void netsock_setup(CURL *easy, struct netsock_policy *policy);

#endif
