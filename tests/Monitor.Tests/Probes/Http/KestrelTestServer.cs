using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace Monitor.Tests.Probes.Http;

/// <summary>A Kestrel server on 127.0.0.1 with a random port, plain or HTTPS, for probe tests.</summary>
internal sealed class KestrelTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _clientHellos;
    private int _requests;

    private KestrelTestServer(WebApplication app, ConcurrentQueue<byte[]> clientHellos)
    {
        _app = app;
        _clientHellos = clientHellos;
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Requests that reached the server (counted by a middleware before routing).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The TLS ClientHello of each HTTPS connection so far, as received: it tells a full handshake from a resumed one.</summary>
    public IReadOnlyList<byte[]> ClientHellos => [.. _clientHellos];

    public Uri Url(string path) => new(BaseUrl, path);

    /// <param name="map">The endpoints.</param>
    /// <param name="certificate">With a certificate (and its key), the server speaks HTTPS only.</param>
    /// <param name="protocols">The HTTP versions offered.</param>
    /// <param name="intermediates">CA certificates sent after the server's own in each handshake.</param>
    /// <param name="selectCertificate">
    /// When given, asked for the certificate on each handshake (so a test can replace it between runs); the
    /// server speaks HTTPS only, and <paramref name="certificate"/> is not used.
    /// </param>
    public static async Task<KestrelTestServer> StartAsync(
        Action<WebApplication> map,
        X509Certificate2? certificate = null,
        HttpProtocols protocols = HttpProtocols.Http1AndHttp2,
        X509Certificate2Collection? intermediates = null,
        Func<X509Certificate2>? selectCertificate = null)
    {
        var clientHellos = new ConcurrentQueue<byte[]>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = protocols;
            if (certificate is not null || selectCertificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = selectCertificate is null ? certificate : null,
                    ServerCertificateSelector = selectCertificate is null ? null : (_, _) => selectCertificate(),
                    ServerCertificateChain = intermediates,
                    TlsClientHelloBytesCallback = (_, hello) => clientHellos.Enqueue(hello.ToArray()),
                });
            }
        }));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new KestrelTestServer(app, clientHellos);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref server._requests);
            return next(context);
        });
        app.UseRouting();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
