using System.Globalization;
using MimeKit;

namespace Monitor.Notifications.Email;

/// <summary>
/// Writes each message as an <c>.eml</c> file when no SMTP host is configured. The file appears whole
/// (written under a temporary name, then renamed), named by time and Message-ID so redelivery overwrites
/// instead of duplicating.
/// </summary>
internal sealed class PickupDirectoryTransport(string directory, TimeProvider time) : IMailTransport
{
    public string Directory { get; } = directory;

    public string Name => "pickup";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var id = new string([.. (message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
        var existing = System.IO.Directory.GetFiles(Directory, "*-" + id + ".eml");
        var path = existing.Length > 0
            ? existing[0]
            : Path.Combine(Directory, time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + id + ".eml");
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
