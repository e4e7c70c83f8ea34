using Monitor.Web.Api;
using System.CommandLine;
using System.Globalization;
using Monitor.Configuration;
using Monitor.Incidents;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor silence add --target T --for 2h</c>, <c>list [--all]</c>, <c>expire ID</c>: silences in the daemon's store,
/// which hold the notifications and cases of matching incidents while probes and metrics go on.
/// </summary>
internal static class SilenceCommand
{
    public static Command Create()
    {
        var command = new Command("silence", "Hold notifications and cases of incidents matching a rule, target and/or category (probes and metrics go on).");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Expire());
        return command;
    }

    private static Command Add()
    {
        var rule = new Option<string?>("--rule") { Description = "Match incidents of this rule, for example checkout-errors." };
        var target = new Option<string?>("--target") { Description = "Match incidents on this target or signal, for example inventory." };
        var category = new Option<string?>("--category") { Description = "Match incidents of this category, for example orders-blocked." };
        // Not Required for the parser: a missing --for is reported by the shared checks, with the other problems and exit code 2.
        var length = new Option<string?>("--for") { Description = "How long, for example 2h or 90m (required)." };
        var reason = new Option<string?>("--reason") { Description = "Why; shown in held-notice timelines and on the API." };
        var add = new Command("add", "Add a silence now; at least one of --rule, --target, --category. Exit 2 on bad input.");
        add.Options.Add(rule);
        add.Options.Add(target);
        add.Options.Add(category);
        add.Options.Add(length);
        add.Options.Add(reason);
        StoreAction.Set(add, async (result, config, services, cancellationToken) =>
        {
            var service = services.GetRequiredService<Monitor.Incidents.SilenceService>();
            if (!SilenceRequest.TryParse(
                result.GetValue(rule), result.GetValue(target), result.GetValue(category), result.GetValue(length), result.GetValue(reason),
                OptionName, out var wanted, out var problems) || (problems = service.Unknown(wanted, OptionName)).Count > 0)
            {
                foreach (var problem in problems)
                {
                    result.InvocationConfiguration.Error.WriteLine($"monitor silence add: {problem}");
                }

                return ExitCodes.BadInput;
            }

            var silence = await service
                .AddSilenceAsync(wanted.Rule, wanted.Target, wanted.Category, wanted.Length, wanted.Reason, IncidentCli.User(), cancellationToken);
            var view = ApiSilence.From(silence, services.GetRequiredService<TimeProvider>().GetUtcNow());
            result.InvocationConfiguration.Output.WriteLine(
                $"silence {view.Id}: {Matchers(view)} until {view.EndsAt:u} ({Duration.Format(wanted.Length)}): matching incidents are held; probes and metrics go on");
            return ExitCodes.Ok;
        });
        return add;
    }

    private static Command List()
    {
        var all = new Option<bool>("--all") { Description = "Also show recent silences that have ended." };
        var list = new Command("list", "Show the silences in force, one a line: id, matchers, until, reason, by.");
        list.Options.Add(all);
        StoreAction.Set(list, async (result, config, services, cancellationToken) =>
        {
            var everything = result.GetValue(all);
            var silences = await services.GetRequiredService<IIncidentQueries>().SilencesAsync(activeOnly: !everything, cancellationToken);
            var output = result.InvocationConfiguration.Output;
            foreach (var s in silences)
            {
                output.WriteLine(Line(s));
            }

            if (silences.Count == 0)
            {
                output.WriteLine(everything ? "no silences" : "no silence in force");
            }

            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Expire()
    {
        var id = new Argument<string>("id") { Description = "The silence, as shown by monitor silence list, for example 7." };
        var expire = new Command("expire", "End a silence now; incidents it held are announced by the running daemon. Exit 1 if no such silence is in force.");
        expire.Arguments.Add(id);
        StoreAction.Set(expire, async (result, config, services, cancellationToken) =>
        {
            var text = result.GetValue(id) ?? "";
            var error = result.InvocationConfiguration.Error;
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                error.WriteLine($"monitor silence expire: '{text}' is not a silence id (the number monitor silence list shows, for example 7)");
                return ExitCodes.BadInput;
            }

            if (!await services.GetRequiredService<Monitor.Incidents.SilenceService>().ExpireSilenceAsync(number, cancellationToken))
            {
                error.WriteLine($"monitor silence expire: no silence {number} in force in {services.GetRequiredService<IMonitorStore>().Location}");
                return ExitCodes.CheckFailed;
            }

            result.InvocationConfiguration.Output.WriteLine($"silence {number} expired: incidents it held are announced by the running daemon");
            return ExitCodes.Ok;
        });
        return expire;
    }

    /// <summary>A silence field as this command line spells it.</summary>
    private static string OptionName(SilenceField field) => "--" + field.ToString().ToLowerInvariant();

    private static string Line(ApiSilence s) =>
        $"{s.Id}  {Matchers(s)}  until {s.EndsAt:u}{(s.Active ? "" : " (ended)")}  {(s.Reason.Length > 0 ? "\"" + s.Reason + "\"" : "-")}  by {s.CreatedBy}";

    private static string Matchers(ApiSilence s) => string.Join(' ', new[]
    {
        s.Rule is null ? null : "rule=" + s.Rule,
        s.Target is null ? null : "target=" + s.Target,
        s.Category is null ? null : "category=" + s.Category,
    }.OfType<string>());
}
