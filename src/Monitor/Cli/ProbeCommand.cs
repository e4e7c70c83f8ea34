using System.CommandLine;
using System.Globalization;
using Monitor.Hosting;
using Monitor.Probes;

namespace Monitor.Cli;

/// <summary><c>monitor probe NAME</c>: runs one target's probe now and prints the result.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The target name from the configuration." };
        var command = new Command("probe", "Probe one target once and print the result; exit 0 if it passed, 1 if it failed.");
        command.Arguments.Add(name);
        command.SetAction(async (result, cancellationToken) =>
        {
            var config = CommonOptions.Load(result);
            if (config is null)
            {
                return ExitCodes.BadInput;
            }

            await using var app = MonitorHost.Build(config);
            var catalog = app.Services.GetRequiredService<ProbeCatalog>();
            var target = result.GetValue(name) ?? "";
            if (!catalog.TryGet(target, out var probe))
            {
                result.InvocationConfiguration.Error.WriteLine(
                    $"monitor: no target named '{target}' (targets: {string.Join(", ", catalog.All.Select(p => p.Name).Order(StringComparer.Ordinal))})");
                return ExitCodes.BadInput;
            }

            var outcome = await probe.RunAsync(cancellationToken);
            var output = result.InvocationConfiguration.Output;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{outcome.Target} ({outcome.Kind}): {(outcome.Success ? "OK" : "FAILED")}{(outcome.Success ? "" : $" [{outcome.Reason}]")} in {outcome.Duration.TotalMilliseconds:0} ms: {outcome.Detail}"));
            foreach (var (key, value) in outcome.Gauges.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key} = {value}"));
            }

            return outcome.Success ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }
}
