using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Demo;

/// <summary>
/// The simulated partner's own HTTPS certificate for 127.0.0.1 and localhost, self-signed and made at
/// start; the demo trusts it through the target's <c>caFile</c>, as a partner with a private CA would.
/// </summary>
internal static class DemoCertificate
{
    /// <summary>How long the certificate is valid from its creation: the demo's TLS panel shows this many days left.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public static X509Certificate2 Create(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=simulated-partner", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime);

        // SslStream needs the key in a form every platform can use: a PKCS#12 round trip gives that.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
