using System.CommandLine;
using Monitor.Configuration;
using Monitor.Incidents;

namespace Monitor.Cli;

/// <summary>The action shape of the commands that work on the daemon's store (ack, maintenance, silence, notify-test).</summary>
internal static class StoreAction
{
    /// <summary>
    /// Sets <paramref name="command"/>'s action: load the config (exit 2 if it is unusable), open the daemon's
    /// store with the incident services, run <paramref name="action"/>, then close the store.
    /// </summary>
    public static void Set(Command command, Func<ParseResult, LoadedConfig, ServiceProvider, CancellationToken, Task<int>> action) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            var config = CommonOptions.Load(result);
            if (config is null)
            {
                return ExitCodes.BadInput;
            }

            await using var services = IncidentCli.Build(config.Options);
            return await action(result, config, services, cancellationToken);
        });
}
