using Monitor.Configuration;
using Monitor.Notifications;

namespace Monitor.Tests.Notifications;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_IngestTokenAndStoreConnectionString_AreMasked()
    {
        var options = new MonitorOptions();
        options.Ingest.Token = "ingest-token-0123456789";
        options.Storage.Provider = StorageOptions.Postgres;
        options.Storage.ConnectionString = "Host=db;Database=monitor;Username=monitor;Pwd=s3cret-pw";
        var redactor = new SecretRedactor(ConfiguredSecrets.Of(options));

        var text = redactor.Redact("ingest ingest-token-0123456789 / store Host=db;Database=monitor;Username=monitor;Pwd=s3cret-pw");

        Assert.Equal($"ingest {SecretRedactor.Mask} / store {SecretRedactor.Mask}", text);
    }
}
