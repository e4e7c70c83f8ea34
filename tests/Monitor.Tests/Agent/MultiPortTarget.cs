using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Monitor.Tests.Agent;

/// <summary>
/// One health endpoint on several loopback ports, one per agent, as if each agent reached the target by its own
/// route. <see cref="Break"/> makes one route answer 503, as a broken proxy or network path would.
/// </summary>
internal sealed class MultiPortTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, bool> _broken = new();

    private MultiPortTarget(WebApplication app, IReadOnlyList<string> urls)
    {
        _app = app;
        Urls = urls;
    }

    /// <summary>The health URL of each route.</summary>
    public IReadOnlyList<string> Urls { get; }

    public static async Task<MultiPortTarget> StartAsync(int routes)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            for (var i = 0; i < routes; i++)
            {
                o.Listen(IPAddress.Loopback, 0);
            }
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        MultiPortTarget? self = null;
        app.Run(context =>
        {
            var broken = self is not null && self._broken.ContainsKey(context.Connection.LocalPort);
            context.Response.StatusCode = broken ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return context.Response.WriteAsync(broken ? "unavailable" : "ok");
        });
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        self = new MultiPortTarget(app, [.. addresses.Select(a => a.TrimEnd('/') + "/health")]);
        return self;
    }

    public void Break(int route) => _broken[new Uri(Urls[route]).Port] = true;

    public void Heal(int route) => _broken.TryRemove(new Uri(Urls[route]).Port, out _);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
