using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.ProbeBench;

/// <summary>The probed target: a small JSON answer like a sandbox Checkout's, on 127.0.0.1.</summary>
internal static class LoopbackTarget
{
    private const string Answer = """{"expectedFinalState":"CREATED","cart":"sandbox-cart","isInSandbox":true}""";

    /// <summary>
    /// Serves plain HTTP, or HTTPS with a self-signed certificate, or (with <paramref name="caFile"/>) HTTPS with a
    /// certificate from a fresh private CA whose certificate is written to that file, so that probers can verify it.
    /// </summary>
    public static async Task<int> ServeAsync(bool https, string? caFile = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        using var certificate = caFile is not null ? FromPrivateCa(caFile) : https ? SelfSigned() : null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/fulfillment", () => Results.Content(Answer, "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(address + "/fulfillment");
        Console.Out.Flush();
        // Runs until the script closes stdin (or kills it).
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = ServerRequest(key).CreateSelfSigned(now.AddDays(-1), now.AddDays(90));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static X509Certificate2 FromPrivateCa(string caFile)
    {
        var now = TimeProvider.System.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Monitor Bench CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-2), now.AddYears(1));
        File.WriteAllText(caFile, ca.ExportCertificatePem());

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signed = ServerRequest(key).Create(ca, now.AddDays(-1), now.AddDays(90), [1, 2, 3, 4]);
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    private static CertificateRequest ServerRequest(ECDsa key)
    {
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }
}
