using Monitor.Configuration;

namespace Monitor;

/// <summary>What the daemon's and the agent's web hosts share.</summary>
internal static class WebHostDefaults
{
    /// <summary>The web host both the daemon and the agent run on: Kestrel on <paramref name="listen"/>, one-line UTC logs, systemd.</summary>
    public static WebApplicationBuilder CreateBuilder(LoadedConfig config, string listen)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddConfiguration(config.Configuration);
        builder.WebHost.UseKestrelCore().UseUrls(listen);
        builder.Services.AddRoutingCore();
        builder.Logging.AddConfiguration(config.Configuration.GetSection("logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // A start that fails (the port in use, another daemon on the store) is said in one line by the command; the host's
        // own "Hosting failed to start" would add kilobytes of stack trace. Its critical messages (a service that died) stay.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Error);

        // Under systemd (config/systemd/monitor.service, Type=notify): tell it when the host has started and when it stops,
        // and log in the journal's format. Elsewhere this does nothing.
        builder.Services.AddSystemd();
        return builder;
    }
}
