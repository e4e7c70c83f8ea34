using System.CommandLine;

namespace Monitor.Cli;

/// <summary>The <c>monitor</c> command line: one subcommand per file in this folder.</summary>
internal static class MonitorCommandLine
{
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var root = Build();
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A mistyped command or option, or a missing value, is bad input like a bad config: exit 2, not the parser's 1.
            foreach (var problem in parsed.Errors)
            {
                configuration.Error.WriteLine($"monitor: {problem.Message}");
            }

            configuration.Error.WriteLine("Run 'monitor --help' (or 'monitor COMMAND --help') for the commands and their options.");
            return Task.FromResult(ExitCodes.BadInput);
        }

        return parsed.InvokeAsync(configuration, cancellationToken);
    }

    public static RootCommand Build()
    {
        var root = new RootCommand("Monitor: watches a Google Ordering End-to-End integration, alerts early, opens urgent cases. " + ExitCodes.Help);
        root.Options.Add(CommonOptions.Config);
        root.SetAction(RunCommand.RunAsync);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CheckConfigCommand.Create());
        root.Subcommands.Add(ProbeCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(TestRulesCommand.Create());
        root.Subcommands.Add(ValidateFeedCommand.Create());
        root.Subcommands.Add(AckCommand.Create());
        root.Subcommands.Add(MaintenanceCommand.Create());
        root.Subcommands.Add(SilenceCommand.Create());
        root.Subcommands.Add(NotifyTestCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        return root;
    }
}
