using MimeKit;

namespace Monitor.Notifications.Email;

/// <summary>Delivers a finished e-mail: to an SMTP server, or as a file when no server is configured.</summary>
internal interface IMailTransport
{
    /// <summary>A short name for metrics and logs (<c>smtp</c>, <c>pickup</c>).</summary>
    string Name { get; }

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
