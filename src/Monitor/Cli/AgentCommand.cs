using System.CommandLine;
using Monitor.Agent;

namespace Monitor.Cli;

/// <summary><c>monitor agent</c>: probes the configured targets at <c>monitor:agent:location</c> and reports to the central.</summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var command = new Command("agent", "Run a probe agent: the file's targets, probed at monitor:agent:location, reported to monitor:agent:central.");
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var config = CommonOptions.Load(result);
        if (config is null)
        {
            return ExitCodes.BadInput;
        }

        var problems = AgentOptionsValidator.Validate(config.Options, config.ConfigDirectory);
        if (problems.Count > 0)
        {
            var error = result.InvocationConfiguration.Error;
            error.WriteLine($"monitor: configuration '{config.ConfigPath}' is invalid for an agent ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in problems)
            {
                error.WriteLine($"  {problem}");
            }

            return ExitCodes.BadInput;
        }

        await using var app = AgentHost.Build(config);
        try
        {
            await app.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result.InvocationConfiguration.Error.WriteLine($"monitor: the agent could not run: {e.Message}");
            return ExitCodes.CheckFailed;
        }

        return ExitCodes.Ok;
    }
}
