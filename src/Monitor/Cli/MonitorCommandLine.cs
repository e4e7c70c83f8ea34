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
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
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
        return root;
    }
}
