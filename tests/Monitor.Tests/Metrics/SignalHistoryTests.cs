using Microsoft.Extensions.Time.Testing;
using Monitor.Metrics;
using Monitor.Rules.Observations;

namespace Monitor.Tests.Metrics;

public sealed class SignalHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Points_ObservationsOverTwoMinutes_OnePointPerMinuteWithRatioAndLatency()
    {
        var time = new FakeTimeProvider(Start);
        var history = new SignalHistory();
        Record(history, time, success: true, latencyMs: 100);
        Record(history, time, success: false, latencyMs: 300);
        time.Advance(TimeSpan.FromMinutes(1));
        Record(history, time, success: false, latencyMs: 50);

        var points = history.Points("checkout", time.GetUtcNow(), TimeSpan.FromHours(6));

        Assert.Equal(2, points.Count);
        Assert.Equal(new MinutePoint(Start, 2, 1, 0.4, 0.3), points[0]);
        Assert.Equal(0.5, points[0].ErrorRatio);
        Assert.Equal(0.2, points[0].MeanLatencySeconds, 9);
        Assert.Equal(Start.AddMinutes(1), points[1].Minute);
        Assert.Equal(1, points[1].ErrorRatio);
        Assert.Equal(time.GetUtcNow(), history.LastSeen("checkout"));
    }

    [Fact]
    public void Points_AfterSixHours_OldMinutesAreGoneAndMemoryIsReused()
    {
        var time = new FakeTimeProvider(Start);
        var history = new SignalHistory();
        for (var minute = 0; minute < SignalHistory.Minutes + 30; minute++)
        {
            Record(history, time, success: minute % 2 == 0, latencyMs: 10);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var points = history.Points("checkout", time.GetUtcNow(), TimeSpan.FromHours(6));

        Assert.Equal(SignalHistory.Minutes - 1, points.Count);
        Assert.Equal(Start.AddMinutes(31), points[0].Minute);
        Assert.All(points, p => Assert.Equal(1, p.Samples));
    }

    [Fact]
    public void Record_LateObservationForAMinuteAlreadyReused_IsIgnored()
    {
        var time = new FakeTimeProvider(Start.AddHours(7));
        var history = new SignalHistory();
        Record(history, time, success: true, latencyMs: 10);

        history.Record(new Observation("checkout", Start.AddHours(1), false));

        var point = Assert.Single(history.Points("checkout", time.GetUtcNow(), TimeSpan.FromHours(6)));
        Assert.Equal(0, point.Failures);
    }

    [Fact]
    public void Record_MoreSignalsThanTheBound_KeepsTheFirstOnes()
    {
        var history = new SignalHistory();
        for (var i = 0; i < SignalHistory.MaxSignals + 10; i++)
        {
            history.Record(new Observation($"signal-{i:D4}", Start, true));
        }

        Assert.Equal(SignalHistory.MaxSignals, history.Signals.Count);
        Assert.Empty(history.Points($"signal-{SignalHistory.MaxSignals + 5:D4}", Start, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Record_BatchOfTwoSignals_CountsEachSignalSeparately()
    {
        var history = new SignalHistory();
        Observation[] batch =
        [
            new("submit_order", Start, true), new("submit_order", Start, false), new("checkout", Start, false),
            new("submit_order", Start.AddSeconds(61), false),
        ];

        history.Record(batch);

        var submit = history.Points("submit_order", Start.AddMinutes(2), TimeSpan.FromHours(1));
        Assert.Equal([(2L, 1L), (1L, 1L)], submit.Select(p => (p.Samples, p.Failures)));
        Assert.Equal(1, Assert.Single(history.Points("checkout", Start.AddMinutes(2), TimeSpan.FromHours(1))).Failures);
    }

    [Fact]
    public void RecordCounts_FeedValidation_AddsAllEntitiesToThatMinute()
    {
        var history = new SignalHistory();
        history.Record(new Observation("feed:Menu", Start.AddSeconds(5), true));

        history.RecordCounts("feed:Menu", Start.AddSeconds(30), successes: 93, failures: 7);
        history.RecordCounts("feed:Menu", Start.AddSeconds(40), successes: 0, failures: 0);

        history.RecordCounts("feed:Fee", Start.AddSeconds(30), successes: 0, failures: 0);

        var point = Assert.Single(history.Points("feed:Menu", Start.AddMinutes(1), TimeSpan.FromHours(1)));
        Assert.Equal((101L, 7L), (point.Samples, point.Failures));
        Assert.DoesNotContain("feed:Fee", history.Signals);
    }

    private static void Record(SignalHistory history, FakeTimeProvider time, bool success, int latencyMs) =>
        history.Record(new Observation("checkout", time.GetUtcNow(), success, success ? null : "status", TimeSpan.FromMilliseconds(latencyMs)));
}
