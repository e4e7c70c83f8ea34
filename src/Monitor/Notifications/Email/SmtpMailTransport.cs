using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Monitor.Configuration;
using MimeKit;

namespace Monitor.Notifications.Email;

/// <summary>
/// Sends through the configured SMTP server with MailKit. The connection is kept open between messages
/// (a burst of messages does not pay a handshake each) and dropped after any error or a minute idle.
/// A message the server accepted counts as sent even if closing the connection fails, so it is not sent twice.
/// </summary>
internal sealed class SmtpMailTransport(SmtpOptions options, TimeProvider time) : IMailTransport, IDisposable
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;
    private DateTimeOffset _lastUse;

    public string Name => "smtp";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var client = await ConnectedAsync(cancellationToken);
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted })
            {
                Drop();
                throw;
            }

            _lastUse = time.GetUtcNow();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } existing && time.GetUtcNow() - _lastUse < IdleLimit)
        {
            return existing;
        }

        Drop();
        var client = new SmtpClient { Timeout = (int)Duration.Parse(options.Timeout).TotalMilliseconds };
        try
        {
            var security = options.Security.ToLowerInvariant() switch
            {
                "tls" => SecureSocketOptions.SslOnConnect,
                "none" => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
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

        _client = client;
        return client;
    }

    private void Drop()
    {
        var client = _client;
        _client = null;
        if (client is null)
        {
            return;
        }

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
        Drop();
        _gate.Dispose();
    }
}
