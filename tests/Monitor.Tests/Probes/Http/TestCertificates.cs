using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Tests.Probes.Http;

/// <summary>Self-signed server certificates for 127.0.0.1, valid or expired, made on the fly.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 SelfSigned(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        // Kestrel needs the key in a form SslStream can use on every platform: a PKCS#12 round trip gives that.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public static X509Certificate2 ValidFor(TimeSpan lifetime, DateTimeOffset now) => SelfSigned(now.AddDays(-1), now + lifetime);

    public static X509Certificate2 Expired(DateTimeOffset now) => SelfSigned(now.AddDays(-30), now.AddDays(-1));
}
