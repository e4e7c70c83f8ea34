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

    public static async Task<int> ServeAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
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
}
