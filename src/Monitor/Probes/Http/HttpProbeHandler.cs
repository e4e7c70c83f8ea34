using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

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
        SslOptions = new SslClientAuthenticationOptions
        {
            // A resumed TLS session skips the certificate exchange and reports the certificate of an earlier run
            // (which the server may since have replaced): every run does a full handshake, as a first-time client,
            // and as the blackbox exporter does (Go's TLS client resumes only with a session cache, which it does not
            // set). This has a price on OpenSSL: .NET keeps a TLS context (SSL_CTX) for reuse only where it may resume,
            // so each handshake creates one, about 150 us and 14% of an HTTPS probe's CPU (perf, OpenSSL 3.0.19). For
            // an address target (https://10.0.0.1/) .NET never reuses the context, whatever this says.
            AllowTlsResume = false,
            // Revocation is never checked (see TlsChainPolicies for why).
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = capture.ChainPolicy,
            RemoteCertificateValidationCallback = capture.Validate,
        },
        ConnectCallback = ConnectAsync,
    };

    /// <summary>Resolves and connects in two visible steps, so that a timeout can say which one stalled and each is timed.</summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        context.InitialRequestMessage.Options.TryGetValue(AttemptProgress.Key, out var progress);
        if (progress is not null && !progress.TryOpenConnection())
        {
            throw new IOException("the connection closed before a complete answer; not re-sent");
        }

        var endpoint = context.DnsEndPoint;
        progress?.Enter(AttemptPhase.Resolving);
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        progress?.Enter(AttemptPhase.Connecting);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, endpoint.Port, cancellationToken);
                progress?.Enter(AttemptPhase.WaitingForAnswer);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
