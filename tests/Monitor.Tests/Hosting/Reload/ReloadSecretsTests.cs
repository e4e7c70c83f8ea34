using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Configuration;
using Monitor.Tests.Probes.Http;

namespace Monitor.Tests.Hosting.Reload;

/// <summary>A reload that brings new secrets: they are masked from the first run of the target that carries them.</summary>
public sealed class ReloadSecretsTests
{
    private const string Key = "k-live-5b1e9c7a20d44f3e";

    [Fact]
    public async Task ReloadAsync_TargetWithSecretHeaderAdded_FailureNeverShowsTheSecret()
    {
        // A partner gateway that refuses every key, quoting it back inside a 200 answer.
        var keysSeen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var gateway = await KestrelTestServer.StartAsync(app => app.Map("/orders", (HttpRequest request) =>
        {
            var key = request.Headers["X-Api-Key"].ToString();
            keysSeen.Enqueue(key);
            return Results.Json(new { status = $"key {key} is not enabled for the sandbox" });
        }));
        await using var daemon = await ReloadHarness.StartAsync(d => d.Target("checkout"), ReloadHarness.Rule("checkout-errors", "checkout"));
        var partnerApi = $"      - {{ name: partner-api, url: \"{gateway.Url("/orders")}\", headers: {{ X-Api-Key: \"{Key}\" }}, retries: 1, retryDelay: 0s, "
            + $"expect: {{ json: [ {{ path: \"$.status\", value: ok }} ] }}, cron: \"{ReloadHarness.NoRun}\", timeout: 5s }}\n";
        await daemon.WriteConfigAsync(
            daemon.Target("checkout") + partnerApi,
            ReloadHarness.Rule("checkout-errors", "checkout") + ReloadHarness.Rule("partner-api-errors", "partner-api"));

        Assert.True((await daemon.Reloader.ReloadAsync("test", CancellationToken.None)).Success);
        await daemon.RunJobAsync("partner-api", fail: false);
        await daemon.RunJobAsync("partner-api", fail: false);

        // The gateway got the key and quoted it back in the field the target checks, so the failure detail held it.
        Assert.Equal(4, keysSeen.Count(k => k == Key));
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
}
