using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Monitor.Probes.Http;

namespace Monitor.Tests.Probes.Http;

/// <summary>The certificate callback on its own, for what a handshake against a test server cannot show.</summary>
public sealed class TlsCertificateCaptureTests
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    [Fact]
    public void Validate_InsecureSkipVerifyWithInvalidCertificate_AcceptsItRecordingItsExpiryButNoProblem()
    {
        using var certificate = TestCertificates.Expired(Now);
        var capture = new TlsCertificateCapture(insecureSkipVerify: true);
        using var chain = new X509Chain { ChainPolicy = capture.ChainPolicy! };
        chain.Build(certificate);

        var accepted = capture.Validate(this, certificate, chain, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch);

        Assert.True(accepted);
        var handshake = capture.Take();
        Assert.NotNull(handshake);
        // Accepted, so never the reason a handshake failed.
        Assert.Null(handshake.Value.Problem);
        Assert.Equal(certificate.NotAfter.ToUniversalTime(), handshake.Value.NotAfter.UtcDateTime);
    }
}
