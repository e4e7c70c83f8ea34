using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Monitor.Probes.Feed.Sources;
using Monitor.Probes.Feed.Validation;

namespace Monitor.Tests.Probes.Feed;

public sealed class HttpsFeedSourceTests
{
    [Fact]
    public async Task ResolveAsync_HttpsWithBasicAuth_StreamsAndValidatesFeed()
    {
        using var certificate = SelfSigned();
        var feed = TestFeeds.Bytes(TestFeeds.ValidLines(300));
        var files = new Dictionary<string, (byte[], DateTimeOffset?)> { ["feed.ndjson"] = (feed, TestFeeds.Now.AddHours(-2)) };
        await using var server = await LoopbackFeedServer.StartAsync(files, "partner", "s3cret", certificate: certificate);
        // Trust exactly this certificate, nothing else.
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint,
        };
        using var http = new HttpClient(handler);

        Assert.Equal("https", server.BaseUrl.Scheme);
        var snapshot = await FeedSources.ResolveAsync(new Uri(server.BaseUrl, "feed.ndjson").ToString(), http, "partner", "s3cret", default);
        var report = await new FeedValidator(new FakeTimeProvider(TestFeeds.Now)).ValidateAsync(
            snapshot, new FeedValidationSettings { BlockSize = 64 * 1024 }, null, default);

        Assert.Equal((3300L, 0L, (long)feed.Length), (report.Entities, report.Invalid, report.Bytes));
        Assert.Equal(TimeSpan.FromHours(2), report.FeedAge);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        // Kestrel needs the key in a loadable form; a PKCS#12 round trip gives it one on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
