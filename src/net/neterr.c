/* neterr: libcurl's codes (and the errno behind a failed connect) in words.
 * A lookup only: must never do I/O or name anything about the key. */
#include "config.h"

#include <errno.h>

#include "neterr.h"

/* Only failures before any of a request can have been sent: submitting
 * counts on that (a TLS failure is never an unknown outcome). */
bool neterr_is_tls(CURLcode c)
{
	return c == CURLE_PEER_FAILED_VERIFICATION || c == CURLE_SSL_CONNECT_ERROR ||
	       c == CURLE_SSL_CACERT_BADFILE || c == CURLE_SSL_CERTPROBLEM ||
	       c == CURLE_SSL_ISSUER_ERROR || c == CURLE_SSL_PINNEDPUBKEYNOTMATCH ||
	       c == CURLE_SSL_ENGINE_NOTFOUND || c == CURLE_SSL_CIPHER ||
	       c == CURLE_SSL_CRL_BADFILE || c == CURLE_USE_SSL_FAILED;
}

static const char *neterr_tls_words(CURLcode c)
{
	switch (c) {
	case CURLE_PEER_FAILED_VERIFICATION:
		return "TLS: the server's certificate is not trusted";
	case CURLE_SSL_CONNECT_ERROR:
		return "TLS: the handshake failed";
	case CURLE_SSL_CACERT_BADFILE:
		return "TLS: cannot read the CA certificates";
	case CURLE_SSL_ISSUER_ERROR:
		return "TLS: the certificate's issuer does not match";
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		return "TLS: the server's public key does not match the pinned one";
	case CURLE_SSL_CIPHER:
		return "TLS: no cipher in common with the server";
	default:
		return "TLS: the secure connection failed";
	}
}

/* A socket that could not be opened, connected or kept. */
static const char *neterr_errno_words(long os_errno, const char *otherwise)
{
	switch (os_errno) {
	case ECONNREFUSED:
		return "connection refused";
	case ECONNRESET:
		return "connection reset by the server";
	case ENETUNREACH:
		return "network unreachable";
	case EHOSTUNREACH:
		return "host unreachable";
	case ETIMEDOUT:
		return "timed out connecting";
	case EPIPE:
		return "connection closed by the server";
	case EACCES:
	case EPERM:
		return "connection not permitted (a firewall?)";
	case EADDRNOTAVAIL:
		return "no local address to connect from";
	default:
		return otherwise;
	}
}

const char *neterr_words(CURLcode c, long os_errno)
{
	if (neterr_is_tls(c))
		return neterr_tls_words(c);
	switch (c) {
	case CURLE_COULDNT_RESOLVE_HOST:
		return "could not resolve host";
	case CURLE_COULDNT_RESOLVE_PROXY:
		return "could not resolve the proxy";
	case CURLE_COULDNT_CONNECT:
		return neterr_errno_words(os_errno, "could not connect");
	case CURLE_OPERATION_TIMEDOUT:
		return "timed out";
	case CURLE_GOT_NOTHING:
		return "the server closed the connection without answering";
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
		return neterr_errno_words(os_errno, "connection lost");
	case CURLE_PARTIAL_FILE:
		return "the answer was cut short";
	case CURLE_WEIRD_SERVER_REPLY:
		return "the server's answer is not HTTP";
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return "HTTP/2 error";
	case CURLE_UNSUPPORTED_PROTOCOL:
		return "unsupported protocol";
	case CURLE_URL_MALFORMAT:
		return "malformed URL";
	case CURLE_TOO_MANY_REDIRECTS:
		return "too many redirects";
	case CURLE_FILESIZE_EXCEEDED:
		return "the answer is too large";
	case CURLE_OUT_OF_MEMORY:
		return "out of memory";
	default:
		return curl_easy_strerror(c);
	}
}
