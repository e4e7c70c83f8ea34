using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Tests.Probes.Http;

/// <summary>Server certificates for 127.0.0.1, self-signed or from a private CA, valid or expired, made on the fly.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 SelfSigned(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = ServerRequest(key).CreateSelfSigned(notBefore, notAfter);
        return WithUsableKey(certificate);
    }

    /// <summary>A CA certificate (with its key) that can sign server certificates.</summary>
    public static X509Certificate2 PrivateCa(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Monitor Test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var certificate = request.CreateSelfSigned(now.AddDays(-2), now.AddYears(1));
        return WithUsableKey(certificate);
    }

    public static X509Certificate2 SignedBy(X509Certificate2 ca, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signed = ServerRequest(key).Create(ca, now.AddDays(-1), now.AddDays(60), [1, 2, 3, 4]);
        using var withKey = signed.CopyWithPrivateKey(key);
        return WithUsableKey(withKey);
    }

    private static CertificateRequest ServerRequest(ECDsa key)
    {
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }

    // Kestrel needs the key in a form SslStream can use on every platform: a PKCS#12 round trip gives that.
    private static X509Certificate2 WithUsableKey(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);

    public static X509Certificate2 ValidFor(TimeSpan lifetime, DateTimeOffset now) => SelfSigned(now.AddDays(-1), now + lifetime);

    public static X509Certificate2 Expired(DateTimeOffset now) => SelfSigned(now.AddDays(-30), now.AddDays(-1));
}
