using System.CommandLine;

namespace Monitor.Cli;

/// <summary><c>monitor check-config</c>: validates the configuration and lists every problem.</summary>
internal static class CheckConfigCommand
{
    public static Command Create()
    {
        var command = new Command("check-config", "Check the configuration: every problem is listed with its path; exit 2 if any.");
        command.SetAction(result =>
        {
            var config = CommonOptions.Load(result);
            if (config is null)
            {
                return ExitCodes.BadInput;
            }

            var o = config.Options;
            foreach (var warning in Ingest.Agents.QuorumRuleChecks.Warnings(o))
            {
                result.InvocationConfiguration.Output.WriteLine($"warning: {warning}");
            }

            result.InvocationConfiguration.Output.WriteLine(
                $"configuration OK: {config.ConfigPath}: {o.Targets.Http.Count} http targets, {o.Targets.Feeds.Count} feeds, {o.Rules.Count} rules");
            return ExitCodes.Ok;
        });
        return command;
    }
}
