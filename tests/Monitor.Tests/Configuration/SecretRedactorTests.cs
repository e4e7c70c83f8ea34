using Monitor.Configuration;

namespace Monitor.Tests.Configuration;

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

    [Fact]
    public void Redact_TargetPasswords_AreMasked()
    {
        var options = new MonitorOptions();
        options.Targets.Http.Add(new Monitor.Probes.Http.HttpTargetOptions
        {
            Name = "checkout",
            BasicAuth = new Monitor.Probes.Http.HttpBasicAuthOptions { Username = "probe", Password = "http-pass-4711" },
        });
        options.Targets.Feeds.Add(new Monitor.Probes.Feed.FeedTargetOptions { Name = "feed", Password = "feed-pass-0815" });
        var redactor = new SecretRedactor(ConfiguredSecrets.Of(options));

        Assert.Equal($"{SecretRedactor.Mask} {SecretRedactor.Mask}", redactor.Redact("http-pass-4711 feed-pass-0815"));
    }

    [Fact]
    public void Learn_ReloadedSecrets_MaskedBesideTheEarlierOnes()
    {
        var redactor = new SecretRedactor(["old-key-123456"]);

        redactor.Learn(["new-key-abcdef", "new-key-abcdef-longer"]);

        Assert.Equal(
            $"{SecretRedactor.Mask} {SecretRedactor.Mask} {SecretRedactor.Mask}",
            redactor.Redact("old-key-123456 new-key-abcdef new-key-abcdef-longer"));
    }
}
