using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Tests.Probes.Feed;

/// <summary>A Kestrel server on 127.0.0.1 serving feed files, optionally behind basic auth.</summary>
internal sealed class LoopbackFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackFeedServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Paths requested, in order, for asserting what was fetched.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Completes when a request for a path in the hang set arrives; that request is answered only when the client gives up.</summary>
    public TaskCompletionSource HangStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<LoopbackFeedServer> StartAsync(
        IReadOnlyDictionary<string, (byte[] Body, DateTimeOffset? LastModified)> files, string? user = null, string? password = null,
        IReadOnlySet<string>? hang = null, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        LoopbackFeedServer? server = null;
        var expected = user is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        app.Run(async context =>
        {
            lock (server!.Requests)
            {
                server.Requests.Add(context.Request.Path);
            }

            if (hang is not null && hang.Contains(context.Request.Path.Value!.TrimStart('/')))
            {
                server.HangStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (expected is not null && context.Request.Headers.Authorization != expected)
            {
                context.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"feeds\"";
                return;
            }

            if (!files.TryGetValue(context.Request.Path.Value!.TrimStart('/'), out var file))
            {
                context.Response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            if (file.LastModified is { } lm)
            {
                context.Response.GetTypedHeaders().LastModified = lm;
            }

            context.Response.ContentLength = file.Body.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                // Written in slices so the client really reads a stream.
                for (var off = 0; off < file.Body.Length; off += 64 * 1024)
                {
                    await context.Response.Body.WriteAsync(file.Body.AsMemory(off, Math.Min(64 * 1024, file.Body.Length - off)));
                }
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackFeedServer(app, new Uri(address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
