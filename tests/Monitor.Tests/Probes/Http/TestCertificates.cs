using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Tests.Probes.Http;

/// <summary>
/// Server certificates for 127.0.0.1, self-signed or from a private CA (directly or through an intermediate), valid or
/// expired, made on the fly.
/// </summary>
internal static class TestCertificates
{
    public static X509Certificate2 SelfSigned(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = ServerRequest(key).CreateSelfSigned(notBefore, notAfter);
        return WithUsableKey(certificate);
    }

    /// <summary>A CA certificate (with its key) that can sign server certificates.</summary>
    public static X509Certificate2 PrivateCa(DateTimeOffset now) => Ca("CN=Monitor Test CA", null, now.AddYears(1), now);

    /// <summary>An intermediate CA certificate (with its key) issued by <paramref name="ca"/>, expiring after <paramref name="lifetime"/>.</summary>
    public static X509Certificate2 IntermediateCa(X509Certificate2 ca, TimeSpan lifetime, DateTimeOffset now) =>
        Ca("CN=Monitor Test Intermediate CA", ca, now + lifetime, now);

    /// <summary>
    /// A server certificate issued by <paramref name="issuer"/>, valid for 60 days (whatever the issuer's own dates),
    /// naming 127.0.0.1 and localhost, or only <paramref name="dnsName"/> when given.
    /// </summary>
    public static X509Certificate2 SignedBy(X509Certificate2 issuer, DateTimeOffset now, string? dnsName = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signed = Issue(ServerRequest(key, dnsName), issuer, now.AddDays(-1), now.AddDays(60));
        using var withKey = signed.CopyWithPrivateKey(key);
        return WithUsableKey(withKey);
    }

    private static X509Certificate2 Ca(string name, X509Certificate2? issuer, DateTimeOffset notAfter, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        if (issuer is null)
        {
            using var selfSigned = request.CreateSelfSigned(now.AddDays(-2), notAfter);
            return WithUsableKey(selfSigned);
        }

        using var signed = Issue(request, issuer, now.AddDays(-2), notAfter);
        using var withKey = signed.CopyWithPrivateKey(key);
        return WithUsableKey(withKey);
    }

    // Signs with the issuer's key directly: unlike Create(issuer, ...) this allows a certificate to outlive its
    // issuer, so that a chain's earliest expiry need not be the server's own certificate.
    private static X509Certificate2 Issue(CertificateRequest request, X509Certificate2 issuer, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
    }

    private static CertificateRequest ServerRequest(ECDsa key, string? dnsName = null)
    {
        var request = new CertificateRequest("CN=" + (dnsName ?? "127.0.0.1"), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (dnsName is null)
        {
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            names.AddDnsName("localhost");
        }
        else
        {
            names.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }

    // Kestrel needs the key in a form SslStream can use on every platform: a PKCS#12 round trip gives that.
    private static X509Certificate2 WithUsableKey(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);

    /// <summary>A CA certificate written to a temporary PEM file, as a target's <c>caFile</c>; the file is deleted on dispose.</summary>
    public static TempPem PemFile(X509Certificate2 ca)
    {
        var path = System.IO.Path.GetTempFileName();
        File.WriteAllText(path, ca.ExportCertificatePem());
        return new TempPem(path);
    }

    public static X509Certificate2 ValidFor(TimeSpan lifetime, DateTimeOffset now) => SelfSigned(now.AddDays(-1), now + lifetime);

    public static X509Certificate2 Expired(DateTimeOffset now) => SelfSigned(now.AddDays(-30), now.AddDays(-1));
}

/// <summary>A temporary PEM file, deleted on dispose.</summary>
internal sealed class TempPem(string path) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose() => File.Delete(Path);
}
