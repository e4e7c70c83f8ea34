using Monitor.Configuration;
using Monitor.Notifications.Email;
using Monitor.Notifications.Outbox;
using Monitor.Storage;
using Monitor.Tests.TestSupport;
using MimeKit;

namespace Monitor.Tests.Notifications.Email;

public sealed class PickupDirectoryTransportTests
{
    private static readonly DateTimeOffset Queued = new(2026, 11, 27, 18, 45, 12, TimeSpan.Zero);

    private static (EmailChannel Channel, string Folder) Create(TempDirectory dir)
    {
        var options = new MonitorOptions { Project = "acme" };
        options.Smtp.From = "monitor@acme.example";
        var folder = Path.Combine(dir.Path, "mail");
        return (new EmailChannel(options.Smtp, new PickupDirectoryTransport(folder)), folder);
    }

    private static OutboxMessage Queue(string messageId) => new()
    {
        Channel = "email",
        CreatedAt = Queued,
        Payload = PayloadJson.Serialize(new EmailPayload(["oncall@acme.example"], "INC-1 firing", "text", "<p>html</p>",
            messageId, null, [], new Dictionary<string, string>()), OutboxJson.Default.EmailPayload),
    };

    [Fact]
    public async Task DeliverAsync_SameMessageTwice_OneFileNamedAndDatedByWhenItWasQueued()
    {
        using var dir = new TempDirectory();
        var (channel, folder) = Create(dir);

        // A redelivery, as after a crash between writing the file and marking the message sent.
        await channel.DeliverAsync(Queue("incident-1.1.firing@monitor.acme"), CancellationToken.None);
        await channel.DeliverAsync(Queue("incident-1.1.firing@monitor.acme"), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal("20261127T184512Z-incident-1.1.firing_monitor.acme.eml", Path.GetFileName(file));
        var written = await MimeMessage.LoadAsync(file);
        Assert.Equal(Queued, written.Date);
        Assert.Equal("incident-1.1.firing@monitor.acme", written.MessageId);
    }

    [Fact]
    public async Task DeliverAsync_TwoMessages_TwoFilesAndNoTemporaryLeft()
    {
        using var dir = new TempDirectory();
        var (channel, folder) = Create(dir);

        await channel.DeliverAsync(Queue("incident-1.1.firing@monitor.acme"), CancellationToken.None);
        await channel.DeliverAsync(Queue("incident-1.2.resolved@monitor.acme"), CancellationToken.None);

        Assert.Equal(
            ["20261127T184512Z-incident-1.1.firing_monitor.acme.eml", "20261127T184512Z-incident-1.2.resolved_monitor.acme.eml"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
