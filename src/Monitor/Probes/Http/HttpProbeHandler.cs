using System.Net;
using System.Net.Security;

namespace Monitor.Probes.Http;

/// <summary>Builds the one handler of a target, so that redirects, TLS checks and limits are per target.</summary>
internal static class HttpProbeHandler
{
    public static SocketsHttpHandler Create(HttpTargetOptions target, TlsCertificateCapture capture, TimeSpan timeout) => new()
    {
        AllowAutoRedirect = target.FollowRedirects,
        MaxAutomaticRedirections = Math.Max(1, target.MaxRedirects),
        // Decompressed bytes count against the body cap, so a small compressed bomb still fails with size.
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = timeout,
        // Each run opens a fresh connection, as a first-time client would: DNS, connect and the TLS handshake
        // (and so the certificate's expiry) are measured on every run, not once per pooled connection.
        PooledConnectionLifetime = TimeSpan.Zero,
        UseCookies = false,
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = capture.Validate },
    };
}
