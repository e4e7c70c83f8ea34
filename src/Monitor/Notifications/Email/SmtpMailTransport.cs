using MailKit.Net.Smtp;
using MailKit.Security;
using Monitor.Configuration;
using MimeKit;

namespace Monitor.Notifications.Email;

/// <summary>Sends through the configured SMTP server with MailKit.</summary>
internal sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    public string Name => "smtp";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Duration.Parse(options.Timeout).TotalMilliseconds };
        var security = options.Security.ToLowerInvariant() switch
        {
            "tls" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.Username))
        {
            await client.AuthenticateAsync(options.Username, options.Password, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
