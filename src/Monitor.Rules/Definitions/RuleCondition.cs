using Monitor.Rules.Evaluation;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Definitions;

/// <summary>The condition of a rule. Each kind of rule is one subtype; all thresholds hold "at or beyond".</summary>
public abstract record RuleCondition
{
    /// <summary>The longest span of history the condition reads.</summary>
    public abstract TimeSpan Lookback { get; }

    /// <summary>Which failures the condition counts; null when it counts none.</summary>
    internal virtual ErrorFilter? Filter => null;

    /// <summary>Declares the windows, counters and histories the condition reads.</summary>
    internal abstract void Declare(SeriesLayoutBuilder layout);

    /// <summary>Measures the condition on one series at <paramref name="now"/>.</summary>
    internal abstract Measurement Measure(SeriesWindow series, int filter, DateTimeOffset now);

    /// <summary>A one-line description of a measurement, for messages.</summary>
    internal abstract string Describe(in Measurement measurement);
}
