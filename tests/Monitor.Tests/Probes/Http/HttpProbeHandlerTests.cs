using System.Security.Cryptography.X509Certificates;
using Monitor.Probes.Http;

namespace Monitor.Tests.Probes.Http;

/// <summary>What every target's TLS settings hold to: no resumed sessions, nothing fetched from the network to judge a certificate.</summary>
public sealed class HttpProbeHandlerTests
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Create_AnyTarget_NeverResumesSessionsNorChecksRevocation(bool insecureSkipVerify, bool caFile)
    {
        using var ca = TestCertificates.PrivateCa(Now);
        var capture = new TlsCertificateCapture(insecureSkipVerify, caFile ? new X509Certificate2Collection(ca) : null);

        using var handler = HttpProbeHandler.Create(new HttpTargetOptions { Name = "t", Url = "https://127.0.0.1/" }, capture, TimeSpan.FromSeconds(5));

        Assert.False(handler.SslOptions.AllowTlsResume);
        Assert.Equal(X509RevocationMode.NoCheck, handler.SslOptions.CertificateChainPolicy?.RevocationMode ?? handler.SslOptions.CertificateRevocationCheckMode);
    }

    [Fact]
    public void Create_InsecureSkipVerify_TrustsNothingAndDownloadsNothing()
    {
        var capture = new TlsCertificateCapture(insecureSkipVerify: true);

        using var handler = HttpProbeHandler.Create(new HttpTargetOptions { Name = "t", Url = "https://127.0.0.1/" }, capture, TimeSpan.FromSeconds(5));

        var policy = handler.SslOptions.CertificateChainPolicy;
        Assert.NotNull(policy);
        Assert.Equal(X509ChainTrustMode.CustomRootTrust, policy.TrustMode);
        Assert.Empty(policy.CustomTrustStore);
        Assert.True(policy.DisableCertificateDownloads);
    }
}
