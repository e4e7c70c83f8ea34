using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Alerting;
using Monitor.Metrics;
using Monitor.Probes;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;

namespace Monitor.Tests.Alerting;

public sealed class ProbeSignalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private sealed class CapturingSink : IAlertSink
    {
        public List<AlertTransition> Transitions { get; } = [];

        public Task HandleAsync(IReadOnlyList<AlertTransition> transitions, CancellationToken cancellationToken)
        {
            Transitions.AddRange(transitions);
            return Task.CompletedTask;
        }
    }

    private static (AlertEvaluator Evaluator, CapturingSink Sink, MonitorMetrics Metrics) Create(params AlertRule[] rules)
    {
        var sink = new CapturingSink();
        var metrics = new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var evaluator = new AlertEvaluator(rules, TimeSpan.FromSeconds(1), sink, metrics, new FakeTimeProvider(Now), NullLogger<AlertEvaluator>.Instance);
        return (evaluator, sink, metrics);
    }

    private static ProbeResult Feed(Dictionary<string, double> gauges) =>
        new("inventory", "feed", Now.AddSeconds(-2), TimeSpan.FromSeconds(1), true, null, "valid") { Gauges = gauges };

    [Fact]
    public async Task Record_FeedWithInvalidMenus_FiresFeedEntityErrorsForThatTypeOnly()
    {
        var (evaluator, sink, metrics) = Create(RulePresets.FeedEntityErrors());

        ProbeSignals.Record(evaluator, Feed(new()
        {
            ["entities:Menu"] = 100, ["invalid:Menu"] = 10,
            ["entities:Restaurant"] = 50, ["invalid:Restaurant"] = 0,
        }));
        await evaluator.EvaluateAsync(CancellationToken.None);

        var fired = Assert.Single(sink.Transitions);
        Assert.Equal(TransitionKind.Firing, fired.Kind);
        Assert.Equal("feed:Menu", fired.Signal);
        Assert.Equal(0.1, fired.Figures.Value, 6);
        Assert.Equal(100, metrics.Observations.WithLabels("feed:Menu", "success").Value + metrics.Observations.WithLabels("feed:Menu", "failure").Value);
    }

    private static ProbeResult FeedRun(DateTimeOffset at, long fees, long invalidFees, long stale = 0) =>
        new("inventory", "feed", at, TimeSpan.FromSeconds(1), invalidFees == 0, invalidFees == 0 ? null : "invalid", "run")
        {
            Gauges = new Dictionary<string, double>
            {
                ["entities:Fee"] = fees, ["invalid:Fee"] = invalidFees, ["entities_total"] = fees, ["stale_entities"] = stale,
            },
        };

    private static ProbeResult Unreadable(DateTimeOffset at, string reason) =>
        new("inventory", "feed", at, TimeSpan.FromSeconds(1), false, reason, "HTTP 401 from https://feeds.example/sitemap.xml");

    [Fact]
    public async Task Record_BadUploadThenCleanOne_FiresOnTheFirstAndResolvesOnTheSecond()
    {
        var time = new FakeTimeProvider(Now);
        var sink = new CapturingSink();
        var evaluator = new AlertEvaluator([RulePresets.FeedEntityErrors()], TimeSpan.FromSeconds(1), sink,
            new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()), time, NullLogger<AlertEvaluator>.Instance);

        ProbeSignals.Record(evaluator, FeedRun(time.GetUtcNow(), 12, 12));
        await evaluator.EvaluateAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(6));
        ProbeSignals.Record(evaluator, FeedRun(time.GetUtcNow(), 12, 0));
        await evaluator.EvaluateAsync(CancellationToken.None);

        Assert.Equal([TransitionKind.Firing, TransitionKind.Resolved], sink.Transitions.Select(t => t.Kind));
        Assert.All(sink.Transitions, t => Assert.Equal("feed:Fee", t.Signal));
    }

    [Fact]
    public async Task Record_UnreadableRunAfterBadOne_FiresUnreadableWithItsReasonAndKeepsTheErrorAlert()
    {
        var time = new FakeTimeProvider(Now);
        var sink = new CapturingSink();
        var evaluator = new AlertEvaluator([RulePresets.FeedEntityErrors(), RulePresets.FeedUnreadable()], TimeSpan.FromSeconds(1), sink,
            new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()), time, NullLogger<AlertEvaluator>.Instance);

        ProbeSignals.Record(evaluator, FeedRun(time.GetUtcNow(), 12, 12));
        await evaluator.EvaluateAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(15));
        ProbeSignals.Record(evaluator, Unreadable(time.GetUtcNow(), "unauthorized"));
        await evaluator.EvaluateAsync(CancellationToken.None);

        Assert.Equal(["feed-entity-errors", "feed-unreadable"], sink.Transitions.Select(t => t.Rule));
        Assert.All(sink.Transitions, t => Assert.Equal(TransitionKind.Firing, t.Kind));
        var sample = evaluator.Samples.For("inventory", Now, time.GetUtcNow().AddMinutes(1))[^1];
        Assert.Equal(("unauthorized", "HTTP 401 from https://feeds.example/sitemap.xml"), (sample.Reason, sample.Detail));

        time.Advance(TimeSpan.FromMinutes(15));
        ProbeSignals.Record(evaluator, FeedRun(time.GetUtcNow(), 12, 0));
        await evaluator.EvaluateAsync(CancellationToken.None);

        Assert.Equal(
            [("feed-entity-errors", TransitionKind.Resolved), ("feed-unreadable", TransitionKind.Resolved)],
            sink.Transitions.Skip(2).Select(t => (t.Rule, t.Kind)).Order());
    }

    [Fact]
    public async Task Record_TwoFeedTargets_JudgeTheirLatestRunsTogether()
    {
        var (evaluator, sink, _) = Create(RulePresets.FeedEntityErrors());

        ProbeSignals.Record(evaluator, FeedRun(Now, 100, 12) with { Target = "east" });
        ProbeSignals.Record(evaluator, FeedRun(Now, 100, 0) with { Target = "west" });
        await evaluator.EvaluateAsync(CancellationToken.None);

        var fired = Assert.Single(sink.Transitions);
        Assert.Equal(0.06, fired.Figures.Value, 6);
        Assert.Equal(TransitionKind.Firing, fired.Kind);
    }

    [Fact]
    public async Task Record_FeedOlderThanLimit_FiresFeedStale()
    {
        var (evaluator, sink, _) = Create(RulePresets.FeedStale());

        ProbeSignals.Record(evaluator, Feed(new() { ["feed_age_seconds"] = TimeSpan.FromHours(30).TotalSeconds }));
        await evaluator.EvaluateAsync(CancellationToken.None);

        Assert.Equal("feed-stale", Assert.Single(sink.Transitions).Rule);
    }

    [Fact]
    public void RecordProbe_FeedGauges_SetsFeedMetrics()
    {
        var metrics = new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry());

        metrics.RecordProbe(Feed(new() { ["entities:Menu"] = 100, ["invalid:Menu"] = 7, ["stale_share"] = 0.02, ["bytes"] = 4096, ["feed_age_seconds"] = 60 }));

        Assert.Equal(100, metrics.FeedEntities.WithLabels("inventory", "Menu").Value);
        Assert.Equal(7, metrics.FeedInvalidEntities.WithLabels("inventory", "Menu").Value);
        Assert.Equal(0.02, metrics.FeedStaleEntityRatio.WithLabels("inventory").Value);
        Assert.Equal(4096, metrics.FeedBytes.WithLabels("inventory").Value);
        Assert.Equal(Now.AddSeconds(-1 - 60).ToUnixTimeSeconds(), metrics.FeedLastModified.WithLabels("inventory").Value);
    }

    [Fact]
    public async Task Record_CertificateWithFewDaysLeft_FiresGaugeRuleOnTlsSignal()
    {
        var rule = new AlertRule("tls-expiry", "tls:*", new GaugeLimitCondition(14), Severity.Major, AlertCategory.None);
        var (evaluator, sink, _) = Create(rule);
        var probe = new ProbeResult("checkout", "http", Now.AddSeconds(-1), TimeSpan.FromMilliseconds(20), true, null, "status 200")
        {
            Gauges = new Dictionary<string, double> { ["tls_cert_expiry_seconds"] = TimeSpan.FromDays(9).TotalSeconds },
        };

        ProbeSignals.Record(evaluator, probe);
        await evaluator.EvaluateAsync(CancellationToken.None);

        var fired = Assert.Single(sink.Transitions);
        Assert.Equal("tls:checkout", fired.Signal);
        Assert.Equal(9, fired.Figures.Value, 6);
    }
}
