using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Monitor.Configuration;
using MimeKit;

namespace Monitor.Notifications.Email;

/// <summary>
/// Sends through the configured SMTP server with MailKit. Connections are pooled, one per concurrent
/// sender, kept open between messages (a burst does not pay a handshake each) and dropped after an error
/// or a minute idle.
/// A message the server accepted counts as sent even if closing the connection fails, so it is not sent twice.
/// </summary>
internal sealed class SmtpMailTransport(SmtpOptions options, TimeProvider time) : IMailTransport, IDisposable
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(60);
    private readonly ConcurrentBag<(SmtpClient Client, DateTimeOffset LastUse)> _idle = [];

    public string Name => "smtp";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var client = await TakeAsync(cancellationToken);
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted })
        {
            Drop(client);
            throw;
        }
        catch
        {
            // A refused recipient leaves the session usable once reset.
            try
            {
                await client.NoOpAsync(cancellationToken);
                _idle.Add((client, time.GetUtcNow()));
            }
            catch (Exception e2) when (e2 is IOException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException)
            {
                Drop(client);
            }

            throw;
        }

        _idle.Add((client, time.GetUtcNow()));
    }

    /// <summary>An idle open connection, or a new one: each concurrent sender has its own.</summary>
    private async Task<SmtpClient> TakeAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var entry))
        {
            if (entry.Client.IsConnected && time.GetUtcNow() - entry.LastUse < IdleLimit)
            {
                return entry.Client;
            }

            Drop(entry.Client);
        }

        var client = new SmtpClient { Timeout = (int)Duration.Parse(options.Timeout).TotalMilliseconds };
        try
        {
            var security = options.Security.ToLowerInvariant() switch
            {
                "tls" => SecureSocketOptions.SslOnConnect,
                "none" => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            // Our own socket with Nagle off: the SMTP dialogue is small request/response writes.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(options.Host, options.Port, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            await client.ConnectAsync(socket, options.Host, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, SecretValue.Resolve(options.Password), cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return client;
    }

    private static void Drop(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                client.Disconnect(quit: false);
            }
        }
        catch (Exception e) when (e is IOException or ServiceNotConnectedException or SmtpProtocolException or OperationCanceledException)
        {
            // The connection is gone either way.
        }
        finally
        {
            client.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var entry))
        {
            Drop(entry.Client);
        }
    }
}
