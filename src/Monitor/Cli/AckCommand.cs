using System.CommandLine;
using Monitor.Incidents;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary><c>monitor ack INCIDENT</c>: acknowledges an incident in the daemon's store; reminders and escalation stop.</summary>
internal static class AckCommand
{
    public static Command Create()
    {
        var incident = new Argument<string>("incident") { Description = "The incident, for example INC-12 (or 12)." };
        var by = new Option<string?>("--by") { Description = "Who acknowledges (default: the current user)." };
        var comment = new Option<string?>("--comment", "-m") { Description = "A note for the timeline." };
        var command = new Command("ack", "Acknowledge an incident: reminders and escalation stop; the resolved notice is still sent. Exit 2 if there is no such incident.");
        command.Arguments.Add(incident);
        command.Options.Add(by);
        command.Options.Add(comment);
        StoreAction.Set(command, async (result, config, services, cancellationToken) =>
        {
            var text = result.GetValue(incident) ?? "";
            var error = result.InvocationConfiguration.Error;
            if (!IncidentRecord.TryParseId(text, out var id))
            {
                error.WriteLine($"monitor ack: '{text}' is not an incident id (examples: INC-12, 12)");
                return ExitCodes.BadInput;
            }

            var outcome = await services.GetRequiredService<Monitor.Incidents.Acknowledgement.Acknowledger>()
                .AcknowledgeAsync(id, result.GetValue(by) ?? IncidentCli.User(), "cli", result.GetValue(comment), cancellationToken);
            var output = result.InvocationConfiguration.Output;
            switch (outcome.Outcome)
            {
                case Monitor.Incidents.Acknowledgement.AckOutcome.NotFound:
                    error.WriteLine($"monitor ack: no incident {IncidentRecord.FormatId(id)} in {services.GetRequiredService<IMonitorStore>().Location}");
                    return ExitCodes.BadInput;
                case Monitor.Incidents.Acknowledgement.AckOutcome.AlreadyAcknowledged:
                    output.WriteLine($"{outcome.Incident!.DisplayId} was already acknowledged by {outcome.Incident.AcknowledgedBy} at {outcome.Incident.AcknowledgedAt:u}");
                    return ExitCodes.Ok;
                default:
                    var i = outcome.Incident!;
                    output.WriteLine($"{i.DisplayId} acknowledged ({i.Rule} on {i.Signal}, {i.Status.ToString().ToLowerInvariant()}): reminders and escalation stop");
                    return ExitCodes.Ok;
            }
        });
        return command;
    }
}
