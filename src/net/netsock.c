#include "config.h"
/* netsock: close-on-exec sockets for libcurl, and the address rule for
 * downloads (checked on the resolved address, so neither a DNS name nor a
 * redirect can lead a download to the cloud metadata service). */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "netsock.h"

static enum netsock_class netsock_v4(const unsigned char *a)
{
	if (a[0] == 169 && a[1] == 254)
		return NETSOCK_LINK_LOCAL;
	if (a[0] == 127)
		return NETSOCK_LOOPBACK;
	if (a[0] == 10 || a[0] == 0 || (a[0] == 172 && (a[1] & 0xf0) == 16) ||
	    (a[0] == 192 && a[1] == 168) || (a[0] == 100 && (a[1] & 0xc0) == 64) ||
	    a[0] >= 224)
		return NETSOCK_PRIVATE;
	return NETSOCK_PUBLIC;
}

static enum netsock_class netsock_v6(const unsigned char *a)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const unsigned char ec2[16] = { 0xfd, 0, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0x54 };
	static const unsigned char zero[15] = { 0 };

	if (memcmp(a, mapped, 12) == 0)
		return netsock_v4(a + 12);
	if (memcmp(a, ec2, 16) == 0)
		return NETSOCK_METADATA;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return NETSOCK_LINK_LOCAL;
	if (memcmp(a, zero, 15) == 0)
		return a[15] == 1 ? NETSOCK_LOOPBACK : NETSOCK_PRIVATE;
	/* unique local fc00::/7, site-local fec0::/10, multicast ff00::/8 */
	if ((a[0] & 0xfe) == 0xfc || (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) || a[0] == 0xff)
		return NETSOCK_PRIVATE;
	return NETSOCK_PUBLIC;
}

enum netsock_class netsock_classify(const struct sockaddr *sa, size_t len)
{
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in))
		return netsock_v4((const unsigned char *)
				  &((const struct sockaddr_in *)(const void *)sa)->sin_addr);
	if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6))
		return netsock_v6(((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr);
	/* Not an internet address: nothing a URL should reach. */
	return NETSOCK_LINK_LOCAL;
}

bool netsock_allowed(const struct sockaddr *sa, size_t len, bool allow_private,
		     char *why, size_t cap)
{
	enum netsock_class c = netsock_classify(sa, len);
	char text[INET6_ADDRSTRLEN] = "?";
	const void *raw = NULL;
	const char *what;

	if (c == NETSOCK_PUBLIC || (allow_private && (c == NETSOCK_PRIVATE || c == NETSOCK_LOOPBACK)))
		return true;
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in))
		raw = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6))
		raw = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	if (raw && !inet_ntop(sa->sa_family, raw, text, sizeof(text)))
		snprintf(text, sizeof(text), "?");
	what = c == NETSOCK_LINK_LOCAL ? "a link-local address" :
	       c == NETSOCK_METADATA ? "a cloud metadata address" :
	       c == NETSOCK_LOOPBACK ? "a loopback address" : "a private address";
	if (why && cap)
		snprintf(why, cap, "refused to connect to %s, %s", text, what);
	return false;
}

bool netsock_host_is_private(const char *host)
{
	char buf[INET6_ADDRSTRLEN + 2];
	struct sockaddr_in in4 = { .sin_family = AF_INET };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
	size_t len = strlen(host);
	enum netsock_class c;

	if (strcasecmp(host, "localhost") == 0)
		return true;
	if (len >= 2 && host[0] == '[' && host[len - 1] == ']') {
		host++;
		len -= 2;
	}
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, host, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, &in4.sin_addr) == 1)
		c = netsock_classify((struct sockaddr *)&in4, sizeof(in4));
	else if (inet_pton(AF_INET6, buf, &in6.sin6_addr) == 1)
		c = netsock_classify((struct sockaddr *)&in6, sizeof(in6));
	else
		return false;
	return c == NETSOCK_PRIVATE || c == NETSOCK_LOOPBACK;
}

bool netsock_url_is_private(const char *url)
{
	const char *h = url ? strstr(url, "://") : NULL, *end, *at;
	char host[300];
	size_t n;

	if (!h)
		return false;
	h += 3;
	end = h + strcspn(h, "/?#");
	at = memchr(h, '@', (size_t)(end - h));
	if (at)
		h = at + 1;
	/* the port goes; an IPv6 literal keeps its brackets */
	n = *h == '[' ? strcspn(h, "]") + 1 : strcspn(h, ":/?#");
	if (n > (size_t)(end - h))
		n = (size_t)(end - h);
	if (n >= sizeof(host))
		return false;
	memcpy(host, h, n);
	host[n] = '\0';
	return netsock_host_is_private(host);
}

curl_socket_t netsock_open(void *clientp, curlsocktype purpose, struct curl_sockaddr *addr)
{
	struct netsock_policy *pol = clientp;

	(void)purpose;
	if (pol && !netsock_allowed(&addr->addr, addr->addrlen, pol->allow_private,
				    pol->refused, sizeof(pol->refused)))
		return CURL_SOCKET_BAD;
	return socket(addr->family, addr->socktype | SOCK_CLOEXEC, addr->protocol);
}

void netsock_setup(CURL *easy, struct netsock_policy *policy)
{
	curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, netsock_open);
	curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, policy);
}
