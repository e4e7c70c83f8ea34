using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;

namespace Monitor.Tests.Hosting.Reload;

/// <summary>A reload that brings new secrets: they are masked from the first run of the target that carries them.</summary>
public sealed class ReloadSecretsTests
{
    private const string Key = "k-live-5b1e9c7a20d44f3e";

    [Fact]
    public async Task ReloadAsync_TargetWithSecretHeaderAdded_FailureNeverShowsTheSecret()
    {
        await using var gateway = await KeyEchoServer.StartAsync();
        await using var daemon = await ReloadHarness.StartAsync(d => d.Target("checkout"), ReloadHarness.Rule("checkout-errors", "checkout"));
        var partnerApi = $"      - {{ name: partner-api, url: \"{gateway.Url}\", headers: {{ X-Api-Key: \"{Key}\" }}, retries: 1, retryDelay: 0s, "
            + $"expect: {{ json: [ {{ path: \"$.status\", value: ok }} ] }}, cron: \"{ReloadHarness.NoRun}\", timeout: 5s }}\n";
        await daemon.WriteConfigAsync(
            daemon.Target("checkout") + partnerApi,
            ReloadHarness.Rule("checkout-errors", "checkout") + ReloadHarness.Rule("partner-api-errors", "partner-api"));

        Assert.True((await daemon.Reloader.ReloadAsync("test", CancellationToken.None)).Success);
        await daemon.RunJobAsync("partner-api", fail: false);
        await daemon.RunJobAsync("partner-api", fail: false);

        // The gateway got the key and quoted it back in the field the target checks, so the failure detail held it.
        Assert.Equal(4, gateway.KeysSeen.Count(k => k == Key));
        Assert.Contains(daemon.Logs, line => line.Contains("Probe partner-api failed (body)", StringComparison.Ordinal)
            && line.Contains(SecretRedactor.Mask, StringComparison.Ordinal));
        Assert.NotEmpty(await daemon.Incidents.ListAsync(Monitor.Storage.IncidentStatus.Open));
        Assert.DoesNotContain(daemon.Logs, line => line.Contains(Key, StringComparison.Ordinal));
        var status = await daemon.Http.GetStringAsync(new Uri("api/v1/status", UriKind.Relative));
        Assert.Contains(SecretRedactor.Mask, status, StringComparison.Ordinal);
        foreach (var path in new[] { "", "api/v1/status", "api/v1/targets", "api/v1/targets/partner-api", "api/v1/incidents?status=all" })
        {
            var page = await daemon.Http.GetStringAsync(new Uri(path, UriKind.Relative));
            Assert.DoesNotContain(Key, page, StringComparison.Ordinal);
            Assert.DoesNotContain(JsonEncodedText.Encode(Key).ToString(), page, StringComparison.Ordinal);
        }
    }

    /// <summary>A partner gateway on loopback that refuses every key, quoting it back inside a 200 answer.</summary>
    private sealed class KeyEchoServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private KeyEchoServer(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public System.Collections.Concurrent.ConcurrentQueue<string> KeysSeen { get; } = new();

        public static async Task<KeyEchoServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            KeyEchoServer? server = null;
            app.Run(context =>
            {
                var key = context.Request.Headers["X-Api-Key"].ToString();
                server!.KeysSeen.Enqueue(key);
                return Results.Json(new { status = $"key {key} is not enabled for the sandbox" }).ExecuteAsync(context);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server = new KeyEchoServer(app, new Uri(address + "/orders"));
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
