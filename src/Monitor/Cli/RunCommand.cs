using System.CommandLine;
using Monitor.Hosting;

namespace Monitor.Cli;

/// <summary><c>monitor run</c> (the default): runs the daemon until stopped.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the daemon (the default when no subcommand is given).");
        command.SetAction(RunAsync);
        return command;
    }

    public static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var config = CommonOptions.Load(result);
        if (config is null)
        {
            return ExitCodes.BadInput;
        }

        if (ListenAddressCheck.Problem(config.Options.Web.Listen) is { } problem)
        {
            result.InvocationConfiguration.Error.WriteLine($"monitor: the daemon could not run: {problem}");
            return ExitCodes.CheckFailed;
        }

        await using var app = MonitorHost.Build(config);
        try
        {
            await app.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The host has logged the details; one line says why the daemon is not running (a service manager restarts it).
            result.InvocationConfiguration.Error.WriteLine($"monitor: the daemon could not run: {e.Message}");
            return ExitCodes.CheckFailed;
        }

        return ExitCodes.Ok;
    }
}
