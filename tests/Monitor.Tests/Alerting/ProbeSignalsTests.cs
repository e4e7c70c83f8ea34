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
        Assert.Equal(100, fired.Figures.Samples);
        Assert.Equal(100, metrics.Observations.WithLabels("feed:Menu", "success").Value + metrics.Observations.WithLabels("feed:Menu", "failure").Value);
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
