namespace Monitor.Rules.Incidents;

/// <summary>The alerts of an incident, as pure functions on its state: each alert once, by fingerprint, and the headline.</summary>
internal static class IncidentMembers
{
    public static IncidentAlert? Find(IncidentState state, string fingerprint) => state.Alerts.FirstOrDefault(a => a.Fingerprint == fingerprint);

    /// <summary>The state with this alert in place of the one with its fingerprint, or added last.</summary>
    public static IncidentState Put(IncidentState state, IncidentAlert alert)
    {
        var list = state.Alerts.ToList();
        var index = list.FindIndex(a => a.Fingerprint == alert.Fingerprint);
        if (index >= 0)
        {
            list[index] = alert;
        }
        else
        {
            list.Add(alert);
        }

        return state with { Alerts = list };
    }

    /// <summary>The headline is the worst counted alert; the level never goes down within an episode.</summary>
    public static IncidentState Headline(IncidentState state)
    {
        var worst = state.Alerts.Where(a => a.Counts).OrderByDescending(a => a.Level.Rank).FirstOrDefault();
        if (worst is null)
        {
            return state;
        }

        if (worst.Level.IsWorseThan(state.Level) || worst.Fingerprint == state.Fingerprint || !state.Alerts.Any(a => a.Counts && a.Fingerprint == state.Fingerprint))
        {
            return state with
            {
                Level = IncidentLevel.Worst(state.Level, worst.Level), Rule = worst.Rule, Signal = worst.Signal, Fingerprint = worst.Fingerprint, Summary = worst.Summary,
            };
        }

        return state;
    }
}
