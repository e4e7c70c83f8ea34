using Monitor.Web.Api;
using System.CommandLine;
using Monitor.Configuration;
using Monitor.Incidents;

namespace Monitor.Cli;

/// <summary><c>monitor maintenance start --for 2h --reason ...</c>, <c>stop</c>, <c>status</c>: ad hoc maintenance windows in the daemon's store.</summary>
internal static class MaintenanceCommand
{
    public static Command Create()
    {
        var command = new Command("maintenance", "Hold notifications and cases during maintenance (probes and metrics go on).");
        var length = new Option<string>("--for") { Description = "How long, for example 2h or 90m.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why; shown in messages and on the API.", DefaultValueFactory = _ => "" };
        var start = new Command("start", "Start an ad hoc maintenance window now.");
        start.Options.Add(length);
        start.Options.Add(reason);
        StoreAction.Set(start, async (result, config, services, cancellationToken) =>
        {
            var text = result.GetValue(length);
            if (!Duration.TryParse(text, out var span) || span <= TimeSpan.Zero)
            {
                result.InvocationConfiguration.Error.WriteLine($"monitor maintenance start: --for '{text}' is not a positive duration (examples: 30m, 2h)");
                return ExitCodes.BadInput;
            }

            var row = await services.GetRequiredService<Monitor.Incidents.Maintenance.MaintenanceService>().StartMaintenanceAsync(span, result.GetValue(reason) ?? "", IncidentCli.User(), cancellationToken);
            var output = result.InvocationConfiguration.Output;
            output.WriteLine($"maintenance until {row.EndsAt:u} ({Duration.Format(span)}): notifications and cases are held; what resolves meanwhile is not sent afterwards");
            var limit = Duration.Parse(config.Options.Maintenance.PauseReminderAfter);
            if (limit > TimeSpan.Zero && span > limit)
            {
                output.WriteLine($"longer than {Duration.Format(limit)}: pause the integration in the partner portal (a reminder e-mail is queued)");
            }

            return ExitCodes.Ok;
        });

        var stop = new Command("stop", "End every maintenance window in force now; held notices of open incidents are released.");
        StoreAction.Set(stop, async (result, config, services, cancellationToken) =>
        {
            var count = await services.GetRequiredService<Monitor.Incidents.Maintenance.MaintenanceService>().StopMaintenanceAsync(IncidentCli.User(), cancellationToken);
            result.InvocationConfiguration.Output.WriteLine(count == 0 ? "no maintenance window was in force" : $"ended {count} maintenance window{(count == 1 ? "" : "s")}");
            return ExitCodes.Ok;
        });

        var status = new Command("status", "Show the windows in force and the next scheduled one; exit 0 if maintenance is on, 1 if not.");
        StoreAction.Set(status, async (result, config, services, cancellationToken) =>
        {
            var view = await services.GetRequiredService<IIncidentQueries>().MaintenanceAsync(cancellationToken);
            var output = result.InvocationConfiguration.Output;
            foreach (var w in view.Windows)
            {
                output.WriteLine($"in force: {w.Source} {w.StartsAt:u} .. {w.EndsAt:u}{(w.Reason.Length > 0 ? " (" + w.Reason + ")" : "")}");
            }

            if (view.Windows.Count == 0)
            {
                output.WriteLine("no maintenance in force");
            }

            if (view.NextScheduled is { } next)
            {
                output.WriteLine($"next scheduled: {next.Source} {next.StartsAt:u} .. {next.EndsAt:u}");
            }

            return view.Active ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });

        command.Subcommands.Add(start);
        command.Subcommands.Add(stop);
        command.Subcommands.Add(status);
        return command;
    }
}
