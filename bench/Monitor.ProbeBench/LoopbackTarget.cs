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

    public static async Task<int> ServeAsync(bool https)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        using var certificate = https ? SelfSigned() : null;
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
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(90));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
