using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Ingest;
using Monitor.Metrics;

namespace Monitor.Tests.Ingest.Http;

public sealed class ObservationEndpointTests
{
    private const string Good = """{"action":"checkout","restaurantId":"r1","status":200}""";

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData("test-token-012345678")]
    public async Task Post_MissingOrWrongToken_401AndNothingStored(string? token)
    {
        await using var host = await IngestTestHost.StartAsync();

        using var response = await host.PostAsync(Good + "\n" + Good, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(0, host.Queue.Depth);
        await host.WaitForQueueEmptyAsync();
        Assert.Equal(0, host.Recorded());
    }

    [Fact]
    public async Task Post_MixedGoodAndBadLines_AcceptsGoodOnesAndReportsBadOnesByLine()
    {
        await using var host = await IngestTestHost.StartAsync();
        var body = string.Join('\n', Good, "{oops", Good, """{"action":"checkout","restaurantId":"r2","status":99}""", Good);

        using var response = await host.PostAsync(body);
        using var answer = await ReadJson(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, answer.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(2, answer.RootElement.GetProperty("rejected").GetInt32());
        var errors = answer.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([2, 4], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Contains("status", errors[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        await host.WaitForQueueEmptyAsync();
        Assert.Equal(3, host.Recorded());
    }

    [Fact]
    public async Task Post_OnlyBadLines_400WithReasons()
    {
        await using var host = await IngestTestHost.StartAsync();

        using var response = await host.PostAsync("""{"action":"checkout"}""");
        using var answer = await ReadJson(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("missing_field", answer.RootElement.GetProperty("errors")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Post_JsonArray_Accepted()
    {
        await using var host = await IngestTestHost.StartAsync();

        using var response = await host.PostAsync($"[{Good},{Good}]", mediaType: "application/json");
        using var answer = await ReadJson(response);

        Assert.Equal(2, answer.RootElement.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Post_BodyOverLimit_413WithClearMessageAndNothingStored()
    {
        await using var host = await IngestTestHost.StartAsync("    maxBodyBytes: 4096\n");
        var body = string.Join('\n', Enumerable.Repeat(Good, 100));

        using var response = await host.PostAsync(body);
        using var answer = await ReadJson(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("maxBodyBytes", answer.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, host.Queue.Depth);
    }

    [Fact]
    public async Task Post_SaturatedQueue_429WithRetryAfterAndEveryAcceptedLineRecorded()
    {
        // The rules are stalled (no pump): the queue of 1000 has room for three batches of 300.
        await using var host = await IngestTestHost.StartAsync("    queueCapacity: 1000\n    retryAfter: 2s\n", runPump: false);
        var body = string.Join('\n', Enumerable.Range(0, 300).Select(i => $$"""{"action":"checkout","restaurantId":"r{{i % 7}}","status":{{(i % 3 == 0 ? 500 : 200)}}}"""));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.PostAsync(body)));
        long accepted = 0;
        foreach (var response in responses)
        {
            using var answer = await ReadJson(response);
            accepted += answer.RootElement.GetProperty("accepted").GetInt64();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
                Assert.Contains("nothing of this request was taken", answer.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
            }

            response.Dispose();
        }

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        var pump = new IngestPump(host.Queue, host.Evaluator, host.Services.GetRequiredService<IngestCounters>());
        Assert.Equal(accepted, pump.Drain());
        Assert.Equal(900, host.Recorded());

        using var again = await host.PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var metrics = host.Services.GetRequiredService<MonitorMetrics>();
        Assert.Equal(7, metrics.IngestRequests.WithLabels("429").Value);
    }

    [Fact]
    public async Task Post_NoTokenConfigured_404SaysHowToTurnItOn()
    {
        await using var host = await IngestTestHost.StartAsync(token: "");

        using var response = await host.PostAsync(Good);
        using var answer = await ReadJson(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("monitor:ingest:token", answer.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> ReadJson(HttpResponseMessage response) =>
        await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
}
