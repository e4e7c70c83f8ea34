using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Monitor.Tests.Notifications;

/// <summary>A real SMTP server on loopback (the SmtpServer package, in process) that can be stopped and started again on the same port.</summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly string? _user;
    private readonly string? _password;
    private CancellationTokenSource? _stop;
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    private LoopbackSmtpServer(int port, string? user, string? password)
    {
        Port = port;
        _user = user;
        _password = password;
    }

    public int Port { get; }

    public bool Running => _server is not null;

    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    public static LoopbackSmtpServer Start(string? user = null, string? password = null)
    {
        var server = new LoopbackSmtpServer(FreePort(), user, password);
        server.StartAgain();
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void StartAgain()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication(true).AuthenticationRequired(_user is not null))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_messages));
        if (_user is not null)
        {
            services.Add(new Authenticator(_user, _password ?? ""));
        }

        _stop = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _stop!.CancelAsync();
        try
        {
            await _running!.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _server = null;
    }

    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (_messages.Count < count && clock.Elapsed < timeout)
        {
            await Task.Delay(20);
        }

        return Messages;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Authenticator(string user, string password) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user1, string password1, CancellationToken cancellationToken) =>
            Task.FromResult(user1 == user && password1 == password);
    }
}
