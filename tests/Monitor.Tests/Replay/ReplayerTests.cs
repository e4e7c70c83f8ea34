using System.Text;
using Monitor.Replay;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;

namespace Monitor.Tests.Replay;

public sealed class ReplayerTests
{
    private const string Day = "2026-11-28T";

    // Evaluated every 10 s: two successes, then three 500s from three restaurants, then one more success.
    //   12:00:10  2 ok in the last minute                      inactive
    //   12:00:20  3 of 5 failed (60%, 3 errors)                pending
    //   12:00:30  still 3 of 5, held 10 s                      firing; incident and urgent case
    //   12:01:10  :12-:14 failures and the :31 success (3/4)   still firing
    //   12:01:20  only the :31 success is left in the minute   resolved; incident resolved
    private static readonly string[] Outage =
    [
        Line("12:00:01", 200, "r1"), Line("12:00:02", 200, "r2"),
        Line("12:00:12", 500, "r1"), Line("12:00:13", 500, "r2"), Line("12:00:14", 500, "r3"),
        Line("12:00:31", 200, "r4"), Line("12:01:40", 200, "r5"),
    ];

    [Fact]
    public void Replay_HandComputedOutage_TimelineMatches()
    {
        var result = Run(Outage);

        Assert.Equal(
        [
            ("12:00:20", "pending"), ("12:00:30", "firing"), ("12:00:30", "incident"), ("12:00:30", "case"),
            ("12:01:20", "resolved"), ("12:01:20", "incident"),
        ], result.Timeline.Select(e => (e.At.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), e.Kind)));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(new AlertFiring(At("12:00:30"), At("12:01:20")), Assert.Single(alert.Firings));
        var incident = Assert.Single(result.Incidents);
        Assert.True(incident.Urgent);
        Assert.Equal((At("12:00:30"), At("12:01:20")), (incident.OpenedAt, incident.ResolvedAt));
        Assert.Equal(new ReplayCase("urgent", At("12:00:30"), "INC-1"), Assert.Single(result.Cases));
        Assert.All(result.Google, g => Assert.Null(g.FiresAt));
        var lead = Assert.Single(result.Leads);
        Assert.Null(lead.Lead);
        Assert.Equal(7, result.Input.Replayed);
    }

    [Fact]
    public void Replay_MalformedLines_AreCountedReportedWithLineAndSkipped()
    {
        var result = Run(
        [
            Outage[0],
            "not json",
            """{"action":"checkout","restaurantId":"r1","status":200}""",
            """{"time":"2026-11-28T12:00:03Z","action":"refund","restaurantId":"r1","status":200}""",
            "",
            .. Outage[1..],
        ]);

        Assert.Equal(3, result.Input.Malformed);
        Assert.Equal(7, result.Input.Replayed);
        Assert.Equal([2L, 3L, 4L], result.Problems.Select(p => p.Line));
        Assert.All(result.Problems, p => Assert.Equal("outage.ndjson", p.Source));
        Assert.Contains("time: required", result.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("refund", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.Equal(At("12:00:30"), Assert.Single(Assert.Single(result.Alerts).Firings).At);
    }

    [Fact]
    public void Replay_LineMoreThanOneIntervalLate_IsRefusedAsOutOfOrder()
    {
        var result = Run(
        [
            .. Outage[..5],
            Line("12:00:05", 500, "r9"), // 9 s before the newest line: within the 10 s interval, recorded
            Line("12:00:03", 500, "r8"), // 11 s before: refused
            .. Outage[5..],
        ]);

        Assert.Equal(1, result.Input.OutOfOrder);
        Assert.Equal(0, result.Input.Malformed);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((7L, "out-of-order"), (problem.Line, problem.Kind));
        Assert.Equal(8, result.Input.Replayed);
    }

    [Fact]
    public void Replay_FromAndTo_LeaveOutLinesOutsideTheRange()
    {
        var settings = new ReplaySettings { Interval = TimeSpan.FromSeconds(10), From = At("12:00:10"), To = At("12:00:31") };

        var result = Run(Outage, settings);

        Assert.Equal(3, result.Input.Replayed);
        Assert.Equal(4, result.Input.OutsideRange);
        Assert.Equal(At("12:00:12"), result.Input.First);
    }

    [Fact]
    public void Replay_SeveralInputs_ContinueOneClock()
    {
        var replayer = new Replayer([Rule()], new ReplaySettings { Interval = TimeSpan.FromSeconds(10) });
        replayer.Replay("a", Stream(Outage[..4]));
        replayer.Replay("b", Stream(Outage[4..]));

        var result = replayer.Finish();

        Assert.Equal(new AlertFiring(At("12:00:30"), At("12:01:20")), Assert.Single(Assert.Single(result.Alerts).Firings));
    }

    [Fact]
    public void Replay_LineWithoutNewlineAtEnd_IsRead()
    {
        var replayer = new Replayer([Rule()], new ReplaySettings { Interval = TimeSpan.FromSeconds(10) });
        replayer.Replay("x", new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", Outage))));

        Assert.Equal(7, replayer.Finish().Input.Replayed);
    }

    [Fact]
    public void Replay_TimeSpanBeyondTheEvaluationBound_Stops()
    {
        var replayer = new Replayer([Rule()], new ReplaySettings { Interval = TimeSpan.FromSeconds(10), MaxEvaluations = 100 });
        replayer.Replay("x", Stream([Outage[0], """{"time":"2027-11-28T12:00:00Z","action":"checkout","restaurantId":"r1","status":200}"""]));

        Assert.NotNull(replayer.Stopped);
    }

    internal static AlertRule Rule() => new("checkout-down", "checkout",
        new ErrorRatioCondition(TimeSpan.FromMinutes(1), 0.5, MinErrors: 3), Severity.Critical, AlertCategory.OrdersBlocked,
        For: TimeSpan.FromSeconds(10));

    internal static string Line(string time, int status, string restaurant) =>
        $$"""{"time":"{{Day}}{{time}}Z","action":"checkout","restaurantId":"{{restaurant}}","status":{{status}}}""";

    internal static IReadOnlyList<string> OutageLines => Outage;

    internal static DateTimeOffset At(string time) => DateTimeOffset.Parse(Day + time + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static ReplayResult Run(IEnumerable<string> lines, ReplaySettings? settings = null)
    {
        var replayer = new Replayer([Rule()], settings ?? new ReplaySettings { Interval = TimeSpan.FromSeconds(10) });
        replayer.Replay("outage.ndjson", Stream(lines));
        return replayer.Finish();
    }

    private static MemoryStream Stream(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
}
