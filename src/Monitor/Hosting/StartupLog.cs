using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Monitor.Hosting;

/// <summary>Says, once the daemon has started, which config file it runs and where it listens.</summary>
internal static partial class StartupLog
{
    public static void Register(WebApplication app, string configPath)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Monitor.Hosting");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            LogStarted(logger, configPath, string.Join(", ", addresses));
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor started with {ConfigPath}, listening on {Addresses}")]
    private static partial void LogStarted(ILogger logger, string configPath, string addresses);
}
