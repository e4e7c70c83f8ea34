using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Monitor.Tests.Probes.Http;

/// <summary>Each named failure reason, produced by a real server on loopback misbehaving in one way.</summary>
public sealed class HttpProbeFailureTests
{
    [Fact]
    public async Task RunAsync_NameUnderDotInvalid_FailsWithDns()
    {
        using var probe = TestProbes.Create(new Uri("http://monitor-probe-test.invalid/"));

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("dns", result.Reason);
        Assert.Contains("monitor-probe-test.invalid", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ClosedPort_FailsWithConnect()
    {
        using var probe = TestProbes.Create(TestProbes.ClosedPort());

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("connect", result.Reason);
    }

    [Fact]
    public async Task RunAsync_ServerNeverAnswers_FailsWithTimeoutWithinTheTargetTimeout()
    {
        await using var server = new RawTcpTestServer(async (stream, ct) =>
        {
            await RawTcpTestServer.ReadRequestHeadAsync(stream, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var probe = TestProbes.Create(server.Url, t => t.Timeout = "1s");

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("timeout", result.Reason);
        Assert.Contains("no answer headers", result.Detail, StringComparison.Ordinal);
        Assert.InRange(result.Duration, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task RunAsync_ServerTricklesBody_FailsWithTimeout()
    {
        await using var server = new RawTcpTestServer(async (stream, ct) =>
        {
            await RawTcpTestServer.ReadRequestHeadAsync(stream, ct);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"u8.ToArray(), ct);
            for (var i = 0; i < 400 && !ct.IsCancellationRequested; i++)
            {
                await stream.WriteAsync("x"u8.ToArray(), ct);
                await Task.Delay(25, ct);
            }
        });
        using var probe = TestProbes.Create(server.Url, t => t.Timeout = "1s");

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("timeout", result.Reason);
        Assert.Contains("stalled after", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EndlessBody_FailsWithSizeAtTheCap()
    {
        await using var server = new RawTcpTestServer(async (stream, ct) =>
        {
            await RawTcpTestServer.ReadRequestHeadAsync(stream, ct);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
            var chunk = new byte[16 * 1024];
            for (var i = 0; i < 64 * 1024 && !ct.IsCancellationRequested; i++)
            {
                await stream.WriteAsync(chunk, ct);
            }
        });
        using var probe = TestProbes.Create(server.Url, t => t.MaxBodyBytes = 64 * 1024);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("size", result.Reason);
        Assert.Contains("65536", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DeclaredLengthOverCap_FailsWithSize()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => Results.Text(new string('a', 5000))));
        using var probe = TestProbes.Create(server.BaseUrl, t => t.MaxBodyBytes = 1000);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("size", result.Reason);
    }

    [Fact]
    public async Task RunAsync_UnexpectedStatus_FailsWithStatus()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => Results.StatusCode(503)));
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Expect.Status = [200, 204]);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("status", result.Reason);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal("status 503, expected 200 or 204", result.Detail);
    }

    [Fact]
    public async Task RunAsync_SlowerThanLimit_FailsWithLatency()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", async () =>
        {
            await Task.Delay(150);
            return Results.Text("ok");
        }));
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Expect.MaxLatency = "50ms");

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("latency", result.Reason);
        Assert.Contains("limit 50 ms", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_GarbageInsteadOfHttp_FailsWithProtocol()
    {
        await using var server = new RawTcpTestServer(async (stream, ct) =>
        {
            await RawTcpTestServer.ReadRequestHeadAsync(stream, ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2\r\nthis is not http\r\n\r\n"), ct);
        });
        using var probe = TestProbes.Create(server.Url);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("protocol", result.Reason);
    }

    [Fact]
    public async Task RunAsync_ConnectionClosedBeforeAnswer_FailsWithProtocol()
    {
        await using var server = new RawTcpTestServer(RawTcpTestServer.ReadRequestHeadAsync);
        using var probe = TestProbes.Create(server.Url);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("protocol", result.Reason);
        Assert.Contains("closed before a complete answer", result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, server.Accepted);
    }
}
