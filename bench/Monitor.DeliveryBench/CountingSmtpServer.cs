using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Monitor.DeliveryBench;

/// <summary>An SMTP server on loopback that counts what it accepts and when (Stopwatch time).</summary>
internal sealed class CountingSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private int _count;

    public CountingSmtpServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Stopwatch timestamps of accepted messages, with their subjects' first bytes.</summary>
    public ConcurrentQueue<(long At, string Head)> Arrivals { get; } = new();

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Count < count && clock.Elapsed < timeout)
        {
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(CountingSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var at = Stopwatch.GetTimestamp();
            var text = System.Text.Encoding.ASCII.GetString(buffer.Slice(0, Math.Min(buffer.Length, 4096)).ToArray());
            var subject = text.Split("\r\n").FirstOrDefault(l => l.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase)) ?? "";
            owner.Arrivals.Enqueue((at, subject));
            Interlocked.Increment(ref owner._count);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
