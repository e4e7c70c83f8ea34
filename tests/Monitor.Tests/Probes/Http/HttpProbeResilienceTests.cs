using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Monitor.Probes.Http;

namespace Monitor.Tests.Probes.Http;

/// <summary>Confirm-retries are recorded and never hide a failure; the breaker stops sending to a dead host.</summary>
public sealed class HttpProbeResilienceTests
{
    [Fact]
    public async Task RunAsync_RetryPassesAfterFirstFailure_CountsAsFailureAndSaysItRecovered()
    {
        var calls = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(502) : Results.Text("ok")));
        using var probe = TestProbes.Create(server.BaseUrl, t =>
        {
            t.Retries = 2;
            t.RetryDelay = "10ms";
        });

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("status", result.Reason);
        Assert.True(result.RecoveredOnRetry);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("retry 1 passed", result.Detail, StringComparison.Ordinal);
        Assert.False(result.ToObservation().Success);
    }

    [Fact]
    public async Task RunAsync_EveryAttemptFails_RecordsEachRetryAndKeepsTheFirstReason()
    {
        var calls = 0;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", async () =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                return Results.StatusCode(500);
            }

            await Task.Delay(150);
            return Results.Text("ok");
        }));
        using var probe = TestProbes.Create(server.BaseUrl, t =>
        {
            t.Retries = 1;
            t.RetryDelay = "0s";
            t.Expect.MaxLatency = "100ms";
        });

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("status", result.Reason);
        Assert.Equal(2, result.Attempts);
        Assert.False(result.RecoveredOnRetry);
        Assert.Contains("retry 1 failed too (latency", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FirstAttemptPasses_SendsNoRetry()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"));
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Retries = 3);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.True(result.Success, result.Detail);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task RunAsync_HostKeepsDroppingConnections_CircuitOpensAndStopsSending()
    {
        await using var server = new RawTcpTestServer(RawTcpTestServer.ReadRequestHeadAsync);
        using var probe = TestProbes.Create(server.Url, t =>
        {
            t.CircuitBreaker.MinimumThroughput = 3;
            t.CircuitBreaker.BreakDuration = "1m";
        });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("protocol", (await probe.RunAsync(CancellationToken.None)).Reason);
        }

        var sentBefore = server.Accepted;
        var open = await probe.RunAsync(CancellationToken.None);

        Assert.False(open.Success);
        Assert.Equal("connect", open.Reason);
        Assert.StartsWith("circuit open", open.Detail, StringComparison.Ordinal);
        Assert.Contains("last failure: protocol", open.Detail, StringComparison.Ordinal);
        Assert.Equal(0, open.Attempts);
        Assert.Equal(sentBefore, server.Accepted);
    }

    [Fact]
    public async Task RunAsync_BreakDurationOver_SendsATrialAgain()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var server = new RawTcpTestServer(RawTcpTestServer.ReadRequestHeadAsync);
        var target = new HttpTargetOptions { Name = "t", Url = server.Url.ToString(), Timeout = "10s" };
        target.CircuitBreaker.MinimumThroughput = 2;
        target.CircuitBreaker.BreakDuration = "1m";
        using var probe = new HttpProbe(target, time, AppContext.BaseDirectory);
        await probe.RunAsync(CancellationToken.None);
        await probe.RunAsync(CancellationToken.None);
        var whileOpen = await probe.RunAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(61));
        var trial = await probe.RunAsync(CancellationToken.None);

        Assert.StartsWith("circuit open", whileOpen.Detail, StringComparison.Ordinal);
        Assert.Equal("protocol", trial.Reason);
        Assert.Equal(3, server.Accepted);
    }

    [Fact]
    public async Task RunAsync_HostAnswersWithErrors_CircuitStaysClosed()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => Results.StatusCode(500)));
        using var probe = TestProbes.Create(server.BaseUrl, t => t.CircuitBreaker.MinimumThroughput = 2);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("status", (await probe.RunAsync(CancellationToken.None)).Reason);
        }

        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public async Task RunAsync_CircuitOpensDuringRetries_KeepsTheFirstFailureAndSaysTheRetryWasNotSent()
    {
        await using var server = new RawTcpTestServer(RawTcpTestServer.ReadRequestHeadAsync);
        using var probe = TestProbes.Create(server.Url, t =>
        {
            t.Retries = 2;
            t.RetryDelay = "0s";
            t.CircuitBreaker.MinimumThroughput = 2;
        });

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("protocol", result.Reason);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("retry 2 not sent (circuit open", result.Detail, StringComparison.Ordinal);
        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task RunAsync_CertificateFailures_NeverOpenCircuit()
    {
        using var certificate = TestCertificates.Expired(TimeProvider.System.GetUtcNow());
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        using var probe = TestProbes.Create(server.BaseUrl, t => t.CircuitBreaker.MinimumThroughput = 2);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("tls", (await probe.RunAsync(CancellationToken.None)).Reason);
        }
    }

    [Fact]
    public async Task RunAsync_RetryOfTimedOutAttempt_GetsItsOwnTimeout()
    {
        var calls = 0;
        await using var server = new RawTcpTestServer(async (stream, ct) =>
        {
            await RawTcpTestServer.ReadRequestHeadAsync(stream, ct);
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray(), ct);
        });
        using var probe = TestProbes.Create(server.Url, t =>
        {
            t.Timeout = "2s";
            t.Retries = 2;
            t.RetryDelay = "0s";
        });

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("timeout", result.Reason);
        Assert.True(result.RecoveredOnRetry, result.Detail);
        Assert.InRange(result.Attempts, 2, 3);
    }
}
