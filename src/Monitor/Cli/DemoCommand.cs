using System.CommandLine;
using Monitor.Configuration;
using Monitor.Demo;
using Monitor.Hosting;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor demo</c>: the whole flow on one machine with nothing else installed. A simulated partner
/// whose checkout starts failing after about 30 s and recovers about a minute later, watched with
/// <c>config/demo.yaml</c>; alerts land as <c>.eml</c> files.
/// </summary>
internal static class DemoCommand
{
    public const string DemoConfigPath = "config/demo.yaml";

    public static Command Create()
    {
        var duration = new Option<string?>("--duration") { Description = "Stop after this long, for example 120s (default: run until Ctrl+C)." };
        var failAfter = new Option<string>("--fail-after") { Description = "When the partner's checkout starts failing.", DefaultValueFactory = _ => "30s" };
        var failFor = new Option<string>("--fail-for") { Description = "How long it keeps failing.", DefaultValueFactory = _ => "60s" };
        var resume = new Option<bool>("--resume") { Description = "Carry on with the previous demo run's incidents and mail instead of starting clean." };
        var command = new Command("demo", "Run a simulated partner whose checkout fails for a minute, and monitor it (uses config/demo.yaml unless --config is given).");
        command.Options.Add(duration);
        command.Options.Add(failAfter);
        command.Options.Add(failFor);
        command.Options.Add(resume);
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (!TryDuration(result.GetValue(duration), "--duration", error, out var runFor)
                || !TryDuration(result.GetValue(failAfter), "--fail-after", error, out var after)
                || !TryDuration(result.GetValue(failFor), "--fail-for", error, out var during))
            {
                return ExitCodes.BadInput;
            }

            await using var partner = await SimulatedPartner.StartAsync(TimeProvider.System, after!.Value, during!.Value, cancellationToken);
            var certificate = Path.Combine(Path.GetTempPath(), $"monitor-demo-partner-{Guid.NewGuid():N}.pem");
            await File.WriteAllTextAsync(certificate, partner.CertificatePem, cancellationToken);
            try
            {
                var overrides = new Dictionary<string, string?>
                {
                    ["monitor:targets:http:0:url"] = new Uri(partner.BaseUrl, "/fulfillment").ToString(),
                    ["monitor:targets:http:1:url"] = new Uri(partner.HttpsBaseUrl, "/healthz").ToString(),
                    ["monitor:targets:http:1:caFile"] = certificate,
                    ["monitor:targets:feeds:0:source"] = new Uri(partner.BaseUrl, "/feeds/restaurants.ndjson").ToString(),
                };
                return await RunAsync(result, overrides, partner, after.Value, during.Value, runFor, result.GetValue(resume), cancellationToken);
            }
            finally
            {
                File.Delete(certificate);
            }
        });
        return command;
    }

    /// <summary>
    /// A demo shows one fault from the start: the previous run's store, mail and cases move to
    /// <c>DATA.previous</c> (replacing an older one) unless the user asks to resume.
    /// </summary>
    private static string StartClean(string dataDirectory, bool resume)
    {
        var data = Path.GetFullPath(dataDirectory).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(data) || !Directory.EnumerateFileSystemEntries(data).Any())
        {
            return $"demo: starting clean in {data}";
        }

        if (resume)
        {
            return $"demo: resuming the previous run's incidents and mail in {data} (--resume)";
        }

        var previous = data + ".previous";
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }

        Directory.Move(data, previous);
        return $"demo: starting clean; the previous run's incidents and mail were moved to {previous} (--resume keeps them)";
    }

    private static async Task<int> RunAsync(
        ParseResult result, Dictionary<string, string?> overrides, SimulatedPartner partner, TimeSpan after, TimeSpan during, TimeSpan? runFor,
        bool resume, CancellationToken cancellationToken)
    {
        var config = CommonOptions.Load(result, overrides, DemoConfigPath);
        if (config is null)
        {
            return ExitCodes.BadInput;
        }

        var output = result.InvocationConfiguration.Output;
        output.WriteLine(StartClean(config.Options.DataDirectory, resume));
        output.WriteLine($"demo: simulated partner at {partner.BaseUrl} and {partner.HttpsBaseUrl}; checkout fails from +{Duration.Format(after)} for {Duration.Format(during)}");
        output.WriteLine($"demo: status {config.Options.Web.Listen}/  metrics {config.Options.Web.Listen}/metrics  mail in {Path.GetFullPath(Path.Combine(config.Options.DataDirectory, "mail"))}");
        await using var app = MonitorHost.Build(config);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (runFor is { } limit)
        {
            stop.CancelAfter(limit);
        }

        await app.RunAsync(stop.Token);
        return ExitCodes.Ok;
    }

    private static bool TryDuration(string? text, string name, TextWriter error, out TimeSpan? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (!Duration.TryParse(text, out var parsed) || parsed <= TimeSpan.Zero)
        {
            error.WriteLine($"monitor demo: {name}: '{text}' is not a duration (examples: 90s, 2m)");
            return false;
        }

        value = parsed;
        return true;
    }
}
