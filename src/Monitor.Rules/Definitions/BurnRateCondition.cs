using Monitor.Rules.Evaluation;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Definitions;

/// <summary>A pair of windows of a multi-window burn-rate alert: both must burn at <see cref="Factor"/> or faster.</summary>
/// <param name="Long">The long window (how much budget is at stake).</param>
/// <param name="Short">The short window (the burn is still going on, so the alert resets fast).</param>
/// <param name="Factor">Burn rate: how many times faster than the objective allows.</param>
public readonly record struct BurnRateWindow(TimeSpan Long, TimeSpan Short, double Factor);

/// <summary>
/// Multi-window, multi-burn-rate alert against an availability objective (the SRE workbook's method):
/// active when, for any pair, the error ratio over both the long and the short window is at least
/// <c>Factor * (1 - Objective)</c>.
/// </summary>
/// <param name="Objective">The objective, for example 0.999.</param>
/// <param name="Windows">The window pairs; see <see cref="PageWindows"/> and <see cref="TicketWindows"/>.</param>
/// <param name="MinSamples">Fewest observations in the long window for a pair to judge (default 1).</param>
/// <param name="IncludeErrorTypes">When not empty, only failures with one of these error types count.</param>
/// <param name="ExcludeErrorTypes">Failures with one of these error types do not count.</param>
/// <param name="Class">Which class of failure counts: every failure (default), infrastructure or business errors only.</param>
public sealed record BurnRateCondition(
    double Objective,
    IReadOnlyList<BurnRateWindow> Windows,
    long MinSamples = 1,
    IReadOnlyList<string>? IncludeErrorTypes = null,
    IReadOnlyList<string>? ExcludeErrorTypes = null,
    ErrorClass Class = ErrorClass.Any) : RuleCondition
{
    /// <summary>Page: 14.4x over 1h and 5m (2% of a 30-day budget in an hour), or 6x over 6h and 30m (5% in 6 hours).</summary>
    public static IReadOnlyList<BurnRateWindow> PageWindows { get; } =
    [
        new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 14.4),
        new(TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 6),
    ];

    /// <summary>Ticket: 1x over 3 days and 6 hours (10% of a 30-day budget in 3 days).</summary>
    public static IReadOnlyList<BurnRateWindow> TicketWindows { get; } =
    [
        new(TimeSpan.FromDays(3), TimeSpan.FromHours(6), 1),
    ];

    // 1 - 0.99 is not exactly 0.01 in binary: a ratio exactly at the limit must still count.
    private const double Tolerance = 1 - 1e-9;

    /// <inheritdoc />
    public override TimeSpan Lookback => Windows.Count == 0 ? TimeSpan.Zero : Windows.Max(w => w.Long > w.Short ? w.Long : w.Short);

    internal override ErrorFilter Filter => new(IncludeErrorTypes, ExcludeErrorTypes, Class);

    internal override void Declare(SeriesLayoutBuilder layout)
    {
        foreach (var pair in Windows)
        {
            layout.Window(pair.Long);
            layout.Window(pair.Short);
        }

        layout.Filter(Filter);
    }

    internal override Measurement Measure(SeriesWindow series, int filter, DateTimeOffset now)
    {
        var budget = Math.Max(1e-9, 1 - Objective);
        Measurement? best = null;
        var bestScore = double.NegativeInfinity;
        // Indexing, not foreach: an interface enumerator would allocate on every evaluation.
        for (var i = 0; i < Windows.Count; i++)
        {
            var pair = Windows[i];
            var longCounts = series.Counts(pair.Long, now.UtcTicks, filter);
            var shortCounts = series.Counts(pair.Short, now.UtcTicks, filter);
            var longBurn = longCounts.Ratio / budget;
            var shortBurn = shortCounts.Ratio / budget;
            var holds = longCounts.Samples >= Math.Max(1, MinSamples) && shortCounts.Failures > 0
                && longBurn >= pair.Factor * Tolerance && shortBurn >= pair.Factor * Tolerance;

            // Report the first holding pair, or else the pair closest to holding.
            var score = Math.Min(longBurn, shortBurn) / pair.Factor;
            if (holds || score > bestScore)
            {
                bestScore = score;
                best = new Measurement(holds, longBurn, pair.Factor, pair.Long, longCounts.Samples, longCounts.Failures,
                    Baseline: shortBurn, CountsFailures: true, NoData: longCounts.Samples == 0);
                if (holds)
                {
                    break;
                }
            }
        }

        return best ?? new Measurement(false, 0, 0, TimeSpan.Zero, NoData: true);
    }

    /// <summary>
    /// Adds the burn rate over each distinct window of the rule (long and short windows of every pair, in
    /// order) to <paramref name="into"/>; NaN for a window without observations.
    /// </summary>
    internal void BurnRates(SeriesWindow series, int filter, DateTimeOffset now, List<WindowBurnRate> into)
    {
        var budget = Math.Max(1e-9, 1 - Objective);
        var first = into.Count;
        for (var i = 0; i < Windows.Count; i++)
        {
            Add(Windows[i].Long);
            Add(Windows[i].Short);
        }

        void Add(TimeSpan window)
        {
            for (var j = first; j < into.Count; j++)
            {
                if (into[j].Window == window)
                {
                    return;
                }
            }

            var counts = series.Counts(window, now.UtcTicks, filter);
            into.Add(new WindowBurnRate(window, counts.Samples == 0 ? double.NaN : counts.Ratio / budget));
        }
    }

    internal override string Describe(in Measurement m) => Text.Invariant(
        $"burn rate {Text.Number(m.Value)}x over {Text.Span(m.Window)} ({m.Failures}/{m.Samples} failed) and {Text.Number(m.Baseline ?? 0)}x over the short window, limit {Text.Number(m.Threshold)}x of a {Text.Percent(1 - Objective)} error budget");
}
