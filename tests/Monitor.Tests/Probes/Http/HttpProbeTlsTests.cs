using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Monitor.Probes.Http;

namespace Monitor.Tests.Probes.Http;

/// <summary>Certificates: invalid ones fail with tls unless allowed, and expiry is measured on every run.</summary>
public sealed class HttpProbeTlsTests
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task RunAsync_SelfSignedCertificate_FailsWithTls()
    {
        using var certificate = TestCertificates.ValidFor(TimeSpan.FromDays(30), Now);
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        using var probe = TestProbes.Create(server.BaseUrl);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("tls", result.Reason);
        Assert.Contains("not trusted", result.Detail, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task RunAsync_ExpiredCertificate_FailsWithTlsSayingExpired()
    {
        using var certificate = TestCertificates.Expired(Now);
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        using var probe = TestProbes.Create(server.BaseUrl);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("tls", result.Reason);
        Assert.Contains("expired", result.Detail, StringComparison.Ordinal);
        Assert.True(result.Gauges[HttpProbe.CertExpiryGauge] < 0);
    }

    [Fact]
    public async Task RunAsync_InsecureSkipVerify_PassesAndMeasuresDaysLeftOnEveryRun()
    {
        using var certificate = TestCertificates.ValidFor(TimeSpan.FromDays(30), Now);
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        using var probe = TestProbes.Create(server.BaseUrl, t => t.InsecureSkipVerify = true);

        var first = await probe.RunAsync(CancellationToken.None);
        var second = await probe.RunAsync(CancellationToken.None);

        Assert.True(first.Success, first.Detail);
        Assert.InRange(first.Gauges[HttpProbe.CertExpiryGauge] / 86400, 29.9, 30.0);
        Assert.True(second.Gauges.ContainsKey(HttpProbe.CertExpiryGauge), "a second run measures the certificate again");
    }

    [Fact]
    public async Task RunAsync_CertificateBelowMinCertDays_FailsWithTls()
    {
        using var certificate = TestCertificates.ValidFor(TimeSpan.FromDays(5), Now);
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        using var probe = TestProbes.Create(server.BaseUrl, t =>
        {
            t.InsecureSkipVerify = true;
            t.Expect.MinCertDays = 14;
        });

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("tls", result.Reason);
        Assert.Contains("expires in 5.0 days", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CertificateFromPrivateCa_PassesOnlyWithTheTargetsCaFile()
    {
        using var ca = TestCertificates.PrivateCa(Now);
        using var certificate = TestCertificates.SignedBy(ca, Now);
        using var caPem = TestCertificates.PemFile(ca);
        var caFile = caPem.Path;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        using var trusting = TestProbes.Create(server.BaseUrl, t => t.CaFile = caFile);
        using var plain = TestProbes.Create(server.BaseUrl);

        var trusted = await trusting.RunAsync(CancellationToken.None);
        var untrusted = await plain.RunAsync(CancellationToken.None);

        Assert.True(trusted.Success, trusted.Detail);
        Assert.InRange(trusted.Gauges[HttpProbe.CertExpiryGauge] / 86400, 59.9, 60.0);
        Assert.Equal("tls", untrusted.Reason);
    }

    [Fact]
    public async Task RunAsync_PrivateCaThroughIntermediate_PassesAndMeasuresTheEarliestExpiryInTheChain()
    {
        using var ca = TestCertificates.PrivateCa(Now);
        using var intermediate = TestCertificates.IntermediateCa(ca, TimeSpan.FromDays(20), Now);
        using var certificate = TestCertificates.SignedBy(intermediate, Now);
        using var caPem = TestCertificates.PemFile(ca);
        var caFile = caPem.Path;
        await using var server = await KestrelTestServer.StartAsync(
            app => app.MapGet("/", () => "ok"), certificate, intermediates: new X509Certificate2Collection(intermediate));
        using var verifying = TestProbes.Create(server.BaseUrl, t => t.CaFile = caFile);
        using var skipping = TestProbes.Create(server.BaseUrl, t => t.InsecureSkipVerify = true);

        var verified = await verifying.RunAsync(CancellationToken.None);
        var skipped = await skipping.RunAsync(CancellationToken.None);

        Assert.True(verified.Success, verified.Detail);
        Assert.True(skipped.Success, skipped.Detail);
        // The server's own certificate runs 60 days; the intermediate it sends expires first.
        Assert.InRange(verified.Gauges[HttpProbe.CertExpiryGauge] / 86400, 19.9, 20.0);
        Assert.InRange(skipped.Gauges[HttpProbe.CertExpiryGauge] / 86400, 19.9, 20.0);
    }

    [Fact]
    public async Task RunAsync_PrivateCaCertificateForAnotherHost_FailsWithTlsNamingOnlyTheHost()
    {
        using var ca = TestCertificates.PrivateCa(Now);
        using var certificate = TestCertificates.SignedBy(ca, Now, "elsewhere.example");
        using var caPem = TestCertificates.PemFile(ca);
        var caFile = caPem.Path;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        using var probe = TestProbes.Create(server.BaseUrl, t => t.CaFile = caFile);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("tls", result.Reason);
        Assert.Contains("does not name this host", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("not trusted", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HostNameTarget_DoesAFullHandshakeOnEveryRun()
    {
        using var certificate = TestCertificates.ValidFor(TimeSpan.FromDays(30), Now);
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        // A host name, not an address: TLS sessions are only offered for resumption to named hosts.
        using var probe = TestProbes.Create(new Uri($"https://localhost:{server.BaseUrl.Port}/"), t => t.InsecureSkipVerify = true);

        for (var run = 0; run < 3; run++)
        {
            var result = await probe.RunAsync(CancellationToken.None);
            Assert.True(result.Success, result.Detail);
        }

        Assert.Equal(3, server.ClientHellos.Count);
        Assert.DoesNotContain(server.ClientHellos, TlsClientHello.OffersResumption);
    }

    [Fact]
    public async Task RunAsync_CertificateReplacedBetweenRuns_SecondRunMeasuresTheNewOne()
    {
        using var first = TestCertificates.ValidFor(TimeSpan.FromDays(30), Now);
        using var second = TestCertificates.ValidFor(TimeSpan.FromDays(5), Now);
        var current = first;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), selectCertificate: () => Volatile.Read(ref current));
        // A host name, as real targets have, so that sessions are offered. (A Kestrel server's new certificate comes with
        // new ticket keys, so it would refuse a resumption anyway: RunAsync_HostNameTarget_DoesAFullHandshakeOnEveryRun
        // is the test that no session is offered.)
        using var probe = TestProbes.Create(new Uri($"https://localhost:{server.BaseUrl.Port}/"), t => t.InsecureSkipVerify = true);

        var before = await probe.RunAsync(CancellationToken.None);
        Volatile.Write(ref current, second);
        var after = await probe.RunAsync(CancellationToken.None);

        Assert.True(before.Success, before.Detail);
        Assert.True(after.Success, after.Detail);
        Assert.InRange(before.Gauges[HttpProbe.CertExpiryGauge] / 86400, 29.9, 30.0);
        Assert.InRange(after.Gauges[HttpProbe.CertExpiryGauge] / 86400, 4.9, 5.0);
        Assert.Equal(2, server.ClientHellos.Count);
    }

    [Fact]
    public async Task RunAsync_SelfSignedCertificateWithUnrelatedCaFile_FailsWithTls()
    {
        using var ca = TestCertificates.PrivateCa(Now);
        using var certificate = TestCertificates.ValidFor(TimeSpan.FromDays(30), Now);
        using var caPem = TestCertificates.PemFile(ca);
        var caFile = caPem.Path;
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate);
        using var probe = TestProbes.Create(server.BaseUrl, t => t.CaFile = caFile);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("tls", result.Reason);
        Assert.Contains("not trusted", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PlainHttp_ReportsConnectTimingButNoCertificateGauge()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"));
        using var probe = TestProbes.Create(new Uri($"http://localhost:{server.BaseUrl.Port}/"));

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.True(result.Success, result.Detail);
        Assert.False(result.Gauges.ContainsKey(HttpProbe.CertExpiryGauge));
        Assert.InRange(result.Gauges[HttpProbe.DnsGauge], 0, 5);
        Assert.InRange(result.Gauges[HttpProbe.ConnectGauge], 0, 5);
    }
}
