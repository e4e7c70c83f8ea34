using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Monitor.Probes.Http;

/// <summary>Turns what went wrong on the wire into one named reason and a sentence without secrets.</summary>
internal static class HttpFailureClassifier
{
    public static (string Reason, string Detail) Classify(HttpRequestException e, string host, TlsHandshake? handshake, bool http2)
    {
        var cause = Innermost(e);
        if (http2 && handshake?.Problem is null && cause.Contains("application protocol", StringComparison.OrdinalIgnoreCase))
        {
            // The TLS alert for a failed ALPN agreement: the certificate was not the problem, HTTP/2 was.
            return (HttpFailureReason.Protocol, "the server does not offer HTTP/2 (ALPN): " + cause);
        }

        switch (e.HttpRequestError)
        {
            case HttpRequestError.NameResolutionError:
                return (HttpFailureReason.Dns, $"name {host} not resolved: {cause}");
            case HttpRequestError.SecureConnectionError:
                return (HttpFailureReason.Tls, handshake?.Problem ?? "TLS handshake failed: " + cause);
            case HttpRequestError.ConnectionError:
                return (HttpFailureReason.Connect, "connection failed: " + cause);
            case HttpRequestError.ConfigurationLimitExceeded:
                return (HttpFailureReason.Size, "answer headers too large: " + cause);
            case HttpRequestError.VersionNegotiationError:
                return (HttpFailureReason.Protocol, "the server does not speak the HTTP version asked for: " + cause);
            case HttpRequestError.ResponseEnded:
                return (HttpFailureReason.Protocol, "the connection closed before a complete answer");
            case HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError:
                return (HttpFailureReason.Protocol, "not a valid HTTP answer: " + cause);
        }

        // Older paths and proxies do not always set HttpRequestError: fall back on the inner exception.
        return e.InnerException switch
        {
            AuthenticationException => (HttpFailureReason.Tls, handshake?.Problem ?? "TLS handshake failed: " + cause),
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
                (HttpFailureReason.Dns, $"name {host} not resolved: {cause}"),
            SocketException => (HttpFailureReason.Connect, "connection failed: " + cause),
            _ => (HttpFailureReason.Protocol, "HTTP error: " + cause),
        };
    }

    private static string Innermost(Exception e)
    {
        var current = e;
        for (var depth = 0; current.InnerException is not null && depth < 8; depth++)
        {
            current = current.InnerException;
        }

        return current.Message;
    }
}
