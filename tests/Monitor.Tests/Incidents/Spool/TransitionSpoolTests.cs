using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Monitor.Incidents.Spool;
using Monitor.Metrics;
using Monitor.Rules.Alerts;
using Monitor.Tests.TestSupport;
using static Monitor.Tests.Incidents.IncidentHarness;

namespace Monitor.Tests.Incidents.Spool;

public sealed class TransitionSpoolTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Load_AfterAppends_ReturnsEveryTransitionInOrderWithItsFigures()
    {
        using var dir = new TempDirectory();
        var spool = Spool(dir.Path, 10, out _, out _);
        var firing = Transition(TransitionKind.Firing, Start) with { Figures = Transition(TransitionKind.Firing, Start).Figures with { Baseline = 0.1, Value = double.NaN } };
        spool.Append([firing, Transition(TransitionKind.Resolved, Start.AddMinutes(1))]);
        spool.Append([Transition(TransitionKind.Firing, Start.AddMinutes(2), rule: "feed-stale")]);

        var loaded = Spool(dir.Path, 10, out _, out _).Load();

        Assert.Equal(["checkout-errors Firing", "checkout-errors Resolved", "feed-stale Firing"], loaded.Select(t => $"{t.Rule} {t.Kind}"));
        Assert.Equal([Start, Start.AddMinutes(1), Start.AddMinutes(2)], loaded.Select(t => t.At));
        var first = loaded[0];
        Assert.Equal(firing.Fingerprint, first.Fingerprint);
        Assert.Equal(Severity.Critical, first.Severity);
        Assert.Equal(AlertCategory.OrdersBlocked, first.Category);
        Assert.Equal(firing.Summary, first.Summary);
        Assert.Equal(TimeSpan.FromMinutes(5), first.Figures.Window);
        Assert.Equal(0.1, first.Figures.Baseline);
        Assert.True(double.IsNaN(first.Figures.Value));
        Assert.Equal(firing.Figures.TopErrorTypes, first.Figures.TopErrorTypes);
        Assert.Equal(firing.Figures.AffectedRestaurants, first.Figures.AffectedRestaurants);
    }

    [Fact]
    public void Load_TornLastLine_SkipsItWithALogLine_AndTheNextAppendStartsOnItsOwnLine()
    {
        using var dir = new TempDirectory();
        var spool = Spool(dir.Path, 10, out _, out _);
        spool.Append([Transition(TransitionKind.Firing, Start), Transition(TransitionKind.Resolved, Start.AddMinutes(1))]);
        var text = File.ReadAllText(spool.FilePath);
        File.WriteAllText(spool.FilePath, text[..(text.Length - 20)]); // the crash cut the second line

        var reopened = Spool(dir.Path, 10, out var logs, out _);
        var loaded = reopened.Load();
        reopened.Append([Transition(TransitionKind.Resolved, Start.AddMinutes(2))]);

        Assert.Equal(TransitionKind.Firing, Assert.Single(loaded).Kind);
        Assert.Contains(logs, l => l.Contains("Skipped unreadable line 2 of the transition spool", StringComparison.Ordinal));
        Assert.Equal([Start, Start.AddMinutes(2)], Spool(dir.Path, 10, out _, out _).Load().Select(t => t.At));
    }

    [Fact]
    public void Append_BeyondTheBound_WritesUpToIt_AndLogsAndCountsTheRest()
    {
        using var dir = new TempDirectory();
        var spool = Spool(dir.Path, 3, out var logs, out var metrics);

        var written = spool.Append([.. Enumerable.Range(0, 5).Select(i => Transition(TransitionKind.Firing, Start.AddMinutes(i)))]);
        var again = spool.Append([Transition(TransitionKind.Resolved, Start.AddMinutes(9))]);

        Assert.Equal(3, written);
        Assert.Equal(0, again);
        Assert.Equal(3, File.ReadAllLines(spool.FilePath).Length);
        Assert.Equal(3, metrics.SpoolOverflow.Value);
        Assert.Contains(logs, l => l.Contains("The transition spool is full (3 lines): 2 transitions are held in memory only", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_AfterMarkWritten_SkipsTheTransitionsTheStoreTook()
    {
        using var dir = new TempDirectory();
        var spool = Spool(dir.Path, 10, out _, out _);
        spool.Append([.. Enumerable.Range(0, 3).Select(i => Transition(TransitionKind.Firing, Start.AddMinutes(i)))]);

        spool.MarkWritten(2);
        var reopened = Spool(dir.Path, 10, out _, out _);
        var loaded = reopened.Load();
        reopened.Append([Transition(TransitionKind.Resolved, Start.AddMinutes(5))]);

        Assert.Equal([Start.AddMinutes(2)], loaded.Select(t => t.At));
        Assert.Equal([Start.AddMinutes(2), Start.AddMinutes(5)], Spool(dir.Path, 10, out _, out _).Load().Select(t => t.At));
    }

    [Fact]
    public void Append_AfterAnOverflow_AddsNothingUntilCleared_SoTheFileStaysInOrder()
    {
        using var dir = new TempDirectory();
        var spool = Spool(dir.Path, 2, out _, out var metrics);
        spool.Append([.. Enumerable.Range(0, 3).Select(i => Transition(TransitionKind.Firing, Start.AddMinutes(i)))]);
        spool.MarkWritten(2);

        var later = spool.Append([Transition(TransitionKind.Resolved, Start.AddMinutes(9))]);
        spool.Clear();
        var afterClear = spool.Append([Transition(TransitionKind.Resolved, Start.AddMinutes(10))]);

        Assert.Equal(0, later);
        Assert.Equal(2, metrics.SpoolOverflow.Value);
        Assert.Equal(1, afterClear);
        Assert.Equal([Start.AddMinutes(10)], Spool(dir.Path, 2, out _, out _).Load().Select(t => t.At));
    }

    [Fact]
    public void Clear_AfterAppend_RemovesTheFile_AndLoadFindsNothing()
    {
        using var dir = new TempDirectory();
        var spool = Spool(dir.Path, 10, out _, out _);
        spool.Append([Transition(TransitionKind.Firing, Start)]);

        spool.Clear();

        Assert.False(File.Exists(spool.FilePath));
        Assert.Equal(0, spool.Count);
        Assert.Empty(Spool(dir.Path, 10, out _, out _).Load());
    }

    private static TransitionSpool Spool(string directory, int capacity, out ConcurrentQueue<string> logs, out MonitorMetrics metrics)
    {
        var lines = new ConcurrentQueue<string>();
        logs = lines;
        metrics = new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var factory = LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(lines)));
        return new TransitionSpool(Path.Combine(directory, "spool"), capacity, metrics, factory.CreateLogger<TransitionSpool>());
    }
}
