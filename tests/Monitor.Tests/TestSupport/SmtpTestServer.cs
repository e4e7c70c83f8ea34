using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Monitor.Tests.TestSupport;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer package) that keeps every message it accepts. While
/// <see cref="HoldReplies"/> is in force it reads each message in full but keeps its reply back, as a server
/// that is slow to commit would; on release it is refused as temporary, or accepted when the release says so.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public SmtpTestServer()
    {
        Port = FreePort.Next();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Messages accepted (answered 250), in the order they arrived.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. _store.Messages];

    /// <summary>Every message read in full while replies were held (those accepted on release are in <see cref="Messages"/> too).</summary>
    public IReadOnlyList<MimeMessage> Held => [.. _store.Held];

    /// <summary>From now on, each message read waits for <see cref="ReleaseReplies"/> before its reply.</summary>
    public void HoldReplies() => _store.Hold();

    /// <summary>Ends the hold: messages still waiting are refused with a temporary error (451), or accepted (250) when <paramref name="accept"/>; later ones are accepted.</summary>
    public void ReleaseReplies(bool accept = false) => _store.Release(accept);

    /// <summary>Waits until a message matching <paramref name="match"/> arrives, or fails after <paramref name="timeout"/>.</summary>
    public Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan timeout) => WaitForAsync(_store.Messages, match, timeout);

    /// <summary>Waits until a message matching <paramref name="match"/> has been read while replies are held, or fails after <paramref name="timeout"/>.</summary>
    public Task<MimeMessage> WaitForHeldAsync(Func<MimeMessage, bool> match, TimeSpan timeout) => WaitForAsync(_store.Held, match, timeout);

    private async Task<MimeMessage> WaitForAsync(IEnumerable<MimeMessage> source, Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = source.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await _store.Arrived.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"no matching message within {timeout.TotalSeconds}s; accepted: {string.Join(" | ", _store.Messages.Select(m => m.Subject))}; " +
                    $"held: {string.Join(" | ", _store.Held.Select(m => m.Subject))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _store.Release();
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // Expected on shutdown.
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public ConcurrentQueue<MimeMessage> Held { get; } = new();

        public SemaphoreSlim Arrived { get; } = new(0);

        private volatile TaskCompletionSource<bool>? _hold;

        public void Hold() => _hold = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release(bool accept = false) => Interlocked.Exchange(ref _hold, null)?.TrySetResult(accept);

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            if (_hold is { } hold)
            {
                Held.Enqueue(message);
                Arrived.Release();
                if (!await hold.Task.WaitAsync(cancellationToken))
                {
                    return new SmtpResponse(SmtpReplyCode.Aborted, "not committed, try again later");
                }
            }

            Messages.Enqueue(message);
            Arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
