using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;

namespace Monitor.RuleTesting;

/// <summary>
/// Runs one test case: replays its input series step by step into a fresh engine, evaluating after
/// every step, and compares the firing alerts with the expectations.
/// </summary>
internal static class RuleTestRunner
{
    /// <summary>Time zero of every test: a fixed date, so results do not depend on when tests run.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static RuleTestResult Run(RuleTestCase test, IReadOnlyList<AlertRule> rules, TimeSpan resolution)
    {
        var problems = new List<string>();
        if (!Durations.TryParse(test.Interval, out var interval) || interval <= TimeSpan.Zero)
        {
            return RuleTestResult.Broken(test.Name, $"interval: '{test.Interval}' is not a duration");
        }

        var inputs = new List<(InputSeries Series, IReadOnlyList<double?> Ok, IReadOnlyList<double?> Failed, IReadOnlyList<double?> Latency, IReadOnlyList<double?> Values)>();
        try
        {
            foreach (var s in test.InputSeries)
            {
                inputs.Add((s, SeriesNotation.Expand(s.Ok), SeriesNotation.Expand(s.Failed), SeriesNotation.Expand(s.LatencyMs), SeriesNotation.Expand(s.Values)));
            }
        }
        catch (FormatException e)
        {
            return RuleTestResult.Broken(test.Name, "inputSeries: " + e.Message);
        }

        var checks = new List<(TimeSpan At, AlertExpectation Expected)>();
        foreach (var expectation in test.Alerts)
        {
            if (!Durations.TryParse(expectation.At, out var at))
            {
                return RuleTestResult.Broken(test.Name, $"alerts: '{expectation.At}' is not a duration");
            }

            checks.Add((at, expectation));
        }

        var steps = Math.Max(
            inputs.Count == 0 ? 0 : inputs.Max(i => Math.Max(Math.Max(i.Ok.Count, i.Failed.Count), i.Values.Count)),
            checks.Count == 0 ? 0 : (int)(checks.Max(c => c.At.Ticks) / interval.Ticks) + 1);
        var engine = new RuleEngine(rules, resolution);
        var firing = new SortedDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var firstFiring = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var failures = new List<string>();
        var counters = new int[inputs.Count];
        checks.Sort((a, b) => a.At.CompareTo(b.At));
        var next = 0;
        for (var step = 0; step < steps; step++)
        {
            var offset = interval * step;
            var now = Epoch + offset;
            for (var i = 0; i < inputs.Count; i++)
            {
                counters[i] = Replay(engine, inputs[i], step, now, counters[i]);
            }

            foreach (var t in engine.Evaluate(now))
            {
                var label = t.Signal == rules.First(r => r.Name == t.Rule).Signal ? t.Rule : $"{t.Rule}{{{t.Signal}}}";
                if (t.Kind == TransitionKind.Firing)
                {
                    firing[label] = offset;
                    firstFiring.TryAdd(label, offset);
                }
                else if (t.Kind == TransitionKind.Resolved)
                {
                    firing.Remove(label);
                }
            }

            while (next < checks.Count && (step == steps - 1 || checks[next].At < offset + interval))
            {
                Compare(checks[next].At, checks[next].Expected, firing.Keys, failures);
                next++;
            }
        }

        return new RuleTestResult(test.Name, failures.Count == 0, failures,
            [.. firstFiring.OrderBy(f => f.Value).Select(f => (f.Key, f.Value))]);
    }

    /// <summary>Capitals name a business error type; lower case a failure reason (an infrastructure error).</summary>
    private static bool IsBusiness(string? errorType) => errorType is { Length: > 0 } && !char.IsLower(errorType[0]);

    private static int Replay(
        RuleEngine engine,
        (InputSeries Series, IReadOnlyList<double?> Ok, IReadOnlyList<double?> Failed, IReadOnlyList<double?> Latency, IReadOnlyList<double?> Values) input,
        int step, DateTimeOffset now, int counter)
    {
        var s = input.Series;
        if (step < input.Values.Count && input.Values[step] is { } value)
        {
            engine.RecordGauge(s.Signal, now, value);
        }

        var ok = step < input.Ok.Count ? (long)(input.Ok[step] ?? 0) : 0;
        var failed = step < input.Failed.Count ? (long)(input.Failed[step] ?? 0) : 0;
        var latency = step < input.Latency.Count && input.Latency[step] is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;
        if (s.Restaurants <= 0 && latency == TimeSpan.Zero)
        {
            // Plain counts (feed entities, for example) go in at once.
            if (ok + failed > 0)
            {
                engine.RecordCounts(s.Signal, now, ok, failed, s.ErrorType ?? "error", businessError: IsBusiness(s.ErrorType));
            }

            return counter;
        }

        for (var k = 0; k < ok; k++)
        {
            engine.Record(new Observation(s.Signal, now, true, Latency: latency));
        }

        for (var k = 0; k < failed; k++)
        {
            var restaurant = s.Restaurants > 0 ? "restaurant-" + (counter++ % s.Restaurants) : null;
            engine.Record(IsBusiness(s.ErrorType)
                ? new Observation(s.Signal, now, false, "error", latency, s.ErrorType, restaurant)
                : new Observation(s.Signal, now, false, s.ErrorType ?? "error", latency, null, restaurant));
        }

        return counter;
    }

    private static void Compare(TimeSpan at, AlertExpectation expected, IEnumerable<string> actual, List<string> failures)
    {
        var missing = expected.Firing.Except(actual, StringComparer.Ordinal).ToList();
        var unexpected = actual.Except(expected.Firing, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return;
        }

        failures.Add($"at {Durations.Format(at)}:");
        failures.AddRange(missing.Select(m => $"  - {m}    (expected firing, is not)"));
        failures.AddRange(unexpected.Select(u => $"  + {u}    (firing, not expected)"));
    }
}
