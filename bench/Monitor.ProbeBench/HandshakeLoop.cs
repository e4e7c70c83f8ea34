using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Monitor.Probes.Http;

namespace Monitor.ProbeBench;

/// <summary>
/// The floor under an HTTPS probe: COUNT fresh connections (after a warm-up), CONCURRENCY at a time, each with a TLS
/// handshake validated exactly as the probe's handler does it (certificate capture, chain policy, no resumption) and
/// nothing sent; verification is skipped, or made against CAFILE when one is given. What an HttpProbe run costs above this is HTTP and the probe's own work; this itself is the TLS
/// stack's (SslStream over OpenSSL).
/// </summary>
internal static class HandshakeLoop
{
    public static async Task<int> RunAsync(Uri url, int count, int concurrency, string? caFile = null)
    {
        var clients = Clients(url, concurrency, caFile);
        try
        {
            return await CpuMeasure.RunAsync("handshake", clients, count, client => client.HandshakeAsync());
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The TLS side of one probe's handler: its options and certificate capture.</summary>
    /// <summary>One client per worker, as each probe has its own handler and certificate capture.</summary>
    internal static List<Client> Clients(Uri url, int concurrency, string? caFile) =>
        Enumerable.Range(0, concurrency).Select(_ => new Client(url, caFile)).ToList();

    internal sealed class Client : IDisposable
    {
        private readonly IPEndPoint _endpoint;
        private readonly TlsCertificateCapture _capture;
        private readonly SocketsHttpHandler _handler;

        public Client(Uri url, string? caFile)
        {
            var target = new HttpTargetOptions { Name = "handshake", Url = url.ToString(), InsecureSkipVerify = caFile is null, CaFile = caFile };
            _endpoint = new IPEndPoint(IPAddress.Parse(url.Host), url.Port);
            _capture = new TlsCertificateCapture(target.InsecureSkipVerify, TlsCertificateCapture.LoadRoots(caFile, AppContext.BaseDirectory));
            _handler = HttpProbeHandler.Create(target, _capture, TimeSpan.FromSeconds(5));
            _handler.SslOptions.TargetHost = url.Host;
        }

        /// <summary>Connects, shakes hands, and says whether the certificate was accepted and its expiry captured.</summary>
        public async Task<bool> HandshakeAsync()
        {
            using var socket = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(_endpoint);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
            try
            {
                await tls.AuthenticateAsClientAsync(_handler.SslOptions);
            }
            catch (System.Security.Authentication.AuthenticationException)
            {
                return false;
            }

            return _capture.Take() is { Problem: null };
        }

        public void Dispose() => _handler.Dispose();
    }
}
