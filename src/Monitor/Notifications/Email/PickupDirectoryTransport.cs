using System.Globalization;
using MimeKit;

namespace Monitor.Notifications.Email;

/// <summary>
/// Writes each message as an <c>.eml</c> file when no SMTP host is configured. The file appears whole
/// (written under a temporary name, then renamed), named by the message's date and Message-ID: both are
/// the same on every redelivery (the date is when the message was queued), so a redelivery overwrites
/// its file instead of duplicating it, without listing the folder.
/// </summary>
internal sealed class PickupDirectoryTransport(string directory) : IMailTransport
{
    public string Directory { get; } = directory;

    public string Name => "pickup";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var id = new string([.. (message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
        var path = Path.Combine(Directory, FileName(message.Date, id));
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Sorts by time in a folder listing: <c>20261128T134700Z-&lt;message id&gt;.eml</c>, in UTC.</summary>
    public static string FileName(DateTimeOffset date, string id) =>
        date.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + id + ".eml";
}
